//! What an inspector looks at first: the ratings claimed without the evidence their framework
//! asks for, and the actions overdue, stated in the summary before the detail.

use serde::Serialize;

use super::{ActionPlan, ActionView, FrameworkReport};

/// The summary lists this many of the ratings claimed without evidence; the detail marks every
/// one.
pub const CLAIMS_LISTED: usize = 10;

#[derive(Serialize)]
pub struct Attention {
    /// Ratings the report shows that were claimed without the evidence their framework asks
    /// for, and count one level lower.
    pub capped: usize,
    /// The first `CLAIMS_LISTED` of them, in the report's order.
    pub claims: Vec<Claim>,
    /// How many more the detail marks.
    pub more_claims: usize,
    /// The live actions overdue, as the action plan lists them.
    pub overdue: Vec<ActionView>,
}

#[derive(Serialize)]
pub struct Claim {
    pub framework: String,
    pub item: String,
    pub claimed: String,
    pub evidenced: String,
}

pub(super) fn attention(frameworks: &[FrameworkReport], actions: &ActionPlan) -> Attention {
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
            });
        }
    }
    let capped = all.len();
    all.truncate(CLAIMS_LISTED);
    Attention {
        capped,
        more_claims: capped - all.len(),
        claims: all,
        overdue: actions.live.iter().filter(|a| a.overdue).cloned().collect(),
    }
}
