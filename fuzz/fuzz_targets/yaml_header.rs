//! Any text: where the look at a self-assessment's header tells its year or establishment,
//! the full reader reads that year and that establishment.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ties::load::yaml::agree;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(e) = agree::header(text) {
        panic!("{e}");
    }
});
