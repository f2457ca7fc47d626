//! Answers carried forward from last year that nobody has changed or confirmed yet.

use crate::diag::Diagnostic;
use crate::load::node::Located;
use crate::model::assessment::Assessment;

use super::Checker;

/// The most items a warning names before saying how many more there are.
const NAMED: usize = 8;

impl Checker<'_> {
    pub(super) fn carried(&mut self, a: &Assessment) {
        let year = *a.year;
        let mut answers: Vec<(&str, &Located<i32>)> = Vec::new();
        let mut evidence: Vec<(&str, &Located<i32>)> = Vec::new();
        for (key, r) in a.responses.iter() {
            if let Some(from) = &r.carried_from {
                answers.push((key.as_str(), from));
            }
            for e in &r.evidence {
                if let Some(from) = &e.carried_from {
                    evidence.push((key.as_str(), from));
                }
            }
        }
        for (_, from) in answers.iter().chain(&evidence) {
            if !self.absent.year && from.value >= year {
                let d = self
                    .error(
                        from.pos,
                        format!(
                            "an answer is marked as carried from {}, which is not before {year}",
                            from.value
                        ),
                    )
                    .expected(format!("a year before {year}"))
                    .found(from.value.to_string());
                self.push(d);
            }
        }
        let how = if self.workbook {
            "pick Yes in its Confirm column"
        } else {
            "remove its `carried_from:` line"
        };
        if let Some((_, first)) = answers.first() {
            let w = Diagnostic::warning(
                self.path,
                first.pos,
                format!(
                    "{} carried forward from {} {} not changed or confirmed yet",
                    count(answers.len(), "answer"),
                    years(&answers),
                    if answers.len() == 1 { "is" } else { "are" }
                ),
            )
            .found(named(answers.iter().map(|(k, _)| *k)))
            .help(format!(
                "look at each again: change it, or, if it still holds this year, {how}"
            ));
            self.push(w);
        }
        if let Some((_, first)) = evidence.first() {
            let w = Diagnostic::warning(
                self.path,
                first.pos,
                format!(
                    "{} carried forward from {} {} not changed or confirmed yet",
                    count(evidence.len(), "piece of evidence"),
                    years(&evidence),
                    if evidence.len() == 1 { "is" } else { "are" }
                ),
            )
            .found(format!(
                "evidence for {}",
                named(dedup(evidence.iter().map(|(k, _)| *k)))
            ))
            .help(format!(
                "check that each is still current: change it, or, if it still stands, {how}"
            ));
            self.push(w);
        }
    }
}

/// The year the marked entries came from, or "earlier years" when they differ.
fn years(marked: &[(&str, &Located<i32>)]) -> String {
    match marked.first() {
        Some((_, y)) if marked.iter().all(|(_, x)| x.value == y.value) => y.value.to_string(),
        _ => "earlier years".to_string(),
    }
}

fn count(n: usize, what: &str) -> String {
    match (n, what) {
        (1, _) => format!("1 {what}"),
        (n, "piece of evidence") => format!("{n} pieces of evidence"),
        (n, _) => format!("{n} {what}s"),
    }
}

fn dedup<'a>(keys: impl Iterator<Item = &'a str>) -> impl Iterator<Item = &'a str> {
    let mut seen: Vec<&str> = Vec::new();
    keys.filter(move |k| {
        let new = !seen.contains(k);
        if new {
            seen.push(k);
        }
        new
    })
}

/// The first few items, and how many more.
fn named<'a>(keys: impl Iterator<Item = &'a str>) -> String {
    let all: Vec<&str> = keys.collect();
    crate::diag::cut_list(&all, all.len(), NAMED, ", ", ", ")
}
