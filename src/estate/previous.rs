//! Last year's self-assessment of an establishment, found beside this year's, for the report's
//! change since last year.

use std::path::Path;

use crate::diag::Diagnostics;
use crate::diag::source::SourceFile;
use crate::load::{self, Files};
use crate::model::assessment::Assessment;
use crate::model::catalog::Catalog;
use crate::validate;

/// Last year's self-assessment, or a sentence for the report saying why there is none.
pub struct PreviousYear {
    /// Last year's self-assessment and the file it was read from.
    pub found: Option<(Assessment, SourceFile)>,
    pub note: Option<String>,
}

impl PreviousYear {
    /// Finds the establishment's self-assessment for the year before `a`, in the same folder as
    /// `path` among `files`; with a warning for each other file of that year left out.
    pub fn find(
        files: &dyn Files,
        path: &Path,
        a: &Assessment,
        catalog: &Catalog,
    ) -> (PreviousYear, Vec<String>) {
        let (found, warnings) = previous_year(files, path, a, catalog);
        (PreviousYear::from(found), warnings)
    }
}

impl From<Result<(Assessment, SourceFile), String>> for PreviousYear {
    /// Last year's self-assessment, or the sentence saying why there is none.
    fn from(found: Result<(Assessment, SourceFile), String>) -> PreviousYear {
        match found {
            Ok(found) => PreviousYear {
                found: Some(found),
                note: None,
            },
            Err(note) => PreviousYear {
                found: None,
                note: Some(note),
            },
        }
    }
}

impl PreviousYear {
    /// Last year's self-assessment given as a file already read (the page is given it, as it
    /// has no folder to look in): used when it is the same establishment's, for the year before.
    pub fn given(doc: load::Document, a: &Assessment, catalog: &Catalog) -> PreviousYear {
        let name = doc.file.path.display().to_string();
        let found = year_before(doc, a, catalog).unwrap_or_else(|| {
            Err(format!(
                "{name} is not the self-assessment of {} for {}, so change since last year is not shown.",
                a.establishment.name,
                *a.year - 1
            ))
        });
        PreviousYear::from(found)
    }
}

/// `doc`, checked, when it is the self-assessment of `a`'s establishment for the year before;
/// a sentence saying why it cannot be used when it is, but has errors; none when it is not.
fn year_before(
    doc: load::Document,
    a: &Assessment,
    catalog: &Catalog,
) -> Option<Result<(Assessment, SourceFile), String>> {
    let want = *a.year - 1;
    if crate::validate::kind_of(&doc.node.value) != crate::validate::FileKind::Assessment {
        return None;
    }
    let prev = load::decode::<Assessment>(&doc.file, &doc.node).ok()?;
    if prev.establishment.id.value != a.establishment.id.value || *prev.year != want {
        return None;
    }
    let (checked, diags) = validate::assessment::check_document(&doc, catalog, None, false);
    Some(match checked {
        Some(c) => Ok((c, doc.file)),
        None => Err(with_errors(want, &doc.file.path, diags.errors())),
    })
}

/// The report's sentence for last year's file that has errors.
fn with_errors(year: i32, path: &Path, errors: usize) -> String {
    format!(
        "The self-assessment for {year} ({}) has {errors} error{}, so change since last year is not shown. Run `ties check` on it.",
        path.display(),
        if errors == 1 { "" } else { "s" }
    )
}

