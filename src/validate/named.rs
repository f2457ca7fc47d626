//! A workbook's name as the year of the self-assessment it holds. In the layout `ties workbook`
//! writes (`hmp-ashbank/2025.xlsx`, and `2026.xlsx` beside last year's), a workbook's file name
//! is its year. A YAML file's year can be told from its first lines; a workbook's only by
//! unpacking it, which costs nearly as much as reading it. So comparing the estate takes a
//! workbook named for a year at its word, and reads in full only those named for the years it
//! shows (and every workbook not named for a year).
//!
//! So that the name can be trusted, a workbook named for a year is checked against it whenever
//! it is read, by `ties check` and by the estate: a workbook that holds another year is an
//! error at its year's cell, and it is left out until it is renamed or its year corrected.

use std::path::Path;

use crate::diag::Diagnostic;
use crate::load::node::{Node, Value};
use crate::load::workbook::is_self_assessment_candidate;
use crate::model::ids;

/// The year the name of the workbook at `path` says it holds: `None` for anything but a
/// workbook named for a year a self-assessment can report on (`2025.xlsx`).
pub fn year(path: &Path) -> Option<i32> {
    if !is_self_assessment_candidate(path) {
        return None;
    }
    let stem = path.file_stem()?.to_str()?;
    if stem.len() != 4 || !stem.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    stem.parse().ok().filter(|y| ids::is_plausible_year(*y))
}

/// The problem of a workbook named for one year that holds another (its tree is `node`), at
/// the cell of the year it holds.
pub fn disagreements(path: &Path, node: &Node) -> Vec<Diagnostic> {
    let Some(named) = year(path) else {
        return Vec::new();
    };
    let Value::Map(top) = &node.value else {
        return Vec::new();
    };
    let Some((held, at)) = top.iter().find_map(|(k, v)| match v.value {
        Value::Int(y) if k.name == "year" => Some((y, v.pos)),
        _ => None,
    }) else {
        return Vec::new();
    };
    if held == i64::from(named) {
        return Vec::new();
    }
    vec![
        Diagnostic::error(
            path,
            at,
            format!("this workbook is the self-assessment for {held}, but its name says {named}"),
        )
        .expected(format!("{named}, the year in the workbook's name ({named}.xlsx)"))
        .found(held.to_string())
        .help(format!(
            "ties takes a workbook named for a year to hold that year, and compares the estate by reading only the years it shows: rename the file {held}.xlsx, or, if the year on the Start here sheet is wrong, correct it"
        )),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::source::Pos;
    use crate::load::node::Key;

    #[test]
    fn only_a_workbook_named_for_a_plausible_year_is_placed_by_its_name() {
        let year = |p: &str| year(Path::new(p));
        assert_eq!(year("hmp-ashbank/2025.xlsx"), Some(2025));
        assert_eq!(year("2026.XLSX"), Some(2026));
        assert_eq!(year("returns/2000.xlsx"), Some(2000));
        for other in [
            "hmp-ashbank/2025.yaml",
            "hmp-ashbank/2025 (1).xlsx",
            "hmp-ashbank/hmp-ashbank-2025.xlsx",
            "hmp-ashbank/02025.xlsx",
            "hmp-ashbank/1999.xlsx",
            "hmp-ashbank/2101.xlsx",
            "hmp-ashbank/+202.xlsx",
            "hmp-ashbank/~$2025.xlsx",
            "hmp-ashbank/2025.xls",
        ] {
            assert_eq!(year(other), None, "{other}");
        }
    }

    fn tree(year: i64) -> Node {
        let at = Pos::cell(1, 20, 3);
        let n = |value| Node { pos: at, value };
        n(Value::Map(vec![(
            Key {
                name: "year".into(),
                pos: at,
            },
            n(Value::Int(year)),
        )]))
    }

    #[test]
    fn a_workbook_that_holds_another_year_than_its_name_is_an_error_at_the_year() {
        let path = Path::new("hmp-ashbank/2024.xlsx");
        assert!(disagreements(path, &tree(2024)).is_empty());
        assert!(disagreements(Path::new("hmp-ashbank/copy.xlsx"), &tree(2025)).is_empty());
        let found = disagreements(path, &tree(2025));
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert!(d.is_error());
        assert_eq!((d.sheet, d.line, d.column), (1, 20, 3));
        assert_eq!(
            d.message,
            "this workbook is the self-assessment for 2025, but its name says 2024"
        );
        assert!(
            d.help
                .as_deref()
                .unwrap()
                .contains("rename the file 2025.xlsx")
        );
    }
}
