//! The estate: every self-assessment under a folder, checked and scored, and what is learned
//! from them: the comparison for national leads (`compare`, and a file for each analysis it
//! makes) and one establishment across the years (`trend`).
//!
//! Files that fail `ties check` are kept aside with their problems, never silently dropped.

pub mod change;
pub mod compare;
pub mod cycle;
pub mod digest;
pub mod filters;
pub mod glance;
pub mod grades;
pub mod headlines;
pub mod highlights;
pub mod logic;
pub mod measures;
pub mod movement;
pub mod peers;
pub mod previous;
pub mod register;
mod selective;
pub mod stats;
pub mod trend;
pub mod versions;
pub mod weak;

#[cfg(test)]
mod fixture;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::diag::source::SourceFile;
use crate::diag::{Diagnostic, Diagnostics};
use crate::error::{Error, Result};
use crate::load;
use crate::model::assessment::Assessment;
use crate::model::catalog::Catalog;
use crate::model::register::Register;
use crate::score::{self, Scorecard};
use crate::validate;
use crate::validate::{FileKind, collect_files, kind_of};

/// One establishment's self-assessment for one year, with its scores.
pub struct Entry {
    pub path: PathBuf,
    /// The public part of the self-assessment: the estate never holds restricted content.
    pub assessment: Assessment,
    /// Scores without the restricted answers.
    pub card: Scorecard,
    /// The items whose answer is restricted, by qualified id: shown as withheld, never used.
    pub withheld: BTreeSet<String>,
}

impl Entry {
    /// An establishment's self-assessment as the estate holds it: its public part only, with the
    /// scores of everything but its restricted answers.
    pub fn new(path: PathBuf, assessment: &Assessment, catalog: &Catalog) -> Entry {
        let withheld = assessment.withheld_items();
        let card = score::score(&assessment.without_restricted_answers(), catalog);
        let assessment = assessment.public_part();
        Entry {
            path,
            assessment,
            card,
            withheld,
        }
    }

    pub fn id(&self) -> &str {
        &self.assessment.establishment.id
    }

    pub fn year(&self) -> i32 {
        *self.assessment.year
    }
}

/// A file that could not be used, with its problems.
pub struct Rejected {
    pub path: PathBuf,
    pub problems: Diagnostics,
    pub file: Option<SourceFile>,
}

#[derive(Default)]
pub struct Estate {
    /// Sorted by establishment id, then year.
    pub entries: Vec<Entry>,
    pub rejected: Vec<Rejected>,
    /// Registers found in the folder (files with `establishments:`).
    pub registers: Vec<(PathBuf, Register)>,
    /// Self-assessments that were not read in full because a look at them showed they are of
    /// a year or an establishment not asked for: how many, and the establishments they name.
    pub not_read: NotRead,
}

/// The self-assessments an estate loaded for one purpose did not read in full.
#[derive(Default)]
pub struct NotRead {
    pub files: usize,
    /// The establishments their files name, sorted, once each.
    pub establishments: Vec<String>,
}

impl Estate {
    /// Reads every assessment below `dir`. Files are read in parallel; the result is sorted, so
    /// it is the same whatever the order files were listed or finished in.
    pub fn load(dir: &Path, catalog: &Catalog) -> Result<Estate> {
        let (mut estate, files) = Estate::listed(dir);
        let results = load_all(&files, catalog, threads())?;
        estate.take(results);
        estate.finish();
        Ok(estate)
    }

    /// Adds what loading files produced.
    fn take(&mut self, results: Vec<Loaded>) {
        for r in results {
            match r {
                Loaded::Assessment(e) => self.entries.push(*e),
                Loaded::Register(p, reg) => self.registers.push((p, reg)),
                Loaded::Rejected(r) => self.rejected.push(r),
                Loaded::Other => {}
            }
        }
    }

