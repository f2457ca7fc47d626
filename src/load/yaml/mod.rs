//! Reading YAML. `serde-saphyr`, the library `ties` reads YAML with, is named only in this
//! folder, and its errors are read only in `mistake`:
//!
//! - `limits`: the limits that keep a hostile file from exhausting memory or time, the
//!   library's settings that enforce them, and the message for a file that breaks one;
//! - `tree`: the located tree, built through serde by the library's full reader, which rejects
//!   duplicate names and enforces the limits;
//! - `fast`: the same tree straight from the parser's events, for the plain files `ties` sees
//!   every day; anything unusual goes to the full reader;
//! - `quick`: the same tree again, read line by line, for the part of YAML a self-assessment
//!   uses as `ties` writes it and people edit it; anything else goes to the fast path;
//! - `plain`: what a value written without quotes reads as, which the fast path reads by and
//!   the YAML writer writes by;
//! - `header`: a self-assessment's year and establishment, told from its lines without parsing
//!   it, so that the estate need not parse the files it will not show;
//! - `agree`: the checks that the quick and fast paths and the header agree with the full reader, which
//!   the tests and the fuzz targets run;
//! - `mistake`: the library's structured error, read into what went wrong;
//! - `syntax`: what went wrong, in plain words, at the mistake itself;
//! - `place`: finding the mistake itself in the text (an unclosed bracket, a tab...).

#[doc(hidden)]
pub mod agree;
mod fast;
pub mod header;
mod limits;
mod mistake;
mod place;
pub mod plain;
mod quick;
mod syntax;
mod tree;

pub use limits::{MAX_ALIAS_COPIES, MAX_DEPTH, MAX_NAME_CHARS, MAX_VALUES};

use crate::diag::Diagnostic;
use crate::diag::source::{Pos, SourceFile};
use crate::load::node::{Node, Value};

/// What to do with a file that has nothing in it.
const EMPTY_HELP: &str = "start an assessment with `ties init`, or copy one of the example frameworks, assessments or registers";

/// The lines of `text`: the pieces `text.split('\n')` gives, found with a vectorised search.
/// Splitting with `str::split` was most of the time of the look at the first lines of an
/// estate's files (`header`), at a few hundred instructions a line.
fn split_lines(text: &str) -> Vec<&str> {
    let mut out = Vec::with_capacity(text.len() / 32 + 1);
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', text.as_bytes()) {
        out.push(&text[start..end]);
        start = end + 1;
    }
    out.push(&text[start..]);
    out
}

/// Reads a YAML file into a tree of located values, and tells whether the tree's texts and
/// names are certain to hold no character that `load::characters` refuses: the quick path read
/// the file (which holds no raw control character but line feeds, or it would not), the file
/// has no `\u` escape (the one escape the quick path reads that can make another character),
/// and no character of the file is one that cannot be seen or a control character.
pub fn parse(file: &SourceFile) -> Result<(Node, bool), Diagnostic> {
    if let Some(node) = quick::parse(file) {
        let text = &file.text;
        let plain = memchr::memmem::find(text.as_bytes(), b"\\u").is_none()
            && !crate::load::characters::holds_refusable(text);
        return Ok((node, plain));
    }
    match fast::parse(file) {
        Some(node) => Ok((node, false)),
        None => read_in_full(file).map(|node| (node, false)),
    }
}

/// Reads a file with every check of the library, and explains what is wrong with it.
fn read_in_full(file: &SourceFile) -> Result<Node, Diagnostic> {
    let text = file.text.strip_prefix('\u{feff}').unwrap_or(&file.text);
    if text.trim().is_empty() {
        return Err(Diagnostic::error(&file.path, Pos::FILE, "the file is empty").help(EMPTY_HELP));
    }
    match serde_saphyr::from_str_with_options::<tree::YamlNode>(text, limits::options()) {
        Ok(node) if node.0.value == Value::Null => Err(Diagnostic::error(
            &file.path,
            Pos::FILE,
            "the file has nothing in it but comments",
        )
        .help(EMPTY_HELP)),
        Ok(node) => Ok(node.0),
        Err(e) => Err(syntax::explain(file, &mistake::read(&e))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_the_pieces_between_line_feeds() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "a\nb",
            "\n\na\n\nb\r\n",
            "é\n’\n",
            "x\n\n",
        ] {
            let by_split: Vec<&str> = text.split('\n').collect();
            assert_eq!(split_lines(text), by_split, "{text:?}");
        }
    }

    fn parse_str(text: &str) -> Result<Node, Diagnostic> {
        parse(&SourceFile::new("t.yaml", text)).map(|(node, _)| node)
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
        assert!(e.message.contains("given twice"), "{}", e.message);
        assert_eq!(e.line, 3);
    }

    #[test]
    fn syntax_errors_have_a_place() {
        let e = parse_str("a: [1, 2\nb: 3\n").unwrap_err();
        assert!(e.line > 0, "{e:?}");
    }

    #[test]
    fn syntax_errors_point_at_the_mistake() {
        // An unclosed list is reported where it opens, not where the parser gave up.
        let e = parse_str("a:\n  b: [x, y\n  c: 1\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 6), "{e:?}");
        assert!(e.message.contains("never closed"), "{}", e.message);
        // A tab is reported on its own line.
        let e = parse_str("a:\n  b: 1\n\tc: 2\n").unwrap_err();
        assert_eq!((e.line, e.column), (3, 1), "{e:?}");
        // A key given twice says where it was first given, without the library's advice.
        let e = parse_str("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!(e.help.as_deref().map(|h| h.contains("line 1")), Some(true));
        assert!(!format!("{e:?}").contains("DuplicateKeyPolicy"));
        // A value that starts with a reserved character is to be quoted.
        let e = parse_str("a: ,b\n").unwrap_err();
        assert!(e.message.contains("`,`"), "{e:?}");
        assert_eq!(
            e.help.as_deref(),
            Some("put the value in double quotes: `\",b\"`")
        );
        // Text with a second `: ` is to be quoted.
        let e = parse_str("text: Note: this\n").unwrap_err();
        assert_eq!(
            e.help.as_deref(),
            Some("put the text in quotes: `text: \"Note: this\"`")
        );
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
