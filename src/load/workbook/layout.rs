//! The layout of a self-assessment workbook, shared by the reader (`load::workbook`) and the
//! writer (`output::workbook`) so the two cannot drift apart.
//!
//! Every sheet `ties` reads has a hidden first row and a hidden first column. Cell A1 says what
//! the sheet is (`ties:items`, `ties:evidence`, ...); the rest of row 1 holds a key for each
//! column, so columns are found by their key, never by their letter. Column A holds each row's
//! key (an item's qualified id, or a detail of the Start here sheet), so rows are found by their
//! key, never by their position: sorting, filtering, hiding or inserting rows cannot mix answers
//! up. Drop-down lists take their words from the hidden Lists sheet, which also says which id
//! each word stands for, so the reader turns a level's label back into its id without knowing
//! the frameworks.

/// What a sheet is, from the marker in its cell A1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SheetKind {
    /// The establishment's details, the frameworks and the format version.
    Start,
    /// A framework's items, a row each, under its sections' headings.
    Items,
    /// The measures of every framework, a row each.
    Measures,
    /// A row per piece of evidence.
    Evidence,
    /// A row per action of the action plan.
    Actions,
    /// What each rating means: for people only, never read.
    Scales,
    /// Guidance too long for its item's cell, continued: for people only, never read.
    Guidance,
    /// The words of the drop-down lists, with the id each stands for.
    Lists,
}

impl SheetKind {
    pub const ALL: [SheetKind; 8] = [
        SheetKind::Start,
        SheetKind::Items,
        SheetKind::Measures,
        SheetKind::Evidence,
        SheetKind::Actions,
        SheetKind::Scales,
        SheetKind::Guidance,
        SheetKind::Lists,
    ];

    pub fn marker(self) -> &'static str {
        match self {
            SheetKind::Start => "ties:start",
            SheetKind::Items => "ties:items",
            SheetKind::Measures => "ties:measures",
            SheetKind::Evidence => "ties:evidence",
            SheetKind::Actions => "ties:actions",
            SheetKind::Scales => "ties:scales",
            SheetKind::Guidance => "ties:guidance",
            SheetKind::Lists => "ties:lists",
        }
    }

    pub fn from_marker(text: &str) -> Option<SheetKind> {
        SheetKind::ALL
            .into_iter()
            .find(|k| k.marker() == text.trim())
    }
}

/// The workbook format this `ties` writes and reads: the same number as a YAML
/// self-assessment's `ties:`, as the workbook holds the same self-assessment.
pub const FORMAT: u32 = 1;

/// Row 1 holds the keys, row 2 the headings a person reads; rows of data start at row 3.
pub const KEY_ROW: u32 = 0;
pub const HEADER_ROW: u32 = 1;
pub const FIRST_ROW: u32 = 2;

/// A column of a sheet: the key in row 1, the heading in row 2, and its width in characters.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub key: &'static str,
    pub header: &'static str,
    pub width: f64,
}

const fn col(key: &'static str, header: &'static str, width: f64) -> Column {
    Column { key, header, width }
}

/// What the rating cell of an item with no scale (a guiding question) says, greyed: not an
/// answer, so the reader passes over it.
pub const NO_RATING: &str = "No rating: write your answer under What we do";

/// Column A of every sheet: each row's key.
pub const ID: Column = col("id", "", 4.0);

/// The columns of a framework's sheet, after column A. The last two columns are hidden; the two
/// before them are there only when some answers were carried forward from last year.
pub const ITEMS: [Column; 14] = [
    col("reference", "Reference", 24.0),
    col("item", "Item", 40.0),
    col("guidance", "Guidance and questions to consider", 50.0),
    col("rating", "Rating (pick from the list)", 20.0),
    col("not_applicable", "If it does not apply here: why not", 26.0),
    col("narrative", "What we do", 50.0),
    col("strengths", "Strengths (one per line)", 30.0),
    col("development", "What needs to improve (one per line)", 30.0),
    RESTRICTED,
    col("confidence", "How sure we are of the rating", 14.0),
    col("carried", "From last year", 16.0),
    col(
        "confirm",
        "Confirm (Yes if last year's answer still holds)",
        16.0,
    ),
    col("scale", "", 4.0),
    col("fingerprint", "", 4.0),
];

/// The column every sheet of answers has for keeping an answer out of the public report.
const RESTRICTED: Column = col(
    "restricted",
    "Restricted (Yes keeps it out of the public report)",
    16.0,
);

