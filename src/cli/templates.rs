//! `ties templates`: the report templates, to customise.

use std::path::PathBuf;

use clap::Subcommand;

use ties::error::{Error, Result};
use ties::output::templates;

use super::Context;
use super::output::print_safely;

#[derive(Subcommand)]
pub enum Command {
    /// Write the built-in templates to a folder, to customise them and use with --templates.
    #[command(
        after_help = "Example:\n  ties templates export my-templates/\n  ties report assessments/hmp-example/2025.yaml --templates my-templates/"
    )]
    Export { dir: PathBuf },
}

pub fn run(ctx: &Context, command: Command) -> Result<()> {
    let Command::Export { dir } = command;
    let written = templates::export(&dir, ctx.force).map_err(|source| Error::Write {
        path: dir.clone(),
        what: "the templates could not be written".into(),
        source,
    })?;
    let skipped = templates::BUNDLED.len() - written.len();
    let mut said = format!("Wrote {} templates to {}.\n", written.len(), dir.display());
    if skipped > 0 {
        said.push_str(&format!(
            "Left {skipped} existing templates as they were (use --force to replace them).\n"
        ));
    }
    print_safely(&said);
    Ok(())
}
