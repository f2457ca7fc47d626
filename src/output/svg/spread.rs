//! Spread on a scale from 0% to 100%, in blocks under headings: a box plot (the range as a
//! line, the quartiles as a box, the median as a bar across it) or one dot per figure with the
//! median marked. The figures are written beside each row, and are in the table that follows.

use std::fmt::Write as _;

use super::{Sizing, esc, open, text_lines, text_width, wrap};
use crate::view::chart::{Marks, Spread};

const FONT: f64 = 12.0;
const PLOT_W: f64 = 300.0;
const ROW_H: f64 = 18.0;
const LINE_H: f64 = 14.0;
const HEAD_CHARS: usize = 70;
const PAD: f64 = 10.0;
const INK: &str = "#0b0c0c";
const BLUE: &str = "#1d70b8";
/// A chart taller than this is drawn as several pictures, each of whole blocks: printed, a
/// page may then fall between them, and none leaves half a page empty by moving whole to the
/// next.
const MAX_H: f64 = 480.0;

pub fn spread(id: &str, title: &str, description: &str, chart: &Spread) -> String {
    let rows = chart.blocks.iter().flat_map(|b| &b.rows);
    let label_w = rows
        .clone()
        .map(|r| text_width(&r.label, FONT))
        .fold(60.0, f64::max)
        + 12.0
        + PAD;
    let value_w = rows.map(|r| text_width(&r.text, FONT)).fold(40.0, f64::max) + PAD;
    let head_h = |label: &str| wrap(label, HEAD_CHARS, 3).len() as f64 * LINE_H + 4.0;
    let heading_w = chart
        .blocks
        .iter()
        .flat_map(|b| wrap(&b.label, HEAD_CHARS, 3))
        .map(|l| text_width(&l, FONT))
        .fold(0.0, f64::max);
    let width = (label_w + PLOT_W + value_w).max(heading_w).ceil();
    let block_h =
        |b: &crate::view::chart::SpreadBlock| head_h(&b.label) + b.rows.len() as f64 * ROW_H + 6.0;
    // Whole blocks to a picture, as many as fit `MAX_H`.
    let mut parts: Vec<&[crate::view::chart::SpreadBlock]> = Vec::new();
    let (mut start, mut h) = (0, 24.0);
    for (i, b) in chart.blocks.iter().enumerate() {
        if i > start && h + block_h(b) > MAX_H {
            parts.push(&chart.blocks[start..i]);
            (start, h) = (i, 24.0);
        }
        h += block_h(b);
    }
    parts.push(&chart.blocks[start..]);
    if parts.len() == 1 {
        return picture(id, title, description, parts[0], label_w, width);
    }
    let n = parts.len();
    parts
        .iter()
        .enumerate()
        .map(|(i, blocks)| {
            picture(
                &format!("{id}-{}", i + 1),
                &format!("{title} (part {} of {n})", i + 1),
                description,
                blocks,
                label_w,
                width,
            )
        })
        .collect()
}

