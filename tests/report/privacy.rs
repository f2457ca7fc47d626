//! The personal data guard: `ties check` warns, public outputs refuse, restricted text and
//! `--allow-personal-data` let them through.

use crate::{path_str, temp_dir, ties};

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
    let dir = temp_dir("privacy-kinds");
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
        let (code, out, _) = ties(&["check", path_str(&path)]);
        assert_eq!(code, 0, "a warning, not an error");
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
        let (code, _, err) = ties(&[
            "report",
            path_str(&path),
            "--format",
            "html",
            "-o",
            path_str(&report),
        ]);
        assert_eq!(code, 1, "the public report is refused");
        assert!(err.contains("--allow-personal-data"), "{err}");
        assert!(!report.exists(), "nothing is written");

        let (code, _, _) = ties(&["report", path_str(&path), "--audience", "inspector"]);
        assert_eq!(code, 0, "the inspector's version is not public");
        let (code, _, _) = ties(&["report", path_str(&path), "--allow-personal-data"]);
        assert_eq!(code, 0);
        let (code, _, err) = ties(&["compare", path_str(&dir), "--format", "csv"]);
        assert_eq!(code, 1, "estate outputs refuse too");
        assert!(err.contains("hmp-private/2025.yaml: 1"), "{err}");
        let (code, _, _) = ties(&["trend", path_str(&dir), "--establishment", "hmp-private"]);
        assert_eq!(code, 1);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn restricted_text_is_not_flagged() {
    let dir = temp_dir("privacy-restricted");
    let path = write(&dir, "Write to sam.jones@example.org for a visit.", true);
    let (code, out, _) = ties(&["check", path_str(&path)]);
    assert_eq!(code, 0);
    assert!(!out.contains("looks like"), "{out}");
    let (code, _, err) = ties(&["report", path_str(&path)]);
    assert_eq!(code, 0, "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_bundled_examples_have_no_personal_data() {
    let (_, out, _) = ties(&["check", "assessments"]);
    assert!(!out.contains("looks like"), "{out}");
}
