//! The TOML library's messages in plain words. The library reports a mistake as a message and a
//! place, nothing more structured, so its phrases are matched, all in one table (`PHRASES`); a
//! test feeds the library an input for each phrase and fails if an upgrade words it differently.

use super::limits::too_deep;
use crate::diag::Diagnostic;
use crate::diag::source::{Pos, SourceFile};

/// What the library means, for the mistakes `ties` has words for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Said {
    /// A value that is neither a number, a date, `true`, `false`, nor quoted text.
    Unquoted,
    DuplicateName,
    UnclosedList,
    UnclosedGroup,
    /// Two entries of a `[ ... ]` list without a comma between them.
    ListComma,
    /// Two fields of a `{ ... }` group without a comma between them.
    GroupComma,
    /// A name without `=` and a value.
    NoValue,
    /// More on the line after a value.
    AfterValue,
    /// A name and a value without `=` between them, in a `{ ... }` group.
    NoEquals,
    /// Nesting or a dotted name deeper than the library goes.
    TooDeep,
    UnclosedHeading,
    UnclosedListHeading,
}

/// The library's phrases, each as it begins the library's message, and what each means.
const PHRASES: &[(&str, Said)] = &[
    ("string values must be quoted", Said::Unquoted),
    ("duplicate key", Said::DuplicateName),
    ("unclosed array", Said::UnclosedList),
    ("unclosed inline table", Said::UnclosedGroup),
    ("missing comma between array elements", Said::ListComma),
    ("missing comma between key-value pairs", Said::GroupComma),
    ("key with no value", Said::NoValue),
    ("missing value for key", Said::NoValue),
    ("unexpected key or value", Said::AfterValue),
    ("missing assignment between key-value pairs", Said::NoEquals),
    (
        "cannot recurse further; max recursion depth met",
        Said::TooDeep,
    ),
    ("recursion limit", Said::TooDeep),
    ("unclosed table", Said::UnclosedHeading),
    ("unclosed array table", Said::UnclosedListHeading),
];

/// The library's message in plain words, with a suggestion for the common mistakes.
pub fn explain(file: &SourceFile, pos: Pos, raw: &str) -> Diagnostic {
    // The library adds what its grammar expected ("expected literal string"): not for readers.
    let message = raw.trim().split(", expected").next().unwrap_or(raw).trim();
    let line = file.line(pos.line).unwrap_or("");
    let d = |text: &str| Diagnostic::error(&file.path, pos, text.to_string());
    let said = PHRASES.iter().find(|(p, _)| *p == message).map(|(_, s)| *s);
    match said {
        Some(Said::Unquoted) => {
            let (key, value) = line.split_once('=').unwrap_or(("name", line));
            let value = value.split(" #").next().unwrap_or(value).trim();
            d("text must be in double quotes in a TOML file")
                .expected(format!("`\"{}\"`", value.replace('"', "'")))
                .found(format!("`{value}`"))
                .help(format!(
                    "write `{} = \"{}\"`",
                    key.trim(),
                    value.replace('"', "'")
                ))
        }
        Some(Said::DuplicateName) => d("this name is given twice in the same table")
            .help("keep one of them and remove the other"),
        Some(Said::UnclosedList) => {
            d("this list is opened with `[` but never closed").help("add `]` after the last entry")
        }
        Some(Said::UnclosedGroup) => d("this group is opened with `{` but never closed")
            .help("add `}` after the last entry, on the same line"),
        Some(Said::ListComma) => d("a comma is missing between two entries of a list"),
        Some(Said::GroupComma) => d("a comma is missing between two fields of a `{ ... }` group"),
        Some(Said::NoValue) => d("a name has no value after its `=`")
            .help("give a value after `=`, such as `weight = 1` or `title = \"...\"`"),
        Some(Said::AfterValue) => d("something follows the value on this line").help(
            "put one `name = value` on each line; text goes inside one pair of double quotes",
        ),
        Some(Said::NoEquals) => d("a `=` is missing between a name and its value"),
        // The library's own limits, which `limits::check` keeps a file from reaching.
        Some(Said::TooDeep) => too_deep(file, pos),
        Some(Said::UnclosedHeading) => d("this `[heading]` is not closed with `]`"),
        Some(Said::UnclosedListHeading) => d("this `[[heading]]` is not closed with `]]`"),
        None => d(&format!("this is not valid TOML: {message}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use toml::de::DeTable;

    /// An input for each phrase, on which this version of the library says it.
    const EXAMPLES: &[(&str, &str)] = &[
        ("string values must be quoted", "a = hello\n"),
        ("duplicate key", "a = 1\na = 2\n"),
        ("unclosed array", "a = [1, 2\n"),
        ("unclosed inline table", "a = { b = 1\n"),
        ("missing comma between array elements", "a = [[1] [2]]\n"),
        (
            "missing comma between key-value pairs",
            "a = { b = {} c = 1 }\n",
        ),
        ("key with no value", "a\n"),
        ("missing value for key", ".a\n"),
        ("unexpected key or value", "[a] x\n"),
        (
            "missing assignment between key-value pairs",
            "a = { b 1 }\n",
        ),
        ("unclosed table", "[a\n"),
        ("unclosed array table", "[[a\n"),
    ];

    fn library_says(text: &str) -> String {
        DeTable::parse(text)
            .err()
            .unwrap_or_else(|| panic!("{text:?} was read without an error"))
            .message()
            .to_string()
    }

    /// If an upgrade of the TOML library words a mistake differently, this test names it.
    #[test]
    fn every_phrase_is_the_librarys() {
        let deep = format!("a = {}1{}\n", "[".repeat(200), "]".repeat(200));
        let dotted = format!("{} = 1\n", vec!["a"; 100].join("."));
        let mut examples: Vec<(&str, &str)> = EXAMPLES.to_vec();
        examples.push(("cannot recurse further; max recursion depth met", &deep));
        examples.push(("recursion limit", &dotted));
        for (phrase, _) in PHRASES {
            let (_, text) = examples
                .iter()
                .find(|(p, _)| p == phrase)
                .unwrap_or_else(|| panic!("no example of `{phrase}`"));
            let said = library_says(text);
            let head = said.split(", expected").next().unwrap_or(&said).trim();
            assert_eq!(head, *phrase, "{text:?}");
        }
    }

    /// Each of them reaches the reader in plain words, at a place.
    #[test]
    fn every_phrase_is_explained() {
        for (_, text) in EXAMPLES {
            let e = crate::load::toml::parse(&SourceFile::new("t.toml", *text)).unwrap_err();
            assert!(!e.message.contains("not valid TOML"), "{text:?}: {e:?}");
            assert!(e.line > 0, "{text:?}: {e:?}");
        }
    }
}
