//! Charts as data: what a picture shows (bars in groups, or a grid of shaded cells), with its
//! title and description for screen readers. A view model holds a `Chart`; the output stage
//! draws it (`output::svg`), and a template receives the drawing in its place.

/// A chart: `id` is unique in its page and links the title and description to the picture.
#[derive(Clone, Debug)]
pub struct Chart {
    pub id: String,
    pub title: String,
    pub description: String,
    pub figure: Figure,
}

/// What the chart draws.
#[derive(Clone, Debug)]
pub enum Figure {
    /// Horizontal bars with their values written beside them, in groups (for before and after).
    Bars(Vec<Group>),
    /// A grid of cells, each shaded by its band and labelled with its value.
    Heatmap(Grid),
    /// Bars cut into counted segments (grades per section).
    Stacked(Stacked),
    /// Box plots or dots on a scale from 0% to 100%, in blocks.
    Spread(Spread),
}

/// One bar: a label, a value from 0 to 1 (or none), and the text written beside the bar.
#[derive(Clone, Debug)]
pub struct Bar {
    pub label: String,
    pub value: Option<f64>,
    pub text: String,
}

/// A group of bars under one heading (for before-and-after charts); an empty label for none.
#[derive(Clone, Debug)]
pub struct Group {
    pub label: String,
    pub bars: Vec<Bar>,
}

/// A heat map's grid: column headings, rows, and how many bands the shades spread over.
#[derive(Clone, Debug)]
pub struct Grid {
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
    pub bands: usize,
}

/// A row of the grid: its label and a cell per column.
#[derive(Clone, Debug)]
pub struct Row {
    pub label: String,
    pub cells: Vec<Cell>,
}

/// A cell: its band, 0 for the lowest (none leaves it white), and the text written in it.
#[derive(Clone, Debug)]
pub struct Cell {
    pub band: Option<usize>,
    pub text: String,
}

/// Bars in groups.
pub fn bars(id: &str, title: &str, description: &str, groups: Vec<Group>) -> Chart {
    Chart {
        id: id.to_string(),
        title: title.to_string(),
        description: description.to_string(),
        figure: Figure::Bars(groups),
    }
}

/// A heat map of `grid`.
pub fn heatmap(id: &str, title: &str, description: &str, grid: Grid) -> Chart {
    Chart {
        id: id.to_string(),
        title: title.to_string(),
        description: description.to_string(),
        figure: Figure::Heatmap(grid),
    }
}

/// One bar per row, cut into segments that add up to the row's total: how many establishments
/// have each grade in a section. `keys` names the segments, in order (a legend).
#[derive(Clone, Debug)]
pub struct Stacked {
    pub keys: Vec<String>,
    pub rows: Vec<StackedRow>,
    /// The last key is outside the scale (such as "No grade"): drawn grey, not as a band.
    pub neutral_last: bool,
}

/// A stacked bar: its label and a count for each key.
#[derive(Clone, Debug)]
pub struct StackedRow {
    pub label: String,
    pub counts: Vec<usize>,
}

/// Rows under headings: a box plot (quartiles, median and range) or dots (one per figure,
/// with the median marked) on a scale from 0% to 100%.
#[derive(Clone, Debug)]
pub struct Spread {
    pub blocks: Vec<SpreadBlock>,
}

/// A heading (a section, or a measure) and its rows (the estate, then each group).
#[derive(Clone, Debug)]
pub struct SpreadBlock {
    pub label: String,
    pub rows: Vec<SpreadRow>,
}

/// A row: its label, what it draws, and the text written beside it.
#[derive(Clone, Debug)]
pub struct SpreadRow {
    pub label: String,
    pub marks: Marks,
    pub text: String,
}

/// What a row of a spread chart draws, each value from 0 to 1.
#[derive(Clone, Debug)]
pub enum Marks {
    /// Lowest, lower quartile, median, upper quartile, highest.
    Box([f64; 5]),
    /// Each figure as a dot, and the median as a line.
    Dots { values: Vec<f64>, median: f64 },
    /// Nothing to draw (no figures, or too few to compare): the text says why.
    None,
}

/// Stacked bars.
pub fn stacked(id: &str, title: &str, description: &str, stacked: Stacked) -> Chart {
    Chart {
        id: id.to_string(),
        title: title.to_string(),
        description: description.to_string(),
        figure: Figure::Stacked(stacked),
    }
}

/// A spread chart: box plots or dots.
pub fn spread(id: &str, title: &str, description: &str, spread: Spread) -> Chart {
    Chart {
        id: id.to_string(),
        title: title.to_string(),
        description: description.to_string(),
        figure: Figure::Spread(spread),
    }
}

/// Lines over the years, in small panels side by side, one line a panel (a framework, a section
/// or a measure), each drawn from 0 to 1. Years run along the bottom, spaced by the calendar, so
/// a year without a self-assessment shows as a gap; a hollow point marks a year to read with
/// care (a provisional score), and the key says why.
#[derive(Clone, Debug)]
pub struct Lines {
    pub id: String,
    pub title: String,
    pub description: String,
    /// The years with a self-assessment, oldest first: each panel has a point for each.
    pub years: Vec<i32>,
    pub panels: Vec<Panel>,
    /// What a hollow point means, as the key says it; none when no point is hollow.
    pub hollow_key: Option<String>,
}

/// One line: its label and a point for each year of the chart.
#[derive(Clone, Debug)]
pub struct Panel {
    pub label: String,
    pub points: Vec<Point>,
}

/// A year's value from 0 to 1 (none leaves a break in the line), its text, and whether it is
/// drawn hollow.
#[derive(Clone, Debug)]
pub struct Point {
    pub value: Option<f64>,
    pub text: String,
    pub hollow: bool,
}
