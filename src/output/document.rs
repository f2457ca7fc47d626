//! The one door to every format: a command builds its view, names the format the person asked
//! for, and `write` gives back the document. Which view goes to which format, and which
//! template a view uses, is decided here and nowhere else.

use minijinja::Environment;

use crate::error::{Error, Result};
use crate::model::framework::Framework;
use crate::output::{csv, json, templates, text, xlsx};
use crate::view::crosswalk::CrosswalkView;
use crate::view::estate::CompareView;
use crate::view::estate_export::{Data, Table};
use crate::view::framework::{CatalogRow, FrameworkView};
use crate::view::report::ReportView;
use crate::view::score::ScoreView;
use crate::view::trend::TrendView;

/// Every format `ties` writes. A command offers those that suit what it writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Text for the terminal.
    Table,
    /// Markdown, through a template.
    Md,
    /// HTML, through a template.
    Html,
    Csv,
    Json,
    /// An Excel workbook.
    Xlsx,
}

impl Format {
    pub const ALL: [Format; 6] = [
        Format::Table,
        Format::Md,
        Format::Html,
        Format::Csv,
        Format::Json,
        Format::Xlsx,
    ];

    /// The name a person types after `--format`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Md => "md",
            Format::Html => "html",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Xlsx => "xlsx",
        }
    }

    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// The documents written through templates, each with its Markdown and HTML template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Template {
    Report,
    Estate,
    Framework,
    Crosswalk,
    Trend,
}

impl Template {
    /// The name the view model has inside its template (`report`, `estate`, ...), which is also
    /// the template file's name before its extension.
    pub fn name(self) -> &'static str {
        match self {
            Template::Report => "report",
            Template::Estate => "estate",
            Template::Framework => "framework",
            Template::Crosswalk => "crosswalk",
            Template::Trend => "trend",
        }
    }

    /// The template file for `format` (Markdown or HTML).
    pub fn file(self, format: Format) -> Option<String> {
        match format {
            Format::Md => Some(format!("{}.md", self.name())),
            Format::Html => Some(format!("{}.html", self.name())),
            _ => None,
        }
    }
}

