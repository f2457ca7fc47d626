//! `ties compare --format xlsx`: the estate as an Excel workbook. (A self-assessment as a
//! workbook to fill in is `output::workbook`.)

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use crate::output::cells::{MAX_COLUMNS, MAX_ROWS, fit_cell};
use crate::view::estate::CompareView;
use crate::view::estate_export::{Data, Table, Value};
use crate::view::numbers::round_share;

/// The widest a workbook column is made to fit its content, in pixels: long texts (evidence)
/// wrap in the cell rather than widen the sheet.
const MAX_COLUMN_PIXELS: u32 = 420;

/// The rows a column's width is measured on: enough to size every column well, few enough to
/// keep a large workbook quick to write.
const AUTOFIT_ROWS: u32 = 2_000;

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(name: &str, taken: &[String]) -> String {
    let clean: String = name
        .chars()
        .filter(|c| !"[]:*?/\\'".contains(*c))
        .take(28)
        .collect();
    let mut candidate = clean.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&candidate)) {
        candidate = format!("{clean} {n}");
        n += 1;
    }
    candidate
}

/// The workbook: for one year (`view`), a matrix sheet per framework; then a sheet for each
/// table (establishments, frameworks, sections, items, measures, actions, learning from peers,
/// not submitted, files left out), header rows frozen, filters on, columns sized to their
/// content. Text is always written as text, so nothing in it can run as a formula. `created`
/// (from the input, never the clock) keeps the file byte-identical between runs.
pub fn estate(
    view: Option<&CompareView>,
    data: &Data,
    created: (u16, u8, u8),
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let date = ExcelDateTime::from_ymd(created.0, created.1, created.2)?;
    let years = match (data.years.first(), data.years.last()) {
        (Some(first), Some(last)) if first != last => format!("{first} to {last}"),
        (Some(year), _) => year.to_string(),
        _ => String::new(),
    };
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("Family ties across the estate: {years}"))
            .set_creation_datetime(&date),
    );
    let formats = Formats::new();
    let mut names: Vec<String> = Vec::new();
    for f in view.iter().flat_map(|v| &v.frameworks) {
        let name = sheet_name(&f.id, &names);
        names.push(name.clone());
        let ws = wb.add_worksheet();
        ws.set_name(&name)?;
        matrix_sheet(ws, f, &formats)?;
    }
    for t in &data.tables {
        let name = sheet_name(t.kind.sheet, &names);
        names.push(name.clone());
        let ws = wb.add_worksheet();
        ws.set_name(&name)?;
        table_sheet(ws, t, &formats)?;
    }
    wb.save_to_buffer()
        .map(super::container::same_on_every_system)
}

struct Formats {
    bold: Format,
    percent: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            bold: Format::new().set_bold(),
            percent: Format::new().set_num_format("0%"),
        }
    }
}

/// Columns sized to their content (measured on the first `AUTOFIT_ROWS` rows), up to
/// `MAX_COLUMN_PIXELS`.
fn size_columns(ws: &mut Worksheet) {
    ws.set_autofit_max_row(AUTOFIT_ROWS);
    ws.set_autofit_max_width(MAX_COLUMN_PIXELS);
    ws.autofit();
}

/// A grade in a cell: its words, or an empty cell for none.
fn grade_text(grade: &Option<String>, provisional: bool) -> String {
    crate::view::score::grade_text(grade.as_deref(), provisional).unwrap_or_default()
}

/// A framework's grade matrix: an establishment a row, each section's score and grade.
fn matrix_sheet(
    ws: &mut Worksheet,
    f: &crate::view::estate::FrameworkCompare,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let mut headers = vec![
        "Establishment".to_string(),
        "Comparator group".to_string(),
        "Coverage".to_string(),
        "Score".to_string(),
        "Grade".to_string(),
    ];
    // A sheet has at most 16,384 columns: two for each section after the first five.
    let shown = f.sections.len().min((usize::from(MAX_COLUMNS) - 5) / 2);
    for s in &f.sections[..shown] {
        headers.push(format!("{} (score)", s.title));
        headers.push(format!("{} (grade)", s.title));
    }
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, fit_cell(h), &formats.bold)?;
    }
    for (r, row) in f.rows.iter().enumerate() {
        let r = r as u32 + 1;
        ws.write_string(r, 0, fit_cell(&row.name))?;
        ws.write_string(
            r,
            1,
            fit_cell(row.comparator_group.as_deref().unwrap_or("")),
        )?;
        ws.write_number_with_format(r, 2, round_share(row.coverage), &formats.percent)?;
        if let Some(v) = row.score {
            ws.write_number_with_format(r, 3, round_share(v), &formats.percent)?;
        }
        ws.write_string(r, 4, fit_cell(&grade_text(&row.grade, row.provisional)))?;
        for (i, cell) in row.cells.iter().take(shown).enumerate() {
            let col = 5 + 2 * i as u16;
            if let Some(v) = cell.score {
                ws.write_number_with_format(r, col, round_share(v), &formats.percent)?;
            }
            ws.write_string(
                r,
                col + 1,
                fit_cell(&grade_text(&cell.grade, cell.provisional)),
            )?;
        }
    }
    if shown < f.sections.len() {
        let note = format!(
            "Only the first {shown} of {} sections are shown: a sheet holds at most {MAX_COLUMNS} \
             columns. The CSV and JSON exports hold them all.",
            f.sections.len()
        );
        ws.write_string(f.rows.len() as u32 + 2, 0, &note)?;
    }
    ws.set_freeze_panes(1, 1)?;
    ws.autofilter(0, 0, f.rows.len() as u32, headers.len() as u16 - 1)?;
    size_columns(ws);
    Ok(())
}

/// A table as a sheet: its columns as the header, each cell as its kind asks.
fn table_sheet(ws: &mut Worksheet, t: &Table<'_>, formats: &Formats) -> Result<(), XlsxError> {
    for (c, h) in t.columns().iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &formats.bold)?;
    }
    // A sheet has at most 1,048,576 rows: the header, the data, and a note if it is cut.
    let shown = &t.rows[..t.rows.len().min(MAX_ROWS as usize - 2)];
    for (i, row) in shown.iter().enumerate() {
        let r = i as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Value::Text(s) if !s.is_empty() => {
                    ws.write_string(r, c, fit_cell(s))?;
                }
                Value::Whole(n) => {
                    ws.write_number(r, c, *n)?;
                }
                Value::Share(Some(x)) => {
                    ws.write_number_with_format(r, c, round_share(*x), &formats.percent)?;
                }
                Value::Number(Some(x)) => {
                    ws.write_number(r, c, round_share(*x))?;
                }
                Value::Flag(b) => {
                    ws.write_boolean(r, c, *b)?;
                }
                _ => {}
            }
        }
    }
    if shown.len() < t.rows.len() {
        let note = format!(
            "Only the first {} of {} rows are shown: a sheet holds at most {MAX_ROWS} rows. The \
             CSV and JSON exports hold them all.",
            shown.len(),
            t.rows.len()
        );
        ws.write_string(shown.len() as u32 + 1, 0, &note)?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, shown.len() as u32, t.columns().len() as u16 - 1)?;
    size_columns(ws);
    Ok(())
}
