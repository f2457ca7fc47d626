//! A filled-in workbook read as a family lead left it: every problem at its sheet and cell, all
//! of them in one run; rows found by their ids whatever their order.

use super::{ok_in, root, scratch, set_cell, swap_rows, ties_in, values};

/// Sheets of a new workbook with one framework: Start here, the framework, Measures, Evidence,
/// Actions.
const FRAMEWORK: usize = 2;
const MEASURES: usize = 3;
const EVIDENCE: usize = 4;
const ACTIONS: usize = 5;

fn new_workbook(name: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    let mut args = crate::new_assessment_args("workbook", "2025", "farmer-offer");
    args.extend(["-o".to_string(), "2025.xlsx".to_string()]);
    ok_in(&dir, &args.iter().map(String::as_str).collect::<Vec<_>>());
    dir
}

#[test]
fn a_mistyped_rating_and_an_impossible_date_are_placed_at_their_cells_with_a_suggestion() {
    let dir = new_workbook("mistyped");
    let wb = dir.join("2025.xlsx");
    set_cell(&wb, FRAMEWORK, "E4", Some("Fully in plce"));
    set_cell(&wb, EVIDENCE, "B3", Some("farmer-offer/visitor-centre"));
    set_cell(&wb, EVIDENCE, "C3", Some("Establishment data"));
    set_cell(&wb, EVIDENCE, "D3", Some("Visitor survey"));
    set_cell(&wb, EVIDENCE, "E3", Some("31/02/2026"));
    let run = ties_in(&dir, &["check", "2025.xlsx"]);
    assert_eq!(run.code, 1, "{}", run.output());
    let expected_rating = "\
error: `Fully in plce` is not a level of the Provision scale
  --> 2025.xlsx, sheet \"Farmer offer\", cell E4
   |
E4 | Fully in plce
   | ^^^^^^^^^^^^^
   = expected: one of `Not in place`, `Planned`, `Partly in place` or `Fully in place`
   = found: `Fully in plce`
   = help: did you mean `Fully in place`?
";
    let expected_date = "\
error: the date of this evidence `31/02/2026` is not a real date
  --> 2025.xlsx, sheet \"Evidence\", cell E3
   |
E3 | 31/02/2026
   | ^^^^^^^^^^
   = expected: a date, such as 31/03/2026
   = found: `31/02/2026`
   = help: February 2026 has 28 days
";
    assert!(run.stdout.contains(expected_rating), "{}", run.stdout);
    assert!(run.stdout.contains(expected_date), "{}", run.stdout);
}

#[test]
fn every_problem_in_the_workbook_is_found_in_one_run() {
    let dir = new_workbook("every-problem");
    let wb = dir.join("2025.xlsx");
    set_cell(&wb, FRAMEWORK, "E4", Some("Fully in plce"));
    set_cell(&wb, FRAMEWORK, "J5", Some("Maybe"));
    set_cell(&wb, FRAMEWORK, "E6", Some("Partly in place"));
    set_cell(&wb, FRAMEWORK, "F6", Some("We have no visits hall."));
    set_cell(&wb, MEASURES, "E4", Some("about 400"));
    set_cell(&wb, EVIDENCE, "B3", Some("farmer-offer/visitor-centre"));
    set_cell(&wb, EVIDENCE, "C3", Some("Estblishment data"));
    set_cell(&wb, EVIDENCE, "D3", Some("Survey"));
    set_cell(&wb, EVIDENCE, "E3", Some("03/31/2026"));
    set_cell(&wb, EVIDENCE, "D4", Some("A survey with no item"));
    set_cell(&wb, ACTIONS, "B3", Some("A1"));
    set_cell(&wb, ACTIONS, "C3", Some("Start a homework club"));
    set_cell(&wb, ACTIONS, "F3", Some("Open"));
    set_cell(&wb, ACTIONS, "E3", Some("30/06/26"));
    let run = ties_in(&dir, &["check", "2025.xlsx"]);
    assert_eq!(run.code, 1, "{}", run.output());
    for (place, words) in [
        (
            "sheet \"Farmer offer\", cell E4",
            "did you mean `Fully in place`?",
        ),
        (
            "sheet \"Farmer offer\", cell J5",
            "`Maybe` is not Yes or No",
        ),
        (
            "sheet \"Farmer offer\", cell E6",
            "cannot also have a rating",
        ),
        ("sheet \"Measures\", cell E4", "this should be a number"),
        (
            "sheet \"Evidence\", cell C3",
            "did you mean `Establishment data`?",
        ),
        ("sheet \"Evidence\", cell E3", "did you mean 31/03/2026?"),
        (
            "sheet \"Evidence\", cell B4",
            "does not say which item it is for",
        ),
        ("sheet \"Actions\", cell D3", "this action has no owner"),
        (
            "sheet \"Actions\", cell E3",
            "write the year in full, such as 30/06/2026",
        ),
    ] {
        let at = run
            .stdout
            .find(&format!("--> 2025.xlsx, {place}\n"))
            .unwrap_or_else(|| panic!("nothing at {place}:\n{}", run.stdout));
        let next = run.stdout[at..]
            .find("\n\n")
            .map_or(run.stdout.len(), |n| at + n);
        assert!(
            run.stdout[..next]
                .rsplit("error: ")
                .next()
                .is_some_and(|m| m.contains(words)),
            "{place}: expected {words:?} in:\n{}",
            run.stdout
        );
    }
    assert!(run.stdout.contains("9 errors"), "{}", run.stdout);
}

