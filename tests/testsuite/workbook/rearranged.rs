//! Workbooks as people leave them: sorted, with a column sorted on its own, rows deleted, the
//! hidden structure changed, cells pasted from other programs, and damaged. Every answer is
//! read or reported at its cell; nothing is dropped without a message, and nothing crashes.

use std::path::{Path, PathBuf};

use calamine::{Reader as _, open_workbook_auto};

use super::{ok_in, parts, root, scratch, set_cell, swap_rows, ties_in, values, write_parts};

const FRAMEWORK: usize = 2;
const MEASURES: usize = 5;
const ACTIONS: usize = 7;
/// The hidden Lists sheet: the last, after What the ratings mean and the Guidance sheet (where
/// the Farmer offer's long guidance goes on).
const LISTS: usize = 10;

fn harrowfield(name: &str) -> (PathBuf, PathBuf) {
    let dir = scratch(name);
    let example = root().join("assessments/hmp-harrowfield/2025.yaml");
    ok_in(
        &dir,
        &["workbook", example.to_str().unwrap(), "-o", "2025.xlsx"],
    );
    let wb = dir.join("2025.xlsx");
    (dir, wb)
}

/// The name of the first cell of sheet `sheet` (counted from 1) whose text is `text`.
fn cell_of(path: &Path, sheet: usize, text: &str) -> String {
    let mut wb = open_workbook_auto(path).unwrap();
    let name = wb.sheet_names()[sheet - 1].clone();
    let range = wb.worksheet_range(&name).unwrap();
    let (row, col) = range
        .used_cells()
        .find(|(_, _, v)| matches!(v, calamine::Data::String(s) if s == text))
        .map(|(r, c, _)| {
            (
                r as u32 + range.start().unwrap().0,
                c as u32 + range.start().unwrap().1,
            )
        })
        .unwrap_or_else(|| panic!("no {text} on sheet {sheet}"));
    let mut letters = String::new();
    let mut n = col as usize + 1;
    while n > 0 {
        letters.insert(0, (b'A' + ((n - 1) % 26) as u8) as char);
        n = (n - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

/// Sheet `sheet`'s row `row` removed, as deleting it leaves nothing in its place.
fn delete_row(path: &Path, sheet: usize, row: u32) {
    let name = format!("xl/worksheets/sheet{sheet}.xml");
    let mut all = parts(path);
    let (_, xml) = all.iter_mut().find(|(n, _)| *n == name).unwrap();
    let re = regex::Regex::new(&format!(r#"<row r="{row}"[^>]*>.*?</row>"#)).unwrap();
    *xml = re.replace(xml, "").into_owned();
    write_parts(path, &all);
}

/// `ties check` on the workbook, within the memory any hostile input may take.
fn check(dir: &Path) -> crate::Run {
    crate::Test::in_dir(dir)
        .args(["check", "2025.xlsx"])
        .memory_bound(crate::HOSTILE_MEMORY_MB)
        .run()
}

#[test]
fn headings_sorted_in_among_the_answers_are_skipped_and_no_answer_is_lost() {
    let (dir, wb) = harrowfield("headings-sorted");
    let before = values(&wb);
    // The headings (row 2) and an answered item (row 4) change places, as Sort Ascending with
    // the hidden row of keys taken as the header leaves them; then the Evidence sheet's too.
    swap_rows(&wb, FRAMEWORK, 2, 4);
    assert_eq!(before, values(&wb), "every answer is read where it went");
    swap_rows(&wb, 6, 2, 7);
    let run = check(&dir);
    assert_eq!(run.code, 0, "{}", run.output());
    assert!(
        run.stdout
            .contains("the row of headings is at row 4, among the answers: ties skipped it")
            && run.stdout.contains("sheet \"Farmer offer\", row 4")
            && run.stdout.contains("sheet \"Evidence\", row 7"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_column_sorted_on_its_own_is_reported_not_scored() {
    let (dir, wb) = harrowfield("one-column");
    // A rating sorted into the section's heading row (row 3), as sorting column E alone does.
    set_cell(&wb, FRAMEWORK, "E3", Some("Fully in place"));
    let run = check(&dir);
    assert_eq!(run.code, 1, "{}", run.output());
    assert!(
        run.stdout.contains(
            "error: this row holds an answer, but ties cannot tell which item it is for\n"
        ) && run.stdout.contains("sheet \"Farmer offer\", cell E3\n"),
        "{}",
        run.stdout
    );
    let score = ties_in(&dir, &["score", "2025.xlsx"]);
    assert_eq!(score.code, 1, "nothing is scored:\n{}", score.output());
    // The visible reference sorted apart from the hidden id: the row is not read as either item.
    let (dir, wb) = harrowfield("reference-apart");
    set_cell(&wb, FRAMEWORK, "B4", Some("farmer-offer/extended-visits"));
    set_cell(&wb, MEASURES, "B4", Some("farmer-offer/nothing-here"));
    let run = check(&dir);
    assert_eq!(run.code, 1, "{}", run.output());
    for cell in [
        "sheet \"Farmer offer\", cell B4\n",
        "sheet \"Measures\", cell B4\n",
    ] {
        assert!(run.stdout.contains(cell), "{cell}:\n{}", run.stdout);
    }
    assert!(run.stdout.contains(
        "error: this row's cells do not belong together: its reference is not the item its hidden id names"
    ));
}

/// The text of a cell of sheet `sheet` (counted from 1), at `row` and `col` (counted from 0).
fn text_at(path: &Path, sheet: usize, row: u32, col: u32) -> String {
    let mut wb = open_workbook_auto(path).unwrap();
    let name = wb.sheet_names()[sheet - 1].clone();
    let range = wb.worksheet_range(&name).unwrap();
    range
        .get_value((row, col))
        .map(|v| v.to_string())
        .unwrap_or_default()
}

/// Rows 3 and 4 of `sheet` (named `name`) exchange their cells in column `column` (counted from
/// 0 in `col`), as sorting that column alone leaves them; `ties check` must report both cells.
fn exchanged_alone(test: &str, sheet: usize, name: &str, column: &str, col: u32) -> crate::Run {
    let (dir, wb) = harrowfield(test);
    let (third, fourth) = (text_at(&wb, sheet, 2, col), text_at(&wb, sheet, 3, col));
    assert!(!third.is_empty() && !fourth.is_empty() && third != fourth);
    set_cell(&wb, sheet, &format!("{column}3"), Some(&fourth));
    set_cell(&wb, sheet, &format!("{column}4"), Some(&third));
    let run = check(&dir);
    assert_eq!(run.code, 1, "{}", run.output());
    for row in [3, 4] {
        let cell = format!("sheet \"{name}\", cell {column}{row}\n");
        assert!(run.stdout.contains(&cell), "{cell}:\n{}", run.stdout);
    }
    run
}

#[test]
fn a_column_of_evidence_or_actions_sorted_on_its_own_is_reported_not_read() {
    const EVIDENCE: usize = 6;
    // Two pieces of evidence exchange their texts (column D): each text is now said of
    // another item.
    let run = exchanged_alone("evidence-one-column", EVIDENCE, "Evidence", "D", 3);
    assert!(run.stdout.contains(
        "error: this row's cells do not belong together: this cell was moved here from another row, so the row is not read"
    ));
    // The same on the Actions sheet: two actions exchange what will be done (column C).
    exchanged_alone("actions-one-column", ACTIONS, "Actions", "C", 2);
    // A text changed by hand in one row, and another in a second row, are ordinary changes.
    let (dir, wb) = harrowfield("evidence-changed");
    set_cell(
        &wb,
        EVIDENCE,
        "D3",
        Some("Visitor survey, run again in the spring"),
    );
    set_cell(&wb, EVIDENCE, "D4", Some("Minutes of the family forum"));
    let run = check(&dir);
    assert_eq!(run.code, 0, "{}", run.output());
}

#[test]
fn a_deleted_row_is_named_apart_from_an_unanswered_item() {
    let (dir, wb) = harrowfield("deleted-row");
    delete_row(&wb, FRAMEWORK, 4);
    delete_row(&wb, MEASURES, 4);
    let run = check(&dir);
    assert!(
        run.stdout.contains("warning: the row of `farmer-offer/visitor-centre` is missing from sheet \"Farmer offer\": it may have been deleted\n")
            && run.stdout.contains("is missing from sheet \"Measures\": it may have been deleted")
            && run.stdout.contains("copy the whole row (with its hidden column A) from the workbook that was sent"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("not answered yet"), "{}", run.stdout);
    // An item left empty is unanswered, pointed at its own row.
    let (dir, wb) = harrowfield("unanswered-row");
    for col in ["E", "G", "H", "I", "K"] {
        set_cell(&wb, FRAMEWORK, &format!("{col}4"), None);
    }
    let run = check(&dir);
    assert!(
        run.stdout
            .contains("1 of 9 items of `farmer-offer` are not answered yet\n")
            && run.stdout.contains("sheet \"Farmer offer\", cell B4\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn the_hidden_structure_is_checked_and_restricted_fails_closed() {
    // The key of the Restricted column copied over another column's: which is Restricted is
    // uncertain, so every row counts as restricted, and it is an error at the cell.
    let (dir, wb) = harrowfield("restricted-doubled");
    set_cell(&wb, FRAMEWORK, "C1", Some("restricted"));
    let v = values(&wb);
    assert_eq!(
        v["responses"]["farmer-offer/visitor-centre"]["restricted"],
        true
    );
    let run = check(&dir);
    assert_eq!(run.code, 1, "{}", run.output());
    assert!(
        run.stdout
            .contains("columns J and C both hold the hidden key of the Restricted column")
            || run
                .stdout
                .contains("columns C and J both hold the hidden key of the Restricted column"),
        "{}",
        run.stdout
    );
    // Its key moved to another column: the heading people see disagrees.
    let (dir, wb) = harrowfield("restricted-moved");
    set_cell(&wb, FRAMEWORK, "J1", Some("narrative"));
    set_cell(&wb, FRAMEWORK, "G1", Some("restricted"));
    let v = values(&wb);
    assert_eq!(
        v["responses"]["farmer-offer/visitor-centre"]["restricted"],
        true
    );
    let run = check(&dir);
    assert_eq!(run.code, 1, "{}", run.output());
    assert!(
        run.stdout
            .contains("column G's heading does not match the answers ties reads from it"),
        "{}",
        run.stdout
    );
    // A word in the Restricted column that is neither Yes nor No counts as Yes.
    let (_, wb) = harrowfield("restricted-unsure");
    set_cell(&wb, FRAMEWORK, "J4", Some("Maybe"));
    let doc = crate::read_document(&wb);
    assert!(
        doc.problems
            .items
            .iter()
            .any(|d| d.message.contains("`Maybe` is not Yes or No"))
    );
    let node = format!("{:?}", doc.node);
    assert!(node.contains("Bool(true)"), "restricted, failing closed");
    // The Restricted column gone: every row restricted, and an error for the sheet.
    let (dir, wb) = harrowfield("restricted-gone");
    set_cell(&wb, MEASURES, "K1", None);
    let run = check(&dir);
    assert!(
        run.stdout
            .contains("the Restricted column is missing from this sheet"),
        "{}",
        run.stdout
    );
    // The row of headings deleted: which column is which cannot be checked, so every row of
    // the sheet counts as restricted.
    let (dir, wb) = harrowfield("headings-gone");
    delete_row(&wb, MEASURES, 2);
    let v = values(&wb);
    assert_eq!(
        v["metrics"]["farmer-offer/visits-on-entry"]["restricted"],
        true
    );
    let run = check(&dir);
    assert!(
        run.stdout
            .contains("the row of headings is missing from this sheet")
            && run.stdout.contains("sheet \"Measures\", row 2"),
        "{}",
        run.stdout
    );
    // A relabelled list: the word for one level made to stand for another.
    let (dir, wb) = harrowfield("relabelled");
    let first = cell_of(&wb, LISTS, "Fully in place");
    set_cell(&wb, LISTS, &first, Some("Not in place"));
    let run = check(&dir);
    assert_eq!(run.code, 1, "{}", run.output());
    assert!(
        run.stdout
            .contains(&format!("sheet \"Lists\", cell {first}\n"))
            && run
                .stdout
                .contains("stands for `fully-in-place`, which the frameworks do not say"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_workbooks_texts_pass_the_same_checks_of_characters_as_yaml() {
    let (dir, wb) = harrowfield("characters");
    // An escape and a bell, as a cell holds them (`_x001B_`); a zero-width space in an id and
    // in the establishment's name; a right-to-left override in the region.
    set_cell(&wb, FRAMEWORK, "G4", Some("We do it._x001B_[2J"));
    set_cell(&wb, ACTIONS, "B3", Some("A\u{200b}1"));
    let name = cell_of(&wb, 1, "HMP Harrowfield");
    set_cell(&wb, 1, &name, Some("HMP Harrow\u{200b}field"));
    set_cell(&wb, MEASURES, "J4", Some("Counted _x0007_ by hand"));
    let run = check(&dir);
    assert_eq!(run.code, 1, "{}", run.output());
    for place in [
        "sheet \"Farmer offer\", cell G4\n",
        "sheet \"Actions\", cell B3\n",
        &format!("sheet \"Start here\", cell {name}\n"),
        "sheet \"Measures\", cell J4\n",
    ] {
        assert!(run.stdout.contains(place), "{place}:\n{}", run.stdout);
    }
    assert!(
        run.stdout.contains("type the cell's text again without it"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("escape in quotes"), "{}", run.stdout);
}

#[test]
fn damaged_workbooks_are_errors_at_their_place() {
    // The cell saying which format the workbook is, emptied.
    let (dir, wb) = harrowfield("format-empty");
    let key = cell_of(&wb, 1, "ties");
    let value = format!("C{}", key.trim_start_matches('A'));
    set_cell(&wb, 1, &value, None);
    let run = check(&dir);
    assert_eq!(run.code, 1, "{}", run.output());
    assert!(
        run.stdout
            .contains("the cell that says which version of the workbook this is is empty"),
        "{}",
        run.stdout
    );
    // The same with a word instead of the number, and with the key itself gone.
    set_cell(&wb, 1, &value, Some("one"));
    assert_eq!(check(&dir).code, 1);
    set_cell(&wb, 1, &key, None);
    assert_eq!(check(&dir).code, 1);
    let re = regex::Regex::new(r#"uniqueCount="\d+""#).unwrap();
    // A table of texts that declares far more texts than it holds.
    for declared in ["99999999999999", "18446744073709551616", "5000000"] {
        let (dir, wb) = harrowfield(&format!("declared-{}", declared.len()));
        let mut all = parts(&wb);
        let (_, xml) = all
            .iter_mut()
            .find(|(n, _)| n == "xl/sharedStrings.xml")
            .unwrap();
        *xml = re
            .replace(xml, format!(r#"uniqueCount="{declared}""#).as_str())
            .into_owned();
        write_parts(&wb, &all);
        let run = check(&dir);
        assert_eq!(run.code, 1, "{}", run.output());
        assert!(
            run.stdout.contains("the workbook is damaged"),
            "{}",
            run.stdout
        );
    }
}

/// Everything `ties check` says of a workbook is in the spreadsheet's words: no YAML field and
/// no YAML advice, whatever was planted in it.
#[test]
fn a_workbooks_messages_speak_the_spreadsheets_language() {
    let (dir, wb) = harrowfield("spreadsheet-words");
    // Both a rating and a reason; a phone number in a narrative, an email in Completed by;
    // a measure with a figure and a rate's numbers; a control character.
    set_cell(&wb, FRAMEWORK, "F4", Some("It does not apply here."));
    set_cell(&wb, FRAMEWORK, "G5", Some("Ring 07700 900123 to book."));
    let by = cell_of(&wb, 1, "Completed by");
    let by = format!("C{}", by.trim_start_matches('B'));
    set_cell(&wb, 1, &by, Some("jo.bloggs@example.org"));
    set_cell(&wb, MEASURES, "G4", Some("12"));
    set_cell(&wb, MEASURES, "E5", Some("3"));
    set_cell(&wb, MEASURES, "F5", None);
    set_cell(&wb, FRAMEWORK, "G6", Some("Bad_x001B_"));
    let run = check(&dir);
    assert_eq!(run.code, 1, "{}", run.output());
    for wanted in [
        "clear the rating in E4 or the reason in F4",
        "pick Yes in the Restricted column, J5",
        "under Public contacts on Start here",
        "Completed by looks like",
    ] {
        assert!(run.stdout.contains(wanted), "{wanted}:\n{}", run.stdout);
    }
    let yaml = regex::Regex::new(r"`[a-z_]+:|: true`|`[a-z_]+: |escape in quotes").unwrap();
    let found: Vec<&str> = run.stdout.lines().filter(|l| yaml.is_match(l)).collect();
    assert!(
        found.is_empty(),
        "YAML words in a workbook's messages: {found:#?}\n{}",
        run.stdout
    );
}

/// The Evidence sheet names each item by its reference and its text, as its drop-down list
/// does; a reference typed alone, or followed by other words, is read as the same item.
#[test]
fn evidence_names_its_items_and_reads_a_reference_typed_alone() {
    const EVIDENCE: usize = 6;
    let (dir, wb) = harrowfield("evidence-titles");
    let before = values(&wb);
    assert_eq!(
        text_at(&wb, EVIDENCE, 2, 1),
        "farmer-offer/visitor-centre: Visitor Centre/Visitor Reception Services"
    );
    set_cell(&wb, EVIDENCE, "B3", Some("farmer-offer/visitor-centre"));
    set_cell(
        &wb,
        EVIDENCE,
        "B4",
        Some("farmer-offer/visitor-centre: the visitors' centre"),
    );
    assert_eq!(before, values(&wb));
    let run = check(&dir);
    assert_eq!(run.code, 0, "{}", run.output());
}
