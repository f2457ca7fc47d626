//! One establishment across the years: what happened, in sentences by a stated rule; scores
//! and grades by year, as lines and a table, provisional years marked; the measures as rates by
//! year; what became of its actions; and how many restricted actions this public view leaves
//! out (the history and the rule are the estate stage's, `estate::trend`).

use serde::Serialize;

use crate::error::Result;
use crate::estate::change::Move;
use crate::estate::trend::{self, Outcome, Story, YearScore};
use crate::estate::{Entry, Estate};
use crate::model::assessment::ActionStatus;
use crate::model::catalog::Catalog;
use crate::model::framework::{ItemKind, Measure};
use crate::view::chart::{Lines, Panel, Point};
use crate::view::numbers::{pct, percent, short_number};
use crate::view::score::grade_text;

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
    /// What happened, a sentence for each framework (`FrameworkTrend::story`), in order.
    pub story: Vec<String>,
    pub frameworks: Vec<FrameworkTrend>,
    pub actions: Vec<ActionHistory>,
    /// How many actions are marked restricted in at least one year's plan, each counted once.
    pub restricted_actions: usize,
    /// That count in words, with the years, when there are any: "2 restricted actions are left
    /// out of this public view ...".
    pub restricted_actions_text: Option<String>,
    /// The restricted answers left out, by year, in words, when there are any.
    pub restricted_answers_text: Option<String>,
}

#[derive(Serialize)]
pub struct FrameworkTrend {
    pub id: String,
    pub title: String,
    pub overall: Vec<YearCell>,
    pub sections: Vec<SectionTrend>,
    /// What happened to the whole framework's score, by the rule of `estate::trend::story`.
    pub story: String,
    /// The section that rose most and the one that fell most from their first year to their
    /// last (`estate::trend::largest_moves`), when the framework has two sections with a score.
    pub sections_story: Option<String>,
    /// The framework's minimum coverage (of its latest year), as a percentage: below it a
    /// score and its grade are provisional.
    pub min_coverage_text: String,
    /// The years split into groups of at most `MAX_TABLE_YEARS`, for tables that fit a printed
    /// page: each group's columns are `start..end` of every row's cells.
    pub column_groups: Vec<ColumnGroup>,
    /// Whether any score shown is provisional (so the table and chart need their note).
    pub any_provisional: bool,
    /// What provisional means, when any score shown is.
    pub provisional_note: Option<String>,
    /// The whole framework and each section over the years, as lines.
    pub chart: Lines,
    pub chart_id: String,
    /// The framework's measures (rates or figures) over the years.
    pub measures: Vec<MeasureTrend>,
    /// The measures that are rates, as lines; none without one.
    pub measures_chart: Option<Lines>,
}

/// Years beside each other in one table, with grades in words, that still fit a printed A4 page.
pub const MAX_TABLE_YEARS: usize = 5;

/// A run of years shown in one table: cells `start..end` of each row.
#[derive(Serialize, Debug, PartialEq)]
pub struct ColumnGroup {
    pub start: usize,
    pub end: usize,
    pub first_year: i32,
    pub last_year: i32,
}

/// `years` in as few groups of at most `MAX_TABLE_YEARS` as there can be, as even as they can
/// be, the larger first: ten years are two tables of five, seven are four and three.
fn column_groups(years: &[i32]) -> Vec<ColumnGroup> {
    let groups = years.len().div_ceil(MAX_TABLE_YEARS).max(1);
    let size = years.len().div_ceil(groups).max(1);
    years
        .chunks(size)
        .enumerate()
        .map(|(n, chunk)| ColumnGroup {
            start: n * size,
            end: n * size + chunk.len(),
            first_year: chunk[0],
            last_year: chunk[chunk.len() - 1],
        })
        .collect()
}

/// A measure over the years.
#[derive(Serialize)]
pub struct MeasureTrend {
    pub qualified_id: String,
    /// The item's text, without its closing full stop.
    pub text: String,
    /// A rate (a share from 0 to 1), rather than a number.
    pub rate: bool,
    pub cells: Vec<MeasureCell>,
    /// What happened to a rate, by the same rule as a score; none for a number.
    pub story: Option<String>,
}

