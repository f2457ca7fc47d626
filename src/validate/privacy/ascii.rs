//! Four of the patterns (email addresses, phone numbers, prison numbers and National Insurance
//! numbers) written out as code, for text of ASCII and harmless characters, the text nearly every
//! self-assessment holds.
//!
//! Compiling the patterns and running them took a sixth of a report's time; these finders find
//! exactly what the patterns find in such text (the tests below check them against the patterns,
//! on the samples and on generated text), in one pass with no start-up cost. Each gives the
//! stretches the pattern's match would give, in order, the next looked for after the one before,
//! as a pattern's matches are. Bytes of 0x80 and over are parts of harmless characters: none is a
//! letter, a digit, a space or a mark the patterns name.

use std::ops::Range;

fn word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether there is a word boundary at `i`: a word character on one side and not the other.
fn boundary(t: &[u8], i: usize) -> bool {
    let before = i > 0 && word(t[i - 1]);
    let after = t.get(i).is_some_and(|b| word(*b));
    before != after
}

fn digit(t: &[u8], i: usize) -> bool {
    t.get(i).is_some_and(u8::is_ascii_digit)
}

fn letter(t: &[u8], i: usize) -> bool {
    t.get(i).is_some_and(u8::is_ascii_alphabetic)
}

fn capital(t: &[u8], i: usize) -> bool {
    t.get(i).is_some_and(u8::is_ascii_uppercase)
}

fn is(t: &[u8], i: usize, b: u8) -> bool {
    t.get(i) == Some(&b)
}

/// Whether `t[i..i + n]` are all digits.
fn digits(t: &[u8], i: usize, n: usize) -> bool {
    (i..i + n).all(|j| digit(t, j))
}

/// A space as the patterns' `\s` has it in ASCII.
fn space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// Each match of `at` (the end of a match starting at `i`, if one does), leftmost first, the
/// next looked for from the end of the one before, where every match starts `before` bytes
/// (one of them) ahead of a digit: only those places are tried, the others cannot start one.
fn each_start_near_digits(
    t: &[u8],
    before: &[usize],
    mut at: impl FnMut(usize) -> Option<Range<usize>>,
) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    // The next place that may be tried: past the last match, and past the last place tried.
    let mut next = 0;
    for d in (0..t.len()).filter(|d| t[*d].is_ascii_digit()) {
        // `before` is largest first, so the places are tried leftmost first.
        for i in before.iter().filter_map(|n| d.checked_sub(*n)) {
            if i < next {
                continue;
            }
            next = i + 1;
            if let Some(m) = at(i) {
                next = m.end.max(i + 1);
                out.push(m);
            }
        }
    }
    out
}

/// `\b(?:[A-Za-z]\d{4}[A-Za-z]{2}|[A-Za-z]-\d{4}-[A-Za-z]{2}|[A-Z] \d{4} [A-Z]{2})\b`
pub fn prison_numbers(text: &str) -> Vec<Range<usize>> {
    let t = text.as_bytes();
    // Every form starts with a letter, and has a digit at its second or third character.
    each_start_near_digits(t, &[2, 1], |i| {
        if !(letter(t, i) && (digit(t, i + 1) || digit(t, i + 2)) && boundary(t, i)) {
            return None;
        }
        let ends = [
            (letter(t, i) && digits(t, i + 1, 4) && letter(t, i + 5) && letter(t, i + 6))
                .then_some(i + 7),
            (letter(t, i)
                && is(t, i + 1, b'-')
                && digits(t, i + 2, 4)
                && is(t, i + 6, b'-')
                && letter(t, i + 7)
                && letter(t, i + 8))
            .then_some(i + 9),
            (capital(t, i)
                && is(t, i + 1, b' ')
                && digits(t, i + 2, 4)
                && is(t, i + 6, b' ')
                && capital(t, i + 7)
                && capital(t, i + 8))
            .then_some(i + 9),
        ];
        ends.into_iter()
            .flatten()
            .find(|end| boundary(t, *end))
            .map(|end| i..end)
    })
}

