#!/usr/bin/env python3
"""Read every cell of self-assessment workbooks below a folder with openpyxl, and do nothing else.

The analyst's alternative to `ties compare` over a folder of workbooks, in BENCHMARKS.md: the
time Python needs merely to read the values of every cell of the same workbooks (openpyxl in its
read-only mode, its quickest), without checking or scoring anything.

`--years` reads only the workbooks named for those years (`hmp-ashbank/2025.xlsx`), the ones
`ties compare` reads in full when it shows 2025 beside 2024.

    python3 benches/parse_xlsx.py /tmp/ties-bench/workbooks-140x10 --years 2024 2025
"""

import argparse
import os
import sys

import openpyxl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from parse_yaml import files  # noqa: E402


def main() -> int:
    p = argparse.ArgumentParser(description="Read workbooks' cells with openpyxl, nothing else.")
    p.add_argument("dir")
    p.add_argument("--years", nargs="*", default=[], help="only workbooks named for these years")
    args = p.parse_args()
    workbooks = cells = 0
    for path in files(args.dir, (".xlsx",), set(args.years)):
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                cells += sum(1 for v in row if v is not None)
        wb.close()
        workbooks += 1
    print(f"read {cells} cells of {workbooks} workbooks", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
