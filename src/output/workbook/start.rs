//! The Start here sheet (what to do, the establishment's details, the frameworks and the format
//! version) and the sheet that explains each rating.

use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use super::Ctx;
use super::sheet;
use crate::load::workbook::layout::{self, NATIONS, SheetKind};
use crate::model::assessment::FORMAT_VERSION;

pub const START: &str = "Start here";
pub const SCALES: &str = "What the ratings mean";

/// The column of labels, of values, and of notes on the Start here sheet.
const LABEL: u16 = 1;
const VALUE: u16 = 2;
const NOTE: u16 = 3;

/// What to do, in plain words; `carried` adds the step about last year's answers.
fn steps(ctx: &Ctx) -> Vec<String> {
    let year = *ctx.a.year;
    let mut steps = vec![
        format!(
            "This workbook is your establishment's self-assessment of how well it supports prisoners' family ties, for {year}. Fill in the cells with a white background. Grey cells hold the questions and guidance; they cannot be changed by mistake."
        ),
        "Check the establishment's details below. When you have finished, add the date and your role (not your name).".to_string(),
        "Each framework has its own sheet (the tabs along the bottom). For each item, pick a rating from the drop-down list, or, if it does not apply here, say why. Then say what you do, your strengths and what needs to improve. The sheet \"What the ratings mean\" explains every rating.".to_string(),
        "Add each piece of evidence as a row of the Evidence sheet, and each action of your action plan as a row of the Actions sheet.".to_string(),
    ];
    if ctx.carried {
        steps.push("Answers with a yellow background were carried forward from last year. Change each one, or, if it still holds, pick Yes in its Confirm column.".to_string());
    }
    steps.push("Anything that must not be published: pick Yes under Restricted. It stays out of the public report.".to_string());
    steps.push("Describe services, not people: no names, phone numbers, email addresses or prison numbers.".to_string());
    steps.push("Save the workbook as an Excel workbook (.xlsx), keeping its name, and send it back to whoever sent it to you. If anything needs fixing, they can tell you the sheet and cell.".to_string());
    steps
}

pub fn start(ws: &mut Worksheet, ctx: &Ctx) -> Result<(), XlsxError> {
    let s = &ctx.styles;
    let a = ctx.a;
    ws.set_name(START)?;
    ws.write_string(layout::KEY_ROW, 0, SheetKind::Start.marker())?;
    ws.write_string(layout::KEY_ROW, LABEL, "label")?;
    ws.write_string(layout::KEY_ROW, VALUE, "value")?;
    ws.write_string(layout::KEY_ROW, NOTE, "note")?;
    ws.set_row_hidden(layout::KEY_ROW)?;
    ws.set_column_hidden(0)?;
    ws.set_column_width(LABEL, 30)?;
    ws.set_column_width(VALUE, 44)?;
    ws.set_column_width(NOTE, 48)?;
    ws.write_string_with_format(1, LABEL, "Family ties self-assessment", &s.title)?;
    let subtitle = format!("{}, {}", a.establishment.name, *a.year);
    ws.write_string_with_format(2, LABEL, &subtitle, &s.subtitle)?;
    let mut row = 4;
    ws.write_string_with_format(row, LABEL, "What to do", &s.heading)?;
    row += 1;
    for (n, step) in steps(ctx).iter().enumerate() {
        ws.write_string_with_format(row, LABEL, format!("{}.", n + 1), &s.label)?;
        ws.merge_range(row, VALUE, row, NOTE, step, &s.guidance)?;
        ws.set_row_height(row, sheet::fitted_height(&[(step, 92.0)]))?;
        row += 1;
    }
    row += 1;
    ws.write_string_with_format(row, LABEL, "About the establishment", &s.heading)?;
    row += 1;
    let e = &a.establishment;
    let nation = ctx.lists.label(NATIONS, e.nation.id()).unwrap_or("");
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let details: [(&str, String, bool, &str); 10] = [
        (
            "establishment.id",
            e.id.value.clone(),
            false,
            "Used to find the other years: leave it as it is.",
        ),
        ("establishment.name", e.name.clone(), true, ""),
        (
            "establishment.nation",
            nation.to_string(),
            true,
            "Pick from the list.",
        ),
        (
            "establishment.region",
            text(&e.region),
            true,
            "For example: North West.",
        ),
        (
            "establishment.comparator_group",
            text(&e.comparator_group),
            true,
            "Prisons of similar function and population, for example: reception.",
        ),
        (
            "establishment.type",
            text(&e.kind),
            true,
            "For example: Category B local prison for adult men.",
        ),
        ("year", a.year.to_string(), false, ""),
        (
            "completed_on",
            String::new(),
            true,
            "The date you finish, such as 30/04/2026.",
        ),
        (
            "completed_by",
            a.completed_by
                .as_ref()
                .map(|c| c.value.clone())
                .unwrap_or_default(),
            true,
            "A role, not a person's name: for example, Head of Reducing Reoffending.",
        ),
        (
            "establishment.public_contacts",
            e.public_contacts.join("\n"),
            true,
            "Contact details that are public (a helpline's number, a team mailbox), one a line: \
             the check for personal data lets them pass.",
        ),
    ];
    for ((key, value, open, note), (_, label)) in details.iter().zip(layout::START) {
        ws.write_string(row, 0, *key)?;
        ws.write_string_with_format(row, LABEL, label, &s.label)?;
        let style = if *open { &s.input } else { &s.guidance };
        match *key {
            "year" => {
                ws.write_number_with_format(row, VALUE, f64::from(*a.year), style)?;
            }
            "completed_on" => {
                let on = a.completed_on.as_ref().map(|d| d.value.as_str());
                sheet::date(ws, row, VALUE, on, &s.date)?;
                sheet::dates(ws, (row, row), VALUE)?;
            }
            "establishment.nation" => {
                sheet::text(ws, row, VALUE, value, style)?;
                if let Some(range) = ctx.lists.range(NATIONS) {
                    sheet::list_from(ws, (row, row), VALUE, &range, "the nation")?;
                }
            }
            _ => sheet::text(ws, row, VALUE, value, style)?,
        }
        if !note.is_empty() {
            ws.write_string_with_format(row, NOTE, *note, &s.note)?;
        }
        row += 1;
    }
    row += 1;
    ws.write_string_with_format(row, LABEL, "Frameworks in this workbook", &s.heading)?;
    row += 1;
    for (listed, fw) in a.frameworks.iter().zip(&ctx.frameworks) {
        ws.write_string(row, 0, format!("{}{}", layout::FRAMEWORK_KEY, listed.value))?;
        ws.write_string_with_format(row, LABEL, "Framework", &s.label)?;
        ws.write_string_with_format(row, VALUE, &fw.title, &s.guidance)?;
        let version = format!("Version {}", fw.version.value);
        ws.write_string_with_format(row, NOTE, &version, &s.note)?;
        row += 1;
    }
    row += 1;
    ws.write_string(row, 0, layout::FORMAT_KEY)?;
    ws.write_string_with_format(row, LABEL, "Workbook format", &s.label)?;
    ws.write_number_with_format(row, VALUE, f64::from(FORMAT_VERSION), &s.guidance)?;
    ws.write_string_with_format(row, NOTE, "For ties: leave as it is.", &s.note)?;
    sheet::print_setup(ws)?;
    ws.set_portrait();
    sheet::protect(ws);
    ws.set_active(true);
    Ok(())
}