/// Finds the establishment's self-assessment for the year before, in the same folder as `path`.
/// Returns it, or a sentence for the report saying why there is none; and a warning for the
/// person running `ties` for each file of that year left out (a second file for the year, by the
/// rule of `validate::duplicates`).
///
/// A file beside it that cannot be read is never a failure of the report: when no file for the
/// year could be used, the sentence names the files that could not be read.
pub fn previous_year(
    files: &dyn Files,
    path: &Path,
    a: &Assessment,
    catalog: &Catalog,
) -> (Result<(Assessment, SourceFile), String>, Vec<String>) {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let want = *a.year - 1;
    let id = a.establishment.id.value.as_str();
    let mut ignore = Diagnostics::default();
    // The files in the folder itself: what is not a regular file (a named pipe would never end
    // being read) is left out.
    let mut unreadable = Vec::new();
    let mut found = Vec::new();
    for p in files.list(&[dir.to_path_buf()], false, &mut ignore) {
        if p == path {
            continue;
        }
        // A cheap look at a YAML file's first lines tells another year's or establishment's,
        // which is not read further.
        let look = load::guarded(&p, || crate::load::yaml::header::scan_file(files, &p))
            .unwrap_or_default();
        if look.year.is_some_and(|y| y != want) || look.establishment.is_some_and(|e| e != id) {
            continue;
        }
        match load::guarded(&p, || files.document(&p)) {
            Ok(Ok(doc)) => {
                let same = crate::validate::identity(&doc.node)
                    .filter(|(i, y, _)| i == id && *y == want)
                    .map(|(_, _, at)| at);
                if let Some(at) = same {
                    found.push((doc, at));
                }
            }
            // Only its name: what a file that cannot be read holds was never checked for
            // personal data, so none of it reaches a report.
            Ok(Err(_)) | Err(_) => unreadable.push(p.display().to_string()),
        }
    }
    let files: Vec<(&Path, crate::diag::source::Pos)> = found
        .iter()
        .map(|(doc, at)| (doc.file.path.as_path(), *at))
        .collect();
    let (used, problems) = validate::duplicates::resolve(&files, id, want);
    let warnings = problems
        .iter()
        .map(|d| format!("{} is left out: {}", d.file.display(), d.message))
        .collect();
    let Some(used) = used else {
        let note = if !found.is_empty() {
            let names: Vec<String> = found
                .iter()
                .map(|(d, _)| d.file.path.display().to_string())
                .collect();
            format!(
                "More than one self-assessment for {want} was found beside this file ({}), so change since last year is not shown. Keep one of them.",
                crate::diag::cut_list(&names, names.len(), 3, ", ", " and ")
            )
        } else if !unreadable.is_empty() {
            let it = if unreadable.len() == 1 { "it" } else { "them" };
            format!(
                "No self-assessment for {want} could be used beside this file, so change since last year is not shown: {} could not be read. Run `ties check` on {it}.",
                crate::diag::cut_list(&unreadable, unreadable.len(), 3, ", ", " and ")
            )
        } else {
            format!(
                "No self-assessment for {want} was found beside this file, so change since last year is not shown."
            )
        };
        return (Err(note), warnings);
    };
    let (doc, _) = found.swap_remove(used);
    let name = doc.file.path.clone();
    let checked = load::guarded(&name, move || {
        let (checked, diags) = validate::assessment::check_document(&doc, catalog, None, false);
        match checked {
            Some(c) => Ok((c, doc.file)),
            None => Err(with_errors(want, &doc.file.path, diags.errors())),
        }
    })
    .unwrap_or_else(|d| Err(with_errors(want, &d.file, 1)));
    (checked, warnings)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn read(path: &str, catalog: &Catalog) -> (Assessment, load::Document) {
        let doc = || {
            let bytes = std::fs::read(path).expect("an example");
            load::document_from_bytes(Path::new(path), bytes)
                .unwrap_or_else(|u| panic!("{}", u.problem.message))
        };
        let (a, _) = validate::assessment::from_document(doc(), catalog).expect("a valid example");
        (a, doc())
    }

    #[test]
    fn last_years_file_given_is_used_only_for_the_same_establishment_and_year() {
        let catalog = Catalog::bundled().0;
        let (now, _) = read("assessments/hmp-harrowfield/2025.yaml", &catalog);
        let (_, last) = read("assessments/hmp-harrowfield/2024.yaml", &catalog);
        let given = PreviousYear::given(last, &now, &catalog);
        assert!(given.note.is_none(), "{:?}", given.note);
        assert_eq!(given.found.map(|(a, _)| *a.year), Some(2024));

        let (_, other) = read("assessments/hmp-ravensdale/2024.yaml", &catalog);
        let refused = PreviousYear::given(other, &now, &catalog);
        assert!(refused.found.is_none());
        assert_eq!(
            refused.note.as_deref(),
            Some(
                "assessments/hmp-ravensdale/2024.yaml is not the self-assessment of HMP Harrowfield for 2024, so change since last year is not shown."
            )
        );
    }
}
