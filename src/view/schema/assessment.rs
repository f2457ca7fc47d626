//! The schema of a self-assessment for a set of frameworks: their item ids under `responses`
//! and `metrics`, the ratings each item's scale allows, the frameworks' kinds of evidence, and
//! the shape of every other field of `crate::model::assessment`.

use serde_json::{Map, Value, json};

use crate::model::assessment::{ActionStatus, FORMAT_VERSION, Nation};
use crate::model::framework::Framework;
use crate::model::ids;

use super::{
    answers, carried_from, date, document, fields, group, id, list_of_text, one_line,
    one_of_values, optional_text, reference, text, word, words, yes_no,
};

/// The schema of a self-assessment answering `frameworks` (each once): what `ties schema` writes.
pub fn assessment(frameworks: &[&Framework]) -> Value {
    let names: Vec<String> = frameworks
        .iter()
        .map(|f| format!("{} {}", f.id.value, f.version.value))
        .collect();
    let properties = fields([
        (
            "ties",
            json!({
                "description": "The file format version: always 1 for now.",
                "const": FORMAT_VERSION,
            }),
        ),
        ("establishment", reference("establishment")),
        (
            "year",
            json!({
                "description": "The year the self-assessment reports on, such as 2025.",
                "type": "integer",
                "minimum": ids::YEARS.start(),
                "maximum": ids::YEARS.end(),
            }),
        ),
        (
            "completed_on",
            date(
                "The day the self-assessment was finished, as YYYY-MM-DD. Leave it empty while you are still writing.",
            ),
        ),
        (
            "completed_by",
            optional_text(
                "Who completed it: a role, not a person's name, such as Head of Reducing Reoffending.",
            ),
        ),
        ("frameworks", framework_list(frameworks)),
        ("responses", answers::responses(frameworks)),
        ("metrics", answers::metrics(frameworks)),
        (
            "actions",
            json!({
                "description": "The live action plan: one entry per action.",
                "type": "array",
                "items": reference("action"),
            }),
        ),
    ]);
    let mut schema = document(
        "Family ties self-assessment",
        &format!(
            "One establishment's self-assessment for one year, answering the frameworks {}. \
             Made by `ties schema`; `ties check` checks everything this schema checks, and more.",
            names.join(", ")
        ),
        &["ties", "establishment", "year", "frameworks"],
        properties,
    );
    let known = json!({ "enum": framework_names(frameworks).0 });
    let not_listed: Vec<Value> = frameworks.iter().map(|f| not_listed(f, &known)).collect();
    if !not_listed.is_empty() {
        schema.insert("allOf".into(), Value::Array(not_listed));
    }
    schema.insert("definitions".into(), Value::Object(definitions(frameworks)));
    Value::Object(schema)
}

/// The shared definitions: the establishment, an action, evidence, and one kind of answer per
/// scale of each framework, a written answer, a rate and a number.
fn definitions(frameworks: &[&Framework]) -> Map<String, Value> {
    let mut defs = Map::new();
    defs.insert("establishment".into(), establishment());
    defs.insert("action".into(), action(frameworks));
    defs.insert("evidence".into(), evidence(frameworks));
    defs.extend(answers::definitions(frameworks));
    defs
}

fn establishment() -> Value {
    let nations = [Nation::EnglandWales, Nation::Scotland];
    group(
        "The establishment the self-assessment is for.",
        &["id", "name", "nation"],
        fields([
            (
                "id",
                id("A stable, lower-case id, such as hmp-example: it links the years together."),
            ),
            (
                "name",
                text("The establishment's name, such as HMP Example."),
            ),
            (
                "nation",
                one_of_values(
                    "england-wales or scotland.",
                    nations.into_iter().map(word).collect(),
                    nations.iter().map(|n| n.label().to_string()).collect(),
                ),
            ),
            (
                "region",
                optional_text("The region, such as North West. May be left empty."),
            ),
            (
                "comparator_group",
                optional_text(
                    "Prisons of similar function and population, such as reception. May be left empty.",
                ),
            ),
            (
                "type",
                optional_text("A free description, such as Category B local. May be left empty."),
            ),
            (
                "public_contacts",
                list_of_text(
                    "Contact details that are public (a helpline's number, a team mailbox): the personal-data check lets these exact values pass.",
                ),
            ),
        ]),
    )
}

/// `frameworks`: the frameworks the file answers, each once.
fn framework_list(frameworks: &[&Framework]) -> Value {
    let (values, meanings) = framework_names(frameworks);
    json!({
        "description": "The frameworks this self-assessment answers, such as [farmer-offer, hmpps-family-practice]. `id@version` keeps to one version.",
        "type": "array",
        "minItems": 1,
        "uniqueItems": true,
        "items": one_of_values("A framework's id.", values, meanings),
    })
}

