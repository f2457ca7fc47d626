//! A framework's sheet (its sections as heading rows, a row per item) and the Measures sheet.

use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use super::Ctx;
use super::lists::scale_key;
use super::sheet::{self, Columns};
use crate::load::workbook::layout::{self, CONFIDENCE, NO, NO_RATING, SheetKind, YES};
use crate::model::assessment::{MetricValue, Response};
use crate::model::framework::{Framework, Item, ItemKind, Measure};
use crate::model::ids;

/// The columns of a framework's sheet that a person fills in.
const INPUTS: [&str; 7] = [
    "rating",
    "not_applicable",
    "narrative",
    "strengths",
    "development",
    "restricted",
    "confidence",
];

/// A framework's sheet.
pub fn items(ws: &mut Worksheet, ctx: &Ctx, fw: &Framework) -> Result<(), XlsxError> {
    let cols = Columns::new(
        SheetKind::Items,
        layout::ITEMS
            .into_iter()
            .filter(|c| ctx.carried || !layout::CARRY.contains(&c.key)),
    );
    let s = &ctx.styles;
    let mut row = layout::FIRST_ROW;
    for (depth, section) in fw.all_sections() {
        let style = if depth == 0 {
            &s.heading
        } else {
            &s.subheading
        };
        heading(ws, &cols, row, &section.title, style)?;
        row += 1;
        for item in &section.items {
            if *item.kind != ItemKind::Metric {
                item_row(ws, ctx, &cols, fw, item, row)?;
                row += 1;
            }
        }
        if section.items.iter().any(|i| *i.kind == ItemKind::Metric) {
            ws.write_string_with_format(
                row,
                cols.at("reference"),
                "The measures of this part are on the Measures sheet.",
                &s.note,
            )?;
            row += 1;
        }
    }
    // The columns to fill in are unlocked throughout, so an empty answer needs no cell.
    for key in INPUTS {
        ws.set_column_format(cols.at(key), &s.input)?;
    }
    let rows = (layout::FIRST_ROW, row.max(layout::FIRST_ROW + 1) - 1);
    sheet::list_of(ws, rows, cols.at("restricted"), &[YES, NO])?;
    if let Some(range) = ctx.lists.range(CONFIDENCE) {
        sheet::list_from(ws, rows, cols.at("confidence"), &range, "how sure you are")?;
    }
    cols.finish(ws, s, row - layout::FIRST_ROW)
}

/// A section's title across the row.
fn heading(
    ws: &mut Worksheet,
    cols: &Columns,
    row: u32,
    title: &str,
    style: &Format,
) -> Result<(), XlsxError> {
    // The row's format colours it across, with no cell for each column.
    ws.set_row_format(row, style)?;
    ws.write_string_with_format(row, cols.at("reference"), title, style)?;
    Ok(())
}

/// The item's guidance, guiding questions and possible evidence, as a person reads them, after
/// a note naming the items of the workbook's other frameworks that ask about the same practice.
pub fn guidance(item: &Item, same: &[String]) -> String {
    let mut parts = Vec::new();
    for other in same {
        parts.push(format!(
            "The same practice as {other}, also in this workbook: describe it in one of the two \
             and in the other's narrative write \"As for\" and that item (each still takes its \
             own rating)."
        ));
    }
    if let Some(g) = &item.guidance {
        parts.push(reflow(g.trim()));
    }
    for (title, list) in [
        ("Questions to consider:", &item.prompts),
        ("Possible evidence:", &item.examples),
    ] {
        if !list.is_empty() {
            let lines: Vec<String> = list.iter().map(|p| format!("• {}", p.trim())).collect();
            parts.push(format!("{title}\n{}", lines.join("\n")));
        }
    }
    parts.join("\n\n")
}

/// Text wrapped by hand in a framework file, as paragraphs the cell wraps itself: the lines of
/// a paragraph are joined; blank lines and the lines of a list stay.
fn reflow(text: &str) -> String {
    let mut out = String::new();
    let mut joining = false;
    for line in text.lines() {
        let line = line.trim_end();
        let item = line
            .trim_start()
            .starts_with(|c: char| c == '-' || c == '*' || c == '•' || c.is_ascii_digit())
            && line
                .trim_start()
                .chars()
                .nth(1)
                .is_some_and(|c| c == ' ' || c == '.');
        if line.is_empty() {
            out.push_str("\n\n");
            joining = false;
        } else if joining && !item {
            out.push(' ');
            out.push_str(line.trim_start());
        } else {
            if !out.is_empty() && !out.ends_with('\n') {
                out.push('\n');
            }
            out.push_str(line.trim_start());
            joining = true;
        }
    }
    while out.contains("\n\n\n") {
        out = out.replace("\n\n\n", "\n\n");
    }
    out
}

