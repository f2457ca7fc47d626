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

use std::collections::BTreeSet;

use serde::Serialize;

use crate::model::assessment::{Assessment, MetricValue};
use crate::model::catalog::Catalog;
use crate::model::framework::{Framework, Item, ItemKind, Scale, Section, Term};
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
        // An entry with no figures (as `ties init` writes one) is the same as no entry.
        let result = a
            .metrics
            .get(&qualified)
            .filter(|m| {
                [
                    &m.value,
                    &m.numerator,
                    &m.denominator,
                    &m.baseline,
                    &m.target,
                ]
                .iter()
                .any(|v| v.is_some())
            })
            .map(|m| metric_result(item, m));
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

#[cfg(test)]
mod tests {
    //! Worked examples on the small test framework (`tests/fixtures/frameworks/mini.yaml`),
    //! with the arithmetic written out, and properties that must hold for any answers.
    //!
    //! The framework: section `alpha` (weight 2) holds a1 (weight 2) and a2 (weight 1), rated on
    //! `four` (none 0, some 1, most 2, all 3: normalised 0, 1/3, 2/3, 1), and a3, an unrated
    //! question. Section `beta` (weight 1) holds b1, a checklist point (not-met 0, partly-met 1,
    //! met 2: normalised 0, 0.5, 1), b2, a rate with baseline 0.4 and target 0.8, and b3, a
    //! short-term outcome on `four`. Ratings of `most` or above need evidence. Bands: Weak
    //! [0, 0.5), Strong [0.5, 1]. Minimum coverage 80%.

    use super::*;
    use crate::diag::source::SourceFile;
    use crate::model::framework::Framework;
    use crate::validate;
    use proptest::prelude::*;

    const MINI: &str = include_str!("../tests/fixtures/frameworks/mini.yaml");

    fn framework() -> Framework {
        let file = SourceFile::new("mini.yaml", MINI);
        let node = crate::load::parse(&file).unwrap();
        crate::load::decode(&file, &node).unwrap()
    }

    fn catalog() -> Catalog {
        let fw = framework();
        let file = SourceFile::new("mini.yaml", MINI);
        let mut c = Catalog::default();
        c.insert(crate::model::catalog::Entry {
            framework: fw,
            origin: crate::model::catalog::Origin::Bundled,
            file,
        });
        c
    }

    fn assessment(body: &str) -> Assessment {
        let text = format!(
            "ties: 1\nestablishment: {{ id: hmp-t, name: HMP T, nation: england-wales }}\nyear: 2025\n\
             completed_on: 2026-04-01\nframeworks: [mini]\n{body}"
        );
        let file = SourceFile::new("t.yaml", text);
        let (a, diags) = validate::assessment::check_file(&file, &catalog(), None);
        a.unwrap_or_else(|| panic!("fixture has errors: {diags:?}"))
    }

    const EVIDENCE: &str = "evidence: [{ kind: document, text: Minutes. }]";

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn worked_example_with_weights_caps_and_a_metric() {
        let a = assessment(&format!(
            "responses:\n  mini/a1: {{ rating: all, {EVIDENCE} }}\n  mini/a2: {{ rating: most }}\n  \
             mini/a3: {{ narrative: A written answer. }}\n  mini/b1: {{ rating: partly-met }}\n\
             metrics:\n  mini/b2: {{ numerator: 60, denominator: 100 }}\n"
        ));
        let fw = score_framework(&framework(), &a);
        let alpha = &fw.sections[0];
        let beta = &fw.sections[1];
        // a1: all = 1. a2: most claimed, no evidence, so capped one below the threshold: some = 1/3.
        let a2 = &alpha.items[1];
        assert!(a2.capped);
        assert_eq!(a2.claimed.as_ref().unwrap().id, "most");
        assert_eq!(a2.evidenced.as_ref().unwrap().id, "some");
        // alpha = (2 × 1 + 1 × 1/3) / (2 + 1) = 7/9 ≈ 0.7778.
        assert!(close(alpha.score.unwrap(), 7.0 / 9.0));
        // a3 is a written answer: it counts in coverage, not in the score. Coverage 4/4.
        assert_eq!(alpha.items[2].status, ItemStatus::Reported);
        assert!(close(alpha.coverage.share, 1.0));
        // b1: partly-met = 0.5. b2: 0.6 from 0.4 towards 0.8 = (0.6 − 0.4) / (0.8 − 0.4) = 0.5.
        assert!(close(beta.items[1].score.unwrap(), 0.5));
        // beta = (1 × 0.5 + 1 × 0.5) / 2 = 0.5; b3 unanswered, coverage 2/3, below 80%.
        assert!(close(beta.score.unwrap(), 0.5));
        assert!(close(beta.coverage.share, 2.0 / 3.0));
        assert!(beta.provisional);
        // framework = (2 × 7/9 + 1 × 0.5) / 3 = 37/54 ≈ 0.6852, graded Strong.
        assert!(close(fw.score.unwrap(), 37.0 / 54.0));
        assert_eq!(fw.grade.as_deref(), Some("Strong"));
        // Coverage by item weight: answered a1 2 + a2 1 + a3 1 + b1 1 + b2 1 = 6 of 7.
        assert!(close(fw.coverage.share, 6.0 / 7.0));
        assert!(!fw.provisional);
        // The short-term outcome b3 is unanswered.
        assert_eq!(fw.terms.len(), 1);
        assert_eq!(
            (
                fw.terms[0].outcomes,
                fw.terms[0].answered,
                fw.terms[0].score
            ),
            (1, 0, None)
        );
    }