#[derive(Serialize)]
pub struct MeasureCell {
    pub year: i32,
    /// The figure: a share from 0 to 1 for a rate.
    pub value: Option<f64>,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    /// Marked restricted that year: left out of this public view.
    pub restricted: bool,
    /// "43% (149 of 347)", a number, "restricted" or "–".
    pub text: String,
}

#[derive(Serialize)]
pub struct SectionTrend {
    pub id: String,
    pub title: String,
    /// Whether any year has a score: a section never scored (one of measures that are only
    /// reported) is left out of the tables and charts of scores, and its measures are shown as
    /// measures.
    pub scored: bool,
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
    /// The cell as tables show it: the grade in words ("Good (provisional)") and the score; a
    /// provisional score without a grade says so too.
    pub text: String,
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
        text: "–".into(),
    }
}

/// The trend for one establishment, or a message when it has no self-assessments. The catalog
/// gives the measures' names.
pub fn build(estate: &Estate, catalog: &Catalog, id: &str) -> Result<TrendView> {
    let h = trend::history(estate, id)?;
    let mut framework_ids: Vec<(String, String)> = Vec::new();
    for e in &h.entries {
        for f in &e.card.frameworks {
            if !framework_ids.iter().any(|(i, _)| *i == f.id) {
                framework_ids.push((f.id.clone(), f.title.clone()));
            }
        }
    }
    let frameworks: Vec<FrameworkTrend> = framework_ids
        .iter()
        .enumerate()
        .map(|(n, (fid, title))| framework_trend(&h.entries, catalog, n + 1, fid, title))
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
        story: frameworks.iter().map(|f| f.story.clone()).collect(),
        frameworks,
        actions: h.actions.iter().map(action_history).collect(),
        restricted_actions: h.restricted_actions,
        restricted_actions_text: restricted_actions_text(
            h.restricted_actions,
            &h.restricted_actions_by_year,
        ),
        restricted_answers_text: restricted_answers_text(&h.restricted_answers_by_year),
    })
}

/// "2 restricted actions are left out of this public view: 1 in the 2023 plan and 1 in the
/// 2025 plan.", or, when an action is restricted in more than one plan, how many listings and
/// the years. Only how many, never what they are.
fn restricted_actions_text(count: usize, by_year: &[(i32, usize)]) -> Option<String> {
    if count == 0 {
        return None;
    }
    let (noun, verb) = if count == 1 {
        ("action", "is")
    } else {
        ("actions", "are")
    };
    let listed: usize = by_year.iter().map(|(_, n)| n).sum();
    let where_ = if listed > count {
        let years: Vec<i32> = by_year.iter().map(|(y, _)| *y).collect();
        format!(
            "; an action can be in more than one year's plan, and they are listed {listed} times, \
             in the plans of {}",
            years_text(&years)
        )
    } else {
        let years: Vec<String> = by_year
            .iter()
            .map(|(year, n)| format!("{n} in the {year} plan"))
            .collect();
        format!(": {}", and_list(&years))
    };
    Some(format!(
        "{count} restricted {noun} {verb} left out of this public view{where_}. Only how many is shown."
    ))
}

/// Years in words, oldest first, a run of three or more written as its first and last:
/// "2016, 2018 to 2021 and 2024".
fn years_text(years: &[i32]) -> String {
    let mut runs: Vec<(i32, i32)> = Vec::new();
    for &y in years {
        match runs.last_mut() {
            Some((_, last)) if *last + 1 == y => *last = y,
            _ => runs.push((y, y)),
        }
    }
    let parts: Vec<String> = runs
        .iter()
        .flat_map(|&(a, b)| match b - a {
            0 => vec![a.to_string()],
            1 => vec![a.to_string(), b.to_string()],
            _ => vec![format!("{a} to {b}")],
        })
        .collect();
    and_list(&parts)
}

