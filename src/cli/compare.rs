//! `ties compare`: the estate view for national leads, and its tables for analysts.

use std::ops::RangeInclusive;
use std::path::PathBuf;

use ties::error::{Error, Result};
use ties::jobs::{self, CompareOptions};
use ties::model::ids::years_given;
use ties::output::Format;
use ties::view::estate::Filters;
use ties::view::estate_export::TABLES;

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
    #[arg(long, value_name = "YYYY", conflicts_with = "years")]
    year: Option<i32>,
    /// A range of years for the tables (csv, json or xlsx), such as 2016-2025: every record of
    /// every year in it, each with its year.
    #[arg(long, value_name = "FROM-TO", value_parser = years_given)]
    years: Option<RangeInclusive<i32>>,
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
    /// With --format csv, the one table to write, to the screen or to the file given with -o.
    /// Without it, -o names a folder and every table is written in it, a file each (such as
    /// establishments.csv).
    #[arg(long, value_name = "TABLE", value_parser = clap::builder::PossibleValuesParser::new(TABLES.map(|k| k.name)))]
    table: Option<String>,
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
    if args.years.is_some() && matches!(args.format, Format::Md | Format::Html) {
        return Err(Error::Usage(
            "a document (md or html) is of one year: give --year, or use --years with --format \
             csv, json or xlsx"
                .into(),
        ));
    }
    if args.table.is_some() && args.format != Format::Csv {
        return Err(Error::Usage(
            "--table chooses the table a CSV file holds: give --format csv too".into(),
        ));
    }
    let asked = Filters {
        year: args.year,
        years: args.years.clone(),
        framework: args.framework,
        group: args.group,
        nation: args.nation.map(Into::into),
        region: args.region,
        due: args.due,
        as_of: args.as_of,
    };
    let catalog = ctx.catalog()?;
    let env = super::templates::environment(args.templates.templates.as_deref())?;
    let read = jobs::read_estate(
        &ctx.disk,
        dir,
        &catalog,
        &CompareOptions {
            asked,
            register: args.register.as_deref(),
            allow_personal_data: args.personal_data.allow_personal_data,
        },
    )?;
    if let Some(warning) = &read.warning {
        eprint_safely(&format!("warning: {warning}\n"));
    }
    let out = Output::new(args.output.output.as_deref(), ctx.force).reading(
        read.estate
            .entries
            .iter()
            .map(|e| e.path.clone())
            .chain(read.estate.registers.iter().map(|(p, _)| p.clone()))
            .chain(read.register.as_ref().map(|(p, _)| p.clone())),
    );
    if args.format == Format::Xlsx && args.output.output.is_none() {
        return out.bytes(&[], NO_FILE_FOR_XLSX);
    }
    if let (Format::Csv, None, Some(path)) = (args.format, &args.table, &args.output.output) {
        // Until tables had a file each, -o named one CSV file: a name such as estate.csv is
        // taken as that habit, not as a folder to make.
        if ties::diag::source::has_extension(path, "csv") {
            return Err(Error::Usage(format!(
                "{} names a CSV file, but the tables are a file each: give a folder with -o \
                 (such as -o estate-tables), or choose one table with --table, such as \
                 --table items",
                path.display()
            )));
        }
        let result = out.folder(&jobs::compare_tables(&read, &catalog, &env)?);
        super::keep_until_exit((read, catalog, env));
        return result;
    }
    let result = out.written(
        jobs::compare(&read, &catalog, args.format, args.table.as_deref(), &env)?,
        NO_FILE_FOR_XLSX,
    );
    super::keep_until_exit((read, catalog, env));
    result
}

const NO_FILE_FOR_XLSX: &str =
    "a spreadsheet cannot be shown on the screen: give a file name with -o, such as -o estate.xlsx";
