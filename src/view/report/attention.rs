//! What an inspector looks at first, on the report's first page: the ratings claimed without
//! the evidence their framework asks for, the actions overdue and for how long, the weakest
//! sections, the largest moves since last year, and the family measures beside last year's.
//! `estate::headlines` works them out; this only arranges them, each with a link to its detail.

use serde::Serialize;

use crate::estate::change::{Move, moved};
use crate::estate::headlines::{self, LargeMove, MeasureYears, Moved};
use crate::model::catalog::Catalog;
use crate::model::framework::Measure;
use crate::view::framework::format_number;
use crate::view::numbers::{pct, short_number};

use super::change::item_label;
use super::{ActionPlan, ActionView, FrameworkReport, Year};

/// The summary lists this many of the ratings claimed without evidence; the detail marks every
/// one.
pub const CLAIMS_LISTED: usize = 3;

#[derive(Serialize)]
pub struct Attention {
    /// Ratings the report shows that were claimed without the evidence their framework asks
    /// for, and count one level lower.
    pub capped: usize,
    /// The first `CLAIMS_LISTED` of them, in the report's order.
    pub claims: Vec<Claim>,
    /// How many more the detail marks.
    pub more_claims: usize,
    /// The live actions overdue, as the action plan lists them (each says for how long).
    pub overdue: Vec<ActionView>,
    /// The weakest sections with a score, the lowest first.
    pub weakest: Vec<Weakest>,
    /// Last year, when its self-assessment was found.
    pub previous_year: Option<i32>,
    /// The largest rises and falls since last year, of sections and items.
    pub moves_up: Vec<LargestMove>,
    pub moves_down: Vec<LargestMove>,
    /// The family measures with a figure this year or last, beside last year's.
    pub measures: Vec<MeasureChange>,
}

#[derive(Serialize)]
pub struct Claim {
    pub framework: String,
    pub item: String,
    pub claimed: String,
    pub evidenced: String,
    /// The item's place in the report (an HTML fragment, `#` and its qualified id).
    pub link: String,
}

#[derive(Serialize)]
pub struct Weakest {
    pub framework: String,
    pub section: String,
    pub score_text: String,
    pub grade: Option<String>,
    pub provisional: bool,
    pub link: String,
}

#[derive(Serialize)]
pub struct LargestMove {
    pub framework: String,
    /// `section` or `item`.
    pub kind: String,
    /// The section's title or the item's text.
    pub what: String,
    pub before: String,
    pub after: String,
    /// "up 12 points", "down 5 points".
    pub movement: String,
    pub link: String,
}

#[derive(Serialize)]
pub struct MeasureChange {
    pub framework: String,
    pub text: String,
    /// This year's figure, or "Not given".
    pub now: String,
    /// Last year's figure, or "Not given"; none when there is no last year.
    pub last_year: Option<String>,
    /// "up 5 points", "down 3", "no change", "not given last year", "not given this year";
    /// none when there is no last year.
    pub movement: Option<String>,
    pub link: String,
}

pub(super) fn attention(
    catalog: &Catalog,
    frameworks: &[FrameworkReport],
    actions: &ActionPlan,
    current: &Year<'_>,
    previous: Option<&Year<'_>>,
    public: bool,
) -> Attention {
    let mut all: Vec<Claim> = Vec::new();
    for f in frameworks {
        for i in f
            .sections
            .iter()
            .flat_map(|s| &s.items)
            .filter(|i| i.capped)
        {
            all.push(Claim {
                framework: f.title.clone(),
                item: i.text.clone(),
                claimed: i.claimed.clone().unwrap_or_default(),
                evidenced: i.evidenced.clone().unwrap_or_default(),
                link: format!("#{}", i.qualified_id),
            });
        }
    }
    let capped = all.len();
    all.truncate(CLAIMS_LISTED);
    let weakest = headlines::weakest(current.card)
        .into_iter()
        .map(|w| Weakest {
            framework: w.framework.title.clone(),
            section: w.section.title.clone(),
            score_text: pct(w.section.score),
            grade: w.section.grade.clone(),
            provisional: w.section.provisional,
            link: format!("#{}-{}", w.framework.id, w.section.id),
        })
        .collect();
    let hidden = |y: &Year<'_>, id: &str| {
        public && y.assessment.responses.get(id).is_some_and(|r| r.restricted)
    };
    let (moves_up, moves_down) = match previous {
        Some(prev) => {
            let moves = headlines::largest_moves(prev.card, current.card, |id| {
                !hidden(current, id) && !hidden(prev, id)
            });
            (
                moves
                    .up
                    .iter()
                    .map(|m| largest_move(catalog, m, "up"))
                    .collect(),
                moves
                    .down
                    .iter()
                    .map(|m| largest_move(catalog, m, "down"))
                    .collect(),
            )
        }
        None => (Vec::new(), Vec::new()),
    };
    let measures = headlines::measures(previous.map(|p| p.card), current.card)
        .iter()
        .filter_map(|m| measure_change(catalog, m, previous.is_some()))
        .collect();
    Attention {
        capped,
        more_claims: capped - all.len(),
        claims: all,
        overdue: actions.live.iter().filter(|a| a.overdue).cloned().collect(),
        weakest,
        previous_year: previous.map(|p| *p.assessment.year),
        moves_up,
        moves_down,
        measures,
    }
}

