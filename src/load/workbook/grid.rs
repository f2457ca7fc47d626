//! A sheet's cells, read one by one from the workbook (never as one dense block, which a single
//! cell far down and to the right would make enormous), keeping only the columns `ties` reads.

use std::collections::BTreeMap;
use std::ops::Deref;
use std::sync::Arc;

use calamine::{DataRef, XlsxError};
use chrono::NaiveDate;

use super::cells::preview;
use super::layout::{self, SheetKind};
use super::open::Workbook;
use super::quick::Table;
use crate::diag::source::{Cells, Pos};

/// The most cells `ties` keeps from one workbook: a self-assessment has a few thousand.
pub const MAX_CELLS: usize = 200_000;

/// A cell's text: its own, or one of the workbook's shared texts written plain, kept as its
/// place in the table of shared texts. Most of a workbook's texts are shared and written plain,
/// so reading them copies nothing. It reads as the text, whichever it is.
#[derive(Clone)]
pub struct Text(Held);

#[derive(Clone)]
enum Held {
    Own(String),
    Shared {
        table: Arc<Table>,
        start: u32,
        end: u32,
    },
}

impl Text {
    /// The text at `start..end` of `table`, if that is one.
    pub(super) fn shared(table: &Arc<Table>, start: usize, end: usize) -> Option<Text> {
        table.get(start..end)?;
        Some(Text(Held::Shared {
            table: Arc::clone(table),
            start: u32::try_from(start).ok()?,
            end: u32::try_from(end).ok()?,
        }))
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        match &self.0 {
            Held::Own(s) => s,
            Held::Shared { table, start, end } => &table[*start as usize..*end as usize],
        }
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text(Held::Own(s))
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        **self == **other
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

/// `t` without white space around it, as `str::trim` makes it: `t` itself, at once, where it
/// starts and ends with a visible ASCII character, as most texts do.
pub fn trimmed(t: &str) -> &str {
    match (t.as_bytes().first(), t.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => t,
        _ => t.trim(),
    }
}

/// A cell's value, as the workbook holds it.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(Text),
    Number(f64),
    Bool(bool),
    Date(NaiveDate),
    /// An error a formula shows, such as `#REF!`.
    Error(String),
}

impl Cell {
    /// The cell a value of the general reader's makes; none for an empty one.
    pub(super) fn from(value: &DataRef<'_>) -> Option<Cell> {
        Some(match value {
            DataRef::Empty => return None,
            DataRef::Int(i) => Cell::Number(*i as f64),
            DataRef::Float(f) => Cell::Number(*f),
            DataRef::String(s) => Cell::Text(s.clone().into()),
            DataRef::SharedString(s) => Cell::Text(s.to_string().into()),
            DataRef::Bool(b) => Cell::Bool(*b),
            DataRef::DateTime(d) if d.is_datetime() => match d.as_datetime() {
                Some(dt) => Cell::Date(dt.date()),
                None => Cell::Number(d.as_f64()),
            },
            DataRef::DateTime(d) => Cell::Number(d.as_f64()),
            DataRef::DateTimeIso(s) => {
                match NaiveDate::parse_from_str(s.get(..10).unwrap_or(""), "%Y-%m-%d") {
                    Ok(d) => Cell::Date(d),
                    Err(_) => Cell::Text(s.clone().into()),
                }
            }
            DataRef::DurationIso(s) => Cell::Text(s.clone().into()),
            DataRef::Error(e) => Cell::Error(e.to_string()),
        })
    }

    /// The cell's text as a person sees it, for showing under a problem.
    pub fn shown(&self) -> String {
        match self {
            Cell::Text(s) => s.to_string(),
            Cell::Number(n) => number_text(*n),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            Cell::Date(d) => d.format("%d/%m/%Y").to_string(),
            Cell::Error(e) => e.clone(),
        }
    }
}

/// A number as a spreadsheet shows it: `412`, `0.45`.
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{n:.0}")
    } else {
        format!("{n}")
    }
}

/// A sheet's cells that were kept, row by row in the order of the rows, each row's cells in the
/// order of their columns. Spreadsheet programs write a sheet's cells in that order, so each
/// cell read is put at the end; one written out of order is put in its place, and a cell written
/// twice keeps the value written last.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rows(Vec<(u32, Row)>);

