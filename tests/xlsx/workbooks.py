"""Self-assessment workbooks in real spreadsheet programs: LibreOffice and Python's openpyxl
fill in a workbook from `ties workbook` and save it again; `ties check`, `ties import`,
`ties score` and `ties report` then read what they saved, with the same results as for the
workbook `ties` wrote. Called by tests/xlsx/run, with LibreOffice listening on PORT:

    python3 tests/xlsx/workbooks.py WORK_DIR PORT
"""

import atexit
import copy
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import openpyxl
import yaml

ROOT = Path(__file__).resolve().parents[2]
# The binary tests/xlsx/run chose (the one `cargo test` built).
TIES = os.path.abspath(os.environ.get("TIES_BIN", str(ROOT / "target/debug/ties")))
WORK = Path(sys.argv[1])
PORT = sys.argv[2]
UNO_PYTHON = "/usr/bin/python3"
failures = []


def ties(*args, code=0):
    run = subprocess.run([TIES, *map(str, args)], capture_output=True, text=True, cwd=WORK)
    if run.returncode != code:
        raise SystemExit(f"ties {' '.join(map(str, args))} ended with {run.returncode}:\n{run.stdout}{run.stderr}")
    return run.stdout


def scores(file):
    """The scores of a self-assessment, as `ties score --format json` gives them. A measure's
    entry with no figures (as `ties import` writes one to fill in) is unanswered, as a measure
    with no entry is, but shows its empty figures: both are shown here as no entry."""
    data = json.loads(ties("score", file, "--format", "json"))

    def no_figures(v):
        if isinstance(v, dict):
            m = v.get("metric")
            if isinstance(m, dict) and all(m.get(k) is None for k in ("figure", "numerator", "denominator")):
                assert v["status"] == "unanswered", v
                v["metric"] = None
            for x in v.values():
                no_figures(x)
        elif isinstance(v, list):
            for x in v:
                no_figures(x)

    no_figures(data)
    return data


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


# LibreOffice itself now and then stops in the middle of a step on a busy machine (its UNO
# bridge ends with a segmentation fault): that is LibreOffice's fault, not a finding about
# ties. Such a step is made again, up to twice, with a LibreOffice started afresh (a new
# profile, on a new port), and each restart is printed; a step that fails three times fails.
offices = []


