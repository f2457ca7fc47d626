//! The scoring engine: pure functions from an assessment and its frameworks to a `Scorecard`.
//!
//! - A rating becomes a score in [0, 1]: (value - lowest) / (highest - lowest).
//! - Not applicable takes an item out of every total; unanswered items count in coverage only.
//! - A section's score is the weighted mean of its answered items (its sub-sections' items
//!   included); a framework's is the weighted mean of its sections' scores.
//! - Coverage is answered weight over applicable weight.
//! - Where a framework requires evidence from a level up, a rating at or above that level with
//!   no evidence counts as the level just below it; both ratings are kept.
//! - A metric scores its progress from baseline to target, clamped to [0, 1]; without both it is
//!   reported, not scored.
//! - Grades come from the framework's bands, provisional below its minimum coverage.

use serde::Serialize;

use crate::assessment::{Assessment, MetricValue, Response};
use crate::catalog::Catalog;
use crate::check_assessment::answered;
use crate::framework::{Framework, Item, ItemKind, Scale, Section, Term};

#[derive(Clone, Debug, Serialize)]
pub struct Scorecard {
    pub frameworks: Vec<FrameworkScore>,
}

#[derive(Clone, Debug, Serialize)]
pub struct FrameworkScore {
    pub id: String,
    pub title: String,
    pub version: String,
    /// Weighted mean of section scores; `None` when nothing scoreable was answered.
    pub score: Option<f64>,
    pub coverage: Coverage,
    pub grade: Option<String>,
    /// True when coverage is below the framework's minimum, so the grade is provisional.
    pub provisional: bool,
    pub min_coverage: f64,
    pub sections: Vec<SectionScore>,
    /// Logic-model outcomes summarised by term (only terms that have outcomes).
    pub terms: Vec<TermSummary>,
}