/// A large move in words; `way` is "up" or "down".
fn largest_move(catalog: &Catalog, m: &LargeMove<'_>, way: &str) -> LargestMove {
    let fw = catalog.get_version(&m.framework.id, &m.framework.version);
    let (kind, what, before, after, link) = match &m.moved {
        Moved::Section { before, after } => (
            "section",
            after.title.clone(),
            pct(before.score),
            pct(after.score),
            format!("#{}-{}", m.framework.id, after.id),
        ),
        Moved::Item { before, after } => {
            let item = fw.and_then(|f| f.item(&after.id));
            (
                "item",
                item.map(|i| i.text.trim_end_matches('.').to_string())
                    .unwrap_or_default(),
                fw.map_or_else(|| pct(before.score), |f| item_label(f, before)),
                fw.map_or_else(|| pct(after.score), |f| item_label(f, after)),
                format!("#{}", after.qualified_id),
            )
        }
    };
    let movement = format!("{way} {}", points(m.points));
    LargestMove {
        framework: m.framework.title.clone(),
        kind: kind.to_string(),
        what,
        before,
        after,
        movement,
        link,
    }
}

/// A move's size in words: "1 point", "12 points".
fn points(n: i64) -> String {
    if n == 1 {
        "1 point".to_string()
    } else {
        format!("{n} points")
    }
}

/// A measure beside last year's; none for a measure the catalog no longer describes.
fn measure_change(
    catalog: &Catalog,
    m: &MeasureYears<'_>,
    has_last_year: bool,
) -> Option<MeasureChange> {
    let fw = catalog.get_version(&m.framework.id, &m.framework.version)?;
    let item = fw.item(&m.item.id)?;
    let measure = item.metric.as_ref()?.measure;
    let figure = |r: Option<&crate::score::MetricResult>| r.and_then(|r| r.figure);
    let (before, after) = (figure(m.before), figure(m.after));
    let shown =
        |v: Option<f64>| v.map_or_else(|| "Not given".to_string(), |v| format_number(v, measure));
    let movement = has_last_year.then(|| match (before, after) {
        (Some(b), Some(a)) => match measure {
            Measure::Rate => match moved(b, a) {
                Move::Up(p) => format!("up {}", points(p)),
                Move::Down(p) => format!("down {}", points(p)),
                Move::Same => "no change".to_string(),
            },
            Measure::Number if crate::model::float::same(a, b) => "no change".to_string(),
            Measure::Number if a > b => format!("up {}", short_number(a - b)),
            Measure::Number => format!("down {}", short_number(b - a)),
        },
        (None, Some(_)) => "not given last year".to_string(),
        (Some(_), None) => "not given this year".to_string(),
        (None, None) => "not given either year".to_string(),
    });
    Some(MeasureChange {
        framework: fw.title.clone(),
        text: item.text.trim_end_matches('.').to_string(),
        now: shown(after),
        last_year: has_last_year.then(|| shown(before)),
        movement,
        link: format!("#measures-{}", fw.id.value),
    })
}
