//! The assessment model: one establishment's self-assessment for one year, as typed data.

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::error::Error;
use crate::load::node::{Located, LocatedMap};
use crate::model::catalog::Catalog;
use crate::model::framework::{Framework, Item, Scale};
use crate::model::ids;

/// Where a self-assessment is kept by convention: `assessments/<id>/<year>.<extension>`.
pub fn conventional_path(id: &str, year: i32, extension: &str) -> std::path::PathBuf {
    std::path::PathBuf::from("assessments")
        .join(id)
        .join(format!("{year}.{extension}"))
}

/// The file format versions this build of `ties` reads.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    pub ties: Located<u32>,
    pub establishment: Establishment,
    pub year: Located<i32>,
    /// Empty while the self-assessment is still being written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_on: Option<Located<String>>,
    /// A role, not a person's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_by: Option<Located<String>>,
    pub frameworks: Located<Vec<Located<String>>>,
    #[serde(default)]
    pub responses: LocatedMap<Response>,
    #[serde(default)]
    pub metrics: LocatedMap<MetricValue>,
    #[serde(default)]
    pub actions: Vec<Action>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Establishment {
    pub id: Located<String>,
    pub name: String,
    pub nation: Located<Nation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparator_group: Option<String>,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Contact details that are public (a helpline's number, a team mailbox): the personal-data
    /// guard lets these exact values pass.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub public_contacts: Vec<String>,
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Nation {
    EnglandWales,
    Scotland,
}

impl Nation {
    pub const ALL: [Nation; 2] = [Nation::EnglandWales, Nation::Scotland];

    pub fn label(self) -> &'static str {
        match self {
            Nation::EnglandWales => "England and Wales",
            Nation::Scotland => "Scotland",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Nation::EnglandWales => "england-wales",
            Nation::Scotland => "scotland",
        }
    }
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    pub const ALL: [Confidence; 3] = [Confidence::Low, Confidence::Medium, Confidence::High];

    pub fn label(self) -> &'static str {
        match self {
            Confidence::Low => "Low",
            Confidence::Medium => "Medium",
            Confidence::High => "High",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<Located<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub narrative: Option<String>,
    #[serde(default)]
    pub strengths: Vec<String>,
    #[serde(default)]
    pub development: Vec<String>,
    #[serde(default)]
    pub restricted: bool,
    #[serde(default)]
    pub not_applicable: Located<Reason>,
    /// The year this answer was carried forward from, while nobody has changed or confirmed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_from: Option<Located<i32>>,
}

impl Response {
    pub fn is_not_applicable(&self) -> bool {
        !matches!(*self.not_applicable, Reason::Absent)
    }

    /// Whether the response answers its item: a rating on a rated item, a written answer on an
    /// unrated question, or not applicable with a reason.
    pub fn answers(&self, fw: &Framework, item: &Item) -> bool {
        if self.is_not_applicable() {
            return true;
        }
        match fw.item_scale(item) {
            Some(_) => self.rating.is_some(),
            None => self.has_narrative(),
        }
    }

    /// The level a rating of `claimed` (a level's place on `scale`) counts as: the claimed level,
    /// or the level just below the framework's evidence threshold when the rating is at or above
    /// it and no evidence is given.
    pub fn evidenced_level(&self, fw: &Framework, scale: &Scale, claimed: usize) -> usize {
        let threshold = fw
            .scoring
            .evidence_required
            .get(scale.id.as_str())
            .and_then(|level| scale.level(level))
            .map(|(i, _)| i);
        match threshold {
            Some(t) if claimed >= t && self.evidence.is_empty() => t.saturating_sub(1),
            _ => claimed,
        }
    }

    pub fn has_narrative(&self) -> bool {
        self.narrative
            .as_deref()
            .is_some_and(|n| !n.trim().is_empty())
    }
}

/// Why an item does not apply. `Missing` is `not_applicable:` with no reason (an error).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Reason {
    #[default]
    Absent,
    Missing,
    Given(String),
}

impl Reason {
    pub fn text(&self) -> Option<&str> {
        match self {
            Reason::Given(s) => Some(s),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Reason {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Reason, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Reason;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a reason, as text")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Reason, E> {
                Ok(if v.trim().is_empty() {
                    Reason::Missing
                } else {
                    Reason::Given(v.to_string())
                })
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Reason, E> {
                Ok(Reason::Missing)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Reason, E> {
                Ok(Reason::Missing)
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub kind: Located<String>,
    pub text: Located<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Located<String>>,
    #[serde(default)]
    pub restricted: bool,
    /// The year this entry was carried forward from, while nobody has changed or confirmed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_from: Option<Located<i32>>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MetricValue {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Located<f64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numerator: Option<Located<f64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<Located<f64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Located<f64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Located<f64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default)]
    pub restricted: bool,
}

impl MetricValue {
    /// Whether it gives any figure at all (a value, a numerator, a denominator, a baseline or a
    /// target): an entry with none, as a new file leaves each measure, says no more than no
    /// entry, and is scored the same, whether it came from YAML or a workbook.
    pub fn gives_figures(&self) -> bool {
        [
            &self.value,
            &self.numerator,
            &self.denominator,
            &self.baseline,
            &self.target,
        ]
        .iter()
        .any(|f| f.is_some())
    }

    /// The figure: the value, or numerator over denominator.
    pub fn figure(&self) -> Option<f64> {
        match (&self.value, &self.numerator, &self.denominator) {
            (Some(v), _, _) => Some(v.value),
            (None, Some(n), Some(d)) if d.value > 0.0 => Some(n.value / d.value),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum ActionStatus {
    Open,
    InProgress,
    Done,
    Dropped,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 4] = [
        ActionStatus::Open,
        ActionStatus::InProgress,
        ActionStatus::Done,
        ActionStatus::Dropped,
    ];

    pub fn id(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::InProgress => "in-progress",
            ActionStatus::Done => "done",
            ActionStatus::Dropped => "dropped",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ActionStatus::Open => "Open",
            ActionStatus::InProgress => "In progress",
            ActionStatus::Done => "Done",
            ActionStatus::Dropped => "Dropped",
        }
    }

    pub fn is_live(self) -> bool {
        matches!(self, ActionStatus::Open | ActionStatus::InProgress)
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub id: Located<String>,
    pub what: String,
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Located<String>>,
    pub status: Located<ActionStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_on: Option<Located<String>>,
    #[serde(default)]
    pub items: Vec<Located<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default)]
    pub restricted: bool,
}

impl Action {
    /// Whether the action is overdue on `date`: still open or in progress, with a due date
    /// before it.
    pub fn overdue_on(&self, date: chrono::NaiveDate) -> bool {
        self.status.is_live()
            && self
                .due
                .as_ref()
                .and_then(|d| parse_date(d))
                .is_some_and(|due| due < date)
    }
}

/// A calendar day, as the files and `--as-of` give it.
pub type Date = chrono::NaiveDate;

/// A date a person gave (`--as-of`, `--due`, a date typed in the page), or the sentence saying
/// how to write one.
pub fn date_given(text: &str) -> Result<Date, String> {
    parse_date(text)
        .ok_or_else(|| format!("`{text}` is not a date written YYYY-MM-DD, such as 2026-04-20"))
}

/// Parses `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Option<chrono::NaiveDate> {
    let text = text.trim();
    // Written as `YYYY-MM-DD`, as nearly every date is: read without parsing the format.
    let b = text.as_bytes();
    let number = |range: std::ops::Range<usize>| {
        b[range].iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    if b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && let (Some(y), Some(m), Some(d)) = (number(0..4), number(5..7), number(8..10))
    {
        return chrono::NaiveDate::from_ymd_opt(y as i32, m, d);
    }
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// Whether a date that reads (`parse_date`) is written as `YYYY-MM-DD` and nothing else, as
/// `date_text` writes it.
fn written_plainly(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

/// A date as `YYYY-MM-DD` (with a sign before a year past 9999, as the format `%Y` writes it).
pub fn date_text(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    if (0..=9999).contains(&date.year()) {
        format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
    } else {
        date.format("%Y-%m-%d").to_string()
    }
}

impl Assessment {
    /// A new self-assessment with nothing answered yet, listing the frameworks `listed`.
    pub fn empty(
        id: &str,
        name: &str,
        nation: Option<Nation>,
        year: i32,
        listed: &[String],
    ) -> Assessment {
        fn at<T>(v: T) -> Located<T> {
            Located::new(v, Default::default())
        }
        Assessment {
            ties: at(FORMAT_VERSION),
            establishment: Establishment {
                id: at(id.to_string()),
                name: name.to_string(),
                nation: at(nation.unwrap_or(Nation::EnglandWales)),
                region: None,
                comparator_group: None,
                kind: None,
                public_contacts: Vec::new(),
            },
            year: at(year),
            completed_on: None,
            completed_by: None,
            frameworks: at(listed.iter().map(|f| at(f.clone())).collect()),
            responses: LocatedMap::default(),
            metrics: LocatedMap::default(),
            actions: Vec::new(),
        }
    }

    /// A new, empty self-assessment for the establishment `id`, after checking what the person
    /// gave: a valid id, a plausible year, and frameworks the catalog has (each once). With it,
    /// its frameworks.
    pub fn new_empty<'c>(
        catalog: &'c Catalog,
        id: &str,
        name: &str,
        year: i32,
        framework_ids: &[String],
        nation: Option<Nation>,
    ) -> Result<(Assessment, Vec<&'c Framework>), Error> {
        if !ids::is_valid_id(id) {
            return Err(Error::Usage(format!(
                "`{id}` is not a valid establishment id: use {}, such as hmp-example",
                ids::ID_RULE
            )));
        }
        if name.trim().is_empty() || name.chars().any(char::is_control) {
            return Err(Error::Usage(format!(
                "`{}` cannot be the establishment's name: give its name on one line, such as \"HMP Example\"",
                name.chars().map(crate::diag::visible).collect::<String>()
            )));
        }
        ids::require_plausible_year(year)?;
        let mut frameworks: Vec<&Framework> = Vec::new();
        for f in framework_ids {
            let fw = catalog.require(f.trim())?;
            if !frameworks.iter().any(|x| x.id.value == fw.id.value) {
                frameworks.push(fw);
            }
        }
        let nation = nation.or_else(|| Assessment::nation_of(&frameworks));
        let listed: Vec<String> = frameworks.iter().map(|f| f.id.value.clone()).collect();
        Ok((
            Assessment::empty(id, name, nation, year, &listed),
            frameworks,
        ))
    }

    /// The nation of a new self-assessment of `frameworks` when none is given: the one nation
    /// they are all for, or `None` when they are for every nation or for different nations
    /// (then the file takes the usual nation, which `ties check` warns of where a framework is
    /// not for it).
    pub fn nation_of(frameworks: &[&Framework]) -> Option<Nation> {
        match crate::model::framework::shared_nations(frameworks).as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// This self-assessment without its restricted answers (whole responses and measures marked
    /// restricted): what public scores are computed from, so that no public score, grade or
    /// progress can be worked back to a restricted rating or figure. Restricted evidence entries
    /// stay: they still support their rating, though their text is never published.
    /// (Itself, not a copy, when no answer is restricted.)
    pub fn without_restricted_answers(&self) -> std::borrow::Cow<'_, Assessment> {
        let restricted = self.responses.iter().any(|(_, r)| r.restricted)
            || self.metrics.iter().any(|(_, m)| m.restricted);
        if !restricted {
            return std::borrow::Cow::Borrowed(self);
        }
        let mut a = self.clone();
        a.remove_restricted_answers();
        std::borrow::Cow::Owned(a)
    }

    /// Takes out the restricted answers, as `without_restricted_answers` leaves them out.
    pub fn remove_restricted_answers(&mut self) {
        self.responses.retain(|r| !r.restricted);
        self.metrics.retain(|m| !m.restricted);
    }

    /// Takes out all that may not be published, leaving the public part: everything marked
    /// restricted (whole responses, evidence entries, measures and actions).
    pub fn remove_restricted(&mut self) {
        self.remove_restricted_answers();
        for r in self.responses.values_mut() {
            r.evidence.retain(|e| !e.restricted);
        }
        self.actions.retain(|x| !x.restricted);
    }

    /// The items whose whole answer is restricted (responses and measures), by qualified id.
    pub fn withheld_items(&self) -> std::collections::BTreeSet<String> {
        let responses = self.responses.iter().filter(|(_, r)| r.restricted);
        let metrics = self.metrics.iter().filter(|(_, m)| m.restricted);
        responses
            .map(|(k, _)| k.value.clone())
            .chain(metrics.map(|(k, _)| k.value.clone()))
            .collect()
    }

    /// Every date written as `YYYY-MM-DD` and nothing else: a date with spaces or blank lines
    /// around it is read the same, and must be shown the same, wherever it lands (a line break
    /// inside a table cell would split the table). Called once the dates are known to be valid.
    pub fn normalise_dates(&mut self) {
        fn tidy(date: &mut Option<Located<String>>) {
            if let Some(d) = date
                && let Some(parsed) = parse_date(d)
                && !written_plainly(d)
            {
                d.value = date_text(parsed);
            }
        }
        tidy(&mut self.completed_on);
        for r in self.responses.values_mut() {
            for e in &mut r.evidence {
                tidy(&mut e.date);
            }
        }
        for a in &mut self.actions {
            tidy(&mut a.due);
            tidy(&mut a.done_on);
        }
    }

    /// The date actions are judged overdue against: the one given, or else the day the
    /// self-assessment was completed.
    pub fn judged_on(&self, given: Option<chrono::NaiveDate>) -> Option<chrono::NaiveDate> {
        given.or_else(|| self.completed_on.as_ref().and_then(|d| parse_date(d)))
    }
}

#[cfg(test)]
mod tests {
    use super::{date_text, parse_date};
    use chrono::NaiveDate;

    /// Dates written `YYYY-MM-DD` read as the format `%Y-%m-%d` reads them, and any other text
    /// is left to it.
    #[test]
    fn dates_read_as_the_format_reads_them() {
        let by_format = |t: &str| NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d").ok();
        let mut texts: Vec<String> = [
            "2025-01-05",
            " 2025-01-05 \n",
            "2025-1-05",
            "2025-01-5",
            "+2025-01-05",
            "2025/01/05",
            "20250-01-05",
            "0000-01-01",
            "0001-12-31",
            "9999-12-31",
            "2025-02-29",
            "2024-02-29",
            "2025-02-30",
            "2025-13-01",
            "2025-00-10",
            "2025-04-31",
            "2025-04-00",
            "2025-04-3a",
            "2O25-04-03",
            "2025-04-03T",
            "",
            "-",
            "2025--04-03",
            "1900-02-29",
            "2000-02-29",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        for y in [1, 999, 1999, 2024, 2025, 2100, 9999] {
            for m in 0..=13 {
                for d in [0, 1, 28, 29, 30, 31, 32] {
                    texts.push(format!("{y:04}-{m:02}-{d:02}"));
                }
            }
        }
        for t in &texts {
            assert_eq!(parse_date(t), by_format(t), "{t:?}");
        }
    }

    #[test]
    fn dates_are_written_as_the_format_writes_them() {
        for (y, m, d) in [
            (0, 1, 1),
            (1, 2, 3),
            (999, 12, 31),
            (2025, 4, 16),
            (9999, 12, 31),
            (10000, 1, 1),
            (-1, 6, 30),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, d).expect("a date");
            assert_eq!(date_text(date), date.format("%Y-%m-%d").to_string());
        }
    }

    #[test]
    fn a_date_written_plainly_is_the_text_it_would_be_written_as() {
        assert!(super::written_plainly("2025-04-16"));
        for t in [
            "2025-04-16",
            " 2025-04-16",
            "2025-04-16\n",
            "2025-4-16",
            "0999-01-01",
            "+10000-01-01",
            "-0001-06-30",
        ] {
            if let Some(date) = parse_date(t)
                && super::written_plainly(t)
            {
                assert_eq!(date_text(date), t, "{t:?}");
            }
        }
    }
}
