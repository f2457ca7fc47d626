//! Everything that can stop a command, as one type. Each variant says what went wrong and
//! carries what the message needs; `exit_code` gives the code the command ends with, and
//! `render` the text a person reads (the binary prints it, the library never does).

use std::path::PathBuf;

use crate::diag::source::SourceFile;
use crate::diag::{Diagnostic, Diagnostics};

/// Exit code for a problem with the input, or a check that failed.
pub const EXIT_INPUT: u8 = 1;
/// Exit code for a command used wrongly.
pub const EXIT_USAGE: u8 = 2;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Problems in input files, each with its file and place, shown with the offending lines.
    #[error("{} problem{} in the input files", .diagnostics.items.len(), if .diagnostics.items.len() == 1 { "" } else { "s" })]
    Problems {
        diagnostics: Diagnostics,
        /// The files the problems are in, so their lines can be shown.
        files: Vec<SourceFile>,
    },
    /// `ties check` found errors; its report, already written, says which.
    #[error("the check found errors")]
    CheckFailed,
    /// Text that looks like personal data would be published. `found` lists each place (it may
    /// be empty when the message itself lists the files).
    #[error("{message}")]
    PersonalData {
        found: Diagnostics,
        files: Vec<SourceFile>,
        message: String,
    },
    /// A framework id, given on the command line, that the catalog does not have.
    #[error("{0}")]
    UnknownFramework(String),
    /// A template that cannot be read, compiled or rendered.
    #[error("{0}")]
    Template(String),
    /// An output that would replace a file a person wrote.
    #[error(
        "{} already exists and looks like a file you wrote (an assessment, register or framework), \
         so it was left as it is. Choose another name for the output, or add --force to replace it.",
        .path.display()
    )]
    WouldReplace { path: PathBuf },
    /// A new file that is already there: `ties` never overwrites it.
    #[error(
        "{} already exists, and ties never overwrites a file you may have worked on. \
         Choose another file with -o, or move the existing file first.",
        .path.display()
    )]
    AlreadyExists { path: PathBuf },
    /// A file that could not be written.
    #[error("{}: {what}: {source}", .path.display())]
    Write {
        path: PathBuf,
        /// What was being written, in words: "could not write the file".
        what: String,
        source: std::io::Error,
    },
    /// Reading some files failed inside `ties` itself (a worker stopped); the files it held are
    /// named so nothing is left out silently.
    #[error(
        "these files could not be read because of a fault in ties, and nothing was written: {}",
        .files.iter().map(|f| f.display().to_string()).collect::<Vec<_>>().join(", ")
    )]
    LoaderFailed { files: Vec<PathBuf> },
    /// A document that could not be written as JSON: a fault in `ties`.
    #[error("the JSON output could not be made: {0}")]
    Json(#[from] serde_json::Error),
    /// The input does not allow what was asked (a folder with no self-assessments, an
    /// establishment that is not there), in a sentence.
    #[error("{0}")]
    Input(String),
    /// The command was used wrongly, in a sentence that says how to use it.
    #[error("{0}")]
    Usage(String),
}

impl Error {
    /// The code the command ends with: 2 for wrong use of the command (a framework named on
    /// the command line that does not exist is one), 1 for everything else.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) | Error::UnknownFramework(_) => EXIT_USAGE,
            _ => EXIT_INPUT,
        }
    }

    /// Problems in one file.
    pub fn in_file(diagnostics: Diagnostics, file: SourceFile) -> Error {
        Error::Problems {
            diagnostics,
            files: vec![file],
        }
    }

    /// One problem, with the file it is in when that file was read.
    pub fn problem(d: Diagnostic, file: Option<SourceFile>) -> Error {
        Error::Problems {
            diagnostics: Diagnostics { items: vec![d] },
            files: file.into_iter().collect(),
        }
    }

    /// The message as a person reads it, ending with a newline (or empty when the command has
    /// already shown everything).
    pub fn render(&self) -> String {
        match self {
            Error::Problems { diagnostics, files } => render_all(diagnostics, files),
            Error::CheckFailed => String::new(),
            Error::PersonalData {
                found,
                files,
                message,
            } => format!("{}error: {message}\n", render_all(found, files)),
            other => format!("error: {other}\n"),
        }
    }
}

/// Every problem as a message, each followed by a blank line, with its line shown when the file
/// is among `files`.
pub fn render_all(diags: &Diagnostics, files: &[SourceFile]) -> String {
    let mut out = String::new();
    for d in &diags.items {
        let source = files.iter().find(|f| f.path == d.file);
        out.push_str(&d.render(source));
        out.push('\n');
    }
    out
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_follow_the_kind_of_failure() {
        assert_eq!(Error::Usage("x".into()).exit_code(), 2);
        assert_eq!(Error::Input("x".into()).exit_code(), 1);
        assert_eq!(Error::CheckFailed.exit_code(), 1);
        assert_eq!(Error::Template("x".into()).exit_code(), 1);
    }

    #[test]
    fn messages_read_as_sentences() {
        let e = Error::LoaderFailed {
            files: vec!["a/2025.yaml".into(), "b/2025.yaml".into()],
        };
        assert_eq!(
            e.render(),
            "error: these files could not be read because of a fault in ties, and nothing was written: a/2025.yaml, b/2025.yaml\n"
        );
        assert_eq!(Error::CheckFailed.render(), "");
    }
}
