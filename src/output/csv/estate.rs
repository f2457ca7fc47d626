//! `ties compare --format csv`: one of the estate's tables, a file of its own.

use std::borrow::Cow;

use super::{boolean, number, push_row, row};
use crate::view::estate_export::{Table, Value};
use crate::view::numbers::round_share;

/// A table as CSV: a header of its columns, then a line per record.
pub fn table(t: &Table) -> String {
    let mut out = row(t.columns());
    let mut fields: Vec<Cow<str>> = Vec::new();
    for cells in &t.rows {
        fields.clear();
        fields.extend(cells.iter().map(csv_cell));
        push_row(&mut out, fields.iter().map(|f| f.as_ref()));
    }
    out
}

fn csv_cell<'a>(v: &'a Value<'_>) -> Cow<'a, str> {
    match v {
        Value::Text(s) => Cow::Borrowed(s.as_ref()),
        Value::Whole(n) => Cow::Owned(format!("{n:.0}")),
        Value::Share(x) | Value::Number(x) => Cow::Owned(number(x.map(round_share))),
        Value::Flag(b) => Cow::Borrowed(boolean(*b)),
        Value::Empty => Cow::Borrowed(""),
    }
}
