//! JSON documents: pretty-printed, ending with one newline. A value that cannot be written as
//! JSON is an error, never an empty document.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::error::Result;
use crate::view::estate::CompareView;
use crate::view::estate_export::{Data, TABLES, Table, Value};
use crate::view::numbers::round_share;
use crate::view::trend::TrendView;

/// `value` as a pretty-printed JSON document.
pub fn document(value: &impl Serialize) -> Result<String> {
    let mut s = serde_json::to_string_pretty(value)?;
    s.push('\n');
    Ok(s)
}

/// `value` as a JSON tree, to add or remove fields before writing it.
pub fn tree(value: &impl Serialize) -> Result<serde_json::Value> {
    Ok(serde_json::to_value(value)?)
}

/// One establishment over the years, with the charts and the tables' layout left out (they are
/// pictures and pages, not data).
pub fn trend(view: &TrendView) -> Result<String> {
    let mut value = tree(view)?;
    if let Some(o) = value.as_object_mut() {
        o.insert("ties_trend".into(), serde_json::Value::from(1));
    }
    if let Some(fws) = value.get_mut("frameworks").and_then(|f| f.as_array_mut()) {
        for f in fws {
            if let Some(o) = f.as_object_mut() {
                for k in ["chart", "chart_id", "measures_chart", "column_groups"] {
                    o.remove(k);
                }
            }
        }
    }
    document(&value)
}

/// The estate's document: the view (with the charts left out: they are pictures, not data)
/// and, under `tables`, each table as an array of records.
#[derive(Serialize)]
struct JsonDocument<'a> {
    #[serde(flatten)]
    view: serde_json::Value,
    tables: Tables<'a>,
}

/// The view as JSON, with its tables.
pub fn estate(view: &CompareView, tables: &Data) -> Result<String> {
    let mut value = tree(view)?;
    if let Some(o) = value.as_object_mut() {
        o.insert("ties_compare".into(), serde_json::Value::from(1));
    }
    if let Some(fws) = value.get_mut("frameworks").and_then(|f| f.as_array_mut()) {
        for f in fws {
            if let Some(o) = f.as_object_mut() {
                for k in [
                    "heatmap",
                    "heatmap_id",
                    "distribution",
                    "distribution_id",
                    "measures_chart",
                    "measures_chart_id",
                ] {
                    o.remove(k);
                }
            }
        }
    }
    if let Some(fws) = value
        .pointer_mut("/glance/frameworks")
        .and_then(|f| f.as_array_mut())
    {
        for f in fws {
            if let Some(o) = f.as_object_mut() {
                o.remove("grades_chart");
            }
        }
    }
    document(&JsonDocument {
        view: value,
        tables: Tables(tables),
    })
}

/// The tables of a range of years, with the years they cover: no view, which is of one year.
pub fn estate_tables(tables: &Data) -> Result<String> {
    #[derive(Serialize)]
    struct YearsDocument<'a> {
        ties_compare: u32,
        years: &'a [i32],
        tables: Tables<'a>,
    }
    document(&YearsDocument {
        ties_compare: 1,
        years: &tables.years,
        tables: Tables(tables),
    })
}

/// Every table by its name, each an array of records whose fields are in the table's column
/// order; an empty cell is `null`.
struct Tables<'a>(&'a Data<'a>);

impl Serialize for Tables<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(TABLES.len()))?;
        // Each table is made, written and let go before the next.
        for t in self.0.tables() {
            map.serialize_entry(t.name(), &Records(&t))?;
        }
        map.end()
    }
}

struct Records<'a>(&'a Table<'a>);

impl Serialize for Records<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_seq(self.0.rows.iter().map(|cells| Record {
            columns: self.0.columns(),
            cells,
        }))
    }
}

struct Record<'a> {
    columns: &'static [&'static str],
    cells: &'a [Value<'a>],
}

impl Serialize for Record<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.columns.len()))?;
        for (column, cell) in self.columns.iter().zip(self.cells) {
            match cell {
                Value::Text(t) => map.serialize_entry(column, t.as_ref())?,
                Value::Whole(n) => map.serialize_entry(column, &(*n as i64))?,
                Value::Share(x) | Value::Number(x) => {
                    map.serialize_entry(column, &x.map(round_share))?
                }
                Value::Flag(b) => map.serialize_entry(column, b)?,
                Value::Empty => map.serialize_entry(column, &None::<()>)?,
            }
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_end_with_one_newline() {
        assert_eq!(document(&[1, 2]).unwrap(), "[\n  1,\n  2\n]\n");
    }

    #[test]
    fn a_value_json_cannot_hold_is_an_error() {
        let map = std::collections::BTreeMap::from([((1, 2), "x")]);
        assert!(document(&map).is_err());
    }
}
