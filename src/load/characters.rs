//! Characters that have no place in what a file says, found after it is read.
//!
//! A file cannot hold a raw control character (the YAML and TOML readers refuse one), but an
//! escape in a quoted text makes one: `"\e[2J"`, `"\a"`, `"\x1b"`, `"\u001b"`. Such a character
//! would reach a terminal, a report or a spreadsheet, so every text and every name before a `:`
//! is checked here, at its place:
//!
//! - **control characters** are refused everywhere, except a tab and a line break inside a
//!   text (a carriage return only as part of a Windows line ending, before a line feed). A name
//!   before a `:` may hold none at all;
//! - **characters that cannot be seen or that change the direction of text** (a zero-width space,
//!   a right-to-left override...) are refused in names and ids: the establishment's name, region,
//!   comparator group and type, titles, labels, publishers and every `id`. There they would make
//!   one name look like another, or show its letters in another order. In narrative and other
//!   text they are kept: right-to-left writing and some scripts need them.

use crate::diag::source::{Pos, SourceFile};
use crate::diag::{Diagnostic, hidden};
use crate::load::node::{Node, Value};

/// The fields that name something, whose text must look the same as what it is.
const NAME_FIELDS: &[&str] = &[
    "id",
    "name",
    "title",
    "short_title",
    "label",
    "publisher",
    "region",
    "comparator_group",
    "type",
];

/// Whether `text` holds a character outside ASCII that the check refuses somewhere (a control
/// character, or one that cannot be seen or changes the direction of text). Only characters
/// that start with one of `LEADS` can be one, so only those are looked at.
pub fn holds_refusable(text: &str) -> bool {
    let b = text.as_bytes();
    let refusable = |at: usize| {
        text.get(at..)
            .and_then(|t| t.chars().next())
            .is_some_and(|c| c.is_control() || hidden(c).is_some())
    };
    memchr::memchr3_iter(LEADS[0], LEADS[1], LEADS[2], b).any(refusable)
        || memchr::memchr2_iter(LEADS[3], LEADS[4], b).any(refusable)
}

/// The first bytes (in UTF-8) of every character outside ASCII that is a control character or
/// `hidden` (a test checks every character).
const LEADS: [u8; 5] = [0xc2, 0xe2, 0xef, 0xd8, 0xe1];

/// The first character in the file's texts and names that it may not hold, as a problem at its
/// place.
pub fn check(file: &SourceFile, node: &Node) -> Option<Diagnostic> {
    let mut found = Vec::new();
    walk(file, node, None, &mut found, 1);
    found.pop()
}

/// Every character in the file's texts and names that it may not hold, each at its place (a
/// workbook's cells are each checked: one cell's problem hides no other's).
pub fn check_all(file: &SourceFile, node: &Node) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    walk(file, node, None, &mut found, usize::MAX);
    found
}

/// Walks the tree, gathering problems until there are `most` of them.
fn walk(
    file: &SourceFile,
    node: &Node,
    field: Option<&str>,
    found: &mut Vec<Diagnostic>,
    most: usize,
) {
    if found.len() >= most {
        return;
    }
    match &node.value {
        Value::Str(text) => found.extend(in_text(file, node.pos, text, field)),
        Value::List(items) => {
            for i in items {
                walk(file, i, field, found, most);
            }
        }
        Value::Map(entries) => {
            for (key, value) in entries {
                if found.len() >= most {
                    return;
                }
                if let Some(d) = in_name(file, key.pos, &key.name) {
                    found.push(d);
                    continue;
                }
                walk(file, value, Some(&key.name), found, most);
            }
        }
        _ => {}
    }
}

/// A control character a text may not hold: every one but a tab, a line feed, and a carriage
/// return before a line feed.
fn control_in_text(text: &str) -> Option<char> {
    // Most text is plain: only bytes below a space, DEL and the first byte of a C1 control
    // (U+0080 to U+009F are written 0xC2 0x80 to 0xC2 0x9F) need a closer look.
    if !needs_closer_look(text.as_bytes()) {
        return None;
    }
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\t' | '\n' => {}
            '\r' if chars.peek() == Some(&'\n') => {}
            c if c.is_control() => return Some(c),
            _ => {}
        }
    }
    None
}

/// Whether `b` holds a byte below a space other than a tab or a line feed, DEL, or 0xC2: eight
/// bytes at a time, looking at each byte only of the eight that hold a byte below a space (a
/// line feed, most often), DEL or 0xC2.
fn needs_closer_look(b: &[u8]) -> bool {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    let closer = |b: &u8| (*b < 0x20 && *b != b'\n' && *b != b'\t') || *b == 0x7f || *b == 0xc2;
    // Whether a byte of `w` is zero (exact, for the eight together).
    let zero = |w: u64| w.wrapping_sub(ONES) & !w & HIGH;
    let (words, rest) = b.as_chunks::<8>();
    for word in words {
        let w = u64::from_le_bytes(*word);
        // Exact for the eight together: whether one is below 0x20, 0x7f or 0xc2.
        let low = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
        if low | zero(w ^ (ONES * 0x7f)) | zero(w ^ (ONES * 0xc2)) != 0 && word.iter().any(closer) {
            return true;
        }
    }
    rest.iter().any(closer)
}

