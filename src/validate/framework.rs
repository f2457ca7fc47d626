//! The checks a framework must pass after it has been read: everything a reader of the file
//! could get wrong that the file format alone cannot express.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diag::source::Pos;
use crate::diag::{Diagnostic, Diagnostics, closest, one_of};
use crate::load::node::Located;
use crate::model::framework::{Framework, Item, ItemKind, Level, Link, LinkKind};
use crate::model::ids;

/// Checks one framework on its own. `maps_to` links are checked against the whole catalog by
/// `check_links`.
pub fn check(file: &Path, fw: &Framework) -> Diagnostics {
    let mut c = Checker {
        file,
        out: Diagnostics::default(),
    };
    c.id("framework", &fw.id);
    if fw.version.trim().is_empty() {
        c.push(
            Diagnostic::error(file, fw.version.pos, "the framework's version is empty")
                .expected("a version such as \"1.0.0\"")
                .found("nothing")
                .help("give a version such as \"1.0.0\", and change it when the items change"),
        );
    }
    c.scales(fw);
    c.scoring(fw);
    c.vocabularies(fw);
    c.unique("evidence kind", fw.evidence_kinds.iter().map(|k| &k.id));
    for k in &fw.evidence_kinds {
        c.id("evidence kind", &k.id);
        if k.source_ref.is_none() && !k.defined_by_project {
            c.push(
                Diagnostic::error(
                    file,
                    k.id.pos,
                    format!("the evidence kind `{}` does not say where it comes from", k.id.value),
                )
                .expected("a `source_ref:` naming where the kind comes from, or `defined_by_project: true`")
                .found("neither")
                .help("add `source_ref:` or, if the project made the kind up, `defined_by_project: true`"),
            );
        }
    }
    c.sections_and_items(fw);
    c.out
}

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

/// The largest weight a section or item may have, and the largest value (either side of 0) of a
/// level. Weights say how much one part counts against another; a larger number is a typing
/// mistake, and an enormous one would make scores meaningless.
pub const MAX_WEIGHT: f64 = 1000.0;

struct Checker<'a> {
    file: &'a Path,
    out: Diagnostics,
}

