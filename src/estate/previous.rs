//! Last year's self-assessment of an establishment, found beside this year's, for the report's
//! change since last year.

use std::path::Path;

use crate::diag::Diagnostics;
use crate::diag::source::SourceFile;
use crate::load;
use crate::model::assessment::Assessment;
use crate::model::catalog::Catalog;
use crate::validate;
use crate::validate::files_in_folder;

/// Last year's self-assessment, or a sentence for the report saying why there is none.
pub struct PreviousYear {
    /// Last year's self-assessment and the file it was read from.
    pub found: Option<(Assessment, SourceFile)>,
    pub note: Option<String>,
}

impl PreviousYear {
    /// Finds the establishment's self-assessment for the year before `a`, in the same folder as
    /// `path`.
    pub fn find(path: &Path, a: &Assessment, catalog: &Catalog) -> PreviousYear {
        PreviousYear::from(previous_year(path, a, catalog))
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
    Some(checked.map(|c| (c, doc.file.clone())).ok_or_else(|| {
        format!(
            "The self-assessment for {want} ({}) has {} errors, so change since last year is not shown. Run `ties check` on it.",
            doc.file.path.display(),
            diags.errors()
        )
    }))
}

/// Finds the establishment's self-assessment for the year before, in the same folder as `path`.
/// Returns it, or a sentence for the report saying why there is none.
pub fn previous_year(
    path: &Path,
    a: &Assessment,
    catalog: &Catalog,
) -> Result<(Assessment, SourceFile), String> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let want = *a.year - 1;
    let mut ignore = Diagnostics::default();
    // The files in the folder itself: what is not a regular file (a named pipe would never end
    // being read) is left out.
    let mut candidates = files_in_folder(dir, &mut ignore);
    // The conventional name first: assessments/<id>/<year>.yaml (or .xlsx).
    candidates
        .sort_by_key(|p| p.file_stem().and_then(|s| s.to_str()) != Some(want.to_string().as_str()));
    for p in candidates {
        if p == path {
            continue;
        }
        let Ok(doc) = load::read_document(&p) else {
            continue;
        };
        if let Some(found) = year_before(doc, a, catalog) {
            return found;
        }
    }
    Err(format!(
        "No self-assessment for {want} was found beside this file, so change since last year is not shown."
    ))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn read(path: &str, catalog: &Catalog) -> (Assessment, load::Document) {
        let doc = || {
            load::read_document(Path::new(path)).unwrap_or_else(|u| panic!("{}", u.problem.message))
        };
        let (a, _) = validate::assessment::from_document(doc(), catalog).expect("a valid example");
        (a, doc())
    }

    #[test]
    fn last_years_file_given_is_used_only_for_the_same_establishment_and_year() {
        let catalog = Catalog::open(&[]).expect("the bundled frameworks");
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
