//! Writing files so that nothing is ever half-written or lost, and nothing is written where it
//! should not be.
//!
//! - A regular file (or a name with nothing there) is written under a temporary name in the
//!   same folder and then renamed into place, so a reader sees the old file or the whole new
//!   one. A symbolic link given as the output is replaced by the new file, never written
//!   through.
//! - A named pipe, a terminal or another character device (`/dev/null`, `/dev/stdout`) cannot
//!   be replaced: it is written straight to. So is a path under `/dev` or `/proc` that leads to
//!   a file, such as `/dev/stdout` when standard output goes to a file.
//! - Anything else (a folder, a disk, a socket) is refused with a message.
//!
//! Temporary files are created exclusively, under names no one can guess, so a file or link
//! that someone else put in the folder is never opened or written through. A run that is
//! stopped by force can leave one behind, a hidden `.NAME.ties-….tmp` file, which no later run
//! uses and which can be deleted.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// How many names a temporary file tries before giving up (each is random, so a second try is
/// needed only when someone has made that very name).
const TEMPORARY_TRIES: usize = 16;

/// The longest part of an output's name kept in its temporary file's name, so the temporary
/// name stays within the 255 bytes a file name may have.
const TEMPORARY_NAME_BYTES: usize = 100;

/// A number no one else can predict: from the hasher the standard library seeds with the
/// operating system's randomness, mixed with the time, the process and a count.
fn unpredictable() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(COUNT.fetch_add(1, Ordering::Relaxed));
    h.write_u32(std::process::id());
    if let Ok(t) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        h.write_u128(t.as_nanos());
    }
    h.finish()
}

/// Creates a new, empty temporary file in the folder of `path`, so the final rename stays on one
/// disk. It is created exclusively (it fails rather than open anything already there, a link
/// included) under a hidden name with a random part.
fn create_temporary(path: &Path) -> std::io::Result<(PathBuf, File)> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".to_string());
    let mut end = name.len().min(TEMPORARY_NAME_BYTES);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    let mut last = None;
    for _ in 0..TEMPORARY_TRIES {
        let tmp = dir.join(format!(
            ".{}.ties-{:016x}.tmp",
            &name[..end],
            unpredictable()
        ));
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::ErrorKind::AlreadyExists.into()))
}

/// Writes `bytes` to a new temporary file beside `path`, then hands its name to `place`; the
/// temporary file is removed if anything fails.
fn through_temporary(
    path: &Path,
    bytes: &[u8],
    place: impl FnOnce(&Path) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let (tmp, mut f) = create_temporary(path)?;
    let result = (|| {
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        place(&tmp)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so a
/// reader sees either the old file or the whole new one, never a part.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    through_temporary(path, bytes, |tmp| std::fs::rename(tmp, path))
}

/// Writes a new file, refusing if one is already there. The whole file is written under a
/// temporary name first and then linked into place; linking fails if the name is taken (by a
/// file or a link), so an existing file is never replaced, even by two runs at once.
pub fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    through_temporary(path, bytes, |tmp| {
        let linked = std::fs::hard_link(tmp, path);
        std::fs::remove_file(tmp)?;
        linked
    })
}

/// Whether a file is one a person writes by hand (an assessment, register or framework, or a
/// self-assessment workbook), which `ties` must never replace with its output unless told to.
pub fn is_person_written(path: &Path) -> bool {
    ["yaml", "yml", "toml"]
        .iter()
        .any(|e| crate::diag::source::has_extension(path, e))
        || crate::load::workbook::is_ties_workbook(path)
}

/// What a path given for an output is, and so how it is written.
#[derive(Debug, PartialEq)]
enum Target {
    /// A regular file, a link, or nothing: replaced atomically.
    Replace,
    /// A pipe or a device that takes a stream of bytes: written straight to.
    Stream,
    /// Something `ties` does not write to, in words ("a folder").
    Refused(&'static str),
}

/// Whether a path is under `/dev` or `/proc`, where names stand for devices and for the
/// process's own streams, never for files to replace.
fn in_system_folder(path: &Path) -> bool {
    path.starts_with("/dev") || path.starts_with("/proc")
}

fn target(path: &Path) -> std::io::Result<Target> {
    use std::os::unix::fs::FileTypeExt;
    let here = match std::fs::symlink_metadata(path) {
        Ok(m) => m.file_type(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Target::Replace),
        Err(e) => return Err(e),
    };
    let (kind, through_link) = if here.is_symlink() {
        match std::fs::metadata(path) {
            Ok(m) => (m.file_type(), true),
            // A link to nothing is replaced like any other link.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !in_system_folder(path) => {
                return Ok(Target::Replace);
            }
            Err(e) => return Err(e),
        }
    } else {
        (here, false)
    };
    // A regular file in /dev or /proc (such as /proc/self/fd/1 leading to a file the shell
    // opened) is written to, never replaced.
    Ok(
        if kind.is_fifo() || kind.is_char_device() || (kind.is_file() && in_system_folder(path)) {
            Target::Stream
        } else if kind.is_file() {
            Target::Replace
        } else if kind.is_dir() {
            Target::Refused(if through_link {
                "a link to a folder"
            } else {
                "a folder"
            })
        } else if kind.is_block_device() {
            Target::Refused("a disk or a similar device")
        } else if kind.is_socket() {
            Target::Refused("a socket")
        } else {
            Target::Refused("not a file")
        },
    )
}

/// Writes straight to a pipe or a device, adding to what is there (a file reached through
/// `/dev/stdout` may already hold what the shell wrote to it).
fn write_stream(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = OpenOptions::new().append(true).open(path)?;
    f.write_all(bytes)?;
    f.flush()
}

/// Writes a generated output. An existing output is replaced (atomically, so an interrupted run
/// leaves the old one intact); an existing hand-written file is only replaced with `force`. A
/// pipe or a device is written straight to; a folder, a disk or a socket is refused.
pub fn write_output(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    let failed = |source| Error::Write {
        path: path.to_path_buf(),
        what: "could not write the file".into(),
        source,
    };
    match target(path).map_err(failed)? {
        Target::Stream => write_stream(path, bytes).map_err(failed),
        Target::Refused(what) => Err(Error::Input(format!(
            "{} is {what}, which ties does not write to: give the name of a file with -o",
            path.display()
        ))),
        Target::Replace => {
            if path.exists() && is_person_written(path) && !force {
                return Err(Error::WouldReplace {
                    path: path.to_path_buf(),
                });
            }
            write_atomic(path, bytes).map_err(failed)
        }
    }
}

/// Writes a file a person will work on: a new one, or, with `force`, in place of one that is
/// there (atomically).
pub fn create_or_force(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    if !force {
        return create(path, bytes);
    }
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| Error::Write {
            path: path.to_path_buf(),
            what: "could not make its folder".into(),
            source,
        })?;
    }
    write_atomic(path, bytes).map_err(|source| Error::Write {
        path: path.to_path_buf(),
        what: "could not write the file".into(),
        source,
    })
}

/// Writes a new file a person will work on, never replacing one that is there.
pub fn create(path: &Path, bytes: &[u8]) -> Result<()> {
    write_new(path, bytes).map_err(|source| match source.kind() {
        std::io::ErrorKind::AlreadyExists => Error::AlreadyExists {
            path: path.to_path_buf(),
        },
        _ => Error::Write {
            path: path.to_path_buf(),
            what: "could not write the file".into(),
            source,
        },
    })
}

#[cfg(test)]
mod tests;
