//! An establishment's strengths and priorities at a glance, for the first page of its report:
//! the items it scores highest that name a strength, and those it scores lowest that name
//! something to improve.

use crate::model::assessment::Assessment;
use crate::model::catalog::Catalog;
use crate::model::framework::ItemKind;
use crate::score::{ItemStatus, Scorecard};

/// The most strengths shown, and the most priorities: enough for a first page.
pub const MAX_HIGHLIGHTS: usize = 5;

/// An item and the first point written about it.
#[derive(Debug, PartialEq)]
pub struct Highlight<'a> {
    /// The item's text, as its framework words it.
    pub item: &'a str,
    /// The first strength, or the first thing to improve, written about it.
    pub point: &'a str,
    pub score: f64,
}

#[derive(Debug, Default, PartialEq)]
pub struct Highlights<'a> {
    /// The highest scores first; items of equal score in the order the frameworks list them.
    pub strengths: Vec<Highlight<'a>>,
    /// The lowest scores first; likewise.
    pub priorities: Vec<Highlight<'a>>,
}

/// The strengths and priorities of `a`. Only scored items with an answer count (not those not
/// applicable or unanswered, nor the family measures); in the public version (`public`), an
/// item whose answer is restricted is left out.
pub fn highlights<'a>(
    catalog: &'a Catalog,
    a: &'a Assessment,
    card: &'a Scorecard,
    public: bool,
) -> Highlights<'a> {
    let mut out = Highlights::default();
    for fs in &card.frameworks {
        let Some(fw) = catalog.get_version(&fs.id, &fs.version) else {
            continue;
        };
        for is in fs.sections.iter().flat_map(|s| s.items.iter()) {
            if is.kind == ItemKind::Metric {
                continue;
            }
            let (Some(item), Some(r), Some(score)) =
                (fw.item(&is.id), a.responses.get(&is.qualified_id), is.score)
            else {
                continue;
            };
            if (r.restricted && public)
                || matches!(
                    is.status,
                    ItemStatus::NotApplicable | ItemStatus::Unanswered
                )
            {
                continue;
            }
            if let Some(point) = r.strengths.first() {
                out.strengths.push(Highlight {
                    item: &item.text,
                    point,
                    score,
                });
            }
            if let Some(point) = r.development.first() {
                out.priorities.push(Highlight {
                    item: &item.text,
                    point,
                    score,
                });
            }
        }
    }
    // Stable sorts: equal scores keep the frameworks' order.
    out.strengths.sort_by(|x, y| y.score.total_cmp(&x.score));
    out.priorities.sort_by(|x, y| x.score.total_cmp(&y.score));
    out.strengths.truncate(MAX_HIGHLIGHTS);
    out.priorities.truncate(MAX_HIGHLIGHTS);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::source::SourceFile;
    use crate::estate::fixture::catalog;
    use crate::validate;

    /// Items on `five` score 0, 0.25, 0.5, 0.75 and 1 for l0 to l4.
    fn assessed(responses: &str) -> (Assessment, Scorecard) {
        let text = format!(
            "ties: 1\nestablishment: {{ id: hmp-a, name: HMP A, nation: england-wales }}\n\
             year: 2025\nframeworks: [est]\nresponses:\n{responses}"
        );
        let file = SourceFile::new("hmp-a/2025.yaml", text);
        let (a, diags) = validate::assessment::check_file(&file, &catalog(), None);
        let a = a.unwrap_or_else(|| panic!("{diags:?}"));
        let card = crate::score::score(&a, &catalog());
        (a, card)
    }

    #[test]
    fn strengths_are_the_highest_scores_and_priorities_the_lowest() {
        let (a, card) = assessed(
            "  est/v1: { rating: l4, strengths: [Always on time], development: [Signs] }\n\
             \x20 est/v2: { rating: l1, development: [Too cold, Too small] }\n\
             \x20 est/c1: { rating: l3, strengths: [Cheap calls] }\n\
             \x20 est/l1: { not_applicable: No learning here, strengths: [x] }\n",
        );
        let catalog = catalog();
        let h = highlights(&catalog, &a, &card, true);
        let shown = |list: &[Highlight]| -> Vec<(String, String)> {
            list.iter()
                .map(|h| (h.item.to_string(), h.point.to_string()))
                .collect()
        };
        // v1 (1.0) before c1 (0.75); l1 is not applicable, so never shown.
        assert_eq!(
            shown(&h.strengths),
            [
                ("Visits start on time.".into(), "Always on time".into()),
                ("Calls are affordable.".into(), "Cheap calls".into()),
            ]
        );
        // v2 (0.25) before v1 (1.0); only the first point of each.
        assert_eq!(
            shown(&h.priorities),
            [
                ("The centre welcomes families.".into(), "Too cold".into()),
                ("Visits start on time.".into(), "Signs".into()),
            ]
        );
    }

    #[test]
    fn a_restricted_answer_is_left_out_of_the_public_version_only() {
        let (a, card) = assessed(
            "  est/v1: { rating: l4, strengths: [Named officer], restricted: true }\n\
             \x20 est/c1: { rating: l2, strengths: [Cheap calls] }\n",
        );
        let catalog = catalog();
        let public = highlights(&catalog, &a, &card, true);
        assert_eq!(public.strengths.len(), 1);
        assert_eq!(public.strengths[0].point, "Cheap calls");
        let inspector = highlights(&catalog, &a, &card, false);
        assert_eq!(inspector.strengths[0].point, "Named officer");
    }

    #[test]
    fn at_most_five_of_each_and_equal_scores_keep_their_order() {
        let (a, card) = assessed(
            "  est/v1: { rating: l2, strengths: [one] }\n\
             \x20 est/v2: { rating: l2, strengths: [two] }\n\
             \x20 est/c1: { rating: l2, strengths: [three] }\n\
             \x20 est/l1: { rating: l2, strengths: [four] }\n",
        );
        let catalog = catalog();
        let h = highlights(&catalog, &a, &card, true);
        let points: Vec<&str> = h.strengths.iter().map(|h| h.point).collect();
        assert_eq!(points, ["one", "two", "three", "four"]);
        assert!(MAX_HIGHLIGHTS >= points.len());
    }
}
