//! A workbook named for a year (`2024.xlsx`, as `ties workbook` names it) is taken to hold that
//! year: the estate reads in full only those named for the years it shows, and a workbook whose
//! name and year differ is an error wherever it is read.

use super::{ok_in, root, scratch, ties_in};

/// Harrowfield's 2024 and 2025 as workbooks in `dir/hmp-harrowfield`, and Calderbrook's 2025 as
/// YAML beside them.
fn estate(name: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    for (id, year) in [("hmp-harrowfield", 2024), ("hmp-harrowfield", 2025)] {
        std::fs::create_dir_all(dir.join(id)).unwrap();
        let from = root().join(format!("assessments/{id}/{year}.yaml"));
        std::fs::copy(from, dir.join(format!("{id}/{year}.yaml"))).unwrap();
        ok_in(&dir, &["workbook", &format!("{id}/{year}.yaml")]);
        std::fs::remove_file(dir.join(format!("{id}/{year}.yaml"))).unwrap();
    }
    std::fs::create_dir_all(dir.join("hmp-yoi-calderbrook")).unwrap();
    std::fs::copy(
        root().join("assessments/hmp-yoi-calderbrook/2025.yaml"),
        dir.join("hmp-yoi-calderbrook/2025.yaml"),
    )
    .unwrap();
    dir
}

#[test]
fn the_estate_reads_the_workbooks_named_for_the_years_it_shows() {
    let dir = estate("named-years");
    // An earlier year's workbook is not read: a damaged file named for 2019 goes unnoticed
    // by the comparison, which says it did not read it, and is found by `ties check`.
    std::fs::write(dir.join("hmp-harrowfield/2019.xlsx"), b"not a workbook").unwrap();
    let compare = ok_in(&dir, &["compare", "."]);
    assert!(
        compare
            .stdout
            .contains("1 self-assessment of other years was not read"),
        "{}",
        compare.stdout
    );
    assert!(
        compare.stdout.contains("HMP Harrowfield"),
        "{}",
        compare.stdout
    );
    let check = ties_in(&dir, &["check", "."]);
    assert_eq!(check.code, 1, "{}", check.output());
    assert!(
        check.stdout.contains("hmp-harrowfield/2019.xlsx"),
        "{}",
        check.stdout
    );
    // Asked for 2019, the comparison reads it, and leaves it out.
    let old = ties_in(&dir, &["compare", ".", "--year", "2019"]);
    assert!(
        old.output().contains("1 file could not be used"),
        "{}",
        old.output()
    );
}

#[test]
fn a_workbook_that_holds_another_year_than_its_name_is_an_error() {
    let dir = estate("named-wrong");
    // Last year's workbook, copied as this year's and not yet changed.
    std::fs::rename(
        dir.join("hmp-harrowfield/2025.xlsx"),
        dir.join("hmp-harrowfield/2026.xlsx"),
    )
    .unwrap();
    let check = ties_in(&dir, &["check", "."]);
    assert_eq!(check.code, 1, "{}", check.output());
    let message = "error: this workbook is the self-assessment for 2025, but its name says 2026";
    assert!(check.stdout.contains(message), "{}", check.stdout);
    assert!(
        check
            .stdout
            .contains("--> ./hmp-harrowfield/2026.xlsx, sheet \"Start here\""),
        "{}",
        check.stdout
    );
    assert!(
        check.stdout.contains("rename the file 2025.xlsx"),
        "{}",
        check.stdout
    );
    // The estate leaves it out, and shows 2025 without it.
    let compare = ties_in(&dir, &["compare", "."]);
    assert!(
        compare.output().contains("1 file could not be used"),
        "{}",
        compare.output()
    );
    assert!(
        !compare.stdout.contains("HMP Harrowfield |"),
        "{}",
        compare.stdout
    );
    // Named for its year, it is read as before.
    std::fs::rename(
        dir.join("hmp-harrowfield/2026.xlsx"),
        dir.join("hmp-harrowfield/2025.xlsx"),
    )
    .unwrap();
    let check = ok_in(&dir, &["check", "."]);
    assert!(check.stdout.contains("no errors"), "{}", check.stdout);
    // A workbook not named for a year is read in full, whatever it holds.
    std::fs::rename(
        dir.join("hmp-harrowfield/2025.xlsx"),
        dir.join("hmp-harrowfield/harrowfield-return.xlsx"),
    )
    .unwrap();
    let compare = ok_in(&dir, &["compare", "."]);
    assert!(
        compare.stdout.contains("HMP Harrowfield |"),
        "{}",
        compare.stdout
    );
}
