//! The good-practice digest: items establishments rate at the top level of their scale and
//! support with public evidence, section by section.

use std::collections::BTreeSet;

use crate::estate::Entry;
use crate::estate::versions::Scored;
use crate::model::framework::{Framework, Item, Section};
use crate::model::ids;

/// At most this many examples a section: the digest points to peers to ask, it is not a
/// catalogue of everything done well (learning from peers, item by item, names more).
pub const MAX_DIGEST_ENTRIES: usize = 5;

/// At most this many pieces of public evidence quoted for an example.
pub const EVIDENCE_PER_ENTRY: usize = 2;

/// An establishment gives at most this many examples in a section, so that the examples come
/// from across the estate; across a framework's sections, those shown least so far come first.
pub const MAX_PER_ESTABLISHMENT: usize = 1;

/// The examples of good practice in one top-level section.
pub struct DigestSection<'a> {
    pub section: &'a Section,
    /// Never empty: a section with no example is left out.
    pub entries: Vec<DigestEntry<'a>>,
    /// How many answers in the section qualify (the top level, with public evidence), of
    /// which `entries` are those shown.
    pub qualifying: usize,
    /// How many establishments give them.
    pub establishments: usize,
}

/// One establishment's item at the top level, with its public evidence.
pub struct DigestEntry<'a> {
    pub entry: &'a Entry,
    pub item: &'a Item,
    /// The label of the level the evidence supports: the top one.
    pub level: String,
    /// Never empty.
    pub evidence: Vec<&'a str>,
    pub strength: Option<&'a str>,
    /// How well the example is evidenced: see `Weight`.
    weight: Weight,
}

/// How well an example is evidenced, the better the greater: how many pieces of public
/// evidence, of how many kinds, how many of them gathered this year (not carried forward
/// from last year's self-assessment), and the latest date one gives.
type Weight = (usize, usize, usize, String);

