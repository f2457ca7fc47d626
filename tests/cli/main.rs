//! Runs the real `ties` binary on real files and snapshots what a user sees.
//!
//! Every run goes through `ties()` or `ties_in()`, which also assert that no command, whatever its
//! input, panics or prints a Rust backtrace. Snapshots hold the command, the exit code, stdout
//! and stderr together, so a reviewer reads each one as a user would meet it. Paths are relative
//! (the binary runs in the project root, or in a scratch folder) so snapshots are stable.

mod broken_assessments;
mod broken_frameworks;
mod commands;
mod robustness;

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The project root: the working directory for runs on the fixtures.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One run of `ties`.
pub struct Run {
    pub args: Vec<String>,
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl fmt::Display for Run {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let args: Vec<String> = self
            .args
            .iter()
            .map(|a| {
                if a.contains(' ') {
                    format!("\"{a}\"")
                } else {
                    a.clone()
                }
            })
            .collect();
        writeln!(f, "$ ties {}", args.join(" "))?;
        writeln!(f, "exit code: {}", self.code)?;
        for (name, text) in [("stdout", &self.stdout), ("stderr", &self.stderr)] {
            if text.is_empty() {
                writeln!(f, "--- {name}: (empty)")?;
            } else {
                writeln!(f, "--- {name}:")?;
                f.write_str(text)?;
                if !text.ends_with('\n') {
                    writeln!(f, "\n(no newline at end)")?;
                }
            }
        }
        Ok(())
    }
}

impl Run {
    /// Everything printed, stdout then stderr.
    pub fn output(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

/// Runs `ties` with `args` in the project root.
pub fn ties(args: &[&str]) -> Run {
    ties_in(&root(), args)
}

/// Runs `ties` with `args` in `dir`.
pub fn ties_in(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_ties"))
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .output()
        .unwrap_or_else(|e| panic!("cannot run ties: {e}"));
    let run = Run {
        args: args.iter().map(|a| a.to_string()).collect(),
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    let all = run.output();
    assert!(
        !all.contains("panicked") && !all.contains("RUST_BACKTRACE"),
        "ties panicked:\n{run}"
    );
    assert!(
        out.status.code().is_some(),
        "ties was stopped by a signal:\n{run}"
    );
    assert!(
        [0, 1, 2].contains(&run.code),
        "ties exited with an undocumented code:\n{run}"
    );
    run
}

/// A fresh, empty folder for one test, under Cargo's scratch space for integration tests.
pub fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("cli")
        .join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The names of the files in a fixture folder, sorted.
pub fn fixture_names(dir: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Asserts that a `ties check` run found errors and showed each with its place: the file's
/// relative path followed by `:line:column`.
pub fn assert_located_error(run: &Run, path: &str) {
    assert_eq!(run.code, 1, "expected exit code 1:\n{run}");
    assert!(run.stdout.contains("error: "), "no error shown:\n{run}");
    let place = format!("--> {path}:");
    let located = run.stdout.lines().any(|l| {
        l.trim_start()
            .strip_prefix(&place)
            .and_then(|rest| rest.split_once(':'))
            .is_some_and(|(line, col)| {
                line.parse::<usize>().is_ok_and(|n| n > 0)
                    && col.parse::<usize>().is_ok_and(|n| n > 0)
            })
    });
    assert!(located, "no {path}:LINE:COLUMN in the output:\n{run}");
}
