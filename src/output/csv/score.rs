//! `ties score --format csv`.

use super::{boolean, number, row};
use crate::score::ItemStatus;
use crate::view::score::ScoreView;

/// An establishment's scores in long format: one row per framework, section and item.
pub fn score(view: &ScoreView) -> String {
    let mut out = row(&[
        "establishment",
        "year",
        "framework",
        "level",
        "section",
        "item",
        "status",
        "claimed",
        "evidenced",
        "score",
        "grade",
        "provisional",
        "coverage",
        "weight",
    ]);
    let est = view.establishment.id.as_str();
    let year = view.year.to_string();
    for fw in view.frameworks {
        out.push_str(&row(&[
            est,
            &year,
            &fw.id,
            "framework",
            "",
            "",
            "",
            "",
            "",
            &number(fw.score),
            fw.grade.as_deref().unwrap_or(""),
            boolean(fw.provisional),
            &number(Some(fw.coverage.share)),
            "",
        ]));
        for s in &fw.sections {
            out.push_str(&row(&[
                est,
                &year,
                &fw.id,
                "section",
                &s.id,
                "",
                "",
                "",
                "",
                &number(s.score),
                s.grade.as_deref().unwrap_or(""),
                boolean(s.provisional),
                &number(Some(s.coverage.share)),
                &number(Some(s.weight)),
            ]));
            for i in &s.items {
                let status = match i.status {
                    ItemStatus::Scored => "scored",
                    ItemStatus::Reported => "reported",
                    ItemStatus::NotApplicable => "not-applicable",
                    ItemStatus::Unanswered => "unanswered",
                };
                out.push_str(&row(&[
                    est,
                    &year,
                    &fw.id,
                    "item",
                    &s.id,
                    &i.id,
                    status,
                    i.claimed.as_ref().map_or("", |l| l.id.as_str()),
                    i.evidenced.as_ref().map_or("", |l| l.id.as_str()),
                    &number(i.score),
                    "",
                    "",
                    "",
                    &number(Some(i.weight)),
                ]));
            }
        }
    }
    out
}
