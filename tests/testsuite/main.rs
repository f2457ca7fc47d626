//! The integration tests of `ties`: the real binary, run on real files, showing what a user sees.
//!
//! Every run goes through the builder [`Test`] (`test.rs`), which also asserts on every run that
//! `ties` did not panic, was not stopped by a signal, and exited 0, 1 or 2. One module per
//! command or feature; snapshots (insta) sit in `snapshots/` beside the module that takes them,
//! a module's own fixtures in its folder, and the fixtures several share in `tests/fixtures/`.
//! `README.md` says how to add a test.

mod architecture;
mod check;
mod compare;
mod corpus;
mod frameworks;
mod generator;
mod hostile;
mod init;
mod kitchen_sink;
mod nation;
mod report;
mod robustness;
mod schema;
mod score;
mod seeds;
mod show;
mod tables;
mod test;
mod trend;
mod usage;
mod windows;
mod workbook;

pub use test::{HOSTILE_MEMORY_MB, Run, Test, ok, root, scratch};

/// The frameworks built into `ties`, in the order `ties frameworks` lists them.
pub const BUNDLED: [&str; 6] = [
    "farmer-offer",
    "hmip-expectations",
    "hmpps-family-practice",
    "scie-prison-service",
    "sps-family-strategy",
    "think-family",
];

/// The small test framework, and an assessment against it with a little of everything. Shared
/// with the unit tests in `src/` and with `tests/outputs/render-all`.
pub const MINI_FRAMEWORKS: &str = "tests/fixtures/frameworks";
pub const MINI: &str = "tests/fixtures/assessments/mini-2025.yaml";

/// The arguments of `command` (`init` or `workbook`) that start a self-assessment of
/// `frameworks` (ids separated by commas) for the example establishment, HMP Example, in `year`.
pub fn new_assessment_args(command: &str, year: &str, frameworks: &str) -> Vec<String> {
    [
        command,
        "--establishment",
        "hmp-example",
        "--name",
        "HMP Example",
        "--year",
        year,
        "--framework",
        frameworks,
    ]
    .map(String::from)
    .to_vec()
}

/// A file on the disk read and parsed by the library, as `ties` reads one: a workbook, or YAML
/// or TOML text. (The library is given bytes; the test reads them.)
pub fn read_document(path: &std::path::Path) -> ties::load::Document {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    ties::load::document_from_bytes(path, bytes)
        .unwrap_or_else(|u| panic!("{}: {}", path.display(), u.problem.message))
}

/// A text file on the disk, as the library reads one.
pub fn read_source(path: &std::path::Path) -> ties::diag::source::SourceFile {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    ties::load::source_from_bytes(path, bytes).unwrap_or_else(|d| panic!("{}", d.render(None)))
}