/// What each rating of each scale means, highest first, and the kinds of evidence.
pub fn scales(ws: &mut Worksheet, ctx: &Ctx) -> Result<(), XlsxError> {
    let s = &ctx.styles;
    ws.set_name(SCALES)?;
    ws.write_string(layout::KEY_ROW, 0, SheetKind::Scales.marker())?;
    ws.set_row_hidden(layout::KEY_ROW)?;
    ws.set_column_hidden(0)?;
    ws.set_column_width(1, 28)?;
    ws.set_column_width(2, 90)?;
    let mut row = 1;
    for fw in &ctx.frameworks {
        ws.write_string_with_format(row, 1, &fw.title, &s.heading)?;
        ws.write_blank(row, 2, &s.heading)?;
        row += 1;
        for scale in &fw.scales {
            row += 1;
            let title = format!("Ratings: {}", scale.label);
            ws.write_string_with_format(row, 1, &title, &s.subheading)?;
            row += 1;
            if let Some(note) = &scale.note {
                ws.write_string_with_format(row, 2, note.trim(), &s.note)?;
                ws.set_row_height(row, sheet::fitted_height(&[(note.trim(), 90.0)]))?;
                row += 1;
            }
            ws.write_string_with_format(row, 1, "Rating", &s.header)?;
            ws.write_string_with_format(row, 2, "What it means", &s.header)?;
            row += 1;
            for level in scale.levels.iter().rev() {
                ws.write_string_with_format(row, 1, &level.label, &s.label)?;
                ws.write_string_with_format(row, 2, level.descriptor.trim(), &s.guidance)?;
                ws.set_row_height(
                    row,
                    sheet::fitted_height(&[(level.descriptor.trim(), 90.0)]),
                )?;
                row += 1;
            }
            if scale.not_applicable {
                ws.write_string_with_format(row, 1, "Does not apply here", &s.label)?;
                let text = "Leave the rating empty and say why the item does not apply in \"If it does not apply here: why not\".";
                ws.write_string_with_format(row, 2, text, &s.guidance)?;
                row += 1;
            }
        }
        row += 1;
        if !fw.evidence_kinds.is_empty() {
            ws.write_string_with_format(row, 1, "Kinds of evidence", &s.subheading)?;
            row += 1;
            for k in &fw.evidence_kinds {
                ws.write_string_with_format(row, 1, &k.label, &s.label)?;
                let about = k.description.as_deref().unwrap_or("").trim();
                ws.write_string_with_format(row, 2, about, &s.guidance)?;
                ws.set_row_height(row, sheet::fitted_height(&[(about, 90.0)]))?;
                row += 1;
            }
        }
        row += 1;
    }
    ws.write_blank(row, 1, &Format::new())?;
    sheet::print_setup(ws)?;
    sheet::protect(ws);
    Ok(())
}
