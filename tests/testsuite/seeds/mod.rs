//! Proves that the bundled frameworks encode their source documents completely, say where
//! everything else comes from, and link what the sources connect.
//!
//! Each framework's module reads a source text from `../shared/seeds/`, picks out the statements a
//! framework must carry (guiding questions, checklist points, practice statements, outcomes,
//! priorities, recommendations) and checks that every one appears in the framework file.
//! `provenance` checks that every scale, level, evidence kind, tag vocabulary, section and item
//! names its source or says it is the project's own; `crosswalk` checks the links between items. Texts are compared after normalising: lower case,
//! letters and digits only, single spaces, so that quotes, dashes and page-break spacing in the
//! extracted source do not matter.
//!
//! The source texts are not part of the project: a clone of the project alone does not have
//! them. There, each test that reads one says so on standard error and passes without checking
//! anything, so that `cargo test` passes; under continuous integration (`CI` set to anything)
//! their absence fails those tests instead.

mod crosswalk;
mod farmer;
mod hmip;
mod hmpps;
mod provenance;
mod scie;
mod sps;
mod think;

use std::io::Write;
use std::path::PathBuf;

/// The folder that holds the source documents, beside the project's root.
pub fn seeds_dir() -> PathBuf {
    crate::root().join("../shared/seeds")
}

/// The text of one source document, or `None` when the folder of source texts is not here at
/// all: the calling test then returns at once, passing as skipped. Under CI the folder must be
/// here. A folder that is here but lacks the document still fails the test.
pub fn seed(name: &str) -> Option<String> {
    let dir = seeds_dir();
    if !dir.is_dir() {
        let under_ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
        assert!(
            !under_ci,
            "the source texts in ../shared/seeds are not here ({} does not exist), and under \
             CI (`CI` is set) the tests that prove the frameworks against them must run",
            dir.display()
        );
        // Straight to standard error: the test harness keeps a passing test's printed output to
        // itself, and a skip should be seen.
        let test = std::thread::current()
            .name()
            .unwrap_or("a seed test")
            .to_string();
        let _ = writeln!(
            std::io::stderr(),
            "skipped {test}: the source texts in ../shared/seeds are not here"
        );
        return None;
    }
    let path = dir.join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    Some(text)
}

/// Lower case, letters and digits only, words separated by single spaces.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        } else {
            space = true;
        }
    }
    out
}

/// A bundled framework file read as plain data, independent of the engine.
pub fn framework(id: &str) -> serde_json::Value {
    let path = crate::root().join(format!("frameworks/{id}.yaml"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every item of a framework read as plain data, in every section and sub-section.
pub fn all_items(framework: &serde_json::Value) -> Vec<&serde_json::Value> {
    fn walk<'a>(sections: &'a serde_json::Value, out: &mut Vec<&'a serde_json::Value>) {
        for section in sections.as_array().into_iter().flatten() {
            out.extend(section["items"].as_array().into_iter().flatten());
            walk(&section["sections"], out);
        }
    }
    let mut out = Vec::new();
    walk(&framework["sections"], &mut out);
    out
}

/// The links an item writes, as (linked item, kind, why): an entry is an id alone (`related`)
/// or a group with `item`, `kind` and `source_ref`.
pub fn links(item: &serde_json::Value) -> Vec<(String, String, Option<String>)> {
    item["maps_to"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|l| match l.as_str() {
            Some(id) => (id.to_string(), "related".to_string(), None),
            None => (
                l["item"].as_str().unwrap_or_default().to_string(),
                l["kind"].as_str().unwrap_or("related").to_string(),
                l["source_ref"].as_str().map(str::to_string),
            ),
        })
        .collect()
}

/// Every string anywhere in the framework under a field with one of these names (or in a list
/// under such a field), normalised.
pub fn texts_under(framework: &serde_json::Value, fields: &[&str]) -> Vec<String> {
    fn walk(v: &serde_json::Value, fields: &[&str], inside: bool, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) if inside => out.push(normalise(s)),
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, fields, inside, out)),
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    walk(x, fields, fields.contains(&k.as_str()), out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(framework, fields, false, &mut out);
    out
}

/// Asserts that every expected statement appears within some framework text, listing all that
/// are missing.
pub fn assert_all_present(what: &str, expected: &[String], texts: &[String]) {
    assert!(
        !expected.is_empty(),
        "no {what} were found in the source text"
    );
    let missing: Vec<&String> = expected
        .iter()
        .filter(|e| !texts.iter().any(|t| t.contains(e.as_str())))
        .collect();
    assert!(
        missing.is_empty(),
        "{} of {} {what} are missing from the framework:\n{}",
        missing.len(),
        expected.len(),
        missing
            .iter()
            .map(|m| format!("  - {m}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}
