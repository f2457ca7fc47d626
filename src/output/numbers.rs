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

/// A number as people write it: 3 rather than 3.0, 0.75 rather than 0.7500.
pub fn short_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
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
    fn numbers_lose_needless_decimals() {
        assert_eq!(short_number(3.0), "3");
        assert_eq!(short_number(0.75), "0.75");
        assert_eq!(short_number(0.123456), "0.1235");
    }
}