#[test]
fn a_filled_in_workbook_gives_the_report() {
    let dir = new_workbook("report");
    let wb = dir.join("2025.xlsx");
    set_cell(&wb, 1, "C23", Some("Head of Reducing Reoffending"));
    set_cell(&wb, FRAMEWORK, "E4", Some("Fully in place"));
    set_cell(
        &wb,
        FRAMEWORK,
        "G4",
        Some("Volunteers meet every family at the gate.\n\nA **new** play area."),
    );
    set_cell(&wb, FRAMEWORK, "H4", Some("Volunteers\nPlay area"));
    set_cell(&wb, MEASURES, "E4", Some("412"));
    set_cell(&wb, MEASURES, "F4", Some("690"));
    set_cell(&wb, EVIDENCE, "B3", Some("farmer-offer/visitor-centre"));
    set_cell(&wb, EVIDENCE, "C3", Some("What families told us"));
    set_cell(&wb, EVIDENCE, "D3", Some("Visitor survey, 212 replies"));
    set_cell(&wb, EVIDENCE, "E3", Some("03/11/2025"));
    set_cell(&wb, ACTIONS, "B3", Some("A1"));
    set_cell(&wb, ACTIONS, "C3", Some("Start a homework club"));
    set_cell(&wb, ACTIONS, "D3", Some("Family services manager"));
    set_cell(&wb, ACTIONS, "E3", Some("30/06/2026"));
    set_cell(&wb, ACTIONS, "F3", Some("In progress"));
    set_cell(&wb, ACTIONS, "H3", Some("farmer-offer/family-learning"));
    let check = ties_in(&dir, &["check", "2025.xlsx"]);
    assert_eq!(check.code, 0, "{}", check.output());
    let report = ok_in(&dir, &["report", "2025.xlsx", "--as-of", "2026-05-01"]).stdout;
    for words in [
        "Volunteers meet every family at the gate.",
        "Visitor survey, 212 replies",
        "Start a homework club",
        "Family services manager",
        "412",
    ] {
        assert!(
            report.contains(words),
            "{words} not in the report:\n{report}"
        );
    }
    let v = values(&wb);
    assert_eq!(v["completed_by"], "Head of Reducing Reoffending");
    assert_eq!(
        v["responses"]["farmer-offer/visitor-centre"]["rating"],
        "fully-in-place"
    );
    assert_eq!(
        v["responses"]["farmer-offer/visitor-centre"]["strengths"],
        serde_json::json!(["Volunteers", "Play area"])
    );
    assert_eq!(
        v["responses"]["farmer-offer/visitor-centre"]["evidence"][0]["date"],
        "2025-11-03"
    );
    assert_eq!(v["actions"][0]["status"], "in-progress");
    assert_eq!(v["actions"][0]["due"], "2026-06-30");
}

