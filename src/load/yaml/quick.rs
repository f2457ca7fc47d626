//! The quickest path: the YAML of a self-assessment as `ties` writes it and people edit it, read
//! line by line.
//!
//! Parsing was a sixth of the time of a report, most of it in the YAML parser's general
//! machinery. Nearly every file `ties` reads uses a small part of YAML: groups of names and
//! values, lists of `- ` items (a group may start on the item's line), values written plain, in
//! quotes on one line, as a `[...]` list or `{...}` group of plain words on one line, or as a `|`
//! block of lines, and comments.
//! This module reads exactly that part, building the same tree as the fast path (`fast`), value
//! for value and place for place.
//!
//! It gives up (returns `None`) on anything else, and the fast path then reads the file:
//! tabs and carriage returns anywhere, document markers and directives, anchors, aliases, tags,
//! names in quotes or with a `:` in them, a `[...]` or `{...}` over several lines or holding
//! anything but plain words, a value over several lines other than a `|` block (a plain value
//! that goes on, a quoted one that does not end on its line, `>` blocks), an empty list item,
//! escapes in double quotes other than the common ones, and any plain value whose type YAML
//! decides by finer rules (`plain`). The tests check it against the fast path and the full
//! reader on every YAML file in the project and on generated documents.

use std::borrow::Cow;

use super::{limits, plain};
use crate::diag::source::{Pos, SourceFile};
use crate::load::node::{Key, Node, Value};

/// Deeper nesting, and more values, are left to the fast path (whose limits are these).
const MAX_DEPTH: usize = limits::MAX_DEPTH / 2;
const MAX_VALUES: usize = limits::MAX_VALUES / 2;

/// The file as a tree, or `None` when the fast path must read it.
pub fn parse(file: &SourceFile) -> Option<Node> {
    let text = file.text.strip_prefix('\u{feff}').unwrap_or(&file.text);
    if !printable(text) {
        return None;
    }
    let mut lines = super::split_lines(text);
    // The piece after the last line feed is no line.
    let line_fed = text.ends_with('\n');
    if line_fed {
        lines.pop();
    }
    let mut r = Reader {
        lines,
        line_fed,
        at: 0,
        values: 0,
        depth: 0,
    };
    r.skip_blank();
    let first = *r.lines.get(r.at)?;
    let indent = indent(first);
    let root = r.block(indent)?;
    r.skip_blank();
    (r.at == r.lines.len()).then_some(root)
}

/// Whether every character of `text` is one YAML allows in a file, other than a tab or a
/// carriage return (which this module leaves to the fast path).
fn printable(text: &str) -> bool {
    if text.is_ascii() {
        return printable_ascii(text.as_bytes());
    }
    text.chars().all(|c| match c {
        '\n' | '\u{20}'..='\u{7e}' | '\u{85}' => true,
        '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' => c != '\u{feff}',
        _ => c >= '\u{10000}',
    })
}

/// `printable` for ASCII text: eight bytes at a time, looking at each byte only of the eight
/// that hold a byte under 0x20 (a line feed, most often) or 0x7f.
fn printable_ascii(b: &[u8]) -> bool {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    let fine = |b: &u8| *b == b'\n' || (0x20..0x7f).contains(b);
    let (words, rest) = b.as_chunks::<8>();
    for word in words {
        let w = u64::from_le_bytes(*word);
        // Exact for bytes under 0x80: whether one is under 0x20, and whether one is 0x7f.
        let low = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
        let del = w ^ (ONES * 0x7f);
        let del = del.wrapping_sub(ONES) & !del & HIGH;
        if low | del != 0 && !word.iter().all(fine) {
            return false;
        }
    }
    rest.iter().all(fine)
}

struct Reader<'a> {
    lines: Vec<&'a str>,
    /// Whether the last line ends with a line feed.
    line_fed: bool,
    /// The line being read (counted from 0).
    at: usize,
    values: usize,
    depth: usize,
}

fn indent(line: &str) -> usize {
    line.bytes().take_while(|b| *b == b' ').count()
}

