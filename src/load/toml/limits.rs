//! The limits a TOML file is held to before the TOML library reads it, and the messages for a
//! file that breaks one. The library builds its whole tree before `ties` can look at it, at
//! about 150 bytes a value, and stops on deep nesting and long dotted names without saying where;
//! one pass over the text finds these first, and says where.

use crate::diag::Diagnostic;
use crate::diag::source::{Pos, SourceFile};
use crate::load::yaml::{MAX_DEPTH, MAX_VALUES};

/// The file's problem if it breaks a limit: more values than a YAML file may hold, brackets
/// nested too deeply, or a name of too many parts.
pub fn check(file: &SourceFile) -> Result<(), Diagnostic> {
    let Some((offset, limit)) = beyond_limits(&file.text) else {
        return Ok(());
    };
    let pos = file.pos_of_offset(offset);
    Err(match limit {
        Limit::Values => Diagnostic::error(
            &file.path,
            pos,
            "the file holds more values than ties reads from one file",
        )
        .expected(format!(
            "at most {MAX_VALUES} values (fields, list entries and pieces of text)"
        ))
        .help("split it into smaller files"),
        Limit::Depth => too_deep(file, pos),
        Limit::LongName => long_name(file, pos, parts_of_name(&file.text[offset..])),
    })
}

/// A dotted name of more than `MAX_DEPTH` parts.
fn long_name(file: &SourceFile, pos: Pos, parts: usize) -> Diagnostic {
    Diagnostic::error(
        &file.path,
        pos,
        format!("this name is split by `.` into more than {MAX_DEPTH} parts"),
    )
    .expected(format!(
        "at most {MAX_DEPTH} parts: each `.` in a name puts a table inside the one before, \
         and tables go at most {MAX_DEPTH} deep"
    ))
    .found(format!("{parts} parts"))
    .help(
        "a name in a framework file has one to three parts, such as `source.url`; \
         text with dots in it belongs after `=`, in double quotes",
    )
}

/// How many parts the dotted name at the start of `text` has.
fn parts_of_name(text: &str) -> usize {
    let mut parts = 1;
    let mut quote = None;
    for c in text.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '.') => parts += 1,
            (None, '=' | ']' | '\n') => break,
            _ => {}
        }
    }
    parts
}

/// Lists and tables nested more deeply than `MAX_DEPTH`, the same limit as for YAML. (The TOML
/// library stops a little deeper on its own, with the same message.)
pub fn too_deep(file: &SourceFile, pos: Pos) -> Diagnostic {
    Diagnostic::error(&file.path, pos, "the file is nested too deeply")
        .expected(format!(
            "at most {MAX_DEPTH} levels of tables and lists inside each other (a real file needs fewer than ten)"
        ))
        .help("check that each `[` is closed with `]` and each `{` with `}`")
}

enum Limit {
    Values,
    Depth,
    /// A dotted name (`a.b.c = 1`, `[a.b.c]`) of more than `MAX_DEPTH` parts.
    LongName,
}

/// Where the text first breaks a limit, found in one pass before the TOML library reads it:
/// a count of the places a value can start (`=`, `,`, `[` or `{`, outside text and comments)
/// passing `MAX_VALUES`, an upper bound on the number of values; brackets nested more than
/// `MAX_DEPTH` deep; or a name with more than `MAX_DEPTH` parts, each of which is a table inside
/// the one before (where the name starts). The library refuses a name of more than 80 parts
/// without saying where.
fn beyond_limits(text: &str) -> Option<(usize, Limit)> {
    let b = text.as_bytes();
    let mut count = 0usize;
    // The `[` and `{` of values still open, innermost last.
    let mut open: Vec<u8> = Vec::new();
    // Whether only spaces have come since the start of the line, and whether the line is a table
    // heading such as `[[sections]]`, whose brackets do not nest.
    let mut line_start = true;
    let mut heading = false;
    let mut name = Name::default();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'\n' {
            line_start = true;
            heading = false;
            name.end_of_line();
        } else if c != b' ' && c != b'\t' {
            heading = heading || (line_start && c == b'[' && open.is_empty());
            if line_start && open.is_empty() && c != b'#' {
                name = Name::expected();
            }
            line_start = false;
            name.starts_at(i, c);
        }
        match c {
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
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
            b'.' => {
                if let Some(start) = name.one_more_part() {
                    return Some((start, Limit::LongName));
                }
            }
            b',' | b'=' | b'[' | b'{' => {
                count += 1;
                if count > MAX_VALUES {
                    return Some((i, Limit::Values));
                }
                if (c == b'[' || c == b'{') && !heading {
                    open.push(c);
                    if open.len() > MAX_DEPTH {
                        return Some((i, Limit::Depth));
                    }
                }
                // A name comes after `{`, and after `,` in a `{ ... }` group.
                if c == b'=' {
                    name = Name::default();
                } else if c == b'{' || (c == b',' && open.last() == Some(&b'{')) {
                    name = Name::expected();
                }
            }
            b']' | b'}' if !heading => {
                open.pop();
            }
            b']' => name = Name::default(),
            _ => {}
        }
        i += 1;
    }
    None
}

