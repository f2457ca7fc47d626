//! Numbers as every output writes them: scores and shares as whole percentages, figures without
//! needless decimals.

/// A share from 0 to 1 as a whole percentage: `0.626` is `63%`.
pub fn percent(v: f64) -> String {
    format!("{:.0}%", v * 100.0)
}

/// A share as a whole percentage, or `–` when there is none.
pub fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_string(), percent)
}

/// The places every data output (CSV, JSON, workbook) keeps of a share or a figure: four, so
/// 0.7625000000000001 is written 0.7625 everywhere.
pub const DATA_DECIMALS: i32 = 4;

/// A number rounded to `DATA_DECIMALS` places, as the data outputs write it.
pub fn round_share(v: f64) -> f64 {
    let scale = 10f64.powi(DATA_DECIMALS);
    let r = (v * scale).round() / scale;
    if r == 0.0 { 0.0 } else { r }
}

/// A number as people write it: 3 rather than 3.0, 0.75 rather than 0.7500, 1,604 rather than
/// 1604 (for reading, never for data: CSV and JSON write numbers plainly).
pub fn short_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        let sign = if v < 0.0 { "-" } else { "" };
        format!("{sign}{}", count(v.abs() as usize))
    } else {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A count as people write it, its thousands grouped: 1,120 rather than 1120.
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_are_whole_and_rounded() {
        assert_eq!(percent(0.626), "63%");
        assert_eq!(percent(1.0), "100%");
        assert_eq!(pct(None), "–");
        assert_eq!(pct(Some(0.0)), "0%");
    }

    #[test]
    fn data_numbers_keep_four_places() {
        assert_eq!(round_share(0.7625000000000001), 0.7625);
        assert_eq!(round_share(2.0 / 3.0), 0.6667);
        // No negative zero.
        assert_eq!(round_share(-0.00001).to_string(), "0");
    }

    #[test]
    fn counts_group_their_thousands() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1120), "1,120");
        assert_eq!(count(1234567), "1,234,567");
    }

    #[test]
    fn numbers_lose_needless_decimals() {
        assert_eq!(short_number(3.0), "3");
        assert_eq!(short_number(0.75), "0.75");
        assert_eq!(short_number(0.123456), "0.1235");
        assert_eq!(short_number(1604.0), "1,604");
        assert_eq!(short_number(-1234567.0), "-1,234,567");
        assert_eq!(short_number(999.0), "999");
    }
}
