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
        match previous_year(path, a, catalog) {
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
        if crate::validate::kind_of(&doc.node.value) != crate::validate::FileKind::Assessment {
            continue;
        }
        let Ok(prev) = load::decode::<Assessment>(&doc.file, &doc.node) else {
            continue;
        };
        if prev.establishment.id.value != a.establishment.id.value || *prev.year != want {
            continue;
        }
        let (checked, diags) = validate::assessment::check_document(&doc, catalog, None, false);
        return checked.map(|c| (c, doc.file)).ok_or_else(|| {
            format!(
                "The self-assessment for {want} ({}) has {} errors, so change since last year is not shown. Run `ties check` on it.",
                p.display(),
                diags.errors()
            )
        });
    }
    Err(format!(
        "No self-assessment for {want} was found beside this file, so change since last year is not shown."
    ))
}
