//! The measures across the estate (Farmer recommendation 5: rates that let a prison be compared
//! with similar prisons): each establishment's figure with its numerator and denominator, the
//! median and quartiles for the estate and for each comparator group, and the establishments
//! far from their group. Figures, never progress towards an establishment's own target.

use std::collections::BTreeSet;

use crate::estate::Entry;
use crate::estate::stats::Stats;
use crate::estate::versions::Scored;
use crate::model::framework::{Framework, Item, ItemKind, Measure, Section};
use crate::model::ids;

/// A figure is far from its group when it lies further than this many interquartile ranges
/// below the group's lower quartile or above its upper quartile (Tukey's fences, the usual rule
/// for values that stand out of a spread).
pub const FAR_IQR_MULTIPLE: f64 = 1.5;

/// Quartiles say little about fewer figures than this: a smaller group has no one far from it.
pub const MIN_GROUP_FOR_FAR: usize = 5;

/// One measure across the estate.
pub struct MeasureAcross<'a> {
    pub item: &'a Item,
    pub section: &'a Section,
    pub qualified_id: String,
    /// A rate (a share from 0 to 1), rather than a number.
    pub rate: bool,
    /// Each establishment that gave the figure, in the order given.
    pub figures: Vec<Figure<'a>>,
    pub estate: Stats,
    /// Each comparator group's, by group name.
    pub groups: Vec<(String, Stats)>,
    /// Establishments far from their group, in the order given.
    pub far: Vec<Far<'a>>,
}

/// One establishment's figure for a measure.
pub struct Figure<'a> {
    pub entry: &'a Entry,
    pub value: f64,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
}

impl Figure<'_> {
    pub fn group(&self) -> Option<&str> {
        self.entry
            .assessment
            .establishment
            .comparator_group
            .as_deref()
    }
}

/// A figure outside its group's fences.
pub struct Far<'a> {
    pub entry: &'a Entry,
    pub value: f64,
    pub group: String,
    /// Above the upper fence, rather than below the lower one.
    pub above: bool,
    /// The fence crossed: the lower quartile less, or the upper quartile plus, the multiple of
    /// the interquartile range.
    pub fence: f64,
}

/// Every measure (item of kind metric) of `fw`, in framework order, among `scored`. An
/// establishment counts for a measure when it gave the figure; a withheld (restricted) figure
/// is not in the estate at all.
pub fn measures<'a>(fw: &'a Framework, scored: &[Scored<'a>]) -> Vec<MeasureAcross<'a>> {
    let mut out = Vec::new();
    for (_, section) in fw.all_sections() {
        for item in section.items.iter().filter(|i| *i.kind == ItemKind::Metric) {
            let qualified_id = ids::qualified(&fw.id.value, &item.id.value);
            let figures: Vec<Figure> = scored
                .iter()
                .filter_map(|s| {
                    let m = s.item(&qualified_id)?.metric.as_ref()?;
                    Some(Figure {
                        entry: s.entry,
                        value: m.figure?,
                        numerator: m.numerator,
                        denominator: m.denominator,
                        baseline: m.baseline,
                        target: m.target,
                    })
                })
                .collect();
            let values: Vec<f64> = figures.iter().map(|f| f.value).collect();
            let names: BTreeSet<&str> = figures.iter().filter_map(Figure::group).collect();
            let groups: Vec<(String, Stats)> = names
                .into_iter()
                .map(|g| (g.to_string(), Stats::of(&in_group(&figures, g))))
                .collect();
            let far = far_from_group(&figures, &groups);
            out.push(MeasureAcross {
                item,
                section,
                qualified_id,
                rate: item.metric.as_ref().map(|m| m.measure) == Some(Measure::Rate),
                estate: Stats::of(&values),
                groups,
                far,
                figures,
            });
        }
    }
    out
}

fn in_group(figures: &[Figure], group: &str) -> Vec<f64> {
    figures
        .iter()
        .filter(|f| f.group() == Some(group))
        .map(|f| f.value)
        .collect()
}

/// The figures outside their group's fences, for groups of at least `MIN_GROUP_FOR_FAR`.
fn far_from_group<'a>(figures: &[Figure<'a>], groups: &[(String, Stats)]) -> Vec<Far<'a>> {
    let mut out = Vec::new();
    for f in figures {
        let Some((group, stats)) = groups.iter().find(|(g, _)| Some(g.as_str()) == f.group())
        else {
            continue;
        };
        let Some((low, high)) = fences(stats) else {
            continue;
        };
        if f.value < low || f.value > high {
            out.push(Far {
                entry: f.entry,
                value: f.value,
                group: group.clone(),
                above: f.value > high,
                fence: if f.value > high { high } else { low },
            });
        }
    }
    out
}

