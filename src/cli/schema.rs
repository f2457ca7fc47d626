//! `ties schema`: the JSON Schema of a self-assessment, a framework file or a register, for an
//! editor that completes and checks YAML as it is typed.

use std::path::Path;

use clap::ValueEnum;

use ties::error::{Error, Result};
use ties::model::catalog::Catalog;
use ties::model::framework::Framework;
use ties::output::assessment_yaml::SCHEMA_PATH;
use ties::output::json;

use super::files;
use ties::view::schema;

use super::Context;
use super::args::OutputArg;
use super::output::Output;

#[derive(clap::Args)]
pub struct Args {
    /// What the schema is for.
    #[arg(value_enum, default_value_t = For::Assessment)]
    what: For,
    /// For a self-assessment: the frameworks whose items it lists, separated by commas (`id` or
    /// `id@version`). Without it, every framework ties knows, with those in --frameworks folders.
    #[arg(long = "framework", value_name = "F[,F...]", value_delimiter = ',')]
    framework: Vec<String>,
    #[command(flatten)]
    output: OutputArg,
}

#[derive(Clone, Copy, ValueEnum)]
enum For {
    /// A self-assessment: its item ids and the ratings each item allows.
    Assessment,
    /// A framework file.
    Framework,
    /// A register of establishments.
    Register,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let value = match args.what {
        For::Assessment => {
            let catalog = ctx.catalog()?;
            schema::assessment(&chosen(&catalog, &args.framework)?)
        }
        _ if !args.framework.is_empty() => {
            return Err(Error::Usage(
                "--framework chooses the frameworks of a self-assessment's schema; a framework's or a register's schema is the same for every framework, so leave it out".into(),
            ));
        }
        For::Framework => schema::framework(),
        For::Register => schema::register(),
    };
    let output = args.output.output.as_deref();
    if let Some(dir) = output.and_then(Path::parent) {
        make_folder(dir)?;
    }
    Output::new(output, ctx.force).text(&json::document(&value)?)
}

/// Makes the folder an output goes in (`schemas/` in a fresh folder), with the folders above it.
fn make_folder(dir: &Path) -> Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    std::fs::create_dir_all(dir).map_err(|source| Error::Write {
        path: dir.to_path_buf(),
        what: "could not make the folder".into(),
        source,
    })
}

/// What the first line of a YAML self-assessment to be written at `file` names: the schema at
/// `SCHEMA_PATH` in the folder ties is run from, by the way from the file's folder to it.
pub(super) fn named_from(file: &Path) -> String {
    // Without the folder's name (it was removed while ties ran) the two are still relative to
    // the same folder.
    let here = std::env::current_dir().unwrap_or_default();
    let file = here.join(file);
    let folder = file.parent().unwrap_or(&here);
    ties::paths::reference_from(folder, &here.join(SCHEMA_PATH))
}

/// Writes the schema of a self-assessment, for every framework ties knows, at `SCHEMA_PATH`
/// when nothing is there, so that the first line of the YAML file just written leads an editor
/// to it. A file already there is left as it is. Returns what to tell the person, if anything.
pub(super) fn beside_the_files(ctx: &Context, catalog: &Catalog) -> Result<String> {
    let path = Path::new(SCHEMA_PATH);
    let text = json::document(&schema::assessment(&chosen(catalog, &[])?))?;
    let mut again = format!("ties schema -o {SCHEMA_PATH}");
    for dir in &ctx.frameworks {
        again.push_str(&format!(" --frameworks {}", ties::paths::for_command(dir)));
    }
    Ok(match std::fs::read(path) {
        Ok(bytes) if bytes == text.as_bytes() => String::new(),
        Ok(_) => format!(
            "{SCHEMA_PATH}, the schema an editor checks the file with, was left as it is, though it \
             is not what this ties writes for its frameworks: if an editor underlines items that are \
             right, write it again with: {again}\n"
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            match files::create(path, text.as_bytes()) {
                Ok(()) => format!(
                    "Wrote {SCHEMA_PATH}, with which an editor completes and checks the file as you type.\n"
                ),
                Err(e) => format!(
                    "Could not write {SCHEMA_PATH}, the schema an editor checks the file with ({e}); \
                     write it with: {again}\n"
                ),
            }
        }
        Err(e) => format!(
            "Could not read {SCHEMA_PATH}, the schema an editor checks the file with ({e}); write it \
             again with: {again}\n"
        ),
    })
}

/// The frameworks named with --framework, each once, or every current framework of the catalog.
fn chosen<'a>(catalog: &'a Catalog, named: &[String]) -> Result<Vec<&'a Framework>> {
    if named.is_empty() {
        return Ok(catalog.entries.iter().map(|e| &*e.framework).collect());
    }
    let mut out: Vec<&Framework> = Vec::new();
    for reference in named {
        let fw = catalog.framework(reference.trim())?;
        if !out.iter().any(|f| f.id.value == fw.id.value) {
            out.push(fw);
        }
    }
    Ok(out)
}
