//! The estate's data as tables: one description of each row's cells, which the CSV and the
//! workbook both write. Items (one row per item of each establishment's self-assessment),
//! learning from peers (one row per weak item and peer), establishments not submitted, and
//! files left out. Titles stand beside ids, and nation, region, comparator group and year are on
//! every row an establishment has.

use std::borrow::Cow;

use crate::estate::{Entry, Estate};
use crate::model::catalog::Catalog;
use crate::model::framework::{Framework, Measure};
use crate::model::ids::split_qualified;
use crate::score::{ItemScore, ItemStatus};
use crate::view::estate::{CompareView, Filters};

/// What a cell holds, and so how each format writes it.
#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    /// Text, borrowed from the estate where it can be: the same names and titles stand on
    /// thousands of rows.
    Text(Cow<'a, str>),
    /// A count or a year: written as a whole number.
    Whole(f64),
    /// A share from 0 to 1 (a score, a coverage, a rate): to four places in CSV, as a
    /// percentage in the workbook.
    Share(Option<f64>),
    /// A figure: to four places.
    Number(Option<f64>),
    Flag(bool),
    Empty,
}

/// One table: its columns and rows, the name of its sheet in the workbook and of its rows in
/// the CSV's `record` column.
pub struct Table<'a> {
    pub sheet: &'static str,
    pub record: &'static str,
    pub columns: &'static [&'static str],
    pub rows: Vec<Vec<Value<'a>>>,
}

/// Every table of the estate's data.
pub struct Data<'a> {
    pub items: Table<'a>,
    pub peers: Table<'a>,
    pub not_submitted: Table<'a>,
    pub left_out: Table<'a>,
}

impl<'a> Data<'a> {
    pub fn tables(&self) -> [&Table<'a>; 4] {
        [
            &self.items,
            &self.peers,
            &self.not_submitted,
            &self.left_out,
        ]
    }
}

/// The columns an establishment's rows begin with.
const ESTABLISHMENT: [&str; 6] = [
    "establishment",
    "name",
    "year",
    "nation",
    "region",
    "comparator_group",
];

pub const ITEM_COLUMNS: &[&str] = &[
    "establishment",
    "name",
    "year",
    "nation",
    "region",
    "comparator_group",
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
    "evidenced_rating",
    "capped",
    "score",
    "numerator",
    "denominator",
    "figure",
    "baseline",
    "target",
    "section_score",
    "section_coverage",
];

pub const PEER_COLUMNS: &[&str] = &[
    "establishment",
    "name",
    "year",
    "nation",
    "region",
    "comparator_group",
    "framework",
    "framework_title",
    "section_title",
    "item",
    "item_title",
    "own_rating",
    "peer",
    "peer_name",
    "peer_comparator_group",
    "same_group",
    "peer_rating",
    "peer_says",
];

pub const NOT_SUBMITTED_COLUMNS: &[&str] = &ESTABLISHMENT;

pub const LEFT_OUT_COLUMNS: &[&str] = &["year", "file", "problems", "first_problem"];

fn text(s: &str) -> Value<'_> {
    Value::Text(Cow::Borrowed(s))
}

fn opt(s: Option<&str>) -> Value<'_> {
    s.map_or(Value::Empty, text)
}

/// The cells that begin an establishment's rows.
fn establishment_cells(e: &Entry) -> Vec<Value<'_>> {
    let est = &e.assessment.establishment;
    vec![
        text(&est.id),
        text(&est.name),
        Value::Whole(f64::from(e.year())),
        text(est.nation.id()),
        opt(est.region.as_deref()),
        opt(est.comparator_group.as_deref()),
    ]
}

/// Every table, for the self-assessments the view covers (its year, establishments and
/// frameworks), in a stable order.
pub fn data<'a>(
    catalog: &'a Catalog,
    estate: &'a Estate,
    view: &'a CompareView,
    filters: &Filters,
) -> Data<'a> {
    Data {
        items: items(catalog, estate, view, filters),
        peers: peers(estate, view),
        not_submitted: Table {
            sheet: "Not submitted",
            record: "not-submitted",
            columns: NOT_SUBMITTED_COLUMNS,
            rows: view
                .not_submitted
                .iter()
                .map(|r| {
                    vec![
                        text(&r.id),
                        text(&r.name),
                        Value::Whole(f64::from(view.year)),
                        text(&r.nation_id),
                        opt(r.region.as_deref()),
                        opt(r.comparator_group.as_deref()),
                    ]
                })
                .collect(),
        },
        left_out: Table {
            sheet: "Files left out",
            record: "file-left-out",
            columns: LEFT_OUT_COLUMNS,
            rows: view
                .rejected
                .iter()
                .map(|r| {
                    vec![
                        Value::Whole(f64::from(view.year)),
                        text(&r.path),
                        Value::Whole(r.problems as f64),
                        text(&r.first),
                    ]
                })
                .collect(),
        },
    }
}

/// The entries the view covers, by establishment id.
fn covered<'e>(estate: &'e Estate, view: &CompareView) -> Vec<&'e Entry> {
    let ids: Vec<&str> = view.establishments.iter().map(|e| e.id.as_str()).collect();
    let mut entries: Vec<&Entry> = estate
        .year(view.year)
        .filter(|e| ids.contains(&e.id()))
        .collect();
    entries.sort_by(|a, b| a.id().cmp(b.id()));
    entries
}