    /// Sorts what was loaded, so it is the same whatever the order files were listed or
    /// finished in, and sets aside a second file for the same establishment and year.
    fn finish(&mut self) {
        self.entries
            .sort_by(|a, b| (a.id(), a.year(), &a.path).cmp(&(b.id(), b.year(), &b.path)));
        self.rejected.sort_by(|a, b| a.path.cmp(&b.path));
        self.registers.sort_by(|a, b| a.0.cmp(&b.0));
        // Two files for the same establishment and year: the later file is set aside. Entries
        // are sorted, so the first file is the last one kept.
        let mut kept: Vec<Entry> = Vec::with_capacity(self.entries.len());
        for e in std::mem::take(&mut self.entries) {
            // The same year as YAML and as a workbook: neither can be trusted to be the one
            // meant, so both are set aside, each naming the other.
            if let Some(first) = kept.pop_if(|k| both_formats(k, &e)) {
                let problems = validate::assessment::given_twice(
                    (&first.path, first.assessment.establishment.id.pos),
                    (&e.path, e.assessment.establishment.id.pos),
                    e.id(),
                    e.year(),
                );
                for (entry, d) in [first, e].into_iter().zip(problems) {
                    self.rejected.push(Rejected {
                        path: entry.path,
                        problems: Diagnostics { items: vec![d] },
                        file: None,
                    });
                }
                continue;
            }
            if let Some(first) = kept
                .last()
                .filter(|k| k.id() == e.id() && k.year() == e.year())
            {
                let d = validate::duplicate(
                    &e.path,
                    e.assessment.establishment.id.pos,
                    e.id(),
                    e.year(),
                    &first.path,
                );
                self.rejected.push(Rejected {
                    path: e.path.clone(),
                    problems: Diagnostics { items: vec![d] },
                    file: None,
                });
            } else {
                kept.push(e);
            }
        }
        self.entries = kept;
    }

    /// An estate holding only the problems met listing the folder, and the files listed.
    fn listed(dir: &Path) -> (Estate, Vec<PathBuf>) {
        let mut listing = Diagnostics::default();
        let files = collect_files(&[dir.to_path_buf()], &mut listing);
        let mut estate = Estate::default();
        for d in listing.items {
            estate.rejected.push(Rejected {
                path: d.file.clone(),
                problems: Diagnostics { items: vec![d] },
                file: None,
            });
        }
        (estate, files)
    }

    /// The register to compare against: the file given, or else the first register in the
    /// folder, if any.
    /// Returned with the file it was read from.
    pub fn register(&self, given: Option<&Path>) -> Result<Option<(PathBuf, Register)>> {
        let Some(path) = given else {
            return Ok(self.registers.first().cloned());
        };
        let file = load::read_source(path).map_err(|d| Error::problem(d, None))?;
        match Register::read(&file) {
            Ok(register) => Ok(Some((path.to_path_buf(), register))),
            Err(diagnostics) => Err(Error::in_file(diagnostics, file)),
        }
    }

    /// The files that could not be used and seem to be the establishment `id`'s (a folder of
    /// that name is on their path).
    pub fn rejected_of<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Rejected> {
        self.rejected
            .iter()
            .filter(move |r| r.path.components().any(|c| c.as_os_str() == id))
    }

    /// A sentence saying that some files could not be used, for the person running `ties`.
    pub fn rejected_warning(&self, dir: &Path) -> Option<String> {
        let n = self.rejected.len();
        (n > 0).then(|| {
            format!(
                "{n} file{} could not be used and {} left out; the report lists {}. Run `ties check {}` for details.",
                if n == 1 { "" } else { "s" },
                if n == 1 { "is" } else { "are" },
                if n == 1 { "it" } else { "them" },
                crate::paths::for_command(dir)
            )
        })
    }

    pub fn years(&self) -> Vec<i32> {
        let mut y: Vec<i32> = self.entries.iter().map(Entry::year).collect();
        y.sort_unstable();
        y.dedup();
        y
    }

    /// The entries for one year.
    pub fn year(&self, year: i32) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(move |e| e.year() == year)
    }

    /// One establishment's entry for a year.
    pub fn find(&self, id: &str, year: i32) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.id() == id && e.year() == year)
    }
}

/// Two entries for one establishment and year in one folder, one a workbook and one YAML.
fn both_formats(a: &Entry, b: &Entry) -> bool {
    a.id() == b.id()
        && a.year() == b.year()
        && a.path.parent() == b.path.parent()
        && load::workbook::is_workbook_path(&a.path) != load::workbook::is_workbook_path(&b.path)
}

/// Files are read on one thread per core, up to 8.
fn threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8)
}

enum Loaded {
    Assessment(Box<Entry>),
    Register(PathBuf, Register),
    Rejected(Rejected),
    Other,
}

/// Loads every file on `threads` threads (one per core, up to 8). Each thread takes the next
/// file not yet taken, so a thread that draws large files does not hold the others up. The
/// results come back in the order of `files`, whatever order they finished in. A thread that
/// fails loses the files it held: that is an error naming them, never a silent gap.
fn load_all(files: &[PathBuf], catalog: &Catalog, threads: usize) -> Result<Vec<Loaded>> {
    in_parallel(files, threads, |path| load_one(path, catalog))
}

