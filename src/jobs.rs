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
    let year = year.unwrap_or(*last.year + 1);
    if year <= *last.year {
        return Err(Error::Usage(format!(
            "--year {year} is not after {}, the year of {}",
            *last.year,
            source.display()
        )));
    }
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
