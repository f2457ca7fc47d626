//! Comparator groups side by side: how many establishments each holds, and each framework's
//! median score within it. A group too small to compare is marked, never ranked: with fewer
//! than `MIN_GROUP` establishments, one prison's self-assessment is most of the figure.

use std::collections::BTreeMap;

use crate::estate::Entry;
use crate::estate::stats::Stats;
use crate::estate::versions::Scored;

/// A comparator group with fewer establishments than this is too small to compare.
pub const MIN_GROUP: usize = 5;

/// One comparator group, and the spread of each framework's score within it.
#[derive(Debug, PartialEq)]
pub struct GroupSide<'a> {
    /// As the self-assessments write it; none for establishments that give none.
    pub name: Option<&'a str>,
    /// The year's establishments in the group.
    pub establishments: usize,
    /// Fewer than `MIN_GROUP`: its figures are not given.
    pub too_small: bool,
    /// For each framework given, in that order: the spread of the framework scores of the
    /// group's establishments that use it; only how many, when the group is too small or fewer
    /// than `MIN_GROUP` of it use the framework.
    pub frameworks: Vec<Stats>,
}

/// The comparator groups among `current` by name (those with none last), each with the
/// spread of its establishments' scores in each framework of `frameworks`.
pub fn side_by_side<'a>(current: &[&'a Entry], frameworks: &[&[Scored<'a>]]) -> Vec<GroupSide<'a>> {
    let group = |e: &'a Entry| e.assessment.establishment.comparator_group.as_deref();
    let mut sizes: BTreeMap<Option<String>, (Option<&'a str>, usize)> = BTreeMap::new();
    for e in current {
        let g = group(e);
        sizes.entry(g.map(str::to_lowercase)).or_insert((g, 0)).1 += 1;
    }
    let none = sizes.remove(&None);
    sizes
        .into_iter()
        .chain(none.map(|n| (None, n)))
        .map(|(key, (name, establishments))| {
            let too_small = establishments < MIN_GROUP;
            let frameworks = frameworks
                .iter()
                .map(|scored| {
                    let scores: Vec<f64> = scored
                        .iter()
                        .filter(|s| group(s.entry).map(str::to_lowercase) == key)
                        .filter_map(|s| s.score.score)
                        .collect();
                    // Too few to compare: how many, and no figure.
                    if too_small || scores.len() < MIN_GROUP {
                        Stats {
                            n: scores.len(),
                            ..Stats::of(&[])
                        }
                    } else {
                        Stats::of(&scores)
                    }
                })
                .collect();
            GroupSide {
                name,
                establishments,
                too_small,
                frameworks,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::estate::fixture::{catalog, entry, framework, ratings};
    use crate::estate::versions::comparable;

    #[test]
    fn groups_with_their_size_and_a_small_one_marked() {
        // Five in "open" (v1 at l0..l4: framework scores 0, 0.25, 0.5, 0.75, 1 over the one
        // section answered), two in "local", one with no group.
        let levels = ["l0", "l1", "l2", "l3", "l4"];
        let mut entries: Vec<Entry> = levels
            .iter()
            .enumerate()
            .map(|(i, l)| {
                entry(
                    &format!("o{i}"),
                    &format!("HMP O{i}"),
                    Some("open"),
                    2025,
                    &ratings(&[("v1", l), ("v2", l)]),
                )
            })
            .collect();
        for (i, l) in ["l0", "l4"].iter().enumerate() {
            entries.push(entry(
                &format!("l{i}"),
                &format!("HMP L{i}"),
                Some("local"),
                2025,
                &ratings(&[("v1", l)]),
            ));
        }
        entries.push(entry(
            "hmp-n",
            "HMP N",
            None,
            2025,
            &ratings(&[("v1", "l2")]),
        ));
        let current: Vec<&Entry> = entries.iter().collect();
        let fw = framework();
        let scored = comparable(&catalog(), &fw, &current).scored;
        let groups = side_by_side(&current, &[&scored]);
        let sizes: Vec<(Option<&str>, usize, bool)> = groups
            .iter()
            .map(|g| (g.name, g.establishments, g.too_small))
            .collect();
        assert_eq!(
            sizes,
            [
                (Some("local"), 2, true),
                (Some("open"), 5, false),
                (None, 1, true)
            ]
        );
        // The open group's median is the middle one's, 0.5; a group too small has no figures.
        assert_eq!(groups[1].frameworks[0].n, 5);
        assert_eq!(groups[1].frameworks[0].median, Some(0.5));
        assert_eq!(groups[0].frameworks[0].n, 2);
        assert_eq!(groups[0].frameworks[0].median, None);
    }
}
