//! What an inspector probes first in an establishment's report, worked out for its first page:
//! how long each overdue action has been overdue, the weakest sections, the largest moves since
//! last year (of sections and items, up and down, by the one move rule of `change`), and the
//! family measures set beside last year's.

use chrono::{Datelike, NaiveDate};

use crate::estate::change::{Move, item_moves, moved};
use crate::model::framework::ItemKind;
use crate::score::{FrameworkScore, ItemScore, MetricResult, Scorecard, SectionScore};

/// The most weakest sections a first page lists.
pub const MAX_LISTED: usize = 3;
/// The most moves each way a first page lists (the report's change since last year has all).
pub const MAX_MOVES: usize = 2;

/// How long an action has been overdue: whole months and the days beyond them, counted from its
/// due date to the date the report judges actions on (never the clock).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Overdue {
    pub months: u32,
    pub days: u32,
}

/// How long an action due on `due` is overdue on `on`; none when it is not overdue yet.
pub fn overdue_by(due: NaiveDate, on: NaiveDate) -> Option<Overdue> {
    if on <= due {
        return None;
    }
    let mut months = (on.year() - due.year()) as u32 * 12 + on.month() - due.month();
    // A month is whole once the same day of the month is reached (or the month's last day).
    let anniversary = |m: u32| due.checked_add_months(chrono::Months::new(m));
    if anniversary(months).is_none_or(|d| d > on) {
        months = months.saturating_sub(1);
    }
    let from = anniversary(months).unwrap_or(due);
    let days = (on - from).num_days() as u32;
    Some(Overdue { months, days })
}

/// A top-level section with a score, and its framework.
#[derive(Debug)]
pub struct Weak<'a> {
    pub framework: &'a FrameworkScore,
    pub section: &'a SectionScore,
}

/// The weakest top-level sections with a score, across every framework: the lowest score first,
/// equal scores in the frameworks' order; at most `MAX_LISTED`.
pub fn weakest(card: &Scorecard) -> Vec<Weak<'_>> {
    let mut all: Vec<(f64, Weak<'_>)> = card
        .frameworks
        .iter()
        .flat_map(|f| {
            f.sections
                .iter()
                .filter(|s| s.depth == 0)
                .filter_map(move |s| {
                    s.score.map(|v| {
                        (
                            v,
                            Weak {
                                framework: f,
                                section: s,
                            },
                        )
                    })
                })
        })
        .collect();
    all.sort_by(|x, y| x.0.total_cmp(&y.0));
    all.into_iter().take(MAX_LISTED).map(|(_, w)| w).collect()
}

/// What moved: a top-level section or an item.
#[derive(Debug)]
pub enum Moved<'a> {
    Section {
        before: &'a SectionScore,
        after: &'a SectionScore,
    },
    Item {
        before: &'a ItemScore,
        after: &'a ItemScore,
    },
}

/// A move since last year, with its framework and its size in whole points.
#[derive(Debug)]
pub struct LargeMove<'a> {
    pub framework: &'a FrameworkScore,
    pub moved: Moved<'a>,
    pub points: i64,
}

/// The largest moves since last year, each way.
#[derive(Debug, Default)]
pub struct LargestMoves<'a> {
    pub up: Vec<LargeMove<'a>>,
    pub down: Vec<LargeMove<'a>>,
}

/// The largest moves of top-level sections and items (not the family measures, set beside last
/// year's on their own) between `before` and `after`: the largest first, a section before an
/// item of the same size, then the frameworks' order; at most `MAX_MOVES` each way. An item
/// counts only where `visible` (in the public version, an item restricted in either year does
/// not).
pub fn largest_moves<'a>(
    before: &'a Scorecard,
    after: &'a Scorecard,
    visible: impl Fn(&str) -> bool,
) -> LargestMoves<'a> {
    let mut out = LargestMoves::default();
    for fs in &after.frameworks {
        let Some(prev) = before.frameworks.iter().find(|p| p.id == fs.id) else {
            continue;
        };
        for s in fs.sections.iter().filter(|s| s.depth == 0) {
            let Some(p) = prev.sections.iter().find(|p| p.id == s.id) else {
                continue;
            };
            if let (Some(b), Some(a)) = (p.score, s.score) {
                let moved = Moved::Section {
                    before: p,
                    after: s,
                };
                push(&mut out, fs, moved, b, a);
            }
        }
        let items = item_moves(prev, fs, &visible);
        for c in items.up.into_iter().chain(items.down) {
            if c.after.kind == ItemKind::Metric {
                continue;
            }
            if let (Some(b), Some(a)) = (c.before.score, c.after.score) {
                let moved = Moved::Item {
                    before: c.before,
                    after: c.after,
                };
                push(&mut out, fs, moved, b, a);
            }
        }
    }
    // Stable sorts: sections were pushed before items, and frameworks in order.
    let rank = |m: &LargeMove<'_>| (-m.points, !matches!(m.moved, Moved::Section { .. }));
    out.up.sort_by_key(rank);
    out.down.sort_by_key(rank);
    out.up.truncate(MAX_MOVES);
    out.down.truncate(MAX_MOVES);
    out
}

fn push<'a>(
    out: &mut LargestMoves<'a>,
    framework: &'a FrameworkScore,
    moved_: Moved<'a>,
    before: f64,
    after: f64,
) {
    match moved(before, after) {
        Move::Up(points) => out.up.push(LargeMove {
            framework,
            moved: moved_,
            points,
        }),
        Move::Down(points) => out.down.push(LargeMove {
            framework,
            moved: moved_,
            points,
        }),
        Move::Same => {}
    }
}

