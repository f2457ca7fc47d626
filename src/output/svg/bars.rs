//! Horizontal bars with their values written beside them, in groups (for before and after).

use std::fmt::Write as _;

use super::{Sizing, esc, open, text_lines, text_width, wrap};
use crate::view::chart::{Bar, Group};

const FONT: f64 = 13.0;
/// The bars' own room, from 0% to 100%.
const PLOT_W: f64 = 280.0;
const BAR_H: f64 = 18.0;
const GAP: f64 = 8.0;
/// A label longer than this many characters goes on to a second line.
const LABEL_CHARS: usize = 36;
const LINE_H: f64 = 15.0;
/// A group's heading longer than this goes on to a second line (and a third), never cut.
const GROUP_CHARS: usize = 48;
/// Room between the labels and the bars, and after the values.
const PAD: f64 = 10.0;

/// The height of a group's heading: none, or its lines.
fn group_head(g: &Group) -> f64 {
    if g.label.is_empty() {
        0.0
    } else {
        let lines = wrap(&g.label, GROUP_CHARS, 3).len() as f64;
        BAR_H.max(lines * LINE_H) + GAP
    }
}

/// Bars in groups. `id` must be unique in the page; it links the title and description. The
/// columns for labels and values are as wide as their longest text, and a long label goes on
/// to a second line, so nothing is cut by the chart's edge.
pub fn bars(id: &str, title: &str, description: &str, groups: &[Group]) -> String {
    let indent = |g: &Group| if g.label.is_empty() { 0.0 } else { 12.0 };
    let mut label_w: f64 = 60.0;
    let mut value_w: f64 = 40.0;
    for g in groups {
        for b in &g.bars {
            for line in wrap(&b.label, LABEL_CHARS, 2) {
                label_w = label_w.max(indent(g) + text_width(&line, FONT));
            }
            value_w = value_w.max(text_width(&b.text, FONT));
        }
    }
    label_w += PAD;
    value_w += PAD;
    let row_h = |b: &Bar| {
        let lines = wrap(&b.label, LABEL_CHARS, 2).len() as f64;
        BAR_H.max(lines * LINE_H) + GAP
    };
    let rows_h: f64 = groups
        .iter()
        .map(|g| {
            let head = group_head(g);
            head + g.bars.iter().map(row_h).sum::<f64>()
        })
        .sum();
    // A group's heading sits above its bars, across the chart: the chart is at least as wide.
    let heading_w = groups
        .iter()
        .flat_map(|g| wrap(&g.label, GROUP_CHARS, 3))
        .map(|line| text_width(&line, FONT))
        .fold(0.0, f64::max);
    let width = (label_w + PLOT_W + value_w).max(heading_w).ceil();
    let height = 30.0 + rows_h + 24.0;
    let mut s = open(
        id,
        (width, height),
        FONT,
        Sizing::Fill,
        (title, description),
    );
    // Scale lines at 0, 25, 50, 75 and 100%.
    for i in 0..=4 {
        let x = label_w + PLOT_W * f64::from(i) / 4.0;
        let _ = write!(
            s,
            "<line x1=\"{x:.1}\" y1=\"22\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#b1b4b6\" stroke-width=\"1\"/>\
             <text x=\"{x:.1}\" y=\"15\" text-anchor=\"middle\" fill=\"#484949\">{}%</text>",
            height - 20.0,
            i * 25
        );
    }
    let mut y = 30.0;
    for g in groups {
        if !g.label.is_empty() {
            text_lines(
                &mut s,
                "font-weight=\"bold\" fill=\"#0b0c0c\"",
                &wrap(&g.label, GROUP_CHARS, 3),
                "0",
                y + 13.0,
                LINE_H,
            );
            y += group_head(g);
        }
        for (i, b) in g.bars.iter().enumerate() {
            let lines = wrap(&b.label, LABEL_CHARS, 2);
            text_lines(
                &mut s,
                "fill=\"#0b0c0c\"",
                &lines,
                &format!("{:.1}", indent(g)),
                y + 13.0,
                LINE_H,
            );
            // In groups over time, earlier bars are grey and the latest is blue; otherwise all blue.
            let fill = if !g.label.is_empty() && i + 1 < g.bars.len() {
                "#505a5f"
            } else {
                "#1d70b8"
            };
            match b.value {
                Some(v) => {
                    let w = (PLOT_W * v.clamp(0.0, 1.0)).max(1.0);
                    let _ = write!(
                        s,
                        "<rect x=\"{label_w:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{BAR_H}\" fill=\"{fill}\"/>"
                    );
                }
                None => {
                    let _ = write!(
                        s,
                        "<rect x=\"{label_w:.1}\" y=\"{y:.1}\" width=\"{PLOT_W:.1}\" height=\"{BAR_H}\" fill=\"none\" stroke=\"#b1b4b6\" stroke-dasharray=\"4 3\"/>"
                    );
                }
            }
            let _ = write!(
                s,
                "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"#0b0c0c\">{}</text>",
                label_w + PLOT_W + 8.0,
                y + 13.0,
                esc(&b.text)
            );
            y += row_h(b);
        }
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_escape_labels_and_carry_text_values() {
        let svg = bars(
            "c1",
            "Scores <by> section",
            "desc",
            &[Group {
                label: String::new(),
                bars: vec![Bar {
                    label: "<script>".into(),
                    value: Some(0.5),
                    text: "50%".into(),
                }],
            }],
        );
        assert!(svg.contains("&lt;script&gt;"));
        // A label is never cut while it fits on two lines; the columns are as wide as their
        // texts: "100% (100%–100%)" is 16 characters, 16 × 13 × 0.6 = 124.8 px, plus 10.
        let long = bars(
            "c2",
            "t",
            "d",
            &[Group {
                label: String::new(),
                bars: vec![Bar {
                    label: "Performance and management information".into(),
                    value: Some(1.0),
                    text: "100% (100%–100%)".into(),
                }],
            }],
        );
        assert!(
            long.contains(">Performance and management</tspan>"),
            "{long}"
        );
        assert!(long.contains(">information</tspan>"), "{long}");
        assert!(!long.contains('…'));
        // Label: "Performance and management" is 26 characters, 202.8 px, plus 10 = 212.8;
        // the width is 212.8 + 280 + 134.8 = 627.6, rounded up.
        assert!(long.contains("viewBox=\"0 0 628 "), "{long}");
        assert!(!svg.contains("<script"));
        assert!(svg.contains(">50%</text>"));
        assert!(svg.contains(">&lt;script&gt;</tspan>"));
        assert!(svg.contains("aria-labelledby=\"c1-t c1-d\""));
        // A group's heading is never cut: a long framework title goes on to more lines.
        let grouped = bars(
            "c3",
            "t",
            "d",
            &[Group {
                label: "HMIP Expectations: children and families (men's prisons, version 5)".into(),
                bars: vec![Bar {
                    label: "2025".into(),
                    value: Some(0.5),
                    text: "50%".into(),
                }],
            }],
        );
        assert!(!grouped.contains('…'), "{grouped}");
        assert!(
            grouped.contains(">prisons, version 5)</tspan>"),
            "{grouped}"
        );
    }
}
