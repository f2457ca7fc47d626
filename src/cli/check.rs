//! `ties check`: every problem in framework and assessment files.

use std::path::PathBuf;

use ties::error::{Error, Result};
use ties::validate;

use super::Context;
use super::args::date_arg;
use super::output::Output;

#[derive(clap::Args)]
pub struct Args {
    /// Files or folders to check (folders are searched for .yaml, .yml and .toml files).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// The date overdue actions are judged against (default: each file's completed_on).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
    as_of: Option<chrono::NaiveDate>,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let (report, failed) = validate::check(&ctx.disk, &ctx.frameworks, &args.paths, args.as_of);
    Output::screen().text(&report)?;
    if failed {
        Err(Error::CheckFailed)
    } else {
        Ok(())
    }
}
