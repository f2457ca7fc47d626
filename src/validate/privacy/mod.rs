//! The personal data guard: text that looks like it identifies a person.
//!
//! Self-assessments describe services, not people. A family lead may still paste an email
//! signature, a phone number or a prisoner's number into a narrative. Text that is not marked
//! restricted is searched for such patterns; `ties check` warns about each one, and public
//! outputs refuse to be written while any stands, unless the person running `ties` says
//! otherwise with `--allow-personal-data`.

use std::collections::BTreeSet;
use std::path::Path;

use crate::diag::source::{Pos, SourceFile};
use crate::diag::{Diagnostic, Diagnostics};
use crate::error::{Error, Result};

mod ascii;
mod patterns;

use crate::model::assessment::{Assessment, Response};
use crate::model::register::Register;
pub use patterns::{scan, scan_at};

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
    /// What can be marked `restricted: true` to keep the text out of public outputs ("the
    /// response"), or `None` where nothing can (the establishment's details, `completed_by`).
    pub restrict: Option<&'static str>,
}

fn mask(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let keep = (chars.len() / 4).clamp(1, 4);
    let mut out: String = chars.iter().take(keep).collect();
    out.push_str(&"•".repeat(chars.len().saturating_sub(keep).min(12)));
    out
}

/// Contact details that are public (a helpline's number, a team mailbox), listed under
/// `public_contacts:` by an establishment or the register: the guard lets these exact values
/// pass, however they are spaced or capitalised, and stays on for everything else.
#[derive(Clone, Debug, Default)]
pub struct PublicContacts(BTreeSet<String>);

impl PublicContacts {
    pub fn new<'a>(contacts: impl IntoIterator<Item = &'a String>) -> PublicContacts {
        PublicContacts(contacts.into_iter().map(|c| contact_key(c)).collect())
    }

    /// These contacts and `more`.
    pub fn with<'a>(&self, more: impl IntoIterator<Item = &'a String>) -> PublicContacts {
        let mut all = self.0.clone();
        all.extend(more.into_iter().map(|c| contact_key(c)));
        PublicContacts(all)
    }

    fn permits(&self, kind: Kind, found: &str) -> bool {
        matches!(kind, Kind::Email | Kind::Phone) && self.0.contains(&contact_key(found))
    }
}

/// A contact detail as it is compared: an address in lower case without spaces; a number as its
/// digits, with +44 or 0044 written as the 0 of a UK number.
fn contact_key(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| if c == '\u{ff20}' { '@' } else { c })
        .collect();
    if text.contains('@') {
        return text
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
    }
    let bracketed_zero = text.replace(' ', "").contains("(0)");
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    match digits
        .strip_prefix("44")
        .filter(|_| text.trim_start().starts_with('+'))
        .or_else(|| digits.strip_prefix("0044"))
    {
        Some(rest) if bracketed_zero => rest.to_string(),
        Some(rest) => format!("0{rest}"),
        None => digits,
    }
}

/// Collects the findings in one file's fields.
struct Search<'a> {
    file: Option<&'a SourceFile>,
    public: &'a PublicContacts,
    out: Vec<Finding>,
    /// How many more times a finding not written after its field may be looked for in the
    /// whole file (a field's text can come before the line it is placed by).
    whole_file: usize,
}

/// How many findings a file's search may look for in the whole file.
const WHOLE_FILE_SEARCHES: usize = 16;

