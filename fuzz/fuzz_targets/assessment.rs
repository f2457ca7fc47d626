//! An assessment (or register) file of any bytes, checked against the bundled frameworks: it
//! must never panic, every problem must render, and an accepted assessment must score.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use ties::model::catalog::Catalog;
use ties::validate::assessment::check_file;
use ties::load::source_from_bytes;
use ties::model::register::Register;

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::load(&[]).0)
}

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz/2025.yaml");
    let file = match source_from_bytes(path, data.to_vec()) {
        Ok(f) => f,
        Err(d) => {
            d.render(None);
            return;
        }
    };
    let (assessment, diags) = check_file(&file, catalog(), None);
    for d in &diags.items {
        d.render(Some(&file));
    }
    match assessment {
        Some(a) => {
            let _ = ties::score::score(&a, catalog());
        }
        None => assert!(diags.has_errors(), "refused without an error"),
    }
    if let Err(diags) = Register::read(&file) {
        for d in &diags.items {
            d.render(Some(&file));
        }
    }
});
