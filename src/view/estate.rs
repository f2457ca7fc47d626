//! The estate view for national leads: establishments by sections, spread, common weaknesses,
//! movement since last year, learning from peers and a good-practice digest.
//!
//! Framed for learning, not as a league table: establishments are listed by name, never ranked
//! overall. Only public content (nothing marked restricted) is used in any text drawn from
//! assessments.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::error::Error;
use crate::estate::{Entry, Estate};
use crate::model::assessment::Nation;
use crate::model::catalog::Catalog;
use crate::model::framework::Framework;
use crate::model::ids;
use crate::model::register::Register;
use crate::output::chart::{self, Bar, Group};
use crate::score::{FrameworkScore, ItemStatus};
use crate::view::report::pct;

/// Which part of the estate to compare.
#[derive(Clone, Debug, Default)]
pub struct Filters {
    pub year: Option<i32>,
    pub framework: Option<String>,
    pub group: Option<String>,
    pub nation: Option<Nation>,
    pub region: Option<String>,
}

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
    #[serde(skip)]
    pub median_value: Option<f64>,
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

/// Whether an entry passes the filters other than year and framework.
fn selected(e: &Entry, f: &Filters) -> bool {
    let est = &e.assessment.establishment;
    f.group
        .as_ref()
        .is_none_or(|g| est.comparator_group.as_deref() == Some(g.as_str()))
        && f.nation.is_none_or(|n| *est.nation == n)
        && f.region
            .as_ref()
            .is_none_or(|r| est.region.as_deref() == Some(r.as_str()))
}

fn quantile(sorted: &[f64], q: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let pos = q * (sorted.len() - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    Some(sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64))
}

/// Median, quartiles and range of some scores.
pub fn stats(values: &[f64]) -> Stats {
    let mut v: Vec<f64> = values.to_vec();
    v.sort_by(f64::total_cmp);
    Stats {
        n: v.len(),
        median: pct(quantile(&v, 0.5)),
        lowest: pct(v.first().copied()),
        highest: pct(v.last().copied()),
        lower_quartile: pct(quantile(&v, 0.25)),
        upper_quartile: pct(quantile(&v, 0.75)),
        median_value: quantile(&v, 0.5),
    }
}

/// Whether a section score is strong: in the framework's top band, or (with no bands) above the
/// estate's median for the section.
fn strong(fw: &Framework, score: Option<f64>, median: Option<f64>) -> bool {
    match (score, fw.scoring.bands.is_empty()) {
        (Some(s), false) => fw.band(s) == Some(fw.scoring.bands.len() - 1),
        (Some(s), true) => median.is_some_and(|m| s > m),
        (None, _) => false,
    }
}

fn section_score(fs: &FrameworkScore, section: &str) -> Option<f64> {
    fs.sections
        .iter()
        .find(|s| s.id == section)
        .and_then(|s| s.score)
}