/// One row per item of each establishment's frameworks: establishment, framework, section,
/// item.
fn items<'a>(
    catalog: &'a Catalog,
    estate: &'a Estate,
    view: &'a CompareView,
    filters: &Filters,
) -> Table<'a> {
    let frameworks: Vec<&str> = view.frameworks.iter().map(|f| f.id.as_str()).collect();
    let mut rows = Vec::new();
    for e in covered(estate, view) {
        for fs in e.card.frameworks.iter().filter(|f| {
            frameworks.contains(&f.id.as_str())
                && filters.framework.as_ref().is_none_or(|x| *x == f.id)
        }) {
            let fw = catalog.get_version(&fs.id, &fs.version);
            for s in &fs.sections {
                for i in &s.items {
                    let mut row = establishment_cells(e);
                    row.extend([
                        text(&fs.id),
                        text(&fs.title),
                        text(&fs.version),
                        text(&s.id),
                        text(&s.title),
                        text(&i.id),
                        opt(fw.and_then(|f| f.item(&i.id)).map(|x| x.text.as_str())),
                        kind(i),
                        text(status(e, i)),
                    ]);
                    row.extend(rating_cells(i));
                    row.extend(measure_cells(fw, i));
                    row.extend([Value::Share(s.score), Value::Share(Some(s.coverage.share))]);
                    rows.push(row);
                }
            }
        }
    }
    Table {
        sheet: "Data",
        record: "item",
        columns: ITEM_COLUMNS,
        rows,
    }
}

/// The item's kind as the framework file writes it (`criterion`, `question`, ...).
fn kind(i: &ItemScore) -> Value<'static> {
    match serde_json::to_value(i.kind) {
        Ok(serde_json::Value::String(k)) => Value::Text(Cow::Owned(k)),
        _ => Value::Empty,
    }
}

fn status(e: &Entry, i: &ItemScore) -> &'static str {
    match i.status {
        _ if e.withheld.contains(&i.qualified_id) => "restricted",
        ItemStatus::Scored => "scored",
        ItemStatus::Reported => "reported",
        ItemStatus::NotApplicable => "not-applicable",
        ItemStatus::Unanswered => "unanswered",
    }
}

/// The rating claimed, the rating the evidence supports, whether the claim was capped, and the
/// score.
fn rating_cells(i: &ItemScore) -> [Value<'_>; 4] {
    fn level(l: &Option<crate::score::LevelRef>) -> Value<'_> {
        opt(l.as_ref().map(|l| l.id.as_str()))
    }
    [
        level(&i.claimed),
        level(&i.evidenced),
        if i.claimed.is_some() {
            Value::Flag(i.capped)
        } else {
            Value::Empty
        },
        Value::Share(i.score),
    ]
}

/// A measure's numerator, denominator, figure, baseline and target: shares for a rate, figures
/// for a number; empty for an item that is not a measure.
fn measure_cells<'a>(fw: Option<&'a Framework>, i: &'a ItemScore) -> [Value<'a>; 5] {
    let Some(m) = &i.metric else {
        return [
            Value::Empty,
            Value::Empty,
            Value::Empty,
            Value::Empty,
            Value::Empty,
        ];
    };
    let rate = fw
        .and_then(|f| f.item(&i.id))
        .and_then(|x| x.metric.as_ref())
        .is_some_and(|x| x.measure == Measure::Rate);
    let value = |v: Option<f64>| {
        if rate {
            Value::Share(v)
        } else {
            Value::Number(v)
        }
    };
    [
        Value::Number(m.numerator),
        Value::Number(m.denominator),
        value(m.figure),
        value(m.baseline),
        value(m.target),
    ]
}

/// One row per weak item and peer strong on it, every one the analysis found (the document
/// shows the first few).
fn peers<'a>(estate: &'a Estate, view: &'a CompareView) -> Table<'a> {
    let entries = covered(estate, view);
    let mut rows = Vec::new();
    for f in &view.frameworks {
        for p in &f.peers {
            let Some(e) = entries.iter().find(|e| e.id() == p.id) else {
                continue;
            };
            for peer in &p.peers {
                let mut row = establishment_cells(e);
                row.extend([
                    text(&f.id),
                    text(&f.title),
                    text(&p.section),
                    text(split_qualified(&p.item_id).map_or(p.item_id.as_str(), |(_, i)| i)),
                    text(&p.item),
                    text(&p.rating),
                    text(&peer.id),
                    text(&peer.name),
                    opt(peer.comparator_group.as_deref()),
                    Value::Flag(peer.same_group),
                    text(&peer.rating),
                    opt(peer.says.as_deref()),
                ]);
                rows.push(row);
            }
        }
    }
    Table {
        sheet: "Learning from peers",
        record: "peer",
        columns: PEER_COLUMNS,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_has_a_cell_for_each_column() {
        // The columns an establishment's rows begin with are the same in every table that has
        // them.
        for columns in [ITEM_COLUMNS, PEER_COLUMNS, NOT_SUBMITTED_COLUMNS] {
            assert_eq!(&columns[..6], &ESTABLISHMENT);
        }
        let (catalog, _) = Catalog::load(&[]);
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assessments");
        let estate = Estate::load(&root, &catalog).unwrap();
        let register = estate.register(None).unwrap();
        let filters = Filters::default();
        let view = crate::view::estate::build(
            &catalog,
            &estate,
            register.as_ref().map(|r| &r.1),
            &filters,
        )
        .unwrap();
        let data = data(&catalog, &estate, &view, &filters);
        for t in data.tables() {
            for row in &t.rows {
                assert_eq!(row.len(), t.columns.len(), "{}", t.sheet);
            }
        }
        assert!(data.items.rows.len() > 300 && !data.peers.rows.is_empty());
        assert_eq!(data.not_submitted.rows.len(), 2);
    }
}
