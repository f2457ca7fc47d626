//! A parsed file as a tree of values that remember where they came from.
//!
//! YAML and TOML files are both read into this tree first (see `yaml` and `toml_file`), then
//! turned into the typed model with serde. Because every value keeps its line and column, a wrong
//! type, an unknown field or a missing field is reported at the exact place in the file, and the
//! typed model can keep positions (`Located`) for the checks that come after parsing.

use std::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::diag::source::Pos;
use crate::diag::{closest, lookalike, one_of};

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

/// Turns a tree into a typed value. The error carries the position of the offending value.
pub fn from_node<'a, T: Deserialize<'a>>(node: &'a Node) -> Result<T, DeError> {
    T::deserialize(node)
}

/// A problem found while turning the tree into the typed model.
#[derive(Clone, Debug, PartialEq)]
pub struct DeError {
    pub pos: Option<Pos>,
    pub message: String,
    pub expected: Option<String>,
    pub found: Option<String>,
    pub help: Option<String>,
    /// What the problem is about, so the message can name the field once it is known.
    about: About,
}

/// What a problem says about a value, before the field it belongs to is known.
#[derive(Clone, Debug, PartialEq)]
enum About {
    Other,
    /// The value has the wrong type: what was wanted, in a few words, and what was found.
    WrongType {
        wanted: String,
        found: Value,
    },
    /// The value is not one of the allowed words.
    NotAllowed(String),
    /// A group of fields lacks a required one.
    Missing(&'static str),
    /// Already reworded with the field's name.
    Named,
}

impl DeError {
    fn at(mut self, pos: Pos) -> DeError {
        if self.pos.is_none() {
            self.pos = Some(pos);
        }
        self
    }

    fn plain(message: String) -> DeError {
        DeError {
            pos: None,
            message,
            expected: None,
            found: None,
            help: None,
            about: About::Other,
        }
    }

    fn wrong_type(wanted: &str, expected: String, found: &Value) -> DeError {
        let mut e = DeError::plain("this value has the wrong type".into());
        e.expected = Some(expected);
        e.found = Some(found.describe());
        e.about = About::WrongType {
            wanted: wanted.to_string(),
            found: found.clone(),
        };
        e
    }

    /// Names the field a problem belongs to, once the value of `key` has failed to be read.
    /// `node` is that value; a problem with the value itself (not something inside it) is
    /// reworded to name the field, and a whole list or group on the lines below its name is
    /// pointed at by the name.
    fn in_field(mut self, key: &Key, node: &Node) -> DeError {
        let entry = match &node.value {
            Value::List(items) if self.pos != Some(node.pos) => {
                match items.iter().find(|i| Some(i.pos) == self.pos) {
                    Some(_) => true,
                    None => return self,
                }
            }
            _ if self.pos == Some(node.pos) => false,
            _ => return self,
        };
        let field = if entry {
            format!("an entry of `{}`", key.name)
        } else {
            format!("`{}`", key.name)
        };
        match std::mem::replace(&mut self.about, About::Named) {
            About::WrongType { wanted, found } => {
                self.message = match &found {
                    Value::Null => format!("{field} is empty"),
                    other => format!("{field} should be {wanted}, not {}", other.describe()),
                };
                if self.help.is_none() {
                    self.help = match (wanted.as_str(), &found) {
                        ("a list", Value::Map(_)) => Some(
                            "write each entry of a list on its own line, starting with `- `".into(),
                        ),
                        (w, Value::List(_)) if w.starts_with("a group") => Some(
                            "write the entries as `name: value` lines, without `- ` in front"
                                .into(),
                        ),
                        _ => None,
                    };
                }
                let block = matches!(node.value, Value::List(_) | Value::Map(_));
                if !entry && block && node.pos.line != key.pos.line {
                    self.pos = Some(key.pos);
                }
            }
            About::NotAllowed(word) => {
                self.message = format!("`{word}` is not a valid value for {field}");
            }
            About::Missing(name) => {
                self.message = format!("the field `{name}` is missing from {field}");
            }
            other => self.about = other,
        }
        self
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError::plain(msg.to_string())
    }

    fn invalid_type(unexp: de::Unexpected, exp: &dyn de::Expected) -> Self {
        let wanted = plain_expected(&exp.to_string());
        let mut e = DeError::plain("this value has the wrong type".into());
        e.expected = Some(wanted.clone());
        e.found = Some(plain_unexpected(&unexp));
        e.about = About::WrongType {
            wanted,
            found: unexpected_value(&unexp),
        };
        e
    }

