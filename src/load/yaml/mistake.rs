//! What the YAML library reports, read from its structured error: the error's variant, the
//! parser's error kind inside it, and the place. The one file that looks inside the library's
//! error, so an upgrade of the library is checked here (see the tests); `syntax` and `limits`
//! say what went wrong in plain words.
//!
//! No message text of the library is matched: every mistake `ties` explains has a variant or an
//! error kind of its own. The library's text is only shown, as it is, for a mistake `ties` has
//! no words for.

use std::borrow::Cow;

use serde_saphyr::budget::BudgetBreach as B;
use serde_saphyr::granit_parser::ErrorKind as K;
use serde_saphyr::{DefaultMessageFormatter, Error as E, ExternalMessageSource, MessageFormatter};

use super::limits::Limit;
use super::tree::FIELD_NAME;
use crate::diag::source::Pos;

/// A mistake the library found, in `ties`'s terms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mistake {
    /// The file goes past one of the limits.
    Limit(Limit),
    /// A name given twice in the same group.
    DuplicateName(String),
    /// A tab used to indent.
    Tab,
    /// A second document (`---` or `...` then more).
    SecondDocument,
    /// A number that is not finite (`.nan`, `.inf`, `1e999`), as written.
    NotFinite(String),
    /// Brackets nested more deeply than the parser goes.
    TooDeep,
    /// Quoted text running on to a line that is not indented under it: often a missing quote.
    QuotedTextIndent,
    /// A quote that is never closed.
    UnclosedQuote,
    /// A `:` where a value was expected.
    StrayColon,
    /// A line at the wrong indentation.
    Indentation,
    /// A `[` closed by `}`, or a `{` by `]`.
    MismatchedBracket { open: char, close: char },
    /// A `[` or `{` never closed.
    UnclosedBracket(char),
    /// A group or a list used as a name.
    NameNotText,
    /// A byte-order mark after the start of the file.
    ByteOrderMark,
    /// More text after a closing quote.
    TextAfterQuote,
    /// Text on the same line as `|` or `>`.
    BlockHeader,
    /// A line that belongs to nothing above it.
    DocumentStart,
    /// A value starting with a character YAML keeps for itself (or the parser giving up there).
    Reserved,
    /// `*name` with no `&name`.
    UnknownAnchor,
    /// `*name` inside the value `&name` names.
    SelfReference,
    /// Anything else.
    Other,
}

/// The library's report: the mistake, where the library saw it, and its own message (without
/// the place), shown only when `ties` has no words of its own for the mistake.
pub struct Report {
    pub mistake: Mistake,
    pub pos: Pos,
    pub message: String,
}

/// Reads the library's error.
pub fn read(e: &E) -> Report {
    let pos = e
        .location()
        .map(|l| Pos::new(l.line() as usize, l.column() as usize))
        .filter(|p| p.line > 0)
        .unwrap_or(Pos::FILE);
    // A mistake met while copying a `*name` value is wrapped with the places of both.
    let mut inner = e;
    while let E::AliasError { error, .. } | E::WithSnippet { error, .. } = inner {
        inner = error;
    }
    let mistake = limit(inner).map_or_else(|| mistake(inner), Mistake::Limit);
    let message = visible(DefaultMessageFormatter.format_message(inner))
        .trim()
        .to_string();
    Report {
        mistake,
        pos,
        message,
    }
}

fn limit(e: &E) -> Option<Limit> {
    Some(match e {
        E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. }
        | E::AliasReplayCounterOverflow { .. } => Limit::Copies,
        E::Budget { breach, .. } => match breach {
            B::Depth { .. } => Limit::Depth,
            B::Nodes { .. } | B::Events { .. } => Limit::Values,
            B::Aliases { .. }
            | B::Anchors { .. }
            | B::AliasAnchorRatio { .. }
            | B::RecordedAnchorEvents { .. }
            | B::RecordedAnchorBytes { .. }
            | B::MergeKeys { .. } => Limit::Copies,
            B::ScalarBytes { .. } => Limit::Text,
            B::Documents { .. } => Limit::Documents,
            _ => return None,
        },
        _ => return None,
    })
}

