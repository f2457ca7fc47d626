//! Reading a self-assessment workbook into the same located tree a YAML file gives, so every
//! check, score and report is shared. Each value keeps its place as a sheet and a cell; a cell
//! that cannot be used is a problem at that cell, and reading goes on to find them all.
//!
//! Rows are found by the id in their hidden column A and columns by the key in their hidden row
//! 1 (see `layout`), so sorting, filtering or hiding rows changes nothing. A level's label, a
//! kind of evidence or a status is turned back into its id through the workbook's own hidden
//! Lists sheet. A file that is not a workbook `ties` wrote gets a message that says what it is.

mod answers;
mod cells;
mod grid;
pub mod layout;
mod open;
mod quick;
mod records;
mod stamps;
mod structure;

use std::borrow::Cow;
use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;
use std::sync::Arc;

use calamine::{Reader as _, SheetType};
// The tables that reading a workbook keeps by text (a sheet's ids, the lists' words, the
// archive's part names) are hashed the quick way, FxHash: they hold what one workbook holds, at
// most `grid::MAX_CELLS` cells, and a person's own file is not chosen to make its texts collide.
use rustc_hash::FxHashMap as HashMap;

use self::cells::{List, Reader, group, node};
use self::grid::{Cell, Grid, GridError};
use self::layout::SheetKind;
use crate::diag::source::{Pos, Sheets, SourceFile, WorkbookLayout};
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::node::Value;
use crate::load::{Document, Unread};

pub use open::{MAX_ENTRIES, MAX_UNPACKED_BYTES, is_ties_workbook_bytes};

/// Whether a path names a workbook by its extension: `.xlsx`, and the spreadsheets `ties`
/// cannot read, so they get a message that says what to do instead of a YAML error.
pub fn is_workbook_path(path: &Path) -> bool {
    ["xlsx", "xlsm", "xls", "xlsb", "ods"]
        .iter()
        .any(|e| crate::diag::source::has_extension(path, e))
}

/// Whether a file found in a folder is a workbook to read as a self-assessment: an `.xlsx`
/// file that is not the lock file Excel keeps beside a workbook it has open (`~$2025.xlsx`).
pub fn is_self_assessment_candidate(path: &Path) -> bool {
    crate::diag::source::has_extension(path, "xlsx")
        && !path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("~$"))
}

/// Which columns of each kind of sheet are read; the others (the item's text and guidance)
/// are for people only.
fn wanted(kind: SheetKind, key: &str) -> bool {
    match kind {
        SheetKind::Items => !matches!(key, "item" | "guidance"),
        SheetKind::Measures => !matches!(key, "item" | "guidance"),
        _ => true,
    }
}

