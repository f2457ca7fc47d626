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
        if let Some(l) = lookalike(id) {
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
        if let Some((message, expected)) = ids::implausible_year(year) {
            let d = self.error(a.year.pos, message).expected(expected);
            self.push(d);
        }
        if let Some(on) = &a.completed_on
            && let Some(done) = self.date(on, "the completion date")
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
}
