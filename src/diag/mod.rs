//! Problems found in input files, and the one place that turns them into messages.
//!
//! Every problem carries its file and position; the renderer shows the offending line with a
//! caret under it, then what was expected, what was found and a suggestion where there is one.

pub mod source;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::diag::source::{Pos, SourceFile};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub found: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(file: &Path, pos: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Error, file, pos, message)
    }

    pub fn warning(file: &Path, pos: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Warning, file, pos, message)
    }

    fn new(severity: Severity, file: &Path, pos: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity,
            file: file.to_path_buf(),
            line: pos.line,
            column: pos.col,
            message: message.into(),
            expected: None,
            found: None,
            help: None,
        }
    }

    pub fn expected(mut self, text: impl Into<String>) -> Diagnostic {
        self.expected = Some(text.into());
        self
    }

    pub fn found(mut self, text: impl Into<String>) -> Diagnostic {
        self.found = Some(text.into());
        self
    }

    pub fn help(mut self, text: impl Into<String>) -> Diagnostic {
        self.help = Some(text.into());
        self
    }

    /// Adds "did you mean ...?" when a suggestion exists.
    pub fn suggest(self, suggestion: Option<String>) -> Diagnostic {
        match suggestion {
            Some(s) => self.help(format!("did you mean `{s}`?")),
            None => self,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    pub fn pos(&self) -> Pos {
        Pos::new(self.line, self.column)
    }

    /// The message as a person reads it, with the offending line when the file is at hand.
    pub fn render(&self, source: Option<&SourceFile>) -> String {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut out = format!("{label}: {}\n", shown_text(&self.message));
        let place = if self.line > 0 {
            format!("{}:{}:{}", self.file.display(), self.line, self.column)
        } else {
            self.file.display().to_string()
        };
        let line_text = source.and_then(|s| s.line(self.line));
        let gutter = " ".repeat(self.line.to_string().len());
        let _ = writeln!(out, "{gutter}--> {place}");
        if let Some(text) = line_text {
            // A byte-order mark is invisible and not counted in columns.
            let text = text.trim_start_matches('\u{feff}');
            let start = self.column.max(1) - 1;
            // A long line is shown in part, around the place: SHOWN_LINE_CHARS at most. Only
            // the characters near the place are looked at, so a line of a million characters
            // costs no more than a short one.
            let skip = start.saturating_sub(SHOWN_LINE_CHARS);
            let mut rest = text.chars().skip(skip);
            let chars: Vec<char> = rest.by_ref().take(2 * SHOWN_LINE_CHARS + 1).collect();
            let more = rest.next().is_some();
            let start_in = start - skip;
            let toml = crate::diag::source::has_extension(&self.file, "toml");
            let plain: String = chars
                .iter()
                .map(|c| if *c == '\t' { ' ' } else { *c })
                .collect();
            let width = token_width(&plain, start_in, toml);
            let from = start_in
                .saturating_sub(SHOWN_LINE_CHARS / 3)
                .min(chars.len().saturating_sub(SHOWN_LINE_CHARS));
            let to = (from + SHOWN_LINE_CHARS).min(chars.len());
            let cut_before = skip + from > 0;
            let mut shown: String = if cut_before {
                "…".into()
            } else {
                String::new()
            };
            shown.extend(chars[from..to].iter().map(|c| visible(*c)));
            if to < chars.len() || more {
                shown.push('…');
            }
            let caret_at = start_in - from + usize::from(cut_before);
            let width = width.min(to.saturating_sub(start_in)).max(1);
            let _ = writeln!(out, "{gutter} |");
            let _ = writeln!(out, "{} | {}", self.line, shown);
            let _ = writeln!(
                out,
                "{gutter} | {}{}",
                " ".repeat(caret_at),
                "^".repeat(width)
            );
        }
        for (name, value) in [
            ("expected", &self.expected),
            ("found", &self.found),
            ("help", &self.help),
        ] {
            if let Some(v) = value {
                let _ = writeln!(out, "{gutter} = {name}: {}", shown_text(v));
            }
        }
        out
    }
}

/// The most characters of a line shown under a message; a longer line is cut around the place.
const SHOWN_LINE_CHARS: usize = 100;

/// The most characters of one quoted value (between backticks) shown in a message.
const SHOWN_VALUE_CHARS: usize = 120;

/// A character as it is shown in a message: a tab as `→` and other control characters as their
/// visible symbols (`␀`, `␛`), each one column wide so the caret still points at the right
/// place; characters that cannot be seen or would reorder the text on screen as `�`.
pub fn visible(c: char) -> char {
    match c {
        '\t' => '→',
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('�'),
        '\u{7f}' => '␡',
        // C1 controls; marks that reorder text; characters that take no space at all.
        '\u{80}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200b}'..='\u{200f}'
        | '\u{2060}'
        | '\u{feff}'
        | '\u{ad}' => '�',
        _ => c,
    }
}

/// Message text as shown: control characters made visible, and a very long quoted value (an id
/// of a thousand characters) cut short, so one line of a message stays readable.
fn shown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(1024));
    // Said after the closing backtick of a value that was cut.
    let mut note = String::new();
    for (i, part) in text.split('`').enumerate() {
        if i > 0 {
            out.push('`');
            out.push_str(&std::mem::take(&mut note));
        }
        let quoted = i % 2 == 1;
        let limit = if quoted {
            SHOWN_VALUE_CHARS
        } else {
            SHOWN_VALUE_CHARS * 3
        };
        let count = part.chars().count();
        out.extend(part.chars().take(limit).map(visible));
        if count > limit {
            out.push('…');
            note = format!(" ({count} characters in all)");
            if !quoted {
                out.push_str(&std::mem::take(&mut note));
            }
        }
    }
    out.push_str(&note);
    out
}

