//! JSON documents: pretty-printed, ending with one newline. A value that cannot be written as
//! JSON is an error, never an empty document.

use serde::Serialize;

use crate::error::Result;

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
