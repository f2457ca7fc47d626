//! Movement since last year: which establishments' section scores rose or fell, the largest
//! changes first.

use crate::estate::change::{Move, moved};
use crate::estate::versions::Scored;
use crate::model::framework::Section;

/// The most improvements listed, and the most declines: the largest five of each point to
/// where to ask what changed, without listing every small change.
pub const MAX_MOVEMENTS: usize = 5;

/// One establishment's section score, last year and this.
pub struct Change<'a> {
    /// The establishment's name.
    pub establishment: &'a str,
    pub section: &'a Section,
    pub before: f64,
    pub after: f64,
    /// The change in percentage points, rounded as the report shows scores: never 0.
    pub points: i64,
}

pub struct Movement<'a> {
    /// The largest rises first.
    pub improved: Vec<Change<'a>>,
    /// The largest falls first.
    pub declined: Vec<Change<'a>>,
}

/// The change in each top-level section of each establishment scored both years. An
/// establishment is matched with last year's by its id; a section without a score in either
/// year, or whose score has not moved (`change::moved`), is left out.
pub fn changes<'a>(
    sections: &'a [Section],
    now: &[Scored<'a>],
    before: &[Scored],
) -> Vec<Change<'a>> {
    let mut out = Vec::new();
    for s in now {
        let Some(last) = before.iter().find(|p| p.entry.id() == s.entry.id()) else {
            continue;
        };
        for section in sections {
            let (Some(b), Some(a)) = (last.section(&section.id), s.section(&section.id)) else {
                continue;
            };
            let points = match moved(b, a) {
                Move::Up(p) => p,
                Move::Down(p) => -p,
                Move::Same => 0,
            };
            if points != 0 {
                out.push(Change {
                    establishment: &s.entry.assessment.establishment.name,
                    section,
                    before: b,
                    after: a,
                    points,
                });
            }
        }
    }
    out
}

/// Rises and falls apart, the largest first, then by establishment and section; at most
/// `MAX_MOVEMENTS` of each.
pub fn movement(changes: Vec<Change>) -> Movement {
    let (mut improved, mut declined): (Vec<Change>, Vec<Change>) =
        changes.into_iter().partition(|c| c.points > 0);
    let by_name = |a: &Change, b: &Change| {
        crate::estate::names::by_name((a.establishment, ""), (b.establishment, ""))
            .then(a.section.short().cmp(b.section.short()))
    };
    improved.sort_by(|a, b| b.points.cmp(&a.points).then(by_name(a, b)));
    declined.sort_by(|a, b| a.points.cmp(&b.points).then(by_name(a, b)));
    improved.truncate(MAX_MOVEMENTS);
    declined.truncate(MAX_MOVEMENTS);
    Movement { improved, declined }
}

#[cfg(test)]
mod tests {
    //! Items on `five` score 0, 0.25, 0.5, 0.75 and 1 for l0 to l4.

    use super::*;
    use crate::estate::fixture::{catalog, entry, framework, ratings};
    use crate::estate::versions::comparable;

    #[test]
    fn changes_match_establishments_by_id() {
        let fw = framework();
        let a24 = entry(
            "hmp-a",
            "HMP A",
            None,
            2024,
            &ratings(&[("v1", "l1"), ("l1", "l2")]),
        );
        let a25 = entry(
            "hmp-a",
            "HMP A",
            None,
            2025,
            &ratings(&[("v1", "l3"), ("l1", "l2")]),
        );
        let b24 = entry("hmp-b", "HMP B", None, 2024, &ratings(&[("c1", "l4")]));
        let b25 = entry(
            "hmp-b",
            "HMP B",
            None,
            2025,
            &ratings(&[("c1", "l0"), ("v1", "l4")]),
        );
        let c25 = entry("hmp-c", "HMP C", None, 2025, &ratings(&[("c1", "l4")]));
        let now = comparable(&catalog(), &fw, &[&a25, &b25, &c25]).scored;
        let before = comparable(&catalog(), &fw, &[&a24, &b24]).scored;
        let found: Vec<(&str, &str, i64)> = changes(&fw.sections, &now, &before)
            .iter()
            .map(|c| (c.establishment, c.section.id.as_str(), c.points))
            .collect();
        // HMP A visits: 0.25 to 0.75, up 50 points; learning 0.5 both years: left out.
        // HMP B contact: 1 to 0, down 100; visits has no score last year: left out.
        // HMP C has no self-assessment last year.
        assert_eq!(found, [("HMP A", "visits", 50), ("HMP B", "contact", -100)]);
    }

    #[test]
    fn largest_first_and_at_most_the_limit() {
        let fw = framework();
        let (visits, learning) = (&fw.sections[0], &fw.sections[2]);
        let names: Vec<String> = (0..12).map(|i| format!("HMP {i:02}")).collect();
        fn change<'a>(name: &'a str, section: &'a Section, points: i64) -> Change<'a> {
            Change {
                establishment: name,
                section,
                before: 0.5,
                after: 0.5 + points as f64 / 100.0,
                points,
            }
        }
        let mut all: Vec<Change> = names.iter().map(|n| change(n, visits, 5)).collect();
        all.push(change("HMP 11", learning, 5));
        all.push(change("HMP 03", visits, 20));
        all.push(change("HMP 07", learning, -3));
        all.push(change("HMP 01", visits, -30));
        all.push(change("HMP 00", learning, -3));
        let m = movement(all);
        let shown = |list: &[Change]| -> Vec<(String, String, i64)> {
            list.iter()
                .map(|c| {
                    (
                        c.establishment.to_string(),
                        c.section.short().to_string(),
                        c.points,
                    )
                })
                .collect()
        };
        let improved = shown(&m.improved);
        // 14 rises: the 20-point rise first, then the 5-point rises by name: 4 of those 13,
        // HMP 00 to HMP 03 (whose 5-point rise comes after its 20-point one).
        assert_eq!(improved.len(), MAX_MOVEMENTS);
        assert_eq!(improved[0], ("HMP 03".into(), "Visits".into(), 20));
        assert_eq!(improved[1], ("HMP 00".into(), "Visits".into(), 5));
        assert_eq!(improved[4], ("HMP 03".into(), "Visits".into(), 5));
        // Falls: the largest first; equal falls by establishment name.
        assert_eq!(
            shown(&m.declined),
            [
                ("HMP 01".into(), "Visits".into(), -30),
                ("HMP 00".into(), "Learning".into(), -3),
                ("HMP 07".into(), "Learning".into(), -3),
            ]
        );
    }
}
