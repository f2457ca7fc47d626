//! The glossary of the acronyms the report uses.

use std::collections::{BTreeSet, HashSet};

use crate::model::framework::Framework;
use crate::view::framework::GlossaryEntry;

/// The glossary entries, from the frameworks used, whose term appears in the report's words.
pub(super) fn glossary_used(frameworks: &[&Framework], words: &str) -> Vec<GlossaryEntry> {
    // Only the words that are terms are kept: a set of every word of the report took longer to
    // build than the rest of its glossary.
    let terms: HashSet<&str> = frameworks
        .iter()
        .flat_map(|fw| fw.glossary.keys().map(String::as_str))
        .collect();
    let tokens: HashSet<&str> = words
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '&'))
        .filter(|w| !w.is_empty() && terms.contains(w))
        .collect();
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for fw in frameworks {
        for (term, meaning) in &fw.glossary {
            if tokens.contains(term.as_str()) && seen.insert(term.clone()) {
                out.push(GlossaryEntry {
                    term: term.clone(),
                    meaning: meaning.clone(),
                });
            }
        }
    }
    out.sort_by_key(|a| a.term.to_lowercase());
    out
}
