//! `ties workbook`: a self-assessment as a workbook to fill in with Excel or LibreOffice: new,
//! from an existing self-assessment, carried forward from last year's, or one for every
//! establishment of the register at the start of a cycle.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use ties::error::{Error, Result};
use ties::estate::Estate;
use ties::estate::cycle;
use ties::jobs;
use ties::model::assessment::Assessment;
use ties::model::catalog::Catalog;
use ties::model::register::Register;
use ties::output::workbook;

use super::files;
use ties::load::Files as _;
use ties::validate;

use super::Context;
use super::args::NationArg;
use super::output::{eprint_safely, print_safely};

#[derive(clap::Args)]
pub struct Args {
    /// A self-assessment (YAML or a workbook) to write as a workbook, with all its answers.
    #[arg(value_name = "FILE", conflicts_with_all = ["from", "establishment", "year"])]
    file: Option<PathBuf>,
    /// For a new workbook: the establishment's id, such as hmp-example.
    #[arg(long, value_name = "ID", requires_all = ["name", "year"])]
    establishment: Option<String>,
    /// For a new workbook: the establishment's name, such as "HMP Example".
    #[arg(long)]
    name: Option<String>,
    /// The year the self-assessment reports on (with --from: last year's plus one, unless given).
    #[arg(long, value_name = "YYYY")]
    year: Option<i32>,
    /// One or more framework ids, separated by commas (with --from or --register: for
    /// establishments with nothing to start from, or to change last year's).
    #[arg(long = "framework", value_name = "F[,F...]", value_delimiter = ',')]
    framework: Vec<String>,
    /// england-wales or scotland (with --register: only the establishments of this nation).
    #[arg(long, value_enum)]
    nation: Option<NationArg>,
    /// Last year's self-assessment (YAML or a workbook) to start from; with --register, the
    /// folder of earlier self-assessments.
    #[arg(long, value_name = "FILE|DIR")]
    from: Option<PathBuf>,
    /// The register of establishments: write a workbook for each (with --year and --out).
    #[arg(
        long,
        value_name = "FILE",
        requires_all = ["year", "out"],
        conflicts_with_all = ["file", "establishment", "output"]
    )]
    register: Option<PathBuf>,
    /// With --register: the folder to write the workbooks into, as DIR/<id>/<year>.xlsx.
    #[arg(long, value_name = "DIR", requires = "register")]
    out: Option<PathBuf>,
    /// Where to write the workbook.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let catalog = ctx.catalog()?;
    if args.register.is_some() {
        return for_register(ctx, &catalog, args);
    }
    if let Some(file) = &args.file {
        let (a, _) = validate::assessment::read(&ctx.disk, file, &catalog)?;
        let path = args
            .output
            .clone()
            .unwrap_or_else(|| file.with_extension("xlsx"));
        files::refuse_an_input(&path, [file.as_path()])?;
        let bytes = workbook::to_xlsx(&a, file, &catalog)?;
        files::create_or_force(&path, &bytes, ctx.force)?;
        print_safely(&written(&path));
        return Ok(());
    }
    if let Some(from) = &args.from {
        return from_last_year(ctx, &catalog, from, &args);
    }
    let (Some(id), Some(name), Some(year)) = (&args.establishment, &args.name, args.year) else {
        return Err(Error::Usage(
            "say which workbook to write: --establishment, --name, --year and --framework for a new one; --from LAST_YEAR_FILE to start from last year's; a self-assessment file to write as a workbook; or --register FILE --year YYYY --out DIR for the whole estate (see ties workbook --help)".into(),
        ));
    };
    if args.framework.is_empty() {
        return Err(Error::Usage(
            "give the frameworks with --framework, such as --framework farmer-offer,hmpps-family-practice (ties frameworks lists them)".into(),
        ));
    }
    let nation = args.nation.map(Into::into);
    let (path, bytes) = jobs::new_workbook(
        &catalog,
        (id, name, year),
        &args.framework,
        nation,
        args.output.clone(),
    )?;
    files::create(&path, &bytes)?;
    print_safely(&written(&path));
    Ok(())
}

fn written(path: &Path) -> String {
    format!(
        "Wrote {}.\nOpen it in Excel or LibreOffice and follow its Start here sheet. Check it at any time with: ties check {}\n",
        path.display(),
        ties::paths::for_command(path)
    )
}

