//! Problems found in input files, and the one place that turns them into messages.
//!
//! Every problem carries its file and position; the renderer shows the offending line with a
//! caret under it, then what was expected, what was found and a suggestion where there is one.

mod render;
pub mod source;
mod suggest;

pub use render::{control_found, visible};
pub use suggest::{
    Lookalike, MAX_COMPARISONS, MAX_LISTED, closest, cut_list, hidden, lookalike, one_of,
    reset_suggestions,
};

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
    /// In a workbook, the sheet (counted from 1; 0 in a text file) and its name, which
    /// `name_sheets` fills in from the file so the message can say where the cell is.
    #[serde(skip)]
    pub sheet: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet_name: Option<String>,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub found: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// How many characters the caret underlines, where the check knows (the text a pattern
    /// matched); 0 to underline the value at the place, as the line shows it.
    #[serde(skip)]
    pub width: usize,
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
            sheet: pos.sheet,
            sheet_name: None,
            message: message.into(),
            expected: None,
            found: None,
            help: None,
            width: 0,
        }
    }

    /// Underlines `chars` characters from the place, instead of the whole value there.
    pub fn width(mut self, chars: usize) -> Diagnostic {
        self.width = chars;
        self
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
        Pos::cell(self.sheet, self.line, self.column)
    }

    /// Where in its file the problem is, in words: `line 12`, or `sheet "Farmer offer", cell
    /// E12` in a workbook; `None` for a problem with the whole file.
    pub fn place_in_file(&self) -> Option<String> {
        if self.sheet == 0 {
            return (self.line > 0).then(|| format!("line {}", self.line));
        }
        let sheet = match &self.sheet_name {
            Some(name) => format!("sheet \"{name}\""),
            None => format!("sheet {}", self.sheet),
        };
        Some(match (self.line, self.pos().cell_name()) {
            (0, _) => sheet,
            (_, Some(cell)) => format!("{sheet}, cell {cell}"),
            (row, None) => format!("{sheet}, row {row}"),
        })
    }
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
            (&a.file, a.sheet, a.line, a.column, a.severity, &a.message)
                .cmp(&(&b.file, b.sheet, b.line, b.column, b.severity, &b.message))
        });
        self.items.dedup();
    }

    /// Gives the problems placed in the sheets of the workbook `file` their sheets' names.
    pub fn name_sheets(&mut self, file: &SourceFile) {
        for d in &mut self.items {
            if d.sheet > 0 && d.sheet_name.is_none() && d.file == file.path {
                d.sheet_name = file.sheet_name(d.sheet).map(str::to_string);
            }
        }
    }
}

/// A scale named in a sentence, after "the": `Provision scale`, but `Six-point self-evaluation
/// scale` for a label that already says it is a scale.
pub fn scale_name(label: &str) -> String {
    let label = label.trim();
    let says_scale = label
        .rsplit(' ')
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("scale"));
    if says_scale {
        label.to_string()
    } else {
        format!("{label} scale")
    }
}
