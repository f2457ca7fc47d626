//! Line endings. `ties` ends a line at a line feed, as Linux, macOS and (after a carriage return)
//! Windows do, everywhere: in the line numbers of its messages, the lines it quotes, and the
//! places the YAML and TOML readers report. A carriage return on its own ended lines in Mac
//! programs before 2001, and still comes in text pasted from some old programs. YAML counts it
//! as a line break, TOML refuses it, and editors differ; so a file with one is refused before
//! it is parsed, at the first one, and the readers never see one. Their line numbers and the
//! ones `ties` shows then always agree.

use crate::diag::Diagnostic;
use crate::diag::source::{Pos, SourceFile};

/// The problem with a file that has a carriage return not followed by a line feed, placed at
/// the first one.
pub fn lone_carriage_return(file: &SourceFile) -> Option<Diagnostic> {
    let bytes = file.text.as_bytes();
    let mut lone = file
        .text
        .match_indices('\r')
        .map(|(i, _)| i)
        .filter(|i| bytes.get(i + 1) != Some(&b'\n'));
    let first = lone.next()?;
    let more = lone.count();
    let mut pos = file.pos_of_offset(first);
    // Columns on the first line are counted after a byte-order mark, as the readers count them.
    if pos.line == 1 && file.text.starts_with('\u{feff}') {
        pos = Pos::new(1, pos.col - 1);
    }
    let found = match more {
        0 => "a carriage return alone (shown as `␍`)".to_string(),
        1 => "a carriage return alone (shown as `␍`), here and once more".to_string(),
        n => format!("a carriage return alone (shown as `␍`), here and {n} more times"),
    };
    Some(
        Diagnostic::error(
            &file.path,
            pos,
            "a line ends here with a carriage return alone, a line ending from an old Mac program",
        )
        .expected(
            "lines that end with a line feed (Linux and macOS), or a carriage return and a line \
             feed (Windows)",
        )
        .found(found)
        .help(
            "save the file again with Windows or Unix line endings (most editors offer this in \
             Save As, or in the status bar); ties cannot tell where this line ends until then",
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse;

    fn problem(name: &str, text: &str) -> Diagnostic {
        parse(&SourceFile::new(name, text)).unwrap_err()
    }

    /// A lone carriage return anywhere (in a comment, a value, quoted text, a block of text,
    /// at the end of the file) is reported where it is, in YAML and TOML, and lines before it
    /// count the same whether they end as in Windows or as in Linux.
    #[test]
    fn a_lone_carriage_return_is_refused_where_it_is() {
        let cases = [
            (
                "# A fictional establishment\r, not a real prison.\nties: 1\n",
                (1, 28),
            ),
            (
                "ties: 1\nestablishment:\n  id: hmp-x\r  name: HMP X\n",
                (3, 12),
            ),
            (
                "ties: 1\r\nestablishment:\r\n  id: hmp-x\r  name: HMP X\r\n",
                (3, 12),
            ),
            ("ties: 1\rframeworks: [farmer-offer]\ryear: 2025\r", (1, 8)),
            ("a:\n  - x\n\r  - y\n", (3, 1)),
            ("a: \"x\r y\"\n", (1, 6)),
            ("a: |\n  x\r  y\n", (2, 4)),
            ("a: 1\r", (1, 5)),
            ("\u{feff}a: 1\rb: 2\n", (1, 5)),
        ];
        for (text, place) in cases {
            for name in ["t.yaml", "t.toml"] {
                let e = problem(name, text);
                assert_eq!((e.line, e.column), place, "{name} {text:?}: {e:?}");
                assert!(e.message.contains("old Mac program"), "{e:?}");
            }
        }
        let e = problem("t.yaml", "a: 1\rb: 2\rc: 3\r\nd: 4\r");
        assert_eq!(
            e.found.as_deref(),
            Some("a carriage return alone (shown as `␍`), here and 2 more times")
        );
    }

    /// Windows line endings are line endings: the readers place values on the lines `ties`
    /// counts and quotes.
    #[test]
    fn windows_line_endings_count_as_one() {
        let text = "a: 1\r\nb:\r\n  - x\r\n  - \"y\"\r\nc: |\r\n  z\r\nd: 4\r\n";
        let file = SourceFile::new("t.yaml", text);
        let node = parse(&file).unwrap();
        let crate::load::node::Value::Map(entries) = &node.value else {
            panic!("not a group")
        };
        for (key, _) in entries {
            let line = file.line(key.pos.line).unwrap();
            assert!(line.starts_with(&*key.name), "{key:?} on {line:?}");
        }
        assert_eq!(entries[3].0.pos, Pos::new(7, 1));
        assert!(lone_carriage_return(&SourceFile::new("t.yaml", text)).is_none());
    }
}
