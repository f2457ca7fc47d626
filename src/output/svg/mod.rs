//! Charts drawn as inline SVG: values written beside bars or inside cells, so nothing is
//! carried by colour alone, and a title and description for screen readers. Every chart in a
//! report is followed by a table of the same figures.
//!
//! A view model holds a chart as data (`view::chart::Chart`); it reaches a template, and any
//! other serialised document, as its drawing: the `Serialize` below is where that happens.

mod bars;
mod heatmap;
mod line;
mod spread;
mod stacked;

use serde::{Serialize, Serializer};

// Text in an SVG element or attribute is escaped as in HTML.
use crate::output::html::escape as esc;
use crate::view::chart::{Chart, Figure};

/// The chart as an SVG element.
pub fn draw(chart: &Chart) -> String {
    match &chart.figure {
        Figure::Bars(groups) => bars::bars(&chart.id, &chart.title, &chart.description, groups),
        Figure::Heatmap(grid) => {
            heatmap::heatmap(&chart.id, &chart.title, &chart.description, grid)
        }
        Figure::Stacked(s) => stacked::stacked(&chart.id, &chart.title, &chart.description, s),
        Figure::Spread(s) => spread::spread(&chart.id, &chart.title, &chart.description, s),
    }
}

impl Serialize for Chart {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&draw(self))
    }
}

/// How a chart takes the page's width.
enum Sizing {
    /// As wide as the page allows, up to its own width.
    Fill,
    /// Its own width, narrowed (never widened) to fit the page.
    Own,
}

/// The opening `<svg>` tag of a chart `width` by `height`, with its title and description for
/// screen readers (ids `ID-t` and `ID-d`).
fn open(
    id: &str,
    (width, height): (f64, f64),
    font: f64,
    sizing: Sizing,
    (title, description): (&str, &str),
) -> String {
    let size = match sizing {
        Sizing::Fill => format!("width=\"100%\" style=\"max-width:{width}px\""),
        Sizing::Own => format!("width=\"{width}\" style=\"max-width:100%;height:auto\""),
    };
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" \
         viewBox=\"0 0 {width} {height}\" {size} font-size=\"{font}\">\
         <title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        esc(title),
        esc(description)
    )
}

/// At most `max` characters: a longer text is cut to `max - 1` and an ellipsis.
fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(max - 1).collect::<String>())
    }
}

/// The width a text takes at `font_size`, estimated generously: charts are drawn without the
/// font's metrics, and Arial's widest common characters take about 0.6 of the font size (its
/// digits 0.56), so a label given this much room is never cut by the chart's edge.
fn text_width(s: &str, font_size: f64) -> f64 {
    s.chars().count() as f64 * font_size * 0.6
}

/// A text broken into lines of at most `max` characters at spaces (a word longer than that is
/// a line of its own), at most `lines` lines: the last is cut with an ellipsis only when the
/// text does not fit in them.
fn wrap(s: &str, max: usize, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in s.split_whitespace() {
        match out.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= max => {
                line.push(' ');
                line.push_str(word);
            }
            _ => out.push(word.to_string()),
        }
    }
    if out.len() > lines {
        let rest = out.split_off(lines - 1).join(" ");
        out.push(clip(&rest, max));
    }
    out
}

/// Lines of text drawn one under another, as one `<text>` (with `attrs`, its weight and colour)
/// of `<tspan>`s: each at `x` (as the drawing writes it), the first line's baseline at `y`, each
/// next `line_h` below.
fn text_lines(s: &mut String, attrs: &str, lines: &[String], x: &str, y: f64, line_h: f64) {
    use std::fmt::Write;
    let _ = write!(s, "<text {attrs}>");
    for (n, line) in lines.iter().enumerate() {
        let _ = write!(
            s,
            "<tspan x=\"{x}\" y=\"{:.1}\">{}</tspan>",
            y + n as f64 * line_h,
            esc(line)
        );
    }
    s.push_str("</text>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_labels_wrap_before_they_are_cut() {
        assert_eq!(
            wrap("Performance and management information", 30, 2),
            ["Performance and management", "information"]
        );
        assert_eq!(wrap("Visits", 30, 2), ["Visits"]);
        // Three lines' worth in two: the second is cut.
        assert_eq!(
            wrap("aaaa bbbb cccc dddd", 9, 2),
            ["aaaa bbbb", "cccc dddd"]
        );
        assert_eq!(
            wrap("aaaa bbbb cccc dddd eeee", 9, 2),
            ["aaaa bbbb", "cccc ddd…"]
        );
        // 10 characters at 13 px: 78 px.
        assert!(crate::model::float::same(
            text_width("0123456789", 13.0),
            78.0
        ));
    }
}
