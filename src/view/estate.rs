//! The estate view for national leads: establishments by sections, spread, common weaknesses,
//! movement since last year, learning from peers and a good-practice digest.
//!
//! Framed for learning, not as a league table: establishments are listed by name, never ranked
//! overall. Only public content (nothing marked restricted) is used in any text drawn from
//! assessments. The analysis is the estate stage's (`estate::compare`); this file words it:
//! names, percentages and sentences.

use serde::Serialize;

use crate::error::Error;
use crate::estate::compare::{self, FrameworkComparison, by_name};
use crate::estate::register::{Difference, Reconciliation};
use crate::estate::stats::{self as spread, SectionSpread};
use crate::estate::{Entry, Estate, digest, movement, peers, weak};
use crate::model::catalog::Catalog;
use crate::model::framework::Framework;
use crate::model::register::{Register, RegisterEntry};
use crate::output::chart::{self, Bar, Cell as HeatCell, Grid, Group, Row};
use crate::output::numbers::pct;

pub use crate::estate::filters::Filters;

#[derive(Serialize)]
pub struct CompareView {
    pub year: i32,
    pub previous_year: Option<i32>,
    /// Plain sentences describing the filters applied.
    pub filters: Vec<String>,
    pub establishments: Vec<EstablishmentRow>,
    pub frameworks: Vec<FrameworkCompare>,
    pub not_submitted: Vec<RegisterRow>,
    pub has_register: bool,
    pub warnings: Vec<String>,
    pub rejected: Vec<RejectedRow>,
}

#[derive(Serialize, Clone)]
pub struct EstablishmentRow {
    pub id: String,
    pub name: String,
    pub nation: String,
    pub region: Option<String>,
    pub comparator_group: Option<String>,
    pub frameworks: Vec<String>,
    pub completed_on: Option<String>,
}

#[derive(Serialize)]
pub struct RegisterRow {
    pub id: String,
    pub name: String,
    pub nation: String,
    pub region: Option<String>,
    pub comparator_group: Option<String>,
}

#[derive(Serialize)]
pub struct RejectedRow {
    pub path: String,
    pub problems: usize,
    pub first: String,
}

#[derive(Serialize)]
pub struct FrameworkCompare {
    pub id: String,
    pub title: String,
    pub version: String,
    /// The versions the self-assessments use, oldest first.
    pub versions: Vec<VersionUse>,
    /// When more than one version is in use: how much they share, in a sentence.
    pub shared_note: Option<String>,
    pub sections: Vec<SectionHead>,
    pub bands: Vec<String>,
    pub rows: Vec<MatrixRow>,
    pub stats: Vec<SectionStats>,
    pub weak_items: Vec<WeakItem>,
    pub improved: Vec<Change>,
    pub declined: Vec<Change>,
    pub peers: Vec<PeerLearning>,
    pub digest: Vec<DigestSection>,
    pub heatmap: String,
    pub heatmap_id: String,
    pub distribution: String,
    pub distribution_id: String,
    /// How "strong" and "weak" are decided, in words.
    pub strength_rule: String,
}

#[derive(Serialize, Clone)]
pub struct VersionUse {
    pub version: String,
    pub establishments: usize,
    pub items: usize,
}

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
    pub score: Option<f64>,
    pub score_text: String,
    pub grade: Option<String>,
    pub provisional: bool,
    pub coverage: f64,
    pub coverage_text: String,
    pub cells: Vec<Cell>,
}

