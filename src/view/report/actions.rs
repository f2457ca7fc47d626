//! The live action plan, with overdue actions flagged.

use chrono::NaiveDate;

use crate::estate::headlines::{Overdue, overdue_by};
use crate::model::assessment::{Action, ActionStatus, parse_date};

use super::{ActionPlan, ActionView, NamedItem};
use crate::model::catalog::Catalog;

pub(super) fn action_view(catalog: &Catalog, act: &Action, as_of: Option<NaiveDate>) -> ActionView {
    let due = act.due.as_ref().and_then(|d| parse_date(d));
    let overdue = due
        .zip(as_of)
        .filter(|_| act.status.is_live())
        .and_then(|(d, on)| overdue_by(d, on));
    ActionView {
        id: act.id.value.clone(),
        what: act.what.clone(),
        owner: act.owner.clone(),
        due: act.due.as_ref().map(|d| d.value.clone()),
        status: act.status.label().to_string(),
        overdue: overdue.is_some(),
        overdue_for: overdue.map(overdue_words),
        done_on: act.done_on.as_ref().map(|d| d.value.clone()),
        items: act.items.iter().map(|i| i.value.clone()).collect(),
        named_items: act
            .items
            .iter()
            .map(|i| NamedItem {
                id: i.value.clone(),
                text: catalog.find(i).map(|f| f.item.text.clone()),
            })
            .collect(),
        note: act.note.clone(),
        restricted: act.restricted,
    }
}

/// How long an action has been overdue, in words: "2 years 3 months", "5 months 12 days",
/// "12 days".
pub(super) fn overdue_words(o: Overdue) -> String {
    let unit = |n: u32, one: &str| match n {
        1 => format!("1 {one}"),
        n => format!("{n} {one}s"),
    };
    let (years, months) = (o.months / 12, o.months % 12);
    let mut parts = Vec::new();
    if years > 0 {
        parts.push(unit(years, "year"));
    }
    if months > 0 {
        parts.push(unit(months, "month"));
    }
    if years == 0 && (o.days > 0 || parts.is_empty()) {
        parts.push(unit(o.days, "day"));
    }
    parts.join(" ")
}

pub(super) fn action_plan(
    catalog: &Catalog,
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
        let v = action_view(catalog, act, as_of);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn how_long_overdue_in_words() {
        let words = |months, days| overdue_words(Overdue { months, days });
        assert_eq!(words(0, 1), "1 day");
        assert_eq!(words(0, 12), "12 days");
        assert_eq!(words(1, 0), "1 month");
        assert_eq!(words(5, 12), "5 months 12 days");
        assert_eq!(words(12, 3), "1 year");
        assert_eq!(words(27, 20), "2 years 3 months");
    }
}
