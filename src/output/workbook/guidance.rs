//! Guidance too long for its cell. A row of a spreadsheet is at most 409 points high, so the
//! longest guidance (Lord Farmer's elements, with the HMPPS guidance's questions and examples)
//! cannot be shown whole in its item's row. Its cell then holds the paragraphs that fit, and a
//! last line saying where the rest is: the Guidance sheet, a row per paragraph, in full. No
//! text is cut off inside a cell.

use std::collections::BTreeMap;

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::Ctx;
use super::framework::guidance;
use super::sheet;
use crate::load::workbook::layout::{self, SheetKind};
use crate::model::framework::{Framework, Item, ItemKind};
use crate::model::ids;

/// The sheet's name.
pub const SHEET: &str = "Guidance";

/// The most lines a row shows (`sheet::fitted_height`'s 409 points).
const MOST_LINES: usize = 31;

/// The width of the Guidance sheet's column of text.
const WIDTH: f64 = 100.0;

/// The guidance of every item too long for its cell: what its cell shows, and the rest.
#[derive(Default)]
pub struct Continued {
    /// By item (qualified id): the text of its guidance cell.
    pub cells: BTreeMap<String, String>,
    /// The Guidance sheet's rows: the item's reference, its text, and a paragraph.
    rows: Vec<(String, String, String)>,
}

impl Continued {
    /// The guidance of the workbook's items, each set in its cell, or split between its cell
    /// and the Guidance sheet when it does not fit.
    pub fn plan(frameworks: &[&Framework], same: &BTreeMap<String, Vec<String>>) -> Continued {
        let mut out = Continued::default();
        for fw in frameworks {
            for item in fw.items() {
                let key = ids::qualified(&fw.id.value, &item.id.value);
                let guide = guidance(item, same.get(&key).map_or(&[][..], Vec::as_slice));
                let width = column_width(item);
                if lines(&guide, width) <= MOST_LINES {
                    continue;
                }
                let (head, rest) = split(&guide, width);
                // Rows counted as a spreadsheet shows them: the first data row is row 3.
                let first = layout::FIRST_ROW + 1 + out.rows.len() as u32;
                let last = first + rest.len() as u32 - 1;
                let cell = format!(
                    "{head}\n\nThe guidance goes on in the sheet \"{SHEET}\", rows {first} to {last}."
                );
                for paragraph in rest {
                    out.rows.push((key.clone(), item.text.clone(), paragraph));
                }
                out.cells.insert(key, cell);
            }
        }
        out
    }

    /// Whether any guidance goes on in the Guidance sheet.
    pub fn any(&self) -> bool {
        !self.rows.is_empty()
    }

    /// The Guidance sheet: for each item whose guidance goes on there, the rest of it, a
    /// paragraph per row, with the item's reference and text on each.
    pub fn write(&self, ws: &mut Worksheet, ctx: &Ctx) -> Result<(), XlsxError> {
        let s = &ctx.styles;
        ws.set_name(SHEET)?;
        ws.write_string(layout::KEY_ROW, 0, SheetKind::Guidance.marker())?;
        ws.set_row_hidden(layout::KEY_ROW)?;
        ws.set_column_hidden(0)?;
        for (col, (header, width)) in [
            ("Reference", 24.0),
            ("Item", 40.0),
            ("Guidance, continued from the item's row", WIDTH),
        ]
        .into_iter()
        .enumerate()
        {
            let col = col as u16 + 1;
            ws.write_string_with_format(layout::HEADER_ROW, col, header, &s.header)?;
            ws.set_column_width(col, width)?;
        }
        ws.set_row_height(layout::HEADER_ROW, 30)?;
        ws.set_freeze_panes(layout::FIRST_ROW, 0)?;
        for (i, (key, text, paragraph)) in self.rows.iter().enumerate() {
            let row = layout::FIRST_ROW + i as u32;
            sheet::text(ws, row, 1, key, &s.guidance)?;
            sheet::text(ws, row, 2, text, &s.guidance)?;
            sheet::text(ws, row, 3, paragraph, &s.guidance)?;
            let height = sheet::fitted_height(&[(key, 24.0), (text, 40.0), (paragraph, WIDTH)]);
            ws.set_row_height(row, height)?;
        }
        sheet::print_setup(ws)?;
        ws.set_repeat_rows(layout::HEADER_ROW, layout::HEADER_ROW)?;
        sheet::protect(ws);
        Ok(())
    }
}

