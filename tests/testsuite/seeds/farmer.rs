//! `frameworks/farmer-offer.yaml` against seed 001, the HMPPS guidance *Delivering Effective
//! Family Practice* (December 2017), whose paragraph 14 lists Lord Farmer's local family offer.

use super::{assert_all_present, framework, normalise, seed, texts_under};
use serde_json::Value;

const GUIDANCE: &str = "001_1ab2cfb59474957a.txt";

/// The bullets of paragraph 14: the lines starting with a bullet mark that follow the line
/// starting "14.", up to the first line that is not a bullet.
fn paragraph_14_elements(text: &str) -> Vec<String> {
    let mut lines = text.lines().map(str::trim);
    lines
        .by_ref()
        .find(|line| line.starts_with("14."))
        .expect("paragraph 14 is not in the HMPPS guidance text");
    lines
        .take_while(|line| line.starts_with('·') || line.starts_with('•'))
        .map(|line| normalise(line.trim_start_matches(['·', '•'])))
        .collect()
}

/// Every item of the framework, in every section and sub-section.
fn items(fw: &Value) -> Vec<&Value> {
    fn walk<'a>(sections: &'a Value, out: &mut Vec<&'a Value>) {
        for section in sections.as_array().into_iter().flatten() {
            out.extend(section["items"].as_array().into_iter().flatten());
            walk(&section["sections"], out);
        }
    }
    let mut out = Vec::new();
    walk(&fw["sections"], &mut out);
    out
}

fn item<'a>(fw: &'a Value, id: &str) -> Option<&'a Value> {
    items(fw).into_iter().find(|i| i["id"] == id)
}

#[test]
fn paragraph_14_has_the_five_elements() {
    let Some(text) = seed(GUIDANCE) else { return };
    let elements = paragraph_14_elements(&text);
    assert_eq!(
        elements.len(),
        5,
        "paragraph 14 should list five elements: {elements:#?}"
    );
}

#[test]
fn every_element_of_the_local_family_offer_is_an_item_text() {
    let Some(text) = seed(GUIDANCE) else { return };
    let fw = framework("farmer-offer");
    assert_all_present(
        "local family offer elements (paragraph 14)",
        &paragraph_14_elements(&text),
        &texts_under(&fw, &["text"]),
    );
}

#[test]
fn the_five_elements_are_rated_criteria() {
    let Some(text) = seed(GUIDANCE) else { return };
    let fw = framework("farmer-offer");
    let elements = paragraph_14_elements(&text);
    for id in [
        "visitor-centre",
        "staffing-structure",
        "extended-visits",
        "family-learning",
        "gateway-communications",
    ] {
        let item = item(&fw, id).unwrap_or_else(|| panic!("farmer-offer has no item {id}"));
        assert_eq!(item["kind"], "criterion", "{id} should be a criterion");
        assert_eq!(
            item["scale"], "provision",
            "{id} should be rated on the provision scale"
        );
        let text = normalise(item["text"].as_str().unwrap_or_default());
        assert!(
            elements.iter().any(|e| text.contains(e.as_str())),
            "{id} does not carry the wording of a paragraph 14 element: {text}"
        );
        assert!(
            item["source_ref"]
                .as_str()
                .is_some_and(|r| r.contains("paragraph 14")),
            "{id} should cite paragraph 14"
        );
    }
}

#[test]
fn the_family_performance_measure_has_four_rates_without_a_target() {
    let fw = framework("farmer-offer");
    for id in [
        "visits-on-entry",
        "visits-on-exit",
        "family-engagement-on-entry",
        "family-engagement-on-exit",
    ] {
        let item = item(&fw, id).unwrap_or_else(|| panic!("farmer-offer has no metric {id}"));
        assert_eq!(item["kind"], "metric", "{id} should be a metric");
        assert_eq!(item["metric"]["measure"], "rate", "{id} should be a rate");
        assert_eq!(
            item["metric"]["better"], "higher",
            "{id}: higher should be better"
        );
        assert!(
            item["metric"].get("target").is_none(),
            "{id}: Lord Farmer sets no target, so the framework must not invent one"
        );
        assert!(
            item["source_ref"]
                .as_str()
                .is_some_and(|r| r.contains("recommendation 5")),
            "{id} should cite recommendation 5"
        );
    }
}

#[test]
fn the_provision_scale_is_labelled_as_the_projects_own() {
    let fw = framework("farmer-offer");
    let scale = fw["scales"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["id"] == "provision"))
        .expect("farmer-offer has no provision scale");
    assert_eq!(scale["defined_by_project"], true);
    let levels: Vec<(&str, i64)> = scale["levels"]
        .as_array()
        .expect("provision scale has no levels")
        .iter()
        .map(|l| {
            (
                l["id"].as_str().unwrap_or_default(),
                l["value"].as_i64().unwrap_or(-1),
            )
        })
        .collect();
    assert_eq!(
        levels,
        [
            ("not-in-place", 0),
            ("planned", 1),
            ("partly-in-place", 2),
            ("fully-in-place", 3)
        ]
    );
}

