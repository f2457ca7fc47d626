//! `ties score`: an establishment's scores as plain data, which `output` writes as a table for
//! the terminal, JSON or CSV.

use serde::Serialize;

use crate::model::assessment::Assessment;
use crate::score::{FrameworkScore, Scorecard};

/// An establishment's scores: what `ties score` writes, in every format. As JSON its shape is
/// documented in the README and pinned by a test.
#[derive(Serialize)]
pub struct ScoreView<'a> {
    pub ties_score: u32,
    pub establishment: EstablishmentInfo,
    pub year: i32,
    /// The answers marked restricted that count in these scores, as in the inspector's report:
    /// the public report and the estate leave them out, and count them as not answered.
    pub restricted_counted: RestrictedCounted,
    pub frameworks: &'a [FrameworkScore],
}

/// How many responses and measures marked restricted count in the scores.
#[derive(Serialize)]
pub struct RestrictedCounted {
    pub responses: usize,
    pub measures: usize,
}

#[derive(Serialize)]
pub struct EstablishmentInfo {
    pub id: String,
    pub name: String,
    pub nation: String,
    pub region: Option<String>,
    pub comparator_group: Option<String>,
}

pub fn establishment_info(a: &Assessment) -> EstablishmentInfo {
    EstablishmentInfo {
        id: a.establishment.id.value.clone(),
        name: a.establishment.name.clone(),
        nation: a.establishment.nation.id().to_string(),
        region: a.establishment.region.clone(),
        comparator_group: a.establishment.comparator_group.clone(),
    }
}

pub fn build<'a>(a: &Assessment, card: &'a Scorecard) -> ScoreView<'a> {
    ScoreView {
        ties_score: 1,
        establishment: establishment_info(a),
        year: *a.year,
        restricted_counted: RestrictedCounted {
            responses: a.responses.iter().filter(|(_, r)| r.restricted).count(),
            measures: a.metrics.iter().filter(|(_, m)| m.restricted).count(),
        },
        frameworks: &card.frameworks,
    }
}

/// A grade as words: the band's label, with "(provisional)" when coverage is below the
/// framework's minimum; none when there is no grade. Every output that writes a grade as
/// text uses this, and shows none in its own way (a dash on the terminal, an empty cell).
pub fn grade_text(grade: Option<&str>, provisional: bool) -> Option<String> {
    grade.map(|g| {
        if provisional {
            format!("{g} (provisional)")
        } else {
            g.to_string()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::grade_text;

    #[test]
    fn a_grade_says_when_it_is_provisional() {
        assert_eq!(grade_text(Some("Good"), false).as_deref(), Some("Good"));
        assert_eq!(
            grade_text(Some("Good"), true).as_deref(),
            Some("Good (provisional)")
        );
        assert_eq!(grade_text(None, true), None);
    }
}