/// The values of an answer that say whether it has changed, in the order both the reader and
/// the writer use.
pub fn answer_parts(r: &Response) -> Vec<String> {
    vec![
        r.rating
            .as_ref()
            .map(|x| x.value.clone())
            .unwrap_or_default(),
        r.not_applicable.text().unwrap_or_default().to_string(),
        r.narrative.clone().unwrap_or_default(),
        r.strengths.join("\n"),
        r.development.join("\n"),
        if r.restricted { YES } else { NO }.to_string(),
        r.confidence.map(|c| c.id().to_string()).unwrap_or_default(),
    ]
}

/// The cells of an item's row that come from the framework, locked: its hidden key (which
/// reading the workbook goes by), its reference, its text and its guidance. Returns the key and
/// the guidance, which size the row.
fn fixed_cells(
    ws: &mut Worksheet,
    ctx: &Ctx,
    cols: &Columns,
    fw: &Framework,
    item: &Item,
    row: u32,
) -> Result<(String, String), XlsxError> {
    let s = &ctx.styles;
    let key = ids::qualified(&fw.id.value, &item.id.value);
    // Guidance too long for its cell holds what fits and says where the rest is.
    let guide = match ctx.continued.cells.get(&key) {
        Some(cell) => cell.clone(),
        None => guidance(item, ctx.same.get(&key).map_or(&[][..], Vec::as_slice)),
    };
    ws.write_string(row, 0, &key)?;
    sheet::text(ws, row, cols.at("reference"), &key, &s.guidance)?;
    sheet::text(ws, row, cols.at("item"), &item.text, &s.guidance)?;
    sheet::text(ws, row, cols.at("guidance"), &guide, &s.guidance)?;
    Ok((key, guide))
}

fn item_row(
    ws: &mut Worksheet,
    ctx: &Ctx,
    cols: &Columns,
    fw: &Framework,
    item: &Item,
    row: u32,
) -> Result<(), XlsxError> {
    let s = &ctx.styles;
    let (key, guide) = fixed_cells(ws, ctx, cols, fw, item, row)?;
    let empty = Response::default();
    let r = ctx.a.responses.get(&key).unwrap_or(&empty);
    let carried = r.carried_from.as_ref().map(|y| y.value);
    let input = if carried.is_some() {
        &s.carried
    } else {
        &s.input
    };
    // An empty answer in an ordinary row needs no cell: its column is formatted for it.
    let put = |ws: &mut Worksheet, col: u16, value: &str| {
        if value.is_empty() && carried.is_none() {
            return Ok(());
        }
        sheet::text(ws, row, col, value, input)
    };
    let scale = fw.item_scale(item);
    let rating_col = cols.at("rating");
    match scale {
        Some(scale) => {
            let list = scale_key(fw, scale);
            let label = r
                .rating
                .as_ref()
                .map(|id| ctx.lists.label(&list, id).unwrap_or(id.as_str()))
                .unwrap_or("");
            put(ws, rating_col, label)?;
            if let Some(range) = ctx.lists.range(&list) {
                sheet::list_from(ws, (row, row), rating_col, &range, "a rating")?;
            }
            sheet::text(ws, row, cols.at("scale"), &list, &Format::new())?;
        }
        None => sheet::text(ws, row, rating_col, NO_RATING, &s.blocked)?,
    }
    let reason_col = cols.at("not_applicable");
    if scale.is_none_or(|s| s.not_applicable) {
        let reason = r.not_applicable.text().unwrap_or("");
        put(ws, reason_col, reason)?;
    } else {
        // Grey and empty: this scale does not allow "not applicable".
        ws.write_blank(row, reason_col, &s.blocked)?;
    }
    let narrative = r.narrative.as_deref().unwrap_or("");
    put(ws, cols.at("narrative"), narrative)?;
    put(ws, cols.at("strengths"), &r.strengths.join("\n"))?;
    let development = r.development.join("\n");
    put(ws, cols.at("development"), &development)?;
    // Restricted shows Yes where it is; an empty cell is No.
    put(
        ws,
        cols.at("restricted"),
        if r.restricted { YES } else { "" },
    )?;
    let confidence = r.confidence.map_or("", |c| c.label());
    put(ws, cols.at("confidence"), confidence)?;
    cols.fit_row(
        ws,
        row,
        &[
            ("reference", &key),
            ("item", &item.text),
            ("guidance", &guide),
            ("not_applicable", r.not_applicable.text().unwrap_or("")),
            ("narrative", narrative),
            ("strengths", &r.strengths.join("\n")),
            ("development", &development),
        ],
    )?;
    if let (Some(year), true) = (carried, cols.has("carried")) {
        let status = layout::carried_label(year);
        sheet::text(ws, row, cols.at("carried"), &status, &s.status)?;
        sheet::text(ws, row, cols.at("confirm"), "", &s.carried)?;
        sheet::list_of(ws, (row, row), cols.at("confirm"), &[YES])?;
        let parts = answer_parts(r);
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        let mark = layout::carried_mark(year, &parts);
        sheet::text(ws, row, cols.at("fingerprint"), &mark, &Format::new())?;
    }
    Ok(())
}

