//! `ties frameworks`: the frameworks available, with version and size.

use clap::ValueEnum;

use ties::error::Result;
use ties::model::catalog::Catalog;
use ties::output::json;
use ties::view::framework::{catalog_rows, catalog_table};

use super::Context;
use super::output::Output;

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Json,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let catalog = Catalog::open(&ctx.frameworks)?;
    let rows = catalog_rows(&catalog);
    let text = match args.format {
        Format::Json => json::document(&rows)?,
        Format::Table => catalog_table(&rows),
    };
    Output::screen().text(&text)
}