/// Whether what is left of a line after a value is nothing, or a comment.
fn ends(rest: &str) -> bool {
    let rest = rest.trim_start_matches(' ');
    rest.is_empty() || rest.starts_with('#')
}

/// Whether `s` (part of a line, from a value's start) is a list item's `-`.
fn is_item(s: &str) -> bool {
    s == "-" || s.starts_with("- ")
}

impl<'a> Reader<'a> {
    /// The place of byte `byte` of line `line`: lines and columns count from 1, columns in
    /// characters.
    fn pos(&self, line: usize, byte: usize) -> Pos {
        let text = &self.lines[line][..byte];
        let col = if text.is_ascii() {
            byte
        } else {
            text.chars().count()
        };
        Pos::new(line + 1, col + 1)
    }

    fn count(&mut self) -> Option<()> {
        self.values += 1;
        (self.values <= MAX_VALUES).then_some(())
    }

    /// Moves past blank lines and comment lines.
    fn skip_blank(&mut self) {
        while let Some(line) = self.lines.get(self.at) {
            let rest = line.trim_start_matches(' ');
            if !(rest.is_empty() || rest.starts_with('#')) {
                return;
            }
            self.at += 1;
        }
    }

    /// The next line with something in it, when it is indented by `indent` spaces exactly.
    fn next_at(&mut self, indent: usize) -> Option<&'a str> {
        self.skip_blank();
        let line = *self.lines.get(self.at)?;
        (self::indent(line) == indent).then_some(line)
    }

    /// A group or list starting at byte `col` of the current line.
    fn block(&mut self, col: usize) -> Option<Node> {
        let line = self.lines[self.at];
        if line.starts_with("---") || line.starts_with("...") || line.starts_with('%') {
            return None;
        }
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        self.count()?;
        let node = if is_item(&line[col..]) {
            self.list(col)
        } else {
            self.group(col)
        };
        self.depth -= 1;
        node
    }

    /// A list whose `-` are at byte `col` of their lines, the first on the current line.
    fn list(&mut self, col: usize) -> Option<Node> {
        let pos = self.pos(self.at, col);
        let mut items = Vec::new();
        loop {
            let line = self.lines[self.at];
            // The item starts after the `-` and its spaces.
            let start = col + 1 + indent(&line[col + 1..]);
            let rest = &line[start..];
            if ends(rest) || is_item(rest) {
                return None;
            }
            let item = if name_end(rest).is_some() {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return None;
                }
                self.count()?;
                let group = self.group(start);
                self.depth -= 1;
                group?
            } else {
                self.value(start, col)?
            };
            items.push(item);
            match self.next_at(col) {
                Some(line) if is_item(&line[col..]) => {}
                Some(_) => break,
                None => match self.lines.get(self.at) {
                    Some(line) if indent(line) > col => return None,
                    _ => break,
                },
            }
        }
        Some(Node {
            pos,
            value: Value::List(items),
        })
    }

    /// A group whose names start at byte `col` of their lines, the first on the current line.
    fn group(&mut self, col: usize) -> Option<Node> {
        let pos = self.pos(self.at, col);
        let mut entries: Vec<(Key, Node)> = Vec::new();
        loop {
            let line = self.lines[self.at];
            let rest = &line[col..];
            let end = name_end(rest)?;
            let name = &rest[..end];
            if !matches!(plain::value(Cow::Borrowed(name)), Some(Value::Str(_))) || name == "<<" {
                return None;
            }
            self.count()?;
            let key = Key {
                name: name.to_string().into(),
                pos: self.pos(self.at, col),
            };
            let after = col + end + 1;
            let start = after + indent(&line[after..]);
            let mut value = if ends(&line[start..]) {
                self.at += 1;
                self.value_below(col, key.pos)?
            } else {
                self.value(start, col)?
            };
            // An empty value has no text of its own to point at: it is placed at its name.
            if value.value == Value::Null {
                value.pos = key.pos;
            }
            entries.push((key, value));
            match self.next_at(col) {
                Some(line) if !is_item(&line[col..]) => {}
                Some(_) => return None,
                None => match self.lines.get(self.at) {
                    Some(line) if indent(line) > col => return None,
                    _ => break,
                },
            }
        }
        if !super::fast::unique_names(&entries) {
            return None;
        }
        Some(Node {
            pos,
            value: Value::Map(entries),
        })
    }

    /// The value of a name at byte `col` whose line ends after the `:`: a group or list on the
    /// lines below (a list may have its `-` under the name), or nothing, placed at the name.
    fn value_below(&mut self, col: usize, name: Pos) -> Option<Node> {
        self.skip_blank();
        if let Some(line) = self.lines.get(self.at) {
            let inner = indent(line);
            if inner > col {
                return self.block(inner);
            }
            if inner == col && is_item(&line[col..]) {
                // A list with its `-` under the name is placed, as the parser places it, at its
                // first item's text.
                let first = col + 1 + indent(&line[col + 1..]);
                let pos = self.pos(self.at, first);
                let mut list = self.block(inner)?;
                list.pos = pos;
                return Some(list);
            }
        }
        self.count()?;
        Some(Node {
            pos: name,
            value: Value::Null,
        })
    }

    /// The value starting at byte `start` of the current line, in a group or list at byte
    /// `parent`: written plain, in quotes, as a `[...]` list or as a `|` block. Moves past it.
    fn value(&mut self, start: usize, parent: usize) -> Option<Node> {
        self.count()?;
        let line = self.lines[self.at];
        let rest = &line[start..];
        let pos = self.pos(self.at, start);
        let value = match rest.as_bytes()[0] {
            b'|' => return self.block_text(start, parent),
            b'"' => {
                let (text, len) = double_quoted(&rest[1..])?;
                ends(&rest[1 + len..]).then_some(Value::Str(text))?
            }
            b'\'' => {
                let (text, len) = single_quoted(&rest[1..])?;
                ends(&rest[1 + len..]).then_some(Value::Str(text))?
            }
            b'[' => return self.flow_list(start),
            b'{' => return self.flow_group(start),
            b'>' | b'&' | b'*' | b'!' | b'%' | b'@' | b'`' | b'?' | b',' | b']' | b'}' | b':'
            | b'#' => return None,
            b'-' if is_item(rest) => return None,
            _ => {
                let end = rest.find(" #").unwrap_or(rest.len());
                let text = rest[..end].trim_end_matches(' ');
                if text.contains(": ") || text.ends_with(':') {
                    return None;
                }
                plain::value(Cow::Borrowed(text))?
            }
        };
        self.at += 1;
        // A value that goes on over the lines below is the fast path's to read.
        self.skip_blank();
        if self.lines.get(self.at).is_some_and(|l| indent(l) > parent) {
            return None;
        }
        Some(Node { pos, value })
    }

    /// A `[...]` list of plain words on one line, starting at byte `start`.
    fn flow_list(&mut self, start: usize) -> Option<Node> {
        let pos = self.pos(self.at, start);
        let mut items = Vec::new();
        for (at, word) in self.flow_parts(start, ']')? {
            if !flow_word(word) {
                return None;
            }
            self.count()?;
            items.push(Node {
                pos: self.pos(self.at, at),
                value: plain::value(Cow::Borrowed(word))?,
            });
        }
        self.at += 1;
        Some(Node {
            pos,
            value: Value::List(items),
        })
    }

    /// The parts between the commas of a `[...]` or `{...}` on the current line, its opening at
    /// byte `start` and its `close` the first after it, each without its spaces and with the byte
    /// it starts at: none for one with only spaces inside, and `None` where the line goes on
    /// after it with anything but a comment.
    fn flow_parts(&self, start: usize, close: char) -> Option<Vec<(usize, &'a str)>> {
        let line = self.lines[self.at];
        let close = start + line[start..].find(close)?;
        if !ends(&line[close + 1..]) {
            return None;
        }
        let inside = &line[start + 1..close];
        if inside.trim_matches(' ').is_empty() {
            return Some(Vec::new());
        }
        let mut from = start + 1;
        let mut parts = Vec::new();
        for part in inside.split(',') {
            parts.push((from + indent(part), part.trim_matches(' ')));
            from += part.len() + 1;
        }
        Some(parts)
    }

    /// A `{name: value, ...}` group of plain words on one line, starting at byte `start`.
    fn flow_group(&mut self, start: usize) -> Option<Node> {
        let pos = self.pos(self.at, start);
        let mut entries = Vec::new();
        for (at, entry) in self.flow_parts(start, '}')? {
            let (name, rest) = entry.split_once(": ")?;
            let value = rest.trim_start_matches(' ');
            let value_at = at + name.len() + 2 + (rest.len() - value.len());
            if [name, value].iter().any(|w| !flow_word(w)) {
                return None;
            }
            let Some(Value::Str(name)) = plain::value(Cow::Borrowed(name)) else {
                return None;
            };
            self.count()?;
            self.count()?;
            let key = Key {
                name: name.into(),
                pos: self.pos(self.at, at),
            };
            let value = plain::value(Cow::Borrowed(value))?;
            let value = Node {
                pos: if value == Value::Null {
                    key.pos
                } else {
                    self.pos(self.at, value_at)
                },
                value,
            };
            entries.push((key, value));
        }
        if !super::fast::unique_names(&entries) {
            return None;
        }
        self.at += 1;
        Some(Node {
            pos,
            value: Value::Map(entries),
        })
    }

    /// A `|` (or `|-`) block of lines, its `|` at byte `start` of the current line, in a group
    /// or list at byte `parent`.
    fn block_text(&mut self, start: usize, parent: usize) -> Option<Node> {
        let line = self.lines[self.at];
        let header = &line[start + 1..];
        let strip = header.starts_with('-');
        if !ends(&header[usize::from(strip)..]) {
            return None;
        }
        self.at += 1;
        // The block's indent is its first line's, which must be there and hold some text.
        let first = *self.lines.get(self.at)?;
        let inner = indent(first);
        if inner <= parent || inner == first.len() {
            return None;
        }
        // Placed, as the parser places it, at its first line's text.
        let pos = self.pos(self.at, inner);
        // Room for the text at once: the lines it may take, up to the first indented less.
        let room = self.lines[self.at..]
            .iter()
            .take_while(|l| indent(l) >= inner || indent(l) == l.len())
            .map(|l| l.len().saturating_sub(inner) + 1)
            .sum();
        let mut text = String::with_capacity(room);
        let mut blank_run = 0;
        let mut last = self.at;
        while let Some(line) = self.lines.get(self.at) {
            let spaces = indent(line);
            if spaces == line.len() {
                // A blank line: spaces past the block's indent are text YAML keeps.
                if spaces > inner {
                    return None;
                }
                blank_run += 1;
            } else if spaces >= inner {
                for _ in 0..blank_run {
                    text.push('\n');
                }
                blank_run = 0;
                text.push_str(&line[inner..]);
                text.push('\n');
                last = self.at;
            } else {
                break;
            }
            self.at += 1;
        }
        // The last line of the text is the end of the file, without a line feed: YAML's rule
        // for it is the fast path's to keep.
        if last + 1 == self.lines.len() && !self.line_fed {
            return None;
        }
        if strip {
            text.truncate(text.trim_end_matches('\n').len());
        }
        Some(Node {
            pos,
            value: Value::Str(text),
        })
    }
}

