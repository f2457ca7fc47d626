//! The ways people write personal data, as patterns: email addresses, UK phone numbers, prison
//! numbers, National Insurance numbers and dates of birth, in the forms people really type
//! (upper or lower case, with spaces, dots, hyphens or brackets, full-width characters pasted from
//! other keyboards), without flagging the figures a self-assessment is full of (counts, rates,
//! dates, references).

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use super::{Kind, ascii};

/// A way to find candidates of one kind, and the rule that confirms each.
struct Pattern {
    kind: Kind,
    find: Find,
    /// Confirms a match; the finder alone finds candidates.
    confirm: fn(&str) -> bool,
}

enum Find {
    Regex(Regex),
    /// The pattern written out as code, for text of ASCII and harmless characters (`ascii`).
    ByHand(fn(&str) -> Vec<Range<usize>>),
}

impl Find {
    /// The stretches found: a pattern's first group where it has one, else its whole match.
    fn stretches(&self, text: &str) -> Vec<Range<usize>> {
        match self {
            Find::Regex(regex) => regex
                .captures_iter(text)
                .filter_map(|c| c.get(1).or_else(|| c.get(0)).map(|m| m.range()))
                .collect(),
            Find::ByHand(find) => find(text),
        }
    }
}

/// The patterns to search `text` (after `plain`) with. Unicode's classes of digits and of
/// letters (`\d`, `\w`) took most of the time of compiling the patterns, a few milliseconds at
/// the start of every report. Text whose characters are all ASCII or `harmless` is matched the
/// same by patterns that name the ASCII digits and letters instead: four of them are written out
/// as code (`ascii`), and the date of birth's is compiled when first needed, only for text it
/// could match (with its words). Any other text is searched with Unicode's classes, compiled
/// when first needed.
fn patterns(text: &str) -> Vec<&'static Pattern> {
    static UNICODE: OnceLock<Vec<Pattern>> = OnceLock::new();
    static DATE_OF_BIRTH: OnceLock<Pattern> = OnceLock::new();
    static BY_HAND: [Pattern; 4] = [
        by_hand(Kind::Email, ascii::email_addresses, |_| true),
        by_hand(Kind::Phone, ascii::phone_numbers, is_uk_phone),
        by_hand(Kind::PrisonNumber, ascii::prison_numbers, |_| true),
        by_hand(Kind::NationalInsurance, ascii::national_insurance, |_| true),
    ];
    if !(text.is_ascii() || text.chars().all(|c| c.is_ascii() || harmless(c))) {
        return UNICODE
            .get_or_init(|| compile(Classes::Unicode))
            .iter()
            .collect();
    }
    let digit = has_digit(text);
    let mut chosen: Vec<&Pattern> = BY_HAND
        .iter()
        .filter(|p| could_match(p.kind, text, digit))
        .collect();
    if could_match(Kind::DateOfBirth, text, digit) {
        chosen.push(DATE_OF_BIRTH.get_or_init(|| {
            let index = KIND_ORDER.iter().position(|k| *k == Kind::DateOfBirth);
            compile_one(Classes::Ascii, index.expect("a kind"))
        }));
    }
    chosen
}

const fn by_hand(
    kind: Kind,
    find: fn(&str) -> Vec<Range<usize>>,
    confirm: fn(&str) -> bool,
) -> Pattern {
    Pattern {
        kind,
        find: Find::ByHand(find),
        confirm,
    }
}

/// How many patterns there are, and their kinds in order.
const KINDS: usize = 5;
const KIND_ORDER: [Kind; KINDS] = [
    Kind::Email,
    Kind::Phone,
    Kind::PrisonNumber,
    Kind::NationalInsurance,
    Kind::DateOfBirth,
];

/// Whether `text` holds an ASCII digit.
fn has_digit(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit())
}

