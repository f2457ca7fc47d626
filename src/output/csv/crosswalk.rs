//! `ties show --crosswalk A B --format csv`.

use super::row;
use crate::view::crosswalk::CrosswalkView;

/// The crosswalk as CSV: one row a link.
pub fn crosswalk(view: &CrosswalkView) -> String {
    let mut out = row(&[
        "first_item",
        "first_text",
        "link",
        "second_item",
        "second_text",
        "where_the_sources_connect_them",
    ]);
    for r in &view.rows {
        out.push_str(&row(&[
            r.first_item.as_str(),
            &r.first_text,
            &r.kind,
            &r.second_item,
            &r.second_text,
            r.source_ref.as_deref().unwrap_or(""),
        ]));
    }
    out
}
