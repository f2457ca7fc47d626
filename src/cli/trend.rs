//! `ties trend`: one establishment across the years.

use std::path::PathBuf;

use clap::ValueEnum;

use ties::error::{Error, Result};
use ties::estate::Estate;
use ties::model::catalog::Catalog;
use ties::output::templates;
use ties::validate::privacy::{self, PublicContacts};
use ties::view::trend;

use super::Context;
use super::args::TemplatesArg;
use super::output::{Output, eprint_safely};

#[derive(clap::Args)]
pub struct Args {
    /// The folder holding the self-assessments (searched in all its sub-folders).
    dir: PathBuf,
    /// The establishment's id, as in its files.
    #[arg(long, value_name = "ID")]
    establishment: String,
    #[arg(long, value_enum, default_value_t = Format::Md)]
    format: Format,
    /// Write to this file instead of the screen.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    templates: TemplatesArg,
    /// Write even though some text looks like personal data (see `ties check`).
    #[arg(long)]
    allow_personal_data: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Md,
    Html,
    Csv,
    Json,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let dir = &args.dir;
    let id = args.establishment.as_str();
    if !dir.is_dir() {
        return Err(Error::Input(format!(
            "{} is not a folder: give the folder that holds the self-assessments",
            dir.display()
        )));
    }
    let catalog = Catalog::open(&ctx.frameworks)?;
    let env = templates::environment(args.templates.templates.as_deref())?;
    let estate = Estate::load(dir, &catalog)?;
    for path in estate.rejected_of(id) {
        eprint_safely(&format!(
            "warning: {} has errors and is left out; run `ties check` on it.\n",
            path.display()
        ));
    }
    let view = trend::build(&estate, id)?;
    if !args.allow_personal_data {
        privacy::guard_estate(
            estate
                .entries
                .iter()
                .filter(|e| e.id() == id)
                .map(|e| (e.path.as_path(), &e.assessment)),
            None,
            &estate
                .registers
                .first()
                .map(|(_, r)| PublicContacts::new(&r.public_contacts))
                .unwrap_or_default(),
        )?;
    }
    let out = Output::new(args.output.as_deref(), ctx.force);
    match args.format {
        Format::Csv => out.text(&trend::to_csv(&view)),
        Format::Json => out.text(&trend::to_json(&view)?),
        Format::Md => out.text(&templates::render_document(
            &env, "trend.md", "trend", &view,
        )?),
        Format::Html => out.text(&templates::render_document(
            &env,
            "trend.html",
            "trend",
            &view,
        )?),
    }
}
