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

const MINI: &str = include_str!("../../tests/fixtures/frameworks/mini.yaml");

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
        framework: fw.into(),
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

use crate::model::float::same as close;

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
    // An establishment's own baseline and target are shown (0.5 → 1.0 at 0.6 = 0.2 of the
    // way) but the score stays on the framework's: 0.4 → 0.8 at 0.6 = 0.5.
    let a = assessment(
        "metrics:\n  mini/b2: { numerator: 3, denominator: 5, baseline: 0.5, target: 1.0 }\n",
    );
    let item = score_item(&framework(), framework().item("b2").unwrap(), &a);
    assert!(close(item.metric.as_ref().unwrap().progress.unwrap(), 0.2));
    assert!(close(item.score.unwrap(), 0.5));
}

/// A measure left empty (as a new YAML file leaves it) scores as one not given at all (as a new
/// workbook leaves it): unanswered, with no figures, the same item either way.
#[test]
fn an_empty_measure_is_a_measure_not_given() {
    let fw = framework();
    let item = fw.item("b2").unwrap();
    let empty = score_item(
        &fw,
        item,
        &assessment("metrics:\n  mini/b2: { numerator: , denominator: }\n"),
    );
    let absent = score_item(&fw, item, &assessment(""));
    assert_eq!(
        (empty.status, empty.metric.as_ref()),
        (ItemStatus::Unanswered, None)
    );
    assert_eq!(
        serde_json::to_value(&empty).unwrap(),
        serde_json::to_value(&absent).unwrap()
    );
    // An establishment's own target alone is still shown.
    let target = score_item(
        &fw,
        item,
        &assessment("metrics:\n  mini/b2: { target: 0.9 }\n"),
    );
    assert_eq!(target.status, ItemStatus::Unanswered);
    assert_eq!(target.metric.as_ref().and_then(|m| m.target), Some(0.9));
}

/// The test framework with its measures reported, the default when a framework says nothing.
fn reporting_framework() -> Framework {
    let text = MINI.replace("  measures: scored-against-framework-target\n", "");
    assert_ne!(text, MINI);
    let file = SourceFile::new("mini.yaml", text);
    let node = crate::load::parse(&file).unwrap();
    let fw: Framework = crate::load::decode(&file, &node).unwrap();
    assert_eq!(fw.scoring.measures, MeasureRule::Reported);
    fw
}

#[test]
fn reported_measures_count_in_coverage_and_never_in_the_score() {
    let rated = format!(
        "responses:\n  mini/a1: {{ rating: all, {EVIDENCE} }}\n  mini/a2: {{ rating: some }}\n  \
         mini/a3: {{ narrative: A written answer. }}\n  mini/b1: {{ rating: met }}\n  \
         mini/b3: {{ rating: none }}\n"
    );
    let fw = reporting_framework();
    // Without the measure: b2 (weight 1) is unanswered. Coverage = answered 2 + 1 + 1 + 1 + 1
    // = 6 of 7; beta = (met 1 + none 0) / 2 = 0.5.
    let without = score_framework(&fw, &assessment(&rated));
    let b2 = &without.sections[1].items[1];
    assert_eq!((b2.status, b2.score), (ItemStatus::Unanswered, None));
    assert!(close(without.coverage.share, 6.0 / 7.0));
    assert_eq!(
        (without.coverage.answered, without.coverage.applicable),
        (5, 6)
    );
    assert!(close(without.sections[1].score.unwrap(), 0.5));
    // With its figure: answered, so coverage is 7 of 7, and reported: the scores are the
    // same as without it, whatever the figure. 149 of 347 = 0.4294.
    let with = score_framework(
        &fw,
        &assessment(&format!(
            "{rated}metrics:\n  mini/b2: {{ numerator: 149, denominator: 347 }}\n"
        )),
    );
    let b2 = &with.sections[1].items[1];
    assert_eq!((b2.status, b2.score), (ItemStatus::Reported, None));
    assert!(close(
        b2.metric.as_ref().unwrap().figure.unwrap(),
        149.0 / 347.0
    ));
    // Progress to the framework's target is shown beside the figure: (0.4294 − 0.4) / 0.4.
    assert!(close(
        b2.metric.as_ref().unwrap().progress.unwrap(),
        (149.0 / 347.0 - 0.4) / 0.4
    ));
    assert!(close(with.coverage.share, 1.0));
    assert_eq!((with.coverage.answered, with.coverage.applicable), (6, 6));
    assert_eq!(with.score, without.score);
    assert_eq!(with.sections[1].score, without.sections[1].score);
}

#[test]
fn a_section_of_reported_measures_has_no_score_and_no_grade() {
    let text = MINI.replace("  measures: scored-against-framework-target\n", "");
    // A framework whose second section holds only the measure.
    let text = text.replace(
        "      - { id: b1, kind: checklist, text: A checklist point., scale: check }\n",
        "",
    );
    let text = text.replace(
        "      - { id: b3, kind: outcome, text: An outcome., scale: four, term: short }\n",
        "",
    );
    let file = SourceFile::new("mini.yaml", text);
    let node = crate::load::parse(&file).unwrap();
    let fw: Framework = crate::load::decode(&file, &node).unwrap();
    let a = assessment("metrics:\n  mini/b2: { value: 0.9 }\n");
    let scored = score_framework(&fw, &a);
    let beta = &scored.sections[1];
    assert_eq!((beta.score, beta.grade.as_deref()), (None, None));
    // Its one measure is answered: coverage 1 of 1.
    assert!(close(beta.coverage.share, 1.0));
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
