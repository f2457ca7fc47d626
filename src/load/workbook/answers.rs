//! The Start here sheet, the framework sheets and the Measures sheet, as the parts of the tree
//! a YAML file's top, `responses:` and `metrics:` give.

use std::borrow::Cow;

// Hashed the quick way (see `super`).
use rustc_hash::FxHashMap as HashMap;

use super::cells::{Reader, group, node, yes_no_text};
use super::grid::{Cell, Grid, trimmed};
use super::layout::{self, CONFIDENCE, FORMAT_KEY, FRAMEWORK_KEY, NATIONS};
use crate::diag::source::Pos;
use crate::load::node::{Key, Node, Value};

/// The answers read so far, by item, in the order of the sheets; evidence joins them later.
#[derive(Default)]
pub struct Answers {
    pub list: Vec<Answer>,
    index: HashMap<String, usize>,
}

pub struct Answer {
    pub key: Key,
    pub fields: Vec<(&'static str, Node)>,
    pub evidence: Vec<Node>,
}

impl Answers {
    /// The answer to `item`, made (at `pos`) if there is none yet.
    pub fn entry(&mut self, item: &str, pos: Pos) -> &mut Answer {
        let i = match self.index.get(item) {
            Some(&i) => i,
            None => {
                self.list.push(Answer {
                    key: Key {
                        name: item.to_string().into(),
                        pos,
                    },
                    fields: Vec::new(),
                    evidence: Vec::new(),
                });
                self.index.insert(item.to_string(), self.list.len() - 1);
                self.list.len() - 1
            }
        };
        &mut self.list[i]
    }

