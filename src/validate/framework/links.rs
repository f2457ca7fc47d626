//! The crosswalk: the links items write to items of other frameworks, checked against the whole
//! catalog, both ways.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diag::source::Pos;
use crate::diag::{Diagnostic, Diagnostics, closest, one_of};
use crate::model::framework::{Framework, Link, LinkKind};

/// Checks the crosswalk links each item writes under `maps_to`, against the frameworks loaded
/// with it (`current`, this one included) and the item ids of every version the catalog holds
/// (`known`): a link names a real item, not the item itself, and not twice; and where the other
/// item links back, both links say the same kind. A link holds both ways, so writing it on both
/// items is allowed but not needed: it earns a warning, and a disagreement an error.
pub fn check_links(
    file: &Path,
    fw: &Framework,
    current: &[&Framework],
    known: &BTreeMap<String, Vec<String>>,
) -> Diagnostics {
    let mut out = Diagnostics::default();
    for item in fw.items() {
        let here = format!("{}/{}", fw.id.value, item.id.value);
        let mut seen: BTreeMap<&str, Pos> = BTreeMap::new();
        for link in &item.maps_to {
            let target = &link.item;
            if let Some(first) = seen.insert(target.as_str(), target.pos) {
                out.push(
                    Diagnostic::error(
                        file,
                        target.pos,
                        format!("`{here}` links to `{}` twice", target.value),
                    )
                    .expected("each linked item once under `maps_to`")
                    .found(format!(
                        "`{}`, already linked on line {}",
                        target.value, first.line
                    ))
                    .help("remove one of the two links"),
                );
                continue;
            }
            if link.kind == LinkKind::SamePractice && link.source_ref.is_none() {
                out.push(
                    Diagnostic::error(
                        file,
                        target.pos,
                        format!(
                            "the link from `{here}` to `{}` says they are the same practice but not why",
                            target.value
                        ),
                    )
                    .expected("a `source_ref:` saying where the sources show the two items are one practice")
                    .found("`kind: same-practice` and no `source_ref:`")
                    .help("add `source_ref:`, or make the link `kind: related`"),
                );
            }
            if target.value == here {
                out.push(
                    Diagnostic::error(file, target.pos, format!("`{here}` links to itself"))
                        .expected("an item other than this one")
                        .found(format!("`{}`", target.value))
                        .help("remove the link"),
                );
                continue;
            }
            let Some((fid, iid)) = target.split_once('/') else {
                out.push(
                    Diagnostic::error(
                        file,
                        target.pos,
                        format!("`{}` is not a qualified item id", target.value),
                    )
                    .expected("`framework/item`, for example `farmer-offer/visitor-centre`")
                    .found(format!("`{}`", target.value)),
                );
                continue;
            };
            match known.get(fid) {
                None => out.push(
                    Diagnostic::error(
                        file,
                        target.pos,
                        format!("`maps_to` names an unknown framework `{fid}`"),
                    )
                    .expected(format!(
                        "one of {}",
                        one_of(&known.keys().collect::<Vec<_>>())
                    ))
                    .found(format!("`{fid}`"))
                    .suggest(closest(fid, known.keys().map(String::as_str))),
                ),
                Some(items) if !items.iter().any(|i| i == iid) => {
                    let all: Vec<String> = known
                        .iter()
                        .flat_map(|(f, items)| items.iter().map(move |i| format!("{f}/{i}")))
                        .collect();
                    out.push(
                        Diagnostic::error(
                            file,
                            target.pos,
                            format!(
                                "`maps_to` names `{}`, which framework `{fid}` does not have",
                                target.value
                            ),
                        )
                        .expected(format!("an item of `{fid}` (`ties show {fid}` lists them)"))
                        .found(format!("`{}`", target.value))
                        .suggest(closest(&target.value, all.iter().map(String::as_str))),
                    )
                }
                Some(_) => {
                    if let Some(back) = link_back(current, fid, iid, &here) {
                        out.push(both_ways(file, &here, link, back));
                    }
                }
            }
        }
    }
    out
}

/// The link item `fid/iid` of a current framework writes back to `here`, if it writes one.
fn link_back<'a>(current: &[&'a Framework], fid: &str, iid: &str, here: &str) -> Option<&'a Link> {
    let other = current.iter().find(|f| *f.id == fid)?.item(iid)?;
    other.maps_to.iter().find(|l| *l.item == here)
}

