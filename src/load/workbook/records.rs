//! The Evidence sheet, whose rows join the answers of the items they name, and the Actions
//! sheet, as YAML's `actions:`.

use std::cell::OnceCell;

use super::answers::{Answers, carried, joined, text_of};
use super::cells::{Reader, group, node, yes_no_text};
use super::grid::{Cell, Grid};
use super::layout::fingerprint;
use super::layout::{ACTION_VALUES, EVIDENCE_VALUES, KINDS, STATUSES};
use super::stamps::{Stamped, moved_apart, print_of};
use crate::load::node::{Node, Value};

/// Each row of evidence, added to the answer of the item it names, unless its cells were moved
/// apart (`stamps`).
pub fn evidence(r: &mut Reader, g: &Grid, answers: &mut Answers) {
    let rows: Vec<u32> = g.data_rows().collect();
    let mut read = Vec::new();
    let mut stamped = Vec::new();
    for row in rows {
        let item = r.reference(g, row, "item");
        let kind_given = r.cell(g, row, "kind").is_some();
        let kind = r.choice(g, row, "kind", KINDS, "one of the kinds of evidence");
        let text = r.text(g, row, "text");
        let date = r.date(g, row, "date", "the date of this evidence");
        if item.is_none() && !kind_given && text.is_none() && date.is_none() {
            continue;
        }
        let restricted = r.restricted(g, row);
        let Some(item) = item else {
            let d = r
                .error(
                    r.pos(g, row, "item"),
                    "this evidence does not say which item it is for",
                )
                .help("pick the item's reference from the drop-down list in this column");
            r.problems.push(d);
            continue;
        };
        if !kind_given {
            let d = r
                .error(
                    r.pos(g, row, "kind"),
                    "this evidence does not say what kind it is",
                )
                .help("pick a kind of evidence from the drop-down list in this column");
            r.problems.push(d);
        }
        let item_pos = item.pos;
        let item_id = match item.value {
            Value::Str(s) => s,
            _ => String::new(),
        };
        let row_print = OnceCell::new();
        let parts = [
            item_id.as_str(),
            text_of(&kind),
            text_of(&text),
            text_of(&date),
            yes_no_text(restricted.is_some_and(|(y, _)| y)),
        ];
        let print_now = || row_print.get_or_init(|| fingerprint(&parts)).as_str();
        if let Some(print) = stamp(g, row) {
            stamped.extend(Stamped::if_changed(row, &parts, print_now(), print));
        }
        let carried = carried(r, g, row, print_now);
        let Some(kind) = kind else { continue };
        let text_pos = r.pos(g, row, "text");
        let mut fields = vec![
            ("kind", kind),
            (
                "text",
                text.unwrap_or_else(|| node(text_pos, Value::Str(String::new()))),
            ),
        ];
        if let Some(d) = date {
            fields.push(("date", d));
        }
        if let Some((true, pos)) = restricted {
            fields.push(("restricted", node(pos, Value::Bool(true))));
        }
        if let Some(c) = carried {
            fields.push(("carried_from", c));
        }
        read.push((row, item_id, item_pos, group(item_pos, fields)));
    }
    let moved = moved_apart(&stamped);
    for (row, item_id, at, entry) in read {
        match moved.get(&row) {
            Some(&k) => moved_here(r, g, row, EVIDENCE_VALUES[k]),
            None => answers.entry(&item_id, at).evidence.push(entry),
        }
    }
}

/// The fingerprint in a row's hidden column, when `ties` wrote the row.
fn stamp(g: &Grid, row: u32) -> Option<&str> {
    match g.get(row, "fingerprint") {
        Some(Cell::Text(t)) => print_of(t),
        _ => None,
    }
}

/// A row whose cell in the column `key` was moved there from another row.
fn moved_here(r: &mut Reader, g: &Grid, row: u32, key: &str) {
    let d = r
        .error(
            r.pos(g, row, key),
            "this row's cells do not belong together: this cell was moved here from another row, so the row is not read",
        )
        .help("the column was sorted on its own rather than the whole sheet: undo the change (Edit, Undo), or sort again with every column chosen, or start again from the workbook that was sent");
    r.problems.push(d);
}

/// Each row of the action plan.
pub fn actions(r: &mut Reader, g: &Grid) -> Vec<Node> {
    let mut out = Vec::new();
    let mut stamped = Vec::new();
    let rows: Vec<u32> = g.data_rows().collect();
    for row in rows {
        let id = r.word(g, row, "action");
        let what = r.text(g, row, "what");
        let owner = r.text(g, row, "owner");
        let due = r.date(g, row, "due", "the due date");
        let status_given = r.cell(g, row, "status").is_some();
        let status = r.choice(
            g,
            row,
            "status",
            STATUSES,
            "one of the statuses of an action",
        );
        let done_on = r.date(g, row, "done_on", "the date it was done");
        let items = r.lines(g, row, "items", &[',', ';']);
        let note = r.text(g, row, "note");
        let anything = [&id, &what, &owner, &due, &done_on, &items, &note]
            .iter()
            .any(|v| v.is_some())
            || status_given;
        if !anything {
            continue;
        }
        let restricted = r.restricted(g, row);
        if let Some(print) = stamp(g, row) {
            let (items, restricted) = (joined(&items), restricted.is_some_and(|(y, _)| y));
            let parts = [&id, &what, &owner, &due, &status, &done_on]
                .map(text_of)
                .into_iter()
                .chain([items.as_str(), text_of(&note), yes_no_text(restricted)])
                .collect::<Vec<_>>();
            stamped.extend(Stamped::if_changed(
                row,
                &parts,
                &fingerprint(&parts),
                print,
            ));
        }
        let mut complete = true;
        for (value, key, message, help) in [
            (
                &id,
                "action",
                "this action has no id",
                "give it an id, such as A1",
            ),
            (
                &what,
                "what",
                "this action does not say what will be done",
                "say what will be done",
            ),
            (
                &owner,
                "owner",
                "this action has no owner",
                "give its owner as a role, not a person's name",
            ),
        ] {
            if value.is_none() {
                let d = r.error(r.pos(g, row, key), message).help(help);
                r.problems.push(d);
                complete = false;
            }
        }
        if !status_given {
            let d = r
                .error(r.pos(g, row, "status"), "this action has no status")
                .help(
                    "pick its status from the drop-down list: Open, In progress, Done or Dropped",
                );
            r.problems.push(d);
        }
        let (Some(id), Some(what), Some(owner), Some(status), true) =
            (id, what, owner, status, complete)
        else {
            continue;
        };
        let at = id.pos;
        let mut fields = vec![("id", id), ("what", what), ("owner", owner)];
        if let Some(d) = due {
            fields.push(("due", d));
        }
        fields.push(("status", status));
        if let Some(d) = done_on {
            fields.push(("done_on", d));
        }
        if let Some(i) = items {
            fields.push(("items", i));
        }
        if let Some(n) = note {
            fields.push(("note", n));
        }
        if let Some((true, pos)) = restricted {
            fields.push(("restricted", node(pos, Value::Bool(true))));
        }
        out.push((row, group(at, fields)));
    }
    let moved = moved_apart(&stamped);
    out.into_iter()
        .filter_map(|(row, action)| match moved.get(&row) {
            Some(&k) => {
                moved_here(r, g, row, ACTION_VALUES[k]);
                None
            }
            None => Some(action),
        })
        .collect()
}
