//! The Evidence sheet (a row per piece of evidence) and the Actions sheet (a row per action).
//! Both have room for many more rows: every cell of their columns below the headings is
//! unlocked, with its drop-down list or date check.

use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use super::Ctx;
use super::sheet::{self, Columns};
use crate::load::workbook::layout::{self, ITEM_REFERENCES, KINDS, NO, STATUSES, SheetKind, YES};
use crate::model::assessment::{Action, Evidence};

/// The rows of the Evidence and Actions sheets ready to fill in, with their drop-downs.
const EVIDENCE_ROWS: u32 = 2000;
const ACTION_ROWS: u32 = 500;

/// The values of a piece of evidence that say whether it has changed, in the order both the
/// reader and the writer use.
pub fn evidence_parts(item: &str, e: &Evidence) -> Vec<String> {
    vec![
        item.to_string(),
        e.kind.value.clone(),
        e.text.value.clone(),
        e.date.as_ref().map(|d| d.value.clone()).unwrap_or_default(),
        if e.restricted { YES } else { NO }.to_string(),
    ]
}

/// The values of an action that say whether its row was moved apart, in the order the reader
/// uses.
pub fn action_parts(a: &Action) -> Vec<String> {
    let date = |d: &Option<crate::load::node::Located<String>>| {
        d.as_ref().map(|d| d.value.clone()).unwrap_or_default()
    };
    let items: Vec<&str> = a.items.iter().map(|i| i.as_str()).collect();
    vec![
        a.id.value.clone(),
        a.what.clone(),
        a.owner.clone(),
        date(&a.due),
        a.status.id().to_string(),
        date(&a.done_on),
        items.join("\n"),
        a.note.clone().unwrap_or_default(),
        if a.restricted { YES } else { NO }.to_string(),
    ]
}

pub fn evidence(ws: &mut Worksheet, ctx: &Ctx) -> Result<(), XlsxError> {
    let cols = Columns::new(
        SheetKind::Evidence,
        layout::EVIDENCE
            .into_iter()
            .filter(|c| ctx.carried || !layout::CARRY.contains(&c.key)),
    );
    let s = &ctx.styles;
    let mut row = layout::FIRST_ROW;
    for (key, r) in ctx.a.responses.iter() {
        for e in &r.evidence {
            let carried = e.carried_from.as_ref().map(|y| y.value);
            let (input, date) = if carried.is_some() {
                (&s.carried, &s.carried_date)
            } else {
                (&s.input, &s.date)
            };
            let kind = ctx.lists.label(KINDS, &e.kind).unwrap_or(&e.kind.value);
            sheet::text(ws, row, cols.at("item"), key, input)?;
            sheet::text(ws, row, cols.at("kind"), kind, input)?;
            sheet::text(ws, row, cols.at("text"), &e.text, input)?;
            let when = e.date.as_ref().map(|d| d.value.as_str());
            sheet::date(ws, row, cols.at("date"), when, date)?;
            if e.restricted || carried.is_some() {
                let restricted = if e.restricted { YES } else { "" };
                sheet::text(ws, row, cols.at("restricted"), restricted, input)?;
            }
            cols.fit_row(ws, row, &[("item", key), ("text", &e.text)])?;
            // Every row's values are fingerprinted in its hidden column, so that a column
            // later sorted on its own is found (a carried row's mark also says its year).
            let parts = evidence_parts(key, e);
            let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
            let mark = match (carried, cols.has("carried")) {
                (Some(year), true) => {
                    let status = layout::carried_label(year);
                    sheet::text(ws, row, cols.at("carried"), &status, &s.status)?;
                    layout::carried_mark(year, &parts)
                }
                _ => layout::fingerprint(&parts),
            };
            sheet::text(ws, row, cols.at("fingerprint"), &mark, &Format::new())?;
            row += 1;
        }
    }
    let rows = (layout::FIRST_ROW, layout::FIRST_ROW + EVIDENCE_ROWS - 1);
    ws.set_column_format(cols.at("item"), &s.input)?;
    ws.set_column_format(cols.at("kind"), &s.input)?;
    ws.set_column_format(cols.at("text"), &s.input)?;
    ws.set_column_format(cols.at("date"), &s.date)?;
    ws.set_column_format(cols.at("restricted"), &s.input)?;
    if let Some(range) = ctx.lists.range(ITEM_REFERENCES) {
        sheet::list_from(ws, rows, cols.at("item"), &range, "the item's reference")?;
    }
    if let Some(range) = ctx.lists.range(KINDS) {
        sheet::list_from(ws, rows, cols.at("kind"), &range, "the kind of evidence")?;
    }
    sheet::dates(ws, rows, cols.at("date"))?;
    sheet::list_of(ws, rows, cols.at("restricted"), &[YES, NO])?;
    if cols.has("confirm") {
        ws.set_column_format(cols.at("confirm"), &s.input)?;
        sheet::list_of(ws, rows, cols.at("confirm"), &[YES])?;
    }
    cols.finish(ws, s, row - layout::FIRST_ROW)
}

