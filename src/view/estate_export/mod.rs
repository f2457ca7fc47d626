//! The estate view as tables of data, for the exports: `output` writes them as CSV (every
//! table in one file, each row marked with its table in the first column, `record`) and as a
//! workbook (a sheet a table), each cell as its kind asks: shares and figures rounded to four
//! places (`numbers::DATA_DECIMALS`) everywhere, shares as percentages in the workbook.

use crate::estate::Estate;
use crate::model::assessment::parse_date;

mod tables;

pub use tables::{Data, Table, Value, data};

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