/// How a file may name each framework, with what each name means: by its id, or by
/// `id@version` to keep to this version.
fn framework_names(frameworks: &[&Framework]) -> (Vec<Value>, Vec<String>) {
    let mut values = Vec::new();
    let mut meanings = Vec::new();
    for fw in frameworks {
        let title = one_line(&fw.title);
        values.push(Value::from(fw.id.value.clone()));
        meanings.push(format!("{title} (the current version)"));
        values.push(format!("{}@{}", fw.id.value, fw.version.value).into());
        meanings.push(format!("{title}, kept to version {}", fw.version.value));
    }
    (values, meanings)
}

/// One piece of evidence: a kind the frameworks declare, some text, and perhaps a date.
fn evidence(frameworks: &[&Framework]) -> Value {
    let mut kinds: Vec<Value> = Vec::new();
    let mut meanings = Vec::new();
    for kind in frameworks.iter().flat_map(|f| &f.evidence_kinds) {
        let id = Value::from(kind.id.value.clone());
        if kinds.contains(&id) {
            continue;
        }
        kinds.push(id);
        meanings.push(match &kind.description {
            Some(d) => format!("{}: {}", one_line(&kind.label), one_line(d)),
            None => one_line(&kind.label),
        });
    }
    let kind = if kinds.is_empty() {
        json!({ "description": "These frameworks declare no kinds of evidence.", "not": {} })
    } else {
        one_of_values(
            "The kind of evidence, one of those the frameworks declare.",
            kinds,
            meanings,
        )
    };
    group(
        "A piece of evidence.",
        &["kind", "text"],
        fields([
            ("kind", kind),
            ("text", words("What the evidence is and what it shows.")),
            (
                "date",
                date("The evidence's date, as YYYY-MM-DD. May be left out."),
            ),
            (
                "restricted",
                yes_no("true leaves this entry out of the public report."),
            ),
            ("carried_from", carried_from("this evidence")),
        ]),
    )
}

/// One action of the action plan.
fn action(frameworks: &[&Framework]) -> Value {
    let statuses = statuses();
    let items: Vec<Value> = frameworks
        .iter()
        .flat_map(|f| {
            f.items()
                .into_iter()
                .map(|i| Value::from(ids::qualified(&f.id.value, &i.id.value)))
        })
        .collect();
    group(
        "An action.",
        &["id", "what", "owner", "status"],
        fields([
            (
                "id",
                text("A short id of your own, such as A1: each action has its own."),
            ),
            ("what", text("What will be done, in one sentence.")),
            (
                "owner",
                text("Who owns it: a role, such as Family services manager."),
            ),
            ("due", date("When it is due, as YYYY-MM-DD.")),
            (
                "status",
                one_of_values(
                    "open, in-progress, done or dropped.",
                    statuses.into_iter().map(word).collect(),
                    statuses.iter().map(|s| s.label().to_string()).collect(),
                ),
            ),
            ("done_on", date("When it was done, as YYYY-MM-DD.")),
            (
                "items",
                json!({
                    "description": "The items the action serves, as framework/item.",
                    "type": "array",
                    "items": {
                        "enum": items,
                        "errorMessage": "there is no such item in these frameworks",
                    },
                }),
            ),
            ("note", optional_text("A note on progress.")),
            (
                "restricted",
                yes_no("true leaves this action out of the public report."),
            ),
        ]),
    )
}

/// Every status an action can have. A new status is a compile error here until it is listed.
fn statuses() -> [ActionStatus; 4] {
    use ActionStatus::*;
    let all = [Open, InProgress, Done, Dropped];
    for s in all {
        match s {
            Open | InProgress | Done | Dropped => {}
        }
    }
    all
}

/// When the file does not name `fw` under `frameworks`, no key under `responses` or `metrics`,
/// and no item of an action, may be one of its items. As with `ties check`, a file that names a
/// framework these frameworks do not include (often a misspelling) hears of that once, under
/// `frameworks`, rather than again at every item.
fn not_listed(fw: &Framework, known: &Value) -> Value {
    let id = &fw.id.value;
    let names = [id.clone(), format!("{id}@{}", fw.version.value)];
    let message = format!(
        "this item belongs to the framework {id}, which this file does not list under frameworks: add it there, or remove this entry"
    );
    let elsewhere = json!({
        "pattern": format!("^(?!{id}/)"),
        "errorMessage": message,
        "patternErrorMessage": message,
    });
    json!({
        "if": { "properties": { "frameworks": {
            "items": known,
            "not": { "contains": { "enum": names } },
        } } },
        "then": { "properties": {
            "responses": { "propertyNames": elsewhere },
            "metrics": { "propertyNames": elsewhere },
            "actions": { "items": { "properties": { "items": { "items": elsewhere } } } },
        } },
    })
}
