//! The per-framework tables of the estate view: the grade matrix and its heat map, the spread
//! of section scores, common weaknesses, movement since last year and the good-practice digest.

use serde::Serialize;

use crate::estate::compare::FrameworkComparison;
use crate::estate::groups::MIN_GROUP;
use crate::estate::measures::MeasureAcross;
use crate::estate::stats::{self as spread, SectionSpread};
use crate::estate::{digest, movement, weak};
use crate::model::framework::Framework;
use crate::view::chart::{
    self, Cell as HeatCell, Chart, Grid, Marks, Row, Spread, SpreadBlock, SpreadRow, Stacked,
    StackedRow,
};
use crate::view::numbers::pct;

use super::{share, share_of};

#[derive(Serialize, Clone)]
pub struct SectionHead {
    pub id: String,
    /// The short title where the framework gives one.
    pub title: String,
    pub full_title: String,
}

#[derive(Serialize)]
pub struct MatrixRow {
    pub id: String,
    pub name: String,
    pub comparator_group: Option<String>,
    #[serde(serialize_with = "share")]
    pub score: Option<f64>,
    pub score_text: String,
    pub grade: Option<String>,
    pub provisional: bool,
    #[serde(serialize_with = "share_of")]
    pub coverage: f64,
    pub coverage_text: String,
    pub cells: Vec<Cell>,
}

#[derive(Serialize, Clone)]
pub struct Cell {
    #[serde(serialize_with = "share")]
    pub score: Option<f64>,
    pub score_text: String,
    pub grade: Option<String>,
    pub provisional: bool,
    /// The band's place, 0 for the lowest; for colouring, always beside the grade's words.
    pub band: Option<usize>,
}

#[derive(Serialize)]
pub struct SectionStats {
    pub section: String,
    pub estate: Stats,
    pub groups: Vec<GroupStats>,
}

#[derive(Serialize)]
pub struct GroupStats {
    pub group: String,
    pub stats: Stats,
}

#[derive(Serialize, Clone)]
pub struct Stats {
    pub n: usize,
    pub median: String,
    pub lowest: String,
    pub highest: String,
    pub lower_quartile: String,
    pub upper_quartile: String,
}

#[derive(Serialize)]
pub struct WeakItem {
    pub qualified_id: String,
    pub text: String,
    pub section: String,
    pub low: usize,
    pub unanswered: usize,
    pub of: usize,
}

#[derive(Serialize)]
pub struct Change {
    pub establishment: String,
    pub section: String,
    pub before: String,
    pub after: String,
    pub points: i64,
}

#[derive(Serialize)]
pub struct DigestSection {
    pub section: String,
    pub entries: Vec<DigestEntry>,
    /// How many answers in the section qualify, and at how many establishments: `entries`
    /// are some of them.
    pub qualifying: usize,
    pub establishments: usize,
}

#[derive(Serialize)]
pub struct DigestEntry {
    pub establishment: String,
    pub item: String,
    pub level: String,
    pub evidence: Vec<String>,
    pub strength: Option<String>,
}

pub(super) fn matrix_rows(f: &FrameworkComparison, sections: &[SectionHead]) -> Vec<MatrixRow> {
    f.scored
        .iter()
        .map(|s| {
            let (e, fs) = (s.entry, &s.score);
            MatrixRow {
                id: e.id().to_string(),
                name: e.assessment.establishment.name.clone(),
                comparator_group: e.assessment.establishment.comparator_group.clone(),
                score: fs.score,
                score_text: pct(fs.score),
                grade: fs.grade.clone(),
                provisional: fs.provisional,
                coverage: fs.coverage.share,
                coverage_text: pct(Some(fs.coverage.share)),
                cells: sections
                    .iter()
                    .map(|head| {
                        let ss = fs.sections.iter().find(|x| x.id == head.id);
                        let score = ss.and_then(|x| x.score);
                        Cell {
                            score,
                            score_text: pct(score),
                            grade: ss.and_then(|x| x.grade.clone()),
                            provisional: ss.is_some_and(|x| x.provisional),
                            band: score.and_then(|v| f.framework.band(v)),
                        }
                    })
                    .collect(),
            }
        })
        .collect()
}

