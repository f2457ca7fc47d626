//! The checks an assessment must pass against the frameworks it names.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::NaiveDate;

use crate::diag::source::{Pos, SourceFile};
use crate::diag::{Diagnostic, Diagnostics};
use crate::error::{Error, Result};
use crate::load;
use crate::load::Document;
use crate::load::node::Located;
use crate::model::assessment::{Assessment, FORMAT_VERSION, parse_date};
use crate::model::catalog::Catalog;
use crate::model::framework::Framework;

mod actions;
mod carried;
mod decode;

use decode::Absent;
mod header;
mod lists;
mod metrics;
mod responses;

/// The largest figure a measure may have: far above any count of people or visits in a year.
/// Larger figures are typing mistakes, and would make sums and rates meaningless.
pub const MAX_FIGURE: f64 = 1_000_000_000.0;

/// Reads and checks a self-assessment for a command that uses it: any error stops the command
/// with the full list. The search for personal data (which gives warnings only) is left to the
/// commands that guard what they publish.
pub fn read(
    files: &dyn load::Files,
    path: &Path,
    catalog: &Catalog,
) -> Result<(Assessment, SourceFile)> {
    let doc = files
        .document(path)
        .map_err(|u| Error::problem(u.problem, u.file))?;
    from_document(doc, catalog)
}

/// As `read`, for a file already read and parsed.
pub fn from_document(doc: load::Document, catalog: &Catalog) -> Result<(Assessment, SourceFile)> {
    not_another_kind(&doc.file.path, &doc.node)?;
    let (assessment, diags) = check_document(&doc, catalog, None, false);
    match assessment {
        Some(a) => Ok((a, doc.file)),
        None => Err(Error::in_file(diags.errors_only(), doc.file)),
    }
}

/// As `check_node`, for a file read and parsed (`Files::document`): the problems found while
/// reading it (a workbook's cells) join those found by the checks, and problems in a
/// workbook's sheets are given their sheets' names.
pub fn check_document(
    doc: &Document,
    catalog: &Catalog,
    as_of: Option<NaiveDate>,
    personal_data: bool,
) -> (Option<Assessment>, Diagnostics) {
    let (assessment, mut diags) = check_node(&doc.file, &doc.node, catalog, as_of, personal_data);
    if doc.problems.is_empty() && !doc.file.is_workbook() {
        return (assessment, diags);
    }
    diags.extend(doc.problems.clone());
    let frameworks: Vec<String> = workbook_frameworks(&doc.node);
    for d in lists::check(&doc.file, catalog, &frameworks) {
        diags.push(d);
    }
    diags.name_sheets(&doc.file);
    diags.sort();
    let ok = !diags.has_errors();
    (assessment.filter(|_| ok), diags)
}

/// The ids of the frameworks a self-assessment's tree names (`farmer-offer@1.0.0` is
/// `farmer-offer`).
fn workbook_frameworks(node: &crate::load::node::Node) -> Vec<String> {
    use crate::load::node::Value;
    let Value::Map(entries) = &node.value else {
        return Vec::new();
    };
    let Some((_, list)) = entries.iter().find(|(k, _)| k.name == "frameworks") else {
        return Vec::new();
    };
    let Value::List(items) = &list.value else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|i| match &i.value {
            Value::Str(s) => Some(s.split('@').next().unwrap_or(s).trim().to_string()),
            _ => None,
        })
        .collect()
}

/// The problem of one establishment's year given twice, once as YAML and once as a workbook:
/// an error in each file (at the establishment's id), naming the other.
pub fn given_twice(
    first: (&Path, Pos),
    second: (&Path, Pos),
    id: &str,
    year: i32,
) -> [Diagnostic; 2] {
    let one = |(path, at): (&Path, Pos), other: &Path| {
        Diagnostic::error(
            path,
            at,
            format!(
                "{id} has two self-assessments for {year}: this file and {}",
                other.display()
            ),
        )
        .help("keep one of them: `ties import` turns a workbook into YAML, and `ties workbook` turns YAML into a workbook")
    };
    [one(first, second.0), one(second, first.0)]
}

