#!/usr/bin/env python3
"""Run commands side by side, in turns, and print the median wall-clock and CPU time of each.

CPU time (user + system, of the command and its children) is the steadier figure on a machine
shared with other work: it counts what the command did, not how long it waited for a core. The
commands take turns (A, B, C, A, B, C, ...), so a change in the machine's load falls on all of
them alike, and the ratio of their medians compares like with like.

    python3 benches/cpu.py --runs 10 --warmup 1 \
        --name "ties compare" "target/release/ties compare DIR --format csv" \
        --name "python parse" "python3 benches/parse_yaml.py DIR --years 2024 2025"

Each command's output goes to /dev/null. Prints one line per command, then each command's
ratio to the first; with --json FILE also writes the figures (every run's times) as JSON.
"""

import argparse
import json
import os
import resource
import shlex
import statistics
import subprocess
import sys
import time


def run_once(argv):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(f"error: `{shlex.join(argv)}` failed with exit code {done.returncode}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def shown(seconds):
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.3f} s"


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=10)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--json", help="also write the figures to this file")
    p.add_argument("--name", nargs=2, action="append", metavar=("NAME", "COMMAND"), required=True)
    args = p.parse_args()
    commands = [(name, shlex.split(cmd)) for name, cmd in args.name]
    for _ in range(args.warmup):
        for _, argv in commands:
            run_once(argv)
    runs = {name: [] for name, _ in commands}
    for _ in range(args.runs):
        for name, argv in commands:
            runs[name].append(run_once(argv))
    medians = {}
    for name, _ in commands:
        wall = statistics.median(w for w, _ in runs[name])
        cpu = statistics.median(c for _, c in runs[name])
        lo = min(c for _, c in runs[name])
        hi = max(c for _, c in runs[name])
        medians[name] = (wall, cpu)
        print(f"{name}: median wall {shown(wall)}, median CPU {shown(cpu)} "
              f"(CPU {shown(lo)} to {shown(hi)}, {args.runs} runs)")
    first = commands[0][0]
    for name, _ in commands[1:]:
        print(f"{first} / {name}: wall {medians[first][0] / medians[name][0]:.3f}, "
              f"CPU {medians[first][1] / medians[name][1]:.3f}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({
                "load_average": os.getloadavg(),
                "commands": [
                    {"name": name, "command": shlex.join(argv),
                     "wall": [w for w, _ in runs[name]], "cpu": [c for _, c in runs[name]],
                     "median_wall": medians[name][0], "median_cpu": medians[name][1]}
                    for name, argv in commands
                ],
            }, f, indent=1)


if __name__ == "__main__":
    main()
