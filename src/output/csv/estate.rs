//! `ties compare --format csv`: one of the estate's tables, a file of its own.

use super::{boolean, number, row};
use crate::view::estate_export::{Table, Value};
use crate::view::numbers::round_share;

/// A table as CSV: a header of its columns, then a line per record.
pub fn table(t: &Table) -> String {
    let mut out = row(t.columns());
    for cells in &t.rows {
        let fields: Vec<String> = cells.iter().map(csv_cell).collect();
        out.push_str(&row(&fields));
    }
    out
}

fn csv_cell(v: &Value) -> String {
    match v {
        Value::Text(s) => s.to_string(),
        Value::Whole(n) => format!("{n:.0}"),
        Value::Share(x) | Value::Number(x) => number(x.map(round_share)),
        Value::Flag(b) => boolean(*b).to_string(),
        Value::Empty => String::new(),
    }
}
