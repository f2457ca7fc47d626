//! The answers of a self-assessment: `responses`, one per item with the ratings its scale
//! allows, and `metrics`, one per measure with the figures it takes.

use serde_json::{Map, Value, json};

use crate::model::assessment::Confidence;
use crate::model::framework::{Framework, Item, ItemKind, Measure, Scale};
use crate::model::ids;
use crate::validate::assessment::MAX_FIGURE;

use super::{
    NOT_BLANK, carried_from, described_reference, fields, group, list_of_text, one_line,
    one_of_values, optional_number, optional_text, reference, word, yes_no,
};

/// The definitions of answers: one per scale of each framework, a written answer, a rate and a
/// number, and the parts they share.
pub(super) fn definitions(frameworks: &[&Framework]) -> Map<String, Value> {
    let mut defs = Map::new();
    defs.insert(
        "confidence".into(),
        one_of_values(
            "How sure you are of the rating: low, medium or high. May be left out.",
            [Confidence::Low, Confidence::Medium, Confidence::High]
                .into_iter()
                .map(word)
                .chain([Value::Null])
                .collect(),
            ["Low", "Medium", "High", "Not given"]
                .map(String::from)
                .to_vec(),
        ),
    );
    defs.insert(
        "not-applicable".into(),
        json!({
            "description": "Instead of a rating, when the item does not apply here: why, in a sentence.",
            "type": "string",
            "pattern": NOT_BLANK,
            "errorMessage": "say why the item does not apply here, for example: All visits here are already extended family visits.",
        }),
    );
    for fw in frameworks {
        for scale in &fw.scales {
            defs.insert(answer_name(fw, scale), rated_answer(fw, scale));
        }
    }
    defs.insert("written".into(), written_answer());
    defs.insert("rate".into(), rate());
    defs.insert("number".into(), number());
    defs
}

/// `responses`: one entry per item that is not a measure, keyed by its qualified id.
pub(super) fn responses(frameworks: &[&Framework]) -> Value {
    let mut items = Map::new();
    for fw in frameworks {
        for item in fw.items() {
            if *item.kind == ItemKind::Metric {
                continue;
            }
            let answer = match fw.item_scale(item) {
                Some(scale) => answer_name(fw, scale),
                None => "written".to_string(),
            };
            let about = match fw.item_scale(item) {
                Some(scale) => format!("rated on the {} scale", one_line(&scale.label)),
                None => "a written answer, under narrative".to_string(),
            };
            items.insert(
                ids::qualified(&fw.id.value, &item.id.value),
                described_reference(&answer, &item_description(fw, item, &about)),
            );
        }
    }
    keyed(
        "One entry per item, keyed by framework/item, such as farmer-offer/visitor-centre. An item that is not listed is not answered yet.",
        items,
    )
}

/// `metrics`: one entry per measure, keyed by its qualified id.
pub(super) fn metrics(frameworks: &[&Framework]) -> Value {
    let mut items = Map::new();
    for fw in frameworks {
        for item in fw.items() {
            if *item.kind != ItemKind::Metric {
                continue;
            }
            let metric = item.metric.as_ref();
            let rate = metric.is_some_and(|m| m.measure == Measure::Rate);
            let mut about = if rate {
                "a rate: numerator (how many) and denominator (out of how many)".to_string()
            } else {
                "a number: value".to_string()
            };
            if let Some(target) = metric.and_then(|m| m.target) {
                about.push_str(&format!("; the framework's target is {target}"));
            }
            items.insert(
                ids::qualified(&fw.id.value, &item.id.value),
                described_reference(
                    if rate { "rate" } else { "number" },
                    &item_description(fw, item, &about),
                ),
            );
        }
    }
    keyed(
        "The measures: a rate as numerator and denominator, a number as value, keyed by framework/item. A measure that is not listed is not answered yet.",
        items,
    )
}

