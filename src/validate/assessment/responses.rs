//! Each response: the item it answers, its rating, not applicable, and its evidence.

use chrono::NaiveDate;

use crate::diag::{Diagnostic, closest, lookalike, one_of};
use crate::load::node::Located;
use crate::model::assessment::{Assessment, Evidence, Reason, Response};
use crate::model::catalog::Catalog;
use crate::model::framework::{Framework, Item, ItemKind, Measure, Scale};
use crate::model::ids;

use super::{Checker, HelpIfNone};

impl Checker<'_> {
    /// Resolves `framework/item`, reporting why it cannot be found.
    pub(super) fn resolve<'c>(
        &mut self,
        key: &Located<String>,
        a: &Assessment,
        catalog: &'c Catalog,
        frameworks: &[&'c Framework],
    ) -> Option<(&'c Framework, &'c crate::model::framework::Item)> {
        if let Some(l) = lookalike(key) {
            let d = l.diagnostic(self.path, key.pos, key);
            self.push(d);
            return None;
        }
        let Some((fid, iid)) = key.split_once('/') else {
            let guess = frameworks
                .iter()
                .find(|f| f.item(key).is_some())
                .map(|f| ids::qualified(&f.id.value, &key.value));
            let d = self
                .error(
                    key.pos,
                    format!("`{}` does not say which framework it belongs to", key.value),
                )
                .expected("`framework/item`, such as `farmer-offer/visitor-centre`")
                .found(format!("`{}`", key.value))
                .suggest(guess);
            self.push(d);
            return None;
        };
        let Some(fw) = frameworks.iter().find(|f| *f.id == fid).copied() else {
            // A framework listed under `frameworks:` that does not exist (or is a misspelling of
            // this one) is reported once, there; repeating it for every item would bury it.
            let reported = a.frameworks.iter().any(|listed| {
                catalog.resolve(listed).is_none()
                    && (listed.split('@').next() == Some(fid)
                        || closest(listed, catalog.ids()).as_deref() == Some(fid))
            });
            if reported {
                return None;
            }
            let d = if catalog.get(fid).is_some() {
                let listed: Vec<&str> = a.frameworks.iter().map(|f| f.as_str()).collect();
                self.error(key.pos, format!("`{}` belongs to the framework `{fid}`, which this assessment does not list", key.value))
                    .expected(format!("an item of the assessment's frameworks: {}", one_of(&listed)))
                    .found(format!("an item of `{fid}`"))
                    .help(if self.workbook {
                        format!("this row's hidden id names an item of `{fid}`, which the Start here sheet does not list: the row was copied from another workbook; copy its answers into a workbook made for `{fid}` with `ties workbook`, and delete the row here")
                    } else {
                        format!("add `{fid}` to `frameworks:` at the top of the file, or remove this entry")
                    })
            } else {
                let expected = if self.absent.frameworks {
                    format!("one of the frameworks ties has: {}", one_of(&catalog.ids()))
                } else {
                    let listed: Vec<&str> = a.frameworks.iter().map(|f| f.as_str()).collect();
                    format!("one of the assessment's frameworks: {}", one_of(&listed))
                };
                self.error(key.pos, format!("there is no framework `{fid}`"))
                    .expected(expected)
                    .found(format!("`{fid}`"))
                    .suggest(closest(fid, catalog.ids()).map(|f| format!("{f}/{iid}")))
            };
            self.push(d);
            return None;
        };
        match fw.item(iid) {
            Some(item) => Some((fw, item)),
            None => {
                let all: Vec<String> = fw
                    .items()
                    .iter()
                    .map(|i| ids::qualified(&fw.id.value, &i.id.value))
                    .collect();
                let d = self
                    .error(
                        key.pos,
                        format!("the framework `{fid}` has no item `{iid}`"),
                    )
                    .found(format!("`{}`", key.value))
                    .suggest(closest(key, all.iter().map(String::as_str)))
                    .help_if_none(format!("`ties show {fid}` lists its items"));
                self.push(d);
                None
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn response(
        &mut self,
        key: &Located<String>,
        r: &Response,
        a: &Assessment,
        catalog: &Catalog,
        frameworks: &[&Framework],
        kinds: &[String],
        completed: Option<NaiveDate>,
    ) {
        let Some((fw, item)) = self.resolve(key, a, catalog, frameworks) else {
            return;
        };
        if *item.kind == ItemKind::Metric {
            let d = self
                .error(
                    key.pos,
                    format!(
                        "`{}` is a measure, so its figures go under `metrics:`",
                        key.value
                    ),
                )
                .help(match item.metric.as_ref().map(|m| m.measure) {
                    _ if self.workbook => "its row was copied onto a framework's sheet: clear it here and give its figures in its row on the Measures sheet".to_string(),
                    Some(Measure::Number) => format!(
                        "move it to `metrics:`, written as `{}: {{ value: 25 }}` with your own figure",
                        key.value
                    ),
                    _ => format!(
                        "move it to `metrics:`, written as `{}: {{ numerator: 412, denominator: 690 }}` with your own figures: how many were counted (denominator) and how many of them meet the measure (numerator)",
                        key.value
                    ),
                });
            self.push(d);
            return;
        }
        let scale = fw.item_scale(item);
        self.rating(key, r, item, scale);
        self.not_applicable(key, r, scale);
        for e in &r.evidence {
            self.evidence(e, kinds, completed);
        }
        self.unevidenced(key, r, fw, scale);
    }

    /// A rating that is a level of the item's scale, on an item that has one.
    fn rating(&mut self, key: &Located<String>, r: &Response, item: &Item, scale: Option<&Scale>) {
        match (&r.rating, scale) {
            (Some(rating), Some(scale)) if scale.level(rating).is_none() => {
                let ids = scale.level_ids();
                let by_label = scale
                    .levels
                    .iter()
                    .find(|l| l.label.eq_ignore_ascii_case(rating.trim()))
                    .map(|l| l.id.value.clone());
                let d = self
                    .error(
                        rating.pos,
                        format!("`{}` is not a level of the {}", rating.value, scale.name()),
                    )
                    .expected(format!("one of {}", one_of(&ids)))
                    .found(format!("`{}`", rating.value));
                let d = match (lookalike(rating), by_label) {
                    _ if means_not_applicable(rating) => d.help(if scale.not_applicable {
                        "an item that does not apply here is marked with the reason instead of a \
                         rating: replace `rating:` with `not_applicable: <the reason>`"
                            .to_string()
                    } else {
                        format!(
                            "the {} does not allow an item to be marked not applicable: \
                             give one of its ratings",
                            scale.name()
                        )
                    }),
                    (Some(l), _) => d
                        .found(format!(
                            "`{}`, which {}: {}",
                            rating.value,
                            l.describe(),
                            l.what
                        ))
                        .help(format!("type it again by hand: `{}`", l.plain)),
                    (None, Some(id)) => d.help(format!(
                        "`{}` is the level's name; a rating is written with its id: `rating: {id}`",
                        rating.value
                    )),
                    (None, None) => d.suggest(closest(rating, ids.iter().copied())),
                };
                self.push(d);
            }
            (Some(rating), None) => {
                let d = self
                    .error(
                        rating.pos,
                        format!(
                            "`{}` is a {} with no rating scale, so it takes a written answer only",
                            key.value,
                            item.kind.label()
                        ),
                    )
                    .help(if self.workbook {
                        format!(
                            "clear the rating in {} and write the answer under What we do",
                            self.cell(rating.pos)
                        )
                    } else {
                        "remove `rating:` and write the answer under `narrative:`".to_string()
                    });
                self.push(d);
            }
            _ => {}
        }
    }

    /// Not applicable with a reason, where the scale allows it, and never with a rating.
    fn not_applicable(&mut self, key: &Located<String>, r: &Response, scale: Option<&Scale>) {
        match &*r.not_applicable {
            Reason::Absent => {}
            Reason::Missing => {
                let d = self
                    .error(r.not_applicable.pos, "not applicable needs a reason")
                    .expected("a sentence saying why the item does not apply here")
                    .found("no reason")
                    .help("write, for example, `not_applicable: All visits here are already extended family visits.`");
                self.push(d);
            }
            Reason::Given(_) => {
                if let Some(scale) = scale.filter(|s| !s.not_applicable) {
                    let d = self
                        .error(
                            r.not_applicable.pos,
                            format!("`{}` cannot be marked not applicable", key.value),
                        )
                        .help(format!(
                            "the {} does not allow it: give a rating instead ({})",
                            scale.name(),
                            one_of(&scale.level_ids())
                        ));
                    self.push(d);
                }
                if let Some(rating) = &r.rating {
                    let d = self
                        .error(
                            rating.pos,
                            "an item marked not applicable cannot also have a rating",
                        )
                        .expected("a rating, or a reason it does not apply, but not both")
                        .found("both")
                        .help(if self.workbook {
                            format!(
                                "clear the rating in {} or the reason in {}",
                                self.cell(rating.pos),
                                self.cell(r.not_applicable.pos)
                            )
                        } else {
                            "remove either `rating:` or `not_applicable:`".to_string()
                        });
                    self.push(d);
                }
            }
        }
    }

    /// One piece of evidence: a kind the frameworks know, some text, a date not after completion.
    fn evidence(&mut self, e: &Evidence, kinds: &[String], completed: Option<NaiveDate>) {
        if !kinds.contains(&e.kind.value) {
            let d = self
                .error(
                    e.kind.pos,
                    format!(
                        "`{}` is not a kind of evidence these frameworks know",
                        e.kind.value
                    ),
                )
                .expected(format!("one of {}", one_of(kinds)))
                .found(format!("`{}`", e.kind.value))
                .suggest(closest(&e.kind, kinds.iter().map(String::as_str)));
            self.push(d);
        }
        if e.text.trim().is_empty() {
            let d = self
                .error(e.text.pos, "an evidence entry has no text")
                .help("say what the evidence is and what it shows");
            self.push(d);
        }
        if let Some(date) = &e.date
            && let (Some(d), Some(done)) = (self.date(date, "the evidence date"), completed)
            && d > done
        {
            let w = Diagnostic::warning(
                self.path,
                date.pos,
                "this evidence is dated after the assessment was completed",
            )
            .found(format!("`{}`, after `{done}`", date.value));
            self.push(w);
        }
    }

    /// A rating claimed at or above the evidence threshold with nothing to show for it.
    fn unevidenced(
        &mut self,
        key: &Located<String>,
        r: &Response,
        fw: &Framework,
        scale: Option<&Scale>,
    ) {
        if let (Some(rating), Some(scale)) = (&r.rating, scale) {
            let needs = fw.scoring.evidence_required.get(scale.id.as_str());
            if let (Some(needs), Some((idx, level))) = (needs, scale.level(rating))
                && let Some((min_idx, min_level)) = scale.level(needs)
                && idx >= min_idx
                && r.evidence.is_empty()
            {
                let capped = scale.levels[r.evidenced_level(fw, scale, idx)]
                    .label
                    .clone();
                let w = Diagnostic::warning(self.path, rating.pos, format!("`{}` is rated {} with no evidence", key.value, level.label))
                            .help(format!(
                                "{} requires evidence for {} or above; until evidence is added, the score counts it as {capped}",
                                fw.title, min_level.label
                            ));
                self.push(w);
            }
        }
    }
}

/// Whether a rating says "not applicable" in one of the ways people write it.
fn means_not_applicable(rating: &str) -> bool {
    let letters: String = rating
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    ["notapplicable", "na", "doesnotapply", "notrelevant"].contains(&letters.as_str())
}
