//! Which part of the estate to compare: a year, a framework, and establishments by comparator
//! group, nation and region.

use crate::estate::Entry;
use crate::model::assessment::Nation;
use crate::model::register::RegisterEntry;

/// Which part of the estate to compare; none of them, all of it.
#[derive(Clone, Debug, Default)]
pub struct Filters {
    pub year: Option<i32>,
    pub framework: Option<String>,
    pub group: Option<String>,
    pub nation: Option<Nation>,
    pub region: Option<String>,
}

impl Filters {
    /// Whether an establishment with these details is in the part compared (by comparator
    /// group, nation and region; year and framework are chosen elsewhere).
    pub fn admits(&self, group: Option<&str>, nation: Nation, region: Option<&str>) -> bool {
        self.group.as_deref().is_none_or(|g| group == Some(g))
            && self.nation.is_none_or(|n| nation == n)
            && self.region.as_deref().is_none_or(|r| region == Some(r))
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
