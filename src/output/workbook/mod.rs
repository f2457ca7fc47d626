//! A self-assessment as a workbook to fill in with Excel or LibreOffice.
//!
//! The sheets: Start here (what to do and the establishment's details), a sheet per framework
//! (a row per item under its sections' headings), Measures, Evidence, Actions, What the ratings
//! mean, and Guidance (the rest of guidance too long for its cell, when there is any); a hidden
//! Lists sheet holds the words of the drop-down lists. The layout is
//! `load::workbook::layout`, which the reader shares. Every text is written as text, never as
//! a formula, whatever it starts with. The same self-assessment always gives the same bytes:
//! the document's date comes from the self-assessment, never the clock.

mod framework;
mod guidance;
mod lists;
mod records;
mod sheet;
mod start;
mod style;

use std::path::Path;

use chrono::Datelike;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, Worksheet, XlsxError};

use crate::diag::{Diagnostic, Diagnostics};
use crate::error::{Error, Result};
use crate::load::workbook::layout::fits_in_cell;
use crate::model::assessment::{Assessment, parse_date};
use crate::model::catalog::Catalog;
use crate::model::framework::{Framework, ItemKind};

pub use framework::{answer_parts, guidance};
pub use records::evidence_parts;

/// What every sheet's writer needs.
struct Ctx<'a> {
    a: &'a Assessment,
    frameworks: Vec<&'a Framework>,
    lists: lists::Lists,
    styles: style::Styles,
    /// Whether anything was carried forward from last year and is not confirmed yet: the
    /// sheets then have the columns that show it.
    carried: bool,
    /// Items that ask about the same practice as items of another framework in the workbook.
    same: std::collections::BTreeMap<String, Vec<String>>,
    /// Guidance too long for its cell, and where the rest of it goes.
    continued: guidance::Continued,
}

/// The workbook of a self-assessment, read from `source` (named in messages). A text too long
/// for a cell is refused, at its place, rather than cut short.
pub fn to_xlsx(a: &Assessment, source: &Path, catalog: &Catalog) -> Result<Vec<u8>> {
    let mut frameworks = Vec::new();
    for listed in a.frameworks.iter() {
        match catalog.resolve(listed) {
            Some(fw) => frameworks.push(fw),
            None => {
                return Err(catalog.require(listed).err().unwrap_or_else(|| {
                    Error::UnknownFramework(format!("there is no framework `{}`", listed.value))
                }));
            }
        }
    }
    let long = too_long(a, source);
    if !long.is_empty() {
        return Err(Error::Problems {
            diagnostics: long,
            files: Vec::new(),
        });
    }
    let carried = a.responses.iter().any(|(_, r)| {
        r.carried_from.is_some() || r.evidence.iter().any(|e| e.carried_from.is_some())
    });
    let same = crate::model::framework::same_practice_among(&frameworks);
    let ctx = Ctx {
        a,
        continued: guidance::Continued::plan(&frameworks, &same),
        same,
        lists: lists::Lists::new(&frameworks),
        frameworks,
        styles: style::Styles::new(),
        carried,
    };
    write(&ctx).map_err(|e| Error::Input(format!("the workbook could not be made: {e}")))
}

fn write(ctx: &Ctx) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let a = ctx.a;
    let created = a
        .completed_on
        .as_ref()
        .and_then(|d| parse_date(d))
        .map(|d| (d.year(), d.month(), d.day()))
        .unwrap_or((*a.year + 1, 1, 1));
    let date = ExcelDateTime::from_ymd(
        created.0.clamp(1900, 9999) as u16,
        created.1 as u8,
        created.2 as u8,
    )?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!(
                "Family ties self-assessment: {}, {}",
                a.establishment.name, *a.year
            ))
            .set_creation_datetime(&date),
    );
    let mut taken: Vec<String> = [
        start::START,
        "Measures",
        "Evidence",
        "Actions",
        start::SCALES,
        guidance::SHEET,
        lists::SHEET,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut ws = Worksheet::new();
    start::start(&mut ws, ctx)?;
    wb.push_worksheet(ws);
    for fw in &ctx.frameworks {
        let name = sheet_name(fw, &taken);
        taken.push(name.clone());
        let mut ws = Worksheet::new();
        ws.set_name(&name)?;
        framework::items(&mut ws, ctx, fw)?;
        wb.push_worksheet(ws);
    }
    let any_measures = ctx
        .frameworks
        .iter()
        .any(|f| f.items().iter().any(|i| *i.kind == ItemKind::Metric));
    if any_measures {
        let mut ws = Worksheet::new();
        ws.set_name("Measures")?;
        framework::measures(&mut ws, ctx)?;
        wb.push_worksheet(ws);
    }
    let mut ws = Worksheet::new();
    ws.set_name("Evidence")?;
    records::evidence(&mut ws, ctx)?;
    wb.push_worksheet(ws);
    let mut ws = Worksheet::new();
    ws.set_name("Actions")?;
    records::actions(&mut ws, ctx)?;
    wb.push_worksheet(ws);
    let mut ws = Worksheet::new();
    start::scales(&mut ws, ctx)?;
    wb.push_worksheet(ws);
    if ctx.continued.any() {
        let mut ws = Worksheet::new();
        ctx.continued.write(&mut ws, ctx)?;
        wb.push_worksheet(ws);
    }
    let mut ws = Worksheet::new();
    ctx.lists.write(&mut ws)?;
    wb.push_worksheet(ws);
    wb.save_to_buffer()
        .map(super::container::same_on_every_system)
}

