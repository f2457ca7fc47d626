//! `ties compare`: the estate view for national leads.

use std::path::PathBuf;

use ties::error::Result;
use ties::estate::Estate;
use ties::model::catalog::Catalog;
use ties::output::{self, Document, Format, templates};
use ties::validate::privacy::{self, PublicContacts};
use ties::view::estate::{self, Filters};
use ties::view::estate_export;

use super::Context;
use super::args::{
    EstateDirArg, Formats, NationArg, OutputArg, PersonalDataArg, TemplatesArg, date_arg, formats,
};
use super::output::{Output, eprint_safely};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    dir: EstateDirArg,
    /// The year to compare (default: the latest year in the folder).
    #[arg(long, value_name = "YYYY")]
    year: Option<i32>,
    /// Only this framework.
    #[arg(long, value_name = "ID")]
    framework: Option<String>,
    /// Only this comparator group.
    #[arg(long, value_name = "GROUP")]
    group: Option<String>,
    /// Only this nation.
    #[arg(long, value_enum)]
    nation: Option<NationArg>,
    /// Only this region.
    #[arg(long, value_name = "REGION")]
    region: Option<String>,
    /// The register of establishments expected to submit (YAML, `establishments:`).
    #[arg(long, value_name = "FILE")]
    register: Option<PathBuf>,
    /// The day self-assessments were due: those completed after it are counted late.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
    due: Option<chrono::NaiveDate>,
    /// The day actions are judged overdue on (default: each self-assessment's completed_on).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
    as_of: Option<chrono::NaiveDate>,
    #[arg(long, value_parser = FORMATS, default_value = "md")]
    format: Format,
    #[command(flatten)]
    output: OutputArg,
    #[command(flatten)]
    templates: TemplatesArg,
    #[command(flatten)]
    personal_data: PersonalDataArg,
}

const FORMATS: Formats = formats(&[
    Format::Md,
    Format::Html,
    Format::Csv,
    Format::Json,
    Format::Xlsx,
]);

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let dir = args.dir.folder()?;
    let filters = Filters {
        year: args.year,
        framework: args.framework,
        group: args.group,
        nation: args.nation.map(Into::into),
        region: args.region,
        due: args.due,
        as_of: args.as_of,
    };
    let catalog = Catalog::open(&ctx.frameworks)?;
    let env = templates::environment(args.templates.templates.as_deref())?;
    let estate = Estate::load_for_comparison(dir, &catalog, filters.year)?;
    let register = estate.register(args.register.as_deref())?;
    filters.check_matches(
        estate.entries.iter(),
        register
            .as_ref()
            .map_or(&[][..], |(_, r)| r.establishments.as_slice()),
    )?;
    let view = estate::build(
        &catalog,
        &estate,
        register.as_ref().map(|(_, r)| r),
        &filters,
    )?;
    if !args.personal_data.allow_personal_data {
        privacy::guard_estate(
            estate
                .year(view.year)
                .map(|e| (e.path.as_path(), &e.assessment)),
            register.as_ref().map(|(path, r)| (path.as_path(), r)),
            &register
                .as_ref()
                .map(|(_, r)| PublicContacts::new(&r.public_contacts))
                .unwrap_or_default(),
        )?;
    }
    if let Some(warning) = estate.rejected_warning(dir) {
        eprint_safely(&format!("warning: {warning}\n"));
    }
    let out = Output::new(args.output.output.as_deref(), ctx.force).reading(
        estate
            .entries
            .iter()
            .map(|e| e.path.clone())
            .chain(estate.registers.iter().map(|(p, _)| p.clone()))
            .chain(register.as_ref().map(|(p, _)| p.clone())),
    );
    if args.format == Format::Xlsx && args.output.output.is_none() {
        return out.bytes(&[], NO_FILE_FOR_XLSX);
    }
    // The tables behind the exports are made only for the formats that write them.
    let tables = matches!(args.format, Format::Csv | Format::Xlsx)
        .then(|| estate_export::data(&catalog, &estate, &view, &filters));
    let document = Document::Estate {
        view: &view,
        tables: tables.as_ref(),
        created: estate_export::created_on(&estate, view.year),
    };
    out.written(
        output::write(&document, args.format, &env)?,
        NO_FILE_FOR_XLSX,
    )
}

const NO_FILE_FOR_XLSX: &str =
    "a spreadsheet cannot be shown on the screen: give a file name with -o, such as -o estate.xlsx";
