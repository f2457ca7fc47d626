//! A problem as a person reads it: the message, the place, the offending line with a caret under
//! the value, then what was expected, what was found and a suggestion.

use std::fmt::Write as _;

use crate::diag::source::SourceFile;
use crate::diag::{Diagnostic, Severity};

impl Diagnostic {
    /// The message as a person reads it, with the offending line when the file is at hand.
    pub fn render(&self, source: Option<&SourceFile>) -> String {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut out = format!("{label}: {}\n", shown_text(&self.message));
        if self.sheet > 0 {
            self.render_cell(&mut out, source);
            return out;
        }
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
            let width = match self.width {
                0 => token_width(&plain, start_in, toml),
                known => known,
            };
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
        self.render_notes(&mut out, &gutter);
        out
    }

    /// What was expected, what was found and the suggestion, under the place.
    fn render_notes(&self, out: &mut String, gutter: &str) {
        for (name, value) in [
            ("expected", &self.expected),
            ("found", &self.found),
            ("help", &self.help),
        ] {
            if let Some(v) = value {
                let _ = writeln!(out, "{gutter} = {name}: {}", shown_text(v));
            }
        }
    }

    /// A problem in a workbook: the file, sheet and cell, then the cell's text (its first line)
    /// as the cell's name and the text, with a caret under it.
    fn render_cell(&self, out: &mut String, source: Option<&SourceFile>) {
        let sheet_name = self
            .sheet_name
            .clone()
            .or_else(|| source.and_then(|s| s.sheet_name(self.sheet).map(str::to_string)));
        let mut named = self.clone();
        named.sheet_name = sheet_name;
        let place = match named.place_in_file() {
            Some(p) => format!("{}, {p}", self.file.display()),
            None => self.file.display().to_string(),
        };
        let cell = self.pos().cell_name().unwrap_or_default();
        let gutter = " ".repeat(cell.chars().count().max(1));
        let _ = writeln!(out, "{gutter}--> {place}");
        let text = source
            .and_then(|s| s.cell(self.pos()))
            .filter(|t| !t.trim().is_empty());
        if let Some(text) = text.as_deref() {
            let mut lines = text.lines();
            let first = lines.next().unwrap_or("");
            let mut chars = first.chars();
            let mut shown: String = chars.by_ref().take(SHOWN_LINE_CHARS).map(visible).collect();
            let width = shown.chars().count().max(1);
            if chars.next().is_some() || lines.next().is_some() {
                shown.push('…');
            }
            let _ = writeln!(out, "{gutter} |");
            let _ = writeln!(out, "{cell} | {shown}");
            let _ = writeln!(out, "{gutter} | {}", "^".repeat(width));
        }
        self.render_notes(out, &gutter);
    }
}

/// The most characters of a line shown under a message; a longer line is cut around the place.
const SHOWN_LINE_CHARS: usize = 100;

/// The most characters of one quoted value (between backticks) shown in a message.
const SHOWN_VALUE_CHARS: usize = 120;

/// The most characters of one line of a message (the message itself, or what was expected,
/// found or suggested): with lists cut at `MAX_LISTED` entries and values at
/// `SHOWN_VALUE_CHARS`, no message made by `ties` comes near it; text from a file full of
/// backquotes could, and is cut here.
pub const SHOWN_MESSAGE_CHARS: usize = 4_000;

/// What a control character is, in words, with its code and how messages show it: "an escape
/// character (U+001B), shown here as `␛`".
pub fn control_found(c: char) -> String {
    let name = match c {
        '\u{0}' => "a NUL character",
        '\u{1b}' => "an escape character",
        '\u{7}' => "a bell character",
        '\u{8}' => "a backspace character",
        '\u{c}' => "a page break",
        '\r' => "a carriage return without a line feed after it",
        '\n' => "a line break",
        '\t' => "a tab",
        _ => "an invisible control character",
    };
    format!(
        "{name} (U+{:04X}), shown here as `{}`",
        c as u32,
        visible(c)
    )
}

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
        | '\u{61c}'
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
    // Characters shown so far, about: a message made of many short values is cut as a whole.
    let mut shown = 0;
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
        shown += count.min(limit) + 1;
        if shown > SHOWN_MESSAGE_CHARS {
            let _ = write!(
                out,
                "… (cut here: the whole is {} characters)",
                text.chars().count()
            );
            return out;
        }
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

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::diag::source::Pos;

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
    fn a_message_of_many_short_values_is_cut_as_a_whole() {
        // Text from a file full of backquotes: each value is short, and there are a million.
        let text = "`a`, ".repeat(1_000_000);
        let d = Diagnostic::error(Path::new("a.yaml"), Pos::FILE, text.clone()).found(text);
        let shown = d.render(None);
        assert!(
            shown.len() < 3 * (SHOWN_MESSAGE_CHARS + 100),
            "{}",
            shown.len()
        );
        assert!(
            shown.contains("… (cut here: the whole is 5000000 characters)"),
            "{shown}"
        );
    }

    #[test]
    fn cells_are_placed_by_sheet_and_cell() {
        let mut cells = std::collections::BTreeMap::new();
        cells.insert(Pos::cell(2, 12, 5), "Fully in plce".to_string());
        cells.insert(Pos::cell(2, 13, 8), "first line\nsecond".to_string());
        let sheets = crate::diag::source::Sheets {
            names: vec!["Start here".into(), "Farmer offer".into()],
            cells: std::sync::Arc::new(cells),
            layout: Default::default(),
        };
        let src = SourceFile::workbook("a.xlsx", sheets);
        let d = Diagnostic::error(
            Path::new("a.xlsx"),
            Pos::cell(2, 12, 5),
            "`Fully in plce` is not a level of the Provision scale",
        )
        .found("`Fully in plce`")
        .suggest(Some("Fully in place".into()));
        assert_eq!(
            d.render(Some(&src)),
            "error: `Fully in plce` is not a level of the Provision scale\n   \
             --> a.xlsx, sheet \"Farmer offer\", cell E12\n    |\nE12 | Fully in plce\n    \
             | ^^^^^^^^^^^^^\n    = found: `Fully in plce`\n    = help: did you mean `Fully in place`?\n"
        );
        // Without the file at hand, the sheet is named by its number; a second line is cut.
        assert!(d.render(None).contains("--> a.xlsx, sheet 2, cell E12\n"));
        let d = Diagnostic::warning(Path::new("a.xlsx"), Pos::cell(2, 13, 8), "here");
        assert!(d.render(Some(&src)).contains("H13 | first line…\n"));
        let d = Diagnostic::error(Path::new("a.xlsx"), Pos::cell(2, 0, 0), "no rows");
        assert_eq!(
            d.render(Some(&src)),
            "error: no rows\n --> a.xlsx, sheet \"Farmer offer\"\n"
        );
    }

    /// A check that knows what it matched (a phone number in a narrative) underlines that, not
    /// the rest of the line.
    #[test]
    fn a_known_width_is_underlined_as_it_is() {
        let line = "narrative: The hall holds 0161 496 0000 seats and more words after it";
        let src = SourceFile::new("a.yaml", line);
        let at = line.find("0161").unwrap() + 1;
        let d = Diagnostic::warning(
            Path::new("a.yaml"),
            Pos::new(1, at),
            "looks like a phone number",
        )
        .width("0161 496 0000".len());
        let shown = d.render(Some(&src));
        let caret = shown.lines().nth(4).unwrap();
        assert_eq!(
            caret.trim_start_matches(['|', ' ']),
            "^".repeat(13),
            "{shown}"
        );
        assert_eq!(caret.find('^'), Some(4 + at - 1), "{shown}");
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
}
