//! The `ties` command: parses arguments, calls the library, prints, and maps problems to exit
//! codes (0 fine, 1 invalid input or failed check, 2 wrong use of the command).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use ties::assessment::{Assessment, Nation, parse_date};
use ties::catalog::{Catalog, Origin};
use ties::check;
use ties::check_assessment;
use ties::diag::{Diagnostic, Diagnostics};
use ties::load;
use ties::source::SourceFile;

#[derive(Parser)]
#[command(
    name = "ties",
    version,
    about = "Measure and report how well a prison supports prisoners' family ties.",
    long_about = "Measure and report how well a prison supports prisoners' family ties.\n\n\
        ties reads frameworks (Lord Farmer's local family offer, the HMPPS family practice guidance, \
        HM Inspectorate of Prisons expectations, the Scottish Prison Service family strategy) and an \
        establishment's yearly self-assessment, checks it, scores it and writes reports.",
    after_help = "Start with `ties frameworks`, then `ties init` to begin a self-assessment.\n\
        Each command has its own help: `ties init --help`."
)]
struct Cli {
    /// A folder of extra framework files. A file with the id of a built-in framework replaces it.
    #[arg(long = "frameworks", value_name = "DIR", global = true)]
    frameworks: Vec<PathBuf>,
    /// Let -o replace a .yaml or .toml file (one a person wrote), or templates export replace templates.
    #[arg(long, global = true)]
    force: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List the frameworks available, with version and size.
    #[command(
        after_help = "Example:\n  ties frameworks\n  ties frameworks --frameworks my-frameworks/ --format json"
    )]
    Frameworks {
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Show a framework as a readable document: sections, items, guiding questions, scales, sources.
    #[command(
        after_help = "Example:\n  ties show farmer-offer\n  ties show sps-family-strategy --format html -o sps.html"
    )]
    Show {
        /// The framework's id, as `ties frameworks` lists it.
        framework: String,
        #[arg(long, value_enum, default_value_t = ShowFormat::Md)]
        format: ShowFormat,
        /// Write to this file instead of the screen.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// A folder of your own templates, replacing the built-in ones file by file.
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
    },
    /// Start a new self-assessment file: every item present, guidance as comments. Never overwrites.
    #[command(
        after_help = "Example:\n  ties init --establishment hmp-example --name \"HMP Example\" --year 2025 \\\n    --framework farmer-offer,hmpps-family-practice\n\nThe file is written to assessments/<establishment>/<year>.yaml unless you give -o."
    )]
    Init {
        /// The establishment's id: lower-case letters, digits and hyphens, such as hmp-example.
        #[arg(long, value_name = "ID")]
        establishment: String,
        /// The establishment's name, such as "HMP Example".
        #[arg(long)]
        name: String,
        /// The year the self-assessment reports on.
        #[arg(long, value_name = "YYYY")]
        year: i32,
        /// One or more framework ids, separated by commas.
        #[arg(
            long = "framework",
            value_name = "F[,F...]",
            value_delimiter = ',',
            required = true
        )]
        framework: Vec<String>,
        /// england-wales or scotland.
        #[arg(long, value_enum)]
        nation: Option<NationArg>,
        /// Where to write the file.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Check framework and assessment files: every problem, with file, line and column.
    #[command(
        after_help = "Example:\n  ties check assessments/\n  ties check assessments/hmp-example/2025.yaml --as-of 2026-05-01\n\nExits with 1 when there are errors; warnings alone exit with 0."
    )]
    Check {
        /// Files or folders to check (folders are searched for .yaml, .yml and .toml files).
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// The date overdue actions are judged against (default: each file's completed_on).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
        as_of: Option<chrono::NaiveDate>,
    },
    /// Score a self-assessment: per item, section and framework, with coverage.
    #[command(
        after_help = "Example:\n  ties score assessments/hmp-example/2025.yaml\n  ties score assessments/hmp-example/2025.yaml --format csv -o scores.csv"
    )]
    Score {
        /// The assessment file.
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = ScoreFormat::Table)]
        format: ScoreFormat,
        /// Write to this file instead of the screen.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Write the annual progress report for a self-assessment, with change since last year.
    #[command(
        after_help = "Example:\n  ties report assessments/hmp-example/2025.yaml --format html -o report.html\n  ties report assessments/hmp-example/2025.yaml --audience inspector --as-of 2026-05-01\n\nLast year's file is found beside this one (same folder, same establishment) and the change is shown."
    )]
    Report {
        /// The assessment file.
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
        format: ReportFormat,
        /// Write to this file instead of the screen.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// public leaves out everything marked restricted; inspector shows it, marked.
        #[arg(long, value_enum, default_value_t = AudienceArg::Public)]
        audience: AudienceArg,
        /// The date actions are judged overdue against (default: the file's completed_on).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
        as_of: Option<chrono::NaiveDate>,
        /// A folder of your own templates, replacing the built-in ones file by file.
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
        /// Write the public report even though some text looks like personal data.
        #[arg(long)]
        allow_personal_data: bool,
    },
    /// Compare the estate: establishments by sections, spread, who has not submitted, learning from peers.
    #[command(
        after_help = "Example:\n  ties compare assessments/ --format html -o estate.html\n  ties compare assessments/ --year 2024 --group reception\n  ties compare assessments/ --format xlsx -o estate.xlsx\n\nEvery self-assessment below the folder is read; files with errors are listed and left out.\nA register file in the folder (a file with `establishments:`) is used unless --register is given."
    )]
    Compare {
        /// The folder holding the self-assessments (searched in all its sub-folders).
        dir: PathBuf,
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
        #[arg(long, value_enum, default_value_t = CompareFormat::Md)]
        format: CompareFormat,
        /// Write to this file instead of the screen (needed for xlsx).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// A folder of your own templates, replacing the built-in ones file by file.
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
        /// Write even though some text looks like personal data (see `ties check`).
        #[arg(long)]
        allow_personal_data: bool,
    },
    /// One establishment across the years: section scores, and what became of its actions.
    #[command(
        after_help = "Example:\n  ties trend assessments/ --establishment hmp-harrowfield\n  ties trend assessments/ --establishment hmp-harrowfield --format html -o harrowfield-trend.html"
    )]
    Trend {
        /// The folder holding the self-assessments (searched in all its sub-folders).
        dir: PathBuf,
        /// The establishment's id, as in its files.
        #[arg(long, value_name = "ID")]
        establishment: String,
        #[arg(long, value_enum, default_value_t = TrendFormat::Md)]
        format: TrendFormat,
        /// Write to this file instead of the screen.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// A folder of your own templates, replacing the built-in ones file by file.
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
        /// Write even though some text looks like personal data (see `ties check`).
        #[arg(long)]
        allow_personal_data: bool,
    },
    /// Work with the report templates.
    Templates {
        #[command(subcommand)]
        command: TemplatesCommand,
    },
}

