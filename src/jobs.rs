//! What a person asks of `ties`, done on files held in memory. The command line reads the files
//! from the disk (and finds last year's beside this year's); the web page is given them; both
//! call these, so the same files give the same bytes through either door.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use minijinja::Environment;

use crate::diag::source::SourceFile;
use crate::error::{Error, Result};
use crate::estate::compare::Comparison;
use crate::estate::filters::Filters;
use crate::estate::previous::PreviousYear;
use crate::estate::{self, Estate};
use crate::load::Files;
use crate::model::assessment::{Assessment, Nation, conventional_path};
use crate::model::carry::{carry_forward, next_frameworks};
use crate::model::catalog::Catalog;
use crate::model::register::Register;
use crate::output::{self, Document, Format, Written};
use crate::validate::privacy::PublicContacts;
use crate::view::estate_export::{self, TABLES};
use crate::view::report::{self, Audience, Year};
use crate::{load, score, validate, view};

pub use crate::load::NamedFile;

impl NamedFile {
    fn read(self) -> Result<load::Document> {
        load::document_from_bytes(&self.name, self.bytes)
            .map_err(|u| Error::problem(u.problem, u.file))
    }
}

/// A self-assessment read and checked, as every command that uses one reads it: any error stops
/// the job with the full list.
pub fn read_assessment(file: NamedFile, catalog: &Catalog) -> Result<(Assessment, SourceFile)> {
    validate::assessment::from_document(file.read()?, catalog)
}

/// Last year's self-assessment, given as a file: used when it is the same establishment's, for
/// the year before (otherwise the report says why it is not).
pub fn previous_year(file: NamedFile, a: &Assessment, catalog: &Catalog) -> PreviousYear {
    match file.read() {
        Ok(doc) => PreviousYear::given(doc, a, catalog),
        Err(e) => PreviousYear {
            found: None,
            note: Some(format!(
                "Last year's file could not be read, so change since last year is not shown: {}",
                e.render().trim_end()
            )),
        },
    }
}

/// `ties score`: an establishment's scores as a table, JSON or CSV.
pub fn score(a: &Assessment, catalog: &Catalog, format: Format) -> Result<Written> {
    let card = score::score(a, catalog);
    let view = view::score::build(a, &card);
    let env = output::templates::environment(&[])?;
    output::write(&Document::Score(&view), format, &env)
}

/// What a report is asked for.
pub struct ReportOptions {
    pub audience: Audience,
    pub format: Format,
    /// The day actions are judged overdue on (otherwise the self-assessment's completion date).
    pub as_of: Option<NaiveDate>,
    /// Write a public report even though some text looks like personal data.
    pub allow_personal_data: bool,
}

/// `ties report`: the annual progress report of `a` (read from `file`), with the change since
/// `previous`. The public version is refused while text looks like personal data, saying where.
pub fn report(
    catalog: &Catalog,
    env: &Environment<'_>,
    (a, file): (&Assessment, &SourceFile),
    previous: PreviousYear,
    options: &ReportOptions,
) -> Result<Written> {
    let audience = options.audience;
    if audience == Audience::Public && !options.allow_personal_data {
        let before = previous.found.as_ref().map(|(b, file)| (b, file));
        validate::privacy::guard_public_report(a, file, before)?;
    }
    let as_of = a.judged_on(options.as_of);
    let card = audience.scorecard(a, catalog);
    let before = previous
        .found
        .as_ref()
        .map(|(b, _)| (b, audience.scorecard(b, catalog)));
    let view = report::build(
        catalog,
        Year {
            assessment: a,
            card: &card,
        },
        before
            .as_ref()
            .map(|(assessment, card)| Year { assessment, card }),
        previous.note,
        audience,
        as_of,
    );
    output::write(&Document::Report(&view), options.format, env)
}

