//! Learning from peers, item by item: for each establishment's weakest items (rated low, or
//! not answered), the other establishments strong on those same items, its own comparator
//! group first, with what their public evidence says.

use std::cmp::Ordering;

use crate::estate::Entry;
use crate::estate::versions::Scored;
use crate::estate::weak::WEAK_SCORE;
use crate::model::framework::{Framework, Item, Section};
use crate::model::ids;
use crate::score::{ItemScore, ItemStatus, LevelRef};

/// An item is strong at an establishment when its rating, as the evidence supports it, is at
/// least this far up its scale: the top quarter (the top level of a scale of up to four
/// levels, the top two of five or six).
pub const STRONG_ITEM: f64 = 0.75;

/// At most this many peers are listed for an item: enough to choose from, few enough to
/// contact.
pub const MAX_PEERS: usize = 3;

/// The document shows, for each establishment and framework, this many of its weakest items,
/// each with this many peers; the CSV, JSON and workbook list every weak item with up to
/// `MAX_PEERS` peers.
pub const ITEMS_SHOWN: usize = 1;
pub const PEERS_SHOWN: usize = 2;

/// No establishment is suggested as a peer more than this many times in a framework's table
/// in the document, so that one strong prison is not asked by half the estate; the exports'
/// further suggestions are spread the same way, the least suggested first, without a limit.
pub const MAX_SUGGESTED: usize = 6;

/// One establishment's weak item, and the peers strong on it.
pub struct ItemLearning<'a> {
    pub entry: &'a Entry,
    pub item: &'a Item,
    pub section: &'a Section,
    pub qualified_id: String,
    /// The establishment's own rating, as claimed and as the evidence supports it: none when
    /// unanswered.
    pub own: Option<Rating>,
    /// Never empty: an item nobody is strong on is not listed.
    pub peers: Vec<Peer<'a>>,
    /// Shown in the document: the establishment's weakest `ITEMS_SHOWN` items that have a peer
    /// still free to suggest (suggested fewer than `MAX_SUGGESTED` times).
    pub shown: bool,
}

/// An establishment strong on the item.
pub struct Peer<'a> {
    pub entry: &'a Entry,
    /// In the same comparator group as the establishment it is suggested to.
    pub same_group: bool,
    pub rating: Rating,
    /// What its public answer says: its first public piece of evidence, or else its first
    /// strength.
    pub says: Option<&'a str>,
    /// Shown in the document: at most `PEERS_SHOWN` of a shown item's peers.
    pub shown: bool,
}

/// A rating as claimed and as the evidence supports it.
#[derive(Clone, Debug, PartialEq)]
pub struct Rating {
    pub claimed: LevelRef,
    pub evidenced: LevelRef,
}

impl Rating {
    fn of(i: &ItemScore) -> Option<Rating> {
        Some(Rating {
            claimed: i.claimed.clone()?,
            evidenced: i.evidenced.clone()?,
        })
    }
}

