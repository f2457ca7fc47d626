//! What every sheet of the workbook shares: the hidden row of column keys and the hidden column
//! of row keys, the headings, widths, frozen panes, printing and protection.

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, ExcelDateTime, Format, Formula,
    ProtectionOptions, Worksheet, XlsxError,
};

use super::style::Styles;
use crate::load::workbook::layout::{self, Column, SheetKind};

/// The columns of one sheet: column A (row keys), then `columns`.
pub struct Columns {
    pub kind: SheetKind,
    pub columns: Vec<Column>,
}

impl Columns {
    pub fn new(kind: SheetKind, columns: impl IntoIterator<Item = Column>) -> Columns {
        Columns {
            kind,
            columns: columns.into_iter().collect(),
        }
    }

    /// The 0-based column of a key.
    pub fn at(&self, key: &str) -> u16 {
        self.columns
            .iter()
            .position(|c| c.key == key)
            .map_or(0, |i| i as u16 + 1)
    }

    pub fn has(&self, key: &str) -> bool {
        self.columns.iter().any(|c| c.key == key)
    }

    /// The width of a key's column.
    pub fn width(&self, key: &str) -> f64 {
        self.columns
            .iter()
            .find(|c| c.key == key)
            .map_or(10.0, |c| c.width)
    }

    /// Sets a row's height to fit the texts written in it, each with its column's key.
    pub fn fit_row(
        &self,
        ws: &mut Worksheet,
        row: u32,
        texts: &[(&str, &str)],
    ) -> Result<(), XlsxError> {
        let cells: Vec<(&str, f64)> = texts
            .iter()
            .filter(|(key, _)| self.has(key))
            .map(|(key, text)| (*text, self.width(key)))
            .collect();
        ws.set_row_height(row, fitted_height(&cells))?;
        Ok(())
    }

    /// The last column a person sees.
    fn last_visible(&self) -> u16 {
        self.columns
            .iter()
            .rposition(|c| !layout::HIDDEN.contains(&c.key))
            .map_or(1, |i| i as u16 + 1)
    }

    /// The keys (hidden row 1), the headings (row 2, frozen, repeated on every printed page),
    /// the widths, the hidden columns, filters on the headings, printing and protection.
    /// `rows` is the number of rows of data written.
    pub fn finish(&self, ws: &mut Worksheet, s: &Styles, rows: u32) -> Result<(), XlsxError> {
        ws.write_string(layout::KEY_ROW, 0, self.kind.marker())?;
        ws.set_column_width(0, layout::ID.width)?;
        ws.set_column_hidden(0)?;
        for (i, c) in self.columns.iter().enumerate() {
            let col = i as u16 + 1;
            ws.write_string(layout::KEY_ROW, col, c.key)?;
            if layout::HIDDEN.contains(&c.key) {
                ws.set_column_hidden(col)?;
            } else {
                ws.write_string_with_format(layout::HEADER_ROW, col, c.header, &s.header)?;
            }
            ws.set_column_width(col, c.width)?;
        }
        ws.set_row_hidden(layout::KEY_ROW)?;
        ws.set_row_height(layout::HEADER_ROW, 42)?;
        ws.set_freeze_panes(layout::FIRST_ROW, 2)?;
        let last = self.last_visible();
        ws.autofilter(
            layout::HEADER_ROW,
            1,
            layout::HEADER_ROW + rows.max(1),
            last,
        )?;
        print_setup(ws)?;
        ws.set_repeat_rows(layout::HEADER_ROW, layout::HEADER_ROW)?;
        protect(ws);
        Ok(())
    }
}

/// The height (in points) a row needs to show its wrapped texts in full, each given with its
/// column's width: spreadsheet programs do not all size rows to their text when they open a
/// file, so the workbook says. At most the 409 points a row may have.
pub fn fitted_height(cells: &[(&str, f64)]) -> f64 {
    const LINE: f64 = 12.75;
    let lines = cells
        .iter()
        .map(|(text, width)| {
            // An average character of 10-point Arial is a little narrower than the unit of
            // column width; count a little under what fits, so the text is never cut off.
            let per_line = (width * 1.1).max(1.0) as usize;
            text.split('\n')
                .map(|l| l.chars().count().div_ceil(per_line).max(1))
                .sum::<usize>()
        })
        .max()
        .unwrap_or(1);
    (lines as f64 * LINE + 4.0).clamp(15.0, 409.0)
}