/// A link written on both of its items: a warning when both say the same kind, an error when
/// they disagree.
fn both_ways(file: &Path, here: &str, link: &Link, back: &Link) -> Diagnostic {
    let there = &link.item.value;
    if link.kind == back.kind {
        return Diagnostic::warning(
            file,
            link.item.pos,
            format!("the link between `{here}` and `{there}` is written on both items"),
        )
        .help(format!(
            "a link holds both ways and `ties show` lists it on both items: keep it on one of them only (it is also written on `{there}`)"
        ));
    }
    let says = |k: LinkKind| format!("`{}`", k.id());
    Diagnostic::error(
        file,
        link.item.pos,
        format!(
            "`{here}` and `{there}` link to each other as different kinds"
        ),
    )
    .expected(format!("the same kind both ways: {} on `{there}` too", says(link.kind)))
    .found(format!("{} here, {} on `{there}`", says(link.kind), says(back.kind)))
    .help("decide whether the two items are the same practice or only related, and write the link once")
}

#[cfg(test)]
mod tests {
    //! The crosswalk rules on two small frameworks that link to each other.

    use super::*;
    use crate::diag::Severity;
    use crate::diag::source::SourceFile;

    /// A framework `id` with items `a` and `b`, whose `maps_to` are the given YAML lists.
    fn framework(id: &str, a_links: &str, b_links: &str) -> Framework {
        let text = format!(
            "id: {id}\ntitle: T\nversion: \"1\"\nsource: {{ publisher: P, title: T }}\ndescription: D\n\
             scales:\n  - id: s\n    label: S\n    defined_by_project: true\n    note: Made up.\n    levels:\n\
             \x20     - {{ id: absent, label: Absent, value: 0, descriptor: Absent. }}\n\
             \x20     - {{ id: present, label: Present, value: 1, descriptor: Present. }}\n\
             sections:\n  - id: x\n    title: X\n    items:\n\
             \x20     - {{ id: a, kind: criterion, text: A., scale: s, maps_to: {a_links} }}\n\
             \x20     - {{ id: b, kind: criterion, text: B., scale: s, maps_to: {b_links} }}\n"
        );
        let file = SourceFile::new(format!("{id}.yaml"), text);
        let node = crate::load::parse(&file).unwrap();
        crate::load::decode(&file, &node).unwrap()
    }

    fn links(frameworks: &[&Framework]) -> Vec<(Severity, String)> {
        let known: BTreeMap<String, Vec<String>> = frameworks
            .iter()
            .map(|f| (f.id.value.clone(), vec!["a".into(), "b".into()]))
            .collect();
        frameworks
            .iter()
            .flat_map(|f| check_links(Path::new("f.yaml"), f, frameworks, &known).items)
            .map(|d| (d.severity, d.message))
            .collect()
    }

    #[test]
    fn a_link_written_once_holds_both_ways_without_a_message() {
        let one = framework(
            "one",
            "[{ item: two/a, kind: same-practice, source_ref: Why. }]",
            "[two/b]",
        );
        let two = framework("two", "[]", "[]");
        assert_eq!(links(&[&one, &two]), []);
    }

    #[test]
    fn a_link_written_on_both_items_is_a_warning_on_each() {
        let one = framework("one", "[two/a]", "[]");
        let two = framework("two", "[one/a]", "[]");
        let found = links(&[&one, &two]);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found
                .iter()
                .all(|(s, m)| *s == Severity::Warning && m.contains("is written on both items"))
        );
    }

    #[test]
    fn links_that_disagree_on_their_kind_are_an_error_on_each() {
        let one = framework(
            "one",
            "[{ item: two/a, kind: same-practice, source_ref: Why. }]",
            "[]",
        );
        let two = framework("two", "[one/a]", "[]");
        let found = links(&[&one, &two]);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found.iter().all(|(s, m)| *s == Severity::Error
                && m.contains("link to each other as different kinds"))
        );
    }

    #[test]
    fn a_same_practice_link_says_why() {
        let one = framework("one", "[{ item: one/b, kind: same-practice }]", "[]");
        let found = links(&[&one]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0]
                .1
                .contains("says they are the same practice but not why")
        );
    }
}
