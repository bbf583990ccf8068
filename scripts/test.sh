#!/usr/bin/env bash
# The whole test suite, from a fresh clone, exactly as CI runs it (.ci/run calls this):
#   1. install the test peers (moto, s3s-fs) into a cache outside the clone when missing;
#   2. cargo fmt --check, the code-shape rules (scripts/layout-check.py: no function over 80
#      lines, no import cycle in credentials/, commands/s3/, http/), the generated models checked against botocore's
#      (scripts/gen-models.sh --check), cargo clippy (all targets, warnings denied), cargo test.
# Every check runs even after one fails, so one run shows every problem; the exit status is
# non-zero if any failed. cargo's own output, test summaries included, is passed through.
#
# Environment:
#   AWSCTL_PEERS_DIR   where the peers live (default ~/.cache/awsctl-test); the tests read it.
#   RUST_TEST_THREADS  tests run at once per test binary (libtest's default: one per core).
#                      Tests start servers (moto costs ~1 s of CPU), so more threads than
#                      cores buys nothing on the 2-core CI machines.
#   CI                 when set (not "false" or "0"), snapshots are never written: a missing
#                      or changed snapshot (tests/it/snapshots) fails the test, nothing else.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Without the peers no test can run: stop here if the install fails.
peers_dir="$(bash scripts/install-peers.sh | tail -n 1)" || {
  echo "test.sh: installing the test peers failed" >&2
  exit 1
}
export AWSCTL_PEERS_DIR="$peers_dir"
echo "test.sh: test peers in $AWSCTL_PEERS_DIR"

# insta already writes nothing when it sees CI; say so explicitly, and let no inherited
# INSTA_UPDATE=always or INSTA_FORCE_PASS turn a failing snapshot into a passing one.
case "${CI:-}" in
  "" | false | 0) ;;
  *)
    export INSTA_UPDATE=no
    unset INSTA_FORCE_PASS
    ;;
esac

failed=()
step() {
  local name=$1
  shift
  local start=$SECONDS
  echo "==> $name: $*"
  if "$@"; then
    echo "==> $name: ok ($((SECONDS - start)) s)"
  else
    echo "==> $name: FAILED ($((SECONDS - start)) s)"
    failed+=("$name")
  fi
}

step fmt cargo fmt --all --check
step layout python3 scripts/layout-check.py
step models bash scripts/gen-models.sh --check
step clippy cargo clippy --locked --all-targets -- -D warnings
# --all-targets leaves out doctests, hence a second run for them when there is a library.
step test cargo test --locked --all-targets --no-fail-fast
if [ -f src/lib.rs ]; then
  step doctest cargo test --locked --doc --no-fail-fast
fi

if [ ${#failed[@]} -gt 0 ]; then
  echo "test.sh: FAILED: ${failed[*]}"
  exit 1
fi
echo "test.sh: all checks passed"