/// Whether `word` is a plain word this module reads inside `[...]` or `{...}`.
fn flow_word(word: &str) -> bool {
    !(word.is_empty()
        || word.contains([':', '#', '[', ']', '{', '}', '"', '\''])
        || word.starts_with(['&', '*', '!', '|', '>', '%', '@', '`', '?', '-']))
}

/// Where the name of a `name: value` line (`s` starting at the name) ends: at the first `:`
/// followed by a space or the end of the line. `None` when it is not such a line, or the name
/// is not one this module reads (in quotes, with a `:`, `#` or space at its end, or starting
/// with a sign YAML gives a meaning to).
fn name_end(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let end = memchr::memchr_iter(b':', bytes)
        .find(|&i| matches!(bytes.get(i + 1), None | Some(b' ')))?;
    let name = &s[..end];
    let first = *name.as_bytes().first()?;
    let unusual = b"-?:,[]{}#&*!|>'\"%@`";
    // A name is short: its bytes are looked at one pair at a time, and its characters counted
    // only when it has more bytes than a name may have characters.
    if unusual.contains(&first)
        || name.ends_with(' ')
        || name.as_bytes().windows(2).any(|w| w == b" #")
        || (name.len() > limits::MAX_NAME_CHARS && name.chars().count() > limits::MAX_NAME_CHARS)
    {
        return None;
    }
    Some(end)
}

