//! A heat map: a grid of cells, each shaded by its band and labelled with its value, so the
//! shade is never the only carrier of the figure.

use std::fmt::Write as _;

use super::{Sizing, clip, esc, open, text_width};
use crate::view::chart::Grid;

const FONT: f64 = 12.0;
const CELL_W: f64 = 62.0;
const CELL_H: f64 = 18.0;
/// The widest a heat map is drawn: printed, it shrinks to the text width of an A4 page (180 mm,
/// 680 pixels at 96 to the inch), its text to no less than four fifths of its size.
const MAX_W: f64 = 840.0;
/// At most this many rows run down a panel: a taller grid is drawn as several pictures, one
/// after the other, each short enough to print on one page of A4 at its own size.
const MAX_PANEL_ROWS: usize = 44;
/// Room between panels, and the fewest rows worth a panel of their own.
const PANEL_GAP: f64 = 24.0;
const PANEL_ROWS: usize = 12;
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
    // A grid of few columns is laid out in panels side by side, as many as fit `MAX_W`, the
    // rows running down the first panel and on into the next: a long, narrow grid would
    // otherwise take pages to print.
    let stride = label_w + CELL_W * grid.columns.len() as f64 + PANEL_GAP;
    let fit = ((MAX_W - right_w + PANEL_GAP) / stride).floor().max(1.0) as usize;
    let panels = fit.min(grid.rows.len().div_ceil(PANEL_ROWS)).max(1);
    let per_panel = grid.rows.len().div_ceil(panels).clamp(1, MAX_PANEL_ROWS);
    let layout = Layout {
        label_w,
        head_h,
        right_w,
        stride,
        panels,
        per_panel,
    };
    let per_picture = panels * per_panel;
    if grid.rows.len() <= per_picture {
        return picture(id, title, description, grid, &grid.rows, &layout);
    }
    let total = grid.rows.len();
    grid.rows
        .chunks(per_picture)
        .enumerate()
        .map(|(n, rows)| {
            let first = n * per_picture + 1;
            picture(
                &format!("{id}-{}", n + 1),
                &format!(
                    "{title} (rows {first} to {} of {total})",
                    first + rows.len() - 1
                ),
                description,
                grid,
                rows,
                &layout,
            )
        })
        .collect()
}

/// Where a heat map's parts go, the same in each of its pictures.
struct Layout {
    label_w: f64,
    head_h: f64,
    right_w: f64,
    stride: f64,
    panels: usize,
    per_panel: usize,
}

/// One picture of a heat map: `rows`, in `layout`'s panels.
fn picture(
    id: &str,
    title: &str,
    description: &str,
    grid: &Grid,
    rows: &[crate::view::chart::Row],
    layout: &Layout,
) -> String {
    let label = |s: &str| clip(s, LABEL_CHARS);
    let Layout {
        label_w,
        head_h,
        right_w,
        stride,
        ..
    } = *layout;
    let panels = rows
        .len()
        .div_ceil(layout.per_panel)
        .clamp(1, layout.panels);
    let per_panel = layout.per_panel;
    let width = (stride * panels as f64 - PANEL_GAP + right_w).ceil();
    let height = head_h + CELL_H * rows.len().min(per_panel) as f64 + 10.0;
    let mut s = open(id, (width, height), FONT, Sizing::Own, (title, description));
    for p in 0..panels {
        let left = stride * p as f64;
        for (i, heading) in grid.columns.iter().enumerate() {
            let x = left + label_w + CELL_W * i as f64 + CELL_W / 2.0;
            let _ = write!(
                s,
                "<text transform=\"translate({x:.1},{:.1}) rotate(-45)\" fill=\"#0b0c0c\">{}</text>",
                head_h - 6.0,
                esc(&label(heading))
            );
        }
    }
    for (r, row) in rows.iter().enumerate() {
        let left = stride * (r / per_panel) as f64;
        let y = head_h + CELL_H * (r % per_panel) as f64;
        let _ = write!(
            s,
            "<text x=\"{left:.1}\" y=\"{:.1}\" fill=\"#0b0c0c\">{}</text>",
            y + 13.0,
            esc(&label(&row.label))
        );
        for (c, cell) in row.cells.iter().enumerate() {
            let x = left + label_w + CELL_W * c as f64;
            let _ = write!(
                s,
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{CELL_W}\" height=\"{CELL_H}\" fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"2\"/>\
                 <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#0b0c0c\">{}</text>",
                shade(cell.band, grid.bands),
                x + CELL_W / 2.0,
                y + 13.0,
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

    #[test]
    fn a_long_narrow_grid_is_laid_out_in_panels_side_by_side() {
        let rows = |n: usize| -> Vec<Row> {
            (0..n)
                .map(|i| Row {
                    label: format!("HMP {i}"),
                    cells: vec![Cell {
                        band: Some(0),
                        text: format!("{i}%"),
                    }],
                })
                .collect()
        };
        let grid = |n| Grid {
            columns: vec!["Visits".into()],
            rows: rows(n),
            bands: 2,
        };
        // One column: labels 90 px (the least, 80, and 10), so a panel takes 90 + 62 + 24 =
        // 176 px, and "Visits" slants 6 × 7.2 × 0.707 ≈ 31 px to the right: three panels fit
        // in 680 px. 30 rows run 10 to a panel, HMP 10 at the top of the second.
        let svg = heatmap("h3", "t", "d", &grid(30));
        assert_eq!(svg.matches(">Visits</text>").count(), 3, "{svg}");
        let head_h = (text_width("Visits", FONT) * SLANT + 16.0).ceil();
        assert!(
            svg.contains(&format!(
                "<text x=\"176.0\" y=\"{:.1}\" fill=\"#0b0c0c\">HMP 10</text>",
                head_h + 13.0
            )),
            "{svg}"
        );
        // A short grid stays in one panel.
        let short = heatmap("h4", "t", "d", &grid(8));
        assert_eq!(short.matches(">Visits</text>").count(), 1);
    }
}
