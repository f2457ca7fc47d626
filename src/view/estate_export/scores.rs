//! What each establishment's self-assessment scored: a row per framework, per section, per item
//! and per measure, from the scores the comparison compared (on the items the versions in use
//! share, where more than one is in use).

use std::borrow::Cow;

use crate::estate::Entry;
use crate::estate::compare::{Comparison, FrameworkComparison};
use crate::estate::versions::Scored;
use crate::estate::weak;
use crate::model::framework::{Better, Framework, Measure};
use crate::score::{Coverage, ItemScore, ItemStatus, LevelRef, SectionScore};

use super::tables::{Value, establishment_cells, opt, text, whole};

/// For each establishment (in `order`) and framework compared, its scores and its entry.
fn each<'a>(
    c: &'a Comparison<'a>,
    order: &[usize],
) -> Vec<(&'a Entry, &'a FrameworkComparison<'a>, &'a Scored<'a>)> {
    let mut out = Vec::new();
    for &i in order {
        let e = c.current[i];
        for f in &c.frameworks {
            if let Some(s) = f.scored.iter().find(|s| std::ptr::eq(s.entry, e)) {
                out.push((e, f, s));
            }
        }
    }
    out
}

/// The cells that begin a framework's rows: the establishment's, then the framework's id,
/// title and the version the establishment used.
fn framework_cells<'a>(e: &'a Entry, s: &'a Scored<'a>) -> Vec<Value<'a>> {
    let mut row = establishment_cells(e);
    row.extend([
        text(&s.score.id),
        text(&s.score.title),
        text(&s.score.version),
    ]);
    row
}

fn coverage_cells(c: &Coverage) -> [Value<'static>; 4] {
    [
        Value::Share(Some(c.share)),
        whole(c.answered),
        whole(c.applicable),
        whole(c.not_applicable),
    ]
}

/// One row per establishment and framework: its score, coverage and grade.
pub fn frameworks<'a>(c: &'a Comparison<'a>, order: &[usize]) -> Vec<Vec<Value<'a>>> {
    each(c, order)
        .into_iter()
        .map(|(e, _, s)| {
            let mut row = framework_cells(e, s);
            row.push(Value::Share(s.score.score));
            row.extend(coverage_cells(&s.score.coverage));
            row.extend([
                opt(s.score.grade.as_deref()),
                Value::Flag(s.score.provisional),
            ]);
            row
        })
        .collect()
}

/// One row per establishment and section (sub-sections too, with their depth).
pub fn sections<'a>(c: &'a Comparison<'a>, order: &[usize]) -> Vec<Vec<Value<'a>>> {
    let mut rows = Vec::new();
    for (e, _, s) in each(c, order) {
        for sec in &s.score.sections {
            let mut row = framework_cells(e, s);
            row.extend(section_cells(sec));
            row.extend([whole(sec.depth), Value::Share(sec.score)]);
            row.extend(coverage_cells(&sec.coverage));
            row.extend([opt(sec.grade.as_deref()), Value::Flag(sec.provisional)]);
            rows.push(row);
        }
    }
    rows
}

fn section_cells(sec: &SectionScore) -> [Value<'_>; 2] {
    [text(&sec.id), text(&sec.title)]
}

/// One row per establishment and item: its status, the rating claimed and the one the
/// evidence supports (each as id and label), whether it was capped, its score, and whether it
/// is weak by the rule the estate's common weaknesses count by.
pub fn items<'a>(c: &'a Comparison<'a>, order: &[usize]) -> Vec<Vec<Value<'a>>> {
    let mut rows = Vec::new();
    for (e, f, s) in each(c, order) {
        for sec in &s.score.sections {
            for i in &sec.items {
                let mut row = framework_cells(e, s);
                row.extend(section_cells(sec));
                row.extend([
                    text(&i.id),
                    item_title(f.framework, &i.id),
                    kind(i),
                    text(status(e, i)),
                ]);
                row.extend(level_cells(i.claimed.as_ref()));
                row.extend(level_cells(i.evidenced.as_ref()));
                row.extend([
                    if i.claimed.is_some() {
                        Value::Flag(i.capped)
                    } else {
                        Value::Empty
                    },
                    Value::Share(i.score),
                    Value::Flag(weak::is_weak(i)),
                ]);
                rows.push(row);
            }
        }
    }
    rows
}

/// One row per establishment and measure: what it measures (a rate or a number, the unit, and
/// whether higher or lower is better), its counts and value, the baseline and target the
/// establishment set, and the progress between them. A restricted measure's row has none of
/// its figures.
pub fn measures<'a>(c: &'a Comparison<'a>, order: &[usize]) -> Vec<Vec<Value<'a>>> {
    let mut rows = Vec::new();
    for (e, f, s) in each(c, order) {
        for sec in &s.score.sections {
            for i in &sec.items {
                let Some(metric) = f.framework.item(&i.id).and_then(|x| x.metric.as_ref()) else {
                    continue;
                };
                let rate = metric.measure == Measure::Rate;
                let mut row = establishment_cells(e);
                row.extend([text(&s.score.id), text(&s.score.title)]);
                row.extend(section_cells(sec));
                row.extend([
                    text(&i.id),
                    item_title(f.framework, &i.id),
                    text(if rate { "rate" } else { "number" }),
                    opt(metric.unit.as_deref()),
                    text(match metric.better {
                        Better::Higher => "higher",
                        Better::Lower => "lower",
                    }),
                    text(status(e, i)),
                ]);
                let value = |v: Option<f64>| {
                    if rate {
                        Value::Share(v)
                    } else {
                        Value::Number(v)
                    }
                };
                let m = i.metric.as_ref();
                row.extend([
                    Value::Number(m.and_then(|m| m.numerator)),
                    Value::Number(m.and_then(|m| m.denominator)),
                    value(m.and_then(|m| m.figure)),
                    value(m.and_then(|m| m.baseline)),
                    value(m.and_then(|m| m.target)),
                    Value::Share(m.and_then(|m| m.progress)),
                ]);
                rows.push(row);
            }
        }
    }
    rows
}

fn item_title<'a>(fw: &'a Framework, id: &str) -> Value<'a> {
    opt(fw.item(id).map(|x| x.text.as_str()))
}

/// A level's id and label (as every output shows a rating: an inspectorate's marked as
/// self-assessed), or two empty cells.
pub(super) fn level_cells(l: Option<&LevelRef>) -> [Value<'_>; 2] {
    match l {
        Some(l) => [text(&l.id), text(&l.label)],
        None => [Value::Empty, Value::Empty],
    }
}

/// The item's kind as the framework file writes it (`criterion`, `question`, ...).
fn kind(i: &ItemScore) -> Value<'static> {
    match serde_json::to_value(i.kind) {
        Ok(serde_json::Value::String(k)) => Value::Text(Cow::Owned(k)),
        _ => Value::Empty,
    }
}

/// The item's status; `restricted` for an answer withheld from the estate, whose rating and
/// figures are never used.
fn status(e: &Entry, i: &ItemScore) -> &'static str {
    match i.status {
        _ if e.withheld.contains(&i.qualified_id) => "restricted",
        ItemStatus::Scored => "scored",
        ItemStatus::Reported => "reported",
        ItemStatus::NotApplicable => "not-applicable",
        ItemStatus::Unanswered => "unanswered",
    }
}
