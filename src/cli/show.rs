//! `ties show`: a framework as a readable document.

use ties::error::{Error, Result};
use ties::output::{self, Document, Format};
use ties::view::crosswalk::crosswalk;
use ties::view::framework::framework_view;

use super::Context;
use super::args::{Formats, OutputArg, TemplatesArg, formats};
use super::output::Output;

#[derive(clap::Args)]
pub struct Args {
    /// The framework's id, as `ties frameworks` lists it.
    #[arg(required_unless_present = "crosswalk")]
    framework: Option<String>,
    /// Two frameworks side by side by the links between their items, instead of one framework.
    #[arg(long, num_args = 2, value_names = ["A", "B"], conflicts_with = "framework")]
    crosswalk: Option<Vec<String>>,
    #[arg(long, value_parser = FORMATS, default_value = "md")]
    format: Format,
    #[command(flatten)]
    output: OutputArg,
    #[command(flatten)]
    templates: TemplatesArg,
}

const FORMATS: Formats = formats(&[Format::Md, Format::Html, Format::Json, Format::Csv])
    .with_help(&[(Format::Csv, "For a crosswalk: one row a link")]);

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let catalog = ctx.catalog()?;
    // A folder of templates is read only for the formats written through templates.
    let env = match args.format {
        Format::Md | Format::Html => {
            super::templates::environment(args.templates.templates.as_deref())?
        }
        _ => super::templates::environment(None)?,
    };
    let written = match (&args.crosswalk, &args.framework) {
        (Some(pair), _) => {
            let view = crosswalk(
                &catalog,
                catalog.framework(&pair[0])?,
                catalog.framework(&pair[1])?,
            );
            output::write(&Document::Crosswalk(&view), args.format, &env)?
        }
        (None, Some(id)) => {
            if args.format == Format::Csv {
                return Err(Error::Usage(
                    "a framework is shown as md, html or json; csv is for a crosswalk (--crosswalk A B)"
                        .into(),
                ));
            }
            // `id@version` shows an earlier version the catalog keeps.
            let fw = catalog.framework(id)?;
            let view = framework_view(fw, &catalog);
            let document = Document::Framework {
                framework: fw,
                view: &view,
            };
            output::write(&document, args.format, &env)?
        }
        (None, None) => {
            return Err(Error::Usage(
                "name a framework to show, or two with --crosswalk A B".into(),
            ));
        }
    };
    Output::new(args.output.output.as_deref(), ctx.force).written(written, "")
}