/// For each establishment in `scored` (in that order), each of its weak items with peers, the
/// weakest first: items rated low (below `WEAK_SCORE` as the evidence supports it) by score,
/// then items not answered, in framework order. An item rated at the top of its scale, even
/// when the evidence caps it lower, is never weak; only rated items (those with a scale) are
/// considered, since only they can be strong.
///
/// Peers are chosen in two rounds. First the document's: the establishments take turns, the
/// one whose weakest item is rated lowest first (then by name), and each takes, for its
/// weakest items, up to `PEERS_SHOWN` peers among those suggested fewer than `MAX_SUGGESTED`
/// times so far. Then every weak item is given up to `MAX_PEERS` peers for the exports: the
/// document's first, then the others. In both rounds peers are ordered by `strong_on`.
pub fn peers<'a>(fw: &'a Framework, scored: &[Scored<'a>]) -> Vec<ItemLearning<'a>> {
    let rated: Vec<(&Section, &Item, String)> = fw
        .all_sections()
        .into_iter()
        .flat_map(|(_, section)| section.items.iter().map(move |item| (section, item)))
        .filter(|(_, item)| fw.item_scale(item).is_some())
        .map(|(section, item)| (section, item, ids::qualified(&fw.id.value, &item.id.value)))
        .collect();
    // Who is strong on each item, worked out once for the whole estate: each establishment's
    // weak items then choose among these, so the work grows with the estate times the items,
    // not with the estate squared times the items.
    let names: Vec<String> = scored.iter().map(|s| name_of(s.entry)).collect();
    let strong: Vec<Vec<Strong>> = rated
        .iter()
        .map(|(_, _, qid)| {
            scored
                .iter()
                .enumerate()
                .filter_map(|(at, o)| {
                    let rating = Rating::of(o.item(qid)?)?;
                    (rating.evidenced.score >= STRONG_ITEM).then(|| Strong {
                        at,
                        rating,
                        says: says(o.entry, qid),
                    })
                })
                .collect()
        })
        .collect();
    // Each establishment's weak items that someone else is strong on, weakest first: (the
    // item's place in `rated`, its score; none when not answered).
    let weak: Vec<Vec<(usize, Option<f64>)>> = scored
        .iter()
        .map(|s| {
            let mut w: Vec<(usize, Option<f64>)> = rated
                .iter()
                .enumerate()
                .filter(|(order, _)| {
                    strong[*order]
                        .iter()
                        .any(|o| scored[o.at].entry.id() != s.entry.id())
                })
                .filter_map(|(order, (_, _, qid))| weakness(s.item(qid)).map(|sc| (order, sc)))
                .collect();
            w.sort_by(weaker);
            w
        })
        .collect();
    // The document's round: the weakest choose first.
    let mut turns: Vec<usize> = (0..scored.len())
        .filter(|me| !weak[*me].is_empty())
        .collect();
    turns.sort_by(|a, b| weaker(&weak[*a][0], &weak[*b][0]).then(a.cmp(b)));
    let mut suggested = vec![0usize; scored.len()];
    let mut in_document: Vec<Vec<(usize, Vec<usize>)>> = vec![Vec::new(); scored.len()];
    for me in turns {
        for (order, _) in &weak[me] {
            if in_document[me].len() == ITEMS_SHOWN {
                break;
            }
            let free: Vec<&Strong> = strong[*order]
                .iter()
                .filter(|o| suggested[o.at] < MAX_SUGGESTED)
                .collect();
            let chosen = strong_on(me, scored, &names, &free, &suggested, PEERS_SHOWN);
            if chosen.is_empty() {
                continue;
            }
            for at in &chosen {
                suggested[*at] += 1;
            }
            in_document[me].push((*order, chosen));
        }
    }
    // The exports' round: every weak item, the document's peers first.
    let mut out = Vec::new();
    for (me, s) in scored.iter().enumerate() {
        for (order, _) in &weak[me] {
            let (section, item, qid) = &rated[*order];
            let shown = in_document[me].iter().find(|(o, _)| o == order);
            let mut chosen: Vec<usize> = shown.map(|(_, c)| c.clone()).unwrap_or_default();
            let others: Vec<&Strong> = strong[*order]
                .iter()
                .filter(|o| !chosen.contains(&o.at))
                .collect();
            let more = strong_on(
                me,
                scored,
                &names,
                &others,
                &suggested,
                MAX_PEERS - chosen.len(),
            );
            for at in &more {
                suggested[*at] += 1;
            }
            let in_doc = chosen.len();
            chosen.extend(more);
            let group = s.entry.assessment.establishment.comparator_group.as_deref();
            let peers = chosen
                .iter()
                .enumerate()
                .filter_map(|(n, at)| {
                    let o = strong[*order].iter().find(|o| o.at == *at)?;
                    let other = scored[*at].entry;
                    Some(Peer {
                        entry: other,
                        same_group: group.is_some()
                            && other.assessment.establishment.comparator_group.as_deref() == group,
                        rating: o.rating.clone(),
                        says: o.says,
                        shown: shown.is_some() && n < in_doc,
                    })
                })
                .collect();
            out.push(ItemLearning {
                entry: s.entry,
                item,
                section,
                qualified_id: qid.clone(),
                own: s.item(qid).and_then(Rating::of),
                peers,
                shown: shown.is_some(),
            });
        }
    }
    out
}

/// Which of two weak items is weaker: rated low before not answered, the lowest first; then
/// in framework order.
fn weaker(a: &(usize, Option<f64>), b: &(usize, Option<f64>)) -> Ordering {
    match (a.1, b.1) {
        (Some(x), Some(y)) => x.total_cmp(&y).then(a.0.cmp(&b.0)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.0.cmp(&b.0),
    }
}

/// Whether an answer is weak: `Some(Some(score))` when rated low, `Some(None)` when not
/// answered, `None` when not weak (rated well, not applicable, or claimed at the top).
fn weakness(own: Option<&ItemScore>) -> Option<Option<f64>> {
    let Some(i) = own else {
        return Some(None);
    };
    match i.status {
        ItemStatus::Unanswered => Some(None),
        ItemStatus::Scored => {
            let top = i.claimed.as_ref().is_some_and(|c| c.score >= 1.0);
            let score = i.score?;
            (!top && score < WEAK_SCORE).then_some(Some(score))
        }
        ItemStatus::Reported | ItemStatus::NotApplicable => None,
    }
}

/// One establishment strong on an item: where it is in `scored`, its rating and what it says.
struct Strong<'a> {
    at: usize,
    rating: Rating,
    says: Option<&'a str>,
}

/// How peers are ordered: another comparator group and saying nothing public each come
/// later; then the least suggested so far; then by name, starting from the name after the
/// establishment's own.
type Order<'n> = (bool, bool, usize, bool, (&'n String, &'n str));

/// At most `max` of the others among `strong` (those strong on an item), for the
/// establishment at `me` in `scored`, as places in `scored`: its comparator group first, then
/// those whose answer says something public, then those suggested least so far (`suggested`),
/// then by name, starting from the name after the establishment's own (so that suggestions
/// spread across the estate instead of all falling on the establishments first in the
/// alphabet).
fn strong_on(
    me: usize,
    scored: &[Scored],
    names: &[String],
    strong: &[&Strong],
    suggested: &[usize],
    max: usize,
) -> Vec<usize> {
    let s = &scored[me];
    let group = s.entry.assessment.establishment.comparator_group.as_deref();
    let own = (&names[me], s.entry.id());
    let mut chosen: Vec<Order> = strong
        .iter()
        .filter(|o| scored[o.at].entry.id() != s.entry.id())
        .map(|o| {
            let other = scored[o.at].entry;
            let same_group = group.is_some()
                && other.assessment.establishment.comparator_group.as_deref() == group;
            let name = (&names[o.at], other.id());
            (
                !same_group,
                o.says.is_none(),
                suggested[o.at],
                name < own,
                name,
            )
        })
        .collect();
    chosen.sort();
    chosen
        .into_iter()
        .take(max)
        .filter_map(|(.., (_, id))| scored.iter().position(|x| x.entry.id() == id))
        .collect()
}

fn name_of(e: &Entry) -> String {
    crate::estate::names::sort_name(&e.assessment.establishment.name)
}

/// What an establishment's public answer to `qid` says: its first public piece of evidence,
/// or else its first strength. The estate holds public answers only.
fn says<'a>(e: &'a Entry, qid: &str) -> Option<&'a str> {
    let r = e.assessment.responses.get(qid).filter(|r| !r.restricted)?;
    r.evidence
        .iter()
        .find(|x| !x.restricted)
        .map(|x| x.text.value.as_str())
        .or_else(|| r.strengths.first().map(String::as_str))
}

