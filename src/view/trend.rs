//! One establishment across the years: section scores by year, and what became of its actions,
//! in words (the history is the estate stage's, `estate::trend`).

use serde::Serialize;

use crate::error::Result;
use crate::estate::trend::{self, Outcome};
use crate::estate::{Entry, Estate};
use crate::model::assessment::ActionStatus;
use crate::view::chart::{self, Bar, Chart, Group};
use crate::view::numbers::pct;

#[derive(Serialize)]
pub struct TrendView {
    pub id: String,
    pub name: String,
    pub nation: String,
    pub region: Option<String>,
    pub comparator_group: Option<String>,
    pub years: Vec<i32>,
    /// Years between the first and last with no self-assessment.
    pub missing_years: Vec<i32>,
    pub frameworks: Vec<FrameworkTrend>,
    pub actions: Vec<ActionHistory>,
}

#[derive(Serialize)]
pub struct FrameworkTrend {
    pub id: String,
    pub title: String,
    pub overall: Vec<YearCell>,
    pub sections: Vec<SectionTrend>,
    /// Whether any grade shown is provisional (so the table needs its footnote).
    pub any_provisional: bool,
    pub chart: Chart,
    pub chart_id: String,
}

#[derive(Serialize)]
pub struct SectionTrend {
    pub id: String,
    pub title: String,
    pub cells: Vec<YearCell>,
}

#[derive(Serialize, Clone)]
pub struct YearCell {
    pub year: i32,
    pub score: Option<f64>,
    pub score_text: String,
    pub grade: Option<String>,
    pub provisional: bool,
    pub coverage: Option<f64>,
    pub coverage_text: String,
}

#[derive(Serialize)]
pub struct ActionHistory {
    pub id: String,
    pub what: String,
    pub owner: String,
    pub history: Vec<ActionYear>,
    /// In words: "Completed on 2025-07-30", "Dropped in 2024", "Carried over 3 years; still open".
    pub outcome: String,
    pub state: String,
}

#[derive(Serialize)]
pub struct ActionYear {
    pub year: i32,
    pub status: String,
    pub due: Option<String>,
}

fn empty(year: i32) -> YearCell {
    YearCell {
        year,
        score: None,
        score_text: "–".into(),
        grade: None,
        provisional: false,
        coverage: None,
        coverage_text: "–".into(),
    }
}

/// The trend for one establishment, or a message when it has no self-assessments.
pub fn build(estate: &Estate, id: &str) -> Result<TrendView> {
    let h = trend::history(estate, id)?;
    let mut framework_ids: Vec<(String, String)> = Vec::new();
    for e in &h.entries {
        for f in &e.card.frameworks {
            if !framework_ids.iter().any(|(i, _)| *i == f.id) {
                framework_ids.push((f.id.clone(), f.title.clone()));
            }
        }
    }
    let frameworks = framework_ids
        .iter()
        .enumerate()
        .map(|(n, (fid, title))| framework_trend(&h.entries, n + 1, fid, title))
        .collect();
    let est = &h.latest.assessment.establishment;
    Ok(TrendView {
        id: est.id.value.clone(),
        name: est.name.clone(),
        nation: est.nation.label().to_string(),
        region: est.region.clone(),
        comparator_group: est.comparator_group.clone(),
        missing_years: h.missing_years,
        years: h.years,
        frameworks,
        actions: h.actions.iter().map(action_history).collect(),
    })
}

/// A year's score, grade and coverage for the framework or a section.
fn year_cell(
    year: i32,
    score: Option<f64>,
    grade: Option<&str>,
    provisional: bool,
    coverage: f64,
) -> YearCell {
    YearCell {
        year,
        score,
        score_text: pct(score),
        grade: grade.map(str::to_string),
        provisional,
        coverage: Some(coverage),
        coverage_text: pct(Some(coverage)),
    }
}

/// The framework `fid` across the years of `entries`, with its chart numbered `number`.
fn framework_trend<'e>(
    entries: &[&'e Entry],
    number: usize,
    fid: &str,
    title: &str,
) -> FrameworkTrend {
    let scores = |e: &'e Entry| e.card.frameworks.iter().find(|f| f.id == fid);
    let overall: Vec<YearCell> = entries
        .iter()
        .map(|e| match scores(e) {
            Some(f) => year_cell(
                e.year(),
                f.score,
                f.grade.as_deref(),
                f.provisional,
                f.coverage.share,
            ),
            None => empty(e.year()),
        })
        .collect();
    let mut section_ids: Vec<(String, String)> = Vec::new();
    for f in entries.iter().filter_map(|e| scores(e)) {
        for s in f.sections.iter().filter(|s| s.depth == 0) {
            if !section_ids.iter().any(|(i, _)| *i == s.id) {
                section_ids.push((s.id.clone(), s.title.clone()));
            }
        }
    }
    let sections: Vec<SectionTrend> = section_ids
        .iter()
        .map(|(sid, stitle)| SectionTrend {
            id: sid.clone(),
            title: stitle.clone(),
            cells: entries
                .iter()
                .map(
                    |e| match scores(e).and_then(|f| f.sections.iter().find(|s| s.id == *sid)) {
                        Some(s) => year_cell(
                            e.year(),
                            s.score,
                            s.grade.as_deref(),
                            s.provisional,
                            s.coverage.share,
                        ),
                        None => empty(e.year()),
                    },
                )
                .collect(),
        })
        .collect();
    let chart_id = format!("chart-trend-{number}");
    let chart = chart::bars(
        &chart_id,
        &format!("{title}: section scores by year"),
        "For each section, one bar per year from 0% to 100%; the figures are also in the table that follows.",
        sections
            .iter()
            .map(|s| Group {
                label: s.title.clone(),
                bars: s
                    .cells
                    .iter()
                    .map(|c| Bar {
                        label: c.year.to_string(),
                        value: c.score,
                        text: c.score_text.clone(),
                    })
                    .collect(),
            })
            .collect::<Vec<_>>(),
    );
    let any_provisional = overall
        .iter()
        .chain(sections.iter().flat_map(|s| s.cells.iter()))
        .any(|c| c.provisional && c.grade.is_some());
    FrameworkTrend {
        id: fid.to_string(),
        title: title.to_string(),
        overall,
        sections,
        any_provisional,
        chart,
        chart_id,
    }
}

fn action_history(a: &trend::ActionRecord) -> ActionHistory {
    let lower = |s: ActionStatus| s.label().to_lowercase();
    let (state, outcome) = match a.outcome {
        Outcome::Completed { on: Some(on), .. } => ("completed", format!("Completed on {on}")),
        Outcome::Completed { on: None, year } => ("completed", format!("Completed by {year}")),
        Outcome::Dropped { year } => ("dropped", format!("Dropped in {year}")),
        Outcome::NotCarriedOver {
            year,
            status,
            latest_year,
        } => (
            "not carried over",
            format!(
                "Last listed in {year}, still {}; not in the {latest_year} plan",
                lower(status)
            ),
        ),
        Outcome::CarriedOver { years, status } => (
            "carried over",
            format!(
                "Carried over: in the plan for {years} years, still {}",
                lower(status)
            ),
        ),
        Outcome::Live { status } => ("live", format!("In this year's plan, {}", lower(status))),
    };
    ActionHistory {
        id: a.id.to_string(),
        what: a.what.to_string(),
        owner: a.owner.to_string(),
        history: a
            .history
            .iter()
            .map(|y| ActionYear {
                year: y.year,
                status: y.status.label().to_string(),
                due: y.due.map(str::to_string),
            })
            .collect(),
        outcome,
        state: state.to_string(),
    }
}
