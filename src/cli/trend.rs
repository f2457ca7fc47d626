//! `ties trend`: one establishment across the years.

use ties::error::Result;
use ties::estate::Estate;
use ties::output::{self, Document, Format};
use ties::validate::privacy::{self, PublicContacts};
use ties::view::trend;

use super::Context;
use super::args::{EstateDirArg, Formats, OutputArg, PersonalDataArg, TemplatesArg, formats};
use super::output::{Output, eprint_safely};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    dir: EstateDirArg,
    /// The establishment's id, as in its files.
    #[arg(long, value_name = "ID")]
    establishment: String,
    #[arg(long, value_parser = FORMATS, default_value = "md")]
    format: Format,
    #[command(flatten)]
    output: OutputArg,
    #[command(flatten)]
    templates: TemplatesArg,
    #[command(flatten)]
    personal_data: PersonalDataArg,
}

const FORMATS: Formats = formats(&[Format::Md, Format::Html, Format::Csv, Format::Json]);

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let dir = args.dir.folder()?;
    let id = args.establishment.as_str();
    let catalog = ctx.catalog()?;
    let env = super::templates::environment(args.templates.templates.as_deref())?;
    let estate = Estate::load_establishment(&ctx.disk, dir, &catalog, id)?;
    for r in estate.rejected_of(id) {
        // The file's first problem in the words `ties check` uses for it.
        let why = r
            .problems
            .items
            .first()
            .map_or_else(String::new, |d| format!(": {}", d.message));
        eprint_safely(&format!(
            "warning: {} is left out{why}; run `ties check` on it for every problem.\n",
            r.path.display()
        ));
    }
    let view = trend::build(&estate, &catalog, id)?;
    if !args.personal_data.allow_personal_data {
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
    let written = output::write(&Document::Trend(&view), args.format, &env)?;
    Output::new(args.output.output.as_deref(), ctx.force)
        .reading(estate.entries.iter().map(|e| e.path.clone()))
        .written(written, "")
}
