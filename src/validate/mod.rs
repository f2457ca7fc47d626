//! `ties check`: find every problem in framework and assessment files.

pub mod assessment;
pub mod catalog;
pub mod duplicates;
pub mod framework;
pub mod links;
pub mod named;
pub mod privacy;
pub mod register;

use std::path::{Path, PathBuf};

use crate::diag::Diagnostics;
use crate::diag::source::{Pos, SourceFile};
use crate::load::node::{Node, Value};
use crate::load::{self, Files};
use crate::model::catalog::{Catalog, Entry, Origin};

/// What kind of file `ties` thinks it has been given, from its top-level fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Framework,
    Assessment,
    Register,
}

/// The outcome of checking some files.
#[derive(Debug, Default)]
pub struct CheckResult {
    pub diagnostics: Diagnostics,
    pub files: Vec<SourceFile>,
    pub checked: usize,
}

/// Decides what a file is from its top-level fields.
pub fn kind_of(value: &Value) -> FileKind {
    let Value::Map(entries) = value else {
        return FileKind::Framework;
    };
    let has = |k: &str| entries.iter().any(|(key, _)| key.name == k);
    if has("ties") || has("responses") || has("establishment") {
        FileKind::Assessment
    } else if has("establishments") {
        FileKind::Register
    } else {
        FileKind::Framework
    }
}

/// Checks the files below `paths` among `files`: frameworks first (so assessments in the same
/// run can use them), then the rest.
pub fn check_paths_as_of(
    files: &dyn Files,
    paths: &[PathBuf],
    catalog: &mut Catalog,
    as_of: Option<chrono::NaiveDate>,
) -> CheckResult {
    let mut result = CheckResult::default();
    let listed = files.list(paths, true, &mut result.diagnostics);
    let read = listed
        .into_iter()
        .map(|path| match files.bytes(&path) {
            // The bytes are kept beside the document, to show a line of text that is not UTF-8.
            Ok(bytes) => load::document_from_bytes(&path, bytes.clone())
                .map_err(|unread| (unread, path, Some(bytes))),
            Err(problem) => Err((
                load::Unread {
                    problem,
                    file: None,
                },
                path,
                None,
            )),
        })
        .collect();
    check_read(read, catalog, as_of, result)
}

/// `ties check` on files held in memory, each a name and its bytes, against the bundled
/// frameworks and any given among the files: the same report, in the same words, as `ties
/// check` on the same files on the disk; and whether any problem is an error.
pub fn check_in_memory(
    files: Vec<(PathBuf, Vec<u8>)>,
    as_of: Option<chrono::NaiveDate>,
) -> (String, bool) {
    let (mut catalog, mut diags) = Catalog::bundled();
    let read = files
        .into_iter()
        .map(|(path, bytes)| {
            load::document_from_bytes(&path, bytes.clone())
                .map_err(|unread| (unread, path, Some(bytes)))
        })
        .collect();
    let mut result = check_read(read, &mut catalog, as_of, CheckResult::default());
    report(&mut diags, &mut result, &catalog)
}

/// What was read for a check: a document, or why it could not be read, with its path and, where
/// they can be had again, its bytes.
type Read = std::result::Result<load::Document, (load::Unread, PathBuf, Option<Vec<u8>>)>;

