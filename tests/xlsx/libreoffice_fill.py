"""Fills in a workbook in LibreOffice, as a person would, and saves it as .xlsx.

Run with a Python that has LibreOffice's `uno` module (Debian's python3-uno), while LibreOffice
listens on the port given:

    python3 libreoffice_fill.py PORT IN.xlsx OUT.xlsx EDITS.json

EDITS.json is a list of edits, each {"sheet": NAME, "cell": "E4" | "row_of": REFERENCE and
"column": "E", and one of "text", "number" or "date" (YYYY-MM-DD)}. A row is found by the
reference shown in column B, as a person finds it. Every cell written must be unlocked on a
protected sheet: the script stops if it is not, so it also proves which cells can be filled.
With no edits, the workbook is opened and saved again unchanged.
"""

import datetime
import json
import sys

import uno

from libreoffice_uno import connect, last_row, prop


def row_of(sheet, reference):
    for row in range(last_row(sheet) + 1):
        if sheet.getCellByPosition(1, row).getString() == reference:
            return row + 1
    raise SystemExit(f"no row for {reference} on {sheet.Name}")


def main():
    port, source, target, edits_path = sys.argv[1:5]
    edits = json.load(open(edits_path, encoding="utf-8"))
    ctx = connect(port)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(source), "_blank", 0, (prop("Hidden", True),)
    )
    try:
        for e in edits:
            sheet = doc.Sheets.getByName(e["sheet"])
            name = e.get("cell") or f'{e["column"]}{row_of(sheet, e["row_of"])}'
            cell = sheet.getCellRangeByName(name)
            if not sheet.isProtected():
                raise SystemExit(f'sheet {e["sheet"]} is not protected')
            if cell.CellProtection.IsLocked:
                raise SystemExit(f'{e["sheet"]}!{name} is locked, but a person must fill it in')
            if "text" in e:
                cell.setString(e["text"])
            elif "number" in e:
                cell.setValue(float(e["number"]))
            elif "date" in e:
                day = datetime.date.fromisoformat(e["date"])
                cell.setValue((day - datetime.date(1899, 12, 30)).days)
        doc.storeToURL(
            uno.systemPathToFileUrl(target), (prop("FilterName", "Calc MS Excel 2007 XML"),)
        )
    finally:
        doc.close(True)


main()