/// `(?i)\b[a-z]{2}[ .\-]?\d{2}[ .\-]?\d{2}[ .\-]?\d{2}[ .\-]?[a-d]\b`
pub fn national_insurance(text: &str) -> Vec<Range<usize>> {
    let t = text.as_bytes();
    let separator = |j: usize| {
        if t.get(j).is_some_and(|b| matches!(b, b' ' | b'.' | b'-')) {
            j + 1
        } else {
            j
        }
    };
    // Two letters, perhaps a separator, then a digit.
    each_start_near_digits(t, &[3, 2], |i| {
        if !(letter(t, i) && letter(t, i + 1) && boundary(t, i)) {
            return None;
        }
        let mut j = i + 2;
        for _ in 0..3 {
            j = separator(j);
            if !digits(t, j, 2) {
                return None;
            }
            j += 2;
        }
        j = separator(j);
        let last = t
            .get(j)
            .is_some_and(|b| matches!(b, b'a'..=b'd' | b'A'..=b'D'));
        (last && boundary(t, j + 1)).then_some(i..j + 1)
    })
}

/// `(?:^|[^0-9A-Za-z_,/])([+(]?[0-9][0-9 \t.()\-]{7,}[0-9])`: the stretch of the group.
pub fn phone_numbers(text: &str) -> Vec<Range<usize>> {
    let t = text.as_bytes();
    let body = |b: u8| b.is_ascii_digit() || matches!(b, b' ' | b'\t' | b'.' | b'(' | b')' | b'-');
    // The end of the run of body characters from a place, and its last digit: the same for
    // every place in one run, so worked out once for each run.
    let mut run: Option<(usize, usize, Option<usize>)> = None;
    let mut run_from = |from: usize| {
        if let Some((start, end, last)) = run
            && (start..end).contains(&from)
        {
            return (end, last);
        }
        let end = from + t[from..].iter().take_while(|b| body(**b)).count();
        let last = (from..end).rev().find(|j| t[*j].is_ascii_digit());
        run = Some((from, end, last));
        (end, last)
    };
    // The group, starting at `g`.
    let mut group = |g: usize| -> Option<Range<usize>> {
        let first = if digit(t, g) {
            g
        } else if t.get(g).is_some_and(|b| matches!(b, b'+' | b'(')) && digit(t, g + 1) {
            g + 1
        } else {
            return None;
        };
        if first + 1 >= t.len() {
            return None;
        }
        let (_, last) = run_from(first + 1);
        last.filter(|k| *k >= first + 8).map(|k| g..k + 1)
    };
    // The group starts at a digit, or at a `+` or `(` before one: only those places are tried,
    // leftmost first. One is tried where the pattern would try it: at the very beginning, or
    // after one character that is not a letter, digit, `_`, `,` or `/` (a harmless character is
    // one, of several bytes), that character past the end of the last match.
    let mut out = Vec::new();
    let mut from = 0;
    let mut tried = None;
    for d in (0..t.len()).filter(|d| t[*d].is_ascii_digit()) {
        let sign = d.checked_sub(1).filter(|g| matches!(t[*g], b'+' | b'('));
        for g in [sign, Some(d)].into_iter().flatten() {
            if tried.is_some_and(|t| g <= t) {
                continue;
            }
            tried = Some(g);
            let may_start = if g == 0 {
                from == 0
            } else {
                // The start of the character just before `g`.
                let mut i = g - 1;
                while i > 0 && !text.is_char_boundary(i) {
                    i -= 1;
                }
                let b = t[i];
                i >= from && !(word(b) || b == b',' || b == b'/')
            };
            if let Some(m) = may_start.then(|| group(g)).flatten() {
                from = m.end;
                out.push(m);
            }
        }
    }
    out
}

/// `[A-Za-z0-9._%+\-]+\s?@\s?[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}`
pub fn email_addresses(text: &str) -> Vec<Range<usize>> {
    let t = text.as_bytes();
    let local = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-');
    let mut out = Vec::new();
    let mut from = 0;
    for at in memchr::memchr_iter(b'@', t) {
        if at < from {
            continue;
        }
        // The name before the `@`, with a space between them or none.
        let name_end = if at > 0 && local(t[at - 1]) {
            at
        } else if at > 1 && space(t[at - 1]) && local(t[at - 2]) {
            at - 1
        } else {
            continue;
        };
        let mut start = name_end;
        while start > from && local(t[start - 1]) {
            start -= 1;
        }
        if start == name_end {
            continue;
        }
        let mut domain = at + 1;
        if t.get(domain).is_some_and(|b| space(*b)) {
            domain += 1;
        }
        if let Some(end) = email_domain(t, domain) {
            out.push(start..end);
            from = end;
        }
    }
    out
}

fn label(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-'
}

