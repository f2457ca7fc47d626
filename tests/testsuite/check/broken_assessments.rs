//! `ties check` on self-assessments with one deliberate mistake each, against the bundled
//! frameworks; files that must be accepted; and files with warnings only.

use super::{assert_located_error, fixture_names};
use crate::{Run, Test, root};

const DIR: &str = "tests/fixtures/broken-assessments";

/// Checks one broken assessment: exit 1, the mistake at file:line:column, and the whole output as
/// a snapshot.
fn check(file: &str) -> Run {
    let path = format!("{DIR}/{file}");
    let run = Test::new().args(["check", &path]).run();
    assert_located_error(&run, &path);
    insta::assert_snapshot!(file.replace('.', "_"), run.to_string());
    run
}

macro_rules! fixtures {
    ($($test:ident => $file:literal,)*) => {
        $(
            #[test]
            fn $test() {
                check($file);
            }
        )*

        /// Every file in the folder has a test, and every test a file.
        #[test]
        fn every_fixture_is_tested() {
            let mut tested = vec![$($file.to_string()),*];
            tested.extend(FILE_LEVEL.iter().map(|f| f.to_string()));
            tested.sort();
            assert_eq!(fixture_names(DIR), tested);
        }
    };
}

fixtures! {
    action_unknown_item => "action-unknown-item.yaml",
    criterion_under_metrics => "criterion-under-metrics.yaml",
    duplicate_action_id => "duplicate-action-id.yaml",
    duplicate_key => "duplicate-key.yaml",
    format_version_2 => "format-version-2.yaml",
    framework_not_listed => "framework-not-listed.yaml",
    impossible_date => "impossible-date.yaml",
    item_without_framework => "item-without-framework.yaml",
    metric_under_responses => "metric-under-responses.yaml",
    missing_establishment => "missing-establishment.yaml",
    negative_figure => "negative-figure.yaml",
    not_a_date => "not-a-date.yaml",
    not_applicable_empty => "not-applicable-empty.yaml",
    not_applicable_forbidden => "not-applicable-forbidden.yaml",
    not_applicable_true => "not-applicable-true.yaml",
    numerator_above_denominator => "numerator-above-denominator.yaml",
    rating_and_not_applicable => "rating-and-not-applicable.yaml",
    rating_is_label => "rating-is-label.yaml",
    rating_not_in_scale => "rating-not-in-scale.yaml",
    top_level_list => "top-level-list.yaml",
    unknown_evidence_kind => "unknown-evidence-kind.yaml",
    unknown_field => "unknown-field.yaml",
    unknown_framework => "unknown-framework.yaml",
    unknown_item => "unknown-item.yaml",
    unknown_status => "unknown-status.yaml",
    wrong_type_year => "wrong-type-year.yaml",
    zero_denominator => "zero-denominator.yaml",
}

/// Mistakes about the whole file, which have no line to point at.
const FILE_LEVEL: &[&str] = &["comments-only.yaml", "empty.yaml"];

#[test]
fn empty_file() {
    let run = Test::new()
        .args(["check", &format!("{DIR}/empty.yaml")])
        .status(1)
        .run();
    assert!(run.stdout.contains("the file is empty"), "{run}");
    insta::assert_snapshot!(run.to_string());
}

#[test]
fn file_of_comments_only() {
    let run = Test::new()
        .args(["check", &format!("{DIR}/comments-only.yaml")])
        .status(1)
        .run();
    assert!(run.stdout.contains("nothing in it but comments"), "{run}");
    insta::assert_snapshot!(run.to_string());
}

/// Near misses are answered with the right name.
#[test]
fn near_misses_get_a_suggestion() {
    for (file, suggestion) in [
        ("unknown-framework.yaml", "did you mean `farmer-offer`?"),
        (
            "unknown-item.yaml",
            "did you mean `farmer-offer/extended-visits`?",
        ),
        (
            "item-without-framework.yaml",
            "did you mean `farmer-offer/family-learning`?",
        ),
        (
            "rating-not-in-scale.yaml",
            "did you mean `partly-in-place`?",
        ),
        ("rating-is-label.yaml", "`rating: partly-in-place`"),
        (
            "unknown-evidence-kind.yaml",
            "did you mean `family-feedback`?",
        ),
        ("unknown-field.yaml", "did you mean `narrative`?"),
        ("unknown-status.yaml", "did you mean `in-progress`?"),
        (
            "action-unknown-item.yaml",
            "did you mean `farmer-offer/family-learning`?",
        ),
    ] {
        let run = Test::new().args(["check", &format!("{DIR}/{file}")]).run();
        assert!(run.stdout.contains(suggestion), "{file}:\n{run}");
    }
}

/// A rating that is not a level lists the levels that are.
#[test]
fn a_wrong_rating_lists_the_allowed_ones() {
    let run = check_quiet("rating-not-in-scale.yaml");
    assert!(
        run.stdout
            .contains("one of `not-in-place`, `planned`, `partly-in-place` or `fully-in-place`"),
        "{run}"
    );
}

/// A framework misspelt under `frameworks:` is reported once, not again for every response.
#[test]
fn an_unknown_framework_is_reported_once() {
    let run = check_quiet("unknown-framework.yaml");
    assert_eq!(run.stdout.matches("error:").count(), 1, "{run}");
}

fn check_quiet(file: &str) -> Run {
    Test::new().args(["check", &format!("{DIR}/{file}")]).run()
}

