//! Reading TOML framework files into the same located tree as YAML.

use toml::de::{DeTable, DeValue};

use crate::diag::Diagnostic;
use crate::node::{Key, Node, Value};
use crate::source::{Pos, SourceFile};

pub fn parse(file: &SourceFile) -> Result<Node, Diagnostic> {
    // Positions are counted in the text after any byte-order mark, as for YAML: a mark is
    // invisible, and counting it would put every column on the first line one too far right.
    let text = file.text.strip_prefix('\u{feff}').unwrap_or(&file.text);
    let file = &SourceFile::new(file.path.clone(), text);
    match DeTable::parse(text) {
        Ok(table) => {
            let pos = file.pos_of_offset(table.span().start);
            Ok(Node {
                pos,
                value: convert_table(file, table.get_ref()),
            })
        }
        Err(e) => {
            let pos = e.span().map_or(Pos::FILE, |s| file.pos_of_offset(s.start));
            Err(syntax_error(file, pos, e.message()))
        }
    }
}

/// The TOML library's message in plain words, with a suggestion for the common mistakes.
fn syntax_error(file: &SourceFile, pos: Pos, raw: &str) -> Diagnostic {
    // The library adds what its grammar expected ("expected literal string"): not for readers.
    let message = raw.trim().split(", expected").next().unwrap_or(raw).trim();
    let line = file.line(pos.line).unwrap_or("");
    let d = |text: &str| Diagnostic::error(&file.path, pos, text.to_string());
    match message {
        "string values must be quoted" => {
            let (key, value) = line.split_once('=').unwrap_or(("name", line));
            let value = value.split(" #").next().unwrap_or(value).trim();
            d("text must be in double quotes in a TOML file")
                .expected(format!("`\"{}\"`", value.replace('"', "'")))
                .found(format!("`{value}`"))
                .help(format!(
                    "write `{} = \"{}\"`",
                    key.trim(),
                    value.replace('"', "'")
                ))
        }
        "duplicate key" => d("this name is given twice in the same table")
            .help("keep one of them and remove the other"),
        "unclosed array" => {
            d("this list is opened with `[` but never closed").help("add `]` after the last entry")
        }
        "unclosed inline table" => d("this group is opened with `{` but never closed")
            .help("add `}` after the last entry, on the same line"),
        "missing comma between array elements" => {
            d("a comma is missing between two entries of a list")
        }
        "missing comma between key-value pairs" => {
            d("a comma is missing between two fields of a `{ ... }` group")
        }
        "missing value" | "missing value for key" | "key with no value" => {
            d("a name has no value after its `=`")
                .help("give a value after `=`, such as `weight = 1` or `title = \"...\"`")
        }
        "unexpected key or value" | "unexpected content" => d(
            "something follows the value on this line",
        )
        .help("put one `name = value` on each line; text goes inside one pair of double quotes"),
        "missing assignment between key-value pairs" => {
            d("a `=` is missing between a name and its value")
        }
        "unclosed table" => d("this `[heading]` is not closed with `]`"),
        "unclosed array table" => d("this `[[heading]]` is not closed with `]]`"),
        _ => d(&format!("this is not valid TOML: {message}")),
    }
}

fn convert_table(file: &SourceFile, table: &DeTable<'_>) -> Value {
    Value::Map(
        table
            .iter()
            .map(|(k, v)| {
                let key = Key {
                    name: k.get_ref().to_string(),
                    pos: file.pos_of_offset(k.span().start),
                };
                let node = Node {
                    pos: file.pos_of_offset(v.span().start),
                    value: convert(file, v.get_ref()),
                };
                (key, node)
            })
            .collect(),
    )
}

fn convert(file: &SourceFile, value: &DeValue<'_>) -> Value {
    match value {
        DeValue::String(s) => Value::Str(s.to_string()),
        DeValue::Integer(i) => {
            let digits: String = i.as_str().chars().filter(|c| *c != '_').collect();
            let digits = digits
                .trim_start_matches("0x")
                .trim_start_matches("0o")
                .trim_start_matches("0b");
            match i64::from_str_radix(digits, i.radix()) {
                Ok(n) => Value::Int(n),
                Err(_) => Value::Str(i.as_str().to_string()),
            }
        }
        DeValue::Float(f) => {
            let digits: String = f.as_str().chars().filter(|c| *c != '_').collect();
            digits
                .parse::<f64>()
                .map_or_else(|_| Value::Str(f.as_str().to_string()), Value::Float)
        }
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::Datetime(d) => Value::Str(d.to_string()),
        DeValue::Array(items) => Value::List(
            items
                .iter()
                .map(|v| Node {
                    pos: file.pos_of_offset(v.span().start),
                    value: convert(file, v.get_ref()),
                })
                .collect(),
        ),
        DeValue::Table(t) => convert_table(file, t),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_and_arrays_become_nodes() {
        let f = SourceFile::new(
            "t.toml",
            "id = \"x\"\n[[sections]]\nid = \"s\"\nweight = 2\n",
        );
        let node = parse(&f).unwrap();
        let Value::Map(entries) = &node.value else {
            panic!()
        };
        assert_eq!(
            entries
                .iter()
                .map(|(k, _)| k.name.as_str())
                .collect::<Vec<_>>(),
            ["id", "sections"]
        );
        assert_eq!(entries[0].1.pos, Pos::new(1, 6));
    }

    #[test]
    fn syntax_errors_have_a_place() {
        let e = parse(&SourceFile::new("t.toml", "a = 1\nb = \n")).unwrap_err();
        assert_eq!(e.line, 2);
    }
}
