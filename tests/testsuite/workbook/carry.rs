//! A new year started from last year's; the estate at the start of a cycle; the same year
//! twice in one folder; `ties import` and the files a person wrote.

use super::{ok_in, root, scratch, set_cell, ties_in, values};

fn harrowfield(dir: &std::path::Path) {
    let from = root().join("assessments/hmp-harrowfield/2025.yaml");
    std::fs::copy(from, dir.join("2025.yaml")).unwrap();
}

/// A workbook started from last year's: every answer marked, until it is changed or confirmed.
#[test]
fn last_years_answers_count_as_this_years_once_changed_or_confirmed() {
    let dir = scratch("carried-workbook");
    harrowfield(&dir);
    let run = ok_in(&dir, &["workbook", "--from", "2025.yaml"]);
    assert!(run.stdout.contains("Wrote 2026.xlsx."), "{}", run.stdout);
    let wb = dir.join("2026.xlsx");
    let v = values(&wb);
    assert_eq!(v["year"], 2026);
    assert!(v.get("completed_on").is_none());
    let r = &v["responses"];
    assert_eq!(r["farmer-offer/visitor-centre"]["carried_from"], 2025);
    assert_eq!(
        r["farmer-offer/visitor-centre"]["evidence"][0]["carried_from"],
        2025
    );
    // Done and dropped actions stay behind.
    let statuses: Vec<&str> = v["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["status"].as_str().unwrap())
        .collect();
    assert!(
        statuses.iter().all(|s| *s == "open" || *s == "in-progress"),
        "{statuses:?}"
    );
    let check = ok_in(&dir, &["check", "2026.xlsx"]);
    assert!(
        check
            .stdout
            .contains("89 answers carried forward from 2025 are not changed or confirmed yet")
            && check.stdout.contains("pick Yes in its Confirm column"),
        "{}",
        check.stdout
    );
    // Farmer offer, row 4: the visitor centre changed; row 5 confirmed; row 6 as it was.
    set_cell(&wb, 2, "G4", Some("This year's answer."));
    set_cell(&wb, 2, "M5", Some("Yes"));
    let v = values(&wb);
    let r = &v["responses"];
    assert!(
        r["farmer-offer/visitor-centre"]
            .get("carried_from")
            .is_none()
    );
    assert_eq!(
        r["farmer-offer/visitor-centre"]["narrative"],
        "This year's answer."
    );
    assert!(
        r["farmer-offer/staffing-structure"]
            .get("carried_from")
            .is_none()
    );
    assert_eq!(r["farmer-offer/extended-visits"]["carried_from"], 2025);
    // Imported, the marks stay where they are, for `ties check` to list.
    ok_in(&dir, &["import", "2026.xlsx"]);
    assert_eq!(values(&wb), values(&dir.join("2026.yaml")));
    let check = ok_in(&dir, &["check", "2026.yaml"]);
    assert!(
        check
            .stdout
            .contains("87 answers carried forward from 2025"),
        "{}",
        check.stdout
    );
}

#[test]
fn ties_init_from_last_year_marks_each_answer_until_the_line_is_removed() {
    let dir = scratch("carried-yaml");
    harrowfield(&dir);
    ok_in(&dir, &["init", "--from", "2025.yaml"]);
    let text = std::fs::read_to_string(dir.join("2026.yaml")).unwrap();
    assert!(text.contains(
        "    carried_from: 2025   # 2025's answer: change it, or remove this line if it still holds"
    ));
    assert!(text.contains("# Guidance:"), "no guidance comments");
    let check = ok_in(&dir, &["check", "2026.yaml"]);
    assert!(
        check.stdout.contains("remove its `carried_from:` line"),
        "{}",
        check.stdout
    );
    let confirmed = text.replace("    carried_from: 2025   # 2025's answer: change it, or remove this line if it still holds\n", "");
    std::fs::write(dir.join("2026.yaml"), confirmed).unwrap();
    let check = ok_in(&dir, &["check", "2026.yaml"]);
    assert!(
        !check.stdout.contains("answers carried forward"),
        "{}",
        check.stdout
    );
    // Never over a file that is there.
    let again = ties_in(&dir, &["init", "--from", "2025.yaml"]);
    assert_eq!(again.code, 1, "{}", again.output());
}

#[test]
fn the_estate_gets_a_workbook_each_at_the_start_of_a_cycle() {
    let dir = scratch("cycle");
    let register = root().join("assessments/register.yaml");
    let from = root().join("assessments");
    let args = [
        "workbook",
        "--register",
        register.to_str().unwrap(),
        "--year",
        "2026",
        "--from",
        from.to_str().unwrap(),
        "--out",
        "out",
    ];
    let run = ties_in(&dir, &args);
    assert_eq!(run.code, 2, "{}", run.output());
    assert!(
        run.stderr.contains("(hmp-brackenmoor, hmp-strathkeld)"),
        "{}",
        run.stderr
    );
    let mut with = args.to_vec();
    with.extend(["--framework", "farmer-offer"]);
    let run = ok_in(&dir, &with);
    assert!(
        run.stdout.contains("Wrote 10 workbooks for 2026 to out (8 started from the establishment's latest self-assessment, 2 new)."),
        "{}",
        run.stdout
    );
    let v = values(&dir.join("out/hmp-brackenmoor/2026.xlsx"));
    assert_eq!(v["establishment"]["comparator_group"], "long-term");
    assert_eq!(v["frameworks"], serde_json::json!(["farmer-offer"]));
    // A second run leaves every workbook as it is.
    let again = ok_in(&dir, &with);
    assert!(
        again.stdout.contains("Wrote 0 workbooks") && again.stdout.contains("10 already there"),
        "{}",
        again.stdout
    );
    let check = ok_in(&dir, &["check", "out"]);
    assert!(
        check.stdout.contains("in 10 files; no errors."),
        "{}",
        check.stdout
    );
}

#[test]
fn the_same_year_as_yaml_and_as_a_workbook_is_an_error_naming_both() {
    let dir = scratch("twice");
    std::fs::create_dir_all(dir.join("hmp-harrowfield")).unwrap();
    harrowfield(&dir.join("hmp-harrowfield"));
    ok_in(&dir, &["workbook", "hmp-harrowfield/2025.yaml"]);
    let run = ties_in(&dir, &["check", "."]);
    assert_eq!(run.code, 1, "{}", run.output());
    for (file, other) in [("2025.yaml", "2025.xlsx"), ("2025.xlsx", "2025.yaml")] {
        let message = format!(
            "error: hmp-harrowfield has two self-assessments for 2025: this file and ./hmp-harrowfield/{other}"
        );
        assert!(run.stdout.contains(&message), "{message}:\n{}", run.stdout);
        assert!(
            run.stdout
                .contains(&format!("--> ./hmp-harrowfield/{file}")),
            "{}",
            run.stdout
        );
    }
    // The estate sets both aside, and says so.
    let other = root().join("assessments/hmp-yoi-calderbrook/2025.yaml");
    std::fs::create_dir_all(dir.join("hmp-yoi-calderbrook")).unwrap();
    std::fs::copy(other, dir.join("hmp-yoi-calderbrook/2025.yaml")).unwrap();
    let compare = ties_in(&dir, &["compare", "."]);
    assert!(
        compare.output().contains("2 files could not be used"),
        "{}",
        compare.output()
    );
    assert!(
        !compare.stdout.contains("HMP Harrowfield |"),
        "{}",
        compare.stdout
    );
}

#[test]
fn import_never_replaces_a_file_a_person_wrote_without_force() {
    let dir = scratch("import-force");
    harrowfield(&dir);
    ok_in(&dir, &["workbook", "2025.yaml"]);
    let before = std::fs::read(dir.join("2025.yaml")).unwrap();
    let run = ties_in(&dir, &["import", "2025.xlsx"]);
    assert_eq!(run.code, 1, "{}", run.output());
    assert!(
        run.stderr.contains("add --force to replace it"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read(dir.join("2025.yaml")).unwrap(), before);
    ok_in(&dir, &["import", "2025.xlsx", "--force"]);
    assert_eq!(
        values(&dir.join("2025.yaml")),
        values(&dir.join("2025.xlsx"))
    );
    // A workbook is never written over without --force either, and output of another command
    // never replaces a self-assessment workbook.
    let run = ties_in(&dir, &["workbook", "2025.yaml"]);
    assert_eq!(run.code, 1, "{}", run.output());
    let run = ties_in(&dir, &["report", "2025.yaml", "-o", "2025.xlsx"]);
    assert_eq!(run.code, 1, "{}", run.output());
    assert!(
        run.stderr.contains("looks like a file you wrote"),
        "{}",
        run.stderr
    );
}
