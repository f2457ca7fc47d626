"""Rearranges a workbook in LibreOffice as people do, and saves it as .xlsx: sorting with the
toolbar's buttons (the cursor in one cell, LibreOffice finding the range and its header), sorting
after a filter, sorting one column alone, deleting a row and copying one.

Run with a Python that has LibreOffice's `uno` module (Debian's python3-uno), while LibreOffice
listens on the port given:

    python3 libreoffice_rearrange.py PORT IN.xlsx OUT.xlsx STEPS.json

STEPS.json is a list of steps, each {"sheet": NAME, "do": WHAT, ...}:

- "sort-ascending" / "sort-descending" with "cell" (such as "E5"): the toolbar's Sort Ascending
  or Sort Descending with the cursor in that cell; with "filter": true, an AutoFilter is set on
  the range first, as a person filtering before sorting would;
- "sort-column" with "column" (such as "E"): that column's cells below the headings sorted
  alone, as Data, Sort does when asked to sort the current selection only;
- "delete-row" with "row_of" (a reference in column B): that row removed;
- "copy-row" with "row_of": that row copied into a new row below the last one.

Sheet protection is lifted for the steps and put back before saving (without a password, as
`ties workbook` leaves it), as a person would do to sort.
"""

import json
import sys

import uno

from libreoffice_uno import connect, last_row, prop


def row_of(sheet, reference):
    for row in range(last_row(sheet) + 1):
        if sheet.getCellByPosition(1, row).getString() == reference:
            return row
    raise SystemExit(f"no row for {reference} on {sheet.Name}")


def fields(field):
    return uno.Any("[]com.sun.star.table.TableSortField", (field,))


def toolbar_sort(doc, sheet, cell, descending, filtered):
    """What the toolbar's Sort Ascending and Sort Descending do with the cursor in `cell`: the
    region of filled cells around it is sorted by the cursor's column, its first row taken as
    the header (the hidden row of keys, so the visible headings row is sorted as data, as a
    person saw it happen). Dispatching the toolbar's command itself ends a headless LibreOffice
    (7.x) on a timer soon after, so the same sort is asked of the sheet here."""
    cursor = sheet.createCursorByRange(sheet.getCellRangeByName(cell))
    cursor.collapseToCurrentRegion()
    region = cursor.RangeAddress
    if filtered:
        # An AutoFilter on the region (Data, AutoFilter), as a person sets before sorting.
        name = f"filter{sheet.RangeAddress.Sheet}"
        doc.DatabaseRanges.addNewByName(name, region)
        doc.DatabaseRanges.getByName(name).AutoFilter = True
    column = sheet.getCellRangeByName(cell).CellAddress.Column
    field = uno.createUnoStruct("com.sun.star.table.TableSortField")
    field.Field = column - region.StartColumn
    field.IsAscending = not descending
    rng = sheet.getCellRangeByPosition(region.StartColumn, region.StartRow, region.EndColumn, region.EndRow)
    rng.sort((prop("SortFields", fields(field)), prop("ContainsHeader", True)))


def main():
    port, source, target, steps_path = sys.argv[1:5]
    steps = json.load(open(steps_path, encoding="utf-8"))
    ctx = connect(port)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(source), "_blank", 0, (prop("Hidden", True),)
    )
    try:
        for s in steps:
            sheet = doc.Sheets.getByName(s["sheet"])
            protected = sheet.isProtected()
            if protected:
                sheet.unprotect("")
            what = s["do"]
            if what in ("sort-ascending", "sort-descending"):
                toolbar_sort(doc, sheet, s["cell"], what == "sort-descending", s.get("filter", False))
            elif what == "sort-column":
                col = s["column"]
                cells = sheet.getCellRangeByName(f"{col}3:{col}{last_row(sheet) + 1}")
                field = uno.createUnoStruct("com.sun.star.table.TableSortField")
                field.Field = 0
                field.IsAscending = not s.get("descending", False)
                cells.sort((prop("SortFields", fields(field)), prop("ContainsHeader", False)))
            elif what == "delete-row":
                sheet.Rows.removeByIndex(row_of(sheet, s["row_of"]), 1)
            elif what == "copy-row":
                row = row_of(sheet, s["row_of"])
                to = last_row(sheet) + 1
                sheet.copyRange(
                    sheet.getCellByPosition(0, to).CellAddress,
                    sheet.getCellRangeByPosition(0, row, 60, row).RangeAddress,
                )
            else:
                raise SystemExit(f"unknown step {what}")
            if protected:
                sheet.protect("")
        doc.storeToURL(
            uno.systemPathToFileUrl(target), (prop("FilterName", "Calc MS Excel 2007 XML"),)
        )
    finally:
        doc.close(True)


main()
