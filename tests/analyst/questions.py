"""The first questions a national policy lead asks, answered with pandas from the estate's
tables, each in three lines or fewer; then each answer checked against the estate document's
own JSON (the figures the Markdown and HTML show), so the tables and the document cannot
disagree.

Usage: questions.py DIR, where DIR holds the tables of the examples for 2025 (2025/, with
--due 2026-04-30 --as-of 2026-06-01), the JSON of the same run (2025.json), the tables over
2023 to 2025 (years/) and each year's alone (YEAR-alone/).
"""
import json
import sys
import warnings
from pathlib import Path

import pandas as pd

# A table whose columns pandas reads with mixed types, or any other warning, is a failure.
warnings.simplefilter("error")

work = Path(sys.argv[1])
failures = []


def check(what, ok):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def read(folder, name):
    return pd.read_csv(work / folder / f"{name}.csv")


doc = json.loads((work / "2025.json").read_text(encoding="utf-8"))
est = read("2025", "establishments")
actions = read("2025", "actions")
sections = read("2025", "sections")
items = read("2025", "items")
measures = read("2025", "measures")
not_submitted = read("2025", "not-submitted")


def percent(text):
    """A percentage as the document writes it ("73%"), as a number of percent."""
    return float(text.rstrip("%"))


def near(share, text):
    """A share (0 to 1) and the document's whole percentage for it agree."""
    return abs(share * 100 - percent(text)) <= 0.5 + 1e-9


# 1. Who has not submitted, and who was late?
missing = list(not_submitted.name)
late = list(est[est.late].name)

check("1. not submitted: " + ", ".join(missing),
      missing == [r["name"] for r in doc["not_submitted"]])
check("1. late: " + ", ".join(late),
      late == [e["name"] for e in doc["establishments"] if e["late"]] and len(late) > 0)

# 2. Where are actions overdue, by region and by comparator group?
overdue = actions[actions.overdue == True]  # noqa: E712 (empty where there is no day to judge by)
by_region = overdue.groupby("region").size()
by_group = overdue.groupby("comparator_group").size()

view = pd.DataFrame(doc["establishments"])
for column, answer in [("region", by_region), ("comparator_group", by_group)]:
    expected = view.groupby(column).overdue.sum()
    expected = expected[expected > 0]
    check(f"2. overdue actions by {column}: {answer.to_dict()}",
          answer.to_dict() == expected.astype(int).to_dict() and answer.sum() > 0)

# 3. Which comparator group is weakest, section by section?
medians = sections.groupby(["framework", "section", "comparator_group"]).score.median().unstack()
weakest = medians.dropna(how="all").idxmin(axis=1)

compared = 0
for fw in doc["frameworks"]:
    ids = {s["title"]: s["id"] for s in fw["sections"]}
    for row in fw["stats"]:
        section = ids[row["section"]]
        for g in row["groups"]:
            if g["stats"]["n"] == 0:
                continue
            compared += 1
            have = medians.loc[(fw["id"], section), g["group"]]
            if not near(have, g["stats"]["median"]):
                check(f"3. {fw['id']} {section} {g['group']}: {have} against {g['stats']['median']}", False)
check(f"3. the weakest group in each of {len(weakest)} sections, its medians as the document's "
      f"({compared} compared)", compared > 10 and len(weakest) > 5)

# 4. Which items are most often weak, with their framework and section?
weak = items[items.weak].groupby(["framework", "section_title", "item", "item_title"]).size()
most = weak.sort_values(ascending=False).head(5)

listed = 0
for fw in doc["frameworks"]:
    for w in fw["weak_items"]:
        item = w["qualified_id"].split("/", 1)[1]
        count = weak.xs((fw["id"], item), level=["framework", "item"]).sum()
        listed += 1
        if count != w["low"] + w["unanswered"]:
            check(f"4. {w['qualified_id']}: {count} weak, the document {w['low']} + {w['unanswered']}", False)
check(f"4. the items most often weak: {list(most.index.get_level_values('item'))}; "
      f"{listed} common weaknesses counted as the document counts them", listed > 0 and len(most) == 5)

# 5. Each family measure's rate by comparator group.
rates = measures[measures.measure == "rate"]
by_group = rates.groupby(["framework", "item", "comparator_group"]).value.median().unstack()

compared = 0
for fw in doc["frameworks"]:
    for m in fw["measures"]:
        if not m["rate"]:
            continue
        item = m["qualified_id"].split("/", 1)[1]
        for g in m["groups"]:
            if g["stats"]["n"] == 0:
                continue
            compared += 1
            have = by_group.loc[(fw["id"], item), g["group"]]
            if not near(have, g["stats"]["median"]):
                check(f"5. {m['qualified_id']} {g['group']}: {have} against {g['stats']['median']}", False)
check(f"5. each measure's median rate by group, as the document's ({compared} compared)", compared > 5)

# Across years: each framework's median section score, year by year, from one run.
years = read("years", "sections")
trend = years[years.depth == 0].groupby(["year", "framework"]).score.median().unstack()

check(f"years: {sorted(years.year.unique())} in one table", sorted(years.year.unique()) == [2023, 2024, 2025])
check("years: the framework medians for 2025 are 2025's", trend.loc[2025].dropna().round(4).equals(
    sections[sections.depth == 0].groupby("framework").score.median().dropna().round(4).rename(2025)
))
for name in ["establishments", "frameworks", "sections", "items", "measures", "actions", "peers", "not-submitted"]:
    long = read("years", name)
    alone = pd.concat([read(f"{y}-alone", name) for y in (2023, 2024, 2025)], ignore_index=True)
    check(f"years: {name} over 2023 to 2025 is each year's table in turn ({len(long)} rows)",
          long.equals(alone) and len(long) > 0)

# The JSON holds the same tables as the CSV files.
for name, records in doc["tables"].items():
    from_json = pd.DataFrame.from_records(records, columns=list(read("2025", name).columns))
    from_csv = read("2025", name)
    same = len(from_json) == len(from_csv) and all(
        from_json[c].astype(str).replace({"None": "", "nan": ""}).tolist()
        == from_csv[c].astype(str).replace({"nan": "", "<NA>": ""}).tolist()
        or pd.to_numeric(from_json[c], errors="coerce").fillna(-1).round(4).tolist()
        == pd.to_numeric(from_csv[c], errors="coerce").fillna(-1).round(4).tolist()
        for c in from_csv.columns
    )
    check(f"json: {name} is the CSV's table ({len(from_csv)} rows)", same)

print(f"{len(failures)} failed")
sys.exit(1 if failures else 0)