fn stats(s: &spread::Stats) -> Stats {
    Stats {
        n: s.n,
        median: pct(s.median),
        lowest: pct(s.lowest),
        highest: pct(s.highest),
        lower_quartile: pct(s.lower_quartile),
        upper_quartile: pct(s.upper_quartile),
    }
}

pub(super) fn spread_row(s: &SectionSpread) -> SectionStats {
    SectionStats {
        section: s.section.short().to_string(),
        estate: stats(&s.estate),
        groups: s
            .groups
            .iter()
            .map(|(group, g)| GroupStats {
                group: group.clone(),
                stats: stats(g),
            })
            .collect(),
    }
}

pub(super) fn weak_item(w: &weak::WeakItem) -> WeakItem {
    WeakItem {
        qualified_id: w.qualified_id.clone(),
        text: w.item.text.clone(),
        section: w.section.title.clone(),
        low: w.low,
        unanswered: w.unanswered,
        of: w.of,
    }
}

pub(super) fn change(c: &movement::Change) -> Change {
    Change {
        establishment: c.establishment.to_string(),
        section: c.section.short().to_string(),
        before: pct(Some(c.before)),
        after: pct(Some(c.after)),
        points: c.points,
    }
}

pub(super) fn digest_section(d: &digest::DigestSection) -> DigestSection {
    DigestSection {
        section: d.section.short().to_string(),
        qualifying: d.qualifying,
        establishments: d.establishments,
        entries: d
            .entries
            .iter()
            .map(|e| DigestEntry {
                establishment: e.entry.assessment.establishment.name.clone(),
                item: e.item.text.clone(),
                level: e.level.clone(),
                evidence: e.evidence.iter().map(|t| t.to_string()).collect(),
                strength: e.strength.map(str::to_string),
            })
            .collect(),
    }
}

/// The grade matrix as a heat map: each cell shaded by grade and labelled with its score.
pub(super) fn heatmap(
    id: &str,
    fw: &Framework,
    sections: &[SectionHead],
    rows: &[MatrixRow],
) -> Chart {
    let grid = Grid {
        columns: sections.iter().map(|s| s.title.clone()).collect(),
        rows: rows
            .iter()
            .map(|row| Row {
                label: row.name.clone(),
                cells: row.cells.iter().map(heat_cell).collect(),
            })
            .collect(),
        bands: fw.scoring.bands.len(),
    };
    chart::heatmap(
        id,
        &format!("{}: section scores by establishment", fw.title),
        "A grid with one row per establishment and one column per section; each cell is shaded by grade and shows the score. The same figures are in the grade matrix table.",
        grid,
    )
}

/// A cell of the heat map: its band, and its score with an asterisk where the grade is
/// provisional.
fn heat_cell(cell: &Cell) -> HeatCell {
    let text = if cell.provisional && cell.score.is_some() {
        format!("{}*", cell.score_text)
    } else {
        cell.score_text.clone()
    };
    HeatCell {
        band: cell.band,
        text,
    }
}

/// The label of a row for a comparator group in a chart: its name and how many it holds.
fn group_label(name: &str, n: usize) -> String {
    format!("{name} ({n})")
}

/// Spread per section as box plots: for each section, the estate and each comparator group,
/// each with its range, quartiles and median. A group with fewer than `MIN_GROUP`
/// establishments with a score is not drawn: too few to compare.
pub(super) fn distribution(id: &str, fw: &Framework, spread: &[&SectionSpread]) -> Chart {
    let row = |label: String, s: &spread::Stats| {
        let five = [
            s.lowest,
            s.lower_quartile,
            s.median,
            s.upper_quartile,
            s.highest,
        ];
        match five {
            [Some(a), Some(b), Some(c), Some(d), Some(e)] if s.n >= MIN_GROUP => SpreadRow {
                label,
                marks: Marks::Box([a, b, c, d, e]),
                text: format!(
                    "{} ({}–{}; {}–{})",
                    pct(s.median),
                    pct(s.lower_quartile),
                    pct(s.upper_quartile),
                    pct(s.lowest),
                    pct(s.highest)
                ),
            },
            _ => SpreadRow {
                label,
                marks: Marks::None,
                text: "too few to compare".to_string(),
            },
        }
    };
    chart::spread(
        id,
        &format!(
            "{}: spread of section scores, for the estate and each comparator group",
            fw.title
        ),
        &format!(
            "For each section, one row for all establishments and one for each comparator group: a line from the lowest score to the highest, a box from the lower to the upper quartile, and a thick bar at the median, on a scale from 0% to 100%. Beside each row: the median, the quartiles, then the lowest and highest. A group with fewer than {MIN_GROUP} establishments with a score is too few to compare and is not drawn. The figures are also in the tables that follow."
        ),
        Spread {
            blocks: spread
                .iter()
                .map(|s| SpreadBlock {
                    label: s.section.short().to_string(),
                    rows: std::iter::once(row(group_label("All", s.estate.n), &s.estate))
                        .chain(s.groups.iter().map(|(g, st)| row(group_label(g, st.n), st)))
                        .collect(),
                })
                .collect(),
        },
    )
}

