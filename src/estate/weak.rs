//! Common weaknesses: items that more than half the establishments answering them rate low or
//! leave unanswered.

use crate::estate::versions::Scored;
use crate::model::framework::{Framework, Item, ItemKind, Section};
use crate::model::ids;
use crate::score::ItemStatus;

/// An item scored below this is rated low: below half way up its scale.
pub const WEAK_SCORE: f64 = 0.5;

/// An item is a common weakness only when at least this many establishments count for it: one
/// establishment's low rating says something about it, not about the estate.
pub const MIN_ESTABLISHMENTS: usize = 2;

/// The most common weaknesses listed, the most widespread first: enough to show a pattern,
/// few enough to act on.
pub const MAX_WEAK_ITEMS: usize = 15;

/// An item rated low or unanswered by more than half the establishments it counts for.
pub struct WeakItem<'a> {
    pub item: &'a Item,
    /// The section the item is in (a sub-section where it is in one).
    pub section: &'a Section,
    pub qualified_id: String,
    /// Establishments that rated it low.
    pub low: usize,
    pub unanswered: usize,
    /// Establishments it counts for: those that answered it or left it unanswered. Not
    /// applicable, and a measure reported with no target, do not count.
    pub of: usize,
}

/// The framework's common weaknesses among `scored`, the most widespread first (then by id),
/// at most `MAX_WEAK_ITEMS`.
pub fn weak_items<'a>(fw: &'a Framework, scored: &[Scored]) -> Vec<WeakItem<'a>> {
    let mut weak = Vec::new();
    for (_, section) in fw.all_sections() {
        for item in &section.items {
            let qualified_id = ids::qualified(&fw.id.value, &item.id.value);
            let (mut low, mut unanswered, mut of) = (0, 0, 0);
            for is in scored.iter().filter_map(|s| s.item(&qualified_id)) {
                match is.status {
                    ItemStatus::NotApplicable => continue,
                    ItemStatus::Unanswered => unanswered += 1,
                    ItemStatus::Scored if is.score.is_some_and(|v| v < WEAK_SCORE) => low += 1,
                    ItemStatus::Reported if is.kind == ItemKind::Metric => continue,
                    _ => {}
                }
                of += 1;
            }
            if of >= MIN_ESTABLISHMENTS && (low + unanswered) * 2 > of {
                weak.push(WeakItem {
                    item,
                    section,
                    qualified_id,
                    low,
                    unanswered,
                    of,
                });
            }
        }
    }
    most_widespread(weak)
}

/// The most widespread weaknesses first (most establishments rating low or not answering),
/// then by id; at most `MAX_WEAK_ITEMS`.
fn most_widespread(mut weak: Vec<WeakItem>) -> Vec<WeakItem> {
    weak.sort_by(|a, b| {
        (b.low + b.unanswered)
            .cmp(&(a.low + a.unanswered))
            .then(a.qualified_id.cmp(&b.qualified_id))
    });
    weak.truncate(MAX_WEAK_ITEMS);
    weak
}

#[cfg(test)]
mod tests {
    //! Items on `five` score 0, 0.25, 0.5, 0.75 and 1 for l0 to l4: l0 and l1 are low (below
    //! 0.5); l2, exactly half way, is not.

    use super::*;
    use crate::estate::fixture::{catalog, entry, framework, ratings};
    use crate::estate::versions::comparable;

    fn weak_of(bodies: &[String]) -> Vec<(String, usize, usize, usize)> {
        let fw = framework();
        let entries: Vec<_> = bodies
            .iter()
            .enumerate()
            .map(|(i, b)| entry(&format!("hmp-{i}"), &format!("HMP {i}"), None, 2025, b))
            .collect();
        let refs: Vec<_> = entries.iter().collect();
        let c = comparable(&catalog(), &fw, &refs);
        weak_items(&fw, &c.scored)
            .into_iter()
            .map(|w| (w.qualified_id, w.low, w.unanswered, w.of))
            .collect()
    }