/// The dotted name being read by `beyond_limits`, if any.
#[derive(Default)]
struct Name {
    /// A name comes next, or is being read.
    expected: bool,
    /// Where it starts, once its first character has come.
    start: Option<usize>,
    parts: usize,
}

impl Name {
    fn expected() -> Name {
        Name {
            expected: true,
            start: None,
            parts: 1,
        }
    }

    /// Notes where the name starts: at its first character, after any `[` of a heading.
    fn starts_at(&mut self, i: usize, c: u8) {
        if self.expected && self.start.is_none() && c != b'[' {
            self.start = Some(i);
        }
    }

    /// A name does not run on to the next line; one still to come may (in a `{ ... }` group).
    fn end_of_line(&mut self) {
        if self.start.is_some() {
            *self = Name::default();
        }
    }

    /// Counts a `.`: the name's start, if that makes too many parts.
    fn one_more_part(&mut self) -> Option<usize> {
        let start = self.start.filter(|_| self.expected)?;
        self.parts += 1;
        (self.parts > MAX_DEPTH).then_some(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::toml::parse;

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

    /// A name of many parts, written in every way TOML allows, is refused where it starts.
    #[test]
    fn long_dotted_names_are_refused_where_they_start() {
        let name = |sep: &str, n: usize| vec!["a"; n].join(sep);
        let long = name(".", 300);
        let cases = [
            (format!("id = \"x\"\n{long} = 1\n"), (2, 1), 300),
            (
                format!("x = 1\n{} = 1\n", name(".", MAX_DEPTH + 1)),
                (2, 1),
                65,
            ),
            (format!("x = 1\n  {} = 1\n", name(" . ", 100)), (2, 3), 100),
            (format!("\"q.q\".'r'.{long} = 1\n"), (1, 1), 302),
            (format!("[{long}]\nb = 1\n"), (1, 2), 300),
            (format!("# a comment\n[[ {long} ]]\nb = 1\n"), (2, 4), 300),
            (format!("x = {{ {long} = 1 }}\n"), (1, 7), 300),
            (format!("x = {{ b = 1.5, {long} = 1 }}\n"), (1, 16), 300),
            (
                format!("x = [{{ b = 1 }}, {{ {long} = 1 }}]\n"),
                (1, 19),
                300,
            ),
            (format!("x = {{\n  {long} = 1\n}}\n"), (2, 3), 300),
            (format!("id = \"x\"\r\n{long} = 1\r\n"), (2, 1), 300),
            (format!("\u{feff}{long} = 1\n"), (1, 1), 300),
        ];
        for (text, place, parts) in cases {
            assert!(
                matches!(beyond_limits(&text), Some((_, Limit::LongName))),
                "{text:?}"
            );
            let e = parse(&SourceFile::new("t.toml", text.as_str())).unwrap_err();
            assert_eq!((e.line, e.column), place, "{text:?}: {e:?}");
            assert!(e.message.contains("more than 64 parts"), "{e:?}");
            assert_eq!(e.found, Some(format!("{parts} parts")), "{text:?}");
        }
    }

    /// Dots in values, text, comments and names of up to `MAX_DEPTH` parts are not counted.
    #[test]
    fn dots_elsewhere_are_not_names() {
        let dots = vec!["a"; 200].join(".");
        let pairs: Vec<String> = (0..200).map(|i| format!("k{i} = 1.5")).collect();
        let cases = [
            format!("{} = 1\n", vec!["a"; MAX_DEPTH].join(".")),
            format!("a = \"{dots}\"\n"),
            format!("a = '''\n{dots}\n'''\n"),
            format!("# {dots}\na = 1\n"),
            format!("a = 1 # {dots}\n"),
            format!("x = [\n{}\n]\n", vec!["1.5"; 200].join(",\n")),
            format!("x = {{ {} }}\n", pairs.join(", ")),
            "d = 1979-05-27T07:32:00.999\n".to_string(),
        ];
        for text in cases {
            assert!(beyond_limits(&text).is_none(), "{text:?}");
        }
    }
}
