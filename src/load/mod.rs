//! Reading a file's bytes into a typed value, with every failure as a located problem. The
//! bytes come from a `Files`: the disk, for the command line, or memory, for the web page.

use std::path::Path;

use serde::Deserialize;

use crate::diag::source::{Pos, SourceFile};
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::node::{DeError, Node, Value, from_node};

mod characters;
pub mod files;
pub mod foreign;
mod line_ends;
pub mod node;
mod toml;
pub mod workbook;
pub mod yaml;

pub use files::{Files, InMemory};

/// The largest input file `ties` reads. A year's self-assessment is well under 1 MB.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// A file as a name and its bytes. The name places messages ("2025.xlsx, sheet …, cell E12")
/// and says what kind of file it is; nothing is opened by it.
pub struct NamedFile {
    pub name: std::path::PathBuf,
    pub bytes: Vec<u8>,
}

/// A file read and parsed into its located tree, with the problems found while reading it
/// that did not stop it (a workbook reports every cell it cannot use, and goes on).
pub struct Document {
    pub file: SourceFile,
    pub node: Node,
    pub problems: Diagnostics,
}

/// Why a file could not be read or parsed, with the file when its text can be shown.
pub struct Unread {
    pub problem: Diagnostic,
    pub file: Option<SourceFile>,
}

/// Runs `work` on the file at `path`, turning a fault in `ties` met on the way (a panic) into the
/// file's problem, so that a command reading a folder, or last year's file beside this year's,
/// leaves that one file out, says so, and goes on with the rest. (A panic is a fault to fix
/// where it arises; this keeps one file's fault from taking a whole folder with it.)
pub fn guarded<T>(path: &Path, work: impl FnOnce() -> T) -> Result<T, Diagnostic> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).map_err(|_| {
        Diagnostic::error(
            path,
            Pos::FILE,
            "ties met something in this file that it could not handle, so the file was not used",
        )
        .help("this is a fault in ties, not in your file alone: please report it, with the file if you can; meanwhile, open the file and save it again, or go back to the last copy that was sent")
    })
}

/// A file given as its name and its bytes, read and parsed:
/// a workbook by its name's extension, anything else as YAML or TOML text. The name is only
/// a name: nothing is read from the file system.
pub fn document_from_bytes(path: &Path, bytes: Vec<u8>) -> Result<Document, Unread> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let mb = bytes.len() as f64 / (1024.0 * 1024.0);
        return Err(Unread {
            problem: too_large(path, format!("{mb:.1} MB")),
            file: None,
        });
    }
    if workbook::is_workbook_path(path) {
        return workbook::from_bytes(path, bytes);
    }
    if let Some(f) = foreign::format_of(path).filter(|_| foreign::is_document(path)) {
        return Err(Unread {
            problem: Diagnostic::error(path, Pos::FILE, format!("this is {}", f.what)).help(f.help),
            file: None,
        });
    }
    let file = source_from_bytes(path, bytes).map_err(|problem| Unread {
        problem,
        file: None,
    })?;
    match parse(&file) {
        Ok(node) => Ok(Document {
            file,
            node,
            problems: Diagnostics::default(),
        }),
        Err(problem) => Err(Unread {
            problem,
            file: Some(file),
        }),
    }
}

pub(crate) fn too_large(path: &Path, found: String) -> Diagnostic {
    Diagnostic::error(
        path,
        Pos::FILE,
        "the file is larger than ties reads: it cannot be a framework, an assessment or a register",
    )
    .expected(format!("at most {} MB", MAX_FILE_BYTES / (1024 * 1024)))
    .found(found)
    .help("a year's self-assessment is well under 1 MB: check that this is the right file")
}

/// Turns the bytes of a file into text, or a problem placed at the first byte that is not UTF-8.
pub fn source_from_bytes(path: &Path, bytes: Vec<u8>) -> Result<SourceFile, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(path, text)),
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let text = String::from_utf8_lossy(valid).into_owned();
            let pos = SourceFile::new(path, text).pos_of_offset(valid.len());
            let found = match e.as_bytes().get(valid.len()).and_then(|b| windows_1252(*b)) {
                Some(c) => format!(
                    "a character saved by an older program, probably `{c}`, which is not UTF-8"
                ),
                None => "a character that is not UTF-8 here (often an accented letter, a £ sign or a curly quote saved by an older program)".to_string(),
            };
            Err(
                Diagnostic::error(path, pos, "the file is not saved as UTF-8 text")
                    .found(found)
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
    // Each file read has its own allowance of work for "did you mean" suggestions.
    crate::diag::reset_suggestions();
    if let Some(d) = line_ends::lone_carriage_return(file) {
        return Err(d);
    }
    let (node, plain) = if file.is_toml() {
        (toml::parse(file)?, false)
    } else {
        yaml::parse(file)?
    };
    if !plain && let Some(d) = characters::check(file, &node) {
        return Err(d);
    }
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
            let maps = items.iter().all(|i| matches!(i.value, Value::Map(_)));
            // A list of establishments is a register that lacks its first line.
            let register = maps
                && items.iter().any(|i| match &i.value {
                    Value::Map(entries) => entries.iter().any(|(k, _)| k.name == "nation"),
                    _ => false,
                });
            return Err(if register {
                d.expected("`establishments:` on the first line, with the list below it")
                    .help("add a line `establishments:` at the top, and indent the list under it by two spaces")
            } else if maps {
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

/// A problem found while turning a tree into a typed value, as a located problem in `file`.
pub fn de_problem(file: &SourceFile, e: DeError) -> Diagnostic {
    let mut d = Diagnostic::error(&file.path, e.pos.unwrap_or(Pos::FILE), e.message);
    d.expected = e.expected;
    d.found = e.found;
    d.help = e.help;
    d
}

/// The character a byte stands for in Windows-1252 (the usual encoding of older programs in
/// the UK, and a superset of Latin-1), to say which character a file that is not UTF-8 holds.
fn windows_1252(byte: u8) -> Option<char> {
    const HIGH: [Option<char>; 32] = [
        Some('€'),
        None,
        Some('‚'),
        Some('ƒ'),
        Some('„'),
        Some('…'),
        Some('†'),
        Some('‡'),
        Some('ˆ'),
        Some('‰'),
        Some('Š'),
        Some('‹'),
        Some('Œ'),
        None,
        Some('Ž'),
        None,
        None,
        Some('‘'),
        Some('’'),
        Some('“'),
        Some('”'),
        Some('•'),
        Some('–'),
        Some('—'),
        Some('˜'),
        Some('™'),
        Some('š'),
        Some('›'),
        Some('œ'),
        None,
        Some('ž'),
        Some('Ÿ'),
    ];
    match byte {
        0x80..=0x9f => HIGH[usize::from(byte - 0x80)],
        0xa1..=0xff => Some(char::from(byte)),
        _ => None,
    }
}
