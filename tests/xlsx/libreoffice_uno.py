"""What the LibreOffice scripts share (libreoffice_fill.py, libreoffice_rearrange.py): a
connection to a LibreOffice listening on a port, a property for its calls, and the last row of a
sheet. Run with a Python that has LibreOffice's `uno` module (Debian's python3-uno)."""

import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(port):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    for _ in range(120):
        try:
            return resolver.resolve(
                f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext"
            )
        except Exception:
            time.sleep(0.5)
    raise SystemExit("LibreOffice did not start listening")


def last_row(sheet):
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    return cursor.RangeAddress.EndRow
