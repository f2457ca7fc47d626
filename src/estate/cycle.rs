//! The start of a new cycle: a self-assessment for every establishment of the register, each
//! carried forward from its latest self-assessment in the estate where it has one.

use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::estate::Estate;
use crate::model::assessment::{Assessment, Nation};
use crate::model::carry::{carry_forward, next_frameworks};
use crate::model::catalog::Catalog;
use crate::model::framework::Framework;
use crate::model::register::Register;

/// One establishment's new self-assessment, ready to write.
pub struct Planned<'c> {
    pub id: String,
    pub assessment: Assessment,
    pub frameworks: Vec<&'c Framework>,
    /// The file and year it was carried forward from, if any.
    pub from: Option<(PathBuf, i32)>,
    /// What of that year could not be carried (items its frameworks no longer have).
    pub left_behind: Vec<String>,
}

/// A new self-assessment for `year` for each establishment of `register` (of `nation`, if
/// given): carried forward from its latest earlier self-assessment in `estate`, with that
/// year's frameworks in their current versions; or, with none, new and empty with
/// `frameworks`. Establishments with nothing to start from and no `frameworks` are an error
/// naming them, before anything is written.
pub fn plan<'c>(
    register: &Register,
    estate: Option<&Estate>,
    year: i32,
    catalog: &'c Catalog,
    frameworks: &[String],
    nation: Option<Nation>,
) -> Result<Vec<Planned<'c>>> {
    crate::model::ids::require_plausible_year(year)?;
    let mut out = Vec::new();
    let mut need_frameworks = Vec::new();
    for e in register
        .establishments
        .iter()
        .filter(|e| nation.is_none_or(|n| n == e.nation))
    {
        let latest = estate.and_then(|estate| {
            estate
                .entries
                .iter()
                .filter(|x| x.id() == e.id.value && x.year() < year)
                .max_by_key(|x| x.year())
        });
        if let Some(last) = latest {
            let fws = next_frameworks(catalog, &last.assessment, &[])?;
            let carried = carry_forward(&last.assessment, year, &fws);
            out.push(Planned {
                id: e.id.value.clone(),
                assessment: carried.assessment,
                frameworks: fws,
                from: Some((last.path.clone(), last.year())),
                left_behind: carried.left_behind,
            });
            continue;
        }
        if frameworks.is_empty() {
            need_frameworks.push(e.id.value.clone());
            continue;
        }
        let (mut a, fws) =
            Assessment::new_empty(catalog, &e.id, &e.name, year, frameworks, Some(e.nation))?;
        // The register's own id, with its place, so a problem found in what the register gave
        // is placed at its line.
        a.establishment.id = e.id.clone();
        a.establishment.region = e.region.clone();
        a.establishment.comparator_group = e.comparator_group.clone();
        a.establishment.kind = e.kind.clone();
        out.push(Planned {
            id: e.id.value.clone(),
            assessment: a,
            frameworks: fws,
            from: None,
            left_behind: Vec::new(),
        });
    }
    if !need_frameworks.is_empty() {
        let n = need_frameworks.len();
        return Err(Error::Usage(format!(
            "{n} establishment{} of the register {} no earlier self-assessment to start from ({}): \
             give the frameworks for new ones with --framework (and --nation to write one nation at a time)",
            if n == 1 { "" } else { "s" },
            if n == 1 { "has" } else { "have" },
            crate::diag::cut_list(&need_frameworks, n, 10, ", ", ", ")
        )));
    }
    Ok(out)
}