impl Checker<'_> {
    fn push(&mut self, d: Diagnostic) {
        self.out.push(d);
    }

    fn id(&mut self, what: &str, id: &Located<String>) {
        let ok = ids::is_valid_id(id);
        if let Some(l) = crate::diag::lookalike(id) {
            let d = l.diagnostic(self.file, id.pos, id);
            self.push(d);
        } else if !ok {
            self.push(
                Diagnostic::error(
                    self.file,
                    id.pos,
                    format!("the {what} id `{}` is not a valid id", id.value),
                )
                .expected("lower-case letters, digits and hyphens, such as `visitor-centre`")
                .found(format!("`{}`", id.value))
                .suggest(ids::suggest_id(id)),
            );
        }
    }

    fn unique<'b>(&mut self, what: &str, ids: impl Iterator<Item = &'b Located<String>>) {
        let mut seen: BTreeMap<&str, Pos> = BTreeMap::new();
        for id in ids {
            if let Some(first) = seen.get(id.as_str()) {
                let first = *first;
                self.push(
                    Diagnostic::error(
                        self.file,
                        id.pos,
                        format!("the {what} id `{}` is used twice", id.value),
                    )
                    .expected(format!("an id no other {what} has"))
                    .found(format!(
                        "`{}`, already used on line {}",
                        id.value, first.line
                    ))
                    .help(format!("give each {what} its own id")),
                );
            } else {
                seen.insert(id.as_str(), id.pos);
            }
        }
    }

    fn scales(&mut self, fw: &Framework) {
        self.unique("scale", fw.scales.iter().map(|s| &s.id));
        for scale in &fw.scales {
            self.id("scale", &scale.id);
            if !*scale.defined_by_project && scale.source.is_none() {
                self.push(
                    Diagnostic::error(
                        self.file,
                        scale.defined_by_project.pos,
                        format!("the scale `{}` does not say where it comes from", scale.id.value),
                    )
                    .expected("a `source:` saying where the scale comes from, or `defined_by_project: true`")
                    .found("`defined_by_project: false` and no `source:`")
                    .help("add a `source:` (publisher, title, year) or, if the project made the scale up, set `defined_by_project: true` with a `note`"),
                );
            }
            if *scale.defined_by_project && scale.note.is_none() {
                self.push(
                    Diagnostic::error(
                        self.file,
                        scale.defined_by_project.pos,
                        format!(
                            "the scale `{}` is defined by the project but has no `note`",
                            scale.id.value
                        ),
                    )
                    .expected("a `note:` saying why the project defines this scale")
                    .found("no `note:`")
                    .help("add a `note:` saying why the project defines this scale"),
                );
            }
            if scale.levels.is_empty() {
                self.push(
                    Diagnostic::error(
                        self.file,
                        scale.levels.pos,
                        format!("the scale `{}` has no levels", scale.id.value),
                    )
                    .expected("at least two levels, lowest first")
                    .found("no levels")
                    .help("list the levels under `levels:`, each with `id`, `label`, `value` and `descriptor`"),
                );
                continue;
            }
            if scale.levels.len() == 1 {
                self.push(
                    Diagnostic::error(
                        self.file,
                        scale.levels.pos,
                        format!("the scale `{}` has only one level", scale.id.value),
                    )
                    .expected("at least two levels, lowest first")
                    .found("one level"),
                );
            }
            self.unique("level", scale.levels.iter().map(|l| &l.id));
            for level in scale.levels.iter() {
                if level.value.abs() > MAX_WEIGHT {
                    self.push(
                        Diagnostic::error(
                            self.file,
                            level.value.pos,
                            format!(
                                "the value of the level `{}` is too far from 0",
                                level.id.value
                            ),
                        )
                        .expected(format!(
                            "a number from -{MAX_WEIGHT} to {MAX_WEIGHT}, such as 0, 1, 2 or 3"
                        ))
                        .found(format!("{:e}", level.value.value))
                        .help("number the levels from lowest to highest: 0, 1, 2 and so on"),
                    );
                }
            }
            for pair in scale.levels.windows(2) {
                self.id("level", &pair[0].id);
                if *pair[1].value <= *pair[0].value {
                    self.push(
                        Diagnostic::error(
                            self.file,
                            pair[1].value.pos,
                            format!("the levels of scale `{}` are not in order", scale.id.value),
                        )
                        .expected(format!(
                            "a value above {} (the level before, `{}`)",
                            pair[0].value.value, pair[0].id.value
                        ))
                        .found(format!("{}", pair[1].value.value))
                        .help("list levels from lowest to highest, each with a higher value"),
                    );
                }
            }
            if let Some(last) = scale.levels.last() {
                self.id("level", &last.id);
            }
            // A scale that names no source at all has already been reported above.
            if !*scale.defined_by_project && scale.source.is_some() {
                for level in scale.levels.iter() {
                    self.level_origin(&scale.id, level);
                }
            }
        }
    }

    /// On a scale taken from a source, each level says where its meaning comes from, or that
    /// its descriptor is the project's own: a source for the scale's labels is not a source for
    /// the meanings the file gives them.
    fn level_origin(&mut self, scale: &Located<String>, level: &Level) {
        let what = match (&level.source_ref, level.defined_by_project) {
            (Some(_), false) | (None, true) => return,
            (None, false) => "does not say where its meaning comes from",
            (Some(_), true) => "both cites a source and says the project defined it",
        };
        self.push(
            Diagnostic::error(
                self.file,
                level.id.pos,
                format!(
                    "the level `{}` of the scale `{}` {what}",
                    level.id.value, scale.value
                ),
            )
            .expected("either a `source_ref:` naming where the level's meaning comes from, or `defined_by_project: true`")
            .found(match what {
                w if w.starts_with("both") => "`source_ref:` and `defined_by_project: true`",
                _ => "neither",
            })
            .help("the scale's `source:` covers its labels; each level's descriptor needs its own origin"),
        );
    }

    fn scoring(&mut self, fw: &Framework) {
        let s = &fw.scoring;
        if !(0.0..=1.0).contains(&*s.min_coverage) {
            self.push(
                Diagnostic::error(
                    self.file,
                    s.min_coverage.pos,
                    "`min_coverage` is outside 0 to 1",
                )
                .expected("a share between 0 and 1, such as 0.8 for 80%")
                .found(format!("{}", s.min_coverage.value)),
            );
        }
        for (scale_id, level) in &s.evidence_required {
            match fw.scale(scale_id) {
                None => self.push(
                    Diagnostic::error(
                        self.file,
                        level.pos,
                        format!("`evidence_required` names an unknown scale `{scale_id}`"),
                    )
                    .expected(format!(
                        "one of {}",
                        one_of(&fw.scales.iter().map(|s| s.id.as_str()).collect::<Vec<_>>())
                    ))
                    .suggest(closest(scale_id, fw.scales.iter().map(|s| s.id.as_str()))),
                ),
                Some(scale) if scale.level(level).is_none() => self.push(
                    Diagnostic::error(
                        self.file,
                        level.pos,
                        format!("`{}` is not a level of the scale `{scale_id}`", level.value),
                    )
                    .expected(format!("one of {}", one_of(&scale.level_ids())))
                    .found(format!("`{}`", level.value))
                    .suggest(closest(level, scale.level_ids())),
                ),
                Some(_) => {}
            }
        }
        let bands = &s.bands;
        if bands.is_empty() {
            return;
        }
        if s.bands_note.is_none() {
            self.push(
                Diagnostic::error(self.file, bands.pos, "score bands are given without a `bands_note`")
                    .expected("a `bands_note:` beside the `bands:`")
                    .found("no `bands_note:`")
                    .help("add `bands_note:` saying where the bands come from, or that the project defined them"),
            );
        }
        const EPS: f64 = 1e-9;
        let first = &bands[0];
        if (*first.min).abs() > EPS {
            self.push(
                Diagnostic::error(
                    self.file,
                    first.min.pos,
                    "the score bands leave a gap below the first band",
                )
                .expected("the first band to start at 0")
                .found(format!("{}", first.min.value))
                .help(format!("set `min: 0` on `{}`", first.grade)),
            );
        }
        for b in bands.iter() {
            if *b.max <= *b.min || *b.min < -EPS || *b.max > 1.0 + EPS {
                self.push(
                    Diagnostic::error(
                        self.file,
                        b.max.pos,
                        format!("the band `{}` is empty or outside 0 to 1", b.grade),
                    )
                    .expected("0 ≤ min < max ≤ 1")
                    .found(format!("min {}, max {}", b.min.value, b.max.value)),
                );
            }
        }
        for pair in bands.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            if (*b.min - *a.max).abs() > EPS {
                let what = if *b.min < *a.max {
                    "overlap"
                } else {
                    "leave a gap"
                };
                self.push(
                    Diagnostic::error(
                        self.file,
                        b.min.pos,
                        format!("the score bands `{}` and `{}` {what}", a.grade, b.grade),
                    )
                    .expected(format!(
                        "`{}` to start where `{}` ends, at {}",
                        b.grade, a.grade, a.max.value
                    ))
                    .found(format!("{}", b.min.value))
                    .help(format!(
                        "set `min: {}` on `{}`, or change where `{}` ends",
                        a.max.value, b.grade, a.grade
                    )),
                );
            }
        }
        let last = &bands[bands.len() - 1];
        if (*last.max - 1.0).abs() > EPS {
            self.push(
                Diagnostic::error(
                    self.file,
                    last.max.pos,
                    "the score bands leave a gap above the last band",
                )
                .expected("the last band to end at 1")
                .found(format!("{}", last.max.value))
                .help(format!("set `max: 1` on `{}`", last.grade)),
            );
        }
    }

    fn vocabularies(&mut self, fw: &Framework) {
        self.unique("tag vocabulary", fw.tags.iter().map(|t| &t.id));
        for v in &fw.tags {
            self.id("tag vocabulary", &v.id);
            if v.source_ref.is_none() && !v.defined_by_project {
                self.push(
                    Diagnostic::error(
                        self.file,
                        v.id.pos,
                        format!("the tag vocabulary `{}` does not say where its values come from", v.id.value),
                    )
                    .expected("a `source_ref:` naming where the values come from, or `defined_by_project: true`")
                    .found("neither")
                    .help("add `source_ref:` or, if the project made the values up, `defined_by_project: true`"),
                );
            }
            if *v.assigned_by_project && v.note.is_none() {
                self.push(
                    Diagnostic::error(
                        self.file,
                        v.assigned_by_project.pos,
                        format!(
                            "the tag vocabulary `{}` is applied by the project but has no `note`",
                            v.id.value
                        ),
                    )
                    .expected("a `note:` saying how the project decided which items carry which value")
                    .found("no `note:`")
                    .help("add a `note:`, so that a reader knows the tags are the project's judgement and how it was made"),
                );
            }
            self.unique("tag", v.values.iter().map(|t| &t.id));
            for t in &v.values {
                self.id("tag", &t.id);
            }
        }
    }

    fn sections_and_items(&mut self, fw: &Framework) {
        let sections = fw.all_sections();
        let ids = sections.iter().map(|(_, s)| ("section", &s.id)).chain(
            sections
                .iter()
                .flat_map(|(_, s)| s.items.iter().map(|i| ("item", &i.id))),
        );
        let mut ids: Vec<(&str, &Located<String>)> = ids.collect();
        ids.sort_by_key(|(_, id)| id.pos);
        let mut seen: BTreeMap<&str, (&str, Pos)> = BTreeMap::new();
        for (what, id) in ids {
            match seen.get(id.as_str()) {
                Some(&(first_what, first)) => {
                    let by = if first_what == what {
                        String::new()
                    } else {
                        format!(" by a {first_what}")
                    };
                    self.push(
                        Diagnostic::error(
                            self.file,
                            id.pos,
                            format!("the {what} id `{}` is used twice", id.value),
                        )
                        .expected("an id no other section or item in this framework has")
                        .found(format!(
                            "`{}`, already used on line {}{by}",
                            id.value, first.line
                        ))
                        .help("rename one of them: sections and items share one set of ids"),
                    );
                }
                None => {
                    seen.insert(id.as_str(), (what, id.pos));
                }
            }
        }
        for (_, section) in &sections {
            self.id("section", &section.id);
            self.weight("section", &section.weight, &section.id);
            if section.items.is_empty() && section.sections.is_empty() {
                self.push(
                    Diagnostic::error(
                        self.file,
                        section.id.pos,
                        format!("the section `{}` has no items", section.id.value),
                    )
                    .expected("`items:` or `sections:` in the section")
                    .found("neither")
                    .help("add `items:` or `sections:`, or remove the section"),
                );
            }
            for item in &section.items {
                self.item(fw, item);
            }
        }
        if sections.is_empty() {
            self.push(Diagnostic::error(
                self.file,
                fw.id.pos,
                "the framework has no sections",
            ));
        }
    }

    fn weight(&mut self, what: &str, weight: &Located<f64>, owner: &Located<String>) {
        if weight.value > MAX_WEIGHT {
            self.push(
                Diagnostic::error(
                    self.file,
                    weight.pos,
                    format!("the weight of the {what} `{}` is too large", owner.value),
                )
                .expected(format!(
                    "a number above 0 and at most {MAX_WEIGHT} (1 is the usual weight; 2 counts twice as much)"
                ))
                .found(if weight.value.is_finite() {
                    format!("{:e}", weight.value)
                } else {
                    "a number without end (infinity)".to_string()
                }),
            );
        } else if weight.value <= 0.0 || !weight.value.is_finite() {
            self.push(
                Diagnostic::error(self.file, weight.pos, format!("the weight of the {what} `{}` must be above 0", owner.value))
                    .expected("a number above 0 (1 is the usual weight)")
                    .found(format!("{}", weight.value))
                    .help(if what == "item" {
                        "to leave the item out of scores, remove it; an establishment can also mark it not applicable".to_string()
                    } else {
                        format!("to leave the {what} out of scores, remove it")
                    }),
            );
        }
    }

    fn item(&mut self, fw: &Framework, item: &Item) {
        self.id("item", &item.id);
        self.weight("item", &item.weight, &item.id);
        let kind = *item.kind;
        let scale_ids: Vec<&str> = fw.scales.iter().map(|s| s.id.as_str()).collect();
        match &item.scale {
            Some(scale) if fw.scale(scale).is_none() => self.push(
                Diagnostic::error(
                    self.file,
                    scale.pos,
                    format!(
                        "the item `{}` uses an unknown scale `{}`",
                        item.id.value, scale.value
                    ),
                )
                .expected(format!(
                    "one of the scales declared in this file: {}",
                    one_of(&scale_ids)
                ))
                .found(format!("`{}`", scale.value))
                .suggest(closest(scale, scale_ids.iter().copied())),
            ),
            None if matches!(
                kind,
                ItemKind::Criterion | ItemKind::Checklist | ItemKind::Outcome
            ) =>
            {
                self.push(
                    Diagnostic::error(
                        self.file,
                        item.kind.pos,
                        format!("the {} `{}` has no scale", kind.label(), item.id.value),
                    )
                    .expected(format!("a `scale:` naming one of {}", one_of(&scale_ids)))
                    .found("no `scale:`")
                    .help(format!(
                        "every {} is rated on a scale: add `scale:`",
                        kind.label()
                    )),
                )
            }
            Some(scale) if kind == ItemKind::Metric => self.push(
                Diagnostic::error(
                    self.file,
                    scale.pos,
                    format!("the measure `{}` cannot have a scale", item.id.value),
                )
                .expected("no `scale:` on a measure")
                .found(format!("`scale: {}`", scale.value))
                .help("a measure is a number or a rate; describe it under `metric:` instead"),
            ),
            _ => {}
        }
        match (&item.metric, kind) {
            (None, ItemKind::Metric) => self.push(
                Diagnostic::error(
                    self.file,
                    item.kind.pos,
                    format!(
                        "the measure `{}` has no `metric:` description",
                        item.id.value
                    ),
                )
                .expected("a `metric:` saying whether it is a rate or a number, and whether higher or lower is better")
                .found("no `metric:`")
                .help("add `metric: { measure: rate, better: higher }`"),
            ),
            (Some(m), k) if k != ItemKind::Metric => self.push(
                Diagnostic::error(
                    self.file,
                    m.pos,
                    format!(
                        "`metric:` is only for measures, and `{}` is a {}",
                        item.id.value,
                        k.label()
                    ),
                )
                .expected("`metric:` only on items with `kind: metric`")
                .found(format!("`kind: {}`", kind_id(k)))
                .help("set `kind: metric`, or remove `metric:`"),
            ),
            (Some(m), _) => {
                if let (Some(b), Some(t)) = (m.baseline, m.target)
                    && b == t
                {
                    self.push(
                        Diagnostic::error(
                            self.file,
                            m.pos,
                            format!(
                                "the measure `{}` has the same baseline and target",
                                item.id.value
                            ),
                        )
                        .help("progress from baseline to target needs two different numbers"),
                    );
                }
            }
            _ => {}
        }
        match (&item.term, kind) {
            (None, ItemKind::Outcome) => self.push(
                Diagnostic::error(
                    self.file,
                    item.kind.pos,
                    format!("the outcome `{}` has no `term`", item.id.value),
                )
                .expected("`term: short`, `term: medium` or `term: long`")
                .found("no `term`")
                .help("add a `term:` line to the outcome: when, in the logic model, it is expected to be reached"),
            ),
            (Some(t), k) if k != ItemKind::Outcome => self.push(
                Diagnostic::error(
                    self.file,
                    t.pos,
                    format!(
                        "`term` is only for logic-model outcomes, and `{}` is a {}",
                        item.id.value,
                        k.label()
                    ),
                )
                .expected("`term` only on items with `kind: outcome`")
                .found(format!("`term: {}` on a {}", t.id(), k.label()))
                .help("set `kind: outcome`, or remove `term`"),
            ),
            _ => {}
        }
        for tag in &item.tags {
            self.tag(fw, tag);
        }
    }

    fn tag(&mut self, fw: &Framework, tag: &Located<String>) {
        let all: Vec<String> = fw
            .tags
            .iter()
            .flat_map(|v| {
                v.values
                    .iter()
                    .map(move |t| format!("{}/{}", v.id.value, t.id.value))
            })
            .collect();
        if all.contains(&tag.value) {
            return;
        }
        let d = Diagnostic::error(
            self.file,
            tag.pos,
            format!("the tag `{}` is not in any tag vocabulary", tag.value),
        )
        .found(format!("`{}`", tag.value));
        let d = if all.is_empty() {
            d.expected("a tag from a vocabulary declared under `tags:`")
                .help("declare the vocabulary under `tags:` at the top of the file")
        } else {
            d.expected("`vocabulary/value`, from `tags:` at the top of the file")
                .suggest(closest(tag, all.iter().map(String::as_str)))
        };
        self.push(d);
    }
}

/// The word a file uses for an item kind.
fn kind_id(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Criterion => "criterion",
        ItemKind::Question => "question",
        ItemKind::Checklist => "checklist",
        ItemKind::Metric => "metric",
        ItemKind::Outcome => "outcome",
    }
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
