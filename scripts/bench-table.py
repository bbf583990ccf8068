#!/usr/bin/env python3
"""Prints scripts/bench.sh's table from the results it left in one directory.

hyperfine's JSON (start-up and listing) and /usr/bin/time lines (transfers: tool, wall s,
max RSS KiB, user s, sys s) become medians per tool, with awsctl's ratio to each peer: a
peer's time divided by awsctl's (above 1: awsctl is faster); every transfer row shows each
tool's peak RSS and CPU time (user + system), and how much less of each awsctl used. For transfers, curl is the
loopback limit: the same server moving the same bytes with nothing signed or checked, and
awsctl's ratio to it is its time divided by curl's (the target is within 2x).
"""

import json
import os
import shlex
import statistics
import sys

results = sys.argv[1]
PEERS = {
    "aws": "aws CLI 1.45.11",
    "aws_completer": "aws_completer 1.45.11",
    "s5cmd": "s5cmd 2.3",
    "bash": "curl (server pace)",
}
GIB = 1024**3


def tool_of(command):
    """The program a command runs, past `env` and its NAME=value words."""
    words = shlex.split(command)
    if words[0] == "env":
        words = [w for w in words[1:] if "=" not in w]
    return os.path.basename(words[0])


def machine():
    load = " ".join(open("/proc/loadavg").read().split()[:3])
    return f"machine: {os.cpu_count()} cores, load {load}"


def timed(name, title):
    path = f"{results}/{name}.json"
    if not os.path.exists(path):
        return
    runs = json.load(open(path))["results"]
    ours = runs[0]

    def cpu(r):
        return (r["user"] + r["system"]) * 1000

    if len(runs) == 1:
        print(f"{title:34} {ours['median'] * 1000:9.1f} ms   cpu {cpu(ours):.0f} ms")

    for other in runs[1:]:
        peer = PEERS[tool_of(other["command"])]
        ratio = other["median"] / ours["median"]
        print(
            f"{title:34} {ours['median'] * 1000:9.1f} ms {peer:>18} {other['median'] * 1000:9.1f} ms"
            f" {ratio:7.2f}x   cpu {cpu(ours):.0f} ms vs {cpu(other):.0f} ms"
        )


def transfers(name, title, size):
    path = f"{results}/{name}.tsv"
    if not os.path.exists(path):
        return
    rows = {}
    for line in open(path):
        tool, wall, rss, user, system = line.split("\t")
        rows.setdefault(tool, []).append((float(wall), int(rss), float(user) + float(system)))

    def med(tool, i):
        return statistics.median(r[i] for r in rows[tool])

    ours = med("awsctl", 0)

    def describe(tool):
        wall, rss, cpu = med(tool, 0), med(tool, 1), med(tool, 2)
        rate = f"{size / wall / 1024**2:7.0f} MiB/s" if size else ""
        return f"{wall:8.2f} s {rate} rss {rss / 1024:6.0f} MiB cpu {cpu:6.2f} s"

    print(f"{title:34} awsctl {describe('awsctl')}")
    for tool in ("s5cmd", "aws", "curl"):
        if tool not in rows:
            continue
        if tool == "curl":
            note = f"awsctl takes {ours / med(tool, 0):.2f}x the loopback limit (target <= 2x)"
        else:
            cpu = med("awsctl", 2)
            note = (
                f"awsctl {med(tool, 0) / ours:.2f}x faster, "
                f"{med(tool, 1) / med('awsctl', 1):.2f}x less memory, "
                f"{med(tool, 2) / cpu if cpu else float('inf'):.2f}x less cpu"
            )
        print(f"{'':34} {tool:6} {describe(tool)}   {note}")


print(machine())
print("medians; ratio = peer time / awsctl time (above 1: awsctl is faster)")
timed("version", "start-up: --version")
timed("identity", "start-up: sts get-caller-identity")
timed("buckets", "start-up: s3 ls (buckets)")
timed("vpcs", "model-driven: ec2 describe-vpcs")
timed("tables", "model-driven: dynamodb list-tables")
timed("complete", "completion: ec2 options (< 20 ms)")
timed("help", "help: ec2 describe-instances")


def sizes():
    def read(name):
        path = f"{results}/{name}"
        return open(path).read().strip() if os.path.exists(path) else None

    binary, models, load = read("binary-size"), read("models-size"), read("model-load")
    if binary:
        print(f"{'binary size':34} {int(binary) / 1024**2:9.1f} MiB (embedded models: "
              f"{int(models or 0) / 1024**2:.1f} MiB; budget: growth <= 15 MiB)")
    if load:
        print(f"{'ec2 model load':34} {load}")


sizes()
timed("list10k", "s3 ls --recursive, 10,000 keys")
transfers("up1g", "1 GiB upload", GIB)
transfers("down1g", "1 GiB download", GIB)
transfers("up100m", "100 MiB upload", 100 * 1024**2)
transfers("down100m", "100 MiB download", 100 * 1024**2)
transfers("up1k", "1000 x 10 KiB upload", 1000 * 10240)
transfers("down1k", "1000 x 10 KiB download", 1000 * 10240)
