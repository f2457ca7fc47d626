"""Whether two workbooks hold the same cells: every sheet, in order, with every cell's value and
number format (openpyxl). For outputs whose bytes may differ while what they hold may not: the
estate's workbook writes a long table's texts in its cells rather than in a shared table.

Usage: same_cells.py A.xlsx B.xlsx   (exit 0 when the same; prints the first differences)
"""
import sys

import openpyxl


def cells(path):
    wb = openpyxl.load_workbook(path, read_only=True)
    return [
        (name, [[(c.value, c.number_format) for c in row] for row in wb[name].iter_rows()])
        for name in wb.sheetnames
    ]


a, b = cells(sys.argv[1]), cells(sys.argv[2])
if [n for n, _ in a] != [n for n, _ in b]:
    print(f"different sheets: {[n for n, _ in a]} and {[n for n, _ in b]}")
    sys.exit(1)
differences = 0
count = 0
for (name, rows_a), (_, rows_b) in zip(a, b):
    count += sum(len(r) for r in rows_a)
    if rows_a != rows_b:
        differences += 1
        print(f"sheet {name}: {len(rows_a)} rows against {len(rows_b)}, or different cells")
print(f"{count} cells in {len(a)} sheets: {'the same' if not differences else 'DIFFERENT'}")
sys.exit(1 if differences else 0)
