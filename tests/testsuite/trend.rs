//! `ties trend`: one establishment over the years, and a suggestion for a misspelt id. (The trend
//! is also among the outputs `compare.rs` proves free of restricted content and independent of
//! file names.)

use crate::{Test, ok};

#[test]
fn trend_markdown_and_json() {
    insta::assert_snapshot!(
        "trend_md",
        ok(&["trend", "assessments", "--establishment", "hmp-harrowfield"])
    );
    let json = ok(&[
        "trend",
        "assessments",
        "--establishment",
        "hmp-wrenhurst",
        "--format",
        "json",
    ]);
    serde_json::from_str::<serde_json::Value>(&json).expect("valid JSON");
    insta::assert_snapshot!("trend_json", json);
}

#[test]
fn trend_suggests_a_close_id() {
    let run = Test::new()
        .args(["trend", "assessments", "--establishment", "hmp-harowfield"])
        .status(1)
        .run();
    assert!(
        run.stderr.contains("did you mean `hmp-harrowfield`?"),
        "{run}"
    );
}

#[test]
fn the_csv_says_true_or_false_as_every_export_does() {
    let csv = crate::ok(&[
        "trend",
        "assessments",
        "--establishment",
        "hmp-yoi-calderbrook",
        "--format",
        "csv",
    ]);
    let column = |line: &str| line.split(',').nth(6).unwrap_or("").to_string();
    let mut lines = csv.lines();
    assert_eq!(lines.next().map(column).as_deref(), Some("provisional"));
    let values: std::collections::BTreeSet<String> = lines.map(column).collect();
    // Calderbrook's 2025 self-assessment is incomplete: some of its grades are provisional.
    assert_eq!(
        values,
        ["false", "true"].iter().map(|s| s.to_string()).collect()
    );
}
