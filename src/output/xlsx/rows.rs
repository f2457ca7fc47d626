//! The long tables of the estate's workbook, written as they are made. The spreadsheet writer
//! holds every cell of a workbook until it writes the file; the estate's tables can hold tens of
//! thousands of rows (140 establishments answering 200 items each), which made the estate's
//! workbook the largest use of memory in `ties`. So the writer is given only the first rows of a
//! long table, to size its columns, and then lets go of them; all its rows are written here,
//! straight into the sheet's XML inside the finished file, one at a time, as text cells that hold
//! their text (`inlineStr`) and number cells as the writer writes them. A workbook whose tables
//! are all short is the writer's, byte for byte.
//!
//! What a cell holds is the same either way: a test reads every cell of the tables written whole
//! by the writer and written here, and finds them equal.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{Cursor, Read as _, Write as _};

use rust_xlsxwriter::XlsxError;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use super::Cell;
use crate::view::estate_export::{Data, Kind, Value};

/// A long table, whose rows are all written here, below its header.
pub(super) struct Rest {
    /// The sheet's place among the workbook's sheets, from 1 (`xl/worksheets/sheet1.xml`).
    pub sheet: usize,
    /// The table: it is made again, a piece at a time, to be written.
    pub kind: &'static Kind,
    /// How many of its rows the sheet shows (a sheet holds at most 1,048,576 rows).
    pub shown: usize,
    /// A line after the rows (that the table was cut to fit a sheet), in column A.
    pub note: Option<String>,
    /// How many columns the table has.
    pub columns: usize,
}