/// A register or a framework given where a self-assessment belongs is named for what it is, with
/// the command that takes it, rather than checked as a self-assessment with the wrong fields.
fn not_another_kind(path: &Path, node: &crate::load::node::Node) -> Result<()> {
    let crate::load::node::Value::Map(entries) = &node.value else {
        return Ok(());
    };
    let has = |name: &str| entries.iter().any(|(k, _)| k.name == name);
    if has("ties") || has("establishment") || has("responses") {
        return Ok(());
    }
    let shown = path.display();
    let typed = crate::paths::for_command(path);
    if has("establishments") {
        return Err(Error::Usage(format!(
            "{shown} is a register of establishments, not a self-assessment. A register is used by \
             `ties compare FOLDER --register {typed}` (or found in the folder it compares); check it with \
             `ties check {typed}`. Give this command an establishment's self-assessment, such as \
             assessments/hmp-example/2025.yaml."
        )));
    }
    if has("sections") || has("scales") {
        return Err(Error::Usage(format!(
            "{shown} is a framework, not a self-assessment. Read a framework with `ties show ID` \
             (or `ties show ID --frameworks FOLDER` for your own), and check it with `ties check \
             {typed}`. Give this command an establishment's self-assessment."
        )));
    }
    Ok(())
}

/// Reads and checks an assessment file. Returns the assessment when it has no errors.
/// `as_of` is the date overdue actions are judged against (default: the file's `completed_on`).
pub fn check_file(
    file: &SourceFile,
    catalog: &Catalog,
    as_of: Option<NaiveDate>,
) -> (Option<Assessment>, Diagnostics) {
    match load::parse(file) {
        Ok(node) => check_node(file, &node, catalog, as_of, true),
        Err(d) => (None, Diagnostics { items: vec![d] }),
    }
}

/// As `check_file`, for a file already parsed (so a caller that parsed it to see what kind of
/// file it is need not parse it twice: parsing is most of the time `ties compare` takes).
/// `personal_data`: whether to search the text for personal data, which gives warnings only; a
/// caller that keeps only the errors (the estate, last year's file for a report) passes false
/// rather than search every file for nothing.
pub fn check_node(
    file: &SourceFile,
    node: &crate::load::node::Node,
    catalog: &Catalog,
    as_of: Option<NaiveDate>,
    personal_data: bool,
) -> (Option<Assessment>, Diagnostics) {
    let mut diags = Diagnostics::default();
    // The format version is checked first: a file from a newer `ties` may use fields this one
    // does not know, and "unknown field" would be the wrong message.
    if let crate::load::node::Value::Map(entries) = &node.value
        && let Some((_, v)) = entries.iter().find(|(k, _)| k.name == "ties")
        && v.value != crate::load::node::Value::Int(FORMAT_VERSION as i64)
    {
        diags.push(
            Diagnostic::error(
                &file.path,
                v.pos,
                "this file uses a format version this version of ties does not know",
            )
            .expected(format!("`ties: {FORMAT_VERSION}`"))
            .found(v.value.describe())
            .help("check for a newer version of ties, or start again from `ties init`"),
        );
        return (None, diags);
    }
    // What could not be read is reported; the checks after reading still look at the rest, so
    // one problem hides no other.
    let (assessment, absent, complete) = match decode::assessment(file, node) {
        Ok(a) => (a, Absent::default(), true),
        Err((found, rest)) => {
            diags.extend(found);
            match rest {
                Some((rest, absent)) => (rest, absent, false),
                None => {
                    diags.sort();
                    return (None, diags);
                }
            }
        }
    };
    // Which items are answered cannot be told while some could not be read.
    diags.extend(check_read(
        &file.path,
        file.is_workbook().then_some(file),
        &assessment,
        catalog,
        as_of,
        (complete, absent),
    ));
    if personal_data {
        let public = crate::validate::privacy::PublicContacts::default();
        for f in crate::validate::privacy::findings(&assessment, Some(file), &public) {
            diags.push(crate::validate::privacy::warning_in(file, &f));
        }
    }
    diags.sort();
    let ok = complete && !diags.has_errors();
    let mut assessment = assessment;
    if ok {
        assessment.normalise_dates();
    }
    (ok.then_some(assessment), diags)
}

/// Checks a parsed assessment against the catalog.
pub fn check(
    path: &Path,
    a: &Assessment,
    catalog: &Catalog,
    as_of: Option<NaiveDate>,
) -> Diagnostics {
    check_read(path, None, a, catalog, as_of, (true, Absent::default()))
}