    fn invalid_value(unexp: de::Unexpected, exp: &dyn de::Expected) -> Self {
        let mut e = DeError::plain("this value is not allowed here".into());
        e.expected = Some(plain_expected(&exp.to_string()));
        e.found = Some(plain_unexpected(&unexp));
        e
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        let mut e = DeError::plain(format!("`{variant}` is not one of the allowed values"));
        e.expected = Some(one_of(expected));
        e.found = Some(format!("`{variant}`"));
        e.help = closest(variant, expected.iter().copied()).map(|s| format!("did you mean `{s}`?"));
        if let Some(l) = lookalike(variant) {
            e.found = Some(format!("`{variant}`, which {}: {}", l.describe(), l.what));
            e.help = Some(format!("type it again by hand: `{}`", l.plain));
        }
        e.about = About::NotAllowed(variant.to_string());
        e
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        let mut e = DeError::plain(format!("unknown field `{field}`"));
        e.expected = Some(format!("one of {}", one_of(expected)));
        e.found = Some(format!("`{field}`"));
        e.help = closest(field, expected.iter().copied())
            .map(|s| format!("did you mean `{s}`?"))
            .or_else(|| Some("remove the field, or check its spelling and indentation".into()));
        if let Some(l) = lookalike(field) {
            e.found = Some(format!("`{field}`, which {}: {}", l.describe(), l.what));
            e.help = Some(format!("type the name again by hand: `{}`", l.plain));
        }
        e
    }

    fn missing_field(field: &'static str) -> Self {
        let mut e = DeError::plain(format!("the field `{field}` is missing"));
        e.expected = Some(format!("`{field}:` in this group"));
        e.found = Some(format!("no `{field}:`"));
        e.help = Some(format!("add `{field}:` here"));
        e.about = About::Missing(field);
        e
    }

    fn duplicate_field(field: &'static str) -> Self {
        DeError::plain(format!("the field `{field}` is given twice"))
    }

    fn invalid_length(len: usize, exp: &dyn de::Expected) -> Self {
        let mut e = DeError::plain("this list has the wrong number of entries".into());
        e.expected = Some(exp.to_string());
        e.found = Some(format!("{len} entries"));
        e
    }
}

/// serde's names for types, in plain words.
fn plain_expected(exp: &str) -> String {
    let exp = exp.trim();
    if exp.starts_with("a string") || exp == "string" || exp.contains("str") {
        "text".into()
    } else if exp.contains("u8")
        || exp.contains("u16")
        || exp.contains("u32")
        || exp.contains("u64")
        || exp.contains("usize")
    {
        "a whole number, 0 or more".into()
    } else if exp.contains("i32") || exp.contains("i64") || exp.contains("integer") {
        "a whole number".into()
    } else if exp.contains("f64") || exp.contains("f32") || exp.contains("float") {
        "a number".into()
    } else if exp.contains("bool") {
        "`true` or `false`".into()
    } else if exp.contains("sequence") || exp.starts_with("a list") {
        "a list".into()
    } else if exp.starts_with("struct") || exp.contains("map") {
        "a group of fields".into()
    } else {
        exp.to_string()
    }
}

/// The value serde found, as far as a message needs it.
fn unexpected_value(unexp: &de::Unexpected) -> Value {
    use de::Unexpected as U;
    match unexp {
        U::Bool(b) => Value::Bool(*b),
        U::Unsigned(n) => i64::try_from(*n).map_or(Value::Float(*n as f64), Value::Int),
        U::Signed(n) => Value::Int(*n),
        U::Float(n) => Value::Float(*n),
        U::Str(s) => Value::Str(s.to_string()),
        U::Seq => Value::List(Vec::new()),
        U::Map => Value::Map(Vec::new()),
        _ => Value::Null,
    }
}

fn plain_unexpected(unexp: &de::Unexpected) -> String {
    use de::Unexpected as U;
    match unexp {
        U::Bool(b) => format!("`{b}` (yes/no)"),
        U::Unsigned(n) => format!("the number {n}"),
        U::Signed(n) => format!("the number {n}"),
        U::Float(n) => number(*n),
        U::Str(s) => format!("the text `{}`", shorten(s)),
        U::Seq => "a list".into(),
        U::Map => "a group of fields".into(),
        U::Unit | U::Option => "nothing (an empty value)".into(),
        other => other.to_string(),
    }
}

impl<'de> Deserializer<'de> for &'de Node {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let result = match &self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Int(i) => visitor.visit_i64(*i),
            Value::Float(f) => visitor.visit_f64(*f),
            Value::Str(s) => visitor.visit_borrowed_str(s),
            Value::List(items) => visitor.visit_seq(ListAccess {
                items: items.iter(),
                pos: self.pos,
            }),
            Value::Map(entries) => visitor.visit_map(EntriesAccess {
                entries: entries.iter(),
                value: None,
                key_pos: self.pos,
            }),
        };
        result.map_err(|e| e.at(self.pos))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        if name == LOCATED {
            return visitor.visit_map(LocatedAccess {
                node: self,
                step: 0,
            });
        }
        match &self.value {
            Value::Map(_) => self.deserialize_any(visitor),
            other => {
                let e = DeError::wrong_type(
                    "a group of fields",
                    format!("a group of fields ({})", one_of(fields)),
                    other,
                );
                Err(e.at(self.pos))
            }
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let result = match &self.value {
            Value::Str(s) => visitor.visit_enum(s.as_str().into_deserializer()),
            Value::Map(entries) if entries.len() == 1 => visitor.visit_enum(EnumAccess {
                key: &entries[0].0,
                value: &entries[0].1,
            }),
            other => Err(DeError::wrong_type(
                "one of the allowed words",
                format!("one of {}", one_of(_variants)),
                other,
            )),
        };
        result.map_err(|e| e.at(self.pos))
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.value {
            Value::Str(s) => visitor
                .visit_borrowed_str(s)
                .map_err(|e: DeError| e.at(self.pos)),
            other => {
                let mut e = DeError::wrong_type("text", "text".into(), other);
                e.message = "this value should be text".into();
                if matches!(other, Value::Int(_) | Value::Float(_) | Value::Bool(_)) {
                    e.help = Some("put the value in quotes".into());
                }
                if matches!(other, Value::List(_)) {
                    e.help = Some(
                        "write the text on one line, or on several lines after `|`; \
                         lines starting with `- ` make a list, which is not allowed here"
                            .into(),
                    );
                }
                Err(e.at(self.pos))
            }
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char
        bytes byte_buf unit unit_struct seq tuple
        tuple_struct map identifier ignored_any
    }
}

