//! The good-practice digest: items establishments rate at the top level of their scale and
//! support with public evidence, section by section.

use crate::estate::Entry;
use crate::estate::versions::Scored;
use crate::model::framework::{Framework, Item, Section};
use crate::model::ids;

/// At most this many examples a section: the digest points to peers to ask, it is not a
/// catalogue of everything done well (learning from peers, item by item, names more).
pub const MAX_DIGEST_ENTRIES: usize = 5;

/// At most this many pieces of public evidence quoted for an example.
pub const EVIDENCE_PER_ENTRY: usize = 2;

/// The examples of good practice in one top-level section.
pub struct DigestSection<'a> {
    pub section: &'a Section,
    /// Never empty: a section with no example is left out.
    pub entries: Vec<DigestEntry<'a>>,
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
}

/// The digest for `fw` among `scored`: in each top-level section, its items in framework order
/// (those of its sub-sections included), and for each the establishments in the order given
/// whose rating, as the evidence supports it, is the top level; at most `MAX_DIGEST_ENTRIES`
/// a section, taken from each item in turn. A restricted answer, and
/// restricted evidence, are never used; an answer with no public evidence is left out.
pub fn digest<'a>(fw: &'a Framework, scored: &[Scored<'a>]) -> Vec<DigestSection<'a>> {
    let mut out = Vec::new();
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
                let evidence: Vec<&str> = r
                    .evidence
                    .iter()
                    .filter(|x| !x.restricted)
                    .take(EVIDENCE_PER_ENTRY)
                    .map(|x| x.text.value.as_str())
                    .collect();
                if evidence.is_empty() {
                    continue;
                }
                entries.push(DigestEntry {
                    entry: s.entry,
                    item,
                    level: level.label.clone(),
                    evidence,
                    strength: r.strengths.first().map(String::as_str),
                });
            }
            by_item.push(entries);
        }
        let entries = in_turn(by_item, MAX_DIGEST_ENTRIES);
        if !entries.is_empty() {
            out.push(DigestSection { section, entries });
        }
    }
    out
}

/// At most `max` of the lists' entries, taken from each list in turn (the first of each, then
/// the second of each, ...), so that every item done well is shown before any is shown twice;
/// then listed item by item, as taken.
fn in_turn<T>(lists: Vec<Vec<T>>, max: usize) -> Vec<T> {
    let longest = lists.iter().map(Vec::len).max().unwrap_or(0);
    let mut taken = vec![0; lists.len()];
    let mut left = max;
    for round in 0..longest {
        for (i, list) in lists.iter().enumerate() {
            if left > 0 && round < list.len() {
                taken[i] += 1;
                left -= 1;
            }
        }
    }
    lists
        .into_iter()
        .zip(taken)
        .flat_map(|(list, n)| list.into_iter().take(n))
        .collect()
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

    fn digest_of(bodies: &[&str]) -> Vec<(String, Vec<Example>)> {
        let fw = framework();
        let entries: Vec<Entry> = bodies
            .iter()
            .enumerate()
            .map(|(i, b)| entry(&format!("hmp-{i}"), &format!("HMP {i}"), None, 2025, b))
            .collect();
        let refs: Vec<&Entry> = entries.iter().collect();
        let scored = comparable(&catalog(), &fw, &refs).scored;
        digest(&fw, &scored)
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
    fn at_most_the_limit_a_section() {
        let body = format!(
            "responses:\n  est/v1: {{ rating: l4, evidence: [{{ {DOC}: Rota. }}] }}\n  \
             est/v2: {{ rating: l4, evidence: [{{ {DOC}: Survey. }}] }}\n"
        );
        // 7 establishments × 2 items = 14 examples in visits. Five are taken, from each item in
        // turn: v1 and v2 of hmp-0, of hmp-1, then v1 of hmp-2; listed item by item.
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
                ("hmp-1", "v1"),
                ("hmp-2", "v1"),
                ("hmp-0", "v2"),
                ("hmp-1", "v2")
            ]
        );
        // An item with fewer examples leaves its turns to the others.
        assert_eq!(in_turn(vec![vec![1], vec![2, 3, 4], vec![]], 3), [1, 2, 3]);
    }
}
