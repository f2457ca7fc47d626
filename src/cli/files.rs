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
//! On Windows the same rules hold in Windows' terms. There are no pipes or devices among the
//! files of a folder; instead every folder has the names of Windows' devices (`NUL`, `CON`,
//! `PRN`, `AUX`, `COM1`…, `LPT1`…): an output given as one of them (`-o NUL`) is written
//! straight to the device, and a name that is a device's with an extension (`CON.yaml`,
//! `aux.md`), which Windows would also take for the device, is refused with a message. So is a
//! path in Windows' device space (`\\.\…`) other than a device's own name. The temporary file
//! is renamed into place as on Unix (Windows replaces the old file in one step).
//!
//! Temporary files are created exclusively, under names no one can guess, so a file or link
//! that someone else put in the folder is never opened or written through. A run that is
//! stopped by force can leave one behind, a hidden `.NAME.ties-….tmp` file, which no later run
//! uses and which can be deleted.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use ties::error::{Error, Result};

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
///
/// The `tempfile` crate's `NamedTempFile::new_in`, `persist` and `persist_noclobber` do the same
/// creation, rename and link, and it was weighed for this. It is not used because it would
/// replace only these few lines, not the rules around them (what an output may be written over,
/// devices and pipes, disks without links, the names a person recognises as left behind), which
/// stay here with their tests; a dependency for so little does not earn its place.
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
    let linked = through_temporary(path, bytes, |tmp| {
        let linked = std::fs::hard_link(tmp, path);
        std::fs::remove_file(tmp)?;
        linked
    });
    match linked {
        // Some disks have no links (a USB stick formatted for Windows, some network shares):
        // the file is then created under its own name, which fails if anything is there. It is
        // not atomic, but it never replaces a file.
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists && !path.exists() => {
            let mut f = OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)
                .map_err(|_| e)?;
            let written = f.write_all(bytes).and_then(|()| f.sync_all());
            if written.is_err() {
                drop(f);
                let _ = std::fs::remove_file(path);
            }
            written
        }
        linked => linked,
    }
}

/// Whether a file is one a person writes by hand (an assessment, register or framework, or a
/// self-assessment workbook), which `ties` must never replace with its output unless told to.
///
/// Only a bounded start of the file is read, at most the largest file `ties` reads as an input
/// (`load::MAX_FILE_BYTES`): a larger file cannot be a self-assessment workbook `ties` could
/// read, so it is not one, and nothing more of it is read.
pub fn is_person_written(path: &Path) -> bool {
    ["yaml", "yml", "toml"]
        .iter()
        .any(|e| ties::diag::source::has_extension(path, e))
        || super::disk::read_at_most(path, ties::load::MAX_FILE_BYTES)
            .is_ok_and(|bytes| ties::load::workbook::is_ties_workbook_bytes(path, bytes))
}

/// Whether two paths name the same file, however each is spelt (`./a.yaml` and `a.yaml`, a
/// link and what it leads to, two hard links): on Unix the same device and file number; on
/// other systems the same canonical path. A path to nothing names no file, so it is the same as
/// no other.
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        match (a.canonicalize(), b.canonicalize()) {
            (Ok(x), Ok(y)) => x == y,
            _ => false,
        }
    }
}

/// Refuses an output that is one of the files the command reads, compared by the file each
/// names (see `same_file`), not by how the paths are typed: writing it would lose the input,
/// even with `--force`.
pub fn refuse_an_input<'a>(
    output: &Path,
    inputs: impl IntoIterator<Item = &'a Path>,
) -> Result<()> {
    match inputs.into_iter().find(|input| same_file(output, input)) {
        Some(input) => Err(Error::Usage(format!(
            "{} is {}, which this command reads: it would be written over itself. Give another name with -o",
            output.display(),
            if input == output {
                "the input".to_string()
            } else {
                format!("the same file as {}", input.display())
            }
        ))),
        None => Ok(()),
    }
}