#[derive(Subcommand)]
enum TemplatesCommand {
    /// Write the built-in templates to a folder, to customise them and use with --templates.
    #[command(
        after_help = "Example:\n  ties templates export my-templates/\n  ties report assessments/hmp-example/2025.yaml --templates my-templates/"
    )]
    Export { dir: PathBuf },
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    Table,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ShowFormat {
    Md,
    Html,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ScoreFormat {
    Table,
    Json,
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    Md,
    Html,
}

#[derive(Clone, Copy, ValueEnum)]
enum CompareFormat {
    Md,
    Html,
    Csv,
    Json,
    Xlsx,
}

#[derive(Clone, Copy, ValueEnum)]
enum TrendFormat {
    Md,
    Html,
    Csv,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum AudienceArg {
    Public,
    Inspector,
}

#[derive(Clone, Copy, ValueEnum)]
enum NationArg {
    EnglandWales,
    Scotland,
}

fn date_arg(s: &str) -> Result<chrono::NaiveDate, String> {
    parse_date(s)
        .ok_or_else(|| format!("`{s}` is not a date written YYYY-MM-DD, such as 2026-04-20"))
}

/// A failure that ends the command: the message has been printed, or is printed here.
enum Failure {
    /// Problems in input files, to be shown with their lines.
    Problems(Diagnostics, Vec<SourceFile>),
    /// A plain message.
    Message(String),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Problems(diags, files)) => {
            eprint!("{}", render_all(&diags, &files));
            ExitCode::from(1)
        }
        Err(Failure::Message(m)) => {
            eprintln!("error: {m}");
            ExitCode::from(1)
        }
    }
}

