//! Messages a family lead meets in the first hour: every problem in one run, at the line of the
//! mistake itself, with the fix that fits; and files that are not self-assessments named for what
//! they are.

use crate::{Run, Test};

const HEAD: &str = "ties: 1
establishment: { id: hmp-m, name: HMP M, nation: england-wales }
year: 2025
completed_on: 2026-04-01
frameworks: [farmer-offer]
";

fn check(name: &str, body: &str) -> Run {
    Test::in_scratch(name)
        .file("2025.yaml", format!("{HEAD}{body}"))
        .args(["check", "2025.yaml"])
        .run()
}

fn errors(run: &Run) -> Vec<&str> {
    run.stdout
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect()
}

/// Five mistakes, five errors: a misspelt field, evidence written as a sentence, an unknown
/// field, a wrong type and a mistyped rating. One bad entry hides no other, and the warnings
/// about what could be read still come.
#[test]
fn five_mistakes_in_one_file_are_five_errors() {
    let run = check(
        "five-mistakes",
        "responses:
  farmer-offer/visitor-centre:
    rating: fully-in-plce
    narative: We run the centre with the provider.
  farmer-offer/staffing-structure:
    rating: planned
    evidence: A staffing chart.
  farmer-offer/extended-visits:
    rating: planned
    colour: blue
  farmer-offer/family-learning:
    rating: partly-in-place
metrics:
  farmer-offer/visits-on-entry: { numerator: 39%, denominator: 100 }
",
    );
    assert_eq!(run.code, 1, "{run}");
    assert_eq!(errors(&run).len(), 5, "{run}");
    assert!(
        run.stdout
            .contains("rated Partly in place with no evidence"),
        "{run}"
    );
    insta::assert_snapshot!(run.to_string());
}

/// A file straight from `ties init` with four mistakes, one a missing top-level field: all four
/// come out in one run, the missing `year` beside the mistakes in the responses and evidence,
/// rather than hiding them until it is fixed.
#[test]
fn a_missing_top_level_field_hides_no_other_mistake() {
    let dir = crate::scratch("four-mistakes");
    Test::in_dir(&dir)
        .args(crate::new_assessment_args("init", "2025", "farmer-offer"))
        .status(0)
        .run();
    let path = dir.join("assessments/hmp-example/2025.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let planted = [
        // No `year`.
        ("year: 2025\n", ""),
        // A misspelt rating, and an evidence entry with no `kind`.
        (
            "  farmer-offer/visitor-centre:\n    rating:\n    evidence: []\n",
            "  farmer-offer/visitor-centre:\n    rating: fully-in-plce\n    evidence:\n      \
             - text: Visitor survey, 212 replies.\n        date: 2025-11-03\n",
        ),
        // A misspelt item.
        (
            "  farmer-offer/extended-visits:\n",
            "  farmer-offer/extended-visit:\n",
        ),
    ];
    let mut planted_text = text.clone();
    for (from, to) in planted {
        assert_eq!(
            planted_text.matches(from).count(),
            1,
            "{from:?} in:\n{text}"
        );
        planted_text = planted_text.replacen(from, to, 1);
    }
    std::fs::write(&path, planted_text).unwrap();
    let run = Test::in_dir(&dir)
        .args(["check", "assessments/hmp-example/2025.yaml"])
        .status(1)
        .run();
    let errors = errors(&run);
    assert_eq!(errors.len(), 4, "{run}");
    for said in [
        "the field `year` is missing",
        "the field `kind` is missing from an entry of `evidence`",
        "`fully-in-plce` is not a level",
        "has no item `extended-visit`",
    ] {
        assert!(errors.iter().any(|e| e.contains(said)), "{said}:\n{run}");
    }
    insta::assert_snapshot!(run.to_string());
}

/// Without its list of frameworks (here misspelt), a file's answers are still checked against
/// the frameworks their ids name, and its establishment and year that could not be read are
/// said once, with no further complaint about them.
#[test]
fn answers_are_checked_without_the_list_of_frameworks() {
    let run = Test::in_scratch("no-frameworks")
        .file(
            "2025.yaml",
            "ties: 1
establishment: { id: hmp-m, name: HMP M, nation: englnd }
year: twenty
framworks: [farmer-offer]
responses:
  farmer-offer/visitor-centre:
    rating: fully-in-plce
    carried_from: 2024
  famer-offer/extended-visits:
    rating: planned
",
        )
        .args(["check", "2025.yaml"])
        .status(1)
        .run();
    let errors = errors(&run);
    for said in [
        "`englnd` is not a valid value for `nation`",
        "`year` should be",
        "unknown field `framworks`",
        "the field `frameworks` is missing",
        "`fully-in-plce` is not a level",
        "there is no framework `famer-offer`",
    ] {
        assert!(errors.iter().any(|e| e.contains(said)), "{said}:\n{run}");
    }
    assert_eq!(errors.len(), 6, "{run}");
    assert!(
        run.stdout
            .contains("did you mean `farmer-offer/extended-visits`?"),
        "{run}"
    );
}

