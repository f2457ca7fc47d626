//! A parsed file as a tree of values that remember where they came from.
//!
//! YAML and TOML files are both read into this tree first (see `yaml` and `toml`), then turned
//! into the typed model with serde (`deserializer`). Because every value keeps its line and column, a wrong
//! type, an unknown field or a missing field is reported at the exact place in the file
//! (`error`), and the typed model can keep positions (`Located`) for the checks that come after
//! parsing.

mod deserializer;
mod error;

pub use deserializer::from_node;
pub use error::DeError;

use std::fmt;

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
    pub name: String,
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
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "$line" => line = map.next_value()?,
                        "$col" => col = map.next_value()?,
                        "$sheet" => sheet = map.next_value()?,
                        _ => {
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

/// A mapping read in file order, keeping each key's place.
#[derive(Clone, Debug, Default)]
pub struct LocatedMap<V>(pub Vec<(Located<String>, V)>);

impl<V> LocatedMap<V> {
    pub fn iter(&self) -> impl Iterator<Item = &(Located<String>, V)> {
        self.0.iter()
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        self.0.iter().find(|(k, _)| k.value == key).map(|(_, v)| v)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<V: Serialize> Serialize for LocatedMap<V> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
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
                Ok(LocatedMap(Vec::new()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<LocatedMap<V>, A::Error> {
                let mut out = Vec::new();
                while let Some(k) = map.next_key::<Located<String>>()? {
                    let v = map.next_value::<V>()?;
                    out.push((k, v));
                }
                Ok(LocatedMap(out))
            }
        }
        d.deserialize_any(Vis(std::marker::PhantomData))
    }
}
