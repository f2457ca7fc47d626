//! A framework's answer scales and its scoring rules: ordered levels, each saying where it comes
//! from; evidence thresholds, bands and coverage.

use crate::diag::{Diagnostic, closest, one_of};
use crate::load::node::Located;
use crate::model::float::same;
use crate::model::framework::{Framework, Level};

use super::{Checker, MAX_WEIGHT};

impl Checker<'_> {
    pub(super) fn scales(&mut self, fw: &Framework) {
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
    pub(super) fn level_origin(&mut self, scale: &Located<String>, level: &Level) {
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

    pub(super) fn scoring(&mut self, fw: &Framework) {
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
        let first = &bands[0];
        if !same(*first.min, 0.0) {
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
            if *b.max <= *b.min
                || (*b.min < 0.0 && !same(*b.min, 0.0))
                || (*b.max > 1.0 && !same(*b.max, 1.0))
            {
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
            if !same(*b.min, *a.max) {
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
        if !same(*last.max, 1.0) {
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
}
