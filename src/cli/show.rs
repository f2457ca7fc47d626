//! `ties show`: a framework as a readable document.

use clap::ValueEnum;

use ties::error::{Error, Result};
use ties::model::catalog::Catalog;
use ties::output::{json, templates};
use ties::view::crosswalk::{self, crosswalk};
use ties::view::framework::framework_view;

use super::Context;
use super::args::{OutputArg, TemplatesArg};
use super::output::Output;

#[derive(clap::Args)]
pub struct Args {
    /// The framework's id, as `ties frameworks` lists it.
    #[arg(required_unless_present = "crosswalk")]
    framework: Option<String>,
    /// Two frameworks side by side by the links between their items, instead of one framework.
    #[arg(long, num_args = 2, value_names = ["A", "B"], conflicts_with = "framework")]
    crosswalk: Option<Vec<String>>,
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
    /// For a crosswalk: one row a link.
    Csv,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let catalog = Catalog::open(&ctx.frameworks)?;
    let env = || templates::environment(args.templates.templates.as_deref());
    let text = match (&args.crosswalk, &args.framework) {
        (Some(pair), _) => {
            let view = crosswalk(
                &catalog,
                catalog.framework(&pair[0])?,
                catalog.framework(&pair[1])?,
            );
            match args.format {
                Format::Csv => crosswalk::to_csv(&view),
                Format::Json => crosswalk::to_json(&view)?,
                Format::Md => {
                    templates::render_document(&env()?, "crosswalk.md", "crosswalk", &view)?
                }
                Format::Html => {
                    templates::render_document(&env()?, "crosswalk.html", "crosswalk", &view)?
                }
            }
        }
        (None, Some(id)) => {
            // `id@version` shows an earlier version the catalog keeps.
            let fw = catalog.framework(id)?;
            match args.format {
                Format::Json => json::document(fw)?,
                Format::Md => templates::render_document(
                    &env()?,
                    "framework.md",
                    "framework",
                    &framework_view(fw, &catalog),
                )?,
                Format::Html => templates::render_document(
                    &env()?,
                    "framework.html",
                    "framework",
                    &framework_view(fw, &catalog),
                )?,
                Format::Csv => {
                    return Err(Error::Usage(
                        "a framework is shown as md, html or json; csv is for a crosswalk (--crosswalk A B)"
                            .into(),
                    ));
                }
            }
        }
        (None, None) => {
            return Err(Error::Usage(
                "name a framework to show, or two with --crosswalk A B".into(),
            ));
        }
    };
    Output::new(args.output.output.as_deref(), ctx.force).text(&text)
}