fn render_all(diags: &Diagnostics, files: &[SourceFile]) -> String {
    let mut out = String::new();
    for d in &diags.items {
        let source = files.iter().find(|f| f.path == d.file);
        out.push_str(&d.render(source));
        out.push('\n');
    }
    out
}

fn load_catalog(dirs: &[PathBuf]) -> Result<Catalog, Failure> {
    let (catalog, diags) = Catalog::load(dirs);
    if diags.has_errors() {
        let files = catalog.entries.iter().map(|e| e.file.clone()).collect();
        return Err(Failure::Problems(diags, files));
    }
    Ok(catalog)
}

fn run(cli: Cli) -> Result<(), Failure> {
    FORCE.store(cli.force, std::sync::atomic::Ordering::Relaxed);
    match cli.command {
        Command::Frameworks { format } => frameworks(&cli.frameworks, format),
        Command::Show {
            framework,
            format,
            output,
            templates,
        } => show(
            &cli.frameworks,
            &framework,
            format,
            output.as_deref(),
            templates.as_deref(),
        ),
        Command::Init {
            establishment,
            name,
            year,
            framework,
            nation,
            output,
        } => init(
            &cli.frameworks,
            &establishment,
            &name,
            year,
            &framework,
            nation,
            output,
        ),
        Command::Check { paths, as_of } => check_cmd(&cli.frameworks, &paths, as_of),
        Command::Score {
            file,
            format,
            output,
        } => score_cmd(&cli.frameworks, &file, format, output.as_deref()),
        Command::Report {
            file,
            format,
            output,
            audience,
            as_of,
            templates,
            allow_personal_data,
        } => report_cmd(
            &cli.frameworks,
            &file,
            ReportOptions {
                format,
                output: output.as_deref(),
                audience,
                as_of,
                templates: templates.as_deref(),
                allow_personal_data,
            },
        ),
        Command::Compare {
            dir,
            year,
            framework,
            group,
            nation,
            region,
            register,
            format,
            output,
            templates,
            allow_personal_data,
        } => {
            let filters = ties::view_estate::Filters {
                year,
                framework,
                group,
                nation: nation.map(nation_of),
                region,
            };
            compare_cmd(
                &cli.frameworks,
                &dir,
                &filters,
                register.as_deref(),
                CompareOptions {
                    format,
                    output: output.as_deref(),
                    templates: templates.as_deref(),
                    allow_personal_data,
                },
            )
        }
        Command::Trend {
            dir,
            establishment,
            format,
            output,
            templates,
            allow_personal_data,
        } => trend_cmd(
            &cli.frameworks,
            &dir,
            &establishment,
            format,
            output.as_deref(),
            templates.as_deref(),
            allow_personal_data,
        ),
        Command::Templates {
            command: TemplatesCommand::Export { dir },
        } => {
            let written = ties::render::export(&dir, cli.force).map_err(|e| {
                Failure::Message(format!(
                    "{}: the templates could not be written: {e}",
                    dir.display()
                ))
            })?;
            let skipped = ties::render::BUNDLED.len() - written.len();
            println!("Wrote {} templates to {}.", written.len(), dir.display());
            if skipped > 0 {
                println!(
                    "Left {skipped} existing templates as they were (use --force to replace them)."
                );
            }
            Ok(())
        }
    }
}

/// Writes output to a file (atomically) or to the screen.
/// Set once from `--force` before any command runs.
static FORCE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Writes a generated file: atomically, and never over a file a person wrote unless `--force`.
fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let force = FORCE.load(std::sync::atomic::Ordering::Relaxed);
    ties::fsio::write_output(path, bytes, force).map_err(|e| match e {
        ties::fsio::OutputError::WouldReplace => Failure::Message(format!(
            "{} already exists and looks like a file you wrote (an assessment, register or framework), \
             so it was left as it is. Choose another name for the output, or add --force to replace it.",
            path.display()
        )),
        ties::fsio::OutputError::Io(e) => Failure::Message(format!("{}: could not write the file: {e}", path.display())),
    })
}

fn emit(output: Option<&Path>, text: &str) -> Result<(), Failure> {
    match output {
        Some(path) => write_file(path, text.as_bytes()),
        None => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (for example `ties show x | head`) is not an error worth reporting.
            let _ = stdout.write_all(text.as_bytes());
            let _ = stdout.flush();
            Ok(())
        }
    }
}

