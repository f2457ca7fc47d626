//! Reading TOML framework files into the same located tree as YAML.

use toml::de::{DeTable, DeValue};

use crate::diag::Diagnostic;
use crate::diag::source::{Pos, SourceFile};
use crate::load::node::{Key, Node, Value};
use crate::load::yaml::{MAX_DEPTH, MAX_VALUES};

pub fn parse(file: &SourceFile) -> Result<Node, Diagnostic> {
    // Positions are counted in the text after any byte-order mark, as for YAML: a mark is
    // invisible, and counting it would put every column on the first line one too far right.
    let text = file.text.strip_prefix('\u{feff}').unwrap_or(&file.text);
    let file = &SourceFile::new(file.path.clone(), text);
    // The TOML library builds its whole tree before `ties` can look at it, at about 150 bytes a
    // value: a file is refused before that if it could hold more values than a YAML file may.
    match beyond_limits(text) {
        Some((offset, Limit::Values)) => {
            return Err(Diagnostic::error(
                &file.path,
                file.pos_of_offset(offset),
                "the file holds more values than ties reads from one file",
            )
            .expected(format!(
                "at most {MAX_VALUES} values (fields, list entries and pieces of text)"
            ))
            .help("split it into smaller files"));
        }
        Some((offset, Limit::Depth)) => return Err(too_deep(file, file.pos_of_offset(offset))),
        None => {}
    }
    match DeTable::parse(text) {
        Ok(table) => {
            let pos = file.pos_of_offset(table.span().start);
            Ok(Node {
                pos,
                value: convert_table(file, table.get_ref(), 1)?,
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
        "cannot recurse further; max recursion depth met" => too_deep(file, pos),
        "unclosed table" => d("this `[heading]` is not closed with `]`"),
        "unclosed array table" => d("this `[[heading]]` is not closed with `]]`"),
        _ => d(&format!("this is not valid TOML: {message}")),
    }
}

/// Lists and tables nested more deeply than `MAX_DEPTH`, the same limit as for YAML. (The TOML
/// library stops a little deeper on its own, with the same message.)
fn too_deep(file: &SourceFile, pos: Pos) -> Diagnostic {
    Diagnostic::error(&file.path, pos, "the file is nested too deeply")
        .expected(format!(
            "at most {MAX_DEPTH} levels of tables and lists inside each other (a real file needs fewer than ten)"
        ))
        .help("check that each `[` is closed with `]` and each `{` with `}`")
}

enum Limit {
    Values,
    Depth,
}

/// Where the text first breaks a limit, found in one pass before the TOML library reads it:
/// a count of the places a value can start (`=`, `,`, `[` or `{`, outside text and comments)
/// passing `MAX_VALUES`, an upper bound on the number of values; or brackets nested more than
/// `MAX_DEPTH` deep.
fn beyond_limits(text: &str) -> Option<(usize, Limit)> {
    let b = text.as_bytes();
    let mut count = 0usize;
    let mut depth = 0usize;
    // Whether only spaces have come since the start of the line, and whether the line is a table
    // heading such as `[[sections]]`, whose brackets do not nest.
    let mut line_start = true;
    let mut heading = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'\n' {
            line_start = true;
            heading = false;
        } else if c != b' ' && c != b'\t' {
            heading = heading || (line_start && c == b'[' && depth == 0);
            line_start = false;
        }
        match c {
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            q @ (b'"' | b'\'') => {
                let triple = b[i..].starts_with(&[q, q, q]);
                i += if triple { 3 } else { 1 };
                while i < b.len() {
                    if q == b'"' && b[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if !triple && b[i] == b'\n' {
                        break;
                    }
                    if b[i] == q && (!triple || b[i..].starts_with(&[q, q, q])) {
                        i += if triple { 2 } else { 0 };
                        break;
                    }
                    i += 1;
                }
            }
            b',' | b'=' | b'[' | b'{' => {
                count += 1;
                if count > MAX_VALUES {
                    return Some((i, Limit::Values));
                }
                if (c == b'[' || c == b'{') && !heading {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Some((i, Limit::Depth));
                    }
                }
            }
            b']' | b'}' if !heading => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

fn convert_table(
    file: &SourceFile,
    table: &DeTable<'_>,
    depth: usize,
) -> Result<Value, Diagnostic> {
    let mut entries = Vec::with_capacity(table.len());
    for (k, v) in table.iter() {
        let key = Key {
            name: k.get_ref().to_string(),
            pos: file.pos_of_offset(k.span().start),
        };
        let pos = file.pos_of_offset(v.span().start);
        let node = Node {
            pos,
            value: convert(file, v.get_ref(), pos, depth + 1)?,
        };
        entries.push((key, node));
    }
    Ok(Value::Map(entries))
}

fn convert(
    file: &SourceFile,
    value: &DeValue<'_>,
    pos: Pos,
    depth: usize,
) -> Result<Value, Diagnostic> {
    if depth > MAX_DEPTH && matches!(value, DeValue::Array(_) | DeValue::Table(_)) {
        return Err(too_deep(file, pos));
    }
    Ok(match value {
        DeValue::String(s) => Value::Str(s.to_string()),
        DeValue::Integer(i) => {
            let digits: String = i.as_str().chars().filter(|c| *c != '_').collect();
            let digits = digits
                .trim_start_matches("0x")
                .trim_start_matches("0o")
                .trim_start_matches("0b");
            match i64::from_str_radix(digits, i.radix()) {
                Ok(n) => Value::Int(n),
                // Too large for a whole number: kept as a number, so the message says so.
                Err(_) => digits
                    .parse::<f64>()
                    .map_or_else(|_| Value::Str(i.as_str().to_string()), Value::Float),
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
        DeValue::Array(items) => {
            let mut list = Vec::with_capacity(items.len());
            for v in items.iter() {
                let pos = file.pos_of_offset(v.span().start);
                list.push(Node {
                    pos,
                    value: convert(file, v.get_ref(), pos, depth + 1)?,
                });
            }
            Value::List(list)
        }
        DeValue::Table(t) => convert_table(file, t, depth)?,
    })
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
    fn limits_are_found_before_parsing() {
        let deep = format!(
            "a = {}{}\n",
            "[".repeat(MAX_DEPTH + 1),
            "]".repeat(MAX_DEPTH + 1)
        );
        assert!(matches!(beyond_limits(&deep), Some((_, Limit::Depth))));
        let ok = format!("a = {}{}\n", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(beyond_limits(&ok).is_none());
        // Table headings, and brackets in text or comments, do not nest.
        let text = format!(
            "[[sections]]\nx = \"{}\" # {}\ny = '''{}'''\n[[sections]]\n",
            "[".repeat(100),
            "[".repeat(100),
            "{".repeat(100)
        );
        assert!(beyond_limits(&text).is_none());
        let many = format!("a = [{}1]\n", "1, ".repeat(MAX_VALUES));
        assert!(matches!(beyond_limits(&many), Some((_, Limit::Values))));
        let e = parse(&SourceFile::new("t.toml", deep)).unwrap_err();
        assert_eq!((e.line, e.column), (1, "a = ".len() + MAX_DEPTH + 1));
        assert!(e.expected.unwrap().contains(&MAX_DEPTH.to_string()));
    }

    #[test]
    fn syntax_errors_have_a_place() {
        let e = parse(&SourceFile::new("t.toml", "a = 1\nb = \n")).unwrap_err();
        assert_eq!(e.line, 2);
    }
}