#[cfg(test)]
mod tests {
    //! Items on `five` score 0, 0.25, 0.5, 0.75 and 1 for l0 to l4: l0 and l1 are weak (below
    //! 0.5), l3 and l4 strong (0.75 and above).
    //!
    //! |       | group | v1 | v2 | c1 | l1 |
    //! |-------|-------|----|----|----|----|
    //! | HMP A | open  | l1 | l4 | –  | l0 |
    //! | HMP B | local | l4 | l0 | l3 | l4 |
    //! | HMP C | open  | l3 | –  | l4 | l4 (restricted) |
    //! | HMP D | open  | l4 | l3 | l0 | –  |

    use super::*;
    use crate::estate::fixture::{catalog, entry, framework};
    use crate::estate::versions::comparable;

    fn estate() -> Vec<Entry> {
        let a = "responses:\n  est/v1: { rating: l1 }\n  est/v2: { rating: l4 }\n  est/l1: { rating: l0 }\n";
        let b = "responses:\n  est/v1: { rating: l4, strengths: [Greeted by name.] }\n  \
                 est/v2: { rating: l0 }\n  est/c1: { rating: l3 }\n  est/l1: { rating: l4 }\n";
        let c = "responses:\n  est/v1: { rating: l3, evidence: [{ kind: document, text: Private., restricted: true }, \
                 { kind: document, text: Visit rota. }], strengths: [Early starts.] }\n  \
                 est/c1: { rating: l4 }\n  est/l1: { rating: l4, evidence: [{ kind: document, text: Secret. }], restricted: true }\n";
        let d = "responses:\n  est/v1: { rating: l4 }\n  est/v2: { rating: l3 }\n  est/c1: { rating: l0 }\n";
        vec![
            entry("hmp-a", "HMP A", Some("open"), 2025, a),
            entry("hmp-b", "HMP B", Some("local"), 2025, b),
            entry("hmp-c", "HMP C", Some("open"), 2025, c),
            entry("hmp-d", "HMP D", Some("open"), 2025, d),
        ]
    }

