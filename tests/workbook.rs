//! Self-assessment workbooks: written by `ties workbook`, read wherever a self-assessment is
//! read, and turned back into YAML by `ties import`. Each test runs the real binary on real
//! files in its own scratch folder, and asserts that no run panics or prints a backtrace.
//!
//! The workbooks filled in by real spreadsheet programs (LibreOffice, and Python's openpyxl)
//! are checked by `tests/xlsx/run`, which `.ci/run` calls.

#[path = "workbook/carry.rs"]
mod carry;
#[path = "workbook/cells.rs"]
mod cells;
#[path = "workbook/files.rs"]
mod files;
#[path = "workbook/round_trip.rs"]
mod round_trip;
#[path = "workbook/structure.rs"]
mod structure;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One run of `ties`.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn output(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

/// Runs `ties` with `args` in `dir`, asserting it ends as a documented command does.
pub fn ties_in(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_ties"))
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_BACKTRACE")
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run ties: {e}"));
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    let all = run.output();
    assert!(
        !all.contains("panicked") && !all.contains("RUST_BACKTRACE"),
        "ties {args:?} panicked:\n{all}"
    );
    assert!(
        [0, 1, 2].contains(&run.code),
        "ties {args:?} ended with {}:\n{all}",
        run.code
    );
    run
}

/// Runs `ties` and asserts it succeeded.
pub fn ok(dir: &Path, args: &[&str]) -> Run {
    let run = ties_in(dir, args);
    assert_eq!(run.code, 0, "ties {args:?}:\n{}", run.output());
    run
}

/// A fresh, empty folder for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("workbook")
        .join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    std::fs::create_dir_all(&dir).unwrap();
    dir
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
    let doc = ties::load::read_document(path).unwrap_or_else(|u| panic!("{}", u.problem.message));
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

/// The scores of a self-assessment as `ties score --format json` gives them.
pub fn scores(dir: &Path, file: &str) -> String {
    ok(dir, &["score", file, "--format", "json"]).stdout
}
