//! The live action plan, with overdue actions flagged.

use chrono::NaiveDate;

use crate::model::assessment::{Action, ActionStatus, parse_date};

use super::{ActionPlan, ActionView};

pub(super) fn action_view(act: &Action, as_of: Option<NaiveDate>) -> ActionView {
    let due = act.due.as_ref().and_then(|d| parse_date(d));
    ActionView {
        id: act.id.value.clone(),
        what: act.what.clone(),
        owner: act.owner.clone(),
        due: act.due.as_ref().map(|d| d.value.clone()),
        status: act.status.label().to_string(),
        overdue: act.status.is_live() && due.zip(as_of).is_some_and(|(d, on)| d < on),
        done_on: act.done_on.as_ref().map(|d| d.value.clone()),
        items: act.items.iter().map(|i| i.value.clone()).collect(),
        note: act.note.clone(),
        restricted: act.restricted,
    }
}

pub(super) fn action_plan(
    actions: &[Action],
    public: bool,
    as_of: Option<NaiveDate>,
    hidden: &mut usize,
) -> ActionPlan {
    let mut plan = ActionPlan::default();
    for act in actions {
        if public && act.restricted {
            *hidden += 1;
            continue;
        }
        let v = action_view(act, as_of);
        match *act.status {
            ActionStatus::Open | ActionStatus::InProgress => {
                if v.overdue {
                    plan.overdue += 1;
                }
                plan.live.push(v);
            }
            ActionStatus::Done => plan.done.push(v),
            ActionStatus::Dropped => plan.dropped.push(v),
        }
    }
    // Overdue first, then by due date, so the most urgent lead the plan.
    plan.live.sort_by(|x, y| {
        (!x.overdue, x.due.clone(), x.id.clone()).cmp(&(!y.overdue, y.due.clone(), y.id.clone()))
    });
    plan
}