fn mistake(e: &E) -> Mistake {
    match e {
        E::DuplicateMappingKey { key: Some(key), .. } => {
            Mistake::DuplicateName(visible(Cow::Borrowed(key)).trim().to_string())
        }
        E::MultipleDocuments { .. } => Mistake::SecondDocument,
        E::NonFiniteFloat { value, .. } => Mistake::NotFinite(visible(Cow::Borrowed(value)).into()),
        E::UnknownAnchor { .. } => Mistake::UnknownAnchor,
        E::RecursiveReferencesRequireWeakTypes { .. } => Mistake::SelfReference,
        E::SerdeInvalidType { expected, .. } | E::SerdeInvalidValue { expected, .. }
            if expected == FIELD_NAME =>
        {
            Mistake::NameNotText
        }
        E::IndentationError { .. } => Mistake::Indentation,
        E::ExternalMessage { source, .. } => match source.as_ref() {
            ExternalMessageSource::Parser(scan) => parser_mistake(scan.kind()),
            _ => Mistake::Other,
        },
        _ => Mistake::Other,
    }
}

/// The parser's error kinds `ties` has words for.
fn parser_mistake(kind: &K) -> Mistake {
    match kind {
        K::TabNotAllowed | K::TabInBlockIndentation | K::TabInPlainScalar => Mistake::Tab,
        K::RecursionLimitExceeded => Mistake::TooDeep,
        K::InvalidQuotedScalarIndent => Mistake::QuotedTextIndent,
        K::UnclosedQuotedScalar => Mistake::UnclosedQuote,
        K::MappingValueNotAllowed | K::InvalidColonPlacement => Mistake::StrayColon,
        K::InvalidIndentation
        | K::InvalidFlowScalarIndent
        | K::ZeroBlockScalarIndent
        | K::TabInIndentation
        | K::ExpectedBlockMappingKey
        | K::ExpectedBlockSequenceEntry
        | K::BlockSequenceEntryNotAllowed
        | K::MappingKeyNotAllowed
        | K::SimpleKeyExpected
        | K::InvalidSimpleKey => Mistake::Indentation,
        K::MismatchedFlowCollectionEnd { open, close } => Mistake::MismatchedBracket {
            open: *open,
            close: *close,
        },
        K::UnclosedFlowCollection { open } => Mistake::UnclosedBracket(*open),
        K::BomInsideDocument => Mistake::ByteOrderMark,
        K::InvalidTrailingSingleQuotedScalar | K::InvalidTrailingDoubleQuotedScalar => {
            Mistake::TextAfterQuote
        }
        K::InvalidBlockScalarHeader => Mistake::BlockHeader,
        K::ExpectedDocumentStart => Mistake::DocumentStart,
        K::ExpectedNodeContent
        | K::UnexpectedCharacter { .. }
        | K::MisplacedFlowCollectionEnd
        | K::UnexpectedEofFlowSequence
        | K::UnexpectedEofFlowMapping
        | K::UnexpectedEofImplicitFlowMapping
        | K::UnexpectedEofBlockSequence
        | K::UnexpectedEofBlockMapping => Mistake::Reserved,
        _ => Mistake::Other,
    }
}

