//! Arguments several commands share.

use std::path::PathBuf;

use clap::ValueEnum;

use ties::model::assessment::{Nation, parse_date};

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
    parse_date(s)
        .ok_or_else(|| format!("`{s}` is not a date written YYYY-MM-DD, such as 2026-04-20"))
}
