//! Hostile and broken input, checked with the real `ties` binary.
//!
//! - `files`: the corpus in `corpus/{frameworks,assessments,registers}`, one mistake per
//!   file: syntax errors, tabs, wrong types, unknown fields, duplicate keys, empty files, a list
//!   where a group belongs, byte-order marks, CRLF line ends, text that is not UTF-8, impossible
//!   dates, absurd numbers, look-alike characters in ids, deep nesting and alias bombs.
//! - `generated`: files too large to commit (a million-character line, tens of megabytes),
//!   written to a scratch folder by the test.
//! - `fuzz_regressions`: every finding of the fuzzers in `fuzz/`, kept as a test.
//!
//! Every corpus file must give exit code 1, a message at `file:line:column` where the file has a
//! line to point at, in plain words (no terms from inside the YAML or TOML library), on lines of
//! readable length, without a panic, and quickly (see `CORPUS_TIME_LIMIT`). Each output is a
//! snapshot: review it as the family lead who made the mistake would read it.

mod files;
mod fuzz_regressions;
mod generated;
mod markdown_props;

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::{Run, Test};

/// How long `ties check` may take on one corpus file, start-up included. Measured with the debug
/// build the tests use: 30 to 150 ms a file. The fastest of three runs counts, so a machine busy
/// with other work does not fail the test, and each is timed while no other test runs `ties`.
pub const CORPUS_TIME_LIMIT: Duration = Duration::from_secs(1);

/// The same for the generated files of many megabytes. The debug build takes up to about 1.5 s
/// on them (its own code is not optimised); `cargo test --release` holds them to 1 s.
pub const GENERATED_TIME_LIMIT: Duration = if cfg!(debug_assertions) {
    Duration::from_secs(5)
} else {
    Duration::from_secs(1)
};

/// Words from inside the parsers and serde that a family lead should never have to read.
const JARGON_WORDS: &[&str] = &[
    "scalar",
    "mapping",
    "sequence",
    "serde",
    "deserialize",
    "deserializer",
    "struct",
    "enum",
    "variant",
    "u64",
    "i64",
    "f64",
    "usize",
    "budget",
    "parser",
    "token",
    "recursion",
    "eof",
];

/// Phrases that show a library's own message: the fallbacks for a mistake no message was
/// written for, and serde's wording.
const JARGON_PHRASES: &[&str] = &[
    "this is not valid yaml:",
    "this is not valid toml:",
    "internal:",
    "invalid type",
    "invalid value",
];

/// The longest line a message may have: a long line of the file is shown in part.
const MAX_OUTPUT_LINE_CHARS: usize = 400;

/// The folder of this module, where the corpus lives.
pub fn corpus_dir() -> PathBuf {
    crate::root().join("tests/testsuite/corpus")
}

/// Runs `ties check PATH` in `dir` and checks everything a refused file must show: exit code 1,
/// an error at `PATH:LINE:COLUMN` (unless `located` is false: the file has no line to point
/// at), plain words, readable lines, and no more than `limit` (the fastest of three runs).
pub fn check_refused(dir: &Path, path: &str, located: bool, limit: Duration) -> Run {
    let mut run = Test::in_dir(dir).args(["check", path]).alone().run();
    for _ in 0..2 {
        if run.elapsed < limit {
            break;
        }
        let again = Test::in_dir(dir).args(["check", path]).alone().run();
        if again.elapsed < run.elapsed {
            run = again;
        }
    }
    assert!(
        run.elapsed < limit,
        "ties took {:?} (limit {limit:?}):\n{run}",
        run.elapsed
    );
    assert_eq!(run.code, 1, "expected exit code 1:\n{run}");
    assert!(run.stdout.contains("error: "), "no error shown:\n{run}");
    let place = format!("--> {path}:");
    let at_line = run.stdout.lines().any(|l| {
        l.trim_start()
            .strip_prefix(&place)
            .and_then(|rest| rest.split_once(':'))
            .is_some_and(|(line, col)| {
                line.parse::<usize>().is_ok_and(|n| n > 0)
                    && col.parse::<usize>().is_ok_and(|n| n > 0)
            })
    });
    if located {
        assert!(at_line, "no {path}:LINE:COLUMN in the output:\n{run}");
    } else {
        assert!(
            run.stdout.contains(&format!("--> {path}\n")),
            "the file is not named:\n{run}"
        );
    }
    // The words of the messages, not the lines of the file they quote.
    let lower: String = run
        .stdout
        .lines()
        .filter(|l| {
            let l = l.trim_start();
            l.starts_with("error:") || l.starts_with("warning:") || l.starts_with("= ")
        })
        .collect::<Vec<_>>()
        .join("\n")
        .to_lowercase();
    for phrase in JARGON_PHRASES {
        assert!(
            !lower.contains(phrase),
            "`{phrase}` is not plain words:\n{run}"
        );
    }
    for word in lower.split(|c: char| !c.is_alphanumeric()) {
        assert!(
            !JARGON_WORDS.contains(&word),
            "`{word}` is not plain words:\n{run}"
        );
    }
    for line in run.stdout.lines() {
        assert!(
            line.chars().count() <= MAX_OUTPUT_LINE_CHARS,
            "a line of {} characters:\n{run}",
            line.chars().count()
        );
        assert!(
            !line.chars().any(|c| c.is_control() && c != '\t'),
            "a control character reaches the terminal:\n{run:?}"
        );
    }
    run
}