/// Reads a workbook given as its bytes; `path` names it in messages.
pub fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<Document, Unread> {
    let fail = |problem: Diagnostic| Unread {
        problem,
        file: None,
    };
    let (names, mut grids) = read_sheets(path, bytes).map_err(fail)?;
    for g in &mut grids {
        g.restricted_certain = structure::restricted_is_certain(g);
    }
    let find = |kind: SheetKind| grids.iter().find(|g| g.kind == kind);
    let (Some(start), Some(lists)) = (find(SheetKind::Start), find(SheetKind::Lists)) else {
        return Err(fail(
            Diagnostic::error(path, Pos::FILE, "this is a workbook, but not a self-assessment made by ties")
                .found(format!("sheets: {}", names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ")))
                .help("ties reads the workbooks `ties workbook` makes, with their Start here sheet: make one with `ties workbook` and copy the answers into it"),
        ));
    };
    let (lists, found_lists) = read_lists(lists);
    let mut r = Reader {
        path,
        names: names.clone(),
        problems: Diagnostics::default(),
        lists,
        layout: WorkbookLayout {
            lists: found_lists,
            ..WorkbookLayout::default()
        },
    };
    lists_are_whole(&mut r);
    let Some(mut top) = answers::start(&mut r, start) else {
        let problem = r.problems.items.into_iter().next().unwrap_or_else(|| {
            Diagnostic::error(path, Pos::FILE, "the Start here sheet cannot be read")
                .help("start again from the workbook that was sent, or make a new one with `ties workbook`")
        });
        return Err(Unread {
            problem,
            file: Some(source(path, names, grids, WorkbookLayout::default())),
        });
    };
    for g in &grids {
        structure::check(&mut r, g);
        if let Some(col) = g.column("restricted") {
            r.layout.restricted_columns.insert(g.sheet, col);
        }
    }
    let mut seen = HashMap::default();
    let mut responses = answers::Answers::default();
    let mut metrics = Vec::new();
    let mut actions = Vec::new();
    for g in &grids {
        match g.kind {
            SheetKind::Items => answers::items(&mut r, g, &mut responses, &mut seen),
            SheetKind::Measures => metrics.extend(answers::measures(&mut r, g, &mut seen)),
            _ => {}
        }
    }
    for g in &grids {
        match g.kind {
            SheetKind::Evidence => records::evidence(&mut r, g, &mut responses),
            SheetKind::Actions => actions.extend(records::actions(&mut r, g)),
            _ => {}
        }
    }
    let at = Pos::cell(start.sheet, 0, 0);
    top.push(("responses", responses.into_node(at)));
    top.push(("metrics", node(at, Value::Map(metrics))));
    top.push(("actions", node(at, Value::List(actions))));
    let tree = group(at, top);
    let mut problems = std::mem::take(&mut r.problems);
    let layout = std::mem::take(&mut r.layout);
    let file = source(path, names, grids, layout);
    // The same checks of characters as YAML and TOML text gets, on every cell read.
    problems
        .items
        .extend(super::characters::check_all(&file, &tree));
    Ok(Document {
        file,
        node: tree,
        problems,
    })
}

/// Why the sheets could not be read: a problem to show, or, from the quick reader, that it is
/// not sure and the general reader reads the workbook.
enum SheetsError {
    Problem(Diagnostic),
    Unsure,
}

/// The sheets' names, and the sheets `ties` reads, by the quick reader where it is sure of
/// the workbook (`quick`) and by the general reader where not. In debug builds both read
/// every workbook the quick reader reads, and must agree.
fn read_sheets(path: &Path, bytes: Vec<u8>) -> Result<(Vec<String>, Vec<Grid>), Diagnostic> {
    open::check(path, &bytes)?;
    match quick_sheets(path, &bytes) {
        Some(Ok(read)) => {
            #[cfg(debug_assertions)]
            general_agrees(path, bytes, &read);
            Ok(read)
        }
        Some(Err(problem)) => Err(problem),
        None => general_sheets(path, bytes),
    }
}

/// The sheets' names, and the sheets read.
type ReadSheets = (Vec<String>, Vec<Grid>);

/// The sheets read by the quick reader; none where it is not sure of the workbook.
fn quick_sheets(path: &Path, bytes: &[u8]) -> Option<Result<ReadSheets, Diagnostic>> {
    let book = quick::open(bytes).ok()?;
    let names = book.names();
    let read = |i: usize, budget: &mut usize| match book.cells(i) {
        Ok(cells) => grid::read_cells(cells, i as u32 + 1, wanted, budget),
        Err(_) => Err(GridError::Unsure),
    };
    match sheets_of(path, &names, &book.types(), read) {
        Ok(grids) => Some(Ok((names, grids))),
        Err(SheetsError::Problem(p)) => Some(Err(p)),
        Err(SheetsError::Unsure) => None,
    }
}

/// The sheets read by the general reader.
fn general_sheets(path: &Path, bytes: Vec<u8>) -> Result<ReadSheets, Diagnostic> {
    let mut wb = open::open(path, bytes)?;
    let names = wb.sheet_names();
    let types: Vec<SheetType> = wb.sheets_metadata().iter().map(|s| s.typ).collect();
    let read =
        |i: usize, budget: &mut usize| grid::read(&mut wb, &names[i], i as u32 + 1, wanted, budget);
    match sheets_of(path, &names, &types, read) {
        Ok(grids) => Ok((names, grids)),
        Err(SheetsError::Problem(p)) => Err(p),
        // Only the quick reader is ever unsure.
        Err(SheetsError::Unsure) => Err(Diagnostic::error(
            path,
            Pos::FILE,
            "the workbook is damaged, and ties cannot read it",
        )
        .help("open it in Excel or LibreOffice: if it opens, save it again as an Excel Workbook (.xlsx)")),
    }
}

/// Reads each worksheet with `read` (given its place from 0 and the cells still allowed).
fn sheets_of(
    path: &Path,
    names: &[String],
    types: &[SheetType],
    mut read: impl FnMut(usize, &mut usize) -> Result<Option<Grid>, GridError>,
) -> Result<Vec<Grid>, SheetsError> {
    let mut budget = grid::MAX_CELLS;
    let mut grids = Vec::new();
    for (i, name) in names.iter().enumerate() {
        if types.get(i) != Some(&SheetType::WorkSheet) {
            continue;
        }
        match read(i, &mut budget) {
            Ok(Some(g)) => grids.push(g),
            Ok(None) => {}
            Err(GridError::Unsure) => return Err(SheetsError::Unsure),
            Err(GridError::TooManyCells) => {
                return Err(SheetsError::Problem(Diagnostic::error(
                    path,
                    Pos::FILE,
                    "the workbook has far more filled cells than a self-assessment could",
                )
                .expected(format!("at most {} cells", grid::MAX_CELLS))
                .help("this is not a self-assessment workbook, or something was pasted many times over: start again from the last copy that was sent")));
            }
            Err(GridError::Damaged(e)) => {
                return Err(SheetsError::Problem(
                    Diagnostic::error(path, Pos::FILE, "the workbook is damaged, and ties cannot read it")
                        .found(format!("sheet \"{name}\": {e}"))
                        .help("open it in Excel or LibreOffice: if it opens, save it again as an Excel Workbook (.xlsx)"),
                ));
            }
        }
    }
    Ok(grids)
}

/// In debug builds: the general reader reads the workbook the quick reader read, and finds
/// the same sheets and cells.
#[cfg(debug_assertions)]
fn general_agrees(path: &Path, bytes: Vec<u8>, (names, grids): &ReadSheets) {
    let Ok((general_names, general_grids)) = general_sheets(path, bytes) else {
        panic!(
            "{}: the quick reader read a workbook the general reader refuses",
            path.display()
        );
    };
    assert_eq!(
        *names,
        general_names,
        "{}: the sheets' names",
        path.display()
    );
    assert_eq!(
        grids.iter().map(Grid::contents).collect::<Vec<_>>(),
        general_grids.iter().map(Grid::contents).collect::<Vec<_>>(),
        "{}: the cells read",
        path.display()
    );
}

/// The workbook as messages see it: its sheets' names, and the cells read, kept to show one
/// under a problem found in it.
fn source(path: &Path, names: Vec<String>, grids: Vec<Grid>, layout: WorkbookLayout) -> SourceFile {
    let cells = Arc::new(grid::Grids(grids));
    SourceFile::workbook(
        path,
        Sheets {
            names,
            cells,
            layout,
        },
    )
}

/// A drop-down list's words, each with its id and the place of the word.
type FoundList = (String, Vec<crate::diag::source::ListWord>);

/// The drop-down lists: for each, its key (row 1), title (row 2), and words with their ids; and
/// the same words placed at their cells, to check them against the frameworks.
fn read_lists(g: &Grid) -> (HashMap<String, Rc<List>>, Vec<FoundList>) {
    let text = |row: u32, col: u32| match g.rows.get(&row).and_then(|r| r.get(&col)) {
        Some(Cell::Text(t)) => Some(t.to_string()),
        Some(Cell::Number(n)) => Some(grid::number_text(*n)),
        _ => None,
    };
    let mut out = HashMap::default();
    let mut found = Vec::new();
    let mut columns: Vec<(&str, u32)> = g.columns().collect();
    columns.sort_by_key(|(_, c)| *c);
    for (key, col) in columns {
        let mut entries = Vec::new();
        let mut placed = Vec::new();
        let mut row = layout::LIST_FIRST_ROW;
        while let Some(label) = text(row, col) {
            if let Some(id) = text(row, col + 1) {
                placed.push((
                    label.clone(),
                    id.clone(),
                    Pos::cell(g.sheet, row as usize + 1, col as usize + 1),
                ));
                entries.push((label, id));
            }
            row += 1;
        }
        let title = text(layout::LIST_TITLE_ROW, col).unwrap_or_default();
        out.insert(key.to_string(), made_before(title, entries));
        found.push((key.to_string(), placed));
    }
    (out, found)
}

/// How many lists `MADE` keeps: a workbook has a dozen or so.
const MADE_MOST: usize = 32;

thread_local! {
    /// The lists made from workbooks read before on this thread, newest last: an estate's
    /// workbooks hold the same lists, whose words need not be made plain again for each.
    static MADE: RefCell<Vec<Rc<List>>> = const { RefCell::new(Vec::new()) };
}

/// The list of `title` and `entries`: one made before on this thread from the same title and
/// the same entries, word for word and in the same order, or else a new one, kept for the next
/// workbook.
fn made_before(title: String, entries: Vec<(String, String)>) -> Rc<List> {
    MADE.with_borrow_mut(|made| {
        if let Some(list) = made
            .iter()
            .find(|l| l.title == title && l.entries == entries)
        {
            return Rc::clone(list);
        }
        let list = Rc::new(List::new(title, entries));
        if made.len() == MADE_MOST {
            made.remove(0);
        }
        made.push(Rc::clone(&list));
        list
    })
}

/// A list whose word stands for two ids, or whose word is another entry's id, could turn an
/// answer into another: each is a problem at the word's cell.
fn lists_are_whole(r: &mut Reader) {
    let mut problems = Vec::new();
    for (key, entries) in &r.layout.lists {
        // The list's words, made with its entries from the same cells in the same order.
        let Some(list) = r.lists.get(key) else {
            continue;
        };
        for &i in &list.two_answers {
            let (label, id, pos) = &entries[i];
            problems.push(
                r.error(*pos, format!("the word `{label}` of the hidden list `{key}` stands for more than one answer"))
                    .found(format!("`{label}` stands for `{id}` here, and for another answer elsewhere in the list"))
                    .help("the workbook's hidden Lists sheet was changed: start again from the workbook that was sent, or make a new one with `ties workbook` and copy the answers into it"),
            );
        }
    }
    r.problems.items.extend(problems);
}

/// The entries of a list whose word, written plain (`plain_word`), is the word of an earlier
/// entry for another id, or the id of any other entry for another id.
pub(super) fn words_for_more_than_one(entries: &[(String, String)]) -> Vec<usize> {
    /// The ids found for one plain word: the first, and whether another differs from it.
    struct Stands<'a> {
        first: &'a str,
        another: bool,
    }
    impl<'a> Stands<'a> {
        fn add(found: &mut HashMap<Cow<'a, str>, Stands<'a>>, word: Cow<'a, str>, id: &'a str) {
            found
                .entry(word)
                .and_modify(|s| s.another |= s.first != id)
                .or_insert(Stands {
                    first: id,
                    another: false,
                });
        }
        fn other_than(&self, id: &str) -> bool {
            self.another || self.first != id
        }
    }
    let mut ids = HashMap::with_capacity_and_hasher(entries.len(), Default::default());
    for (_, id) in entries {
        Stands::add(&mut ids, plain_word(id), id);
    }
    let mut earlier_words = HashMap::with_capacity_and_hasher(entries.len(), Default::default());
    let mut out = Vec::new();
    for (i, (word, id)) in entries.iter().enumerate() {
        let word = plain_word(word);
        let stands_for_another = |found: &HashMap<Cow<str>, Stands>| {
            found.get(word.as_ref()).is_some_and(|s| s.other_than(id))
        };
        if stands_for_another(&earlier_words) || stands_for_another(&ids) {
            out.push(i);
        }
        Stands::add(&mut earlier_words, word, id);
    }
    out
}

/// A list's word or id as a person reads it: its words separated by single spaces, in small
/// letters. Most are written so already, and are given as they are; most others differ only in
/// their capital letters A to Z.
pub(super) fn plain_word(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    let mut spaced_once =
        b.first() != Some(&b' ') && b.last() != Some(&b' ') && !b.windows(2).any(|w| w == b"  ");
    let mut capitals = false;
    if spaced_once && s.is_ascii() {
        // Text of ASCII alone, looked at a byte at a time: printable, with or without capitals.
        spaced_once = b.iter().all(|c| (b' '..=b'~').contains(c));
        capitals = b.iter().any(u8::is_ascii_uppercase);
    } else if spaced_once {
        for c in s.chars() {
            let kept = match c {
                ' '..='~' => {
                    capitals |= c.is_ascii_uppercase();
                    true
                }
                _ if c.is_ascii() => false,
                // A letter of another alphabet: kept where it is no capital.
                _ => !c.is_whitespace() && c.to_lowercase().eq([c]),
            };
            if !kept {
                spaced_once = false;
                break;
            }
        }
    }
    match (spaced_once, capitals) {
        (true, false) => Cow::Borrowed(s),
        (true, true) => Cow::Owned(s.to_ascii_lowercase()),
        (false, _) => Cow::Owned(
            s.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule as first written: every pair of entries compared.
    fn every_pair(entries: &[(String, String)]) -> Vec<usize> {
        let norm = |s: &str| {
            s.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        let plain: Vec<(String, String)> =
            entries.iter().map(|(l, id)| (norm(l), norm(id))).collect();
        (0..entries.len())
            .filter(|&i| {
                let (word, id) = (&plain[i].0, &entries[i].1);
                let clash = entries[..i]
                    .iter()
                    .zip(&plain)
                    .any(|((_, other), (l, o))| other != id && (l == word || o == word));
                let against_id = entries
                    .iter()
                    .zip(&plain)
                    .any(|((_, other), (_, o))| other != id && o == word);
                clash || against_id
            })
            .collect()
    }

    fn list(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(l, id)| (l.to_string(), id.to_string()))
            .collect()
    }

    /// A list made from the same title and words as one made before is that one; any other is
    /// made afresh, with its own words for two answers.
    #[test]
    fn lists_are_made_once_for_the_same_words() {
        let pairs = |p: &[(&str, &str)]| -> Vec<(String, String)> {
            p.iter()
                .map(|(l, id)| (l.to_string(), id.to_string()))
                .collect()
        };
        let good = pairs(&[("Met", "met"), ("Partly met", "partly")]);
        let first = made_before("Rating".into(), good.clone());
        assert!(Rc::ptr_eq(
            &first,
            &made_before("Rating".into(), good.clone())
        ));
        assert!(first.two_answers.is_empty());
        // Another title, a word changed, the words in another order: made afresh.
        let retitled = made_before("Confidence".into(), good.clone());
        assert!(!Rc::ptr_eq(&first, &retitled));
        assert_eq!(retitled.title, "Confidence");
        let changed = made_before("Rating".into(), pairs(&[("Met", "met"), ("met", "partly")]));
        assert!(!Rc::ptr_eq(&first, &changed));
        assert_eq!(changed.two_answers, vec![1]);
        let reordered = made_before(
            "Rating".into(),
            pairs(&[("Partly met", "partly"), ("Met", "met")]),
        );
        assert!(!Rc::ptr_eq(&first, &reordered));
        assert_eq!(reordered.entries[0].1, "partly");
        // Once as many other lists were made as are kept, the first is made again.
        for i in 0..MADE_MOST {
            made_before(format!("list {i}"), good.clone());
        }
        let again = made_before("Rating".into(), good.clone());
        assert!(!Rc::ptr_eq(&first, &again));
        assert_eq!(again.entries, first.entries);
    }

    #[test]
    fn a_word_for_two_answers_is_found() {
        let good = list(&[("Yes", "yes"), ("No", "no"), ("Not known", "not_known")]);
        assert!(words_for_more_than_one(&good).is_empty());
        // The same word, written otherwise, for another id: the second is the problem.
        let twice = list(&[
            ("Met", "met"),
            ("Partly met", "partly"),
            ("  MET ", "not_met"),
        ]);
        assert_eq!(words_for_more_than_one(&twice), vec![2]);
        // A word that is another entry's id, wherever that entry is.
        let id_word = list(&[("partly", "met"), ("Partly met", "partly")]);
        assert_eq!(words_for_more_than_one(&id_word), vec![0]);
        // The same word twice for the same id is no problem.
        let same = list(&[("Met", "met"), ("met", "met")]);
        assert!(words_for_more_than_one(&same).is_empty());
    }

    /// Every word of the tests below, and more of other alphabets and spaces, made plain the
    /// quick way and the long way.
    #[test]
    fn plain_words_are_the_words_made_plain_the_long_way() {
        let long = |s: &str| {
            s.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        let pieces = [
            "Met",
            "met",
            " MET",
            "partly",
            "Partly Met",
            "x  y",
            "n\u{a0}o",
            "déjà",
            "DÉJÀ",
            "ΣΟΦΟΣ",
            "σοφος",
            "ς",
            "ǅ",
            "ǆ",
            "İ",
            "ß",
            "ẞ",
            "\u{3000}",
            "\t",
            "\n",
            "~",
            "",
            "A-Z [x]",
            "Ω",
            "ω",
            "Ⅻ",
            "ⅻ",
            "\u{200b}",
        ];
        let mut checked = 0;
        for a in pieces {
            for b in pieces {
                for sep in ["", " ", "  ", "\t"] {
                    let word = format!("{a}{sep}{b}");
                    assert_eq!(plain_word(&word), long(&word), "{word:?}");
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, pieces.len() * pieces.len() * 4);
    }

    #[test]
    fn plain_words_are_given_as_they_are_or_made_plain() {
        assert!(matches!(
            plain_word("partly met"),
            Cow::Borrowed("partly met")
        ));
        for (given, plain) in [
            ("Partly Met", "partly met"),
            ("A-Z [x] ~", "a-z [x] ~"),
            (" partly  met\t", "partly met"),
            ("déjà Vu", "déjà vu"),
            ("", ""),
        ] {
            assert_eq!(plain_word(given), plain, "{given:?}");
        }
    }

    #[test]
    fn the_quick_rule_agrees_with_every_pair_compared() {
        let words = [
            "Met",
            "met",
            " MET",
            "Partly met",
            "partly",
            "partly_met",
            "no",
            "No ",
            "n\u{a0}o",
            "x  y",
            "X Y",
        ];
        let ids = ["met", "partly", "no", "Met", "x y"];
        // Every list of up to four entries drawn from these words and ids.
        let pairs: Vec<(&str, &str)> = words
            .iter()
            .flat_map(|w| ids.iter().map(move |id| (*w, *id)))
            .collect();
        let mut state = 7u64;
        for _ in 0..20_000 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let n = (state >> 60) as usize % 5;
            let chosen: Vec<(&str, &str)> = (0..n)
                .map(|k| pairs[((state >> (k * 12)) as usize) % pairs.len()])
                .collect();
            let entries = list(&chosen);
            assert_eq!(
                words_for_more_than_one(&entries),
                every_pair(&entries),
                "{chosen:?}"
            );
        }
    }
}
