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

/// Whether `ties` reads this file when it is found in a folder: a YAML or TOML file, or a
/// workbook that may be a self-assessment.
fn readable(path: &Path) -> bool {
    catalog::is_framework_file(path) || load::workbook::is_self_assessment_candidate(path)
}

/// Every file below the given paths that `ties` can read (YAML, TOML and `.xlsx` workbooks), in
/// a stable order. What a folder holds and `ties` does not read is listed in `diags` as a warning
/// saying why (see `entry`).
pub fn collect_files(paths: &[PathBuf], diags: &mut Diagnostics) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &root_of(p), true, &mut out, diags);
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
    once_each(&mut out);
    out
}

/// A file reached both as itself and through a link (or through two links) is read once, as
/// itself where it is listed as itself: it is one self-assessment, not two for the same year.
fn once_each(paths: &mut Vec<PathBuf>) {
    let is_link = |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink());
    if !paths.iter().any(|p| is_link(p)) {
        return;
    }
    let real: Vec<(bool, Option<PathBuf>)> = paths
        .iter()
        .map(|p| (is_link(p), p.canonicalize().ok()))
        .collect();
    let mut seen: std::collections::HashSet<PathBuf> = real
        .iter()
        .filter(|(link, _)| !link)
        .filter_map(|(_, r)| r.clone())
        .collect();
    let mut keep = real.into_iter().map(|(link, r)| match r {
        Some(r) if link => seen.insert(r),
        _ => true,
    });
    paths.retain(|_| keep.next().unwrap_or(true));
}

/// The files `ties` reads directly in `dir`, not in its sub-folders, in a stable order, by the
/// same rules as `collect_files`.
pub fn files_in_folder(dir: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let mut out = Vec::new();
    walk(dir, &root_of(dir), false, &mut out, diags);
    out.sort();
    once_each(&mut out);
    out
}

/// The folder as the system names it, links resolved, to tell whether a link leads out of it.
fn root_of(dir: &Path) -> PathBuf {
    dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf())
}

fn walk(dir: &Path, root: &Path, deep: bool, out: &mut Vec<PathBuf>, diags: &mut Diagnostics) {
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
        if hidden {
            continue;
        }
        match entry(&p, root) {
            Listed::Folder if deep => walk(&p, root, deep, out, diags),
            Listed::Folder => {}
            Listed::File => take(p, out, diags),
            Listed::Skipped { why, help, always } => {
                if always || readable(&p) {
                    diags.push(Diagnostic::warning(&p, Pos::FILE, why).help(help));
                }
            }
        }
    }
}

/// A file found in a folder: kept to be read when its name says `ties` reads it; otherwise, a
/// spreadsheet or a document of another format (which may hold answers) is named, with what to
/// do, never passed over.
fn take(p: PathBuf, out: &mut Vec<PathBuf>, diags: &mut Diagnostics) {
    if readable(&p) {
        out.push(p);
    } else if let Some(f) = load::foreign::format_of(&p) {
        diags.push(Diagnostic::warning(&p, Pos::FILE, f.not_read()).help(f.help));
    }
}

/// The files `ties` reads among files known by their names alone (the files a person chose in
/// the web page, named by their place in the folder chosen), by the rules `collect_files`
/// follows in a folder: hidden files and folders (a name starting with `.`) are passed over,
/// other formats are named with what to do, and the rest come back sorted, once each.
pub fn files_named<'a>(
    names: impl IntoIterator<Item = &'a Path>,
    diags: &mut Diagnostics,
) -> Vec<PathBuf> {
    let mut names: Vec<&Path> = names.into_iter().collect();
    names.sort();
    names.dedup();
    let mut out = Vec::new();
    for name in names {
        let hidden = name.components().any(|c| {
            c.as_os_str()
                .to_str()
                .is_some_and(|n| n.starts_with('.') && n != "." && n != "..")
        });
        if !hidden {
            take(name.to_path_buf(), &mut out, diags);
        }
    }
    out
}

/// What a name in a folder is, for reading.
enum Listed {
    Folder,
    /// A regular file, or a link to one inside the folder being read: read if its name says it
    /// is a framework, an assessment or a register.
    File,
    /// Not read, and why. `always` when it is worth saying whatever its name; otherwise only
    /// names ending in `.yaml`, `.yml` or `.toml` are listed.
    Skipped {
        why: &'static str,
        help: &'static str,
        always: bool,
    },
}

/// A link is followed to a regular file inside the folder being read, so a folder of links
/// reads like a folder of files; never to a folder (which could lead back to itself) or out of
/// the folder (where someone who can write to a shared folder could point it at a file of
/// yours). A named pipe, a device or a socket is never read: reading one may never end.
fn entry(p: &Path, root: &Path) -> Listed {
    let link = std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink());
    let Ok(meta) = std::fs::metadata(p) else {
        return Listed::Skipped {
            why: "this link leads to nothing (what it pointed to is gone), so it was not read",
            help: "remove the link, or make it point to the file again",
            always: false,
        };
    };
    if meta.is_dir() && !link {
        return Listed::Folder;
    }
    if meta.is_dir() {
        return Listed::Skipped {
            why: "this is a link to a folder, which ties does not follow, so the files in it were not read",
            help: "give the folder itself to read it",
            always: true,
        };
    }
    if !meta.is_file() {
        return Listed::Skipped {
            why: "this is not a file but a named pipe, a device or a socket, so it was not read",
            help: "ties reads files only: save what it holds as a file",
            always: false,
        };
    }
    if link && !p.canonicalize().is_ok_and(|real| real.starts_with(root)) {
        return Listed::Skipped {
            why: "this is a link to a file outside the folder being read, so it was not read",
            help: "give the file itself, or copy it into the folder",
            always: false,
        };
    }
    Listed::File
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
    let read = files
        .into_iter()
        .map(|path| {
            load::read_document(&path).map_err(|unread| {
                // A pipe cannot be read twice: only a regular file is read again to show a
                // line of text that is not UTF-8.
                let again = std::fs::metadata(&path)
                    .is_ok_and(|m| m.is_file())
                    .then(|| load::read_limited(&path).ok())
                    .flatten();
                (unread, path, again)
            })
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
    let (mut catalog, mut diags) = Catalog::load(&[]);
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
    dirs: &[PathBuf],
    paths: &[PathBuf],
    as_of: Option<chrono::NaiveDate>,
) -> (String, bool) {
    let (mut catalog, mut diags) = Catalog::load(dirs);
    let mut result = check_paths_as_of(paths, &mut catalog, as_of);
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

#[cfg(test)]
mod in_memory_tests {
    use std::path::PathBuf;

    /// A file checked from memory reads as the same file checked on the disk.
    #[test]
    fn a_check_in_memory_says_what_a_check_on_the_disk_says() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        for name in [
            "assessments/hmp-harrowfield/2025.yaml",
            "tests/fixtures/broken-assessments/empty.yaml",
        ] {
            let bytes = std::fs::read(root.join(name)).expect("an example");
            let memory = super::check_in_memory(vec![(PathBuf::from(name), bytes)], None);
            let disk = {
                // Unit tests run in the project's folder, where the relative name is found.
                assert!(
                    PathBuf::from(name).is_file(),
                    "{name} from the project's folder"
                );
                super::check(&[], &[PathBuf::from(name)], None)
            };
            assert_eq!(memory, disk, "{name}");
        }
    }
}
