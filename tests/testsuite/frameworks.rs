//! `ties frameworks`: the bundled frameworks, and those of a folder, as a table and as JSON.

use crate::{BUNDLED, MINI_FRAMEWORKS, Test};

#[test]
fn frameworks_list() {
    let run = Test::new().arg("frameworks").status(0).run();
    insta::assert_snapshot!(run.to_string());
    let run = Test::new()
        .args(["frameworks", "--format", "json"])
        .status(0)
        .run();
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let ids: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, BUNDLED);
}

#[test]
fn frameworks_list_with_a_folder() {
    let run = Test::new()
        .args(["frameworks", "--frameworks", MINI_FRAMEWORKS])
        .status(0)
        .run();
    assert!(
        run.stdout.contains("tests/fixtures/frameworks/mini.yaml"),
        "{run}"
    );
}
