#!/usr/bin/env python3
"""Parse YAML files below a folder with libyaml, and do nothing else.

The yardstick for `ties compare DIR` in BENCHMARKS.md: the time Python needs merely to read the
same self-assessments, using PyYAML's C loader (libyaml), without checking or scoring anything.

`ties compare` parses only the files of the year it shows and the year before (a cheap look at
the others' first lines tells their year), and the register. `--years` gives Python the same
files: those named for one of the years given (`hmp-ashbank/2025.yaml`), and every file not named
for a year (the register). Without it, every YAML file is parsed.

    python3 benches/parse_yaml.py /tmp/ties-bench/estate-140x10 --years 2024 2025
"""

import argparse
import os
import sys

import yaml


def files(folder, suffixes, years):
    """The files below `folder` ending in one of `suffixes`, in name order; with `years`, only
    those named for one of them and those not named for any year."""
    out = []
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            stem, dot, ext = name.rpartition(".")
            if not dot or "." + ext.lower() not in suffixes:
                continue
            is_year = len(stem) == 4 and stem.isdigit()
            if years and is_year and stem not in years:
                continue
            out.append(os.path.join(root, name))
    return out


def main() -> int:
    p = argparse.ArgumentParser(description="Parse YAML files with libyaml, nothing else.")
    p.add_argument("dir")
    p.add_argument("--years", nargs="*", default=[], help="only files named for these years")
    args = p.parse_args()
    documents = 0
    for path in files(args.dir, (".yaml", ".yml"), set(args.years)):
        with open(path, encoding="utf-8") as f:
            yaml.load(f, Loader=yaml.CSafeLoader)
        documents += 1
    print(f"parsed {documents} files", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
