//! One establishment across the years: which years it has self-assessments for, what became
//! of each action in its plans, how many restricted actions a public view leaves out, and the
//! story of a score over the years (`story`: its first and last year, and its largest rise and
//! fall from one self-assessment to the next).

use std::collections::BTreeSet;

use crate::diag::closest;
use crate::error::{Error, Result};
use crate::estate::change::{Move, moved};
use crate::estate::{Entry, Estate};
use crate::model::assessment::{Action, ActionStatus};

/// An establishment's self-assessments, oldest first, with its actions followed through them.
pub struct History<'a> {
    pub entries: Vec<&'a Entry>,
    /// The latest, whose details of the establishment the trend gives.
    pub latest: &'a Entry,
    pub years: Vec<i32>,
    /// Years between the first and last with no self-assessment.
    pub missing_years: Vec<i32>,
    /// Its public actions, in the order they first appear.
    pub actions: Vec<ActionRecord<'a>>,
    /// How many actions are marked restricted in at least one year's plan (each counted once,
    /// however many plans list it): their restricted listings are left out.
    pub restricted_actions: usize,
    /// The years whose plan marks actions restricted, with how many, oldest first.
    pub restricted_actions_by_year: Vec<(i32, usize)>,
    /// The years with answers (responses or measures) marked restricted, with how many, oldest
    /// first: left out, they count as not answered.
    pub restricted_answers_by_year: Vec<(i32, usize)>,
}

/// One action as the plans of successive years list it.
pub struct ActionRecord<'a> {
    pub id: &'a str,
    /// As the latest plan to list it publicly words it.
    pub what: &'a str,
    pub owner: &'a str,
    /// Each year a plan lists it publicly.
    pub history: Vec<ActionYear<'a>>,
    pub outcome: Outcome<'a>,
}

pub struct ActionYear<'a> {
    pub year: i32,
    pub status: ActionStatus,
    pub due: Option<&'a str>,
}

/// What became of an action, from the latest plan that lists it.
#[derive(Debug, PartialEq)]
pub enum Outcome<'a> {
    Completed {
        on: Option<&'a str>,
        year: i32,
    },
    Dropped {
        year: i32,
    },
    /// Still open or in progress when last listed, before the latest year, and not in that
    /// year's plan.
    NotCarriedOver {
        year: i32,
        status: ActionStatus,
        latest_year: i32,
    },
    /// Still open or in progress in the latest plan, and in the plans of more than one year.
    CarriedOver {
        years: usize,
        status: ActionStatus,
    },
    /// In the latest plan, for the first year.
    Live {
        status: ActionStatus,
    },
}

/// The history of the establishment `id`; an error naming the establishments there are (or the
/// one meant) when it has no self-assessment.
pub fn history<'a>(estate: &'a Estate, id: &str) -> Result<History<'a>> {
    let entries: Vec<&Entry> = estate.entries.iter().filter(|e| e.id() == id).collect();
    let Some(&latest) = entries.last() else {
        let known = estate.establishment_ids();
        let mut msg =
            format!("there is no self-assessment for an establishment `{id}` in this folder");
        if let Some(s) = closest(id, known.iter().copied()) {
            msg.push_str(&format!(" (did you mean `{s}`?)"));
        } else if !known.is_empty() {
            msg.push_str(&format!("; establishments found: {}", known.join(", ")));
        }
        return Err(Error::Input(msg));
    };
    let years: Vec<i32> = entries.iter().map(|e| e.year()).collect();
    let restricted: BTreeSet<&str> = entries
        .iter()
        .flat_map(|e| e.withheld_actions.iter().map(String::as_str))
        .collect();
    let by_year = |count: fn(&Entry) -> usize| -> Vec<(i32, usize)> {
        entries
            .iter()
            .map(|e| (e.year(), count(e)))
            .filter(|(_, n)| *n > 0)
            .collect()
    };
    Ok(History {
        missing_years: missing_years(&years),
        actions: actions(&entries, latest.year()),
        restricted_actions: restricted.len(),
        restricted_actions_by_year: by_year(|e| e.withheld_actions.len()),
        restricted_answers_by_year: by_year(|e| e.withheld.len()),
        entries,
        latest,
        years,
    })
}

