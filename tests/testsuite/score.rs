//! `ties score`: the scorecard as a table, JSON and CSV, the same every time, and a clear refusal
//! when the assessment's framework is not loaded.

use crate::{MINI, MINI_FRAMEWORKS, Test};

#[test]
fn score_table() {
    let run = Test::new()
        .args(["score", MINI, "--frameworks", MINI_FRAMEWORKS])
        .status(0)
        .run();
    insta::assert_snapshot!(run.to_string());
}

#[test]
fn score_json() {
    let run = Test::new()
        .args([
            "score",
            MINI,
            "--frameworks",
            MINI_FRAMEWORKS,
            "--format",
            "json",
        ])
        .status(0)
        .run();
    let _: serde_json::Value = serde_json::from_str(&run.stdout).expect("score JSON parses");
    insta::assert_snapshot!(run.to_string());
}

#[test]
fn score_csv() {
    let run = Test::new()
        .args([
            "score",
            MINI,
            "--frameworks",
            MINI_FRAMEWORKS,
            "--format",
            "csv",
        ])
        .status(0)
        .run();
    let widths: Vec<usize> = run.stdout.lines().map(|l| l.split(',').count()).collect();
    assert!(widths.len() > 1, "{run}");
    insta::assert_snapshot!(run.to_string());
}

/// The same input gives byte-identical output.
#[test]
fn score_is_deterministic() {
    for format in ["table", "json", "csv"] {
        let args = [
            "score",
            MINI,
            "--frameworks",
            MINI_FRAMEWORKS,
            "--format",
            format,
        ];
        assert_eq!(
            Test::new().args(args).run().stdout,
            Test::new().args(args).run().stdout,
            "{format}"
        );
    }
}

/// Without the folder that declares its framework, the assessment is reported once, clearly.
#[test]
fn score_without_its_framework() {
    let run = Test::new().args(["score", MINI]).status(1).run();
    assert_eq!(run.stderr.matches("error:").count(), 1, "{run}");
    insta::assert_snapshot!(run.to_string());
}