    /// Who is pointed to whom, for which item.
    fn suggested(entries: &[Entry]) -> Vec<(String, String, Vec<String>)> {
        let fw = framework();
        let refs: Vec<&Entry> = entries.iter().collect();
        let scored = comparable(&catalog(), &fw, &refs).scored;
        peers(&fw, &scored)
            .into_iter()
            .map(|p| {
                let names = p.peers.iter().map(|o| o.entry.id().to_string()).collect();
                (p.entry.id().to_string(), p.item.id.value.clone(), names)
            })
            .collect()
    }

    fn row(e: &str, item: &str, peers: &[&str]) -> (String, String, Vec<String>) {
        (
            e.into(),
            item.into(),
            peers.iter().map(|p| p.to_string()).collect(),
        )
    }

    #[test]
    fn peers_are_matched_by_item_and_never_on_what_is_rated_at_the_top() {
        assert_eq!(
            suggested(&estate()),
            [
                // A: l1 rated l0 (0), then v1 rated l1 (0.25); then c1, unanswered. v2, rated
                // at the top, is never suggested. On l1, B is strong; C's rating is restricted,
                // so C is no peer. On v1: its group first (C, whose evidence says something,
                // then D), then B. On c1: C (open), then B.
                row("hmp-a", "l1", &["hmp-b"]),
                row("hmp-a", "v1", &["hmp-c", "hmp-d", "hmp-b"]),
                row("hmp-a", "c1", &["hmp-c", "hmp-b"]),
                // B: v2 rated l0; strong on it: A (l4) and D (l3), neither in its group, neither
                // saying anything. By name from after B's own: D, then A.
                row("hmp-b", "v2", &["hmp-d", "hmp-a"]),
                // C: v2 unanswered: A and D, its group, by name from after C's: D, then A. l1 is
                // withheld, so unanswered in the estate: B.
                row("hmp-c", "v2", &["hmp-d", "hmp-a"]),
                row("hmp-c", "l1", &["hmp-b"]),
                // D: c1 rated l0 (C of its group, then B); l1 unanswered (B).
                row("hmp-d", "c1", &["hmp-c", "hmp-b"]),
                row("hmp-d", "l1", &["hmp-b"]),
            ]
        );
    }

    #[test]
    fn what_a_peer_says_is_public() {
        let fw = framework();
        let entries = estate();
        let refs: Vec<&Entry> = entries.iter().collect();
        let scored = comparable(&catalog(), &fw, &refs).scored;
        let all = peers(&fw, &scored);
        let v1 = all
            .iter()
            .find(|p| p.entry.id() == "hmp-a" && p.item.id.value == "v1")
            .unwrap();
        let said: Vec<Option<&str>> = v1.peers.iter().map(|p| p.says).collect();
        // C's public evidence (not the restricted entry, not its strength); D says nothing; B
        // gives a strength and no evidence.
        assert_eq!(said, [Some("Visit rota."), None, Some("Greeted by name.")]);
        // The establishment's own answer: A's rating of v1, l1.
        assert_eq!(v1.own.as_ref().map(|o| o.claimed.id.as_str()), Some("l1"));
        // Nothing restricted is ever quoted.
        assert!(
            all.iter()
                .flat_map(|p| &p.peers)
                .all(|p| p.says != Some("Secret."))
        );
    }

