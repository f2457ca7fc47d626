//! The schema of a framework file: the fields of `crate::model::framework`, the same for every
//! framework (a framework's own ids are its to choose).

use serde_json::{Value, json};

use crate::model::assessment::Nation;
use crate::model::framework::{Better, ItemKind, LinkKind, Measure, MeasureRule, Term};
use crate::validate::framework::MAX_WEIGHT;

use super::{
    described_reference, document, fields, group, id, list_of_text, one_of_values, optional_text,
    reference, text, word, words, yes_no,
};

/// `framework/item`: an item outside its own file.
const QUALIFIED_PATTERN: &str = "^[a-z0-9]([a-z0-9-]*[a-z0-9])?/[a-z0-9]([a-z0-9-]*[a-z0-9])?$";

/// The schema of a framework file, for those who write or change one.
pub fn framework() -> Value {
    let mut schema = document(
        "ties framework",
        "A framework: what good practice in supporting prisoners' family ties looks like, as sections of items with their answer scales and sources. Made by `ties schema framework`; `ties check` checks everything this schema checks, and more.",
        &[
            "id",
            "title",
            "version",
            "source",
            "description",
            "scales",
            "sections",
        ],
        fields([
            ("id", id("The framework's stable id, such as farmer-offer.")),
            ("title", text("The framework's title.")),
            (
                "version",
                words(
                    "The framework file's own version, such as \"1.0.0\": change it when items change.",
                ),
            ),
            (
                "source",
                described_reference("source", "The document the framework encodes."),
            ),
            (
                "nations",
                json!({
                    "description": "The nations whose prisons the framework is for, as its source says: [england-wales], [scotland], or both for a framework for every nation. Left out: the framework does not say, and is taken to be for every nation.",
                    "type": "array",
                    "minItems": 1,
                    "uniqueItems": true,
                    "items": one_of_values(
                        "england-wales or scotland.",
                        Nation::ALL.into_iter().map(word).collect(),
                        Nation::ALL.iter().map(|n| n.label().to_string()).collect(),
                    ),
                }),
            ),
            (
                "description",
                text("What the framework is for and how to use it (Markdown)."),
            ),
            (
                "glossary",
                json!({
                    "description": "Every acronym the framework's text uses, with its meaning.",
                    "type": "object",
                    "additionalProperties": { "type": "string" },
                }),
            ),
            (
                "evidence_kinds",
                json!({
                    "description": "The kinds of evidence a self-assessment may cite.",
                    "type": "array",
                    "items": reference("evidence-kind"),
                }),
            ),
            (
                "tags",
                json!({
                    "description": "Vocabularies that items can be tagged with.",
                    "type": "array",
                    "items": reference("tag-vocabulary"),
                }),
            ),
            (
                "scales",
                json!({
                    "description": "Answer scales, declared once and named by id from items.",
                    "type": "array",
                    "items": reference("scale"),
                }),
            ),
            ("scoring", reference("scoring")),
            (
                "sections",
                json!({
                    "description": "The framework's sections, each with items or sub-sections.",
                    "type": "array",
                    "items": reference("section"),
                }),
            ),
        ]),
    );
    let definitions = fields([
        ("source", source()),
        ("evidence-kind", evidence_kind()),
        ("tag-vocabulary", tag_vocabulary()),
        ("scale", scale()),
        ("scoring", scoring()),
        ("section", section()),
        ("item", item()),
        ("link", link()),
        ("metric", metric()),
        (
            "weight",
            json!({
                "description": "How much it counts, above 0 (1 is the usual weight; 2 counts twice as much).",
                "type": "number",
                "exclusiveMinimum": 0,
                "maximum": MAX_WEIGHT,
            }),
        ),
    ]);
    schema.insert("definitions".into(), Value::Object(definitions));
    Value::Object(schema)
}

fn source() -> Value {
    group(
        "Where content comes from, precisely enough for a reader to check it.",
        &["publisher", "title"],
        fields([
            ("publisher", text("Who published it.")),
            ("title", text("Its title.")),
            (
                "year",
                json!({ "description": "The year it was published.", "type": ["integer", "null"], "minimum": 0, "maximum": 65535 }),
            ),
            ("url", optional_text("Where to read it.")),
            (
                "ref",
                optional_text("Where in it, such as a paragraph or a page."),
            ),
        ]),
    )
}

/// `source_ref`: where something comes from in the framework's source.
fn source_ref() -> Value {
    optional_text("Where this comes from in the source.")
}

/// `defined_by_project`, where it may be left out (false).
fn by_project(what: &str) -> Value {
    yes_no(&format!(
        "true when {what} is the project's own, not taken from a source."
    ))
}

fn evidence_kind() -> Value {
    group(
        "A kind of evidence: source_ref, or defined_by_project: true.",
        &["id", "label"],
        fields([
            ("id", id("The kind's id, such as establishment-data.")),
            ("label", text("Its name, such as Establishment data.")),
            ("description", optional_text("What it covers.")),
            ("source_ref", source_ref()),
            ("defined_by_project", by_project("the kind")),
        ]),
    )
}

