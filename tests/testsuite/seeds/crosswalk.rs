//! The crosswalk: the `maps_to` links between items of the bundled frameworks. Every link names a
//! real item; a link is written once, on one of its two items; a link that says two items are the
//! same practice says why; the links the sources themselves make are there, with their kind; and
//! every pair of the four main frameworks is linked.

use std::collections::BTreeMap;

use crate::BUNDLED;

use super::{all_items, framework, links};

/// A link, read without its direction: the two qualified item ids in order, with its kind.
struct Link {
    from: String,
    to: String,
    kind: String,
    why: Option<String>,
}

fn crosswalk() -> (Vec<String>, Vec<Link>) {
    let mut ids = Vec::new();
    let mut out = Vec::new();
    for fid in BUNDLED {
        let fw = framework(fid);
        for item in all_items(&fw) {
            let from = format!("{fid}/{}", item["id"].as_str().unwrap_or_default());
            ids.push(from.clone());
            for (to, kind, why) in links(item) {
                out.push(Link {
                    from: from.clone(),
                    to,
                    kind,
                    why,
                });
            }
        }
    }
    (ids, out)
}

/// The kind of the link between two items, whichever of them writes it.
fn kind_between<'a>(links: &'a [Link], a: &str, b: &str) -> Option<&'a str> {
    links
        .iter()
        .find(|l| (l.from == a && l.to == b) || (l.from == b && l.to == a))
        .map(|l| l.kind.as_str())
}

#[test]
fn every_link_names_a_real_item_once_and_says_its_kind() {
    let (ids, links) = crosswalk();
    assert!(!links.is_empty(), "no links");
    let mut pairs: BTreeMap<(String, String), &str> = BTreeMap::new();
    for l in &links {
        assert!(
            ids.contains(&l.to),
            "{} links to {}, which no framework has",
            l.from,
            l.to
        );
        assert_ne!(l.from, l.to, "{} links to itself", l.from);
        assert!(
            l.kind == "related" || l.kind == "same-practice",
            "{} -> {}: unknown kind {}",
            l.from,
            l.to,
            l.kind
        );
        if l.kind == "same-practice" {
            assert!(
                l.why.as_deref().is_some_and(|w| !w.trim().is_empty()),
                "{} -> {}: a same-practice link says why",
                l.from,
                l.to
            );
        }
        let key = if l.from < l.to {
            (l.from.clone(), l.to.clone())
        } else {
            (l.to.clone(), l.from.clone())
        };
        assert!(
            pairs.insert(key, &l.kind).is_none(),
            "the link between {} and {} is written twice: once is enough, it holds both ways",
            l.from,
            l.to
        );
    }
}

#[test]
fn the_links_the_sources_make_are_there_with_their_kind() {
    let (_, links) = crosswalk();
    for (a, b, kind) in [
        // HMIP indicators whose own words name an HMPPS practice.
        (
            "hmip-expectations/exp75-families-and-self-harm",
            "hmpps-family-practice/acct-reviews",
            "same-practice",
        ),
        (
            "hmip-expectations/exp75-families-raise-concerns",
            "hmpps-family-practice/family-concerns",
            "same-practice",
        ),
        (
            "hmip-expectations/exp75-prisoners-without-visits",
            "hmpps-family-practice/no-family-contact",
            "related",
        ),
        (
            "hmip-expectations/exp75-imaginative-contact",
            "hmpps-family-practice/sharing-ideas",
            "related",
        ),
        // SPS practice statements and HMIP indicators on the same practice.
        (
            "sps-family-strategy/visiting-environments",
            "hmip-expectations/visits-environment",
            "same-practice",
        ),
        (
            "sps-family-strategy/talk-to-me",
            "hmip-expectations/exp75-families-and-self-harm",
            "same-practice",
        ),
        (
            "sps-family-strategy/family-events-procedures",
            "hmip-expectations/exp75-sick-relatives-and-funerals",
            "related",
        ),
        (
            "sps-family-strategy/sharing-family-concerns",
            "hmip-expectations/exp75-families-raise-concerns",
            "same-practice",
        ),
        (
            "sps-family-strategy/complaints",
            "hmip-expectations/exp75-families-raise-concerns",
            "related",
        ),
        (
            "sps-family-strategy/caregiving-at-admission",
            "hmip-expectations/exp75-monitoring-family-circumstances",
            "related",
        ),
        // The two frameworks from the smaller sources.
        (
            "scie-prison-service/children-information-on-arrival",
            "sps-family-strategy/caregiving-at-admission",
            "same-practice",
        ),
        (
            "think-family/communication",
            "farmer-offer/gateway-communications",
            "related",
        ),
        // A question the HMPPS guidance asks twice.
        (
            "hmpps-family-practice/agreed-services",
            "hmpps-family-practice/services-and-standards",
            "same-practice",
        ),
        // A visits statement links to visits, not to family learning.
        (
            "sps-family-strategy/range-of-visit-sessions",
            "farmer-offer/extended-visits",
            "related",
        ),
    ] {
        assert_eq!(kind_between(&links, a, b), Some(kind), "{a} and {b}");
    }
    assert_eq!(
        kind_between(
            &links,
            "sps-family-strategy/range-of-visit-sessions",
            "farmer-offer/family-learning"
        ),
        None,
        "the range of visit sessions is about visits, not family learning"
    );
}

#[test]
fn every_pair_of_frameworks_the_sources_connect_is_linked() {
    let (_, links) = crosswalk();
    let framework_of = |id: &str| id.split('/').next().unwrap_or_default().to_string();
    let linked = |a: &str, b: &str| {
        links.iter().any(|l| {
            let (f, t) = (framework_of(&l.from), framework_of(&l.to));
            (f == a && t == b) || (f == b && t == a)
        })
    };
    let main = [
        "farmer-offer",
        "hmip-expectations",
        "hmpps-family-practice",
        "sps-family-strategy",
    ];
    for (i, a) in main.iter().enumerate() {
        for b in &main[i + 1..] {
            assert!(linked(a, b), "no link between {a} and {b}");
        }
    }
    for new in ["think-family", "scie-prison-service"] {
        for b in main {
            assert!(linked(new, b), "no link between {new} and {b}");
        }
    }
}
