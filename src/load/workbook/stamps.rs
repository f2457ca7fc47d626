//! Rows moved apart on the record sheets (Evidence, Actions). Their rows have no fixed id that a
//! person cannot change, so a column sorted on its own ("current selection only") would give
//! one row's date or kind to another without a word. Each row `ties` writes carries, in a hidden
//! column, a fingerprint of its values (`layout::fingerprint`). When the values of one column
//! in several such rows no longer match their fingerprints, but do when the values found in
//! that column are given back to the rows they fit, the column was moved on its own: those rows
//! are problems at their cells, not read.
//!
//! Rows a person typed have no fingerprint, so a column sorted among them alone cannot be told
//! from rows typed that way. A value changed by hand in one row, or in several rows to values
//! that are not each other's, is an ordinary change, and is read.

use std::collections::BTreeMap;

use super::layout;

/// A row as read: its values, in the order the writer fingerprinted them, and the fingerprint
/// in its hidden column.
pub struct Stamped {
    pub row: u32,
    pub parts: Vec<String>,
    pub print: String,
}

impl Stamped {
    /// A row with the fingerprint `print` in its hidden column, when the fingerprint of its
    /// values now (`parts`, whose fingerprint is `now`) no longer matches it: only such rows can
    /// have been moved apart.
    pub fn if_changed(row: u32, parts: &[&str], now: &str, print: &str) -> Option<Stamped> {
        (now != print).then(|| Stamped {
            row,
            parts: parts.iter().map(|p| p.to_string()).collect(),
            print: print.to_string(),
        })
    }
}

/// The fingerprint in a row's hidden column: a carried row's mark is its year and then its
/// fingerprint; any other row's is its fingerprint alone.
pub fn print_of(mark: &str) -> Option<&str> {
    // The last word, found from the end.
    let print = mark.trim_end().rsplit(char::is_whitespace).next()?;
    (print.len() == 16 && print.bytes().all(|b| b.is_ascii_hexdigit())).then_some(print)
}

/// The most rows whose values are tried against each other's: enough for any real sheet,
/// and a bound on the work a hostile one can cause.
const MOST_TRIED: usize = 500;

/// The rows whose cells in one column were moved apart from the rest of the row, each with the
/// index (in `parts`) of that column.
pub fn moved_apart(rows: &[Stamped]) -> BTreeMap<u32, usize> {
    let changed: Vec<&Stamped> = rows
        .iter()
        .filter(|s| {
            let parts: Vec<&str> = s.parts.iter().map(String::as_str).collect();
            layout::fingerprint(&parts) != s.print
        })
        .take(MOST_TRIED)
        .collect();
    let mut moved = BTreeMap::new();
    if changed.len() < 2 {
        return moved;
    }
    let columns = changed.iter().map(|s| s.parts.len()).min().unwrap_or(0);
    for k in 0..columns {
        // The values this column holds in the changed rows, each tried in every changed row.
        let mut found: Vec<&str> = changed.iter().map(|s| s.parts[k].as_str()).collect();
        found.sort_unstable();
        found.dedup();
        let mut fits: Vec<(&Stamped, &str)> = Vec::new();
        for s in &changed {
            let own = s.parts[k].as_str();
            let fit = found.iter().copied().filter(|v| *v != own).find(|v| {
                let mut parts: Vec<&str> = s.parts.iter().map(String::as_str).collect();
                parts[k] = v;
                layout::fingerprint(&parts) == s.print
            });
            if let Some(v) = fit {
                fits.push((s, v));
            }
        }
        // Moved, not changed: the values the rows had are the values they now hold, between
        // them (a sort only moves values), in two rows or more.
        let mut had: Vec<&str> = fits.iter().map(|(_, v)| *v).collect();
        let mut hold: Vec<&str> = fits.iter().map(|(s, _)| s.parts[k].as_str()).collect();
        had.sort_unstable();
        hold.sort_unstable();
        if fits.len() >= 2 && had == hold {
            for (s, _) in fits {
                moved.entry(s.row).or_insert(k);
            }
        }
    }
    moved
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(row: u32, parts: &[&str]) -> Stamped {
        Stamped {
            row,
            parts: parts.iter().map(|p| p.to_string()).collect(),
            print: layout::fingerprint(parts),
        }
    }

    fn rows() -> Vec<Stamped> {
        vec![
            written(
                3,
                &["a/one", "survey", "Visitor survey", "2025-11-03", "No"],
            ),
            written(4, &["a/two", "policy", "Visits policy", "2025-09-05", "No"]),
            written(
                5,
                &["a/three", "data", "Visits booked", "2025-06-01", "Yes"],
            ),
        ]
    }

    #[test]
    fn rows_as_written_are_not_moved() {
        assert!(moved_apart(&rows()).is_empty());
    }

    #[test]
    fn a_column_sorted_alone_is_found() {
        // The dates sorted on their own, earliest first: every row's date is another's.
        let mut rows = rows();
        let dates = ["2025-06-01", "2025-09-05", "2025-11-03"];
        for (r, d) in rows.iter_mut().zip(dates) {
            r.parts[3] = d.to_string();
        }
        let moved = moved_apart(&rows);
        // Row 4 kept its own date; rows 3 and 5 hold each other's.
        assert_eq!(moved, BTreeMap::from([(3, 3), (5, 3)]));
    }

    #[test]
    fn values_changed_by_hand_are_read() {
        // One row marked restricted: a change, not a move.
        let mut rows = rows();
        rows[0].parts[4] = "Yes".to_string();
        assert!(moved_apart(&rows).is_empty());
        // Two rows marked restricted, both to the same value: still changes.
        rows[1].parts[4] = "Yes".to_string();
        assert!(moved_apart(&rows).is_empty());
        // A new text in one row and a new date in another.
        let mut rows = self::rows();
        rows[0].parts[2] = "Visitor survey, 212 replies".to_string();
        rows[2].parts[3] = "2025-11-03".to_string();
        assert!(moved_apart(&rows).is_empty());
    }

    #[test]
    fn a_carried_rows_mark_gives_its_fingerprint() {
        let print = layout::fingerprint(&["x"]);
        assert_eq!(print_of(&format!("2024 {print}")), Some(print.as_str()));
        assert_eq!(print_of(&print), Some(print.as_str()));
        assert_eq!(print_of("2024"), None);
        assert_eq!(print_of(""), None);
        assert_eq!(print_of(" \t "), None);
        assert_eq!(
            print_of(&format!("2024\u{a0}{print}\n")),
            Some(print.as_str())
        );
        assert_eq!(print_of(&format!("{print} 2024")), None);
    }
}