/// A group keyed by qualified ids, each with its own schema, and no other key (an editor says
/// "Property farmer-offer/extended-visit is not allowed"). It may be left empty.
fn keyed(description: &str, items: Map<String, Value>) -> Value {
    json!({
        "description": description,
        "type": ["object", "null"],
        "properties": items,
        "additionalProperties": false,
    })
}

/// What an editor shows for an item: its text, its kind and framework, and how it is answered.
fn item_description(fw: &Framework, item: &Item, about: &str) -> String {
    format!(
        "{} ({} of {}; {about})",
        one_line(&item.text),
        item.kind.label(),
        one_line(&fw.title)
    )
}

/// The name of the definition of an answer on `scale` of `fw`.
fn answer_name(fw: &Framework, scale: &Scale) -> String {
    format!("answer.{}.{}", fw.id.value, scale.id.value)
}

/// The fields every answer to an item may have, besides its rating and not applicable.
fn answer_fields() -> Map<String, Value> {
    fields([
        ("confidence", reference("confidence")),
        (
            "evidence",
            json!({
                "description": "What shows it: a list of entries, each with kind, text and, if you like, date.",
                "type": "array",
                "items": reference("evidence"),
            }),
        ),
        (
            "narrative",
            optional_text(
                "In your own words (Markdown): what you do, what changed this year, what families told you.",
            ),
        ),
        (
            "strengths",
            list_of_text("Strengths, as a list of short points."),
        ),
        (
            "development",
            list_of_text("What needs to improve, as a list of short points."),
        ),
        (
            "restricted",
            yes_no("true leaves the whole answer out of the public report."),
        ),
        ("carried_from", carried_from("the answer")),
    ])
}

/// An answer to an item rated on `scale`: a rating among its levels (or none yet), and not
/// applicable with a reason where the scale allows it, never together with a rating.
fn rated_answer(fw: &Framework, scale: &Scale) -> Value {
    let levels: Vec<String> = scale.levels.iter().map(|l| l.id.value.clone()).collect();
    let rating = one_of_values(
        &format!(
            "Your rating on the {} scale: {}. Leave it empty until you have decided.",
            one_line(&scale.label),
            levels.join(", ")
        ),
        levels
            .iter()
            .map(|l| Value::from(l.as_str()))
            .chain([Value::Null])
            .collect(),
        scale
            .levels
            .iter()
            .map(|l| format!("{}: {}", one_line(&l.label), one_line(&l.descriptor)))
            .chain(["Not rated yet".to_string()])
            .collect(),
    );
    let mut properties = fields([("rating", rating)]);
    if scale.not_applicable {
        properties.insert("not_applicable".into(), reference("not-applicable"));
    }
    properties.extend(answer_fields());
    let mut answer = group(
        &format!(
            "An answer on the {} scale of {}.",
            one_line(&scale.label),
            one_line(&fw.title)
        ),
        &[],
        properties,
    );
    if scale.not_applicable {
        answer["if"] = json!({
            "required": ["not_applicable"],
            "properties": { "not_applicable": { "type": "string" } },
        });
        answer["then"] = json!({
            "properties": {
                "rating": {
                    "type": "null",
                    "errorMessage": "an item marked not applicable cannot also have a rating: remove one of them",
                },
            },
        });
    }
    answer
}

/// An answer to an item with no scale: written, under `narrative`, or not applicable.
fn written_answer() -> Value {
    let mut properties = fields([("not_applicable", reference("not-applicable"))]);
    properties.extend(answer_fields());
    group(
        "A written answer, under narrative: the item has no rating.",
        &[],
        properties,
    )
}

/// A figure's extra fields: the establishment's own baseline and target, a note, restricted.
fn figure_fields() -> Map<String, Value> {
    fields([
        (
            "baseline",
            optional_number(
                "Your own baseline, for example 0.45. Shown, never scored.",
                -MAX_FIGURE,
                MAX_FIGURE,
            ),
        ),
        (
            "target",
            optional_number(
                "Your own target, for example 0.6. Shown, never scored.",
                -MAX_FIGURE,
                MAX_FIGURE,
            ),
        ),
        ("note", optional_text("A note on the figure.")),
        (
            "restricted",
            yes_no("true leaves this measure out of the public report."),
        ),
    ])
}

