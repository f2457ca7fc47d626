//! `ties compare --format xlsx`: the estate as an Excel workbook. (A self-assessment as a
//! workbook to fill in is `output::workbook`.)

use std::borrow::Cow;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

mod rows;

use crate::output::cells::{MAX_COLUMNS, MAX_ROWS, fit_cell};
use crate::view::estate::CompareView;
use crate::view::estate_export::{Data, Kind, TABLES, Value};
use crate::view::numbers::round_share;

/// The widest a workbook column is made to fit its content, in pixels: long texts (evidence)
/// wrap in the cell rather than widen the sheet.
const MAX_COLUMN_PIXELS: u32 = 420;

/// The rows a column's width is measured on: enough to size every column well, few enough to
/// keep a large workbook quick to write.
const AUTOFIT_ROWS: u32 = 2_000;

/// The longest table the spreadsheet writer is given whole: as many rows as it measures the
/// columns on, and one more. A longer table is written as it is made (`rows`), so the writer
/// never holds a long table, which made the estate's workbook the largest use of memory.
const HELD_ROWS: usize = AUTOFIT_ROWS as usize + 1;

/// The rows a longer table's columns are sized on: enough to see the texts of several
/// establishments, few enough that the writer's cells of one sheet stay small (on 140
/// establishments, the widths are those measured on 2,000 rows but for one column, a fifth of a
/// character narrower).
const SIZING_ROWS: usize = 1_000;

/// What a table's value is as a cell of the workbook, whoever writes it (the spreadsheet
/// writer, or `rows` for a long table): the one rule, so that a cell is the same either way.
enum Cell<'v> {
    /// Text, cut to what a cell holds.
    Text(Cow<'v, str>),
    Number(f64),
    /// A share, shown as a percentage.
    Percent(f64),
    Flag(bool),
}

impl<'v> Cell<'v> {
    /// The cell for `value`; none for an empty value.
    fn of(value: &'v Value<'_>) -> Option<Cell<'v>> {
        match value {
            Value::Text(s) if !s.is_empty() => Some(Cell::Text(fit_cell(s))),
            Value::Whole(n) => Some(Cell::Number(*n)),
            Value::Share(Some(x)) => Some(Cell::Percent(round_share(*x))),
            Value::Number(Some(x)) => Some(Cell::Number(round_share(*x))),
            Value::Flag(b) => Some(Cell::Flag(*b)),
            _ => None,
        }
    }
}

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
    estate_holding(view, data, created, HELD_ROWS)
}