impl Search<'_> {
    fn look(&mut self, text: &str, place: String, near: Pos, restrict: Option<&'static str>) {
        // Findings come in the order of the text, and so of the file: each is looked for after
        // the one before, so a text with thousands of them is read once, not once for each.
        let findings = scan_at(text);
        if findings.is_empty() {
            return;
        }
        let mut from = self
            .file
            .and_then(|f| f.line_offset(near.line))
            .unwrap_or(0);
        let mut lost = false;
        for (kind, _, found) in findings {
            if self.public.permits(kind, &found) {
                continue;
            }
            let at = match self.file {
                Some(f) if !lost => locate(f, &found, from, text.len()).or_else(|| {
                    (self.whole_file > 0).then(|| self.whole_file -= 1)?;
                    f.text.find(found.as_str())
                }),
                _ => None,
            };
            // One not found where it should be (written with escapes, say) and the rest are
            // placed at their field, rather than searched for through the whole file.
            lost = at.is_none();
            if let Some(offset) = at {
                from = offset + found.len();
            }
            let pos = match (self.file, at) {
                // A workbook's text is its cells: the finding is in the cell that holds it.
                (Some(f), _) if f.is_workbook() => f.find(&found, near).unwrap_or(near),
                (Some(f), Some(offset)) => f.pos_of_offset(offset),
                _ => near,
            };
            self.out.push(Finding {
                kind,
                place: place.clone(),
                masked: mask(&found),
                pos,
                restrict,
            });
        }
    }

    fn done(mut self) -> Vec<Finding> {
        self.out
            .sort_by(|a, b| a.pos.cmp(&b.pos).then(a.place.cmp(&b.place)));
        self.out
    }
}

/// Every finding in the parts of an assessment that a public output can show: everything not
/// marked restricted, the establishment's details and action ids included. Contacts the
/// establishment lists as public, and those in `public`, pass. Positions are found in the
/// file's text, at or after the place the field belongs to.
pub fn findings(
    a: &Assessment,
    file: Option<&SourceFile>,
    public: &PublicContacts,
) -> Vec<Finding> {
    let public = public.with(&a.establishment.public_contacts);
    let mut s = Search {
        file,
        public: &public,
        out: Vec::new(),
        whole_file: WHOLE_FILE_SEARCHES,
    };
    let est = &a.establishment;
    let at = est.id.pos;
    s.look(&est.name, "the establishment's name".into(), at, None);
    for (field, value) in [
        ("region", &est.region),
        ("comparator group", &est.comparator_group),
        ("type", &est.kind),
    ] {
        if let Some(v) = value {
            s.look(v, format!("the establishment's {field}"), at, None);
        }
    }
    if let Some(by) = &a.completed_by {
        s.look(by, "`completed_by`".into(), by.pos, None);
    }
    for (key, r) in a.responses.iter().filter(|(_, r)| !r.restricted) {
        response(&mut s, &key.value, key.pos, r);
    }
    for (key, m) in a.metrics.iter() {
        if let (Some(note), false) = (&m.note, m.restricted) {
            let place = format!("the note on {}", key.value);
            s.look(note, place, key.pos, Some("measure"));
        }
    }
    for act in a.actions.iter().filter(|x| !x.restricted) {
        let place = format!("action {}", act.id.value);
        let at = act.id.pos;
        s.look(&act.id, format!("the id of {place}"), at, Some("action"));
        s.look(&act.what, place.clone(), at, Some("action"));
        s.look(
            &act.owner,
            format!("the owner of {place}"),
            at,
            Some("action"),
        );
        if let Some(note) = &act.note {
            s.look(note, format!("the note on {place}"), at, Some("action"));
        }
    }
    s.done()
}

/// The findings in one response that is not restricted.
fn response(s: &mut Search<'_>, item: &str, at: Pos, r: &Response) {
    let here = Some("response");
    if let Some(n) = &r.narrative {
        s.look(n, format!("the narrative of {item}"), at, here);
    }
    for e in r.evidence.iter().filter(|e| !e.restricted) {
        let place = format!("evidence for {item}");
        s.look(&e.text, place, e.text.pos, Some("evidence entry"));
    }
    for text in &r.strengths {
        s.look(text, format!("a strength of {item}"), at, here);
    }
    for text in &r.development {
        s.look(text, format!("a development point of {item}"), at, here);
    }
    if let Some(reason) = r.not_applicable.text() {
        let place = format!("the not-applicable reason of {item}");
        s.look(reason, place, r.not_applicable.pos, here);
    }
}

