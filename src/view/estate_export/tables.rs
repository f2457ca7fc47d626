//! The tables, their columns, and the one function that fills them from the comparison of each
//! year. Every table whose records belong to an establishment begins with the same columns:
//! the year, the establishment's id and name, its nation (id and name), region and comparator
//! group.

use std::borrow::Cow;

use crate::estate::Entry;
use crate::estate::compare::{Comparison, by_name};
use crate::estate::filters::Filters;
use crate::view::estate::RejectedRow;

use super::{actions, peers, records, scores};

/// What a cell holds, and so how each format writes it.
#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    /// Text, borrowed from the estate where it can be: the same names and titles stand on
    /// thousands of rows.
    Text(Cow<'a, str>),
    /// A count or a year: written as a whole number.
    Whole(f64),
    /// A share from 0 to 1 (a score, a coverage, a rate): to four places, shown as a percentage
    /// in the workbook (the cell holds the number).
    Share(Option<f64>),
    /// A figure: to four places.
    Number(Option<f64>),
    Flag(bool),
    Empty,
}

/// A kind of record: its name (the CSV file's name, the JSON's key, the value of `--table`),
/// its sheet's name in the workbook, and its columns, each described in `docs/tables.md`.
#[derive(Debug)]
pub struct Kind {
    pub name: &'static str,
    pub sheet: &'static str,
    pub columns: &'static [&'static str],
}

/// One table: its kind and its rows, a cell for each column.
pub struct Table<'a> {
    pub kind: &'static Kind,
    pub rows: Vec<Vec<Value<'a>>>,
}

impl Table<'_> {
    pub fn name(&self) -> &'static str {
        self.kind.name
    }

    pub fn columns(&self) -> &'static [&'static str] {
        self.kind.columns
    }
}

/// Every table, for the years compared, in the order of `TABLES`.
pub struct Data<'a> {
    pub years: Vec<i32>,
    comparisons: &'a [Comparison<'a>],
    filters: &'a Filters,
    rejected: &'a [RejectedRow],
    /// For each comparison, its establishments in the order the tables list them.
    orders: Vec<Vec<usize>>,
}

impl<'a> Data<'a> {
    /// The table named `name` (one of `TABLES`). A table's rows are made when it is asked for,
    /// and the one asking holds them: so a writer of every table holds one at a time.
    pub fn table(&self, name: &str) -> Option<Table<'a>> {
        TABLES.iter().find(|k| k.name == name).map(|k| self.make(k))
    }

    /// Every table, in the order of `TABLES`, each made when it is reached.
    pub fn tables(&self) -> impl Iterator<Item = Table<'a>> + '_ {
        TABLES.iter().map(|k| self.make(k))
    }

    fn make(&self, kind: &'static Kind) -> Table<'a> {
        Table {
            kind,
            rows: self.pieces(kind).flatten().collect(),
        }
    }

    /// The rows of the table of `kind`, in its order, a piece at a time: an establishment's
    /// rows in a year; the establishments that did not submit, a year at a time; the files
    /// left out, at once. A writer that takes the pieces as they come holds one at a time.
    pub fn pieces(
        &self,
        kind: &'static Kind,
    ) -> Box<dyn Iterator<Item = Vec<Vec<Value<'a>>>> + '_> {
        let years = self.comparisons.iter().zip(&self.orders);
        match kind.name {
            "files-left-out" => Box::new(std::iter::once(records::left_out(self.rejected))),
            "not-submitted" => Box::new(self.comparisons.iter().map(records::not_submitted)),
            name => Box::new(years.flat_map(move |(c, order)| {
                order.iter().map(move |&i| {
                    let one = [i];
                    match name {
                        "establishments" => records::establishments(c, &one, self.filters),
                        "frameworks" => scores::frameworks(c, &one),
                        "sections" => scores::sections(c, &one),
                        "items" => scores::items(c, &one),
                        "measures" => scores::measures(c, &one),
                        "actions" => actions::actions(c, &one, self.filters.as_of),
                        "peers" => peers::peers(c, &one),
                        _ => Vec::new(),
                    }
                })
            })),
        }
    }
}

/// The columns that begin every table whose records belong to an establishment.
macro_rules! establishment_columns {
    ($($rest:expr),* $(,)?) => {
        &[
            "year",
            "establishment",
            "name",
            "nation",
            "nation_name",
            "region",
            "comparator_group",
            $($rest),*
        ]
    };
}

