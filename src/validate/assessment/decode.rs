//! Reading a self-assessment's tree into the model, with every problem found in one run.
//!
//! Decoding the whole file at once stops at its first mistake, so one misspelt field would hide
//! every other problem in the file. When the whole file cannot be read, each part of it is read
//! on its own instead: each top-level field, each response (and each of its evidence entries),
//! each measure and each action. A part is read from a copy of the file that holds that part
//! alone, and only the problems found inside the part are kept (the copy lacks the file's other
//! fields, so "missing field" messages about them are not the file's problems). A top-level
//! field the file lacks, or that could not be read, is said once, and stands in what could be
//! read as a placeholder (`Absent` says which), so that a missing `year` hides no mistake in the
//! responses.

use std::borrow::Cow;
use std::collections::BTreeSet;

use crate::diag::source::{Pos, SourceFile};
use crate::diag::{Diagnostic, Diagnostics};
use crate::load;
use crate::load::node::{DeError, Key, Node, Value, from_node};
use crate::model::assessment::{Assessment, FORMAT_VERSION};

/// The top-level fields a self-assessment must have (a test holds this to the model).
const REQUIRED: [&str; 4] = ["ties", "establishment", "year", "frameworks"];

/// The top-level fields whose entries are read one by one.
const GROUPS: [&str; 3] = ["responses", "metrics", "actions"];

/// The top-level fields that stand as placeholders in what could be read of a file, because the
/// file lacks them or they could not be read: the checks after reading leave them alone (their
/// problem has been said) and check the rest.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Absent {
    pub establishment: bool,
    pub year: bool,
    pub frameworks: bool,
}

/// The assessment, or every problem in reading it with what could be read despite them: the
/// file without the parts that have problems, and placeholders for the top-level fields it
/// lacks, so the checks after reading can still look at the rest (`None` when even that cannot
/// be read).
pub fn assessment(
    file: &SourceFile,
    node: &Node,
) -> Result<Assessment, (Diagnostics, Option<(Assessment, Absent)>)> {
    let first = match load::decode::<Assessment>(file, node) {
        Ok(a) => return Ok(a),
        Err(d) => d,
    };
    let Value::Map(entries) = &node.value else {
        return Err((Diagnostics { items: vec![first] }, None));
    };
    let mut found = Vec::new();
    let mut kept: Vec<(Key, Node)> = Vec::new();
    for (key, value) in entries {
        let whole = |v: Node| root(node.pos, vec![(key.clone(), v)]);
        let good = match (&value.value, GROUPS.contains(&key.name.as_ref())) {
            (Value::Map(group), true) => {
                let mut good = Vec::new();
                for (k, v) in group {
                    let wrap = |e: Node| whole(with_value(value, Value::Map(vec![(k.clone(), e)])));
                    let (problems, part) = salvage(file, wrap, v, Some(k));
                    // A measure's figures are read together: one that could not be read
                    // leaves the measure out, rather than make the others look incomplete.
                    let whole_only = key.name == "metrics" && !problems.is_empty();
                    found.extend(problems);
                    good.extend(part.filter(|_| !whole_only).map(|p| (k.clone(), p)));
                }
                Some(with_value(value, Value::Map(good)))
            }
            (Value::List(group), true) => {
                let mut good = Vec::new();
                for item in group {
                    let wrap = |e: Node| whole(with_value(value, Value::List(vec![e])));
                    let (problems, part) = salvage(file, wrap, item, None);
                    found.extend(problems);
                    good.extend(part);
                }
                Some(with_value(value, Value::List(good)))
            }
            _ => {
                let (problems, part) = salvage(file, whole, value, Some(key));
                found.extend(problems);
                part
            }
        };
        kept.extend(good.map(|g| (key.clone(), g)));
    }
    // The fields the file lacks, each said once, at the top of the file.
    for name in REQUIRED {
        if !entries.iter().any(|(k, _)| k.name == name) {
            let mut e = <DeError as serde::de::Error>::missing_field(name);
            e.pos = Some(node.pos);
            found.push(load::de_problem(file, e));
        }
    }
    if found.is_empty() {
        found.push(first);
    }
    let mut absent = Absent::default();
    for name in REQUIRED {
        if kept.iter().any(|(k, _)| k.name == name) {
            continue;
        }
        match name {
            "establishment" => absent.establishment = true,
            "year" => absent.year = true,
            "frameworks" => absent.frameworks = true,
            _ => {}
        }
        let key = Key {
            name: Cow::Borrowed(name),
            pos: node.pos,
        };
        kept.push((key, placeholder(name, node.pos)));
    }
    let rest = load::decode::<Assessment>(file, &root(node.pos, kept))
        .ok()
        .map(|a| (a, absent));
    let mut diags = Diagnostics { items: found };
    diags.sort();
    Err((diags, rest))
}