/// The columns of the Measures sheet, after column A.
pub const MEASURES: [Column; 10] = [
    col("reference", "Reference", 24.0),
    col("item", "Measure", 48.0),
    col("guidance", "Guidance", 56.0),
    col("numerator", "How many (numerator)", 14.0),
    col("denominator", "Out of how many (denominator)", 14.0),
    col("value", "Figure (a measure that is not a rate)", 14.0),
    col(
        "baseline",
        "Baseline (a rate as a decimal: 0.45 is 45%)",
        16.0,
    ),
    col("target", "Target (a rate as a decimal: 0.6 is 60%)", 16.0),
    col("note", "Note: how it was counted", 48.0),
    RESTRICTED,
];

/// The columns of the Evidence sheet, after column A. The last is hidden.
pub const EVIDENCE: [Column; 8] = [
    col("item", "Item (pick its reference from the list)", 30.0),
    col("kind", "Kind of evidence (pick from the list)", 26.0),
    col("text", "What it is and what it shows", 64.0),
    col("date", "Date (such as 31/03/2026)", 14.0),
    RESTRICTED,
    col("carried", "From last year", 16.0),
    col("confirm", "Confirm (Yes if it still stands)", 16.0),
    col("fingerprint", "", 4.0),
];

/// The columns a piece of evidence is read from, in the order its fingerprint takes its values.
pub const EVIDENCE_VALUES: [&str; 5] = ["item", "kind", "text", "date", "restricted"];

/// The columns an action is read from, in the order its fingerprint takes its values.
pub const ACTION_VALUES: [&str; 9] = [
    "action",
    "what",
    "owner",
    "due",
    "status",
    "done_on",
    "items",
    "note",
    "restricted",
];

/// The columns of the Actions sheet, after column A.
pub const ACTIONS: [Column; 10] = [
    col("action", "Action id (such as A1)", 10.0),
    col("what", "What will be done", 48.0),
    col("owner", "Owner (a role, not a name)", 24.0),
    col("due", "Due by (such as 30/06/2026)", 14.0),
    col("status", "Status (pick from the list)", 14.0),
    col("done_on", "Done on", 14.0),
    col("items", "Items it is for (references, one per line)", 30.0),
    col("note", "Progress note", 40.0),
    RESTRICTED,
    col("fingerprint", "", 4.0),
];

/// The columns of a kind of sheet after column A, to find its headings by what they say.
pub fn columns(kind: SheetKind) -> &'static [Column] {
    match kind {
        SheetKind::Items => &ITEMS,
        SheetKind::Measures => &MEASURES,
        SheetKind::Evidence => &EVIDENCE,
        SheetKind::Actions => &ACTIONS,
        SheetKind::Start | SheetKind::Scales | SheetKind::Guidance | SheetKind::Lists => &[],
    }
}

/// Hidden helper columns: written, read, never shown.
pub const HIDDEN: [&str; 2] = ["scale", "fingerprint"];

/// Columns that are there only when something was carried forward from last year.
pub const CARRY: [&str; 2] = ["carried", "confirm"];

/// The keys of the Start here sheet's rows (column A), with their labels.
pub const START: [(&str, &str); 10] = [
    ("establishment.id", "Establishment id"),
    ("establishment.name", "Establishment"),
    ("establishment.nation", "Nation"),
    ("establishment.region", "Region"),
    ("establishment.comparator_group", "Comparator group"),
    ("establishment.type", "Type of establishment"),
    ("year", "Year the self-assessment reports on"),
    ("completed_on", "Completed on"),
    ("completed_by", "Completed by"),
    ("establishment.public_contacts", "Public contacts"),
];

/// The key of the Start here row holding the format version, as YAML's `ties: 1`.
pub const FORMAT_KEY: &str = "ties";

/// The prefix of a Start here row's key naming a framework, followed by the framework as the
/// self-assessment lists it (`framework:farmer-offer`, or `framework:farmer-offer@1.0.0`).
pub const FRAMEWORK_KEY: &str = "framework:";

/// Where each list begins on the Lists sheet: row 1 holds the list's key, row 2 its title; the
/// words start at row 3, each with the id it stands for in the next column.
pub const LIST_TITLE_ROW: u32 = 1;
pub const LIST_FIRST_ROW: u32 = 2;

/// The keys of the lists on the Lists sheet. A scale's list is `scale:` and the framework and
/// scale, such as `scale:farmer-offer/provision`; an item's row names its scale's list.
pub const NATIONS: &str = "nations";
pub const CONFIDENCE: &str = "confidence";
pub const STATUSES: &str = "statuses";
pub const KINDS: &str = "kinds";
pub const ITEM_REFERENCES: &str = "items";
pub const SCALE_PREFIX: &str = "scale:";

