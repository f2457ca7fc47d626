//! Reading YAML. The only module that knows which YAML library `ties` uses.
//!
//! The library rejects duplicate keys and enforces limits on nesting, aliases and size, so a
//! hostile file cannot exhaust memory; values are read with their line and column into a `Node`.

/// Plain YAML files read without serde: about twice as fast, the same tree (see its tests).
pub(super) mod fast;

use std::fmt;

use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_saphyr::{Options, Spanned};

use crate::diag::Diagnostic;
use crate::diag::source::{Pos, SourceFile};
use crate::load::node::{Key, Node, Value};

/// The deepest nesting a file may have: groups and lists inside each other. Real files need
/// fewer than ten levels. The same limit applies to TOML files.
pub const MAX_DEPTH: usize = 64;

/// The most values (fields, list entries and pieces of text) one YAML file may hold, counting
/// those copied by `*name` references. The largest example assessment (1,000 lines) has a few
/// thousand.
pub const MAX_VALUES: usize = 100_000;

/// The most values that `*name` references may copy in one file, in all. A few lines that refer
/// to each other can otherwise stand for billions of values (the "billion laughs" file).
pub const MAX_ALIAS_COPIES: usize = 10_000;

/// The longest name before a `:` (a field name or a `framework/item` id). YAML itself sets this
/// limit, so that a reader need not look far ahead to know whether a line starts with a name.
pub const MAX_NAME_CHARS: usize = 1024;

/// What to do with a file that has nothing in it.
const EMPTY_HELP: &str = "start an assessment with `ties init`, or copy one of the example frameworks, assessments or registers";

/// Reads a YAML file into a tree of located values.
pub fn parse(file: &SourceFile) -> Result<Node, Diagnostic> {
    let mut options = Options::default();
    options.with_snippet = false;
    // `ties` has no use for the text of comments, and keeping it makes the library refuse a
    // run of more than a few dozen comment lines in some places (as `ties init` writes them).
    options.emit_comments = false;
    if let Some(budget) = options.budget.as_mut() {
        budget.max_depth = MAX_DEPTH;
        budget.flow_nesting_limit = MAX_DEPTH;
        budget.simple_key_max_lookahead = MAX_NAME_CHARS;
        budget.max_nodes = MAX_VALUES;
        // Every value is at most two events (start and end); the value limit comes first.
        budget.max_events = 4 * MAX_VALUES;
        budget.max_aliases = MAX_ALIAS_COPIES;
        budget.max_recorded_anchor_events = MAX_ALIAS_COPIES;
    }
    options.alias_limits.max_total_replayed_events = MAX_ALIAS_COPIES;
    options.alias_limits.max_replay_stack_depth = MAX_DEPTH;
    let text = file.text.strip_prefix('\u{feff}').unwrap_or(&file.text);
    if text.trim().is_empty() {
        return Err(Diagnostic::error(&file.path, Pos::FILE, "the file is empty").help(EMPTY_HELP));
    }
    match serde_saphyr::from_str_with_options::<YamlNode>(text, options) {
        Ok(node) if node.0.value == Value::Null => Err(Diagnostic::error(
            &file.path,
            Pos::FILE,
            "the file has nothing in it but comments",
        )
        .help(EMPTY_HELP)),
        Ok(node) => Ok(node.0),
        Err(e) => Err(syntax_error(file, &e)),
    }
}

