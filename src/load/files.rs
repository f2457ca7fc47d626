//! Where the files a command reads come from. The library never opens a file itself: it asks
//! a `Files` for bytes and for the names in a folder, and runs many reads through it. The
//! command line gives it the disk (its `cli::disk`, which also reads on one thread per core);
//! the web page gives it the files a person chose, held in memory (`InMemory`), read one after
//! another, as a page has no threads. Both list a folder by the same rules
//! (`files_named` and the rules it calls), so the same files give the same results
//! through either door.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use crate::diag::source::{Pos, SourceFile};
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::{self, Document, MAX_FILE_BYTES, NamedFile, Unread};

/// The files a command may read, and how to read many of them.
pub trait Files: Sync {
    /// The bytes of the file at `path`, at most `MAX_FILE_BYTES` of them: more is an error of
    /// kind `FileTooLarge` whose message says how much there is; a folder is an error of kind
    /// `IsADirectory`; nothing there, of kind `NotFound`.
    fn read(&self, path: &Path) -> io::Result<Vec<u8>>;

    /// The files `ties` reads among `paths`: a file named is itself, a folder gives the files
    /// in it (and in every folder below it, when `below`). Sorted, each once; what is passed
    /// over and worth saying (a spreadsheet of another format, a link that leads out of the
    /// folder, a path with nothing there) is said in `diags`.
    fn list(&self, paths: &[PathBuf], below: bool, diags: &mut Diagnostics) -> Vec<PathBuf>;

    /// Runs `work` once for each number below `count`: on several threads where there are,
    /// one after another where there are not. A piece of work that fails (a panic) ends only
    /// itself: the others are still run (see `each_of`).
    fn each(&self, count: usize, work: &(dyn Fn(usize) + Sync));

    /// The bytes of a file, or the problem, placed at the file, saying why they cannot be had.
    fn bytes(&self, path: &Path) -> Result<Vec<u8>, Diagnostic> {
        self.read(path).map_err(|e| match e.kind() {
            io::ErrorKind::IsADirectory => {
                Diagnostic::error(path, Pos::FILE, "this is a folder, not a file")
            }
            io::ErrorKind::FileTooLarge => load::too_large(path, e.to_string()),
            _ => load::io_problem(path, &e),
        })
    }

    /// A file as UTF-8 text.
    fn source(&self, path: &Path) -> Result<SourceFile, Diagnostic> {
        load::source_from_bytes(path, self.bytes(path)?)
    }

    /// A file read and parsed, whatever its kind: a workbook, or YAML or TOML text.
    fn document(&self, path: &Path) -> Result<Document, Unread> {
        let bytes = self.bytes(path).map_err(|problem| Unread {
            problem,
            file: None,
        })?;
        load::document_from_bytes(path, bytes)
    }
}

/// `work` applied to each of `items`, through `files.each`, the results in the order of
/// `items` whatever order they finished in. The items whose work did not finish (a thread that
/// failed) are given back instead, so that none is ever silently lost.
pub fn each_of<I: Sync, T: Send>(
    files: &dyn Files,
    items: &[I],
    work: impl Fn(&I) -> T + Sync,
) -> Result<Vec<T>, Vec<usize>> {
    let done: Vec<std::sync::Mutex<Option<T>>> =
        items.iter().map(|_| std::sync::Mutex::new(None)).collect();
    files.each(items.len(), &|i| {
        let out = work(&items[i]);
        if let Ok(mut slot) = done[i].lock() {
            *slot = Some(out);
        }
    });
    let mut lost = Vec::new();
    let mut out = Vec::with_capacity(items.len());
    for (i, slot) in done.into_iter().enumerate() {
        match slot.into_inner().ok().flatten() {
            Some(t) => out.push(t),
            None => lost.push(i),
        }
    }
    if lost.is_empty() { Ok(out) } else { Err(lost) }
}

/// Whether `ties` reads this file when it is found in a folder: a YAML or TOML file, or a
/// workbook that may be a self-assessment.
pub fn readable(path: &Path) -> bool {
    is_text_file(path) || super::workbook::is_self_assessment_candidate(path)
}

/// A file found in a folder: kept to be read when its name says `ties` reads it; otherwise, a
/// spreadsheet or a document of another format (which may hold answers) is named, with what to
/// do, never passed over.
pub fn take(p: PathBuf, out: &mut Vec<PathBuf>, diags: &mut Diagnostics) {
    if readable(&p) {
        out.push(p);
    } else if let Some(f) = super::foreign::format_of(&p) {
        diags.push(Diagnostic::warning(&p, Pos::FILE, f.not_read()).help(f.help));
    }
}

