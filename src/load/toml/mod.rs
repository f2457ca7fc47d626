//! Reading TOML framework files into the same located tree as YAML: `limits` holds a file to
//! the limits before the TOML library reads it, `syntax` puts the library's messages in plain
//! words.

mod limits;
mod syntax;

use toml::de::{DeTable, DeValue};

use crate::diag::Diagnostic;
use crate::diag::source::{Pos, SourceFile};
use crate::load::node::{Key, Node, Value};
use crate::load::yaml::MAX_DEPTH;

/// Reads a TOML file into a tree of located values.
pub fn parse(file: &SourceFile) -> Result<Node, Diagnostic> {
    // Positions are counted in the text after any byte-order mark, as for YAML: a mark is
    // invisible, and counting it would put every column on the first line one too far right.
    let text = file.text.strip_prefix('\u{feff}').unwrap_or(&file.text);
    let file = &SourceFile::new(file.path.clone(), text);
    limits::check(file)?;
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
            Err(syntax::explain(file, pos, e.message()))
        }
    }
}

fn convert_table(
    file: &SourceFile,
    table: &DeTable<'_>,
    depth: usize,
) -> Result<Value, Diagnostic> {
    let mut entries = Vec::with_capacity(table.len());
    for (k, v) in table.iter() {
        let key = Key {
            name: k.get_ref().to_string().into(),
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
        return Err(limits::too_deep(file, pos));
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
                .map(|(k, _)| k.name.as_ref())
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
