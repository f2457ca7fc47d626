//! What the workbook's own XML proves: drop-down lists, date checks, protection without a
//! password, hidden keys, frozen headings and printing, and no formulas anywhere.

use super::{ok_in, part, parts, root, scratch};

#[test]
fn the_workbook_has_its_lists_date_checks_and_protection() {
    let dir = scratch("structure");
    let example = root().join("assessments/hmp-harrowfield/2025.yaml");
    ok_in(
        &dir,
        &["workbook", example.to_str().unwrap(), "-o", "2025.xlsx"],
    );
    let wb = dir.join("2025.xlsx");
    let book = part(&wb, "xl/workbook.xml");
    for sheet in [
        "Start here",
        "Farmer offer",
        "HMPPS family practice",
        "HMIP expectations",
        "Measures",
        "Evidence",
        "Actions",
        "What the ratings mean",
        "Guidance",
    ] {
        assert!(
            book.contains(&format!("name=\"{sheet}\"")),
            "no sheet {sheet}:\n{book}"
        );
    }
    assert!(
        book.contains("name=\"Lists\" sheetId=\"10\" state=\"hidden\""),
        "{book}"
    );
    // The framework sheet: ratings from a list of the scale's labels, Yes/No for restricted.
    let farmer = part(&wb, "xl/worksheets/sheet2.xml");
    assert!(
        farmer.contains("<dataValidation type=\"list\""),
        "no drop-down"
    );
    assert!(
        farmer.contains("<formula1>Lists!$"),
        "ratings not from the Lists sheet"
    );
    assert!(
        farmer.contains("<formula1>\"Yes,No\"</formula1>"),
        "no Yes/No list"
    );
    // Protected, with no password, and allowing sorting, filtering and resizing.
    let protection = regex::Regex::new(r"<sheetProtection [^>]*/>").unwrap();
    let p = protection
        .find(&farmer)
        .expect("a protected sheet")
        .as_str();
    assert!(!p.contains("password"), "{p}");
    for allowed in [
        "formatColumns=\"0\"",
        "formatRows=\"0\"",
        "sort=\"0\"",
        "autoFilter=\"0\"",
    ] {
        assert!(p.contains(allowed), "{allowed} in {p}");
    }
    // The keys: row 1 and column A hidden; the headings frozen, filtered and repeated on print.
    assert!(farmer.contains("<row r=\"1\"") && farmer.contains("hidden=\"1\""));
    assert!(
        farmer.contains("<col min=\"1\" max=\"1\" width=") && farmer.contains("state=\"frozen\"")
    );
    assert!(farmer.contains("<autoFilter ref=\"B2:"), "no filter");
    assert!(farmer.contains("orientation=\"landscape\"") && farmer.contains("fitToHeight=\"0\""));
    assert!(farmer.contains("<pageSetUpPr fitToPage=\"1\"/>"));
    assert!(
        book.contains("_xlnm.Print_Titles"),
        "headings not repeated on print"
    );
    // Cells to fill in are unlocked; the guidance is locked.
    let styles = part(&wb, "xl/styles.xml");
    assert!(
        styles.contains("<protection locked=\"0\"/>"),
        "no unlocked cells"
    );
    // Evidence: the item and kind from lists, dates checked as dates.
    let evidence = part(&wb, "xl/worksheets/sheet6.xml");
    assert!(
        evidence.contains("<dataValidation type=\"date\""),
        "no date check"
    );
    assert!(evidence.matches("<dataValidation type=\"list\"").count() >= 3);
    let actions = part(&wb, "xl/worksheets/sheet7.xml");
    assert!(actions.matches("<dataValidation type=\"date\"").count() == 2);
    // The format version and each framework's version are recorded.
    let strings = part(&wb, "xl/sharedStrings.xml");
    let framework = std::fs::read_to_string(root().join("frameworks/farmer-offer.yaml")).unwrap();
    let version = framework
        .lines()
        .find_map(|l| l.strip_prefix("version:"))
        .map(|v| v.trim().trim_matches('"'))
        .expect("the framework's version");
    let version = format!("Version {version}");
    for recorded in [
        "ties:start",
        "framework:farmer-offer",
        version.as_str(),
        "Workbook format",
    ] {
        assert!(strings.contains(recorded), "{recorded} not recorded");
    }
    // No formula in any cell.
    for (name, xml) in parts(&wb) {
        assert!(
            !xml.contains("<f>") && !xml.contains("<f "),
            "a formula in {name}"
        );
    }
}

/// An item linked as the same practice to an item of another framework in the workbook says so
/// in its guidance, both ways; with only one of the two frameworks there is no such note.
#[test]
fn the_same_practice_in_two_frameworks_is_noted_beside_each() {
    let dir = scratch("same-practice");
    let new = |frameworks: &str, out: &str| {
        let mut args = crate::new_assessment_args("workbook", "2025", frameworks);
        args.extend(["-o".to_string(), out.to_string()]);
        ok_in(&dir, &args.iter().map(String::as_str).collect::<Vec<_>>());
        part(&dir.join(out), "xl/sharedStrings.xml")
    };
    let both = new("hmpps-family-practice,hmip-expectations", "both.xlsx");
    for other in [
        "hmip-expectations/exp75-families-raise-concerns",
        "hmpps-family-practice/family-concerns",
    ] {
        assert!(
            both.contains(&format!(
                "The same practice as {other}, also in this workbook"
            )),
            "no note naming {other}"
        );
    }
    let alone = new("hmip-expectations", "alone.xlsx");
    assert!(!alone.contains("The same practice as"));
}