/// The years from the first to the last of `years` (ascending) that it lacks.
pub fn missing_years(years: &[i32]) -> Vec<i32> {
    match (years.first(), years.last()) {
        (Some(a), Some(b)) => (*a..=*b).filter(|y| !years.contains(y)).collect(),
        _ => Vec::new(),
    }
}

/// The actions of `entries` (one establishment's, oldest first) by id, in the order they first
/// appear. Restricted listings are left out of the history: the trend is shared beyond the
/// establishment.
fn actions<'a>(entries: &[&'a Entry], latest_year: i32) -> Vec<ActionRecord<'a>> {
    let mut listed: Vec<(&str, &str, &str, Vec<ActionYear>)> = Vec::new();
    for e in entries {
        for a in e.assessment.actions.iter().filter(|a| !a.restricted) {
            let year = ActionYear {
                year: e.year(),
                status: *a.status,
                due: a.due.as_ref().map(|d| d.value.as_str()),
            };
            match listed.iter_mut().find(|(id, ..)| *id == a.id.value) {
                Some((_, what, owner, history)) => {
                    history.push(year);
                    (*what, *owner) = (a.what.as_str(), a.owner.as_str());
                }
                None => listed.push((a.id.as_str(), &a.what, &a.owner, vec![year])),
            }
        }
    }
    listed
        .into_iter()
        .filter_map(|(id, what, owner, history)| {
            // Always found: the history came from a listing.
            let (year, a) = latest_listing(entries, id)?;
            let years_live = history.iter().filter(|y| y.status.is_live()).count();
            Some(ActionRecord {
                id,
                what,
                owner,
                outcome: outcome(a, year, latest_year, years_live),
                history,
            })
        })
        .collect()
}

/// The latest year a plan lists the action `id`, with that listing (the estate holds public
/// listings only).
fn latest_listing<'a>(entries: &[&'a Entry], id: &str) -> Option<(i32, &'a Action)> {
    entries.iter().rev().find_map(|e| {
        e.assessment
            .actions
            .iter()
            .find(|a| a.id.value == id)
            .map(|a| (e.year(), a))
    })
}

/// What became of action `a`, last listed in `year`, live in `years_live` plans.
fn outcome(a: &Action, year: i32, latest_year: i32, years_live: usize) -> Outcome<'_> {
    let status = *a.status;
    match status {
        ActionStatus::Done => Outcome::Completed {
            on: a.done_on.as_ref().map(|d| d.value.as_str()),
            year,
        },
        ActionStatus::Dropped => Outcome::Dropped { year },
        _ if year < latest_year => Outcome::NotCarriedOver {
            year,
            status,
            latest_year,
        },
        _ if years_live > 1 => Outcome::CarriedOver {
            years: years_live,
            status,
        },
        _ => Outcome::Live { status },
    }
}

/// A score in one year, as the story of a framework, section or measure reads it (a share from
/// 0 to 1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct YearScore {
    pub year: i32,
    pub score: f64,
    /// Below the framework's minimum coverage that year.
    pub provisional: bool,
}

/// A move from one self-assessment to the next one with a score.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Step {
    pub from: YearScore,
    pub to: YearScore,
    /// Whole percentage points, by the one rule for a move (`change::moved`): never zero.
    pub points: i64,
}

/// What happened to a score over the years.
#[derive(Clone, Debug, PartialEq)]
pub struct Story {
    /// The first and last years with a score (the same year when there is one).
    pub first: YearScore,
    pub last: YearScore,
    /// How many years have a score.
    pub years: usize,
    /// From the first year to the last.
    pub overall: Move,
    /// The largest rise and fall from one year with a score to the next (years without one are
    /// stepped over); the earliest of equals. Only told with three years or more, as with two
    /// they are the overall move.
    pub largest_rise: Option<Step>,
    pub largest_fall: Option<Step>,
    /// The years whose score is provisional, oldest first.
    pub provisional: Vec<i32>,
}

