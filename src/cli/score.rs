//! `ties score`: scores per item, section and framework, with coverage.

use std::path::PathBuf;

use clap::ValueEnum;

use ties::error::Result;
use ties::model::catalog::Catalog;
use ties::view::score as view;
use ties::{score, validate};

use super::Context;
use super::args::OutputArg;
use super::output::Output;

#[derive(clap::Args)]
pub struct Args {
    /// The assessment file.
    file: PathBuf,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    #[command(flatten)]
    output: OutputArg,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Json,
    Csv,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let catalog = Catalog::open(&ctx.frameworks)?;
    let (a, _) = validate::assessment::read(&args.file, &catalog)?;
    let card = score::score(&a, &catalog);
    let text = match args.format {
        Format::Table => view::table(&a, &card),
        Format::Json => view::json(&a, &card)?,
        Format::Csv => view::csv(&a, &card),
    };
    Output::new(args.output.output.as_deref(), ctx.force).text(&text)
}
