//! `ties report`, the annual progress report: snapshots of the examples, hostile input,
//! audiences, the personal data guard, determinism and user templates.

mod drafts;
mod examples;
mod hostile;
mod inspectorate;
mod privacy;
mod templates;

use std::path::Path;

pub fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}
