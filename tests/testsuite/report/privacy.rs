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
            .args([
                "compare",
                path_str(&dir),
                "--format",
                "csv",
                "--table",
                "items",
            ])
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

/// A file for `hmp-guard` in `year`, with `extra` lines added to the establishment's details and
/// an action whose text is `action`.
fn guarded(year: i32, extra: &str, narrative: &str, action: &str) -> String {
    format!(
        "ties: 1\nestablishment:\n  id: hmp-guard\n  name: HMP Guard\n  nation: england-wales\n{extra}\
         year: {year}\ncompleted_on: {}-04-01\nframeworks: [farmer-offer]\nresponses:\n\
         \x20 farmer-offer/visitor-centre:\n    rating: planned\n    narrative: {narrative}\n\
         actions:\n  - {{ id: A1, what: \"{action}\", owner: Family lead, due: {}-06-30, status: open }}\n",
        year + 1,
        year + 1
    )
}

#[test]
fn public_contacts_listed_by_the_establishment_pass_and_nothing_else_does() {
    let helpline = "Families can call the helpline on 0808 808 2003 or write to visits.hmp-guard@justice.gov.uk.";
    let listed = "  public_contacts: [\"0808 808 2003\", Visits.HMP-Guard@justice.gov.uk]\n";
    for (extra, narrative, refused) in [
        ("", helpline, true),
        (listed, helpline, false),
        // The same number written another way is the same contact.
        (listed, "Call +44 808 808 2003 any day.", false),
        // A listed contact does not let another through.
        (listed, "Ring Sam on 07700 900123.", true),
    ] {
        let run = Test::in_scratch(&format!("public-contacts-{}-{refused}", narrative.len()))
            .file(
                "hmp-guard/2025.yaml",
                guarded(2025, extra, narrative, "Open the hub"),
            )
            .args(["report", "hmp-guard/2025.yaml"])
            .run();
        assert_eq!(run.code, if refused { 1 } else { 0 }, "{run}");
        if refused {
            assert!(run.stderr.contains("public_contacts:"), "says how: {run}");
        }
    }
}

#[test]
fn the_guard_sees_the_establishments_details_and_action_ids() {
    for (extra, action, place) in [
        (
            "  region: \"North West (ring 0161 496 0000)\"\n",
            "Open the hub",
            "the establishment's region",
        ),
        (
            "  comparator_group: \"jo.bloggs@example.org\"\n",
            "Open the hub",
            "the establishment's comparator group",
        ),
        (
            "  type: \"Category B, A1234BC\"\n",
            "Open the hub",
            "the establishment's type",
        ),
    ] {
        let run = Test::in_scratch(&format!("guard-details-{}", place.len()))
            .file(
                "hmp-guard/2025.yaml",
                guarded(2025, extra, "Visits.", action),
            )
            .args(["check", "hmp-guard/2025.yaml"])
            .status(0)
            .run();
        assert!(run.stdout.contains(&format!("{place} looks like")), "{run}");
        assert!(run.stdout.contains("cannot be restricted"), "{run}");
    }
    let with_id = guarded(2025, "", "Visits.", "Open the hub").replace("id: A1,", "id: A1234BC,");
    let run = Test::in_scratch("guard-action-id")
        .file("hmp-guard/2025.yaml", with_id)
        .args(["check", "hmp-guard/2025.yaml"])
        .status(0)
        .run();
    assert!(
        run.stdout
            .contains("the id of action A1234BC looks like a prison number"),
        "{run}"
    );
    assert!(
        run.stdout.contains("mark the action `restricted: true`"),
        "{run}"
    );
}

#[test]
fn completed_by_is_a_role_and_cannot_be_restricted() {
    let text = guarded(2025, "", "Visits.", "Open the hub").replace(
        "frameworks:",
        "completed_by: sam.jones@example.org\nframeworks:",
    );
    let run = Test::in_scratch("guard-completed-by")
        .file("hmp-guard/2025.yaml", text)
        .args(["check", "hmp-guard/2025.yaml"])
        .status(0)
        .run();
    assert!(
        run.stdout
            .contains("`completed_by` looks like an email address"),
        "{run}"
    );
    assert!(run.stdout.contains("names a role"), "{run}");
    assert!(!run.stdout.contains("completed_by` `restricted"), "{run}");
}

#[test]
fn last_years_actions_shown_in_this_years_report_are_guarded() {
    let run = Test::in_scratch("guard-last-year")
        .file(
            "hmp-guard/2024.yaml",
            guarded(2024, "", "Visits.", "Ring Sam on 07700 900123"),
        )
        .file(
            "hmp-guard/2025.yaml",
            guarded(2025, "", "Visits.", "Open the hub"),
        )
        .args(["report", "hmp-guard/2025.yaml"])
        .status(1)
        .run();
    assert!(
        run.stderr.contains("hmp-guard/2024.yaml"),
        "names last year's file: {run}"
    );
    assert!(
        run.stderr.contains("action A1 looks like a phone number"),
        "{run}"
    );
    assert!(run.stderr.contains("or last year's file"), "{run}");
    // The inspector's version is not public.
    Test::in_scratch("guard-last-year-inspector")
        .file(
            "hmp-guard/2024.yaml",
            guarded(2024, "", "Visits.", "Ring Sam on 07700 900123"),
        )
        .file(
            "hmp-guard/2025.yaml",
            guarded(2025, "", "Visits.", "Open the hub"),
        )
        .args(["report", "hmp-guard/2025.yaml", "--audience", "inspector"])
        .status(0)
        .run();
}

#[test]
fn the_registers_names_shown_as_not_submitted_are_guarded() {
    let register = |contacts: &str| {
        format!(
            "{contacts}establishments:\n  - {{ id: hmp-guard, name: HMP Guard, nation: england-wales }}\n  \
             - {{ id: hmp-late, name: \"HMP Late (governor 07700 900123)\", nation: england-wales }}\n"
        )
    };
    let run = Test::in_scratch("guard-register")
        .file(
            "hmp-guard/2025.yaml",
            guarded(2025, "", "Visits.", "Open the hub"),
        )
        .file("register.yaml", register(""))
        .args(["compare", ".", "--format", "csv", "--table", "items"])
        .status(1)
        .run();
    assert!(run.stderr.contains("register.yaml: 1"), "{run}");
    // A national helpline listed by the register passes in every self-assessment.
    let run = Test::in_scratch("guard-register-contacts")
        .file(
            "hmp-guard/2025.yaml",
            guarded(2025, "", "The helpline is 0808 808 2003.", "Open the hub"),
        )
        .file(
            "register.yaml",
            register("public_contacts: [0808 808 2003]\n").replace(" (governor 07700 900123)", ""),
        )
        .args([
            "compare",
            ".",
            "--format",
            "csv",
            "--table",
            "establishments",
        ])
        .status(0)
        .run();
    assert!(run.stdout.contains("hmp-guard"), "{run}");
}