/// Whether the ASCII pattern of `kind` could match `text` (which holds a digit, `digit` says):
/// what every match of it holds is in the text. (Only for text of ASCII and `harmless`
/// characters, where no other character is a letter or a space.)
fn could_match(kind: Kind, text: &str, digit: bool) -> bool {
    let b = text.as_bytes();
    match kind {
        Kind::Email => memchr::memchr(b'@', b).is_some(),
        // Every other kind holds an ASCII digit: text of words alone is not searched.
        _ if !digit => false,
        Kind::DateOfBirth => starts_word(b, b"birth") || starts_word(b, b"born") || has_d_o_b(b),
        _ => true,
    }
}

/// Whether there is a start of a word at `i` of `text` (ASCII and harmless characters, whose
/// bytes of 0x80 and over are no letters): the pattern's words each start one (`\b`).
fn word_starts_at(text: &[u8], i: usize) -> bool {
    i == 0 || !(text[i - 1].is_ascii_alphanumeric() || text[i - 1] == b'_')
}

/// Whether `text` holds `word` (in lower case), in either case, at the start of a word (`date
/// of birth` holds `birth` so).
fn starts_word(text: &[u8], word: &[u8]) -> bool {
    memchr::memchr2_iter(word[0], word[0].to_ascii_uppercase(), text).any(|i| {
        text.get(i..i + word.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(word))
            && word_starts_at(text, i)
    })
}

/// Whether `text` holds `dob`, in either case, as the pattern allows it, at the start of a word:
/// each letter followed by an optional `.` and an optional space (`d.o.b`, `D o b`, `d. o. b`),
/// so that "and observation" is not taken for one.
fn has_d_o_b(text: &[u8]) -> bool {
    let lower = |i: usize| text.get(i).map(u8::to_ascii_lowercase);
    let space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
    let after = |mut i: usize| {
        if lower(i) == Some(b'.') {
            i += 1;
        }
        if lower(i).is_some_and(space) {
            i += 1;
        }
        i
    };
    memchr::memchr2_iter(b'd', b'D', text).any(|i| {
        if !word_starts_at(text, i) {
            return false;
        }
        let o = after(i + 1);
        lower(o) == Some(b'o') && lower(after(o + 1)) == Some(b'b')
    })
}

/// Characters outside ASCII that are neither letters, digits, marks, joiners nor spaces in
/// any of Unicode's classes the patterns use: punctuation and symbols people type or paste
/// (curly quotes, dashes, bullets, the pound and euro signs, degrees), which every pattern
/// treats as it treats `,` or `!`.
fn harmless(c: char) -> bool {
    matches!(c,
        '\u{a1}'..='\u{a9}' | '\u{ab}'..='\u{b1}' | '\u{b4}' | '\u{b6}'..='\u{b8}' | '\u{bb}'
        | '\u{bf}' | '\u{d7}' | '\u{f7}' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{203e}'
        | '\u{20a0}'..='\u{20c0}')
}

/// Which classes of digits and letters the patterns are written with.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Classes {
    Unicode,
    Ascii,
}

/// The patterns, written with Unicode's classes, or with the ASCII digits and letters named.
fn compile(classes: Classes) -> Vec<Pattern> {
    (0..KINDS).map(|i| compile_one(classes, i)).collect()
}

/// The pattern `index` (of `KIND_ORDER`).
fn compile_one(classes: Classes, index: usize) -> Pattern {
    let (kind, source, confirm) = sources(classes).swap_remove(index);
    debug_assert_eq!(kind, KIND_ORDER[index]);
    Pattern {
        kind,
        find: Find::Regex(Regex::new(&source).expect("built-in pattern")),
        confirm,
    }
}

/// The ASCII pattern of `kind`, as the finders written out as code are tested against.
#[cfg(test)]
pub(super) fn ascii_source(kind: Kind) -> Source {
    let index = KIND_ORDER.iter().position(|k| *k == kind).expect("a kind");
    sources(Classes::Ascii).swap_remove(index)
}

/// A pattern's kind, its source, and the rule that confirms a match.
type Source = (Kind, String, fn(&str) -> bool);