fn in_text(file: &SourceFile, pos: Pos, text: &str, field: Option<&str>) -> Option<Diagnostic> {
    if let Some(c) = control_in_text(text) {
        let at = escape_place(file, pos, text.len(), c).unwrap_or(pos);
        return Some(control(file, at, c, "this text holds"));
    }
    let field = field.filter(|f| NAME_FIELDS.contains(f))?;
    let (c, what) = text.chars().find_map(|c| Some((c, hidden(c)?)))?;
    if field == "id" {
        // Ids are checked as ids too: the same words, so the message does not depend on which
        // check found it first.
        let l = crate::diag::lookalike(text)?;
        return Some(l.diagnostic(&file.path, pos, text));
    }
    let name = field.replace('_', " ");
    let plain: String = text.chars().filter(|c| hidden(*c).is_none()).collect();
    Some(
        Diagnostic::error(
            &file.path,
            pos,
            format!("this {name} holds a character that cannot be seen"),
        )
        .found(match before(text, c) {
            b if b.is_empty() => format!("{what}, at the start"),
            b => format!("{what}, after `{b}`"),
        })
        .help(format!(
            "type the {name} again by hand, without it: `{}`",
            plain.trim()
        )),
    )
}

/// The text before the first `c`, at most its last 40 characters, to say where `c` is.
fn before(text: &str, c: char) -> String {
    let head: Vec<char> = text.chars().take_while(|x| *x != c).collect();
    head[head.len().saturating_sub(40)..].iter().collect()
}

fn in_name(file: &SourceFile, pos: Pos, name: &str) -> Option<Diagnostic> {
    let c = name.chars().find(|c| c.is_control())?;
    let at = escape_place(file, pos, name.len(), c).unwrap_or(pos);
    let what = if file.is_workbook() {
        "this row's hidden id holds"
    } else {
        "this field name holds"
    };
    Some(control(file, at, c, what))
}

fn control(file: &SourceFile, pos: Pos, c: char, what: &str) -> Diagnostic {
    let d = Diagnostic::error(
        &file.path,
        pos,
        format!("{what} a control character, which ties does not accept: it could change what a screen or a report shows"),
    )
    .found(crate::diag::control_found(c));
    if file.is_workbook() {
        return d.help("type the cell's text again without it: such characters come in with text pasted from other programs, and cannot be seen in the cell");
    }
    d.help(
        "delete it; in a file it is usually written as an escape in quotes, such as `\\e`, \
         `\\a`, `\\x1b` or `\\u001b`",
    )
}

/// The place of the escape that wrote `c` (such as `\e` or `\u001b`), looked for in the file
/// from `pos` over about as much text as the value holds; `None` if it is not found there.
fn escape_place(file: &SourceFile, pos: Pos, len: usize, c: char) -> Option<Pos> {
    let start = offset_of(file, pos)?;
    let end = start
        .saturating_add(len.saturating_mul(12))
        .saturating_add(64)
        .min(file.text.len());
    let window = file.text.get(start..end)?;
    let bytes = window.as_bytes();
    let mut i = 0;
    while let Some(j) = bytes[i..].iter().position(|b| *b == b'\\') {
        let at = i + j;
        match decode_escape(&window[at + 1..]) {
            Some((found, _)) if found == c => return Some(file.pos_of_offset(start + at)),
            Some((_, used)) => i = at + 1 + used,
            None => i = at + 1,
        }
        if i >= bytes.len() {
            break;
        }
    }
    None
}

/// The character an escape writes, from the text after its backslash, and the bytes it uses:
/// the escapes of YAML and TOML.
fn decode_escape(rest: &str) -> Option<(char, usize)> {
    let first = rest.chars().next()?;
    let hex = |n: usize| -> Option<(char, usize)> {
        let digits = rest.get(1..1 + n)?;
        let code = u32::from_str_radix(digits, 16).ok()?;
        Some((char::from_u32(code)?, 1 + n))
    };
    match first {
        '0' => Some(('\u{0}', 1)),
        'a' => Some(('\u{7}', 1)),
        'b' => Some(('\u{8}', 1)),
        'e' => Some(('\u{1b}', 1)),
        'f' => Some(('\u{c}', 1)),
        'v' => Some(('\u{b}', 1)),
        'r' => Some(('\r', 1)),
        'n' => Some(('\n', 1)),
        't' => Some(('\t', 1)),
        'N' => Some(('\u{85}', 1)),
        'x' => hex(2),
        'u' => hex(4),
        'U' => hex(8),
        _ => Some((first, first.len_utf8())),
    }
}

/// The byte offset of a place in the file.
fn offset_of(file: &SourceFile, pos: Pos) -> Option<usize> {
    let start = file.line_offset(pos.line)?;
    let line = file.line(pos.line)?;
    let col: usize = line
        .chars()
        .take(pos.col.saturating_sub(1))
        .map(char::len_utf8)
        .sum();
    Some(start + col)
}

#[cfg(test)]
mod tests;
