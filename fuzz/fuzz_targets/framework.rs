//! A framework file of any bytes, read as YAML or as TOML (chosen by the first byte): reading
//! and checking it must never panic, and every problem must render with its line.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use ties::validate::catalog::read_framework;
use ties::diag::Diagnostics;
use ties::load::source_from_bytes;

fuzz_target!(|data: &[u8]| {
    let Some((&choice, rest)) = data.split_first() else {
        return;
    };
    let path = if choice & 1 == 0 {
        Path::new("fuzz/framework.yaml")
    } else {
        Path::new("fuzz/framework.toml")
    };
    let file = match source_from_bytes(path, rest.to_vec()) {
        Ok(f) => f,
        Err(d) => {
            d.render(None);
            return;
        }
    };
    let mut diags = Diagnostics::default();
    let framework = read_framework(&file, &mut diags);
    assert!(
        framework.is_some() || diags.has_errors(),
        "a framework was refused without an error"
    );
    for d in &diags.items {
        d.render(Some(&file));
    }
});