/// The width of the guidance column of an item's sheet: Measures for a measure, else its
/// framework's sheet.
fn column_width(item: &Item) -> f64 {
    let kind = if *item.kind == ItemKind::Metric {
        SheetKind::Measures
    } else {
        SheetKind::Items
    };
    layout::columns(kind)
        .iter()
        .find(|c| c.key == "guidance")
        .map_or(50.0, |c| c.width)
}

/// The lines a text takes in a cell of `width`, as `sheet::fitted_height` counts them.
fn lines(text: &str, width: f64) -> usize {
    let per_line = (width * 1.1).max(1.0) as usize;
    text.split('\n')
        .map(|l| l.chars().count().div_ceil(per_line).max(1))
        .sum()
}

/// A guidance too long for its cell, as the paragraphs its cell holds (leaving room for the
/// line that says where the rest is) and the rest, each a paragraph, or a part of one that
/// does not fit in a row of the Guidance sheet.
fn split(guide: &str, width: f64) -> (String, Vec<String>) {
    let pieces = pieces(guide, width.min(WIDTH));
    let mut head: Vec<&str> = Vec::new();
    let mut used = 0;
    let mut taken = 0;
    for p in &pieces {
        // A blank line before each paragraph, and the closing note's three lines.
        let more = lines(p, width) + usize::from(!head.is_empty());
        if used + more + 3 > MOST_LINES {
            break;
        }
        head.push(p);
        used += more;
        taken += 1;
    }
    let rest = pieces[taken..].to_vec();
    (head.join("\n\n"), rest)
}

/// The paragraphs of a guidance, each split at its line breaks into parts that fit in a row
/// of `width` where it does not fit whole.
fn pieces(guide: &str, width: f64) -> Vec<String> {
    let mut out = Vec::new();
    for paragraph in guide.split("\n\n") {
        if lines(paragraph, width) <= MOST_LINES {
            out.push(paragraph.to_string());
            continue;
        }
        let mut part = String::new();
        for line in paragraph.split('\n') {
            let joined = if part.is_empty() {
                line.to_string()
            } else {
                format!("{part}\n{line}")
            };
            if !part.is_empty() && lines(&joined, width) > MOST_LINES {
                out.push(std::mem::take(&mut part));
                part = line.to_string();
            } else {
                part = joined;
            }
        }
        out.push(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every guidance of every bundled framework: its cell fits in a row, and its cell and its
    /// rows on the Guidance sheet hold the whole of it, word for word.
    #[test]
    fn no_guidance_is_cut_off_and_none_is_lost() {
        let catalog = crate::model::catalog::Catalog::bundled().0;
        let mut split_any = false;
        for fw in catalog.ids().into_iter().filter_map(|id| catalog.get(id)) {
            for item in fw.items() {
                let guide = guidance(item, &[]);
                let width = column_width(item);
                if lines(&guide, width) <= MOST_LINES {
                    continue;
                }
                split_any = true;
                let (head, rest) = split(&guide, width);
                assert!(
                    !head.is_empty(),
                    "{}: the cell holds a paragraph",
                    item.id.value
                );
                assert!(lines(&head, width) + 3 <= MOST_LINES);
                for r in &rest {
                    assert!(lines(r, WIDTH) <= MOST_LINES, "{}", item.id.value);
                }
                let mut whole = vec![head];
                whole.extend(rest);
                let words = |t: &str| t.split_whitespace().map(str::to_string).collect::<Vec<_>>();
                assert_eq!(
                    words(&whole.join("\n\n")),
                    words(&guide),
                    "{}",
                    item.id.value
                );
            }
        }
        assert!(split_any, "some bundled guidance is longer than a row");
    }
}