    pub fn into_node(self, pos: Pos) -> Node {
        let entries = self
            .list
            .into_iter()
            .map(|a| {
                let mut fields = a.fields;
                if !a.evidence.is_empty() {
                    let at = a.evidence[0].pos;
                    fields.push(("evidence", node(at, Value::List(a.evidence))));
                }
                let g = group(a.key.pos, fields);
                (a.key, g)
            })
            .collect();
        node(pos, Value::Map(entries))
    }
}

/// The top of the self-assessment, from the Start here sheet: the format version, the
/// establishment, the year, the dates and the frameworks, as `(field, value)` pairs. `None` when
/// the format version is one this `ties` does not know (the problem is then the only one).
pub fn start(r: &mut Reader, g: &Grid) -> Option<Vec<(&'static str, Node)>> {
    let mut top: Vec<(&'static str, Node)> = Vec::new();
    let mut establishment: Vec<(&'static str, Node)> = Vec::new();
    let mut frameworks: Vec<Node> = Vec::new();
    let mut first: Option<Pos> = None;
    let rows: Vec<u32> = g.rows.keys().copied().collect();
    for row in rows {
        let Some(key) = g.row_key(row) else { continue };
        let pos = r.pos(g, row, "value");
        first.get_or_insert(pos);
        if key == "establishment.public_contacts" {
            r.layout.public_contacts = Some(pos);
        }
        if let Some(listed) = key.strip_prefix(FRAMEWORK_KEY) {
            r.cell(g, row, "value");
            frameworks.push(node(pos, Value::Str(listed.trim().to_string())));
            continue;
        }
        let value = match key {
            FORMAT_KEY => {
                let Some(n) = whole(r, g, row) else {
                    if r.cell(g, row, "value").is_none() {
                        let d = r
                            .error(pos, "the cell that says which version of the workbook this is is empty")
                            .expected(format!("workbook format {}", layout::FORMAT))
                            .help("the hidden rows of the Start here sheet were changed: start again from the workbook that was sent, or make a new one with `ties workbook` and copy the answers into it");
                        r.problems.push(d);
                    }
                    return None;
                };
                if n.value != Value::Int(i64::from(layout::FORMAT)) {
                    let d = r
                        .error(n.pos, "this workbook was made by a newer version of ties")
                        .expected(format!("workbook format {}", layout::FORMAT))
                        .found(format!("workbook format {}", shown(&n.value)))
                        .help("use the newer version of ties to read it");
                    r.problems.push(d);
                    return None;
                }
                Some(n)
            }
            "year" => whole(r, g, row),
            "completed_on" => r.date(g, row, "value", "the completion date"),
            "establishment.nation" => r.choice(g, row, "value", NATIONS, "a nation ties knows"),
            "establishment.id" => r.word(g, row, "value"),
            "establishment.public_contacts" => r.text(g, row, "value").map(one_a_line),
            _ => r.text(g, row, "value"),
        };
        let field = match key {
            FORMAT_KEY => "ties",
            "year" => "year",
            "completed_on" => "completed_on",
            "completed_by" => "completed_by",
            "establishment.id" => "id",
            "establishment.name" => "name",
            "establishment.nation" => "nation",
            "establishment.region" => "region",
            "establishment.comparator_group" => "comparator_group",
            "establishment.type" => "type",
            "establishment.public_contacts" => "public_contacts",
            _ => continue,
        };
        let required = matches!(field, "ties" | "year" | "id" | "name" | "nation");
        match value {
            Some(v) if key.starts_with("establishment.") => establishment.push((field, v)),
            Some(v) => top.push((field, v)),
            None if required && r.cell(g, row, "value").is_none() => {
                let label = layout::START
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map_or(field, |(_, l)| *l);
                let d = r
                    .error(pos, format!("{label} is empty"))
                    .help("fill it in: the establishment's details are on the Start here sheet");
                r.problems.push(d);
            }
            None => {}
        }
    }
    let at = first.unwrap_or(Pos::cell(g.sheet, 0, 0));
    if frameworks.is_empty() {
        let d = r
            .error(at, "the workbook names no frameworks")
            .help("the Start here sheet has lost its list of frameworks: start again from a workbook made with `ties workbook`");
        r.problems.push(d);
    }
    let est_pos = establishment.first().map_or(at, |(_, n)| n.pos);
    top.push(("establishment", group(est_pos, establishment)));
    let fw_pos = frameworks.first().map_or(at, |n| n.pos);
    top.push(("frameworks", node(fw_pos, Value::List(frameworks))));
    Some(top)
}

/// A cell's lines as a list, one entry a line (blank lines left out).
fn one_a_line(n: Node) -> Node {
    let Value::Str(text) = &n.value else {
        return n;
    };
    let lines = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| node(n.pos, Value::Str(l.to_string())))
        .collect();
    node(n.pos, Value::List(lines))
}

fn shown(v: &Value) -> String {
    match v {
        Value::Int(i) => i.to_string(),
        Value::Float(f) => f.to_string(),
        Value::Str(s) => s.clone(),
        other => other.describe(),
    }
}

/// A whole number, such as the year.
fn whole(r: &mut Reader, g: &Grid, row: u32) -> Option<Node> {
    let n = r.number(g, row, "value")?;
    match n.value {
        Value::Float(f) if f.fract() == 0.0 && f.abs() < 1e9 => {
            Some(node(n.pos, Value::Int(f as i64)))
        }
        _ => {
            let d = r
                .error(n.pos, "this should be a whole number")
                .found(shown(&n.value));
            r.problems.push(d);
            None
        }
    }
}

/// A framework's sheet: a response for each item row with anything in it.
pub fn items(r: &mut Reader, g: &Grid, answers: &mut Answers, seen: &mut HashMap<String, Pos>) {
    let rows: Vec<u32> = g.data_rows().collect();
    for row in rows {
        let Some(id) = placed(r, g, row, ITEM_ANSWERS) else {
            continue;
        };
        let at = r.pos(g, row, "reference");
        if !twice(r, seen, &id, at) {
            continue;
        }
        let mut fields: Vec<(&'static str, Node)> = Vec::new();
        let list = match g.get(row, "scale") {
            Some(Cell::Text(t)) if !trimmed(t).is_empty() => Some(trimmed(t).to_string()),
            _ => None,
        };
        let rating = match &list {
            Some(list) => r.choice(g, row, "rating", list, "a level of the {scale}"),
            // An item with no scale takes no rating: one typed is read, so the check says so;
            // the words the workbook itself puts there are not a rating.
            None => r
                .word(g, row, "rating")
                .filter(|n| !matches!(&n.value, Value::Str(s) if s == layout::NO_RATING)),
        };
        let reason = r.text(g, row, "not_applicable");
        let narrative = r.text(g, row, "narrative");
        let strengths = r.lines(g, row, "strengths", &[]);
        let development = r.lines(g, row, "development", &[]);
        let restricted = r.restricted(g, row);
        let confidence = r.choice(
            g,
            row,
            "confidence",
            CONFIDENCE,
            "one of the words for how sure you are",
        );
        // The row's fingerprint, made only for a row carried from last year.
        let row_print = || {
            let (strengths, development) = (joined(&strengths), joined(&development));
            layout::fingerprint(&[
                text_of(&rating),
                text_of(&reason),
                text_of(&narrative),
                &strengths,
                &development,
                yes_no_text(restricted.is_some_and(|(y, _)| y)),
                text_of(&confidence),
            ])
        };
        let carried = carried(r, g, row, row_print);
        for (name, value) in [
            ("rating", rating),
            ("confidence", confidence),
            ("narrative", narrative),
            ("strengths", strengths),
            ("development", development),
            ("not_applicable", reason),
        ] {
            if let Some(v) = value {
                fields.push((name, v));
            }
        }
        if let Some((true, pos)) = restricted {
            fields.push(("restricted", node(pos, Value::Bool(true))));
        }
        if let Some(c) = carried {
            fields.push(("carried_from", c));
        }
        if !fields.is_empty() {
            answers.entry(&id, at).fields = fields;
        }
    }
}

/// The columns of a framework's sheet and of the Measures sheet that hold answers.
const ITEM_ANSWERS: &[&str] = &[
    "rating",
    "not_applicable",
    "narrative",
    "strengths",
    "development",
    "restricted",
    "confidence",
    "confirm",
];
const MEASURE_ANSWERS: &[&str] = &[
    "numerator",
    "denominator",
    "value",
    "baseline",
    "target",
    "note",
    "restricted",
];

/// The item a row of answers belongs to, from its hidden id in column A, when the row is whole:
/// its visible reference is the same item, and its hidden scale is one of that item's
/// framework. A row whose cells were moved apart from its id (by sorting one column, or cutting
/// and pasting part of a row), and a row with answers but no id, are problems at their cells,
/// and their answers are not read: they might belong to another item.
fn placed(r: &mut Reader, g: &Grid, row: u32, answers: &[&str]) -> Option<String> {
    let reference = match g.get(row, "reference") {
        Some(Cell::Text(t)) => Cow::Borrowed(trimmed(t)),
        Some(other) => Cow::Owned(other.shown()),
        None => Cow::Borrowed(""),
    };
    let Some(id) = g.row_key(row) else {
        // Which answer the row holds is looked for only in a row with no item.
        let at = answers
            .iter()
            .find(|key| r.cell(g, row, key).is_some())
            .copied()?;
        let d = r
            .error(
                r.pos(g, row, at),
                "this row holds an answer, but ties cannot tell which item it is for",
            )
            .found(if reference.is_empty() {
                format!("row {} has no item: it is a heading, or an empty row", row + 1)
            } else {
                format!("row {} is `{reference}`, a heading, not an item", row + 1)
            })
            .help("cells were moved on their own, perhaps by sorting one column rather than the whole sheet: undo the change (Edit, Undo), or copy the answer into its item's row and clear it here");
        r.problems.push(d);
        return None;
    };
    let at = r.pos(g, row, "reference");
    // Each key is copied only when it is new: most rows' framework is known already.
    if let Some((framework, _)) = id.split_once('/')
        && !r.layout.framework_sheets.contains_key(framework)
    {
        r.layout
            .framework_sheets
            .insert(framework.to_string(), g.sheet);
    }
    if !r.layout.rows.contains_key(id) {
        r.layout.rows.insert(id.to_string(), at);
    }
    let scale_of_another = match g.get(row, "scale") {
        Some(Cell::Text(t)) => t
            .trim()
            .strip_prefix(layout::SCALE_PREFIX)
            .and_then(|s| s.split_once('/'))
            .is_some_and(|(fw, _)| id.split_once('/').is_some_and(|(own, _)| own != fw)),
        _ => false,
    };
    if *reference != *id || scale_of_another {
        let d = r
            .error(
                at,
                "this row's cells do not belong together: its reference is not the item its hidden id names",
            )
            .expected(format!("the reference `{id}`, as the row's hidden column A says"))
            .found(if reference.is_empty() {
                "no reference".to_string()
            } else {
                format!("`{reference}`")
            })
            .help("the row's cells were moved apart, perhaps by sorting one column rather than the whole sheet, so its answers may be another item's and are not read: undo the change (Edit, Undo), or start again from the workbook that was sent");
        r.problems.push(d);
        return None;
    }
    Some(id.to_string())
}

/// Whether the row of `id` is its first; a second row of the same item is a problem.
fn twice(r: &mut Reader, seen: &mut HashMap<String, Pos>, id: &str, at: Pos) -> bool {
    match seen.get(id) {
        Some(first) => {
            let place = match (r.sheet_name(first.sheet), first.cell_name()) {
                (Some(sheet), Some(cell)) => format!("sheet \"{sheet}\", cell {cell}"),
                _ => format!("row {}", first.line),
            };
            let d = r
                .error(at, format!("`{id}` has a second row here"))
                .found(format!("its first row is at {place}"))
                .help("keep one row per item: copy anything you need from this row into the first, then clear this one");
            r.problems.push(d);
            false
        }
        None => {
            seen.insert(id.to_string(), at);
            true
        }
    }
}

pub fn text_of(n: &Option<Node>) -> &str {
    match n.as_ref().map(|n| &n.value) {
        Some(Value::Str(s)) => s,
        _ => "",
    }
}

pub fn joined(n: &Option<Node>) -> String {
    match n.as_ref().map(|n| &n.value) {
        Some(Value::List(items)) => items
            .iter()
            .map(|i| match &i.value {
                Value::Str(s) => s.as_str(),
                _ => "",
            })
            .collect::<Vec<_>>()
            .join("\n"),
        _ => String::new(),
    }
}

/// The year a row's answer was carried from, while it is as it was carried and nobody has
/// confirmed it: `row_print` makes the fingerprint of its values now (`layout::fingerprint`).
pub fn carried<P: std::ops::Deref<Target = str>>(
    r: &mut Reader,
    g: &Grid,
    row: u32,
    row_print: impl FnOnce() -> P,
) -> Option<Node> {
    let mark = match g.get(row, "fingerprint") {
        Some(Cell::Text(t)) => t,
        _ => return None,
    };
    let (year, print) = layout::parse_carried_mark(mark)?;
    let confirmed = r.yes_no(g, row, "confirm").is_some_and(|(y, _)| y);
    if confirmed || *row_print() != *print {
        return None;
    }
    let pos = if g.column("carried").is_some() {
        r.cell(g, row, "carried");
        r.pos(g, row, "carried")
    } else {
        r.pos(g, row, "reference")
    };
    Some(node(pos, Value::Int(i64::from(year))))
}

/// The Measures sheet: a measure's figures for each row with any.
pub fn measures(r: &mut Reader, g: &Grid, seen: &mut HashMap<String, Pos>) -> Vec<(Key, Node)> {
    let mut out = Vec::new();
    r.layout.measures_sheet = Some(g.sheet);
    let rows: Vec<u32> = g.data_rows().collect();
    for row in rows {
        let Some(id) = placed(r, g, row, MEASURE_ANSWERS) else {
            continue;
        };
        let at = r.pos(g, row, "reference");
        if !twice(r, seen, &id, at) {
            continue;
        }
        let mut fields: Vec<(&str, Node)> = Vec::new();
        for key in ["value", "numerator", "denominator", "baseline", "target"] {
            if let Some(n) = r.number(g, row, key) {
                fields.push((key, n));
            }
        }
        if let Some(note) = r.text(g, row, "note") {
            fields.push(("note", note));
        }
        if let Some((true, pos)) = r.restricted(g, row) {
            fields.push(("restricted", node(pos, Value::Bool(true))));
        }
        if !fields.is_empty() {
            out.push((
                Key {
                    name: id.into(),
                    pos: at,
                },
                group(at, fields),
            ));
        }
    }
    out
}
