//! Finding the mistake itself in the text, where the library reports only where it gave up: the
//! quote or bracket left open above, the tab, the first use of a name given twice, the `---`.
//! Text heuristics over the file, with no knowledge of the library.

use crate::diag::source::{Pos, SourceFile};

/// The quote that opens a text left unclosed above `line`: the last line before it whose value
/// starts with `"` or `'` and has no closing quote of the same kind.
pub fn opening_quote_before(file: &SourceFile, line: usize) -> Option<(Pos, char)> {
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
pub fn line_start(file: &SourceFile, pos: Pos) -> Pos {
    match file.line(pos.line) {
        Some(line) if !line.trim().is_empty() => {
            let indent = line.chars().take_while(|c| *c == ' ' || *c == '-').count();
            Pos::new(pos.line, indent + 1)
        }
        _ => pos,
    }
}

/// The first tab used for indentation at or after `from` (or, failing that, anywhere).
pub fn find_tab(file: &SourceFile, from: usize) -> Option<Pos> {
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

/// The line on which `key` is first given in the group where it is given again at `dup`: the
/// nearest line above at the same indentation, before the group's own name (a line indented
/// less) is reached; or earlier on the same line, in a `{ ... }` group.
pub fn first_use_of_key(file: &SourceFile, key: &str, dup: Pos) -> Option<usize> {
    let names_key = |rest: &str| {
        let rest = rest.trim_start_matches(['"', '\'']);
        rest.starts_with(key)
            && rest[key.len()..]
                .trim_start_matches(['"', '\''])
                .trim_start()
                .starts_with(':')
    };
    let here = file.line(dup.line)?;
    let before: String = here.chars().take(dup.col.saturating_sub(1)).collect();
    if before.contains('{')
        && before
            .match_indices(key)
            .any(|(i, _)| names_key(&before[i..]))
    {
        return Some(dup.line);
    }
    let indent = dup.col.saturating_sub(1);
    for n in (1..dup.line).rev() {
        let line = file.line(n)?;
        let content = line.trim_start_matches([' ', '-']);
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let col = line.len() - content.len();
        if col < indent {
            return None;
        }
        if col == indent && names_key(content) {
            return Some(n);
        }
    }
    None
}

/// The last `---` line at or before `line`.
pub fn last_document_marker(file: &SourceFile, line: usize) -> Option<Pos> {
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
pub fn unclosed_bracket(file: &SourceFile, pos: Pos) -> Option<(Pos, char)> {
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

/// The character at `pos`.
pub fn char_at(file: &SourceFile, pos: Pos) -> Option<char> {
    file.line(pos.line)?.chars().nth(pos.col.max(1) - 1)
}
