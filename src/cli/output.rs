//! Where a command's output goes: the screen, or the file given with `-o`, written atomically
//! and never over a file a person wrote unless `--force` is given.

use std::io::Write as _;
use std::path::Path;

use ties::error::{Error, Result};
use ties::output::files;

pub struct Output<'a> {
    file: Option<&'a Path>,
    force: bool,
}

impl<'a> Output<'a> {
    pub fn new(file: Option<&'a Path>, force: bool) -> Output<'a> {
        Output { file, force }
    }

    /// The screen only.
    pub fn screen() -> Output<'static> {
        Output {
            file: None,
            force: false,
        }
    }

    /// Writes text to the file, or to the screen.
    pub fn text(&self, text: &str) -> Result<()> {
        match self.file {
            Some(path) => files::write_output(path, text.as_bytes(), self.force),
            None => {
                let mut stdout = std::io::stdout().lock();
                // A closed pipe (for example `ties show x | head`) is not an error worth reporting.
                let _ = stdout.write_all(text.as_bytes());
                let _ = stdout.flush();
                Ok(())
            }
        }
    }

    /// Writes a file that cannot be shown on a screen (a workbook); without a file to write to,
    /// the command stops with `no_file`, a sentence saying what to give.
    pub fn bytes(&self, bytes: &[u8], no_file: &str) -> Result<()> {
        match self.file {
            Some(path) => files::write_output(path, bytes, self.force),
            None => Err(Error::Input(no_file.to_string())),
        }
    }
}