    #[test]
    fn more_than_half_low_or_unanswered() {
        let na = "  est/v2: { not_applicable: No visitor centre. }\n";
        let figure = "metrics:\n  est/c3: { value: 5 }\n";
        let weak = weak_of(&[
            format!(
                "{}{na}{figure}",
                ratings(&[("v1", "l1"), ("c1", "l2"), ("l1", "l0")])
            ),
            format!(
                "{}{figure}",
                ratings(&[("v1", "l4"), ("v2", "l0"), ("c1", "l4"), ("l1", "l4")])
            ),
            format!(
                "{}{figure}",
                ratings(&[("v1", "l0"), ("v2", "l1"), ("c1", "l1"), ("l1", "l4")])
            ),
        ]);
        // v1: l1 and l0 low, l4 not: 2 of 3, and 2 × 2 = 4 > 3: weak.
        // v2: not applicable for HMP 0, so 2 low of 2: weak.
        // c1: l2 (exactly half way, not low), l4, l1: 1 of 3: not weak.
        // c2, a question, unanswered by all 3: weak.
        // c3, a figure with no target, is reported, not scored: it counts for no one.
        // l1: l0, l4, l4: 1 of 3: not weak.
        // Most widespread first, then by id: c2 (3), v1 and v2 (2).
        assert_eq!(
            weak,
            [
                ("est/c2".to_string(), 0, 3, 3),
                ("est/v1".to_string(), 2, 0, 3),
                ("est/v2".to_string(), 2, 0, 2),
            ]
        );
    }

    #[test]
    fn half_is_not_more_than_half_and_one_is_not_enough() {
        let answers = "  est/c2: { narrative: A newsletter. }\nmetrics:\n  est/c3: { value: 12 }\n";
        let weak = weak_of(&[
            format!(
                "{}{answers}",
                ratings(&[("v1", "l0"), ("v2", "l4"), ("c1", "l4")])
            ),
            format!(
                "{}{answers}",
                ratings(&[("v1", "l4"), ("v2", "l4"), ("c1", "l4")])
            ),
        ]);
        // v1: 1 low of 2, and 1 × 2 = 2 is not more than 2: not weak. c2 is answered in words
        // (counts, not low); c3 is reported without a target (does not count at all).
        // l1: unanswered by both: 2 of 2: weak.
        assert_eq!(weak, [("est/l1".to_string(), 0, 2, 2)]);
        // One establishment alone never makes a common weakness, whatever it answers.
        assert!(weak_of(&[ratings(&[])]).is_empty());
    }

    #[test]
    fn the_most_widespread_first_and_at_most_the_limit() {
        let fw = framework();
        let (section, item) = (&fw.sections[0], &fw.sections[0].items[0]);
        // 20 weak items: item k is low for k % 5 establishments and unanswered by 1.
        let weak: Vec<WeakItem> = (0..20)
            .map(|k| WeakItem {
                item,
                section,
                qualified_id: format!("est/x{k:02}"),
                low: k % 5,
                unanswered: 1,
                of: 10,
            })
            .collect();
        let listed: Vec<(String, usize)> = most_widespread(weak)
            .into_iter()
            .map(|w| (w.qualified_id, w.low + w.unanswered))
            .collect();
        // Item k counts k % 5 + 1. 15 of 20: the four with 5 (x04, x09, x14, x19), the four
        // with 4, the four with 3, then three of the four with 2 (x01, x06, x11; not x16).
        assert_eq!(listed.len(), MAX_WEAK_ITEMS);
        assert_eq!(listed[0], ("est/x04".to_string(), 5));
        assert_eq!(listed[3], ("est/x19".to_string(), 5));
        assert_eq!(listed[4], ("est/x03".to_string(), 4));
        assert_eq!(listed[14], ("est/x11".to_string(), 2));
    }
}