/// Checks what was read, adding to `result`.
fn check_read(
    read: Vec<Read>,
    catalog: &mut Catalog,
    as_of: Option<chrono::NaiveDate>,
    mut result: CheckResult,
) -> CheckResult {
    let mut parsed = Vec::new();
    for r in read {
        let doc = match r {
            Ok(doc) => doc,
            Err((load::Unread { problem, file }, path, bytes)) => {
                // Text that is not UTF-8 has a place: keep the file, with the characters that
                // cannot be read shown as `�`, so the message can show its line.
                let file = file.or_else(|| {
                    (problem.line > 0 && problem.sheet == 0)
                        .then_some(bytes)
                        .flatten()
                        .map(|b| SourceFile::new(&path, String::from_utf8_lossy(&b).into_owned()))
                });
                result.files.extend(file);
                result.diagnostics.push(problem);
                result.checked += 1;
                continue;
            }
        };
        parsed.push((kind_of(&doc.node.value), doc));
    }
    // Frameworks given on the command line join the catalog, replacing any with the same id.
    for (kind, doc) in &parsed {
        if *kind != FileKind::Framework {
            continue;
        }
        let file = &doc.file;
        result.checked += 1;
        if let Some(fw) = catalog::read_framework(file, &mut result.diagnostics) {
            let origin = Origin::File {
                path: file.path.clone(),
                replaces_bundled: false,
            };
            catalog.insert(Entry {
                framework: fw.into(),
                origin,
                file: file.clone(),
            });
        }
    }
    let given: Vec<&Path> = parsed
        .iter()
        .filter(|(k, _)| *k == FileKind::Framework)
        .map(|(_, d)| d.file.path.as_path())
        .collect();
    for d in catalog.check_links().items {
        if given.contains(&d.file.as_path()) {
            result.diagnostics.push(d);
        }
    }
    // Which establishment and year each self-assessment is for, to find two for the same.
    let mut seen: Vec<(String, i32, Pos, &Path)> = Vec::new();
    for (kind, doc) in &parsed {
        match kind {
            FileKind::Framework => {}
            FileKind::Assessment => {
                result.checked += 1;
                let path = doc.file.path.as_path();
                seen.extend(identity(&doc.node).map(|(id, year, at)| (id, year, at, path)));
                let (a, mut diags) = assessment::check_document(doc, catalog, as_of, true);
                if let Some(a) = a {
                    diags.extend(links::in_assessment(&doc.file, &a));
                }
                let mut named = Diagnostics {
                    items: named::disagreements(path, &doc.node),
                };
                named.name_sheets(&doc.file);
                diags.extend(named);
                result.diagnostics.extend(diags);
            }
            FileKind::Register => {
                result.checked += 1;
                if let Err(d) = crate::model::register::Register::read(&doc.file) {
                    result.diagnostics.extend(d);
                }
            }
        }
    }
    // Two files for the same establishment and year: every one not used is an error.
    seen.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    for group in seen.chunk_by(|a, b| a.0 == b.0 && a.1 == b.1) {
        if let [(id, year, ..), _, ..] = group {
            let files: Vec<(&Path, Pos)> = group.iter().map(|(_, _, at, p)| (*p, *at)).collect();
            let (_, problems) = duplicates::resolve(&files, id, *year);
            result.diagnostics.items.extend(problems);
        }
    }
    result.files.extend(parsed.into_iter().map(|(_, d)| d.file));
    result.diagnostics.sort();
    result
}

/// The establishment's id, the year and the id's place in a self-assessment's tree, whether or
/// not the rest of the file can be read.
pub fn identity(node: &Node) -> Option<(String, i32, Pos)> {
    let Value::Map(top) = &node.value else {
        return None;
    };
    let field = |entries: &[(crate::load::node::Key, Node)], name: &str| {
        entries
            .iter()
            .find(|(k, _)| k.name == name)
            .map(|(_, v)| v.clone())
    };
    let Value::Map(est) = field(top, "establishment")?.value else {
        return None;
    };
    let id = field(&est, "id")?;
    let Value::Str(id_text) = &id.value else {
        return None;
    };
    let Value::Int(year) = field(top, "year")?.value else {
        return None;
    };
    Some((id_text.clone(), i32::try_from(year).ok()?, id.pos))
}

/// `ties check`: every problem in the files below `paths` and in the frameworks of the
/// `--frameworks` folders `dirs`, as the report a person reads; and whether any is an error.
pub fn check(
    files: &dyn Files,
    dirs: &[PathBuf],
    paths: &[PathBuf],
    as_of: Option<chrono::NaiveDate>,
) -> (String, bool) {
    let (mut catalog, mut diags) = Catalog::load(files, dirs);
    let mut result = check_paths_as_of(files, paths, &mut catalog, as_of);
    report(&mut diags, &mut result, &catalog)
}

/// The report of a check, as a person reads it: every problem with its place, then a summary;
/// and whether any problem is an error.
fn report(diags: &mut Diagnostics, result: &mut CheckResult, catalog: &Catalog) -> (String, bool) {
    diags.extend(std::mem::take(&mut result.diagnostics));
    diags.sort();
    let mut files = std::mem::take(&mut result.files);
    files.extend(catalog.entries.iter().map(|e| e.file.clone()));
    let mut text = crate::error::render_all(diags, &files);
    text.push_str(&summary(diags, result.checked));
    text.push('\n');
    (text, diags.has_errors())
}

/// A one-line summary: "2 errors and 1 warning in 3 files".
pub fn summary(diags: &Diagnostics, files: usize) -> String {
    let plural = |n: usize, w: &str| {
        if n == 1 {
            format!("1 {w}")
        } else {
            format!("{n} {w}s")
        }
    };
    if files == 0 {
        return match (diags.errors(), diags.warnings()) {
            (0, 0) => "No files were found to check.".to_string(),
            (0, w) => format!("{}; no files were checked.", plural(w, "warning")),
            (e, _) => format!("{}; no files were checked.", plural(e, "error")),
        };
    }
    let files = plural(files, "file");
    match (diags.errors(), diags.warnings()) {
        (0, 0) => format!("No problems found in {files}."),
        (e, 0) => format!("{} in {files}.", plural(e, "error")),
        (0, w) => format!("{} in {files}; no errors.", plural(w, "warning")),
        (e, w) => format!(
            "{} and {} in {files}.",
            plural(e, "error"),
            plural(w, "warning")
        ),
    }
}
