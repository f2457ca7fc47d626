//! `frameworks/hmip-expectations.yaml`. HMIP's Expectations are not among the source texts, so
//! these tests prove the framework's structure instead of its wording: expectation 75 with its
//! eleven indicators, the visits expectation, a source reference on every item, a description
//! that never lets a self-assessed rating pass for an HMIP judgement, and grade descriptors that
//! say they are the project's reading. Its links are proved in `crosswalk`.

use super::{framework, normalise};
use serde_json::Value;

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

fn id(item: &Value) -> &str {
    item["id"].as_str().unwrap_or("(no id)")
}

/// The normalised source reference of an item, or "" when it has none.
fn source_ref(item: &Value) -> String {
    normalise(item["source_ref"].as_str().unwrap_or_default())
}

/// The indicator number an item's source reference names, if it names one.
fn indicator_number(item: &Value) -> Option<u32> {
    let r = source_ref(item);
    let rest = &r[r.find("indicator ")? + "indicator ".len()..];
    rest.split(' ').next()?.parse().ok()
}

#[test]
fn expectation_75_has_exactly_eleven_indicators() {
    let fw = framework("hmip-expectations");
    let indicators: Vec<&Value> = items(&fw)
        .into_iter()
        .filter(|i| source_ref(i).contains("indicator"))
        .collect();
    assert_eq!(
        indicators.len(),
        11,
        "expected eleven indicator items, found {}: {:?}",
        indicators.len(),
        indicators.iter().map(|i| id(i)).collect::<Vec<_>>()
    );
    let mut numbers = Vec::new();
    for item in &indicators {
        assert!(
            source_ref(item).contains("expectation 75 indicator"),
            "{}: the source_ref should name expectation 75 and the indicator",
            id(item)
        );
        assert!(
            id(item).starts_with("exp75-"),
            "{}: indicator ids start with exp75-",
            id(item)
        );
        assert_eq!(
            item["kind"],
            "criterion",
            "{} should be a criterion",
            id(item)
        );
        assert_eq!(
            item["scale"],
            "hmip-grade",
            "{} should use hmip-grade",
            id(item)
        );
        numbers.push(indicator_number(item).unwrap_or_else(|| panic!("{}: no number", id(item))));
    }
    numbers.sort_unstable();
    assert_eq!(
        numbers,
        (1..=11).collect::<Vec<_>>(),
        "indicators 1 to 11, each once"
    );
}

#[test]
fn expectation_75_and_the_visits_expectation_are_items() {
    let fw = framework("hmip-expectations");
    let all = items(&fw);
    let expectation = all
        .iter()
        .find(|i| source_ref(i).ends_with("expectation 75"))
        .expect("no item for expectation 75 itself");
    assert_eq!(expectation["kind"], "criterion");
    assert_eq!(expectation["scale"], "hmip-grade");
    let visits = all
        .iter()
        .find(|i| i["id"] == "visits-environment")
        .expect("no item for the visits environment expectation");
    assert_eq!(visits["kind"], "criterion");
    assert_eq!(visits["scale"], "hmip-grade");
    assert_eq!(
        all.len(),
        13,
        "expectation 75, eleven indicators and the visits expectation"
    );
}

#[test]
fn every_item_names_where_in_the_expectations_it_comes_from() {
    let fw = framework("hmip-expectations");
    let all = items(&fw);
    assert!(!all.is_empty(), "the framework has no items");
    for item in all {
        let r = source_ref(item);
        assert!(
            r.contains("hmip expectations"),
            "{}: source_ref should cite HMIP Expectations",
            id(item)
        );
        assert!(
            r.contains("version 5"),
            "{}: source_ref should name version 5",
            id(item)
        );
    }
}

#[test]
fn the_description_says_first_that_a_self_assessment_is_not_an_hmip_judgement() {
    let fw = framework("hmip-expectations");
    let description = fw["description"].as_str().expect("no description");
    let first = normalise(description.split("\n\n").next().unwrap_or_default());
    for phrase in [
        "self assessed rating",
        "not an hmip judgement",
        "not a checklist",
    ] {
        assert!(
            first.contains(phrase),
            "the description's first paragraph should say: {phrase}"
        );
    }
}

#[test]
fn the_grades_are_hmips_but_the_bands_read_as_self_assessed() {
    let fw = framework("hmip-expectations");
    let scale = fw["scales"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["id"] == "hmip-grade"))
        .expect("no hmip-grade scale");
    assert_eq!(scale["defined_by_project"], false);
    assert_eq!(scale["source"]["publisher"], "HM Inspectorate of Prisons");
    let levels: Vec<(&str, i64)> = scale["levels"]
        .as_array()
        .expect("hmip-grade has no levels")
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
            ("poor", 1),
            ("not-sufficiently-good", 2),
            ("reasonably-good", 3),
            ("good", 4)
        ]
    );
    for band in fw["scoring"]["bands"].as_array().expect("no bands") {
        let grade = band["grade"].as_str().unwrap_or_default();
        assert!(
            grade.starts_with("Self-assessed"),
            "band {grade:?} could be read as an HMIP grade"
        );
    }
}

#[test]
fn the_grade_descriptors_are_the_projects_reading_and_speak_of_prisoners_only() {
    // HMIP's tests are about outcomes for prisoners; the project's sources do not give HMIP's own
    // definitions of the grades, so each descriptor says it is the project's, and none widens
    // the test to families.
    let fw = framework("hmip-expectations");
    let scale = fw["scales"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["id"] == "hmip-grade"))
        .expect("no hmip-grade scale");
    for level in scale["levels"].as_array().expect("levels") {
        let id = level["id"].as_str().unwrap_or_default();
        assert_eq!(
            level["defined_by_project"], true,
            "{id}: the descriptor is the project's reading of the grade"
        );
        let descriptor = normalise(level["descriptor"].as_str().unwrap_or_default());
        assert!(descriptor.contains("prisoners"), "{id}: {descriptor}");
        assert!(
            !descriptor.contains("famil"),
            "{id}: HMIP's grades are about outcomes for prisoners: {descriptor}"
        );
    }
}

#[test]
fn the_source_has_the_address_the_guidance_gives_and_no_claimed_order() {
    let fw = framework("hmip-expectations");
    assert_eq!(
        fw["source"]["url"],
        "https://www.justiceinspectorates.gov.uk/hmiprisons/our-expectations/prison-expectations/",
        "the address of HMIP's Expectations as seed 001 gives it"
    );
    let description = normalise(fw["description"].as_str().unwrap_or_default());
    assert!(
        !description.contains("in the order hmip lists them"),
        "the project's sources do not give HMIP's order of the indicators"
    );
    assert!(description.contains("indicator numbers 1 to 11 are the project s"));
}
