//! JSON documents: pretty-printed, ending with one newline. A value that cannot be written as
//! JSON is an error, never an empty document.

use serde::Serialize;

use crate::error::Result;
use crate::view::estate::CompareView;
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

/// One establishment over the years, with the charts left out (they are pictures, not data).
pub fn trend(view: &TrendView) -> Result<String> {
    let mut value = tree(view)?;
    if let Some(o) = value.as_object_mut() {
        o.insert("ties_trend".into(), serde_json::Value::from(1));
    }
    if let Some(fws) = value.get_mut("frameworks").and_then(|f| f.as_array_mut()) {
        for f in fws {
            if let Some(o) = f.as_object_mut() {
                o.remove("chart");
                o.remove("chart_id");
            }
        }
    }
    document(&value)
}

#[derive(Serialize)]
struct JsonDocument<'a> {
    ties_compare: u32,
    #[serde(flatten)]
    view: &'a CompareView,
}

/// The view as JSON, with the charts left out (they are pictures, not data).
pub fn estate(view: &CompareView) -> Result<String> {
    let mut value = tree(&JsonDocument {
        ties_compare: 1,
        view,
    })?;
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
    document(&value)
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
