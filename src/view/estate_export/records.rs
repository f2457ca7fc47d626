//! The establishments that submitted, those that did not, and the files left out.

use crate::estate::compare::Comparison;
use crate::estate::filters::Filters;
use crate::view::estate::RejectedRow;

use super::tables::{Value, establishment_cells, opt, text, whole};

/// One row per establishment that submitted: when it completed its self-assessment, whether
/// late (empty without a due date), its public actions, how many are live and how many overdue
/// on the day they are judged on (empty for a draft with no date to judge by), and the ratings
/// it claimed without the evidence its frameworks ask for.
pub fn establishments<'a>(
    c: &Comparison<'a>,
    order: &[usize],
    filters: &Filters,
) -> Vec<Vec<Value<'a>>> {
    order
        .iter()
        .map(|&i| {
            let (e, o) = (c.current[i], &c.outstanding[i]);
            let a = &e.assessment;
            let public = || a.actions.iter().filter(|x| !x.restricted);
            let judged_on = a.judged_on(filters.as_of);
            let mut row = establishment_cells(e);
            row.extend([
                opt(a.completed_on.as_ref().map(|d| d.value.as_str())),
                if filters.due.is_some() {
                    Value::Flag(o.late)
                } else {
                    Value::Empty
                },
                whole(public().count()),
                whole(public().filter(|x| x.status.is_live()).count()),
                judged_on.map_or(Value::Empty, |d| Value::Text(d.to_string().into())),
                o.overdue.map_or(Value::Empty, whole),
                whole(o.capped),
            ]);
            row
        })
        .collect()
}

/// One row per establishment the register expects, within the filters, with no
/// self-assessment for the year.
pub fn not_submitted<'a>(c: &Comparison<'a>) -> Vec<Vec<Value<'a>>> {
    let Some(r) = &c.reconciliation else {
        return Vec::new();
    };
    r.not_submitted
        .iter()
        .map(|l| {
            vec![
                Value::Whole(f64::from(c.year)),
                text(&l.id),
                text(&l.name),
                text(l.nation.id()),
                text(l.nation.label()),
                opt(l.region.as_deref()),
                opt(l.comparator_group.as_deref()),
            ]
        })
        .collect()
}

/// One row per file below the folder that could not be used: its path, how many problems it
/// has and the first, as `ties compare` lists them.
pub fn left_out(rejected: &[RejectedRow]) -> Vec<Vec<Value<'_>>> {
    rejected
        .iter()
        .map(|r| vec![text(&r.path), whole(r.problems), text(&r.first)])
        .collect()
}
