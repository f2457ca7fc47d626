//! JSON Schemas (draft-07) of the files people write for `ties`: a self-assessment, a framework
//! and a register. An editor that reads JSON Schema for YAML (the YAML language server, used by
//! VS Code's YAML extension) completes field names, item ids and ratings from them, shows the
//! descriptions as help, and underlines a wrong value as it is typed.
//!
//! Each schema mirrors the model in `crate::model`: the same field names, the same required
//! fields, unknown fields refused where the model refuses them, and an empty value (`rating:`
//! with nothing after it) allowed where the model reads it as "not given". A self-assessment's
//! schema is made for a set of frameworks: it lists their item ids and, for each item, the
//! ratings its scale allows. `ties check` stays the judge: a schema cannot see everything (two
//! actions with the same id, a numerator above its denominator), and says nothing that `ties
//! check` would not.
//!
//! Besides the standard keywords the schemas carry two that editors read and validators ignore:
//! `enumDescriptions` (what each allowed value means, shown beside it when completing) and
//! `errorMessage` (a plain sentence instead of a validator's wording).

mod answers;
mod assessment;
mod framework;
mod register;

pub use assessment::assessment;
pub use framework::framework;
pub use register::register;

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::model::ids;

/// The draft every schema is written in: the YAML language server reads draft-07.
const DRAFT: &str = "http://json-schema.org/draft-07/schema#";

/// An id: lower-case letters, digits and hyphens, not starting or ending with a hyphen (the rule
/// of `ids::is_valid_id`).
const ID_PATTERN: &str = "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";

/// A date written `YYYY-MM-DD`.
const DATE_PATTERN: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

/// Text with something in it besides spaces.
const NOT_BLANK: &str = "\\S";

/// A whole schema: the draft, a title and a description, and the file's fields, of which
/// `required` must be there, and no others.
fn document(
    title: &str,
    description: &str,
    required: &[&str],
    properties: Map<String, Value>,
) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("$schema".into(), DRAFT.into());
    m.insert("title".into(), title.into());
    m.insert("description".into(), description.into());
    if let Value::Object(body) = group("", required, properties) {
        m.extend(body);
    }
    m
}

/// A group of fields: `properties`, of which `required` must be there, and no others.
fn group(description: &str, required: &[&str], properties: Map<String, Value>) -> Value {
    let mut m = Map::new();
    if !description.is_empty() {
        m.insert("description".into(), description.into());
    }
    m.insert("type".into(), "object".into());
    m.insert("additionalProperties".into(), false.into());
    if !required.is_empty() {
        m.insert("required".into(), json!(required));
    }
    m.insert("properties".into(), Value::Object(properties));
    Value::Object(m)
}

/// Fields by name, in the order given.
fn fields<const N: usize>(entries: [(&str, Value); N]) -> Map<String, Value> {
    entries
        .into_iter()
        .map(|(name, schema)| (name.to_string(), schema))
        .collect()
}

/// Text that must be given.
fn text(description: &str) -> Value {
    json!({ "description": description, "type": "string" })
}

/// Text that must say something: not empty, not only spaces.
fn words(description: &str) -> Value {
    json!({ "description": description, "type": "string", "pattern": NOT_BLANK })
}

/// Text that may be left empty (the model reads an empty value as not given).
fn optional_text(description: &str) -> Value {
    json!({ "description": description, "type": ["string", "null"] })
}

/// A yes-or-no field. An empty value is refused: the model has no "not given" for these.
fn yes_no(description: &str) -> Value {
    json!({ "description": description, "type": "boolean" })
}

/// The year an answer was carried forward from (`ties init --from`), kept until it is changed
/// or confirmed by removing the line.
fn carried_from(what: &str) -> Value {
    json!({
        "description": format!("The year {what} was carried forward from, by `ties init --from`. Change {what}, or remove this line if it still holds."),
        "type": "integer",
        "minimum": crate::model::ids::YEARS.start(),
        "maximum": crate::model::ids::YEARS.end(),
    })
}

/// A list of short pieces of text.
fn list_of_text(description: &str) -> Value {
    json!({ "description": description, "type": "array", "items": { "type": "string" } })
}

/// A number that may be left empty, from `min` to `max`.
fn optional_number(description: &str, min: f64, max: f64) -> Value {
    json!({
        "description": description,
        "type": ["number", "null"],
        "minimum": min,
        "maximum": max,
    })
}

/// An id of one of the frameworks' things (a scale, an item, a section).
fn id(description: &str) -> Value {
    json!({
        "description": description,
        "type": "string",
        "pattern": ID_PATTERN,
        "errorMessage": format!("an id is {}, such as visitor-centre", ids::ID_RULE),
    })
}

/// A date written `YYYY-MM-DD`, which may be left empty.
fn date(description: &str) -> Value {
    json!({
        "description": description,
        "type": ["string", "null"],
        "pattern": DATE_PATTERN,
        "format": "date",
        "errorMessage": "a date is written YYYY-MM-DD, such as 2026-04-20",
    })
}

/// One of a fixed set of values, each with what it means, for an editor to offer.
fn one_of_values(description: &str, values: Vec<Value>, meanings: Vec<String>) -> Value {
    json!({
        "description": description,
        "enum": values,
        "enumDescriptions": meanings,
    })
}

/// The words a value of a model's enum is written with in a file (its serde name).
fn word(value: impl Serialize) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// A reference to a shared definition of the same schema.
fn reference(definition: &str) -> Value {
    json!({ "$ref": format!("#/definitions/{definition}") })
}

/// A reference to a shared definition, with a description of its own for an editor to show.
/// (Draft-07 validators read only the reference; editors show the description beside it.)
fn described_reference(definition: &str, description: &str) -> Value {
    json!({ "$ref": format!("#/definitions/{definition}"), "description": description })
}

/// Text on one line, for a description: line breaks and runs of spaces become one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_id_pattern_is_the_id_rule() {
        let re = regex::Regex::new(ID_PATTERN).unwrap();
        for s in [
            "hmp-example",
            "a",
            "hmp-yoi-2",
            "a--b",
            "",
            "HMP",
            "-x",
            "x-",
            "a_b",
            "é",
        ] {
            assert_eq!(re.is_match(s), ids::is_valid_id(s), "{s:?}");
        }
    }

    #[test]
    fn descriptions_are_on_one_line() {
        assert_eq!(one_line("Two\n  lines "), "Two lines");
    }
}
