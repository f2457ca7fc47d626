//! The personal data guard: `ties check` warns, public outputs refuse, restricted text and
//! `--allow-personal-data` let them through.

use super::path_str;
use crate::{Test, scratch};

const BASE: &str = "ties: 1
establishment: { id: hmp-private, name: HMP Private, nation: england-wales }
year: 2025
completed_on: 2026-04-01
frameworks: [farmer-offer]
responses:
  farmer-offer/visitor-centre:
    rating: planned
    restricted: RESTRICTED
    narrative: |
      TEXT
";

fn write(dir: &std::path::Path, text: &str, restricted: bool) -> std::path::PathBuf {
    let sub = dir.join("hmp-private");
    std::fs::create_dir_all(&sub).unwrap();
    let path = sub.join("2025.yaml");
    let body = BASE
        .replace("TEXT", text)
        .replace("RESTRICTED", if restricted { "true" } else { "false" });
    std::fs::write(&path, body).unwrap();
    path
}

#[test]
fn each_kind_of_personal_data_is_caught() {
    let dir = scratch("privacy-kinds");
    for (text, kind) in [
        (
            "Write to sam.jones@example.org for a visit.",
            "an email address",
        ),
        ("Families ring 07700 900123 to book.", "a phone number"),
        ("The man (A1234BC) had no visits.", "a prison number"),
        (
            "His NI number is AB 12 34 56 C.",
            "a National Insurance number",
        ),
        (
            "Sam Jones, DOB 03/04/1990, has two children.",
            "a date of birth",
        ),
    ] {
        let path = write(&dir, text, false);
        let run = Test::new().args(["check", path_str(&path)]).run();
        let out = &run.stdout;
        assert_eq!(run.code, 0, "a warning, not an error");
        assert!(
            out.contains(&format!(
                "the narrative of farmer-offer/visitor-centre looks like {kind}"
            )),
            "{out}"
        );
        assert!(
            out.contains("hmp-private/2025.yaml:11:"),
            "names the line: {out}"
        );

        let report = dir.join("report.html");
        let run = Test::new()
            .args([
                "report",
                path_str(&path),
                "--format",
                "html",
                "-o",
                path_str(&report),
            ])
            .run();
        assert_eq!(run.code, 1, "the public report is refused");
        assert!(run.stderr.contains("--allow-personal-data"), "{run}");
        assert!(!report.exists(), "nothing is written");

        let run = Test::new()
            .args(["report", path_str(&path), "--audience", "inspector"])
            .run();
        assert_eq!(run.code, 0, "the inspector's version is not public");
        Test::new()
            .args(["report", path_str(&path), "--allow-personal-data"])
            .status(0)
            .run();
        let run = Test::new()
            .args(["compare", path_str(&dir), "--format", "csv"])
            .run();
        assert_eq!(run.code, 1, "estate outputs refuse too");
        assert!(run.stderr.contains("hmp-private/2025.yaml: 1"), "{run}");
        Test::new()
            .args(["trend", path_str(&dir), "--establishment", "hmp-private"])
            .status(1)
            .run();
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn restricted_text_is_not_flagged() {
    let dir = scratch("privacy-restricted");
    let path = write(&dir, "Write to sam.jones@example.org for a visit.", true);
    let run = Test::new().args(["check", path_str(&path)]).status(0).run();
    assert!(!run.stdout.contains("looks like"), "{run}");
    Test::new()
        .args(["report", path_str(&path)])
        .status(0)
        .run();
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_bundled_examples_have_no_personal_data() {
    let run = Test::new().args(["check", "assessments"]).run();
    assert!(!run.stdout.contains("looks like"), "{run}");
}