struct ListAccess<'a> {
    items: std::slice::Iter<'a, Node>,
    pos: Pos,
}

impl<'de> SeqAccess<'de> for ListAccess<'de> {
    type Error = DeError;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        match self.items.next() {
            Some(node) => {
                self.pos = node.pos;
                seed.deserialize(node).map(Some).map_err(|e| e.at(node.pos))
            }
            None => Ok(None),
        }
    }
}

struct EntriesAccess<'a> {
    entries: std::slice::Iter<'a, (Key, Node)>,
    value: Option<(&'a Key, &'a Node)>,
    key_pos: Pos,
}

impl<'de> MapAccess<'de> for EntriesAccess<'de> {
    type Error = DeError;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        match self.entries.next() {
            Some((key, value)) => {
                self.value = Some((key, value));
                self.key_pos = key.pos;
                seed.deserialize(KeyDe(key))
                    .map(Some)
                    .map_err(|e| e.at(key.pos))
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        match self.value.take() {
            Some((key, node)) => seed
                .deserialize(node)
                .map_err(|e| e.at(node.pos).in_field(key, node)),
            None => Err(DeError::plain(
                "internal: value requested before key".into(),
            )),
        }
    }
}

/// A mapping key as a deserializer: text, or a `Located` string that keeps the key's place.
struct KeyDe<'a>(&'a Key);

impl<'de> Deserializer<'de> for KeyDe<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_borrowed_str(&self.0.name)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        if name == LOCATED {
            return visitor.visit_map(LocatedKeyAccess {
                key: self.0,
                step: 0,
            });
        }
        self.deserialize_any(visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

struct LocatedKeyAccess<'a> {
    key: &'a Key,
    step: u8,
}

impl<'de> MapAccess<'de> for LocatedKeyAccess<'de> {
    type Error = DeError;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some(name) = LOCATED_FIELDS.get(self.step as usize) else {
            return Ok(None);
        };
        seed.deserialize(de::value::StrDeserializer::<DeError>::new(name))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        self.step += 1;
        match self.step {
            1 => seed.deserialize((self.key.pos.line as u64).into_deserializer()),
            2 => seed.deserialize((self.key.pos.col as u64).into_deserializer()),
            3 => seed.deserialize(self.key.pos.sheet.into_deserializer()),
            _ => seed.deserialize(de::value::BorrowedStrDeserializer::<DeError>::new(
                &self.key.name,
            )),
        }
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

