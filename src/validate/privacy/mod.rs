//! The personal data guard: text that looks like it identifies a person.
//!
//! Self-assessments describe services, not people. A family lead may still paste an email
//! signature, a phone number or a prisoner's number into a narrative. Text that is not marked
//! restricted is searched for such patterns; `ties check` warns about each one, and public
//! outputs refuse to be written while any stands, unless the person running `ties` says
//! otherwise with `--allow-personal-data`.

use std::path::Path;

use crate::diag::source::{Pos, SourceFile};
use crate::diag::{Diagnostic, Diagnostics};
use crate::error::{Error, Result};

mod patterns;

use crate::model::assessment::Assessment;
pub use patterns::scan;

/// What a piece of text looked like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Email,
    Phone,
    PrisonNumber,
    NationalInsurance,
    DateOfBirth,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Email => "an email address",
            Kind::Phone => "a phone number",
            Kind::PrisonNumber => "a prison number",
            Kind::NationalInsurance => "a National Insurance number",
            Kind::DateOfBirth => "a date of birth",
        }
    }
}

/// One match in one field.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub kind: Kind,
    /// Where it was: "the narrative of farmer-offer/visitor-centre".
    pub place: String,
    /// The text found, partly hidden so the message does not repeat it in full.
    pub masked: String,
    pub pos: Pos,
}

fn mask(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let keep = (chars.len() / 4).clamp(1, 4);
    let mut out: String = chars.iter().take(keep).collect();
    out.push_str(&"•".repeat(chars.len().saturating_sub(keep).min(12)));
    out
}

/// Every finding in the parts of an assessment that are not restricted. Positions are found in
/// the file's text (or a workbook's cells), at or after the place the field belongs to.
pub fn findings(a: &Assessment, file: Option<&SourceFile>) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut look = |text: &str, place: String, near: Pos| {
        for (kind, found) in scan(text) {
            let pos = file.and_then(|f| f.find(&found, near)).unwrap_or(near);
            out.push(Finding {
                kind,
                place: place.clone(),
                masked: mask(&found),
                pos,
            });
        }
    };
    let est = &a.establishment;
    look(&est.name, "the establishment's name".into(), est.id.pos);
    if let Some(by) = &a.completed_by {
        look(by, "`completed_by`".into(), by.pos);
    }
    for (key, r) in a.responses.iter() {
        if r.restricted {
            continue;
        }
        let item = &key.value;
        if let Some(n) = &r.narrative {
            look(n, format!("the narrative of {item}"), key.pos);
        }
        for e in r.evidence.iter().filter(|e| !e.restricted) {
            look(&e.text, format!("evidence for {item}"), e.text.pos);
        }
        for s in &r.strengths {
            look(s, format!("a strength of {item}"), key.pos);
        }
        for d in &r.development {
            look(d, format!("a development point of {item}"), key.pos);
        }
        if let Some(reason) = r.not_applicable.text() {
            look(
                reason,
                format!("the not-applicable reason of {item}"),
                r.not_applicable.pos,
            );
        }
    }
    for (key, m) in a.metrics.iter() {
        if let (Some(note), false) = (&m.note, m.restricted) {
            look(note, format!("the note on {}", key.value), key.pos);
        }
    }
    for act in a.actions.iter().filter(|x| !x.restricted) {
        let place = format!("action {}", act.id.value);
        look(&act.what, place.clone(), act.id.pos);
        look(&act.owner, format!("the owner of {place}"), act.id.pos);
        if let Some(note) = &act.note {
            look(note, format!("the note on {place}"), act.id.pos);
        }
    }
    out.sort_by(|a, b| a.pos.cmp(&b.pos).then(a.place.cmp(&b.place)));
    out
}

/// Stops the public report of `a` (read from `file`) while any of its text looks like personal
/// data, with each place listed.
pub fn guard_public_report(a: &Assessment, file: &SourceFile) -> Result<()> {
    let found = findings(a, Some(file));
    if found.is_empty() {
        return Ok(());
    }
    let n = found.len();
    Err(Error::PersonalData {
        found: Diagnostics {
            items: found.iter().map(|f| warning(&file.path, f)).collect(),
        },
        files: vec![file.clone()],
        message: format!(
            "the public report was not written: {n} piece{} of text in {} look{} like personal data (listed above). \
             Remove {}, or mark the response, evidence or action `restricted: true`; \
             the inspector's version (--audience inspector) is not affected. \
             If you are sure the text is not personal data, add --allow-personal-data.",
            if n == 1 { "" } else { "s" },
            file.path.display(),
            if n == 1 { "s" } else { "" },
            if n == 1 { "it" } else { "them" },
        ),
    })
}

/// Stops an output of the estate while text in any of its self-assessments (each given with the
/// file it was read from) looks like personal data.
pub fn guard_estate<'a>(
    assessments: impl IntoIterator<Item = (&'a Path, &'a Assessment)>,
) -> Result<()> {
    let flagged: Vec<String> = assessments
        .into_iter()
        .map(|(path, a)| (path, findings(a, None).len()))
        .filter(|(_, n)| *n > 0)
        .map(|(path, n)| format!("  {}: {n}", path.display()))
        .collect();
    if flagged.is_empty() {
        return Ok(());
    }
    Err(Error::PersonalData {
        found: Diagnostics::default(),
        files: Vec::new(),
        message: format!(
            "nothing was written: text in these self-assessments looks like personal data (how many places in each):\n{}\n\
             Run `ties check` on each file to see where. Remove the text, or mark the response, evidence or action \
             `restricted: true`. If you are sure it is not personal data, add --allow-personal-data.",
            flagged.join("\n")
        ),
    })
}

/// A finding as a warning for `ties check`.
pub fn warning(path: &Path, f: &Finding) -> Diagnostic {
    Diagnostic::warning(path, f.pos, format!("{} looks like {}", f.place, f.kind.label()))
        .found(format!("`{}`", f.masked))
        .help(
            "self-assessments describe services, not people: remove it, or mark the response (or the evidence \
             entry or action) `restricted: true` to keep it out of public reports",
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keep_only_a_hint() {
        assert_eq!(mask("A1234BC"), "A••••••");
        assert!(!mask("jo.bloggs@example.org").contains("bloggs"));
    }
}
