//! The glossary of the acronyms the report uses.

use std::collections::{BTreeSet, HashSet};

use crate::model::framework::Framework;
use crate::view::framework::GlossaryEntry;

/// Whether `c` is part of a word: a letter, a digit, `-` or `&`.
fn in_word(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '&'
}

/// The words of `text` that are among `terms`, a word being a run of letters, digits, `-` and
/// `&` (as `str::split` on every other character gives them). Only a word that starts with a
/// byte some term starts with is read whole: the rest of the text is passed over a byte at a
/// time.
fn terms_in<'t>(text: &'t str, terms: &HashSet<&str>) -> HashSet<&'t str> {
    let mut starts = [false; 256];
    let mut lengths = HashSet::new();
    for t in terms {
        if let Some(&b) = t.as_bytes().first() {
            starts[usize::from(b)] = true;
        }
        lengths.insert(t.len());
    }
    let bytes = text.as_bytes();
    let mut found = HashSet::new();
    let mut at = 0;
    while at < bytes.len() {
        if !starts[usize::from(bytes[at])] {
            at += 1;
            continue;
        }
        // A term's first byte begins a character, and it begins a word unless the character
        // before is in one.
        if text[..at].chars().next_back().is_some_and(in_word) {
            at += 1;
            continue;
        }
        let end = text[at..]
            .char_indices()
            .find(|&(_, c)| !in_word(c))
            .map_or(bytes.len(), |(i, _)| at + i);
        let word = &text[at..end];
        if lengths.contains(&word.len()) && terms.contains(word) {
            found.insert(word);
        }
        at = end.max(at + 1);
    }
    found
}

/// The glossary entries, from the frameworks used, whose term appears in the report's words.
pub(super) fn glossary_used(frameworks: &[&Framework], words: &str) -> Vec<GlossaryEntry> {
    let terms: HashSet<&str> = frameworks
        .iter()
        .flat_map(|fw| fw.glossary.keys().map(String::as_str))
        .collect();
    let tokens = terms_in(words, &terms);
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

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::terms_in;

    /// The terms found are the words `str::split` gives on every character that is not a
    /// letter, a digit, `-` or `&` that are terms: none inside a longer word, none cut short.
    #[test]
    fn terms_are_found_as_whole_words() {
        let terms: HashSet<&str> = [
            "HMIP", "HMPPS", "ACCT", "R&R", "MoJ", "e-mail", "SCIE", "NICCO", "é-café", "Ⅻ", "HM",
            "10", "a",
        ]
        .into_iter()
        .collect();
        for text in [
            "",
            " ",
            "HMIP",
            "The HMPPS guidance (2017): ACCT reviews, R&R; MoJ's e-mail.",
            "  two  spaces  and a tail-",
            "é-café naïve ünïcödé ½ Ⅻ 𝟙𝟚 — “quoted” words’ end",
            "a\u{a0}b\u{2028}c\td\ne",
            "SCIE's 10 Prisons Project, Barnardo’s: NICCO",
            "HMIPS xHMIP HMIP-led éHMIP HMIPé HM&IP HMIP HM",
            "ÅHMPPS HMPPSÅ (HMPPS) HMPPS’ 110 10a a10 10",
        ] {
            let by_split: HashSet<&str> = text
                .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '&'))
                .filter(|w| terms.contains(w))
                .collect();
            assert_eq!(terms_in(text, &terms), by_split, "{text:?}");
        }
    }
}
