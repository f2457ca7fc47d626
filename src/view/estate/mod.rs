//! The estate view for national leads: the estate at a glance first, then for each framework
//! establishments by sections, spread, common weaknesses, movement since last year, the
//! measures as rates, the logic model, learning from peers item by item and a good-practice
//! digest.
//!
//! Framed for learning, not as a league table: establishments are listed by name, never ranked
//! overall. Only public content (nothing marked restricted) is used in any text drawn from
//! assessments. The analysis is the estate stage's (`estate::compare`); this module words it:
//! names, percentages and sentences.

use serde::{Serialize, Serializer};

use crate::error::Error;
use crate::estate::compare::{self, Comparison, FrameworkComparison, Outstanding, by_name};
use crate::estate::register::{Difference, Reconciliation};
use crate::estate::stats::SectionSpread;
use crate::estate::{Entry, Estate};
use crate::model::catalog::Catalog;
use crate::model::register::{Register, RegisterEntry};
use crate::view::chart::Chart;
use crate::view::numbers::round_share;

mod glance;
mod measures;
mod peers;
mod sections;

pub use crate::estate::filters::Filters;
pub use glance::Glance;
pub use measures::{LogicView, MeasureTable, MeasureView};
pub use peers::{PeerItem, PeerView};
pub use sections::{
    Cell, Change, DigestEntry, DigestSection, GroupStats, MatrixRow, SectionHead, SectionStats,
    Stats, WeakItem,
};

use sections::{change, digest_section, distribution, heatmap, matrix_rows, spread_row, weak_item};

#[derive(Serialize)]
pub struct CompareView {
    pub year: i32,
    pub previous_year: Option<i32>,
    /// Plain sentences describing the filters applied.
    pub filters: Vec<String>,
    /// The estate on one page, before the detail.
    pub glance: Glance,
    pub establishments: Vec<EstablishmentRow>,
    pub frameworks: Vec<FrameworkCompare>,
    pub not_submitted: Vec<RegisterRow>,
    pub has_register: bool,
    pub warnings: Vec<String>,
    pub rejected: Vec<RejectedRow>,
    /// How establishments far from their group are found, in a sentence.
    pub far_rule: String,
    /// How peers are matched to an establishment's weak items, in sentences.
    pub peers_rule: String,
    /// How the examples of good practice are chosen, in sentences.
    pub digest_rule: String,
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
    /// Completed after the due date given.
    pub late: bool,
    /// Public actions overdue; none when there was no date to judge by.
    pub overdue: Option<usize>,
    /// Ratings claimed without the evidence their framework asks for.
    pub capped: usize,
}

#[derive(Serialize)]
pub struct RegisterRow {
    pub id: String,
    pub name: String,
    pub nation: String,
    /// The nation as files write it (`england-wales`, `scotland`).
    pub nation_id: String,
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
    /// The sections with a score at some establishment: the matrix's columns.
    pub sections: Vec<SectionHead>,
    /// The titles of the sections no establishment has a score in, left out of the matrix.
    pub unscored: Vec<String>,
    pub bands: Vec<String>,
    pub rows: Vec<MatrixRow>,
    pub stats: Vec<SectionStats>,
    pub weak_items: Vec<WeakItem>,
    pub improved: Vec<Change>,
    pub declined: Vec<Change>,
    /// Each measure across the estate, and the figures by establishment in one table.
    pub measures: Vec<MeasureView>,
    pub measure_table: Option<MeasureTable>,
    /// How many figures are far from their group, over all the measures.
    pub far_count: usize,
    /// The logic model across the estate: one per scale its outcomes use.
    pub logic_model: Vec<LogicView>,
    /// Every weak item with peers; those the document shows are marked `shown`.
    pub peers: Vec<PeerItem>,
    /// Establishments with weak items that the document's table leaves out: every peer strong
    /// on them is already suggested as often as the rule allows.
    pub peers_left_out: usize,
    pub digest: Vec<DigestSection>,
    pub heatmap: Chart,
    pub heatmap_id: String,
    pub distribution: Chart,
    pub distribution_id: String,
    /// Each measure's rate by comparator group, one dot per establishment; none when no
    /// measure is a rate with a figure.
    pub measures_chart: Option<Chart>,
    pub measures_chart_id: String,
}

#[derive(Serialize, Clone)]
pub struct VersionUse {
    pub version: String,
    pub establishments: usize,
    pub items: usize,
}

