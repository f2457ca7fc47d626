//! A user's template that writes without end, or builds ever longer text, is stopped with a
//! message naming it: what it writes and what it builds are bounded, not only its steps.

use crate::{Test, scratch};

/// Runs `ties report` with `report.md` replaced by `template`; it must be stopped with a
/// message containing `says`.
fn stopped(name: &str, template: &str, says: &str) {
    let dir = scratch(name);
    std::fs::write(dir.join("report.md"), template).unwrap();
    let run = Test::new()
        .args([
            "report",
            "tests/fixtures/hostile/2025.yaml",
            "--templates",
            dir.to_str().unwrap(),
        ])
        .status(1)
        .run();
    assert!(run.stderr.starts_with("error: template report.md"), "{run}");
    assert!(run.stderr.contains(says), "{run}");
    assert!(run.stdout.is_empty(), "{run}");
}

const BUILT: &str = "the template built more than 1 GB of text and was stopped";

#[test]
fn a_text_doubled_in_a_loop_is_stopped() {
    stopped(
        "template-namespace",
        "{% set ns = namespace(s=\"x\") %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s | length }}\n",
        BUILT,
    );
}

#[test]
fn a_text_multiplied_in_a_macro_is_stopped() {
    stopped(
        "template-macro",
        "{% macro d(s, n) %}{% if n > 0 %}{{ d(s ~ s ~ s ~ s, n - 1) }}{% else %}{{ s | length }}{% endif %}{% endmacro %}{{ d(report.establishment.name, 24) }}\n",
        BUILT,
    );
}

#[test]
fn a_text_captured_again_and_again_is_stopped() {
    stopped(
        "template-capture",
        "{% macro d(n) %}{% if n > 0 %}{% set s %}{{ caller() }}{{ caller() }}{% endset %}{{ s }}{% endif %}{% endmacro %}\
         {% set ns = namespace(s=\"0123456789\") %}{% for i in range(40) %}{% set t %}{{ ns.s }}{{ ns.s }}{% endset %}{% set ns.s = t %}{% endfor %}{{ ns.s | length }}\n",
        BUILT,
    );
}

#[test]
fn a_template_that_writes_without_end_is_stopped() {
    stopped(
        "template-writes",
        "{% set s = \"0123456789\" * 100000 %}{% for i in range(100000) %}{{ s }}{% endfor %}\n",
        "the template wrote more than 256 MB and was stopped",
    );
}

#[test]
fn a_template_that_recurses_is_stopped_in_plain_words() {
    stopped(
        "template-recursion",
        "{% macro d(n) %}{{ d(n + 1) }}{% endmacro %}{{ d(0) }}\n",
        "the template calls macros or includes templates too deeply",
    );
}