/// `estate`, with the spreadsheet writer given the first `held` rows of each table.
fn estate_holding(
    view: Option<&CompareView>,
    data: &Data,
    created: (u16, u8, u8),
    held: usize,
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
    let mut rests = Vec::new();
    // Each table is made a piece at a time, and only its first rows are kept for its sheet.
    for kind in &TABLES {
        let name = sheet_name(kind.sheet, &names);
        names.push(name.clone());
        let ws = wb.add_worksheet();
        ws.set_name(&name)?;
        rests.extend(table_sheet(ws, names.len(), data, kind, held, &formats)?);
    }
    let bytes = wb.save_to_buffer()?;
    // The writer's cells and parts are let go before the long tables are made again.
    drop(wb);
    rows::write_rest(bytes, &rests, data).map(super::container::same_on_every_system)
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

/// A table as a sheet (the `sheet`th of the workbook): its columns as the header, each cell
/// as its kind asks. The table is made a piece at a time, and only its first `held` rows are
/// kept, to be given to the writer. A longer table is given back, to be written in full into
/// the finished workbook (its first rows having sized the columns).
fn table_sheet(
    ws: &mut Worksheet,
    sheet: usize,
    data: &Data,
    kind: &'static Kind,
    held: usize,
    formats: &Formats,
) -> Result<Option<rows::Rest>, XlsxError> {
    for (c, h) in kind.columns.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &formats.bold)?;
    }
    let mut first = Vec::new();
    let mut total = 0;
    for piece in data.pieces(kind) {
        total += piece.len();
        if first.len() < held {
            first.extend(piece);
        }
    }
    // A sheet has at most 1,048,576 rows: the header, the data, and a note if it is cut.
    let shown = total.min(MAX_ROWS as usize - 2);
    // A longer table is written as it is made; its columns are sized on its first rows.
    let sizing = if total > held {
        held.min(SIZING_ROWS)
    } else {
        held
    };
    first.truncate(shown.min(sizing));
    for (i, row) in first.iter().enumerate() {
        let r = i as u32 + 1;
        for (c, value) in row.iter().enumerate() {
            let c = c as u16;
            match Cell::of(value) {
                Some(Cell::Text(s)) => ws.write_string(r, c, s)?,
                Some(Cell::Number(n)) => ws.write_number(r, c, n)?,
                Some(Cell::Percent(x)) => ws.write_number_with_format(r, c, x, &formats.percent)?,
                Some(Cell::Flag(b)) => ws.write_boolean(r, c, b)?,
                None => ws,
            };
        }
    }
    let note = (shown < total).then(|| {
        format!(
            "Only the first {shown} of {total} rows are shown: a sheet holds at most {MAX_ROWS} \
             rows. The CSV and JSON exports hold them all."
        )
    });
    let long = first.len() < shown;
    let rest = match note {
        _ if long => Some(rows::Rest {
            sheet,
            kind,
            shown,
            note,
            columns: kind.columns.len(),
        }),
        Some(note) => {
            ws.write_string(shown as u32 + 1, 0, &note)?;
            None
        }
        None => None,
    };
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, shown as u32, kind.columns.len() as u16 - 1)?;
    size_columns(ws);
    // A long table's first rows have served to size its columns: all its rows are written as
    // they are made (`rows`), so the writer lets go of those it held.
    if long {
        for r in 1..=first.len() as u32 {
            for c in 0..kind.columns.len() as u16 {
                ws.clear_cell(r, c);
            }
        }
    }
    Ok(rest)
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Read as _};
    use std::path::Path;

    use calamine::{Data as Cell, Reader, Xlsx};

    use super::*;
    use crate::estate::Estate;
    use crate::estate::compare::{Comparison, compare};
    use crate::load::InMemory;
    use crate::model::catalog::Catalog;
    use crate::view::estate::{Filters, build, rejected_rows};
    use crate::view::estate_export;

    /// Every sheet of a workbook: its name and its cells, row by row.
    fn cells(bytes: &[u8]) -> Vec<(String, Vec<Vec<Cell>>)> {
        let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).expect("a workbook");
        wb.sheet_names()
            .into_iter()
            .map(|name| {
                let range = wb.worksheet_range(&name).expect("a sheet");
                (name, range.rows().map(<[Cell]>::to_vec).collect())
            })
            .collect()
    }

    /// A part of the workbook, as text.
    fn part(bytes: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).expect("a zip");
        let mut text = String::new();
        zip.by_name(name)
            .expect("the part")
            .read_to_string(&mut text)
            .expect("text");
        text
    }

    /// How many cells of a sheet show a percentage.
    fn percent_cells(bytes: &[u8], sheet: usize) -> usize {
        let styles = super::rows::percent_styles(&part(bytes, "xl/styles.xml"));
        let xml = part(bytes, &format!("xl/worksheets/sheet{sheet}.xml"));
        styles
            .iter()
            .map(|i| xml.matches(&format!(r#" s="{i}">"#)).count())
            .sum()
    }

    /// The bundled estate's tables, written with the writer holding every row and holding only
    /// the first few: every cell of every sheet is the same, as are the percentages, the extent
    /// of each sheet and its filter.
    #[test]
    fn a_long_table_written_as_it_is_made_holds_what_the_writer_would_write() {
        let catalog = Catalog::bundled().0;
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assessments");
        let given = crate::load::files::folder_in_memory(&dir);
        let estate = Estate::load(&InMemory::new(&given), &dir, &catalog).unwrap();
        let register = estate.registers.first().map(|(_, r)| r);
        let filters = Filters {
            year: Some(2025),
            ..Filters::default()
        };
        let comparisons: Vec<Comparison> = [2024, 2025]
            .into_iter()
            .map(|year| {
                let year = Filters {
                    year: Some(year),
                    ..Filters::default()
                };
                compare(&catalog, &estate, register, &year).unwrap()
            })
            .collect();
        let rejected = rejected_rows(&estate);
        let data = estate_export::data(&comparisons, &filters, &rejected);
        let view = build(&catalog, &estate, register, &filters).unwrap();
        let longest = data.tables().map(|t| t.rows.len()).max().unwrap();
        assert!(longest > 100, "a long table: {longest} rows");

        let whole = estate_holding(Some(&view), &data, (2026, 5, 1), usize::MAX).unwrap();
        // As written for a person: every table shorter than the writer is given is its alone.
        assert_eq!(
            super::estate(Some(&view), &data, (2026, 5, 1)).unwrap(),
            whole
        );
        for held in [0, 1, 7, 100] {
            let cut = estate_holding(Some(&view), &data, (2026, 5, 1), held).unwrap();
            assert_ne!(cut, whole, "{held}");
            assert!(cells(&cut) == cells(&whole), "the cells, holding {held}");
            let sheets = view.frameworks.len() + data.tables().count();
            for sheet in 1..=sheets {
                assert_eq!(
                    percent_cells(&cut, sheet),
                    percent_cells(&whole, sheet),
                    "percentages on sheet {sheet}, holding {held}"
                );
                let sheet_xml =
                    |bytes: &[u8]| part(bytes, &format!("xl/worksheets/sheet{sheet}.xml"));
                let (a, b) = (sheet_xml(&cut), sheet_xml(&whole));
                let between = |xml: &str, from: &str| {
                    let at = xml.find(from).map_or(0, |a| a + from.len());
                    xml[at..at + xml[at..].find('"').unwrap_or(0)].to_string()
                };
                assert_eq!(
                    between(&a, "<dimension ref=\""),
                    between(&b, "<dimension ref=\"")
                );
                assert_eq!(
                    between(&a, "<autoFilter ref=\""),
                    between(&b, "<autoFilter ref=\"")
                );
                // Each row once, in order, as a spreadsheet program expects them, and no row
                // left empty.
                let rows: Vec<u32> = a
                    .match_indices("<row r=\"")
                    .map(|(at, _)| between(&a[at..], "<row r=\"").parse().unwrap())
                    .collect();
                assert!(
                    rows.windows(2).all(|w| w[0] < w[1]),
                    "rows in order on sheet {sheet}, holding {held}"
                );
                let empty = a.match_indices("<row ").any(|(at, _)| {
                    let open = at + a[at..].find('>').unwrap_or(0) + 1;
                    a[open..].starts_with("</row>") || a[..open].ends_with("/>")
                });
                assert!(!empty, "an empty row on sheet {sheet}, holding {held}");
            }
        }
    }

    #[test]
    fn a_percentage_style_is_added_when_no_cell_had_one() {
        let styles = r#"<styleSheet><cellXfs count="2"><xf numFmtId="0" fontId="0"/><xf numFmtId="0" fontId="1" applyFont="1"/></cellXfs></styleSheet>"#;
        let (at, changed) = super::rows::percent_style(styles);
        assert_eq!(at, 2);
        let changed = changed.expect("the style added");
        assert!(changed.contains(r#"<cellXfs count="3">"#), "{changed}");
        assert_eq!(super::rows::percent_style(&changed), (2, None));
        // The writer's own format for percentages is found.
        let own = r#"<numFmts count="1"><numFmt numFmtId="164" formatCode="0%"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="0" fontId="1"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs>"#;
        assert_eq!(super::rows::percent_style(own), (2, None));
    }
}