/// The lower and upper fences of a group's figures: none for a group too small to judge.
pub fn fences(stats: &Stats) -> Option<(f64, f64)> {
    if stats.n < MIN_GROUP_FOR_FAR {
        return None;
    }
    let (q1, q3) = (stats.lower_quartile?, stats.upper_quartile?);
    let margin = FAR_IQR_MULTIPLE * (q3 - q1);
    Some((q1 - margin, q3 + margin))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::estate::fixture::{catalog, entry, framework};
    use crate::estate::versions::comparable;

    use crate::model::float::same as close;

    #[test]
    fn fences_are_a_multiple_of_the_interquartile_range_beyond_the_quartiles() {
        // 0.40, 0.42, 0.44, 0.46, 0.48, 0.90: quartiles at positions 1.25 and 3.75,
        // 0.42 + 0.25 × 0.02 = 0.425 and 0.46 + 0.75 × 0.02 = 0.475; the range between them is
        // 0.05, so the fences are 0.425 − 0.075 = 0.35 and 0.475 + 0.075 = 0.55.
        let s = Stats::of(&[0.40, 0.42, 0.44, 0.46, 0.48, 0.90]);
        let (low, high) = fences(&s).unwrap();
        assert!(close(low, 0.35) && close(high, 0.55), "{low} {high}");
        // Four figures are too few to judge.
        assert_eq!(fences(&Stats::of(&[0.1, 0.2, 0.3, 0.9])), None);
    }

    /// An establishment of `group` whose measure c3 (a number) is `value`; `None` gives no
    /// figure, and a restricted figure is withheld from the estate.
    fn with(id: &str, group: &str, value: Option<&str>) -> Entry {
        let body = match value {
            Some(v) => format!("metrics:\n  est/c3: {v}\n"),
            None => String::new(),
        };
        entry(id, &id.to_uppercase(), Some(group), 2025, &body)
    }

    #[test]
    fn figures_by_group_and_the_far_ones() {
        let fw = framework();
        let mut entries: Vec<Entry> = [40, 42, 44, 46, 48, 90]
            .iter()
            .enumerate()
            .map(|(i, v)| with(&format!("o{i}"), "open", Some(&format!("{{ value: {v} }}"))))
            .collect();
        entries.push(with("l0", "local", Some("{ value: 5 }")));
        entries.push(with("l1", "local", None));
        entries.push(with(
            "l2",
            "local",
            Some("{ value: 1000, restricted: true }"),
        ));
        let refs: Vec<&Entry> = entries.iter().collect();
        let scored = comparable(&catalog(), &fw, &refs).scored;
        let all = measures(&fw, &scored);
        assert_eq!(all.len(), 1);
        let m = &all[0];
        assert_eq!(m.qualified_id, "est/c3");
        assert!(!m.rate);
        // Seven figures: none from l1, and l2's is restricted.
        assert_eq!(m.figures.len(), 7);
        assert_eq!(m.estate.n, 7);
        // Sorted 5, 40, 42, 44, 46, 48, 90: the median is the fourth, 44.
        assert!(close(m.estate.median.unwrap(), 44.0));
        let groups: Vec<(&str, usize)> = m.groups.iter().map(|(g, s)| (g.as_str(), s.n)).collect();
        assert_eq!(groups, [("local", 1), ("open", 6)]);
        // Open's fences are 35 and 55 (the arithmetic above, in whole numbers): 90 is far above.
        // The local group has one figure, too few to judge.
        let far: Vec<(&str, bool, f64)> = m
            .far
            .iter()
            .map(|f| (f.entry.id(), f.above, f.fence))
            .collect();
        assert_eq!(far.len(), 1);
        assert_eq!(far[0].0, "o5");
        assert!(far[0].1 && close(far[0].2, 55.0));
    }
}
