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
