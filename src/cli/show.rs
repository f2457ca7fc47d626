//! `ties show`: a framework as a readable document.

use clap::ValueEnum;

use ties::error::Result;
use ties::model::catalog::Catalog;
use ties::output::{json, templates};
use ties::view::framework::framework_view;

use super::Context;
use super::args::{OutputArg, TemplatesArg};
use super::output::Output;

#[derive(clap::Args)]
pub struct Args {
    /// The framework's id, as `ties frameworks` lists it.
    framework: String,
    #[arg(long, value_enum, default_value_t = Format::Md)]
    format: Format,
    #[command(flatten)]
    output: OutputArg,
    #[command(flatten)]
    templates: TemplatesArg,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Md,
    Html,
    Json,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let catalog = Catalog::open(&ctx.frameworks)?;
    // `id@version` shows an earlier version the catalog keeps.
    let fw = catalog.framework(&args.framework)?;
    let template = match args.format {
        Format::Json => None,
        Format::Md => Some("framework.md"),
        Format::Html => Some("framework.html"),
    };
    let text = match template {
        None => json::document(fw)?,
        Some(name) => {
            let env = templates::environment(args.templates.templates.as_deref())?;
            templates::render_document(&env, name, "framework", &framework_view(fw, &catalog))?
        }
    };
    Output::new(args.output.output.as_deref(), ctx.force).text(&text)
}