/// The story of `scores` (oldest first; a year without a score is left out by the caller), or
/// none when there is no score at all. A rise or fall is the move rule (`change::moved`)
/// applied to the scores as the trend shows them, in whole percentages, so that its points are
/// always the difference of the two percentages a reader sees beside it: 67% to 93% is up 26
/// points, where the unrounded 66.7% and 93.3% would make 27.
pub fn story(scores: &[YearScore]) -> Option<Story> {
    let shown: Vec<YearScore> = scores
        .iter()
        .map(|s| YearScore {
            score: as_shown(s.score),
            ..*s
        })
        .collect();
    let scores = shown.as_slice();
    let (&first, &last) = (scores.first()?, scores.last()?);
    let mut largest_rise: Option<Step> = None;
    let mut largest_fall: Option<Step> = None;
    if scores.len() > 2 {
        for pair in scores.windows(2) {
            let (from, to) = (pair[0], pair[1]);
            match moved(from.score, to.score) {
                Move::Up(p) if largest_rise.is_none_or(|s| p > s.points) => {
                    largest_rise = Some(Step {
                        from,
                        to,
                        points: p,
                    });
                }
                Move::Down(p) if largest_fall.is_none_or(|s| p > s.points) => {
                    largest_fall = Some(Step {
                        from,
                        to,
                        points: p,
                    });
                }
                _ => {}
            }
        }
    }
    Some(Story {
        first,
        last,
        years: scores.len(),
        overall: moved(first.score, last.score),
        largest_rise,
        largest_fall,
        provisional: scores
            .iter()
            .filter(|s| s.provisional)
            .map(|s| s.year)
            .collect(),
    })
}

/// Of several stories (a framework's sections'), the place of the one that rose most and of the
/// one that fell most from its first year to its last, each by the move of `story`; the first
/// of equals. A story of one year has not moved.
pub fn largest_moves(stories: &[Story]) -> (Option<usize>, Option<usize>) {
    let mut rise: Option<(usize, i64)> = None;
    let mut fall: Option<(usize, i64)> = None;
    for (i, story) in stories.iter().enumerate() {
        match story.overall {
            Move::Up(p) if rise.is_none_or(|(_, best)| p > best) => rise = Some((i, p)),
            Move::Down(p) if fall.is_none_or(|(_, best)| p > best) => fall = Some((i, p)),
            _ => {}
        }
    }
    (rise.map(|(i, _)| i), fall.map(|(i, _)| i))
}