#[derive(Clone, Copy, Debug, Default, Serialize, PartialEq)]
pub struct Coverage {
    /// Weight of applicable items that were answered.
    pub answered_weight: f64,
    /// Weight of all items that apply (not marked not applicable).
    pub applicable_weight: f64,
    /// answered / applicable, or 0 when nothing applies.
    pub share: f64,
    pub answered: usize,
    pub applicable: usize,
    pub not_applicable: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct SectionScore {
    pub id: String,
    pub title: String,
    /// 0 for a top-level section.
    pub depth: usize,
    pub weight: f64,
    pub score: Option<f64>,
    pub coverage: Coverage,
    pub grade: Option<String>,
    pub provisional: bool,
    /// The section's own items (not those of its sub-sections).
    pub items: Vec<ItemScore>,
}

#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum ItemStatus {
    /// Rated, or a measure with a figure and a target.
    Scored,
    /// A written answer, or a measure without a target: shown, not scored.
    Reported,
    NotApplicable,
    Unanswered,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct LevelRef {
    pub id: String,
    pub label: String,
    /// The level's place between the lowest (0) and highest (1) level.
    pub score: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct ItemScore {
    pub id: String,
    pub qualified_id: String,
    pub kind: ItemKind,
    pub weight: f64,
    pub status: ItemStatus,
    /// The rating given.
    pub claimed: Option<LevelRef>,
    /// The rating the evidence supports (differs from `claimed` only when capped).
    pub evidenced: Option<LevelRef>,
    pub capped: bool,
    pub score: Option<f64>,
    pub term: Option<Term>,
    pub metric: Option<MetricResult>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct MetricResult {
    pub figure: Option<f64>,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    /// Progress from baseline to target, clamped to [0, 1].
    pub progress: Option<f64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct TermSummary {
    pub term: Term,
    pub outcomes: usize,
    pub answered: usize,
    pub score: Option<f64>,
}

/// Scores an assessment. Frameworks it names that the catalog lacks are skipped (the checker
/// reports them).
pub fn score(a: &Assessment, catalog: &Catalog) -> Scorecard {
    let frameworks = a
        .frameworks
        .iter()
        .filter_map(|id| catalog.get(id))
        .map(|fw| score_framework(fw, a))
        .collect();
    Scorecard { frameworks }
}

pub fn score_framework(fw: &Framework, a: &Assessment) -> FrameworkScore {
    let mut sections = Vec::new();
    for s in &fw.sections {
        score_section(fw, s, 0, a, &mut sections);
    }
    let top: Vec<&SectionScore> = sections.iter().filter(|s| s.depth == 0).collect();
    let score = weighted_mean(top.iter().filter_map(|s| s.score.map(|v| (s.weight, v))));
    let coverage = sum_coverage(sections.iter().flat_map(|s| s.items.iter()));
    let min_coverage = *fw.scoring.min_coverage;
    let terms = Term::ALL
        .iter()
        .filter_map(|t| {
            let outcomes: Vec<&ItemScore> = sections
                .iter()
                .flat_map(|s| s.items.iter())
                .filter(|i| i.term == Some(*t))
                .collect();
            (!outcomes.is_empty()).then(|| TermSummary {
                term: *t,
                outcomes: outcomes.len(),
                answered: outcomes
                    .iter()
                    .filter(|i| i.status == ItemStatus::Scored)
                    .count(),
                score: weighted_mean(
                    outcomes
                        .iter()
                        .filter_map(|i| i.score.map(|s| (i.weight, s))),
                ),
            })
        })
        .collect();
    FrameworkScore {
        id: fw.id.value.clone(),
        title: fw.title.clone(),
        version: fw.version.value.clone(),
        grade: score.and_then(|s| fw.grade(s)).map(str::to_string),
        provisional: coverage.share < min_coverage,
        score,
        coverage,
        min_coverage,
        sections,
        terms,
    }
}

fn score_section(
    fw: &Framework,
    s: &Section,
    depth: usize,
    a: &Assessment,
    out: &mut Vec<SectionScore>,
) {
    let items: Vec<ItemScore> = s.items.iter().map(|i| score_item(fw, i, a)).collect();
    let at = out.len();
    out.push(SectionScore {
        id: s.id.value.clone(),
        title: s.title.clone(),
        depth,
        weight: *s.weight,
        score: None,
        coverage: Coverage::default(),
        grade: None,
        provisional: false,
        items,
    });
    for sub in &s.sections {
        score_section(fw, sub, depth + 1, a, out);
    }
    // The section's totals include its sub-sections' items, which follow it in `out`.
    let end = out[at + 1..]
        .iter()
        .position(|x| x.depth <= depth)
        .map_or(out.len(), |p| at + 1 + p);
    let all: Vec<&ItemScore> = out[at..end].iter().flat_map(|x| x.items.iter()).collect();
    let score = weighted_mean(all.iter().filter_map(|i| i.score.map(|v| (i.weight, v))));
    let coverage = sum_coverage(all.into_iter());
    let section = &mut out[at];
    section.score = score;
    section.coverage = coverage;
    section.grade = score.and_then(|v| fw.grade(v)).map(str::to_string);
    section.provisional = coverage.share < *fw.scoring.min_coverage;
}

pub fn score_item(fw: &Framework, item: &Item, a: &Assessment) -> ItemScore {
    let qualified = format!("{}/{}", fw.id.value, item.id.value);
    let mut out = ItemScore {
        id: item.id.value.clone(),
        qualified_id: qualified.clone(),
        kind: *item.kind,
        weight: *item.weight,
        status: ItemStatus::Unanswered,
        claimed: None,
        evidenced: None,
        capped: false,
        score: None,
        term: item.term.as_ref().map(|t| **t),
        metric: None,
    };
    if *item.kind == ItemKind::Metric {
        let result = a.metrics.get(&qualified).map(|m| metric_result(item, m));
        let has_target = result
            .as_ref()
            .map_or(item.metric.as_ref().and_then(|m| m.target), |r| r.target)
            .is_some();
        out.status = match &result {
            Some(r) if r.progress.is_some() => ItemStatus::Scored,
            Some(r) if r.figure.is_some() && !has_target => ItemStatus::Reported,
            None if !has_target => ItemStatus::Reported,
            _ => ItemStatus::Unanswered,
        };
        out.score = result.as_ref().and_then(|r| r.progress);
        out.metric = result;
        return out;
    }
    let Some(r) = a.responses.get(&qualified) else {
        if fw.item_scale(item).is_none() {
            out.status = ItemStatus::Unanswered;
        }
        return out;
    };
    if r.is_not_applicable() {
        out.status = ItemStatus::NotApplicable;
        return out;
    }
    match fw.item_scale(item) {
        Some(scale) => {
            let Some((idx, _)) = r.rating.as_ref().and_then(|id| scale.level(id)) else {
                return out;
            };
            let evidenced_idx = evidenced_level(fw, scale, idx, r);
            out.claimed = Some(level_ref(scale, idx));
            out.evidenced = Some(level_ref(scale, evidenced_idx));
            out.capped = evidenced_idx != idx;
            out.score = Some(scale.normalised(evidenced_idx));
            out.status = ItemStatus::Scored;
        }
        None if answered(fw, item, r) => out.status = ItemStatus::Reported,
        None => {}
    }
    out
}

/// The level a rating counts as: the claimed level, or the level just below the framework's
/// evidence threshold when the rating is at or above it and no evidence is given.
pub fn evidenced_level(fw: &Framework, scale: &Scale, claimed: usize, r: &Response) -> usize {
    let threshold = fw
        .scoring
        .evidence_required
        .get(scale.id.as_str())
        .and_then(|level| scale.level(level))
        .map(|(i, _)| i);
    match threshold {
        Some(t) if claimed >= t && r.evidence.is_empty() => t.saturating_sub(1),
        _ => claimed,
    }
}

fn level_ref(scale: &Scale, idx: usize) -> LevelRef {
    let l = &scale.levels[idx];
    LevelRef {
        id: l.id.value.clone(),
        label: l.label.clone(),
        score: scale.normalised(idx),
    }
}

pub fn metric_result(item: &Item, m: &MetricValue) -> MetricResult {
    let spec = item.metric.as_ref();
    let target = m
        .target
        .as_ref()
        .map(|t| t.value)
        .or(spec.and_then(|s| s.target));
    let baseline = m
        .baseline
        .as_ref()
        .map(|b| b.value)
        .or(spec.and_then(|s| s.baseline));
    let figure = m.figure();
    MetricResult {
        figure,
        numerator: m.numerator.as_ref().map(|n| n.value),
        denominator: m.denominator.as_ref().map(|d| d.value),
        baseline,
        target,
        progress: progress(figure, baseline, target),
    }
}

/// Progress from baseline to target, clamped to [0, 1]. Works whichever way is better, because
/// the target lies on the better side of the baseline.
pub fn progress(figure: Option<f64>, baseline: Option<f64>, target: Option<f64>) -> Option<f64> {
    let (f, b, t) = (figure?, baseline?, target?);
    if t == b {
        return None;
    }
    Some(((f - b) / (t - b)).clamp(0.0, 1.0))
}

/// Σ wᵢ·sᵢ / Σ wᵢ, or `None` for no values.
pub fn weighted_mean(values: impl Iterator<Item = (f64, f64)>) -> Option<f64> {
    let (mut num, mut den) = (0.0, 0.0);
    for (w, s) in values {
        num += w * s;
        den += w;
    }
    (den > 0.0).then(|| num / den)
}

fn sum_coverage<'a>(items: impl Iterator<Item = &'a ItemScore>) -> Coverage {
    let mut c = Coverage::default();
    for i in items {
        match i.status {
            ItemStatus::NotApplicable => c.not_applicable += 1,
            // A measure with no target is reported only: it is outside coverage as well as score.
            ItemStatus::Reported if i.kind == ItemKind::Metric => {}
            ItemStatus::Scored | ItemStatus::Reported => {
                c.answered += 1;
                c.applicable += 1;
                c.answered_weight += i.weight;
                c.applicable_weight += i.weight;
            }
            ItemStatus::Unanswered => {
                c.applicable += 1;
                c.applicable_weight += i.weight;
            }
        }
    }
    c.share = if c.applicable_weight > 0.0 {
        c.answered_weight / c.applicable_weight
    } else {
        0.0
    };
    c
}