/// A row's cells that were kept, in the order of their columns.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Row(Vec<(u32, Cell)>);

impl Rows {
    /// Row `row`, if a cell of it was kept.
    pub fn get(&self, row: &u32) -> Option<&Row> {
        let at = self.index_of(*row, usize::MAX)?;
        Some(&self.0[at].1)
    }

    /// Where row `row` is among the rows, looked for first at `guess`.
    fn index_of(&self, row: u32, guess: usize) -> Option<usize> {
        match self.0.get(guess) {
            Some((r, _)) if *r == row => Some(guess),
            _ => self.0.binary_search_by_key(&row, |(r, _)| *r).ok(),
        }
    }

    /// The rows, in order.
    pub fn keys(&self) -> impl Iterator<Item = &u32> {
        self.0.iter().map(|(r, _)| r)
    }

    /// The rows from `from.start` on, in order.
    pub fn range(&self, from: std::ops::RangeFrom<u32>) -> impl Iterator<Item = (&u32, &Row)> {
        let start = self.0.partition_point(|(r, _)| *r < from.start);
        self.0[start..].iter().map(|(r, cells)| (r, cells))
    }

    /// Every row, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&u32, &Row)> {
        self.range(0..)
    }

    /// Keeps `cell` at `row` and `col`, in place of a cell kept there before; a new row makes
    /// room for `width` cells.
    fn insert(&mut self, row: u32, col: u32, cell: Cell, width: usize) {
        let at = match self.0.last() {
            Some((last, _)) if *last == row => self.0.len() - 1,
            Some((last, _)) if *last > row => {
                match self.0.binary_search_by_key(&row, |(r, _)| *r) {
                    Ok(at) => at,
                    Err(at) => {
                        self.0.insert(at, (row, Row(Vec::with_capacity(width))));
                        at
                    }
                }
            }
            _ => {
                self.0.push((row, Row(Vec::with_capacity(width))));
                self.0.len() - 1
            }
        };
        self.0[at].1.insert(col, cell);
    }
}

impl Row {
    /// The cell of column `col`, if one was kept.
    pub fn get(&self, col: &u32) -> Option<&Cell> {
        let at = self.0.binary_search_by_key(col, |(c, _)| *c).ok()?;
        Some(&self.0[at].1)
    }

    /// The row's cells, in the order of their columns.
    pub fn iter(&self) -> impl Iterator<Item = (&u32, &Cell)> {
        self.0.iter().map(|(c, cell)| (c, cell))
    }

    fn insert(&mut self, col: u32, cell: Cell) {
        match self.0.last() {
            Some((last, _)) if *last < col => self.0.push((col, cell)),
            None => self.0.push((col, cell)),
            _ => match self.0.binary_search_by_key(&col, |(c, _)| *c) {
                Ok(at) => self.0[at].1 = cell,
                Err(at) => self.0.insert(at, (col, cell)),
            },
        }
    }
}

impl<'a> IntoIterator for &'a Row {
    type Item = (&'a u32, &'a Cell);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (u32, Cell)>,
        fn(&'a (u32, Cell)) -> (&'a u32, &'a Cell),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(c, cell)| (c, cell))
    }
}

/// One sheet: what it is, its columns by key, and its cells by row and column (0-based).
#[derive(Debug)]
pub struct Grid {
    /// The sheet's place in the workbook, counted from 1.
    pub sheet: u32,
    pub kind: SheetKind,
    /// In the order of the columns: a dozen or so, found quicker by reading the list than by a
    /// table of them.
    columns: Vec<(String, u32)>,
    /// Keys found more than once in the row of keys: the key, its first column and each other.
    pub duplicates: Vec<(String, u32, u32)>,
    /// Whether the Restricted column is certain (`structure::restricted_is_certain`); until
    /// that is known, it is not.
    pub restricted_certain: bool,
    pub rows: Rows,
    /// The rows of headings (`header_rows`), found when first asked for, once the sheet is read.
    headings: std::sync::OnceLock<Vec<u32>>,
    /// Where in `rows` the row last asked for by `get` was: the rows are most often read one
    /// after another, each asked for several times.
    last_row: std::sync::atomic::AtomicUsize,
}

