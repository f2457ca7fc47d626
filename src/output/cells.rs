//! The limits of a spreadsheet, kept by cutting what goes past them and saying so, so that one
//! long text or one enormous framework never makes a whole workbook fail.

use std::borrow::Cow;

/// The most characters a cell holds (Excel's limit, counted as Excel counts them: a character
/// outside the Basic Multilingual Plane, such as an emoji, counts twice).
pub const MAX_CELL_CHARS: usize = 32_767;
/// The most rows and columns a sheet has.
pub const MAX_ROWS: u32 = 1_048_576;
pub const MAX_COLUMNS: u16 = 16_384;

/// Text for one cell: as it is, or cut to what a cell holds and ending with a note saying so.
pub fn fit_cell(text: &str) -> Cow<'_, str> {
    // A byte is at least one character: most text is short enough on its face.
    if text.len() <= MAX_CELL_CHARS {
        return Cow::Borrowed(text);
    }
    let units = text.encode_utf16().count();
    if units <= MAX_CELL_CHARS {
        return Cow::Borrowed(text);
    }
    let note = format!(
        " … [cut: the text has {units} characters, and a spreadsheet cell holds {MAX_CELL_CHARS}; \
         the CSV and JSON exports hold all of it]"
    );
    let room = MAX_CELL_CHARS - note.encode_utf16().count();
    let mut used = 0;
    let cut = text
        .char_indices()
        .find(|(_, c)| {
            used += c.len_utf16();
            used > room
        })
        .map_or(text.len(), |(i, _)| i);
    Cow::Owned(format!("{}{note}", &text[..cut]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_left_alone() {
        assert!(matches!(fit_cell("HMP Harrowfield"), Cow::Borrowed(_)));
        let full = "é".repeat(MAX_CELL_CHARS);
        assert!(matches!(fit_cell(&full), Cow::Borrowed(_)));
    }

    #[test]
    fn long_text_is_cut_with_a_note() {
        for text in [
            "a".repeat(MAX_CELL_CHARS + 1),
            "é".repeat(100_000),
            "😀".repeat(20_000),
            format!("{}😀", "a".repeat(MAX_CELL_CHARS - 1)),
        ] {
            let cell = fit_cell(&text);
            assert!(
                cell.encode_utf16().count() <= MAX_CELL_CHARS,
                "{}",
                cell.len()
            );
            assert!(cell.ends_with("the CSV and JSON exports hold all of it]"));
            let kept = cell.split(" … [cut: ").next().unwrap();
            assert!(text.starts_with(kept));
            assert!(kept.encode_utf16().count() > MAX_CELL_CHARS - 200);
        }
    }
}
