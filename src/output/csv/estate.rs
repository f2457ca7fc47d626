//! `ties compare --format csv`: the estate's tables in one file.

use super::{number, row};
use crate::view::estate_export::{Data, Value};
use crate::view::numbers::round_share;

/// Every table in one CSV: a header of `record` and every table's columns (each once, in the
/// order the tables give them), then each table's rows, marked in `record`, with their cells
/// under their columns and the others empty.
pub fn estate(data: &Data) -> String {
    let mut columns: Vec<&str> = vec!["record"];
    for t in data.tables() {
        for c in t.columns {
            if !columns.contains(c) {
                columns.push(c);
            }
        }
    }
    let mut out = row(&columns);
    for t in data.tables() {
        let places: Vec<usize> = t
            .columns
            .iter()
            .map(|c| columns.iter().position(|x| x == c).unwrap_or(0))
            .collect();
        for cells in &t.rows {
            let mut fields = vec![String::new(); columns.len()];
            fields[0] = t.record.to_string();
            for (cell, at) in cells.iter().zip(&places) {
                fields[*at] = csv_cell(cell);
            }
            out.push_str(&row(&fields));
        }
    }
    out
}

fn csv_cell(v: &Value) -> String {
    match v {
        Value::Text(s) => s.to_string(),
        Value::Whole(n) => format!("{n:.0}"),
        Value::Share(x) | Value::Number(x) => number(x.map(round_share)),
        Value::Flag(b) => b.to_string(),
        Value::Empty => String::new(),
    }
}
