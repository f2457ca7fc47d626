//! The spread of grades: for each top-level section, how many establishments are at each of
//! the framework's grades; and how much of each framework the establishments answered.

use crate::estate::stats::Stats;
use crate::estate::versions::Scored;
use crate::model::framework::{Framework, Section};

/// How many establishments have each grade in one section.
pub struct GradeSpread<'a> {
    pub section: &'a Section,
    /// One count per band of the framework, lowest first.
    pub counts: Vec<usize>,
    /// Of those counted, how many grades are provisional (coverage below the minimum).
    pub provisional: usize,
    /// Establishments with no score in the section (nothing scoreable answered).
    pub ungraded: usize,
}

/// The grades of every top-level section among `scored`. A section nobody has a grade in (a
/// section of measures that are reported, not scored; a framework with no bands) is left out.
pub fn grade_spread<'a>(fw: &'a Framework, scored: &[Scored]) -> Vec<GradeSpread<'a>> {
    let bands = fw.scoring.bands.len();
    let mut out = Vec::new();
    for section in &fw.sections {
        let mut spread = GradeSpread {
            section,
            counts: vec![0; bands],
            provisional: 0,
            ungraded: 0,
        };
        for s in scored {
            let ss = s.score.sections.iter().find(|x| x.id == section.id.value);
            match ss.and_then(|x| x.score.and_then(|v| fw.band(v)).map(|b| (b, x))) {
                Some((band, x)) => {
                    spread.counts[band] += 1;
                    spread.provisional += usize::from(x.provisional);
                }
                None => spread.ungraded += 1,
            }
        }
        if spread.counts.iter().any(|n| *n > 0) {
            out.push(spread);
        }
    }
    out
}

/// How much of a framework the establishments answered.
pub struct CoverageSpread {
    /// Of the coverage shares, 0 to 1.
    pub stats: Stats,
    /// Establishments whose coverage is below the framework's minimum (their grades are
    /// provisional).
    pub below_minimum: usize,
}

pub fn coverage(scored: &[Scored]) -> CoverageSpread {
    let shares: Vec<f64> = scored.iter().map(|s| s.score.coverage.share).collect();
    CoverageSpread {
        stats: Stats::of(&shares),
        below_minimum: scored.iter().filter(|s| s.score.provisional).count(),
    }
}

#[cfg(test)]
mod tests {
    //! Bands: Low [0, 0.5), Fair [0.5, 0.75), High [0.75, 1]. Items on `five` score 0, 0.25,
    //! 0.5, 0.75 and 1 for l0 to l4. The framework has six items; five count in coverage (c3, a
    //! figure with no target, counts when given).

    use super::*;
    use crate::estate::fixture::{catalog, entry, framework, ratings};
    use crate::estate::versions::comparable;

    #[test]
    fn establishments_at_each_grade_by_section() {
        let fw = framework();
        let entries = [
            entry(
                "a",
                "A",
                None,
                2025,
                &ratings(&[("v1", "l4"), ("v2", "l3"), ("c1", "l0")]),
            ),
            entry(
                "b",
                "B",
                None,
                2025,
                &ratings(&[("v1", "l2"), ("c1", "l1"), ("l1", "l4")]),
            ),
            entry("c", "C", None, 2025, &ratings(&[("v1", "l0")])),
        ];
        let refs: Vec<_> = entries.iter().collect();
        let scored = comparable(&catalog(), &fw, &refs).scored;
        let spread = grade_spread(&fw, &scored);
        let counts: Vec<(&str, Vec<usize>, usize, usize)> = spread
            .iter()
            .map(|g| {
                (
                    g.section.id.as_str(),
                    g.counts.clone(),
                    g.provisional,
                    g.ungraded,
                )
            })
            .collect();
        // Visits: A (1 + 0.75) / 2 = 0.875 High; B 0.5 Fair; C 0 Low. Contact: A 0 Low, B 0.25
        // Low, C none. Learning: B 1 High; A and C none. A section's grade is provisional when
        // less than 80% of its own items are answered: visits for B and C (one of two),
        // contact for A and B (one of three).
        assert_eq!(
            counts,
            [
                ("visits", vec![1, 1, 1], 2, 0),
                ("contact", vec![2, 0, 0], 2, 1),
                ("learning", vec![0, 0, 1], 0, 2),
            ]
        );
    }

    #[test]
    fn coverage_across_the_estate() {
        let fw = framework();
        let all = ratings(&[("v1", "l4"), ("v2", "l3"), ("c1", "l0"), ("l1", "l0")]);
        let entries = [
            entry(
                "a",
                "A",
                None,
                2025,
                &format!("{all}  est/c2: {{ narrative: Yes. }}\n"),
            ),
            entry("b", "B", None, 2025, &all),
            entry("c", "C", None, 2025, &ratings(&[("v1", "l0")])),
        ];
        let refs: Vec<_> = entries.iter().collect();
        let c = coverage(&comparable(&catalog(), &fw, &refs).scored);
        // Of six items: A answers 5 (5/6 = 0.833), B 4 (0.667), C 1 (0.167). Below 80%: B, C.
        assert!(crate::model::float::same(
            c.stats.median.unwrap(),
            4.0 / 6.0
        ));
        assert_eq!(c.below_minimum, 2);
    }
}
