//! The estate as tidy tables, for analysts: one table per kind of record (establishments,
//! frameworks, sections, items, measures, actions, learning from peers, not submitted, files
//! left out), each row one record, ids and labels in columns of their own, numbers as numbers,
//! over one year or a range of years (a `year` column on every record of a year). `output`
//! writes them as CSV (a file a table), as JSON (an array a table) and as a workbook (a sheet a
//! table). Every column is described in `docs/tables.md`.

use crate::estate::Estate;
use crate::model::assessment::parse_date;

mod actions;
mod peers;
mod records;
mod scores;
mod tables;

pub use tables::{Data, Kind, TABLES, Table, Value, data};

/// The date a workbook of the estate for `years` says it was made: the latest day a
/// self-assessment of those years was completed, or else the last day of the last year (never
/// the clock, so the same files give the same bytes).
pub fn created_on(estate: &Estate, years: &[i32]) -> (u16, u8, u8) {
    use chrono::Datelike;
    let last = years.iter().copied().max().unwrap_or(2000);
    years
        .iter()
        .flat_map(|y| estate.year(*y))
        .filter_map(|e| {
            e.assessment
                .completed_on
                .as_ref()
                .and_then(|d| parse_date(d))
        })
        .max()
        .map_or((last as u16, 12, 31), |d| {
            (d.year() as u16, d.month() as u8, d.day() as u8)
        })
}
