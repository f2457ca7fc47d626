//! The glossary of the acronyms the report uses.

use std::collections::{BTreeSet, HashSet};

use crate::model::framework::Framework;
use crate::view::framework::GlossaryEntry;

/// The glossary entries, from the frameworks used, whose term appears in the report's words.
/// The words of `text`: the runs of letters, digits, `-` and `&` (as `str::split` on every other
/// character gives them, without the empty ones), told byte by byte where the text is ASCII.
fn split_words(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        let mut start = None;
        while at < bytes.len() {
            let (in_word, len) = match bytes[at] {
                b if b.is_ascii() => (b.is_ascii_alphanumeric() || b == b'-' || b == b'&', 1),
                _ => {
                    let c = text[at..].chars().next()?;
                    (c.is_alphanumeric(), c.len_utf8())
                }
            };
            match (in_word, start) {
                (true, None) => start = Some(at),
                (false, Some(s)) => {
                    let word = &text[s..at];
                    at += len;
                    return Some(word);
                }
                _ => {}
            }
            at += len;
        }
        start.map(|s| &text[s..])
    })
}

pub(super) fn glossary_used(frameworks: &[&Framework], words: &str) -> Vec<GlossaryEntry> {
    // Only the words that are terms are kept: a set of every word of the report took longer to
    // build than the rest of its glossary.
    let terms: HashSet<&str> = frameworks
        .iter()
        .flat_map(|fw| fw.glossary.keys().map(String::as_str))
        .collect();
    // A word can be a term only if it starts as one does and is as long as one: most words are
    // passed over without being looked up.
    let starts: HashSet<char> = terms.iter().filter_map(|t| t.chars().next()).collect();
    let lengths: HashSet<usize> = terms.iter().map(|t| t.len()).collect();
    let tokens: HashSet<&str> = split_words(words)
        .filter(|w| {
            w.chars().next().is_some_and(|c| starts.contains(&c))
                && lengths.contains(&w.len())
                && terms.contains(w)
        })
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

#[cfg(test)]
mod tests {
    use super::split_words;

    /// The words are those `str::split` gives on every character that is not a letter, a digit,
    /// `-` or `&`, less the empty ones.
    #[test]
    fn words_are_split_as_by_the_characters_that_are_not_in_words() {
        for text in [
            "",
            " ",
            "HMIP",
            "The HMPPS guidance (2017): ACCT reviews, R&R; MoJ's e-mail.",
            "  two  spaces  and a tail-",
            "é-café naïve ünïcödé ½ Ⅻ 𝟙𝟚 — “quoted” words’ end",
            "a\u{a0}b\u{2028}c\td\ne",
            "SCIE's 10 Prisons Project, Barnardo’s: NICCO",
        ] {
            let by_split: Vec<&str> = text
                .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '&'))
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(split_words(text).collect::<Vec<_>>(), by_split, "{text:?}");
        }
    }
}
