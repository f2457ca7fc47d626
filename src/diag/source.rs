//! Input files and positions within them.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// A place in a file: 1-based line and column (in characters) of a text file, or, in a
/// workbook, a 1-based sheet, row and column. Line 0 means "the whole file" (or, with a sheet,
/// the whole sheet); column 0 with a line means the whole row.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// The sheet of a workbook, counted from 1; 0 in a text file.
    pub sheet: u32,
    pub line: usize,
    pub col: usize,
}

impl Pos {
    pub const FILE: Pos = Pos {
        sheet: 0,
        line: 0,
        col: 0,
    };

    pub fn new(line: usize, col: usize) -> Pos {
        Pos {
            sheet: 0,
            line,
            col,
        }
    }

    /// A cell of a workbook: its sheet, row and column, each counted from 1.
    pub fn cell(sheet: u32, row: usize, col: usize) -> Pos {
        Pos {
            sheet,
            line: row,
            col,
        }
    }

    pub fn is_known(self) -> bool {
        self.line > 0
    }

    /// The cell's name as a spreadsheet shows it, such as `E12`; `None` outside a workbook.
    pub fn cell_name(self) -> Option<String> {
        (self.sheet > 0 && self.line > 0 && self.col > 0)
            .then(|| format!("{}{}", column_letters(self.col), self.line))
    }
}

/// A column's letters as a spreadsheet shows them: 1 is `A`, 27 is `AA`.
pub fn column_letters(col: usize) -> String {
    let mut n = col;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A workbook's cells, looked up only when a message needs one: the reader keeps the cells it
/// read, and nothing is copied for messages that are never shown.
pub trait Cells: std::fmt::Debug + Send + Sync {
    /// A cell's text as a message shows it (its first line, cut short).
    fn text(&self, pos: Pos) -> Option<String>;
    /// The first cell holding `needle`: in the row of `near`, then anywhere.
    fn find(&self, needle: &str, near: Pos) -> Option<Pos>;
}

/// Cells given as text by their place (for tests, and small workbooks made in memory).
impl Cells for BTreeMap<Pos, String> {
    fn text(&self, pos: Pos) -> Option<String> {
        self.get(&pos).cloned()
    }

    fn find(&self, needle: &str, near: Pos) -> Option<Pos> {
        let row = Pos::cell(near.sheet, near.line, 0)..Pos::cell(near.sheet, near.line + 1, 0);
        let found = |(pos, text): (&Pos, &String)| text.contains(needle).then_some(*pos);
        self.range(row)
            .find_map(found)
            .or_else(|| self.iter().find_map(found))
    }
}

/// What a workbook's messages need: the names of its sheets, and its cells, to show a cell
/// under a problem found in it.
#[derive(Clone, Debug)]
pub struct Sheets {
    pub names: Vec<String>,
    pub cells: Arc<dyn Cells>,
    /// Where the workbook's rows and lists are, for the checks that need the frameworks.
    pub layout: WorkbookLayout,
}

/// A word of a drop-down list, the id it stands for, and the word's cell.
pub type ListWord = (String, String, Pos);

/// What the checks against the frameworks need to know of a workbook's layout: where each
/// item's row was found, which sheet shows each framework, and the drop-down lists with the
/// id each word stands for.
#[derive(Clone, Debug, Default)]
pub struct WorkbookLayout {
    /// Each item's row, at its reference cell, by qualified id.
    pub rows: BTreeMap<String, Pos>,
    /// The sheet of each framework's items, by framework id.
    pub framework_sheets: BTreeMap<String, u32>,
    /// The sheet of the measures.
    pub measures_sheet: Option<u32>,
    /// The Restricted column of each sheet that has one (0-based), by sheet.
    pub restricted_columns: BTreeMap<u32, u32>,
    /// The cell of the public contacts on the Start here sheet.
    pub public_contacts: Option<Pos>,
    /// Each drop-down list: its key, and its words with their ids, each at the word's cell.
    pub lists: Vec<(String, Vec<ListWord>)>,
}

/// A file read into memory, with the name to show in messages.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub path: PathBuf,
    /// The text of a text file (a built-in file's, as it is built in); empty for a workbook.
    pub text: Cow<'static, str>,
    /// Where each line starts, and whether it is plain ASCII: made when first needed, so finding
    /// a line or a column takes the same short time in a file of any size. A line ends at a line
    /// feed; a file with a carriage return alone is refused when it is read
    /// (`load::line_ends`), so the YAML and TOML readers count lines the same way.
    lines: OnceLock<LineIndex>,
    /// A workbook's sheets and the cells read from them; `None` for a text file.
    sheets: Option<Arc<Sheets>>,
}

