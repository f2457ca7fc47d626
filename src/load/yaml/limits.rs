//! The limits that keep a hostile YAML file from exhausting memory or time, the library's
//! settings that enforce them, and what `ties` says when a file breaks one.

use serde_saphyr::Options;
use serde_saphyr::granit_parser::Options as ScannerOptions;

use crate::diag::Diagnostic;
use crate::diag::source::{Pos, SourceFile};

/// The deepest nesting a file may have: groups and lists inside each other. Real files need
/// fewer than ten levels. The same limit applies to TOML files.
pub const MAX_DEPTH: usize = 64;

/// The most values (fields, list entries and pieces of text) one YAML file may hold, counting
/// those copied by `*name` references. The largest example assessment (1,000 lines) has a few
/// thousand.
pub const MAX_VALUES: usize = 100_000;

/// The most values that `*name` references may copy in one file, in all. A few lines that refer
/// to each other can otherwise stand for billions of values (the "billion laughs" file).
pub const MAX_ALIAS_COPIES: usize = 10_000;

/// The longest name before a `:` (a field name or a `framework/item` id). YAML itself sets this
/// limit, so that a reader need not look far ahead to know whether a line starts with a name.
pub const MAX_NAME_CHARS: usize = 1024;

/// A limit a file went past.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// `*name` references copy too many values.
    Copies,
    /// Groups and lists nested more than `MAX_DEPTH` deep.
    Depth,
    /// More than `MAX_VALUES` values.
    Values,
    /// More text than the library reads from one file.
    Text,
    /// More than one document.
    Documents,
}

/// The full reader's settings: the limits above, and no more work than `ties` needs.
pub fn options() -> Options {
    let mut options = Options::default();
    options.with_snippet = false;
    // `ties` has no use for the text of comments, and keeping it makes the library refuse a
    // run of more than a few dozen comment lines in some places (as `ties init` writes them).
    options.emit_comments = false;
    if let Some(budget) = options.budget.as_mut() {
        budget.max_depth = MAX_DEPTH;
        budget.flow_nesting_limit = MAX_DEPTH;
        budget.simple_key_max_lookahead = MAX_NAME_CHARS;
        budget.max_nodes = MAX_VALUES;
        // Every value is at most two events (start and end); the value limit comes first.
        budget.max_events = 4 * MAX_VALUES;
        budget.max_aliases = MAX_ALIAS_COPIES;
        budget.max_recorded_anchor_events = MAX_ALIAS_COPIES;
    }
    options.alias_limits.max_total_replayed_events = MAX_ALIAS_COPIES;
    options.alias_limits.max_replay_stack_depth = MAX_DEPTH;
    options
}

/// The fast path's scanner, set up as the full reader's library sets it up, so that it accepts
/// exactly the same text.
pub fn scanner_options() -> ScannerOptions {
    let mut options = ScannerOptions::default();
    options.emit_comments = false;
    options.simple_key_max_lookahead = MAX_NAME_CHARS;
    options.flow_nesting_limit = MAX_DEPTH;
    options.block_nesting_limit = options.block_nesting_limit.max(MAX_DEPTH + 1);
    options
}

/// A file that breaks one of the limits: the message names the limit.
pub fn explain(file: &SourceFile, limit: Limit, pos: Pos) -> Diagnostic {
    let error = |text: &str| Diagnostic::error(&file.path, pos, text.to_string());
    match limit {
        Limit::Copies => error("the `*` references in this file copy too many values")
            .expected(format!(
                "at most {MAX_ALIAS_COPIES} values copied by `*name` references in one file"
            ))
            .help(
                "write the values out in full instead of using `&name` and `*name`; a file \
                 written by hand does not need them",
            ),
        Limit::Depth => error("the file is nested too deeply")
            .expected(format!(
                "at most {MAX_DEPTH} levels of groups and lists inside each other \
                 (a real file needs fewer than ten)"
            ))
            .help(
                "check the indentation, and that each `[` or `{` is closed; every `[`, `{` \
                 and deeper indentation opens a new level",
            ),
        Limit::Values => error("the file holds more values than ties reads from one file")
            .expected(format!(
                "at most {MAX_VALUES} values (fields, list entries and pieces of text)"
            ))
            .help("split it into smaller files: one assessment per establishment and year"),
        Limit::Text => error("the file holds more text than ties reads from one file")
            .help("split it into smaller files: one assessment per establishment and year"),
        Limit::Documents => error("the file holds more than one document")
            .help("keep one assessment or framework per file"),
    }
}
