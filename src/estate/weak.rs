//! Common weaknesses: items that more than half the establishments answering them rate low or
//! leave unanswered.

use crate::estate::versions::Scored;
use crate::model::framework::{Framework, Item, Section};
use crate::model::ids;
use crate::score::{ItemScore, ItemStatus};

/// An item scored below this is rated low: below half way up its scale.
pub const WEAK_SCORE: f64 = 0.5;

/// An item is a common weakness only when at least this many establishments count for it: one
/// establishment's low rating says something about it, not about the estate.
pub const MIN_ESTABLISHMENTS: usize = 2;

/// The most common weaknesses listed, the most widespread first: enough to show a pattern,
/// few enough to act on.
pub const MAX_WEAK_ITEMS: usize = 15;

/// The estate at a glance lists this many of the items most often weak, across frameworks.
pub const AT_A_GLANCE: usize = 5;

/// Whether an item is weak at an establishment: rated below `WEAK_SCORE` (as the evidence
/// supports it), or left unanswered. An item not applicable, or answered in words, is not.
pub fn is_weak(item: &ItemScore) -> bool {
    match item.status {
        ItemStatus::Unanswered => true,
        ItemStatus::Scored => item.score.is_some_and(|v| v < WEAK_SCORE),
        ItemStatus::Reported | ItemStatus::NotApplicable => false,
    }
}

/// An item rated low or unanswered by more than half the establishments it counts for.
pub struct WeakItem<'a> {
    pub item: &'a Item,
    /// The section the item is in (a sub-section where it is in one).
    pub section: &'a Section,
    pub qualified_id: String,
    /// Establishments that rated it low.
    pub low: usize,
    pub unanswered: usize,
    /// Establishments it counts for: those that answered it or left it unanswered (a measure
    /// whose figure is given counts as answered, never as low). Not applicable does not count.
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
                    _ if is_weak(is) => low += 1,
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

impl WeakItem<'_> {
    /// The share of the establishments it counts for that rate it low or leave it unanswered.
    pub fn share(&self) -> f64 {
        (self.low + self.unanswered) as f64 / self.of.max(1) as f64
    }
}

/// The items most often weak across several frameworks' lists, at most `AT_A_GLANCE`: by the
/// share of establishments that rate them low or leave them unanswered (frameworks are used by
/// different numbers of establishments), then by how many, then by id.
pub fn most_often_weak<'w, 'a>(lists: &[&'w [WeakItem<'a>]]) -> Vec<&'w WeakItem<'a>> {
    let mut all: Vec<&WeakItem> = lists.iter().flat_map(|l| l.iter()).collect();
    all.sort_by(|a, b| {
        b.share()
            .total_cmp(&a.share())
            .then((b.low + b.unanswered).cmp(&(a.low + a.unanswered)))
            .then(a.qualified_id.cmp(&b.qualified_id))
    });
    all.truncate(AT_A_GLANCE);
    all
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
        // c3, a figure with no target, is given by all 3: answered, never low, so not weak.
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
    fn a_measure_is_weak_only_when_most_leave_it_unanswered() {
        let figure = "metrics:\n  est/c3: { value: 5 }\n";
        // Two of three give c3's figure: 1 unanswered of 3, not weak.
        let weak = weak_of(&[ratings(&[]) + figure, ratings(&[]) + figure, ratings(&[])]);
        assert!(weak.iter().all(|w| w.0 != "est/c3"), "{weak:?}");
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
        // and c3 with its figure (each counts, neither is low).
        // l1: unanswered by both: 2 of 2: weak.
        assert_eq!(weak, [("est/l1".to_string(), 0, 2, 2)]);
        // One establishment alone never makes a common weakness, whatever it answers.
        assert!(weak_of(&[ratings(&[])]).is_empty());
    }

    #[test]
    fn most_often_weak_across_frameworks_by_share() {
        let fw = framework();
        let (section, item) = (&fw.sections[0], &fw.sections[0].items[0]);
        let weak = |id: &str, low, unanswered, of| WeakItem {
            item,
            section,
            qualified_id: id.to_string(),
            low,
            unanswered,
            of,
        };
        // 90 of 120 is 0.75; 20 of 25 is 0.8; 3 of 4 is 0.75 too, but fewer establishments.
        let big = [weak("a/x", 60, 30, 120), weak("a/y", 70, 0, 120)];
        let small = [weak("b/x", 20, 0, 25), weak("b/y", 3, 0, 4)];
        let listed: Vec<&str> = most_often_weak(&[&big, &small])
            .iter()
            .map(|w| w.qualified_id.as_str())
            .collect();
        // 0.8, then 0.75 (90 establishments before 3), then 70 of 120 = 0.583.
        assert_eq!(listed, ["b/x", "a/x", "b/y", "a/y"]);
        let many: Vec<WeakItem> = (0..9).map(|k| weak(&format!("c/{k}"), 3, 0, 4)).collect();
        assert_eq!(most_often_weak(&[&many]).len(), AT_A_GLANCE);
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