#[derive(Clone, Debug)]
struct LineIndex {
    starts: Vec<usize>,
    ascii: Vec<bool>,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        let mut ascii = vec![true];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                starts.push(i + 1);
                ascii.push(true);
            } else if !b.is_ascii()
                && let Some(last) = ascii.last_mut()
            {
                *last = false;
            }
        }
        LineIndex { starts, ascii }
    }
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> SourceFile {
        SourceFile {
            path: path.into(),
            text: Cow::Owned(text.into()),
            lines: OnceLock::new(),
            sheets: None,
        }
    }

    /// A file built into `ties` (a built-in framework), its text used where it is, not copied.
    pub fn built_in(path: impl Into<PathBuf>, text: &'static str) -> SourceFile {
        SourceFile {
            path: path.into(),
            text: Cow::Borrowed(text),
            lines: OnceLock::new(),
            sheets: None,
        }
    }

    /// A workbook, with its sheets' names and the cells read from it.
    pub fn workbook(path: impl Into<PathBuf>, sheets: Sheets) -> SourceFile {
        SourceFile {
            path: path.into(),
            text: Cow::Borrowed(""),
            lines: OnceLock::new(),
            sheets: Some(Arc::new(sheets)),
        }
    }

    pub fn is_workbook(&self) -> bool {
        self.sheets.is_some()
    }

    /// The name of a workbook's sheet, counted from 1.
    pub fn sheet_name(&self, sheet: u32) -> Option<&str> {
        let index = usize::try_from(sheet).ok()?.checked_sub(1)?;
        self.sheets.as_ref()?.names.get(index).map(String::as_str)
    }

    /// A workbook's layout; `None` for a text file.
    pub fn workbook_layout(&self) -> Option<&WorkbookLayout> {
        self.sheets.as_ref().map(|s| &s.layout)
    }

    /// The text of a workbook's cell, as a message shows it.
    pub fn cell(&self, pos: Pos) -> Option<String> {
        self.sheets.as_ref()?.cells.text(pos)
    }

    /// Where `needle` is, at or after `near`: in a text file from the line of `near` on (then
    /// anywhere); in a workbook in the row of `near` (then in any cell read).
    pub fn find(&self, needle: &str, near: Pos) -> Option<Pos> {
        if let Some(sheets) = &self.sheets {
            return sheets.cells.find(needle, near);
        }
        let start = self.line_offset(near.line).unwrap_or(0);
        let at = self.text[start..]
            .find(needle)
            .map(|i| start + i)
            .or_else(|| self.text.find(needle))?;
        Some(self.pos_of_offset(at))
    }

    fn index(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    /// The name shown in messages.
    pub fn name(&self) -> String {
        self.path.display().to_string()
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line(&self, line: usize) -> Option<&str> {
        let index = self.index();
        let start = *index.starts.get(line.checked_sub(1)?)?;
        if start >= self.text.len() {
            return None;
        }
        let end = index
            .starts
            .get(line)
            .map_or(self.text.len(), |next| next - 1);
        Some(self.text[start..end].trim_end_matches('\r'))
    }

    /// The byte offset where a 1-based line starts, if the file has that line.
    pub fn line_offset(&self, line: usize) -> Option<usize> {
        self.index().starts.get(line.checked_sub(1)?).copied()
    }

    /// The position of a byte offset.
    pub fn pos_of_offset(&self, offset: usize) -> Pos {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let index = self.index();
        let line = index.starts.partition_point(|s| *s <= offset);
        let start = index.starts[line - 1];
        let col = if index.ascii[line - 1] {
            offset - start + 1
        } else {
            self.text[start..offset].chars().count() + 1
        };
        Pos::new(line, col)
    }

    pub fn is_toml(&self) -> bool {
        has_extension(&self.path, "toml")
    }
}

pub fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns() {
        let f = SourceFile::new("a.yaml", "ab\ncdé\nf");
        assert_eq!(f.pos_of_offset(0), Pos::new(1, 1));
        assert_eq!(f.pos_of_offset(3), Pos::new(2, 1));
        assert_eq!(f.pos_of_offset(7), Pos::new(2, 4));
        assert_eq!(f.line(2), Some("cdé"));
        assert_eq!(f.line(9), None);
        assert_eq!(f.line(0), None);
        let f = SourceFile::new("a.yaml", "a\r\nb\n\nc\n");
        assert_eq!(f.line(1), Some("a"));
        assert_eq!(f.line(3), Some(""));
        assert_eq!(f.line(4), Some("c"));
        assert_eq!(f.line(5), None);
        assert_eq!(f.pos_of_offset(99), Pos::new(5, 1));
        assert_eq!(SourceFile::new("a", "").line(1), None);
    }

    #[test]
    fn cells_have_names_and_text() {
        assert_eq!(column_letters(1), "A");
        assert_eq!(column_letters(26), "Z");
        assert_eq!(column_letters(27), "AA");
        assert_eq!(column_letters(703), "AAA");
        assert_eq!(Pos::cell(2, 12, 5).cell_name().as_deref(), Some("E12"));
        assert_eq!(Pos::new(12, 5).cell_name(), None);
        let mut cells = BTreeMap::new();
        cells.insert(Pos::cell(2, 12, 5), "Fully in plce".to_string());
        cells.insert(Pos::cell(2, 12, 8), "mail jo@example.org".to_string());
        cells.insert(Pos::cell(2, 20, 8), "jo@example.org".to_string());
        let sheets = Sheets {
            names: vec!["Start here".into(), "Farmer offer".into()],
            cells: Arc::new(cells),
            layout: Default::default(),
        };
        let f = SourceFile::workbook("a.xlsx", sheets);
        assert!(f.is_workbook());
        assert_eq!(f.sheet_name(2), Some("Farmer offer"));
        assert_eq!(f.sheet_name(0), None);
        assert_eq!(f.sheet_name(3), None);
        assert_eq!(
            f.cell(Pos::cell(2, 12, 5)).as_deref(),
            Some("Fully in plce")
        );
        assert_eq!(
            f.find("jo@", Pos::cell(2, 20, 2)),
            Some(Pos::cell(2, 20, 8))
        );
        assert_eq!(f.find("jo@", Pos::cell(2, 3, 2)), Some(Pos::cell(2, 12, 8)));
        let t = SourceFile::new("a.yaml", "a: x\nb: x\n");
        assert_eq!(t.find("x", Pos::new(2, 1)), Some(Pos::new(2, 4)));
    }
}
