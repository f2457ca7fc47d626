//! The rules for names that other files refer to, each written once: ids (of establishments,
//! frameworks, sections, items, scales), qualified ids (`framework/item`) and reporting years.

use std::ops::RangeInclusive;

/// What a valid id looks like, for messages.
pub const ID_RULE: &str = "lower-case letters, digits and hyphens";

/// The years a self-assessment can report on.
pub const YEARS: RangeInclusive<i32> = 2000..=2100;

/// Whether `id` is a valid id: lower-case letters, digits and hyphens, neither starting nor
/// ending with a hyphen.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

/// A best guess at a valid id for a mistyped one (`Visitor Centre` becomes `visitor-centre`), or
/// `None` when nothing usable is left or the text is already the guess.
pub fn suggest_id(text: &str) -> Option<String> {
    let mut out = String::new();
    for c in text.trim().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    (!out.is_empty() && out != text).then_some(out)
}

/// An item's id outside its framework file: `framework/item`.
pub fn qualified(framework: &str, item: &str) -> String {
    format!("{framework}/{item}")
}

/// The framework and item of a qualified id, or `None` when it names no framework.
pub fn split_qualified(qualified: &str) -> Option<(&str, &str)> {
    qualified.split_once('/')
}

/// Whether a self-assessment could report on `year`.
pub fn is_plausible_year(year: i32) -> bool {
    YEARS.contains(&year)
}

/// A year no self-assessment could report on, in the words every path uses (a file's `year:`,
/// `--year` for a new file, a year carried forward, a batch from the register): what is wrong,
/// and what is expected.
pub fn implausible_year(year: i32) -> Option<(String, &'static str)> {
    (!is_plausible_year(year)).then(|| {
        (
            format!("the year {year} is not a plausible reporting year"),
            "a year between 2000 and 2100, such as 2025",
        )
    })
}

/// `implausible_year` as the error of a year given on the command line.
pub fn require_plausible_year(year: i32) -> Result<(), crate::error::Error> {
    match implausible_year(year) {
        Some((message, expected)) => Err(crate::error::Error::Usage(format!(
            "{message}: give {expected}"
        ))),
        None => Ok(()),
    }
}

/// A range of reporting years as a person writes it: `2016-2025`, or one year, `2025`. Both
/// ends are plausible reporting years and the first is not after the last; otherwise the
/// sentence saying what is wrong and what to write.
pub fn years_given(text: &str) -> Result<RangeInclusive<i32>, String> {
    let expected = "a range of years written FROM-TO, such as 2016-2025";
    let (from, to) = text
        .trim()
        .split_once('-')
        .unwrap_or((text.trim(), text.trim()));
    let year = |t: &str| -> Result<i32, String> {
        let y: i32 = t
            .trim()
            .parse()
            .map_err(|_| format!("`{text}` is not {expected}"))?;
        match implausible_year(y) {
            Some((message, wanted)) => Err(format!("{message}: give {wanted}")),
            None => Ok(y),
        }
    };
    let (from, to) = (year(from)?, year(to)?);
    if from > to {
        return Err(format!(
            "the range `{text}` ends before it starts: give the earlier year first, such as {to}-{from}"
        ));
    }
    Ok(from..=to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lower_case_letters_digits_and_inner_hyphens() {
        for ok in ["hmp-example", "a", "hmp-yoi-2", "visitor-centre"] {
            assert!(is_valid_id(ok), "{ok}");
        }
        for bad in ["", "HMP", "hmp example", "-x", "x-", "hmp_x", "café"] {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }

    #[test]
    fn suggestions_make_a_valid_id_from_what_was_written() {
        assert_eq!(
            suggest_id("Visitor Centre").as_deref(),
            Some("visitor-centre")
        );
        assert_eq!(suggest_id("HMP  Example!").as_deref(), Some("hmp-example"));
        assert_eq!(suggest_id("hmp-example"), None);
        assert_eq!(suggest_id("!!"), None);
    }

    #[test]
    fn qualified_ids_join_and_split() {
        assert_eq!(
            qualified("farmer-offer", "visitor-centre"),
            "farmer-offer/visitor-centre"
        );
        assert_eq!(
            split_qualified("farmer-offer/visitor-centre"),
            Some(("farmer-offer", "visitor-centre"))
        );
        assert_eq!(split_qualified("visitor-centre"), None);
    }

    #[test]
    fn years_are_plausible_reporting_years() {
        assert!(is_plausible_year(2025));
        assert!(!is_plausible_year(1999));
        assert!(!is_plausible_year(2101));
    }

    #[test]
    fn a_range_of_years_is_written_from_to() {
        assert_eq!(years_given("2016-2025"), Ok(2016..=2025));
        assert_eq!(years_given(" 2024 "), Ok(2024..=2024));
        assert!(years_given("2025-2016").unwrap_err().contains("2016-2025"));
        assert!(
            years_given("1990-2025")
                .unwrap_err()
                .contains("not a plausible")
        );
        assert!(years_given("last year").unwrap_err().contains("FROM-TO"));
        assert!(years_given("2016-").unwrap_err().contains("FROM-TO"));
    }
}