/// `load` applied to every file on `threads` threads, the results in the order of `files`.
fn in_parallel<T: Send>(
    files: &[PathBuf],
    threads: usize,
    load: impl Fn(&Path) -> T + Sync,
) -> Result<Vec<T>> {
    let threads = threads.clamp(1, files.len().max(1));
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, T)> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(path) = files.get(i) else { break };
                        out.push((i, load(path)));
                    }
                    out
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    if done.len() < files.len() {
        let lost = (0..files.len())
            .filter(|i| done.binary_search_by_key(i, |(j, _)| *j).is_err())
            .map(|i| files[i].clone())
            .collect();
        return Err(Error::LoaderFailed { files: lost });
    }
    Ok(done.into_iter().map(|(_, l)| l).collect())
}

fn load_one(path: &Path, catalog: &Catalog) -> Loaded {
    // Read and parsed once: the tree tells what kind of file it is, and is then checked as it is.
    let doc = match load::read_document(path) {
        Ok(doc) => doc,
        Err(load::Unread { problem, file }) => {
            return Loaded::Rejected(Rejected {
                path: path.to_path_buf(),
                problems: Diagnostics {
                    items: vec![problem],
                },
                file,
            });
        }
    };
    match kind_of(&doc.node.value) {
        FileKind::Assessment => {
            let (a, diags) = validate::assessment::check_document(&doc, catalog, None, false);
            let file = doc.file;
            match a {
                Some(assessment) => Loaded::Assessment(Box::new(Entry::new(
                    path.to_path_buf(),
                    &assessment,
                    catalog,
                ))),
                None => {
                    let errors = Diagnostics {
                        items: diags
                            .items
                            .into_iter()
                            .filter(Diagnostic::is_error)
                            .collect(),
                    };
                    Loaded::Rejected(Rejected {
                        path: path.to_path_buf(),
                        problems: errors,
                        file: Some(file),
                    })
                }
            }
        }
        FileKind::Register => match Register::read(&doc.file) {
            Ok(r) => Loaded::Register(path.to_path_buf(), r),
            Err(problems) => Loaded::Rejected(Rejected {
                path: path.to_path_buf(),
                problems,
                file: Some(doc.file),
            }),
        },
        FileKind::Framework => Loaded::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Everything a file's loading produced, as text, in the order it came back.
    fn outcome(files: &[PathBuf], catalog: &Catalog, threads: usize) -> Vec<String> {
        load_all(files, catalog, threads)
            .expect("no thread fails")
            .into_iter()
            .map(|l| match l {
                Loaded::Assessment(e) => format!(
                    "{} {}",
                    e.path.display(),
                    serde_json::to_string(&e.card).expect("a scorecard")
                ),
                Loaded::Register(p, r) => format!("{} {}", p.display(), r.establishments.len()),
                Loaded::Rejected(r) => format!("{} {:?}", r.path.display(), r.problems.items),
                Loaded::Other => "other".to_string(),
            })
            .collect()
    }

    #[test]
    fn a_thread_that_fails_is_an_error_naming_its_files() {
        let files: Vec<PathBuf> = (0..20)
            .map(|i| PathBuf::from(format!("{i}.yaml")))
            .collect();
        let all = in_parallel(&files, 4, |p| p.display().to_string()).unwrap();
        assert_eq!(
            all,
            (0..20).map(|i| format!("{i}.yaml")).collect::<Vec<_>>()
        );
        // Silence the report of the deliberate failure below.
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let failed = in_parallel(&files, 4, |p| {
            assert!(p != Path::new("7.yaml"), "a fault");
            p.display().to_string()
        });
        std::panic::set_hook(hook);
        match failed {
            Err(Error::LoaderFailed { files: lost }) => {
                assert!(lost.contains(&PathBuf::from("7.yaml")), "{lost:?}");
                assert!(lost.len() < files.len(), "{lost:?}");
            }
            other => panic!(
                "expected a loader failure, got {:?}",
                other.map(|v| v.len())
            ),
        }
    }

    #[test]
    fn the_same_whatever_the_number_of_threads() {
        let (catalog, _) = Catalog::load(&[]);
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        // The examples, and files with every kind of problem.
        let dirs = [root.join("assessments"), root.join("tests/fixtures")];
        let files = collect_files(&dirs, &mut Diagnostics::default());
        assert!(files.len() > 40, "{} files", files.len());
        let one = outcome(&files, &catalog, 1);
        assert!(one.iter().any(|o| o.contains("\"frameworks\"")));
        for threads in [2, 3, 8, 64] {
            assert!(
                outcome(&files, &catalog, threads) == one,
                "{threads} threads"
            );
        }
    }
}