    #[test]
    fn a_claim_at_the_top_is_never_weak_even_when_capped() {
        let (fw, catalog) = crate::estate::fixture::framework_with(
            "  evidence_required: { five: l1 }\n",
            "  - id: visits\n    title: Visits\n    items:\n      \
             - { id: v1, kind: criterion, text: Visits start on time., scale: five }\n",
        );
        let make = |id: &str, body: &str| {
            crate::estate::fixture::entry_in(&catalog, id, id, None, 2025, "est", body)
        };
        // A claims the top with no evidence: counted as l0, the level below l1, yet never
        // weak. B rates l0 with evidence: weak, and C, strong with evidence, is its peer.
        let doc = "evidence: [{ kind: document, text: Log. }]";
        let entries = [
            make("a", "responses:\n  est/v1: { rating: l4 }\n"),
            make(
                "b",
                &format!("responses:\n  est/v1: {{ rating: l0, {doc} }}\n"),
            ),
            make(
                "c",
                &format!("responses:\n  est/v1: {{ rating: l4, {doc} }}\n"),
            ),
        ];
        let refs: Vec<&Entry> = entries.iter().collect();
        let scored = comparable(&catalog, &fw, &refs).scored;
        let listed: Vec<(&str, Vec<&str>)> = peers(&fw, &scored)
            .iter()
            .map(|p| (p.entry.id(), p.peers.iter().map(|o| o.entry.id()).collect()))
            .collect();
        assert_eq!(listed, [("b", vec!["c"])]);
    }

    /// No establishment is suggested more than `MAX_SUGGESTED` times in the document: what the
    /// document says of its rule. The weakest choose first; the exports still list every peer.
    #[test]
    fn no_establishment_is_suggested_more_than_the_limit_in_the_document() {
        let strong = "responses:\n  est/v1: { rating: l4 }\n";
        let mut entries = vec![entry("hmp-s", "HMP S", None, 2025, strong)];
        // Ten establishments weak on v1, which only HMP S is strong on: HMP W9 rates it l0,
        // the others l1, so HMP W9 chooses first, then the others by name.
        for i in 0..10 {
            let level = if i == 9 { "l0" } else { "l1" };
            let body = format!("responses:\n  est/v1: {{ rating: {level} }}\n");
            entries.push(entry(
                &format!("hmp-w{i}"),
                &format!("HMP W{i}"),
                None,
                2025,
                &body,
            ));
        }
        let fw = framework();
        let refs: Vec<&Entry> = entries.iter().collect();
        let scored = comparable(&catalog(), &fw, &refs).scored;
        let all = peers(&fw, &scored);
        let v1: Vec<&ItemLearning> = all.iter().filter(|l| l.item.id.value == "v1").collect();
        assert_eq!(v1.len(), 10);
        // In the exports, HMP S is every one's peer.
        assert!(
            v1.iter()
                .all(|l| l.peers.len() == 1 && l.peers[0].entry.id() == "hmp-s")
        );
        // In the document, it is suggested MAX_SUGGESTED times: to HMP W9 first, then by name.
        let shown: Vec<&str> = v1
            .iter()
            .filter(|l| l.shown && l.peers.iter().any(|p| p.shown))
            .map(|l| l.entry.id())
            .collect();
        assert_eq!(MAX_SUGGESTED, 6);
        assert_eq!(
            shown,
            ["hmp-w0", "hmp-w1", "hmp-w2", "hmp-w3", "hmp-w4", "hmp-w9"]
        );
        let times = all
            .iter()
            .flat_map(|l| &l.peers)
            .filter(|p| p.shown && p.entry.id() == "hmp-s")
            .count();
        assert_eq!(times, MAX_SUGGESTED);
    }
}
