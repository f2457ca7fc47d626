//! The comparison for national leads: for the year and the part of the estate chosen, each
//! framework's scores made comparable and analysed (spread, common weaknesses, movement since
//! last year, peers, good practice), and the register set against the self-assessments.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use crate::error::{Error, Result};
use crate::estate::digest::{DigestSection, digest};
use crate::estate::filters::Filters;
use crate::estate::glance::{self, Submissions};
use crate::estate::grades::{CoverageSpread, GradeSpread, coverage, grade_spread};
use crate::estate::groups::{GroupSide, side_by_side};
use crate::estate::logic::{LogicAcross, logic_model};
use crate::estate::measures::{MeasureAcross, measures};
use crate::estate::movement::{Movement, changes, movement};
use crate::estate::names;
use crate::estate::overdue::{self, OverdueGroup};
use crate::estate::peers::{ItemLearning, peers};
use crate::estate::register::{Reconciliation, reconcile};
use crate::estate::stats::{SectionSpread, spread};
use crate::estate::versions::{Scored, VersionUse, comparable};
use crate::estate::weak::{WeakItem, weak_items};
use crate::estate::{Entry, Estate};
use crate::model::catalog::Catalog;
use crate::model::framework::Framework;
use crate::model::register::Register;

pub struct Comparison<'a> {
    pub year: i32,
    /// The latest year before `year` with any self-assessment.
    pub previous_year: Option<i32>,
    /// The year's self-assessments within the filters, in the estate's order.
    pub current: Vec<&'a Entry>,
    pub frameworks: Vec<FrameworkComparison<'a>>,
    /// When there is a register.
    pub reconciliation: Option<Reconciliation<'a>>,
    pub submissions: Submissions,
    /// For each entry of `current`: what it has outstanding.
    pub outstanding: Vec<Outstanding>,
    /// The comparator groups side by side, with each framework's scores (in the order of
    /// `frameworks`).
    pub groups: Vec<GroupSide<'a>>,
    /// Actions overdue by region, and by comparator group.
    pub overdue_regions: Vec<OverdueGroup<'a>>,
    pub overdue_groups: Vec<OverdueGroup<'a>>,
}

/// What an establishment's self-assessment leaves outstanding.
pub struct Outstanding {
    /// Completed after the due date.
    pub late: bool,
    /// Public actions overdue; none when there is no date to judge by.
    pub overdue: Option<usize>,
    /// Ratings claimed without the evidence their framework asks for.
    pub capped: usize,
}

pub struct FrameworkComparison<'a> {
    pub framework: &'a Framework,
    /// The framework's place, from 1, among the framework names the self-assessments give.
    pub number: usize,
    pub versions: Vec<VersionUse>,
    pub shared_items: Option<usize>,
    /// The establishments that use the framework, by name.
    pub scored: Vec<Scored<'a>>,
    pub spread: Vec<SectionSpread<'a>>,
    pub grades: Vec<GradeSpread<'a>>,
    pub coverage: CoverageSpread,
    pub weak_items: Vec<WeakItem<'a>>,
    pub movement: Movement<'a>,
    pub peers: Vec<ItemLearning<'a>>,
    pub digest: Vec<DigestSection<'a>>,
    pub measures: Vec<MeasureAcross<'a>>,
    pub logic_model: Vec<LogicAcross<'a>>,
}

/// Establishments are listed by name (`estate::names`), then id: never ranked by score.
pub fn by_name(a: &Entry, b: &Entry) -> Ordering {
    fn key(e: &Entry) -> (&str, &str) {
        (e.assessment.establishment.name.as_str(), e.id())
    }
    names::by_name(key(a), key(b))
}