/// The digest for `fw` among `scored`: in each top-level section, the answers whose rating,
/// as the evidence supports it, is the top level, with public evidence. A restricted answer,
/// and restricted evidence, are never used. At most `MAX_DIGEST_ENTRIES` are shown a section,
/// chosen for their evidence: the items take turns in framework order (those of its
/// sub-sections included), so that every item done well is shown before any is shown twice,
/// and each takes an example from an establishment shown fewer than `MAX_PER_ESTABLISHMENT`
/// times in the section: of those, one shown least so far in the framework's earlier sections,
/// and of those the best evidenced (`Weight`). Equal evidence goes by establishment id, so the
/// choice is the same every time.
pub fn digest<'a>(fw: &'a Framework, scored: &[Scored<'a>]) -> Vec<DigestSection<'a>> {
    let mut out = Vec::new();
    let mut shown_in_framework: Vec<&str> = Vec::new();
    for section in &fw.sections {
        let mut by_item: Vec<Vec<DigestEntry>> = Vec::new();
        for item in section.all_items() {
            let mut entries = Vec::new();
            let qid = ids::qualified(&fw.id.value, &item.id.value);
            for s in scored {
                let Some(level) = s.item(&qid).and_then(|i| i.evidenced.as_ref()) else {
                    continue;
                };
                let Some(r) = s.entry.assessment.responses.get(&qid) else {
                    continue;
                };
                if !crate::model::float::same(level.score, 1.0) || r.restricted {
                    continue;
                }
                let public: Vec<_> = r.evidence.iter().filter(|x| !x.restricted).collect();
                if public.is_empty() {
                    continue;
                }
                let kinds: BTreeSet<&str> = public.iter().map(|x| x.kind.value.as_str()).collect();
                let weight = (
                    public.len(),
                    kinds.len(),
                    public.iter().filter(|x| x.carried_from.is_none()).count(),
                    public
                        .iter()
                        .filter_map(|x| x.date.as_ref().map(|d| d.value.clone()))
                        .max()
                        .unwrap_or_default(),
                );
                entries.push(DigestEntry {
                    entry: s.entry,
                    item,
                    level: level.label.clone(),
                    evidence: public
                        .iter()
                        .take(EVIDENCE_PER_ENTRY)
                        .map(|x| x.text.value.as_str())
                        .collect(),
                    strength: r.strengths.first().map(String::as_str),
                    weight,
                });
            }
            // The best evidenced first; equal evidence by establishment id.
            entries.sort_by(|a, b| {
                b.weight
                    .cmp(&a.weight)
                    .then_with(|| a.entry.id().cmp(b.entry.id()))
            });
            by_item.push(entries);
        }
        let qualifying = by_item.iter().map(Vec::len).sum();
        let establishments = by_item
            .iter()
            .flatten()
            .map(|e| e.entry.id())
            .collect::<BTreeSet<_>>()
            .len();
        let entries = choose(by_item, &mut shown_in_framework);
        if !entries.is_empty() {
            out.push(DigestSection {
                section,
                entries,
                qualifying,
                establishments,
            });
        }
    }
    out
}

/// At most `MAX_DIGEST_ENTRIES` of the items' examples (each list best evidenced first), taken
/// from each item in turn: from an establishment taken fewer than `MAX_PER_ESTABLISHMENT` times
/// in the section, the one taken least in the framework so far (`shown`, kept up to date),
/// then the best evidenced; then listed item by item, as taken.
fn choose<'a>(lists: Vec<Vec<DigestEntry<'a>>>, shown: &mut Vec<&'a str>) -> Vec<DigestEntry<'a>> {
    let mut lists: Vec<Vec<Option<DigestEntry<'a>>>> = lists
        .into_iter()
        .map(|l| l.into_iter().map(Some).collect())
        .collect();
    let mut taken: Vec<Vec<DigestEntry<'a>>> = lists.iter().map(|_| Vec::new()).collect();
    let mut in_section: Vec<&str> = Vec::new();
    let mut count = 0;
    let times = |list: &[&str], id: &str| list.iter().filter(|s| **s == id).count();
    loop {
        let mut took = false;
        for (i, list) in lists.iter_mut().enumerate() {
            if count == MAX_DIGEST_ENTRIES {
                break;
            }
            // The first of the least shown: the list is best evidenced first.
            let pick = list
                .iter()
                .enumerate()
                .filter_map(|(n, e)| e.as_ref().map(|e| (n, e.entry.id())))
                .filter(|(_, id)| times(&in_section, id) < MAX_PER_ESTABLISHMENT)
                .min_by_key(|(n, id)| (times(shown, id), *n))
                .map(|(n, _)| n);
            if let Some(e) = pick.and_then(|n| list[n].take()) {
                in_section.push(e.entry.id());
                shown.push(e.entry.id());
                taken[i].push(e);
                count += 1;
                took = true;
            }
        }
        if !took || count == MAX_DIGEST_ENTRIES {
            break;
        }
    }
    taken.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    //! The top level of `five` is l4 ("All").

    use super::*;
    use crate::estate::fixture::{catalog, entry, framework};
    use crate::estate::versions::comparable;

    const DOC: &str = "kind: document, text";

    /// An example as establishment id, item id and evidence.
    type Example = (String, String, Vec<String>);

    /// `look` at the digest of one establishment for each body, `hmp-0` onwards.
    fn with_digest<R>(bodies: &[&str], look: impl FnOnce(Vec<DigestSection>) -> R) -> R {
        let fw = framework();
        let entries: Vec<Entry> = bodies
            .iter()
            .enumerate()
            .map(|(i, b)| entry(&format!("hmp-{i}"), &format!("HMP {i}"), None, 2025, b))
            .collect();
        let refs: Vec<&Entry> = entries.iter().collect();
        let scored = comparable(&catalog(), &fw, &refs).scored;
        look(digest(&fw, &scored))
    }

    fn digest_of(bodies: &[&str]) -> Vec<(String, Vec<Example>)> {
        with_digest(bodies, |sections| {
            sections
                .into_iter()
                .map(|d| {
                    let listed = d
                        .entries
                        .iter()
                        .map(|e| {
                            let evidence = e.evidence.iter().map(|t| t.to_string()).collect();
                            (e.entry.id().to_string(), e.item.id.value.clone(), evidence)
                        })
                        .collect();
                    (d.section.id.value.clone(), listed)
                })
                .collect()
        })
    }

    #[test]
    fn top_level_with_public_evidence_only() {
        let zero = format!(
            "responses:\n  \
             est/v1: {{ rating: l4, evidence: [{{ {DOC}: Rota. }}, {{ {DOC}: Survey. }}, {{ {DOC}: Minutes. }}] }}\n  \
             est/v2: {{ rating: l3, evidence: [{{ {DOC}: Not the top. }}] }}\n  \
             est/c1: {{ rating: l4, evidence: [{{ {DOC}: Restricted answer. }}], restricted: true }}\n  \
             est/l1: {{ rating: l4, evidence: [{{ {DOC}: Private., restricted: true }}, {{ {DOC}: Public. }}] }}\n"
        );
        let one = format!(
            "responses:\n  \
             est/v1: {{ rating: l4, evidence: [{{ {DOC}: Letters. }}] }}\n  \
             est/v2: {{ rating: l4 }}\n  \
             est/c1: {{ rating: l4, evidence: [{{ {DOC}: Only private., restricted: true }}] }}\n"
        );
        let ev = |t: &[&str]| t.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            digest_of(&[&zero, &one]),
            [
                // v1 at the top for both, with at most two pieces of evidence each. v2: HMP 0
                // rates it below the top; HMP 1 gives no evidence.
                (
                    "visits".to_string(),
                    vec![
                        (
                            "hmp-0".to_string(),
                            "v1".to_string(),
                            ev(&["Rota.", "Survey."])
                        ),
                        ("hmp-1".to_string(), "v1".to_string(), ev(&["Letters."])),
                    ]
                ),
                // Contact: a restricted answer, and an answer with only restricted evidence,
                // are never used, so the section is left out.
                // Learning: the restricted evidence is left out, the public kept.
                (
                    "learning".to_string(),
                    vec![("hmp-0".to_string(), "l1".to_string(), ev(&["Public."]))]
                ),
            ]
        );
    }

    #[test]
    fn at_most_the_limit_a_section_from_different_establishments() {
        let body = format!(
            "responses:\n  est/v1: {{ rating: l4, evidence: [{{ {DOC}: Rota. }}] }}\n  \
             est/v2: {{ rating: l4, evidence: [{{ {DOC}: Survey. }}] }}\n"
        );
        // 7 establishments × 2 items = 14 examples in visits, all evidenced alike. Five are
        // taken, from each item in turn, each from an establishment not yet taken: v1 of
        // hmp-0, v2 of hmp-1, v1 of hmp-2, v2 of hmp-3, v1 of hmp-4; listed item by item.
        let bodies = vec![body.as_str(); 7];
        let all = digest_of(&bodies);
        let visits: Vec<(&str, &str)> = all[0]
            .1
            .iter()
            .map(|(e, i, _)| (e.as_str(), i.as_str()))
            .collect();
        assert_eq!(visits.len(), MAX_DIGEST_ENTRIES);
        assert_eq!(
            visits,
            [
                ("hmp-0", "v1"),
                ("hmp-2", "v1"),
                ("hmp-4", "v1"),
                ("hmp-1", "v2"),
                ("hmp-3", "v2")
            ]
        );
    }

    /// Examples are chosen for their evidence, never for their name, no establishment gives
    /// more than `MAX_PER_ESTABLISHMENT` in a section, and those shown least come first: what
    /// the document says of its rule.
    #[test]
    fn chosen_for_their_evidence_and_spread_across_establishments() {
        let one =
            |item: &str| format!("  est/{item}: {{ rating: l4, evidence: [{{ {DOC}: One. }}] }}\n");
        let two = |item: &str, date: &str| {
            format!(
                "  est/{item}: {{ rating: l4, evidence: [{{ {DOC}: First., date: {date} }}, {{ {DOC}: Second. }}] }}\n"
            )
        };
        // hmp-0 (first by name) gives one piece of evidence everywhere; hmp-1 two on every
        // item, hmp-2 two on v1 and l1, dated later than hmp-1's.
        let bodies = [
            format!(
                "responses:\n{}{}{}{}",
                one("v1"),
                one("v2"),
                one("c1"),
                one("l1")
            ),
            format!(
                "responses:\n{}{}{}{}",
                two("v1", "2025-01-01"),
                two("v2", "2025-01-01"),
                two("c1", "2025-01-01"),
                two("l1", "2025-01-01")
            ),
            format!(
                "responses:\n{}{}",
                two("v1", "2025-06-01"),
                two("l1", "2025-06-01")
            ),
        ];
        let refs: Vec<&str> = bodies.iter().map(String::as_str).collect();
        let all = digest_of(&refs);
        let shown: Vec<(String, Vec<(String, String)>)> = all
            .into_iter()
            .map(|(section, list)| (section, list.into_iter().map(|(e, i, _)| (e, i)).collect()))
            .collect();
        let pair = |e: &str, i: &str| (e.to_string(), i.to_string());
        assert_eq!(
            shown,
            [
                // Visits: v1's best evidence is hmp-2's (two pieces, the later date), v2's is
                // hmp-1's; in the second turn, v1 takes hmp-0's (one piece), and v2 has no
                // establishment left that the section has not shown.
                (
                    "visits".to_string(),
                    vec![
                        pair("hmp-2", "v1"),
                        pair("hmp-0", "v1"),
                        pair("hmp-1", "v2")
                    ]
                ),
                // Contact: hmp-0 and hmp-1 are shown once so far; hmp-1's two pieces first.
                (
                    "contact".to_string(),
                    vec![pair("hmp-1", "c1"), pair("hmp-0", "c1")]
                ),
                // Learning: hmp-2, shown least so far, first; then hmp-1 and hmp-0, each once.
                (
                    "learning".to_string(),
                    vec![
                        pair("hmp-2", "l1"),
                        pair("hmp-1", "l1"),
                        pair("hmp-0", "l1")
                    ]
                ),
            ]
        );
        // How many qualify, and at how many establishments.
        with_digest(&refs, |d| {
            assert_eq!((d[0].qualifying, d[0].establishments), (5, 3));
            assert_eq!((d[2].qualifying, d[2].establishments), (3, 3));
        });
    }
}