/// How many characters the caret should underline: the word or value starting at `start`.
///
/// In block context a plain value runs to the end of the line (`name: HMP Example`), so the whole
/// value is underlined; in a `[...]` or `{...}` list (and in TOML) it ends at the next space, `,`,
/// `]` or `}`; a quoted value ends at its closing quote; a field name ends at its `:`.
fn token_width(line: &str, start: usize, toml: bool) -> usize {
    let chars: Vec<char> = line.chars().collect();
    if start >= chars.len() {
        return 1;
    }
    let rest = &chars[start..];
    if rest.starts_with(&['-', ' ']) {
        return 1;
    }
    if let Some(&q) = rest.first().filter(|c| **c == '"' || **c == '\'') {
        let mut n = 1;
        while n < rest.len() {
            if rest[n] == '\\' && q == '"' {
                n += 2;
                continue;
            }
            if rest[n] == q {
                return n + 1;
            }
            n += 1;
        }
        return rest.len();
    }
    let depth: i32 = chars[..start]
        .iter()
        .map(|c| match c {
            '[' | '{' => 1,
            ']' | '}' => -1,
            _ => 0,
        })
        .sum();
    // TOML has no unquoted text, so a value there ends at a space, except for the mistake of
    // writing text without quotes after `=`, which runs to the end of the line.
    let after_equals = chars[..start]
        .iter()
        .rev()
        .find(|c| !c.is_whitespace())
        .is_some_and(|c| *c == '=');
    let in_flow = depth > 0 || (toml && !after_equals);
    let mut n = 0;
    while n < rest.len() {
        let c = rest[n];
        let next_is_space = rest.get(n + 1).is_none_or(|c| c.is_whitespace());
        if c == ':' && next_is_space {
            break;
        }
        if c == '#' && n > 0 && rest[n - 1].is_whitespace() {
            break;
        }
        if in_flow && (c == ',' || c == ']' || c == '}') {
            break;
        }
        if c.is_whitespace() && (in_flow || n == 0) {
            break;
        }
        n += 1;
    }
    // Trailing spaces before a comment or the end of the line are not part of the value.
    while n > 0 && rest[n - 1].is_whitespace() {
        n -= 1;
    }
    n.max(1)
}

/// All the problems found in one or more files.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn errors(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.items.len() - self.errors()
    }

    /// Only the errors, without the warnings.
    pub fn errors_only(self) -> Diagnostics {
        Diagnostics {
            items: self
                .items
                .into_iter()
                .filter(Diagnostic::is_error)
                .collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorted by file, then position, so output is the same whatever order checks ran in.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.severity, &a.message)
                .cmp(&(&b.file, b.line, b.column, b.severity, &b.message))
        });
        self.items.dedup();
    }
}