/// Each item's evidence, as a sorted list.
fn evidence_sets(v: &serde_json::Value) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = v["responses"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, r)| {
            let mut e: Vec<String> = r["evidence"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.to_string())
                .collect();
            e.sort();
            (k.clone(), e)
        })
        .collect();
    out.sort();
    out
}

/// Rows are found by the item id stored in each, so sorting them changes nothing, and a
/// problem is placed at the row where the item now is.
#[test]
fn sorted_rows_keep_their_answers() {
    let dir = scratch("sorted");
    let example = root().join("assessments/hmp-harrowfield/2025.yaml");
    ok_in(
        &dir,
        &["workbook", example.to_str().unwrap(), "-o", "2025.xlsx"],
    );
    let wb = dir.join("2025.xlsx");
    let before = values(&wb);
    swap_rows(&wb, FRAMEWORK, 4, 6);
    assert_eq!(before, values(&wb));
    // Evidence keeps the order of its sheet, whatever it is; sorted, each entry stays with
    // its item.
    swap_rows(&wb, 6, 3, 9);
    assert_eq!(evidence_sets(&before), evidence_sets(&values(&wb)));
    set_cell(&wb, FRAMEWORK, "E4", Some("Fully in plce"));
    let run = ties_in(&dir, &["check", "2025.xlsx"]);
    assert!(
        run.stdout.contains("cell E4\n") && run.stdout.contains("did you mean `Fully in place`?"),
        "{}",
        run.stdout
    );
    let v = values(&wb);
    // Row 4 now holds farmer-offer/extended-visits (it was row 6): its rating is the one lost.
    assert!(
        v["responses"]["farmer-offer/extended-visits"]
            .get("rating")
            .is_none()
    );
    assert_eq!(
        v["responses"]["farmer-offer/visitor-centre"]["rating"],
        "fully-in-place"
    );
}

/// A line break typed in a cell (Alt+Enter in Excel) stays a line break in the HTML report: in
/// the narrative and in a piece of evidence. In a YAML file, a single line break in prose is a
/// space, as in Markdown.
#[test]
fn line_breaks_typed_in_cells_stay_line_breaks_in_the_report() {
    let dir = new_workbook("line-breaks");
    let wb = dir.join("2025.xlsx");
    set_cell(&wb, FRAMEWORK, "E4", Some("Fully in place"));
    set_cell(
        &wb,
        FRAMEWORK,
        "G4",
        Some("Visits on Saturdays\nand Sundays"),
    );
    set_cell(&wb, EVIDENCE, "B3", Some("farmer-offer/visitor-centre"));
    set_cell(&wb, EVIDENCE, "C3", Some("Establishment data"));
    set_cell(
        &wb,
        EVIDENCE,
        "D3",
        Some("Visitor survey\nrun twice a year"),
    );
    ok_in(
        &dir,
        &[
            "report",
            "2025.xlsx",
            "--format",
            "html",
            "-o",
            "report.html",
        ],
    );
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(
        html.contains("Visits on Saturdays<br />\nand Sundays"),
        "the narrative's line break is kept"
    );
    assert!(
        html.contains("<li class=\"lines\"><strong>Establishment data</strong>: Visitor survey\nrun twice a year</li>"),
        "the evidence's line break is kept"
    );
    // The same text from YAML (as `ties import` writes it) wraps as Markdown does.
    ok_in(&dir, &["import", "2025.xlsx", "-o", "2025.yaml"]);
    ok_in(
        &dir,
        &[
            "report",
            "2025.yaml",
            "--format",
            "html",
            "-o",
            "from-yaml.html",
        ],
    );
    let html = std::fs::read_to_string(dir.join("from-yaml.html")).unwrap();
    assert!(html.contains("Visits on Saturdays\nand Sundays"));
    assert!(!html.contains("class=\"lines\""));
}
