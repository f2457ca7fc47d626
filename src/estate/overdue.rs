//! Actions overdue across the estate, by region and by comparator group: where a national
//! lead should ask first. Restricted actions are counted, never described: the estate holds
//! only their due dates.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::estate::Entry;
use crate::estate::glance;

/// The actions overdue at the establishments that share a region, or a comparator group.
#[derive(Debug, PartialEq, Eq)]
pub struct OverdueGroup<'a> {
    /// The region or group as the self-assessments write it; none for those that give none.
    pub name: Option<&'a str>,
    pub establishments: usize,
    /// Establishments with a public action overdue.
    pub with_overdue: usize,
    /// Public actions overdue.
    pub public: usize,
    /// Restricted actions overdue: counted here, left out of every list of actions.
    pub restricted: usize,
    /// Drafts with no completion date and no `--as-of`: nothing to judge by.
    pub not_judged: usize,
}

/// The restricted actions an establishment has overdue, judged as `glance::overdue` judges
/// the public ones; none when there is no date to judge by.
pub fn restricted_overdue(e: &Entry, as_of: Option<NaiveDate>) -> Option<usize> {
    let on = e.assessment.judged_on(as_of)?;
    Some(e.restricted_due.iter().filter(|due| **due < on).count())
}

/// The actions overdue among `current`, by the value `key` gives each establishment (its
/// region, or its comparator group), in the order of their names; those with none last.
pub fn overdue_by<'a>(
    current: &[&'a Entry],
    as_of: Option<NaiveDate>,
    key: impl Fn(&'a Entry) -> Option<&'a str>,
) -> Vec<OverdueGroup<'a>> {
    // `None` sorts first in a map; it is moved to the end below.
    let mut by: BTreeMap<Option<String>, OverdueGroup<'a>> = BTreeMap::new();
    for e in current {
        let name = key(e);
        let row = by
            .entry(name.map(str::to_lowercase))
            .or_insert(OverdueGroup {
                name,
                establishments: 0,
                with_overdue: 0,
                public: 0,
                restricted: 0,
                not_judged: 0,
            });
        row.establishments += 1;
        match (glance::overdue(e, as_of), restricted_overdue(e, as_of)) {
            (Some(public), Some(restricted)) => {
                row.public += public;
                row.restricted += restricted;
                row.with_overdue += usize::from(public > 0);
            }
            _ => row.not_judged += 1,
        }
    }
    let none = by.remove(&None);
    by.into_values().chain(none).collect()
}

/// By region.
pub fn by_region<'a>(current: &[&'a Entry], as_of: Option<NaiveDate>) -> Vec<OverdueGroup<'a>> {
    overdue_by(current, as_of, |e| {
        e.assessment.establishment.region.as_deref()
    })
}

/// By comparator group.
pub fn by_group<'a>(current: &[&'a Entry], as_of: Option<NaiveDate>) -> Vec<OverdueGroup<'a>> {
    overdue_by(current, as_of, |e| {
        e.assessment.establishment.comparator_group.as_deref()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::estate::fixture::entry;
    use crate::model::assessment::parse_date;

    const ACTIONS: &str = "completed_on: 2026-02-15
actions:
  - { id: A1, what: Rota., owner: Lead, due: 2026-01-31, status: open }
  - { id: A2, what: Club., owner: Lead, due: 2026-03-31, status: in-progress }
  - { id: A3, what: Done., owner: Lead, due: 2025-12-31, status: done, done_on: 2025-12-01 }
  - { id: A4, what: Hidden., owner: Lead, due: 2025-12-31, status: open, restricted: true }
  - { id: A5, what: Hidden too., owner: Lead, due: 2026-12-31, status: open, restricted: true }
";

    fn at(id: &str, group: Option<&str>, region: Option<&str>, body: &str) -> Entry {
        let mut e = entry(id, id, group, 2025, body);
        e.assessment.establishment.region = region.map(str::to_string);
        e
    }

    #[test]
    fn overdue_actions_by_region_and_group_with_restricted_ones_counted_apart() {
        let entries = [
            at("a", Some("open"), Some("North"), ACTIONS),
            at("b", Some("open"), Some("South"), ACTIONS),
            at(
                "c",
                Some("local"),
                Some("north"),
                "completed_on: 2026-02-15\n",
            ),
            at(
                "d",
                None,
                None,
                ACTIONS.replace("completed_on: 2026-02-15\n", "").as_str(),
            ),
        ];
        let current: Vec<&Entry> = entries.iter().collect();
        // On 1 April: A1 and A2 are overdue (public), A4 (restricted); A3 is done and A5 not
        // due. The restricted action's text never reaches the estate, only its date.
        let on = parse_date("2026-04-01");
        assert!(entries[0].assessment.actions.iter().all(|a| !a.restricted));
        assert_eq!(restricted_overdue(&entries[0], on), Some(1));
        let regions = by_region(&current, on);
        type Row<'a> = (Option<&'a str>, usize, usize, usize, usize, usize);
        let rows: Vec<Row> = regions
            .iter()
            .map(|r| {
                let n = (r.establishments, r.with_overdue, r.public, r.restricted);
                (r.name, n.0, n.1, n.2, n.3, r.not_judged)
            })
            .collect();
        // "North" and "north" are one region, named as first written; none last.
        assert_eq!(
            rows,
            [
                (Some("North"), 2, 1, 2, 1, 0),
                (Some("South"), 1, 1, 2, 1, 0),
                (None, 1, 1, 2, 1, 0),
            ]
        );
        let groups = by_group(&current, on);
        let names: Vec<Option<&str>> = groups.iter().map(|g| g.name).collect();
        assert_eq!(names, [Some("local"), Some("open"), None]);
        assert_eq!((groups[1].public, groups[1].restricted), (4, 2));
        // With no date given, each is judged on the day it was completed; a draft is not judged.
        let undated = by_group(&current, None);
        assert_eq!((undated[1].public, undated[1].restricted), (2, 2));
        assert_eq!(undated[2].not_judged, 1);
    }
}
