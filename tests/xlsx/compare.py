"""Checks the sheets LibreOffice read from the ties workbook against ties' own CSV and JSON.

Usage: compare.py DIR, where DIR holds the folder of CSV tables (tables/), estate.json and
LibreOffice's estate-<sheet>.csv files. Each table's sheet is named in docs/tables.md.
"""
import csv
import json
import re
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


def same_cell(a, b):
    """A sheet's cell as LibreOffice shows it against the CSV's: shares are percentages in the
    sheet and fractions in the CSV; true and false are written in capitals by LibreOffice."""
    if a.lower() in ("true", "false") and b.lower() in ("true", "false"):
        return a.lower() == b.lower()
    if a.endswith("%") and number(a[:-1]) is not None and number(b) is not None:
        return abs(number(a[:-1]) / 100 - number(b)) < 1e-4
    return same(a, b)


# The CSV folder holds a file per table; the workbook gives each table a sheet, named in the
# data dictionary.
dictionary = Path(__file__).resolve().parents[2] / "docs" / "tables.md"
SHEETS = dict(re.findall(r'^## `([a-z-]+)`\n\nSheet "([^"]+)"', dictionary.read_text(encoding="utf-8"), re.M))
if len(SHEETS) < 9:
    failures.append(f"docs/tables.md names {len(SHEETS)} sheets")
for name, sheet in SHEETS.items():
    with open(work / "tables" / f"{name}.csv", newline="", encoding="utf-8") as f:
        table = list(csv.reader(f))
    columns, expected = table[0], table[1:]
    path = work / f"estate-{sheet}.csv"
    if not path.exists():
        failures.append(f"no sheet {sheet!r}")
        continue
    with open(path, newline="", encoding="utf-8") as f:
        got = [r for r in csv.reader(f) if any(r)]
    header, body = got[0], got[1:]
    checks += 1
    if header != columns:
        failures.append(f"{sheet} sheet: columns {header}, CSV {columns}")
        continue
    if len(body) != len(expected):
        failures.append(f"{sheet} sheet: {len(body)} rows, {name}.csv: {len(expected)} rows")
    for i, (g, e) in enumerate(zip(body, expected)):
        for j, column in enumerate(header):
            want = e[j]
            want = want[1:] if want.startswith("'") else want
            have = g[j] if j < len(g) else ""
            checks += 1
            if not same_cell(have, want):
                failures.append(f"{sheet} sheet row {i + 2}, column {column}: spreadsheet {have!r}, CSV {want!r}")

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
        # The sheet holds the exact score; the JSON gives it as a whole percentage. LibreOffice
        # shows the score to one place, so a score of 0.355 (35.499…% to the machine, 35% in
        # the JSON) shows as 35.5%: a whole percentage within half a point of it is the same.
        shown = number(sheet_row[3].rstrip("%"))
        want = row["score_text"].rstrip("%")
        checks += 1
        if want not in ("–", "") and (shown is None or abs(shown - int(want)) > 0.5 + 1e-9):
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
