//! Learning from peers: for each establishment's weakest sections, establishments strong in
//! them, the same comparator group first, with what they do there.

use std::cmp::Ordering;

use crate::estate::Entry;
use crate::estate::stats::{SectionSpread, median_of};
use crate::estate::versions::{Scored, item_score};
use crate::model::framework::{Framework, Item, Section};
use crate::model::ids;

/// Each establishment is pointed to peers for at most this many sections, its weakest: where
/// learning would help it most, without a list too long to follow up.
pub const WEAKEST_SECTIONS: usize = 2;

/// At most this many peers for a section: enough to choose from, few enough to contact.
pub const MAX_PEERS: usize = 3;

/// At most this many examples of what a peer does in the section.
pub const PRACTICE_PER_PEER: usize = 2;

/// Whether a section score is strong: in the framework's top band, or, for a framework with no
/// bands, above the estate's median for the section.
pub fn strong(fw: &Framework, score: Option<f64>, median: Option<f64>) -> bool {
    match (score, fw.scoring.bands.is_empty()) {
        (Some(s), false) => fw.band(s) == Some(fw.scoring.bands.len() - 1),
        (Some(s), true) => median.is_some_and(|m| s > m),
        (None, _) => false,
    }
}

/// Peers for one establishment's weak section.
pub struct PeerLearning<'a> {
    pub entry: &'a Entry,
    pub section: &'a Section,
    pub score: f64,
    /// Never empty: a section with no strong peer is not listed.
    pub peers: Vec<Peer<'a>>,
}

/// An establishment strong in the section.
pub struct Peer<'a> {
    pub entry: &'a Entry,
    /// In the same comparator group as the establishment it is suggested to.
    pub same_group: bool,
    pub score: Option<f64>,
    pub grade: Option<String>,
    pub practice: Vec<Practice<'a>>,
}

/// Something a peer does: a public item it answered, with its first strength or else its first
/// public piece of evidence.
pub struct Practice<'a> {
    pub item: &'a Item,
    pub what: &'a str,
}

/// For each establishment in `scored` (in that order), its `WEAKEST_SECTIONS` lowest-scoring
/// top-level sections that are not strong, lowest first, each with up to `MAX_PEERS` others
/// strong there.
pub fn peers<'a>(
    fw: &'a Framework,
    scored: &[Scored<'a>],
    spread: &[SectionSpread],
) -> Vec<PeerLearning<'a>> {
    let is_strong = |s: &Scored, section: &Section| {
        strong(fw, s.section(&section.id), median_of(spread, &section.id))
    };
    let mut out = Vec::new();
    for s in scored {
        let mut weakest: Vec<(&Section, f64)> = fw
            .sections
            .iter()
            .filter_map(|section| s.section(&section.id).map(|v| (section, v)))
            .filter(|(section, _)| !is_strong(s, section))
            .collect();
        weakest.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.id.cmp(&b.0.id)));
        let group = s.entry.assessment.establishment.comparator_group.as_deref();
        let same_group = |o: &Entry| {
            group.is_some() && o.assessment.establishment.comparator_group.as_deref() == group
        };
        for (section, score) in weakest.into_iter().take(WEAKEST_SECTIONS) {
            let mut candidates: Vec<&Scored> = scored
                .iter()
                .filter(|o| o.entry.id() != s.entry.id() && is_strong(o, section))
                .collect();
            candidates.sort_by(|a, b| {
                (same_group(b.entry), name(a)).cmp(&(same_group(a.entry), name(b)))
            });
            let peers: Vec<Peer> = candidates
                .into_iter()
                .take(MAX_PEERS)
                .map(|o| {
                    let ss = o.score.sections.iter().find(|x| x.id == section.id.value);
                    Peer {
                        entry: o.entry,
                        same_group: same_group(o.entry),
                        score: ss.and_then(|x| x.score),
                        grade: ss.and_then(|x| x.grade.clone()),
                        practice: practice(fw, o.entry, section),
                    }
                })
                .collect();
            if !peers.is_empty() {
                out.push(PeerLearning {
                    entry: s.entry,
                    section,
                    score,
                    peers,
                });
            }
        }
    }
    out
}

fn name<'s>(s: &'s Scored) -> &'s str {
    &s.entry.assessment.establishment.name
}

