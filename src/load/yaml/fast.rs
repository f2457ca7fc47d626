//! A fast path for reading the YAML files `ties` sees every day.
//!
//! Parsing is most of the time `ties compare` and `ties report` take. The full reader (`tree`)
//! reads YAML through serde, which costs about as much again as the YAML parser underneath it.
//! This module builds the same `Node` tree straight from that parser's events, for plain files:
//! maps, lists, text, whole numbers, decimals, `true`, `false` and `null`, written in any style.
//!
//! It gives up (returns `None`) on anything out of the ordinary, and the full reader then reads
//! the file, with all its checks and messages:
//! - any syntax error, and a file that is empty or has only comments;
//! - anchors, aliases, tags, merge keys (`<<`), directives and more than one document;
//! - a name that is not text, a name given twice in a group, a group or list used as a name;
//! - a plain value whose type YAML decides by finer rules (`yes`, `NULL`, `0x1F`, `1e5`, `007`,
//!   `-0`, `.inf`, numbers with `_`, numbers too large for 64 bits...);
//! - more than a fraction of the full reader's limits on nesting and number of values.
//!
//! So it never accepts a file the full reader would refuse, and when it accepts one, the tree is
//! the same, value for value and position for position: the tests check this on every YAML file
//! in the project (examples, fixtures and the hostile corpus) and on generated documents.

use std::borrow::Cow;

use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle, Span};

use super::limits;
use crate::diag::source::{Pos, SourceFile};
use crate::load::node::{Key, Node, Value};

/// Deeper nesting is left to the full reader (whose limit is twice this).
const MAX_DEPTH: usize = limits::MAX_DEPTH / 2;

/// More values (names included) are left to the full reader (whose limit is twice this).
const MAX_VALUES: usize = limits::MAX_VALUES / 2;

/// The file as a tree, or `None` when the full reader must read it.
pub fn parse(file: &SourceFile) -> Option<Node> {
    let text = file.text.strip_prefix('\u{feff}').unwrap_or(&file.text);
    let mut builder = Builder::default();
    for event in Parser::new_from_str_with_options(text, limits::scanner_options()) {
        let (event, span) = event.ok()?;
        builder.event(event, &span)?;
    }
    builder.finish()
}

enum Frame {
    List(Pos, Vec<Node>),
    /// A group, and the name whose value comes next.
    Map(Pos, Vec<(Key, Node)>, Option<Key>),
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    root: Option<Node>,
    documents: usize,
    values: usize,
}

impl Builder {
    /// Takes one event; `None` to give up.
    fn event(&mut self, event: Event<'_>, span: &Span) -> Option<()> {
        let node = match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => return Some(()),
            Event::DocumentStart(_, version) => {
                self.documents += 1;
                return (self.documents == 1 && version.is_none()).then_some(());
            }
            Event::Scalar(text, style, anchor, tag) => {
                if anchor != 0 || tag.is_some() {
                    return None;
                }
                self.count()?;
                let value = scalar(text, style)?;
                if let Some(Frame::Map(_, _, pending @ None)) = self.stack.last_mut() {
                    // A name: text only (YAML would turn `yes:` into `true`, `1:` into `1`).
                    let Value::Str(name) = value else {
                        return None;
                    };
                    if name == "<<" && style == ScalarStyle::Plain {
                        return None;
                    }
                    *pending = Some(Key {
                        name,
                        pos: pos(span),
                    });
                    return Some(());
                }
                Node {
                    pos: pos(span),
                    value,
                }
            }
            Event::SequenceStart(_, anchor, ref tag) | Event::MappingStart(_, anchor, ref tag) => {
                let list = matches!(event, Event::SequenceStart(..));
                let as_name = matches!(self.stack.last(), Some(Frame::Map(_, _, None)));
                if anchor != 0 || tag.is_some() || as_name || self.stack.len() >= MAX_DEPTH {
                    return None;
                }
                self.count()?;
                self.stack.push(if list {
                    Frame::List(pos(span), Vec::new())
                } else {
                    Frame::Map(pos(span), Vec::new(), None)
                });
                return Some(());
            }
            Event::SequenceEnd => match self.stack.pop()? {
                Frame::List(pos, items) => Node {
                    pos,
                    value: Value::List(items),
                },
                Frame::Map(..) => return None,
            },
            Event::MappingEnd => match self.stack.pop()? {
                Frame::Map(pos, entries, None) if unique_names(&entries) => Node {
                    pos,
                    value: Value::Map(entries),
                },
                _ => return None,
            },
            // Aliases, and anything this version of the parser adds.
            _ => return None,
        };
        match self.stack.last_mut() {
            None if self.root.is_none() => self.root = Some(node),
            None => return None,
            Some(Frame::List(_, items)) => items.push(node),
            Some(Frame::Map(_, entries, pending)) => {
                let key = pending.take()?;
                let mut node = node;
                // An empty value has no text of its own to point at: point at its name.
                if node.value == Value::Null {
                    node.pos = key.pos;
                }
                entries.push((key, node));
            }
        }
        Some(())
    }

    fn count(&mut self) -> Option<()> {
        self.values += 1;
        (self.values <= MAX_VALUES).then_some(())
    }

    fn finish(self) -> Option<Node> {
        if !self.stack.is_empty() {
            return None;
        }
        // An empty file, or one with only comments, is the full reader's to explain.
        self.root.filter(|n| n.value != Value::Null)
    }
}