/// The workbook `bytes` (as the writer made it) with each of `rests` written into its sheet,
/// the tables made again from `data`, one at a time.
pub(super) fn write_rest(
    bytes: Vec<u8>,
    rests: &[Rest],
    data: &Data,
) -> Result<Vec<u8>, XlsxError> {
    if rests.is_empty() {
        return Ok(bytes);
    }
    let mut archive = ZipArchive::new(Cursor::new(bytes))?;
    let mut styles = String::new();
    archive
        .by_name("xl/styles.xml")?
        .read_to_string(&mut styles)?;
    let (percent, new_styles) = percent_style(&styles);
    let mut out = ZipWriter::new(Cursor::new(Vec::new()));
    // As the writer writes every part: compressed, with no date and the same permissions.
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .unix_permissions(0o600)
        .last_modified_time(DateTime::default());
    for i in 0..archive.len() {
        let entry = archive.by_index(i)?;
        let name = entry.name()?.to_string();
        if let (Some(styles), "xl/styles.xml") = (&new_styles, name.as_str()) {
            drop(entry);
            out.start_file(name, options)?;
            out.write_all(styles.as_bytes())?;
            continue;
        }
        let mut entry = entry;
        let Some(rest) = rests
            .iter()
            .find(|r| name == format!("xl/worksheets/sheet{}.xml", r.sheet))
        else {
            out.raw_copy_file(entry)?;
            continue;
        };
        let mut xml = String::new();
        entry.read_to_string(&mut xml)?;
        drop(entry);
        let (head, tail) = split_sheet(&xml, rest)?;
        out.start_file(name, options)?;
        out.write_all(head.as_bytes())?;
        let mut row = String::new();
        let mut at = 0;
        for piece in data.pieces(rest.kind) {
            for cells in piece.iter().take(rest.shown - at) {
                row.clear();
                at += 1;
                write_row(&mut row, at as u32, cells, percent);
                out.write_all(row.as_bytes())?;
            }
            if at == rest.shown {
                break;
            }
        }
        if let Some(note) = &rest.note {
            row.clear();
            let r = rest.shown as u32 + 2;
            let _ = write!(row, r#"<row r="{r}">"#);
            text_cell(&mut row, &format!("A{r}"), note);
            row.push_str("</row>");
            out.write_all(row.as_bytes())?;
        }
        out.write_all(tail.as_bytes())?;
    }
    Ok(out.finish()?.into_inner())
}

/// A sheet's XML cut where the rows written here go: after the header, the only row the writer
/// still holds (the rows it let go of are left as empty rows, which are dropped), with the
/// extent of the sheet's cells (`<dimension ref="A1:…"/>`) made to take them in.
fn split_sheet(xml: &str, rest: &Rest) -> Result<(String, String), XlsxError> {
    let unexpected = || XlsxError::ParameterError("a sheet of the estate's workbook".into());
    let data = xml.find("<sheetData>").ok_or_else(unexpected)?;
    let header = data + xml[data..].find("</row>").ok_or_else(unexpected)? + "</row>".len();
    let at = xml.find("</sheetData>").ok_or_else(unexpected)?;
    if at < header || xml[header..at].contains("<c ") {
        return Err(unexpected());
    }
    let mut head = xml[..header].to_string();
    let last_row = rest.shown as u32 + 1 + u32::from(rest.note.is_some());
    let extent = format!(
        r#"<dimension ref="A1:{}{last_row}"/>"#,
        column_name(rest.columns.saturating_sub(1))
    );
    let start = head.find("<dimension ref=\"").ok_or_else(unexpected)?;
    let end = start + head[start..].find("/>").ok_or_else(unexpected)? + 2;
    head.replace_range(start..end, &extent);
    Ok((head, xml[at..].to_string()))
}

/// The style the writer gave percentages (`0%`, a number format of its own or Excel's format 9):
/// its place among the cell styles of `styles` (`xl/styles.xml`). Only a long table's first rows
/// are sure to hold a percentage; when none of the workbook's cells does, the style is added
/// (with Excel's format 9), and the styles come back changed to hold it.
pub(super) fn percent_style(styles: &str) -> (usize, Option<String>) {
    if let Some(at) = percent_styles(styles).first() {
        return (*at, None);
    }
    let xfs = cell_styles(styles);
    let (end, count) = (xfs.end, styles[xfs].matches("<xf ").count());
    let mut changed = styles.to_string();
    changed.insert_str(
        end,
        r#"<xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
    );
    changed = changed.replacen(
        &format!(r#"<cellXfs count="{count}">"#),
        &format!(r#"<cellXfs count="{}">"#, count + 1),
        1,
    );
    (count, Some(changed))
}

/// The places, among the cell styles of `styles`, of those that show a number as a percentage
/// with no decimals (`0%`).
pub(super) fn percent_styles(styles: &str) -> Vec<usize> {
    // Excel's own format 9, and any format of the workbook's own written `0%`.
    let mut formats = vec!["9".to_string()];
    for (at, _) in styles.match_indices("<numFmt ") {
        let tag = &styles[at..at + styles[at..].find('>').unwrap_or(0)];
        if tag.contains(r#"formatCode="0%""#) {
            formats.extend(attribute(tag, "numFmtId"));
        }
    }
    let std::ops::Range { start, end } = cell_styles(styles);
    styles[start..end]
        .match_indices("<xf ")
        .enumerate()
        .filter(|(_, (at, _))| {
            let xf = &styles[start + at..end];
            let xf = &xf[..xf.find('>').unwrap_or(xf.len())];
            attribute(xf, "numFmtId").is_some_and(|id| formats.contains(&id))
        })
        .map(|(i, _)| i)
        .collect()
}

/// Where the cell styles of `styles` (`xl/styles.xml`) are: from `<cellXfs` to `</cellXfs>`.
fn cell_styles(styles: &str) -> std::ops::Range<usize> {
    let start = styles.find("<cellXfs").unwrap_or(0);
    let end = styles[start..]
        .find("</cellXfs>")
        .map_or(styles.len(), |e| start + e);
    start..end
}

/// The value of an attribute of a tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = tag[at..].find('"')?;
    Some(tag[at..at + len].to_string())
}

/// One row of a table, as the writer writes its cells: nothing for an empty cell.
fn write_row(out: &mut String, row: u32, cells: &[Value], percent: usize) {
    let r = row + 1;
    let _ = write!(out, r#"<row r="{r}">"#);
    for (c, value) in cells.iter().enumerate() {
        let at = format!("{}{r}", column_name(c));
        match Cell::of(value) {
            Some(Cell::Text(s)) => text_cell(out, &at, &s),
            Some(Cell::Number(n)) => number_cell(out, &at, n, None),
            Some(Cell::Percent(x)) => number_cell(out, &at, x, Some(percent)),
            Some(Cell::Flag(b)) => {
                let _ = write!(out, r#"<c r="{at}" t="b"><v>{}</v></c>"#, u8::from(b));
            }
            None => {}
        }
    }
    out.push_str("</row>");
}

/// A number, as the writer writes one; a number that is not finite as the writer writes it, as
/// text.
fn number_cell(out: &mut String, at: &str, n: f64, style: Option<usize>) {
    if !n.is_finite() {
        let text = if n.is_nan() {
            "NAN"
        } else if n > 0.0 {
            "INF"
        } else {
            "-INF"
        };
        return text_cell(out, at, text);
    }
    match style {
        Some(s) => {
            let _ = write!(out, r#"<c r="{at}" s="{s}"><v>{n}</v></c>"#);
        }
        None => {
            let _ = write!(out, r#"<c r="{at}"><v>{n}</v></c>"#);
        }
    }
}

/// A text cell holding its text, escaped as the writer escapes text: `&`, `<` and `>` as XML
/// has them, control characters as Excel writes them (`_x0001_`), and text that already looks
/// like such an escape with its underscore escaped, so that it reads back as written.
fn text_cell(out: &mut String, at: &str, text: &str) {
    let edge = ['\t', '\n', ' '];
    let keep = if text.starts_with(edge) || text.ends_with(edge) {
        r#" xml:space="preserve""#
    } else {
        ""
    };
    let _ = write!(out, r#"<c r="{at}" t="inlineStr"><is><t{keep}>"#);
    let text = escape_escapes(text);
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\t' | '\n' => out.push(ch),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => {
                let _ = write!(out, "_x{:04X}_", u32::from(ch));
            }
            _ => out.push(ch),
        }
    }
    out.push_str("</t></is></c>");
}

/// Text with every `_xHHHH_` (four hexadecimal digits) in it written `_x005F_xHHHH_`: Excel
/// reads `_xHHHH_` as the character HHHH, and `_x005F_` as the underscore.
fn escape_escapes(text: &str) -> Cow<'_, str> {
    if !text.contains("_x") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 12);
    let mut rest = text;
    while let Some(at) = rest.find("_x") {
        let after = &rest[at + 2..];
        let escape = after.len() >= 5
            && after.as_bytes()[..4].iter().all(u8::is_ascii_hexdigit)
            && after.as_bytes()[4] == b'_';
        out.push_str(&rest[..at]);
        if escape {
            out.push_str("_x005F");
        }
        out.push_str("_x");
        rest = after;
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// A column's letters: 0 is A, 25 is Z, 26 is AA.
fn column_name(mut col: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_as_a_spreadsheet_names_them() {
        let names: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702]
            .into_iter()
            .map(column_name)
            .collect();
        assert_eq!(names, ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }

    #[test]
    fn text_is_escaped_as_the_writer_escapes_it() {
        let mut out = String::new();
        text_cell(&mut out, "B7", "a<b & c>d\u{1}_x0041_ _xZZ_\tend");
        assert_eq!(
            out,
            r#"<c r="B7" t="inlineStr"><is><t>a&lt;b &amp; c&gt;d_x0001__x005F_x0041_ _xZZ_	end</t></is></c>"#
        );
        out.clear();
        text_cell(&mut out, "A1", " kept ");
        assert!(
            out.contains(r#"<t xml:space="preserve"> kept </t>"#),
            "{out}"
        );
        assert_eq!(escape_escapes("_x00"), "_x00");
        assert_eq!(escape_escapes("__x00AF_x"), "__x005F_x00AF_x");
    }
}