impl Grid {
    /// What was read of the sheet, to compare two readers' (in debug builds).
    #[cfg(debug_assertions)]
    #[allow(clippy::type_complexity)]
    pub fn contents(
        &self,
    ) -> (
        u32,
        SheetKind,
        &[(String, u32)],
        &[(String, u32, u32)],
        &Rows,
    ) {
        (
            self.sheet,
            self.kind,
            &self.columns,
            &self.duplicates,
            &self.rows,
        )
    }

    /// The 0-based column of a key.
    pub fn column(&self, key: &str) -> Option<u32> {
        // Most keys differ from another in their length or their first letter, compared
        // before the whole key.
        let first = key.as_bytes().first();
        self.columns
            .iter()
            .find(|(k, _)| k.len() == key.len() && k.as_bytes().first() == first && k == key)
            .map(|(_, c)| *c)
    }

    pub fn get(&self, row: u32, key: &str) -> Option<&Cell> {
        use std::sync::atomic::Ordering::Relaxed;
        let col = self.column(key)?;
        let at = self.rows.index_of(row, self.last_row.load(Relaxed))?;
        self.last_row.store(at, Relaxed);
        self.rows.0[at].1.get(&col)
    }

    /// Every column's key and 0-based column.
    pub fn columns(&self) -> impl Iterator<Item = (&str, u32)> {
        self.columns.iter().map(|(k, c)| (k.as_str(), *c))
    }

    /// A row's key, from its hidden column A.
    pub fn row_key(&self, row: u32) -> Option<&str> {
        match self.rows.get(&row)?.get(&0)? {
            Cell::Text(t) if !trimmed(t).is_empty() => Some(trimmed(t)),
            _ => None,
        }
    }

    /// The rows of data, in order: every row below the keys that is not a row of headings, so
    /// a row sorted into the place of the headings is read, and the headings sorted in among
    /// the data are not.
    pub fn data_rows(&self) -> impl Iterator<Item = u32> + '_ {
        let headings = self.header_rows();
        self.rows
            .range(layout::HEADER_ROW..)
            .map(|(r, _)| *r)
            .filter(move |r| headings.binary_search(r).is_err())
    }

    /// The rows that hold the sheet's headings, found by what they say, wherever they are.
    pub fn header_rows(&self) -> &[u32] {
        self.headings.get_or_init(|| {
            let lengths = HeadingLengths::of(layout::columns(self.kind));
            self.rows
                .range(layout::HEADER_ROW..)
                .map(|(r, _)| *r)
                .filter(|r| self.is_header_row(*r, &lengths))
                .collect()
        })
    }

    /// Whether a row holds the headings of this kind of sheet: at least two of its cells are
    /// the headings of their columns, and most of its cells are headings of some column.
    fn is_header_row(&self, row: u32, lengths: &HeadingLengths) -> bool {
        let columns = layout::columns(self.kind);
        if columns.is_empty() {
            return false;
        }
        let Some(cells) = self.rows.get(&row) else {
            return false;
        };
        let may_be_heading = |t: &str| lengths.may_be(t);
        let mut filled = 0;
        let mut headings = 0;
        for (col, cell) in cells {
            if *col == 0 {
                continue;
            }
            let Cell::Text(t) = cell else {
                filled += 1;
                continue;
            };
            let t = trimmed(t);
            if t.is_empty() {
                continue;
            }
            filled += 1;
            if may_be_heading(t)
                && columns
                    .iter()
                    .any(|c| !c.header.is_empty() && c.header == t)
            {
                headings += 1;
            }
        }
        headings >= 2 && headings * 2 > filled
    }

    /// The heading a column's key should have above it, if it has one people see.
    pub fn heading_of(&self, key: &str) -> Option<&'static str> {
        layout::columns(self.kind)
            .iter()
            .find(|c| c.key == key && !c.header.is_empty())
            .map(|c| c.header)
    }
}

/// The lengths of a sheet's headings (as bits, and whether one is longer than that): a cell of
/// another length is no heading, and is not compared with each.
struct HeadingLengths {
    bits: u128,
    long: bool,
}

