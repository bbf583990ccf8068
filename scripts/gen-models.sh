#!/usr/bin/env bash
# Regenerates the processed service models (models/*.zst), their catalog
# (src/model/catalog.rs) and models/partitions.json from the pinned botocore release, or, with
# --check, fails when the committed files differ from what that release gives (scripts/test.sh
# runs the check).
#
# The botocore wheel is downloaded from PyPI once, checked against its pinned SHA-256, and
# unpacked into the test-peer cache (${AWSCTL_PEERS_DIR:-~/.cache/awsctl-test}).
#
# Usage: scripts/gen-models.sh [--check]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

BOTOCORE_VERSION=1.43.67
WHEEL_SHA256=48ab8e9fac26fbc2a700d57010251003e6a5f731cf74d8540fb796bc8f3fc0ef
CACHE="${AWSCTL_PEERS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/awsctl-test}"
dir="$CACHE/botocore-$BOTOCORE_VERSION"

if [ ! -f "$dir/.complete" ]; then
  echo "gen-models: fetching botocore $BOTOCORE_VERSION from PyPI into $dir" >&2
  rm -rf "$dir"
  mkdir -p "$dir"
  python3 -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
    -d "$dir" "botocore==$BOTOCORE_VERSION"
  wheel="$dir/botocore-$BOTOCORE_VERSION-py3-none-any.whl"
  echo "$WHEEL_SHA256  $wheel" | sha256sum --check --quiet
  python3 - "$wheel" "$dir" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel:
    wheel.extractall(sys.argv[2], [n for n in wheel.namelist() if n.startswith("botocore/data/")])
PY
  touch "$dir/.complete"
fi

cargo run --quiet --release -p xtask -- models "$dir/botocore/data" . "$@"
