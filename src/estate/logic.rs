//! The logic model across the estate: for a framework whose outcomes carry a term (short,
//! medium, long), how many establishments rate each outcome at each level, and the ratings of
//! each term's outcomes together, as a national lead's progress report on a strategy needs.

use crate::estate::versions::Scored;
use crate::model::framework::{Framework, Item, Level, Scale, Term};
use crate::model::ids;
use crate::score::ItemStatus;

/// The outcomes rated on one scale, by term.
pub struct LogicAcross<'a> {
    pub scale: &'a Scale,
    /// Only terms that have outcomes, short first.
    pub terms: Vec<TermAcross<'a>>,
}

impl LogicAcross<'_> {
    /// The scale's levels, lowest first: the order of every `counts`.
    pub fn levels(&self) -> &[Level] {
        &self.scale.levels
    }
}

pub struct TermAcross<'a> {
    pub term: Term,
    pub outcomes: Vec<OutcomeAcross<'a>>,
    /// Every rating of the term's outcomes, at each level: one establishment's rating of one
    /// outcome is one rating.
    pub ratings: Tally,
    /// Establishments that rated at least one of the term's outcomes.
    pub establishments: usize,
}

pub struct OutcomeAcross<'a> {
    pub item: &'a Item,
    pub qualified_id: String,
    /// Establishments at each level.
    pub establishments: Tally,
}

/// Counts at each level of a scale (lowest first), with the answers that have no level.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub at: Vec<usize>,
    pub unanswered: usize,
    pub not_applicable: usize,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        for (a, b) in self.at.iter_mut().zip(&other.at) {
            *a += b;
        }
        self.unanswered += other.unanswered;
        self.not_applicable += other.not_applicable;
    }

    /// How many rated at any level.
    pub fn rated(&self) -> usize {
        self.at.iter().sum()
    }
}

/// The logic model of `fw` among `scored`: one per scale its outcomes use (frameworks use one),
/// in the order the scales first appear; empty when no item has a term. A rating counts at the
/// level its evidence supports, as in the scores.
pub fn logic_model<'a>(fw: &'a Framework, scored: &[Scored]) -> Vec<LogicAcross<'a>> {
    let mut out: Vec<LogicAcross> = Vec::new();
    for term in Term::ALL {
        for item in fw
            .items()
            .into_iter()
            .filter(|i| i.term.as_deref() == Some(&term))
        {
            let Some(scale) = fw.item_scale(item) else {
                continue;
            };
            let outcome = outcome(fw, item, scale, scored);
            let model = match out.iter().position(|m| m.scale.id.value == scale.id.value) {
                Some(i) => &mut out[i],
                None => {
                    out.push(LogicAcross {
                        scale,
                        terms: Vec::new(),
                    });
                    out.last_mut().expect("just pushed")
                }
            };
            if model.terms.last().is_none_or(|t| t.term != term) {
                model.terms.push(TermAcross {
                    term,
                    outcomes: Vec::new(),
                    ratings: Tally {
                        at: vec![0; scale.levels.len()],
                        ..Tally::default()
                    },
                    establishments: 0,
                });
            }
            let t = model.terms.last_mut().expect("just pushed");
            t.ratings.add(&outcome.establishments);
            t.outcomes.push(outcome);
        }
    }
    for model in &mut out {
        for t in &mut model.terms {
            let qids: Vec<&str> = t.outcomes.iter().map(|o| o.qualified_id.as_str()).collect();
            t.establishments = scored
                .iter()
                .filter(|s| {
                    qids.iter()
                        .any(|q| s.item(q).is_some_and(|i| i.evidenced.is_some()))
                })
                .count();
        }
    }
    out
}

