//! Writing files so that nothing is ever half-written or lost.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// A hidden temporary name in the same folder as `path`, so the final rename stays on one disk.
fn temporary_beside(path: &Path) -> std::path::PathBuf {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("output");
    dir.join(format!(".{name}.ties-{}.tmp", std::process::id()))
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so a
/// reader sees either the old file or the whole new one, never a part.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = temporary_beside(path);
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Writes a new file, refusing if one is already there. The whole file is written under a
/// temporary name first and then linked into place; linking fails if the name is taken, so an
/// existing file is never replaced, even by two runs at once.
pub fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = temporary_beside(path);
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        // A hard link fails if the target exists, so an existing file is never replaced.
        std::fs::hard_link(&tmp, path)
    })();
    let _ = std::fs::remove_file(&tmp);
    result
}

/// Whether a file is one a person writes by hand (an assessment, register or framework, or a
/// self-assessment workbook), which `ties` must never replace with its output unless told to.
pub fn is_person_written(path: &Path) -> bool {
    ["yaml", "yml", "toml"]
        .iter()
        .any(|e| crate::diag::source::has_extension(path, e))
        || crate::load::workbook::is_ties_workbook(path)
}

/// Writes a generated output. An existing output is replaced (atomically, so an interrupted run
/// leaves the old one intact); an existing hand-written file is only replaced with `force`.
pub fn write_output(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    if path.exists() && is_person_written(path) && !force {
        return Err(Error::WouldReplace {
            path: path.to_path_buf(),
        });
    }
    write_atomic(path, bytes).map_err(|source| Error::Write {
        path: path.to_path_buf(),
        what: "could not write the file".into(),
        source,
    })
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
mod tests {
    use super::*;

    #[test]
    fn new_files_never_replace_old_ones() {
        let dir = std::env::temp_dir().join(format!("ties-fsio-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let path = dir.join("a.yaml");
        write_new(&path, b"first").unwrap();
        let e = write_new(&path, b"second").unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
        write_atomic(&path, b"third").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"third");
        assert_eq!(
            std::fs::read_dir(&dir).unwrap().count(),
            1,
            "no temporary files left"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn hand_written_files_are_only_replaced_with_force() {
        let dir = std::env::temp_dir().join(format!("ties-output-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mine = dir.join("2025.yaml");
        std::fs::write(&mine, b"ties: 1").unwrap();
        assert!(matches!(
            write_output(&mine, b"report", false),
            Err(Error::WouldReplace { .. })
        ));
        assert_eq!(std::fs::read(&mine).unwrap(), b"ties: 1");
        write_output(&mine, b"report", true).unwrap();
        let report = dir.join("report.html");
        write_output(&report, b"one", false).unwrap();
        write_output(&report, b"two", false).unwrap();
        assert_eq!(std::fs::read(&report).unwrap(), b"two");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
