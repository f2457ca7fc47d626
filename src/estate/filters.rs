//! Which part of the estate to compare: a year, a framework, and establishments by comparator
//! group, nation and region.

use chrono::NaiveDate;

use crate::diag::closest;
use crate::error::{Error, Result};
use crate::estate::Entry;
use crate::model::assessment::Nation;
use crate::model::register::RegisterEntry;

/// Which part of the estate to compare (none of them: all of it), and the dates it is judged
/// against.
#[derive(Clone, Debug, Default)]
pub struct Filters {
    pub year: Option<i32>,
    pub framework: Option<String>,
    pub group: Option<String>,
    pub nation: Option<Nation>,
    pub region: Option<String>,
    /// The day self-assessments were due: those completed after it are late.
    pub due: Option<NaiveDate>,
    /// The day actions are judged overdue on; each self-assessment's completion day when none.
    pub as_of: Option<NaiveDate>,
}

/// Two names the same but for case and the spaces around them.
fn same_words(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

impl Filters {
    /// Whether an establishment with these details is in the part compared (by comparator
    /// group, nation and region; year and framework are chosen elsewhere).
    /// Group and region match whatever their case ("north west" is "North West").
    pub fn admits(&self, group: Option<&str>, nation: Nation, region: Option<&str>) -> bool {
        let same = |want: &str, have: Option<&str>| have.is_some_and(|h| same_words(want, h));
        self.group.as_deref().is_none_or(|g| same(g, group))
            && self.nation.is_none_or(|n| nation == n)
            && self.region.as_deref().is_none_or(|r| same(r, region))
    }

    /// An error when the filters leave no establishment to compare among `entries` and the
    /// register's `listed`: which filter matches nothing, the values there are, and the closest
    /// to what was typed. A filter that matches nothing is a mistake, not an empty estate.
    pub fn check_matches<'a>(
        &self,
        entries: impl Iterator<Item = &'a Entry> + Clone,
        listed: &[RegisterEntry],
    ) -> Result<()> {
        let details = entries
            .map(|e| {
                let est = &e.assessment.establishment;
                (
                    est.comparator_group.as_deref(),
                    *est.nation,
                    est.region.as_deref(),
                )
            })
            .chain(
                listed
                    .iter()
                    .map(|r| (r.comparator_group.as_deref(), r.nation, r.region.as_deref())),
            )
            .collect::<Vec<_>>();
        if details.is_empty() || details.iter().any(|&(g, n, r)| self.admits(g, n, r)) {
            return Ok(());
        }
        let one = |flag: &str, what: &str, want: &str, have: Vec<&str>| {
            let mut have: Vec<&str> = have;
            have.sort_unstable_by_key(|h| h.to_lowercase());
            have.dedup_by(|a, b| same_words(a, b));
            if have.iter().any(|h| same_words(h, want)) {
                return None;
            }
            let listed = if have.is_empty() {
                format!("no establishment gives a {what}")
            } else {
                format!(
                    "the {what}s there are: {}",
                    have.iter()
                        .map(|h| format!("\"{h}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            let hint = closest(want, have.iter().copied())
                .map(|c| format!("; did you mean {flag} \"{c}\"?"))
                .unwrap_or_default();
            Some(Error::Usage(format!(
                "no establishment has the {what} \"{want}\" given with {flag}: {listed}{hint}"
            )))
        };
        if let Some(g) = &self.group
            && let Some(e) = one(
                "--group",
                "comparator group",
                g,
                details.iter().filter_map(|d| d.0).collect(),
            )
        {
            return Err(e);
        }
        if let Some(r) = &self.region
            && let Some(e) = one(
                "--region",
                "region",
                r,
                details.iter().filter_map(|d| d.2).collect(),
            )
        {
            return Err(e);
        }
        if let Some(n) = self.nation
            && !details.iter().any(|d| d.1 == n)
        {
            return Err(Error::Usage(format!(
                "no establishment in this estate is in {} (--nation {})",
                n.label(),
                n.id()
            )));
        }
        Err(Error::Usage(
            "each filter matches some establishments, but no establishment matches them all: \
             leave one of --group, --nation and --region out"
                .to_string(),
        ))
    }

    /// Whether a self-assessment's establishment is in the part compared.
    pub fn admits_entry(&self, e: &Entry) -> bool {
        let est = &e.assessment.establishment;
        self.admits(
            est.comparator_group.as_deref(),
            *est.nation,
            est.region.as_deref(),
        )
    }

    /// Whether an establishment the register lists is in the part compared.
    pub fn admits_listed(&self, r: &RegisterEntry) -> bool {
        self.admits(r.comparator_group.as_deref(), r.nation, r.region.as_deref())
    }
}