/// A double-quoted text on one line (`s` after the opening quote): the text, and the length up
/// to and including the closing quote.
fn double_quoted(s: &str) -> Option<(String, usize)> {
    // Most quoted texts hold no escape: they are copied at once.
    if let Some(end) = memchr::memchr2(b'"', b'\\', s.as_bytes())
        && s.as_bytes()[end] == b'"'
    {
        return Some((s[..end].to_string(), end + 1));
    }
    let mut out = String::new();
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, i + 1)),
            '\\' => {
                let (_, e) = chars.next()?;
                match e {
                    '"' | '\\' | '/' => out.push(e),
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    'u' => {
                        let mut code = 0;
                        for _ in 0..4 {
                            code = code * 16 + chars.next()?.1.to_digit(16)?;
                        }
                        out.push(char::from_u32(code)?);
                    }
                    _ => return None,
                }
            }
            _ => out.push(c),
        }
    }
    None
}

/// A single-quoted text on one line (`s` after the opening quote), as `double_quoted`.
fn single_quoted(s: &str) -> Option<(String, usize)> {
    // Most quoted texts hold no doubled quote: they are copied at once.
    if let Some(end) = memchr::memchr(b'\'', s.as_bytes())
        && s.as_bytes().get(end + 1) != Some(&b'\'')
    {
        return Some((s[..end].to_string(), end + 1));
    }
    let mut out = String::new();
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\'' {
            if chars.peek().is_some_and(|(_, n)| *n == '\'') {
                chars.next();
                out.push('\'');
                continue;
            }
            return Some((out, i + 1));
        }
        out.push(c);
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn printable_ascii_looks_at_every_byte_wherever_it_is() {
        let naive = |b: &[u8]| b.iter().all(|c| *c == b'\n' || (0x20..0x7f).contains(c));
        for len in 0..20 {
            for at in 0..len {
                for c in 0..0x80u8 {
                    let mut text = vec![b'a'; len];
                    text[at] = c;
                    assert_eq!(
                        super::printable_ascii(&text),
                        naive(&text),
                        "{c:#x} at {at} of {len}"
                    );
                }
            }
        }
    }

    use super::*;
    use crate::load::yaml::agree::quick_path;
    use proptest::prelude::*;

    fn took(text: &str) -> bool {
        quick_path(text).unwrap_or_else(|e| panic!("{e}"))
    }

    /// The bundled examples, and what `ties` writes, take the quick path: that is what it is for.
    #[test]
    fn the_bundled_examples_take_the_quick_path() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assessments");
        let mut read = 0;
        for establishment in std::fs::read_dir(root).expect("the examples").flatten() {
            for file in std::fs::read_dir(establishment.path())
                .into_iter()
                .flatten()
                .flatten()
            {
                let path = file.path();
                if path.extension().is_some_and(|e| e == "yaml") {
                    let text = std::fs::read_to_string(&path).expect("a text file");
                    assert!(took(&text), "{} is not read quickly", path.display());
                    read += 1;
                }
            }
        }
        assert!(read > 10, "{read}");
    }

    #[test]
    fn the_shapes_it_reads_are_read_as_the_full_reader_reads_them() {
        for text in [
            "a: 1\nb:\n  c: x y\n  d: [p, q]\n",
            "a:\n- 1\n- 2\nb: 3\n",
            "a:\n  - k: 1\n    l: two\n  - k: 3\n",
            "a: |\n  one\n\n  two\n\n\nb: 1\n",
            "a: |-\n  one\n  two\nb: 1\n",
            "- |\n  text\n- plain\n",
            "a: |\n    deeper\n    # not a comment\n    again\nb: 1\n",
            "a: \"q \\\"x\\\" \\u00e9\\n\" # comment\nb: 'it''s'\n",
            "a: {num: 1, den: 2}\nb: {}\nc: []\n",
            "f: 'é' \ng: \"ü é\" # c\n",
            "a: -1\nb: 1.5\nc: 2025-01-02\nd: ~\ne:\nf: true\n",
            "  a: 1\n  b: 2\n",
            "# only a comment first\n\na: 1 # and after\n",
            "a: x y z \nb: fifty, per cent.\n",
            "a: 1\nb: |\n  last\n",
        ] {
            assert!(took(text), "{text:?} is not read quickly");
        }
    }

    #[test]
    fn what_it_does_not_read_is_left_to_the_fast_path() {
        for text in [
            "a: 1\r\nb: 2\r\n",
            "a:\t1\n",
            "---\na: 1\n",
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "\"a\": 1\n",
            "a: >\n  folded\n",
            "a: |+\n  kept\n",
            "a: |2\n   x\n",
            "a: plain\n  goes on\n",
            "a: \"not\n  closed\"\n",
            "a: [1,\n  2]\n",
            "a: {b: [1]}\n",
            "-\n  a: 1\n",
            "- - a\n",
            "a: yes\n",
            "a: 1\na: 2\n",
            "a: b: c\n",
            "a: |\n\n  blank first\n",
            "a: |\n  no line feed at the end",
            "a: \"\\x41\"\n",
            "a: {x: 1,  }\n",
            "a: [x,  ]\n",
            "a: {x:1}\n",
            "a: 1\n b: 2\n",
            "a\u{1}: 1\n",
            "plain\n",
        ] {
            let file = SourceFile::new("t.yaml", text);
            assert!(parse(&file).is_none(), "{text:?} was read quickly");
            quick_path(text).unwrap_or_else(|e| panic!("{e}"));
        }
    }

    /// Lines of every shape this module reads or leaves, at several depths, in any order: what
    /// it reads, it reads as the full reader does.
    fn lines() -> impl Strategy<Value = String> {
        let indent = prop::sample::select(vec!["", "", " ", "  ", "  ", "    ", "      "]);
        let content = prop::sample::select(vec![
            "a: 1",
            "a:",
            "b: x y",
            "c: two  words  ",
            "- a",
            "- a: 1",
            "- b:",
            "-",
            "- |",
            "d: |",
            "d: |-",
            "text line",
            "  more text",
            "# comment",
            "",
            "   ",
            "e: [x, y]",
            "e: []",
            "f: {k: v, l: 2}",
            "f: {}",
            "g: \"q\\n\"",
            "g: 'it''s'",
            "h: -1",
            "h: 1.5",
            "é: ü",
            "k: a # c",
            "k: a#b",
            "- - x",
            "? x",
            ": y",
            "---",
            "k: >",
            "k: \"open",
            "[a]",
            "x: y: z",
            "k: yes",
            "k: 007",
            "- [a, b]",
            "- {a: 1}",
            "f: {k: v,  }",
            "e: [x, ]",
            "f: { }",
            "e: [ ]",
            "f: {k:v}",
            "a: 2",
        ]);
        let line = (indent, content).prop_map(|(i, c)| format!("{i}{c}"));
        (prop::collection::vec(line, 1..14), any::<bool>())
            .prop_map(|(lines, fed)| lines.join("\n") + if fed { "\n" } else { "" })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        #[test]
        fn generated_lines_read_as_the_full_reader_reads_them(text in lines()) {
            if let Err(e) = quick_path(&text) {
                prop_assert!(false, "{}", e);
            }
        }
    }
}
