//! One establishment across the years: section scores by year, and what became of its actions.

use serde::Serialize;

use crate::error::{Error, Result};
use crate::estate::{Entry, Estate};
use crate::model::assessment::ActionStatus;
use crate::output::chart::{self, Bar, Group};
use crate::output::csv;
use crate::output::json;
use crate::output::numbers::pct;

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
    pub chart: String,
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
    let entries: Vec<&Entry> = estate.entries.iter().filter(|e| e.id() == id).collect();
    let Some(last) = entries.last() else {
        let mut known: Vec<&str> = estate.entries.iter().map(Entry::id).collect();
        known.dedup();
        let mut msg =
            format!("there is no self-assessment for an establishment `{id}` in this folder");
        if let Some(s) = crate::diag::closest(id, known.iter().copied()) {
            msg.push_str(&format!(" (did you mean `{s}`?)"));
        } else if !known.is_empty() {
            msg.push_str(&format!("; establishments found: {}", known.join(", ")));
        }
        return Err(Error::Input(msg));
    };
    let years: Vec<i32> = entries.iter().map(|e| e.year()).collect();
    let missing_years = match (years.first(), years.last()) {
        (Some(a), Some(b)) => (*a..=*b).filter(|y| !years.contains(y)).collect(),
        _ => Vec::new(),
    };
    let mut framework_ids: Vec<(String, String)> = Vec::new();
    for e in &entries {
        for f in &e.card.frameworks {
            if !framework_ids.iter().any(|(i, _)| *i == f.id) {
                framework_ids.push((f.id.clone(), f.title.clone()));
            }
        }
    }
    let frameworks = framework_ids
        .iter()
        .enumerate()
        .map(|(n, (fid, title))| {
            let overall: Vec<YearCell> = entries
                .iter()
                .map(|e| match e.card.frameworks.iter().find(|f| f.id == *fid) {
                    Some(f) => YearCell {
                        year: e.year(),
                        score: f.score,
                        score_text: pct(f.score),
                        grade: f.grade.clone(),
                        provisional: f.provisional,
                        coverage: Some(f.coverage.share),
                        coverage_text: pct(Some(f.coverage.share)),
                    },
                    None => empty(e.year()),
                })
                .collect();
            let mut section_ids: Vec<(String, String)> = Vec::new();
            for e in &entries {
                if let Some(f) = e.card.frameworks.iter().find(|f| f.id == *fid) {
                    for s in f.sections.iter().filter(|s| s.depth == 0) {
                        if !section_ids.iter().any(|(i, _)| *i == s.id) {
                            section_ids.push((s.id.clone(), s.title.clone()));
                        }
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
                        .map(|e| {
                            let s = e.card.frameworks.iter().find(|f| f.id == *fid).and_then(|f| f.sections.iter().find(|s| s.id == *sid));
                            match s {
                                Some(s) => YearCell {
                                    year: e.year(),
                                    score: s.score,
                                    score_text: pct(s.score),
                                    grade: s.grade.clone(),
                                    provisional: s.provisional,
                                    coverage: Some(s.coverage.share),
                                    coverage_text: pct(Some(s.coverage.share)),
                                },
                                None => empty(e.year()),
                            }
                        })
                        .collect(),
                })
                .collect();
            let chart_id = format!("chart-trend-{}", n + 1);
            let chart = chart::bars(
                &chart_id,
                &format!("{title}: section scores by year"),
                "For each section, one bar per year from 0% to 100%; the figures are also in the table that follows.",
                &sections
                    .iter()
                    .map(|s| Group {
                        label: s.title.clone(),
                        bars: s.cells.iter().map(|c| Bar { label: c.year.to_string(), value: c.score, text: c.score_text.clone() }).collect(),
                    })
                    .collect::<Vec<_>>(),
            );
            let any_provisional = overall.iter().chain(sections.iter().flat_map(|s| s.cells.iter())).any(|c| c.provisional && c.grade.is_some());
            FrameworkTrend { id: fid.clone(), title: title.clone(), overall, sections, any_provisional, chart, chart_id }
        })
        .collect();
    // Actions by id across the years, in the order they first appear. Restricted actions are
    // left out: the trend is shared beyond the establishment.
    let mut actions: Vec<ActionHistory> = Vec::new();
    for e in &entries {
        for a in e.assessment.actions.iter().filter(|a| !a.restricted) {
            let year = ActionYear {
                year: e.year(),
                status: a.status.label().to_string(),
                due: a.due.as_ref().map(|d| d.value.clone()),
            };
            match actions.iter_mut().find(|h| h.id == a.id.value) {
                Some(h) => {
                    h.history.push(year);
                    h.what = a.what.clone();
                    h.owner = a.owner.clone();
                }
                None => actions.push(ActionHistory {
                    id: a.id.value.clone(),
                    what: a.what.clone(),
                    owner: a.owner.clone(),
                    history: vec![year],
                    outcome: String::new(),
                    state: String::new(),
                }),
            }
        }
    }
    let latest_year = last.year();
    for h in &mut actions {
        let latest = entries.iter().rev().find_map(|e| {
            e.assessment
                .actions
                .iter()
                .find(|a| a.id.value == h.id)
                .map(|a| (e.year(), a))
        });
        if let Some((year, a)) = latest {
            let years_live = h
                .history
                .iter()
                .filter(|y| {
                    y.status == ActionStatus::Open.label()
                        || y.status == ActionStatus::InProgress.label()
                })
                .count();
            (h.state, h.outcome) = match *a.status {
                ActionStatus::Done => (
                    "completed".into(),
                    match &a.done_on {
                        Some(d) => format!("Completed on {}", d.value),
                        None => format!("Completed by {year}"),
                    },
                ),
                ActionStatus::Dropped => ("dropped".into(), format!("Dropped in {year}")),
                _ if year < latest_year => (
                    "not carried over".into(),
                    format!(
                        "Last listed in {year}, still {}; not in the {latest_year} plan",
                        a.status.label().to_lowercase()
                    ),
                ),
                _ if years_live > 1 => (
                    "carried over".into(),
                    format!(
                        "Carried over: in the plan for {years_live} years, still {}",
                        a.status.label().to_lowercase()
                    ),
                ),
                _ => (
                    "live".into(),
                    format!("In this year's plan, {}", a.status.label().to_lowercase()),
                ),
            };
        }
    }
    let est = &last.assessment.establishment;
    Ok(TrendView {
        id: est.id.value.clone(),
        name: est.name.clone(),
        nation: est.nation.label().to_string(),
        region: est.region.clone(),
        comparator_group: est.comparator_group.clone(),
        years,
        missing_years,
        frameworks,
        actions,
    })
}

