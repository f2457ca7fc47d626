//! A YAML mistake in plain words, for a person who is not a programmer, pointing at the mistake
//! itself where it can be found (a tab, an unclosed bracket, the second `---`) rather than where
//! the library gave up.

use super::limits::{self, MAX_DEPTH, MAX_NAME_CHARS};
use super::mistake::{Mistake, Report};
use super::place::{
    char_at, find_tab, first_use_of_key, last_document_marker, line_start, opening_quote_before,
    unclosed_bracket,
};
use crate::diag::Diagnostic;
use crate::diag::source::{Pos, SourceFile};

/// What to do about a line at the wrong indentation.
const INDENTATION: &str =
    "lines in the same group must start at the same column, indented with spaces";

/// Explains what the library reported.
pub fn explain(file: &SourceFile, report: &Report) -> Diagnostic {
    let pos = report.pos;
    if let Mistake::Limit(limit) = report.mistake {
        return limits::explain(file, limit, pos);
    }
    if let Some(d) = control_character(file, pos) {
        return d;
    }
    // These say exactly what is wrong, so they come before the guesses about quotes and
    // brackets below.
    match &report.mistake {
        Mistake::DuplicateName(name) => return duplicate_name(file, pos, name),
        Mistake::Tab => return tab(file, pos),
        Mistake::SecondDocument => return second_document(file, pos),
        Mistake::NotFinite(word) => return not_finite(file, pos, word),
        Mistake::TooDeep => return too_deep(file, pos),
        _ => {}
    }
    if report.mistake == Mistake::QuotedTextIndent
        && let Some((open, quote)) = opening_quote_before(file, pos.line)
    {
        return quote_runs_on(file, open, quote, pos);
    }
    // A bracket left open is the usual cause of a mistake reported some lines later.
    if pos.is_known()
        && let Some((open, bracket)) = unclosed_bracket(file, pos)
    {
        return never_closed(file, open, bracket);
    }
    explain_at(file, report)
}

/// The mistakes that are where the library saw them.
fn explain_at(file: &SourceFile, report: &Report) -> Diagnostic {
    let pos = report.pos;
    let error = |text: &str| Diagnostic::error(&file.path, pos, text.to_string());
    match report.mistake {
        Mistake::UnclosedQuote => unclosed_quote(file, pos),
        Mistake::StrayColon => stray_colon(file, pos),
        Mistake::Indentation | Mistake::QuotedTextIndent => indentation(file, pos),
        Mistake::MismatchedBracket { open, close } => mismatched_bracket(file, pos, open, close),
        Mistake::UnclosedBracket(open) => never_closed(file, pos, open),
        Mistake::NameNotText => error("this `{ ... }` group is not written correctly").help(
            "a `}` may only end the group; put text that contains `{`, `}`, `[`, `]` or `,` in double quotes",
        ),
        Mistake::ByteOrderMark => byte_order_mark(file, pos),
        Mistake::TextAfterQuote => error("there is more text after the closing quote")
            .help("put the whole value inside the quotes"),
        Mistake::BlockHeader => error("text after `|` or `>` must start on the next line")
            .help("put the text on the lines below, indented further than the field's name"),
        Mistake::DocumentStart => Diagnostic::error(
            &file.path,
            line_start(file, pos),
            "this line does not belong to anything above it",
        )
        .help(
            "each line is a `name: value`, a `- ` list entry or a comment starting with `#`; \
             check the indentation, and that the lines above are not missing a `name:`",
        ),
        Mistake::Reserved if let Some(c) = reserved(file, pos) => reserved_start(file, pos, c),
        Mistake::UnknownAnchor => error(
            "`*` here refers to an anchor (`&name`) that the file does not define",
        )
        .help("if the value is text, put it in double quotes"),
        Mistake::SelfReference => error("`*` here refers to the value it is part of")
            .help("write the value out in full instead of referring to it with `*`"),
        _ => error(&format!("this is not valid YAML: {}", report.message)).help(
            "check the indentation, and put text that contains `: ` or starts with a symbol in quotes",
        ),
    }
}

fn duplicate_name(file: &SourceFile, pos: Pos, name: &str) -> Diagnostic {
    let first = first_use_of_key(file, name, pos);
    let help = match first {
        Some(line) => format!(
            "it is first given on line {line}; keep one of them (or merge the two) and remove the other"
        ),
        None => "keep one of them (or merge the two) and remove the other".to_string(),
    };
    let found = match first {
        Some(line) => format!("`{name}` on line {line} and again on line {}", pos.line),
        None => format!("`{name}` twice"),
    };
    Diagnostic::error(
        &file.path,
        pos,
        format!("`{name}` is given twice in the same group"),
    )
    .expected("each name once in a group")
    .found(found)
    .help(help)
}

