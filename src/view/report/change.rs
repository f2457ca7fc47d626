//! Change since last year: framework and section scores, items that moved, and what became of
//! last year's actions.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use crate::model::assessment::{Action, ActionStatus};
use crate::model::catalog::Catalog;
use crate::score::{FrameworkScore, ItemScore};
use crate::view::chart::{self, Bar, Group};
use crate::view::framework::format_number;
use crate::view::numbers::pct;

use super::actions::action_view;
use super::{ActionView, ChangeView, FrameworkChange, ItemMovement, Movement, Year};

pub(super) fn movement(before: Option<f64>, after: Option<f64>) -> String {
    match (before, after) {
        (Some(b), Some(a)) => {
            let d = ((a - b) * 100.0).round();
            if d > 0.0 {
                format!("up {d:.0} points")
            } else if d < 0.0 {
                format!("down {:.0} points", -d)
            } else {
                "no change".to_string()
            }
        }
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
    let (completed, carried_over, new) = action_changes(current, previous, public, as_of);
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
    let mut up = Vec::new();
    let mut down = Vec::new();
    let visible = |y: &Year<'_>, id: &str| {
        !(public && y.assessment.responses.get(id).is_some_and(|r| r.restricted))
    };
    for item in fs.sections.iter().flat_map(|s| s.items.iter()) {
        let Some(prev) = before
            .sections
            .iter()
            .flat_map(|s| s.items.iter())
            .find(|p| p.qualified_id == item.qualified_id)
        else {
            continue;
        };
        if !visible(current, &item.qualified_id) || !visible(previous, &item.qualified_id) {
            continue;
        }
        if let (Some(b), Some(a)) = (prev.score, item.score) {
            let text = fw
                .item(&item.id)
                .map(|i| i.text.trim_end_matches('.').to_string())
                .unwrap_or_default();
            let measure = fw
                .item(&item.id)
                .and_then(|i| i.metric.as_ref())
                .map(|m| m.measure);
            // A rating shows as its level; a measure as its figure, not its progress.
            let label = |i: &ItemScore| match (&i.evidenced, &i.metric, measure) {
                (Some(l), _, _) => l.label.clone(),
                (None, Some(m), Some(measure)) => m
                    .figure
                    .map_or_else(|| pct(i.score), |f| format_number(f, measure)),
                _ => pct(i.score),
            };
            let m = ItemMovement {
                text,
                before: label(prev),
                after: label(item),
            };
            if a > b + 1e-9 {
                up.push(m);
            } else if a < b - 1e-9 {
                down.push(m);
            }
        }
    }
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
    current: &Year<'_>,
    previous: &Year<'_>,
    public: bool,
    as_of: Option<NaiveDate>,
) -> (Vec<ActionView>, Vec<ActionView>, Vec<ActionView>) {
    let prev_actions: Vec<&Action> = previous
        .assessment
        .actions
        .iter()
        .filter(|x| !(public && x.restricted))
        .collect();
    let mut completed = Vec::new();
    let mut carried_over = Vec::new();
    let mut new = Vec::new();
    for act in current
        .assessment
        .actions
        .iter()
        .filter(|x| !(public && x.restricted))
    {
        let before = prev_actions.iter().find(|p| p.id.value == act.id.value);
        match before {
            Some(p) if p.status.is_live() && *act.status == ActionStatus::Done => {
                completed.push(action_view(act, as_of))
            }
            Some(p) if p.status.is_live() && act.status.is_live() => {
                carried_over.push(action_view(act, as_of))
            }
            None => new.push(action_view(act, as_of)),
            _ => {}
        }
    }
    let ids: BTreeSet<&str> = current
        .assessment
        .actions
        .iter()
        .map(|x| x.id.as_str())
        .collect();
    for p in prev_actions
        .iter()
        .filter(|p| p.status.is_live() && !ids.contains(p.id.as_str()))
    {
        let mut v = action_view(p, as_of);
        v.status = "Not carried into this year's plan".to_string();
        v.overdue = false;
        carried_over.push(v);
    }
    (completed, carried_over, new)
}
