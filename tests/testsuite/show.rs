//! `ties show`: each bundled framework as a document, and as JSON with every item of its file.

use crate::{BUNDLED, Test, root};

#[test]
fn show_markdown_for_each_bundled_framework() {
    for id in BUNDLED {
        let run = Test::new().args(["show", id]).status(0).stderr("").run();
        insta::assert_snapshot!(format!("show_{}", id.replace('-', "_")), run.to_string());
    }
}

/// Every item's text, read straight from the framework file.
fn item_texts(id: &str) -> Vec<(String, String)> {
    fn walk(sections: &serde_json::Value, out: &mut Vec<(String, String)>) {
        for s in sections.as_array().into_iter().flatten() {
            for item in s["items"].as_array().into_iter().flatten() {
                out.push((
                    item["id"].as_str().unwrap().to_string(),
                    item["text"].as_str().unwrap().to_string(),
                ));
            }
            walk(&s["sections"], out);
        }
    }
    let text = std::fs::read_to_string(root().join(format!("frameworks/{id}.yaml"))).unwrap();
    let fw: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
    let mut out = Vec::new();
    walk(&fw["sections"], &mut out);
    out
}

#[test]
fn show_json_has_every_item() {
    for id in BUNDLED {
        let run = Test::new()
            .args(["show", id, "--format", "json"])
            .status(0)
            .run();
        let json: serde_json::Value =
            serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{id}: not JSON: {e}"));
        assert_eq!(json["id"], id);
        let mut shown = Vec::new();
        fn walk(sections: &serde_json::Value, out: &mut Vec<(String, String)>) {
            for s in sections.as_array().into_iter().flatten() {
                for item in s["items"].as_array().into_iter().flatten() {
                    out.push((
                        item["id"].as_str().unwrap_or_default().to_string(),
                        item["text"].as_str().unwrap_or_default().to_string(),
                    ));
                }
                walk(&s["sections"], out);
            }
        }
        walk(&json["sections"], &mut shown);
        let expected = item_texts(id);
        assert!(!expected.is_empty());
        assert_eq!(
            shown, expected,
            "{id}: items in the JSON differ from the file"
        );
    }
}

/// `ties show --crosswalk A B` sets two frameworks side by side by link, in every format it
/// offers; the links are the same whichever framework is named first.
#[test]
fn show_crosswalk_sets_two_frameworks_side_by_side() {
    let pair = ["hmip-expectations", "hmpps-family-practice"];
    let md = Test::new()
        .args(["show", "--crosswalk", pair[0], pair[1]])
        .status(0)
        .run();
    insta::assert_snapshot!("crosswalk_hmip_hmpps_md", md.stdout);
    let csv = Test::new()
        .args(["show", "--crosswalk", pair[0], pair[1], "--format", "csv"])
        .status(0)
        .run();
    insta::assert_snapshot!("crosswalk_hmip_hmpps_csv", csv.stdout);
    let html = Test::new()
        .args(["show", "--crosswalk", pair[0], pair[1], "--format", "html"])
        .status(0)
        .run();
    assert!(html.stdout.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.stdout.contains("Same practice"), "{html}");
    // The other way round: the same links, each seen from the other side.
    let back = Test::new()
        .args(["show", "--crosswalk", pair[1], pair[0], "--format", "csv"])
        .status(0)
        .run();
    let rows = |text: &str| text.lines().skip(1).count();
    assert_eq!(rows(&csv.stdout), rows(&back.stdout), "{csv}\n{back}");
    assert!(rows(&csv.stdout) >= 2, "{csv}");
    // CSV is only for the crosswalk: a framework alone is refused as a usage mistake.
    let run = Test::new()
        .args(["show", "farmer-offer", "--format", "csv"])
        .status(2)
        .run();
    assert!(run.stderr.contains("--crosswalk"), "{run}");
}