/// Yes and No, as restricted and Confirm take them.
pub const YES: &str = "Yes";
pub const NO: &str = "No";

/// The status of a row carried forward: "Carried from 2024".
pub fn carried_label(year: i32) -> String {
    format!("Carried from {year}")
}

/// What the hidden column of a carried row holds: the year it came from and the fingerprint of
/// its answer as it was carried, so the reader can tell whether anyone has changed it since.
pub fn carried_mark(year: i32, parts: &[&str]) -> String {
    format!("{year} {}", fingerprint(parts))
}

/// The year and fingerprint of a carried row's mark.
pub fn parse_carried_mark(mark: &str) -> Option<(i32, &str)> {
    let (year, print) = mark.trim().split_once(' ')?;
    Some((year.parse().ok()?, print))
}

/// A short fingerprint (64-bit FNV-1a, as hexadecimal) of an answer's values, each given as
/// the text the self-assessment holds (ids, not labels; `Yes` or `No`; dates as YYYY-MM-DD).
/// It only tells whether an answer was changed; it protects nothing.
pub fn fingerprint(parts: &[&str]) -> String {
    const PRIME: u64 = 0x0100_0000_01b3;
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        // Each part's bytes, then 0xff, which no UTF-8 text holds, so that parts cannot run
        // into each other.
        for b in part.bytes() {
            hash = (hash ^ u64::from(b)).wrapping_mul(PRIME);
        }
        hash = (hash ^ 0xff).wrapping_mul(PRIME);
    }
    // Sixteen hexadecimal digits, as `{:016x}` writes them, without the formatting machinery:
    // a fingerprint is made for each row of an estate's workbooks.
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(16);
    for digit in (0..16).rev() {
        out.push(char::from(HEX[(hash >> (4 * digit)) as usize & 0xf]));
    }
    out
}

/// Excel's limit on the characters (UTF-16 code units) in one cell.
pub const MAX_CELL_CHARS: usize = 32_767;

/// Whether a text fits in one cell.
pub fn fits_in_cell(text: &str) -> bool {
    text.len() <= MAX_CELL_CHARS || text.encode_utf16().count() <= MAX_CELL_CHARS
}

#[cfg(test)]
mod tests {
    use super::*;

    /// FNV-1a over each part's bytes and a 0xff after each, as `{:016x}` writes it: the
    /// fingerprints in workbooks already sent out were made so, and must still be.
    #[test]
    fn fingerprints_are_sixteen_hexadecimal_digits() {
        let the_long_way = |parts: &[&str]| {
            let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
            for b in parts.iter().flat_map(|p| p.bytes().chain([0xff])) {
                hash ^= u64::from(b);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
            format!("{hash:016x}")
        };
        assert_eq!(
            fingerprint(&["We do it.", "", "2026-03-31"]),
            "127e05b382fc183b"
        );
        for parts in [
            &[][..],
            &[""],
            &["good"],
            &["a", "b"],
            &["ab"],
            &["We do it.", "", "2026-03-31"],
            &["Ceòl", "déjà vu", "\u{1f600}", "Yes"],
        ] {
            let print = fingerprint(parts);
            assert_eq!(print, the_long_way(parts), "{parts:?}");
            assert_eq!(print.len(), 16);
            assert!(
                print
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
            );
        }
        assert_ne!(fingerprint(&["a", "b"]), fingerprint(&["ab"]));
    }

    #[test]
    fn markers_and_marks_read_back() {
        for k in SheetKind::ALL {
            assert_eq!(SheetKind::from_marker(k.marker()), Some(k));
        }
        assert_eq!(SheetKind::from_marker("ties:other"), None);
        let mark = carried_mark(2024, &["good", "", "We do it."]);
        let (year, print) = parse_carried_mark(&mark).unwrap();
        assert_eq!(year, 2024);
        assert_eq!(print, fingerprint(&["good", "", "We do it."]));
        // Moving text from one value to the next changes the fingerprint.
        assert_ne!(fingerprint(&["ab", ""]), fingerprint(&["a", "b"]));
        assert_eq!(parse_carried_mark("soon"), None);
    }

    #[test]
    fn cells_hold_32767_characters_counted_as_excel_counts_them() {
        assert!(fits_in_cell(&"a".repeat(MAX_CELL_CHARS)));
        assert!(!fits_in_cell(&"a".repeat(MAX_CELL_CHARS + 1)));
        // A character outside the Basic Multilingual Plane counts twice.
        assert!(!fits_in_cell(&"😀".repeat(MAX_CELL_CHARS / 2 + 1)));
        assert!(fits_in_cell(&"ŵ".repeat(MAX_CELL_CHARS)));
    }
}