/// Reads `part` on its own (`wrap` puts it in a copy of the file that holds it alone), again and
/// again, each time without the field, or the list entry, where the last problem was, until it
/// reads. Returns every problem found so, and what is left of the part (`None` when the problem
/// is the part itself).
fn salvage(
    file: &SourceFile,
    wrap: impl Fn(Node) -> Node,
    part: &Node,
    key: Option<&Key>,
) -> (Vec<Diagnostic>, Option<Node>) {
    let mut problems = Vec::new();
    let mut current = part.clone();
    let mut removed: Vec<String> = Vec::new();
    loop {
        let e = match from_node::<Assessment>(&wrap(current.clone())) {
            Ok(_) => break,
            // The copy lacks the file's other fields: their absence is not the file's problem.
            Err(e) if e.is_missing_field() => break,
            // A required field taken out for its own problem: that was said, and the part
            // cannot be read without it.
            Err(e)
                if e.missing_field_name()
                    .is_some_and(|m| removed.iter().any(|r| r == m)) =>
            {
                return (problems, None);
            }
            Err(e) => e,
        };
        let d = load::de_problem(file, e);
        let mut places = BTreeSet::new();
        places_in(&current, &mut places);
        places.extend(key.map(|k| k.pos));
        if !places.contains(&d.pos()) {
            break;
        }
        let at = d.pos();
        problems.push(d);
        match without(&current, at) {
            Some((rest, name)) => {
                current = rest;
                removed.push(name);
            }
            None => return (problems, None),
        }
    }
    (problems, Some(current))
}

/// `node` without the field that holds the place `at` (or, inside a list, without the entry that
/// holds it), and the field's name; `None` when the place is the node itself.
fn without(node: &Node, at: Pos) -> Option<(Node, String)> {
    let Value::Map(entries) = &node.value else {
        return None;
    };
    let mut rest = entries.clone();
    let i = entries.iter().position(|(k, v)| {
        let mut places = BTreeSet::from([k.pos]);
        places_in(v, &mut places);
        places.contains(&at)
    })?;
    let (k, v) = &entries[i];
    let name = k.name.to_string();
    match &v.value {
        Value::List(items) if k.pos != at && v.pos != at => {
            let j = items.iter().position(|item| {
                let mut places = BTreeSet::new();
                places_in(item, &mut places);
                places.contains(&at)
            })?;
            let mut items = items.clone();
            items.remove(j);
            rest[i].1 = with_value(v, Value::List(items));
        }
        _ => {
            rest.remove(i);
        }
    }
    Some((with_value(node, Value::Map(rest)), name))
}

/// Every place in a part of the tree: its values and its names.
fn places_in(node: &Node, out: &mut BTreeSet<Pos>) {
    out.insert(node.pos);
    match &node.value {
        Value::List(items) => items.iter().for_each(|i| places_in(i, out)),
        Value::Map(entries) => {
            for (k, v) in entries {
                out.insert(k.pos);
                places_in(v, out);
            }
        }
        _ => {}
    }
}

/// A value that reads as the top-level field `name`, standing for one the file lacks.
fn placeholder(name: &str, at: Pos) -> Node {
    let text = |s: &str| Node {
        pos: at,
        value: Value::Str(s.to_string()),
    };
    let field = |name: &str, value: Node| {
        (
            Key {
                name: name.to_string().into(),
                pos: at,
            },
            value,
        )
    };
    let value = match name {
        "ties" => Value::Int(i64::from(FORMAT_VERSION)),
        "year" => Value::Int(0),
        "establishment" => Value::Map(vec![
            field("id", text("")),
            field("name", text("")),
            field("nation", text("england-wales")),
        ]),
        _ => Value::List(Vec::new()),
    };
    Node { pos: at, value }
}

fn root(at: Pos, entries: Vec<(Key, Node)>) -> Node {
    Node {
        pos: at,
        value: Value::Map(entries),
    }
}

