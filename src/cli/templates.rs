//! `ties templates`: the report templates, to customise; and a person's own templates read
//! from the folder given with `--templates`, within the size limits.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use minijinja::Environment;

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
    let written = export(&dir, ctx.force).map_err(|source| Error::Write {
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

/// The template environment: the built-in templates, with those in the folder `dir` (given
/// with `--templates`) replacing them file by file.
pub fn environment(dir: Option<&Path>) -> Result<Environment<'static>> {
    let mut overrides = Vec::new();
    if let Some(dir) = dir {
        let mut total = 0;
        for name in user_templates(dir)? {
            let text = read_template(&dir.join(&name))?;
            total += text.len() as u64;
            if total > MAX_TEMPLATES_BYTES {
                return Err(Error::Template(format!(
                    "{}: the templates in this folder hold more than {} MB, more than ties reads",
                    dir.display(),
                    MAX_TEMPLATES_BYTES / (1024 * 1024)
                )));
            }
            overrides.push((name, text));
        }
    }
    templates::environment(&overrides)
}

/// The largest template file `ties` reads from `--templates`, and the most all of them may
/// hold. The built-in templates are about 10 KB each.
const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;
const MAX_TEMPLATES_BYTES: u64 = 16 * 1024 * 1024;

/// One of a user's templates, as text, refusing one over `MAX_TEMPLATE_BYTES`.
fn read_template(path: &Path) -> Result<String> {
    let failed = |why: String| Error::Template(format!("{}: {why}", path.display()));
    let bytes =
        super::disk::read_at_most(path, MAX_TEMPLATE_BYTES).map_err(|e| match e.kind() {
            std::io::ErrorKind::FileTooLarge => failed(format!(
                "the template holds {e}, more than the {} MB a template may hold",
                MAX_TEMPLATE_BYTES / (1024 * 1024)
            )),
            _ => failed(format!("the template could not be read: {e}")),
        })?;
    String::from_utf8(bytes)
        .map_err(|_| failed("the template is not saved as UTF-8 text".to_string()))
}

/// The template files directly inside `dir`. Names are plain file names, and a link that points
/// outside the folder is refused, so a template cannot pull in files from elsewhere.
fn user_templates(dir: &Path) -> Result<Vec<String>> {
    let root = dir.canonicalize().map_err(|e| {
        Error::Template(format!(
            "{}: the templates folder could not be opened: {e}",
            dir.display()
        ))
    })?;
    let entries = std::fs::read_dir(&root).map_err(|e| {
        Error::Template(format!(
            "{}: the templates folder could not be read: {e}",
            dir.display()
        ))
    })?;
    let mut names = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let path: PathBuf = entry.path();
        let Some(name) = path
            .file_name()
            .and_then(|n| n.to_str())
            .map(str::to_string)
        else {
            continue;
        };
        if !(name.ends_with(".html") || name.ends_with(".md")) {
            continue;
        }
        let real = path
            .canonicalize()
            .map_err(|e| Error::Template(format!("{}: {e}", path.display())))?;
        if !real.starts_with(&root) {
            return Err(Error::Template(format!(
                "{}: this template links to a file outside the templates folder, which is not allowed",
                path.display()
            )));
        }
        if real.is_file() {
            names.push(name);
        }
    }
    names.sort();
    Ok(names)
}

/// Writes the built-in templates to `dir` for customising. Existing files are left alone unless
/// `force`; returns the files written.
fn export(dir: &Path, force: bool) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for (name, text) in templates::BUNDLED {
        let path = dir.join(name);
        if path.exists() && !force {
            continue;
        }
        super::files::write_atomic(&path, text.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}