/// Up to `PRACTICE_PER_PEER` things an establishment does in a section: its public items that
/// say what (a strength, or public evidence), the best-rated first.
pub fn practice<'a>(fw: &Framework, e: &'a Entry, section: &'a Section) -> Vec<Practice<'a>> {
    let Some(fs) = e.card.frameworks.iter().find(|f| f.id == fw.id.value) else {
        return Vec::new();
    };
    let mut found: Vec<(f64, Practice)> = Vec::new();
    for item in section.all_items() {
        let qid = ids::qualified(&fw.id.value, &item.id.value);
        let Some(r) = e.assessment.responses.get(&qid) else {
            continue;
        };
        if r.restricted {
            continue;
        }
        let score = item_score(fs, &qid).and_then(|i| i.score).unwrap_or(0.0);
        let what = r.strengths.first().map(String::as_str).or_else(|| {
            r.evidence
                .iter()
                .find(|x| !x.restricted)
                .map(|x| x.text.value.as_str())
        });
        if let Some(what) = what {
            found.push((score, Practice { item, what }));
        }
    }
    found.sort_by(|a, b| b.0.total_cmp(&a.0).then(reading_order(&a.1, &b.1)));
    found
        .into_iter()
        .take(PRACTICE_PER_PEER)
        .map(|(_, p)| p)
        .collect()
}

/// Practice of equal score in the order a reader finds it listed: by the line `item: what`, the
/// item's words without their closing full stop, compared byte by byte without making it.
fn reading_order(a: &Practice, b: &Practice) -> Ordering {
    fn line<'p>(p: &'p Practice) -> impl Iterator<Item = u8> + 'p {
        let item = p.item.text.trim_end_matches('.');
        item.bytes().chain(*b": ").chain(p.what.bytes())
    }
    line(a).cmp(line(b))
}

#[cfg(test)]
mod tests {
    //! Items on `five` score 0, 0.25, 0.5, 0.75 and 1 for l0 to l4; each section here has one
    //! item answered, so the section's score is that item's. Bands: Low [0, 0.5), Fair
    //! [0.5, 0.75), High [0.75, 1]: strong is High.
    //!
    //! |       | group | visits | contact | learning |
    //! |-------|-------|--------|---------|----------|
    //! | HMP A | open  | 0.25   | 0.5     | 1        |
    //! | HMP B | local | 1      | 1       | 0.25     |
    //! | HMP C | open  | –      | 0       | 0        |
    //! | HMP D | open  | 0.875  | –       | –        |
    //!
    //! C's visits rating and D's contact rating are restricted: the estate never holds them, so
    //! those sections have no score (D's visits are (1 + 0.75) / 2).

    use super::*;
    use crate::estate::fixture::{catalog, entry, framework, ratings};
    use crate::estate::stats::spread;
    use crate::estate::versions::comparable;

    fn estate() -> Vec<Entry> {
        let d = "responses:\n  \
                 est/v1: { rating: l4, strengths: [Staff greet families by name.] }\n  \
                 est/v2: { rating: l3, evidence: [{ kind: document, text: Visitor survey., restricted: true }, \
                 { kind: document, text: Weekend rota. }] }\n  \
                 est/c1: { rating: l4, strengths: [Free calls in the first week.], restricted: true }\n";
        let c = "responses:\n  \
                 est/v1: { rating: l3, strengths: [Private practice.], restricted: true }\n  \
                 est/c1: { rating: l0 }\n  est/l1: { rating: l0 }\n";
        vec![
            entry(
                "hmp-a",
                "HMP A",
                Some("open"),
                2025,
                &ratings(&[("v1", "l1"), ("c1", "l2"), ("l1", "l4")]),
            ),
            entry(
                "hmp-b",
                "HMP B",
                Some("local"),
                2025,
                &ratings(&[("v1", "l4"), ("c1", "l4"), ("l1", "l1")]),
            ),
            entry("hmp-c", "HMP C", Some("open"), 2025, c),
            entry("hmp-d", "HMP D", Some("open"), 2025, d),
        ]
    }

    /// Who is pointed to whom, for which section.
    fn suggested(fw: &Framework, entries: &[Entry]) -> Vec<(String, String, Vec<String>)> {
        let refs: Vec<&Entry> = entries.iter().collect();
        let scored = comparable(&catalog(), fw, &refs).scored;
        let spread = spread(fw, &scored);
        peers(fw, &scored, &spread)
            .into_iter()
            .map(|p| {
                let names = p.peers.iter().map(|o| o.entry.id().to_string()).collect();
                (p.entry.id().to_string(), p.section.id.value.clone(), names)
            })
            .collect()
    }

    fn row(e: &str, s: &str, peers: &[&str]) -> (String, String, Vec<String>) {
        (
            e.into(),
            s.into(),
            peers.iter().map(|p| p.to_string()).collect(),
        )
    }

