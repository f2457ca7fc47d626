//! The answers of a self-assessment as YAML: a response's fields, the measures and the actions.
//! An item with no answer is written as `ties init` writes it, ready to fill in.

use std::fmt::Write as _;

use super::comment_wrapped;
use super::scalar::{in_flow, inline, number, value};
use crate::load::node::Located;
use crate::model::assessment::{Assessment, Evidence, MetricValue, Response};
use crate::model::framework::{Framework, Item, ItemKind, Measure};
use crate::model::ids;

/// The fields of one response, under its key.
pub fn response(out: &mut String, r: Option<&Response>, rated: bool) {
    let Some(r) = r else {
        if rated {
            out.push_str("    rating:\n");
        }
        out.push_str("    evidence: []\n    narrative:\n");
        return;
    };
    match &r.rating {
        Some(rating) => {
            let _ = writeln!(out, "    rating: {}", inline(rating));
        }
        None if rated && !r.is_not_applicable() => out.push_str("    rating:\n"),
        None => {}
    }
    if let Some(c) = r.confidence {
        let _ = writeln!(out, "    confidence: {}", c.id());
    }
    if r.evidence.is_empty() {
        out.push_str("    evidence: []\n");
    } else {
        out.push_str("    evidence:\n");
        for e in &r.evidence {
            evidence(out, e);
        }
    }
    match &r.narrative {
        Some(n) => {
            let _ = writeln!(out, "    narrative:{}", value(n, 6));
        }
        None => out.push_str("    narrative:\n"),
    }
    list(out, "strengths", &r.strengths);
    list(out, "development", &r.development);
    if r.restricted {
        out.push_str("    restricted: true\n");
    }
    if let Some(reason) = r.not_applicable.text() {
        let _ = writeln!(out, "    not_applicable:{}", value(reason, 6));
    }
    carried(out, "    ", &r.carried_from, "answer");
}

fn evidence(out: &mut String, e: &Evidence) {
    let _ = writeln!(out, "      - kind: {}", inline(&e.kind));
    let _ = writeln!(out, "        text:{}", value(&e.text, 10));
    if let Some(d) = &e.date {
        let _ = writeln!(out, "        date: {}", inline(d));
    }
    if e.restricted {
        out.push_str("        restricted: true\n");
    }
    carried(out, "        ", &e.carried_from, "evidence");
}

/// The mark on an answer carried from last year, for `ties check` to list until it is removed.
fn carried(out: &mut String, indent: &str, from: &Option<Located<i32>>, what: &str) {
    if let Some(year) = from {
        let _ = writeln!(
            out,
            "{indent}carried_from: {}   # {}'s {what}: change it, or remove this line if it still holds",
            year.value, year.value
        );
    }
}

fn list(out: &mut String, name: &str, entries: &[String]) {
    if entries.is_empty() {
        return;
    }
    let _ = writeln!(out, "    {name}:");
    for e in entries {
        let _ = writeln!(out, "      -{}", value(e, 8));
    }
}

/// The measures: every measure of the frameworks, with its figures where it has them.
pub fn metrics(out: &mut String, a: &Assessment, frameworks: &[&Framework]) {
    let metrics: Vec<(&Framework, &Item)> = frameworks
        .iter()
        .flat_map(|f| {
            f.items()
                .into_iter()
                .filter(|i| *i.kind == ItemKind::Metric)
                .map(move |i| (*f, i))
        })
        .collect();
    if metrics.is_empty() {
        out.push_str("\nmetrics: {}\n");
        return;
    }
    out.push_str("\n# Measures: a rate as numerator (how many) and denominator (out of how many); a number as value.\n");
    out.push_str(
        "# You may add your own baseline and target, for example: baseline: 0.45, target: 0.6\n",
    );
    out.push_str("metrics:\n");
    for (fw, item) in metrics {
        let _ = writeln!(out);
        comment_wrapped(out, "  # ", &item.text, "  # ");
        if let Some(g) = &item.guidance {
            comment_wrapped(out, "  # ", g, "  #   ");
        }
        let key = format!("{}/{}", fw.id.value, item.id.value);
        match a.metrics.get(&key).filter(|m| !is_blank(m)) {
            Some(m) => {
                let _ = writeln!(out, "  {key}:");
                metric(out, m);
            }
            None => {
                let rate = item
                    .metric
                    .as_ref()
                    .is_some_and(|m| m.measure == Measure::Rate);
                let fields = if rate {
                    "{ numerator: , denominator: }"
                } else {
                    "{ value: }"
                };
                let _ = writeln!(out, "  {key}: {fields}");
            }
        }
    }
}

fn is_blank(m: &MetricValue) -> bool {
    [
        &m.value,
        &m.numerator,
        &m.denominator,
        &m.baseline,
        &m.target,
    ]
    .iter()
    .all(|v| v.is_none())
        && m.note.is_none()
        && !m.restricted
}

fn metric(out: &mut String, m: &MetricValue) {
    for (name, v) in [
        ("value", &m.value),
        ("numerator", &m.numerator),
        ("denominator", &m.denominator),
        ("baseline", &m.baseline),
        ("target", &m.target),
    ] {
        if let Some(v) = v {
            let _ = writeln!(out, "    {name}: {}", number(v.value));
        }
    }
    if let Some(note) = &m.note {
        let _ = writeln!(out, "    note:{}", value(note, 6));
    }
    if m.restricted {
        out.push_str("    restricted: true\n");
    }
}

/// The action plan, after an example of an action naming an item of the file's own frameworks.
pub fn actions(out: &mut String, a: &Assessment, frameworks: &[&Framework]) {
    out.push_str("\n# The live action plan. Add one entry per action, for example:\n");
    out.push_str("#   - id: A1\n");
    out.push_str("#     what: What will be done, in one sentence\n");
    out.push_str("#     owner: A role, such as Family services manager\n");
    let _ = writeln!(out, "#     due: {}-06-30", *a.year + 1);
    out.push_str("#     status: open            # open, in-progress, done or dropped\n");
    // The items an action serves are this file's own: the first item of its first framework.
    if let Some((fw, item)) = frameworks
        .iter()
        .find_map(|fw| fw.items().first().map(|i| (*fw, *i)))
    {
        let _ = writeln!(
            out,
            "#     items: [{}]",
            ids::qualified(&fw.id.value, &item.id.value)
        );
    }
    if a.actions.is_empty() {
        out.push_str("actions: []\n");
        return;
    }
    out.push_str("actions:\n");
    for act in &a.actions {
        let _ = writeln!(out, "  - id: {}", inline(&act.id));
        let _ = writeln!(out, "    what:{}", value(&act.what, 6));
        let _ = writeln!(out, "    owner:{}", value(&act.owner, 6));
        if let Some(d) = &act.due {
            let _ = writeln!(out, "    due: {}", inline(d));
        }
        let _ = writeln!(out, "    status: {}", act.status.id());
        if let Some(d) = &act.done_on {
            let _ = writeln!(out, "    done_on: {}", inline(d));
        }
        if !act.items.is_empty() {
            let items: Vec<String> = act.items.iter().map(|i| in_flow(i)).collect();
            let _ = writeln!(out, "    items: [{}]", items.join(", "));
        }
        if let Some(note) = &act.note {
            let _ = writeln!(out, "    note:{}", value(note, 6));
        }
        if act.restricted {
            out.push_str("    restricted: true\n");
        }
    }
}