/// The workbook of every establishment planned from the register, all made before any is
/// written: a batch checks everything first, so a problem in one establishment (a name too
/// long for a cell, in the register or in last year's file) stops it with nothing written, and
/// every such problem is reported together, each at its place: the register's file and line
/// for what comes from the register, last year's file for what was carried forward.
pub fn register_workbooks(
    catalog: &Catalog,
    register: &SourceFile,
    planned: &[crate::estate::cycle::Planned<'_>],
) -> Result<Vec<Vec<u8>>> {
    let mut made = Vec::with_capacity(planned.len());
    let mut problems = crate::diag::Diagnostics::default();
    let mut files = vec![register.clone()];
    for p in planned {
        let source = p
            .from
            .as_ref()
            .map_or(register.path.as_path(), |(f, _)| f.as_path());
        match output::workbook::to_xlsx(&p.assessment, source, catalog) {
            Ok(bytes) => made.push(bytes),
            Err(Error::Problems {
                diagnostics,
                files: more,
            }) => {
                problems.extend(diagnostics);
                files.extend(more);
            }
            Err(other) => return Err(other),
        }
    }
    if problems.items.is_empty() {
        return Ok(made);
    }
    problems.sort();
    Err(Error::Problems {
        diagnostics: problems,
        files,
    })
}

/// A new, empty workbook for an establishment, and its name: `named`, or the name `ties
/// workbook` gives it (`ID/YEAR.xlsx`).
pub fn new_workbook(
    catalog: &Catalog,
    (id, name, year): (&str, &str, i32),
    frameworks: &[String],
    nation: Option<Nation>,
    named: Option<PathBuf>,
) -> Result<(PathBuf, Vec<u8>)> {
    let (a, _) = Assessment::new_empty(catalog, id, name, year, frameworks, nation)?;
    let path = named.unwrap_or_else(|| conventional_path(id, year, "xlsx"));
    let bytes = output::workbook::to_xlsx(&a, &path, catalog)?;
    Ok((path, bytes))
}

/// Next year's workbook, carried forward from last year's self-assessment (`from`, read from the
/// file named `source`): the workbook, and what was carried in a sentence or two.
pub struct Carried {
    pub bytes: Vec<u8>,
    pub year: i32,
    /// How many answers, pieces of evidence and open actions were carried; what was left behind.
    pub assessment: Assessment,
    pub from_year: i32,
    pub left_behind: Vec<String>,
}

/// Next year's workbook (`year`, or the year after last year's), carried forward from `last`.
pub fn carried_workbook(
    catalog: &Catalog,
    last: &Assessment,
    source: &Path,
    year: Option<i32>,
    frameworks: &[String],
) -> Result<Carried> {
    let year = crate::model::carry::next_year(last, source, year)?;
    let chosen = next_frameworks(catalog, last, frameworks)?;
    let carried = carry_forward(last, year, &chosen);
    let bytes = output::workbook::to_xlsx(&carried.assessment, source, catalog)?;
    Ok(Carried {
        bytes,
        year,
        assessment: carried.assessment,
        from_year: *last.year,
        left_behind: carried.left_behind,
    })
}

/// What `ties compare` is asked: the filters (year or years, framework, group, nation, region,
/// due date, as-of date), a register file given beside the folder, if any, and whether the
/// guard against personal data is lifted.
pub struct CompareOptions<'a> {
    pub asked: Filters,
    pub register: Option<&'a Path>,
    pub allow_personal_data: bool,
}

/// An estate read for a comparison, with the years and filters it is compared by.
pub struct EstateRead {
    pub estate: Estate,
    /// The register compared against, with the file it was read from.
    pub register: Option<(PathBuf, Register)>,
    pub years: Vec<i32>,
    /// The filters, as the register or the files spell them.
    pub filters: Filters,
    /// A sentence for the person comparing, when files could not be used.
    pub warning: Option<String>,
}

