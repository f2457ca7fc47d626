//! Every bundled framework says where each of its parts comes from: the framework's source names
//! its publisher, title and year; every scale cites a source or says the project made it up, and
//! on a scale taken from a source every level says where its meaning comes from or that its
//! descriptor is the project's own; every evidence kind and tag vocabulary is sourced or the
//! project's; every section and item has a `source_ref`. `ties check` enforces the rules on
//! scales, levels, evidence kinds and vocabularies for any framework; this proves the bundled
//! files also carry a `source_ref` on every section and item.

use crate::BUNDLED;

use super::{all_items, framework};
use serde_json::Value;

fn has_text(v: &Value) -> bool {
    v.as_str().is_some_and(|s| !s.trim().is_empty())
}

fn sections(fw: &Value) -> Vec<&Value> {
    fn walk<'a>(sections: &'a Value, out: &mut Vec<&'a Value>) {
        for s in sections.as_array().into_iter().flatten() {
            out.push(s);
            walk(&s["sections"], out);
        }
    }
    let mut out = Vec::new();
    walk(&fw["sections"], &mut out);
    out
}

#[test]
fn every_framework_names_its_source() {
    for id in BUNDLED {
        let fw = framework(id);
        let source = &fw["source"];
        assert!(has_text(&source["publisher"]), "{id}: source publisher");
        assert!(has_text(&source["title"]), "{id}: source title");
        assert!(source["year"].is_u64(), "{id}: source year");
    }
}

#[test]
fn every_scale_and_level_is_sourced_or_the_projects_own() {
    for id in BUNDLED {
        let fw = framework(id);
        for scale in fw["scales"].as_array().expect("scales") {
            let name = format!("{id}: scale {}", scale["id"]);
            if scale["defined_by_project"] == true {
                assert!(
                    has_text(&scale["note"]),
                    "{name}: a project's scale says why in `note`"
                );
                continue;
            }
            let source = &scale["source"];
            assert!(
                has_text(&source["publisher"]) && has_text(&source["title"]),
                "{name}: a sourced scale names its publisher and title"
            );
            assert!(
                source["year"].is_u64(),
                "{name}: a sourced scale names its year"
            );
            for level in scale["levels"].as_array().expect("levels") {
                let own = level["defined_by_project"] == true;
                let cited = has_text(&level["source_ref"]);
                assert!(
                    own != cited,
                    "{name}: level {} should either cite where its meaning comes from or say \
                     the project wrote it",
                    level["id"]
                );
            }
        }
    }
}

#[test]
fn every_evidence_kind_and_tag_vocabulary_is_sourced_or_the_projects_own() {
    for id in BUNDLED {
        let fw = framework(id);
        for kind in fw["evidence_kinds"].as_array().into_iter().flatten() {
            assert!(
                has_text(&kind["source_ref"]) || kind["defined_by_project"] == true,
                "{id}: evidence kind {}",
                kind["id"]
            );
        }
        for vocabulary in fw["tags"].as_array().into_iter().flatten() {
            let name = format!("{id}: tag vocabulary {}", vocabulary["id"]);
            assert!(
                has_text(&vocabulary["source_ref"]) || vocabulary["defined_by_project"] == true,
                "{name}: where its values come from"
            );
            assert!(
                vocabulary["assigned_by_project"].is_boolean(),
                "{name}: who decided which items carry which value"
            );
            if vocabulary["assigned_by_project"] == true {
                assert!(
                    has_text(&vocabulary["note"]),
                    "{name}: how the project applied it"
                );
            }
        }
    }
}

#[test]
fn every_section_and_item_has_a_source_ref() {
    for id in BUNDLED {
        let fw = framework(id);
        for section in sections(&fw) {
            assert!(
                has_text(&section["source_ref"]),
                "{id}: section {} has no source_ref",
                section["id"]
            );
        }
        let items = all_items(&fw);
        assert!(!items.is_empty(), "{id} has no items");
        for item in items {
            assert!(
                has_text(&item["source_ref"]),
                "{id}: item {} has no source_ref",
                item["id"]
            );
        }
    }
}