pub fn build(
    catalog: &Catalog,
    estate: &Estate,
    register: Option<&Register>,
    filters: &Filters,
) -> Result<CompareView, Error> {
    let years = estate.years();
    let year = match filters.year {
        Some(y) => y,
        None => *years.last().ok_or_else(|| {
            Error::Input("the folder holds no self-assessments that could be read".into())
        })?,
    };
    let current: Vec<&Entry> = estate.year(year).filter(|e| selected(e, filters)).collect();
    let previous_year = years.iter().copied().filter(|y| *y < year).max();
    let mut filter_text = vec![format!("Self-assessments for {year}.")];
    if let Some(g) = &filters.group {
        filter_text.push(format!("Comparator group: {g}."));
    }
    if let Some(n) = filters.nation {
        filter_text.push(format!("Nation: {}.", n.label()));
    }
    if let Some(r) = &filters.region {
        filter_text.push(format!("Region: {r}."));
    }
    let mut framework_ids: BTreeSet<String> = BTreeSet::new();
    for e in &current {
        for f in e.assessment.frameworks.iter() {
            framework_ids.insert(f.value.clone());
        }
    }
    if let Some(f) = &filters.framework {
        if !framework_ids.contains(f) && catalog.get(f).is_none() {
            catalog.require(f)?;
        }
        framework_ids.retain(|x| x == f);
    }
    let mut frameworks = Vec::new();
    for (n, id) in framework_ids.iter().enumerate() {
        let Some(fw) = catalog.get(id) else { continue };
        let prev: Vec<&Entry> = previous_year
            .map(|py| estate.year(py).filter(|e| selected(e, filters)).collect())
            .unwrap_or_default();
        frameworks.push(compare_framework(catalog, fw, &current, &prev, n));
    }
    let mut establishments: Vec<EstablishmentRow> = current
        .iter()
        .map(|e| {
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
        })
        .collect();
    establishments
        .sort_by(|a, b| (a.name.to_lowercase(), &a.id).cmp(&(b.name.to_lowercase(), &b.id)));
    let mut warnings = Vec::new();
    let mut not_submitted = Vec::new();
    if let Some(reg) = register {
        for r in &reg.establishments {
            let wanted = filters
                .group
                .as_ref()
                .is_none_or(|g| r.comparator_group.as_deref() == Some(g.as_str()))
                && filters.nation.is_none_or(|n| r.nation == n)
                && filters
                    .region
                    .as_ref()
                    .is_none_or(|x| r.region.as_deref() == Some(x.as_str()));
            if !wanted {
                continue;
            }
            match current.iter().find(|e| e.id() == r.id.value) {
                None => not_submitted.push(RegisterRow {
                    id: r.id.value.clone(),
                    name: r.name.clone(),
                    nation: r.nation.label().to_string(),
                    region: r.region.clone(),
                    comparator_group: r.comparator_group.clone(),
                }),
                Some(e) => {
                    let est = &e.assessment.establishment;
                    let mut differ = Vec::new();
                    if est.name != r.name {
                        differ.push(format!(
                            "name `{}` in the register, `{}` in the assessment",
                            r.name, est.name
                        ));
                    }
                    if *est.nation != r.nation {
                        differ.push(format!(
                            "nation {} in the register, {} in the assessment",
                            r.nation.label(),
                            est.nation.label()
                        ));
                    }
                    if r.region.is_some() && est.region != r.region {
                        differ.push(format!(
                            "region `{}` in the register, `{}` in the assessment",
                            r.region.as_deref().unwrap_or(""),
                            est.region.as_deref().unwrap_or("none")
                        ));
                    }
                    if r.comparator_group.is_some() && est.comparator_group != r.comparator_group {
                        differ.push(format!(
                            "comparator group `{}` in the register, `{}` in the assessment",
                            r.comparator_group.as_deref().unwrap_or(""),
                            est.comparator_group.as_deref().unwrap_or("none")
                        ));
                    }
                    if !differ.is_empty() {
                        warnings.push(format!(
                            "{} ({}): {}.",
                            r.name,
                            e.path.display(),
                            differ.join("; ")
                        ));
                    }
                }
            }
        }
        for e in &current {
            if !reg.establishments.iter().any(|r| r.id.value == e.id()) {
                warnings.push(format!(
                    "{} ({}) is not in the register.",
                    e.assessment.establishment.name,
                    e.path.display()
                ));
            }
        }
    }
    let rejected = estate
        .rejected
        .iter()
        .map(|r| RejectedRow {
            path: r.path.display().to_string(),
            problems: r.problems.errors().max(1),
            first: r.problems.items.first().map_or_else(String::new, |d| {
                if d.line > 0 {
                    format!("line {}: {}", d.line, d.message)
                } else {
                    d.message.clone()
                }
            }),
        })
        .collect();
    Ok(CompareView {
        year,
        previous_year,
        filters: filter_text,
        establishments,
        frameworks,
        not_submitted,
        has_register: register.is_some(),
        warnings,
        rejected,
    })
}