/// Landscape A4, fitted to the page width, with page numbers.
pub fn print_setup(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_footer("&CPage &P of &N");
    Ok(())
}

/// Sheet protection with no password: locked cells cannot be changed by a slip, and anyone who
/// needs to can lift it (Review, Unprotect Sheet). Widening columns and rows, sorting and
/// filtering stay allowed.
pub fn protect(ws: &mut Worksheet) {
    let options = ProtectionOptions {
        format_columns: true,
        format_rows: true,
        sort: true,
        use_autofilter: true,
        ..ProtectionOptions::default()
    };
    ws.protect_with_options(&options);
}

/// Text as text, never a formula, whatever it starts with; an empty text leaves the cell blank
/// with its format, so a cell to fill in still looks like one.
pub fn text(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    value: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    if value.is_empty() {
        ws.write_blank(row, col, format)?;
    } else {
        ws.write_string_with_format(row, col, value, format)?;
    }
    Ok(())
}

/// A date written YYYY-MM-DD, as a date cell; anything else as text.
pub fn date(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    value: Option<&str>,
    format: &Format,
) -> Result<(), XlsxError> {
    match value.and_then(crate::model::assessment::parse_date) {
        Some(d) => {
            use chrono::Datelike;
            let dt = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
            ws.write_datetime_with_format(row, col, &dt, format)?;
        }
        None => text(ws, row, col, value.unwrap_or(""), format)?,
    }
    Ok(())
}

/// A number, or a blank cell to fill in.
pub fn number(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    value: Option<f64>,
    format: &Format,
) -> Result<(), XlsxError> {
    match value {
        Some(v) => ws.write_number_with_format(row, col, v, format)?,
        None => ws.write_blank(row, col, format)?,
    };
    Ok(())
}

/// A drop-down of the words in `range` (on the Lists sheet), for rows `first..=last` of `col`.
pub fn list_from(
    ws: &mut Worksheet,
    (first, last): (u32, u32),
    col: u16,
    range: &str,
    what: &str,
) -> Result<(), XlsxError> {
    let v = DataValidation::new()
        .allow_list_formula(Formula::new(format!("={range}")))
        .set_error_title("Pick from the list")?
        .set_error_message(format!("Pick {what} from the drop-down list."))?
        .set_error_style(DataValidationErrorStyle::Stop);
    ws.add_data_validation(first, col, last, col, &v)?;
    Ok(())
}

/// A drop-down of a few fixed words (Yes and No).
pub fn list_of(
    ws: &mut Worksheet,
    (first, last): (u32, u32),
    col: u16,
    words: &[&str],
) -> Result<(), XlsxError> {
    let v = DataValidation::new()
        .allow_list_strings(words)?
        .set_error_title("Pick from the list")?
        .set_error_message(format!(
            "Pick {} from the drop-down list.",
            words.join(" or ")
        ))?;
    ws.add_data_validation(first, col, last, col, &v)?;
    Ok(())
}

/// Dates between 2000 and 2100, with a note on how to type one.
pub fn dates(ws: &mut Worksheet, (first, last): (u32, u32), col: u16) -> Result<(), XlsxError> {
    let low = ExcelDateTime::from_ymd(2000, 1, 1)?;
    let high = ExcelDateTime::from_ymd(2100, 12, 31)?;
    let v = DataValidation::new()
        .allow_date(DataValidationRule::Between(low, high))
        .set_input_title("A date")?
        .set_input_message("Type the date as day, month and year, such as 31/03/2026.")?
        .set_error_title("Not a date")?
        .set_error_message("Type a date as day, month and year, such as 31/03/2026.")?;
    ws.add_data_validation(first, col, last, col, &v)?;
    Ok(())
}

/// Numbers of 0 or more.
pub fn numbers(ws: &mut Worksheet, (first, last): (u32, u32), col: u16) -> Result<(), XlsxError> {
    let v = DataValidation::new()
        .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
        .set_error_title("Not a number")?
        .set_error_message("Type a number of 0 or more, with no words or symbols.")?;
    ws.add_data_validation(first, col, last, col, &v)?;
    Ok(())
}
