//! Plain scalars: what a value written without quotes reads as, and so which texts may be
//! written without quotes. The fast reader (`fast`) reads plain values by this rule, and the
//! YAML writer (`output::assessment_yaml`) writes a text plain only where this rule reads it
//! back as the same text; one rule for both, so that what `ties` writes it reads back unchanged.

use std::borrow::Cow;

use crate::load::node::Value;

/// Words YAML may take for yes, no, nothing or a special number, in any case, also after a
/// leading `+`, `-` or `.` (`.inf`, `-.nan`).
const WORDS: [&str; 12] = [
    "null", "true", "false", "yes", "no", "y", "n", "on", "off", "nan", "inf", "infinity",
];

/// A date written `YYYY-MM-DD` (whether or not the day exists): YAML reads it as text.
pub fn is_date(s: &str) -> bool {
    s.len() == 10
        && s.bytes().enumerate().all(|(i, c)| match i {
            4 | 7 => c == b'-',
            _ => c.is_ascii_digit(),
        })
}

/// Whether `s` is a word YAML may take for yes, no, nothing or a special number.
fn is_special_word(s: &str) -> bool {
    let word = s.trim_start_matches(['+', '-', '.']);
    word.len() <= 8 && WORDS.iter().any(|w| word.eq_ignore_ascii_case(w))
}

/// The value of a plain scalar whose text is `text`, or `None` where YAML decides its type by
/// finer rules than this one (`yes`, `NULL`, `0x1F`, `1e5`, `007`, `-0`, `.inf`, `1_000`,
/// numbers too large for 64 bits...): the full reader then reads the file.
pub fn value(text: Cow<'_, str>) -> Option<Value> {
    let t: &str = &text;
    match t {
        "" | "~" | "null" => return Some(Value::Null),
        "true" => return Some(Value::Bool(true)),
        "false" => return Some(Value::Bool(false)),
        _ => {}
    }
    // Other spellings of yes, no and nothing, and the special numbers.
    if is_special_word(t) {
        return None;
    }
    // No number, yes, no or nothing has a space in it.
    if t.contains(char::is_whitespace) {
        return Some(Value::Str(text.into_owned()));
    }
    let b = t.as_bytes();
    let whole = |s: &[u8]| {
        !s.is_empty() && s.iter().all(u8::is_ascii_digit) && (s.len() == 1 || s[0] != b'0')
    };
    let unsigned = b.strip_prefix(b"-").unwrap_or(b);
    if whole(unsigned) {
        // `-0` is a decimal to YAML's library.
        if t == "-0" {
            return None;
        }
        return t.parse().ok().map(Value::Int);
    }
    if let Some(dot) = unsigned.iter().position(|c| *c == b'.') {
        let (int, frac) = (&unsigned[..dot], &unsigned[dot + 1..]);
        if whole(int) && !frac.is_empty() && frac.iter().all(u8::is_ascii_digit) {
            return t.parse().ok().map(Value::Float);
        }
    }
    // A date such as 2025-11-03 is text.
    if is_date(t) || b[0].is_ascii_alphabetic() {
        return Some(Value::Str(text.into_owned()));
    }
    None
}

/// Whether the text `s` can be written without quotes after `key: ` (or as an entry of a
/// `[...]` list when `in_flow`) and read back, by `value`, as exactly `s`: a date, or text that
/// starts with a letter, is no special word, has no `: ` or ` #` in it, does not end with a
/// space or `:`, has no `,`, brackets, braces or spaces in a list, and only characters YAML
/// writes as they are.
pub fn writes_plain(s: &str, in_flow: bool) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if is_date(s) {
        return true;
    }
    let syntax = s.ends_with([' ', ':'])
        || s.contains(": ")
        || s.contains(" #")
        || (in_flow && s.contains([',', '[', ']', '{', '}', ' ']));
    first.is_ascii_alphabetic()
        && !syntax
        && matches!(value(Cow::Borrowed(s)), Some(Value::Str(_)))
        && s.chars()
            .all(|c| (' '..='~').contains(&c) || (c > '\u{a0}' && printable(c)))
}

/// Characters YAML writes as they are, and that no reader takes for a line break or hides.
pub fn printable(c: char) -> bool {
    !matches!(
        c,
        '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{feff}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2069}'
            | '\u{fffe}'
            | '\u{ffff}'
    ) && !c.is_control()
}
