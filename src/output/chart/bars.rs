//! Horizontal bars with their values written beside them, in groups (for before and after).

use std::fmt::Write as _;

use super::{clip, esc};

/// One bar: a label, a value from 0 to 1 (or none), and the text written beside the bar.
#[derive(Clone, Debug)]
pub struct Bar {
    pub label: String,
    pub value: Option<f64>,
    pub text: String,
}

/// A group of bars under one heading (for before-and-after charts).
#[derive(Clone, Debug)]
pub struct Group {
    pub label: String,
    pub bars: Vec<Bar>,
}

const WIDTH: f64 = 640.0;
const LABEL_W: f64 = 250.0;
const VALUE_W: f64 = 110.0;
const BAR_H: f64 = 18.0;
const GAP: f64 = 8.0;

/// Bars in groups. `id` must be unique in the page; it links the title and description.
pub fn bars(id: &str, title: &str, description: &str, groups: &[Group]) -> String {
    let rows: usize = groups
        .iter()
        .map(|g| g.bars.len() + usize::from(!g.label.is_empty()))
        .sum();
    let height = 30.0 + rows as f64 * (BAR_H + GAP) + 24.0;
    let plot = WIDTH - LABEL_W - VALUE_W;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" \
         viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" style=\"max-width:{WIDTH}px\" font-size=\"13\">\
         <title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        esc(title),
        esc(description)
    );
    // Scale lines at 0, 25, 50, 75 and 100%.
    for i in 0..=4 {
        let x = LABEL_W + plot * f64::from(i) / 4.0;
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
            let _ = write!(
                s,
                "<text x=\"0\" y=\"{:.1}\" font-weight=\"bold\" fill=\"#0b0c0c\">{}</text>",
                y + 13.0,
                esc(&clip(&g.label, 40))
            );
            y += BAR_H + GAP;
        }
        for (i, b) in g.bars.iter().enumerate() {
            let _ = write!(
                s,
                "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"#0b0c0c\">{}</text>",
                if g.label.is_empty() { 0.0 } else { 12.0 },
                y + 13.0,
                esc(&clip(&b.label, 36))
            );
            // In groups over time, earlier bars are grey and the latest is blue; otherwise all blue.
            let fill = if !g.label.is_empty() && i + 1 < g.bars.len() {
                "#505a5f"
            } else {
                "#1d70b8"
            };
            match b.value {
                Some(v) => {
                    let w = (plot * v.clamp(0.0, 1.0)).max(1.0);
                    let _ = write!(
                        s,
                        "<rect x=\"{LABEL_W}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{BAR_H}\" fill=\"{fill}\"/>"
                    );
                }
                None => {
                    let _ = write!(
                        s,
                        "<rect x=\"{LABEL_W}\" y=\"{y:.1}\" width=\"{plot:.1}\" height=\"{BAR_H}\" fill=\"none\" stroke=\"#b1b4b6\" stroke-dasharray=\"4 3\"/>"
                    );
                }
            }
            let _ = write!(
                s,
                "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"#0b0c0c\">{}</text>",
                LABEL_W + plot + 8.0,
                y + 13.0,
                esc(&b.text)
            );
            y += BAR_H + GAP;
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
        assert!(!svg.contains("<script"));
        assert!(svg.contains(">50%</text>"));
        assert!(svg.contains("aria-labelledby=\"c1-t c1-d\""));
    }
}
