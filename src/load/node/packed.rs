//! A tree of values written compactly as bytes, and read back: how the built-in frameworks are
//! kept ready in the binary (`validate::catalog`), so that a run of `ties` need not parse their
//! YAML, which was a fifth of the time of a report.
//!
//! Each node is its place (sheet, line, column) and its value, numbers as LEB128 varints:
//! `0` null, `1` false, `2` true, `3` a whole number (zigzag), `4` a decimal (its 8 bytes), `5`
//! text (its length, then UTF-8), `6` a list (its length, then each node), `7` a group (its
//! length, then each name as text with its place, and its value). Reading refuses anything
//! else, and anything left over, with `None`.
//!
//! `decode` reads a typed value straight from the bytes, as serde reads it from the tree they
//! hold, without making the tree: the built-in frameworks are read this way at start-up.

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::{DeError, Key, LOCATED, LOCATED_FIELDS, Node, Value};
use crate::diag::source::Pos;

/// The bytes of `node`.
pub fn pack(node: &Node) -> Vec<u8> {
    let mut out = Vec::new();
    write_node(&mut out, node);
    out
}

/// The tree `bytes` hold, or `None` when they are not a whole tree as `pack` writes it.
pub fn unpack(bytes: &[u8]) -> Option<Node> {
    let mut r = Reader { bytes, at: 0 };
    let node = r.node(0)?;
    (r.at == bytes.len()).then_some(node)
}

/// The deepest a packed tree may nest, as the YAML reader's own limit.
const MAX_DEPTH: usize = crate::load::yaml::MAX_DEPTH;

