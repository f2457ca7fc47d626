//! A workbook's hidden drop-down lists against the frameworks: each word must stand for the id
//! the framework gives it, or an answer picked from a relabelled list would be read as another.

use crate::diag::Diagnostic;
use crate::diag::source::{Pos, SourceFile};
use crate::load::workbook::layout::{CONFIDENCE, KINDS, NATIONS, SCALE_PREFIX, STATUSES};
use crate::model::assessment::{ActionStatus, Confidence, Nation};
use crate::model::catalog::Catalog;

/// The problems of a workbook's lists, each at the word's cell on the Lists sheet.
pub fn check(file: &SourceFile, catalog: &Catalog, frameworks: &[String]) -> Vec<Diagnostic> {
    let Some(layout) = file.workbook_layout() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, entries) in &layout.lists {
        // Each list's words and ids as the frameworks give them; `None` for a list ties does
        // not check (the item references, whose words are the ids themselves).
        let expected: Option<Vec<(String, String)>> = match key.as_str() {
            NATIONS => Some(
                Nation::ALL
                    .iter()
                    .map(|n| pair(n.label(), n.id()))
                    .collect(),
            ),
            CONFIDENCE => Some(
                Confidence::ALL
                    .iter()
                    .map(|c| pair(c.label(), c.id()))
                    .collect(),
            ),
            STATUSES => Some(
                ActionStatus::ALL
                    .iter()
                    .map(|s| pair(s.label(), s.id()))
                    .collect(),
            ),
            KINDS => Some(
                frameworks
                    .iter()
                    .filter_map(|f| catalog.get(f))
                    .flat_map(|fw| fw.evidence_kinds.iter())
                    .map(|k| (k.label.clone(), k.id.value.clone()))
                    .collect(),
            ),
            other => other.strip_prefix(SCALE_PREFIX).and_then(|rest| {
                let (fw, scale) = rest.split_once('/')?;
                let scale = catalog
                    .get(fw)?
                    .scales
                    .iter()
                    .find(|s| s.id.value == scale)?;
                Some(
                    scale
                        .levels
                        .iter()
                        .map(|l| (l.label.clone(), l.id.value.clone()))
                        .collect(),
                )
            }),
        };
        let Some(expected) = expected else { continue };
        for (label, id, pos) in entries {
            let word = expected.iter().find(|(_, i)| i == id).map(|(l, _)| l);
            let fits = word.is_some_and(|w| *label == *w || *label == format!("{w} ({id})"));
            if !fits {
                out.push(problem(file, *pos, label, id, word.map(String::as_str)));
            }
        }
    }
    out
}

fn pair(label: &str, id: &str) -> (String, String) {
    (label.to_string(), id.to_string())
}

fn problem(file: &SourceFile, pos: Pos, label: &str, id: &str, word: Option<&str>) -> Diagnostic {
    let mut d = Diagnostic::error(
        &file.path,
        pos,
        format!(
            "the hidden list of answers says `{label}` stands for `{id}`, which the frameworks do not say"
        ),
    );
    d = match word {
        Some(w) => d.expected(format!("`{w}` for `{id}`")),
        None => d.expected(format!("no `{id}`: it is not an answer of this list")),
    };
    d.found(format!("`{label}`"))
        .help("the workbook's hidden Lists sheet was changed, so a word picked from a drop-down list could be read as another answer: start again from the workbook that was sent, or make a new one with `ties workbook` and copy the answers into it")
}
