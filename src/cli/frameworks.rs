//! `ties frameworks`: the frameworks available, with version and size.

use ties::error::Result;
use ties::output::{self, Document, Format};
use ties::view::framework::catalog_rows;

use super::Context;
use super::args::{Formats, formats};
use super::output::Output;

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, value_parser = FORMATS, default_value = "table")]
    format: Format,
}

const FORMATS: Formats = formats(&[Format::Table, Format::Json]);

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let catalog = ctx.catalog()?;
    let rows = catalog_rows(&catalog);
    let written = output::write(
        &Document::Frameworks(&rows),
        args.format,
        &super::templates::environment(None)?,
    )?;
    Output::screen().written(written, "")
}
