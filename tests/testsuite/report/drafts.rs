//! A self-assessment still being written, with no completion date, gets a draft report: marked as
//! a draft on its cover, its actions judged overdue only when a date is given.

use crate::{Test, root};

/// HMP Harrowfield's 2025 file without its `completed_on` line.
fn draft() -> String {
    let text = std::fs::read_to_string(root().join("assessments/hmp-harrowfield/2025.yaml"))
        .expect("the example");
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with("completed_on:"))
        .collect();
    assert!(kept.len() < text.lines().count());
    kept.join("\n") + "\n"
}

#[test]
fn a_draft_is_reported_and_marked_as_a_draft() {
    for format in ["md", "html"] {
        let run = Test::in_scratch(&format!("draft-{format}"))
            .file("2025.yaml", draft())
            .args(["report", "2025.yaml", "--format", format])
            .status(0)
            .run();
        assert!(run.stdout.contains("Draft."), "{run}");
        assert!(run.stdout.contains("no completion date yet"), "{run}");
        assert!(run.stdout.contains("Not judged: no date given"), "{run}");
        assert!(
            run.stdout.contains("Whether any is overdue is not judged"),
            "{run}"
        );
        assert!(!run.stdout.contains("OVERDUE") && !run.stdout.contains(">Overdue<"));
    }
}

#[test]
fn a_draft_given_a_date_has_its_actions_judged_against_it() {
    let run = Test::in_scratch("draft-as-of")
        .file("2025.yaml", draft())
        .args(["report", "2025.yaml", "--as-of", "2030-01-01"])
        .status(0)
        .run();
    assert!(run.stdout.contains("Draft."), "{run}");
    assert!(
        run.stdout.contains("| Actions judged as at | 2030-01-01 |"),
        "{run}"
    );
    assert!(run.stdout.contains("overdue as at 2030-01-01"), "{run}");
    assert!(run.stdout.contains("OVERDUE"), "{run}");
}

#[test]
fn a_completed_self_assessment_is_not_a_draft() {
    let run = Test::new()
        .args(["report", "assessments/hmp-harrowfield/2025.yaml"])
        .status(0)
        .run();
    assert!(!run.stdout.contains("Draft."), "{run}");
}
