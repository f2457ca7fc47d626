//! `ties check`: folders and the bundled files pass; broken frameworks and assessments
//! (`tests/fixtures/broken-*`) are refused, each mistake shown at its place.

mod broken_assessments;
mod broken_frameworks;
mod messages;

use crate::{MINI_FRAMEWORKS, Run, Test, root};

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

/// A folder of fixtures is checked as a whole: the good ones pass, and the run reports each file.
#[test]
fn check_a_folder() {
    let run = Test::new()
        .args(["check", MINI_FRAMEWORKS, crate::MINI])
        .status(0)
        .run();
    insta::assert_snapshot!(run.to_string());
}

/// The worked examples and the bundled frameworks are all valid.
#[test]
fn bundled_frameworks_and_examples_pass_check() {
    Test::new().args(["check", "frameworks"]).status(0).run();
    if root().join("assessments").is_dir() {
        Test::new().args(["check", "assessments"]).status(0).run();
    }
}
