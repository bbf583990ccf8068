#!/usr/bin/env bash
# Installs the pinned test peers (moto server, s3s-fs) into a cache outside the clone.
# Idempotent: each peer is skipped when already present at its pinned version.
# Concurrent runs (two clones, two terminals) wait for each other instead of clobbering.
# Prints the cache directory on stdout's last line.
#
# Usage: install-peers.sh [PEER...]   PEER: moto, s3s-fs, awscli (default: all of them)
# awscli is the AWS CLI itself, the oracle that output is compared with side by side.
set -euo pipefail

wanted=" ${*:-moto s3s-fs awscli} "
want() { [[ "$wanted" == *" $1 "* ]]; }

MOTO_VERSION=5.2.5
AWSCLI_VERSION=1.45.11
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

moto_dir="$CACHE/moto-$MOTO_VERSION"
# The interpreter check catches a venv whose base Python went away (pyenv upgrade).
if ! want moto; then
  :
elif [ -x "$moto_dir/bin/moto_server" ] && [ -f "$moto_dir/.complete" ] &&
  "$moto_dir/bin/python" -c '' 2>/dev/null; then
  log "moto $MOTO_VERSION present in $moto_dir"
else
  log "installing moto[server]==$MOTO_VERSION into $moto_dir (about a minute)"
  rm -rf "$moto_dir"
  python3 -m venv "$moto_dir"
  "$moto_dir/bin/pip" install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION"
  touch "$moto_dir/.complete"
fi

awscli_dir="$CACHE/awscli-$AWSCLI_VERSION"
if ! want awscli; then
  :
elif [ -x "$awscli_dir/bin/aws" ] && [ -f "$awscli_dir/.complete" ] &&
  "$awscli_dir/bin/python" -c '' 2>/dev/null; then
  log "awscli $AWSCLI_VERSION present in $awscli_dir"
else
  log "installing awscli==$AWSCLI_VERSION into $awscli_dir"
  rm -rf "$awscli_dir"
  python3 -m venv "$awscli_dir"
  "$awscli_dir/bin/pip" install --quiet --disable-pip-version-check "awscli==$AWSCLI_VERSION"
  touch "$awscli_dir/.complete"
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
