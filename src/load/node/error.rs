//! A problem found while turning the tree into the typed model, in plain words: serde's names
//! for types and values become "text", "a whole number", "a group of fields", and the message
//! names the field once it is known.

use std::fmt;

use serde::de;

use super::{Key, Node, Value, number, shorten};
use crate::diag::source::Pos;
use crate::diag::{closest, lookalike, one_of};

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
    /// The required field that is missing, when that is the problem (here or further in).
    missing: Option<&'static str>,
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
    /// Whether this is a required field missing from the group being read itself (not from a
    /// group inside it).
    pub fn is_missing_field(&self) -> bool {
        matches!(self.about, About::Missing(_))
    }

    /// The required field whose absence is the problem, wherever it is missing from.
    pub fn missing_field_name(&self) -> Option<&'static str> {
        self.missing
    }

    pub(super) fn at(mut self, pos: Pos) -> DeError {
        if self.pos.is_none() {
            self.pos = Some(pos);
        }
        self
    }

    pub(super) fn plain(message: String) -> DeError {
        DeError {
            pos: None,
            message,
            expected: None,
            found: None,
            help: None,
            about: About::Other,
            missing: None,
        }
    }

    pub(super) fn wrong_type(wanted: &str, expected: String, found: &Value) -> DeError {
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
    pub(super) fn in_field(mut self, key: &Key, node: &Node) -> DeError {
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
                    self.help = shape_help(&key.name, &wanted, &found);
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
        e.missing = Some(field);
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

/// What to write instead of a value of the wrong shape: for a value that is text with a `:` but
/// no space after it, the space; otherwise, for a field of ties' own files, an example of its
/// shape, written on one line.
fn shape_help(field: &str, wanted: &str, found: &Value) -> Option<String> {
    if let Value::Str(text) = found
        && wanted.starts_with("a group")
        && let Some((name, value)) = text.split_once(':')
        && !name.is_empty()
        && !name.contains(' ')
        && !value.is_empty()
        && !value.starts_with(' ')
    {
        return Some(format!(
            "a space is missing after the `:`: write `{name}: {value}` on its own line, indented under `{field}:`"
        ));
    }
    if let Value::Str(text) = found
        && wanted.contains("number")
        && let Some(n) = text.trim().strip_suffix('%')
    {
        return Some(if field == "numerator" || field == "denominator" {
            "give counts, not a percentage: the denominator is how many were counted and the \
             numerator how many of them meet the measure; the rate is worked out from them"
                .to_string()
        } else {
            format!(
                "write a share as a number from 0 to 1 (`{}` for {text})",
                share(n)
            )
        });
    }
    let list = wanted == "a list";
    let group = wanted.starts_with("a group");
    let example = SHAPES
        .iter()
        .find(|(name, _)| *name == field)
        .map(|(_, e)| (*e).to_string())
        .or_else(|| {
            // An entry of `responses:` is named by its item's qualified id.
            (group && field.contains('/')).then(|| {
                format!("`{field}: {{ rating: planned, narrative: What we do. }}`, or the same fields on lines of their own, indented under it")
            })
        });
    let how = match (list, group, found) {
        (true, _, Value::Map(_)) => {
            "write each entry of a list on its own line, starting with `- `"
        }
        (_, true, Value::List(_)) => {
            "write the entries as `name: value` lines, without `- ` in front"
        }
        (true, _, _) => "a list is written in `[ ]`, or as lines starting with `- `",
        (_, true, _) => {
            "a group of fields is written in `{ }`, or as `name: value` lines indented under its name"
        }
        _ => return None,
    };
    Some(match example {
        Some(e) => format!("{how}, for example {e}"),
        None => how.to_string(),
    })
}

/// `62` (as in 62%) as the share `0.62`, or `0.62` as a hint when the text is not a number.
fn share(percent: &str) -> String {
    percent
        .trim()
        .parse::<f64>()
        .map_or_else(|_| "0.62".to_string(), |p| format!("{}", p / 100.0))
}

/// One-line examples of the lists and groups in ties' files, by field name.
const SHAPES: &[(&str, &str)] = &[
    (
        "evidence",
        "`evidence: [{ kind: document, text: What it shows }]`",
    ),
    ("strengths", "`strengths: [First point, Second point]`"),
    ("development", "`development: [What needs to improve]`"),
    (
        "frameworks",
        "`frameworks: [farmer-offer, hmpps-family-practice]`",
    ),
    ("items", "`items: [farmer-offer/family-learning]`"),
    (
        "actions",
        "`actions: [{ id: A1, what: Start a homework club, owner: Family services manager, due: 2026-06-30, status: open }]`",
    ),
    (
        "responses",
        "`responses: { farmer-offer/visitor-centre: { rating: planned } }`",
    ),
    (
        "metrics",
        "`metrics: { farmer-offer/visits-on-entry: { numerator: 412, denominator: 690 } }`",
    ),
    (
        "establishment",
        "`establishment: { id: hmp-example, name: HMP Example, nation: england-wales }`",
    ),
    (
        "establishments",
        "`establishments: [{ id: hmp-example, name: HMP Example, nation: england-wales }]`",
    ),
    ("prompts", "`prompts: [A guiding question?]`"),
    ("examples", "`examples: [A document that shows it]`"),
    ("tags", "`tags: [strand/workforce]`"),
];