/// The comparison for `filters.year` (the latest year when none is given), against the year
/// before. An error when the estate has no self-assessment, or the framework asked for is
/// neither used nor known.
pub fn compare<'a>(
    catalog: &'a Catalog,
    estate: &'a Estate,
    register: Option<&'a Register>,
    filters: &Filters,
) -> Result<Comparison<'a>> {
    let years = estate.years();
    let year = match filters.year {
        Some(y) => y,
        None => *years.last().ok_or_else(|| {
            Error::Input("the folder holds no self-assessments that could be read".into())
        })?,
    };
    let previous_year = years.iter().copied().filter(|y| *y < year).max();
    let selected =
        |y: i32| -> Vec<&'a Entry> { estate.year(y).filter(|e| filters.admits_entry(e)).collect() };
    let current = selected(year);
    let previous = previous_year.map(selected).unwrap_or_default();
    let mut named: BTreeSet<&str> = current
        .iter()
        .flat_map(|e| e.assessment.frameworks.iter().map(|f| f.as_str()))
        .collect();
    if let Some(f) = &filters.framework {
        if !named.contains(f.as_str()) && catalog.get(f).is_none() {
            catalog.require(f)?;
        }
        named.retain(|x| x == f);
    }
    let frameworks: Vec<FrameworkComparison> = named
        .iter()
        .enumerate()
        .filter_map(|(n, id)| catalog.get(id).map(|fw| (n + 1, fw)))
        .map(|(number, fw)| analyse(catalog, fw, number, &current, &previous))
        .collect();
    let reconciliation = register.map(|r| reconcile(r, &current, filters));
    let submissions = glance::submissions(&current, reconciliation.as_ref(), filters.due);
    let scored: Vec<&[Scored]> = frameworks.iter().map(|f| f.scored.as_slice()).collect();
    let outstanding = current
        .iter()
        .zip(glance::capped(&current, &scored))
        .map(|(e, capped)| Outstanding {
            late: glance::is_late(e, filters.due),
            overdue: glance::overdue(e, filters.as_of),
            capped,
        })
        .collect();
    let groups = side_by_side(&current, &scored);
    let overdue_regions = overdue::by_region(&current, filters.as_of);
    let overdue_groups = overdue::by_group(&current, filters.as_of);
    Ok(Comparison {
        year,
        previous_year,
        current,
        frameworks,
        reconciliation,
        submissions,
        outstanding,
        groups,
        overdue_regions,
        overdue_groups,
    })
}

fn analyse<'a>(
    catalog: &Catalog,
    fw: &'a Framework,
    number: usize,
    current: &[&'a Entry],
    previous: &[&'a Entry],
) -> FrameworkComparison<'a> {
    let mut now = comparable(catalog, fw, current);
    now.scored.sort_by(|a, b| by_name(a.entry, b.entry));
    let before = comparable(catalog, fw, previous).scored;
    FrameworkComparison {
        framework: fw,
        number,
        spread: spread(fw, &now.scored),
        grades: grade_spread(fw, &now.scored),
        coverage: coverage(&now.scored),
        weak_items: weak_items(fw, &now.scored),
        movement: movement(changes(&fw.sections, &now.scored, &before)),
        peers: peers(fw, &now.scored),
        digest: digest(fw, &now.scored),
        measures: measures(fw, &now.scored),
        logic_model: logic_model(fw, &now.scored),
        versions: now.versions,
        shared_items: now.shared_items,
        scored: now.scored,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::estate::fixture::{catalog, entry, ratings};

    fn estate() -> Estate {
        let body = ratings(&[("v1", "l4")]);
        let mut estate = Estate::default();
        // Sorted by id, then year, as `Estate::load` keeps them.
        for (id, name, year) in [
            ("hmp-a", "HMP Ash", 2025),
            ("hmp-b", "hmp Bee", 2023),
            ("hmp-b", "hmp Bee", 2025),
            ("hmp-c", "HMP Cedar", 2025),
        ] {
            estate.entries.push(entry(id, name, None, year, &body));
        }
        estate
    }

    #[test]
    fn the_latest_year_against_the_one_before_with_any_self_assessment() {
        let (catalog, estate) = (catalog(), estate());
        let c = compare(&catalog, &estate, None, &Filters::default()).unwrap();
        assert_eq!((c.year, c.previous_year), (2025, Some(2023)));
        assert_eq!(c.current.len(), 3);
        let f = &c.frameworks[0];
        assert_eq!((f.framework.id.as_str(), f.number), ("est", 1));
        // By name whatever its case: Ash, Bee, Cedar.
        let ids: Vec<&str> = f.scored.iter().map(|s| s.entry.id()).collect();
        assert_eq!(ids, ["hmp-a", "hmp-b", "hmp-c"]);
        let asked = Filters {
            year: Some(2023),
            ..Filters::default()
        };
        let c = compare(&catalog, &estate, None, &asked).unwrap();
        assert_eq!((c.year, c.previous_year, c.current.len()), (2023, None, 1));
    }

    #[test]
    fn an_empty_estate_or_an_unknown_framework_is_an_error() {
        let catalog = catalog();
        let empty = Estate::default();
        assert!(compare(&catalog, &empty, None, &Filters::default()).is_err());
        let unknown = Filters {
            framework: Some("nowhere".into()),
            ..Filters::default()
        };
        assert!(compare(&catalog, &estate(), None, &unknown).is_err());
        // A known framework nobody uses this year: nothing to compare, no error.
        let mut other = catalog.clone();
        let mut fw = other.entries[0].clone();
        fw.framework.id.value = "unused".into();
        other.insert(fw);
        let unused = Filters {
            framework: Some("unused".into()),
            ..Filters::default()
        };
        assert!(
            compare(&other, &estate(), None, &unused)
                .unwrap()
                .frameworks
                .is_empty()
        );
    }
}
