//! The 10 Prisons Project article (seed 003) against `frameworks/think-family.yaml`: the five
//! Think Family priorities are the framework's items, in the article's order, and every
//! intervention and briefing topic the article lists is among their examples.

use super::{all_items, assert_all_present, framework, normalise, seed, texts_under};

const SEED: &str = "003_30552e9d79bfb711.txt";
const FRAMEWORK: &str = "think-family";

/// The bulleted lines that follow the first line containing `intro`.
fn list_after(text: &str, intro: &str) -> Vec<String> {
    let mut lines = text.lines().map(str::trim);
    lines
        .by_ref()
        .find(|l| l.contains(intro))
        .unwrap_or_else(|| panic!("seed has no line containing {intro:?}"));
    lines
        .take_while(|l| l.starts_with("- "))
        .map(|l| l[2..].trim().to_string())
        .collect()
}

#[test]
fn the_five_priorities_are_the_items_in_the_articles_order() {
    let Some(text) = seed(SEED) else { return };
    let priorities = list_after(&text, "the following key priorities were identified");
    assert_eq!(
        priorities.len(),
        5,
        "priorities in the seed: {priorities:#?}"
    );
    let fw = framework(FRAMEWORK);
    let items = all_items(&fw);
    let texts: Vec<String> = items
        .iter()
        .map(|i| normalise(i["text"].as_str().unwrap_or_default()))
        .collect();
    let expected: Vec<String> = priorities.iter().map(|p| normalise(p)).collect();
    assert_eq!(
        texts, expected,
        "one item per priority, in order, in the article's words"
    );
    for item in items {
        assert_eq!(item["kind"], "criterion", "{}", item["id"]);
        assert!(
            item["source_ref"]
                .as_str()
                .is_some_and(|r| r.contains("key priorities")),
            "{} should cite the list of key priorities",
            item["id"]
        );
    }
}

#[test]
fn every_intervention_and_briefing_is_an_example() {
    let Some(text) = seed(SEED) else { return };
    let interventions = list_after(
        &text,
        "The priorities were met through a range of interventions",
    );
    assert_eq!(
        interventions.len(),
        6,
        "interventions in the seed: {interventions:#?}"
    );
    let Some(text) = seed(SEED) else { return };
    let topics = list_after(&text, "The briefings cover the following four topics");
    assert_eq!(topics.len(), 4, "briefing topics in the seed: {topics:#?}");
    let fw = framework(FRAMEWORK);
    let examples = texts_under(&fw, &["examples"]);
    let normalised = |list: &[String]| list.iter().map(|s| normalise(s)).collect::<Vec<_>>();
    assert_all_present("interventions", &normalised(&interventions), &examples);
    assert_all_present("briefing topics", &normalised(&topics), &examples);
}

#[test]
fn the_description_says_it_is_not_the_shadow_measurement_tool() {
    let fw = framework(FRAMEWORK);
    let description = normalise(fw["description"].as_str().unwrap_or_default());
    for phrase in [
        "shadow measurement tool",
        "this framework is not that tool",
        "not public",
    ] {
        assert!(
            description.contains(phrase),
            "the description should say: {phrase}"
        );
    }
}

#[test]
fn the_title_credits_clinks_work_in_four_prisons_not_the_whole_project() {
    // The article: the programme "was delivered over six months, in four of the ten
    // establishments"; the priorities are that programme's, not the 10 Prisons Project's.
    let fw = framework("think-family");
    let title = normalise(fw["title"].as_str().unwrap_or_default());
    assert!(
        title.contains("clinks") && title.contains("four prisons"),
        "the title should say the priorities are from Clinks' work in four prisons: {title}"
    );
    assert!(
        !title.contains("priorities of the 10 prisons project"),
        "the priorities are not the 10 Prisons Project's own: {title}"
    );
}
