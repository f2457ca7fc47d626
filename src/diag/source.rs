//! Input files and positions within them.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A place in a file: 1-based line and column (in characters). Line 0 means "the whole file".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

impl Pos {
    pub const FILE: Pos = Pos { line: 0, col: 0 };

    pub fn new(line: usize, col: usize) -> Pos {
        Pos { line, col }
    }

    pub fn is_known(self) -> bool {
        self.line > 0
    }
}

/// A file read into memory, with the name to show in messages.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
    /// Where each line starts, and whether it is plain ASCII: made when first needed, so finding
    /// a line or a column takes the same short time in a file of any size. A line ends at a line
    /// feed; a file with a carriage return alone is refused when it is read
    /// (`load::line_ends`), so the YAML and TOML readers count lines the same way.
    lines: OnceLock<LineIndex>,
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
            text: text.into(),
            lines: OnceLock::new(),
        }
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
        Pos { line, col }
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
}
