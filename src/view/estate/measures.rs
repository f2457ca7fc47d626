//! The measures and the logic model across the estate, as the view words them: figures as
//! rates with their numerators and denominators, spreads by comparator group, the
//! establishments far from their group, and how many establishments rate each outcome at each
//! level.

use serde::Serialize;

use crate::estate::logic::{LogicAcross, Tally};
use crate::estate::measures::{FAR_IQR_MULTIPLE, Figure, MIN_GROUP_FOR_FAR, MeasureAcross};
use crate::estate::stats;
use crate::view::numbers::{pct, short_number};

use super::{share, share_of};

#[derive(Serialize)]
pub struct MeasureView {
    pub qualified_id: String,
    pub text: String,
    pub section: String,
    /// A rate (a share from 0 to 1), rather than a number.
    pub rate: bool,
    pub figures: Vec<FigureView>,
    pub estate: MeasureStats,
    pub groups: Vec<GroupMeasure>,
    pub far: Vec<FarView>,
}

#[derive(Serialize)]
pub struct FigureView {
    pub id: String,
    pub name: String,
    pub comparator_group: Option<String>,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    /// The rate (0 to 1) or the number.
    #[serde(serialize_with = "share_of")]
    pub figure: f64,
    /// "43% (149 of 347)", or the number.
    pub figure_text: String,
    #[serde(serialize_with = "share")]
    pub baseline: Option<f64>,
    #[serde(serialize_with = "share")]
    pub target: Option<f64>,
}

#[derive(Serialize)]
pub struct MeasureStats {
    pub n: usize,
    pub lowest: String,
    pub lower_quartile: String,
    pub median: String,
    pub upper_quartile: String,
    pub highest: String,
}

#[derive(Serialize)]
pub struct GroupMeasure {
    pub group: String,
    pub stats: MeasureStats,
}

#[derive(Serialize)]
pub struct FarView {
    pub id: String,
    pub name: String,
    pub group: String,
    pub figure_text: String,
    /// "below" or "above".
    pub side: String,
    /// The group's fence that the figure lies beyond.
    pub fence_text: String,
}

/// Every measure's figures in one table: an establishment a row, a measure a column.
#[derive(Serialize)]
pub struct MeasureTable {
    pub columns: Vec<String>,
    pub rows: Vec<MeasureRow>,
}

#[derive(Serialize)]
pub struct MeasureRow {
    pub name: String,
    pub comparator_group: Option<String>,
    /// One per column: the figure, or "–" when not given.
    pub cells: Vec<String>,
}

/// A figure as a reader wants it: a rate as a percentage with its counts, a number as it is.
fn figure_text(rate: bool, f: &Figure) -> String {
    if !rate {
        return short_number(f.value);
    }
    match (f.numerator, f.denominator) {
        (Some(n), Some(d)) => format!(
            "{} ({} of {})",
            pct(Some(f.value)),
            short_number(n),
            short_number(d)
        ),
        _ => pct(Some(f.value)),
    }
}

fn value_text(rate: bool, v: Option<f64>) -> String {
    match v {
        Some(v) if !rate => short_number(v),
        v => pct(v),
    }
}

fn measure_stats(rate: bool, s: &stats::Stats) -> MeasureStats {
    MeasureStats {
        n: s.n,
        lowest: value_text(rate, s.lowest),
        lower_quartile: value_text(rate, s.lower_quartile),
        median: value_text(rate, s.median),
        upper_quartile: value_text(rate, s.upper_quartile),
        highest: value_text(rate, s.highest),
    }
}

/// A measure's name as a heading or a column gives it: its item's text without a closing full
/// stop, the same in every table.
fn measure_name(m: &MeasureAcross) -> String {
    m.item.text.trim_end_matches('.').to_string()
}

