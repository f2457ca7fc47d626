//! `ties compare`: the estate view for national leads, and its tables for analysts.

use std::ops::RangeInclusive;
use std::path::PathBuf;

use ties::error::{Error, Result};
use ties::estate::Estate;
use ties::estate::compare::{self, Comparison};
use ties::model::catalog::Catalog;
use ties::model::ids::years_given;
use ties::output::{self, Document, Format, templates};
use ties::validate::privacy::{self, PublicContacts};
use ties::view::estate::{self, CompareView, Filters, rejected_rows};
use ties::view::estate_export::{self, Data, TABLES};

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
    let catalog = Catalog::open(&ctx.frameworks)?;
    let env = templates::environment(args.templates.templates.as_deref())?;
    // A range reads every year; one year reads only it and the year before it.
    let estate = match &args.years {
        Some(_) => Estate::load(dir, &catalog)?,
        None => Estate::load_for_comparison(dir, &catalog, asked.year)?,
    };
    let years = asked.years_compared(&estate.years_in_folder())?;
    let register = estate.register(args.register.as_deref())?;
    let filters = asked.as_written(
        estate.entries.iter(),
        register
            .as_ref()
            .map_or(&[][..], |(_, r)| r.establishments.as_slice()),
    )?;
    if !args.personal_data.allow_personal_data {
        privacy::guard_estate(
            years
                .iter()
                .flat_map(|y| estate.year(*y))
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
    let register = register.as_ref().map(|(_, r)| r);
    // The tables are made only for the formats that write them, from the comparison of each
    // year.
    let comparisons: Vec<Comparison> = if args.format == Format::Md || args.format == Format::Html {
        Vec::new()
    } else {
        years
            .iter()
            .map(|&y| {
                let year = Filters {
                    year: Some(y),
                    years: None,
                    ..filters.clone()
                };
                compare::compare(&catalog, &estate, register, &year)
            })
            .collect::<Result<_>>()?
    };
    let rejected = rejected_rows(&estate);
    let tables = estate_export::data(&comparisons, &filters, &rejected);
    let created = estate_export::created_on(&estate, &years);
    // The view is of one year, and the CSV tables do without it.
    let view = match args.years {
        Some(_) => None,
        None if args.format == Format::Csv => None,
        None => {
            let year = Filters {
                year: years.first().copied(),
                ..filters.clone()
            };
            Some(estate::build(&catalog, &estate, register, &year)?)
        }
    };
    let document = |table| document(view.as_ref(), &tables, table, created);
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
        let files = TABLES
            .iter()
            .map(|k| {
                let written = output::write(&document(Some(k.name)), Format::Csv, &env)?;
                Ok((format!("{}.csv", k.name), written.into_bytes()))
            })
            .collect::<Result<Vec<_>>>()?;
        return out.folder(&files);
    }
    out.written(
        output::write(&document(args.table.as_deref()), args.format, &env)?,
        NO_FILE_FOR_XLSX,
    )
}

/// The estate of one year (its view and tables) or of a range (its tables), with the table a
/// CSV file is to hold.
fn document<'a>(
    view: Option<&'a CompareView>,
    tables: &'a Data<'a>,
    table: Option<&'a str>,
    created: (u16, u8, u8),
) -> Document<'a> {
    match view {
        Some(view) => Document::Estate {
            view,
            tables: Some(tables),
            table,
            created,
        },
        None => Document::EstateTables {
            tables,
            table,
            created,
        },
    }
}

const NO_FILE_FOR_XLSX: &str =
    "a spreadsheet cannot be shown on the screen: give a file name with -o, such as -o estate.xlsx";