fn tag_vocabulary() -> Value {
    let value = group(
        "A value of the vocabulary.",
        &["id", "label"],
        fields([
            ("id", id("The value's id: items say vocabulary/value.")),
            ("label", text("Its name.")),
            ("text", optional_text("The source's own words.")),
        ]),
    );
    group(
        "A vocabulary of tags: an item says tags: [vocabulary/value].",
        &["id", "label", "assigned_by_project", "values"],
        fields([
            ("id", id("The vocabulary's id, such as strand.")),
            ("label", text("Its name.")),
            ("source_ref", source_ref()),
            ("defined_by_project", by_project("the values are")),
            (
                "assigned_by_project",
                yes_no(
                    "true: the source does not say which items carry which value, and note says how the project decided.",
                ),
            ),
            (
                "note",
                optional_text("How the project applied the vocabulary."),
            ),
            (
                "values",
                json!({ "description": "The vocabulary's values.", "type": "array", "items": value }),
            ),
        ]),
    )
}

fn scale() -> Value {
    let level = group(
        "A level of the scale.",
        &["id", "label", "value", "descriptor"],
        fields([
            (
                "id",
                id("The level's id: what a rating is written with, such as fully-in-place."),
            ),
            ("label", text("Its name, such as Fully in place.")),
            (
                "value",
                json!({ "description": "Its value: values increase from the lowest level to the highest.", "type": "number", "minimum": -MAX_WEIGHT, "maximum": MAX_WEIGHT }),
            ),
            ("descriptor", text("What the level means.")),
            ("source_ref", source_ref()),
            ("defined_by_project", by_project("the descriptor's wording")),
        ]),
    );
    group(
        "An answer scale: ordered levels, lowest first.",
        &["id", "label", "defined_by_project", "levels"],
        fields([
            ("id", id("The scale's id, named by items.")),
            ("label", text("Its name.")),
            (
                "defined_by_project",
                yes_no(
                    "true: the project made this scale up, and note says why; false: source says where it comes from.",
                ),
            ),
            (
                "source",
                json!({ "description": "Where the scale comes from.", "anyOf": [reference("source"), { "type": "null" }] }),
            ),
            ("note", optional_text("Why the project defines this scale.")),
            (
                "not_applicable",
                yes_no("true: an answer may say the item does not apply, with a reason."),
            ),
            (
                "inspectorate",
                yes_no(
                    "true: the levels are an inspectorate's grade words, so every rating on this scale is shown as self-assessed (\"Self-assessed: good\"), never as the inspectorate's judgement.",
                ),
            ),
            (
                "levels",
                json!({ "description": "At least two levels, lowest first.", "type": "array", "minItems": 2, "items": level }),
            ),
        ]),
    )
}

fn scoring() -> Value {
    let band = group(
        "A band of scores and its grade.",
        &["grade", "min", "max"],
        fields([
            ("grade", text("The grade's label.")),
            (
                "min",
                json!({ "description": "The lowest score in the band, from 0 to 1.", "type": "number", "minimum": 0, "maximum": 1 }),
            ),
            (
                "max",
                json!({ "description": "The score the band ends at, from 0 to 1.", "type": "number", "minimum": 0, "maximum": 1 }),
            ),
        ]),
    );
    let rules = [
        MeasureRule::Reported,
        MeasureRule::ScoredAgainstFrameworkTarget,
    ];
    group(
        "How answers are scored.",
        &[],
        fields([
            (
                "min_coverage",
                json!({ "description": "Below this share of answered weight, grades are provisional (default 0.8).", "type": "number", "minimum": 0, "maximum": 1 }),
            ),
            (
                "evidence_required",
                json!({
                    "description": "Per scale, the lowest level that needs evidence.",
                    "type": "object",
                    "additionalProperties": { "type": "string" },
                }),
            ),
            ("bands_note", optional_text("How the bands were chosen (required when there are bands).")),
            (
                "bands",
                json!({ "description": "Score ranges from 0 to 1 and their grades, lowest first.", "type": "array", "items": band }),
            ),
            (
                "measures",
                one_of_values(
                    "Whether measures count in the score.",
                    rules.into_iter().map(word).collect(),
                    vec![
                        "Measures are shown as figures and never count in a score (the default).".into(),
                        "A measure whose metric gives a baseline and a target counts with its progress from one to the other.".into(),
                    ],
                ),
            ),
        ]),
    )
}

fn section() -> Value {
    group(
        "A section: items, sub-sections, or both.",
        &["id", "title"],
        fields([
            (
                "id",
                id("The section's id: sections and items share one set of ids."),
            ),
            ("title", text("Its title.")),
            (
                "short_title",
                optional_text("A few words for tables and charts."),
            ),
            (
                "description",
                optional_text("Shown under the section's heading (Markdown)."),
            ),
            (
                "guidance",
                optional_text("Guidance for the whole section (Markdown)."),
            ),
            ("weight", reference("weight")),
            ("source_ref", source_ref()),
            (
                "items",
                json!({ "description": "The section's items.", "type": "array", "items": reference("item") }),
            ),
            (
                "sections",
                json!({ "description": "Sub-sections, of the same shape.", "type": "array", "items": reference("section") }),
            ),
        ]),
    )
}