#[derive(Serialize, Clone)]
pub struct Cell {
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
pub struct PeerLearning {
    pub establishment: String,
    pub section: String,
    pub score_text: String,
    pub peers: Vec<Peer>,
}

#[derive(Serialize)]
pub struct Peer {
    pub name: String,
    pub same_group: bool,
    pub comparator_group: Option<String>,
    pub score_text: String,
    pub grade: Option<String>,
    pub practice: Vec<String>,
}

#[derive(Serialize)]
pub struct DigestSection {
    pub section: String,
    pub entries: Vec<DigestEntry>,
}

#[derive(Serialize)]
pub struct DigestEntry {
    pub establishment: String,
    pub item: String,
    pub level: String,
    pub evidence: Vec<String>,
    pub strength: Option<String>,
}

pub fn build(
    catalog: &Catalog,
    estate: &Estate,
    register: Option<&Register>,
    filters: &Filters,
) -> Result<CompareView, Error> {
    let c = compare::compare(catalog, estate, register, filters)?;
    let mut current = c.current.clone();
    current.sort_by(|a, b| by_name(a, b));
    let (not_submitted, warnings) = match &c.reconciliation {
        Some(r) => (
            r.not_submitted.iter().copied().map(register_row).collect(),
            warnings(r),
        ),
        None => (Vec::new(), Vec::new()),
    };
    Ok(CompareView {
        year: c.year,
        previous_year: c.previous_year,
        filters: filter_text(c.year, filters),
        establishments: current.into_iter().map(establishment_row).collect(),
        frameworks: c.frameworks.iter().map(framework_view).collect(),
        not_submitted,
        has_register: register.is_some(),
        warnings,
        rejected: rejected_rows(estate),
    })
}

/// The filters applied, as plain sentences.
fn filter_text(year: i32, filters: &Filters) -> Vec<String> {
    let mut out = vec![format!("Self-assessments for {year}.")];
    if let Some(g) = &filters.group {
        out.push(format!("Comparator group: {g}."));
    }
    if let Some(n) = filters.nation {
        out.push(format!("Nation: {}.", n.label()));
    }
    if let Some(r) = &filters.region {
        out.push(format!("Region: {r}."));
    }
    out
}

fn establishment_row(e: &Entry) -> EstablishmentRow {
    let est = &e.assessment.establishment;
    EstablishmentRow {
        id: est.id.value.clone(),
        name: est.name.clone(),
        nation: est.nation.label().to_string(),
        region: est.region.clone(),
        comparator_group: est.comparator_group.clone(),
        frameworks: e
            .assessment
            .frameworks
            .iter()
            .map(|f| f.value.clone())
            .collect(),
        completed_on: e.assessment.completed_on.as_ref().map(|d| d.value.clone()),
    }
}

fn register_row(r: &RegisterEntry) -> RegisterRow {
    RegisterRow {
        id: r.id.value.clone(),
        name: r.name.clone(),
        nation: r.nation.label().to_string(),
        region: r.region.clone(),
        comparator_group: r.comparator_group.clone(),
    }
}

/// A sentence for each establishment whose details disagree with the register, then one for
/// each that the register does not list.
fn warnings(r: &Reconciliation) -> Vec<String> {
    let mut out: Vec<String> = r
        .disagreements
        .iter()
        .map(|d| {
            let differ: Vec<String> = d.differences.iter().map(difference).collect();
            format!(
                "{} ({}): {}.",
                d.listed.name,
                d.entry.path.display(),
                differ.join("; ")
            )
        })
        .collect();
    out.extend(r.not_in_register.iter().map(|e| {
        format!(
            "{} ({}) is not in the register.",
            e.assessment.establishment.name,
            e.path.display()
        )
    }));
    out
}

fn difference(d: &Difference) -> String {
    match d {
        Difference::Name {
            register,
            assessment,
        } => format!("name `{register}` in the register, `{assessment}` in the assessment"),
        Difference::Nation {
            register,
            assessment,
        } => format!(
            "nation {} in the register, {} in the assessment",
            register.label(),
            assessment.label()
        ),
        Difference::Region {
            register,
            assessment,
        } => format!(
            "region `{register}` in the register, `{}` in the assessment",
            assessment.unwrap_or("none")
        ),
        Difference::ComparatorGroup {
            register,
            assessment,
        } => format!(
            "comparator group `{register}` in the register, `{}` in the assessment",
            assessment.unwrap_or("none")
        ),
    }
}

fn rejected_rows(estate: &Estate) -> Vec<RejectedRow> {
    estate
        .rejected
        .iter()
        .map(|r| RejectedRow {
            path: r.path.display().to_string(),
            problems: r.problems.errors().max(1),
            first: r.problems.items.first().map_or_else(String::new, |d| {
                let what = without_quotes(&d.message);
                if d.line > 0 {
                    format!("line {}: {what}", d.line)
                } else {
                    what
                }
            }),
        })
        .collect()
}

/// A problem's message without the file's own text: what it quotes (between backticks) is left
/// out, because a file that could not be read was never checked for personal data or restricted
/// content. A message that still looks like personal data is not given at all.
fn without_quotes(message: &str) -> String {
    let text: String = message
        .split('`')
        .enumerate()
        .map(|(i, part)| if i % 2 == 1 { "`…`" } else { part })
        .collect();
    if crate::validate::privacy::scan(&text).is_empty() {
        text
    } else {
        "see `ties check`".to_string()
    }
}

fn framework_view(f: &FrameworkComparison) -> FrameworkCompare {
    let fw = f.framework;
    let sections: Vec<SectionHead> = fw
        .sections
        .iter()
        .map(|s| SectionHead {
            id: s.id.value.clone(),
            title: s.short().to_string(),
            full_title: s.title.clone(),
        })
        .collect();
    let rows = matrix_rows(f, &sections);
    let stats = f.spread.iter().map(spread_row).collect();
    let heatmap_id = format!("chart-heatmap-{}", f.number);
    let distribution_id = format!("chart-spread-{}", f.number);
    FrameworkCompare {
        id: fw.id.value.clone(),
        title: fw.title.clone(),
        version: fw.version.value.clone(),
        versions: f.versions.iter().map(version_use).collect(),
        shared_note: shared_note(f),
        bands: fw.scoring.bands.iter().map(|b| b.grade.clone()).collect(),
        heatmap: heatmap(&heatmap_id, fw, &sections, &rows),
        heatmap_id,
        distribution: distribution(&distribution_id, fw, &f.spread),
        distribution_id,
        sections,
        rows,
        stats,
        weak_items: f.weak_items.iter().map(weak_item).collect(),
        improved: f.movement.improved.iter().map(change).collect(),
        declined: f.movement.declined.iter().map(change).collect(),
        peers: f.peers.iter().map(peer_learning).collect(),
        digest: f.digest.iter().map(digest_section).collect(),
        strength_rule: strength_rule(fw),
    }
}

fn version_use(v: &crate::estate::versions::VersionUse) -> VersionUse {
    VersionUse {
        version: v.version.clone(),
        establishments: v.establishments,
        items: v.items,
    }
}

/// When more than one version is in use, how they are compared, in a sentence.
fn shared_note(f: &FrameworkComparison) -> Option<String> {
    let shared = f.shared_items?;
    let list: Vec<String> = f
        .versions
        .iter()
        .map(|v| format!("{} items in version {}", v.items, v.version))
        .collect();
    Some(format!(
        "These self-assessments use {} versions of the framework, so they are compared only on the {} items the versions share (of {}).",
        f.versions.len(),
        shared,
        list.join(", ")
    ))
}

fn matrix_rows(f: &FrameworkComparison, sections: &[SectionHead]) -> Vec<MatrixRow> {
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

fn spread_row(s: &SectionSpread) -> SectionStats {
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

fn weak_item(w: &weak::WeakItem) -> WeakItem {
    WeakItem {
        qualified_id: w.qualified_id.clone(),
        text: w.item.text.clone(),
        section: w.section.title.clone(),
        low: w.low,
        unanswered: w.unanswered,
        of: w.of,
    }
}

fn change(c: &movement::Change) -> Change {
    Change {
        establishment: c.establishment.to_string(),
        section: c.section.short().to_string(),
        before: pct(Some(c.before)),
        after: pct(Some(c.after)),
        points: c.points,
    }
}

fn peer_learning(p: &peers::PeerLearning) -> PeerLearning {
    PeerLearning {
        establishment: p.entry.assessment.establishment.name.clone(),
        section: p.section.short().to_string(),
        score_text: pct(Some(p.score)),
        peers: p
            .peers
            .iter()
            .map(|o| Peer {
                name: o.entry.assessment.establishment.name.clone(),
                same_group: o.same_group,
                comparator_group: o.entry.assessment.establishment.comparator_group.clone(),
                score_text: pct(o.score),
                grade: o.grade.clone(),
                practice: o
                    .practice
                    .iter()
                    .map(|p| format!("{}: {}", p.item.text.trim_end_matches('.'), p.what))
                    .collect(),
            })
            .collect(),
    }
}

fn digest_section(d: &digest::DigestSection) -> DigestSection {
    DigestSection {
        section: d.section.short().to_string(),
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

// The strength rule's sentence says "two lowest-scoring sections".
const _: () = assert!(peers::WEAKEST_SECTIONS == 2);

/// How "strong" and "weak" are decided, in words.
fn strength_rule(fw: &Framework) -> String {
    if fw.scoring.bands.is_empty() {
        "A section counts as strong when its score is above the estate's median for that section."
            .to_string()
    } else {
        format!(
            "A section counts as strong when its grade is the framework's top grade ({}); an establishment's weakest sections are its two lowest-scoring sections below that.",
            fw.scoring
                .bands
                .last()
                .map(|b| b.grade.as_str())
                .unwrap_or("")
        )
    }
}

/// The grade matrix as a heat map: each cell shaded by grade and labelled with its score.
fn heatmap(id: &str, fw: &Framework, sections: &[SectionHead], rows: &[MatrixRow]) -> String {
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
        &grid,
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

/// Spread per section: the median as a bar, with lowest and highest written beside it.
fn distribution(id: &str, fw: &Framework, spread: &[SectionSpread]) -> String {
    chart::bars(
        id,
        &format!("{}: median section score across the estate", fw.title),
        "One bar per section showing the median score from 0% to 100%, with the lowest and highest scores written beside it; the figures are also in the spread table.",
        &[Group {
            label: String::new(),
            bars: spread
                .iter()
                .map(|s| Bar {
                    label: s.section.short().to_string(),
                    value: s.estate.median,
                    text: if s.estate.n == 0 {
                        "no scores".to_string()
                    } else {
                        format!(
                            "{} ({}–{})",
                            pct(s.estate.median),
                            pct(s.estate.lowest),
                            pct(s.estate.highest)
                        )
                    },
                })
                .collect(),
        }],
    )
}
