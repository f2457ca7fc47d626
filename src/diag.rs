//! Problems found in input files, and the one place that turns them into messages.
//!
//! Every problem carries its file and position; the renderer shows the offending line with a
//! caret under it, then what was expected, what was found and a suggestion where there is one.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::source::{Pos, SourceFile};

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
        let mut out = format!("{label}: {}\n", self.message);
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
            // A tab is shown as `→`, one column wide, so the caret can point at it.
            let shown: String = text.trim_start_matches('\u{feff}').replace('\t', "→");
            let _ = writeln!(out, "{gutter} |");
            let _ = writeln!(out, "{} | {}", self.line, shown);
            let start = self.column.max(1) - 1;
            let toml = crate::source::has_extension(&self.file, "toml");
            let plain = text.trim_start_matches('\u{feff}').replace('\t', " ");
            let width = token_width(&plain, start, toml);
            let _ = writeln!(out, "{gutter} | {}{}", " ".repeat(start), "^".repeat(width));
        }
        for (name, value) in [
            ("expected", &self.expected),
            ("found", &self.found),
            ("help", &self.help),
        ] {
            if let Some(v) = value {
                let _ = writeln!(out, "{gutter} = {name}: {v}");
            }
        }
        out
    }
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
    fn lists_read_naturally() {
        assert_eq!(one_of(&["a"]), "`a`");
        assert_eq!(one_of(&["a", "b", "c"]), "`a`, `b` or `c`");
    }
}