/// A family measure this year and last: each year's figures (none where it was not given).
#[derive(Debug)]
pub struct MeasureYears<'a> {
    pub framework: &'a FrameworkScore,
    pub item: &'a ItemScore,
    pub before: Option<&'a MetricResult>,
    pub after: Option<&'a MetricResult>,
}

/// Every measure with a figure this year or last, in the frameworks' order, with last year's
/// beside it. A measure given in neither year is left out: there is nothing to set side by side.
pub fn measures<'a>(before: Option<&'a Scorecard>, after: &'a Scorecard) -> Vec<MeasureYears<'a>> {
    let figure = |i: &'a ItemScore| i.metric.as_ref().filter(|m| m.figure.is_some());
    let mut out = Vec::new();
    for fs in &after.frameworks {
        let prev = before.and_then(|b| b.frameworks.iter().find(|p| p.id == fs.id));
        for item in fs.sections.iter().flat_map(|s| s.items.iter()) {
            if item.kind != ItemKind::Metric {
                continue;
            }
            let last = prev
                .into_iter()
                .flat_map(|p| p.sections.iter().flat_map(|s| s.items.iter()))
                .find(|p| p.qualified_id == item.qualified_id)
                .and_then(figure);
            let now = figure(item);
            if now.is_some() || last.is_some() {
                out.push(MeasureYears {
                    framework: fs,
                    item,
                    before: last,
                    after: now,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::estate::fixture::{entry, ratings};

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn how_long_an_action_is_overdue_in_months_and_days() {
        assert_eq!(overdue_by(date("2026-03-01"), date("2026-03-01")), None);
        assert_eq!(overdue_by(date("2026-03-01"), date("2026-02-01")), None);
        let by = |due, on| overdue_by(date(due), date(on)).expect("overdue");
        assert_eq!(
            by("2026-03-01", "2026-03-13"),
            Overdue {
                months: 0,
                days: 12
            }
        );
        assert_eq!(
            by("2026-03-01", "2026-04-01"),
            Overdue { months: 1, days: 0 }
        );
        // 31 December to 20 April: January, February and March are whole; 20 days beyond.
        assert_eq!(
            by("2023-12-31", "2026-04-20"),
            Overdue {
                months: 27,
                days: 20
            }
        );
        // 31 January to 28 February is a whole month: February has no 31st.
        assert_eq!(
            by("2025-01-31", "2025-02-28"),
            Overdue { months: 1, days: 0 }
        );
        assert_eq!(
            by("2025-01-31", "2025-02-27"),
            Overdue {
                months: 0,
                days: 27
            }
        );
    }

    #[test]
    fn the_weakest_sections_lowest_first_across_frameworks() {
        // visits (v1 0.25, v2 0.75) 0.5; contact (c1 1.0) 1.0; learning (l1 0) 0.
        let e = entry(
            "hmp-a",
            "HMP A",
            None,
            2025,
            &ratings(&[("v1", "l1"), ("v2", "l3"), ("c1", "l4"), ("l1", "l0")]),
        );
        let ids: Vec<&str> = weakest(&e.card)
            .iter()
            .map(|w| w.section.id.as_str())
            .collect();
        assert_eq!(ids, ["learning", "visits", "contact"]);
        // A section with no score is never among the weakest.
        let e = entry("hmp-a", "HMP A", None, 2025, &ratings(&[("c1", "l2")]));
        let ids: Vec<&str> = weakest(&e.card)
            .iter()
            .map(|w| w.section.id.as_str())
            .collect();
        assert_eq!(ids, ["contact"]);
    }

    #[test]
    fn the_largest_moves_each_way_sections_and_items() {
        let before = entry(
            "hmp-a",
            "HMP A",
            None,
            2024,
            &ratings(&[("v1", "l1"), ("v2", "l1"), ("c1", "l4"), ("l1", "l2")]),
        );
        let after = entry(
            "hmp-a",
            "HMP A",
            None,
            2025,
            &ratings(&[("v1", "l4"), ("v2", "l1"), ("c1", "l3"), ("l1", "l2")]),
        );
        let moves = largest_moves(&before.card, &after.card, |_| true);
        let names = |list: &[LargeMove<'_>]| -> Vec<String> {
            list.iter()
                .map(|m| match &m.moved {
                    Moved::Section { after, .. } => format!("section {} {}", after.id, m.points),
                    Moved::Item { after, .. } => format!("item {} {}", after.id, m.points),
                })
                .collect()
        };
        // v1 rose 75 points and visits (0.25 to 0.625) 38; c1 fell 25, and contact with it.
        assert_eq!(names(&moves.up), ["item v1 75", "section visits 38"]);
        assert_eq!(names(&moves.down), ["section contact 25", "item c1 25"]);
        // An item hidden in either year is not listed; its section's move still is.
        let hidden = largest_moves(&before.card, &after.card, |id| id != "est/v1");
        assert_eq!(names(&hidden.up), ["section visits 38"]);
    }

    #[test]
    fn measures_set_beside_last_years() {
        let before = entry(
            "hmp-a",
            "HMP A",
            None,
            2024,
            "metrics:\n  est/c3: { value: 12 }\n",
        );
        let after = entry(
            "hmp-a",
            "HMP A",
            None,
            2025,
            "metrics:\n  est/c3: { value: 15 }\n",
        );
        let m = measures(Some(&before.card), &after.card);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].before.and_then(|r| r.figure), Some(12.0));
        assert_eq!(m[0].after.and_then(|r| r.figure), Some(15.0));
        // With no last year, this year's figure alone; with no figure either year, nothing.
        assert!(measures(None, &after.card)[0].before.is_none());
        let none = entry("hmp-a", "HMP A", None, 2025, "");
        assert!(measures(Some(&before.card), &none.card)[0].after.is_none());
        assert!(measures(None, &none.card).is_empty());
    }
}