impl HeadingLengths {
    fn of(columns: &[layout::Column]) -> HeadingLengths {
        let mut lengths = HeadingLengths {
            bits: 0,
            long: false,
        };
        for c in columns.iter().filter(|c| !c.header.is_empty()) {
            match c.header.len() {
                n if n < 128 => lengths.bits |= 1 << n,
                _ => lengths.long = true,
            }
        }
        lengths
    }

    /// Whether `t` is as long as a heading.
    fn may_be(&self, t: &str) -> bool {
        match t.len() {
            n if n < 128 => self.bits >> n & 1 == 1,
            _ => self.long,
        }
    }
}

/// The sheets read, as the cells a message shows (`diag::source::Cells`).
#[derive(Debug)]
pub struct Grids(pub Vec<Grid>);

impl Cells for Grids {
    fn text(&self, pos: Pos) -> Option<String> {
        let g = self.0.iter().find(|g| g.sheet == pos.sheet)?;
        let row = u32::try_from(pos.line.checked_sub(1)?).ok()?;
        let col = u32::try_from(pos.col.checked_sub(1)?).ok()?;
        g.rows.get(&row)?.get(&col).map(preview)
    }

    fn find(&self, needle: &str, near: Pos) -> Option<Pos> {
        let holds = |g: &Grid, row: u32, cells: &Row| {
            cells.iter().find_map(|(col, c)| match c {
                Cell::Text(t) if t.contains(needle) => {
                    Some(Pos::cell(g.sheet, row as usize + 1, *col as usize + 1))
                }
                _ => None,
            })
        };
        let in_row = self.0.iter().find(|g| g.sheet == near.sheet).and_then(|g| {
            let row = u32::try_from(near.line.checked_sub(1)?).ok()?;
            holds(g, row, g.rows.get(&row)?)
        });
        in_row.or_else(|| {
            self.0
                .iter()
                .find_map(|g| g.rows.iter().find_map(|(row, cells)| holds(g, *row, cells)))
        })
    }
}

/// Why a sheet could not be read.
pub enum GridError {
    Damaged(XlsxError),
    TooManyCells,
    /// The quick reader met what it does not read (`quick::Unsure`): the workbook is read
    /// again by the general reader.
    Unsure,
}

/// A sheet's cells one by one, from either reader: each cell's place first, and its value
/// made only for a cell that is kept.
pub trait CellSource {
    /// The next cell's 0-based row and column, or none at the end of the sheet.
    fn next_place(&mut self) -> Result<Option<(u32, u32)>, GridError>;
    /// The value of the cell `next_place` last gave; none for an empty cell.
    fn value(&mut self) -> Result<Option<Cell>, GridError>;
}

/// The general reader's cells of one sheet.
struct General<'a> {
    reader: calamine::XlsxCellReader<'a, std::io::Cursor<Vec<u8>>>,
    cell: Option<calamine::Cell<DataRef<'a>>>,
}

impl CellSource for General<'_> {
    fn next_place(&mut self) -> Result<Option<(u32, u32)>, GridError> {
        self.cell = self.reader.next_cell()?;
        Ok(self.cell.as_ref().map(|c| c.get_position()))
    }

    fn value(&mut self) -> Result<Option<Cell>, GridError> {
        Ok(self.cell.as_ref().and_then(|c| Cell::from(c.get_value())))
    }
}

/// Reads the sheet `name` with the general reader (see `read_cells`).
pub fn read(
    wb: &mut Workbook,
    name: &str,
    sheet: u32,
    wanted: impl Fn(SheetKind, &str) -> bool,
    budget: &mut usize,
) -> Result<Option<Grid>, GridError> {
    let reader = wb.worksheet_cells_reader(name)?;
    read_cells(General { reader, cell: None }, sheet, wanted, budget)
}

impl From<XlsxError> for GridError {
    fn from(e: XlsxError) -> GridError {
        GridError::Damaged(e)
    }
}