/// Each pattern's kind, source and confirming rule.
fn sources(classes: Classes) -> Vec<Source> {
    let written = unicode_sources();
    match classes {
        Classes::Unicode => written,
        Classes::Ascii => written
            .into_iter()
            .map(|(kind, source, confirm)| {
                let ascii = source
                    .replace(r"[^\w,/]", "[^0-9A-Za-z_,/]")
                    .replace(r"\d", "[0-9]");
                (kind, ascii, confirm)
            })
            .collect(),
    }
}

/// The patterns as written, with Unicode's classes.
fn unicode_sources() -> Vec<Source> {
    let any: fn(&str) -> bool = |_| true;
    vec![
        (
            Kind::Email,
            r"[A-Za-z0-9._%+\-]+\s?@\s?[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"
                .to_string(),
            any,
        ),
        // A run of digits with the separators people put in phone numbers: spaces, dots,
        // hyphens and brackets, starting with +, ( or a digit. Commas and slashes are not
        // among them, so counts (2,498) and dates (02/2025) are never candidates.
        (
            Kind::Phone,
            r"(?:^|[^\w,/])([+(]?\d[\d \t.()\-]{7,}\d)".to_string(),
            is_uk_phone,
        ),
        // Prison numbers in England and Wales: a letter, four digits, two letters (A1234BC),
        // in either case, written together or with hyphens, or in capitals with spaces.
        (
            Kind::PrisonNumber,
            r"\b(?:[A-Za-z]\d{4}[A-Za-z]{2}|[A-Za-z]-\d{4}-[A-Za-z]{2}|[A-Z] \d{4} [A-Z]{2})\b"
                .to_string(),
            any,
        ),
        // National Insurance numbers: two letters, three pairs of digits, a letter A to D,
        // in either case, together or with spaces, dots or hyphens between the parts.
        (
            Kind::NationalInsurance,
            r"(?i)\b[a-z]{2}[ .\-]?\d{2}[ .\-]?\d{2}[ .\-]?\d{2}[ .\-]?[a-d]\b".to_string(),
            any,
        ),
        (
            Kind::DateOfBirth,
            format!(
                r"(?i)\b(?:d\.?\s?o\.?\s?b\.?|date of birth|birth ?date|born(?: on)?)\s*[:\-]?\s*(?:the\s+)?(?:{NUMERIC}|{DAY_MONTH}|{MONTH_DAY})"
            ),
            any,
        ),
    ]
}

/// 03/04/1990, 3.4.90, 1990-04-03.
const NUMERIC: &str = r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{4}-\d{2}-\d{2}";
/// 3 March 1990, 3rd of March 1988, 03-Mar-1990, 3 Mar 90.
const DAY_MONTH: &str = r"\d{1,2}(?:st|nd|rd|th)?(?:\s+of)?[\s\-]+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[\s\-,]+\d{2,4}";
/// March 3, 1990; March 3rd 1990.
const MONTH_DAY: &str = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{2,4}";

/// Whether a run of digits and separators is a UK phone number: with the international prefix
/// (+44 or 0044, and an optional `(0)`) taken off, a 0 and then 9 or 10 digits, the second
/// digit one that UK numbers start with (01, 02, 03, 05, 07, 08, 09).
fn is_uk_phone(run: &str) -> bool {
    let compact: String = run.chars().filter(|c| !" \t.()-".contains(*c)).collect();
    let national = if let Some(rest) = compact
        .strip_prefix("+44")
        .or_else(|| compact.strip_prefix("0044"))
    {
        // +44 (0)20 ... keeps a 0 written in brackets; +44 20 ... has none.
        let bracketed_zero = run.replace(' ', "").contains("(0)");
        if bracketed_zero {
            rest.to_string()
        } else {
            format!("0{rest}")
        }
    } else {
        compact
    };
    let digits = national.len();
    national.chars().all(|c| c.is_ascii_digit())
        && (10..=11).contains(&digits)
        && national.starts_with('0')
        && national[1..2].chars().all(|c| "1235789".contains(c))
}