fn frameworks(dirs: &[PathBuf], format: ListFormat) -> Result<(), Failure> {
    let catalog = load_catalog(dirs)?;
    #[derive(serde::Serialize)]
    struct Row<'a> {
        id: &'a str,
        title: &'a str,
        version: &'a str,
        sections: usize,
        items: usize,
        source: String,
        origin: String,
    }
    let rows: Vec<Row> = catalog
        .entries
        .iter()
        .chain(&catalog.older)
        .map(|e| Row {
            id: &e.framework.id,
            title: &e.framework.title,
            version: &e.framework.version,
            sections: e.framework.all_sections().len(),
            items: e.framework.items().len(),
            source: ties::view_framework::citation(&e.framework.source),
            origin: match &e.origin {
                _ if catalog.older.iter().any(|o| std::ptr::eq(o, e)) => format!(
                    "{} (an earlier version, used by assessments that name `{}@{}`)",
                    match &e.origin {
                        Origin::Bundled => "built in".to_string(),
                        Origin::File { path, .. } => path.display().to_string(),
                    },
                    e.framework.id.value,
                    e.framework.version.value
                ),
                Origin::Bundled => "built in".to_string(),
                Origin::File {
                    path,
                    replaces_bundled: true,
                } => format!("{} (replaces the built-in one)", path.display()),
                Origin::File { path, .. } => path.display().to_string(),
            },
        })
        .collect();
    let text = match format {
        ListFormat::Json => format!(
            "{}\n",
            serde_json::to_string_pretty(&rows).unwrap_or_default()
        ),
        ListFormat::Table => {
            let w_id = rows.iter().map(|r| r.id.len()).max().unwrap_or(2).max(2);
            let w_title = rows
                .iter()
                .map(|r| r.title.chars().count())
                .max()
                .unwrap_or(5)
                .max(5);
            let mut t = format!(
                "{:<w_id$}  {:<w_title$}  {:<7}  {:>8}  {:>5}  From\n",
                "Id", "Title", "Version", "Sections", "Items"
            );
            for r in &rows {
                let title = r.title;
                t.push_str(&format!(
                    "{:<w_id$}  {:<w_title$}  {:<7}  {:>8}  {:>5}  {}\n",
                    r.id, title, r.version, r.sections, r.items, r.origin
                ));
            }
            t.push_str("\nSee one in full with `ties show ID`.\n");
            t
        }
    };
    emit(None, &text)
}

fn show(
    dirs: &[PathBuf],
    id: &str,
    format: ShowFormat,
    output: Option<&Path>,
    templates: Option<&Path>,
) -> Result<(), Failure> {
    let catalog = load_catalog(dirs)?;
    // `id@version` shows an earlier version the catalog keeps.
    let fw = match catalog.resolve(id) {
        Some(fw) => fw,
        None => catalog.require(id).map_err(Failure::Message)?,
    };
    let text = match format {
        ShowFormat::Json => format!("{}\n", serde_json::to_string_pretty(fw).unwrap_or_default()),
        ShowFormat::Md | ShowFormat::Html => {
            let env = ties::render::environment(templates).map_err(|e| Failure::Message(e.0))?;
            let view = ties::view_framework::framework_view(fw, &catalog);
            let name = if matches!(format, ShowFormat::Md) {
                "framework.md"
            } else {
                "framework.html"
            };
            ties::render::render_document(&env, name, "framework", &view)
                .map_err(|e| Failure::Message(e.0))?
        }
    };
    emit(output, &text)
}