/// What a path given for an output is, and so how it is written.
#[derive(Debug, PartialEq)]
enum Target {
    /// A regular file, a link, or nothing: replaced atomically.
    Replace,
    /// A pipe or a device that takes a stream of bytes: written straight to. (The web page
    /// writes no files, so there it is never made.)
    #[cfg_attr(not(any(unix, windows)), allow(dead_code))]
    Stream,
    /// Something `ties` does not write to, in words ("a folder").
    Refused(&'static str),
}

/// Whether a path is under `/dev` or `/proc`, where names stand for devices and for the
/// process's own streams, never for files to replace.
#[cfg(unix)]
fn in_system_folder(path: &Path) -> bool {
    path.starts_with("/dev") || path.starts_with("/proc")
}

#[cfg(not(unix))]
fn in_system_folder(_: &Path) -> bool {
    false
}

fn target(path: &Path) -> std::io::Result<Target> {
    if let Some(by_name) = windows_target(path) {
        return Ok(by_name);
    }
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
    Ok(if let Some(special) = unix_target(&kind, path) {
        special
    } else if kind.is_file() {
        Target::Replace
    } else if kind.is_dir() {
        Target::Refused(if through_link {
            "a link to a folder"
        } else {
            "a folder"
        })
    } else {
        Target::Refused("not a file")
    })
}

/// How Unix's own kinds of file are written: pipes, terminals and other character devices, and
/// any file under `/dev` or `/proc`, straight; disks and sockets not at all.
#[cfg(unix)]
fn unix_target(kind: &std::fs::FileType, path: &Path) -> Option<Target> {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() || kind.is_char_device() || (kind.is_file() && in_system_folder(path)) {
        Some(Target::Stream)
    } else if kind.is_block_device() {
        Some(Target::Refused("a disk or a similar device"))
    } else if kind.is_socket() {
        Some(Target::Refused("a socket"))
    } else {
        None
    }
}

#[cfg(not(unix))]
fn unix_target(_: &std::fs::FileType, _: &Path) -> Option<Target> {
    None
}

/// How a path is written that Windows reads as a device by its name alone, whether or not
/// anything of that name is on the disk: a device's own name (`NUL`, `con`) is written to; a
/// device's name with an extension (`CON.yaml`), or another path in the device space (`\\.\…`),
/// is refused.
#[cfg(windows)]
fn windows_target(path: &Path) -> Option<Target> {
    use std::path::{Component, Prefix};
    use ties::paths::{Device, windows_device};
    let device_space = matches!(
        path.components().next(),
        Some(Component::Prefix(p)) if matches!(p.kind(), Prefix::DeviceNS(_))
    );
    match windows_device(path) {
        Some(Device::Itself(_)) => Some(Target::Stream),
        Some(Device::WithExtension(_)) => Some(Target::Refused(
            "a name Windows keeps for a device, with or without an extension (CON, PRN, AUX, NUL, COM1 to COM9, LPT1 to LPT9)",
        )),
        None if device_space => Some(Target::Refused("in Windows' space of devices")),
        None => None,
    }
}

#[cfg(not(windows))]
fn windows_target(_: &Path) -> Option<Target> {
    None
}

/// Writes straight to a pipe or a device, adding to what is there (a file reached through
/// `/dev/stdout` may already hold what the shell wrote to it).
fn write_stream(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    // Windows opens its console (`CON`) only for writing, not for adding to; its devices have
    // nothing to add to.
    let mut f = if cfg!(windows) {
        OpenOptions::new().write(true).open(path)?
    } else {
        OpenOptions::new().append(true).open(path)?
    };
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
        Target::Refused(what) => Err(refused(path, what)),
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

/// The message for an output that `ties` does not write to.
fn refused(path: &Path, what: &str) -> Error {
    Error::Input(format!(
        "{} is {what}, which ties does not write to: give the name of a file with -o",
        path.display()
    ))
}

/// Refuses a name Windows reads as a device for a file a person will work on, which must be a
/// file (on other systems there is no such name).
fn refuse_device(path: &Path) -> Result<()> {
    match windows_target(path) {
        Some(Target::Refused(what)) => Err(refused(path, what)),
        Some(_) => Err(refused(path, "a device")),
        None => Ok(()),
    }
}

/// Writes a file a person will work on: a new one, or, with `force`, in place of one that is
/// there (atomically).
pub fn create_or_force(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    refuse_device(path)?;
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
    refuse_device(path)?;
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
