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
pub mod groups;
pub mod headlines;
pub mod highlights;
pub mod logic;
pub mod measures;
pub mod movement;
pub mod names;
pub mod overdue;
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

use crate::diag::source::SourceFile;
use crate::diag::{Diagnostic, Diagnostics};
use crate::error::{Error, Result};
use crate::load::{self, Files};
use crate::model::assessment::Assessment;
use crate::model::catalog::Catalog;
use crate::model::register::Register;
use crate::score::{self, Scorecard};
use crate::validate;
use crate::validate::{FileKind, kind_of};

/// One establishment's self-assessment for one year, with its scores.
pub struct Entry {
    pub path: PathBuf,
    /// The public part of the self-assessment: the estate never holds restricted content.
    pub assessment: Assessment,
    /// Scores without the restricted answers.
    pub card: Scorecard,
    /// The items whose answer is restricted, by qualified id: shown as withheld, never used.
    pub withheld: BTreeSet<String>,
    /// The due dates of the restricted actions still open or in progress: counted when actions
    /// are overdue, never described.
    pub restricted_due: Vec<chrono::NaiveDate>,
    /// The ids of the actions marked restricted: counted where a public view says how many it
    /// leaves out, never shown.
    pub withheld_actions: BTreeSet<String>,
}

impl Entry {
    /// An establishment's self-assessment as the estate holds it: its public part only, with the
    /// scores of everything but its restricted answers.
    pub fn new(path: PathBuf, mut assessment: Assessment, catalog: &Catalog) -> Entry {
        let withheld = assessment.withheld_items();
        let restricted_due = assessment
            .actions
            .iter()
            .filter(|a| a.restricted && a.status.is_live())
            .filter_map(|a| {
                a.due
                    .as_ref()
                    .and_then(|d| crate::model::assessment::parse_date(d))
            })
            .collect();
        let withheld_actions = assessment
            .actions
            .iter()
            .filter(|a| a.restricted)
            .map(|a| a.id.value.clone())
            .collect();
        // Made in place: first without the restricted answers, which is what the public scores
        // are of, then without anything restricted. What is kept is a copy of that, made to
        // measure, and the one read is given back: the estate holds every establishment's, and
        // the read one's memory is needed for the next file (kept, it took 8 MB more of the
        // estate's workbook, past its 100 MB).
        assessment.remove_restricted_answers();
        let card = score::score(&assessment, catalog);
        assessment.remove_restricted();
        let assessment = assessment.clone();
        Entry {
            path,
            assessment,
            card,
            withheld,
            restricted_due,
            withheld_actions,
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
    /// The establishment the file was read as, when it was read (a second file for a year).
    pub establishment: Option<String>,
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
    /// The years their files are of, sorted, once each; with the year asked for, when the files
    /// named for it were read but none could be used (so it is a year there is, shown with the
    /// files left out, not a year no one submitted).
    pub years: Vec<i32>,
}

impl Estate {
    /// Reads every assessment below the folder `dir` among `files`. Files are read as `files`
    /// runs work (in parallel, from the disk); the result is sorted, so it is the same whatever
    /// the order files were listed or finished in.
    pub fn load(files: &dyn Files, dir: &Path, catalog: &Catalog) -> Result<Estate> {
        let (mut estate, listed) = Estate::listed(files, dir);
        let results = load_all(files, &listed, catalog)?;
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
        // Two files for the same establishment and year: one is kept, by the one rule of
        // `validate::duplicates`, and the others are set aside, each with its reason.
        let mut kept: Vec<Entry> = Vec::with_capacity(self.entries.len());
        let mut entries = std::mem::take(&mut self.entries).into_iter().peekable();
        while let Some(e) = entries.next() {
            let mut group = vec![e];
            while let Some(next) =
                entries.next_if(|n| n.id() == group[0].id() && n.year() == group[0].year())
            {
                group.push(next);
            }
            if group.len() == 1 {
                kept.extend(group);
                continue;
            }
            let files: Vec<(&Path, crate::diag::source::Pos)> = group
                .iter()
                .map(|e| (e.path.as_path(), e.assessment.establishment.id.pos))
                .collect();
            let (used, problems) =
                validate::duplicates::resolve(&files, group[0].id(), group[0].year());
            for (i, entry) in group.into_iter().enumerate() {
                if Some(i) == used {
                    kept.push(entry);
                    continue;
                }
                let mine = problems
                    .iter()
                    .filter(|d| d.file == entry.path)
                    .cloned()
                    .collect();
                self.rejected.push(Rejected {
                    establishment: Some(entry.id().to_string()),
                    path: entry.path,
                    problems: Diagnostics { items: mine },
                    file: None,
                });
            }
        }
        self.entries = kept;
        self.rejected.sort_by(|a, b| a.path.cmp(&b.path));
    }

    /// An estate holding only the problems met listing the files, and the files listed.
    fn listed(source: &dyn Files, dir: &Path) -> (Estate, Vec<PathBuf>) {
        let mut listing = Diagnostics::default();
        let files = source.list(&[dir.to_path_buf()], true, &mut listing);
        let mut estate = Estate::default();
        for d in listing.items {
            estate.rejected.push(Rejected {
                path: d.file.clone(),
                problems: Diagnostics { items: vec![d] },
                file: None,
                establishment: None,
            });
        }
        (estate, files)
    }

    /// The register to compare against: the file given (read from `files`), or else the first
    /// register in the folder, if any.
    /// Returned with the file it was read from.
    pub fn register(
        &self,
        files: &dyn Files,
        given: Option<&Path>,
    ) -> Result<Option<(PathBuf, Register)>> {
        let Some(path) = given else {
            return Ok(self.registers.first().cloned());
        };
        let file = files.source(path).map_err(|d| Error::problem(d, None))?;
        match Register::read(&file) {
            Ok(register) => Ok(Some((path.to_path_buf(), register))),
            Err(diagnostics) => Err(Error::in_file(diagnostics, file)),
        }
    }

    /// The files that could not be used and seem to be the establishment `id`'s (a folder of
    /// that name is on their path), or were read as its (a second file for one of its years).
    pub fn rejected_of<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Rejected> {
        self.rejected.iter().filter(move |r| {
            r.establishment.as_deref() == Some(id)
                || r.path.components().any(|c| c.as_os_str() == id)
        })
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

    /// The years the folder holds self-assessments for: those read, and those of the files a
    /// look placed in years not read. For a person who asks for a year there is none of.
    pub fn years_in_folder(&self) -> Vec<i32> {
        let mut y = self.years();
        y.extend(&self.not_read.years);
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

enum Loaded {
    Assessment(Box<Entry>),
    Register(PathBuf, Register),
    Rejected(Rejected),
    Other,
}

/// Loads every file, through `source.each` (from the disk, on one thread per core, up to 8:
/// each thread takes the next file not yet taken, so a thread that draws large files does not
/// hold the others up). The results come back in the order of `files`, whatever order they
/// finished in. A thread that fails loses the file it held: that is an error naming it, never
/// a silent gap.
fn load_all(source: &dyn Files, files: &[PathBuf], catalog: &Catalog) -> Result<Vec<Loaded>> {
    in_parallel(source, files, |path| {
        load::guarded(path, || load_one(source, path, catalog)).unwrap_or_else(|problem| {
            Loaded::Rejected(Rejected {
                path: path.to_path_buf(),
                problems: Diagnostics {
                    items: vec![problem],
                },
                file: None,
                establishment: None,
            })
        })
    })
}

/// `work` applied to every file through `source.each`, the results in the order of `files`;
/// the files whose work did not finish are named in an error.
fn in_parallel<T: Send>(
    source: &dyn Files,
    files: &[PathBuf],
    work: impl Fn(&Path) -> T + Sync,
) -> Result<Vec<T>> {
    load::files::each_of(source, files, |p| work(p)).map_err(|lost| Error::LoaderFailed {
        files: lost.into_iter().map(|i| files[i].clone()).collect(),
    })
}

fn load_one(source: &dyn Files, path: &Path, catalog: &Catalog) -> Loaded {
    // Read and parsed once: the tree tells what kind of file it is, and is then checked as it is.
    let doc = match source.document(path) {
        Ok(doc) => doc,
        Err(load::Unread { problem, file }) => {
            return Loaded::Rejected(Rejected {
                path: path.to_path_buf(),
                problems: Diagnostics {
                    items: vec![problem],
                },
                file,
                establishment: None,
            });
        }
    };
    match kind_of(&doc.node.value) {
        FileKind::Assessment => {
            let (mut a, mut diags) =
                validate::assessment::check_document(&doc, catalog, None, false);
            // A workbook whose name says another year or establishment than it holds is left
            // out: the estate reads workbooks by what their names say (`validate::named`).
            let named = validate::named::disagreements(path, &doc.node);
            if !named.is_empty() {
                a = None;
                diags.items.extend(named);
                diags.name_sheets(&doc.file);
                diags.sort();
            }
            let file = doc.file;
            match a {
                Some(assessment) => Loaded::Assessment(Box::new(Entry::new(
                    path.to_path_buf(),
                    assessment,
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
                        establishment: None,
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
                establishment: None,
            }),
        },
        FileKind::Framework => Loaded::Other,
    }
}
