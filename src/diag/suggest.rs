//! Suggestions for mistyped words: the closest known word, characters that only look like the
//! ones meant, and lists of what is allowed.

use std::path::Path;

use crate::diag::Diagnostic;
use crate::diag::source::Pos;

/// The most characters of a word and of a candidate compared for "did you mean": ids are much
/// shorter, and comparing only this much keeps each comparison's cost fixed however long the
/// texts in a hostile file are.
const COMPARED_CHARS: usize = 64;

/// The most candidate comparisons one thread makes for "did you mean" between two calls of
/// `reset_suggestions` (one per file read): a file with thousands of unknown ids against a
/// framework of thousands of items would otherwise take the square of their number. Past it,
/// problems are still reported, without a suggestion.
pub const MAX_COMPARISONS: usize = 50_000;

thread_local! {
    static COMPARISONS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Starts a new allowance of comparisons for this thread: called for each file read.
pub fn reset_suggestions() {
    COMPARISONS.with(|c| c.set(0));
}

/// Takes one comparison from this thread's allowance; `false` when it is spent.
fn compare_once() -> bool {
    COMPARISONS.with(|c| {
        let n = c.get();
        c.set(n.saturating_add(1));
        n < MAX_COMPARISONS
    })
}

/// At most the first `COMPARED_CHARS` characters of `text`, lower case.
fn head(text: &str) -> String {
    text.chars()
        .take(COMPARED_CHARS)
        .flat_map(char::to_lowercase)
        .collect()
}

/// The closest of `candidates` to `word`, when it is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let lower = head(word);
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        if !compare_once() {
            break;
        }
        let candidate = head(c);
        let score = strsim::jaro_winkler(&lower, &candidate);
        let contains = !lower.is_empty()
            && (candidate.contains(lower.as_str()) || lower.contains(candidate.as_str()));
        let score = if contains { score.max(0.85) } else { score };
        if score >= 0.8 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c.to_string())
}

/// A character in an id or name that is not what it seems: a letter from another alphabet
/// that looks like a Latin one, a space that is not an ordinary space, a dash that is not a
/// hyphen, or a character that cannot be seen at all. Text pasted from a word processor, a web
/// page or another language's keyboard often carries one.
#[derive(Clone, Debug, PartialEq)]
pub struct Lookalike {
    /// The character found.
    pub found: char,
    /// The plain character it looks like; `None` when it cannot be seen.
    pub looks_like: Option<char>,
    /// What it is, in words: "the Cyrillic letter `а` (U+0430)".
    pub what: String,
    /// The text with every such character replaced by the one it looks like (or removed).
    pub plain: String,
}

impl Lookalike {
    /// "contains a character that looks like `a` but is not"; `what` says which it is.
    pub fn describe(&self) -> String {
        match self.looks_like {
            Some(' ') => "contains a character that looks like a space but is not".to_string(),
            Some(c) => format!("contains a character that looks like `{c}` but is not"),
            None => "contains a character that cannot be seen".to_string(),
        }
    }

    /// A problem with an id or name that holds such a character.
    pub fn diagnostic(&self, file: &Path, pos: Pos, text: &str) -> Diagnostic {
        // An id has no spaces: a space that was not one is dropped at either end, a hyphen within.
        let plain = self.plain.trim().replace(' ', "-");
        let help = if plain.is_empty() {
            "type it again by hand, with plain letters, digits and hyphens".to_string()
        } else {
            format!("type it again by hand, with plain letters, digits and hyphens: `{plain}`")
        };
        Diagnostic::error(file, pos, format!("`{text}` {}", self.describe()))
            .found(self.what.clone())
            .help(help)
    }
}

/// The first look-alike or invisible character in `text`, if any.
pub fn lookalike(text: &str) -> Option<Lookalike> {
    let (found, looks_like, what) = text.chars().find_map(|c| {
        let (like, what) = lookalike_char(c)?;
        Some((c, like, what))
    })?;
    let plain = text
        .chars()
        .filter_map(|c| match lookalike_char(c) {
            Some((like, _)) => like,
            None => Some(c),
        })
        .collect();
    Some(Lookalike {
        found,
        looks_like,
        what,
        plain,
    })
}