fn init(
    dirs: &[PathBuf],
    id: &str,
    name: &str,
    year: i32,
    framework_ids: &[String],
    nation: Option<NationArg>,
    output: Option<PathBuf>,
) -> Result<(), Failure> {
    let catalog = load_catalog(dirs)?;
    let valid_id = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !valid_id {
        return Err(Failure::Message(format!(
            "`{id}` is not a valid establishment id: use lower-case letters, digits and hyphens, such as hmp-example"
        )));
    }
    if !(2000..=2100).contains(&year) {
        return Err(Failure::Message(format!(
            "{year} is not a plausible reporting year: give a year such as 2025"
        )));
    }
    let mut frameworks = Vec::new();
    for f in framework_ids {
        let fw = catalog.require(f.trim()).map_err(Failure::Message)?;
        if !frameworks
            .iter()
            .any(|x: &&ties::framework::Framework| x.id.value == fw.id.value)
        {
            frameworks.push(fw);
        }
    }
    let nation = nation.map(nation_of);
    let text = ties::init::new_assessment(&ties::init::NewAssessment {
        id,
        name,
        nation,
        year,
        frameworks,
    });
    let path = output.unwrap_or_else(|| {
        PathBuf::from("assessments")
            .join(id)
            .join(format!("{year}.yaml"))
    });
    match ties::fsio::write_new(&path, text.as_bytes()) {
        Ok(()) => {
            println!("Wrote {}.", path.display());
            println!(
                "Fill it in with a text editor, then run: ties check {}",
                path.display()
            );
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(Failure::Message(format!(
            "{} already exists, and ties never overwrites a file you may have worked on. \
             Choose another file with -o, or move the existing file first.",
            path.display()
        ))),
        Err(e) => Err(Failure::Message(format!(
            "{}: could not write the file: {e}",
            path.display()
        ))),
    }
}

fn check_cmd(
    dirs: &[PathBuf],
    paths: &[PathBuf],
    as_of: Option<chrono::NaiveDate>,
) -> Result<(), Failure> {
    let (mut catalog, catalog_diags) = Catalog::load(dirs);
    let mut result = check::check_paths_as_of(paths, &mut catalog, as_of);
    let mut diags = catalog_diags;
    diags.extend(std::mem::take(&mut result.diagnostics));
    diags.sort();
    let mut files = result.files;
    files.extend(catalog.entries.iter().map(|e| e.file.clone()));
    let mut text = render_all(&diags, &files);
    text.push_str(&check::summary(&diags, result.checked));
    text.push('\n');
    emit(None, &text)?;
    if diags.has_errors() {
        Err(Failure::Problems(Diagnostics::default(), Vec::new()))
    } else {
        Ok(())
    }
}

/// Reads and checks an assessment; any error stops the command with the full list.
fn read_assessment(catalog: &Catalog, path: &Path) -> Result<Assessment, Failure> {
    let file = load::read_source(path)
        .map_err(|d| Failure::Problems(Diagnostics { items: vec![d] }, Vec::new()))?;
    let node = load::parse(&file)
        .map_err(|d| Failure::Problems(Diagnostics { items: vec![d] }, vec![file.clone()]))?;
    // Only errors are kept here, so the search for personal data (warnings) is left to the
    // commands that guard their output.
    let (assessment, diags) = check_assessment::check_node(&file, &node, catalog, None, false);
    match assessment {
        Some(a) => Ok(a),
        None => {
            let errors = Diagnostics {
                items: diags
                    .items
                    .into_iter()
                    .filter(Diagnostic::is_error)
                    .collect(),
            };
            Err(Failure::Problems(errors, vec![file]))
        }
    }
}

fn score_cmd(
    dirs: &[PathBuf],
    path: &Path,
    format: ScoreFormat,
    output: Option<&Path>,
) -> Result<(), Failure> {
    let catalog = load_catalog(dirs)?;
    let a = read_assessment(&catalog, path)?;
    let card = ties::score::score(&a, &catalog);
    let text = match format {
        ScoreFormat::Table => ties::score_output::table(&a, &card),
        ScoreFormat::Json => ties::score_output::json(&a, &card),
        ScoreFormat::Csv => ties::score_output::csv(&a, &card),
    };
    emit(output, &text)
}

struct ReportOptions<'a> {
    format: ReportFormat,
    output: Option<&'a Path>,
    audience: AudienceArg,
    as_of: Option<chrono::NaiveDate>,
    templates: Option<&'a Path>,
    allow_personal_data: bool,
}

