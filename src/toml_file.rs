//! Reading TOML framework files into the same located tree as YAML.

use toml::de::{DeTable, DeValue};

use crate::diag::Diagnostic;
use crate::node::{Key, Node, Value};
use crate::source::{Pos, SourceFile};

pub fn parse(file: &SourceFile) -> Result<Node, Diagnostic> {
    let text = file.text.strip_prefix('\u{feff}').unwrap_or(&file.text);
    let offset = file.text.len() - text.len();
    match DeTable::parse(text) {
        Ok(table) => {
            let pos = file.pos_of_offset(offset + table.span().start);
            Ok(Node {
                pos,
                value: convert_table(file, offset, table.get_ref()),
            })
        }
        Err(e) => {
            let pos = e
                .span()
                .map_or(Pos::FILE, |s| file.pos_of_offset(offset + s.start));
            Err(Diagnostic::error(
                &file.path,
                pos,
                format!("this is not valid TOML: {}", e.message().trim()),
            ))
        }
    }
}

fn convert_table(file: &SourceFile, offset: usize, table: &DeTable<'_>) -> Value {
    Value::Map(
        table
            .iter()
            .map(|(k, v)| {
                let key = Key {
                    name: k.get_ref().to_string(),
                    pos: file.pos_of_offset(offset + k.span().start),
                };
                let node = Node {
                    pos: file.pos_of_offset(offset + v.span().start),
                    value: convert(file, offset, v.get_ref()),
                };
                (key, node)
            })
            .collect(),
    )
}

fn convert(file: &SourceFile, offset: usize, value: &DeValue<'_>) -> Value {
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
                    pos: file.pos_of_offset(offset + v.span().start),
                    value: convert(file, offset, v.get_ref()),
                })
                .collect(),
        ),
        DeValue::Table(t) => convert_table(file, offset, t),
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
