#!/usr/bin/env python3
"""Writes the inputs of benches/limits.sh: files near the limits ties keeps, at two sizes each, so
that the time of each run can be compared with the size of its input.

    limits.py OUT_DIR SMALL LARGE

- narrative-N.yaml: a self-assessment whose one narrative is N MB of text full of figures
  that look like telephone numbers, prison numbers and dates (where personal data is looked for);
- big-N/: a framework of N items with long ids (frameworks/), a self-assessment giving every
  item's id misspelt ("did you mean" for each), and an estate of 140 establishments each answering
  all N items (compare over a large framework).
Everything is made from fixed patterns: the same arguments give the same files.
"""

import os
import sys

OUT, SMALL, LARGE = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])

HEADER = """ties: 1
establishment:
  id: {id}
  name: {name}
  nation: england-wales
  region: North West
  comparator_group: reception
year: 2025
completed_on: 2026-03-31
completed_by: Head of Reducing Reoffending
frameworks: [{frameworks}]
responses:
"""

FRAGMENT = (
    "On visits day 14 we saw 38 families; the hall holds 0161 496 0000 seats, room A1234BC, "
    "reference 12/03/2025, 45% of 347 men, call-back list 07700 900123 and 020 7946 0018. "
)


def narrative(megabytes, path):
    lines = []
    size = 0
    n = 0
    while size < megabytes * 1024 * 1024:
        line = "      " + FRAGMENT + str(n) + "\n"
        lines.append(line)
        size += len(line)
        n += 1
    with open(path, "w") as f:
        f.write(HEADER.format(id="hmp-large", name="HMP Large", frameworks="farmer-offer"))
        f.write("  farmer-offer/family-strategy:\n    rating: partly-in-place\n")
        f.write("    narrative: |\n")
        f.writelines(lines)


def item_id(i):
    return f"family-contact-arrangements-for-visits-and-communication-practice-{i:05d}"


def framework(items, path):
    with open(path, "w") as f:
        f.write(
            "id: big\ntitle: A large framework\nversion: \"1.0.0\"\n"
            "source:\n  publisher: The ties project\n  title: Benchmark input\n"
            "description: Made up to measure how ties copes with a framework of many items.\n"
            "evidence_kinds:\n  - id: document\n    label: Document\n    defined_by_project: true\n"
            "scales:\n  - id: four\n    label: Four levels\n    defined_by_project: true\n"
            "    note: Made up for the benchmark.\n    levels:\n"
            "      - { id: none, label: None, value: 0, descriptor: Nothing in place. }\n"
            "      - { id: some, label: Some, value: 1, descriptor: Some of it. }\n"
            "      - { id: most, label: Most, value: 2, descriptor: Most of it. }\n"
            "      - { id: all, label: All, value: 3, descriptor: All of it. }\n"
            "scoring:\n  min_coverage: 0.5\n  bands_note: Made up for the benchmark.\n"
            "  bands:\n    - { grade: Weak, min: 0, max: 0.5 }\n"
            "    - { grade: Strong, min: 0.5, max: 1 }\n"
            "sections:\n"
        )
        per = 100
        for s in range(0, items, per):
            f.write(f"  - id: section-{s // per:03d}\n    title: Section {s // per}\n    items:\n")
            for i in range(s, min(s + per, items)):
                f.write(
                    f"      - {{ id: {item_id(i)}, kind: criterion, "
                    f"text: Practice number {i} is in place., scale: four }}\n"
                )


LEVELS = ["none", "some", "most", "all"]


def answers(items, seed, misspelt=False):
    out = []
    for i in range(items):
        iid = item_id(i)
        if misspelt:
            iid = iid.replace("arrangements", "arrangments")
        out.append(f"  big/{iid}:\n    rating: {LEVELS[(i * 7 + seed) % 4]}\n")
    return "".join(out)


def big(items, folder):
    os.makedirs(f"{folder}/frameworks", exist_ok=True)
    framework(items, f"{folder}/frameworks/big.yaml")
    with open(f"{folder}/misspelt.yaml", "w") as f:
        f.write(HEADER.format(id="hmp-misspelt", name="HMP Misspelt", frameworks="big"))
        f.write(answers(items, 0, misspelt=True))
    for e in range(140):
        d = f"{folder}/estate/hmp-est-{e:03d}"
        os.makedirs(d, exist_ok=True)
        with open(f"{d}/2025.yaml", "w") as f:
            f.write(HEADER.format(id=f"hmp-est-{e:03d}", name=f"HMP Est {e}", frameworks="big"))
            f.write(answers(items, e))


for n in (SMALL, LARGE):
    narrative(n, f"{OUT}/narrative-{n}.yaml")
    big(n * 250, f"{OUT}/big-{n * 250}")
