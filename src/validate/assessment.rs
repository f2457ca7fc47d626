//! The checks an assessment must pass against the frameworks it names.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use chrono::{Datelike, NaiveDate};

use crate::diag::source::{Pos, SourceFile};
use crate::diag::{Diagnostic, Diagnostics, closest, lookalike, one_of};
use crate::error::{Error, Result};
use crate::load;
use crate::load::node::Located;
use crate::model::assessment::{
    Assessment, FORMAT_VERSION, MetricValue, Reason, Response, parse_date,
};
use crate::model::catalog::Catalog;
use crate::model::framework::{Framework, ItemKind, Measure};
use crate::model::ids;

/// The largest figure a measure may have: far above any count of people or visits in a year.
/// Larger figures are typing mistakes, and would make sums and rates meaningless.
pub const MAX_FIGURE: f64 = 1_000_000_000.0;

/// Reads and checks a self-assessment for a command that uses it: any error stops the command
/// with the full list. The search for personal data (which gives warnings only) is left to the
/// commands that guard what they publish.
pub fn read(path: &Path, catalog: &Catalog) -> Result<(Assessment, SourceFile)> {
    let file = load::read_source(path).map_err(|d| Error::problem(d, None))?;
    let node = load::parse(&file).map_err(|d| Error::problem(d, Some(file.clone())))?;
    let (assessment, diags) = check_node(&file, &node, catalog, None, false);
    match assessment {
        Some(a) => Ok((a, file)),
        None => Err(Error::in_file(diags.errors_only(), file)),
    }
}

/// Reads and checks an assessment file. Returns the assessment when it has no errors.
/// `as_of` is the date overdue actions are judged against (default: the file's `completed_on`).
pub fn check_file(
    file: &SourceFile,
    catalog: &Catalog,
    as_of: Option<NaiveDate>,
) -> (Option<Assessment>, Diagnostics) {
    match load::parse(file) {
        Ok(node) => check_node(file, &node, catalog, as_of, true),
        Err(d) => (None, Diagnostics { items: vec![d] }),
    }
}

/// As `check_file`, for a file already parsed (so a caller that parsed it to see what kind of
/// file it is need not parse it twice: parsing is most of the time `ties compare` takes).
/// `personal_data`: whether to search the text for personal data, which gives warnings only; a
/// caller that keeps only the errors (the estate, last year's file for a report) passes false
/// rather than search every file for nothing.
pub fn check_node(
    file: &SourceFile,
    node: &crate::load::node::Node,
    catalog: &Catalog,
    as_of: Option<NaiveDate>,
    personal_data: bool,
) -> (Option<Assessment>, Diagnostics) {
    let mut diags = Diagnostics::default();
    // The format version is checked first: a file from a newer `ties` may use fields this one
    // does not know, and "unknown field" would be the wrong message.
    if let crate::load::node::Value::Map(entries) = &node.value
        && let Some((_, v)) = entries.iter().find(|(k, _)| k.name == "ties")
        && v.value != crate::load::node::Value::Int(FORMAT_VERSION as i64)
    {
        diags.push(
            Diagnostic::error(
                &file.path,
                v.pos,
                "this file uses a format version this version of ties does not know",
            )
            .expected(format!("`ties: {FORMAT_VERSION}`"))
            .found(v.value.describe())
            .help("check for a newer version of ties, or start again from `ties init`"),
        );
        return (None, diags);
    }
    let assessment: Assessment = match load::decode(file, node) {
        Ok(a) => a,
        Err(d) => {
            diags.push(d);
            return (None, diags);
        }
    };
    diags.extend(check(&file.path, &assessment, catalog, as_of));
    if personal_data {
        for f in crate::validate::privacy::findings(&assessment, Some(file)) {
            diags.push(crate::validate::privacy::warning(&file.path, &f));
        }
    }
    diags.sort();
    let ok = !diags.has_errors();
    (ok.then_some(assessment), diags)
}

/// Checks a parsed assessment against the catalog.
pub fn check(
    path: &Path,
    a: &Assessment,
    catalog: &Catalog,
    as_of: Option<NaiveDate>,
) -> Diagnostics {
    let mut c = Checker {
        path,
        out: Diagnostics::default(),
    };
    c.header(a);
    let frameworks = c.frameworks(a, catalog);
    let kinds = evidence_kinds(&frameworks);
    let completed = a.completed_on.as_ref().and_then(|d| parse_date(d));
    for (key, response) in a.responses.iter() {
        c.response(key, response, a, catalog, &frameworks, &kinds, completed);
    }
    for (key, metric) in a.metrics.iter() {
        c.metric(key, metric, a, catalog, &frameworks);
    }
    c.actions(a, catalog, as_of.or(completed));
    c.unanswered(a, &frameworks);
    c.out
}