pub fn actions(ws: &mut Worksheet, ctx: &Ctx) -> Result<(), XlsxError> {
    let cols = Columns::new(SheetKind::Actions, layout::ACTIONS);
    let s = &ctx.styles;
    let mut row = layout::FIRST_ROW;
    for a in &ctx.a.actions {
        let status = ctx.lists.label(STATUSES, a.status.id()).unwrap_or("");
        sheet::text(ws, row, cols.at("action"), &a.id, &s.input)?;
        sheet::text(ws, row, cols.at("what"), &a.what, &s.input)?;
        sheet::text(ws, row, cols.at("owner"), &a.owner, &s.input)?;
        let due = a.due.as_ref().map(|d| d.value.as_str());
        sheet::date(ws, row, cols.at("due"), due, &s.date)?;
        sheet::text(ws, row, cols.at("status"), status, &s.input)?;
        let done = a.done_on.as_ref().map(|d| d.value.as_str());
        sheet::date(ws, row, cols.at("done_on"), done, &s.date)?;
        let items: Vec<&str> = a.items.iter().map(|i| i.as_str()).collect();
        sheet::text(ws, row, cols.at("items"), &items.join("\n"), &s.input)?;
        sheet::text(
            ws,
            row,
            cols.at("note"),
            a.note.as_deref().unwrap_or(""),
            &s.input,
        )?;
        if a.restricted {
            sheet::text(ws, row, cols.at("restricted"), YES, &s.input)?;
        }
        let note = a.note.as_deref().unwrap_or("");
        let parts = action_parts(a);
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        let print = layout::fingerprint(&parts);
        sheet::text(ws, row, cols.at("fingerprint"), &print, &Format::new())?;
        let texts = [
            ("what", a.what.as_str()),
            ("owner", a.owner.as_str()),
            ("items", &items.join("\n")),
            ("note", note),
        ];
        cols.fit_row(ws, row, &texts)?;
        row += 1;
    }
    let rows = (layout::FIRST_ROW, layout::FIRST_ROW + ACTION_ROWS - 1);
    for key in [
        "action",
        "what",
        "owner",
        "status",
        "items",
        "note",
        "restricted",
    ] {
        ws.set_column_format(cols.at(key), &s.input)?;
    }
    ws.set_column_format(cols.at("due"), &s.date)?;
    ws.set_column_format(cols.at("done_on"), &s.date)?;
    if let Some(range) = ctx.lists.range(STATUSES) {
        sheet::list_from(ws, rows, cols.at("status"), &range, "a status")?;
    }
    sheet::dates(ws, rows, cols.at("due"))?;
    sheet::dates(ws, rows, cols.at("done_on"))?;
    sheet::list_of(ws, rows, cols.at("restricted"), &[YES, NO])?;
    cols.finish(ws, s, row - layout::FIRST_ROW)
}