/// Reads a sheet's cells if it is one `ties` reads (its cell A1 says so), keeping the columns
/// `wanted` picks from its keys. `budget` is the number of cells still allowed.
pub fn read_cells(
    mut cells: impl CellSource,
    sheet: u32,
    wanted: impl Fn(SheetKind, &str) -> bool,
    budget: &mut usize,
) -> Result<Option<Grid>, GridError> {
    let mut keys: BTreeMap<u32, String> = BTreeMap::new();
    let mut grid: Option<Grid> = None;
    // Which columns to keep, by column, made once the keys are known; and whether to keep
    // every column (the Start here and Lists sheets), however far to the right.
    let mut keep: Vec<bool> = Vec::new();
    let mut all = false;
    // How many cells a row may keep, to make room for them at once.
    let mut room = 0;
    while let Some((row, col)) = cells.next_place()? {
        if row == layout::KEY_ROW {
            if let Some(Cell::Text(t)) = cells.value()? {
                keys.insert(col, t.trim().to_string());
            }
            continue;
        }
        let g = match grid.as_mut() {
            Some(g) => g,
            None => {
                let Some(g) = new_grid(&keys, sheet, &wanted) else {
                    return Ok(None);
                };
                all = matches!(g.kind, SheetKind::Start | SheetKind::Lists);
                let width = keys.keys().max().map_or(1, |c| *c as usize + 1);
                keep = (0..width)
                    .map(|c| all || c == 0 || g.columns.iter().any(|(_, k)| *k as usize == c))
                    .collect();
                room = keep.iter().filter(|k| **k).count();
                grid.insert(g)
            }
        };
        if !keep.get(col as usize).copied().unwrap_or(all) {
            continue;
        }
        if let Some(value) = cells.value()? {
            if *budget == 0 {
                return Err(GridError::TooManyCells);
            }
            *budget -= 1;
            g.rows.insert(row, col, value, room);
        }
    }
    // A sheet with only its keys still says what it is.
    Ok(grid.or_else(|| new_grid(&keys, sheet, &wanted)))
}

