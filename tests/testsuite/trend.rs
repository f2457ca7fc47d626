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
