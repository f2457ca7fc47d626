//! Texts and numbers written as YAML that reads back as exactly the same value.
//!
//! A text is written plain where YAML cannot take it for anything else, as a literal block
//! (`|`) where it has several lines that a block keeps unchanged, and otherwise in double
//! quotes with escapes; so quotes, `#`, `: `, leading `=`, `-` or `@`, Welsh and Gaelic letters,
//! tabs, control characters and lines of any length all come back as they went in. Which texts
//! may be written plain is YAML's reading rule, kept with the reader in `load::yaml::plain`.

use std::fmt::Write as _;

use crate::load::yaml::plain::{printable, writes_plain};

/// A text in double quotes, with every character that needs it escaped.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c == ' ' || (c > ' ' && c <= '~') || (c > '\u{a0}' && printable(c)) => out.push(c),
            c if (c as u32) <= 0xff => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if (c as u32) <= 0xffff => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08x}", c as u32);
            }
        }
    }
    out.push('"');
    out
}

/// A one-line value after `key: `.
pub fn inline(s: &str) -> String {
    if writes_plain(s, false) {
        s.to_string()
    } else {
        quoted(s)
    }
}

/// An entry of a `[...]` list.
pub fn in_flow(s: &str) -> String {
    if writes_plain(s, true) {
        s.to_string()
    } else {
        quoted(s)
    }
}

/// The value after `key:` (with its leading space): a literal block indented by `indent`
/// spaces for a text of several lines that a block keeps exactly, else a one-line value.
pub fn value(s: &str, indent: usize) -> String {
    if let Some(block) = block(s, indent) {
        return block;
    }
    format!(" {}", inline(s))
}

/// `|`, `|-` or `|+` and the lines, when a block reads back as exactly `s`.
fn block(s: &str, indent: usize) -> Option<String> {
    let body = s.trim_end_matches('\n');
    let trailing = s.len() - body.len();
    if !body.contains('\n') || body.is_empty() {
        return None;
    }
    let clean = body.chars().all(|c| {
        c == '\n'
            || c == '\t'
            || c == ' '
            || (c > ' ' && c <= '~')
            || (c > '\u{a0}' && printable(c))
    });
    // A line of spaces alone, or a first line starting with a space, would not read back the
    // same; nor would a tab before a line's text.
    let lines_ok = body
        .split('\n')
        .all(|l| l.is_empty() || !l.trim().is_empty())
        && !body.starts_with([' ', '\t'])
        && !body.split('\n').any(|l| l.starts_with('\t'));
    if !clean || !lines_ok {
        return None;
    }
    let chomp = match trailing {
        0 => "-",
        1 => "",
        _ => "+",
    };
    let pad = " ".repeat(indent);
    let mut out = format!(" |{chomp}\n");
    for line in s.strip_suffix('\n').unwrap_or(s).split('\n') {
        if line.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "{pad}{line}");
        }
    }
    // `split` gave the lines of `s` less its last newline; the newline of each line is written.
    out.pop();
    Some(out)
}

/// A number as YAML reads it back bit for bit: `412`, `0.45`.
pub fn number(v: f64) -> String {
    if v.is_finite() {
        let s = format!("{v}");
        if v.fract() == 0.0 && !s.contains('e') && v.abs() < 1e15 {
            format!("{v:.0}")
        } else {
            s
        }
    } else if v.is_nan() {
        ".nan".into()
    } else if v > 0.0 {
        ".inf".into()
    } else {
        "-.inf".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::source::SourceFile;
    use crate::load::node::Value;

    /// What YAML reads back from `key:` followed by `written`.
    fn read_back(written: &str) -> Value {
        let text = format!("a:{written}\nb: 1\n");
        let node = crate::load::parse(&SourceFile::new("t.yaml", text.clone()))
            .unwrap_or_else(|d| panic!("{text:?}: {}", d.message));
        match node.value {
            Value::Map(mut entries) => entries.remove(0).1.value,
            _ => panic!("not a group"),
        }
    }

    #[test]
    fn every_text_reads_back_unchanged() {
        let texts = [
            "plain words",
            "=SUM(A1:A9)",
            "+44 20 7946 0000",
            "-5 visits",
            "@home",
            "yes",
            "No",
            "null",
            "~",
            "3",
            "0.5",
            "1e3",
            ".inf",
            "2025-10-14",
            "2025-13-45",
            "key: value",
            "a # not a comment",
            "ends with colon:",
            "\"quoted\" and 'single'",
            "back\\slash",
            "Ysgol Gymraeg: ŵ ŷ â ê î ô û, Gàidhlig: à è ì ò ù",
            " leading space",
            "trailing space ",
            "tab\there",
            "line one\nline two",
            "line one\nline two\n",
            "line one\n\nline three\n\n\n",
            "  indented first line\nsecond",
            "first\n   \nwith a line of spaces",
            "\ttab first\nsecond",
            "first\n\ttab second",
            "windows\r\nline ends",
            "zero width\u{200b}space\u{feff}",
            "line\u{2028}separator",
            "emoji 😀 and ünïcödé",
            "- a list?\n- no, a narrative\n",
            "# a heading\n\n**bold** and [a link](https://example.org)\n",
            "",
            " ",
            "\n",
        ];
        for t in texts {
            let v = read_back(&value(t, 4));
            let expected = if t.is_empty() {
                Value::Str(String::new())
            } else {
                Value::Str(t.to_string())
            };
            assert_eq!(v, expected, "{t:?} written as {:?}", value(t, 4));
            match read_back(&format!(" [{}]", in_flow(t))) {
                Value::List(items) => assert_eq!(items[0].value, expected, "{t:?} in a list"),
                other => panic!("{t:?} in a list: {other:?}"),
            }
        }
        let long = "x".repeat(10_000);
        assert_eq!(read_back(&value(&long, 4)), Value::Str(long));
    }

    /// Control characters, which `ties` refuses when it reads a file back, are written escaped,
    /// never as they are, so the file stays a text file and shows where they are.
    #[test]
    fn control_characters_are_written_escaped() {
        for t in [
            "bell\u{7} and escape\u{1b}[2J",
            "zero\u{0}byte",
            "next\u{85}line",
        ] {
            for written in [value(t, 4), in_flow(t)] {
                assert!(
                    !written.chars().any(|c| c.is_control() && c != '\n'),
                    "{t:?} written as {written:?}"
                );
            }
        }
        assert_eq!(inline("bell\u{7}"), "\"bell\\x07\"");
    }

    #[test]
    fn numbers_read_back_bit_for_bit() {
        for v in [0.0, 412.0, 0.45, 0.1 + 0.2, 1e21, 123456.789, 1e-7, -3.0] {
            match read_back(&format!(" {}", number(v))) {
                Value::Int(i) => assert_eq!(i as f64, v),
                Value::Float(f) => assert_eq!(f.to_bits(), v.to_bits(), "{v}"),
                other => panic!("{v}: {other:?}"),
            }
        }
    }
}