pub fn to_csv(view: &TrendView) -> String {
    let mut out = csv::row(&[
        "establishment",
        "year",
        "framework",
        "section",
        "score",
        "grade",
        "provisional",
        "coverage",
    ]);
    for f in &view.frameworks {
        for c in &f.overall {
            out.push_str(&csv::row(&[
                view.id.as_str(),
                &c.year.to_string(),
                &f.id,
                "",
                &csv::number(c.score),
                c.grade.as_deref().unwrap_or(""),
                if c.provisional { "yes" } else { "no" },
                &csv::number(c.coverage),
            ]));
        }
        for s in &f.sections {
            for c in &s.cells {
                out.push_str(&csv::row(&[
                    view.id.as_str(),
                    &c.year.to_string(),
                    &f.id,
                    &s.id,
                    &csv::number(c.score),
                    c.grade.as_deref().unwrap_or(""),
                    if c.provisional { "yes" } else { "no" },
                    &csv::number(c.coverage),
                ]));
            }
        }
    }
    out
}

pub fn to_json(view: &TrendView) -> Result<String> {
    let mut value = json::tree(view)?;
    if let Some(o) = value.as_object_mut() {
        o.insert("ties_trend".into(), serde_json::Value::from(1));
    }
    if let Some(fws) = value.get_mut("frameworks").and_then(|f| f.as_array_mut()) {
        for f in fws {
            if let Some(o) = f.as_object_mut() {
                o.remove("chart");
                o.remove("chart_id");
            }
        }
    }
    json::document(&value)
}