/// "Restricted answers are left out too, and count as not answered: 2 in 2019 and 1 in 2023."
fn restricted_answers_text(by_year: &[(i32, usize)]) -> Option<String> {
    if by_year.is_empty() {
        return None;
    }
    let years: Vec<String> = by_year
        .iter()
        .map(|(year, n)| format!("{n} in {year}"))
        .collect();
    Some(format!(
        "Restricted answers are left out too, and count as not answered: {}.",
        and_list(&years)
    ))
}

/// "a", "a and b", "a, b and c".
fn and_list(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A year as the story names it: "2022", or "2022 (provisional)".
fn year_text(y: &YearScore) -> String {
    if y.provisional {
        format!("{} (provisional)", y.year)
    } else {
        y.year.to_string()
    }
}

fn points(n: i64) -> String {
    if n == 1 {
        "1 point".into()
    } else {
        format!("{n} points")
    }
}

/// "Of its sections, X rose most, up 40 points, from 60% in 2023 to 100% in 2025; Y fell most,
/// down 5 points, from ...". None with fewer than two sections with a score.
fn sections_sentence(stories: &[(&str, Story)]) -> Option<String> {
    if stories.len() < 2 {
        return None;
    }
    let told = |(title, s): &(&str, Story), word: &str, p: i64| {
        format!(
            "{title} {word} most, {} {}, from {} in {} to {} in {}",
            if word == "rose" { "up" } else { "down" },
            points(p),
            percent(s.first.score),
            year_text(&s.first),
            percent(s.last.score),
            year_text(&s.last)
        )
    };
    let amount = |m: Move| match m {
        Move::Up(p) | Move::Down(p) => p,
        Move::Same => 0,
    };
    let just: Vec<Story> = stories.iter().map(|(_, s)| s.clone()).collect();
    let (rise, fall) = trend::largest_moves(&just);
    let rise = rise.map(|i| told(&stories[i], "rose", amount(stories[i].1.overall)));
    let fall = fall.map(|i| told(&stories[i], "fell", amount(stories[i].1.overall)));
    Some(match (rise, fall) {
        (Some(r), Some(f)) => format!("Of its sections, {r}; {f}."),
        (Some(r), None) => {
            format!("Of its sections, {r}; none fell from its first year with a score to its last.")
        }
        (None, Some(f)) => {
            format!("Of its sections, {f}; none rose from its first year with a score to its last.")
        }
        (None, None) => {
            "None of its sections moved by a point or more from its first year with a score to its last."
                .to_string()
        }
    })
}

/// The story of `subject`'s score (or rate) in a sentence or three, from the rule's findings
/// only: the first and last year, the overall move, the largest rise and fall between one
/// self-assessment and the next, and the provisional years.
pub fn sentence(subject: &str, story: &Story) -> String {
    let (first, last) = (&story.first, &story.last);
    let (a, b) = (percent(first.score), percent(last.score));
    let mut out = if first.year == last.year {
        format!(
            "{subject}: {a} in {}, the only year with a score.",
            year_text(first)
        )
    } else {
        let (from, to) = (year_text(first), year_text(last));
        match story.overall {
            Move::Up(p) => format!(
                "{subject} rose from {a} in {from} to {b} in {to}, up {}.",
                points(p)
            ),
            Move::Down(p) => format!(
                "{subject} fell from {a} in {from} to {b} in {to}, down {}.",
                points(p)
            ),
            Move::Same => format!(
                "{subject} was {a} in {from} and {b} in {to}: no change of a point or more."
            ),
        }
    };
    let step = |s: &trend::Step, word: &str| {
        format!(
            "from {} to {}, {word} {}",
            year_text(&s.from),
            year_text(&s.to),
            points(s.points)
        )
    };
    match (&story.largest_rise, &story.largest_fall) {
        (Some(r), Some(f)) => out.push_str(&format!(
            " Its largest rise was {}; its largest fall {}.",
            step(r, "up"),
            step(f, "down")
        )),
        (Some(r), None) => out.push_str(&format!(
            " Its largest rise was {}; it never fell by a point or more from one self-assessment to the next.",
            step(r, "up")
        )),
        (None, Some(f)) => out.push_str(&format!(
            " Its largest fall was {}; it never rose by a point or more from one self-assessment to the next.",
            step(f, "down")
        )),
        (None, None) if story.years > 2 => out.push_str(
            " It never rose or fell by a point or more from one self-assessment to the next.",
        ),
        (None, None) => {}
    }
    if !story.provisional.is_empty() {
        out.push_str(&format!(
            " Provisional in {}: less than the framework's minimum was answered, so read {} with care.",
            years_text(&story.provisional),
            if story.provisional.len() == 1 {
                "that score"
            } else {
                "those scores"
            }
        ));
    }
    out
}

/// A year's score, grade and coverage for the framework or a section.
fn year_cell(
    year: i32,
    score: Option<f64>,
    grade: Option<&str>,
    provisional: bool,
    coverage: f64,
) -> YearCell {
    let score_text = pct(score);
    let text = match grade_text(grade, provisional) {
        Some(g) => format!("{g} {score_text}"),
        None if provisional && score.is_some() => format!("{score_text} (provisional)"),
        None => score_text.clone(),
    };
    YearCell {
        year,
        score,
        score_text,
        grade: grade.map(str::to_string),
        provisional,
        coverage: Some(coverage),
        coverage_text: pct(Some(coverage)),
        text,
    }
}

/// The years of `cells` with a score, as the story reads them.
fn scored(cells: &[YearCell]) -> Vec<YearScore> {
    cells
        .iter()
        .filter_map(|c| {
            Some(YearScore {
                year: c.year,
                score: c.score?,
                provisional: c.provisional,
            })
        })
        .collect()
}

/// A line's panel: a point for each year, hollow where the score is provisional.
fn panel(label: &str, cells: &[YearCell]) -> Panel {
    Panel {
        label: label.to_string(),
        points: cells
            .iter()
            .map(|c| Point {
                value: c.score,
                text: c.score_text.clone(),
                hollow: c.provisional && c.score.is_some(),
            })
            .collect(),
    }
}

/// The framework `fid` across the years of `entries`, with its charts numbered `number`.
fn framework_trend<'e>(
    entries: &[&'e Entry],
    catalog: &Catalog,
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
        .map(|(sid, stitle)| {
            let cells: Vec<YearCell> = entries
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
                .collect();
            SectionTrend {
                id: sid.clone(),
                title: stitle.clone(),
                scored: cells.iter().any(|c| c.score.is_some()),
                cells,
            }
        })
        .collect();
    let years: Vec<i32> = entries.iter().map(|e| e.year()).collect();
    let story = match trend::story(&scored(&overall)) {
        Some(story) => sentence(title, &story),
        None => format!("{title}: no year has a score."),
    };
    let section_stories: Vec<(&str, Story)> = sections
        .iter()
        .filter_map(|s| Some((s.title.as_str(), trend::story(&scored(&s.cells))?)))
        .collect();
    let sections_story = sections_sentence(&section_stories);
    let any_provisional = overall
        .iter()
        .chain(sections.iter().flat_map(|s| s.cells.iter()))
        .any(|c| c.provisional && c.score.is_some());
    let measures = measure_trends(entries, catalog, fid);
    let min_coverage = entries
        .iter()
        .rev()
        .find_map(|e| scores(e))
        .map_or(0.0, |f| f.min_coverage);
    let min_coverage_text = percent(min_coverage);
    let provisional_note = any_provisional.then(|| {
        format!(
            "Provisional: that year, less than {min_coverage_text} of the framework or section \
             was answered (its coverage, by weight), the framework's minimum, so its score and \
             grade are less sure than the others and a fall or rise to it may be the gap rather \
             than a change. A section's coverage is its own, so a section can be provisional in a \
             year the whole framework is not. Hollow points in the chart mark these years.{}",
            if measures.is_empty() {
                ""
            } else {
                " The whole framework's coverage also counts its measures: a measure without \
                 its figure counts as not answered."
            }
        )
    });
    let chart_id = format!("chart-trend-{number}");
    let mut panels = vec![panel("Whole framework", &overall)];
    panels.extend(
        sections
            .iter()
            .filter(|s| s.scored)
            .map(|s| panel(&s.title, &s.cells)),
    );
    let chart = Lines {
        id: chart_id.clone(),
        title: format!("{title}: scores by year"),
        description: format!(
            "A line for the whole framework and one for each section, from 0% to 100%, with \
             the latest score written beside it; the figures are also in the table that follows. {story}"
        ),
        years: years.clone(),
        panels,
        hollow_key: any_provisional
            .then(|| format!("Hollow point: provisional (coverage below {min_coverage_text})")),
    };
    let rates: Vec<Panel> = measures
        .iter()
        .filter(|m| m.rate)
        .map(|m| Panel {
            label: m.text.clone(),
            points: m
                .cells
                .iter()
                .map(|c| Point {
                    value: c.value,
                    text: pct(c.value),
                    hollow: false,
                })
                .collect(),
        })
        .collect();
    let measures_chart = (!rates.is_empty()).then(|| Lines {
        id: format!("chart-trend-{number}-measures"),
        title: format!("{title}: measures by year"),
        description: "A line for each measure that is a rate, from 0% to 100%, with the latest \
                      rate written beside it; the figures, with their numerators and \
                      denominators, are also in the table that follows."
            .to_string(),
        years: years.clone(),
        panels: rates,
        hollow_key: None,
    });
    FrameworkTrend {
        id: fid.to_string(),
        title: title.to_string(),
        overall,
        sections,
        story,
        sections_story,
        min_coverage_text,
        column_groups: column_groups(&years),
        any_provisional,
        provisional_note,
        chart,
        chart_id,
        measures,
        measures_chart,
    }
}

/// The measures of framework `fid` in `entries`' scores, in the order they first appear, each
/// named by its item in the catalog (its id when the catalog's version has no such item).
fn measure_trends(entries: &[&Entry], catalog: &Catalog, fid: &str) -> Vec<MeasureTrend> {
    let mut ids: Vec<String> = Vec::new();
    for e in entries {
        for f in e.card.frameworks.iter().filter(|f| f.id == fid) {
            for i in f.sections.iter().flat_map(|s| s.items.iter()) {
                if i.kind == ItemKind::Metric && !ids.contains(&i.qualified_id) {
                    ids.push(i.qualified_id.clone());
                }
            }
        }
    }
    ids.into_iter()
        .map(|qid| {
            let item = catalog.find(&qid).map(|found| found.item);
            let rate = item
                .and_then(|i| i.metric.as_ref())
                .is_some_and(|m| m.measure == Measure::Rate);
            let cells: Vec<MeasureCell> = entries
                .iter()
                .map(|e| {
                    let m = e
                        .card
                        .frameworks
                        .iter()
                        .filter(|f| f.id == fid)
                        .flat_map(|f| f.sections.iter().flat_map(|s| s.items.iter()))
                        .find(|i| i.qualified_id == qid)
                        .and_then(|i| i.metric.as_ref());
                    let restricted = e.withheld.contains(&qid);
                    let (value, numerator, denominator) = m.map_or((None, None, None), |m| {
                        (m.figure, m.numerator, m.denominator)
                    });
                    MeasureCell {
                        year: e.year(),
                        value,
                        numerator,
                        denominator,
                        restricted,
                        text: match value {
                            _ if restricted => "restricted".to_string(),
                            Some(v) => figure_text(rate, v, numerator, denominator),
                            None => "–".to_string(),
                        },
                    }
                })
                .collect();
            let text = item.map_or(qid.clone(), |i| i.text.trim_end_matches('.').to_string());
            let story = rate
                .then(|| {
                    let years: Vec<YearScore> = cells
                        .iter()
                        .filter_map(|c| {
                            Some(YearScore {
                                year: c.year,
                                score: c.value?,
                                provisional: false,
                            })
                        })
                        .collect();
                    trend::story(&years).map(|s| sentence(&text, &s))
                })
                .flatten();
            MeasureTrend {
                qualified_id: qid,
                text,
                rate,
                cells,
                story,
            }
        })
        .collect()
}

/// A figure as the estate's tables write it: a rate as a percentage with its counts ("43% (149
/// of 347)"), a number as it is.
fn figure_text(rate: bool, value: f64, numerator: Option<f64>, denominator: Option<f64>) -> String {
    match (rate, numerator, denominator) {
        (false, ..) => short_number(value),
        (true, Some(n), Some(d)) => format!(
            "{} ({} of {})",
            percent(value),
            short_number(n),
            short_number(d)
        ),
        (true, ..) => percent(value),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn story_of(list: &[(i32, f64, bool)]) -> Story {
        let scores: Vec<YearScore> = list
            .iter()
            .map(|&(year, score, provisional)| YearScore {
                year,
                score,
                provisional,
            })
            .collect();
        trend::story(&scores).unwrap()
    }

    #[test]
    fn a_rise_with_its_largest_steps_and_a_provisional_year() {
        // 50% to 66%: up 16. Steps +12, -22 (from provisional 2022), +30, -4.
        let s = story_of(&[
            (2021, 0.50, false),
            (2022, 0.62, true),
            (2023, 0.40, false),
            (2024, 0.70, false),
            (2025, 0.66, false),
        ]);
        assert_eq!(
            sentence("Visits", &s),
            "Visits rose from 50% in 2021 to 66% in 2025, up 16 points. Its largest rise was \
             from 2023 to 2024, up 30 points; its largest fall from 2022 (provisional) to 2023, \
             down 22 points. Provisional in 2022: less than the framework's minimum was \
             answered, so read that score with care."
        );
    }

    #[test]
    fn a_fall_over_two_years_tells_no_steps() {
        // 80% to 59%: down 21; with two years the steps are the overall move.
        let s = story_of(&[(2024, 0.8, false), (2025, 0.59, true)]);
        assert_eq!(
            sentence("Partnership", &s),
            "Partnership fell from 80% in 2024 to 59% in 2025 (provisional), down 21 points. \
             Provisional in 2025: less than the framework's minimum was answered, so read that \
             score with care."
        );
    }

    #[test]
    fn no_change_a_single_point_and_a_single_year() {
        // 70%, 70.2%, 70.1%: no step of half a point.
        let still = story_of(&[
            (2021, 0.70, false),
            (2022, 0.702, false),
            (2023, 0.701, false),
        ]);
        assert_eq!(
            sentence("Safer custody", &still),
            "Safer custody was 70% in 2021 and 70% in 2023: no change of a point or more. It \
             never rose or fell by a point or more from one self-assessment to the next."
        );
        // 60%, 61%, 60%: up 1 point, then down 1; no change overall.
        let one = story_of(&[
            (2021, 0.60, false),
            (2022, 0.61, false),
            (2023, 0.60, false),
        ]);
        assert_eq!(
            sentence("Digital", &one),
            "Digital was 60% in 2021 and 60% in 2023: no change of a point or more. Its largest \
             rise was from 2021 to 2022, up 1 point; its largest fall from 2022 to 2023, down 1 \
             point."
        );
        let only = story_of(&[(2025, 0.88, true)]);
        assert_eq!(
            sentence("Strategy", &only),
            "Strategy: 88% in 2025 (provisional), the only year with a score. Provisional in \
             2025: less than the framework's minimum was answered, so read that score with care."
        );
    }

    #[test]
    fn the_sections_that_moved_most_in_a_sentence() {
        let stories = vec![
            // Up 40, down 5 (2025 provisional), up 20.
            (
                "Practice",
                story_of(&[(2023, 0.6, false), (2025, 1.0, false)]),
            ),
            (
                "Custody",
                story_of(&[(2023, 0.8, false), (2025, 0.75, true)]),
            ),
            (
                "Digital",
                story_of(&[(2023, 0.5, false), (2025, 0.7, false)]),
            ),
        ];
        assert_eq!(
            sections_sentence(&stories).as_deref(),
            Some(
                "Of its sections, Practice rose most, up 40 points, from 60% in 2023 to 100% in \
                 2025; Custody fell most, down 5 points, from 80% in 2023 to 75% in 2025 \
                 (provisional)."
            )
        );
        assert_eq!(
            sections_sentence(&[stories[0].clone(), stories[2].clone()]).as_deref(),
            Some(
                "Of its sections, Practice rose most, up 40 points, from 60% in 2023 to 100% in \
                 2025; none fell from its first year with a score to its last."
            )
        );
        assert_eq!(sections_sentence(&stories[..1]), None);
    }

    #[test]
    fn restricted_actions_are_counted_never_described() {
        assert_eq!(restricted_actions_text(0, &[]), None);
        assert_eq!(
            restricted_actions_text(1, &[(2024, 1)]).as_deref(),
            Some(
                "1 restricted action is left out of this public view: 1 in the 2024 plan. Only \
                 how many is shown."
            )
        );
        assert_eq!(
            restricted_actions_text(2, &[(2023, 1), (2025, 1)]).as_deref(),
            Some(
                "2 restricted actions are left out of this public view: 1 in the 2023 plan and \
                 1 in the 2025 plan. Only how many is shown."
            )
        );
        // One action restricted in four plans, and another in the last: two actions, five
        // listings.
        assert_eq!(
            restricted_actions_text(2, &[(2021, 1), (2022, 1), (2023, 1), (2025, 2)]).as_deref(),
            Some(
                "2 restricted actions are left out of this public view; an action can be in more \
                 than one year's plan, and they are listed 5 times, in the plans of 2021 to 2023 \
                 and 2025. Only how many is shown."
            )
        );
        assert_eq!(
            restricted_answers_text(&[(2019, 2), (2021, 1), (2023, 4)]).as_deref(),
            Some(
                "Restricted answers are left out too, and count as not answered: 2 in 2019, 1 \
                 in 2021 and 4 in 2023."
            )
        );
    }

    #[test]
    fn long_runs_of_years_are_split_into_tables_that_fit_a_page() {
        let spans = |n: i32| -> Vec<(usize, usize, i32, i32)> {
            let years: Vec<i32> = (2016..2016 + n).collect();
            column_groups(&years)
                .iter()
                .map(|g| (g.start, g.end, g.first_year, g.last_year))
                .collect()
        };
        assert_eq!(spans(3), [(0, 3, 2016, 2018)]);
        assert_eq!(spans(5), [(0, 5, 2016, 2020)]);
        assert_eq!(spans(7), [(0, 4, 2016, 2019), (4, 7, 2020, 2022)]);
        assert_eq!(spans(10), [(0, 5, 2016, 2020), (5, 10, 2021, 2025)]);
        assert_eq!(
            spans(11),
            [(0, 4, 2016, 2019), (4, 8, 2020, 2023), (8, 11, 2024, 2026)]
        );
    }

    #[test]
    fn runs_of_three_years_or_more_are_written_first_to_last() {
        assert_eq!(years_text(&[2025]), "2025");
        assert_eq!(years_text(&[2019, 2020]), "2019 and 2020");
        assert_eq!(
            years_text(&[2016, 2018, 2019, 2020, 2021, 2024, 2025]),
            "2016, 2018 to 2021, 2024 and 2025"
        );
    }

    #[test]
    fn rates_are_written_with_their_counts() {
        assert_eq!(
            figure_text(true, 0.4294, Some(149.0), Some(347.0)),
            "43% (149 of 347)"
        );
        assert_eq!(figure_text(true, 0.5, None, None), "50%");
        assert_eq!(figure_text(false, 1604.0, None, None), "1,604");
    }
}
