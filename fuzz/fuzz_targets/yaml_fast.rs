//! Any text: where the YAML fast path or the quick path reads it, the full reader reads the same
//! tree, value for value and position for position, and never refuses it; and a text the writer would write
//! without quotes reads back unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ties::load::yaml::agree;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(e) = agree::fast_path(text) {
        panic!("{e}");
    }
    if let Err(e) = agree::quick_path(text) {
        panic!("{e}");
    }
    if text.len() <= 200
        && let Err(e) = agree::plain_text(text)
    {
        panic!("{e}");
    }
});