fn report_cmd(dirs: &[PathBuf], path: &Path, o: ReportOptions<'_>) -> Result<(), Failure> {
    let ReportOptions {
        format,
        output,
        audience,
        as_of,
        templates,
        allow_personal_data,
    } = o;
    use ties::view_report::{Audience, Year};
    let catalog = load_catalog(dirs)?;
    let env = ties::render::environment(templates).map_err(|e| Failure::Message(e.0))?;
    let a = read_assessment(&catalog, path)?;
    if matches!(audience, AudienceArg::Public) && !allow_personal_data {
        let file = load::read_source(path).ok();
        let found = ties::privacy::findings(&a, file.as_ref());
        if !found.is_empty() {
            let diags = Diagnostics {
                items: found
                    .iter()
                    .map(|f| ties::privacy::warning(path, f))
                    .collect(),
            };
            eprint!("{}", render_all(&diags, file.as_slice()));
            return Err(Failure::Message(format!(
                "the public report was not written: {} piece{} of text in {} look{} like personal data (listed above). \
                 Remove {}, or mark the response, evidence or action `restricted: true`; \
                 the inspector's version (--audience inspector) is not affected. \
                 If you are sure the text is not personal data, add --allow-personal-data.",
                found.len(),
                if found.len() == 1 { "" } else { "s" },
                path.display(),
                if found.len() == 1 { "s" } else { "" },
                if found.len() == 1 { "it" } else { "them" },
            )));
        }
    }
    let as_of = match as_of.or_else(|| a.completed_on.as_ref().and_then(|d| parse_date(d))) {
        Some(d) => d,
        None => {
            return Err(Failure::Message(format!(
                "{} has no completed_on date, so ties cannot tell which actions are overdue: \
                 give the date to judge them against with --as-of YYYY-MM-DD",
                path.display()
            )));
        }
    };
    let card = ties::score::score(&a, &catalog);
    let previous = ties::report::previous_year(path, &a, &catalog);
    let previous_card = previous
        .as_ref()
        .ok()
        .map(|p| ties::score::score(p, &catalog));
    let (prev_year, note) = match (&previous, &previous_card) {
        (Ok(p), Some(c)) => (
            Some(Year {
                assessment: p,
                card: c,
            }),
            None,
        ),
        (Err(note), _) => (None, Some(note.clone())),
        _ => (None, None),
    };
    let audience = match audience {
        AudienceArg::Public => Audience::Public,
        AudienceArg::Inspector => Audience::Inspector,
    };
    let view = ties::view_report::build(
        &catalog,
        Year {
            assessment: &a,
            card: &card,
        },
        prev_year,
        note,
        audience,
        as_of,
    );
    let name = match format {
        ReportFormat::Md => "report.md",
        ReportFormat::Html => "report.html",
    };
    let text = ties::render::render_document(&env, name, "report", &view)
        .map_err(|e| Failure::Message(e.0))?;
    emit(output, &text)
}

fn nation_of(n: NationArg) -> Nation {
    match n {
        NationArg::EnglandWales => Nation::EnglandWales,
        NationArg::Scotland => Nation::Scotland,
    }
}

struct CompareOptions<'a> {
    format: CompareFormat,
    output: Option<&'a Path>,
    templates: Option<&'a Path>,
    allow_personal_data: bool,
}

