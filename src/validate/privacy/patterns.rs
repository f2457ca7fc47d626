//! The ways people write personal data, as patterns: email addresses, UK phone numbers, prison
//! numbers, National Insurance numbers and dates of birth, in the forms people really type
//! (upper or lower case, with spaces, dots, hyphens or brackets, full-width characters pasted from
//! other keyboards), without flagging the figures a self-assessment is full of (counts, rates,
//! dates, references).

use std::sync::OnceLock;

use regex::Regex;

use super::Kind;

/// A candidate and the rule that confirms it.
struct Pattern {
    kind: Kind,
    regex: Regex,
    /// Confirms a match; the regex alone finds candidates.
    confirm: fn(&str) -> bool,
}

fn patterns() -> &'static [Pattern] {
    static P: OnceLock<Vec<Pattern>> = OnceLock::new();
    P.get_or_init(|| {
        let re = |s: &str| Regex::new(s).expect("built-in pattern");
        let any = |_: &str| true;
        vec![
            Pattern {
                kind: Kind::Email,
                regex: re(r"[A-Za-z0-9._%+\-]+\s?@\s?[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"),
                confirm: any,
            },
            // A run of digits with the separators people put in phone numbers: spaces, dots,
            // hyphens and brackets, starting with +, ( or a digit. Commas and slashes are not
            // among them, so counts (2,498) and dates (02/2025) are never candidates.
            Pattern {
                kind: Kind::Phone,
                regex: re(r"(?:^|[^\w,/])([+(]?\d[\d \t.()\-]{7,}\d)"),
                confirm: is_uk_phone,
            },
            // Prison numbers in England and Wales: a letter, four digits, two letters (A1234BC),
            // in either case, written together or with hyphens, or in capitals with spaces.
            Pattern {
                kind: Kind::PrisonNumber,
                regex: re(r"\b(?:[A-Za-z]\d{4}[A-Za-z]{2}|[A-Za-z]-\d{4}-[A-Za-z]{2}|[A-Z] \d{4} [A-Z]{2})\b"),
                confirm: any,
            },
            // National Insurance numbers: two letters, three pairs of digits, a letter A to D,
            // in either case, together or with spaces, dots or hyphens between the parts.
            Pattern {
                kind: Kind::NationalInsurance,
                regex: re(r"(?i)\b[a-z]{2}[ .\-]?\d{2}[ .\-]?\d{2}[ .\-]?\d{2}[ .\-]?[a-d]\b"),
                confirm: any,
            },
            Pattern {
                kind: Kind::DateOfBirth,
                regex: re(&format!(
                    r"(?i)\b(?:d\.?\s?o\.?\s?b\.?|date of birth|birth ?date|born(?: on)?)\s*[:\-]?\s*(?:the\s+)?(?:{NUMERIC}|{DAY_MONTH}|{MONTH_DAY})"
                )),
                confirm: any,
            },
        ]
    })
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
/// `text` where each byte of the plain text came from (and one past the end).
fn plain(text: &str) -> (String, Vec<usize>) {
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
    (out, from)
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
    // Most text has no digit and no `@`: nothing to look for.
    if !text
        .chars()
        .any(|c| c.is_ascii_digit() || c == '@' || !c.is_ascii())
    {
        return Vec::new();
    }
    let (plain, from) = plain(text);
    let mut out = Vec::new();
    for p in patterns() {
        for caps in p.regex.captures_iter(&plain) {
            let Some(m) = caps.get(1).or_else(|| caps.get(0)) else {
                continue;
            };
            let found = m.as_str().trim();
            if !(p.confirm)(found) {
                continue;
            }
            // The same stretch of the text as it was written, so its place can be found.
            let start = from[m.start() + (m.as_str().len() - m.as_str().trim_start().len())];
            let end = from[m.start() + m.as_str().trim_end().len()];
            out.push((p.kind, start, text[start..end].to_string()));
        }
    }
    out.sort_by_key(|(_, start, _)| *start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