/// The HMPPS guiding questions, by item id, with their examples: the questions the prompts
/// should repeat.
fn hmpps_questions() -> Vec<(String, Vec<String>)> {
    let hmpps = framework("hmpps-family-practice");
    super::all_items(&hmpps)
        .into_iter()
        .filter(|i| i["kind"] == "question")
        .map(|i| {
            let mut texts = vec![normalise(i["text"].as_str().unwrap_or_default())];
            texts.extend(
                i["examples"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .map(normalise),
            );
            (id(i).to_string(), texts)
        })
        .collect()
}

fn id(item: &Value) -> &str {
    item["id"].as_str().unwrap_or("(no id)")
}

#[test]
fn every_prompt_is_quoted_from_the_guidance_as_printed() {
    let Some(guidance) = seed(GUIDANCE) else {
        return;
    };
    let guidance = normalise(&guidance);
    let fw = framework("farmer-offer");
    let mut prompts = 0;
    for item in items(&fw) {
        for prompt in item["prompts"].as_array().into_iter().flatten() {
            let prompt = prompt.as_str().expect("prompts are text");
            prompts += 1;
            assert!(
                guidance.contains(&normalise(prompt)),
                "{}: this prompt is not the guidance's own words: {prompt}",
                id(item)
            );
        }
    }
    assert!(prompts > 0, "farmer-offer has no prompts");
}

#[test]
fn each_element_links_to_the_hmpps_questions_its_prompts_repeat() {
    let fw = framework("farmer-offer");
    let questions = hmpps_questions();
    let mut linked = 0;
    for item in items(&fw) {
        let links: Vec<String> = super::links(item)
            .into_iter()
            .map(|(to, _, _)| to)
            .collect();
        for prompt in item["prompts"].as_array().into_iter().flatten() {
            let prompt = normalise(prompt.as_str().unwrap_or_default());
            for (question, texts) in &questions {
                if texts.iter().any(|t| t.contains(&prompt)) {
                    let target = format!("hmpps-family-practice/{question}");
                    assert!(
                        links.contains(&target),
                        "{} repeats the question of {target} but does not link to it",
                        id(item)
                    );
                    linked += 1;
                }
            }
        }
    }
    assert!(
        linked >= 25,
        "only {linked} prompts were found among the HMPPS questions"
    );
}

#[test]
fn no_prompt_comes_from_the_guidances_examples_column() {
    // The prompts are the guidance's guiding questions (or its paragraphs): a question the
    // guidance prints in its examples column is an example, and is listed as one.
    let fw = framework("farmer-offer");
    let hmpps = framework("hmpps-family-practice");
    let questions: Vec<(String, String, Vec<String>)> = super::all_items(&hmpps)
        .into_iter()
        .filter(|i| i["kind"] == "question")
        .map(|i| {
            (
                id(i).to_string(),
                normalise(i["text"].as_str().unwrap_or_default()),
                i["examples"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .map(normalise)
                    .collect(),
            )
        })
        .collect();
    for item in items(&fw) {
        for prompt in item["prompts"].as_array().into_iter().flatten() {
            let prompt = normalise(prompt.as_str().unwrap_or_default());
            for (question, text, examples) in &questions {
                assert!(
                    text.contains(&prompt) || !examples.iter().any(|e| e.contains(&prompt)),
                    "{}: the prompt {prompt:?} is from the examples column of \
                     hmpps-family-practice/{question}, not a guiding question",
                    id(item)
                );
            }
        }
    }
}

#[test]
fn the_2019_update_is_cited_to_nicco_and_recommendation_1_7_is_quoted() {
    let fw = framework("farmer-offer");
    let section = fw["sections"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["id"] == "family-performance-measure"))
        .expect("no family-performance-measure section");
    let reference = section["source_ref"].as_str().unwrap_or_default();
    assert!(
        reference.contains("NICCO")
            && reference.contains(
                "nicco.org.uk/directory-of-resources/updates-to-the-farmer-review-october-2019"
            ),
        "the October 2019 update is published by NICCO: {reference}"
    );
    for item in items(&fw).into_iter().filter(|i| i["kind"] == "metric") {
        let r = item["source_ref"].as_str().unwrap_or_default();
        assert!(r.contains("NICCO"), "{}: {r}", id(item));
        assert!(!r.contains("gov.uk,"), "{}: {r}", id(item));
    }
    // Confirmed in the update: "2.1 Recommendation 1.7: Governors to be held to account for
    // positive family work outcomes."
    let description = normalise(fw["description"].as_str().unwrap_or_default());
    assert!(description.contains(&normalise(
        "recommendation 1.7 reads \"Governors to be held to account for positive family work outcomes\""
    )));
}
