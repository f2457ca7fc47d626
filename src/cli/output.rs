//! Where a command's output goes: the screen, or the file given with `-o`, written atomically
//! and never over a file a person wrote unless `--force` is given.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use ties::error::{Error, Result};
use ties::output::{Written, terminal};

use super::files;

pub struct Output<'a> {
    file: Option<&'a Path>,
    force: bool,
    /// The files the command read, which the output must never be.
    inputs: Vec<PathBuf>,
}

impl<'a> Output<'a> {
    pub fn new(file: Option<&'a Path>, force: bool) -> Output<'a> {
        Output {
            file,
            force,
            inputs: Vec::new(),
        }
    }

    /// The screen only.
    pub fn screen() -> Output<'static> {
        Output::new(None, false)
    }

    /// The files the command read: the output is refused when it is one of them, whatever its
    /// spelling, even with `--force`.
    pub fn reading(mut self, inputs: impl IntoIterator<Item = PathBuf>) -> Output<'a> {
        self.inputs.extend(inputs);
        self
    }

    /// The file to write, once it is known not to be an input.
    fn target(&self) -> Result<Option<&'a Path>> {
        if let Some(path) = self.file {
            files::refuse_an_input(path, self.inputs.iter().map(PathBuf::as_path))?;
        }
        Ok(self.file)
    }

    /// Writes text to the file, or to the screen.
    pub fn text(&self, text: &str) -> Result<()> {
        match self.target()? {
            Some(path) => files::write_output(path, text.as_bytes(), self.force),
            None => {
                print_safely(text);
                Ok(())
            }
        }
    }

    /// Writes a document: text to the file or the screen; bytes (a workbook) only to a file,
    /// stopping with `no_file` without one.
    pub fn written(&self, document: Written, no_file: &str) -> Result<()> {
        match document {
            Written::Text(text) => self.text(&text),
            Written::Bytes(bytes) => self.bytes(&bytes, no_file),
        }
    }

    /// Writes a file that cannot be shown on a screen (a workbook); without a file to write to,
    /// the command stops with `no_file`, a sentence saying what to give.
    pub fn bytes(&self, bytes: &[u8], no_file: &str) -> Result<()> {
        match self.target()? {
            Some(path) => files::write_output(path, bytes, self.force),
            None => Err(Error::Usage(no_file.to_string())),
        }
    }
}

impl Output<'_> {
    /// Writes `files` (each a name and its bytes) into the folder given with -o, made if it is
    /// not there; each file is written as `bytes` writes one, never over an input.
    pub fn folder(&self, files: &[(String, Vec<u8>)]) -> Result<()> {
        let Some(dir) = self.target()? else {
            return Err(Error::Usage(
                "these tables are written as a file each: give a folder with -o".into(),
            ));
        };
        if dir.exists() && !dir.is_dir() {
            return Err(Error::Usage(format!(
                "{} is a file: give a folder with -o, where each table is written as a file, or \
                 choose one table with --table",
                dir.display()
            )));
        }
        std::fs::create_dir_all(dir).map_err(|source| Error::Write {
            path: dir.to_path_buf(),
            what: "could not make the folder".into(),
            source,
        })?;
        for (name, bytes) in files {
            let path = dir.join(name);
            files::refuse_an_input(&path, self.inputs.iter().map(PathBuf::as_path))?;
            files::write_output(&path, bytes, self.force)?;
        }
        Ok(())
    }
}

/// Prints to standard output. On a terminal, characters it would act on (an escape sequence
/// from a file can retitle the window or clear the screen) are shown as symbols; into a pipe or a
/// file, the text goes as it is, so saved output is the same wherever it is written.
pub fn print_safely(text: &str) {
    write_safely(&mut std::io::stdout().lock(), text);
}

/// Prints messages and warnings to standard error, made safe on a terminal in the same way.
pub fn eprint_safely(text: &str) {
    write_safely(&mut std::io::stderr().lock(), text);
}

fn write_safely(out: &mut (impl Write + IsTerminal), text: &str) {
    let text = if out.is_terminal() {
        terminal::safe(text)
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    // A closed pipe (for example `ties show x | head`) is not an error worth reporting.
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}