/// A framework's sheet name, from its id: `farmer-offer` is "Farmer offer", and a word the
/// framework's glossary spells in capitals keeps them ("HMPPS family practice"). At most 31
/// characters, as spreadsheets require, and different from the other sheets' names.
fn sheet_name(fw: &Framework, taken: &[String]) -> String {
    let words: Vec<String> = fw
        .id
        .split('-')
        .filter(|w| !w.is_empty())
        .enumerate()
        .map(|(i, w)| {
            if let Some(acronym) = fw.glossary.keys().find(|k| k.eq_ignore_ascii_case(w)) {
                acronym.clone()
            } else if i == 0 {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            } else {
                w.to_string()
            }
        })
        .collect();
    let mut name = String::new();
    for w in words {
        let next = if name.is_empty() {
            w
        } else {
            format!("{name} {w}")
        };
        if next.chars().count() > 28 {
            break;
        }
        name = next;
    }
    if name.is_empty() {
        name = "Framework".into();
    }
    let mut candidate = name.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&candidate)) {
        candidate = format!("{name} {n}");
        n += 1;
    }
    candidate
}

/// Every text too long for a spreadsheet's cell, at its place in the self-assessment.
fn too_long(a: &Assessment, source: &Path) -> Diagnostics {
    let mut out = Diagnostics::default();
    let mut check = |text: &str, what: String, pos| {
        if !fits_in_cell(text) {
            out.push(
                Diagnostic::error(
                    source,
                    pos,
                    format!("{what} is too long for a spreadsheet's cell"),
                )
                .expected(format!(
                    "at most {} characters",
                    crate::load::workbook::layout::MAX_CELL_CHARS
                ))
                .found(format!("{} characters", text.encode_utf16().count()))
                .help("shorten it, or keep this self-assessment as YAML (ties reads both)"),
            );
        }
    };
    let e = &a.establishment;
    for (text, what) in [
        (Some(&e.name), "the establishment's name"),
        (e.region.as_ref(), "the establishment's region"),
        (
            e.comparator_group.as_ref(),
            "the establishment's comparator group",
        ),
        (e.kind.as_ref(), "the establishment's type"),
    ] {
        if let Some(text) = text {
            check(text, what.into(), e.id.pos);
        }
    }
    if let Some(by) = &a.completed_by {
        check(by, "who completed it (completed_by)".into(), by.pos);
    }
    for (key, r) in a.responses.iter() {
        let item = &key.value;
        if let Some(n) = &r.narrative {
            check(n, format!("the narrative of {item}"), key.pos);
        }
        if let Some(reason) = r.not_applicable.text() {
            check(
                reason,
                format!("the not-applicable reason of {item}"),
                r.not_applicable.pos,
            );
        }
        check(
            &r.strengths.join("\n"),
            format!("the strengths of {item}"),
            key.pos,
        );
        check(
            &r.development.join("\n"),
            format!("the development points of {item}"),
            key.pos,
        );
        for e in &r.evidence {
            check(&e.text, format!("evidence for {item}"), e.text.pos);
        }
    }
    for (key, m) in a.metrics.iter() {
        if let Some(note) = &m.note {
            check(note, format!("the note on {}", key.value), key.pos);
        }
    }
    for act in &a.actions {
        let id = &act.id.value;
        check(&act.what, format!("action {id}"), act.id.pos);
        check(&act.owner, format!("the owner of action {id}"), act.id.pos);
        if let Some(note) = &act.note {
            check(note, format!("the note on action {id}"), act.id.pos);
        }
    }
    out
}