#[test]
fn a_missing_space_after_a_colon_is_reported_on_its_own_line() {
    // Followed by more fields, YAML cannot read on: the line of the mistake is named.
    let run = check(
        "no-space-block",
        "responses:\n  farmer-offer/visitor-centre:\n    rating:not-in-place\n    evidence: []\n",
    );
    assert!(
        run.stdout.contains("a space is missing after the `:`"),
        "{run}"
    );
    assert!(run.stdout.contains("--> 2025.yaml:8:11"), "{run}");
    assert!(
        run.stdout
            .contains("put a space after the colon: `rating: not-in-place`"),
        "{run}"
    );
    // Alone under its item, it is read as text: the same fix is given.
    let run = check(
        "no-space-alone",
        "responses:\n  farmer-offer/visitor-centre:\n    rating:not-in-place\n",
    );
    assert!(run.stdout.contains("--> 2025.yaml:8:5"), "{run}");
    assert!(run.stdout.contains("write `rating: not-in-place`"), "{run}");
}

#[test]
fn a_line_indented_too_little_is_reported_where_it_is() {
    let run = check(
        "indent",
        "responses:
  farmer-offer/visitor-centre:
   rating: planned
    evidence: []
  farmer-offer/extended-visits:
    rating: planned
    evidence: []
",
    );
    assert!(run.stdout.contains("indented differently"), "{run}");
    assert!(run.stdout.contains("--> 2025.yaml:8:4"), "{run}");
}

#[test]
fn a_name_given_twice_names_its_first_line_in_the_same_group() {
    let run = check(
        "twice",
        "responses:
  farmer-offer/visitor-centre:
    rating: planned
    evidence: []
  farmer-offer/extended-visits:
    rating: planned
    rating: fully-in-place
",
    );
    assert!(
        run.stdout
            .contains("`rating` on line 11 and again on line 12"),
        "{run}"
    );
}

#[test]
fn a_rating_of_not_applicable_is_pointed_to_not_applicable() {
    let run = check(
        "not-applicable",
        "responses:\n  farmer-offer/visitor-centre:\n    rating: not applicable\n",
    );
    assert!(
        run.stdout
            .contains("replace `rating:` with `not_applicable: <the reason>`"),
        "{run}"
    );
    assert!(!run.stdout.contains("did you mean `not-in-place`"), "{run}");
}

#[test]
fn a_field_of_the_wrong_shape_is_shown_the_right_one() {
    let run = check(
        "shape",
        "responses:\n  farmer-offer/visitor-centre:\n    rating: planned\n    strengths: One strength.\n",
    );
    assert!(run.stdout.contains("`strengths` should be a list"), "{run}");
    assert!(
        run.stdout
            .contains("for example `strengths: [First point, Second point]`"),
        "{run}"
    );
}

#[test]
fn a_register_or_a_framework_is_named_for_what_it_is() {
    let run = Test::new()
        .args(["report", "assessments/register.yaml"])
        .status(2)
        .run();
    assert!(
        run.stderr
            .contains("is a register of establishments, not a self-assessment"),
        "{run}"
    );
    assert!(!run.stderr.contains("did you mean"), "{run}");
    let run = Test::new()
        .args(["score", "frameworks/farmer-offer.yaml"])
        .status(2)
        .run();
    assert!(
        run.stderr.contains("is a framework, not a self-assessment"),
        "{run}"
    );
}

/// Two self-assessments for one establishment and year: `check` on the folder says so, naming
/// both files, and `trend` says the same.
#[test]
fn two_files_for_the_same_year_are_reported_by_every_command() {
    let text = format!("{HEAD}responses: {{}}\n");
    let check = Test::in_scratch("duplicate-check")
        .file("hmp-m/2025.yaml", &text)
        .file("hmp-m/2025-copy.yaml", &text)
        .args(["check", "."])
        .status(1)
        .run();
    let said = "hmp-m already has a self-assessment for 2025 in ./hmp-m/2025-copy.yaml";
    assert!(check.stdout.contains(said), "{check}");
    assert!(check.stdout.contains("--> ./hmp-m/2025.yaml:"), "{check}");
    let trend = Test::in_scratch("duplicate-trend")
        .file("hmp-m/2025.yaml", &text)
        .file("hmp-m/2025-copy.yaml", &text)
        .args(["trend", ".", "--establishment", "hmp-m"])
        .status(0)
        .run();
    assert!(trend.stderr.contains(said), "{trend}");
}