/// What a command writes, as views.
pub enum Document<'a> {
    /// The frameworks there are (`ties frameworks`).
    Frameworks(&'a [CatalogRow<'a>]),
    /// One framework: the file's own contents as JSON, the readable view otherwise.
    Framework {
        framework: &'a Framework,
        view: &'a FrameworkView,
    },
    /// Two frameworks side by side by their links.
    Crosswalk(&'a CrosswalkView),
    /// An establishment's scores (`ties score`).
    Score(&'a ScoreView<'a>),
    /// The annual progress report.
    Report(&'a ReportView),
    /// The estate for one year: the view, and its tables for the exports (needed for CSV,
    /// JSON and XLSX only); `table` is the one table a CSV file holds; `created` is the date
    /// the workbook says it was made (from the input, never the clock).
    Estate {
        view: &'a CompareView,
        tables: Option<&'a Data<'a>>,
        table: Option<&'a str>,
        created: (u16, u8, u8),
    },
    /// The estate's tables over a range of years (CSV, JSON and XLSX).
    EstateTables {
        tables: &'a Data<'a>,
        table: Option<&'a str>,
        created: (u16, u8, u8),
    },
    /// One establishment over the years.
    Trend(&'a TrendView),
    /// A JSON Schema (`ties schema`).
    Schema(&'a serde_json::Value),
}

/// A written document: text (shown on the screen when no file is given) or the bytes of a
/// file that cannot be shown on a screen.
pub enum Written {
    Text(String),
    Bytes(Vec<u8>),
}

impl Written {
    /// The document's bytes: text as UTF-8.
    pub fn into_bytes(self) -> Vec<u8> {
        match self {
            Written::Text(text) => text.into_bytes(),
            Written::Bytes(bytes) => bytes,
        }
    }
}

/// `document` in `format`, through the templates of `env` for Markdown and HTML.
pub fn write(document: &Document<'_>, format: Format, env: &Environment<'_>) -> Result<Written> {
    let through = |view| through(env, format, view);
    let text = |s: String| Ok(Written::Text(s));
    match (document, format) {
        (Document::Frameworks(rows), Format::Table) => text(text::frameworks(rows)),
        (Document::Frameworks(rows), Format::Json) => text(json::document(rows)?),
        (Document::Framework { framework, .. }, Format::Json) => text(json::document(framework)?),
        (Document::Framework { view, .. }, _) => through(View::Framework(view)),
        (Document::Crosswalk(view), Format::Csv) => text(csv::crosswalk(view)),
        (Document::Crosswalk(view), Format::Json) => text(json::document(view)?),
        (Document::Crosswalk(view), _) => through(View::Crosswalk(view)),
        (Document::Score(view), Format::Table) => text(text::score(view)),
        (Document::Score(view), Format::Csv) => text(csv::score(view)),
        (Document::Score(view), Format::Json) => text(json::document(view)?),
        (Document::Report(view), _) => through(View::Report(view)),
        (
            Document::Estate {
                view,
                tables: Some(tables),
                ..
            },
            Format::Json,
        ) => text(json::estate(view, tables)?),
        (
            Document::Estate {
                tables: Some(tables),
                table,
                ..
            }
            | Document::EstateTables { tables, table, .. },
            Format::Csv,
        ) => text(csv::estate_table(&one_table(tables, *table)?)),
        (Document::EstateTables { tables, .. }, Format::Json) => text(json::estate_tables(tables)?),
        (
            Document::Estate {
                view,
                tables: Some(tables),
                created,
                ..
            },
            Format::Xlsx,
        ) => workbook(xlsx::estate(Some(view), tables, *created)),
        (
            Document::EstateTables {
                tables, created, ..
            },
            Format::Xlsx,
        ) => workbook(xlsx::estate(None, tables, *created)),
        (Document::Estate { view, .. }, _) => through(View::Estate(view)),
        (Document::Trend(view), Format::Csv) => text(csv::trend(view)),
        (Document::Trend(view), Format::Json) => text(json::trend(view)?),
        (Document::Trend(view), _) => through(View::Trend(view)),
        (Document::Schema(value), Format::Json) => text(json::document(value)?),
        _ => Err(unsupported(format)),
    }
}

/// The estate's workbook, or why it could not be made.
fn workbook(made: std::result::Result<Vec<u8>, rust_xlsxwriter::XlsxError>) -> Result<Written> {
    made.map(Written::Bytes)
        .map_err(|e| Error::Input(format!("the spreadsheet could not be made: {e}")))
}

/// The table named `name` of the estate's tables: a CSV file holds one.
fn one_table<'a>(tables: &Data<'a>, name: Option<&str>) -> Result<Table<'a>> {
    let names = || {
        crate::view::estate_export::TABLES
            .iter()
            .map(|k| k.name)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Some(name) = name else {
        return Err(Error::Usage(format!(
            "a CSV file holds one table: choose one with --table ({}), or give a folder with -o to have each table written as a file in it",
            names()
        )));
    };
    tables.table(name).ok_or_else(|| {
        Error::Usage(format!(
            "there is no table \"{name}\": the tables are {}",
            names()
        ))
    })
}

/// A format a command does not offer for what it writes: the command line offers only those it
/// has, so this is a mistake in the program, said plainly.
fn unsupported(format: Format) -> Error {
    Error::Usage(format!(
        "this document cannot be written as {}",
        format.name()
    ))
}

/// A view written through a template.
enum View<'a> {
    Framework(&'a FrameworkView),
    Crosswalk(&'a CrosswalkView),
    Report(&'a ReportView),
    Estate(&'a CompareView),
    Trend(&'a TrendView),
}

impl View<'_> {
    fn template(&self) -> Template {
        match self {
            View::Framework(_) => Template::Framework,
            View::Crosswalk(_) => Template::Crosswalk,
            View::Report(_) => Template::Report,
            View::Estate(_) => Template::Estate,
            View::Trend(_) => Template::Trend,
        }
    }
}

/// `view` through its template's file for `format`.
fn through(env: &Environment<'_>, format: Format, view: View<'_>) -> Result<Written> {
    let template = view.template();
    let file = template.file(format).ok_or_else(|| unsupported(format))?;
    let name = template.name();
    let text = match view {
        View::Framework(v) => templates::render_document(env, &file, name, v),
        View::Crosswalk(v) => templates::render_document(env, &file, name, v),
        View::Report(v) => templates::render_document(env, &file, name, v),
        View::Estate(v) => templates::render_document(env, &file, name, v),
        View::Trend(v) => templates::render_document(env, &file, name, v),
    }?;
    Ok(Written::Text(text))
}
