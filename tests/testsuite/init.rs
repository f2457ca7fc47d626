//! `ties init`: a new file for each framework, which passes `ties check`, and never a file
//! written over.

use crate::{BUNDLED, Test};

#[test]
fn init_then_check_passes() {
    let dir = crate::scratch("init-then-check");
    let run = Test::in_dir(&dir)
        .args(crate::new_assessment_args(
            "init",
            "2025",
            &BUNDLED.join(","),
        ))
        .status(0)
        .run();
    insta::assert_snapshot!("init", run.to_string());
    let path = "assessments/hmp-example/2025.yaml";
    assert!(dir.join(path).is_file(), "{run}");
    let run = Test::in_dir(&dir).args(["check", path]).run();
    assert_eq!(
        run.code, 0,
        "a new file from `ties init` must pass `ties check`:\n{run}"
    );
    assert!(!run.stdout.contains("error:"), "{run}");
    insta::assert_snapshot!("init_then_check", run.to_string());
    // And it can be scored straight away (with nothing answered yet).
    Test::in_dir(&dir).args(["score", path]).status(0).run();
}

#[test]
fn init_for_each_framework_passes_check() {
    for id in BUNDLED {
        let args = [
            "init",
            "--establishment",
            "hmp-example",
            "--name",
            "HMP Example",
            "--year",
            "2025",
            "--framework",
            id,
            "-o",
            "new.yaml",
        ];
        let dir = crate::scratch(&format!("init-{id}"));
        Test::in_dir(&dir).args(args).status(0).run();
        let run = Test::in_dir(&dir).args(["check", "new.yaml"]).run();
        assert_eq!(run.code, 0, "{id}: {run}");
    }
}

#[test]
fn init_never_overwrites() {
    let dir = crate::scratch("init-twice");
    let args = [
        "init",
        "--establishment",
        "hmp-example",
        "--name",
        "HMP Example",
        "--year",
        "2025",
        "--framework",
        "farmer-offer",
    ];
    Test::in_dir(&dir).args(args).status(0).run();
    let path = dir.join("assessments/hmp-example/2025.yaml");
    // The user starts filling it in.
    let mut worked_on = std::fs::read(&path).unwrap();
    worked_on.extend_from_slice(b"# Our notes, which must not be lost.\n");
    std::fs::write(&path, &worked_on).unwrap();

    let second = Test::in_dir(&dir).args(args).status(1).stdout("").run();
    assert!(second.stderr.contains("already exists"), "{second}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        worked_on,
        "the file was changed"
    );
    insta::assert_snapshot!(second.to_string());
}

/// An item linked as the same practice to an item of another framework in the same file says so
/// beside it, both ways, so the practice is described once; with only one of the two frameworks
/// in the file there is nothing to refer to and no note.
#[test]
fn init_notes_the_same_practice_answered_elsewhere_in_the_file() {
    let dir = crate::scratch("init-same-practice");
    let new_file = |frameworks: &str, out: &str| {
        Test::in_dir(&dir)
            .args(crate::new_assessment_args("init", "2025", frameworks))
            .args(["-o", out])
            .status(0)
            .run();
        std::fs::read_to_string(dir.join(out)).unwrap()
    };
    let both = new_file("hmpps-family-practice,hmip-expectations", "both.yaml");
    // The note comes just before the item it belongs to.
    let note_before = |item: &str, other: &str| {
        let at = both.find(&format!("\n  {item}:\n")).expect(item);
        let before = &both[..at];
        let note = before.rfind("# The same practice as").expect("a note");
        let comment = &before[note..];
        assert!(
            comment.replace("\n  #   ", " ").contains(other),
            "the note before {item} should name {other}:\n{comment}"
        );
        assert!(!comment.contains("\n  hmpps") && !comment.contains("\n  hmip"));
    };
    note_before(
        "hmpps-family-practice/family-concerns",
        "hmip-expectations/exp75-families-raise-concerns",
    );
    note_before(
        "hmip-expectations/exp75-families-raise-concerns",
        "hmpps-family-practice/family-concerns",
    );
    let alone = new_file("hmip-expectations", "alone.yaml");
    assert!(!alone.contains("The same practice as"), "{alone}");
    assert!(!alone.contains("hmpps-family-practice/"), "{alone}");
}
