//! `ties init`: a new self-assessment file, every item present, guidance as comments; or, with
//! `--from`, a new year started from last year's, its answers marked as carried forward.

use std::path::PathBuf;

use super::files;
use ties::error::{Error, Result};
use ties::model::assessment::conventional_path;
use ties::model::carry::{carry_forward, next_frameworks};
use ties::output::assessment_yaml::{new_for_establishment, write_naming};
use ties::validate;

use super::Context;
use super::args::NationArg;
use super::output::print_safely;
use super::schema::{beside_the_files, named_from};
use super::workbook::{beside, carried_note};

#[derive(clap::Args)]
pub struct Args {
    /// The establishment's id: lower-case letters, digits and hyphens, such as hmp-example.
    #[arg(long, value_name = "ID", required_unless_present = "from")]
    establishment: Option<String>,
    /// The establishment's name, such as "HMP Example".
    #[arg(long, required_unless_present = "from")]
    name: Option<String>,
    /// The year the self-assessment reports on (with --from: last year's plus one, unless given).
    #[arg(long, value_name = "YYYY", required_unless_present = "from")]
    year: Option<i32>,
    /// One or more framework ids, separated by commas (with --from: last year's, unless given).
    #[arg(
        long = "framework",
        value_name = "F[,F...]",
        value_delimiter = ',',
        required_unless_present = "from"
    )]
    framework: Vec<String>,
    /// england-wales or scotland.
    #[arg(long, value_enum)]
    nation: Option<NationArg>,
    /// Last year's self-assessment (YAML or a workbook): start from its answers, each marked
    /// `carried_from:` until it is changed or confirmed.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["establishment", "name", "nation"])]
    from: Option<PathBuf>,
    /// Where to write the file.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let catalog = ctx.catalog()?;
    if let Some(from) = &args.from {
        let (last, _) = validate::assessment::read(&ctx.disk, from, &catalog)?;
        let year = ties::model::carry::next_year(&last, from, args.year)?;
        let frameworks = next_frameworks(&catalog, &last, &args.framework)?;
        let carried = carry_forward(&last, year, &frameworks);
        let path = args.output.unwrap_or_else(|| beside(from, year, "yaml"));
        let text = write_naming(&carried.assessment, &frameworks, true, &named_from(&path));
        files::create(&path, text.as_bytes())?;
        print_safely(&format!(
            "Wrote {}.\n{}{}Fill it in with a text editor, then run: ties check {}\n",
            path.display(),
            beside_the_files(ctx, &catalog)?,
            carried_note(&carried.assessment, *last.year, &carried.left_behind, false),
            ties::paths::for_command(&path)
        ));
        return Ok(());
    }
    let (Some(id), Some(name), Some(year)) = (&args.establishment, &args.name, args.year) else {
        return Err(Error::Usage(
            "give --establishment, --name, --year and --framework, or --from LAST_YEAR_FILE".into(),
        ));
    };
    let path = args
        .output
        .unwrap_or_else(|| conventional_path(id, year, "yaml"));
    let text = new_for_establishment(
        &catalog,
        (id, name, year),
        &args.framework,
        args.nation.map(Into::into),
        &named_from(&path),
    )?;
    files::create(&path, text.as_bytes())?;
    print_safely(&format!(
        "Wrote {}.\n{}Fill it in with a text editor, then run: ties check {}\n",
        path.display(),
        beside_the_files(ctx, &catalog)?,
        ties::paths::for_command(&path)
    ));
    Ok(())
}
