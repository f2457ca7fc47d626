//! Scores that can be compared across versions of a framework: when self-assessments use
//! different versions, each is scored again on only the items every one of those versions has.

use std::collections::BTreeSet;

use crate::estate::Entry;
use crate::model::catalog::{Catalog, compare_versions};
use crate::model::framework::Framework;
use crate::score::{FrameworkScore, ItemScore, score_framework_on};

/// One establishment's self-assessment with its scores for the framework being compared.
pub struct Scored<'a> {
    pub entry: &'a Entry,
    pub score: FrameworkScore,
    /// Where each item is in `score` (section, item), in the order of their qualified ids: the
    /// estate looks up every item of every establishment, which reading them all each time makes
    /// the square of a large framework's size. Eight bytes an item, no copy of the ids.
    index: Vec<(u32, u32)>,
}

impl<'a> Scored<'a> {
    pub fn new(entry: &'a Entry, score: FrameworkScore) -> Scored<'a> {
        let mut index: Vec<(u32, u32)> = score
            .sections
            .iter()
            .enumerate()
            .flat_map(|(s, section)| (0..section.items.len()).map(move |i| (s as u32, i as u32)))
            .collect();
        // A stable sort: of two items with the same id, the first stays first.
        index.sort_by(|&a, &b| qid_at(&score, a).cmp(qid_at(&score, b)));
        Scored {
            entry,
            score,
            index,
        }
    }
}

fn qid_at(score: &FrameworkScore, (s, i): (u32, u32)) -> &str {
    &score.sections[s as usize].items[i as usize].qualified_id
}

impl Scored<'_> {
    /// The score of the section `id`, if it has one.
    pub fn section(&self, id: &str) -> Option<f64> {
        self.score
            .sections
            .iter()
            .find(|s| s.id == id)
            .and_then(|s| s.score)
    }

    /// The item with the qualified id `qid`, if it was scored.
    pub fn item(&self, qid: &str) -> Option<&ItemScore> {
        let first = self
            .index
            .partition_point(|&at| qid_at(&self.score, at) < qid);
        let &(s, i) = self.index.get(first)?;
        let item = &self.score.sections[s as usize].items[i as usize];
        (item.qualified_id == qid).then_some(item)
    }
}

/// The item with the qualified id `qid` in a framework's scores, in whichever section it is.
pub fn item_score<'s>(fs: &'s FrameworkScore, qid: &str) -> Option<&'s ItemScore> {
    fs.sections
        .iter()
        .flat_map(|s| s.items.iter())
        .find(|i| i.qualified_id == qid)
}

/// A version of the framework in use: by how many establishments, and how many items it has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VersionUse {
    pub version: String,
    pub establishments: usize,
    pub items: usize,
}

/// Every self-assessment's scores for a framework, comparable with one another.
pub struct Comparable<'a> {
    /// In the order of the entries given; entries that do not use the framework are left out.
    pub scored: Vec<Scored<'a>>,
    /// The versions in use, oldest first.
    pub versions: Vec<VersionUse>,
    /// When more than one version is in use: how many items they all share, the only items
    /// scored.
    pub shared_items: Option<usize>,
}

/// Each entry's scores for `fw`. With one version in use they are the scores already made;
/// with several, every entry is scored again on the items all of them share, so that no
/// establishment gains or loses by items another version lacks.
pub fn comparable<'a>(catalog: &Catalog, fw: &Framework, entries: &[&'a Entry]) -> Comparable<'a> {
    let own: Vec<(&Entry, &FrameworkScore)> = entries
        .iter()
        .filter_map(|e| {
            e.card
                .frameworks
                .iter()
                .find(|f| f.id == fw.id.value)
                .map(|f| (*e, f))
        })
        .collect();
    let mut versions: Vec<VersionUse> = Vec::new();
    for (_, f) in &own {
        match versions.iter_mut().find(|v| v.version == f.version) {
            Some(v) => v.establishments += 1,
            None => versions.push(VersionUse {
                version: f.version.clone(),
                establishments: 1,
                items: 0,
            }),
        }
    }
    versions.sort_by(|a, b| compare_versions(&a.version, &b.version));
    for v in &mut versions {
        v.items = catalog
            .get_version(&fw.id, &v.version)
            .map_or(0, |f| f.items().len());
    }
    if versions.len() <= 1 {
        let scored = own
            .into_iter()
            .map(|(entry, f)| Scored::new(entry, f.clone()))
            .collect();
        return Comparable {
            scored,
            versions,
            shared_items: None,
        };
    }
    let shared = shared_items(catalog, fw, &versions);
    let scored = own
        .into_iter()
        .map(|(entry, f)| {
            let score = match catalog.get_version(&fw.id, &f.version) {
                Some(vfw) => score_framework_on(vfw, &entry.assessment, Some(&shared)),
                None => f.clone(),
            };
            Scored::new(entry, score)
        })
        .collect();
    Comparable {
        scored,
        versions,
        shared_items: Some(shared.len()),
    }
}