fn compare_cmd(
    dirs: &[PathBuf],
    dir: &Path,
    filters: &ties::view_estate::Filters,
    register: Option<&Path>,
    o: CompareOptions<'_>,
) -> Result<(), Failure> {
    let CompareOptions {
        format,
        output,
        templates,
        allow_personal_data,
    } = o;
    if !dir.is_dir() {
        return Err(Failure::Message(format!(
            "{} is not a folder: give the folder that holds the self-assessments",
            dir.display()
        )));
    }
    let catalog = load_catalog(dirs)?;
    let env = ties::render::environment(templates).map_err(|e| Failure::Message(e.0))?;
    let estate = ties::estate::Estate::load(dir, &catalog);
    let register = match register {
        Some(path) => {
            let file = load::read_source(path)
                .map_err(|d| Failure::Problems(Diagnostics { items: vec![d] }, Vec::new()))?;
            Some(
                ties::register::Register::read(&file)
                    .map_err(|d| Failure::Problems(d, vec![file.clone()]))?,
            )
        }
        None => estate.registers.first().map(|(_, r)| r.clone()),
    };
    let view = ties::view_estate::build(&catalog, &estate, register.as_ref(), filters)
        .map_err(Failure::Message)?;
    if !allow_personal_data {
        let year: Vec<&ties::estate::Entry> = estate.year(view.year).collect();
        guard_personal_data(&year)?;
    }
    if !estate.rejected.is_empty() {
        eprintln!(
            "warning: {} file{} could not be used and {} left out; the report lists {}. Run `ties check {}` for details.",
            estate.rejected.len(),
            if estate.rejected.len() == 1 { "" } else { "s" },
            if estate.rejected.len() == 1 {
                "is"
            } else {
                "are"
            },
            if estate.rejected.len() == 1 {
                "it"
            } else {
                "them"
            },
            dir.display()
        );
    }
    let rows = || ties::estate_output::rows(&estate, &view, filters);
    match format {
        CompareFormat::Csv => emit(output, &ties::estate_output::to_csv(&rows())),
        CompareFormat::Json => emit(output, &ties::estate_output::to_json(&view)),
        CompareFormat::Xlsx => {
            let Some(path) = output else {
                return Err(Failure::Message("a spreadsheet cannot be shown on the screen: give a file name with -o, such as -o estate.xlsx".into()));
            };
            let created = estate
                .year(view.year)
                .filter_map(|e| {
                    e.assessment
                        .completed_on
                        .as_ref()
                        .and_then(|d| parse_date(d))
                })
                .max()
                .map_or((view.year as u16, 12, 31), |d| {
                    use chrono::Datelike;
                    (d.year() as u16, d.month() as u8, d.day() as u8)
                });
            let bytes = ties::estate_output::to_xlsx(&view, &rows(), created)
                .map_err(|e| Failure::Message(format!("the spreadsheet could not be made: {e}")))?;
            write_file(path, &bytes)
        }
        CompareFormat::Md | CompareFormat::Html => {
            let name = if matches!(format, CompareFormat::Md) {
                "estate.md"
            } else {
                "estate.html"
            };
            let text = ties::render::render_document(&env, name, "estate", &view)
                .map_err(|e| Failure::Message(e.0))?;
            emit(output, &text)
        }
    }
}

fn trend_cmd(
    dirs: &[PathBuf],
    dir: &Path,
    id: &str,
    format: TrendFormat,
    output: Option<&Path>,
    templates: Option<&Path>,
    allow_personal_data: bool,
) -> Result<(), Failure> {
    if !dir.is_dir() {
        return Err(Failure::Message(format!(
            "{} is not a folder: give the folder that holds the self-assessments",
            dir.display()
        )));
    }
    let catalog = load_catalog(dirs)?;
    let env = ties::render::environment(templates).map_err(|e| Failure::Message(e.0))?;
    let estate = ties::estate::Estate::load(dir, &catalog);
    for r in estate
        .rejected
        .iter()
        .filter(|r| r.path.components().any(|c| c.as_os_str() == id))
    {
        eprintln!(
            "warning: {} has errors and is left out; run `ties check` on it.",
            r.path.display()
        );
    }
    let view = ties::view_trend::build(&estate, id).map_err(Failure::Message)?;
    if !allow_personal_data {
        let entries: Vec<&ties::estate::Entry> =
            estate.entries.iter().filter(|e| e.id() == id).collect();
        guard_personal_data(&entries)?;
    }
    match format {
        TrendFormat::Csv => emit(output, &ties::view_trend::to_csv(&view)),
        TrendFormat::Json => emit(output, &ties::view_trend::to_json(&view)),
        TrendFormat::Md | TrendFormat::Html => {
            let name = if matches!(format, TrendFormat::Md) {
                "trend.md"
            } else {
                "trend.html"
            };
            let text = ties::render::render_document(&env, name, "trend", &view)
                .map_err(|e| Failure::Message(e.0))?;
            emit(output, &text)
        }
    }
}

/// Refuses an estate output while any of its assessments has text that looks like personal data.
fn guard_personal_data(entries: &[&ties::estate::Entry]) -> Result<(), Failure> {
    let flagged: Vec<(String, usize)> = entries
        .iter()
        .map(|e| {
            (
                e.path.display().to_string(),
                ties::privacy::findings(&e.assessment, None).len(),
            )
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    if flagged.is_empty() {
        return Ok(());
    }
    let list: Vec<String> = flagged.iter().map(|(p, n)| format!("  {p}: {n}")).collect();
    Err(Failure::Message(format!(
        "nothing was written: text in these self-assessments looks like personal data (how many places in each):\n{}\n\
         Run `ties check` on each file to see where. Remove the text, or mark the response, evidence or action \
         `restricted: true`. If you are sure it is not personal data, add --allow-personal-data.",
        list.join("\n")
    )))
}
