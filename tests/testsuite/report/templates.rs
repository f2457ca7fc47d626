//! Reports are the same every time, audiences differ only as they should, and a user's
//! templates override the built-in ones file by file.

use std::path::Path;

use super::path_str;
use crate::{Run, Test, ok, scratch};

/// `ties report` on the hostile fixture with the templates in `dir`, which must fail (exit 1).
fn report_failing_with(dir: &Path) -> Run {
    Test::new()
        .args([
            "report",
            "tests/fixtures/hostile/2025.yaml",
            "--templates",
            path_str(dir),
        ])
        .status(1)
        .run()
}

#[test]
fn two_runs_give_identical_files() {
    for format in ["md", "html"] {
        let a = ok(&[
            "report",
            "tests/fixtures/hostile/2025.yaml",
            "--format",
            format,
        ]);
        let b = ok(&[
            "report",
            "tests/fixtures/hostile/2025.yaml",
            "--format",
            format,
        ]);
        assert_eq!(a, b);
    }
}

#[test]
fn exported_templates_can_be_changed_and_used() {
    let dir = scratch("templates-export");
    ok(&["templates", "export", path_str(&dir)]);
    let path = dir.join("report.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("Our own cover page.\n{text}")).unwrap();
    let out = ok(&[
        "report",
        "tests/fixtures/hostile/2025.yaml",
        "--templates",
        path_str(&dir),
    ]);
    assert!(
        out.starts_with("Our own cover page."),
        "{}",
        &out[..80.min(out.len())]
    );
    // Exporting again leaves the changed file alone.
    ok(&["templates", "export", path_str(&dir)]);
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .starts_with("Our own cover page.")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_template_typo_names_the_template_and_line() {
    let dir = scratch("template-typo");
    std::fs::write(
        dir.join("report.md"),
        "# Report\n\n{{ report.establishment.nmae }}\n",
    )
    .unwrap();
    let run = report_failing_with(&dir);
    assert!(run.stderr.contains("template report.md, line 3"), "{run}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_template_that_never_ends_is_stopped() {
    let dir = scratch("template-loop");
    std::fs::write(
        dir.join("report.md"),
        "{% for a in range(100000) %}{% for b in range(100000) %}.{% endfor %}{% endfor %}\n",
    )
    .unwrap();
    let run = report_failing_with(&dir);
    assert!(run.stderr.contains("too much work"), "{run}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn as_of_decides_what_is_overdue() {
    let before = ok(&[
        "report",
        "tests/fixtures/hostile/2025.yaml",
        "--as-of",
        "2025-12-01",
    ]);
    let after = ok(&[
        "report",
        "tests/fixtures/hostile/2025.yaml",
        "--as-of",
        "2026-02-01",
    ]);
    assert!(!before.contains("OVERDUE"));
    assert!(after.contains("OVERDUE"));
}

#[test]
fn templates_cannot_reach_outside_their_folder() {
    let dir = scratch("escape");
    let outside = scratch("escape-outside");
    std::fs::write(outside.join("secret.md"), "a secret\n").unwrap();
    // A link from the templates folder to a file elsewhere is refused (Unix only: on Windows
    // only administrators make links).
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(outside.join("secret.md"), dir.join("report.md")).unwrap();
        let run = report_failing_with(&dir);
        assert!(run.stderr.contains("outside the templates folder"), "{run}");
        std::fs::remove_file(dir.join("report.md")).unwrap();
    }
    // A template cannot include a file by a path that climbs out of the folder.
    std::fs::write(
        dir.join("report.md"),
        "{% include \"../escape-outside/secret.md\" %}\n",
    )
    .unwrap();
    let run = report_failing_with(&dir);
    assert!(!run.stdout.contains("a secret"));
    assert!(run.stderr.contains("template report.md"), "{run}");
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_dir_all(&outside).unwrap();
}

#[test]
fn an_output_never_replaces_a_file_a_person_wrote() {
    let dir = scratch("keep");
    let mine = dir.join("2025.yaml");
    std::fs::copy("tests/fixtures/hostile/2025.yaml", &mine).unwrap();
    let before = std::fs::read(&mine).unwrap();
    let run = Test::new()
        .args([
            "report",
            "tests/fixtures/hostile/2025.yaml",
            "-o",
            path_str(&mine),
        ])
        .status(1)
        .run();
    assert!(run.stderr.contains("--force"), "{run}");
    assert_eq!(
        std::fs::read(&mine).unwrap(),
        before,
        "the file is untouched"
    );
    // A report is simply replaced, and no temporary file is left behind.
    let out = dir.join("report.md");
    ok(&[
        "report",
        "tests/fixtures/hostile/2025.yaml",
        "-o",
        path_str(&out),
    ]);
    ok(&[
        "report",
        "tests/fixtures/hostile/2025.yaml",
        "-o",
        path_str(&out),
    ]);
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    // A failed run leaves the previous output as it was.
    let previous = std::fs::read(&out).unwrap();
    Test::new()
        .args([
            "report",
            "tests/fixtures/hostile/2025.yaml",
            "-o",
            path_str(&out),
            "--templates",
            "/nonexistent",
        ])
        .status(1)
        .run();
    assert_eq!(std::fs::read(&out).unwrap(), previous);
    std::fs::remove_dir_all(&dir).unwrap();
}