/// A rate: numerator and denominator, or a value from 0 to 1; never both.
fn rate() -> Value {
    let mut properties = fields([
        (
            "numerator",
            optional_number(
                "How many of those counted meet the measure.",
                0.0,
                MAX_FIGURE,
            ),
        ),
        (
            "denominator",
            json!({
                "description": "How many were counted (above 0).",
                "type": ["number", "null"],
                "exclusiveMinimum": 0,
                "maximum": MAX_FIGURE,
            }),
        ),
        (
            "value",
            optional_number(
                "The rate itself, from 0 to 1 (62% is 0.62), instead of numerator and denominator.",
                0.0,
                1.0,
            ),
        ),
    ]);
    properties.extend(figure_fields());
    let mut schema = group(
        "A rate: numerator and denominator, or value.",
        &[],
        properties,
    );
    let given =
        |field: &str| json!({ "required": [field], "properties": { field: { "type": "number" } } });
    let empty = |message: &str| json!({ "type": "null", "errorMessage": message });
    schema["allOf"] = json!([
        {
            "if": given("value"),
            "then": { "properties": {
                "numerator": empty("give either value or numerator and denominator, not both"),
                "denominator": empty("give either value or numerator and denominator, not both"),
            } },
        },
        { "if": given("numerator"), "then": given("denominator") },
        { "if": given("denominator"), "then": given("numerator") },
    ]);
    schema
}

/// A number: its value.
fn number() -> Value {
    let mut properties = fields([(
        "value",
        optional_number("The figure, 0 or more.", 0.0, MAX_FIGURE),
    )]);
    properties.extend(figure_fields());
    group("A number: value.", &[], properties)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::model::framework::Framework;

    fn mini() -> Framework {
        crate::model::framework::mini_for_tests()
    }

    #[test]
    fn each_item_is_answered_as_its_scale_says() {
        let fw = mini();
        let schema = super::super::assessment(&[&fw]);
        let responses = &schema["properties"]["responses"]["properties"];
        assert_eq!(
            responses["mini/a1"]["$ref"],
            "#/definitions/answer.mini.four"
        );
        assert_eq!(responses["mini/a3"]["$ref"], "#/definitions/written");
        assert_eq!(
            responses["mini/b1"]["$ref"],
            "#/definitions/answer.mini.check"
        );
        // A measure is answered under metrics, as a rate.
        assert!(responses.get("mini/b2").is_none());
        let metrics = &schema["properties"]["metrics"]["properties"];
        assert_eq!(metrics["mini/b2"]["$ref"], "#/definitions/rate");
        let defs = &schema["definitions"];
        let four = &defs["answer.mini.four"];
        assert_eq!(
            four["properties"]["rating"]["enum"],
            json!(["none", "some", "most", "all", null])
        );
        assert_eq!(
            four["properties"]["rating"]["enumDescriptions"][2],
            "Most: Most of it."
        );
        // The four-level scale allows not applicable, never with a rating; the checklist does
        // not allow it at all; a written answer may say it.
        assert!(four["properties"].get("not_applicable").is_some());
        assert_eq!(four["then"]["properties"]["rating"]["type"], "null");
        let check = &defs["answer.mini.check"];
        assert!(check["properties"].get("not_applicable").is_none());
        assert!(check.get("then").is_none());
        assert!(
            defs["written"]["properties"]
                .get("not_applicable")
                .is_some()
        );
        assert!(defs["written"]["properties"].get("rating").is_none());
        // The framework's kinds of evidence, and nothing else.
        assert_eq!(
            defs["evidence"]["properties"]["kind"]["enum"],
            json!(["document"])
        );
    }

    #[test]
    fn the_same_frameworks_give_the_same_schema() {
        let fw = mini();
        let one = serde_json::to_string(&super::super::assessment(&[&fw])).unwrap();
        let two = serde_json::to_string(&super::super::assessment(&[&fw])).unwrap();
        assert_eq!(one, two);
    }
}
