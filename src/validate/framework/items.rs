//! A framework's sections and items, their weights, and the tags they carry.

use std::collections::BTreeMap;

use crate::diag::source::Pos;
use crate::diag::{Diagnostic, closest, one_of};
use crate::load::node::Located;
use crate::model::framework::{Framework, Item, ItemKind};

use super::{Checker, MAX_WEIGHT, kind_id};

impl Checker<'_> {
    pub(super) fn vocabularies(&mut self, fw: &Framework) {
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

    pub(super) fn sections_and_items(&mut self, fw: &Framework) {
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

    pub(super) fn weight(&mut self, what: &str, weight: &Located<f64>, owner: &Located<String>) {
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

    pub(super) fn item(&mut self, fw: &Framework, item: &Item) {
        self.id("item", &item.id);
        self.weight("item", &item.weight, &item.id);
        self.item_scale(fw, item);
        self.item_metric(item);
        self.item_term(item);
        for tag in &item.tags {
            self.tag(fw, tag);
        }
    }

    /// A rated item names a scale of this file; a measure has none.
    fn item_scale(&mut self, fw: &Framework, item: &Item) {
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
    }

    /// A measure, and only a measure, describes its figure under `metric:`.
    fn item_metric(&mut self, item: &Item) {
        let kind = *item.kind;
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
    }

    /// A logic-model outcome, and only an outcome, has a `term`.
    fn item_term(&mut self, item: &Item) {
        let kind = *item.kind;
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
    }

    pub(super) fn tag(&mut self, fw: &Framework, tag: &Located<String>) {
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