/// Turns the YAML library's error into a message for a person who is not a programmer, pointing
/// at the mistake itself where it can be found (a tab, an unclosed bracket, the second `---`).
fn syntax_error(file: &SourceFile, e: &serde_saphyr::Error) -> Diagnostic {
    let pos = e
        .location()
        .map(|l| Pos::new(l.line() as usize, l.column() as usize))
        .filter(|p| p.line > 0)
        .unwrap_or(Pos::FILE);
    if let Some(d) = over_a_limit(file, e, pos) {
        return d;
    }
    if let Some(d) = control_character(file, pos) {
        return d;
    }
    let raw = e.to_string();
    // The library appends its own "at line X column Y"; the renderer shows the place already.
    let message = raw
        .split(" at line ")
        .next()
        .unwrap_or(&raw)
        .trim()
        .to_string();
    let lower = message.to_lowercase();
    let error = |pos: Pos, text: &str| Diagnostic::error(&file.path, pos, text.to_string());
    let indentation = "lines in the same group must start at the same column, indented with spaces";

    if let Some(rest) = message.strip_prefix("duplicate mapping key: ") {
        // The library adds advice for programmers after the key: ", set DuplicateKeyPolicy ...".
        let key = rest.split(", set ").next().unwrap_or(rest).trim();
        let first = first_use_of_key(file, key, pos);
        let help = match first {
            Some(line) => format!(
                "it is first given on line {line}; keep one of them (or merge the two) and remove the other"
            ),
            None => "keep one of them (or merge the two) and remove the other".to_string(),
        };
        let found = match first {
            Some(line) => format!("`{key}` on line {line} and again on line {}", pos.line),
            None => format!("`{key}` twice"),
        };
        return error(pos, &format!("`{key}` is given twice in the same group"))
            .expected("each name once in a group")
            .found(found)
            .help(help);
    }
    if lower.contains("found a tab")
        || lower.contains("tab character")
        || lower.contains("tabs disallowed")
    {
        let at = find_tab(file, pos.line).unwrap_or(pos);
        return error(
            at,
            "this line is indented with a tab, which YAML does not allow",
        )
        .expected("spaces")
        .found("a tab")
        .help("indent with spaces only (most editors can be set to type spaces for the Tab key)");
    }
    if lower.contains("multiple yaml documents") {
        let at = last_document_marker(file, pos.line).unwrap_or(pos);
        return error(at, "the file holds more than one document: a `---` line starts a second one")
            .expected("one document in the file")
            .found("a second `---` line")
            .help("keep one assessment or framework per file: remove this `---` line, or move what follows it to a file of its own");
    }
    // These say exactly what is wrong, so they come before the guess about brackets below.
    if lower.contains("non-finite float") {
        let word = message.split('`').nth(1).unwrap_or("").to_string();
        return error(pos, &format!("`{word}` is not a number ties can use"))
            .expected("an ordinary number, such as 412 or 0.62")
            .found(format!("`{word}`"));
    }
    if lower.contains("recursion limit exceeded") {
        return error(pos, "the file is nested too deeply")
            .expected(format!(
                "at most {MAX_DEPTH} levels of groups and lists inside each other \
                 (a real file needs fewer than ten)"
            ))
            .help("check that each `[` is closed with `]` and each `{` with `}`");
    }
    if lower.contains("multiline quoted scalar")
        && let Some((open, quote)) = opening_quote_before(file, pos.line)
    {
        return error(
            open,
            &format!("this text starts with `{quote}` but has no closing `{quote}` on its line"),
        )
        .expected(format!("`{quote}` at the end of the text"))
        .found(format!(
            "the text runs on to line {}, which is not indented under it",
            pos.line
        ))
        .help(format!("add `{quote}` at the end of the text"));
    }
    if pos.is_known()
        && let Some((open, bracket)) = unclosed_bracket(file, pos)
    {
        let (what, close) = if bracket == '[' {
            ("list", ']')
        } else {
            ("group", '}')
        };
        return error(
            open,
            &format!("this {what} is opened with `{bracket}` but never closed"),
        )
        .expected(format!("`{close}` at the end of the {what}"))
        .found(format!("no closing `{close}`"))
        .help(format!("add `{close}` after the last entry"));
    }
    if lower.contains("unclosed quote") || lower.contains("quoted scalar, found unexpected end") {
        let quote = file
            .line(pos.line)
            .and_then(|l| l.chars().nth(pos.col.max(1) - 1))
            .filter(|c| *c == '"' || *c == '\'')
            .unwrap_or('"');
        return error(
            pos,
            &format!("this text starts with `{quote}` but has no closing `{quote}`"),
        )
        .expected(format!("`{quote}` at the end of the text"))
        .found(format!("no closing `{quote}`"))
        .help(format!("add `{quote}` at the end of the text"));
    }
    if lower.contains("mapping values are not allowed")
        || lower.contains("illegal placement of ':'")
    {
        let line = file.line(pos.line).unwrap_or("");
        let name_chars = line
            .chars()
            .take(pos.col.saturating_sub(1))
            .skip_while(|c| *c == ' ' || *c == '-')
            .count();
        if name_chars > MAX_NAME_CHARS {
            return error(line_start(file, pos), "the name before `:` is too long")
                .expected(format!("at most {MAX_NAME_CHARS} characters before the `:`"))
                .found(format!("{name_chars} characters"))
                .help("a name is a word or an id such as `farmer-offer/visitor-centre`; check that a line break has not been lost");
        }
        if line.matches(": ").count() + usize::from(line.trim_end().ends_with(':')) >= 2 {
            let value = line.split_once(": ").map_or("", |(_, v)| v.trim());
            let key = line.split_once(": ").map_or("", |(k, _)| k.trim());
            return error(
                pos,
                "this line has a second `: ` in it, so YAML cannot tell where the value starts",
            )
            .help(format!(
                "put the text in quotes: `{key}: \"{}\"`",
                value.replace('"', "'")
            ));
        }
        return error(
            line_start(file, pos),
            "this line is indented differently from the lines around it",
        )
        .help(indentation);
    }
    if lower.contains("indentation")
        || lower.contains("did not find expected key")
        || lower.contains("did not find expected '-'")
        || lower.contains("block sequence entries are not allowed")
        || lower.contains("mapping keys are not allowed")
        || lower.contains("simple key")
    {
        return error(
            line_start(file, pos),
            "this line is indented differently from the lines around it",
        )
        .help(indentation);
    }
    if let Some(bad) = lower.strip_prefix("mismatched bracket ") {
        // "mismatched bracket '{' closed by ']'"
        let quoted: Vec<&str> = bad.split('\'').filter(|s| s.len() == 1).collect();
        if let [open, close] = quoted[..] {
            let want = if open == "{" { "}" } else { "]" };
            let what = if open == "{" { "group" } else { "list" };
            return error(
                pos,
                &format!("this {what} is opened with `{open}` but closed with `{close}`"),
            )
            .expected(format!("`{want}`"))
            .found(format!("`{close}`"))
            .help(format!(
                "end the {what} with `{want}`; a `{close}` inside text needs the text in quotes"
            ));
        }
    }
    if let Some(rest) = lower.strip_prefix("unclosed bracket '") {
        let open = rest.chars().next().unwrap_or('[');
        let (what, close) = if open == '{' {
            ("group", '}')
        } else {
            ("list", ']')
        };
        return error(
            pos,
            &format!("this {what} is opened with `{open}` but never closed"),
        )
        .expected(format!("`{close}` at the end of the {what}"))
        .found(format!("no closing `{close}`"))
        .help(format!("add `{close}` after the last entry"));
    }
    if lower.contains("expected a field name") {
        return error(pos, "this `{ ... }` group is not written correctly").help(
            "a `}` may only end the group; put text that contains `{`, `}`, `[`, `]` or `,` in double quotes",
        );
    }
    if lower.contains("a bom must not appear") {
        let at = file
            .text
            .char_indices()
            .skip(1)
            .find(|(_, c)| *c == '\u{feff}')
            .map_or(pos, |(i, _)| file.pos_of_offset(i));
        return error(
            at,
            "an invisible character (a byte-order mark) is in the middle of the file",
        )
        .found("the character U+FEFF, which usually comes from pasting text from another file")
        .help("delete the start of this line and type it again");
    }
    if lower.contains("invalid trailing content after") {
        return error(pos, "there is more text after the closing quote")
            .help("put the whole value inside the quotes");
    }
    if lower.contains("block scalar, did not find expected comment or line break") {
        return error(pos, "text after `|` or `>` must start on the next line")
            .help("put the text on the lines below, indented further than the field's name");
    }
    if lower.contains("did not find expected <document start>") {
        return error(
            line_start(file, pos),
            "this line does not belong to anything above it",
        )
        .help(
            "each line is a `name: value`, a `- ` list entry or a comment starting with `#`; \
             check the indentation, and that the lines above are not missing a `name:`",
        );
    }
    let reserved = file
        .line(pos.line)
        .and_then(|l| l.chars().nth(pos.col.max(1) - 1))
        .filter(|c| ",[]{}@%`&*!|>".contains(*c));
    let reserved_error = lower.contains("did not find expected node content")
        || lower.contains("unexpected character")
        || lower.contains("misplaced bracket")
        || lower.contains("unexpected eof while parsing");
    if let (true, Some(c)) = (reserved_error, reserved) {
        let line = file.line(pos.line).unwrap_or("");
        let value: String = line.chars().skip(pos.col.max(1) - 1).collect();
        let value = value.trim().replace('"', "'");
        return error(
            pos,
            &format!("a value here starts with `{c}`, which YAML keeps for itself"),
        )
        .help(format!("put the value in double quotes: `\"{value}\"`"));
    }
    if lower.contains("unknown anchor") {
        return error(
            pos,
            "`*` here refers to an anchor (`&name`) that the file does not define",
        )
        .help("if the value is text, put it in double quotes");
    }
    if lower.contains("recursive references") {
        return error(pos, "`*` here refers to the value it is part of")
            .help("write the value out in full instead of referring to it with `*`");
    }
    error(pos, &format!("this is not valid YAML: {message}")).help(
        "check the indentation, and put text that contains `: ` or starts with a symbol in quotes",
    )
}