/// `ties compare`, first part: the estate's files read (only the years shown, unless a range
/// is asked for), the filters checked against what is there, and the guard against personal
/// data, which refuses an estate view while text in it looks like personal data, saying where.
pub fn read_estate(
    files: &dyn Files,
    folder: &Path,
    catalog: &Catalog,
    options: &CompareOptions,
) -> Result<EstateRead> {
    let asked = &options.asked;
    // A range reads every year; one year reads only it and the year before it.
    let estate = match &asked.years {
        Some(_) => Estate::load(files, folder, catalog)?,
        None => Estate::load_for_comparison(files, folder, catalog, asked.year)?,
    };
    let years = asked.years_compared(&estate.years_in_folder())?;
    let register = estate.register(files, options.register)?;
    let filters = asked.as_written(
        estate.entries.iter(),
        register
            .as_ref()
            .map_or(&[][..], |(_, r)| r.establishments.as_slice()),
    )?;
    if !options.allow_personal_data {
        validate::privacy::guard_estate(
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
    let warning = estate.rejected_warning(folder);
    Ok(EstateRead {
        estate,
        register,
        years,
        filters,
        warning,
    })
}

/// `ties compare`, second part: the comparison in `format`: the estate view of one year (with
/// its tables, in a workbook or JSON), or the tables of a range of years; for CSV, the one
/// table named by `table`.
pub fn compare(
    read: &EstateRead,
    catalog: &Catalog,
    format: Format,
    table: Option<&str>,
    env: &Environment<'_>,
) -> Result<Written> {
    let mut written = compared(read, catalog, format, &[table], env)?;
    Ok(written.remove(0))
}

/// `ties compare --format csv -o FOLDER`: every table, each as a CSV file named after it (such
/// as `establishments.csv`).
pub fn compare_tables(
    read: &EstateRead,
    catalog: &Catalog,
    env: &Environment<'_>,
) -> Result<Vec<(String, Vec<u8>)>> {
    let names: Vec<Option<&str>> = TABLES.iter().map(|k| Some(k.name)).collect();
    let written = compared(read, catalog, Format::Csv, &names, env)?;
    Ok(TABLES
        .iter()
        .zip(written)
        .map(|(k, w)| (format!("{}.csv", k.name), w.into_bytes()))
        .collect())
}

/// The comparison written in `format`, once for each of `tables` (the table a CSV holds). The
/// view is made only for the formats that show it, and the tables only for those that hold them.
fn compared(
    read: &EstateRead,
    catalog: &Catalog,
    format: Format,
    tables: &[Option<&str>],
    env: &Environment<'_>,
) -> Result<Vec<Written>> {
    let EstateRead {
        estate,
        register,
        years,
        filters,
        ..
    } = read;
    let register = register.as_ref().map(|(_, r)| r);
    let shows_tables = !matches!(format, Format::Md | Format::Html);
    let comparisons: Vec<Comparison> = if shows_tables {
        years
            .iter()
            .map(|&y| {
                let year = Filters {
                    year: Some(y),
                    years: None,
                    ..filters.clone()
                };
                estate::compare::compare(catalog, estate, register, &year)
            })
            .collect::<Result<_>>()?
    } else {
        Vec::new()
    };
    let rejected = view::estate::rejected_rows(estate);
    let data = estate_export::data(&comparisons, filters, &rejected);
    let created = estate_export::created_on(estate, years);
    // The view is of one year, and the CSV tables do without it.
    let view = match filters.years {
        Some(_) => None,
        None if format == Format::Csv => None,
        None => {
            let year = Filters {
                year: years.first().copied(),
                ..filters.clone()
            };
            Some(view::estate::build(catalog, estate, register, &year)?)
        }
    };
    tables
        .iter()
        .map(|&table| {
            let document = match &view {
                Some(view) => Document::Estate {
                    view,
                    tables: Some(&data),
                    table,
                    created,
                },
                None => Document::EstateTables {
                    tables: &data,
                    table,
                    created,
                },
            };
            output::write(&document, format, env)
        })
        .collect()
}