/// Full-width forms (`＠`, `０`–`９`, `Ａ`–`Ｚ`) as their plain characters, with the byte offset in
/// `text` where each byte of the plain text came from (and one past the end); `None` for text
/// with none of them, which is its own plain text.
fn plain(text: &str) -> Option<(String, Vec<usize>)> {
    if text.is_ascii() || !text.chars().any(full_width) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut from = Vec::with_capacity(text.len() + 1);
    for (i, c) in text.char_indices() {
        let c2 = match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        };
        for _ in 0..c2.len_utf8() {
            from.push(i);
        }
        out.push(c2);
    }
    from.push(text.len());
    Some((out, from))
}

fn full_width(c: char) -> bool {
    matches!(c, '\u{ff01}'..='\u{ff5e}' | '\u{3000}')
}

/// The personal data found in one piece of text: each kind, with the text as it was written.
pub fn scan(text: &str) -> Vec<(Kind, String)> {
    scan_at(text)
        .into_iter()
        .map(|(k, _, found)| (k, found))
        .collect()
}

/// As `scan`, with where each finding starts in `text` (a byte offset), in the order they come
/// in the text.
pub fn scan_at(text: &str) -> Vec<(Kind, usize, String)> {
    search(text, patterns)
}

/// `scan_at`, with the patterns `choose` gives for the text made plain.
fn search<'p>(
    text: &str,
    choose: impl FnOnce(&str) -> Vec<&'p Pattern>,
) -> Vec<(Kind, usize, String)> {
    // Most text has no digit and no `@`: nothing to look for.
    if !text
        .bytes()
        .any(|b| b.is_ascii_digit() || b == b'@' || !b.is_ascii())
    {
        return Vec::new();
    }
    let made_plain = plain(text);
    let plain = made_plain
        .as_ref()
        .map_or(text, |(plain, _)| plain.as_str());
    let from = |i: usize| made_plain.as_ref().map_or(i, |(_, from)| from[i]);
    let mut out = Vec::new();
    for p in choose(plain) {
        for m in p.find.stretches(plain) {
            let matched = &plain[m.clone()];
            let found = matched.trim();
            if !(p.confirm)(found) {
                continue;
            }
            // The same stretch of the text as it was written, so its place can be found.
            let start = from(m.start + (matched.len() - matched.trim_start().len()));
            let end = from(m.start + matched.trim_end().len());
            out.push((p.kind, start, text[start..end].to_string()));
        }
    }
    out.sort_by_key(|(_, start, _)| *start);
    out
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// Texts with every kind of personal data, and with figures that are not, in the forms the
    /// tests below and people use, each also with the punctuation people paste around it.
    pub(in super::super) fn samples() -> Vec<String> {
        let texts = [
            "Contact jo.bloggs@example.org.uk or JO.BLOGGS@EXAMPLE.COM, jo @ example.org",
            "Ring 01632 960 123, (01632) 960123, +44 (0)1632 960123, 0044 7700 900123 or 07700-900-123",
            "2,498 visits; 02/2025; 12.5% of 1,200; ref 2024-117; 3.4.2025; 0800 123",
            "Prisoner A1234BC, a-1234-bc, A 1234 BC, a1234bcd and ZA1234BC",
            "NI number QQ 12 34 56 C, qq.12.34.56.c, QQ123456D, ab123456e",
            "DOB 03/04/1990, d.o.b. 3.4.90, date of birth: 3rd of March 1988, born on March 3, 1990",
            "Birthdate 1990-04-03, born 03-Mar-1990, birth date the 3 Mar 90",
            "D. O. B: 03/04/1990; d o b 3.4.90; Dob-12.12.2001; BORN ON 1 jan 2000; D.o.b\t1/1/99",
            "(dob 3/4/90) and observation 3/4/90, newborn 1 May 1990, rebirth 2.2.22, _dob 1/1/01",
            "In 2025 the centre opened 6 days a week from 09:30; 14 of 20 families returned.",
        ];
        let mut out = Vec::new();
        for t in texts {
            out.push(t.to_string());
            for mark in [
                "\u{2019}", "\u{201c}", "\u{2013}", "\u{2022}", "\u{a3}", "\u{b0}", "\u{a7}",
            ] {
                // Around every word and inside every run of figures.
                out.push(t.replace(' ', &format!("{mark} ")));
                out.push(t.replace(' ', &format!(" {mark}")));
                out.push(t.replace(' ', mark));
                out.push(t.replace(['-', '.'], mark));
            }
        }
        out
    }

    /// The ASCII patterns find in text with only ASCII and harmless characters exactly what
    /// Unicode's find, and are the ones used for it.
    #[test]
    fn text_with_harmless_characters_gets_the_same_findings_from_the_ascii_patterns() {
        let unicode = compile(Classes::Unicode);
        let ascii = compile(Classes::Ascii);
        let mut found = 0;
        for text in samples() {
            let by_unicode = search(&text, |_| unicode.iter().collect());
            assert_eq!(
                search(&text, |_| ascii.iter().collect()),
                by_unicode,
                "{text}"
            );
            assert_eq!(scan_at(&text), by_unicode, "{text}");
            found += by_unicode.len();
        }
        assert!(found > 200, "{found} findings");
        for (_, source, _) in sources(Classes::Ascii) {
            assert!(
                !source.contains(r"\d") && !source.contains(r"\w"),
                "{source}"
            );
        }
    }

    /// No harmless character is a letter, digit, mark, joiner or space in Unicode's classes,
    /// nor the same as a letter when case is ignored.
    #[test]
    fn harmless_characters_are_in_none_of_the_classes_the_patterns_use() {
        let classes = Regex::new(r"(?i)^[\w\s\da-z]$").unwrap();
        let mut harmless_ones = 0;
        for c in (0x80..0x3000)
            .filter_map(char::from_u32)
            .filter(|c| harmless(*c))
        {
            assert!(!classes.is_match(&c.to_string()), "U+{:04X}", c as u32);
            harmless_ones += 1;
        }
        assert_eq!(harmless_ones, 96);
        // Beside them, a character that is a digit in Unicode: the Unicode patterns are used.
        let arabic =
            "date of birth \u{660}\u{663}/\u{660}\u{664}/\u{661}\u{669}\u{669}\u{660}\u{2019}";
        assert_eq!(kinds(arabic), [Kind::DateOfBirth]);
        let ascii = compile(Classes::Ascii);
        assert!(search(arabic, |_| ascii.iter().collect()).is_empty());
    }

    /// The date of birth's pattern, costly to compile, is compiled only for text with one of
    /// its words at the start of a word.
    #[test]
    fn a_date_of_birth_is_looked_for_only_where_its_words_start_a_word() {
        for text in [
            "(dob 3/4/90)",
            "D.O.B 1/1/99",
            "date of birth 1/1/99",
            "Born 3 May",
        ] {
            assert!(
                could_match(Kind::DateOfBirth, text, has_digit(text)),
                "{text}"
            );
        }
        for text in [
            "and observation 3/4/90",
            "newborn 1 May 1990",
            "rebirth 2.2.22",
            "_dob 1",
        ] {
            assert!(
                !could_match(Kind::DateOfBirth, text, has_digit(text)),
                "{text}"
            );
        }
    }

    fn kinds(text: &str) -> Vec<Kind> {
        scan(text).into_iter().map(|(k, _)| k).collect()
    }

    #[test]
    fn email_addresses() {
        for text in [
            "Contact jo.bloggs@example.org.uk for details",
            "write to visits.team@justice.gov.uk",
            "JO.BLOGGS@EXAMPLE.COM",
            "jo.bloggs＠example.org (pasted with a full-width sign)",
            "jo.bloggs @ example.org",
        ] {
            assert_eq!(kinds(text), [Kind::Email], "{text}");
        }
    }

    #[test]
    fn phone_numbers_as_people_write_them() {
        for text in [
            "Ring 07700 900123 after 5",
            "Call +44 20 7946 0958.",
            "Call 0161-496-0000",
            "(01632) 960 123",
            "Call (0161) 496 0000 today",
            "+44 (0)20 7946 0958",
            "0044 20 7946 0958",
            "0044 (0)20 7946 0958",
            "01632.960.123",
            "tel. 01632 960123",
            "tel.01632960123",
            "Tel: 07700900123",
            "t: 0161 496 0000",
            "mobile:07700-900-123",
            "０７７００ ９００１２３ (full-width digits)",
        ] {
            assert_eq!(kinds(text), [Kind::Phone], "{text}");
        }
    }

    #[test]
    fn prison_numbers_in_either_case_and_with_separators() {
        for text in [
            "Mr X (A1234BC) had no visits",
            "a1234bc",
            "A-1234-BC",
            "prisoner A 1234 BC",
            "ref a1234bc.",
        ] {
            assert_eq!(kinds(text), [Kind::PrisonNumber], "{text}");
        }
    }

    #[test]
    fn national_insurance_numbers_in_either_case_and_with_separators() {
        for text in [
            "NI number QQ 12 34 56 C",
            "qq123456c",
            "QQ-12-34-56-C",
            "qq.12.34.56.c",
            "NI: QQ123456C",
        ] {
            assert_eq!(kinds(text), [Kind::NationalInsurance], "{text}");
        }
    }

    #[test]
    fn dates_of_birth_with_numbers_or_month_names() {
        for text in [
            "Sam Smith, DOB 03/04/1990",
            "born on 3rd March 1988",
            "date of birth: 1990-04-03",
            "DOB: 3 March 1990",
            "born 3rd of March 1988",
            "date of birth March 3, 1990",
            "d.o.b. 03-Mar-1990",
            "D.O.B 3/3/90",
            "birth date: 12 Sept 1979",
            "born on the 4th July 1985",
        ] {
            assert_eq!(kinds(text), [Kind::DateOfBirth], "{text}");
        }
    }

    #[test]
    fn ordinary_report_text_is_not_flagged() {
        for text in [
            "Visitor survey, 246 replies: 92% found the centre welcoming.",
            "Family helpline: 2,498 calls; 96% returned within one working day.",
            "9,870 visitor contacts in 2025-11-03; 0.6 of prisoners; 1,130 views.",
            "Think Family training: 82% of residential officers; see https://www.gov.uk/guidance.",
            "Parenting course: 3 cohorts, 27 completions; 02/2025 to 06/2025.",
            "ACCT reviews, HMIP, SPS, ROTL and HMPPS are acronyms, not people.",
            "Due 2026-06-30; 412 of 690 had a visit; reference 2024-0012345.",
            "Visits rose from 1,204 to 1,388 (15.3%) between 2023 and 2025.",
            "Sessions on 01.02.2025, 03.04.2025 and 05.06.2025.",
            "Budget 12 345 678 for 2025 to 2026.",
            "Contract 2024/25 ref 0012 3456 78; 149 of 347 (43%).",
            "In 2025 we ran 12 family days, 4 homework clubs and 52 storybook sessions.",
            "a 2025 by-law; an 1234 ab test",
            "Opened 10 March 2024, the centre seats 40.",
            "Birthday events for children born in 2019 and 2020.",
        ] {
            assert!(scan(text).is_empty(), "{text}: {:?}", scan(text));
        }
    }

    #[test]
    fn found_text_is_as_it_was_written() {
        assert_eq!(
            scan("mail jo＠example.org now"),
            [(Kind::Email, "jo＠example.org".to_string())]
        );
        assert_eq!(
            scan("Ring (01632) 960 123."),
            [(Kind::Phone, "(01632) 960 123".to_string())]
        );
    }
}