/// The kinds of record, in the order the exports write them.
pub const TABLES: [Kind; 9] = [
    Kind {
        name: "establishments",
        sheet: "Establishments",
        columns: establishment_columns![
            "completed_on",
            "late",
            "actions",
            "live_actions",
            "judged_on",
            "overdue_actions",
            "claims_without_evidence",
        ],
    },
    Kind {
        name: "frameworks",
        sheet: "Frameworks",
        columns: establishment_columns![
            "framework",
            "framework_title",
            "framework_version",
            "score",
            "coverage",
            "answered",
            "applicable",
            "not_applicable",
            "grade",
            "provisional",
        ],
    },
    Kind {
        name: "sections",
        sheet: "Sections",
        columns: establishment_columns![
            "framework",
            "framework_title",
            "framework_version",
            "section",
            "section_title",
            "depth",
            "score",
            "coverage",
            "answered",
            "applicable",
            "not_applicable",
            "grade",
            "provisional",
        ],
    },
    Kind {
        name: "items",
        sheet: "Items",
        columns: establishment_columns![
            "framework",
            "framework_title",
            "framework_version",
            "section",
            "section_title",
            "item",
            "item_title",
            "kind",
            "status",
            "rating",
            "rating_label",
            "evidenced_rating",
            "evidenced_rating_label",
            "capped",
            "score",
            "weak",
        ],
    },
    Kind {
        name: "measures",
        sheet: "Measures",
        columns: establishment_columns![
            "framework",
            "framework_title",
            "section",
            "section_title",
            "item",
            "item_title",
            "measure",
            "unit",
            "better",
            "status",
            "numerator",
            "denominator",
            "value",
            "baseline",
            "target",
            "progress",
        ],
    },
    Kind {
        name: "actions",
        sheet: "Actions",
        columns: establishment_columns![
            "action",
            "what",
            "owner",
            "due",
            "status",
            "status_label",
            "done_on",
            "items",
            "judged_on",
            "overdue",
            "days_overdue",
        ],
    },
    Kind {
        name: "peers",
        sheet: "Learning from peers",
        columns: establishment_columns![
            "framework",
            "framework_title",
            "section",
            "section_title",
            "item",
            "item_title",
            "rating",
            "rating_label",
            "evidenced_rating",
            "evidenced_rating_label",
            "peer_order",
            "peer",
            "peer_name",
            "peer_nation",
            "peer_region",
            "peer_comparator_group",
            "same_group",
            "peer_rating",
            "peer_rating_label",
            "peer_says",
        ],
    },
    Kind {
        name: "not-submitted",
        sheet: "Not submitted",
        columns: establishment_columns![],
    },
    Kind {
        name: "files-left-out",
        sheet: "Files left out",
        columns: &["file", "problems", "first_problem"],
    },
];

pub(super) fn text(s: &str) -> Value<'_> {
    Value::Text(Cow::Borrowed(s))
}

pub(super) fn opt(s: Option<&str>) -> Value<'_> {
    s.map_or(Value::Empty, text)
}

pub(super) fn whole(n: usize) -> Value<'static> {
    Value::Whole(n as f64)
}

/// The cells that begin the rows of an establishment's records.
pub(super) fn establishment_cells(e: &Entry) -> Vec<Value<'_>> {
    let est = &e.assessment.establishment;
    vec![
        Value::Whole(f64::from(e.year())),
        text(&est.id),
        text(&est.name),
        text(est.nation.id()),
        text(est.nation.label()),
        opt(est.region.as_deref()),
        opt(est.comparator_group.as_deref()),
    ]
}

/// Every table, for `comparisons` (one a year, in order of year), with the dates of `filters`
/// (the due date and the day actions are judged on) and the files left out of the folder.
/// Establishments are in the estate's order of names in each year.
pub fn data<'a>(
    comparisons: &'a [Comparison<'a>],
    filters: &'a Filters,
    rejected: &'a [RejectedRow],
) -> Data<'a> {
    let orders = comparisons
        .iter()
        .map(|c| {
            let mut order: Vec<usize> = (0..c.current.len()).collect();
            order.sort_by(|&a, &b| by_name(c.current[a], c.current[b]));
            order
        })
        .collect();
    Data {
        years: comparisons.iter().map(|c| c.year).collect(),
        comparisons,
        filters,
        rejected,
        orders,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::estate::Estate;
    use crate::model::catalog::Catalog;

    #[test]
    fn every_row_has_a_cell_for_each_column() {
        // The tables of an establishment's records begin with the same seven columns.
        let first = TABLES[0].columns;
        for kind in TABLES.iter().filter(|k| k.name != "files-left-out") {
            assert_eq!(kind.columns[..7], first[..7], "{}", kind.name);
        }
        let (catalog, _) = Catalog::bundled();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assessments");
        let given = crate::load::files::folder_in_memory(&root);
        let files = crate::load::InMemory::new(&given);
        let estate = Estate::load(&files, &root, &catalog).unwrap();
        let register = estate.register(&files, None).unwrap();
        let register = register.as_ref().map(|r| &r.1);
        let comparisons: Vec<Comparison> = [2024, 2025]
            .into_iter()
            .map(|year| {
                let filters = Filters {
                    year: Some(year),
                    ..Filters::default()
                };
                crate::estate::compare::compare(&catalog, &estate, register, &filters).unwrap()
            })
            .collect();
        let rejected = crate::view::estate::rejected_rows(&estate);
        let no_filters = Filters::default();
        let data = data(&comparisons, &no_filters, &rejected);
        assert_eq!(data.years, [2024, 2025]);
        for t in data.tables() {
            for row in &t.rows {
                assert_eq!(row.len(), t.columns().len(), "{}", t.name());
            }
        }
        for name in [
            "establishments",
            "sections",
            "items",
            "measures",
            "actions",
            "peers",
        ] {
            let t = data.table(name).unwrap();
            assert!(!t.rows.is_empty(), "{name}");
            // Both years are there, one after the other.
            let years: Vec<&Value> = t.rows.iter().map(|r| &r[0]).collect();
            assert_eq!(years.first(), Some(&&Value::Whole(2024.0)), "{name}");
            assert_eq!(years.last(), Some(&&Value::Whole(2025.0)), "{name}");
        }
        assert_eq!(data.table("not-submitted").unwrap().rows.len(), 4);
    }
}
