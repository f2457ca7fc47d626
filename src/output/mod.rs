//! Writing what `ties` makes: templates, safe Markdown, charts, CSV, the YAML of a new
//! self-assessment and a self-assessment as a workbook, each as bytes (the command line writes
//! them to files, the web page offers them to save).

pub mod assessment_yaml;
pub mod cells;
mod container;
pub mod csv;
mod document;
pub mod html;
pub mod json;
pub mod markdown;
pub mod memory;
pub mod svg;
pub mod templates;
pub mod terminal;
pub mod text;
pub mod workbook;
pub mod xlsx;

pub use document::{Document, Format, Template, Written, write};
