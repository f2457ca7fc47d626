//! Which part of the estate to compare: a year (or, for the tables, a range of years), a
//! framework, and establishments by comparator group, nation and region. A filter that matches
//! nothing is a mistake that says what there is; one that matches is shown as the register
//! writes it.

use std::ops::RangeInclusive;

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
    /// Every year of a range, for the tables (`--years`); `year` is then not given.
    pub years: Option<RangeInclusive<i32>>,
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

    /// The years compared among `there_are` (every year the folder holds a self-assessment
    /// for): the year asked, the years of the range asked that have self-assessments, or else the
    /// latest. A year, or a range, with no self-assessment is a mistake that lists the years
    /// there are, never an empty estate.
    pub fn years_compared(&self, there_are: &[i32]) -> Result<Vec<i32>> {
        let mut there_are = there_are.to_vec();
        there_are.sort_unstable();
        there_are.dedup();
        let Some(&latest) = there_are.last() else {
            return Err(Error::Input(
                "the folder holds no self-assessments that could be read".into(),
            ));
        };
        let listed = || {
            there_are
                .iter()
                .map(i32::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        };
        if let Some(range) = &self.years {
            let found: Vec<i32> = there_are
                .iter()
                .copied()
                .filter(|y| range.contains(y))
                .collect();
            if found.is_empty() {
                return Err(Error::Usage(format!(
                    "no self-assessment is for a year from {} to {} (--years {}-{}): the years \
                     there are: {}",
                    range.start(),
                    range.end(),
                    range.start(),
                    range.end(),
                    listed()
                )));
            }
            return Ok(found);
        }
        match self.year {
            None => Ok(vec![latest]),
            Some(y) if there_are.contains(&y) => Ok(vec![y]),
            Some(y) => {
                // A year one or two from one there is may be a slip of the keyboard.
                let hint = there_are
                    .iter()
                    .filter(|x| (**x - y).abs() <= 2)
                    .min_by_key(|x| ((**x - y).abs(), -**x))
                    .map(|x| format!("; did you mean --year {x}?"))
                    .unwrap_or_default();
                Err(Error::Usage(format!(
                    "no self-assessment is for the year {y} (--year {y}): the years there are: \
                     {}{hint}",
                    listed()
                )))
            }
        }
    }

    /// The filters as the estate writes them, once they are known to match: the comparator
    /// group and region as the register writes them, or else as the first self-assessment that
    /// gives them (`--group TRAINING` is shown as "Training" when that is the register's
    /// spelling). An error, as `check_matches` gives it, when they match nothing.
    pub fn as_written<'a>(
        &self,
        entries: impl Iterator<Item = &'a Entry> + Clone,
        listed: &[RegisterEntry],
    ) -> Result<Filters> {
        self.check_matches(entries.clone(), listed)?;
        // The first spelling of `want` among the register's values, then the entries'.
        let spelling = |want: &Option<String>,
                        listed_value: fn(&RegisterEntry) -> Option<&str>,
                        entry_value: fn(&Entry) -> Option<&str>| {
            want.as_ref().map(|want| {
                let same = |have: &&str| same_words(have, want);
                listed
                    .iter()
                    .filter_map(listed_value)
                    .find(same)
                    .or_else(|| entries.clone().filter_map(entry_value).find(same))
                    .map_or_else(|| want.clone(), |have| have.trim().to_string())
            })
        };
        Ok(Filters {
            group: spelling(
                &self.group,
                |r| r.comparator_group.as_deref(),
                |e| e.assessment.establishment.comparator_group.as_deref(),
            ),
            region: spelling(
                &self.region,
                |r| r.region.as_deref(),
                |e| e.assessment.establishment.region.as_deref(),
            ),
            ..self.clone()
        })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::source::SourceFile;
    use crate::estate::fixture::entry;
    use crate::model::register::Register;

    #[test]
    fn a_year_with_no_self_assessment_lists_the_years_there_are() {
        let there_are = [2025, 2023, 2024, 2023];
        assert_eq!(
            Filters::default().years_compared(&there_are).unwrap(),
            [2025]
        );
        let asked = |year| Filters {
            year: Some(year),
            ..Filters::default()
        };
        assert_eq!(asked(2024).years_compared(&there_are).unwrap(), [2024]);
        let Err(Error::Usage(message)) = asked(2010).years_compared(&there_are) else {
            panic!("2010 has no self-assessment");
        };
        assert_eq!(
            message,
            "no self-assessment is for the year 2010 (--year 2010): the years there are: 2023, \
             2024, 2025"
        );
        let Err(Error::Usage(message)) = asked(2026).years_compared(&there_are) else {
            panic!("2026 has no self-assessment");
        };
        assert!(
            message.ends_with("; did you mean --year 2025?"),
            "{message}"
        );
        // A range gives the years in it that have self-assessments; one with none is a mistake.
        let range = |r| Filters {
            years: Some(r),
            ..Filters::default()
        };
        assert_eq!(
            range(2020..=2024).years_compared(&there_are).unwrap(),
            [2023, 2024]
        );
        let Err(Error::Usage(message)) = range(2010..=2015).years_compared(&there_are) else {
            panic!("2010 to 2015 have no self-assessment");
        };
        assert!(
            message.ends_with("(--years 2010-2015): the years there are: 2023, 2024, 2025"),
            "{message}"
        );
        // An empty folder is said to be empty, whatever was asked.
        assert!(matches!(
            asked(2025).years_compared(&[]),
            Err(Error::Input(_))
        ));
    }

    #[test]
    fn a_filter_is_shown_as_the_register_writes_it() {
        let register = Register::read(&SourceFile::new(
            "register.yaml",
            "establishments:\n  - { id: hmp-a, name: HMP A, nation: england-wales, region: North West, comparator_group: Training }\n",
        ))
        .expect("a register");
        let entries = [entry("hmp-b", "HMP B", Some("training"), 2025, "")];
        let typed = Filters {
            group: Some("TRAINING".into()),
            ..Filters::default()
        };
        let written = typed
            .as_written(entries.iter(), &register.establishments)
            .unwrap();
        assert_eq!(written.group.as_deref(), Some("Training"));
        // Without a register, as the self-assessments write it.
        let written = typed.as_written(entries.iter(), &[]).unwrap();
        assert_eq!(written.group.as_deref(), Some("training"));
        let region = Filters {
            region: Some("north west".into()),
            ..Filters::default()
        };
        let written = region
            .as_written(entries.iter(), &register.establishments)
            .unwrap();
        assert_eq!(written.region.as_deref(), Some("North West"));
        // A filter that matches nothing is still the mistake it was.
        let wrong = Filters {
            group: Some("open".into()),
            ..Filters::default()
        };
        assert!(
            wrong
                .as_written(entries.iter(), &register.establishments)
                .is_err()
        );
    }
}
