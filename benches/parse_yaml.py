#!/usr/bin/env python3
"""Parse every YAML file below a folder with libyaml, and do nothing else.

The yardstick for `ties compare DIR` in BENCHMARKS.md: the time Python needs merely to read the
same self-assessments, using PyYAML's C loader (libyaml), without checking or scoring anything.

    python3 benches/parse_yaml.py /tmp/ties-estate-140x10
"""

import os
import sys

import yaml


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: parse_yaml.py DIR", file=sys.stderr)
        return 2
    paths = []
    for root, dirs, files in os.walk(sys.argv[1]):
        dirs.sort()
        paths.extend(os.path.join(root, f) for f in sorted(files) if f.endswith((".yaml", ".yml")))
    documents = 0
    for path in paths:
        with open(path, encoding="utf-8") as f:
            yaml.load(f, Loader=yaml.CSafeLoader)
        documents += 1
    print(f"parsed {documents} files", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