fn with_value(like: &Node, value: Value) -> Node {
    Node {
        pos: like.pos,
        value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(body: &str) -> Vec<String> {
        let text = format!(
            "ties: 1\nestablishment: {{ id: hmp-t, name: HMP T, nation: england-wales }}\nyear: 2025\n\
             frameworks: [mini]\n{body}"
        );
        let file = SourceFile::new("t.yaml", text);
        let node = load::parse(&file).expect("YAML");
        match assessment(&file, &node) {
            Ok(_) => Vec::new(),
            Err((d, _)) => d
                .items
                .iter()
                .map(|d| format!("{}:{} {}", d.line, d.column, d.message))
                .collect(),
        }
    }

    #[test]
    fn a_good_file_reads_at_once() {
        assert!(problems("responses:\n  mini/a1: { rating: all }\n").is_empty());
    }

    #[test]
    fn every_bad_entry_is_reported_not_only_the_first() {
        let found = problems(
            "responses:\n  \
             mini/a1: { rating: all, narative: Typo. }\n  \
             mini/a2:\n    evidence: A plain sentence.\n  \
             mini/a3:\n    rating: some\n    evidence:\n      - { kind: document, text: Fine. }\n      \
             - { kind: document, txt: Typo. }\n    strenghts: [x]\n\
             metrics:\n  mini/b2: { numerator: 39%, denominator: 100 }\n\
             actions:\n  - { id: A1, what: W, owner: O, status: open, colour: red }\n  \
             - { id: A2, what: W, owner: O, status: maybe }\n\
             unknown_top: 1\n",
        );
        let joined = found.join("\n");
        for expected in [
            "unknown field `narative`",
            "`evidence`",
            "unknown field `txt`",
            "unknown field `strenghts`",
            "numerator",
            "unknown field `colour`",
            "`maybe`",
            "unknown field `unknown_top`",
        ] {
            assert!(
                joined.contains(expected),
                "{expected} missing from:\n{joined}"
            );
        }
        assert_eq!(found.len(), 8, "{joined}");
    }

    #[test]
    fn the_required_fields_are_the_models() {
        let full = "ties: 1\nestablishment: { id: hmp-t, name: HMP T, nation: england-wales }\n\
                    year: 2025\ncompleted_on: 2026-01-01\ncompleted_by: Governor\nframeworks: [mini]\n\
                    responses: {}\nmetrics: {}\nactions: []\n";
        for line in full.lines() {
            let name = line.split(':').next().expect("a name");
            let text: String = full
                .lines()
                .filter(|l| *l != line)
                .map(|l| format!("{l}\n"))
                .collect();
            let file = SourceFile::new("t.yaml", text);
            let node = load::parse(&file).expect("YAML");
            let read = assessment(&file, &node);
            // The model's own rule: reading the whole file at once.
            let model_requires = load::decode::<Assessment>(&file, &node).is_err();
            assert_eq!(read.is_err(), model_requires, "{name}");
            assert_eq!(REQUIRED.contains(&name), model_requires, "{name}");
        }
    }

    #[test]
    fn a_missing_field_is_reported_once_beside_the_others() {
        let text =
            "ties: 1\nyear: 2025\nframeworks: [mini]\nresponses:\n  mini/a1: { ratin: all }\n";
        let file = SourceFile::new("t.yaml", text);
        let node = load::parse(&file).expect("YAML");
        let (d, _) = assessment(&file, &node).expect_err("problems");
        let messages: Vec<&str> = d.items.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(
            messages
                .iter()
                .any(|m| m.contains("`establishment` is missing")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("`ratin`")),
            "{messages:?}"
        );
    }

    #[test]
    fn what_could_be_read_stands_in_for_the_missing_fields() {
        let text = "ties: 1\nframeworks: [mini]\nresponses:\n  mini/a1: { rating: all }\n";
        let file = SourceFile::new("t.yaml", text);
        let node = load::parse(&file).expect("YAML");
        let (_, rest) = assessment(&file, &node).expect_err("problems");
        let (a, absent) = rest.expect("the rest is read");
        let expected = Absent {
            establishment: true,
            year: true,
            frameworks: false,
        };
        assert_eq!(absent, expected);
        assert!(a.responses.get("mini/a1").is_some());
        // A field that could not be read stands as a placeholder as one that is missing does.
        let text = "ties: 1\nestablishment: { id: hmp-t, name: HMP T, nation: england-wales }\n\
                    year: twenty\nframeworks: mini\n";
        let file = SourceFile::new("t.yaml", text);
        let node = load::parse(&file).expect("YAML");
        let (d, rest) = assessment(&file, &node).expect_err("problems");
        assert_eq!(d.items.len(), 2, "{:?}", d.items);
        let (_, absent) = rest.expect("the rest is read");
        let expected = Absent {
            establishment: false,
            year: true,
            frameworks: true,
        };
        assert_eq!(absent, expected);
    }
}