/// A file that breaks one of the limits that keep a hostile file from exhausting memory or time:
/// the message names the limit.
fn over_a_limit(file: &SourceFile, e: &serde_saphyr::Error, pos: Pos) -> Option<Diagnostic> {
    use serde_saphyr::Error as E;
    use serde_saphyr::budget::BudgetBreach as B;
    let mut e = e;
    while let E::AliasError { error, .. } | E::WithSnippet { error, .. } = e {
        e = error;
    }
    let error = |text: &str| Diagnostic::error(&file.path, pos, text.to_string());
    let aliases = || {
        error("the `*` references in this file copy too many values")
            .expected(format!(
                "at most {MAX_ALIAS_COPIES} values copied by `*name` references in one file"
            ))
            .help(
                "write the values out in full instead of using `&name` and `*name`; a file \
                 written by hand does not need them",
            )
    };
    let d = match e {
        E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. }
        | E::AliasReplayCounterOverflow { .. } => aliases(),
        E::Budget { breach, .. } => match breach {
            B::Depth { .. } => error("the file is nested too deeply")
                .expected(format!(
                    "at most {MAX_DEPTH} levels of groups and lists inside each other \
                     (a real file needs fewer than ten)"
                ))
                .help(
                    "check the indentation, and that each `[` or `{` is closed; every `[`, `{` \
                     and deeper indentation opens a new level",
                ),
            B::Nodes { .. } | B::Events { .. } => {
                error("the file holds more values than ties reads from one file")
                    .expected(format!(
                        "at most {MAX_VALUES} values (fields, list entries and pieces of text)"
                    ))
                    .help("split it into smaller files: one assessment per establishment and year")
            }
            B::Aliases { .. }
            | B::Anchors { .. }
            | B::AliasAnchorRatio { .. }
            | B::RecordedAnchorEvents { .. }
            | B::RecordedAnchorBytes { .. }
            | B::MergeKeys { .. } => aliases(),
            B::ScalarBytes { .. } => {
                error("the file holds more text than ties reads from one file")
                    .help("split it into smaller files: one assessment per establishment and year")
            }
            B::Documents { .. } => error("the file holds more than one document")
                .help("keep one assessment or framework per file"),
            _ => return None,
        },
        _ => return None,
    };
    Some(d)
}

