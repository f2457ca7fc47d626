//! The logic model by term: short, medium and long-term outcomes.

use crate::model::assessment::Assessment;
use crate::model::framework::Framework;
use crate::score::{FrameworkScore, ItemScore, ItemStatus};
use crate::view::chart::{self, Bar, Group};
use crate::view::numbers::pct;

use super::{LogicModel, OutcomeView, TermView};

pub(super) fn logic_model(
    fw: &Framework,
    fs: &FrameworkScore,
    a: &Assessment,
    public: bool,
    n: usize,
) -> Option<LogicModel> {
    if fs.terms.is_empty() {
        return None;
    }
    let outcomes: Vec<&ItemScore> = fs
        .sections
        .iter()
        .flat_map(|s| s.items.iter())
        .filter(|i| i.term.is_some())
        .collect();
    let terms: Vec<TermView> = fs
        .terms
        .iter()
        .map(|t| TermView {
            label: t.term.label().to_string(),
            outcomes: outcomes
                .iter()
                .filter(|i| i.term == Some(t.term))
                .map(|i| {
                    let restricted = public
                        && a.responses
                            .get(&i.qualified_id)
                            .is_some_and(|r| r.restricted);
                    OutcomeView {
                        text: fw.item(&i.id).map(|it| it.text.clone()).unwrap_or_default(),
                        progress: match (i.status, &i.evidenced) {
                            _ if restricted => "Not shown in the public version".to_string(),
                            (ItemStatus::NotApplicable, _) => "Not applicable".to_string(),
                            (_, Some(l)) => l.label.clone(),
                            _ => "Not yet assessed".to_string(),
                        },
                    }
                })
                .collect(),
            answered: t.answered,
            total: t.outcomes,
            score_text: pct(t.score),
            score: t.score,
        })
        .collect();
    let chart_id = format!("chart-logic-{}", n + 1);
    let chart = chart::bars(
        &chart_id,
        &format!(
            "{}: average progress on logic-model outcomes by term",
            fw.title
        ),
        "One bar per term (short, medium, long), from 0% (not started) to 100% (achieved); the figures are also in the table that follows.",
        vec![Group {
            label: String::new(),
            bars: terms
                .iter()
                .map(|t| Bar {
                    label: t.label.clone(),
                    value: t.score,
                    text: format!("{} ({} of {} rated)", t.score_text, t.answered, t.total),
                })
                .collect(),
        }],
    );
    Some(LogicModel {
        terms,
        chart,
        chart_id,
    })
}