    #[test]
    fn evidence_lifts_the_cap() {
        let a = assessment(&format!(
            "responses:\n  mini/a2: {{ rating: most, {EVIDENCE} }}\n"
        ));
        let item = score_item(&framework(), framework().item("a2").unwrap(), &a);
        // most with evidence = 2/3, not capped.
        assert!(!item.capped);
        assert!(close(item.score.unwrap(), 2.0 / 3.0));
    }

    #[test]
    fn not_applicable_leaves_every_total() {
        let a = assessment(&format!(
            "responses:\n  mini/a1: {{ rating: some }}\n  mini/a2: {{ not_applicable: No such service here. }}\n  \
             mini/a3: {{ narrative: Yes. }}\n  mini/b1: {{ rating: met }}\n  mini/b3: {{ rating: all, {EVIDENCE} }}\n\
             metrics:\n  mini/b2: {{ value: 0.8 }}\n"
        ));
        let fw = score_framework(&framework(), &a);
        // alpha = a1 alone: some = 1/3 (a2 is out of the mean and of coverage).
        assert!(close(fw.sections[0].score.unwrap(), 1.0 / 3.0));
        assert_eq!(fw.sections[0].coverage.not_applicable, 1);
        assert!(close(fw.sections[0].coverage.share, 1.0));
        // beta = (met 1 + target reached 1 + all 1) / 3 = 1.
        assert!(close(fw.sections[1].score.unwrap(), 1.0));
        // framework = (2 × 1/3 + 1 × 1) / 3 = 5/9.
        assert!(close(fw.score.unwrap(), 5.0 / 9.0));
        // Coverage: applicable weight 2 + 1 + 1 + 1 + 1 = 6, all answered.
        assert!(close(fw.coverage.share, 1.0));
        assert_eq!(fw.grade.as_deref(), Some("Strong"));
        // Logic model: one short-term outcome, rated all = 1.
        assert_eq!((fw.terms[0].answered, fw.terms[0].score), (1, Some(1.0)));
    }

    #[test]
    fn low_coverage_makes_the_grade_provisional() {
        let a = assessment("responses:\n  mini/b1: { rating: not-met }\n");
        let fw = score_framework(&framework(), &a);
        // Only b1 (weight 1 of 7) answered: coverage 1/7 ≈ 14%; score 0, Weak, provisional.
        assert!(close(fw.coverage.share, 1.0 / 7.0));
        assert!(close(fw.score.unwrap(), 0.0));
        assert_eq!(fw.grade.as_deref(), Some("Weak"));
        assert!(fw.provisional);
        // alpha has nothing answered: no score, no grade.
        assert_eq!(fw.sections[0].score, None);
        assert_eq!(fw.sections[0].grade, None);
    }

    #[test]
    fn metrics_score_progress_from_baseline_to_target() {
        // Higher is better: 0.4 → 0.8, at 0.7 = 0.75 of the way.
        assert!(close(
            progress(Some(0.7), Some(0.4), Some(0.8)).unwrap(),
            0.75
        ));
        // Lower is better: 20 → 10, at 12 = (12 − 20) / (10 − 20) = 0.8.
        assert!(close(
            progress(Some(12.0), Some(20.0), Some(10.0)).unwrap(),
            0.8
        ));
        // Beyond the target, or behind the baseline, is clamped.
        assert_eq!(progress(Some(0.9), Some(0.4), Some(0.8)), Some(1.0));
        assert_eq!(progress(Some(0.1), Some(0.4), Some(0.8)), Some(0.0));
        // Without a target or a baseline there is nothing to score.
        assert_eq!(progress(Some(0.5), None, Some(0.8)), None);
        assert_eq!(progress(Some(0.5), Some(0.4), None), None);
        // An establishment's own baseline and target replace the framework's: 0.5 → 1.0 at 0.6 = 0.2.
        let a = assessment(
            "metrics:\n  mini/b2: { numerator: 3, denominator: 5, baseline: 0.5, target: 1.0 }\n",
        );
        let item = score_item(&framework(), framework().item("b2").unwrap(), &a);
        assert!(close(item.score.unwrap(), 0.2));
    }