struct LocatedAccess<'a> {
    node: &'a Node,
    step: u8,
}

impl<'de> MapAccess<'de> for LocatedAccess<'de> {
    type Error = DeError;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some(name) = LOCATED_FIELDS.get(self.step as usize) else {
            return Ok(None);
        };
        seed.deserialize(de::value::StrDeserializer::<DeError>::new(name))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        self.step += 1;
        match self.step {
            1 => seed.deserialize((self.node.pos.line as u64).into_deserializer()),
            2 => seed.deserialize((self.node.pos.col as u64).into_deserializer()),
            3 => seed.deserialize(self.node.pos.sheet.into_deserializer()),
            _ => seed.deserialize(self.node),
        }
    }
}

struct EnumAccess<'a> {
    key: &'a Key,
    value: &'a Node,
}

impl<'de> de::EnumAccess<'de> for EnumAccess<'de> {
    type Error = DeError;
    type Variant = &'de Node;
    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, &'de Node), DeError> {
        let k = de::value::BorrowedStrDeserializer::<DeError>::new(&self.key.name);
        let v = seed.deserialize(k).map_err(|e| e.at(self.key.pos))?;
        Ok((v, self.value))
    }
}

impl<'de> de::VariantAccess<'de> for &'de Node {
    type Error = DeError;
    fn unit_variant(self) -> Result<(), DeError> {
        Ok(())
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DeError> {
        seed.deserialize(self)
    }
    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_any(visitor)
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_any(visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(line: usize, value: Value) -> Node {
        Node {
            pos: Pos::new(line, 3),
            value,
        }
    }

    fn map(line: usize, entries: Vec<(&str, Node)>) -> Node {
        let entries = entries
            .into_iter()
            .map(|(k, v)| {
                (
                    Key {
                        name: k.into(),
                        pos: Pos::new(v.pos.line, 1),
                    },
                    v,
                )
            })
            .collect();
        n(line, Value::Map(entries))
    }

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    struct Thing {
        name: Located<String>,
        count: Option<u32>,
    }

    #[test]
    fn located_values_keep_their_place() {
        let tree = map(
            1,
            vec![
                ("name", n(2, Value::Str("a".into()))),
                ("count", n(3, Value::Int(4))),
            ],
        );
        let t: Thing = from_node(&tree).unwrap();
        assert_eq!(t.name.value, "a");
        assert_eq!(t.name.pos, Pos::new(2, 3));
        assert_eq!(t.count, Some(4));
        // A workbook's cell keeps its sheet.
        let mut tree = tree;
        if let Value::Map(entries) = &mut tree.value {
            entries[0].1.pos = Pos::cell(3, 12, 5);
        }
        let t: Thing = from_node(&tree).unwrap();
        assert_eq!(t.name.pos, Pos::cell(3, 12, 5));
    }

    #[test]
    fn unknown_fields_point_at_the_key_and_suggest() {
        let tree = map(
            1,
            vec![
                ("name", n(2, Value::Str("a".into()))),
                ("cont", n(5, Value::Int(4))),
            ],
        );
        let e = from_node::<Thing>(&tree).unwrap_err();
        assert_eq!(e.pos, Some(Pos::new(5, 1)));
        assert_eq!(e.help.as_deref(), Some("did you mean `count`?"));
    }

    #[test]
    fn wrong_types_point_at_the_value() {
        let tree = map(1, vec![("name", n(2, Value::List(vec![])))]);
        let e = from_node::<Thing>(&tree).unwrap_err();
        assert_eq!(e.pos, Some(Pos::new(2, 3)));
        assert_eq!(e.found.as_deref(), Some("a list"));
        let tree = map(
            1,
            vec![
                ("name", n(2, Value::Str("a".into()))),
                ("count", n(4, Value::Int(-1))),
            ],
        );
        let e = from_node::<Thing>(&tree).unwrap_err();
        assert_eq!(e.pos, Some(Pos::new(4, 3)));
    }

    #[test]
    fn missing_fields_point_at_the_group() {
        let tree = map(7, vec![]);
        let e = from_node::<Thing>(&tree).unwrap_err();
        assert_eq!(e.pos, Some(Pos::new(7, 3)));
        assert_eq!(e.message, "the field `name` is missing");
    }
}
