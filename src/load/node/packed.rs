//! A tree of values written compactly as bytes, and read back: how the built-in frameworks are
//! kept ready in the binary (`validate::catalog`), so that a run of `ties` need not parse their
//! YAML, which was a fifth of the time of a report.
//!
//! Each node is its place (sheet, line, column) and its value, numbers as LEB128 varints:
//! `0` null, `1` false, `2` true, `3` a whole number (zigzag), `4` a decimal (its 8 bytes), `5`
//! text (its length, then UTF-8), `6` a list (its length, then each node), `7` a group (its
//! length, then each name as text with its place, and its value). Reading refuses anything
//! else, and anything left over, with `None`.

use super::{Key, Node, Value};
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

impl Reader<'_> {
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
        let len = self.usize()?;
        let end = self.at.checked_add(len)?;
        let s = std::str::from_utf8(self.bytes.get(self.at..end)?).ok()?;
        self.at = end;
        Some(s.to_string())
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
                        name,
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
            name: name.to_string(),
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
