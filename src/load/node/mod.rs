//! A parsed file as a tree of values that remember where they came from.
//!
//! YAML and TOML files are both read into this tree first (see `yaml` and `toml`), then turned
//! into the typed model with serde (`deserializer`). Because every value keeps its line and column, a wrong
//! type, an unknown field or a missing field is reported at the exact place in the file
//! (`error`), and the typed model can keep positions (`Located`) for the checks that come after
//! parsing.

mod deserializer;
mod error;
pub mod packed;

pub use deserializer::from_node;
pub use error::DeError;

use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::diag::source::Pos;

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub pos: Pos,
    pub value: Value,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    List(Vec<Node>),
    Map(Vec<(Key, Node)>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    /// The name: as written in a YAML or TOML file, or one of `ties`'s own for a workbook's.
    pub name: Cow<'static, str>,
    pub pos: Pos,
}

impl Value {
    /// How the value is described to a person: "text", "a number", "a list".
    pub fn describe(&self) -> String {
        match self {
            Value::Null => "nothing (an empty value)".into(),
            Value::Bool(b) => format!("`{b}` (yes/no)"),
            Value::Int(i) => format!("the number {i}"),
            Value::Float(f) => number(*f),
            Value::Str(s) => format!("the text `{}`", shorten(s)),
            Value::List(_) => "a list".into(),
            Value::Map(_) => "a group of fields".into(),
        }
    }
}

/// A number from a file, in words: "the number 0.62", or "an enormous number (1e308)" where
/// writing it out would take hundreds of digits.
fn number(f: f64) -> String {
    if f.is_finite() && f.abs() >= 1e15 {
        format!("an enormous number ({f:e})")
    } else if f != 0.0 && f.abs() < 1e-6 {
        format!("a tiny number ({f:e})")
    } else {
        format!("the number {f}")
    }
}

fn shorten(s: &str) -> String {
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s.to_string()
    }
}

/// A value with the place in the file it came from.
#[derive(Clone, Debug, Default)]
pub struct Located<T> {
    pub value: T,
    pub pos: Pos,
}

impl<T> Located<T> {
    pub fn new(value: T, pos: Pos) -> Located<T> {
        Located { value, pos }
    }
}

impl<T: PartialEq> PartialEq for Located<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<T> std::ops::Deref for Located<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: Serialize> Serialize for Located<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(s)
    }
}

const LOCATED: &str = "$ties::Located";
const LOCATED_FIELDS: &[&str] = &["$line", "$col", "$sheet", "$value"];

/// A part of a located value as it is read (`LOCATED_FIELDS`), told by its name without
/// copying the name.
enum Part {
    Line,
    Col,
    Sheet,
    Value,
}

impl<'de> Deserialize<'de> for Part {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Part;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a part of a located value")
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<Part, E> {
                Ok(match name {
                    "$line" => Part::Line,
                    "$col" => Part::Col,
                    "$sheet" => Part::Sheet,
                    _ => Part::Value,
                })
            }
        }
        d.deserialize_identifier(V)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Located<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Located<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a value")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Located<T>, A::Error> {
                let mut line = 0usize;
                let mut col = 0usize;
                let mut sheet = 0u32;
                while let Some(key) = map.next_key::<Part>()? {
                    match key {
                        Part::Line => line = map.next_value()?,
                        Part::Col => col = map.next_value()?,
                        Part::Sheet => sheet = map.next_value()?,
                        Part::Value => {
                            let value = map.next_value()?;
                            return Ok(Located {
                                value,
                                pos: Pos::cell(sheet, line, col),
                            });
                        }
                    }
                }
                Err(de::Error::custom("internal: located value without a value"))
            }
        }
        d.deserialize_struct(LOCATED, LOCATED_FIELDS, V(std::marker::PhantomData))
    }
}

/// A mapping read in file order, keeping each key's place. Looking a key up takes the same time
/// however many entries there are: a self-assessment of a framework with thousands of items is
/// looked up item by item, which a search through the list would make the square of its size.
#[derive(Clone, Debug, Default)]
pub struct LocatedMap<V> {
    entries: Vec<(Located<String>, V)>,
    /// The entries' places in the order of their keys (file order among equal keys), built when
    /// first needed for a map of more than a few entries: four bytes an entry, where a table of
    /// the keys would copy every key.
    index: OnceLock<Vec<u32>>,
}

