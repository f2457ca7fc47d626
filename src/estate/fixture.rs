//! A small estate for the analyses' tests: one framework in two versions, and self-assessments
//! written in a few lines of YAML each.
//!
//! The framework `est` (version 2) rates items on `five`: l0 to l4, normalised 0, 0.25, 0.5,
//! 0.75 and 1, with not applicable allowed. Bands: Low [0, 0.5), Fair [0.5, 0.75), High
//! [0.75, 1]. Sections, each of weight 1: `visits` (short title "Visits": v1, v2), `contact`
//! (c1 rated; c2 a written question; c3 a number with no target, whose figure is reported,
//! never scored) and `learning` (l1). Version 1 has no v2 and an item o1 that version 2
//! dropped: the versions share v1, c1, c2, c3 and l1, five items of six each.

use std::path::PathBuf;

use crate::diag::source::SourceFile;
use crate::estate::Entry;
use crate::model::catalog::{self, Catalog, Origin};
use crate::model::framework::Framework;
use crate::validate;

const HEAD: &str = "id: est
title: Estate test framework
source: { publisher: The ties project, title: Test fixtures }
description: A framework for the estate's tests.
evidence_kinds:
  - { id: document, label: Document, defined_by_project: true }
scales:
  - id: five
    label: Five levels
    defined_by_project: true
    note: Made up for tests.
    not_applicable: true
    levels:
      - { id: l0, label: None, value: 0, descriptor: None. }
      - { id: l1, label: A little, value: 1, descriptor: A little. }
      - { id: l2, label: Half, value: 2, descriptor: Half. }
      - { id: l3, label: Most, value: 3, descriptor: Most. }
      - { id: l4, label: All, value: 4, descriptor: All. }
scoring:
  bands_note: Made up for tests.
  bands:
    - { grade: Low, min: 0, max: 0.5 }
    - { grade: Fair, min: 0.5, max: 0.75 }
    - { grade: High, min: 0.75, max: 1 }
";

const CONTACT: &str = "  - id: contact
    title: Contact
    items:
      - { id: c1, kind: criterion, text: Calls are affordable., scale: five }
      - { id: c2, kind: question, text: How do families hear of changes? }
      - { id: c3, kind: metric, text: Calls a week., metric: { measure: number, better: higher } }
";

fn version(version: &str, visits: &str, learning: &str) -> Framework {
    let text = format!(
        "{HEAD}version: \"{version}\"\nsections:\n  - id: visits\n    title: Visits and the visitor centre\n    \
         short_title: Visits\n    items:\n{visits}{CONTACT}  - id: learning\n    title: Learning\n    items:\n{learning}"
    );
    let file = SourceFile::new("est.yaml", text);
    let node = crate::load::parse(&file).expect("YAML");
    crate::load::decode(&file, &node).expect("a framework")
}

const V1: &str = "      - { id: v1, kind: criterion, text: Visits start on time., scale: five }\n";
const L1: &str = "      - { id: l1, kind: criterion, text: Family learning runs., scale: five }\n";

/// Version 2, the current one.
pub fn framework() -> Framework {
    let v2 =
        "      - { id: v2, kind: criterion, text: The centre welcomes families., scale: five }\n";
    version("2", &format!("{V1}{v2}"), L1)
}

/// Both versions: 2 current, 1 kept for self-assessments that name `est@1`.
pub fn catalog() -> Catalog {
    let o1 = "      - { id: o1, kind: criterion, text: An item since dropped., scale: five }\n";
    let entry = |framework: Framework| catalog::Entry {
        framework: framework.into(),
        origin: Origin::Bundled,
        file: SourceFile::new("est.yaml", ""),
    };
    Catalog {
        entries: vec![entry(framework())],
        older: vec![entry(version("1", V1, &format!("{L1}{o1}")))],
    }
}

/// A self-assessment of `est` and its scores. `body` is the YAML after `frameworks:`, such as
/// `ratings(..)`; `framework` is `est`, or `est@1` for the earlier version.
pub fn entry(id: &str, name: &str, group: Option<&str>, year: i32, body: &str) -> Entry {
    assessed(id, name, group, year, "est", body)
}

pub fn assessed(
    id: &str,
    name: &str,
    group: Option<&str>,
    year: i32,
    framework: &str,
    body: &str,
) -> Entry {
    entry_in(&catalog(), id, name, group, year, framework, body)
}

/// A self-assessment of `framework` in `catalog`, and its scores.
pub fn entry_in(
    catalog: &Catalog,
    id: &str,
    name: &str,
    group: Option<&str>,
    year: i32,
    framework: &str,
    body: &str,
) -> Entry {
    let group = group.map_or(String::new(), |g| format!(", comparator_group: {g}"));
    let text = format!(
        "ties: 1\nestablishment: {{ id: {id}, name: {name}, nation: england-wales{group} }}\n\
         year: {year}\nframeworks: [{framework}]\n{body}"
    );
    let path = PathBuf::from(format!("{id}/{year}.yaml"));
    let file = SourceFile::new(&path, text);
    let (assessment, diags) = validate::assessment::check_file(&file, catalog, None);
    let assessment = assessment.unwrap_or_else(|| panic!("{id} {year}: {diags:?}"));
    Entry::new(path, assessment, catalog)
}

/// A framework `est` like the fixture's, with other `sections` (YAML, indented under
/// `sections:`) and lines added to its `scoring:`, and a catalog holding it alone.
pub fn framework_with(scoring: &str, sections: &str) -> (Framework, Catalog) {
    let head = HEAD.replace("scoring:\n", &format!("scoring:\n{scoring}"));
    framework_from(&format!("{head}version: \"2\"\nsections:\n{sections}"))
}

/// A framework read from YAML, and a catalog holding it alone.
pub fn framework_from(text: &str) -> (Framework, Catalog) {
    let file = SourceFile::new("fw.yaml", text);
    let node = crate::load::parse(&file).expect("YAML");
    let framework: Framework = crate::load::decode(&file, &node).expect("a framework");
    let catalog = Catalog {
        entries: vec![catalog::Entry {
            framework: framework.clone().into(),
            origin: Origin::Bundled,
            file: SourceFile::new("fw.yaml", ""),
        }],
        older: Vec::new(),
    };
    (framework, catalog)
}

/// `responses:` rating each item given at a level, such as `[("v1", "l4")]`.
pub fn ratings(levels: &[(&str, &str)]) -> String {
    let mut out = String::from("responses:\n");
    for (item, level) in levels {
        out.push_str(&format!("  est/{item}: {{ rating: {level} }}\n"));
    }
    out
}
