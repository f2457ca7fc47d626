//! `ties check`: find every problem in framework and assessment files.

pub mod assessment;
pub mod catalog;
pub mod framework;
pub mod privacy;
pub mod register;

use std::path::{Path, PathBuf};

use crate::diag::source::{Pos, SourceFile};
use crate::diag::{Diagnostic, Diagnostics};
use crate::load;
use crate::load::node::{Node, Value};
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

/// Every file below the given paths that `ties` can read (YAML, TOML and `.xlsx` workbooks),
/// in a stable order.
pub fn collect_files(paths: &[PathBuf], diags: &mut Diagnostics) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out, diags);
        } else if p.exists() {
            out.push(p.clone());
        } else {
            diags.push(load::io_problem(
                p,
                &std::io::Error::from(std::io::ErrorKind::NotFound),
            ));
        }
    }
    out.sort();
    out.dedup();
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, diags: &mut Diagnostics) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            diags.push(load::io_problem(dir, &e));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden || p.is_symlink() {
            continue;
        }
        if p.is_dir() {
            walk(&p, out, diags);
        } else if catalog::is_framework_file(&p) || load::workbook::is_self_assessment_candidate(&p)
        {
            out.push(p);
        }
    }
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

/// Checks files: frameworks first (so assessments in the same run can use them), then the rest.
pub fn check_paths_as_of(
    paths: &[PathBuf],
    catalog: &mut Catalog,
    as_of: Option<chrono::NaiveDate>,
) -> CheckResult {
    let mut result = CheckResult::default();
    let files = collect_files(paths, &mut result.diagnostics);
    let mut parsed = Vec::new();
    for path in files {
        let doc = match load::read_document(&path) {
            Ok(doc) => doc,
            Err(load::Unread { problem, file }) => {
                // Text that is not UTF-8 has a place: keep the file, with the characters that
                // cannot be read shown as `�`, so the message can show its line.
                let file = file.or_else(|| {
                    (problem.line > 0 && problem.sheet == 0)
                        .then(|| std::fs::read(&path).ok())
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
                framework: fw,
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
                let (_, diags) = assessment::check_document(doc, catalog, as_of, true);
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
    seen.sort_by(|a, b| (&a.0, a.1, a.3).cmp(&(&b.0, b.1, b.3)));
    for pair in seen.windows(2) {
        let ((id, year, first_at, first), (id2, year2, at, path)) = (&pair[0], &pair[1]);
        if id != id2 || year != year2 {
            continue;
        }
        // The same year as YAML and as a workbook: an error in each, naming the other.
        if load::workbook::is_workbook_path(first) != load::workbook::is_workbook_path(path) {
            let both = assessment::given_twice((first, *first_at), (path, *at), id, *year);
            result.diagnostics.items.extend(both);
        } else {
            result
                .diagnostics
                .push(duplicate(path, *at, id, *year, first));
        }
    }
    result.files.extend(parsed.into_iter().map(|(_, d)| d.file));
    result.diagnostics.sort();
    result
}

/// The problem with a second self-assessment for the same establishment and year: the same
/// words wherever it is found (`ties check` on a folder, the estate, `trend`).
pub fn duplicate(path: &Path, at: Pos, id: &str, year: i32, first: &Path) -> Diagnostic {
    Diagnostic::error(
        path,
        at,
        format!(
            "{id} already has a self-assessment for {year} in {}",
            first.display()
        ),
    )
    .help("keep one file per establishment and year")
}

/// The establishment's id, the year and the id's place in a self-assessment's tree, whether or
/// not the rest of the file can be read.
fn identity(node: &Node) -> Option<(String, i32, Pos)> {
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
    dirs: &[PathBuf],
    paths: &[PathBuf],
    as_of: Option<chrono::NaiveDate>,
) -> (String, bool) {
    let (mut catalog, mut diags) = Catalog::load(dirs);
    let mut result = check_paths_as_of(paths, &mut catalog, as_of);
    diags.extend(std::mem::take(&mut result.diagnostics));
    diags.sort();
    let mut files = result.files;
    files.extend(catalog.entries.iter().map(|e| e.file.clone()));
    let mut text = crate::error::render_all(&diags, &files);
    text.push_str(&summary(&diags, result.checked));
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
        return match diags.errors() {
            0 => "No files were found to check.".to_string(),
            e => format!("{}; no files were checked.", plural(e, "error")),
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