/// Each measure given as a rate, by comparator group: one dot per establishment and the
/// group's median marked. None when no measure is a rate with a figure.
pub(super) fn measure_dots(id: &str, fw: &Framework, measures: &[MeasureAcross]) -> Option<Chart> {
    let blocks: Vec<SpreadBlock> = measures
        .iter()
        .filter(|m| m.rate && !m.figures.is_empty())
        .map(|m| SpreadBlock {
            label: m.item.text.trim_end_matches('.').to_string(),
            rows: m
                .groups
                .iter()
                .map(|(g, st)| {
                    let values: Vec<f64> = m
                        .figures
                        .iter()
                        .filter(|f| f.group() == Some(g.as_str()))
                        .map(|f| f.value)
                        .collect();
                    SpreadRow {
                        label: group_label(g, values.len()),
                        text: format!("median {}", pct(st.median)),
                        marks: match st.median {
                            Some(median) => Marks::Dots { values, median },
                            None => Marks::None,
                        },
                    }
                })
                .collect(),
        })
        .filter(|b| !b.rows.is_empty())
        .collect();
    (!blocks.is_empty()).then(|| {
        chart::spread(
            id,
            &format!("{}: each measure's rate by comparator group", fw.title),
            "For each measure given as a rate, one row per comparator group: a dot for each establishment's rate, on a scale from 0% to 100%, and a bar at the group's median, written beside the row. The figures are also in the tables of measures.",
            Spread { blocks },
        )
    })
}

/// How many establishments have each grade in each section, as stacked bars.
pub fn grades_chart(
    id: &str,
    fw: &Framework,
    grades: &[crate::estate::grades::GradeSpread],
    ungraded: bool,
) -> Chart {
    let mut keys: Vec<String> = fw.scoring.bands.iter().map(|b| b.grade.clone()).collect();
    if ungraded {
        keys.push("No grade".to_string());
    }
    chart::stacked(
        id,
        &format!("{}: grades by section", fw.title),
        "One bar per section, cut into the number of establishments with each grade, lowest grade first, with the count written in each part wide enough to hold it and the total beside the bar. The same counts are in the table that follows.",
        Stacked {
            neutral_last: ungraded,
            keys,
            rows: grades
                .iter()
                .map(|g| StackedRow {
                    label: g.section.short().to_string(),
                    counts: g
                        .counts
                        .iter()
                        .copied()
                        .chain(ungraded.then_some(g.ungraded))
                        .collect(),
                })
                .collect(),
        },
    )
}

/// How the examples of good practice are chosen, in sentences, with the limits.
pub fn digest_rule() -> String {
    format!(
        "Answers rated at the top of their scale, as their evidence supports it, with public evidence. At most {} are shown in a section, chosen for their evidence, not their name: the items take turns, and each gives an answer from an establishment not yet shown in the section (so at most {} from any establishment in a section), the one shown least in the framework so far, and of those the best evidenced (the most pieces of public evidence, then of the most kinds, then gathered this year rather than carried forward, then the most recent). Every answer rated at the top is in the items of the CSV, JSON and workbook exports, by the rating its evidence supports; each establishment's own report gives its evidence.",
        digest::MAX_DIGEST_ENTRIES,
        digest::MAX_PER_ESTABLISHMENT
    )
}
