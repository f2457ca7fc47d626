//! Change since last year: framework and section scores, items that moved, and what became of
//! last year's actions.

use chrono::NaiveDate;

use crate::estate::change::{self, ItemChange, Move, item_moves, moved};
use crate::model::assessment::Action;
use crate::model::catalog::Catalog;
use crate::model::framework::Framework;
use crate::score::{FrameworkScore, ItemScore};
use crate::view::chart::{self, Bar, Group};
use crate::view::framework::format_number;
use crate::view::numbers::pct;

use super::actions::action_view;
use super::{ActionView, ChangeView, FrameworkChange, ItemMovement, Movement, Year};

/// An item's answer as a move since last year shows it: a rating as its level, a measure as its
/// figure (not its progress), anything else as its score.
pub(super) fn item_label(fw: &Framework, i: &ItemScore) -> String {
    let measure = fw
        .item(&i.id)
        .and_then(|item| item.metric.as_ref())
        .map(|m| m.measure);
    match (&i.evidenced, &i.metric, measure) {
        (Some(l), _, _) => l.label.clone(),
        (None, Some(m), Some(measure)) => m
            .figure
            .map_or_else(|| pct(i.score), |f| format_number(f, measure)),
        _ => pct(i.score),
    }
}

/// A score's move since last year, in words.
pub(super) fn movement(before: Option<f64>, after: Option<f64>) -> String {
    match (before, after) {
        (Some(b), Some(a)) => match moved(b, a) {
            Move::Up(points) => format!("up {points} points"),
            Move::Down(points) => format!("down {points} points"),
            Move::Same => "no change".to_string(),
        },
        (None, Some(_)) => "scored for the first time".to_string(),
        (Some(_), None) => "not scored this year".to_string(),
        (None, None) => "not scored".to_string(),
    }
}

pub(super) fn change_view(
    catalog: &Catalog,
    current: &Year<'_>,
    previous: &Year<'_>,
    public: bool,
    as_of: Option<NaiveDate>,
) -> ChangeView {
    let mut frameworks = Vec::new();
    let mut groups = Vec::new();
    for fs in &current.card.frameworks {
        if let Some((change, group)) = framework_change(catalog, fs, current, previous, public) {
            frameworks.push(change);
            groups.push(group);
        }
    }
    let chart_id = "chart-change".to_string();
    let chart = chart::bars(
        &chart_id,
        "Change since last year: framework scores",
        "For each framework, one bar for last year and one for this year, from 0% to 100%; the figures are also in the table that follows.",
        groups,
    );
    let (completed, carried_over, new) = action_changes(catalog, current, previous, public, as_of);
    ChangeView {
        previous_year: *previous.assessment.year,
        frameworks,
        chart,
        chart_id,
        completed,
        carried_over,
        new,
    }
}

/// One framework's change since last year, and its bars for the chart; `None` when last year's
/// self-assessment did not use it.
fn framework_change(
    catalog: &Catalog,
    fs: &FrameworkScore,
    current: &Year<'_>,
    previous: &Year<'_>,
    public: bool,
) -> Option<(FrameworkChange, Group)> {
    let before = previous.card.frameworks.iter().find(|p| p.id == fs.id)?;
    let fw = catalog.get_version(&fs.id, &fs.version)?;
    let sections: Vec<Movement> = fs
        .sections
        .iter()
        .filter(|s| s.depth == 0)
        .map(|s| {
            let b = before
                .sections
                .iter()
                .find(|p| p.id == s.id)
                .and_then(|p| p.score);
            Movement {
                title: s.title.clone(),
                before: pct(b),
                after: pct(s.score),
                movement: movement(b, s.score),
            }
        })
        .collect();
    let hidden = |y: &Year<'_>, id: &str| {
        public && y.assessment.responses.get(id).is_some_and(|r| r.restricted)
    };
    let moves = item_moves(before, fs, |id| {
        !hidden(current, id) && !hidden(previous, id)
    });
    let item_movement = |c: &ItemChange| {
        let item = fw.item(&c.after.id);
        let text = item
            .map(|i| i.text.trim_end_matches('.').to_string())
            .unwrap_or_default();
        ItemMovement {
            text,
            before: item_label(fw, c.before),
            after: item_label(fw, c.after),
        }
    };
    let up = moves.up.iter().map(item_movement).collect();
    let down = moves.down.iter().map(item_movement).collect();
    let group = Group {
        label: fw.title.clone(),
        bars: vec![
            Bar {
                label: format!("{}", *previous.assessment.year),
                value: before.score,
                text: pct(before.score),
            },
            Bar {
                label: format!("{}", *current.assessment.year),
                value: fs.score,
                text: pct(fs.score),
            },
        ],
    };
    let change = FrameworkChange {
        id: fs.id.clone(),
        title: fs.title.clone(),
        before: pct(before.score),
        after: pct(fs.score),
        movement: movement(before.score, fs.score),
        grade_before: before.grade.clone(),
        grade_after: fs.grade.clone(),
        sections,
        items_up: up,
        items_down: down,
    };
    Some((change, group))
}

/// This year's actions set beside last year's: completed, carried over (or dropped from the
/// plan while still open), and new.
fn action_changes(
    catalog: &Catalog,
    current: &Year<'_>,
    previous: &Year<'_>,
    public: bool,
    as_of: Option<NaiveDate>,
) -> (Vec<ActionView>, Vec<ActionView>, Vec<ActionView>) {
    let changes = change::action_changes(current.assessment, previous.assessment, public);
    let views = |list: &[&Action]| -> Vec<ActionView> {
        list.iter()
            .map(|act| action_view(catalog, act, as_of))
            .collect()
    };
    let mut carried_over = views(&changes.carried_over);
    for p in &changes.not_carried {
        let mut v = action_view(catalog, p, as_of);
        v.status = "Not carried into this year's plan".to_string();
        v.overdue = false;
        v.overdue_for = None;
        carried_over.push(v);
    }
    (views(&changes.completed), carried_over, views(&changes.new))
}
