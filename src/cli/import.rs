//! `ties import`: a filled-in workbook written as a YAML self-assessment, with the guidance
//! comments `ties init` writes.

use std::path::PathBuf;

use ties::error::{Error, Result};
use ties::output::assessment_yaml;

use super::files;
use ties::validate;

use super::Context;
use super::output::{eprint_safely, print_safely};
use super::schema::{beside_the_files, named_from};

#[derive(clap::Args)]
pub struct Args {
    /// The workbook.
    #[arg(value_name = "FILE.xlsx")]
    file: PathBuf,
    /// Where to write the YAML (default: beside the workbook, with the same name).
    #[arg(short, long, value_name = "FILE.yaml")]
    output: Option<PathBuf>,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let catalog = ctx.catalog()?;
    let (a, _) = validate::assessment::read(&ctx.disk, &args.file, &catalog)?;
    let frameworks = a
        .frameworks
        .iter()
        .map(|f| catalog.resolve(f).ok_or_else(|| catalog.require(f).err()))
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| e.unwrap_or_else(|| Error::Input("a framework is missing".into())))?;
    let path = args
        .output
        .unwrap_or_else(|| args.file.with_extension("yaml"));
    let text = assessment_yaml::write_naming(&a, &frameworks, true, &named_from(&path));
    files::refuse_an_input(&path, [args.file.as_path()])?;
    files::write_output(&path, text.as_bytes(), ctx.force)?;
    print_safely(&format!(
        "Wrote {}.\n{}Check it with: ties check {}\n",
        path.display(),
        beside_the_files(ctx, &catalog)?,
        ties::paths::for_command(&path)
    ));
    let beside = validate::duplicates::left_side_by_side(
        &args.file,
        &path,
        &a.establishment.id.value,
        *a.year,
    );
    if let Some(note) = beside {
        eprint_safely(&format!("warning: {note}\n"));
    }
    Ok(())
}
