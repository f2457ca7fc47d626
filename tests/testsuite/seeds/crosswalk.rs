//! The crosswalk: the `maps_to` links between items of the bundled frameworks. Every link names a
//! real item; a link is written once, on one of its two items; a link that says two items are the
//! same practice says why; the links the sources themselves make are there, with their kind; and
//! every pair of the four main frameworks is linked; every link says its kind and a reason taken
//! from the sources; and the links the sources do not support are not there.

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
    assert!(
        linked("think-family", "scie-prison-service"),
        "no link between think-family and scie-prison-service"
    );
}

/// Words that show a reason speaks of this project's own placing of things, not of the sources.
const OWN_PLACEMENT: [&str; 4] = [
    "framework cites",
    "the project",
    "this project",
    "farmer-offer framework",
];

/// The sources a reason may name: the documents, their parts and their authors.
const SOURCE_NAMES: [&str; 15] = [
    "HMPPS",
    "HMIP",
    "SPS",
    "SCIE",
    "Farmer",
    "10 Prisons Project",
    "programme",
    "Clinks",
    "guidance",
    "strategy",
    "logic model",
    "indicator",
    "expectation",
    "recommendation",
    "paragraph",
];

#[test]
fn every_link_says_its_kind_and_a_reason_from_the_sources() {
    // Read as written, not through `links`, which fills in a missing kind: a plain id, or a group
    // without its kind or reason, leaves "where the sources connect them" empty for the user.
    let mut checked = 0;
    for fid in BUNDLED {
        let fw = framework(fid);
        for item in all_items(&fw) {
            let from = format!("{fid}/{}", item["id"].as_str().unwrap_or_default());
            let maps_to = &item["maps_to"];
            assert!(
                maps_to.is_null() || maps_to.as_array().is_some_and(|l| !l.is_empty()),
                "{from}: `maps_to` is written but lists no link"
            );
            for link in maps_to.as_array().into_iter().flatten() {
                checked += 1;
                assert!(
                    link.is_object(),
                    "{from} -> {link}: a link gives `item`, `kind` and `source_ref`, not an id alone"
                );
                let to = link["item"].as_str().unwrap_or_default();
                assert!(
                    link["kind"].is_string(),
                    "{from} -> {to}: the link does not say its kind"
                );
                let why = link["source_ref"].as_str().unwrap_or_default();
                assert!(
                    !why.trim().is_empty(),
                    "{from} -> {to}: the link does not say where the sources connect them"
                );
                assert!(
                    SOURCE_NAMES.iter().any(|name| why.contains(name)),
                    "{from} -> {to}: the reason names no source passage: {why}"
                );
                let lower = why.to_lowercase();
                assert!(
                    !OWN_PLACEMENT.iter().any(|own| lower.contains(own)),
                    "{from} -> {to}: a reason must come from the sources, not from where this \
                     project placed something: {why}"
                );
            }
        }
    }
    assert!(checked > 100, "only {checked} links were read");
}

#[test]
fn links_the_sources_do_not_support_are_not_there() {
    let (_, links) = crosswalk();
    for (a, b, why) in [
        (
            "hmip-expectations/exp75-sick-relatives-and-funerals",
            "sps-family-strategy/health-information-protocols",
            "SPS's statement is about telling families how the person in custody is; HMIP's is \
             about prisoners visiting sick relatives",
        ),
        (
            "farmer-offer/extended-visits",
            "scie-prison-service/flexible-visiting",
            "visiting hours and booking are not extended visits",
        ),
    ] {
        assert_eq!(kind_between(&links, a, b), None, "{a} and {b}: {why}");
    }
}