/// A new year's workbook, carried forward from last year's self-assessment.
fn from_last_year(ctx: &Context, catalog: &Catalog, from: &Path, args: &Args) -> Result<()> {
    let (last, _) = validate::assessment::read(&ctx.disk, from, catalog)?;
    let carried = jobs::carried_workbook(catalog, &last, from, args.year, &args.framework)?;
    let path = args
        .output
        .clone()
        .unwrap_or_else(|| beside(from, carried.year, "xlsx"));
    files::create(&path, &carried.bytes)?;
    print_safely(&format!(
        "{}{}",
        written(&path),
        carried_note(
            &carried.assessment,
            carried.from_year,
            &carried.left_behind,
            true
        )
    ));
    Ok(())
}

/// `<folder of last year's file>/<year>.<extension>`.
pub fn beside(from: &Path, year: i32, extension: &str) -> PathBuf {
    from.parent()
        .unwrap_or(Path::new(""))
        .join(format!("{year}.{extension}"))
}

/// What was carried forward, in a sentence or two.
pub fn carried_note(a: &Assessment, from: i32, left_behind: &[String], workbook: bool) -> String {
    let answers = a.responses.len();
    let evidence: usize = a.responses.iter().map(|(_, r)| r.evidence.len()).sum();
    let actions = a.actions.len();
    let how = if workbook {
        "They are marked in yellow, with a Confirm column, until each is changed or confirmed."
    } else {
        "Each is marked `carried_from:` until it is changed or the line is removed."
    };
    let mut out = format!(
        "Carried forward from {from}: {answers} answer{}, {evidence} piece{} of evidence and {actions} open action{}. {how}\n",
        if answers == 1 { "" } else { "s" },
        if evidence == 1 { "" } else { "s" },
        if actions == 1 { "" } else { "s" },
    );
    if !left_behind.is_empty() {
        out.push_str(&format!(
            "Left behind, as this year's frameworks do not have them: {}.\n",
            ties::diag::cut_list(
                left_behind,
                left_behind.len(),
                ties::diag::MAX_LISTED,
                ", ",
                ", "
            )
        ));
    }
    out
}

/// A workbook for every establishment of the register.
fn for_register(ctx: &Context, catalog: &Catalog, args: Args) -> Result<()> {
    // clap makes --register come with --year and --out.
    let (Some(register_path), Some(year), Some(out)) = (&args.register, args.year, &args.out)
    else {
        return Err(Error::Usage(
            "--register needs --year and --out: ties workbook --register register.yaml --year 2026 --from assessments/ --out workbooks/".into(),
        ));
    };
    let file = ctx
        .disk
        .source(register_path)
        .map_err(|d| Error::problem(d, None))?;
    let register = Register::read(&file).map_err(|d| Error::in_file(d, file.clone()))?;
    let estate = match &args.from {
        Some(dir) if dir.is_dir() => Some(Estate::load(&ctx.disk, dir, catalog)?),
        Some(dir) => {
            return Err(Error::Input(format!(
                "{} is not a folder: with --register, --from gives the folder of earlier self-assessments",
                dir.display()
            )));
        }
        None => None,
    };
    let nation = args.nation.map(Into::into);
    let planned = cycle::plan(
        &register,
        estate.as_ref(),
        year,
        catalog,
        &args.framework,
        nation,
    )?;
    let total = planned.len();
    let progress = std::io::stderr().is_terminal() && total > 1;
    // Every workbook is made, and so checked, before any is written.
    let made = jobs::register_workbooks(catalog, &file, &planned)?;
    let (mut wrote, mut carried, mut skipped) = (0, 0, Vec::new());
    for (i, (p, bytes)) in planned.iter().zip(made).enumerate() {
        if progress {
            eprint_safely(&format!("\rWriting workbooks: {} of {total}", i + 1));
        }
        let path = out.join(&p.id).join(format!("{year}.xlsx"));
        if path.exists() {
            skipped.push(path.display().to_string());
            continue;
        }
        files::create(&path, &bytes)?;
        wrote += 1;
        carried += usize::from(p.from.is_some());
    }
    if progress {
        eprint_safely("\n");
    }
    let mut text = format!(
        "Wrote {wrote} workbook{} for {year} to {} ({carried} started from the establishment's latest self-assessment, {} new).\n",
        if wrote == 1 { "" } else { "s" },
        out.display(),
        wrote - carried
    );
    if !skipped.is_empty() {
        text.push_str(&format!(
            "{} already there and left as {}: {}\n",
            skipped.len(),
            if skipped.len() == 1 {
                "it was"
            } else {
                "they were"
            },
            ties::diag::cut_list(&skipped, skipped.len(), ties::diag::MAX_LISTED, ", ", ", ")
        ));
    }
    if let Some(e) = &estate
        && let Some(w) = e.rejected_warning(args.from.as_deref().unwrap_or(Path::new(".")))
    {
        text.push_str(&format!("Note: {w}\n"));
    }
    print_safely(&text);
    Ok(())
}
