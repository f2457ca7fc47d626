//! The workbook's own hidden structure checked against what a person sees: the row of keys
//! against the headings under it, each key once, every column `ties` reads present; and a row of
//! headings found away from its place (sorted in among the data) named. Every disagreement is a
//! problem at its cell, and the Restricted column counts as restricted whenever anything about
//! it is uncertain.

use super::cells::Reader;
use super::grid::{Cell, Grid, trimmed};
use super::layout::{self, SheetKind};
use crate::diag::source::{Pos, column_letters};

/// The columns each kind of sheet must have for its answers to be read.
fn required(kind: SheetKind) -> &'static [&'static str] {
    match kind {
        SheetKind::Items => &[
            "reference",
            "rating",
            "not_applicable",
            "narrative",
            "strengths",
            "development",
            "restricted",
            "confidence",
            "scale",
        ],
        SheetKind::Measures => &[
            "reference",
            "numerator",
            "denominator",
            "value",
            "baseline",
            "target",
            "note",
            "restricted",
        ],
        SheetKind::Evidence => &layout::EVIDENCE_VALUES,
        SheetKind::Actions => &layout::ACTION_VALUES,
        SheetKind::Start | SheetKind::Scales | SheetKind::Guidance | SheetKind::Lists => &[],
    }
}

/// Whether the sheet's Restricted column is certain: there once, under its own heading. When it
/// is not, every row of the sheet counts as restricted.
pub fn restricted_is_certain(g: &Grid) -> bool {
    let Some(col) = g.column("restricted") else {
        return false;
    };
    if g.duplicates.iter().any(|(k, _, _)| k == "restricted") {
        return false;
    }
    let heading = g.heading_of("restricted").unwrap_or_default();
    let headers = g.header_rows();
    !headers.is_empty()
        && headers.iter().all(|row| {
        matches!(g.rows.get(row).and_then(|r| r.get(&col)), Some(Cell::Text(t)) if trimmed(t) == heading)
    })
}

/// The problems of a sheet's hidden structure, each at its cell.
pub fn check(r: &mut Reader, g: &Grid) {
    let sheet_pos = |col: u32| Pos::cell(g.sheet, layout::KEY_ROW as usize + 1, col as usize + 1);
    for (key, first, second) in &g.duplicates {
        let d = r
            .error(
                sheet_pos(*second),
                format!(
                    "columns {} and {} both hold the hidden key of the {} column",
                    column_letters(*first as usize + 1),
                    column_letters(*second as usize + 1),
                    heading_words(g, key)
                ),
            )
            .found("a column copied, or hidden keys edited")
            .help("ties cannot tell which of the two holds the answers: start again from the workbook that was sent, or make a new one with `ties workbook` and copy the answers into it");
        r.problems.push(d);
    }
    for key in required(g.kind) {
        if g.column(key).is_none() {
            let d = r
                .error(
                    Pos::cell(g.sheet, 0, 0),
                    format!(
                        "the {} column is missing from this sheet",
                        heading_words(g, key)
                    ),
                )
                .help("a column was deleted or its hidden key changed: start again from the workbook that was sent, or make a new one with `ties workbook` and copy the answers into it");
            r.problems.push(d);
        }
    }
    let headers = g.header_rows();
    if headers.is_empty() && !required(g.kind).is_empty() {
        let d = r
            .error(
                Pos::cell(g.sheet, layout::HEADER_ROW as usize + 1, 0),
                "the row of headings is missing from this sheet, so ties cannot check which column is which",
            )
            .help("the row was deleted or its headings changed: start again from the workbook that was sent, or make a new one with `ties workbook` and copy the answers into it");
        r.problems.push(d);
    }
    for row in headers {
        if *row != layout::HEADER_ROW {
            let d = r
                .warning(
                    Pos::cell(g.sheet, *row as usize + 1, 0),
                    format!(
                        "the row of headings is at row {}, among the answers: ties skipped it",
                        row + 1
                    ),
                )
                .help("it was probably sorted in with the answers; nothing in it is read. To tidy the sheet, undo the sort, or move the headings back to row 2");
            r.problems.push(d);
        }
    }
    // Each column's key against the heading people see above it.
    for row in headers {
        for (key, col) in g.columns() {
            let Some(heading) = g.heading_of(key) else {
                continue;
            };
            let shown = match g.rows.get(row).and_then(|cells| cells.get(&col)) {
                Some(Cell::Text(t)) => t.trim().to_string(),
                Some(other) => other.shown(),
                None => String::new(),
            };
            if shown == heading {
                continue;
            }
            let pos = Pos::cell(g.sheet, *row as usize + 1, col as usize + 1);
            let d = r
                .error(
                    pos,
                    format!(
                        "column {}'s heading does not match the answers ties reads from it",
                        column_letters(col as usize + 1)
                    ),
                )
                .expected(format!("the heading `{heading}`"))
                .found(if shown.is_empty() {
                    "no heading (columns merged, moved or deleted)".to_string()
                } else {
                    format!("`{shown}`")
                })
                .help("columns were moved, merged or relabelled: start again from the workbook that was sent, or make a new one with `ties workbook` and copy the answers into it");
            r.problems.push(d);
        }
    }
}

/// A column's heading as words in a message: "Restricted", "Rating".
fn heading_words(g: &Grid, key: &str) -> String {
    match g.heading_of(key) {
        Some(h) => h.split(" (").next().unwrap_or(h).to_string(),
        None => key.replace('_', " "),
    }
}
