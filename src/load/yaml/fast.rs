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

use super::{limits, plain};
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
                        name: name.into(),
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

pub(super) fn unique_names(entries: &[(Key, Node)]) -> bool {
    match entries.len() {
        0 | 1 => true,
        2..=8 => entries
            .iter()
            .enumerate()
            .all(|(i, (k, _))| entries[..i].iter().all(|(e, _)| e.name != k.name)),
        _ => {
            let mut names: Vec<&str> = entries.iter().map(|(k, _)| k.name.as_ref()).collect();
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
    plain::value(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::path::{Path, PathBuf};

    /// Checks the fast path, and the quick path, against the full reader on one text; true when
    /// the fast path took it.
    fn agrees(name: &str, text: &str) -> bool {
        super::super::agree::quick_path(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        super::super::agree::fast_path(text).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    /// The bundled frameworks and examples all take the fast path: that is what it is for.
    /// (`agree` checks that it reads every YAML file in the project as the full reader does.)
    #[test]
    fn the_bundled_files_take_the_fast_path() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in ["frameworks", "assessments"] {
            let mut files = Vec::new();
            yaml_files(&root.join(dir), &mut files);
            assert!(!files.is_empty(), "no files in {dir}");
            for path in files {
                let bytes = std::fs::read(&path).expect("readable");
                let file = crate::load::source_from_bytes(&path, bytes).expect("UTF-8");
                assert!(parse(&file).is_some(), "{} is read slowly", path.display());
            }
        }
    }

    fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).expect("a folder").flatten() {
            let p = e.path();
            if p.is_dir() {
                yaml_files(&p, out);
            } else if p.extension().is_some_and(|x| x == "yaml") {
                out.push(p);
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