fn outcome<'a>(
    fw: &Framework,
    item: &'a Item,
    scale: &Scale,
    scored: &[Scored],
) -> OutcomeAcross<'a> {
    let qualified_id = ids::qualified(&fw.id.value, &item.id.value);
    let mut tally = Tally {
        at: vec![0; scale.levels.len()],
        ..Tally::default()
    };
    for is in scored.iter().filter_map(|s| s.item(&qualified_id)) {
        match (is.status, &is.evidenced) {
            (ItemStatus::NotApplicable, _) => tally.not_applicable += 1,
            (_, Some(level)) => match scale.level(&level.id) {
                Some((i, _)) => tally.at[i] += 1,
                None => tally.unanswered += 1,
            },
            _ => tally.unanswered += 1,
        }
    }
    OutcomeAcross {
        item,
        qualified_id,
        establishments: tally,
    }
}

#[cfg(test)]
mod tests {
    //! Outcomes rated on `five` (l0 None to l4 All); ratings of l3 and above need evidence, so
    //! an l4 with none counts as l2.

    use super::*;
    use crate::estate::Entry;
    use crate::estate::fixture::{entry_in, framework_with};
    use crate::estate::versions::comparable;

    const SECTIONS: &str = "  - id: model
    title: Logic model
    items:
      - { id: s1, kind: outcome, term: short, text: Staff understand., scale: five }
      - { id: s2, kind: outcome, term: short, text: Families are heard., scale: five }
      - { id: m1, kind: outcome, term: medium, text: Contact grows., scale: five }
      - { id: x1, kind: criterion, text: Not an outcome., scale: five }
";

    #[test]
    fn establishments_at_each_level_by_outcome_and_term() {
        let (fw, catalog) = framework_with("  evidence_required: { five: l3 }\n", SECTIONS);
        let doc = "evidence: [{ kind: document, text: Minutes. }]";
        let bodies = [
            format!(
                "responses:\n  est/s1: {{ rating: l4, {doc} }}\n  est/s2: {{ rating: l1 }}\n  est/m1: {{ rating: l4 }}\n"
            ),
            "responses:\n  est/s1: { rating: l1 }\n  est/s2: { not_applicable: Not here. }\n"
                .to_string(),
            "responses:\n  est/x1: { rating: l4 }\n".to_string(),
        ];
        let entries: Vec<Entry> = bodies
            .iter()
            .enumerate()
            .map(|(i, b)| {
                entry_in(
                    &catalog,
                    &format!("e{i}"),
                    &format!("E{i}"),
                    None,
                    2025,
                    "est",
                    b,
                )
            })
            .collect();
        let refs: Vec<&Entry> = entries.iter().collect();
        let scored = comparable(&catalog, &fw, &refs).scored;
        let model = logic_model(&fw, &scored);
        assert_eq!(model.len(), 1);
        let terms = &model[0].terms;
        assert_eq!(terms.len(), 2);
        let (short, medium) = (&terms[0], &terms[1]);
        assert_eq!((short.term, medium.term), (Term::Short, Term::Medium));
        let tally = |at: [usize; 5], unanswered, not_applicable| Tally {
            at: at.to_vec(),
            unanswered,
            not_applicable,
        };
        // s1: e0 l4 with evidence, e1 l1, e2 unanswered.
        assert_eq!(
            short.outcomes[0].establishments,
            tally([0, 1, 0, 0, 1], 1, 0)
        );
        // s2: e0 l1, e1 not applicable, e2 unanswered.
        assert_eq!(
            short.outcomes[1].establishments,
            tally([0, 1, 0, 0, 0], 1, 1)
        );
        // The short term's ratings together: l1 twice, l4 once; two unanswered, one not
        // applicable. e0 and e1 rated at least one of its outcomes.
        assert_eq!(short.ratings, tally([0, 2, 0, 0, 1], 2, 1));
        assert_eq!((short.establishments, short.ratings.rated()), (2, 3));
        // m1: e0's l4 has no evidence, so it counts as l2; e1 and e2 unanswered.
        assert_eq!(
            medium.outcomes[0].establishments,
            tally([0, 0, 1, 0, 0], 2, 0)
        );
        assert_eq!(medium.establishments, 1);
        // A framework with no terms has no logic model.
        assert!(logic_model(&crate::estate::fixture::framework(), &scored).is_empty());
    }
}