/// Evidence kind ids the assessment's frameworks declare, in order, without repeats.
pub fn evidence_kinds(frameworks: &[&Framework]) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for fw in frameworks {
        for k in &fw.evidence_kinds {
            if seen.insert(k.id.value.clone()) {
                out.push(k.id.value.clone());
            }
        }
    }
    out
}

struct Checker<'a> {
    path: &'a Path,
    out: Diagnostics,
}

impl Checker<'_> {
    fn error(&mut self, pos: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(self.path, pos, message)
    }

    fn push(&mut self, d: Diagnostic) {
        self.out.push(d);
    }

    fn date(&mut self, text: &Located<String>, what: &str) -> Option<NaiveDate> {
        if let Some(d) = parse_date(text) {
            return Some(d);
        }
        let looks_like_date = text.len() == 10 && text.chars().filter(|c| *c == '-').count() == 2;
        let message = if looks_like_date {
            format!("{what} `{}` is not a real date", text.value)
        } else {
            format!("{what} `{}` is not a date", text.value)
        };
        let d = self
            .error(text.pos, message)
            .expected("a date written YYYY-MM-DD, such as 2026-04-20")
            .found(format!("`{}`", text.value));
        let d = match why_not_a_date(text) {
            Some(why) => d.help(why),
            None => d,
        };
        self.push(d);
        None
    }

    fn header(&mut self, a: &Assessment) {
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
        if !ids::is_plausible_year(year) {
            let d = self
                .error(
                    a.year.pos,
                    format!("the year {year} is not a plausible reporting year"),
                )
                .expected("a year between 2000 and 2100, such as 2025");
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

    fn frameworks<'c>(&mut self, a: &Assessment, catalog: &'c Catalog) -> Vec<&'c Framework> {
        let mut out: Vec<&Framework> = Vec::new();
        if a.frameworks.is_empty() {
            let d = self
                .error(a.frameworks.pos, "the assessment names no frameworks")
                .expected(format!(
                    "a list of frameworks, such as [{}]",
                    catalog.ids().join(", ")
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

    /// Resolves `framework/item`, reporting why it cannot be found.
    fn resolve<'c>(
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
                    .help(format!("add `{fid}` to `frameworks:` at the top of the file, or remove this entry"))
            } else {
                let listed: Vec<&str> = a.frameworks.iter().map(|f| f.as_str()).collect();
                self.error(key.pos, format!("there is no framework `{fid}`"))
                    .expected(format!(
                        "one of the assessment's frameworks: {}",
                        one_of(&listed)
                    ))
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
    fn response(
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
                        format!(
                            "`{}` is not a level of the {} scale",
                            rating.value, scale.label
                        ),
                    )
                    .expected(format!("one of {}", one_of(&ids)))
                    .found(format!("`{}`", rating.value));
                let d = match (lookalike(rating), by_label) {
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
                    .help("remove `rating:` and write the answer under `narrative:`");
                self.push(d);
            }
            _ => {}
        }
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
                            "the {} scale does not allow it: give a rating instead ({})",
                            scale.label,
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
                        .help("remove either `rating:` or `not_applicable:`");
                    self.push(d);
                }
            }
        }
        for e in &r.evidence {
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
        // Claimed above the evidence threshold with nothing to show for it.
        if let (Some(rating), Some(scale)) = (&r.rating, scale) {
            let needs = fw.scoring.evidence_required.get(scale.id.as_str());
            if let (Some(needs), Some((idx, level))) = (needs, scale.level(rating))
                && let Some((min_idx, min_level)) = scale.level(needs)
                && idx >= min_idx
                && r.evidence.is_empty()
            {
                let capped = scale.levels[crate::score::evidenced_level(fw, scale, idx, r)]
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

    fn metric(
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
                .help(format!("move it to `responses:`{levels}"));
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
                    .help("give `numerator:` and `denominator:` instead, or write 62% as 0.62");
                self.push(e);
            }
            (Measure::Rate, Some(_), None, None) | (Measure::Number, Some(_), None, None) => {}
            // Not filled in yet: unanswered, not wrong.
            (_, None, None, None) => {}
            (Measure::Number, None, _, _) => {
                let e = self.error(key.pos, format!("`{}` needs a `value:`", key.value));
                self.push(e);
            }
            (_, Some(v), _, _) => {
                let e = self.error(
                    v.pos,
                    "give either `value:` or `numerator:` and `denominator:`, not both",
                );
                self.push(e);
            }
            (Measure::Rate, None, _, _) => {
                let e = self.error(
                    key.pos,
                    format!(
                        "`{}` is a rate and needs both `numerator:` and `denominator:`",
                        key.value
                    ),
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

    fn actions(&mut self, a: &Assessment, catalog: &Catalog, as_of: Option<NaiveDate>) {
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        let frameworks: Vec<&Framework> = a
            .frameworks
            .iter()
            .filter_map(|f| catalog.resolve(f))
            .collect();
        for action in &a.actions {
            if let Some(line) = seen.insert(action.id.as_str(), action.id.pos.line) {
                let d = self
                    .error(
                        action.id.pos,
                        format!("the action id `{}` is used twice", action.id.value),
                    )
                    .expected("an id no other action has")
                    .found(format!(
                        "`{}`, already used on line {line}",
                        action.id.value
                    ))
                    .help("give each action its own id, such as A1, A2, A3");
                self.push(d);
            }
            for item in &action.items {
                self.resolve(item, a, catalog, &frameworks);
            }
            let due = action
                .due
                .as_ref()
                .and_then(|d| self.date(d, "the due date"));
            let done_on = action
                .done_on
                .as_ref()
                .and_then(|d| self.date(d, "the completion date"));
            if let (Some(done_on), Some(pos)) = (done_on, action.done_on.as_ref().map(|d| d.pos)) {
                if !matches!(*action.status, crate::model::assessment::ActionStatus::Done) {
                    let w = Diagnostic::warning(
                        self.path,
                        pos,
                        format!(
                            "action `{}` has a completion date but its status is {}",
                            action.id.value,
                            action.status.label().to_lowercase()
                        ),
                    )
                    .help("set `status: done`, or remove `done_on:`");
                    self.push(w);
                }
                let _ = done_on;
            }
            if let (Some(due), Some(as_of)) = (due, as_of)
                && action.status.is_live()
                && due < as_of
            {
                let w = Diagnostic::warning(
                    self.path,
                    action.due.as_ref().map_or(action.id.pos, |d| d.pos),
                    format!("action `{}` is overdue", action.id.value),
                )
                .found(format!(
                    "due {due}, still {} on {as_of}",
                    action.status.label().to_lowercase()
                ))
                .help("update its status, or agree a new due date");
                self.push(w);
            }
        }
    }

    fn unanswered(&mut self, a: &Assessment, frameworks: &[&Framework]) {
        for fw in frameworks {
            let items = fw.items();
            let missing: Vec<&str> = items
                .iter()
                .filter(|i| {
                    let key = ids::qualified(&fw.id.value, &i.id.value);
                    if *i.kind == ItemKind::Metric {
                        // An entry with no figures yet (as `ties init` writes it) is unanswered.
                        a.metrics.get(&key).is_none_or(|m| {
                            m.value.is_none() && m.numerator.is_none() && m.denominator.is_none()
                        })
                    } else {
                        a.responses.get(&key).is_none_or(|r| !answered(fw, i, r))
                    }
                })
                .map(|i| i.id.as_str())
                .collect();
            if missing.is_empty() {
                continue;
            }
            let pos = a
                .frameworks
                .iter()
                .find(|f| f.value == fw.id.value)
                .map_or(a.frameworks.pos, |f| f.pos);
            let shown: Vec<&str> = missing.iter().take(8).copied().collect();
            let more = if missing.len() > shown.len() {
                format!(" and {} more", missing.len() - shown.len())
            } else {
                String::new()
            };
            let w = Diagnostic::warning(
                self.path,
                pos,
                format!(
                    "{} of {} items of `{}` are not answered yet",
                    missing.len(),
                    items.len(),
                    fw.id.value
                ),
            )
            .found(format!("{}{more}", shown.join(", ")))
            .help("unanswered items lower coverage; they do not lower the score");
            self.push(w);
        }
    }
}

/// Why a text that looks like a date is not one: "there is no month 13", "February 2025 has 28
/// days".
fn why_not_a_date(text: &str) -> Option<String> {
    let mut parts = text.trim().splitn(3, '-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&month) {
        return Some(format!(
            "there is no month {month}: months go from 01 to 12"
        ));
    }
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year.checked_add(1)?, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    let days = (next - first).num_days();
    (day == 0 || i64::from(day) > days)
        .then(|| format!("{} {year} has {days} days", first.format("%B")))
}

/// Whether a response answers its item: a rating on a rated item, a written answer on an
/// unrated question, or not applicable with a reason.
pub fn answered(fw: &Framework, item: &crate::model::framework::Item, r: &Response) -> bool {
    if r.is_not_applicable() {
        return true;
    }
    match fw.item_scale(item) {
        Some(_) => r.rating.is_some(),
        None => r.has_narrative(),
    }
}

trait HelpIfNone {
    fn help_if_none(self, text: String) -> Self;
}

impl HelpIfNone for Diagnostic {
    fn help_if_none(self, text: String) -> Self {
        if self.help.is_none() {
            self.help(text)
        } else {
            self
        }
    }
}