fn write_uint(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn write_text(out: &mut Vec<u8>, s: &str) {
    write_uint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

fn write_pos(out: &mut Vec<u8>, pos: Pos) {
    write_uint(out, u64::from(pos.sheet));
    write_uint(out, pos.line as u64);
    write_uint(out, pos.col as u64);
}

fn write_node(out: &mut Vec<u8>, node: &Node) {
    write_pos(out, node.pos);
    match &node.value {
        Value::Null => out.push(0),
        Value::Bool(false) => out.push(1),
        Value::Bool(true) => out.push(2),
        Value::Int(i) => {
            out.push(3);
            write_uint(out, ((i << 1) ^ (i >> 63)) as u64);
        }
        Value::Float(f) => {
            out.push(4);
            out.extend_from_slice(&f.to_bits().to_le_bytes());
        }
        Value::Str(s) => {
            out.push(5);
            write_text(out, s);
        }
        Value::List(items) => {
            out.push(6);
            write_uint(out, items.len() as u64);
            for item in items {
                write_node(out, item);
            }
        }
        Value::Map(entries) => {
            out.push(7);
            write_uint(out, entries.len() as u64);
            for (key, value) in entries {
                write_text(out, &key.name);
                write_pos(out, key.pos);
                write_node(out, value);
            }
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn uint(&mut self) -> Option<u64> {
        let mut n: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    fn usize(&mut self) -> Option<usize> {
        usize::try_from(self.uint()?).ok()
    }

    fn text(&mut self) -> Option<String> {
        self.str().map(str::to_string)
    }

    fn str(&mut self) -> Option<&'a str> {
        let len = self.usize()?;
        let end = self.at.checked_add(len)?;
        let s = std::str::from_utf8(self.bytes.get(self.at..end)?).ok()?;
        self.at = end;
        Some(s)
    }

    fn pos(&mut self) -> Option<Pos> {
        Some(Pos {
            sheet: u32::try_from(self.uint()?).ok()?,
            line: self.usize()?,
            col: self.usize()?,
        })
    }

    /// A count of things still to come, each taking at least one byte.
    fn count(&mut self) -> Option<usize> {
        let n = self.usize()?;
        (n <= self.bytes.len() - self.at).then_some(n)
    }

    fn node(&mut self, depth: usize) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        let pos = self.pos()?;
        let value = match self.byte()? {
            0 => Value::Null,
            1 => Value::Bool(false),
            2 => Value::Bool(true),
            3 => {
                let z = self.uint()?;
                Value::Int(((z >> 1) as i64) ^ -((z & 1) as i64))
            }
            4 => {
                let end = self.at.checked_add(8)?;
                let bits: [u8; 8] = self.bytes.get(self.at..end)?.try_into().ok()?;
                self.at = end;
                Value::Float(f64::from_bits(u64::from_le_bytes(bits)))
            }
            5 => Value::Str(self.text()?),
            6 => {
                let n = self.count()?;
                let mut items = Vec::with_capacity(n);
                for _ in 0..n {
                    items.push(self.node(depth + 1)?);
                }
                Value::List(items)
            }
            7 => {
                let n = self.count()?;
                let mut entries = Vec::with_capacity(n);
                for _ in 0..n {
                    let name = self.text()?;
                    let key = Key {
                        name: name.into(),
                        pos: self.pos()?,
                    };
                    entries.push((key, self.node(depth + 1)?));
                }
                Value::Map(entries)
            }
            _ => return None,
        };
        Some(Node { pos, value })
    }
}

/// The typed value `bytes` hold, read as `from_node` reads it from the tree they hold (`unpack`),
/// without making the tree; `None` when they are not a whole tree, or not a `T`.
pub fn decode<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Option<T> {
    let mut r = Reader { bytes, at: 0 };
    let value = T::deserialize(Stream {
        r: &mut r,
        pos: None,
        depth: 0,
    })
    .ok()?;
    (r.at == bytes.len()).then_some(value)
}

fn broken() -> DeError {
    de::Error::custom("the packed tree is not whole")
}

/// The next node of the bytes, as a deserializer; `pos` is its place when that has been read.
struct Stream<'r, 'a> {
    r: &'r mut Reader<'a>,
    pos: Option<Pos>,
    depth: usize,
}

impl<'r, 'a> Stream<'r, 'a> {
    fn pos(&mut self) -> Result<Pos, DeError> {
        match self.pos.take() {
            Some(pos) => Ok(pos),
            None => self.r.pos().ok_or_else(broken),
        }
    }

    /// The node's kind, read.
    fn kind(&mut self) -> Result<u8, DeError> {
        self.pos()?;
        self.r.byte().ok_or_else(broken)
    }

    fn next(&mut self) -> Stream<'_, 'a> {
        Stream {
            r: self.r,
            pos: None,
            depth: self.depth + 1,
        }
    }
}

impl<'de> Deserializer<'de> for Stream<'_, 'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(mut self, visitor: V) -> Result<V::Value, DeError> {
        if self.depth > MAX_DEPTH {
            return Err(broken());
        }
        match self.kind()? {
            0 => visitor.visit_unit(),
            1 => visitor.visit_bool(false),
            2 => visitor.visit_bool(true),
            3 => {
                let z = self.r.uint().ok_or_else(broken)?;
                visitor.visit_i64(((z >> 1) as i64) ^ -((z & 1) as i64))
            }
            4 => {
                let end = self.r.at + 8;
                let bits: [u8; 8] = self
                    .r
                    .bytes
                    .get(self.r.at..end)
                    .and_then(|b| b.try_into().ok())
                    .ok_or_else(broken)?;
                self.r.at = end;
                visitor.visit_f64(f64::from_bits(u64::from_le_bytes(bits)))
            }
            5 => visitor.visit_borrowed_str(self.r.str().ok_or_else(broken)?),
            6 => {
                let left = self.r.count().ok_or_else(broken)?;
                visitor.visit_seq(Items { s: self, left })
            }
            7 => {
                let left = self.r.count().ok_or_else(broken)?;
                visitor.visit_map(Entries { s: self, left })
            }
            _ => Err(broken()),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(mut self, visitor: V) -> Result<V::Value, DeError> {
        let pos = self.pos()?;
        if self.r.bytes.get(self.r.at) == Some(&0) {
            self.r.at += 1;
            return visitor.visit_none();
        }
        self.pos = Some(pos);
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        mut self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        if name == LOCATED {
            let pos = self.pos()?;
            return visitor.visit_map(LocatedNode {
                s: self,
                pos,
                step: 0,
            });
        }
        self.deserialize_any(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        mut self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        // The words of the model's choices; anything else is left to the tree.
        match self.kind()? {
            5 => {
                let word = self.r.str().ok_or_else(broken)?;
                visitor.visit_enum(word.into_deserializer())
            }
            _ => Err(broken()),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple
        tuple_struct map identifier ignored_any
    }
}

struct Items<'r, 'a> {
    s: Stream<'r, 'a>,
    left: usize,
}

impl<'de> SeqAccess<'de> for Items<'_, 'de> {
    type Error = DeError;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(self.s.next()).map(Some)
    }
}

struct Entries<'r, 'a> {
    s: Stream<'r, 'a>,
    left: usize,
}

impl<'de> MapAccess<'de> for Entries<'_, 'de> {
    type Error = DeError;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        let name = self.s.r.str().ok_or_else(broken)?;
        let pos = self.s.r.pos().ok_or_else(broken)?;
        seed.deserialize(Name { name, pos }).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        seed.deserialize(self.s.next())
    }
}

/// A name of a group, as `Located` or as text.
#[derive(Clone, Copy)]
struct Name<'a> {
    name: &'a str,
    pos: Pos,
}

impl<'de> Deserializer<'de> for Name<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_borrowed_str(self.name)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        if name == LOCATED {
            return visitor.visit_map(LocatedName {
                name: self,
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

/// The parts of a place, as `Located` reads them (`LOCATED_FIELDS`), at `step`.
fn place_part<'de, V: DeserializeSeed<'de>>(
    seed: V,
    pos: Pos,
    step: u8,
) -> Result<V::Value, DeError> {
    match step {
        1 => seed.deserialize((pos.line as u64).into_deserializer()),
        2 => seed.deserialize((pos.col as u64).into_deserializer()),
        _ => seed.deserialize(pos.sheet.into_deserializer()),
    }
}

fn located_key<'de, K: DeserializeSeed<'de>>(
    seed: K,
    step: u8,
) -> Result<Option<K::Value>, DeError> {
    let Some(name) = LOCATED_FIELDS.get(step as usize) else {
        return Ok(None);
    };
    seed.deserialize(de::value::StrDeserializer::<DeError>::new(name))
        .map(Some)
}

/// A node as `Located` reads it: its line, its column, its sheet, and itself.
struct LocatedNode<'r, 'a> {
    s: Stream<'r, 'a>,
    pos: Pos,
    step: u8,
}

impl<'de> MapAccess<'de> for LocatedNode<'_, 'de> {
    type Error = DeError;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        located_key(seed, self.step)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        self.step += 1;
        if self.step <= 3 {
            return place_part(seed, self.pos, self.step);
        }
        seed.deserialize(Stream {
            r: self.s.r,
            pos: Some(self.pos),
            depth: self.s.depth,
        })
    }
}

/// A name as `Located` reads it.
struct LocatedName<'a> {
    name: Name<'a>,
    step: u8,
}

impl<'de> MapAccess<'de> for LocatedName<'de> {
    type Error = DeError;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        located_key(seed, self.step)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        self.step += 1;
        if self.step <= 3 {
            return place_part(seed, self.name.pos, self.step);
        }
        seed.deserialize(de::value::BorrowedStrDeserializer::<DeError>::new(
            self.name.name,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, col: usize) -> Pos {
        Pos {
            sheet: 0,
            line,
            col,
        }
    }

    fn tree() -> Node {
        let n = |line, value| Node {
            pos: at(line, 3),
            value,
        };
        let key = |name: &str, line| Key {
            name: name.to_string().into(),
            pos: at(line, 1),
        };
        n(
            1,
            Value::Map(vec![
                (key("id", 1), n(1, Value::Str("farmer-offer".into()))),
                (key("none", 2), n(2, Value::Null)),
                (key("yes", 3), n(3, Value::Bool(true))),
                (key("no", 4), n(4, Value::Bool(false))),
                (key("low", 5), n(5, Value::Int(i64::MIN))),
                (key("high", 6), n(6, Value::Int(i64::MAX))),
                (key("minus", 7), n(7, Value::Int(-3))),
                (key("share", 8), n(8, Value::Float(0.625))),
                (key("odd", 9), n(9, Value::Float(-0.0))),
                (
                    key("list", 10),
                    n(
                        10,
                        Value::List(vec![
                            n(11, Value::Str("children’s services".into())),
                            n(12, Value::List(Vec::new())),
                            n(13, Value::Map(Vec::new())),
                        ]),
                    ),
                ),
            ]),
        )
    }

    #[test]
    fn a_tree_reads_back_as_it_was_written() {
        let t = tree();
        let bytes = pack(&t);
        let back = unpack(&bytes).expect("a whole tree");
        assert_eq!(back, t);
        // -0.0 equals 0.0: its bits are kept too.
        let Value::Map(entries) = &back.value else {
            panic!("a group")
        };
        let Value::Float(odd) = entries[8].1.value else {
            panic!("a decimal")
        };
        assert!(odd.is_sign_negative());
    }

    /// What the test tree holds, as a typed value: places, optional values, words, names that
    /// keep their places.
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Typed {
        id: crate::load::node::Located<String>,
        none: Option<bool>,
        yes: bool,
        no: crate::load::node::Located<bool>,
        low: i64,
        high: i64,
        minus: crate::load::node::Located<i32>,
        share: f64,
        odd: Option<f64>,
        list: (String, Vec<u8>, crate::load::node::LocatedMap<String>),
    }

    #[test]
    fn a_typed_value_reads_straight_from_the_bytes_as_from_the_tree() {
        let t = tree();
        let bytes = pack(&t);
        let from_tree: Typed = super::super::from_node(&t).expect("a typed value");
        let straight: Typed = decode(&bytes).expect("a typed value");
        assert_eq!(format!("{straight:?}"), format!("{from_tree:?}"));
        assert_eq!(straight.id.pos, at(1, 3));
        assert_eq!((*straight.minus, straight.minus.pos), (-3, at(7, 3)));
        assert_eq!(
            (straight.none, straight.yes, *straight.no),
            (None, true, false)
        );
        assert_eq!((straight.low, straight.high), (i64::MIN, i64::MAX));
        assert_eq!(
            (straight.share, straight.odd.map(f64::to_bits)),
            (0.625, Some((-0.0f64).to_bits()))
        );
        let (text, empty, group) = &straight.list;
        assert_eq!(
            (text.as_str(), empty.len(), group.iter().count()),
            ("children’s services", 0, 0)
        );
        // Names keep their places, and words are read as the model's choices.
        let names = Node {
            pos: at(1, 1),
            value: Value::Map(vec![(
                Key {
                    name: "visits".into(),
                    pos: at(2, 4),
                },
                Node {
                    pos: at(2, 12),
                    value: Value::Str("rate".into()),
                },
            )]),
        };
        type Named = crate::load::node::LocatedMap<crate::model::framework::Measure>;
        let straight: Named = decode(&pack(&names)).expect("names");
        let (key, measure) = straight.iter().next().expect("one");
        assert_eq!((key.value.as_str(), key.pos), ("visits", at(2, 4)));
        assert_eq!(*measure, crate::model::framework::Measure::Rate);
        // Anything but a whole tree of a `Typed` is refused.
        for cut in 0..bytes.len() {
            assert!(decode::<Typed>(&bytes[..cut]).is_none(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode::<Typed>(&longer).is_none());
        assert!(decode::<Named>(&bytes).is_none());
    }

    #[test]
    fn anything_but_a_whole_tree_is_refused() {
        let bytes = pack(&tree());
        for cut in 0..bytes.len() {
            assert_eq!(unpack(&bytes[..cut]), None, "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(unpack(&longer), None);
        // An unknown kind of value, and a list that says it holds more than there is.
        assert_eq!(unpack(&[0, 1, 1, 9]), None);
        assert_eq!(unpack(&[0, 1, 1, 6, 0xff, 0xff, 0x03]), None);
        // Nesting deeper than any file `ties` reads.
        let mut deep = Vec::new();
        for _ in 0..=MAX_DEPTH + 1 {
            deep.extend([0, 1, 1, 6, 1]);
        }
        deep.extend([0, 1, 1, 0]);
        assert_eq!(unpack(&deep), None);
    }
}