/// A character that has no place in a text file: a NUL, an escape or another control character,
/// usually from a file saved by a program that is not a text editor, or a damaged copy.
fn control_character(file: &SourceFile, pos: Pos) -> Option<Diagnostic> {
    let line = file.line(pos.line)?;
    let (col, c) = line
        .chars()
        .enumerate()
        .skip(pos.col.saturating_sub(1))
        .find(|(_, c)| c.is_control() && !matches!(c, '\t' | '\r' | '\n'))
        .or_else(|| {
            line.chars()
                .enumerate()
                .find(|(_, c)| c.is_control() && !matches!(c, '\t' | '\r' | '\n'))
        })?;
    Some(
        Diagnostic::error(
            &file.path,
            Pos::new(pos.line, col + 1),
            "this line has a control character in it, which a text file cannot hold",
        )
        .found(format!(
            "{} (U+{:04X}), shown here as `{}`",
            match c {
                '\u{0}' => "a NUL character",
                '\u{1b}' => "an escape character",
                '\u{7}' => "a bell character",
                '\u{8}' => "a backspace character",
                '\u{c}' => "a page break",
                _ => "an invisible control character",
            },
            c as u32,
            crate::diag::visible(c)
        ))
        .help("delete it; if the file came from another program, save it again as plain text"),
    )
}

