//! Arguments several commands share.

use std::path::{Path, PathBuf};

use clap::ValueEnum;

use ties::error::Error;
use ties::model::assessment::{Nation, date_given};
use ties::output::Format;

/// `-o FILE`.
#[derive(clap::Args)]
pub struct OutputArg {
    /// Write to this file instead of the screen.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `--allow-personal-data`.
#[derive(clap::Args)]
pub struct PersonalDataArg {
    /// Write even though some text looks like personal data (see `ties check`).
    #[arg(long)]
    pub allow_personal_data: bool,
}

/// The folder `compare` and `trend` read.
#[derive(clap::Args)]
pub struct EstateDirArg {
    /// The folder holding the self-assessments (searched in all its sub-folders).
    pub dir: PathBuf,
}

impl EstateDirArg {
    /// The folder, once it is known to be one.
    pub fn folder(&self) -> Result<&Path, Error> {
        if self.dir.is_dir() {
            Ok(&self.dir)
        } else {
            Err(Error::Usage(format!(
                "{} is not a folder: give the folder that holds the self-assessments",
                self.dir.display()
            )))
        }
    }
}

/// `--templates DIR`.
#[derive(clap::Args)]
pub struct TemplatesArg {
    /// A folder of your own templates, replacing the built-in ones file by file.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum NationArg {
    EnglandWales,
    Scotland,
}

impl From<NationArg> for Nation {
    fn from(n: NationArg) -> Nation {
        match n {
            NationArg::EnglandWales => Nation::EnglandWales,
            NationArg::Scotland => Nation::Scotland,
        }
    }
}

/// A date given on the command line, such as `--as-of 2026-05-01`.
pub fn date_arg(s: &str) -> Result<chrono::NaiveDate, String> {
    date_given(s)
}

/// `--format`: the formats a command offers, out of the one `Format` every command shares.
/// Help and mistakes read as they do for any list of values: `[possible values: md, html]`.
#[derive(Clone)]
pub struct Formats {
    offered: &'static [Format],
    /// A line of help for a format, where one is needed (shown by `--help`).
    help: &'static [(Format, &'static str)],
}

/// The formats a command offers.
pub const fn formats(offered: &'static [Format]) -> Formats {
    Formats { offered, help: &[] }
}

impl Formats {
    pub const fn with_help(self, help: &'static [(Format, &'static str)]) -> Formats {
        Formats { help, ..self }
    }

    fn values(&self) -> Vec<clap::builder::PossibleValue> {
        self.offered
            .iter()
            .map(|f| {
                let value = clap::builder::PossibleValue::new(f.name());
                match self.help.iter().find(|(h, _)| h == f) {
                    Some((_, help)) => value.help(*help),
                    None => value,
                }
            })
            .collect()
    }
}

impl clap::builder::TypedValueParser for Formats {
    type Value = Format;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Format, clap::Error> {
        let name =
            clap::builder::PossibleValuesParser::new(self.values()).parse_ref(cmd, arg, value)?;
        Format::from_name(&name)
            .ok_or_else(|| clap::Error::new(clap::error::ErrorKind::InvalidValue))
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(self.values().into_iter()))
    }
}
