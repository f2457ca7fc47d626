//! Comparing figures computed in floating point: scores, weights, shares and band limits.

/// How close two figures must be to count as the same: far below any difference a person can
/// see (scores are shown to whole percentage points, figures to at most four places) and far
/// above the rounding error of adding up the weights of thousands of items.
pub const TOLERANCE: f64 = 1e-9;

/// Whether `a` and `b` are the same figure, but for rounding error.
pub fn same(a: f64, b: f64) -> bool {
    (a - b).abs() < TOLERANCE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_error_is_the_same_figure_and_a_visible_difference_is_not() {
        assert!(same(0.1 + 0.2, 0.3));
        assert!(same(4.0 / 6.0, 2.0 / 3.0));
        assert!(!same(0.5, 0.5001));
        assert!(!same(0.0, 1e-6));
    }
}
