//! The schema of a register: the establishments expected to submit a self-assessment.

use serde_json::{Value, json};

use crate::model::assessment::Nation;

use super::{document, fields, group, id, list_of_text, one_of_values, optional_text, text, word};

/// The schema of a register file (`establishments:`), for national leads who keep one.
pub fn register() -> Value {
    let nations = [Nation::EnglandWales, Nation::Scotland];
    let entry = group(
        "An establishment expected to submit a self-assessment.",
        &["id", "name", "nation"],
        fields([
            (
                "id",
                id("The establishment's id, as its self-assessments give it, such as hmp-example."),
            ),
            ("name", text("Its name, such as HMP Example.")),
            (
                "nation",
                one_of_values(
                    "england-wales or scotland.",
                    nations.into_iter().map(word).collect(),
                    nations.iter().map(|n| n.label().to_string()).collect(),
                ),
            ),
            ("region", optional_text("The region, such as North West.")),
            (
                "comparator_group",
                optional_text("Prisons of similar function and population, such as reception."),
            ),
            (
                "type",
                optional_text("A free description, such as Category B local."),
            ),
        ]),
    );
    let schema = document(
        "ties register",
        "The national register of establishments: who is expected to submit a self-assessment. Made by `ties schema register`; `ties check` checks everything this schema checks, and more.",
        &["establishments"],
        fields([
            (
                "establishments",
                json!({ "description": "One entry per establishment.", "type": "array", "items": entry }),
            ),
            (
                "public_contacts",
                list_of_text(
                    "Contact details that are public for the whole estate (a national helpline): the personal-data check lets these exact values pass in every file.",
                ),
            ),
        ]),
    );
    Value::Object(schema)
}
