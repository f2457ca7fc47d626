//! Reading YAML. The only module that knows which YAML library `ties` uses.
//!
//! The library rejects duplicate keys and enforces limits on nesting, aliases and size, so a
//! hostile file cannot exhaust memory; values are read with their line and column into a `Node`.

use std::fmt;

use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_saphyr::{Options, Spanned};

use crate::diag::Diagnostic;
use crate::node::{Key, Node, Value};
use crate::source::{Pos, SourceFile};

/// The deepest nesting a file may have. Real files need fewer than ten levels.
pub const MAX_DEPTH: usize = 64;

/// Reads a YAML file into a tree of located values.
pub fn parse(file: &SourceFile) -> Result<Node, Diagnostic> {
    let mut options = Options::default();
    options.with_snippet = false;
    // `ties` has no use for the text of comments, and keeping it makes the library refuse a
    // run of more than a few dozen comment lines in some places (as `ties init` writes them).
    options.emit_comments = false;
    if let Some(budget) = options.budget.as_mut() {
        budget.max_depth = MAX_DEPTH;
    }
    let text = file.text.strip_prefix('\u{feff}').unwrap_or(&file.text);
    if text.trim().is_empty() {
        return Err(
            Diagnostic::error(&file.path, Pos::FILE, "the file is empty")
                .help("start from `ties init`, or copy one of the examples"),
        );
    }
    match serde_saphyr::from_str_with_options::<YamlNode>(text, options) {
        Ok(node) => Ok(node.0),
        Err(e) => Err(syntax_error(file, &e)),
    }
}

fn syntax_error(file: &SourceFile, e: &serde_saphyr::Error) -> Diagnostic {
    let pos = e
        .location()
        .map(|l| Pos::new(l.line() as usize, l.column() as usize))
        .filter(|p| p.line > 0)
        .unwrap_or(Pos::FILE);
    let raw = e.to_string();
    // The library appends its own "at line X column Y"; the renderer shows the place already.
    let message = raw
        .split(" at line ")
        .next()
        .unwrap_or(&raw)
        .trim()
        .to_string();
    let d = Diagnostic::error(
        &file.path,
        pos,
        format!("this is not valid YAML: {message}"),
    );
    let line = file.line(pos.line).unwrap_or("");
    if line.contains('\t') {
        d.help("YAML does not allow tabs for indentation: use spaces")
    } else if message.contains("duplicate") {
        d.help("each field may appear once: remove or rename one of them")
    } else {
        d.help("check the indentation and that text containing `: ` is in quotes")
    }
}

struct YamlNode(Node);

fn pos_of<T>(s: &Spanned<T>) -> Pos {
    Pos::new(s.referenced.line() as usize, s.referenced.column() as usize)
}

impl<'de> Deserialize<'de> for YamlNode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Spanned::<RawValue>::deserialize(d)?;
        let pos = pos_of(&s);
        Ok(YamlNode(Node {
            pos,
            value: s.value.0,
        }))
    }
}

struct RawValue(Value);

/// A mapping key: YAML allows numbers and booleans as keys; `ties` reads them as text.
struct KeyText(String);

impl<'de> Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = KeyText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<KeyText, E> {
                Ok(KeyText(String::new()))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any YAML value")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawValue, E> {
                Ok(RawValue(Value::Bool(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawValue, E> {
                Ok(RawValue(Value::Int(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawValue, E> {
                Ok(RawValue(match i64::try_from(v) {
                    Ok(i) => Value::Int(i),
                    Err(_) => Value::Float(v as f64),
                }))
            }
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<RawValue, E> {
                Ok(RawValue(match i64::try_from(v) {
                    Ok(i) => Value::Int(i),
                    Err(_) => Value::Float(v as f64),
                }))
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<RawValue, E> {
                Ok(RawValue(match i64::try_from(v) {
                    Ok(i) => Value::Int(i),
                    Err(_) => Value::Float(v as f64),
                }))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawValue, E> {
                Ok(RawValue(Value::Float(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawValue, E> {
                Ok(RawValue(Value::Str(v.to_string())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<RawValue, E> {
                Ok(RawValue(Value::Str(v)))
            }
            fn visit_unit<E: de::Error>(self) -> Result<RawValue, E> {
                Ok(RawValue(Value::Null))
            }
            fn visit_none<E: de::Error>(self) -> Result<RawValue, E> {
                Ok(RawValue(Value::Null))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawValue, D::Error> {
                RawValue::deserialize(d)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawValue, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<YamlNode>()? {
                    items.push(item.0);
                }
                Ok(RawValue(Value::List(items)))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawValue, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<Spanned<KeyText>>()? {
                    let pos = pos_of(&key);
                    let value = map.next_value::<YamlNode>()?;
                    entries.push((
                        Key {
                            name: key.value.0,
                            pos,
                        },
                        value.0,
                    ));
                }
                Ok(RawValue(Value::Map(entries)))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<Node, Diagnostic> {
        parse(&SourceFile::new("t.yaml", text))
    }

    #[test]
    fn values_carry_lines_and_columns() {
        let node = parse_str("a: 1\nb:\n  - x\n  - true\nc: 2025-01-02\n").unwrap();
        let Value::Map(entries) = &node.value else {
            panic!("not a map")
        };
        assert_eq!(entries[0].0.name, "a");
        assert_eq!(entries[0].1.value, Value::Int(1));
        assert_eq!(entries[0].1.pos, Pos::new(1, 4));
        let Value::List(items) = &entries[1].1.value else {
            panic!("not a list")
        };
        assert_eq!(items[1].value, Value::Bool(true));
        assert_eq!(items[1].pos.line, 4);
        assert_eq!(entries[2].1.value, Value::Str("2025-01-02".into()));
    }

    #[test]
    fn duplicate_keys_are_errors_with_a_place() {
        let e = parse_str("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert!(e.message.contains("duplicate"), "{}", e.message);
        assert_eq!(e.line, 3);
    }

    #[test]
    fn syntax_errors_have_a_place() {
        let e = parse_str("a: [1, 2\nb: 3\n").unwrap_err();
        assert!(e.line > 0, "{e:?}");
    }

    #[test]
    fn long_runs_of_comments_are_fine() {
        let comments = "  # guidance\n".repeat(500);
        let text = format!("a:\n  b: 1\n{comments}  c: 2\nd:\n{comments}  - x\n{comments}");
        assert!(parse_str(&text).is_ok());
    }

    #[test]
    fn empty_files_are_reported() {
        assert_eq!(parse_str("  \n").unwrap_err().message, "the file is empty");
    }
}
