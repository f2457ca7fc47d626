//! `ties init`: a new self-assessment file, every item present, guidance as comments.

use std::path::PathBuf;

use ties::error::Result;
use ties::model::assessment::conventional_path;
use ties::model::catalog::Catalog;
use ties::output::assessment_yaml::new_for_establishment;
use ties::output::files;

use super::Context;
use super::args::NationArg;
use super::output::print_safely;

#[derive(clap::Args)]
pub struct Args {
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
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let catalog = Catalog::open(&ctx.frameworks)?;
    let text = new_for_establishment(
        &catalog,
        &args.establishment,
        &args.name,
        args.year,
        &args.framework,
        args.nation.map(Into::into),
    )?;
    let path = args
        .output
        .unwrap_or_else(|| conventional_path(&args.establishment, args.year, "yaml"));
    files::create(&path, text.as_bytes())?;
    print_safely(&format!(
        "Wrote {}.\nFill it in with a text editor, then run: ties check {}\n",
        path.display(),
        path.display()
    ));
    Ok(())
}
