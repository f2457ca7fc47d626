//! `ties trend --format csv`.

use super::{boolean, number, row};
use crate::view::trend::TrendView;

/// One establishment over the years: a row per framework (no section) and section a year.
pub fn trend(view: &TrendView) -> String {
    let mut out = row(&[
        "establishment",
        "year",
        "framework",
        "section",
        "score",
        "grade",
        "provisional",
        "coverage",
    ]);
    for f in &view.frameworks {
        for c in &f.overall {
            out.push_str(&row(&[
                view.id.as_str(),
                &c.year.to_string(),
                &f.id,
                "",
                &number(c.score),
                c.grade.as_deref().unwrap_or(""),
                boolean(c.provisional),
                &number(c.coverage),
            ]));
        }
        for s in &f.sections {
            for c in &s.cells {
                out.push_str(&row(&[
                    view.id.as_str(),
                    &c.year.to_string(),
                    &f.id,
                    &s.id,
                    &number(c.score),
                    c.grade.as_deref().unwrap_or(""),
                    boolean(c.provisional),
                    &number(c.coverage),
                ]));
            }
        }
    }
    out
}