/// As `check`; `whole` says whether the whole file could be read, without which the items not
/// answered yet cannot be told, and `absent` which top-level fields are placeholders for those
/// the file lacks (their absence has been reported; the rest is checked without them).
fn check_read(
    path: &Path,
    workbook: Option<&SourceFile>,
    a: &Assessment,
    catalog: &Catalog,
    as_of: Option<NaiveDate>,
    (whole, absent): (bool, Absent),
) -> Diagnostics {
    let mut c = Checker {
        path,
        workbook: workbook.is_some() || crate::load::workbook::is_workbook_path(path),
        sheets: workbook,
        absent,
        out: Diagnostics::default(),
    };
    c.header(a);
    let frameworks = if absent.frameworks {
        named_by_answers(a, catalog)
    } else {
        c.frameworks(a, catalog)
    };
    c.nation(a, &frameworks);
    let kinds = evidence_kinds(&frameworks);
    let completed = a.completed_on.as_ref().and_then(|d| parse_date(d));
    for (key, response) in a.responses.iter() {
        c.response(key, response, a, catalog, &frameworks, &kinds, completed);
    }
    for (key, metric) in a.metrics.iter() {
        c.metric(key, metric, a, catalog, &frameworks);
    }
    c.actions(a, catalog, as_of.or(completed));
    if whole {
        c.unanswered(a, &frameworks);
    }
    c.carried(a);
    c.out
}

/// For a file without its list of frameworks: the frameworks its answers, measures and actions
/// name (those `ties` knows), so that each answer is still checked against its item.
fn named_by_answers<'c>(a: &Assessment, catalog: &'c Catalog) -> Vec<&'c Framework> {
    let responses = a.responses.iter().map(|(k, _)| k.as_str());
    let metrics = a.metrics.iter().map(|(k, _)| k.as_str());
    let items = a
        .actions
        .iter()
        .flat_map(|x| x.items.iter().map(|i| i.as_str()));
    let mut out: Vec<&Framework> = Vec::new();
    for key in responses.chain(metrics).chain(items) {
        if let Some((fid, _)) = key.split_once('/')
            && let Some(fw) = catalog.get(fid)
            && !out.iter().any(|f| f.id.value == fw.id.value)
        {
            out.push(fw);
        }
    }
    out
}

/// Evidence kind ids the assessment's frameworks declare, in order, without repeats.
pub fn evidence_kinds(frameworks: &[&Framework]) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for fw in frameworks {
        for k in &fw.evidence_kinds {
            if seen.insert(k.id.value.clone()) {
                out.push(k.id.value.clone());
            }
        }
    }
    out
}

struct Checker<'a> {
    path: &'a Path,
    /// Whether the file is a workbook, for the few suggestions that name a YAML field.
    workbook: bool,
    /// The top-level fields the file lacks, whose placeholders are not checked.
    absent: Absent,
    /// The workbook read, for where its rows are and what its sheets are called.
    sheets: Option<&'a SourceFile>,
    out: Diagnostics,
}

impl Checker<'_> {
    pub(super) fn error(&mut self, pos: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(self.path, pos, message)
    }

    /// A cell's name for a workbook's message (`E18`), or "its cell" where it has none.
    pub(super) fn cell(&self, pos: Pos) -> String {
        pos.cell_name().unwrap_or_else(|| "its cell".to_string())
    }

    pub(super) fn push(&mut self, d: Diagnostic) {
        self.out.push(d);
    }

    pub(super) fn date(&mut self, text: &Located<String>, what: &str) -> Option<NaiveDate> {
        if let Some(d) = parse_date(text) {
            return Some(d);
        }
        let looks_like_date = text.len() == 10 && text.chars().filter(|c| *c == '-').count() == 2;
        let message = if looks_like_date {
            format!("{what} `{}` is not a real date", text.value)
        } else {
            format!("{what} `{}` is not a date", text.value)
        };
        let d = self
            .error(text.pos, message)
            .expected("a date written YYYY-MM-DD, such as 2026-04-20")
            .found(format!("`{}`", text.value));
        let d = match why_not_a_date(text) {
            Some(why) => d.help(why),
            None => d,
        };
        self.push(d);
        None
    }
}

/// Why a text that looks like a date is not one: "there is no month 13", "February 2025 has 28
/// days".
fn why_not_a_date(text: &str) -> Option<String> {
    let mut parts = text.trim().splitn(3, '-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&month) {
        return Some(format!(
            "there is no month {month}: months go from 01 to 12"
        ));
    }
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year.checked_add(1)?, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    let days = (next - first).num_days();
    (day == 0 || i64::from(day) > days)
        .then(|| format!("{} {year} has {days} days", first.format("%B")))
}

trait HelpIfNone {
    fn help_if_none(self, text: String) -> Self;
}

impl HelpIfNone for Diagnostic {
    fn help_if_none(self, text: String) -> Self {
        if self.help.is_none() {
            self.help(text)
        } else {
            self
        }
    }
}
