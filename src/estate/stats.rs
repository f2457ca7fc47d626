//! The spread of scores: median, quartiles and range, for the estate and for each comparator
//! group, section by section.

use std::collections::BTreeSet;

use crate::estate::versions::Scored;
use crate::model::framework::{Framework, Section};

/// The value a share `q` (0 to 1) of the way through `sorted` (ascending), reading linearly
/// between neighbours: position q × (n − 1). This is the method of R's default and of Excel's
/// `PERCENTILE.INC`, so a national lead can check a figure with a spreadsheet. None for no
/// values.
pub fn quantile(sorted: &[f64], q: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let pos = q * (sorted.len() - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    Some(sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64))
}

/// Median, quartiles and range of some scores; all none when there are none.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stats {
    pub n: usize,
    pub median: Option<f64>,
    pub lowest: Option<f64>,
    pub highest: Option<f64>,
    pub lower_quartile: Option<f64>,
    pub upper_quartile: Option<f64>,
}

impl Stats {
    pub fn of(values: &[f64]) -> Stats {
        let mut v: Vec<f64> = values.to_vec();
        v.sort_by(f64::total_cmp);
        Stats {
            n: v.len(),
            median: quantile(&v, 0.5),
            lowest: v.first().copied(),
            highest: v.last().copied(),
            lower_quartile: quantile(&v, 0.25),
            upper_quartile: quantile(&v, 0.75),
        }
    }
}

/// The spread of one top-level section's scores.
pub struct SectionSpread<'a> {
    pub section: &'a Section,
    pub estate: Stats,
    /// Each comparator group's, by group name.
    pub groups: Vec<(String, Stats)>,
}

/// The spread of every top-level section's scores, across the estate and in each comparator
/// group. Establishments with no score for a section are left out of its figures.
pub fn spread<'a>(fw: &'a Framework, scored: &[Scored]) -> Vec<SectionSpread<'a>> {
    let groups: BTreeSet<&str> = scored
        .iter()
        .filter_map(|s| s.entry.assessment.establishment.comparator_group.as_deref())
        .collect();
    let scores = |section: &str, group: Option<&str>| -> Vec<f64> {
        scored
            .iter()
            .filter(|s| {
                group.is_none_or(|g| {
                    s.entry.assessment.establishment.comparator_group.as_deref() == Some(g)
                })
            })
            .filter_map(|s| s.section(section))
            .collect()
    };
    fw.sections
        .iter()
        .map(|section| SectionSpread {
            section,
            estate: Stats::of(&scores(&section.id, None)),
            groups: groups
                .iter()
                .map(|g| (g.to_string(), Stats::of(&scores(&section.id, Some(g)))))
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::estate::fixture::{entry, framework, ratings};
    use crate::estate::versions::comparable;

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| crate::model::float::same(a, b))
    }

    #[test]
    fn quantiles_read_between_neighbours() {
        let v = [0.2, 0.4, 0.6, 0.9];
        // Median: position 0.5 × 3 = 1.5, half way from 0.4 to 0.6 = 0.5.
        assert!(close(quantile(&v, 0.5), 0.5));
        // Lower quartile: position 0.75, 0.2 + 0.75 × (0.4 − 0.2) = 0.35.
        assert!(close(quantile(&v, 0.25), 0.35));
        // Upper quartile: position 2.25, 0.6 + 0.25 × (0.9 − 0.6) = 0.675.
        assert!(close(quantile(&v, 0.75), 0.675));
        // The ends are the lowest and highest.
        assert!(close(quantile(&v, 0.0), 0.2));
        assert!(close(quantile(&v, 1.0), 0.9));
        assert_eq!(quantile(&[], 0.5), None);
    }

    #[test]
    fn stats_sort_first() {
        // Sorted: 0.1, 0.3, 0.8. Median: position 1 = 0.3. Quartiles: positions 0.5 and 1.5,
        // (0.1 + 0.3) / 2 = 0.2 and (0.3 + 0.8) / 2 = 0.55.
        let s = Stats::of(&[0.8, 0.1, 0.3]);
        assert_eq!(s.n, 3);
        assert!(close(s.median, 0.3));
        assert!(close(s.lower_quartile, 0.2));
        assert!(close(s.upper_quartile, 0.55));
        assert!(close(s.lowest, 0.1));
        assert!(close(s.highest, 0.8));
        // One score is its own median, quartiles and range.
        let one = Stats::of(&[0.6]);
        assert!(close(one.lower_quartile, 0.6) && close(one.upper_quartile, 0.6));
        // No scores: nothing to state.
        let none = Stats::of(&[]);
        assert_eq!((none.n, none.median, none.lowest), (0, None, None));
    }

    #[test]
    fn spread_by_section_and_group() {
        let fw = framework();
        let entries = [
            entry(
                "hmp-a",
                "HMP A",
                Some("open"),
                2025,
                &ratings(&[("l1", "l4")]),
            ),
            entry(
                "hmp-b",
                "HMP B",
                Some("open"),
                2025,
                &ratings(&[("l1", "l2")]),
            ),
            entry(
                "hmp-c",
                "HMP C",
                Some("local"),
                2025,
                &ratings(&[("l1", "l1")]),
            ),
            entry("hmp-d", "HMP D", None, 2025, &ratings(&[("v1", "l0")])),
        ];
        let refs: Vec<_> = entries.iter().collect();
        let c = comparable(&crate::estate::fixture::catalog(), &fw, &refs);
        let spread = spread(&fw, &c.scored);
        let ids: Vec<&str> = spread.iter().map(|s| s.section.id.as_str()).collect();
        assert_eq!(ids, ["visits", "contact", "learning"]);
        // Learning: 1, 0.5 and 0.25 (HMP D has no score): median 0.5, range 0.25 to 1.
        let learning = &spread[2];
        assert_eq!(learning.estate.n, 3);
        assert!(close(learning.estate.median, 0.5));
        assert!(close(learning.estate.lowest, 0.25));
        // Groups by name; HMP D has none. local: 0.25. open: (1 + 0.5) / 2 = 0.75.
        let groups: Vec<(&str, usize)> = learning
            .groups
            .iter()
            .map(|(g, s)| (g.as_str(), s.n))
            .collect();
        assert_eq!(groups, [("local", 1), ("open", 2)]);
        assert!(close(learning.groups[1].1.median, 0.75));
        // Visits: HMP D alone, 0.
        assert_eq!(spread[0].estate.n, 1);
        assert!(close(spread[0].estate.median, 0.0));
        assert_eq!(spread[1].estate.median, None);
    }
}