pub fn measure_view(m: &MeasureAcross) -> MeasureView {
    MeasureView {
        qualified_id: m.qualified_id.clone(),
        text: measure_name(m),
        section: m.section.short().to_string(),
        rate: m.rate,
        figures: m
            .figures
            .iter()
            .map(|f| FigureView {
                id: f.entry.id().to_string(),
                name: f.entry.assessment.establishment.name.clone(),
                comparator_group: f.group().map(str::to_string),
                numerator: f.numerator,
                denominator: f.denominator,
                figure: f.value,
                figure_text: figure_text(m.rate, f),
                baseline: f.baseline,
                target: f.target,
            })
            .collect(),
        estate: measure_stats(m.rate, &m.estate),
        groups: m
            .groups
            .iter()
            .map(|(group, s)| GroupMeasure {
                group: group.clone(),
                stats: measure_stats(m.rate, s),
            })
            .collect(),
        far: m
            .far
            .iter()
            .map(|f| FarView {
                id: f.entry.id().to_string(),
                name: f.entry.assessment.establishment.name.clone(),
                group: f.group.clone(),
                figure_text: value_text(m.rate, Some(f.value)),
                side: if f.above { "above" } else { "below" }.to_string(),
                fence_text: value_text(m.rate, Some(f.fence)),
            })
            .collect(),
    }
}

/// The figures of every measure by establishment (those that gave at least one), by name as
/// the analysis lists them; none when the framework has no measure with a figure.
pub fn measure_table(measures: &[MeasureAcross]) -> Option<MeasureTable> {
    if measures.iter().all(|m| m.figures.is_empty()) {
        return None;
    }
    let mut names: Vec<(&str, &str, Option<&str>)> = Vec::new();
    for f in measures.iter().flat_map(|m| &m.figures) {
        let est = &f.entry.assessment.establishment;
        if !names.iter().any(|(id, ..)| *id == f.entry.id()) {
            names.push((f.entry.id(), &est.name, est.comparator_group.as_deref()));
        }
    }
    names.sort_by(|a, b| crate::estate::names::by_name((a.1, a.0), (b.1, b.0)));
    Some(MeasureTable {
        columns: measures.iter().map(measure_name).collect(),
        rows: names
            .into_iter()
            .map(|(id, name, group)| MeasureRow {
                name: name.to_string(),
                comparator_group: group.map(str::to_string),
                cells: measures
                    .iter()
                    .map(|m| {
                        m.figures
                            .iter()
                            .find(|f| f.entry.id() == id)
                            .map_or_else(|| "–".to_string(), |f| figure_text(m.rate, f))
                    })
                    .collect(),
            })
            .collect(),
    })
}

/// How "far from its group" is decided, in a sentence.
pub fn far_rule() -> String {
    format!(
        "An establishment is far from its comparator group when its figure lies more than {} times the group's interquartile range (the distance between its lower and upper quartiles) below the lower quartile or above the upper quartile; groups of fewer than {} establishments with the figure are too small to judge.",
        short_number(FAR_IQR_MULTIPLE),
        MIN_GROUP_FOR_FAR
    )
}

#[derive(Serialize)]
pub struct LogicView {
    pub scale: String,
    /// The scale's level labels, lowest first: the order of every `at`.
    pub levels: Vec<String>,
    pub terms: Vec<TermView>,
}

#[derive(Serialize)]
pub struct TermView {
    pub label: String,
    /// Establishments that rated at least one of the term's outcomes.
    pub establishments: usize,
    /// Every rating of the term's outcomes, at each level.
    pub ratings: TallyView,
    pub outcomes: Vec<OutcomeView>,
}

#[derive(Serialize)]
pub struct OutcomeView {
    pub qualified_id: String,
    pub text: String,
    /// Establishments at each level.
    pub establishments: TallyView,
}

#[derive(Serialize)]
pub struct TallyView {
    pub at: Vec<usize>,
    pub unanswered: usize,
    pub not_applicable: usize,
}

fn tally(t: &Tally) -> TallyView {
    TallyView {
        at: t.at.clone(),
        unanswered: t.unanswered,
        not_applicable: t.not_applicable,
    }
}

pub fn logic_view(l: &LogicAcross) -> LogicView {
    LogicView {
        scale: l.scale.label.clone(),
        levels: l.levels().iter().map(|v| v.label.clone()).collect(),
        terms: l
            .terms
            .iter()
            .map(|t| TermView {
                label: t.term.label().to_string(),
                establishments: t.establishments,
                ratings: tally(&t.ratings),
                outcomes: t
                    .outcomes
                    .iter()
                    .map(|o| OutcomeView {
                        qualified_id: o.qualified_id.clone(),
                        text: o.item.text.clone(),
                        establishments: tally(&o.establishments),
                    })
                    .collect(),
            })
            .collect(),
    }
}
