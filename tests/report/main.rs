//! The annual progress report, run through the real `ties` binary: hostile input, audiences,
//! determinism, user templates, and snapshots of the examples.

mod examples;
mod hostile;
mod privacy;
mod templates;

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `ties` in the project root; returns (exit code, stdout, stderr).
pub fn ties(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ties"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("run ties");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "ties panicked: {stderr}");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
    )
}

/// Runs `ties` and returns stdout, failing the test on a non-zero exit.
pub fn ok(args: &[&str]) -> String {
    let (code, out, err) = ties(args);
    assert_eq!(code, 0, "ties {args:?} failed:\n{err}");
    out
}

pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ties-report-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}