/// `ties score` refuses a broken assessment with the same located message, on stderr.
#[test]
fn score_refuses_a_broken_assessment() {
    let path = format!("{DIR}/rating-not-in-scale.yaml");
    let run = Test::new()
        .args(["score", &path])
        .status(1)
        .stdout("")
        .run();
    assert!(run.stderr.contains(&format!("--> {path}:19:13")), "{run}");
    insta::assert_snapshot!(run.to_string());
}

/// Bytes that are not UTF-8 (here `é` saved as Latin-1) are reported with their place.
#[test]
fn invalid_utf8() {
    let mut bytes =
        b"# Broken: the establishment's name is saved as Latin-1, not UTF-8.\nties: 1\n\
establishment:\n  id: hmp-example\n  name: HMP "
            .to_vec();
    bytes.push(0xC9); // `É` in Latin-1
    bytes.extend_from_slice(
        b"xample\n  nation: england-wales\nyear: 2025\nframeworks: [farmer-offer]\n",
    );
    let run = Test::in_scratch("invalid-utf8")
        .file("latin1.yaml", &bytes)
        .args(["check", "latin1.yaml"])
        .run();
    assert_located_error(&run, "latin1.yaml");
    assert!(run.stdout.contains("latin1.yaml:5:13"), "{run}");
    assert!(run.stdout.contains("UTF-8"), "{run}");
    insta::assert_snapshot!(run.to_string());
}

/// A byte-order mark, as some Windows editors write, is accepted.
#[test]
fn byte_order_mark_is_accepted() {
    let path = "tests/fixtures/assessments/byte-order-mark.yaml";
    assert!(
        std::fs::read(root().join(path))
            .unwrap()
            .starts_with(&[0xEF, 0xBB, 0xBF])
    );
    Test::new()
        .args(["check", path])
        .status(0)
        .stdout("No problems found in 1 file.\n")
        .run();
    Test::new().args(["score", path]).status(0).run();
}

/// Windows line endings are accepted.
#[test]
fn crlf_line_endings_are_accepted() {
    let path = "tests/fixtures/assessments/crlf.yaml";
    let text = std::fs::read_to_string(root().join(path)).unwrap();
    assert!(text.contains("\r\n") && !text.replace("\r\n", "").contains('\n'));
    Test::new()
        .args(["check", path])
        .status(0)
        .stdout("No problems found in 1 file.\n")
        .run();
    Test::new().args(["score", path]).status(0).run();
}

/// A mistake in a file with Windows line endings, or with a byte-order mark, is reported at the
/// same line and column, with the same text, as in the plain file.
#[test]
fn crlf_and_byte_order_mark_do_not_move_messages() {
    let dir = crate::scratch("crlf-and-bom");
    let read = |path: &str| std::fs::read_to_string(root().join(path)).unwrap();
    // Each with its mistake on the first line, where a byte-order mark could shift columns.
    let format_version = read(&format!("{DIR}/format-version-2.yaml"));
    let rating = read(&format!("{DIR}/rating-is-label.yaml"));
    let toml = read("tests/fixtures/broken-frameworks/toml-syntax-error.toml");
    let toml_title = toml.lines().nth(2).unwrap().to_string();
    let cases = [
        ("yaml", format_version.lines().skip(1).collect::<Vec<_>>()),
        ("yaml", rating.lines().collect()),
        (
            "toml",
            std::iter::once(toml_title.as_str())
                .chain(toml.lines().skip(1).filter(|l| *l != toml_title))
                .collect(),
        ),
    ];
    for (ext, lines) in cases {
        let text = lines.join("\n") + "\n";
        let plain = format!("plain.{ext}");
        let expected = Test::in_dir(&dir)
            .file(&plain, &text)
            .file(format!("crlf.{ext}"), text.replace('\n', "\r\n"))
            .file(format!("bom.{ext}"), format!("\u{feff}{text}"))
            .args(["check", &plain])
            .status(1)
            .run();
        for other in [format!("crlf.{ext}"), format!("bom.{ext}")] {
            let run = Test::in_dir(&dir).args(["check", &other]).run();
            assert_eq!(
                run.stdout.replace(&other, &plain),
                expected.stdout,
                "{other}:\n{run}"
            );
        }
    }
}

/// Warnings alone do not fail the check.
fn warnings_only(args: &[&str]) -> Run {
    let run = Test::new().args(args).status(0).run();
    assert!(run.stdout.contains("warning: "), "{run}");
    assert!(!run.stdout.contains("error: "), "{run}");
    assert!(run.stdout.contains("no errors."), "{run}");
    run
}

#[test]
fn warning_unanswered_items() {
    let run = warnings_only(&["check", "tests/fixtures/assessments/warn-unanswered.yaml"]);
    assert!(
        run.stdout.contains("family-learning, visits-on-exit"),
        "{run}"
    );
    insta::assert_snapshot!(run.to_string());
}

#[test]
fn warning_rating_without_evidence() {
    let run = warnings_only(&["check", "tests/fixtures/assessments/warn-no-evidence.yaml"]);
    // The message says what the rating counts as until evidence is added.
    assert!(run.stdout.contains("counts it as Planned"), "{run}");
    insta::assert_snapshot!(run.to_string());
}

#[test]
fn warning_overdue_action() {
    let path = "tests/fixtures/assessments/warn-overdue-action.yaml";
    // On the day the assessment was completed the action is not yet due.
    let run = Test::new().args(["check", path]).status(0).run();
    assert!(!run.stdout.contains("overdue"), "{run}");
    let run = warnings_only(&["check", path, "--as-of", "2026-09-01"]);
    assert!(run.stdout.contains("action `A1` is overdue"), "{run}");
    insta::assert_snapshot!(run.to_string());
}
