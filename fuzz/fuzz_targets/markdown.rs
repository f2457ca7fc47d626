//! Markdown from a narrative, rendered to HTML, to safe Markdown and to a table cell: never a
//! panic, and the safety properties in `tests/testsuite/corpus/markdown_props.rs` hold for every
//! input.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/testsuite/corpus/markdown_props.rs"]
mod markdown_props;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        markdown_props::check_all(text);
    }
});
