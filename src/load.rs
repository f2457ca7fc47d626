//! Reading a file from disk into a typed value, with every failure as a located problem.

use std::path::Path;

use serde::Deserialize;

use crate::diag::Diagnostic;
use crate::node::{DeError, Node, Value, from_node};
use crate::source::{Pos, SourceFile};
use crate::{toml_file, yaml};

/// The largest input file `ties` reads. A year's self-assessment is well under 1 MB.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads a file as UTF-8 text, refusing files over the size limit.
pub fn read_source(path: &Path) -> Result<SourceFile, Diagnostic> {
    let meta = std::fs::metadata(path).map_err(|e| io_problem(path, &e))?;
    if meta.is_dir() {
        return Err(Diagnostic::error(
            path,
            Pos::FILE,
            "this is a folder, not a file",
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(
            Diagnostic::error(path, Pos::FILE, "the file is too large to read")
                .expected(format!("at most {} MB", MAX_FILE_BYTES / (1024 * 1024)))
                .found(format!("{:.1} MB", meta.len() as f64 / (1024.0 * 1024.0))),
        );
    }
    let bytes = std::fs::read(path).map_err(|e| io_problem(path, &e))?;
    source_from_bytes(path, bytes)
}

/// Turns the bytes of a file into text, or a problem placed at the first byte that is not UTF-8.
pub fn source_from_bytes(path: &Path, bytes: Vec<u8>) -> Result<SourceFile, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(path, text)),
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let text = String::from_utf8_lossy(valid).into_owned();
            let pos = SourceFile::new(path, text).pos_of_offset(valid.len());
            Err(
                Diagnostic::error(path, pos, "the file is not saved as UTF-8 text")
                    .found(
                        "a character that is not UTF-8 here (often an accented letter, a £ sign or a curly quote saved by an older program)",
                    )
                    .help(
                        "save the file as UTF-8 (in most editors: Save As, then choose UTF-8 encoding)",
                    ),
            )
        }
    }
}

pub fn io_problem(path: &Path, e: &std::io::Error) -> Diagnostic {
    let message = match e.kind() {
        std::io::ErrorKind::NotFound => "the file or folder does not exist".to_string(),
        std::io::ErrorKind::PermissionDenied => {
            "permission to read this file was refused".to_string()
        }
        _ => format!("the file could not be read: {e}"),
    };
    Diagnostic::error(path, Pos::FILE, message)
}

/// Parses YAML or TOML (by the file's extension) into a located tree. Every file `ties` reads
/// is a group of fields at the top, so anything else is reported here, once.
pub fn parse(file: &SourceFile) -> Result<Node, Diagnostic> {
    let node = if file.is_toml() {
        toml_file::parse(file)?
    } else {
        yaml::parse(file)?
    };
    let found = match &node.value {
        Value::Map(_) => return Ok(node),
        Value::List(items) => {
            let d = Diagnostic::error(
                &file.path,
                node.pos,
                "the file is a list, but it should be a group of fields",
            )
            .expected("lines such as `ties: 1` or `id: farmer-offer`, starting at the left edge")
            .found("a list (lines starting with `- `)");
            return Err(if items.iter().all(|i| matches!(i.value, Value::Map(_))) {
                d.help("remove the `- ` from the start of the top-level lines")
            } else {
                d
            });
        }
        other => other.describe(),
    };
    Err(Diagnostic::error(
        &file.path,
        node.pos,
        "the file holds a single value, but it should be a group of fields",
    )
    .expected("lines such as `ties: 1` or `id: farmer-offer`, each a name, a colon and a value")
    .found(found))
}

/// Turns a located tree into a typed value.
pub fn decode<'a, T: Deserialize<'a>>(file: &SourceFile, node: &'a Node) -> Result<T, Diagnostic> {
    from_node(node).map_err(|e| de_problem(file, e))
}

fn de_problem(file: &SourceFile, e: DeError) -> Diagnostic {
    let mut d = Diagnostic::error(&file.path, e.pos.unwrap_or(Pos::FILE), e.message);
    d.expected = e.expected;
    d.found = e.found;
    d.help = e.help;
    d
}