/// Up to this many entries, a key is found by reading the list: quicker than building an index.
const SEARCHED: usize = 16;

impl<V> From<Vec<(Located<String>, V)>> for LocatedMap<V> {
    fn from(entries: Vec<(Located<String>, V)>) -> Self {
        LocatedMap {
            entries,
            index: OnceLock::new(),
        }
    }
}

impl<V> LocatedMap<V> {
    pub fn iter(&self) -> impl Iterator<Item = &(Located<String>, V)> {
        self.entries.iter()
    }

    /// Each value, to change (the keys stay as they are).
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.entries.iter_mut().map(|(_, v)| v)
    }

    /// Keeps only the entries `keep` says yes to, in their order.
    pub fn retain(&mut self, mut keep: impl FnMut(&V) -> bool) {
        self.entries.retain(|(_, v)| keep(v));
        self.index = OnceLock::new();
    }

    /// The value of the first entry with the key `key`.
    pub fn get(&self, key: &str) -> Option<&V> {
        if self.entries.len() <= SEARCHED {
            return self
                .entries
                .iter()
                .find(|(k, _)| k.value == key)
                .map(|(_, v)| v);
        }
        let index = self.index.get_or_init(|| {
            let mut index: Vec<u32> = (0..self.entries.len() as u32).collect();
            // A stable sort: of two equal keys, the first in the file stays first.
            index.sort_by(|&a, &b| {
                self.entries[a as usize]
                    .0
                    .value
                    .cmp(&self.entries[b as usize].0.value)
            });
            index
        });
        let key_at = |i: u32| self.entries[i as usize].0.value.as_str();
        let first = index.partition_point(|&i| key_at(i) < key);
        let &i = index.get(first)?;
        (key_at(i) == key).then(|| &self.entries[i as usize].1)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl<V: Serialize> Serialize for LocatedMap<V> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.entries.len()))?;
        for (k, v) in &self.entries {
            m.serialize_entry(&k.value, v)?;
        }
        m.end()
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for LocatedMap<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Vis<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for Vis<V> {
            type Value = LocatedMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a group of entries")
            }
            fn visit_unit<E: de::Error>(self) -> Result<LocatedMap<V>, E> {
                Ok(LocatedMap::from(Vec::new()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<LocatedMap<V>, A::Error> {
                let mut out = Vec::new();
                while let Some(k) = map.next_key::<Located<String>>()? {
                    let v = map.next_value::<V>()?;
                    out.push((k, v));
                }
                Ok(LocatedMap::from(out))
            }
        }
        d.deserialize_any(Vis(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(keys: &[&str]) -> LocatedMap<usize> {
        LocatedMap::from(
            keys.iter()
                .enumerate()
                .map(|(i, k)| (Located::new(k.to_string(), Pos::default()), i))
                .collect::<Vec<_>>(),
        )
    }

    #[test]
    fn a_key_is_found_the_same_in_a_short_map_and_a_long_one() {
        for n in [3, SEARCHED, SEARCHED + 1, 500] {
            let keys: Vec<String> = (0..n).map(|i| format!("item-{i}")).collect();
            let mut all: Vec<&str> = keys.iter().map(String::as_str).collect();
            // A key given twice: the first counts, as in the file.
            all.push("item-0");
            let m = map(&all);
            for (i, k) in keys.iter().enumerate() {
                assert_eq!(m.get(k), Some(&i), "{n}: {k}");
            }
            assert_eq!(m.get("item-0"), Some(&0));
            assert_eq!(m.get("nothing"), None);
        }
    }

    #[test]
    fn keeping_some_entries_finds_them_at_their_new_places() {
        let keys: Vec<String> = (0..100).map(|i| format!("k{i}")).collect();
        let mut m = map(&keys.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(m.get("k99"), Some(&99));
        m.retain(|v| v % 2 == 1);
        assert_eq!(m.len(), 50);
        assert_eq!(m.get("k98"), None);
        assert_eq!(m.get("k99"), Some(&99));
        for v in m.values_mut() {
            *v += 1;
        }
        assert_eq!(m.get("k1"), Some(&2));
    }
}