fn tab(file: &SourceFile, pos: Pos) -> Diagnostic {
    let at = find_tab(file, pos.line).unwrap_or(pos);
    Diagnostic::error(
        &file.path,
        at,
        "this line is indented with a tab, which YAML does not allow",
    )
    .expected("spaces")
    .found("a tab")
    .help("indent with spaces only (most editors can be set to type spaces for the Tab key)")
}

fn second_document(file: &SourceFile, pos: Pos) -> Diagnostic {
    let at = last_document_marker(file, pos.line).unwrap_or(pos);
    Diagnostic::error(&file.path, at, "the file holds more than one document: a `---` line starts a second one")
        .expected("one document in the file")
        .found("a second `---` line")
        .help("keep one assessment or framework per file: remove this `---` line, or move what follows it to a file of its own")
}

fn not_finite(file: &SourceFile, pos: Pos, word: &str) -> Diagnostic {
    Diagnostic::error(
        &file.path,
        pos,
        format!("`{word}` is not a number ties can use"),
    )
    .expected("an ordinary number, such as 412 or 0.62")
    .found(format!("`{word}`"))
}

fn too_deep(file: &SourceFile, pos: Pos) -> Diagnostic {
    Diagnostic::error(&file.path, pos, "the file is nested too deeply")
        .expected(format!(
            "at most {MAX_DEPTH} levels of groups and lists inside each other \
             (a real file needs fewer than ten)"
        ))
        .help("check that each `[` is closed with `]` and each `{` with `}`")
}

/// Quoted text that runs on to a line the library cannot read as part of it: its closing
/// quote is missing.
fn quote_runs_on(file: &SourceFile, open: Pos, quote: char, pos: Pos) -> Diagnostic {
    Diagnostic::error(
        &file.path,
        open,
        format!("this text starts with `{quote}` but has no closing `{quote}` on its line"),
    )
    .expected(format!("`{quote}` at the end of the text"))
    .found(format!(
        "the text runs on to line {}, which is not indented under it",
        pos.line
    ))
    .help(format!("add `{quote}` at the end of the text"))
}

/// What a `{` or a `[` opens, and the bracket that closes it.
fn opened_by(bracket: char) -> (&'static str, char) {
    if bracket == '{' {
        ("group", '}')
    } else {
        ("list", ']')
    }
}

/// A `[` or `{` at `open` that is never closed.
fn never_closed(file: &SourceFile, open: Pos, bracket: char) -> Diagnostic {
    let (what, close) = opened_by(bracket);
    Diagnostic::error(
        &file.path,
        open,
        format!("this {what} is opened with `{bracket}` but never closed"),
    )
    .expected(format!("`{close}` at the end of the {what}"))
    .found(format!("no closing `{close}`"))
    .help(format!("add `{close}` after the last entry"))
}

fn unclosed_quote(file: &SourceFile, pos: Pos) -> Diagnostic {
    let quote = char_at(file, pos)
        .filter(|c| *c == '"' || *c == '\'')
        .unwrap_or('"');
    Diagnostic::error(
        &file.path,
        pos,
        format!("this text starts with `{quote}` but has no closing `{quote}`"),
    )
    .expected(format!("`{quote}` at the end of the text"))
    .found(format!("no closing `{quote}`"))
    .help(format!("add `{quote}` at the end of the text"))
}

/// A `:` where YAML expected a value: a name too long for YAML to see it as a name, text with a
/// second `: ` in it, or a line at the wrong indentation.
fn stray_colon(file: &SourceFile, pos: Pos) -> Diagnostic {
    let line = file.line(pos.line).unwrap_or("");
    let name_chars = line
        .chars()
        .take(pos.col.saturating_sub(1))
        .skip_while(|c| *c == ' ' || *c == '-')
        .count();
    if name_chars > MAX_NAME_CHARS {
        return Diagnostic::error(&file.path, line_start(file, pos), "the name before `:` is too long")
            .expected(format!("at most {MAX_NAME_CHARS} characters before the `:`"))
            .found(format!("{name_chars} characters"))
            .help("a name is a word or an id such as `farmer-offer/visitor-centre`; check that a line break has not been lost");
    }
    if line.matches(": ").count() + usize::from(line.trim_end().ends_with(':')) >= 2 {
        let value = line.split_once(": ").map_or("", |(_, v)| v.trim());
        let key = line.split_once(": ").map_or("", |(k, _)| k.trim());
        return Diagnostic::error(
            &file.path,
            pos,
            "this line has a second `: ` in it, so YAML cannot tell where the value starts",
        )
        .help(format!(
            "put the text in quotes: `{key}: \"{}\"`",
            value.replace('"', "'")
        ));
    }
    indentation(file, pos)
}