    #[test]
    fn strong_is_the_top_band_or_above_the_median() {
        let fw = framework();
        // With bands: High from 0.75, its min, up to 1.
        assert!(strong(&fw, Some(0.75), None));
        assert!(strong(&fw, Some(1.0), Some(1.0)));
        assert!(!strong(&fw, Some(0.74), Some(0.1)));
        assert!(!strong(&fw, None, Some(0.1)));
        // Without bands: above the estate's median for the section, not equal to it.
        let mut plain = framework();
        plain.scoring.bands.value.clear();
        assert!(strong(&plain, Some(0.6), Some(0.5)));
        assert!(!strong(&plain, Some(0.5), Some(0.5)));
        assert!(!strong(&plain, Some(0.9), None));
    }

    #[test]
    fn peers_by_bands_same_group_first() {
        let fw = framework();
        assert_eq!(
            suggested(&fw, &estate()),
            [
                // A: its two weakest, visits 0.25 and contact 0.5 (learning is strong).
                // Strong in visits: B 1, D 0.875; the open group (D) first. C's restricted
                // rating is not used, so C is no peer.
                row("hmp-a", "visits", &["hmp-d", "hmp-b"]),
                row("hmp-a", "contact", &["hmp-b"]),
                // B: learning alone is not strong; A is, in another group.
                row("hmp-b", "learning", &["hmp-a"]),
                // C: contact 0 and learning 0, equal, so by id; visits has no score.
                row("hmp-c", "contact", &["hmp-b"]),
                row("hmp-c", "learning", &["hmp-a"]),
                // D: strong in the one section it has a score for.
            ]
        );
    }

    #[test]
    fn peers_by_median_without_bands() {
        let mut fw = framework();
        fw.scoring.bands.value.clear();
        // Medians: visits 0.25, 0.875, 1: 0.875, so D's 0.875 is not above it. Contact 0, 0.5,
        // 1: 0.5. Learning 0, 0.25, 1: 0.25, so B's 0.25 is not above it.
        assert_eq!(
            suggested(&fw, &estate()),
            [
                row("hmp-a", "visits", &["hmp-b"]),
                row("hmp-a", "contact", &["hmp-b"]),
                row("hmp-b", "learning", &["hmp-a"]),
                // C: contact 0 and learning 0, none strong: the two lowest.
                row("hmp-c", "contact", &["hmp-b"]),
                row("hmp-c", "learning", &["hmp-a"]),
                // D: visits 0.875, not above the median, its only score.
                row("hmp-d", "visits", &["hmp-b"]),
            ]
        );
    }

    #[test]
    fn never_the_establishment_itself_and_at_most_the_limit() {
        let fw = framework();
        let mut entries = estate();
        for i in 0..4 {
            let id = format!("hmp-x{i}");
            entries.push(entry(
                &id,
                &id.to_uppercase(),
                None,
                2025,
                &ratings(&[("v1", "l4")]),
            ));
        }
        for (e, _, peers) in suggested(&fw, &entries) {
            assert!(!peers.contains(&e), "{e} is its own peer");
            assert!(peers.len() <= MAX_PEERS);
        }
        // A now has six establishments strong in visits to learn from: three are listed, its own
        // group's (D) first.
        let a = suggested(&fw, &entries);
        assert_eq!(a[0], row("hmp-a", "visits", &["hmp-d", "hmp-b", "hmp-x0"]));
    }

    #[test]
    fn practice_is_public_and_the_best_rated_first() {
        let fw = framework();
        let entries = estate();
        let visits = &fw.sections[0];
        let said = |e: &Entry, section: &Section| -> Vec<(String, String)> {
            practice(&fw, e, section)
                .into_iter()
                .map(|p| (p.item.id.value.clone(), p.what.to_string()))
                .collect()
        };
        // D in visits: v1 (1) by its strength, then v2 (0.75) by its public evidence, not the
        // restricted survey.
        assert_eq!(
            said(&entries[3], visits),
            [
                ("v1".into(), "Staff greet families by name.".into()),
                ("v2".into(), "Weekend rota.".into())
            ]
        );
        // A restricted answer is never quoted: C's visits and D's contact say nothing.
        assert!(said(&entries[2], visits).is_empty());
        assert!(said(&entries[3], &fw.sections[1]).is_empty());
        // Answers that give nothing to quote are left out: A's ratings alone.
        assert!(said(&entries[0], visits).is_empty());
    }

    #[test]
    fn practice_of_equal_score_in_reading_order() {
        let fw = framework();
        let both = "responses:\n  est/v1: { rating: l4, strengths: [Early.] }\n  \
                    est/v2: { rating: l4, strengths: [Warm.] }\n";
        let e = entry("hmp-a", "HMP A", None, 2025, both);
        // Both score 1: "The centre welcomes families: Warm." reads before "Visits start on
        // time: Early.", though v1 comes first in the framework.
        let items: Vec<String> = practice(&fw, &e, &fw.sections[0])
            .iter()
            .map(|p| p.item.id.value.clone())
            .collect();
        assert_eq!(items, ["v2", "v1"]);
    }
}
