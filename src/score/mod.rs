//! The scoring engine: pure functions from an assessment and its frameworks to a `Scorecard`.
//!
//! - A rating becomes a score in [0, 1]: (value - lowest) / (highest - lowest).
//! - Not applicable takes an item out of every total; unanswered items count in coverage only.
//! - A section's score is the weighted mean of its answered items (its sub-sections' items
//!   included); a framework's is the weighted mean of its sections' scores.
//! - Coverage is answered weight over applicable weight.
//! - Where a framework requires evidence from a level up, a rating at or above that level with
//!   no evidence counts as the level just below it; both ratings are kept.
//! - A measure is answered when it has its figure, and counts in coverage like any item. It
//!   counts in the score only where the framework says so (`scoring.measures`), with its
//!   progress from baseline to the framework's target, clamped to [0, 1]; otherwise it is
//!   reported as its figure.
//! - Grades come from the framework's bands, provisional below its minimum coverage.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::model::assessment::{Assessment, MetricValue};
use crate::model::catalog::Catalog;
use crate::model::framework::{Framework, Item, ItemKind, MeasureRule, Scale, Section, Term};
use crate::model::ids;

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
    /// A few words for tables: the framework's short title, or the title.
    pub short_title: String,
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
        .filter_map(|id| catalog.resolve(id))
        .map(|fw| score_framework(fw, a))
        .collect();
    Scorecard { frameworks }
}

pub fn score_framework(fw: &Framework, a: &Assessment) -> FrameworkScore {
    score_framework_on(fw, a, None)
}

/// Scores only the items whose ids are in `only` (all items when `None`): used to compare
/// assessments made against different versions of a framework on the items they share.
pub fn score_framework_on(
    fw: &Framework,
    a: &Assessment,
    only: Option<&BTreeSet<String>>,
) -> FrameworkScore {
    let mut sections = Vec::new();
    for s in &fw.sections {
        score_section(fw, s, 0, a, only, &mut sections);
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
    only: Option<&BTreeSet<String>>,
    out: &mut Vec<SectionScore>,
) {
    let items: Vec<ItemScore> = s
        .items
        .iter()
        .filter(|i| only.is_none_or(|set| set.contains(i.id.as_str())))
        .map(|i| score_item(fw, i, a))
        .collect();
    let at = out.len();
    out.push(SectionScore {
        id: s.id.value.clone(),
        title: s.title.clone(),
        short_title: s.short().to_string(),
        depth,
        weight: *s.weight,
        score: None,
        coverage: Coverage::default(),
        grade: None,
        provisional: false,
        items,
    });
    for sub in &s.sections {
        score_section(fw, sub, depth + 1, a, only, out);
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
    let qualified = ids::qualified(&fw.id.value, &item.id.value);
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
        let result = a
            .metrics
            .get(&qualified)
            .filter(|m| m.gives_figures())
            .map(|m| metric_result(item, m));
        (out.status, out.score) = match &result {
            None => (ItemStatus::Unanswered, None),
            Some(r) if r.figure.is_none() => (ItemStatus::Unanswered, None),
            Some(r) => match measure_score(fw, item, r) {
                Some(s) => (ItemStatus::Scored, Some(s)),
                None => (ItemStatus::Reported, None),
            },
        };
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
            let evidenced_idx = r.evidenced_level(fw, scale, idx);
            out.claimed = Some(level_ref(scale, idx));
            out.evidenced = Some(level_ref(scale, evidenced_idx));
            out.capped = evidenced_idx != idx;
            out.score = Some(scale.normalised(evidenced_idx));
            out.status = ItemStatus::Scored;
        }
        None if r.answers(fw, item) => out.status = ItemStatus::Reported,
        None => {}
    }
    out
}

fn level_ref(scale: &Scale, idx: usize) -> LevelRef {
    let l = &scale.levels[idx];
    LevelRef {
        id: l.id.value.clone(),
        label: scale.rating_label(idx),
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

/// What a measure's figure counts for in the framework's score, under the framework's rule: its
/// progress from the framework's baseline to the framework's target, or nothing (reported). An
/// establishment's own baseline and target never change a score, so scores stay comparable.
fn measure_score(fw: &Framework, item: &Item, r: &MetricResult) -> Option<f64> {
    match fw.scoring.measures {
        MeasureRule::Reported => None,
        MeasureRule::ScoredAgainstFrameworkTarget => {
            let spec = item.metric.as_ref()?;
            progress(r.figure, spec.baseline, spec.target)
        }
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

#[cfg(test)]
mod tests;
