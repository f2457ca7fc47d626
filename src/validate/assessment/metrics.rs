//! Each measure's figures.

use crate::diag::one_of;
use crate::load::node::Located;
use crate::model::assessment::{Assessment, MetricValue};
use crate::model::catalog::Catalog;
use crate::model::framework::{Framework, Measure};

use super::{Checker, MAX_FIGURE};

impl Checker<'_> {
    pub(super) fn metric(
        &mut self,
        key: &Located<String>,
        m: &MetricValue,
        a: &Assessment,
        catalog: &Catalog,
        frameworks: &[&Framework],
    ) {
        let Some((_, item)) = self.resolve(key, a, catalog, frameworks) else {
            return;
        };
        let Some(spec) = item.metric.as_ref() else {
            let fw = catalog.find(key).map(|f| f.framework);
            let levels = fw
                .and_then(|fw| fw.item_scale(item))
                .map(|s| format!(" with a `rating:` ({})", one_of(&s.level_ids())))
                .unwrap_or_else(|| " with a written answer under `narrative:`".into());
            let d = self
                .error(
                    key.pos,
                    format!(
                        "`{}` is a {}, not a measure, so it belongs under `responses:`",
                        key.value,
                        item.kind.label()
                    ),
                )
                .help(if self.workbook {
                    "its row was copied onto the Measures sheet: clear it here and answer it in its row on its framework's sheet".to_string()
                } else {
                    format!("move it to `responses:`{levels}")
                });
            self.push(d);
            return;
        };
        for v in [&m.value, &m.numerator, &m.denominator]
            .into_iter()
            .flatten()
        {
            if v.value < 0.0 || !v.value.is_finite() {
                let d = self
                    .error(v.pos, "a figure cannot be negative")
                    .expected("0 or more")
                    .found(format!("{}", v.value));
                self.push(d);
            }
        }
        for v in [
            &m.value,
            &m.numerator,
            &m.denominator,
            &m.baseline,
            &m.target,
        ]
        .into_iter()
        .flatten()
        {
            if v.value.abs() > MAX_FIGURE {
                let d = self
                    .error(v.pos, "this figure is too large to be a real count or rate")
                    .expected(format!("at most {MAX_FIGURE:.0}"))
                    .found(format!("{:e}", v.value))
                    .help("check for extra digits or a stray `e` in the number");
                self.push(d);
            }
        }
        match (spec.measure, &m.value, &m.numerator, &m.denominator) {
            (Measure::Rate, None, Some(n), Some(d)) => {
                if d.value == 0.0 {
                    let e = self
                        .error(d.pos, "the denominator is 0, so there is no rate to work out")
                        .expected("the number counted, above 0")
                        .found("0")
                        .help("if nobody was counted this year, leave the measure out: it then counts as not answered");
                    self.push(e);
                } else if n.value > d.value {
                    let e = self
                        .error(n.pos, "the numerator is larger than the denominator")
                        .expected(format!("at most {} (the denominator)", d.value))
                        .found(format!("{}", n.value))
                        .help("the numerator counts those in the denominator who meet the measure");
                    self.push(e);
                }
            }
            (Measure::Rate, Some(v), None, None) if v.value > 1.0 => {
                let e = self
                    .error(v.pos, "a rate given as a value must be between 0 and 1")
                    .found(format!("{}", v.value))
                    .help(if self.workbook {
                        "give How many (numerator) and Out of how many (denominator) instead, or type 62% as 0.62"
                    } else {
                        "give `numerator:` and `denominator:` instead, or write 62% as 0.62"
                    });
                self.push(e);
            }
            (Measure::Rate, Some(_), None, None) | (Measure::Number, Some(_), None, None) => {}
            // Not filled in yet: unanswered, not wrong.
            (_, None, None, None) => {}
            (Measure::Number, None, _, _) => {
                let e = if self.workbook {
                    self.error(key.pos, format!("`{}` needs its figure", key.value))
                        .help("type it under Figure (a measure that is not a rate), in this row")
                } else {
                    self.error(key.pos, format!("`{}` needs a `value:`", key.value))
                };
                self.push(e);
            }
            (_, Some(v), _, _) => {
                let e = self.error(
                    v.pos,
                    if self.workbook {
                        "give either a Figure or How many (numerator) and Out of how many (denominator), not both"
                    } else {
                        "give either `value:` or `numerator:` and `denominator:`, not both"
                    },
                );
                self.push(e);
            }
            (Measure::Rate, None, _, _) => {
                let e = self.error(
                    key.pos,
                    if self.workbook {
                        format!(
                            "`{}` is a rate and needs both How many (numerator) and Out of how many (denominator)",
                            key.value
                        )
                    } else {
                        format!(
                            "`{}` is a rate and needs both `numerator:` and `denominator:`",
                            key.value
                        )
                    },
                );
                self.push(e);
            }
        }
        if let (Some(b), Some(t)) = (&m.baseline, &m.target)
            && b.value == t.value
        {
            let e = self
                .error(t.pos, "the target is the same as the baseline")
                .help("progress from baseline to target needs two different figures");
            self.push(e);
        }
    }
}
