//! *Children of prisoners – maintaining family ties* (SCIE Guide 22; seeds 004 and 002) against
//! `frameworks/scie-prison-service.yaml`: every recommendation for the prison service is an item
//! of the first section, in the guide's order; every cross-cutting recommendation is either an
//! item of the second section (one a prison can act on) or listed in its guidance (one it cannot),
//! so that none is dropped; the examples are the Scottish practice of the guide's appendix.

use super::{all_items, framework, normalise, seed, texts_under};
use serde_json::Value;

const RECOMMENDATIONS: &str = "004_8cca842792817917.txt";
const SCOTLAND: &str = "002_9793fe791997e0cd.txt";
const FRAMEWORK: &str = "scie-prison-service";

/// The bullets under the sector heading `heading`, up to the next line that is not a bullet.
fn sector(text: &str, heading: &str) -> Vec<String> {
    let mut lines = text.lines().map(str::trim);
    lines
        .by_ref()
        .find(|l| *l == heading)
        .unwrap_or_else(|| panic!("seed has no heading {heading:?}"));
    lines
        .take_while(|l| l.starts_with("- "))
        .map(|l| normalise(&l[2..]))
        .collect()
}

fn section<'a>(fw: &'a Value, id: &str) -> &'a Value {
    fw["sections"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|s| s["id"] == id)
        .unwrap_or_else(|| panic!("no section {id}"))
}

fn item_texts(section: &Value) -> Vec<String> {
    section["items"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|i| normalise(i["text"].as_str().unwrap_or_default()))
        .collect()
}

#[test]
fn every_prison_service_recommendation_is_an_item_in_the_guides_order() {
    let Some(text) = seed(RECOMMENDATIONS) else {
        return;
    };
    let recommendations = sector(&text, "Prison service");
    assert_eq!(
        recommendations.len(),
        9,
        "prison service recommendations in the seed"
    );
    let fw = framework(FRAMEWORK);
    assert_eq!(
        item_texts(section(&fw, "prison-service")),
        recommendations,
        "one item per recommendation, in the guide's words and order"
    );
}

#[test]
fn every_cross_cutting_recommendation_is_an_item_or_named_as_not_one() {
    let Some(text) = seed(RECOMMENDATIONS) else {
        return;
    };
    let themes = sector(&text, "Cross-cutting themes");
    assert_eq!(
        themes.len(),
        10,
        "cross-cutting recommendations in the seed"
    );
    let fw = framework(FRAMEWORK);
    let cross = section(&fw, "cross-cutting");
    let items = item_texts(cross);
    let guidance = texts_under(cross, &["guidance"]);
    let mut acted_on = Vec::new();
    for theme in &themes {
        let item = items.iter().any(|t| t == theme);
        let listed = guidance.iter().any(|g| g.contains(theme.as_str()));
        assert!(
            item != listed,
            "each cross-cutting recommendation should be either an item or listed in the guidance, \
             not both or neither: {theme}"
        );
        if item {
            acted_on.push(theme.clone());
        }
    }
    assert_eq!(acted_on, items, "the items keep the guide's order");
    assert_eq!(
        items.len(),
        5,
        "cross-cutting recommendations a prison can act on"
    );
    assert_eq!(
        all_items(&fw).len(),
        14,
        "nine for the prison service and five cross-cutting"
    );
}

#[test]
fn the_examples_are_scottish_practice_from_the_appendix() {
    let Some(appendix) = seed(SCOTLAND) else {
        return;
    };
    let appendix = normalise(&appendix);
    assert!(appendix.contains("family contact officer"));
    let fw = framework(FRAMEWORK);
    let examples: Vec<String> = all_items(&fw)
        .iter()
        .flat_map(|i| i["examples"].as_array().into_iter().flatten())
        .filter_map(|e| e.as_str().map(str::to_string))
        .collect();
    assert!(!examples.is_empty(), "no examples");
    for example in &examples {
        let Some(rest) = example.strip_prefix("Scotland") else {
            panic!("an example from the appendix should say it is Scottish practice: {example}");
        };
        // A close paraphrase keeps the appendix's words: at least six in a row.
        let words: Vec<String> = normalise(rest).split(' ').map(str::to_string).collect();
        let kept = words
            .windows(WORDS_IN_A_ROW)
            .any(|w| appendix.contains(&w.join(" ")));
        assert!(
            kept,
            "no {WORDS_IN_A_ROW} words in a row of this example are the appendix's: {example}"
        );
    }
}

/// How many consecutive words of an example must be the appendix's own.
const WORDS_IN_A_ROW: usize = 6;

#[test]
fn the_description_says_the_guide_predates_todays_policy() {
    let fw = framework(FRAMEWORK);
    let description = normalise(fw["description"].as_str().unwrap_or_default());
    assert!(description.contains("the guide predates today s policy"));
    assert_eq!(fw["source"]["year"], 2008);
}

#[test]
fn users_are_told_the_placing_of_the_scottish_examples_is_the_projects_reading() {
    // The appendix on Scotland describes practice; it does not say which recommendation each
    // practice meets. Users read the description and each section's guidance, not the comments
    // at the top of the file, so those say it.
    let fw = framework("scie-prison-service");
    let description = normalise(fw["description"].as_str().unwrap_or_default());
    assert!(
        description
            .contains("which recommendation each example is shown under is the project s reading"),
        "the description should say the placing of the examples is the project's reading"
    );
    for section in fw["sections"].as_array().expect("sections") {
        let guidance = normalise(section["guidance"].as_str().unwrap_or_default());
        assert!(
            guidance.contains("is the project s reading not the guide s"),
            "{}: the section guidance should say the placing of the examples is the project's reading",
            section["id"]
        );
    }
}