/// The ids of the items every version in use has.
fn shared_items(catalog: &Catalog, fw: &Framework, versions: &[VersionUse]) -> BTreeSet<String> {
    let mut shared: Option<BTreeSet<String>> = None;
    for v in versions {
        let ids: BTreeSet<String> = catalog
            .get_version(&fw.id, &v.version)
            .map(|f| f.items().iter().map(|i| i.id.value.clone()).collect())
            .unwrap_or_default();
        shared = Some(match shared {
            None => ids,
            Some(s) => s.intersection(&ids).cloned().collect(),
        });
    }
    shared.unwrap_or_default()
}

#[cfg(test)]
mod tests {
    //! The fixture's versions share v1, c1, c2, c3 and l1; version 2 adds v2, version 1 has o1.
    //! Items on `five` score 0, 0.25, 0.5, 0.75, 1 for l0 to l4; sections weigh the same.

    use super::*;
    use crate::estate::fixture::{assessed, catalog, entry, framework, ratings};

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| crate::model::float::same(a, b))
    }

    #[test]
    fn one_version_keeps_the_scores_already_made() {
        let a = entry(
            "hmp-a",
            "HMP A",
            None,
            2025,
            &ratings(&[("v1", "l4"), ("v2", "l0")]),
        );
        let fw = framework();
        let c = comparable(&catalog(), &fw, &[&a]);
        assert_eq!(c.shared_items, None);
        assert_eq!(
            c.versions,
            [VersionUse {
                version: "2".into(),
                establishments: 1,
                items: 6
            }]
        );
        // visits = (1 + 0) / 2 = 0.5, as scored when the file was read.
        assert!(close(c.scored[0].section("visits"), 0.5));
        assert!(close(a.card.frameworks[0].sections[0].score, 0.5));
    }

    #[test]
    fn two_versions_are_scored_on_the_items_they_share() {
        let fw = framework();
        let new = entry(
            "hmp-a",
            "HMP A",
            None,
            2025,
            &ratings(&[("v1", "l4"), ("v2", "l0")]),
        );
        let old_body = ratings(&[("v1", "l2"), ("l1", "l4"), ("o1", "l0")]);
        let old = assessed("hmp-b", "HMP B", None, 2025, "est@1", &old_body);
        let c = comparable(&catalog(), &fw, &[&new, &old]);
        // Oldest version first; each has six items; five are shared.
        let uses: Vec<(&str, usize, usize)> = c
            .versions
            .iter()
            .map(|v| (v.version.as_str(), v.establishments, v.items))
            .collect();
        assert_eq!(uses, [("1", 1, 6), ("2", 1, 6)]);
        assert_eq!(c.shared_items, Some(5));
        assert_eq!(c.scored.len(), 2);
        // HMP A: visits on v1 alone = 1 (v2 = 0 is left out), not (1 + 0) / 2 = 0.5.
        assert!(close(c.scored[0].section("visits"), 1.0));
        assert!(c.scored[0].item("est/v2").is_none());
        // HMP B: learning on l1 alone = 1 (o1 = 0 is left out), not (1 + 0) / 2 = 0.5.
        assert!(close(c.scored[1].section("learning"), 1.0));
        assert!(close(c.scored[1].section("visits"), 0.5));
        assert!(c.scored[1].item("est/o1").is_none());
    }

    #[test]
    fn entries_that_do_not_use_the_framework_are_left_out() {
        let a = entry("hmp-a", "HMP A", None, 2025, &ratings(&[("v1", "l4")]));
        let mut other = framework();
        other.id.value = "other".into();
        let c = comparable(&catalog(), &other, &[&a]);
        assert!(c.scored.is_empty() && c.versions.is_empty());
    }
}
