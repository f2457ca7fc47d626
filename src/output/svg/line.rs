//! Lines over the years in small panels, one line a panel, each from 0% to 100%: the last
//! year's value written beside its point, a hollow point for a year to read with care, and a
//! key that says what hollow means. The same figures are in the table that follows the chart.

use std::fmt::Write as _;

use serde::{Serialize, Serializer};

use super::{Sizing, esc, open, text_lines, text_width, wrap};
use crate::view::chart::{Lines, Panel};

const FONT: f64 = 12.0;
const COLUMNS: usize = 2;
const PANEL_W: f64 = 320.0;
/// Room for the scale's labels, left of the plot.
const LEFT: f64 = 40.0;
/// Room for the last value, right of the plot.
const RIGHT: f64 = 50.0;
const PLOT_H: f64 = 90.0;
const LINE_H: f64 = 15.0;
/// A panel's label longer than this goes on to a second line, and a third (a measure's name is
/// long), then is cut.
const LABEL_CHARS: usize = 40;
const LABEL_LINES: usize = 3;
/// The panel's label, the plot, the years under it and a gap.
const PANEL_H: f64 = LABEL_LINES as f64 * LINE_H + 10.0 + PLOT_H + 18.0 + 14.0;
const KEY_H: f64 = 24.0;
const BLUE: &str = "#1d70b8";

impl Serialize for Lines {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&lines(self))
    }
}

/// The chart as an SVG element. `chart.id` must be unique in the page; it links the title and
/// description.
pub fn lines(chart: &Lines) -> String {
    let id = &chart.id;
    let rows = chart.panels.len().div_ceil(COLUMNS).max(1);
    let key_h = if chart.hollow_key.is_some() {
        KEY_H
    } else {
        0.0
    };
    let key_w = chart
        .hollow_key
        .as_deref()
        .map_or(0.0, |k| 20.0 + text_width(k, FONT));
    let width = (PANEL_W * COLUMNS as f64).max(key_w).ceil();
    let height = key_h + PANEL_H * rows as f64;
    let mut s = open(
        id,
        (width, height),
        FONT,
        Sizing::Fill,
        (&chart.title, &chart.description),
    );
    if let Some(key) = &chart.hollow_key {
        let _ = write!(
            s,
            "<circle cx=\"6\" cy=\"10\" r=\"4\" fill=\"#ffffff\" stroke=\"{BLUE}\" stroke-width=\"2\"/>\
             <text x=\"16\" y=\"14\" fill=\"#0b0c0c\">{}</text>",
            esc(key)
        );
    }
    for (n, panel) in chart.panels.iter().enumerate() {
        let x0 = PANEL_W * (n % COLUMNS) as f64;
        let y0 = key_h + PANEL_H * (n / COLUMNS) as f64;
        draw_panel(&mut s, panel, &chart.years, x0, y0);
    }
    s.push_str("</svg>");
    s
}