    #[test]
    fn an_empty_entry_for_a_measure_counts_as_no_entry() {
        let (catalog, _) = Catalog::load(&[]);
        let fw = catalog.get("farmer-offer").unwrap();
        let item = fw.item("visits-on-exit").unwrap();
        let text = |metrics: &str| {
            format!(
                "ties: 1\nestablishment: {{ id: hmp-t, name: HMP T, nation: england-wales }}\nyear: 2025\n\
                 frameworks: [farmer-offer]\n{metrics}"
            )
        };
        let read = |t: String| {
            let file = SourceFile::new("t.yaml", t);
            validate::assessment::check_file(&file, &catalog, None)
                .0
                .unwrap()
        };
        let none = read(text(""));
        let empty = read(text(
            "metrics:\n  farmer-offer/visits-on-exit: { numerator: , denominator: }\n",
        ));
        let (none, empty) = (score_item(fw, item, &none), score_item(fw, item, &empty));
        assert_eq!(none.status, ItemStatus::Reported);
        assert_eq!(empty.status, ItemStatus::Reported);
        assert!(none.metric.is_none() && empty.metric.is_none());
    }

    #[test]
    fn weighted_mean_is_plain_arithmetic() {
        // (2 × 1 + 1 × 0) / 3 = 2/3.
        assert!(close(
            weighted_mean([(2.0, 1.0), (1.0, 0.0)].into_iter()).unwrap(),
            2.0 / 3.0
        ));
        assert_eq!(weighted_mean(std::iter::empty()), None);
    }

    const RATED: [(&str, &[&str]); 4] = [
        ("a1", &["none", "some", "most", "all"]),
        ("a2", &["none", "some", "most", "all"]),
        ("b1", &["not-met", "partly-met", "met"]),
        ("b3", &["none", "some", "most", "all"]),
    ];

    /// One answer per rated item: (level index or none, not applicable, has evidence).
    fn answers() -> impl Strategy<Value = Vec<(Option<usize>, bool, bool)>> {
        proptest::collection::vec(
            (
                proptest::option::of(0usize..4),
                any::<bool>(),
                any::<bool>(),
            ),
            4,
        )
    }

    fn build(answers: &[(Option<usize>, bool, bool)], figure: f64) -> Assessment {
        let mut body = String::from("responses:\n");
        for ((id, levels), (level, na, ev)) in RATED.iter().zip(answers) {
            if *na && *id != "b1" {
                body.push_str(&format!(
                    "  mini/{id}: {{ not_applicable: Does not apply. }}\n"
                ));
            } else if let Some(l) = level {
                let ev = if *ev {
                    format!(", {EVIDENCE}")
                } else {
                    String::new()
                };
                body.push_str(&format!(
                    "  mini/{id}: {{ rating: {}{ev} }}\n",
                    levels[l % levels.len()]
                ));
            }
        }
        body.push_str(&format!("metrics:\n  mini/b2: {{ value: {figure} }}\n"));
        assessment(&body)
    }

    proptest! {
        #[test]
        fn every_score_is_between_0_and_1(ans in answers(), figure in 0.0f64..1.0) {
            let fw = score_framework(&framework(), &build(&ans, figure));
            let mut scores: Vec<f64> = fw.score.into_iter().collect();
            for s in &fw.sections {
                scores.extend(s.score);
                scores.push(s.coverage.share);
                scores.extend(s.items.iter().filter_map(|i| i.score));
            }
            scores.push(fw.coverage.share);
            for s in scores {
                prop_assert!((0.0..=1.0).contains(&s), "score {s} out of range");
            }
        }

        #[test]
        fn marking_one_item_not_applicable_leaves_other_items_alone(ans in answers(), which in 0usize..4) {
            prop_assume!(RATED[which].0 != "b1");
            let before = score_framework(&framework(), &build(&ans, 0.5));
            let mut changed = ans.clone();
            changed[which].1 = true;
            let after = score_framework(&framework(), &build(&changed, 0.5));
            let items = |f: &FrameworkScore| -> Vec<(String, Option<f64>)> {
                f.sections.iter().flat_map(|s| s.items.iter()).map(|i| (i.id.clone(), i.score)).collect()
            };
            for ((id, b), (_, a)) in items(&before).into_iter().zip(items(&after)) {
                if id != RATED[which].0 {
                    prop_assert_eq!(b, a, "item {} changed", id);
                }
            }
        }

        #[test]
        fn adding_evidence_never_lowers_a_score(ans in answers(), which in 0usize..4) {
            let mut without = ans.clone();
            without[which].2 = false;
            let mut with = ans;
            with[which].2 = true;
            let a = score_framework(&framework(), &build(&without, 0.5));
            let b = score_framework(&framework(), &build(&with, 0.5));
            prop_assert!(b.score.unwrap_or(0.0) >= a.score.unwrap_or(0.0) - 1e-12);
            for (sa, sb) in a.sections.iter().zip(&b.sections) {
                prop_assert!(sb.score.unwrap_or(0.0) >= sa.score.unwrap_or(0.0) - 1e-12);
            }
        }
    }
}
