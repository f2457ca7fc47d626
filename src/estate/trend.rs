//! One establishment across the years: which years it has self-assessments for, and what became
//! of each action in its plans.

use crate::diag::closest;
use crate::error::{Error, Result};
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
    Ok(History {
        missing_years: missing_years(&years),
        actions: actions(&entries, latest.year()),
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
