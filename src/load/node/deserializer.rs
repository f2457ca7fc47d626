//! A serde Deserializer over the tree: the typed model is read from it as from any other
//! format, and every problem carries the place of the value it is about.

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::{DeError, Key, LOCATED, LOCATED_FIELDS, Node, Value};
use crate::diag::one_of;
use crate::diag::source::Pos;

/// Turns a tree into a typed value. The error carries the position of the offending value.
pub fn from_node<'a, T: Deserialize<'a>>(node: &'a Node) -> Result<T, DeError> {
    T::deserialize(node)
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
            return visitor.visit_map(LocatedAccess::new(self.pos, self));
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
            let name = de::value::BorrowedStrDeserializer::<DeError>::new(&self.0.name);
            return visitor.visit_map(LocatedAccess::new(self.0.pos, name));
        }
        self.deserialize_any(visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

/// A value (a node, or a name) as `Located` reads it: a group of its line, its column and
/// itself.
struct LocatedAccess<D> {
    pos: Pos,
    value: D,
    step: u8,
}

impl<D> LocatedAccess<D> {
    fn new(pos: Pos, value: D) -> LocatedAccess<D> {
        LocatedAccess {
            pos,
            value,
            step: 0,
        }
    }
}

impl<'de, D: Deserializer<'de, Error = DeError> + Copy> MapAccess<'de> for LocatedAccess<D> {
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
            1 => seed.deserialize((self.pos.line as u64).into_deserializer()),
            2 => seed.deserialize((self.pos.col as u64).into_deserializer()),
            3 => seed.deserialize(self.pos.sheet.into_deserializer()),
            _ => seed.deserialize(self.value),
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
    use crate::load::node::Located;

    fn n(line: usize, value: Value) -> Node {
        Node {
            pos: Pos::new(line, 3),
            value,
        }
    }

    fn map(line: usize, entries: Vec<(&'static str, Node)>) -> Node {
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