/// One picture of a spread chart: `blocks`, with the columns' widths of the whole chart.
fn picture(
    id: &str,
    title: &str,
    description: &str,
    blocks: &[crate::view::chart::SpreadBlock],
    label_w: f64,
    width: f64,
) -> String {
    let head_h = |label: &str| wrap(label, HEAD_CHARS, 3).len() as f64 * LINE_H + 4.0;
    let body: f64 = blocks
        .iter()
        .map(|b| head_h(&b.label) + b.rows.len() as f64 * ROW_H + 6.0)
        .sum();
    let height = (24.0 + body).ceil();
    let x_of = |v: f64| label_w + PLOT_W * v.clamp(0.0, 1.0);
    let mut s = open(id, (width, height), FONT, Sizing::Own, (title, description));
    for i in 0..=4 {
        let x = x_of(f64::from(i) / 4.0);
        let _ = write!(
            s,
            "<line x1=\"{x:.1}\" y1=\"20\" x2=\"{x:.1}\" y2=\"{height}\" stroke=\"#dddddd\"/>\
             <text x=\"{x:.1}\" y=\"13\" text-anchor=\"middle\" fill=\"#484949\">{}%</text>",
            i * 25
        );
    }
    let mut y = 24.0;
    for block in blocks {
        text_lines(
            &mut s,
            &format!("font-weight=\"bold\" fill=\"{INK}\""),
            &wrap(&block.label, HEAD_CHARS, 3),
            "0",
            y + 11.0,
            LINE_H,
        );
        y += head_h(&block.label);
        for row in &block.rows {
            let mid = y + ROW_H / 2.0;
            let _ = write!(
                s,
                "<text x=\"12\" y=\"{:.1}\" fill=\"{INK}\">{}</text>",
                mid + 4.0,
                esc(&row.label)
            );
            match &row.marks {
                Marks::Box([lo, q1, med, q3, hi]) => {
                    let _ = write!(
                        s,
                        "<line x1=\"{:.1}\" y1=\"{mid:.1}\" x2=\"{:.1}\" y2=\"{mid:.1}\" stroke=\"{INK}\"/>\
                         <line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{INK}\"/>\
                         <line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{INK}\"/>\
                         <rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#c6dbef\" stroke=\"{BLUE}\"/>\
                         <line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{INK}\" stroke-width=\"3\"/>",
                        x_of(*lo),
                        x_of(*hi),
                        x_of(*lo),
                        mid - 4.0,
                        x_of(*lo),
                        mid + 4.0,
                        x_of(*hi),
                        mid - 4.0,
                        x_of(*hi),
                        mid + 4.0,
                        x_of(*q1),
                        mid - 6.0,
                        (x_of(*q3) - x_of(*q1)).max(1.0),
                        12.0,
                        x_of(*med),
                        mid - 7.0,
                        x_of(*med),
                        mid + 7.0
                    );
                }
                Marks::Dots { values, median } => {
                    // Dots in three lanes, in turn, so that equal figures do not hide each other.
                    for (n, v) in values.iter().enumerate() {
                        let lane = (n % 3) as f64 - 1.0;
                        let _ = write!(
                            s,
                            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"2.5\" fill=\"{BLUE}\" fill-opacity=\"0.7\"/>",
                            x_of(*v),
                            mid + lane * 4.0
                        );
                    }
                    let _ = write!(
                        s,
                        "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{INK}\" stroke-width=\"2.5\"/>",
                        x_of(*median),
                        mid - 8.0,
                        x_of(*median),
                        mid + 8.0
                    );
                }
                Marks::None => {}
            }
            let _ = write!(
                s,
                "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"{INK}\">{}</text>",
                label_w + PLOT_W + 8.0,
                mid + 4.0,
                esc(&row.text)
            );
            y += ROW_H;
        }
        y += 6.0;
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::chart::{SpreadBlock, SpreadRow};

    #[test]
    fn a_box_shows_the_range_and_quartiles_and_dots_each_figure() {
        let chart = Spread {
            blocks: vec![SpreadBlock {
                label: "Visits <and> calls".into(),
                rows: vec![
                    SpreadRow {
                        label: "All".into(),
                        marks: Marks::Box([0.0, 0.25, 0.5, 0.75, 1.0]),
                        text: "50% (0%–100%)".into(),
                    },
                    SpreadRow {
                        label: "open".into(),
                        marks: Marks::Dots {
                            values: vec![0.2, 0.4, 0.9],
                            median: 0.4,
                        },
                        text: "40%".into(),
                    },
                    SpreadRow {
                        label: "local".into(),
                        marks: Marks::None,
                        text: "too few to compare".into(),
                    },
                ],
            }],
        };
        let svg = spread("s1", "t", "d", &chart);
        assert!(svg.contains(">Visits &lt;and&gt; calls</tspan>"), "{svg}");
        // The range runs from 0% to 100% of the plot; the box from a quarter to three
        // quarters (75 px to 225 px of 300 past the labels).
        let label_w = 60.0_f64.max(text_width("local", FONT)) + 12.0 + PAD;
        let x = |v: f64| format!("{:.1}", label_w + PLOT_W * v);
        assert!(svg.contains(&format!("x1=\"{}\" y1", x(0.0))), "{svg}");
        assert!(svg.contains(&format!("x2=\"{}\" y2", x(1.0))), "{svg}");
        assert!(svg.contains(&format!("<rect x=\"{}\"", x(0.25))), "{svg}");
        assert!(svg.contains("width=\"150.0\""), "{svg}");
        // One dot per figure.
        assert_eq!(svg.matches("<circle").count(), 3);
        assert!(svg.contains(">too few to compare</text>"), "{svg}");
    }
}