fn label_run(t: &[u8], i: usize) -> usize {
    t[i.min(t.len())..]
        .iter()
        .take_while(|b| label(**b))
        .count()
}

/// `[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}` from `i`: the end of its match, tried in
/// the pattern's order (as many of each as can be, then fewer).
fn email_domain(t: &[u8], i: usize) -> Option<usize> {
    let run = label_run(t, i);
    (1..=run).rev().find_map(|n| domain_rest(t, i + n))
}

/// `(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}` from `j`: as many more labels as can be (each whole:
/// a shorter one ends before a label character, where neither part can go on), then fewer, until
/// the last part's letters follow.
fn domain_rest(t: &[u8], mut j: usize) -> Option<usize> {
    let mut dots = Vec::new();
    while is(t, j, b'.') {
        dots.push(j);
        let run = label_run(t, j + 1);
        if run == 0 {
            break;
        }
        j += 1 + run;
    }
    dots.into_iter().rev().find_map(|dot| {
        let letters = t[dot + 1..]
            .iter()
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
        (letters >= 2).then_some(dot + 1 + letters)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use regex::Regex;

    type Finder = fn(&str) -> Vec<Range<usize>>;

    /// Each finder, with the pattern it is written from, as the patterns module has it.
    fn finders() -> Vec<(Finder, Regex)> {
        let pattern = |kind| {
            let (_, source, _) = super::super::patterns::ascii_source(kind);
            Regex::new(&source).unwrap()
        };
        use super::super::Kind::*;
        vec![
            (email_addresses as Finder, pattern(Email)),
            (phone_numbers, pattern(Phone)),
            (prison_numbers, pattern(PrisonNumber)),
            (national_insurance, pattern(NationalInsurance)),
        ]
    }

    /// The stretches a pattern finds: its first group where it has one, else the whole match.
    fn by_pattern(regex: &Regex, text: &str) -> Vec<Range<usize>> {
        regex
            .captures_iter(text)
            .filter_map(|c| c.get(1).or_else(|| c.get(0)).map(|m| m.range()))
            .collect()
    }

    fn agree(text: &str) {
        for (finder, regex) in finders() {
            assert_eq!(
                finder(text),
                by_pattern(&regex, text),
                "{regex} in {text:?}"
            );
        }
    }

    #[test]
    fn the_finders_find_what_the_patterns_find_in_the_samples() {
        let mut found = 0;
        for text in super::super::patterns::tests::samples() {
            agree(&text);
            found += finders().iter().map(|(f, _)| f(&text).len()).sum::<usize>();
        }
        assert!(found > 150, "{found}");
    }

    #[test]
    fn the_finders_find_what_the_patterns_find_at_the_edges() {
        for text in [
            "",
            "@",
            "a@b.cd",
            "a@b@c.com",
            "x@a.comfoo@b.com",
            "a @ b.cd-x.e",
            "a@b.cd-x",
            "a@b.c.d.ef.g",
            "a@-.--.xy",
            "jo @example.org and jo@ example.org and jo @ example.org",
            "07700 900123 07700 900124",
            "(07700) 900 123",
            "+(0)7700 900123",
            "++07700 900123",
            "a07700 900123",
            ",07700 900123",
            "/07700 900123",
            "\u{2019}07700 900123",
            "0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5",
            "0123456789-",
            "A1234BC A-1234-BC A 1234 BC a 1234 bc A1234BCD _A1234BC",
            "A 1234 Bc, A 1234 bC, a 1234 BC, A 1234 BC1",
            "QQ123456C QQ 12 34 56 C qq-12-34-56-d QQ  12 34 56 C QQ123456E",
            "QQ123456CQQ123456C",
        ] {
            agree(text);
        }
    }

    /// Text made of the characters the patterns turn on.
    fn texts() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "0", "1", "4", "7", "9", "44", "07700", "a", "B", "c", "D", "e", "Q", "z", "com", "uk",
            " ", "  ", "\t", "\n", ".", "-", "(", ")", "+", "@", ",", "/", "_", "%", "\u{2019}",
            "\u{a3}", "1234", "AB", "(0)",
        ]);
        prop::collection::vec(pieces, 0..40).prop_map(|p| p.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn the_finders_find_what_the_patterns_find_in_generated_text(text in texts()) {
            for (finder, regex) in finders() {
                prop_assert_eq!(finder(&text), by_pattern(&regex, &text), "{} in {:?}", regex, text);
            }
        }
    }
}
