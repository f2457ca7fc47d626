//! Every public action of each establishment's action plan, with whether it is overdue on the
//! day it is judged on. Restricted actions are never in the estate.

use chrono::NaiveDate;

use crate::estate::compare::Comparison;
use crate::model::assessment::parse_date;

use super::tables::{Value, establishment_cells, opt, text, whole};

/// One row per public action: what, who and by when, its status (id and label), when it was
/// done, the items it is for (qualified ids, separated by spaces), the day it is judged on
/// (`as_of`, or else the day the self-assessment was completed), and whether it is overdue
/// then and by how many days (empty for a draft with no date to judge by).
pub fn actions<'a>(
    c: &'a Comparison<'a>,
    order: &[usize],
    as_of: Option<NaiveDate>,
) -> Vec<Vec<Value<'a>>> {
    let mut rows = Vec::new();
    for &i in order {
        let e = c.current[i];
        let judged_on = e.assessment.judged_on(as_of);
        for a in e.assessment.actions.iter().filter(|a| !a.restricted) {
            let due = a.due.as_ref().and_then(|d| parse_date(d));
            let overdue = judged_on.map(|on| a.overdue_on(on));
            let mut row = establishment_cells(e);
            row.extend([
                text(&a.id),
                text(&a.what),
                text(&a.owner),
                opt(a.due.as_ref().map(|d| d.value.as_str())),
                text(a.status.id()),
                text(a.status.label()),
                opt(a.done_on.as_ref().map(|d| d.value.as_str())),
                Value::Text(
                    a.items
                        .iter()
                        .map(|x| x.value.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                        .into(),
                ),
                judged_on.map_or(Value::Empty, |d| Value::Text(d.to_string().into())),
                overdue.map_or(Value::Empty, Value::Flag),
                match (overdue, judged_on, due) {
                    (Some(true), Some(on), Some(due)) => whole((on - due).num_days() as usize),
                    _ => Value::Empty,
                },
            ]);
            rows.push(row);
        }
    }
    rows
}