/// What a character looks like and what it is, for characters that are not what they seem.
fn lookalike_char(c: char) -> Option<(Option<char>, String)> {
    // Every character below is outside ASCII; most text is ASCII, and is passed over here
    // without building a description for each character (a tenth of a short command's time).
    if c.is_ascii() {
        return None;
    }
    const CYRILLIC: &[(char, char)] = &[
        ('а', 'a'),
        ('е', 'e'),
        ('о', 'o'),
        ('р', 'p'),
        ('с', 'c'),
        ('у', 'y'),
        ('х', 'x'),
        ('і', 'i'),
        ('ј', 'j'),
        ('ѕ', 's'),
        ('ԁ', 'd'),
        ('һ', 'h'),
        ('ӏ', 'l'),
        ('ԛ', 'q'),
        ('ԝ', 'w'),
        ('А', 'A'),
        ('В', 'B'),
        ('Е', 'E'),
        ('К', 'K'),
        ('М', 'M'),
        ('Н', 'H'),
        ('О', 'O'),
        ('Р', 'P'),
        ('С', 'C'),
        ('Т', 'T'),
        ('Х', 'X'),
        ('І', 'I'),
        ('Ј', 'J'),
        ('Ѕ', 'S'),
    ];
    const GREEK: &[(char, char)] = &[
        ('α', 'a'),
        ('ο', 'o'),
        ('ν', 'v'),
        ('ι', 'i'),
        ('κ', 'k'),
        ('ρ', 'p'),
        ('τ', 't'),
        ('υ', 'u'),
        ('Α', 'A'),
        ('Β', 'B'),
        ('Ε', 'E'),
        ('Ζ', 'Z'),
        ('Η', 'H'),
        ('Ι', 'I'),
        ('Κ', 'K'),
        ('Μ', 'M'),
        ('Ν', 'N'),
        ('Ο', 'O'),
        ('Ρ', 'P'),
        ('Τ', 'T'),
        ('Υ', 'Y'),
        ('Χ', 'X'),
    ];
    let code = format!("U+{:04X}", c as u32);
    if let Some((_, like)) = CYRILLIC.iter().find(|(l, _)| *l == c) {
        return Some((Some(*like), format!("the Cyrillic letter `{c}` ({code})")));
    }
    if let Some((_, like)) = GREEK.iter().find(|(l, _)| *l == c) {
        return Some((Some(*like), format!("the Greek letter `{c}` ({code})")));
    }
    if let Some(what) = hidden(c) {
        return Some((None, what));
    }
    let named = |like: Option<char>, name: &str| Some((like, format!("{name} ({code})")));
    match c {
        '\u{a0}' => named(Some(' '), "a non-breaking space"),
        '\u{202f}' => named(Some(' '), "a narrow non-breaking space"),
        '\u{2000}'..='\u{200a}' | '\u{3000}' | '\u{205f}' => {
            named(Some(' '), "a typographic space")
        }
        '\u{2010}' | '\u{2011}' => named(Some('-'), "a typographic hyphen"),
        '\u{2012}' => named(Some('-'), "a figure dash"),
        '\u{2013}' => named(Some('-'), "an en dash"),
        '\u{2014}' => named(Some('-'), "an em dash"),
        '\u{2212}' => named(Some('-'), "a minus sign"),
        '\u{ff01}'..='\u{ff5e}' => {
            let like = char::from_u32(c as u32 - 0xfee0)?;
            Some((
                Some(like),
                format!("the full-width character `{c}` ({code})"),
            ))
        }
        _ => None,
    }
}

/// A character that cannot be seen, or that changes the direction of the text around it, in
/// words: "a zero-width space (U+200B)". `None` for every other character.
pub fn hidden(c: char) -> Option<String> {
    if c.is_ascii() {
        return None;
    }
    let what = match c {
        '\u{200b}' => "a zero-width space",
        '\u{200c}' => "a zero-width non-joiner",
        '\u{200d}' => "a zero-width joiner",
        '\u{2060}' => "a word joiner",
        '\u{feff}' => "a byte-order mark",
        '\u{ad}' => "a soft hyphen",
        '\u{180e}' => "a Mongolian vowel separator",
        '\u{200e}' | '\u{200f}' | '\u{61c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            "a text-direction mark"
        }
        _ => return None,
    };
    Some(format!("{what} (U+{:04X})", c as u32))
}

