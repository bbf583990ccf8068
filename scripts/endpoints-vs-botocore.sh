#!/usr/bin/env bash
# Side by side: the endpoint awsctl's rules choose and the one botocore (the AWS CLI's, from
# the test peers) chooses, for every case of tests/data/endpoint-side-by-side.json. A case
# agrees when botocore's URL starts with awsctl's (botocore adds the operation's path), or
# when both refuse it with the same message. Prints each disagreement; exit 1 if any.
#
# Usage: scripts/endpoints-vs-botocore.sh   (needs `bash scripts/install-peers.sh awscli`)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
CACHE="${AWSCTL_PEERS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/awsctl-test}"
python=$(ls -d "$CACHE"/awscli-*/bin/python | tail -1)
cases=tests/data/endpoint-side-by-side.json

ours=$(cargo run --quiet --example endpoints_for_cases -- "$cases")
theirs=$("$python" scripts/endpoints-botocore.py "$cases")
paste -d '\t' <(echo "$ours") <(echo "$theirs") | awk -F '\t' '
  {
    agree = 0
    if (substr($1, 1, 6) == "ERROR ") {
      agree = $1 == $2
    } else {
      agree = index($2, $1) == 1
    }
    if (!agree) { bad++; printf "case %d differs:\n  awsctl:   %s\n  botocore: %s\n", NR, $1, $2 }
  }
  END { printf "%d cases, %d differ\n", NR, bad + 0; exit bad > 0 }'