fn item() -> Value {
    let kinds = kinds();
    let terms = Term::ALL;
    let mut item = group(
        "An item: what an establishment answers.",
        &["id", "kind", "text"],
        fields([
            (
                "id",
                id("The item's id: outside this file it is framework/item."),
            ),
            (
                "kind",
                one_of_values(
                    "criterion, question, checklist, metric or outcome.",
                    kinds.into_iter().map(word).collect(),
                    kinds.iter().map(|k| k.label().to_string()).collect(),
                ),
            ),
            ("text", text("What the item asks.")),
            ("guidance", optional_text("Guidance (Markdown).")),
            ("prompts", list_of_text("Guiding questions.")),
            ("examples", list_of_text("Possible resources and evidence.")),
            (
                "scale",
                json!({ "description": "The id of the scale the item is answered on: required for criterion, checklist and outcome.", "type": ["string", "null"] }),
            ),
            ("weight", reference("weight")),
            (
                "tags",
                json!({
                    "description": "Tags, as vocabulary/value.",
                    "type": "array",
                    "items": { "type": "string", "pattern": QUALIFIED_PATTERN },
                }),
            ),
            (
                "term",
                one_of_values(
                    "Outcomes only: short, medium or long.",
                    terms.into_iter().map(word).chain([Value::Null]).collect(),
                    terms
                        .iter()
                        .map(|t| t.label().to_string())
                        .chain(["Not given".to_string()])
                        .collect(),
                ),
            ),
            (
                "maps_to",
                json!({ "description": "Links to items of other frameworks, or of this one.", "type": "array", "items": reference("link") }),
            ),
            ("source_ref", source_ref()),
            (
                "metric",
                json!({ "description": "Measures only: what is counted.", "anyOf": [reference("metric"), { "type": "null" }] }),
            ),
        ]),
    );
    let kind_is = |ids: &[ItemKind]| json!({ "properties": { "kind": { "enum": ids.iter().map(|k| word(*k)).collect::<Vec<_>>() } } });
    let given = |field: &str| json!({ "required": [field], "properties": { field: { "not": { "type": "null" } } } });
    let absent = |field: &str, message: &str| json!({ "properties": { field: { "type": "null", "errorMessage": message } } });
    item["allOf"] = json!([
        {
            "if": kind_is(&[ItemKind::Criterion, ItemKind::Checklist, ItemKind::Outcome]),
            "then": given("scale"),
        },
        {
            "if": kind_is(&[ItemKind::Metric]),
            "then": given("metric"),
            "else": absent("metric", "metric: is only for measures (kind: metric)"),
        },
        {
            "if": kind_is(&[ItemKind::Metric]),
            "then": absent("scale", "a measure cannot have a scale"),
        },
        {
            "if": kind_is(&[ItemKind::Outcome]),
            "then": given("term"),
            "else": absent("term", "term is only for logic-model outcomes (kind: outcome)"),
        },
    ]);
    item
}

/// Every kind of item. A new kind is a compile error here until it is listed.
fn kinds() -> [ItemKind; 5] {
    use ItemKind::*;
    let all = [Criterion, Question, Checklist, Metric, Outcome];
    for k in all {
        match k {
            Criterion | Question | Checklist | Metric | Outcome => {}
        }
    }
    all
}

fn link() -> Value {
    let kinds = [LinkKind::Related, LinkKind::SamePractice];
    let qualified = json!({
        "description": "The linked item, as framework/item: a related link.",
        "type": "string",
        "pattern": QUALIFIED_PATTERN,
    });
    let full = group(
        "A link with its kind and why.",
        &["item"],
        fields([
            ("item", qualified.clone()),
            (
                "kind",
                one_of_values(
                    "related (the default) or same-practice.",
                    kinds.into_iter().map(word).collect(),
                    kinds.iter().map(|k| k.label().to_string()).collect(),
                ),
            ),
            (
                "source_ref",
                optional_text(
                    "Why: where the sources connect the two items (required for same-practice).",
                ),
            ),
        ]),
    );
    json!({ "description": "A link: framework/item, or a group of item, kind and source_ref.", "anyOf": [qualified, full] })
}

fn metric() -> Value {
    let measures = [Measure::Rate, Measure::Number];
    let better = [Better::Higher, Better::Lower];
    group(
        "What a measure counts.",
        &["measure", "better"],
        fields([
            (
                "measure",
                one_of_values(
                    "rate (a numerator and denominator) or number.",
                    measures.into_iter().map(word).collect(),
                    vec![
                        "A rate: numerator and denominator".into(),
                        "A number".into(),
                    ],
                ),
            ),
            (
                "better",
                one_of_values(
                    "higher or lower.",
                    better.into_iter().map(word).collect(),
                    vec!["Higher is better".into(), "Lower is better".into()],
                ),
            ),
            ("unit", optional_text("The unit, for a number.")),
            (
                "target",
                json!({ "description": "The framework's target.", "type": ["number", "null"] }),
            ),
            (
                "baseline",
                json!({ "description": "The framework's baseline.", "type": ["number", "null"] }),
            ),
        ]),
    )
}