/// Control characters in the library's text, written as escapes (`\u{1b}`), as the library
/// itself writes them when it shows a message.
fn visible(text: Cow<'_, str>) -> Cow<'_, str> {
    let hidden = |c: char| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}');
    if !text.chars().any(hidden) {
        return text;
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if hidden(c) {
                    c.escape_debug().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the library reports on `text`, read on a thread with room for the deepest nesting
    /// the limits allow (an unoptimised test build needs more than a test thread has).
    fn report(text: &str) -> Report {
        let text = text.to_string();
        std::thread::Builder::new()
            .stack_size(64 << 20)
            .spawn(move || {
                let e = serde_saphyr::from_str_with_options::<super::super::tree::YamlNode>(
                    &text,
                    super::super::limits::options(),
                )
                .err()
                .unwrap_or_else(|| panic!("{text:?} was read without an error"));
                read(&e)
            })
            .and_then(|t| t.join().map_err(|_| std::io::Error::other("panicked")))
            .expect("the library's report")
    }

    /// One input for every mistake `ties` explains, read through this version of the library:
    /// if an upgrade reports one of them differently, this test says which.
    #[test]
    fn every_mistake_is_recognised() {
        let deep = format!("a: {}1{}\n", "[".repeat(70), "]".repeat(70));
        let deep_block = (0..70).fold(String::new(), |s, i| format!("{s}{}a:\n", "  ".repeat(i)));
        let bomb = format!(
            "a: &a [x, x, x, x, x, x, x, x, x, x]\n{}",
            (b'b'..=b'h')
                .map(|c| {
                    let prev = c - 1;
                    let refs = vec![format!("*{}", prev as char); 10].join(", ");
                    format!("{0}: &{0} [{refs}]\n", c as char)
                })
                .collect::<String>()
        );
        let cases: Vec<(&str, Mistake)> = vec![
            (&bomb, Mistake::Limit(Limit::Copies)),
            (&deep_block, Mistake::Limit(Limit::Depth)),
            ("a: 1\na: 2\n", Mistake::DuplicateName("a".into())),
            ("a:\n\t- b\n", Mistake::Tab),
            ("a:\n  b: 1\n\tc: 2\n", Mistake::Tab),
            ("a: 1\n---\nb: 2\n", Mistake::SecondDocument),
            ("a: 1\n...\nb\n", Mistake::SecondDocument),
            ("a: .nan\n", Mistake::NotFinite(".nan".into())),
            (&deep, Mistake::TooDeep),
            ("a: \"x\nb: 1\n", Mistake::QuotedTextIndent),
            ("a: \"x", Mistake::UnclosedQuote),
            ("text: Note: this\n", Mistake::StrayColon),
            ("a:\n  b: 1\n c: 2\n", Mistake::Indentation),
            ("- a\nb: 1\n", Mistake::Indentation),
            ("a: b\nc\n", Mistake::Indentation),
            (
                "a: [1}\n",
                Mistake::MismatchedBracket {
                    open: '[',
                    close: '}',
                },
            ),
            ("a: [1, 2\n", Mistake::UnclosedBracket('[')),
            ("? [a]\n: 1\n", Mistake::NameNotText),
            ("a: 1\n\u{feff}b: 2\n", Mistake::ByteOrderMark),
            ("a: \"x\" y\n", Mistake::TextAfterQuote),
            ("a: | x\n", Mistake::BlockHeader),
            ("[x]\na: 1\n", Mistake::DocumentStart),
            ("a: @x\n", Mistake::Reserved),
            ("a: ]\n", Mistake::Reserved),
            ("a: ,b\n", Mistake::Reserved),
            ("a: *x\n", Mistake::UnknownAnchor),
            ("a: &x [*x]\n", Mistake::SelfReference),
            ("a: \"\\q\"\n", Mistake::Other),
        ];
        for (text, want) in cases {
            let got = report(text);
            assert_eq!(got.mistake, want, "{text:?}: {}", got.message);
            assert!(got.pos.is_known(), "{text:?}: no place");
        }
    }

    /// The library's own message is shown without its place (the message shows the place) and
    /// with control characters written out.
    #[test]
    fn the_library_message_has_no_place() {
        let r = report("a: \"\\q\"\n");
        assert_eq!(
            r.message,
            "while parsing a quoted scalar, found unknown escape character"
        );
        assert_eq!(r.pos, Pos::new(1, 4));
        assert_eq!(visible(Cow::Borrowed("a\u{1b}b")), "a\\u{1b}b");
    }
}