/// A grid for the sheet whose keys are `keys`, if it is one `ties` reads: its cell A1 says
/// what it is (the sheet that explains the ratings is for people only, and not read).
fn new_grid(
    keys: &BTreeMap<u32, String>,
    sheet: u32,
    wanted: &impl Fn(SheetKind, &str) -> bool,
) -> Option<Grid> {
    let kind = keys.get(&0).and_then(|m| SheetKind::from_marker(m))?;
    if matches!(kind, SheetKind::Scales | SheetKind::Guidance) {
        return None;
    }
    let mut columns: Vec<(String, u32)> = Vec::new();
    let mut duplicates = Vec::new();
    for (c, k) in keys.iter().filter(|(c, k)| **c > 0 && !k.is_empty()) {
        match columns.iter().find(|(key, _)| key == k) {
            Some((_, first)) => duplicates.push((k.clone(), *first, *c)),
            None if wanted(kind, k) => columns.push((k.clone(), *c)),
            None => {}
        }
    }
    Some(Grid {
        sheet,
        kind,
        columns,
        duplicates,
        restricted_certain: false,
        rows: Rows::default(),
        headings: std::sync::OnceLock::new(),
        last_row: Default::default(),
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use std::sync::Arc;

    use super::{Cell, Rows, Table, Text, trimmed};

    /// Every text made of two pieces among spaces of many kinds, letters and signs is trimmed
    /// as `str::trim` trims it.
    #[test]
    fn texts_are_trimmed_as_trim_trims_them() {
        let pieces = [
            "", "a", " ", "\t", "\n", "\r", "\u{a0}", "\u{3000}", "\u{2028}", "\u{85}", "\u{200b}",
            "~", "!", "\u{7f}", "\u{1f}", "é", "Met", " x ", "😀",
        ];
        let mut checked = 0;
        for a in pieces {
            for b in pieces {
                for text in [format!("{a}{b}"), format!("{a}mid dle{b}")] {
                    assert_eq!(trimmed(&text), text.trim(), "{text:?}");
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, pieces.len() * pieces.len() * 2);
    }

    /// A cell asked for by its row and its column's key is the cell kept there, whichever row
    /// was asked for before.
    #[test]
    fn cells_are_found_by_row_and_key_in_any_order() {
        let marker = super::SheetKind::Evidence.marker().to_string();
        let keys: BTreeMap<u32, String> = [(0, marker), (1, "item".into()), (3, "text".into())]
            .into_iter()
            .collect();
        let mut g = super::new_grid(&keys, 6, &|_, _| true).unwrap();
        for row in [2, 3, 5, 6, 9] {
            for col in [0, 1, 3] {
                g.rows
                    .insert(row, col, Cell::Number(f64::from(row * 10 + col)), 3);
            }
        }
        let mut state = 11u32;
        for _ in 0..500 {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let row = (state >> 16) % 11;
            let key = ["item", "text", "kind"][(state >> 8) as usize % 3];
            let expected = g
                .column(key)
                .and_then(|col| g.rows.get(&row).and_then(|r| r.get(&col)));
            assert_eq!(g.get(row, key), expected, "{row} {key}");
            assert_eq!(g.get(row, key), expected, "{row} {key}, asked again");
        }
        assert_eq!(g.get(5, "text"), Some(&Cell::Number(53.0)));
        assert_eq!(g.get(4, "text"), None);
    }

    /// A shared text kept as its place reads, compares and shows as the same text of its own.
    #[test]
    fn a_shared_text_is_its_text() {
        let table = Arc::new(Table::from(
            "<si><t>Partly met</t></si><si><t>déjà</t></si>".to_string(),
        ));
        let shared = Text::shared(&table, 7, 17).unwrap();
        let own = Text::from("Partly met".to_string());
        assert_eq!(&*shared, "Partly met");
        assert_eq!(shared, own);
        assert_eq!(format!("{shared:?}"), format!("{:?}", "Partly met"));
        assert_eq!(
            format!("{:?}", Cell::Text(shared.clone())),
            format!("{:?}", Cell::Text(own))
        );
        assert_ne!(shared, Text::from("Partly".to_string()));
        assert_eq!(&*Text::shared(&table, 33, 39).unwrap(), "déjà");
        // No place outside the table, or inside a character, is a text.
        assert!(Text::shared(&table, 40, 60).is_none());
        assert!(Text::shared(&table, 33, 38).is_none());
        // The table is kept while a cell holds a text of it.
        drop(table);
        assert_eq!(&*shared, "Partly met");
    }

    /// Cells kept in any order, some twice, are found as a table of tables finds them: by row and
    /// column, the value written last, rows and cells in order.
    #[test]
    fn rows_keep_cells_as_a_table_of_tables_would() {
        let writes: Vec<(u32, u32)> = vec![
            (1, 0),
            (1, 2),
            (1, 5),
            (3, 1),
            (3, 4),
            (2, 7),
            (3, 0),
            (1, 2),
            (9, 3),
            (0, 0),
            (3, 4),
            (9, 1),
            (2, 7),
        ];
        let mut rows = Rows::default();
        let mut table: BTreeMap<u32, BTreeMap<u32, Cell>> = BTreeMap::new();
        for (n, (row, col)) in writes.into_iter().enumerate() {
            let cell = Cell::Number(n as f64);
            rows.insert(row, col, cell.clone(), 2);
            table.entry(row).or_default().insert(col, cell);
        }
        let listed = |r: &Rows| -> Vec<(u32, Vec<(u32, Cell)>)> {
            r.iter()
                .map(|(row, cells)| (*row, cells.iter().map(|(c, v)| (*c, v.clone())).collect()))
                .collect()
        };
        let expected: Vec<(u32, Vec<(u32, Cell)>)> = table
            .iter()
            .map(|(row, cells)| (*row, cells.iter().map(|(c, v)| (*c, v.clone())).collect()))
            .collect();
        assert_eq!(listed(&rows), expected);
        for row in 0..11 {
            for col in 0..9 {
                assert_eq!(
                    rows.get(&row).and_then(|r| r.get(&col)),
                    table.get(&row).and_then(|r| r.get(&col)),
                    "{row} {col}"
                );
            }
            let from: Vec<u32> = rows.range(row..).map(|(r, _)| *r).collect();
            let want: Vec<u32> = table.range(row..).map(|(r, _)| *r).collect();
            assert_eq!(from, want);
        }
        assert_eq!(
            rows.keys().copied().collect::<Vec<_>>(),
            table.keys().copied().collect::<Vec<_>>()
        );
    }
}