/// Lines count from 1, columns from 1 (the parser counts columns from 0).
fn pos(span: &Span) -> Pos {
    Pos::new(span.start.line(), span.start.col() + 1)
}

fn unique_names(entries: &[(Key, Node)]) -> bool {
    match entries.len() {
        0 | 1 => true,
        2..=8 => entries
            .iter()
            .enumerate()
            .all(|(i, (k, _))| entries[..i].iter().all(|(e, _)| e.name != k.name)),
        _ => {
            let mut names: Vec<&str> = entries.iter().map(|(k, _)| k.name.as_str()).collect();
            names.sort_unstable();
            names.windows(2).all(|w| w[0] != w[1])
        }
    }
}

/// A scalar's value, or `None` when YAML's finer rules decide its type.
fn scalar(text: Cow<'_, str>, style: ScalarStyle) -> Option<Value> {
    if style != ScalarStyle::Plain {
        return Some(Value::Str(text.into_owned()));
    }
    match &*text {
        "" | "~" | "null" => return Some(Value::Null),
        "true" => return Some(Value::Bool(true)),
        "false" => return Some(Value::Bool(false)),
        _ => {}
    }
    let t: &str = &text;
    // Other spellings of yes, no and nothing, and the special numbers.
    const WORDS: [&str; 12] = [
        "null", "true", "false", "yes", "no", "y", "n", "on", "off", "nan", "inf", "infinity",
    ];
    let word = t.trim_start_matches(['+', '-', '.']);
    if word.len() <= 8 && WORDS.iter().any(|w| word.eq_ignore_ascii_case(w)) {
        return None;
    }
    // No number, yes, no or nothing has a space in it.
    if t.contains(char::is_whitespace) {
        return Some(Value::Str(text.into_owned()));
    }
    let b = t.as_bytes();
    let whole = |s: &[u8]| {
        !s.is_empty() && s.iter().all(u8::is_ascii_digit) && (s.len() == 1 || s[0] != b'0')
    };
    let unsigned = b.strip_prefix(b"-").unwrap_or(b);
    if whole(unsigned) {
        // `-0` is a decimal to YAML's library.
        if t == "-0" {
            return None;
        }
        return t.parse().ok().map(Value::Int);
    }
    if let Some(dot) = unsigned.iter().position(|c| *c == b'.') {
        let (int, frac) = (&unsigned[..dot], &unsigned[dot + 1..]);
        if whole(int) && !frac.is_empty() && frac.iter().all(u8::is_ascii_digit) {
            return t.parse().ok().map(Value::Float);
        }
    }
    // A date such as 2025-11-03 is text.
    let date = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        });
    if date || b[0].is_ascii_alphabetic() {
        return Some(Value::Str(text.into_owned()));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::path::{Path, PathBuf};

    /// The same tree, value for value (decimals bit for bit) and position for position.
    fn same(a: &Node, b: &Node) -> bool {
        a.pos == b.pos
            && match (&a.value, &b.value) {
                (Value::Float(x), Value::Float(y)) => x.to_bits() == y.to_bits(),
                (Value::List(x), Value::List(y)) => {
                    x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
                }
                (Value::Map(x), Value::Map(y)) => {
                    x.len() == y.len()
                        && x.iter()
                            .zip(y)
                            .all(|((ka, a), (kb, b))| ka == kb && same(a, b))
                }
                (x, y) => x == y,
            }
    }

    /// Checks the fast path against the full reader on one text; true when the fast path took it.
    fn agrees(name: &str, text: &str) -> bool {
        let file = SourceFile::new(name, text);
        let Some(fast) = parse(&file) else {
            return false;
        };
        match super::super::read_in_full(&file) {
            Ok(slow) => assert!(same(&fast, &slow), "{name}: {fast:?}\n!=\n{slow:?}"),
            Err(e) => panic!("{name}: the fast path accepts what the full reader refuses: {e:?}"),
        }
        true
    }

    fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                yaml_files(&p, out);
            } else if p.extension().is_some_and(|x| x == "yaml" || x == "yml") {
                out.push(p);
            }
        }
    }

    #[test]
    fn every_yaml_file_in_the_project_reads_the_same() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in ["frameworks", "assessments", "tests", "fuzz"] {
            yaml_files(&root.join(dir), &mut files);
        }
        assert!(files.len() > 100, "{} files", files.len());
        let mut taken = 0;
        for path in &files {
            let Ok(bytes) = std::fs::read(path) else {
                continue;
            };
            let text = String::from_utf8_lossy(&bytes);
            taken += usize::from(agrees(&path.display().to_string(), &text));
        }
        assert!(taken > 50, "the fast path took only {taken} files");
        // The bundled frameworks and examples all take the fast path: that is what it is for.
        for dir in ["frameworks", "assessments"] {
            let mut files = Vec::new();
            yaml_files(&root.join(dir), &mut files);
            for path in files {
                let file = crate::load::read_source(&path).expect("readable");
                assert!(parse(&file).is_some(), "{} is read slowly", path.display());
            }
        }
    }

    /// Plain values whose type YAML decides, as a value, in a list and as a name.
    #[test]
    fn scalars_read_the_same() {
        let scalars = [
            "",
            "~",
            "null",
            "Null",
            "NULL",
            "true",
            "True",
            "TRUE",
            "false",
            "yes",
            "No",
            "y",
            "n",
            "on",
            "Off",
            "0",
            "1",
            "-1",
            "-0",
            "+1",
            "007",
            "-007",
            "0.5",
            "-0.5",
            "0.0",
            "-0.0",
            "00.5",
            "1.",
            ".5",
            "1.50",
            "1e5",
            "1E5",
            "1.5e-3",
            "0x1F",
            "0o17",
            "0b101",
            "1_000",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "18446744073709551616",
            "0.1000000000000000055511151231257827",
            "123456789012345678901234567890.5",
            ".inf",
            "-.inf",
            ".nan",
            "NaN",
            "inf",
            "2025-11-03",
            "2025-11-3",
            "2025-13-45",
            "2025-11-03T10:00:00",
            "12:30",
            "1:20:30",
            "1.0.0",
            "v1",
            "A1234BC",
            "hmp-example",
            "farmer-offer/visitor-centre",
            "a b",
            "87% of families",
            "12 months",
            "<<",
            "=",
            "-",
            "a:b",
            "é",
            "x#y",
            "'q'",
            "\"q\"",
            "!tag",
            "&a",
            "*a",
            "[1]",
            "{a: 1}",
            "|",
            ">",
        ];
        for s in scalars {
            for text in [
                format!("k: {s}\n"),
                format!("- {s}\n- 2\n"),
                format!("{s}: 1\nz: 2\n"),
                format!("k: [{s}, 1]\n"),
                format!("k: {{a: {s}}}\n"),
                format!("k: '{s}'\n"),
                format!("k: \"{s}\"\n"),
            ] {
                agrees(&format!("{text:?}"), &text);
            }
        }
        // The common cases do take the fast path.
        for text in [
            "k: 1\n",
            "k: -2\n",
            "k: 0.62\n",
            "k: 2025-11-03\n",
            "k: text\n",
        ] {
            assert!(agrees(text, text), "{text:?} is read slowly");
        }
    }

    #[test]
    fn unusual_files_are_left_to_the_full_reader() {
        for text in [
            "",
            "# only a comment\n",
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "base: &b {x: 1}\nc:\n  <<: *b\n",
            "%YAML 1.2\n---\na: 1\n",
            "a: 1\n---\nb: 2\n",
            "a: 1\na: 2\n",
            "? [a, b]\n: 1\n",
            "a: [1, 2\n",
            "a:\n\t- b\n",
            "1: x\n",
            "yes: x\n",
        ] {
            let file = SourceFile::new("t.yaml", text);
            assert!(
                parse(&file).is_none(),
                "{text:?} was not left to the full reader"
            );
        }
        let deep = format!(
            "{}1{}\n",
            "[".repeat(MAX_DEPTH + 1),
            "]".repeat(MAX_DEPTH + 1)
        );
        assert!(parse(&SourceFile::new("t.yaml", deep)).is_none());
        let many = "- 1\n".repeat(MAX_VALUES + 1);
        assert!(parse(&SourceFile::new("t.yaml", many)).is_none());
    }

    /// Small documents of every shape, built from values YAML reads in different ways.
    fn document() -> impl Strategy<Value = String> {
        let scalar = prop_oneof![
            prop::sample::select(vec![
                "1",
                "-3",
                "0.25",
                "007",
                "yes",
                "No",
                "null",
                "~",
                "true",
                "2025-01-02",
                "a b",
                "x",
                "1e3",
                "-0",
                "\"quoted\"",
                "'single'",
                "\"a\\nb\"",
                "",
                "é",
                "1.0.0",
            ])
            .prop_map(str::to_string),
            "[a-z0-9 .:#-]{0,12}",
        ];
        let leaf = scalar.prop_map(|s| format!(" {s}"));
        leaf.prop_recursive(4, 24, 4, |inner| {
            let key = prop::sample::select(vec!["a", "b", "c", "1", "yes", "k-1", "\"q\""]);
            prop_oneof![
                prop::collection::vec((key, inner.clone()), 1..4).prop_map(|entries| {
                    let mut s = String::from("\n");
                    for (k, v) in entries {
                        s.push_str(&format!("{k}:{}\n", v.replace('\n', "\n  ")));
                    }
                    s
                }),
                prop::collection::vec(inner, 1..4).prop_map(|items| {
                    let mut s = String::from("\n");
                    for v in items {
                        s.push_str(&format!("-{}\n", v.replace('\n', "\n  ")));
                    }
                    s
                }),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        #[test]
        fn generated_documents_read_the_same(doc in document()) {
            agrees(&format!("{doc:?}"), &format!("top:{}", doc.replace('\n', "\n  ")));
        }
    }
}
