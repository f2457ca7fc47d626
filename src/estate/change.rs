//! Change since last year, for one establishment's report: the one rule for when a score has
//! moved, which items rose or fell, and what became of last year's actions. (The estate's own
//! movement, across establishments, is `movement`, with the same rule.)

use std::collections::BTreeSet;

use crate::model::assessment::{Action, ActionStatus, Assessment};
use crate::score::{FrameworkScore, ItemScore};

/// How a score moved between two years, in whole percentage points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Up(i64),
    Down(i64),
    Same,
}

/// The move rule: a score has moved when it changed by half a percentage point or more, so
/// that, rounded to whole points as every report shows scores, it reads as at least one point
/// up or down; a smaller change is no change. Scores run from 0 to 1.
pub fn moved(before: f64, after: f64) -> Move {
    let points = ((after - before) * 100.0).round() as i64;
    match points {
        0 => Move::Same,
        p if p > 0 => Move::Up(p),
        p => Move::Down(-p),
    }
}

/// An item scored both years: last year's score and this year's.
pub struct ItemChange<'a> {
    pub before: &'a ItemScore,
    pub after: &'a ItemScore,
}

/// The items of a framework that rose and fell since last year, in the framework's order.
#[derive(Default)]
pub struct ItemMoves<'a> {
    pub up: Vec<ItemChange<'a>>,
    pub down: Vec<ItemChange<'a>>,
}

/// The items scored in both years whose score has moved (`moved`), each year's answer being
/// `visible` (in the public version, an item restricted in either year is left out).
pub fn item_moves<'a>(
    before: &'a FrameworkScore,
    after: &'a FrameworkScore,
    visible: impl Fn(&str) -> bool,
) -> ItemMoves<'a> {
    let mut out = ItemMoves::default();
    for item in after.sections.iter().flat_map(|s| s.items.iter()) {
        let Some(prev) = before
            .sections
            .iter()
            .flat_map(|s| s.items.iter())
            .find(|p| p.qualified_id == item.qualified_id)
        else {
            continue;
        };
        if !visible(&item.qualified_id) {
            continue;
        }
        let (Some(b), Some(a)) = (prev.score, item.score) else {
            continue;
        };
        let change = ItemChange {
            before: prev,
            after: item,
        };
        match moved(b, a) {
            Move::Up(_) => out.up.push(change),
            Move::Down(_) => out.down.push(change),
            Move::Same => {}
        }
    }
    out
}

/// What became of last year's live actions, and which actions are new this year.
#[derive(Default)]
pub struct ActionChanges<'a> {
    /// Live last year, done this year.
    pub completed: Vec<&'a Action>,
    /// Live both years.
    pub carried_over: Vec<&'a Action>,
    /// Live last year and missing from this year's plan.
    pub not_carried: Vec<&'a Action>,
    /// Not in last year's plan.
    pub new: Vec<&'a Action>,
}

/// Last year's actions set beside this year's, matched by id; in the public version
/// (`public`), restricted actions of either year are left out.
pub fn action_changes<'a>(
    current: &'a Assessment,
    previous: &'a Assessment,
    public: bool,
) -> ActionChanges<'a> {
    let shown = |x: &&Action| !(public && x.restricted);
    let before: Vec<&Action> = previous.actions.iter().filter(shown).collect();
    let mut out = ActionChanges::default();
    for act in current.actions.iter().filter(shown) {
        match before.iter().find(|p| p.id.value == act.id.value) {
            Some(p) if p.status.is_live() && *act.status == ActionStatus::Done => {
                out.completed.push(act)
            }
            Some(p) if p.status.is_live() && act.status.is_live() => out.carried_over.push(act),
            None => out.new.push(act),
            _ => {}
        }
    }
    let ids: BTreeSet<&str> = current.actions.iter().map(|x| x.id.as_str()).collect();
    out.not_carried = before
        .into_iter()
        .filter(|p| p.status.is_live() && !ids.contains(p.id.as_str()))
        .collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::estate::fixture::{entry, ratings};

    /// An action line for `actions:`.
    fn action(id: &str, status: &str) -> String {
        format!(
            "  - {{ id: {id}, what: Do {id}, owner: Head of Residence, due: 2026-03-01, status: {status}, items: [est/v1] }}\n"
        )
    }

    #[test]
    fn items_that_rose_and_fell_in_the_frameworks_order() {
        // Items on `five` score 0, 0.25, 0.5, 0.75 and 1 for l0 to l4.
        let before = entry(
            "hmp-a",
            "HMP A",
            None,
            2024,
            &ratings(&[("v1", "l1"), ("c1", "l4"), ("l1", "l2")]),
        );
        let after = entry(
            "hmp-a",
            "HMP A",
            None,
            2025,
            &ratings(&[("v1", "l3"), ("v2", "l4"), ("c1", "l0"), ("l1", "l2")]),
        );
        let (b, a) = (&before.card.frameworks[0], &after.card.frameworks[0]);
        let ids = |list: &[ItemChange]| -> Vec<String> {
            list.iter().map(|c| c.after.id.clone()).collect()
        };
        let moves = item_moves(b, a, |_| true);
        // v1 rose; c1 fell; l1 did not move; v2 was not scored last year.
        assert_eq!(ids(&moves.up), ["v1"]);
        assert_eq!(ids(&moves.down), ["c1"]);
        let hidden = item_moves(b, a, |id| id != "est/v1");
        assert!(hidden.up.is_empty());
    }

    #[test]
    fn an_item_moves_by_the_same_rule_as_a_section() {
        // A measure's progress towards its target moving by less than half a point is no
        // change, as it would read "no change" beside a section.
        assert_eq!(moved(0.3330, 0.3349), Move::Same);
        assert_eq!(moved(0.3330, 0.3380), Move::Up(1));
    }

    #[test]
    fn last_years_actions_completed_carried_dropped_and_new() {
        let before = entry(
            "hmp-a",
            "HMP A",
            None,
            2024,
            &format!(
                "actions:\n{}{}{}{}",
                action("A1", "open"),
                action("A2", "in-progress"),
                action("A3", "open"),
                action("A4", "done")
            ),
        );
        let after = entry(
            "hmp-a",
            "HMP A",
            None,
            2025,
            &format!(
                "actions:\n{}{}{}{}",
                action("A1", "done"),
                action("A2", "in-progress"),
                action("A4", "done"),
                action("A5", "open")
            ),
        );
        let changes = action_changes(&after.assessment, &before.assessment, true);
        let ids =
            |list: &[&Action]| -> Vec<String> { list.iter().map(|a| a.id.value.clone()).collect() };
        assert_eq!(ids(&changes.completed), ["A1"]);
        assert_eq!(ids(&changes.carried_over), ["A2"]);
        // A3 was open last year and is not in this year's plan; A4 was already done.
        assert_eq!(ids(&changes.not_carried), ["A3"]);
        assert_eq!(ids(&changes.new), ["A5"]);
    }

    #[test]
    fn a_move_is_half_a_point_or_more() {
        assert_eq!(moved(0.50, 0.75), Move::Up(25));
        assert_eq!(moved(0.75, 0.50), Move::Down(25));
        assert_eq!(moved(0.500, 0.505), Move::Up(1));
        assert_eq!(moved(0.500, 0.504), Move::Same);
        assert_eq!(moved(0.5, 0.5), Move::Same);
        assert_eq!(moved(0.0, 1.0), Move::Up(100));
    }
}
