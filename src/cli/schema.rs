//! `ties schema`: the JSON Schema of a self-assessment, a framework file or a register, for an
//! editor that completes and checks YAML as it is typed.

use clap::ValueEnum;

use ties::error::{Error, Result};
use ties::model::catalog::Catalog;
use ties::model::framework::Framework;
use ties::output::json;
use ties::view::schema;

use super::Context;
use super::args::OutputArg;
use super::output::Output;

#[derive(clap::Args)]
pub struct Args {
    /// What the schema is for.
    #[arg(value_enum, default_value_t = For::Assessment)]
    what: For,
    /// For a self-assessment: the frameworks whose items it lists, separated by commas (`id` or
    /// `id@version`). Without it, every framework ties knows, with those in --frameworks folders.
    #[arg(long = "framework", value_name = "F[,F...]", value_delimiter = ',')]
    framework: Vec<String>,
    #[command(flatten)]
    output: OutputArg,
}

#[derive(Clone, Copy, ValueEnum)]
enum For {
    /// A self-assessment: its item ids and the ratings each item allows.
    Assessment,
    /// A framework file.
    Framework,
    /// A register of establishments.
    Register,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let value = match args.what {
        For::Assessment => {
            let catalog = Catalog::open(&ctx.frameworks)?;
            schema::assessment(&chosen(&catalog, &args.framework)?)
        }
        _ if !args.framework.is_empty() => {
            return Err(Error::Usage(
                "--framework chooses the frameworks of a self-assessment's schema; a framework's or a register's schema is the same for every framework, so leave it out".into(),
            ));
        }
        For::Framework => schema::framework(),
        For::Register => schema::register(),
    };
    Output::new(args.output.output.as_deref(), ctx.force).text(&json::document(&value)?)
}

/// The frameworks named with --framework, each once, or every current framework of the catalog.
fn chosen<'a>(catalog: &'a Catalog, named: &[String]) -> Result<Vec<&'a Framework>> {
    if named.is_empty() {
        return Ok(catalog.entries.iter().map(|e| &e.framework).collect());
    }
    let mut out: Vec<&Framework> = Vec::new();
    for reference in named {
        let fw = catalog.framework(reference.trim())?;
        if !out.iter().any(|f| f.id.value == fw.id.value) {
            out.push(fw);
        }
    }
    Ok(out)
}
