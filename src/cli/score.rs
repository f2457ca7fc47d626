//! `ties score`: scores per item, section and framework, with coverage.

use std::path::PathBuf;

use ties::error::Result;
use ties::jobs;
use ties::output::Format;
use ties::validate;

use super::Context;
use super::args::{Formats, OutputArg, formats};
use super::output::Output;

#[derive(clap::Args)]
pub struct Args {
    /// The assessment file.
    file: PathBuf,
    #[arg(long, value_parser = FORMATS, default_value = "table")]
    format: Format,
    #[command(flatten)]
    output: OutputArg,
}

const FORMATS: Formats = formats(&[Format::Table, Format::Json, Format::Csv]);

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let catalog = ctx.catalog()?;
    let (a, _) = validate::assessment::read(&ctx.disk, &args.file, &catalog)?;
    let written = jobs::score(&a, &catalog, args.format)?;
    Output::new(args.output.output.as_deref(), ctx.force)
        .reading([args.file])
        .written(written, "")
}