#[test]
fn the_practices_the_sources_share_are_linked() {
    let (_, links) = crosswalk();
    for (practice, a, b) in [
        (
            "homework clubs",
            "hmpps-family-practice/homework-club",
            "sps-family-strategy/range-of-visit-sessions",
        ),
        (
            "family in sentence planning and case management",
            "hmpps-family-practice/family-in-sentence-planning",
            "sps-family-strategy/families-in-case-management",
        ),
        (
            "parenting (HMIP)",
            "hmip-expectations/exp75-parenting-and-relationships",
            "sps-family-strategy/parenting-programmes",
        ),
        (
            "parenting (SCIE)",
            "scie-prison-service/child-centred-provision",
            "sps-family-strategy/parenting-courses",
        ),
        (
            "family days and access criteria",
            "scie-prison-service/child-centred-provision",
            "hmpps-family-practice/access-criteria",
        ),
        (
            "family days and child-parent sessions",
            "scie-prison-service/child-centred-provision",
            "sps-family-strategy/child-parent-sessions",
        ),
        (
            "the visiting experience (HMIP and HMPPS)",
            "hmip-expectations/visits-environment",
            "hmpps-family-practice/better-visiting",
        ),
        (
            "the visiting experience (SPS and HMPPS)",
            "sps-family-strategy/positive-visit-experience",
            "hmpps-family-practice/visiting-experience",
        ),
        (
            "the visiting experience (SPS and HMIP)",
            "sps-family-strategy/positive-visit-experience",
            "hmip-expectations/visits-environment",
        ),
        (
            "release planning",
            "hmip-expectations/exp75-family-support-workers",
            "sps-family-strategy/release-transitions",
        ),
        (
            "care leavers",
            "hmpps-family-practice/care-leavers-needs",
            "sps-family-strategy/care-experienced-relationships",
        ),
        (
            "staff training (SPS and HMPPS)",
            "sps-family-strategy/impact-training",
            "hmpps-family-practice/staff-training",
        ),
        (
            "staff training (SPS and Think Family)",
            "sps-family-strategy/impact-training",
            "think-family/staff-awareness",
        ),
        (
            "other means of contact",
            "hmpps-family-practice/other-communication",
            "sps-family-strategy/promote-contact-methods",
        ),
        (
            "staff training (SCIE and Think Family)",
            "scie-prison-service/staff-training-children-visiting",
            "think-family/staff-awareness",
        ),
        (
            "information for families on arrival (SCIE and Think Family)",
            "scie-prison-service/identify-families-early",
            "think-family/communication",
        ),
    ] {
        assert_eq!(
            kind_between(&links, a, b),
            Some("related"),
            "{practice}: {a} and {b}"
        );
    }
}

#[test]
fn every_quotation_in_a_reason_is_in_the_sources() {
    // A reason that quotes a source quotes it exactly: each "..." in it is in a source text, or in
    // a framework's own quotation of a public source (HMIP's indicators, the HMIP blog on family
    // days), compared after normalising.
    let mut sources = String::new();
    for name in [
        "000_7b611ba69384d693.txt",
        "001_1ab2cfb59474957a.txt",
        "002_9793fe791997e0cd.txt",
        "003_30552e9d79bfb711.txt",
        "004_8cca842792817917.txt",
    ] {
        let Some(text) = super::seed(name) else {
            return;
        };
        sources.push_str(&super::normalise(&text));
        sources.push(' ');
    }
    let mut quoted_in_frameworks = String::new();
    for fid in BUNDLED {
        let fw = framework(fid);
        for text in super::texts_under(&fw, &["text", "description", "guidance"]) {
            quoted_in_frameworks.push_str(&text);
            quoted_in_frameworks.push(' ');
        }
    }
    let mut quotations = 0;
    for fid in BUNDLED {
        let fw = framework(fid);
        for item in all_items(&fw) {
            let from = format!("{fid}/{}", item["id"].as_str().unwrap_or_default());
            for (to, _, why) in links(item) {
                let why = why.unwrap_or_default();
                for quote in why.split('"').skip(1).step_by(2) {
                    quotations += 1;
                    let q = super::normalise(quote);
                    assert!(
                        sources.contains(&q) || quoted_in_frameworks.contains(&q),
                        "{from} -> {to}: the reason quotes words no source has: \"{quote}\""
                    );
                }
            }
        }
    }
    assert!(quotations > 50, "only {quotations} quotations were read");
}