/// One panel, its top left corner at (`x0`, `y0`).
fn draw_panel(s: &mut String, panel: &Panel, years: &[i32], x0: f64, y0: f64) {
    text_lines(
        s,
        "font-weight=\"bold\" fill=\"#0b0c0c\"",
        &wrap(&panel.label, LABEL_CHARS, LABEL_LINES),
        &format!("{x0:.1}"),
        y0 + 11.0,
        LINE_H,
    );
    let top = y0 + LABEL_LINES as f64 * LINE_H + 10.0;
    let bottom = top + PLOT_H;
    let left = x0 + LEFT;
    let plot_w = PANEL_W - LEFT - RIGHT;
    let y_of = |v: f64| bottom - v.clamp(0.0, 1.0) * PLOT_H;
    // Scale lines at 0, 25, 50, 75 and 100%, labelled at 0, 50 and 100%.
    for i in 0..=4 {
        let y = bottom - PLOT_H * f64::from(i) / 4.0;
        let _ = write!(
            s,
            "<line x1=\"{left:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"#b1b4b6\" stroke-width=\"1\"/>",
            left + plot_w
        );
        if i % 2 == 0 {
            let _ = write!(
                s,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#484949\">{}%</text>",
                left - 6.0,
                y + 4.0,
                i * 25
            );
        }
    }
    let x_of = |year: i32| match (years.first(), years.last()) {
        (Some(a), Some(b)) if b > a => left + plot_w * f64::from(year - a) / f64::from(b - a),
        _ => left + plot_w / 2.0,
    };
    // Years under the plot, as many as fit without touching: always the first and the last.
    let room = text_width("2025", FONT) + 6.0;
    let mut shown: Option<f64> = None;
    for (i, &year) in years.iter().enumerate() {
        let x = x_of(year);
        let last = i + 1 == years.len();
        let fits_after = shown.is_none_or(|p| x - p >= room);
        let leaves_last = last || years.last().is_none_or(|&l| x_of(l) - x >= room);
        if last || (fits_after && leaves_last) {
            let _ = write!(
                s,
                "<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#484949\">{year}</text>",
                bottom + 15.0
            );
            shown = Some(x);
        }
    }
    // The line, broken where a year has no value.
    let mut path = String::new();
    let mut pen_down = false;
    for (&year, p) in years.iter().zip(&panel.points) {
        match p.value {
            Some(v) => {
                let cmd = if pen_down { 'L' } else { 'M' };
                let _ = write!(path, "{cmd}{:.1} {:.1} ", x_of(year), y_of(v));
                pen_down = true;
            }
            None => pen_down = false,
        }
    }
    if !path.is_empty() {
        let _ = write!(
            s,
            "<path d=\"{}\" fill=\"none\" stroke=\"{BLUE}\" stroke-width=\"2\"/>",
            path.trim_end()
        );
    }
    for (&year, p) in years.iter().zip(&panel.points) {
        if let Some(v) = p.value {
            let fill = if p.hollow { "#ffffff" } else { BLUE };
            let _ = write!(
                s,
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\" fill=\"{fill}\" stroke=\"{BLUE}\" stroke-width=\"2\"/>",
                x_of(year),
                y_of(v)
            );
        }
    }
    // The latest value written beside its point.
    if let Some((&year, p)) = years
        .iter()
        .zip(&panel.points)
        .rev()
        .find(|(_, p)| p.value.is_some())
    {
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"#0b0c0c\">{}</text>",
            x_of(year) + 8.0,
            y_of(p.value.unwrap_or(0.0)) + 4.0,
            esc(&p.text)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::chart::Point;

    fn point(value: Option<f64>, hollow: bool) -> Point {
        Point {
            value,
            text: value.map_or("–".into(), |v| format!("{:.0}%", v * 100.0)),
            hollow,
        }
    }

    #[test]
    fn a_line_breaks_at_a_year_without_a_value_and_hollow_points_have_a_key() {
        let chart = Lines {
            id: "c".into(),
            title: "Scores <by year>".into(),
            description: "A & B".into(),
            years: vec![2021, 2022, 2023, 2025],
            panels: vec![Panel {
                label: "Whole framework".into(),
                points: vec![
                    point(Some(0.5), false),
                    point(None, false),
                    point(Some(0.25), true),
                    point(Some(1.0), false),
                ],
            }],
            hollow_key: Some("Hollow: provisional".into()),
        };
        let svg = lines(&chart);
        assert!(
            svg.contains("<title id=\"c-t\">Scores &lt;by year&gt;</title>"),
            "{svg}"
        );
        assert!(svg.contains("<desc id=\"c-d\">A &amp; B</desc>"), "{svg}");
        // Below the 24 of the key and the label's 55: 100% at y 79, 0% at y 169. From x 40 to
        // 270, 2021 to 2025: 2021 at 40, 2023 at 155, 2025 at 270. Two pieces, the second
        // starting afresh after the year without a value.
        assert!(
            svg.contains("d=\"M40.0 124.0 M155.0 146.5 L270.0 79.0\""),
            "{svg}"
        );
        // One hollow point (2023) and the key's own hollow circle.
        assert_eq!(svg.matches("fill=\"#ffffff\"").count(), 2, "{svg}");
        assert!(svg.contains(">Hollow: provisional</text>"), "{svg}");
        assert!(svg.contains(">100%</text>"), "{svg}");
    }
}
