//! Stacked bars: one bar per row, cut into segments that add up to its total, each segment
//! shaded by its key and its count written in it where it fits, with a legend above. The same
//! counts are in the table that follows the chart.

use std::fmt::Write as _;

use super::heatmap::shade;
use super::{Sizing, esc, open, text_lines, text_width, wrap};
use crate::view::chart::Stacked;

const FONT: f64 = 12.0;
const PLOT_W: f64 = 320.0;
const BAR_H: f64 = 18.0;
const GAP: f64 = 6.0;
const LINE_H: f64 = 14.0;
const LABEL_CHARS: usize = 34;
const PAD: f64 = 10.0;
const SWATCH: f64 = 12.0;

pub fn stacked(id: &str, title: &str, description: &str, chart: &Stacked) -> String {
    let label_w = chart
        .rows
        .iter()
        .flat_map(|r| wrap(&r.label, LABEL_CHARS, 2))
        .map(|l| text_width(&l, FONT))
        .fold(60.0, f64::max)
        + PAD;
    let width = (label_w + PLOT_W + 50.0).ceil();
    // The legend: a swatch and its key, as many to a line as fit the chart's width.
    let mut legend: Vec<(f64, f64, usize)> = Vec::new();
    let (mut x, mut y) = (0.0, 4.0);
    for (i, key) in chart.keys.iter().enumerate() {
        let w = SWATCH + 4.0 + text_width(key, FONT) + 14.0;
        if x > 0.0 && x + w > width {
            x = 0.0;
            y += LINE_H + 4.0;
        }
        legend.push((x, y, i));
        x += w;
    }
    let top = y + LINE_H + 10.0;
    let row_h = |label: &str| BAR_H.max(wrap(label, LABEL_CHARS, 2).len() as f64 * LINE_H) + GAP;
    let height = (top + chart.rows.iter().map(|r| row_h(&r.label)).sum::<f64>() + 4.0).ceil();
    let mut s = open(id, (width, height), FONT, Sizing::Own, (title, description));
    let bands = chart.keys.len() - usize::from(chart.neutral_last);
    let fill = |i: usize| {
        if i < bands {
            shade(Some(i), bands)
        } else {
            "#e0e0e0"
        }
    };
    for (x, y, i) in &legend {
        let _ = write!(
            s,
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{SWATCH}\" height=\"{SWATCH}\" fill=\"{}\" stroke=\"#505a5f\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" fill=\"#0b0c0c\">{}</text>",
            fill(*i),
            x + SWATCH + 4.0,
            y + 10.5,
            esc(&chart.keys[*i])
        );
    }
    let mut y = top;
    for row in &chart.rows {
        text_lines(
            &mut s,
            "fill=\"#0b0c0c\"",
            &wrap(&row.label, LABEL_CHARS, 2),
            "0",
            y + 13.0,
            LINE_H,
        );
        let total: usize = row.counts.iter().sum();
        let mut x = label_w;
        for (i, n) in row.counts.iter().enumerate() {
            if *n == 0 || total == 0 {
                continue;
            }
            let w = PLOT_W * *n as f64 / total as f64;
            let _ = write!(
                s,
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{BAR_H}\" fill=\"{}\" stroke=\"#ffffff\"/>",
                fill(i)
            );
            let text = n.to_string();
            if text_width(&text, FONT) + 4.0 <= w {
                let _ = write!(
                    s,
                    "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#0b0c0c\">{text}</text>",
                    x + w / 2.0,
                    y + 13.0
                );
            }
            x += w;
        }
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"#484949\">{total}</text>",
            label_w + PLOT_W + 6.0,
            y + 13.0
        );
        y += row_h(&row.label);
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::chart::StackedRow;

    #[test]
    fn segments_add_up_to_the_bar_and_carry_their_counts() {
        let svg = stacked(
            "g1",
            "Grades <by> section",
            "desc",
            &Stacked {
                keys: vec!["Low".into(), "High".into()],
                rows: vec![StackedRow {
                    label: "Visits & calls".into(),
                    counts: vec![1, 3],
                }],
                neutral_last: false,
            },
        );
        assert!(svg.contains("Grades &lt;by&gt; section"), "{svg}");
        assert!(svg.contains(">Visits &amp; calls</tspan>"), "{svg}");
        // 1 of 4 takes a quarter of the 320 px, 3 of 4 the rest; each count is written.
        assert!(svg.contains("width=\"80.0\""), "{svg}");
        assert!(svg.contains("width=\"240.0\""), "{svg}");
        assert!(
            svg.contains(">1</text>") && svg.contains(">3</text>"),
            "{svg}"
        );
        // The total beside the bar, and the legend's keys.
        assert!(
            svg.contains(">4</text>") && svg.contains(">High</text>"),
            "{svg}"
        );
    }
}
