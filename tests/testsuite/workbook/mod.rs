//! Self-assessment workbooks: written by `ties workbook`, read wherever a self-assessment is
//! read, and turned back into YAML by `ties import`. Each test runs the real binary on real
//! files in its own scratch folder, through the suite's builder.
//!
//! The workbooks filled in by real spreadsheet programs (LibreOffice, and Python's openpyxl)
//! are checked by `tests/xlsx/run`, which `.ci/run` calls.

mod carry;
mod cells;
mod files;
mod named;
mod rearranged;
mod round_trip;
mod structure;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

pub use crate::root;
use crate::{Run, Test};

/// Runs `ties` with `args` in `dir`, a folder the test made (the builder asserts it ends as a
/// documented command does).
pub fn ties_in(dir: &Path, args: &[&str]) -> Run {
    Test::in_dir(dir).args(args).run()
}

/// Runs `ties` with `args` in `dir` and asserts it succeeded.
pub fn ok_in(dir: &Path, args: &[&str]) -> Run {
    Test::in_dir(dir).args(args).status(0).run()
}

/// A fresh, empty folder for one test: `target/tmp/testsuite/workbook-NAME`.
pub fn scratch(name: &str) -> PathBuf {
    crate::scratch(&format!("workbook-{name}"))
}

/// Every file inside a workbook, by name, as text (the parts `ties` writes are all XML).
pub fn parts(path: &Path) -> Vec<(String, String)> {
    let bytes = std::fs::read(path).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut text = String::new();
            f.read_to_string(&mut text).unwrap();
            (f.name().unwrap().to_string(), text)
        })
        .collect()
}

/// The XML of one part of a workbook.
pub fn part(path: &Path, name: &str) -> String {
    parts(path)
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no {name} in {}", path.display()))
        .1
}

/// Writes a workbook's parts back into a zip archive at `path`.
pub fn write_parts(path: &Path, parts: &[(String, String)]) {
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default();
    for (name, text) in parts {
        zip.start_file(name.as_str(), options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

/// A cell of sheet `n` (its XML part, `xl/worksheets/sheetN.xml`) set to `value` as text, as
/// a person typing into it would leave it; `None` empties it.
pub fn set_cell(path: &Path, sheet: usize, cell: &str, value: Option<&str>) {
    let name = format!("xl/worksheets/sheet{sheet}.xml");
    let mut all = parts(path);
    let (_, xml) = all.iter_mut().find(|(n, _)| *n == name).unwrap();
    let replacement = match value {
        Some(v) => format!(
            "<c r=\"{cell}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
            v.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
        ),
        None => String::new(),
    };
    let with_value = regex::Regex::new(&format!(r#"<c r="{cell}"[^>]*?(/>|>.*?</c>)"#)).unwrap();
    if with_value.is_match(xml) {
        *xml = with_value.replace(xml, replacement.as_str()).into_owned();
    } else {
        // The cell is not written yet: add it to its row, or add the row after the others.
        let row: String = cell
            .chars()
            .skip_while(|c| c.is_ascii_alphabetic())
            .collect();
        let row_end = regex::Regex::new(&format!(r#"(<row r="{row}"[^>]*>.*?)(</row>)"#)).unwrap();
        *xml = if row_end.is_match(xml) {
            row_end
                .replace(xml, format!("${{1}}{replacement}${{2}}").as_str())
                .into_owned()
        } else {
            xml.replace(
                "</sheetData>",
                &format!("<row r=\"{row}\">{replacement}</row></sheetData>"),
            )
        };
    }
    write_parts(path, &all);
}

/// Rows `a` and `b` of sheet `n` swapped, as sorting would leave them.
pub fn swap_rows(path: &Path, sheet: usize, a: u32, b: u32) {
    let name = format!("xl/worksheets/sheet{sheet}.xml");
    let mut all = parts(path);
    let (_, xml) = all.iter_mut().find(|(n, _)| *n == name).unwrap();
    let refs = regex::Regex::new(r#" r="([A-Z]*)(\d+)""#).unwrap();
    *xml = refs
        .replace_all(xml, |c: &regex::Captures| {
            let n: u32 = c[2].parse().unwrap();
            let n = if n == a {
                b
            } else if n == b {
                a
            } else {
                n
            };
            format!(" r=\"{}{n}\"", &c[1])
        })
        .into_owned();
    write_parts(path, &all);
}

/// A self-assessment as plain data to compare: parsed with `ties`' own loader, without
/// positions, and without the entries that hold nothing (an unanswered item written out
/// empty is the same self-assessment as one left out).
pub fn values(path: &Path) -> serde_json::Value {
    let doc = crate::read_document(path);
    let a: ties::model::assessment::Assessment =
        ties::load::decode(&doc.file, &doc.node).unwrap_or_else(|d| panic!("{}", d.message));
    let mut v = serde_json::to_value(&a).unwrap();
    for (group, empty) in [
        (
            "responses",
            serde_json::json!({"evidence": [], "strengths": [], "development": [], "restricted": false, "not_applicable": null}),
        ),
        ("metrics", serde_json::json!({"restricted": false})),
    ] {
        if let Some(map) = v.get_mut(group).and_then(|g| g.as_object_mut()) {
            map.retain(|_, entry| *entry != empty);
        }
    }
    v
}

/// The scores of a self-assessment as `ties score --format json` gives them. A measure's entry
/// with no figures (as `ties init` and `ties import` write one to fill in) is unanswered, as a
/// measure with no entry is, but shows the entry's empty figures: both are shown as no entry
/// here (`values` compares the entries themselves).
pub fn scores(dir: &Path, file: &str) -> String {
    let text = ok_in(dir, &["score", file, "--format", "json"]).stdout;
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    fn no_figures(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(map) => {
                if let Some(m) = map.get_mut("metric")
                    && ["figure", "numerator", "denominator"]
                        .iter()
                        .all(|k| m.get(k).is_some_and(serde_json::Value::is_null))
                {
                    assert_eq!(map["status"], "unanswered", "a measure with no figure");
                    map["metric"] = serde_json::Value::Null;
                }
                map.values_mut().for_each(no_figures);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(no_figures),
            _ => {}
        }
    }
    no_figures(&mut v);
    serde_json::to_string_pretty(&v).unwrap()
}
