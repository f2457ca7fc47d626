//! The estate at a glance: who submitted, late or not at all; the actions overdue across the
//! estate; and the ratings claimed without the evidence their framework asks for.

use chrono::NaiveDate;

use crate::estate::Entry;
use crate::estate::register::Reconciliation;
use crate::estate::versions::Scored;
use crate::model::assessment::parse_date;

/// Who submitted a self-assessment for the year.
#[derive(Debug, PartialEq, Eq)]
pub struct Submissions {
    /// Self-assessments compared.
    pub submitted: usize,
    /// Establishments the register expects (within the filters); none without a register.
    pub expected: Option<usize>,
    /// In the register with no self-assessment; none without a register.
    pub not_submitted: Option<usize>,
    /// Completed after the due date; none when no due date is given.
    pub late: Option<usize>,
    /// With no completion date yet: drafts.
    pub not_completed: usize,
}

/// The submissions among `current` (the year's self-assessments within the filters), against
/// the register when there is one and the date they were due when it is given.
pub fn submissions(
    current: &[&Entry],
    reconciliation: Option<&Reconciliation>,
    due: Option<NaiveDate>,
) -> Submissions {
    let completed = |e: &Entry| {
        e.assessment
            .completed_on
            .as_ref()
            .and_then(|d| parse_date(d))
    };
    Submissions {
        submitted: current.len(),
        expected: reconciliation
            .map(|r| current.len() - r.not_in_register.len() + r.not_submitted.len()),
        not_submitted: reconciliation.map(|r| r.not_submitted.len()),
        late: due.map(|due| {
            current
                .iter()
                .filter(|e| completed(e).is_some_and(|d| d > due))
                .count()
        }),
        not_completed: current.iter().filter(|e| completed(e).is_none()).count(),
    }
}

/// Whether an establishment completed its self-assessment after `due`.
pub fn is_late(e: &Entry, due: Option<NaiveDate>) -> bool {
    let completed = e
        .assessment
        .completed_on
        .as_ref()
        .and_then(|d| parse_date(d));
    due.zip(completed).is_some_and(|(due, on)| on > due)
}

/// The public actions an establishment has overdue, judged on `as_of` when given, else on the
/// day its self-assessment was completed; `None` when there is no date to judge by (a draft).
pub fn overdue(e: &Entry, as_of: Option<NaiveDate>) -> Option<usize> {
    let on = e.assessment.judged_on(as_of)?;
    Some(
        e.assessment
            .actions
            .iter()
            .filter(|a| !a.restricted && a.overdue_on(on))
            .count(),
    )
}

/// Ratings claimed without the evidence the framework asks for (counted a level lower), by
/// establishment: one count per entry of `current`, over the frameworks compared.
pub fn capped<'a>(current: &[&'a Entry], frameworks: &[&[Scored<'a>]]) -> Vec<usize> {
    current
        .iter()
        .map(|e| {
            frameworks
                .iter()
                .flat_map(|scored| scored.iter())
                .filter(|s| std::ptr::eq(s.entry, *e))
                .flat_map(|s| s.score.sections.iter().flat_map(|x| x.items.iter()))
                .filter(|i| i.capped)
                .count()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::estate::fixture::{entry, entry_in, framework_with};
    use crate::estate::versions::comparable;

    fn dated(id: &str, completed: Option<&str>, actions: &str) -> Entry {
        let on = completed.map_or(String::new(), |d| format!("completed_on: {d}\n"));
        entry(id, id, None, 2025, &format!("{on}actions:\n{actions}"))
    }

    const ACTIONS: &str = "  - { id: A1, what: Rota., owner: Lead, due: 2026-01-31, status: open }
  - { id: A2, what: Club., owner: Lead, due: 2026-03-31, status: in-progress }
  - { id: A3, what: Done., owner: Lead, due: 2025-12-31, status: done, done_on: 2025-12-01 }
  - { id: A4, what: Hidden., owner: Lead, due: 2025-12-31, status: open, restricted: true }
";

    #[test]
    fn late_and_not_completed_against_the_due_date() {
        let entries = [
            dated("a", Some("2026-04-30"), ACTIONS),
            dated("b", Some("2026-05-01"), ACTIONS),
            dated("c", None, ACTIONS),
        ];
        let current: Vec<&Entry> = entries.iter().collect();
        let due = parse_date("2026-04-30");
        // Completed on the due date is on time; the day after is late.
        assert_eq!(
            submissions(&current, None, due),
            Submissions {
                submitted: 3,
                expected: None,
                not_submitted: None,
                late: Some(1),
                not_completed: 1,
            }
        );
        assert!(!is_late(&entries[0], due) && is_late(&entries[1], due));
        assert_eq!(submissions(&current, None, None).late, None);
    }

    #[test]
    fn overdue_on_the_day_given_or_the_day_completed() {
        let a = dated("a", Some("2026-02-15"), ACTIONS);
        // On 15 February only A1 (due 31 January) is overdue: A2 is not due yet, A3 is done and
        // A4 is restricted (never in the estate).
        assert_eq!(overdue(&a, None), Some(1));
        // On 1 April, A1 and A2.
        assert_eq!(overdue(&a, parse_date("2026-04-01")), Some(2));
        // A draft with no date given is not judged.
        assert_eq!(overdue(&dated("c", None, ACTIONS), None), None);
    }

    #[test]
    fn claims_capped_by_establishment() {
        let (fw, catalog) = framework_with(
            "  evidence_required: { five: l3 }\n",
            "  - id: visits\n    title: Visits\n    items:\n      \
             - { id: v1, kind: criterion, text: On time., scale: five }\n      \
             - { id: v2, kind: criterion, text: Welcoming., scale: five }\n",
        );
        let make = |id: &str, body: &str| entry_in(&catalog, id, id, None, 2025, "est", body);
        let entries = [
            // Two claims at l3 and above with no evidence: both capped.
            make(
                "a",
                "responses:\n  est/v1: { rating: l4 }\n  est/v2: { rating: l3 }\n",
            ),
            // Below the threshold, or with evidence: none capped.
            make(
                "b",
                "responses:\n  est/v1: { rating: l2 }\n  \
                 est/v2: { rating: l4, evidence: [{ kind: document, text: Log. }] }\n",
            ),
        ];
        let current: Vec<&Entry> = entries.iter().collect();
        let scored = comparable(&catalog, &fw, &current).scored;
        assert_eq!(capped(&current, &[&scored]), [2, 0]);
    }
}
