//! The estate view as data: tidy CSV, JSON and an Excel workbook.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};
use serde::Serialize;

use crate::error::Result;
use crate::estate::{Entry, Estate};
use crate::model::assessment::parse_date;
use crate::output::cells::{MAX_COLUMNS, MAX_ROWS, fit_cell};
use crate::output::csv;
use crate::output::json;
use crate::score::ItemStatus;
use crate::view::estate::{CompareView, Filters};

/// One row of the long-format data: one item of one establishment's assessment.
pub struct DataRow {
    pub establishment: String,
    pub name: String,
    pub year: i32,
    pub nation: String,
    pub region: String,
    pub comparator_group: String,
    pub framework: String,
    pub version: String,
    pub section: String,
    pub item: String,
    pub status: &'static str,
    pub rating: String,
    pub evidenced: String,
    pub score: Option<f64>,
    pub section_score: Option<f64>,
    pub section_coverage: f64,
}

pub const HEADERS: [&str; 16] = [
    "establishment",
    "name",
    "year",
    "nation",
    "region",
    "comparator_group",
    "framework",
    "framework_version",
    "section",
    "item",
    "status",
    "rating",
    "evidenced_rating",
    "score",
    "section_score",
    "section_coverage",
];

/// The long-format rows for the entries the view covers (same year and filters), in a stable
/// order: establishment, framework, section, item.
pub fn rows(estate: &Estate, view: &CompareView, filters: &Filters) -> Vec<DataRow> {
    let ids: Vec<&str> = view.establishments.iter().map(|e| e.id.as_str()).collect();
    let frameworks: Vec<&str> = view.frameworks.iter().map(|f| f.id.as_str()).collect();
    let mut out = Vec::new();
    let mut entries: Vec<&Entry> = estate
        .year(view.year)
        .filter(|e| ids.contains(&e.id()))
        .collect();
    entries.sort_by(|a, b| a.id().cmp(b.id()));
    for e in entries {
        let est = &e.assessment.establishment;
        for fs in e
            .card
            .frameworks
            .iter()
            .filter(|f| frameworks.contains(&f.id.as_str()))
        {
            if filters.framework.as_ref().is_some_and(|f| *f != fs.id) {
                continue;
            }
            for s in &fs.sections {
                for i in &s.items {
                    out.push(DataRow {
                        establishment: est.id.value.clone(),
                        name: est.name.clone(),
                        year: e.year(),
                        nation: est.nation.id().to_string(),
                        region: est.region.clone().unwrap_or_default(),
                        comparator_group: est.comparator_group.clone().unwrap_or_default(),
                        framework: fs.id.clone(),
                        version: fs.version.clone(),
                        section: s.id.clone(),
                        item: i.id.clone(),
                        status: match i.status {
                            _ if e.withheld.contains(&i.qualified_id) => "restricted",
                            ItemStatus::Scored => "scored",
                            ItemStatus::Reported => "reported",
                            ItemStatus::NotApplicable => "not-applicable",
                            ItemStatus::Unanswered => "unanswered",
                        },
                        rating: i.claimed.as_ref().map(|l| l.id.clone()).unwrap_or_default(),
                        evidenced: i
                            .evidenced
                            .as_ref()
                            .map(|l| l.id.clone())
                            .unwrap_or_default(),
                        score: i.score,
                        section_score: s.score,
                        section_coverage: s.coverage.share,
                    });
                }
            }
        }
    }
    out
}

pub fn to_csv(rows: &[DataRow]) -> String {
    let mut out = csv::row(&HEADERS);
    for r in rows {
        out.push_str(&csv::row(&[
            r.establishment.as_str(),
            &r.name,
            &r.year.to_string(),
            &r.nation,
            &r.region,
            &r.comparator_group,
            &r.framework,
            &r.version,
            &r.section,
            &r.item,
            r.status,
            &r.rating,
            &r.evidenced,
            &csv::number(r.score),
            &csv::number(r.section_score),
            &csv::number(Some(r.section_coverage)),
        ]));
    }
    out
}

#[derive(Serialize)]
struct JsonDocument<'a> {
    ties_compare: u32,
    #[serde(flatten)]
    view: &'a CompareView,
}

/// The date a workbook of the estate for `year` says it was made: the latest day a
/// self-assessment of that year was completed, or else the last day of the year (never the
/// clock, so the same files give the same bytes).
pub fn created_on(estate: &Estate, year: i32) -> (u16, u8, u8) {
    use chrono::Datelike;
    estate
        .year(year)
        .filter_map(|e| {
            e.assessment
                .completed_on
                .as_ref()
                .and_then(|d| parse_date(d))
        })
        .max()
        .map_or((year as u16, 12, 31), |d| {
            (d.year() as u16, d.month() as u8, d.day() as u8)
        })
}

/// The view as JSON, with the charts left out (they are pictures, not data).
pub fn to_json(view: &CompareView) -> Result<String> {
    let mut value = json::tree(&JsonDocument {
        ties_compare: 1,
        view,
    })?;
    if let Some(fws) = value.get_mut("frameworks").and_then(|f| f.as_array_mut()) {
        for f in fws {
            if let Some(o) = f.as_object_mut() {
                for k in ["heatmap", "heatmap_id", "distribution", "distribution_id"] {
                    o.remove(k);
                }
            }
        }
    }
    json::document(&value)
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(name: &str, taken: &[String]) -> String {
    let clean: String = name
        .chars()
        .filter(|c| !"[]:*?/\\'".contains(*c))
        .take(28)
        .collect();
    let mut candidate = clean.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&candidate)) {
        candidate = format!("{clean} {n}");
        n += 1;
    }
    candidate
}