/// Each entry's scores for the framework. When entries use different versions of it, every
/// entry is scored again on the items all those versions share, so the comparison is fair; the
/// versions and the shared items are returned for the report to state.
fn scores_on_shared_items<'e>(
    catalog: &Catalog,
    fw: &Framework,
    entries: &[&'e Entry],
) -> (
    Vec<(&'e Entry, FrameworkScore)>,
    Vec<VersionUse>,
    Option<String>,
) {
    let own: Vec<(&Entry, &FrameworkScore)> = entries
        .iter()
        .filter_map(|e| {
            e.card
                .frameworks
                .iter()
                .find(|f| f.id == fw.id.value)
                .map(|f| (*e, f))
        })
        .collect();
    let mut versions: Vec<VersionUse> = Vec::new();
    for (_, f) in &own {
        match versions.iter_mut().find(|v| v.version == f.version) {
            Some(v) => v.establishments += 1,
            None => versions.push(VersionUse {
                version: f.version.clone(),
                establishments: 1,
                items: 0,
            }),
        }
    }
    versions.sort_by(|a, b| crate::model::catalog::compare_versions(&a.version, &b.version));
    for v in &mut versions {
        v.items = catalog
            .get_version(&fw.id, &v.version)
            .map_or(0, |f| f.items().len());
    }
    if versions.len() <= 1 {
        let scored = own.into_iter().map(|(e, f)| (e, f.clone())).collect();
        return (scored, versions, None);
    }
    let mut shared: Option<BTreeSet<String>> = None;
    for v in &versions {
        let ids: BTreeSet<String> = catalog
            .get_version(&fw.id, &v.version)
            .map(|f| f.items().iter().map(|i| i.id.value.clone()).collect())
            .unwrap_or_default();
        shared = Some(match shared {
            None => ids,
            Some(s) => s.intersection(&ids).cloned().collect(),
        });
    }
    let shared = shared.unwrap_or_default();
    let scored = own
        .into_iter()
        .map(|(e, f)| match catalog.get_version(&fw.id, &f.version) {
            Some(vfw) => (
                e,
                crate::score::score_framework_on(vfw, &e.assessment, Some(&shared)),
            ),
            None => (e, f.clone()),
        })
        .collect();
    let list: Vec<String> = versions
        .iter()
        .map(|v| format!("{} items in version {}", v.items, v.version))
        .collect();
    let note = format!(
        "These self-assessments use {} versions of the framework, so they are compared only on the {} items the versions share (of {}).",
        versions.len(),
        shared.len(),
        list.join(", ")
    );
    (scored, versions, Some(note))
}

fn compare_framework(
    catalog: &Catalog,
    fw: &Framework,
    current: &[&Entry],
    previous: &[&Entry],
    n: usize,
) -> FrameworkCompare {
    let (mut scored, versions, shared_note) = scores_on_shared_items(catalog, fw, current);
    let (previous_scored, _, _) = scores_on_shared_items(catalog, fw, previous);
    let users: Vec<(&Entry, &FrameworkScore)> = {
        scored.sort_by(|a, b| {
            let na = &a.0.assessment.establishment.name;
            let nb = &b.0.assessment.establishment.name;
            (na.to_lowercase(), a.0.id()).cmp(&(nb.to_lowercase(), b.0.id()))
        });
        let v: Vec<(&Entry, &FrameworkScore)> = scored.iter().map(|(e, f)| (*e, f)).collect();
        v
    };
    let sections: Vec<SectionHead> = fw
        .sections
        .iter()
        .map(|s| SectionHead {
            id: s.id.value.clone(),
            title: s.short().to_string(),
            full_title: s.title.clone(),
        })
        .collect();
    let rows: Vec<MatrixRow> = users
        .iter()
        .map(|(e, fs)| MatrixRow {
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
                .map(|s| {
                    let ss = fs.sections.iter().find(|x| x.id == s.id);
                    let score = ss.and_then(|x| x.score);
                    Cell {
                        score,
                        score_text: pct(score),
                        grade: ss.and_then(|x| x.grade.clone()),
                        provisional: ss.is_some_and(|x| x.provisional),
                        band: score.and_then(|v| fw.band(v)),
                    }
                })
                .collect(),
        })
        .collect();
    let groups: BTreeSet<String> = users
        .iter()
        .filter_map(|(e, _)| e.assessment.establishment.comparator_group.clone())
        .collect();
    let mut medians: BTreeMap<String, Option<f64>> = BTreeMap::new();
    let stats_rows: Vec<SectionStats> = sections
        .iter()
        .map(|s| {
            let all: Vec<f64> = users
                .iter()
                .filter_map(|(_, fs)| section_score(fs, &s.id))
                .collect();
            let estate = stats(&all);
            medians.insert(s.id.clone(), estate.median_value);
            SectionStats {
                section: s.title.clone(),
                estate,
                groups: groups
                    .iter()
                    .map(|g| {
                        let v: Vec<f64> = users
                            .iter()
                            .filter(|(e, _)| {
                                e.assessment.establishment.comparator_group.as_deref()
                                    == Some(g.as_str())
                            })
                            .filter_map(|(_, fs)| section_score(fs, &s.id))
                            .collect();
                        GroupStats {
                            group: g.clone(),
                            stats: stats(&v),
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    // Items rated low (below half way) or unanswered by more than half the establishments.
    let mut weak_items = Vec::new();
    for s in &fw.all_sections() {
        for item in &s.1.items {
            let qid = ids::qualified(&fw.id.value, &item.id.value);
            let (mut low, mut unanswered, mut of) = (0, 0, 0);
            for (_, fs) in &users {
                let Some(is) = fs
                    .sections
                    .iter()
                    .flat_map(|x| x.items.iter())
                    .find(|i| i.qualified_id == qid)
                else {
                    continue;
                };
                match is.status {
                    ItemStatus::NotApplicable => continue,
                    ItemStatus::Unanswered => unanswered += 1,
                    ItemStatus::Scored if is.score.is_some_and(|v| v < 0.5) => low += 1,
                    ItemStatus::Reported
                        if is.kind == crate::model::framework::ItemKind::Metric =>
                    {
                        continue;
                    }
                    _ => {}
                }
                of += 1;
            }
            if of >= 2 && (low + unanswered) * 2 > of {
                weak_items.push(WeakItem {
                    qualified_id: qid,
                    text: item.text.clone(),
                    section: s.1.title.clone(),
                    low,
                    unanswered,
                    of,
                });
            }
        }
    }
    weak_items.sort_by(|a, b| {
        (b.low + b.unanswered)
            .cmp(&(a.low + a.unanswered))
            .then(a.qualified_id.cmp(&b.qualified_id))
    });
    weak_items.truncate(15);

    // Movement since the previous year, section by section.
    let mut changes = Vec::new();
    for (e, fs) in &users {
        let Some(before) = previous_scored
            .iter()
            .find(|(p, _)| p.id() == e.id())
            .map(|(_, f)| f)
        else {
            continue;
        };
        for s in &sections {
            if let (Some(b), Some(a)) = (section_score(before, &s.id), section_score(fs, &s.id)) {
                let points = ((a - b) * 100.0).round() as i64;
                if points != 0 {
                    changes.push(Change {
                        establishment: e.assessment.establishment.name.clone(),
                        section: s.title.clone(),
                        before: pct(Some(b)),
                        after: pct(Some(a)),
                        points,
                    });
                }
            }
        }
    }
    let mut improved: Vec<Change> = Vec::new();
    let mut declined: Vec<Change> = Vec::new();
    for c in changes {
        if c.points > 0 {
            improved.push(c)
        } else {
            declined.push(c)
        }
    }
    improved.sort_by(|a, b| {
        b.points
            .cmp(&a.points)
            .then(a.establishment.cmp(&b.establishment))
            .then(a.section.cmp(&b.section))
    });
    declined.sort_by(|a, b| {
        a.points
            .cmp(&b.points)
            .then(a.establishment.cmp(&b.establishment))
            .then(a.section.cmp(&b.section))
    });
    improved.truncate(10);
    declined.truncate(10);

    // Learning from peers: each establishment's two weakest sections that are not strong, and
    // establishments strong there, same comparator group first.
    let mut peers = Vec::new();
    for (e, fs) in &users {
        let mut weakest: Vec<(&SectionHead, f64)> = sections
            .iter()
            .filter_map(|s| section_score(fs, &s.id).map(|v| (s, v)))
            .filter(|(s, v)| !strong(fw, Some(*v), medians.get(&s.id).copied().flatten()))
            .collect();
        weakest.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.id.cmp(&b.0.id)));
        for (s, v) in weakest.into_iter().take(2) {
            let group = &e.assessment.establishment.comparator_group;
            let mut candidates: Vec<(&Entry, &FrameworkScore)> = users
                .iter()
                .filter(|(o, ofs)| {
                    o.id() != e.id()
                        && strong(
                            fw,
                            section_score(ofs, &s.id),
                            medians.get(&s.id).copied().flatten(),
                        )
                })
                .copied()
                .collect();
            candidates.sort_by(|a, b| {
                let same_a =
                    a.0.assessment.establishment.comparator_group == *group && group.is_some();
                let same_b =
                    b.0.assessment.establishment.comparator_group == *group && group.is_some();
                same_b.cmp(&same_a).then(
                    a.0.assessment
                        .establishment
                        .name
                        .cmp(&b.0.assessment.establishment.name),
                )
            });
            let list: Vec<Peer> = candidates
                .into_iter()
                .take(3)
                .map(|(o, ofs)| {
                    let ss = ofs.sections.iter().find(|x| x.id == s.id);
                    Peer {
                        name: o.assessment.establishment.name.clone(),
                        same_group: group.is_some()
                            && o.assessment.establishment.comparator_group == *group,
                        comparator_group: o.assessment.establishment.comparator_group.clone(),
                        score_text: pct(ss.and_then(|x| x.score)),
                        grade: ss.and_then(|x| x.grade.clone()),
                        practice: practice(fw, o, &s.id, 2),
                    }
                })
                .collect();
            if !list.is_empty() {
                peers.push(PeerLearning {
                    establishment: e.assessment.establishment.name.clone(),
                    section: s.title.clone(),
                    score_text: pct(Some(v)),
                    peers: list,
                });
            }
        }
    }

    // Good practice: items at the top level with evidence, by section.
    let mut digest = Vec::new();
    for s in &sections {
        let Some(section) = fw.sections.iter().find(|x| *x.id == s.id) else {
            continue;
        };
        let mut entries = Vec::new();
        for item in section.all_items() {
            let qid = ids::qualified(&fw.id.value, &item.id.value);
            for (e, fs) in &users {
                let Some(is) = fs
                    .sections
                    .iter()
                    .flat_map(|x| x.items.iter())
                    .find(|i| i.qualified_id == qid)
                else {
                    continue;
                };
                let top = is
                    .evidenced
                    .as_ref()
                    .is_some_and(|l| (l.score - 1.0).abs() < 1e-9);
                let Some(r) = e.assessment.responses.get(&qid) else {
                    continue;
                };
                if !top || r.restricted {
                    continue;
                }
                let evidence: Vec<String> = r
                    .evidence
                    .iter()
                    .filter(|x| !x.restricted)
                    .take(2)
                    .map(|x| x.text.value.clone())
                    .collect();
                if evidence.is_empty() {
                    continue;
                }
                entries.push(DigestEntry {
                    establishment: e.assessment.establishment.name.clone(),
                    item: item.text.clone(),
                    level: is
                        .evidenced
                        .as_ref()
                        .map(|l| l.label.clone())
                        .unwrap_or_default(),
                    evidence,
                    strength: r.strengths.first().cloned(),
                });
            }
        }
        if !entries.is_empty() {
            entries.truncate(12);
            digest.push(DigestSection {
                section: s.title.clone(),
                entries,
            });
        }
    }

    let heatmap_id = format!("chart-heatmap-{}", n + 1);
    let distribution_id = format!("chart-spread-{}", n + 1);
    let strength_rule = if fw.scoring.bands.is_empty() {
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
    };
    FrameworkCompare {
        id: fw.id.value.clone(),
        title: fw.title.clone(),
        version: fw.version.value.clone(),
        versions,
        shared_note,
        bands: fw.scoring.bands.iter().map(|b| b.grade.clone()).collect(),
        heatmap: heatmap(&heatmap_id, fw, &sections, &rows),
        heatmap_id,
        distribution: distribution(&distribution_id, fw, &stats_rows),
        distribution_id,
        sections,
        rows,
        stats: stats_rows,
        weak_items,
        improved,
        declined,
        peers,
        digest,
        strength_rule,
    }
}

/// Up to `max` short summaries of what an establishment does in a section: its best-rated public
/// items with their first public evidence and strength.
fn practice(fw: &Framework, e: &Entry, section: &str, max: usize) -> Vec<String> {
    let Some(s) = fw.sections.iter().find(|x| *x.id == section) else {
        return Vec::new();
    };
    let Some(fs) = e.card.frameworks.iter().find(|f| f.id == fw.id.value) else {
        return Vec::new();
    };
    let mut scored: Vec<(f64, String)> = Vec::new();
    for item in s.all_items() {
        let qid = ids::qualified(&fw.id.value, &item.id.value);
        let Some(r) = e.assessment.responses.get(&qid) else {
            continue;
        };
        if r.restricted {
            continue;
        }
        let score = fs
            .sections
            .iter()
            .flat_map(|x| x.items.iter())
            .find(|i| i.qualified_id == qid)
            .and_then(|i| i.score)
            .unwrap_or(0.0);
        let what = r.strengths.first().cloned().or_else(|| {
            r.evidence
                .iter()
                .find(|x| !x.restricted)
                .map(|x| x.text.value.clone())
        });
        if let Some(w) = what {
            scored.push((score, format!("{}: {}", item.text.trim_end_matches('.'), w)));
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().take(max).map(|(_, t)| t).collect()
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Shades for grade bands, lowest first; dark text stays readable on every one.
const SHADES: [&str; 6] = [
    "#f4cccc", "#fbe3c4", "#fff2b3", "#d9ead3", "#b6dcb0", "#93c98a",
];

fn shade(band: Option<usize>, bands: usize) -> &'static str {
    match band {
        None => "#ffffff",
        Some(_) if bands <= 1 => SHADES[3],
        Some(b) => {
            let idx = (b * (SHADES.len() - 1)) / (bands - 1);
            SHADES[idx.min(SHADES.len() - 1)]
        }
    }
}

/// The grade matrix as a heat map: each cell shaded by grade and labelled with its score.
fn heatmap(id: &str, fw: &Framework, sections: &[SectionHead], rows: &[MatrixRow]) -> String {
    let label_w = 200.0;
    let cell_w = 62.0;
    let cell_h = 24.0;
    let head_h = 120.0;
    // Room on the right for the last column's slanted heading.
    let width = label_w + cell_w * sections.len() as f64 + 110.0;
    let height = head_h + cell_h * rows.len() as f64 + 10.0;
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" viewBox=\"0 0 {width} {height}\" width=\"100%\" style=\"max-width:{width}px\" font-size=\"12\">\
         <title id=\"{id}-t\">{}: section scores by establishment</title>\
         <desc id=\"{id}-d\">A grid with one row per establishment and one column per section; each cell is shaded by grade and shows the score. The same figures are in the grade matrix table.</desc>",
        esc(&fw.title)
    );
    for (i, sec) in sections.iter().enumerate() {
        let x = label_w + cell_w * i as f64 + cell_w / 2.0;
        let title: String = if sec.title.chars().count() > 22 {
            format!("{}…", sec.title.chars().take(21).collect::<String>())
        } else {
            sec.title.clone()
        };
        s.push_str(&format!(
            "<text transform=\"translate({x:.1},{:.1}) rotate(-45)\" fill=\"#0b0c0c\">{}</text>",
            head_h - 6.0,
            esc(&title)
        ));
    }
    let bands = fw.scoring.bands.len();
    for (r, row) in rows.iter().enumerate() {
        let y = head_h + cell_h * r as f64;
        let name: String = if row.name.chars().count() > 28 {
            format!("{}…", row.name.chars().take(27).collect::<String>())
        } else {
            row.name.clone()
        };
        s.push_str(&format!(
            "<text x=\"0\" y=\"{:.1}\" fill=\"#0b0c0c\">{}</text>",
            y + 16.0,
            esc(&name)
        ));
        for (c, cell) in row.cells.iter().enumerate() {
            let x = label_w + cell_w * c as f64;
            s.push_str(&format!(
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{cell_w}\" height=\"{cell_h}\" fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"2\"/>\
                 <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#0b0c0c\">{}</text>",
                shade(cell.band, bands),
                x + cell_w / 2.0,
                y + 16.0,
                esc(&if cell.provisional && cell.score.is_some() { format!("{}*", cell.score_text) } else { cell.score_text.clone() })
            ));
        }
    }
    s.push_str("</svg>");
    s
}

/// Spread per section: the median as a bar, with lowest and highest written beside it.
fn distribution(id: &str, fw: &Framework, stats: &[SectionStats]) -> String {
    chart::bars(
        id,
        &format!("{}: median section score across the estate", fw.title),
        "One bar per section showing the median score from 0% to 100%, with the lowest and highest scores written beside it; the figures are also in the spread table.",
        &[Group {
            label: String::new(),
            bars: stats
                .iter()
                .map(|s| Bar {
                    label: s.section.clone(),
                    value: s.estate.median_value,
                    text: if s.estate.n == 0 {
                        "no scores".to_string()
                    } else {
                        format!(
                            "{} ({}–{})",
                            s.estate.median, s.estate.lowest, s.estate.highest
                        )
                    },
                })
                .collect(),
        }],
    )
}
