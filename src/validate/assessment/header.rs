//! The top of a self-assessment: the establishment, the year, the dates and the frameworks it
//! names.

use chrono::Datelike;

use crate::diag::{closest, lookalike, one_of};
use crate::model::assessment::Assessment;
use crate::model::catalog::Catalog;
use crate::model::framework::Framework;
use crate::model::ids;

use super::Checker;

impl Checker<'_> {
    pub(super) fn header(&mut self, a: &Assessment) {
        let id = &a.establishment.id;
        if self.absent.establishment {
            // Its absence has been said; the placeholder is not the file's.
        } else if let Some(l) = lookalike(id) {
            let d = l.diagnostic(self.path, id.pos, id);
            self.push(d);
        } else if !ids::is_valid_id(id) {
            let d = self
                .error(
                    id.pos,
                    format!("the establishment id `{}` is not a valid id", id.value),
                )
                .expected("lower-case letters, digits and hyphens, such as `hmp-example`")
                .found(format!("`{}`", id.value))
                .suggest(ids::suggest_id(id));
            self.push(d);
        }
        let year = *a.year;
        if let Some((message, expected)) = ids::implausible_year(year).filter(|_| !self.absent.year)
        {
            let d = self.error(a.year.pos, message).expected(expected);
            self.push(d);
        }
        if let Some(on) = &a.completed_on
            && let Some(done) = self.date(on, "the completion date")
            && !self.absent.year
            && done.year() < year
        {
            let d = self
                .error(
                    on.pos,
                    "the assessment is dated before the year it reports on began",
                )
                .expected(format!("a date in {year} or later"))
                .found(format!("`{}`", on.value));
            self.push(d);
        }
    }

    pub(super) fn frameworks<'c>(
        &mut self,
        a: &Assessment,
        catalog: &'c Catalog,
    ) -> Vec<&'c Framework> {
        let mut out: Vec<&Framework> = Vec::new();
        if a.frameworks.is_empty() {
            let d = self
                .error(a.frameworks.pos, "the assessment names no frameworks")
                .expected(format!(
                    "a list of frameworks, such as [{}]",
                    crate::diag::cut_list(
                        &catalog.ids(),
                        catalog.ids().len(),
                        crate::diag::MAX_LISTED,
                        ", ",
                        ", "
                    )
                ));
            self.push(d);
        }
        for id in a.frameworks.iter() {
            if let Some((fid, version)) = id.split_once('@')
                && catalog.get(fid.trim()).is_some()
                && catalog.resolve(id).is_none()
            {
                let versions = catalog.versions(fid.trim());
                let d = self
                        .error(id.pos, format!("there is no version {} of the framework `{}`", version.trim(), fid.trim()))
                        .expected(format!("one of the versions ties has: {}", one_of(&versions)))
                        .found(format!("`{}`", id.value))
                        .help(format!(
                            "write `{}` for the current version, or give the folder holding version {} with `--frameworks DIR`",
                            fid.trim(),
                            version.trim()
                        ));
                self.push(d);
                continue;
            }
            match catalog.resolve(id) {
                Some(fw) if out.iter().any(|f| f.id.value == fw.id.value) => {
                    let d = self.error(
                        id.pos,
                        format!("the framework `{}` is listed twice", id.value),
                    );
                    self.push(d);
                }
                Some(fw) => out.push(fw),
                None => {
                    if let Some(l) = lookalike(id) {
                        let d = l.diagnostic(self.path, id.pos, id);
                        self.push(d);
                        continue;
                    }
                    let d = self
                        .error(id.pos, format!("there is no framework `{}`", id.value))
                        .expected(format!("one of {}", one_of(&catalog.ids())))
                        .found(format!("`{}`", id.value));
                    let d = match closest(id, catalog.ids()) {
                        Some(near) => d.suggest(Some(near)),
                        None => d.help(format!(
                            "if `{}` is a framework file of your own, give its folder with `--frameworks DIR`",
                            id.value
                        )),
                    };
                    self.push(d);
                }
            }
        }
        out
    }

    /// A nation some of the frameworks are not for: a warning at the nation, since either the
    /// nation or the frameworks are wrong (a Scottish prison's file left at England and Wales,
    /// or a framework of the other nation chosen by mistake).
    pub(super) fn nation(&mut self, a: &Assessment, frameworks: &[&Framework]) {
        if self.absent.establishment {
            return;
        }
        let nation = &a.establishment.nation;
        let other: Vec<&&Framework> = frameworks
            .iter()
            .filter(|f| !f.is_for(nation.value))
            .collect();
        if other.is_empty() {
            return;
        }
        let each: Vec<String> = other
            .iter()
            .map(|f| format!("`{}` is for {}", f.id.value, f.nations_in_words()))
            .collect();
        let shared = crate::model::framework::shared_nations(frameworks);
        let help = match (shared.as_slice(), self.workbook) {
            ([one], false) => format!(
                "if the establishment is in {}, write `nation: {}`; if not, list the frameworks for {} under `frameworks:`",
                one.label(),
                one.id(),
                nation.label()
            ),
            ([one], true) => format!(
                "if the establishment is in {}, pick {} as its nation on Start here; if not, this workbook's frameworks are not the ones for it: make a new workbook with the frameworks for {}",
                one.label(),
                one.label(),
                nation.label()
            ),
            (_, false) => format!(
                "choose the frameworks for {} under `frameworks:`, or correct the nation",
                nation.label()
            ),
            (_, true) => format!(
                "pick the establishment's nation on Start here; if it is {}, make a new workbook with the frameworks for {}",
                nation.label(),
                nation.label()
            ),
        };
        let d = crate::diag::Diagnostic::warning(
            self.path,
            nation.pos,
            format!(
                "the establishment is in {}, but {}",
                nation.label(),
                each.join(" and ")
            ),
        )
        .expected(format!("frameworks for {}", nation.label()))
        .found(each.join(", "))
        .help(help);
        self.push(d);
    }
}