pub fn build(
    catalog: &Catalog,
    estate: &Estate,
    register: Option<&Register>,
    filters: &Filters,
) -> Result<CompareView, Error> {
    let c = compare::compare(catalog, estate, register, filters)?;
    let (not_submitted, warnings) = match &c.reconciliation {
        Some(r) => (
            r.not_submitted.iter().copied().map(register_row).collect(),
            warnings(r),
        ),
        None => (Vec::new(), Vec::new()),
    };
    let rejected = rejected_rows(estate);
    Ok(CompareView {
        year: c.year,
        previous_year: c.previous_year,
        filters: filter_text(c.year, filters),
        glance: glance::glance(&c, filters, rejected.len(), estate.not_read.files),
        establishments: establishment_rows(&c),
        frameworks: c.frameworks.iter().map(framework_view).collect(),
        not_submitted,
        has_register: register.is_some(),
        warnings,
        rejected,
        far_rule: measures::far_rule(),
        peers_rule: peers::rule(),
        digest_rule: sections::digest_rule(),
    })
}

/// The year's establishments by name, with what each leaves outstanding.
fn establishment_rows(c: &Comparison) -> Vec<EstablishmentRow> {
    let mut rows: Vec<(&Entry, &Outstanding)> =
        c.current.iter().copied().zip(&c.outstanding).collect();
    rows.sort_by(|a, b| by_name(a.0, b.0));
    rows.into_iter()
        .map(|(e, o)| establishment_row(e, o))
        .collect()
}

/// A share (0 to 1) as JSON writes it: to four decimal places, as CSV writes it.
fn share<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    v.map(round_share).serialize(s)
}

/// A share that is always there, rounded as `share` rounds.
fn share_of<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    round_share(*v).serialize(s)
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

fn establishment_row(e: &Entry, o: &Outstanding) -> EstablishmentRow {
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
        late: o.late,
        overdue: o.overdue,
        capped: o.capped,
    }
}

fn register_row(r: &RegisterEntry) -> RegisterRow {
    RegisterRow {
        id: r.id.value.clone(),
        name: r.name.clone(),
        nation: r.nation.label().to_string(),
        nation_id: r.nation.id().to_string(),
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

/// A value in quotation marks, or "none".
fn quoted(v: Option<&str>) -> String {
    v.map_or_else(|| "none".to_string(), |v| format!("“{v}”"))
}

fn difference(d: &Difference) -> String {
    match d {
        Difference::Name {
            register,
            assessment,
        } => format!("name “{register}” in the register, “{assessment}” in the assessment"),
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
            "region “{register}” in the register, {} in the assessment",
            quoted(*assessment)
        ),
        Difference::ComparatorGroup {
            register,
            assessment,
        } => format!(
            "comparator group “{register}” in the register, {} in the assessment",
            quoted(*assessment)
        ),
    }
}

/// The files below the folder that could not be used, as the view and the tables list them.
pub fn rejected_rows(estate: &Estate) -> Vec<RejectedRow> {
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
    // Sections nobody has a score in (measures that are reported, not scored) have no column
    // in the matrix and no spread: a column of dashes for every establishment says nothing.
    let scored: Vec<&SectionSpread> = f.spread.iter().filter(|s| s.estate.n > 0).collect();
    let (sections, unscored): (Vec<SectionHead>, Vec<SectionHead>) = fw
        .sections
        .iter()
        .map(|s| SectionHead {
            id: s.id.value.clone(),
            title: s.short().to_string(),
            full_title: s.title.clone(),
        })
        .partition(|head| scored.iter().any(|s| s.section.id.value == head.id));
    let rows = matrix_rows(f, &sections);
    let stats = scored.iter().map(|s| spread_row(s)).collect();
    let heatmap_id = format!("chart-heatmap-{}", f.number);
    let distribution_id = format!("chart-spread-{}", f.number);
    let measures_chart_id = format!("chart-measures-{}", f.number);
    FrameworkCompare {
        id: fw.id.value.clone(),
        title: fw.title.clone(),
        version: fw.version.value.clone(),
        versions: f.versions.iter().map(version_use).collect(),
        shared_note: shared_note(f),
        bands: fw.scoring.bands.iter().map(|b| b.grade.clone()).collect(),
        heatmap: heatmap(&heatmap_id, fw, &sections, &rows),
        heatmap_id,
        distribution: distribution(&distribution_id, fw, &scored),
        distribution_id,
        measures_chart: sections::measure_dots(&measures_chart_id, fw, &f.measures),
        measures_chart_id,
        sections,
        unscored: unscored.into_iter().map(|s| s.title).collect(),
        rows,
        stats,
        weak_items: f.weak_items.iter().map(weak_item).collect(),
        improved: f.movement.improved.iter().map(change).collect(),
        declined: f.movement.declined.iter().map(change).collect(),
        measure_table: measures::measure_table(&f.measures),
        far_count: f.measures.iter().map(|m| m.far.len()).sum(),
        measures: f.measures.iter().map(measures::measure_view).collect(),
        logic_model: f.logic_model.iter().map(measures::logic_view).collect(),
        peers_left_out: peers::left_out(&f.peers),
        peers: peers::peer_items(fw, &f.peers),
        digest: f.digest.iter().map(digest_section).collect(),
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
