//! Charts as inline SVG: values written beside bars or inside cells, so nothing is carried by
//! colour alone, and a title and description for screen readers. Every chart in a report is
//! followed by a table of the same figures.

mod bars;
mod heatmap;

pub use bars::{Bar, Group, bars};
pub use heatmap::{Cell, Grid, Row, heatmap};

/// Text made safe inside an SVG element or attribute, in HTML or on its own.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// At most `max` characters: a longer text is cut to `max - 1` and an ellipsis.
fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(max - 1).collect::<String>())
    }
}