/// The quote that opens a text left unclosed above `line`: the last line before it whose value
/// starts with `"` or `'` and has no closing quote of the same kind.
fn opening_quote_before(file: &SourceFile, line: usize) -> Option<(Pos, char)> {
    (1..line).rev().take(200).find_map(|n| {
        let text = file.line(n)?;
        let start = text.find(": ").map(|i| i + 2).or_else(|| {
            let t = text.trim_start();
            t.starts_with("- ").then(|| text.len() - t.len() + 2)
        })?;
        let value = text[start..].trim_start();
        let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let body = &value[1..];
        let closed = if quote == '"' {
            let mut escaped = false;
            body.chars().any(|c| {
                let end = c == '"' && !escaped;
                escaped = c == '\\' && !escaped;
                end
            })
        } else {
            body.replace("''", "").contains('\'')
        };
        let col = text[..text.len() - value.len()].chars().count() + 1;
        (!closed).then_some((Pos::new(n, col), quote))
    })
}

/// Where the text of `pos`'s line starts, after its indentation.
fn line_start(file: &SourceFile, pos: Pos) -> Pos {
    match file.line(pos.line) {
        Some(line) if !line.trim().is_empty() => {
            let indent = line.chars().take_while(|c| *c == ' ' || *c == '-').count();
            Pos::new(pos.line, indent + 1)
        }
        _ => pos,
    }
}

/// The first tab used for indentation at or after `from` (or, failing that, anywhere).
fn find_tab(file: &SourceFile, from: usize) -> Option<Pos> {
    let find = |(i, line): (usize, &str)| {
        line.find('\t')
            .map(|b| Pos::new(i + 1, line[..b].chars().count() + 1))
    };
    let lines: Vec<&str> = file.text.lines().collect();
    let start = from.saturating_sub(1).min(lines.len());
    lines[start..]
        .iter()
        .enumerate()
        .map(|(i, l)| (i + start, *l))
        .find_map(find)
        .or_else(|| lines.iter().copied().enumerate().find_map(find))
}

/// The line on which `key` first appears as a field, before `dup` and at the same indentation.
fn first_use_of_key(file: &SourceFile, key: &str, dup: Pos) -> Option<usize> {
    let indent = dup.col.saturating_sub(1);
    file.text
        .lines()
        .take(dup.line.saturating_sub(1))
        .enumerate()
        .find_map(|(i, line)| {
            let rest = line.get(indent..)?;
            let before = &line[..indent];
            let starts = before.chars().all(|c| c == ' ' || c == '-');
            let rest = rest.trim_start_matches(['"', '\'']);
            (starts
                && rest.starts_with(key)
                && rest[key.len()..]
                    .trim_start_matches(['"', '\''])
                    .starts_with(':'))
            .then_some(i + 1)
        })
}

/// The last `---` line at or before `line`.
fn last_document_marker(file: &SourceFile, line: usize) -> Option<Pos> {
    file.text
        .lines()
        .take(line)
        .enumerate()
        .filter(|(_, l)| l.trim_end() == "---" || l.starts_with("--- "))
        .last()
        .map(|(i, _)| Pos::new(i + 1, 1))
}