/// The files `ties` reads among files known by their names alone (the files a person chose in
/// the web page, named by their place in the folder chosen), by the rules the command line
/// follows in a folder on the disk (`cli::disk`): hidden files and folders (a name starting with `.`) are passed over,
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

/// Whether a file is YAML or TOML text, by its name: a framework, a self-assessment or a
/// register.
pub fn is_text_file(path: &Path) -> bool {
    ["yaml", "yml", "toml"]
        .iter()
        .any(|e| crate::diag::source::has_extension(path, e))
}

/// Files held in memory, each under its name: the files a person gave the web page, named by
/// their place in the folder chosen (`estate/hmp-a/2025.xlsx`). Nothing else is there.
#[derive(Default)]
pub struct InMemory<'a> {
    files: BTreeMap<&'a Path, &'a [u8]>,
}

impl<'a> InMemory<'a> {
    pub fn new(files: &'a [NamedFile]) -> InMemory<'a> {
        InMemory {
            files: files
                .iter()
                .map(|f| (f.name.as_path(), f.bytes.as_slice()))
                .collect(),
        }
    }
}

impl Files for InMemory<'_> {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        let Some(bytes) = self.files.get(path) else {
            return Err(io::ErrorKind::NotFound.into());
        };
        if bytes.len() as u64 > MAX_FILE_BYTES {
            let mb = bytes.len() as f64 / (1024.0 * 1024.0);
            return Err(io::Error::new(
                io::ErrorKind::FileTooLarge,
                format!("{mb:.1} MB"),
            ));
        }
        Ok(bytes.to_vec())
    }

    fn list(&self, paths: &[PathBuf], below: bool, diags: &mut Diagnostics) -> Vec<PathBuf> {
        let names = self.files.keys().copied().filter(|name| {
            paths.iter().any(|p| {
                *name == p.as_path()
                    || if below {
                        name.starts_with(p)
                    } else {
                        name.parent() == Some(p.as_path())
                    }
            })
        });
        files_named(names, diags)
    }

    fn each(&self, count: usize, work: &(dyn Fn(usize) + Sync)) {
        (0..count).for_each(work);
    }
}

/// Every file below `dir` on the disk, held in memory under the same names: for the library's
/// own tests of the bundled examples.
#[cfg(test)]
pub(crate) fn folder_in_memory(dir: &Path) -> Vec<NamedFile> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).expect("a folder") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                todo.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("a file");
                out.push(NamedFile { name: path, bytes });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str, text: &str) -> NamedFile {
        NamedFile {
            name: PathBuf::from(name),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn files_in_memory_are_listed_by_the_rules_for_a_folder() {
        let files = [
            named("estate/b/2025.yaml", "year: 2025\n"),
            named("estate/a/2025.xlsx", ""),
            named("estate/.hidden/2025.yaml", ""),
            named("estate/a/.~lock.2025.xlsx#", ""),
            named("estate/a/2025.ods", ""),
            named("estate/notes.txt", ""),
            named("estate/register.yaml", ""),
            named("other/2025.yaml", ""),
        ];
        let files = InMemory::new(&files);
        let mut diags = Diagnostics::default();
        let listed = files.list(&[PathBuf::from("estate")], true, &mut diags);
        assert_eq!(
            listed,
            [
                PathBuf::from("estate/a/2025.xlsx"),
                PathBuf::from("estate/b/2025.yaml"),
                PathBuf::from("estate/register.yaml"),
            ]
        );
        // The spreadsheet of another format is named, with what to do; the text file and
        // the hidden ones are passed over, as in a folder.
        let named: Vec<_> = diags.items.iter().map(|d| d.file.clone()).collect();
        assert_eq!(named, [PathBuf::from("estate/a/2025.ods")]);
        // The folder itself, without those below it.
        let top = files.list(
            &[PathBuf::from("estate")],
            false,
            &mut Diagnostics::default(),
        );
        assert_eq!(top, [PathBuf::from("estate/register.yaml")]);
    }

    #[test]
    fn a_file_in_memory_is_read_as_one_on_the_disk() {
        let files = [named("a/2025.yaml", "year: 2025\n")];
        let files = InMemory::new(&files);
        assert_eq!(
            files.read(Path::new("a/2025.yaml")).unwrap(),
            b"year: 2025\n"
        );
        let missing = files.bytes(Path::new("a/2024.yaml")).unwrap_err();
        assert_eq!(missing.message, "the file or folder does not exist");
        let work = each_of(&files, &[1, 2, 3], |n| n * 2).unwrap();
        assert_eq!(work, [2, 4, 6]);
    }
}
