//! Two frameworks side by side by their crosswalk links, for `ties show --crosswalk A B`: each
//! item of the first with the items of the second it is linked to, and how.

use serde::Serialize;

use crate::model::catalog::Catalog;
use crate::model::framework::Framework;
use crate::model::ids;

#[derive(Serialize)]
pub struct CrosswalkView {
    pub first: FrameworkRef,
    pub second: FrameworkRef,
    pub rows: Vec<CrosswalkRow>,
    /// How many links say the items are the same practice, and how many that they are related.
    pub same_practice: usize,
    pub related: usize,
}

#[derive(Serialize)]
pub struct FrameworkRef {
    pub id: String,
    pub title: String,
    pub version: String,
}

/// One link: an item of the first framework, an item of the second, and what the link says.
#[derive(Serialize)]
pub struct CrosswalkRow {
    pub first_item: String,
    pub first_text: String,
    pub second_item: String,
    pub second_text: String,
    /// `same-practice` or `related`.
    pub kind: String,
    pub kind_label: String,
    /// Where the sources connect the two items.
    pub source_ref: Option<String>,
}

fn framework_ref(fw: &Framework) -> FrameworkRef {
    FrameworkRef {
        id: fw.id.value.clone(),
        title: fw.title.clone(),
        version: fw.version.value.clone(),
    }
}

/// Every link between the items of `first` and those of `second`, whichever item writes it, in
/// the order of the first framework's items, then the second's.
pub fn crosswalk(catalog: &Catalog, first: &Framework, second: &Framework) -> CrosswalkView {
    let second_items = second.items();
    let order = |q: &str| {
        second_items
            .iter()
            .position(|i| ids::qualified(&second.id.value, &i.id.value) == q)
            .unwrap_or(usize::MAX)
    };
    let prefix = format!("{}/", second.id.value);
    let into = catalog.link_index();
    let mut rows = Vec::new();
    for item in first.items() {
        let here = ids::qualified(&first.id.value, &item.id.value);
        let mut links: Vec<_> = into
            .of(catalog, &here)
            .into_iter()
            .filter(|(other, _)| other.starts_with(&prefix))
            .collect();
        links.sort_by_key(|(other, _)| order(other));
        for (other, link) in links {
            rows.push(CrosswalkRow {
                first_item: here.clone(),
                first_text: item.text.clone(),
                second_text: catalog
                    .find(&other)
                    .map_or_else(String::new, |f| f.item.text.clone()),
                second_item: other,
                kind: link.kind.id().to_string(),
                kind_label: link.kind.label().to_string(),
                source_ref: link.source_ref.clone(),
            });
        }
    }
    let same_practice = rows.iter().filter(|r| r.kind == "same-practice").count();
    CrosswalkView {
        first: framework_ref(first),
        second: framework_ref(second),
        related: rows.len() - same_practice,
        same_practice,
        rows,
    }
}