/// Every finding in what the estate view shows of a register: the names and details of the
/// establishments it lists (shown as not submitted). Its own `public_contacts` pass.
pub fn findings_in_register(register: &Register, file: Option<&SourceFile>) -> Vec<Finding> {
    let public = PublicContacts::new(&register.public_contacts);
    let mut s = Search {
        file,
        public: &public,
        out: Vec::new(),
        whole_file: WHOLE_FILE_SEARCHES,
    };
    for e in &register.establishments {
        let at = e.id.pos;
        let who = format!("the register's entry for {}", e.id.value);
        s.look(&e.name, format!("the name in {who}"), at, None);
        for (field, value) in [
            ("region", &e.region),
            ("comparator group", &e.comparator_group),
            ("type", &e.kind),
        ] {
            if let Some(v) = value {
                s.look(v, format!("the {field} in {who}"), at, None);
            }
        }
    }
    s.done()
}

/// Where `needle` is written in the file, at or after byte `from`, within the stretch the text
/// it came from can take (`len` bytes, written with escapes or indentation at worst a few times
/// longer).
fn locate(file: &SourceFile, needle: &str, from: usize, len: usize) -> Option<usize> {
    let mut end = from
        .saturating_add(len.saturating_mul(8))
        .saturating_add(4096)
        .min(file.text.len());
    while !file.text.is_char_boundary(end) {
        end -= 1;
    }
    let at = file.text.get(from..end)?.find(needle)?;
    Some(from + at)
}

/// What to do about text that looks like personal data, said once after the list of places.
const REMEDY: &str = "Remove the text, or mark the response, evidence entry, measure or action \
    that holds it `restricted: true`. A contact detail that is public (a helpline's number, a team \
    mailbox) can be listed under `public_contacts:` in the establishment's details (or in the \
    register, for the whole estate), and then passes. If you are sure the text is not personal \
    data, add --allow-personal-data.";

/// Stops the public report of `a` (read from `file`) while any text it can show looks like
/// personal data, with each place listed: its own text, and last year's (its actions are shown
/// beside this year's), when `previous` is given.
pub fn guard_public_report(
    a: &Assessment,
    file: &SourceFile,
    previous: Option<(&Assessment, &SourceFile)>,
) -> Result<()> {
    let none = PublicContacts::default();
    let mut found: Vec<Diagnostic> = findings(a, Some(file), &none)
        .iter()
        .map(|f| warning(&file.path, f))
        .collect();
    if let Some((before, before_file)) = previous {
        let public = PublicContacts::new(&a.establishment.public_contacts);
        let earlier = findings(before, Some(before_file), &public);
        found.extend(earlier.iter().map(|f| warning(&before_file.path, f)));
    }
    if found.is_empty() {
        return Ok(());
    }
    // The files are copied only to show where the problems are.
    let mut files = vec![file.clone()];
    files.extend(previous.map(|(_, before_file)| before_file.clone()));
    let n = found.len();
    Err(Error::PersonalData {
        found: Diagnostics { items: found },
        files,
        message: format!(
            "the public report was not written: {n} piece{} of text in {} look{} like personal data (listed above); \
             the inspector's version (--audience inspector) is not affected. {REMEDY}",
            if n == 1 { "" } else { "s" },
            if previous.is_some() {
                format!("{} or last year's file", file.path.display())
            } else {
                file.path.display().to_string()
            },
            if n == 1 { "s" } else { "" },
        ),
    })
}

/// Stops an output of the estate while text it can show looks like personal data: in any of its
/// self-assessments (each given with the file it was read from), or in the register whose
/// establishments it lists (`shown`). Contacts in `public` pass in every file.
pub fn guard_estate<'a>(
    assessments: impl IntoIterator<Item = (&'a Path, &'a Assessment)>,
    shown: Option<(&Path, &Register)>,
    public: &PublicContacts,
) -> Result<()> {
    let mut flagged: Vec<String> = assessments
        .into_iter()
        .map(|(path, a)| (path, findings(a, None, public).len()))
        .chain(shown.map(|(path, r)| (path, findings_in_register(r, None).len())))
        .filter(|(_, n)| *n > 0)
        .map(|(path, n)| format!("  {}: {n}", path.display()))
        .collect();
    flagged.dedup();
    if flagged.is_empty() {
        return Ok(());
    }
    Err(Error::PersonalData {
        found: Diagnostics::default(),
        files: Vec::new(),
        message: format!(
            "nothing was written: text in these files looks like personal data (how many places in each):\n{}\n\
             Run `ties check` on each file to see where. {REMEDY}",
            flagged.join("\n")
        ),
    })
}

