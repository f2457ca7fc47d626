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
            let shown: String = text.replace('\t', " ");
            let _ = writeln!(out, "{gutter} |");
            let _ = writeln!(out, "{} | {}", self.line, shown);
            let start = self.column.max(1) - 1;
            let width = token_width(&shown, start);
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
fn token_width(line: &str, start: usize) -> usize {
    let rest: Vec<char> = line.chars().skip(start).collect();
    let mut n = 0;
    while n < rest.len() {
        let c = rest[n];
        if c == ':' && rest.get(n + 1).is_none_or(|c| c.is_whitespace()) {
            break;
        }
        if c.is_whitespace() || c == ',' || c == ']' || c == '}' || c == '#' {
            break;
        }
        n += 1;
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
    fn lists_read_naturally() {
        assert_eq!(one_of(&["a"]), "`a`");
        assert_eq!(one_of(&["a", "b", "c"]), "`a`, `b` or `c`");
    }
}
