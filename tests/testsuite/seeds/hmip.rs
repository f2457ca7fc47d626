//! `frameworks/hmip-expectations.yaml`. HMIP's Expectations are not among the source texts, so
//! these tests prove the framework's structure (expectation 75 with its eleven indicators, the
//! visits expectation, a source reference on every item, a description that never lets a
//! self-assessed rating pass for an HMIP judgement, grade descriptors that cite HMIP's criteria)
//! and its wording against HMIP's own, kept here beside the address where it was read. Its links
//! are proved in `crosswalk`.

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
fn the_grade_descriptors_restate_hmips_criteria_and_speak_of_prisoners_only() {
    // HMIP's tests are about outcomes for prisoners, and the descriptors restate HMIP's published
    // criteria for the grades. HMIP's wording of them could not be read, so each level cites HMIP
    // and says it is restated, not quoted, and none widens the test to families.
    let fw = framework("hmip-expectations");
    let scale = fw["scales"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["id"] == "hmip-grade"))
        .expect("no hmip-grade scale");
    for level in scale["levels"].as_array().expect("levels") {
        let id = level["id"].as_str().unwrap_or_default();
        assert_ne!(
            level["defined_by_project"], true,
            "{id}: the descriptor follows HMIP's criteria, so it is not the project's own"
        );
        let cited = normalise(level["source_ref"].as_str().unwrap_or_default());
        assert!(
            cited.contains("hm inspectorate of prisons") && cited.contains("restated not quoted"),
            "{id}: the level should cite HMIP's grade criteria and say it restates them: {cited}"
        );
        let descriptor = normalise(level["descriptor"].as_str().unwrap_or_default());
        assert!(descriptor.contains("prisoners"), "{id}: {descriptor}");
        assert!(
            !descriptor.contains("famil"),
            "{id}: HMIP's grades are about outcomes for prisoners: {descriptor}"
        );
    }
}

/// Where HMIP's wording of expectation 75 was read: HMIP's page for the area "Children and
/// families and contact with the outside world" (healthy prison test: rehabilitation and release
/// planning), in a stored copy of the inspectorate's website.
const HMIP_PAGE: &str = "https://inspectorates-staging.bang-on.net/hmiprisons/about-our-inspections/inspection-criteria/prison-expectations/rehabilitation-and-release-planning/children-and-families-and-contact-with-the-outside-world";

/// HMIP's words, as read at `HMIP_PAGE`: the expected outcome, expectation 75 and its eleven
/// indicators (in HMIP's order), each with the item that must carry it.
const HMIP_WORDS: [(&str, &str); 13] = [
    (
        "expectation-75",
        "The prison supports prisoners’ contact with their families and friends. Programmes \
         aimed at developing parenting and relationship skills are facilitated by the prison. \
         Prisoners not receiving visits are supported in other ways to establish or maintain \
         family support.",
    ),
    (
        "exp75-children-and-families",
        "Prisoners are encouraged to re-establish or maintain relationships with their children \
         and families where it is appropriate and are supported in doing so.",
    ),
    (
        "exp75-support-network-strategy",
        "There is a strategy to help prisoners maintain and enhance their support networks, \
         overseen by a named senior manager.",
    ),
    (
        "exp75-families-and-self-harm",
        "There are opportunities for families to be involved in supporting prisoners, \
         particularly those at risk of self-harm, for example during care plan reviews.",
    ),
    (
        "exp75-temporary-release",
        "Release on temporary licence (ROTL) is used appropriately to help maintain contact with \
         dependents.",
    ),
    (
        "exp75-parenting-and-relationships",
        "Prisoners and their families can access interventions for improving parenting and \
         relationship skills.",
    ),
    (
        "exp75-sick-relatives-and-funerals",
        "Subject to risk assessment, prisoners can visit sick relatives and attend funerals.",
    ),
    (
        "exp75-imaginative-contact",
        "There are imaginative methods for encouraging family contact (for example, audio \
         recordings of stories) and opportunities for prisoners to celebrate their successes \
         with their family and friends.",
    ),
    (
        "exp75-monitoring-family-circumstances",
        "Prisoners’ distance from home, frequency of visits, parental status and number of \
         dependents are monitored.",
    ),
    (
        "exp75-family-support-workers",
        "There are appropriately skilled family support workers who provide support to prisoners \
         and their families. They develop individual plans as necessary, including for release.",
    ),
    (
        "exp75-prisoners-without-visits",
        "Prisoners who do not receive visits are identified and receive individual support and \
         help to maintain relationships.",
    ),
    (
        "exp75-unused-visiting-orders",
        "Unused visiting orders can be exchanged for phone credit.",
    ),
    (
        "exp75-families-raise-concerns",
        "Prisoners’ families and friends know how to share concerns they have about a prisoner \
         and how to seek support.",
    ),
];

#[test]
fn every_indicator_reads_as_hmip_wrote_it() {
    // The item's text is HMIP's sentence, whole, with nothing added or left out; the section
    // carries the expected outcome. Compared after normalising (case, quotes and spacing).
    let fw = framework("hmip-expectations");
    let all = items(&fw);
    for (id_, words) in HMIP_WORDS {
        let words = normalise(words);
        if id_ == "expectation-75" {
            let section = fw["sections"]
                .as_array()
                .and_then(|s| s.iter().find(|s| s["id"] == id_))
                .expect("no section expectation-75");
            let description = normalise(section["description"].as_str().unwrap_or_default());
            assert!(
                description.contains(&words),
                "the section should quote HMIP's expected outcome ({HMIP_PAGE}):\n  {words}"
            );
            continue;
        }
        let item = all
            .iter()
            .find(|i| i["id"] == id_)
            .unwrap_or_else(|| panic!("no item {id_}"));
        assert_eq!(
            normalise(item["text"].as_str().unwrap_or_default()),
            words,
            "{id_} should read as HMIP wrote it ({HMIP_PAGE})"
        );
    }
    let quoted = HMIP_WORDS.len() - 1;
    assert_eq!(
        all.iter().filter(|i| id(i).starts_with("exp75-")).count(),
        quoted,
        "every expectation 75 item is checked against HMIP's words"
    );
}

#[test]
fn the_framework_says_where_hmips_words_were_read() {
    let fw = framework("hmip-expectations");
    let reference = fw["source"]["ref"].as_str().unwrap_or_default();
    assert!(
        reference.contains(HMIP_PAGE),
        "the source reference should give the address where HMIP's words were read"
    );
}

#[test]
fn the_source_has_the_address_the_guidance_gives_and_hmips_order() {
    let fw = framework("hmip-expectations");
    assert_eq!(
        fw["source"]["url"],
        "https://www.justiceinspectorates.gov.uk/hmiprisons/our-expectations/prison-expectations/",
        "the address of HMIP's Expectations as seed 001 gives it"
    );
    let description = normalise(fw["description"].as_str().unwrap_or_default());
    // HMIP lists the indicators unnumbered; the numbers follow its order, which `HMIP_WORDS`
    // keeps as read.
    assert!(description.contains("the indicator numbers 1 to 11 are the project s"));
    assert!(description.contains("in the order hmip lists them"));
    let fw_items = items(&fw);
    let order: Vec<&str> = fw_items
        .iter()
        .filter(|i| source_ref(i).contains("indicator"))
        .map(|i| id(i))
        .collect();
    let hmip_order: Vec<&str> = HMIP_WORDS.iter().skip(2).map(|(id, _)| *id).collect();
    assert_eq!(order, hmip_order, "the indicators in HMIP's order");
}
