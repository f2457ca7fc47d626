//! What a person asks of `ties`, done on files held in memory. The command line reads the files
//! from the disk (and finds last year's beside this year's); the web page is given them; both
//! call these, so the same files give the same bytes through either door.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use minijinja::Environment;

use crate::diag::source::SourceFile;
use crate::error::{Error, Result};
use crate::estate::previous::PreviousYear;
use crate::model::assessment::{Assessment, Nation, conventional_path};
use crate::model::carry::{carry_forward, next_frameworks};
use crate::model::catalog::Catalog;
use crate::output::{self, Document, Format, Written};
use crate::view::report::{self, Audience, Year};
use crate::{load, score, validate, view};

/// A file as a name and its bytes. The name places messages ("2025.xlsx, sheet …, cell E12")
/// and says what kind of file it is; nothing is opened by it.
pub struct NamedFile {
    pub name: PathBuf,
    pub bytes: Vec<u8>,
}

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
    let env = output::templates::environment(None)?;
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