/// The innermost `[` or `{` still open at `pos`, if any: the usual cause of a syntax error
/// reported some lines later. Text in quotes, comments and `|` or `>` blocks are skipped, and a
/// bracket in the middle of plain text (`see [1]`) does not open a list.
fn unclosed_bracket(file: &SourceFile, pos: Pos) -> Option<(Pos, char)> {
    let mut stack: Vec<(Pos, char)> = Vec::new();
    let mut quote: Option<char> = None;
    let mut block_indent: Option<usize> = None;
    for (i, line) in file.text.lines().enumerate().take(pos.line) {
        let line_no = i + 1;
        let indent = line.len() - line.trim_start_matches(' ').len();
        if let Some(b) = block_indent {
            if line.trim().is_empty() || indent > b {
                continue;
            }
            block_indent = None;
        }
        let chars: Vec<char> = line.chars().collect();
        let end = if line_no == pos.line {
            pos.col.saturating_sub(1).min(chars.len())
        } else {
            chars.len()
        };
        let mut j = 0;
        while j < end {
            let c = chars[j];
            if let Some(q) = quote {
                if c == q {
                    if q == '\'' && chars.get(j + 1) == Some(&'\'') {
                        j += 2;
                        continue;
                    }
                    quote = None;
                } else if c == '\\' && q == '"' {
                    j += 1;
                }
                j += 1;
                continue;
            }
            let before = chars[..j]
                .iter()
                .rev()
                .find(|c| !c.is_whitespace())
                .copied();
            let after_space = j == 0 || chars[j - 1].is_whitespace();
            let value_start = match before {
                None => true,
                Some(':' | '-' | '?') => after_space,
                Some('[' | '{' | ',') => !stack.is_empty(),
                _ => false,
            };
            match c {
                '#' if after_space => break,
                '"' | '\'' if value_start => quote = Some(c),
                '[' | '{' if value_start || !stack.is_empty() => {
                    stack.push((Pos::new(line_no, j + 1), c));
                }
                ']' | '}' if !stack.is_empty() => {
                    stack.pop();
                }
                '|' | '>' if value_start && stack.is_empty() => {
                    let rest: String = chars[j + 1..].iter().collect();
                    let rest = rest.split(" #").next().unwrap_or("").trim();
                    if rest
                        .chars()
                        .all(|c| c.is_ascii_digit() || c == '-' || c == '+')
                    {
                        block_indent = Some(indent);
                        break;
                    }
                }
                _ => {}
            }
            j += 1;
        }
    }
    stack.pop()
}

struct YamlNode(Node);

fn pos_of<T>(s: &Spanned<T>) -> Pos {
    Pos::new(s.referenced.line() as usize, s.referenced.column() as usize)
}

impl<'de> Deserialize<'de> for YamlNode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Spanned::<RawValue>::deserialize(d)?;
        let pos = pos_of(&s);
        Ok(YamlNode(Node {
            pos,
            value: s.value.0,
        }))
    }
}

struct RawValue(Value);

/// A mapping key: YAML allows numbers and booleans as keys; `ties` reads them as text.
struct KeyText(String);

impl<'de> Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = KeyText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<KeyText, E> {
                Ok(KeyText(String::new()))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any YAML value")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawValue, E> {
                Ok(RawValue(Value::Bool(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawValue, E> {
                Ok(RawValue(Value::Int(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawValue, E> {
                Ok(RawValue(match i64::try_from(v) {
                    Ok(i) => Value::Int(i),
                    Err(_) => Value::Float(v as f64),
                }))
            }
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<RawValue, E> {
                Ok(RawValue(match i64::try_from(v) {
                    Ok(i) => Value::Int(i),
                    Err(_) => Value::Float(v as f64),
                }))
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<RawValue, E> {
                Ok(RawValue(match i64::try_from(v) {
                    Ok(i) => Value::Int(i),
                    Err(_) => Value::Float(v as f64),
                }))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawValue, E> {
                Ok(RawValue(Value::Float(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawValue, E> {
                Ok(RawValue(Value::Str(v.to_string())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<RawValue, E> {
                Ok(RawValue(Value::Str(v)))
            }
            fn visit_unit<E: de::Error>(self) -> Result<RawValue, E> {
                Ok(RawValue(Value::Null))
            }
            fn visit_none<E: de::Error>(self) -> Result<RawValue, E> {
                Ok(RawValue(Value::Null))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawValue, D::Error> {
                RawValue::deserialize(d)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawValue, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<YamlNode>()? {
                    items.push(item.0);
                }
                Ok(RawValue(Value::List(items)))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawValue, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<Spanned<KeyText>>()? {
                    let pos = pos_of(&key);
                    let mut value = map.next_value::<YamlNode>()?;
                    // An empty value has no text of its own to point at: point at its name.
                    if value.0.value == Value::Null {
                        value.0.pos = pos;
                    }
                    entries.push((
                        Key {
                            name: key.value.0,
                            pos,
                        },
                        value.0,
                    ));
                }
                Ok(RawValue(Value::Map(entries)))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<Node, Diagnostic> {
        parse(&SourceFile::new("t.yaml", text))
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