/// A share as the trend shows it, a whole percentage (rounded as `view::numbers::percent`
/// writes it: a tie to the even number), as a share again.
fn as_shown(score: f64) -> f64 {
    (score * 100.0).round_ties_even() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::estate::fixture::entry;

    #[test]
    fn missing_years_between_the_first_and_last() {
        assert_eq!(missing_years(&[2021, 2023, 2024, 2027]), [2022, 2025, 2026]);
        assert!(missing_years(&[2024, 2025]).is_empty());
        assert!(missing_years(&[]).is_empty());
    }

    fn plan(actions: &[&str]) -> String {
        let mut out = String::from("actions:\n");
        for a in actions {
            out.push_str(&format!("  - {{ {a} }}\n"));
        }
        out
    }

    #[test]
    fn what_became_of_each_action() {
        let (open, live) = ("owner: Head of visits, status: open", "status: in-progress");
        let estate = Estate {
            entries: vec![
                entry(
                    "hmp-a",
                    "HMP A",
                    None,
                    2023,
                    &plan(&[
                        &format!("id: A1, what: Longer visits., {open}"),
                        &format!("id: A2, what: A newsletter., {open}"),
                        &format!("id: A3, what: Homework club., {open}"),
                        &format!("id: A4, what: Family days., {open}"),
                        &format!("id: A6, what: A private matter., {open}, restricted: true"),
                    ]),
                ),
                entry(
                    "hmp-a",
                    "HMP A",
                    None,
                    2025,
                    &plan(&[
                        "id: A1, what: Longer visits at weekends., owner: Governor, status: done, done_on: 2025-07-30",
                        &format!("id: A3, what: Homework club., owner: Head of learning, {live}"),
                        &format!("id: A5, what: Video calls., {open}"),
                        &format!("id: A6, what: A private matter., {open}, restricted: true"),
                        &format!("id: A4, what: Family days., {open}, restricted: true"),
                    ]),
                ),
            ],
            ..Estate::default()
        };
        let h = history(&estate, "hmp-a").unwrap();
        assert_eq!(h.years, [2023, 2025]);
        assert_eq!(h.missing_years, [2024]);
        let found: Vec<(&str, &str, usize, &Outcome)> = h
            .actions
            .iter()
            .map(|a| (a.id, a.what, a.history.len(), &a.outcome))
            .collect();
        assert_eq!(
            found,
            [
                // Worded as the latest plan words it.
                (
                    "A1",
                    "Longer visits at weekends.",
                    2,
                    &Outcome::Completed {
                        on: Some("2025-07-30"),
                        year: 2025
                    }
                ),
                // Open in 2023, not in the 2025 plan.
                (
                    "A2",
                    "A newsletter.",
                    1,
                    &Outcome::NotCarriedOver {
                        year: 2023,
                        status: ActionStatus::Open,
                        latest_year: 2025
                    }
                ),
                // Live in both plans: carried over for 2 years.
                (
                    "A3",
                    "Homework club.",
                    2,
                    &Outcome::CarriedOver {
                        years: 2,
                        status: ActionStatus::InProgress
                    }
                ),
                // Restricted in 2025: the estate never holds that listing, so its history is
                // 2023's alone, and as far as anything public shows it was not carried over.
                (
                    "A4",
                    "Family days.",
                    1,
                    &Outcome::NotCarriedOver {
                        year: 2023,
                        status: ActionStatus::Open,
                        latest_year: 2025
                    }
                ),
                (
                    "A5",
                    "Video calls.",
                    1,
                    &Outcome::Live {
                        status: ActionStatus::Open
                    }
                ),
                // A6, restricted, is left out.
            ]
        );
        assert_eq!(h.actions[2].owner, "Head of learning");
        // A6 is restricted in both plans and A4 in 2025's: two actions, each counted once.
        assert_eq!(h.restricted_actions, 2);
        assert_eq!(h.restricted_actions_by_year, [(2023, 1), (2025, 2)]);
        assert!(h.restricted_answers_by_year.is_empty());
    }

    fn scores(list: &[(i32, f64, bool)]) -> Vec<YearScore> {
        list.iter()
            .map(|&(year, score, provisional)| YearScore {
                year,
                score,
                provisional,
            })
            .collect()
    }

    #[test]
    fn the_story_of_a_score_over_five_years() {
        let s = scores(&[
            (2021, 0.50, false),
            (2022, 0.62, true),
            (2023, 0.40, false),
            (2024, 0.70, false),
            (2025, 0.66, false),
        ]);
        let told = story(&s).unwrap();
        assert_eq!(
            (told.first.year, told.last.year, told.years),
            (2021, 2025, 5)
        );
        // 66% - 50% = 16 points up.
        assert_eq!(told.overall, Move::Up(16));
        // Steps: +12, -22, +30, -4: the largest rise is 2023 to 2024, the largest fall 2022 to
        // 2023, from a provisional year.
        let rise = told.largest_rise.unwrap();
        assert_eq!(
            (rise.from.year, rise.to.year, rise.points),
            (2023, 2024, 30)
        );
        let fall = told.largest_fall.unwrap();
        assert_eq!(
            (fall.from.year, fall.to.year, fall.points),
            (2022, 2023, 22)
        );
        assert!(fall.from.provisional);
        assert_eq!(told.provisional, [2022]);
    }

    #[test]
    fn equal_rises_tell_the_earliest_and_small_changes_are_no_move() {
        // 50% to 60% and 60% to 70%: ten points each; the first is told. No fall.
        let rising = story(&scores(&[
            (2021, 0.5, false),
            (2022, 0.6, false),
            (2023, 0.7, false),
        ]))
        .unwrap();
        let rise = rising.largest_rise.unwrap();
        assert_eq!(
            (rise.from.year, rise.to.year, rise.points),
            (2021, 2022, 10)
        );
        assert_eq!(rising.largest_fall, None);
        assert_eq!(rising.overall, Move::Up(20));

        // 50.0%, 50.4%, 50.3%: no step reaches half a point, so nothing rose or fell.
        let still = story(&scores(&[
            (2021, 0.5, false),
            (2022, 0.504, false),
            (2023, 0.503, false),
        ]))
        .unwrap();
        assert_eq!(still.overall, Move::Same);
        assert_eq!((still.largest_rise, still.largest_fall), (None, None));
    }

    #[test]
    fn points_are_the_difference_of_the_percentages_shown() {
        // 2 of 3 (67%) to 14 of 15 (93%): unrounded, 26.7 points, which the move rule alone
        // would call 27; as shown, 93 - 67 = 26. And 62.5% shows as 62%, so 62.5% to 64% is
        // up 2.
        let told = story(&scores(&[
            (2023, 2.0 / 3.0, false),
            (2024, 14.0 / 15.0, false),
        ]))
        .unwrap();
        assert_eq!(moved(2.0 / 3.0, 14.0 / 15.0), Move::Up(27));
        assert_eq!(told.overall, Move::Up(26));
        assert_eq!(told.first.score, 0.67);
        let tie = story(&scores(&[(2024, 0.625, false), (2025, 0.64, false)])).unwrap();
        assert_eq!(tie.overall, Move::Up(2));
    }

    #[test]
    fn the_sections_that_rose_and_fell_most() {
        let told = |list: &[(i32, f64, bool)]| story(&scores(list)).unwrap();
        let stories = [
            // Up 10, up 25, down 5, up 25 (equal: the first is told), down 8, one year.
            told(&[(2023, 0.5, false), (2025, 0.6, false)]),
            told(&[(2023, 0.5, false), (2025, 0.75, false)]),
            told(&[(2023, 0.5, false), (2025, 0.45, false)]),
            told(&[(2023, 0.25, false), (2025, 0.5, false)]),
            told(&[(2023, 0.58, false), (2025, 0.5, false)]),
            told(&[(2025, 0.9, false)]),
        ];
        assert_eq!(largest_moves(&stories), (Some(1), Some(4)));
        assert_eq!(largest_moves(&stories[5..]), (None, None));
    }

    #[test]
    fn two_years_or_one_tell_only_the_overall_move() {
        // With two years the largest rise would be the overall move: it is not told twice.
        let two = story(&scores(&[(2024, 0.8, false), (2025, 0.6, true)])).unwrap();
        assert_eq!(two.overall, Move::Down(20));
        assert_eq!((two.largest_rise, two.largest_fall), (None, None));
        assert_eq!(two.provisional, [2025]);

        let one = story(&scores(&[(2025, 0.7, false)])).unwrap();
        assert_eq!((one.first.year, one.last.year), (2025, 2025));
        assert_eq!(one.overall, Move::Same);

        assert_eq!(story(&[]), None);
    }

    #[test]
    fn an_unknown_establishment_is_an_error_that_helps() {
        let estate = Estate {
            entries: vec![entry("hmp-ash", "HMP Ash", None, 2025, "")],
            ..Estate::default()
        };
        let Err(Error::Input(msg)) = history(&estate, "hmp-asj") else {
            panic!("expected an error");
        };
        assert!(msg.contains("did you mean `hmp-ash`?"), "{msg}");
    }
}
