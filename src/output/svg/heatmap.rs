//! A heat map: a grid of cells, each shaded by its band and labelled with its value, so the
//! shade is never the only carrier of the figure.

use std::fmt::Write as _;

use super::{clip, esc, text_width};
use crate::view::chart::Grid;

const FONT: f64 = 12.0;
const CELL_W: f64 = 62.0;
const CELL_H: f64 = 24.0;
/// Row labels and column headings longer than this are cut with an ellipsis.
const LABEL_CHARS: usize = 40;
/// Column headings slant at 45 degrees: a heading of length l takes l × sin 45° up and across.
const SLANT: f64 = std::f64::consts::FRAC_1_SQRT_2;

/// Shades for bands, lowest first; dark text stays readable on every one.
const SHADES: [&str; 6] = [
    "#f4cccc", "#fbe3c4", "#fff2b3", "#d9ead3", "#b6dcb0", "#93c98a",
];

/// The shade of band `band` of `bands`: the lowest and highest bands take the ends of the
/// shades, those between are spread evenly; a single band takes a middle green.
pub(super) fn shade(band: Option<usize>, bands: usize) -> &'static str {
    match band {
        None => "#ffffff",
        Some(_) if bands <= 1 => SHADES[3],
        Some(b) => {
            let idx = (b * (SHADES.len() - 1)) / (bands - 1);
            SHADES[idx.min(SHADES.len() - 1)]
        }
    }
}

/// The grid as a heat map. `id` must be unique in the page; it links the title and description.
/// The room for row labels and slanted headings follows their longest text, so none is cut
/// by the chart's edge.
pub fn heatmap(id: &str, title: &str, description: &str, grid: &Grid) -> String {
    let label = |s: &str| clip(s, LABEL_CHARS);
    let label_w = grid
        .rows
        .iter()
        .map(|r| text_width(&label(&r.label), FONT))
        .fold(80.0, f64::max)
        + 10.0;
    let heading_len = grid
        .columns
        .iter()
        .map(|c| text_width(&label(c), FONT))
        .fold(0.0, f64::max);
    let head_h = (heading_len * SLANT + 16.0).ceil();
    // The last heading slants to the right of its column.
    let right_w = (heading_len * SLANT).ceil();
    let width = (label_w + CELL_W * grid.columns.len() as f64 + right_w).ceil();
    let height = head_h + CELL_H * grid.rows.len() as f64 + 10.0;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" viewBox=\"0 0 {width} {height}\" width=\"100%\" style=\"max-width:{width}px\" font-size=\"{FONT}\">\
         <title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        esc(title),
        esc(description)
    );
    for (i, heading) in grid.columns.iter().enumerate() {
        let x = label_w + CELL_W * i as f64 + CELL_W / 2.0;
        let _ = write!(
            s,
            "<text transform=\"translate({x:.1},{:.1}) rotate(-45)\" fill=\"#0b0c0c\">{}</text>",
            head_h - 6.0,
            esc(&label(heading))
        );
    }
    for (r, row) in grid.rows.iter().enumerate() {
        let y = head_h + CELL_H * r as f64;
        let _ = write!(
            s,
            "<text x=\"0\" y=\"{:.1}\" fill=\"#0b0c0c\">{}</text>",
            y + 16.0,
            esc(&label(&row.label))
        );
        for (c, cell) in row.cells.iter().enumerate() {
            let x = label_w + CELL_W * c as f64;
            let _ = write!(
                s,
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{CELL_W}\" height=\"{CELL_H}\" fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"2\"/>\
                 <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#0b0c0c\">{}</text>",
                shade(cell.band, grid.bands),
                x + CELL_W / 2.0,
                y + 16.0,
                esc(&cell.text)
            );
        }
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::chart::{Cell, Row};

    #[test]
    fn shades_spread_over_the_bands() {
        // Three bands over six shades: 0 → 0, 1 → 1 × 5 / 2 = 2, 2 → 2 × 5 / 2 = 5.
        assert_eq!(shade(Some(0), 3), SHADES[0]);
        assert_eq!(shade(Some(1), 3), SHADES[2]);
        assert_eq!(shade(Some(2), 3), SHADES[5]);
        assert_eq!(shade(Some(0), 1), SHADES[3]);
        assert_eq!(shade(None, 3), "#ffffff");
    }

    #[test]
    fn cells_carry_their_text_and_labels_are_clipped() {
        let grid = Grid {
            columns: vec!["A heading far too long to fit in any chart at all".into()],
            rows: vec![Row {
                label: "HMP <Example's>".into(),
                cells: vec![Cell {
                    band: Some(1),
                    text: "62%*".into(),
                }],
            }],
            bands: 2,
        };
        let svg = heatmap("h1", "Farmer's \"offer\" & more", "A grid.", &grid);
        assert!(svg.contains("aria-labelledby=\"h1-t h1-d\""));
        // 40 characters at most: 39 and an ellipsis.
        assert!(
            svg.contains(">A heading far too long to fit in any ch…</text>"),
            "{svg}"
        );
        // A heading that fits is never cut: 38 characters are kept whole.
        let fits = Grid {
            columns: vec!["Performance and management information".into()],
            rows: Vec::new(),
            bands: 2,
        };
        assert!(
            heatmap("h2", "t", "d", &fits)
                .contains(">Performance and management information</text>")
        );
        // Every text escaped as the other charts escape it, the apostrophe too.
        assert!(
            svg.contains(">Farmer&#39;s &quot;offer&quot; &amp; more</title>"),
            "{svg}"
        );
        assert!(svg.contains(">HMP &lt;Example&#39;s&gt;</text>"));
        assert!(svg.contains(&format!("fill=\"{}\"", SHADES[5])));
        assert!(svg.contains(">62%*</text>"));
    }
}