/// The Measures sheet: every framework's measures, under the framework's title.
pub fn measures(ws: &mut Worksheet, ctx: &Ctx) -> Result<(), XlsxError> {
    let cols = Columns::new(SheetKind::Measures, layout::MEASURES);
    let s = &ctx.styles;
    let mut row = layout::FIRST_ROW;
    for fw in &ctx.frameworks {
        let metrics: Vec<&Item> = fw
            .items()
            .into_iter()
            .filter(|i| *i.kind == ItemKind::Metric)
            .collect();
        if metrics.is_empty() {
            continue;
        }
        heading(ws, &cols, row, &fw.title, &s.heading)?;
        row += 1;
        for item in metrics {
            measure_row(ws, ctx, &cols, fw, item, row)?;
            row += 1;
        }
    }
    let rows = (layout::FIRST_ROW, row.max(layout::FIRST_ROW + 1) - 1);
    for key in ["numerator", "denominator", "value", "baseline", "target"] {
        ws.set_column_format(cols.at(key), &s.number)?;
        sheet::numbers(ws, rows, cols.at(key))?;
    }
    ws.set_column_format(cols.at("note"), &s.input)?;
    ws.set_column_format(cols.at("restricted"), &s.input)?;
    sheet::list_of(ws, rows, cols.at("restricted"), &[YES, NO])?;
    cols.finish(ws, s, row - layout::FIRST_ROW)
}

fn measure_row(
    ws: &mut Worksheet,
    ctx: &Ctx,
    cols: &Columns,
    fw: &Framework,
    item: &Item,
    row: u32,
) -> Result<(), XlsxError> {
    let s = &ctx.styles;
    let (key, guide) = fixed_cells(ws, ctx, cols, fw, item, row)?;
    let empty = MetricValue::default();
    let m = ctx.a.metrics.get(&key).unwrap_or(&empty);
    let rate = item
        .metric
        .as_ref()
        .is_none_or(|m| m.measure == Measure::Rate);
    let figure = |v: &Option<crate::load::node::Located<f64>>| v.as_ref().map(|x| x.value);
    let (fraction, whole) = if rate {
        (&s.number, &s.blocked)
    } else {
        (&s.blocked, &s.number)
    };
    for (key, value, style) in [
        ("numerator", figure(&m.numerator), fraction),
        ("denominator", figure(&m.denominator), fraction),
        ("value", figure(&m.value), whole),
        ("baseline", figure(&m.baseline), &s.number),
        ("target", figure(&m.target), &s.number),
    ] {
        // An empty figure to fill in needs no cell: its column is formatted for it.
        if value.is_some() || !std::ptr::eq(style, &s.number) {
            sheet::number(ws, row, cols.at(key), value, style)?;
        }
    }
    if let Some(note) = &m.note {
        sheet::text(ws, row, cols.at("note"), note, &s.input)?;
    }
    if m.restricted {
        sheet::text(ws, row, cols.at("restricted"), YES, &s.input)?;
    }
    cols.fit_row(
        ws,
        row,
        &[
            ("reference", &key),
            ("item", &item.text),
            ("guidance", &guide),
            ("note", m.note.as_deref().unwrap_or("")),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_wrapped_paragraphs_are_joined_and_lists_kept() {
        assert_eq!(
            reflow("One line\nwrapped here.\n\nA list:\n- first\n- second\nthird"),
            "One line wrapped here.\n\nA list:\n- first\n- second third"
        );
    }
}