def start_office():
    global PORT
    PORT = str(int(PORT) + 1)
    profile = WORK / f"profile-uno-{PORT}"
    offices.append(subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--norestore", "--nologo",
         f"-env:UserInstallation=file://{profile}", f"--accept=socket,host=127.0.0.1,port={PORT};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True))


def stop_offices():
    # `soffice` is a script that starts LibreOffice's program: the whole group is stopped.
    for office in offices:
        try:
            os.killpg(office.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        office.wait()


atexit.register(stop_offices)


def in_libreoffice(script, *args):
    """Runs a LibreOffice script (its arguments after the port), starting LibreOffice again when
    it stops in the middle."""
    for attempt in range(3):
        run = subprocess.run([UNO_PYTHON, str(ROOT / "tests/xlsx" / script), PORT, *map(str, args)], timeout=300)
        if run.returncode == 0:
            return
        if attempt < 2:
            print(f"note: LibreOffice stopped during {script} (exit code {run.returncode}); started again, the step is made again")
            start_office()
    raise SystemExit(f"{script} failed three times, the last with exit code {run.returncode}")


def libreoffice(source, target, edits):
    path = WORK / (Path(target).stem + ".edits.json")
    path.write_text(json.dumps(edits), encoding="utf-8")
    in_libreoffice("libreoffice_fill.py", WORK / source, WORK / target, path)


def openpyxl_fill(source, target, edits):
    wb = openpyxl.load_workbook(WORK / source)
    for e in edits:
        ws = wb[e["sheet"]]
        if "cell" in e:
            name = e["cell"]
        else:
            row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == e["row_of"])
            name = f'{e["column"]}{row}'
        cell = ws[name]
        if not cell.has_style:
            # A cell not written yet takes its column's format, as it does when a person types
            # into it in Excel or LibreOffice (openpyxl does not do this itself).
            # The file gives a format to a range of columns (<col min="5" max="7">), which
            # openpyxl keeps under the range's first letter only.
            column = cell.column
            dims = [d for d in ws.column_dimensions.values() if d.min and d.min <= column <= d.max]
            if dims:
                cell._style = copy.copy(dims[0]._style)
        if not ws.protection.sheet or cell.protection.locked:
            raise SystemExit(f'{e["sheet"]}!{name} is locked or the sheet unprotected')
        if "text" in e:
            cell.value = e["text"]
            cell.data_type = "s"
        elif "number" in e:
            cell.value = e["number"]
        elif "date" in e:
            import datetime

            cell.value = datetime.date.fromisoformat(e["date"])
    wb.save(WORK / target)


def values(path):
    """A YAML self-assessment as plain data, without the entries that hold nothing."""
    a = yaml.safe_load(open(WORK / path, encoding="utf-8"))
    for group in ("responses", "metrics"):
        a[group] = {
            k: {f: v for f, v in entry.items() if v not in (None, [], False)}
            for k, entry in (a.get(group) or {}).items()
        }
        a[group] = {k: e for k, e in a[group].items() if e}
    return {k: v for k, v in a.items() if v is not None}


def run_check(path):
    return subprocess.run([TIES, "check", path], capture_output=True, text=True, cwd=WORK).stdout


# A new workbook, filled in as a family lead would: a framework, the measures, an evidence
# row, an action, the completion date (typed as a date) and role.
ties("workbook", "--establishment", "hmp-example", "--name", "HMP Example", "--year", "2025",
     "--framework", "farmer-offer,hmpps-family-practice", "-o", "new.xlsx")
fill = [
    {"sheet": "Start here", "row_of": "Completed on", "column": "C", "date": "2026-04-20"},
    {"sheet": "Start here", "row_of": "Completed by", "column": "C", "text": "Head of Reducing Reoffending"},
    {"sheet": "Start here", "row_of": "Region", "column": "C", "text": "North West"},
]
ratings = ["Fully in place", "Partly in place", "Planned", "Fully in place", "Not in place"]
items = ["visitor-centre", "staffing-structure", "extended-visits", "family-learning", "gateway-communications"]
for item, rating in zip(items, ratings):
    ref = f"farmer-offer/{item}"
    fill += [
        {"sheet": "Farmer offer", "row_of": ref, "column": "E", "text": rating},
        {"sheet": "Farmer offer", "row_of": ref, "column": "G", "text": f"What we do for {item}.\n\nA second paragraph, with **bold** and Cymraeg: ŵ ŷ."},
        {"sheet": "Farmer offer", "row_of": ref, "column": "H", "text": "Volunteers at the gate\nA play area"},
        {"sheet": "Farmer offer", "row_of": ref, "column": "K", "text": "High"},
    ]
fill[-1]["text"] = "Low"
fill += [
    {"sheet": "Farmer offer", "row_of": "farmer-offer/extended-visits", "column": "J", "text": "Yes"},
    {"sheet": "Measures", "row_of": "farmer-offer/visits-on-entry", "column": "E", "number": 412},
    {"sheet": "Measures", "row_of": "farmer-offer/visits-on-entry", "column": "F", "number": 690},
    {"sheet": "Measures", "row_of": "farmer-offer/visits-on-entry", "column": "H", "number": 0.45},
    {"sheet": "Measures", "row_of": "farmer-offer/visits-on-entry", "column": "I", "number": 0.6},
    {"sheet": "Evidence", "cell": "B3", "text": "farmer-offer/visitor-centre"},
    {"sheet": "Evidence", "cell": "C3", "text": "What families told us"},
    {"sheet": "Evidence", "cell": "D3", "text": "Visitor survey, 212 replies; 87% found the centre welcoming."},
    {"sheet": "Evidence", "cell": "E3", "date": "2025-11-03"},
    {"sheet": "Evidence", "cell": "B4", "text": "farmer-offer/family-learning"},
    {"sheet": "Evidence", "cell": "C4", "text": "Policy, strategy, minutes or contract"},
    {"sheet": "Evidence", "cell": "D4", "text": "=Course plan (a text that starts with =)"},
    {"sheet": "Evidence", "cell": "E4", "text": "05/09/2025"},
    {"sheet": "Actions", "cell": "B3", "text": "A1"},
    {"sheet": "Actions", "cell": "C3", "text": "Start a homework club with the family services provider"},
    {"sheet": "Actions", "cell": "D3", "text": "Family services manager"},
    {"sheet": "Actions", "cell": "E3", "date": "2026-06-30"},
    {"sheet": "Actions", "cell": "F3", "text": "In progress"},
    {"sheet": "Actions", "cell": "H3", "text": "farmer-offer/family-learning"},
]
libreoffice("new.xlsx", "filled-lo.xlsx", fill)
openpyxl_fill("new.xlsx", "filled-py.xlsx", fill)

for name in ("filled-lo", "filled-py"):
    program = "LibreOffice" if name == "filled-lo" else "openpyxl"
    ties("check", f"{name}.xlsx")
    ties("import", f"{name}.xlsx", "-o", f"{name}.yaml")
    v = values(f"{name}.yaml")
    r = v["responses"]
    check(
        r["farmer-offer/visitor-centre"]["rating"] == "fully-in-place"
        and r["farmer-offer/gateway-communications"]["rating"] == "not-in-place"
        and r["farmer-offer/gateway-communications"]["confidence"] == "low"
        and r["farmer-offer/extended-visits"]["restricted"] is True
        and r["farmer-offer/visitor-centre"]["strengths"] == ["Volunteers at the gate", "A play area"]
        and r["farmer-offer/visitor-centre"]["narrative"].endswith("Cymraeg: ŵ ŷ.")
        and str(r["farmer-offer/visitor-centre"]["evidence"][0]["date"]) == "2025-11-03"
        and str(r["farmer-offer/family-learning"]["evidence"][0]["date"]) == "2025-09-05"
        and r["farmer-offer/family-learning"]["evidence"][0]["text"].startswith("=Course plan")
        and v["metrics"]["farmer-offer/visits-on-entry"] == {"numerator": 412, "denominator": 690, "baseline": 0.45, "target": 0.6}
        and v["actions"][0]["status"] == "in-progress"
        and str(v["actions"][0]["due"]) == "2026-06-30"
        and str(v["completed_on"]) == "2026-04-20",
        f"{program}: what was typed is read back, labels as ids, dates typed as dates and as 05/09/2025",
    )
    check(
        scores(f"{name}.xlsx") == scores(f"{name}.yaml"),
        f"{program}: the saved workbook and its import score the same",
    )
    report = ties("report", f"{name}.xlsx", "--format", "html", "-o", f"{name}.html")
    html = (WORK / f"{name}.html").read_text(encoding="utf-8")
    check("What we do for visitor-centre." in html and "Visitor survey, 212 replies" in html,
          f"{program}: ties report reads the saved workbook")
check(values("filled-lo.yaml") == values("filled-py.yaml"), "LibreOffice and openpyxl give the same self-assessment")

# Mistakes a person makes, placed at their cells with a suggestion.
libreoffice("filled-lo.xlsx", "typos-lo.xlsx", [
    {"sheet": "Farmer offer", "row_of": "farmer-offer/visitor-centre", "column": "E", "text": "Fully in plce"},
    {"sheet": "Evidence", "cell": "E3", "text": "31/02/2026"},
])
run = subprocess.run([TIES, "check", "typos-lo.xlsx"], capture_output=True, text=True, cwd=WORK)
print(run.stdout)
check(run.returncode == 1
      and re.search(r'error: `Fully in plce` is not a level of the Provision scale\n\s+--> typos-lo.xlsx, sheet "Farmer offer", cell E4\n', run.stdout) is not None
      and "help: did you mean `Fully in place`?" in run.stdout
      and re.search(r'--> typos-lo.xlsx, sheet "Evidence", cell E3\n', run.stdout) is not None
      and "help: February 2026 has 28 days" in run.stdout,
      "LibreOffice: a mistyped rating and an impossible date are reported at their cells")

# Workbooks written from YAML, saved again unchanged by each program: read as ties wrote them.
shutil.copy(ROOT / "assessments/hmp-harrowfield/2025.yaml", WORK / "harrowfield.yaml")
ties("workbook", "harrowfield.yaml", "-o", "harrowfield.xlsx")
ties("workbook", "--from", "harrowfield.yaml", "--year", "2026", "-o", "carried.xlsx")
# The hostile texts, and a narrative of more than 10,000 characters.
hostile = WORK / "hostile.yaml"
long_text = "Llanfairpwllgwyngyll: ŵ ŷ; " * 400
hostile.write_text(
    (ROOT / "tests/xlsx/hostile.yaml").read_text(encoding="utf-8").replace(
        "actions:",
        f"  farmer-offer/gateway-communications:\n    rating: planned\n    narrative: {json.dumps(long_text)}\nactions:",
    ),
    encoding="utf-8",
)
ties("workbook", hostile, "-o", "hostile.xlsx")
ties("import", "carried.xlsx", "-o", "carried.yaml")
check("89 answers carried forward from 2025" in run_check("carried.xlsx"), "a workbook started from last year marks its answers")
for name in ("harrowfield", "carried", "hostile"):
    libreoffice(f"{name}.xlsx", f"{name}-lo.xlsx", [])
    wb = openpyxl.load_workbook(WORK / f"{name}.xlsx")
    wb.save(WORK / f"{name}-py.xlsx")
    for copy, program in ((f"{name}-lo.xlsx", "LibreOffice"), (f"{name}-py.xlsx", "openpyxl")):
        check(run_check(copy).replace(copy, "FILE") == run_check(f"{name}.xlsx").replace(f"{name}.xlsx", "FILE"),
              f"{program}: ties check says the same of {name}.xlsx saved again")
        ties("import", copy, "-o", copy.replace(".xlsx", ".yaml"))
        original = {"harrowfield": WORK / "harrowfield.yaml", "carried": WORK / "carried.yaml", "hostile": hostile}[name]
        expected = values(original)
        if program == "openpyxl":
            # openpyxl writes a typed `_x0041_` without escaping it, so every reader (Excel
            # too) then takes it for the letter A: a fault of openpyxl's writer, not of ties.
            expected = json.loads(json.dumps(expected, default=str).replace("_x0041_", "A"))
            expected = yaml.safe_load(yaml.safe_dump(expected))
        got = json.loads(json.dumps(values(copy.replace(".xlsx", ".yaml")), default=str))
        check(json.loads(json.dumps(expected, default=str)) == got,
              f"{program}: {name}.xlsx saved again and imported is the same self-assessment")

# Workbooks rearranged in LibreOffice as people do: every answer is read wherever its row went,
# or reported at its cell; no score changes without a message.
def rearranged(target, steps):
    path = WORK / (Path(target).stem + ".steps.json")
    path.write_text(json.dumps(steps), encoding="utf-8")
    in_libreoffice("libreoffice_rearrange.py", WORK / "harrowfield.xlsx", WORK / target, path)
    return subprocess.run([TIES, "check", target], capture_output=True, text=True, cwd=WORK)


original = scores("harrowfield.xlsx")
answer_sheets = {
    "Farmer offer": "E5",
    "HMPPS family practice": "E5",
    "HMIP expectations": "E5",
    "Measures": "E4",
    "Evidence": "E4",
    "Actions": "E4",
}
for sheet, cell in answer_sheets.items():
    for how in ("sort-ascending", "sort-descending"):
        for filtered in (False, True):
            name = f"sorted-{len(sheet)}-{how}-{int(filtered)}.xlsx"
            run = rearranged(name, [{"sheet": sheet, "do": how, "cell": cell, "filter": filtered}])
            check(run.returncode == 0 and scores(name) == original,
                  f"LibreOffice: {how} on {sheet}{' after a filter' if filtered else ''} keeps every answer and score"
                  + ("" if run.returncode == 0 else f"\n{run.stdout}"))
# The Evidence and Actions sheets have no fixed ids: their rows as ties wrote them keep a
# fingerprint of their values, by which a column sorted alone is found.
for sheet, column in (("Farmer offer", "E"), ("HMIP expectations", "G"), ("Measures", "E"),
                      ("Evidence", "D"), ("Evidence", "E"), ("Actions", "C")):
    for descending in (False, True):
        name = f"one-column-{sheet.replace(' ', '-').lower()}-{column}-{int(descending)}.xlsx"
        run = rearranged(name, [{"sheet": sheet, "do": "sort-column", "column": column, "descending": descending}])
        check(run.returncode == 1
              and ("this row holds an answer, but ties cannot tell which item it is for" in run.stdout
                   or "this row's cells do not belong together" in run.stdout)
              and f'sheet "{sheet}", cell ' in run.stdout,
              f"LibreOffice: column {column} of {sheet} sorted alone is reported at its cells, not scored")
run = rearranged("deleted.xlsx", [{"sheet": "Farmer offer", "do": "delete-row", "row_of": "farmer-offer/visitor-centre"}])
check('the row of `farmer-offer/visitor-centre` is missing from sheet "Farmer offer": it may have been deleted' in run.stdout,
      "LibreOffice: a deleted row is named, apart from items left unanswered")
run = rearranged("copied.xlsx", [{"sheet": "Farmer offer", "do": "copy-row", "row_of": "farmer-offer/staffing-structure"}])
check(run.returncode == 1 and "`farmer-offer/staffing-structure` has a second row here" in run.stdout,
      "LibreOffice: a copied row is reported at its cell")

# What the saved workbooks still hold: drop-down lists, date checks, and sheet protection
# with no password.
import zipfile

for copy, program in (("harrowfield-lo.xlsx", "LibreOffice"), ("harrowfield-py.xlsx", "openpyxl")):
    with zipfile.ZipFile(WORK / copy) as z:
        sheets = [z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    lists = sum(x.count('type="list"') for x in sheets)
    dates = sum(x.count('type="date"') for x in sheets)
    protected = [re.search(r"<sheetProtection[^>]*>", x) for x in sheets]
    check(lists > 20 and dates >= 3, f"{program}: the saved workbook keeps its drop-down lists and date checks")
    check(all(p and "password" not in p.group(0).lower() and "hashvalue" not in p.group(0).lower() for p in protected),
          f"{program}: every sheet is still protected, with no password")

if failures:
    raise SystemExit(f"{len(failures)} spreadsheet checks failed: " + "; ".join(failures))
print("Self-assessment workbooks: every check passed in LibreOffice and openpyxl.")