/// A finding as a warning for `ties check`, in the words of the file it is in: a workbook's
/// says which cell to change.
pub fn warning_in(file: &SourceFile, f: &Finding) -> Diagnostic {
    let Some(layout) = file.workbook_layout() else {
        return warning(&file.path, f);
    };
    let d = warning(&file.path, f);
    let contacts = match layout.public_contacts.and_then(|p| p.cell_name()) {
        Some(cell) => format!("a public contact (a helpline, a team mailbox) can be added under Public contacts on Start here, {cell}"),
        None => "a public contact (a helpline, a team mailbox) can be added under Public contacts on Start here".to_string(),
    };
    let help = match f.restrict {
        Some(what) => {
            let restricted = layout
                .restricted_columns
                .get(&f.pos.sheet)
                .and_then(|col| Pos::cell(f.pos.sheet, f.pos.line, *col as usize + 1).cell_name());
            let pick = match restricted {
                Some(cell) => format!("pick Yes in the Restricted column, {cell}"),
                None => "pick Yes in its row's Restricted column".to_string(),
            };
            format!(
                "self-assessments describe services, not people: remove it, or, to keep this {what} out of public reports, {pick}; {contacts}"
            )
        }
        None if f.place == "`completed_by`" => {
            "Completed by names a role, such as Head of Reducing Reoffending, not a person: type the role instead".to_string()
        }
        None => format!(
            "this is published in every report and estate view and cannot be restricted: remove it; {contacts}"
        ),
    };
    let message = if f.place == "`completed_by`" {
        format!("Completed by looks like {}", f.kind.label())
    } else {
        d.message.clone()
    };
    Diagnostic {
        help: Some(help),
        message,
        ..d
    }
}

/// A finding as a warning for `ties check`.
pub fn warning(path: &Path, f: &Finding) -> Diagnostic {
    let help = match f.restrict {
        Some(what) => format!(
            "self-assessments describe services, not people: remove it, or mark the {what} \
             `restricted: true` to keep it out of public reports; a public contact (a helpline, a \
             team mailbox) can be listed under `public_contacts:` in `establishment:`"
        ),
        None if f.place == "`completed_by`" => {
            "`completed_by` names a role, such as Head of Reducing Reoffending, not a person: \
             write the role instead"
                .to_string()
        }
        None => "this is published in every report and estate view and cannot be restricted: \
             remove it; a public contact (a helpline, a team mailbox) can be listed under \
             `public_contacts:`"
            .to_string(),
    };
    Diagnostic::warning(
        path,
        f.pos,
        format!("{} looks like {}", f.place, f.kind.label()),
    )
    .found(format!("`{}`", f.masked))
    .help(help)
    .width(f.masked.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_public_contact_is_the_same_however_it_is_written() {
        for (a, b) in [
            ("0808 808 2003", "08088082003"),
            ("0808 808 2003", "+44 808 808 2003"),
            ("0808 808 2003", "0044 808 808 2003"),
            ("020 7946 0958", "+44 (0)20 7946 0958"),
            ("Visits.Team@Justice.gov.uk", "visits.team@justice.gov.uk"),
            ("visits.team＠justice.gov.uk", "visits.team@justice.gov.uk"),
        ] {
            assert_eq!(contact_key(a), contact_key(b), "{a} and {b}");
        }
        assert_ne!(contact_key("0808 808 2003"), contact_key("0808 808 2004"));
        let public = PublicContacts::new(&["0808 808 2003".to_string()]);
        assert!(public.permits(Kind::Phone, "0808-808-2003"));
        assert!(!public.permits(Kind::Phone, "07700 900123"));
        // Only contact details can be public: never a prison number.
        let public = PublicContacts::new(&["A1234BC".to_string()]);
        assert!(!public.permits(Kind::PrisonNumber, "A1234BC"));
    }

    #[test]
    fn masks_keep_only_a_hint() {
        assert_eq!(mask("A1234BC"), "A••••••");
        assert!(!mask("jo.bloggs@example.org").contains("bloggs"));
    }
}
