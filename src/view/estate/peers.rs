//! Learning from peers, item by item, as the view words it: each establishment's weak items
//! with the establishments strong on them and what their public evidence says.

use serde::Serialize;

use crate::estate::peers::{
    ITEMS_SHOWN, ItemLearning, MAX_PEERS, MAX_SUGGESTED, PEERS_SHOWN, Rating, STRONG_ITEM,
};
use crate::estate::weak::WEAK_SCORE;
use crate::model::framework::Framework;
use crate::view::numbers::percent;

/// One establishment's weak item and the peers strong on it.
#[derive(Serialize)]
pub struct PeerItem {
    pub id: String,
    pub establishment: String,
    pub comparator_group: Option<String>,
    pub framework: String,
    pub section: String,
    /// The item's qualified id.
    pub item_id: String,
    pub item: String,
    /// The establishment's own rating in words: "Not answered", a level, or a level claimed
    /// and the one the evidence supports.
    pub rating: String,
    /// Shown in the document (the establishment's weakest `ITEMS_SHOWN` in the framework with
    /// a peer free to suggest); every item is in the CSV, JSON and workbook.
    pub shown: bool,
    pub peers: Vec<PeerView>,
}

#[derive(Serialize)]
pub struct PeerView {
    pub id: String,
    pub name: String,
    pub comparator_group: Option<String>,
    pub same_group: bool,
    /// Its rating, as the evidence supports it.
    pub rating: String,
    /// What its public evidence says (or else a strength it gives); none when it gives neither.
    pub says: Option<String>,
    /// Shown in the document (at most `PEERS_SHOWN` of a shown item's).
    pub shown: bool,
}

/// The view of a framework's peer learning, in the analysis's order (establishments by name,
/// each one's weakest items first).
pub fn peer_items(fw: &Framework, learning: &[ItemLearning]) -> Vec<PeerItem> {
    let mut out: Vec<PeerItem> = Vec::with_capacity(learning.len());
    for l in learning {
        let est = &l.entry.assessment.establishment;
        out.push(PeerItem {
            id: est.id.value.clone(),
            establishment: est.name.clone(),
            comparator_group: est.comparator_group.clone(),
            framework: fw.id.value.clone(),
            section: l.section.short().to_string(),
            item_id: l.qualified_id.clone(),
            item: l.item.text.clone(),
            rating: l
                .own
                .as_ref()
                .map_or_else(|| "Not answered".to_string(), own_rating),
            shown: l.shown,
            peers: l
                .peers
                .iter()
                .map(|p| {
                    let pe = &p.entry.assessment.establishment;
                    PeerView {
                        id: pe.id.value.clone(),
                        name: pe.name.clone(),
                        comparator_group: pe.comparator_group.clone(),
                        same_group: p.same_group,
                        rating: p.rating.evidenced.label.clone(),
                        says: p.says.map(str::to_string),
                        shown: p.shown,
                    }
                })
                .collect(),
        });
    }
    out
}

/// A rating in words, with the level the evidence supports where the claim was capped.
fn own_rating(r: &Rating) -> String {
    if r.claimed.id == r.evidenced.id {
        r.claimed.label.clone()
    } else {
        format!(
            "{}, counted as {} for want of evidence",
            r.claimed.label, r.evidenced.label
        )
    }
}

/// How peers are matched, in sentences, with the limits.
pub fn rule() -> String {
    format!(
        "For each establishment, the items it rates in the lower half of their scale (below {}), or leaves unanswered, are matched with other establishments strong on the same item: rated, as their evidence supports it, at {} of the scale or above. An item an establishment rates at the top of its scale is never suggested. Its own comparator group comes first, then those whose public evidence says something, then those suggested least so far, then by name. The document shows each establishment's weakest {} in each framework, with up to {} peers; the establishments with the lowest ratings choose first, and no establishment is suggested more than {} times in a framework, so that the same few prisons are not asked by everyone. The CSV, JSON and workbook list every such item, with up to {} peers.",
        percent(WEAK_SCORE),
        percent(STRONG_ITEM),
        if ITEMS_SHOWN == 1 {
            "item".to_string()
        } else {
            format!("{ITEMS_SHOWN} items")
        },
        PEERS_SHOWN,
        MAX_SUGGESTED,
        MAX_PEERS
    )
}

/// How many establishments have weak items with peers but none in the document: every peer
/// strong on them was already suggested `MAX_SUGGESTED` times.
pub fn left_out(learning: &[ItemLearning]) -> usize {
    let mut with: Vec<&str> = learning.iter().map(|l| l.entry.id()).collect();
    with.dedup();
    let mut shown: Vec<&str> = learning
        .iter()
        .filter(|l| l.shown)
        .map(|l| l.entry.id())
        .collect();
    shown.dedup();
    with.len() - shown.len()
}
