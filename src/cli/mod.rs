//! The command line: the arguments of every command, and one file per command that calls the
//! library and prints what it makes.

mod args;
mod check;
mod compare;
mod disk;
mod files;
mod frameworks;
mod import;
mod init;
pub mod output;
mod report;
mod schema;
mod score;
mod show;
mod templates;
mod trend;
mod workbook;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use ties::error::Result;

/// What `ties --version` says: the version, the commit it was built from and the system it was
/// built for (see build.rs).
const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("TIES_COMMIT"),
    ", ",
    env!("TIES_TARGET"),
    ")"
);

#[derive(Parser)]
#[command(
    name = "ties",
    // "Usage: ties check …" on every system, not "ties.exe" on Windows.
    bin_name = "ties",
    version = VERSION,
    about = "Measure and report how well a prison supports prisoners' family ties.",
    long_about = "Measure and report how well a prison supports prisoners' family ties.\n\n\
        ties reads frameworks (Lord Farmer's local family offer, the HM Prison and Probation Service \
        (HMPPS) family practice guidance, HM Inspectorate of Prisons expectations, the Scottish Prison \
        Service family strategy, and more: `ties frameworks` lists them) and an establishment's yearly \
        self-assessment, checks it, scores it and writes reports.",
    after_help = "Start with `ties frameworks`, then `ties workbook` (to fill in with Excel or LibreOffice) \
        or `ties init` (a text file) to begin a self-assessment.\n\
        Each command has its own help: `ties workbook --help`."
)]
pub struct Cli {
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
    Frameworks(frameworks::Args),
    /// Show a framework as a readable document: sections, items, guiding questions, scales, sources.
    #[command(
        after_help = "Example:\n  ties show farmer-offer\n  ties show sps-family-strategy --format html -o sps.html\n  ties show --crosswalk farmer-offer hmpps-family-practice --format csv\n\nWith --crosswalk, two frameworks side by side: each item of the first beside the items of the\nsecond the sources connect it with, and whether they are the same practice or related."
    )]
    Show(show::Args),
    /// Start a new self-assessment file: every item present, guidance as comments. Never overwrites.
    #[command(
        after_help = "Example:\n  ties init --establishment hmp-example --name \"HMP Example\" --year 2025 \\\n    --framework farmer-offer,hmpps-family-practice\n  ties init --from assessments/hmp-example/2025.yaml\n\nThe file is written to assessments/<establishment>/<year>.yaml unless you give -o; one started\n--from last year's goes beside it, with last year's answers marked `carried_from:`."
    )]
    Init(init::Args),
    /// Check framework and assessment files: every problem, with file, line and column.
    #[command(
        after_help = "Example:\n  ties check assessments/\n  ties check assessments/hmp-example/2025.yaml --as-of 2026-05-01\n\nExits with 1 when there are errors; warnings alone exit with 0."
    )]
    Check(check::Args),
    /// Score a self-assessment: per item, section and framework, with coverage.
    #[command(
        after_help = "Example:\n  ties score assessments/hmp-example/2025.yaml\n  ties score assessments/hmp-example/2025.yaml --format csv -o scores.csv"
    )]
    Score(score::Args),
    /// Write the annual progress report for a self-assessment, with change since last year.
    #[command(
        after_help = "Example:\n  ties report assessments/hmp-example/2025.yaml --format html -o report.html\n  ties report assessments/hmp-example/2025.yaml --audience inspector --as-of 2026-05-01\n\nLast year's file is found beside this one (same folder, same establishment) and the change is shown."
    )]
    Report(report::Args),
    /// Compare the estate: establishments by sections, spread, who has not submitted, learning from peers.
    #[command(
        after_help = "Example:\n  ties compare assessments/ --format html -o estate.html\n  ties compare assessments/ --year 2024 --group reception\n  ties compare assessments/ --due 2026-04-30 --as-of 2026-06-01\n  ties compare assessments/ --format xlsx -o estate.xlsx\n  ties compare assessments/ --format csv -o estate-tables\n  ties compare assessments/ --format csv --table actions\n  ties compare assessments/ --years 2016-2025 --format csv -o estate-tables\n\nA workbook (xlsx) is always written to a file: give one with -o.\nThe tables for analysts (one for each kind of record: establishments, frameworks, sections,\nitems, measures, actions, peers, not-submitted, files-left-out) are sheets of the workbook,\narrays under \"tables\" in the JSON, and a CSV file each: with --format csv, -o names a folder\nand every table is written in it, or --table chooses one. --years gives every year of a range\nin the same tables, each record with its year. docs/tables.md describes every column.\nThe self-assessments of the year compared and of the year before it are read (every file below\nthe folder whose year cannot be told at a glance too); files with errors are listed and left out.\nA register file in the folder (a file with `establishments:`) is used unless --register is given."
    )]
    Compare(compare::Args),
    /// One establishment across the years: section scores, and what became of its actions.
    #[command(
        after_help = "Example:\n  ties trend assessments/ --establishment hmp-harrowfield\n  ties trend assessments/ --establishment hmp-harrowfield --format html -o harrowfield-trend.html"
    )]
    Trend(trend::Args),
    /// A self-assessment as a workbook to fill in with Excel or LibreOffice. Never overwrites.
    #[command(after_help = "Examples:\n  \
        ties workbook --establishment hmp-example --name \"HMP Example\" --year 2025 --framework farmer-offer,hmpps-family-practice\n  \
        ties workbook assessments/hmp-example/2025.yaml -o assessments/hmp-example/2025.xlsx\n  \
        ties workbook --from assessments/hmp-example/2025.xlsx\n  \
        ties workbook --register assessments/register.yaml --year 2026 --from assessments/ --out workbooks/\n\n\
        A new workbook goes to assessments/<establishment>/<year>.xlsx unless you give -o; one started\n\
        --from last year's goes beside it. Answers carried from last year are marked until changed or confirmed.")]
    Workbook(workbook::Args),
    /// Write a filled-in workbook as a YAML self-assessment, with the guidance as comments.
    #[command(
        after_help = "Example:\n  ties import assessments/hmp-example/2025.xlsx\n  ties import 2025.xlsx -o assessments/hmp-example/2025.yaml\n\nThe YAML goes beside the workbook unless you give -o. An existing YAML file is only replaced with --force."
    )]
    Import(import::Args),
    /// Write the JSON Schema that lets an editor complete and check a self-assessment as you type.
    #[command(
        long_about = "Write a JSON Schema (draft-07) for a self-assessment (the default), a framework file or a register.\n\n\
            An editor that reads JSON Schema for YAML (VS Code with the YAML extension, or any editor \
            using the YAML language server) then completes field names, item ids and ratings, shows \
            what each item and rating means, and underlines a wrong one as you type. A self-assessment's \
            schema lists the items of every framework ties knows, or only those given with --framework. \
            `ties init` starts each new file with the line\n\n  \
            # yaml-language-server: $schema=../../schemas/assessment.schema.json\n\n\
            which finds the schema from assessments/<establishment>/<year>.yaml when it is written to \
            schemas/assessment.schema.json in the folder that holds assessments/. `ties check` remains \
            the full check: some rules (two actions with one id, a numerator above its denominator) \
            cannot be written in a schema.",
        after_help = "Example:\n  ties schema -o schemas/assessment.schema.json\n  ties schema --framework sps-family-strategy -o schemas/sps.schema.json\n  ties schema framework -o schemas/framework.schema.json\n  ties schema register -o schemas/register.schema.json"
    )]
    Schema(schema::Args),
    /// Work with the report templates.
    Templates {
        #[command(subcommand)]
        command: templates::Command,
    },
}