/// `a`, `a or b`, `a, b or c`: a list for a message, cut after `MAX_LISTED` entries (`a`, `b`,
/// … and 12 more).
pub fn one_of(items: &[impl AsRef<str>]) -> String {
    if items.is_empty() {
        return "nothing".to_string();
    }
    let quoted: Vec<String> = items
        .iter()
        .take(MAX_LISTED + 1)
        .map(|i| format!("`{}`", i.as_ref()))
        .collect();
    cut_list(&quoted, items.len(), MAX_LISTED, ", ", " or ")
}

/// The most entries a list in a message names; the rest are counted ("and 12 more"). A file
/// can hold thousands of names, and a message given once per bad value that named them all
/// would make a small file print gigabytes: with the cut, each message is bounded whatever
/// the file holds.
pub const MAX_LISTED: usize = 20;

/// The one cut of a list in a message: the first `most` of `items` (of `total` in all: a caller
/// may give only those it will show) joined by `sep`, the last two by `last` when none is cut,
/// and otherwise the number not named: `a, b, c and 12 more`.
pub fn cut_list(
    items: &[impl AsRef<str>],
    total: usize,
    most: usize,
    sep: &str,
    last: &str,
) -> String {
    let shown: Vec<&str> = items.iter().take(most).map(AsRef::as_ref).collect();
    let total = total.max(items.len());
    if total > shown.len() {
        return format!("{} and {} more", shown.join(sep), total - shown.len());
    }
    match shown.split_last() {
        None => String::new(),
        Some((only, [])) => (*only).to_string(),
        Some((end, rest)) => format!("{}{last}{end}", rest.join(sep)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_words_only() {
        let c = ["visitor-centre", "extended-visits", "family-learning"];
        assert_eq!(closest("extended-visit", c), Some("extended-visits".into()));
        assert_eq!(closest("vistor-centre", c), Some("visitor-centre".into()));
        assert_eq!(closest("budget", c), None);
    }

    #[test]
    fn suggestions_cost_no_more_than_their_allowance() {
        reset_suggestions();
        let long: Vec<String> = (0..5_000)
            .map(|i| format!("{}-{i}", "x".repeat(1_000)))
            .collect();
        let started = std::time::Instant::now();
        for i in 0..20 {
            let _ = closest(
                &format!("{}-{i}y", "x".repeat(1_000)),
                long.iter().map(String::as_str),
            );
        }
        // 100,000 comparisons asked for; the allowance stops them at 50,000.
        assert!(!compare_once());
        assert_eq!(closest("vistor-centre", ["visitor-centre"]), None);
        reset_suggestions();
        assert_eq!(
            closest("vistor-centre", ["visitor-centre"]),
            Some("visitor-centre".into())
        );
        assert!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "{:?}",
            started.elapsed()
        );
    }

    #[test]
    fn lookalikes_are_named() {
        let l = lookalike("farmer-offer/visitor-c\u{435}ntre").unwrap();
        assert_eq!(l.looks_like, Some('e'));
        assert_eq!(l.plain, "farmer-offer/visitor-centre");
        assert_eq!(
            l.describe(),
            "contains a character that looks like `e` but is not"
        );
        assert_eq!(l.what, "the Cyrillic letter `е` (U+0435)");
        let l = lookalike("visitor\u{200d}-centre").unwrap();
        assert_eq!(l.plain, "visitor-centre");
        assert_eq!(l.what, "a zero-width joiner (U+200D)");
        assert_eq!(lookalike("a\u{a0}b").unwrap().plain, "a b");
        assert_eq!(lookalike("visitor-centre"), None);
        assert_eq!(lookalike("café"), None);
    }

    #[test]
    fn lists_read_naturally() {
        assert_eq!(one_of(&["a"]), "`a`");
        assert_eq!(one_of(&["a", "b", "c"]), "`a`, `b` or `c`");
        let many: Vec<String> = (0..5000).map(|i| format!("f{i}")).collect();
        let cut = one_of(&many);
        assert!(cut.starts_with("`f0`, `f1`, "), "{cut}");
        assert!(cut.ends_with(", `f19` and 4980 more"), "{cut}");
        assert_eq!(one_of(&many[..20]).matches('`').count(), 40);
        assert!(one_of(&many[..20]).ends_with("`f18` or `f19`"));
    }
}