/// The workbook: a matrix sheet per framework and a data sheet in long format, header rows
/// frozen and filters on. Text is always written as text, so nothing in it can run as a formula.
/// `created` (from the input, never the clock) keeps the file byte-identical between runs.
pub fn to_xlsx(
    view: &CompareView,
    rows: &[DataRow],
    created: (u16, u8, u8),
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let date = ExcelDateTime::from_ymd(created.0, created.1, created.2)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("Family ties across the estate: {}", view.year))
            .set_creation_datetime(&date),
    );
    let bold = Format::new().set_bold();
    let percent = Format::new().set_num_format("0%");
    let mut names: Vec<String> = Vec::new();
    for f in &view.frameworks {
        let name = sheet_name(&f.id, &names);
        names.push(name.clone());
        let ws = wb.add_worksheet();
        ws.set_name(&name)?;
        let mut headers = vec![
            "Establishment".to_string(),
            "Comparator group".to_string(),
            "Coverage".to_string(),
            "Score".to_string(),
            "Grade".to_string(),
        ];
        // A sheet has at most 16,384 columns: two for each section after the first five.
        let shown = f.sections.len().min((usize::from(MAX_COLUMNS) - 5) / 2);
        for s in &f.sections[..shown] {
            headers.push(format!("{} (score)", s.title));
            headers.push(format!("{} (grade)", s.title));
        }
        for (c, h) in headers.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, fit_cell(h), &bold)?;
        }
        for (r, row) in f.rows.iter().enumerate() {
            let r = r as u32 + 1;
            ws.write_string(r, 0, fit_cell(&row.name))?;
            ws.write_string(
                r,
                1,
                fit_cell(row.comparator_group.as_deref().unwrap_or("")),
            )?;
            ws.write_number_with_format(r, 2, row.coverage, &percent)?;
            if let Some(v) = row.score {
                ws.write_number_with_format(r, 3, v, &percent)?;
            }
            let grade = match (&row.grade, row.provisional) {
                (Some(g), true) => format!("{g} (provisional)"),
                (Some(g), false) => g.clone(),
                (None, _) => String::new(),
            };
            ws.write_string(r, 4, fit_cell(&grade))?;
            for (i, cell) in row.cells.iter().take(shown).enumerate() {
                let col = 5 + 2 * i as u16;
                if let Some(v) = cell.score {
                    ws.write_number_with_format(r, col, v, &percent)?;
                }
                let g = match (&cell.grade, cell.provisional) {
                    (Some(g), true) => format!("{g} (provisional)"),
                    (Some(g), false) => g.clone(),
                    (None, _) => String::new(),
                };
                ws.write_string(r, col + 1, fit_cell(&g))?;
            }
        }
        if shown < f.sections.len() {
            let note = format!(
                "Only the first {shown} of {} sections are shown: a sheet holds at most {MAX_COLUMNS} \
                 columns. The CSV and JSON exports hold them all.",
                f.sections.len()
            );
            ws.write_string(f.rows.len() as u32 + 2, 0, &note)?;
        }
        ws.set_freeze_panes(1, 1)?;
        ws.autofilter(0, 0, f.rows.len() as u32, headers.len() as u16 - 1)?;
        ws.set_column_width(0, 28)?;
    }
    let name = sheet_name("Data", &names);
    let ws = wb.add_worksheet();
    ws.set_name(&name)?;
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    // A sheet has at most 1,048,576 rows: the header, the data, and a note if it is cut.
    let room = MAX_ROWS as usize - 2;
    let shown = &rows[..rows.len().min(room)];
    for (i, r) in shown.iter().enumerate() {
        let row = i as u32 + 1;
        let texts = [
            &r.establishment,
            &r.name,
            &String::new(),
            &r.nation,
            &r.region,
            &r.comparator_group,
            &r.framework,
            &r.version,
            &r.section,
            &r.item,
            &r.status.to_string(),
            &r.rating,
            &r.evidenced,
        ];
        for (c, t) in texts.iter().enumerate() {
            if c == 2 {
                ws.write_number(row, 2, f64::from(r.year))?;
            } else if !t.is_empty() {
                ws.write_string(row, c as u16, fit_cell(t.as_str()))?;
            }
        }
        if let Some(v) = r.score {
            ws.write_number(row, 13, v)?;
        }
        if let Some(v) = r.section_score {
            ws.write_number(row, 14, v)?;
        }
        ws.write_number(row, 15, r.section_coverage)?;
    }
    if shown.len() < rows.len() {
        let note = format!(
            "Only the first {} of {} rows are shown: a sheet holds at most {MAX_ROWS} rows. The \
             CSV export holds them all.",
            shown.len(),
            rows.len()
        );
        ws.write_string(shown.len() as u32 + 1, 0, &note)?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, shown.len() as u32, HEADERS.len() as u16 - 1)?;
    wb.save_to_buffer()
}