/// A line YAML cannot fit in with the lines around it. The mistake is often on the line before:
/// a name and its value with no space after the `:`, which YAML reads as one piece of text, or a
/// line indented by an amount no other line in the file uses.
fn indentation(file: &SourceFile, pos: Pos) -> Diagnostic {
    let before = previous_content_line(file, pos.line);
    if let Some((n, line)) = before
        && let Some(d) = missing_space(file, n, line)
    {
        return d;
    }
    let here = line_start(file, pos);
    let at = match before {
        Some((n, line)) if rarer_indent(file, indent_of(line), here.col - 1) => {
            line_start(file, Pos::new(n, 1))
        }
        _ => here,
    };
    Diagnostic::error(
        &file.path,
        at,
        "this line is indented differently from the lines around it",
    )
    .help(INDENTATION)
}

/// `name:value` with no space after the colon: YAML reads the whole line as text, so the lines
/// below it no longer fit.
pub fn missing_space(file: &SourceFile, n: usize, line: &str) -> Option<Diagnostic> {
    let text = line.trim_start_matches([' ', '-']);
    let (name, value) = text.split_once(':')?;
    let plain_name = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || "_-/".contains(c));
    let value = value.trim_end();
    if !plain_name || value.is_empty() || value.starts_with([' ', '/']) || text.contains(": ") {
        return None;
    }
    let col = line.len() - text.len() + name.chars().count() + 1;
    Some(
        Diagnostic::error(
            &file.path,
            Pos::new(n, col),
            "a space is missing after the `:`, so this line is read as one piece of text",
        )
        .expected(format!("`{name}: {value}`"))
        .found(format!("`{name}:{value}`"))
        .help(format!("put a space after the colon: `{name}: {value}`")),
    )
}

/// The nearest line above `line` with something on it other than a comment.
fn previous_content_line(file: &SourceFile, line: usize) -> Option<(usize, &str)> {
    (1..line).rev().take(50).find_map(|n| {
        let text = file.line(n)?;
        let content = text.trim();
        (!content.is_empty() && !content.starts_with('#')).then_some((n, text))
    })
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches([' ', '-']).len()
}

/// Whether indentation `a` is used by fewer lines of the file than indentation `b`.
fn rarer_indent(file: &SourceFile, a: usize, b: usize) -> bool {
    if a == b {
        return false;
    }
    let count = |w: usize| {
        file.text
            .lines()
            .filter(|l| {
                let t = l.trim_start_matches([' ', '-']);
                !t.is_empty() && !t.starts_with('#') && indent_of(l) == w
            })
            .count()
    };
    count(a) < count(b)
}

fn mismatched_bracket(file: &SourceFile, pos: Pos, open: char, close: char) -> Diagnostic {
    let (what, want) = opened_by(open);
    Diagnostic::error(
        &file.path,
        pos,
        format!("this {what} is opened with `{open}` but closed with `{close}`"),
    )
    .expected(format!("`{want}`"))
    .found(format!("`{close}`"))
    .help(format!(
        "end the {what} with `{want}`; a `{close}` inside text needs the text in quotes"
    ))
}

fn byte_order_mark(file: &SourceFile, pos: Pos) -> Diagnostic {
    let at = file
        .text
        .char_indices()
        .skip(1)
        .find(|(_, c)| *c == '\u{feff}')
        .map_or(pos, |(i, _)| file.pos_of_offset(i));
    Diagnostic::error(
        &file.path,
        at,
        "an invisible character (a byte-order mark) is in the middle of the file",
    )
    .found("the character U+FEFF, which usually comes from pasting text from another file")
    .help("delete the start of this line and type it again")
}

/// The character at `pos`, if YAML keeps it for itself at the start of a value.
fn reserved(file: &SourceFile, pos: Pos) -> Option<char> {
    char_at(file, pos).filter(|c| ",[]{}@%`&*!|>".contains(*c))
}

fn reserved_start(file: &SourceFile, pos: Pos, c: char) -> Diagnostic {
    let line = file.line(pos.line).unwrap_or("");
    let value: String = line.chars().skip(pos.col.max(1) - 1).collect();
    let value = value.trim().replace('"', "'");
    Diagnostic::error(
        &file.path,
        pos,
        format!("a value here starts with `{c}`, which YAML keeps for itself"),
    )
    .help(format!("put the value in double quotes: `\"{value}\"`"))
}

/// A character that has no place in a text file: a NUL, an escape or another control character,
/// usually from a file saved by a program that is not a text editor, or a damaged copy.
fn control_character(file: &SourceFile, pos: Pos) -> Option<Diagnostic> {
    let line = file.line(pos.line)?;
    let control = |(_, c): &(usize, char)| c.is_control() && !matches!(c, '\t' | '\r' | '\n');
    let (col, c) = line
        .chars()
        .enumerate()
        .skip(pos.col.saturating_sub(1))
        .find(control)
        .or_else(|| line.chars().enumerate().find(control))?;
    Some(
        Diagnostic::error(
            &file.path,
            Pos::new(pos.line, col + 1),
            "this line has a control character in it, which a text file cannot hold",
        )
        .found(crate::diag::control_found(c))
        .help("delete it; if the file came from another program, save it again as plain text"),
    )
}
