"""Checks the sheets LibreOffice read from the ties workbook against ties' own CSV and JSON.

Usage: compare.py DIR, where DIR holds estate.csv, estate.json and LibreOffice's
estate-<sheet>.csv files.
"""
import csv
import json
import sys
from pathlib import Path

work = Path(sys.argv[1])
failures = []
checks = 0


def number(text):
    try:
        return float(text)
    except ValueError:
        return None


def same(a, b):
    x, y = number(a), number(b)
    if x is not None and y is not None:
        return abs(x - y) < 1e-4
    return a == b


with open(work / "estate.csv", newline="", encoding="utf-8") as f:
    expected = list(csv.reader(f))
with open(work / "estate-Data.csv", newline="", encoding="utf-8") as f:
    got = list(csv.reader(f))

if len(got) != len(expected):
    failures.append(f"Data sheet: {len(got)} rows, CSV output: {len(expected)} rows")
for i, (g, e) in enumerate(zip(got, expected)):
    e = [x[1:] if x.startswith("'") else x for x in e]
    for j, (a, b) in enumerate(zip(g, e)):
        checks += 1
        if not same(a, b):
            failures.append(f"Data sheet row {i + 1}, column {expected[0][j]}: spreadsheet {a!r}, CSV {b!r}")

view = json.loads((work / "estate.json").read_text(encoding="utf-8"))
for fw in view["frameworks"]:
    path = work / f"estate-{fw['id'][:28]}.csv"
    if not path.exists():
        failures.append(f"no sheet for framework {fw['id']}")
        continue
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    if len(body) != len(fw["rows"]):
        failures.append(f"{fw['id']}: {len(body)} rows in the sheet, {len(fw['rows'])} in the JSON")
    for sheet_row, row in zip(body, fw["rows"]):
        checks += 1
        if sheet_row[0] != row["name"]:
            failures.append(f"{fw['id']}: sheet has {sheet_row[0]!r} where the JSON has {row['name']!r}")
        # The sheet holds the exact score; the JSON gives it as a whole percentage.
        shown = number(sheet_row[3].rstrip("%"))
        want = row["score_text"].rstrip("%")
        checks += 1
        if want not in ("–", "") and (shown is None or round(shown) != int(want)):
            failures.append(f"{fw['id']} {row['name']}: score {sheet_row[3]!r} in the sheet, {row['score_text']!r} in the JSON")
        for k, cell in enumerate(row["cells"]):
            checks += 1
            grade = sheet_row[6 + 2 * k]
            want = (cell["grade"] or "") + (" (provisional)" if cell["provisional"] and cell["grade"] else "")
            if grade != want:
                failures.append(f"{fw['id']} {row['name']} section {k + 1}: grade {grade!r} in the sheet, {want!r} in the JSON")

for f in failures[:40]:
    print("FAIL:", f)
print(f"{checks - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