/// The closest of `candidates` to `word`, when it is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let lower = word.to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(&lower, &c.to_lowercase());
        let contains = !lower.is_empty() && (c.contains(lower.as_str()) || lower.contains(c));
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
    let named = |like: Option<char>, name: &str| Some((like, format!("{name} ({code})")));
    match c {
        '\u{a0}' => named(Some(' '), "a non-breaking space"),
        '\u{202f}' => named(Some(' '), "a narrow non-breaking space"),
        '\u{2000}'..='\u{200a}' | '\u{3000}' | '\u{205f}' => {
            named(Some(' '), "a typographic space")
        }
        '\u{200b}' => named(None, "a zero-width space"),
        '\u{200c}' => named(None, "a zero-width non-joiner"),
        '\u{200d}' => named(None, "a zero-width joiner"),
        '\u{2060}' => named(None, "a word joiner"),
        '\u{feff}' => named(None, "a byte-order mark"),
        '\u{ad}' => named(None, "a soft hyphen"),
        '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            named(None, "a text-direction mark")
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

/// `a`, `a or b`, `a, b or c`: a list for a message.
pub fn one_of(items: &[impl AsRef<str>]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("`{}`", i.as_ref())).collect();
    match quoted.len() {
        0 => "nothing".to_string(),
        1 => quoted[0].clone(),
        n => format!("{} or {}", quoted[..n - 1].join(", "), quoted[n - 1]),
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
    fn renders_line_and_caret() {
        let src = SourceFile::new("a.yaml", "id: x\nrating: excelent\n");
        let d = Diagnostic::error(Path::new("a.yaml"), Pos::new(2, 9), "not a level")
            .expected("`good` or `excellent`")
            .found("`excelent`")
            .suggest(Some("excellent".into()));
        assert_eq!(
            d.render(Some(&src)),
            "error: not a level\n --> a.yaml:2:9\n  |\n2 | rating: excelent\n  |         ^^^^^^^^\n  \
             = expected: `good` or `excellent`\n  = found: `excelent`\n  = help: did you mean `excellent`?\n"
        );
    }

    #[test]
    fn long_lines_and_values_are_cut_and_control_characters_shown() {
        let long = format!("id: {}x{}\n", "a".repeat(5000), "b".repeat(5000));
        let src = SourceFile::new("a.yaml", long.clone());
        let d = Diagnostic::error(Path::new("a.yaml"), Pos::new(1, 5005), "here")
            .found(format!("`{}`", &long[4..long.len() - 1]));
        let shown = d.render(Some(&src));
        assert!(shown.lines().all(|l| l.chars().count() < 200), "{shown}");
        let lines: Vec<&str> = shown.lines().collect();
        let caret = lines[4].find('^').unwrap();
        assert_eq!(lines[3].chars().nth(caret), Some('x'), "{shown}");
        assert!(shown.contains("…` (10001 characters in all)"), "{shown}");

        let src = SourceFile::new("a.yaml", "a: \u{1b}[2Jx\u{0}\n");
        let d = Diagnostic::error(Path::new("a.yaml"), Pos::new(1, 9), "a `\u{1b}`");
        let shown = d.render(Some(&src));
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{0}'),
            "{shown:?}"
        );
        assert!(shown.contains("a: ␛[2Jx␀"), "{shown}");
    }

    #[test]
    fn carets_underline_the_whole_value() {
        // A plain value in block context runs to the end of the line, before any comment.
        assert_eq!(token_width("name: HMP Example  # note", 6, false), 11);
        // In a list it ends at the comma or bracket.
        assert_eq!(token_width("tags: [a b, c]", 7, false), 1);
        assert_eq!(token_width("x: { id: in progress, y: 1 }", 9, false), 2);
        // A field name ends at its colon; quoted text at its closing quote.
        assert_eq!(token_width("  narative: text", 2, false), 8);
        assert_eq!(token_width("scale = \"provison\" # x", 8, true), 10);
        // TOML values end at a space, except unquoted text after `=`.
        assert_eq!(token_width("weight = -1 # x", 9, true), 2);
        assert_eq!(token_width("title = A broken framework", 8, true), 18);
        assert_eq!(token_width("promts = [1]", 0, true), 6);
        // Past the end of the line, or at a space, one caret.
        assert_eq!(token_width("a: ", 10, false), 1);
        assert_eq!(token_width(" x", 0, false), 1);
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
    }
}
