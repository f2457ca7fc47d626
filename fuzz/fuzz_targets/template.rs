//! A user's template of any text, rendered over a real report: it must never panic, what it
//! writes stays within `templates::MAX_OUTPUT_BYTES`, and what it builds within
//! `templates::MAX_RENDER_MEMORY` (the allocator counts every byte, as in the `ties` command).
//!
//! Building more is stopped, as the command stops it, by ending the process: here with an abort
//! whose message begins `limit held:`. libFuzzer keeps such an input as a crash; it shows the
//! limit working, not a fault (`fuzz/run` says how many there were). Any other crash, a timeout
//! or running out of memory past the limit is a finding.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use minijinja::Environment;
use ties::diag::source::SourceFile;
use ties::model::catalog::Catalog;
use ties::output::{memory, templates};
use ties::view::report::{self, Audience, ReportView, Year};

#[global_allocator]
static ALLOCATOR: memory::Counting = memory::Counting;

/// Ends the process when a template builds more than it may, as the command does.
fn held(message: &str) -> ! {
    eprintln!("limit held: {message}");
    std::process::abort()
}

/// The report of the test fixture, built once.
fn view() -> &'static ReportView {
    static VIEW: OnceLock<ReportView> = OnceLock::new();
    VIEW.get_or_init(|| {
        memory::on_exceeded(held);
        let framework = include_str!("../../tests/fixtures/frameworks/mini.yaml");
        let dir = std::env::temp_dir().join("ties-fuzz-template");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("mini.yaml"), framework).unwrap();
        let catalog = Catalog::open(&[dir]).expect("the fixture framework");
        let text = include_str!("../../tests/fixtures/assessments/mini-2025.yaml");
        let file = SourceFile::new("mini-2025.yaml", text);
        let (a, _) = ties::validate::assessment::check_file(&file, &catalog, None);
        let a = a.expect("the fixture assessment");
        let card = Audience::Inspector.scorecard(&a, &catalog);
        let year = Year {
            assessment: &a,
            card: &card,
        };
        report::build(&catalog, year, None, None, Audience::Inspector, None)
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    // The first byte chooses the kind of template: even for Markdown, odd for HTML.
    let name = if first % 2 == 0 { "report.md" } else { "report.html" };
    let view = view();
    let mut env: Environment<'static> = templates::environment(None).expect("the environment");
    if env.add_template_owned(name, text.to_string()).is_err() {
        return;
    }
    if let Ok(out) = templates::render_document(&env, name, "report", view) {
        assert!(
            out.len() <= templates::MAX_OUTPUT_BYTES + 1,
            "{} bytes written",
            out.len()
        );
    }
});
