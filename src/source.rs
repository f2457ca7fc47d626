//! Input files and positions within them.

use std::path::{Path, PathBuf};

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
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> SourceFile {
        SourceFile {
            path: path.into(),
            text: text.into(),
        }
    }

    /// The name shown in messages.
    pub fn name(&self) -> String {
        self.path.display().to_string()
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line(&self, line: usize) -> Option<&str> {
        if line == 0 {
            return None;
        }
        self.text
            .lines()
            .nth(line - 1)
            .map(|l| l.trim_end_matches('\r'))
    }

    /// The position of a byte offset.
    pub fn pos_of_offset(&self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        let before = &self.text[..floor_char_boundary(&self.text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
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
    }
}