/// What every command may use: the `--frameworks` folders and `--force`.
pub struct Context {
    pub frameworks: Vec<PathBuf>,
    pub force: bool,
    /// Where every file is read from.
    pub disk: disk::Disk,
}

impl Context {
    /// The built-in frameworks and those in the `--frameworks` folders.
    pub fn catalog(&self) -> Result<ties::model::catalog::Catalog> {
        ties::model::catalog::Catalog::open(&self.disk, &self.frameworks)
    }
}

/// Runs the command the arguments name.
/// Leaves `value` to be given back with the rest of the process's memory when the command ends,
/// which it does once it has written its output: freeing a self-assessment, the frameworks and
/// the templates piece by piece took a twentieth of a report's time, and an estate's a twentieth
/// of a comparison's. Only for what a command holds to its end.
fn keep_until_exit<T>(value: T) {
    std::mem::forget(value);
}

pub fn run(cli: Cli) -> Result<()> {
    let ctx = Context {
        frameworks: cli.frameworks,
        force: cli.force,
        disk: disk::Disk::new(),
    };
    match cli.command {
        Command::Frameworks(args) => frameworks::run(&ctx, args),
        Command::Show(args) => show::run(&ctx, args),
        Command::Init(args) => init::run(&ctx, args),
        Command::Check(args) => check::run(&ctx, args),
        Command::Score(args) => score::run(&ctx, args),
        Command::Report(args) => report::run(&ctx, args),
        Command::Compare(args) => compare::run(&ctx, args),
        Command::Trend(args) => trend::run(&ctx, args),
        Command::Workbook(args) => workbook::run(&ctx, args),
        Command::Import(args) => import::run(&ctx, args),
        Command::Schema(args) => schema::run(&ctx, args),
        Command::Templates { command } => templates::run(&ctx, command),
    }
}
