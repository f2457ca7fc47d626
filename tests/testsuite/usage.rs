//! What happens when the command line itself is wrong (exit code 2), when a named file or
//! framework does not exist (exit code 1), and the help every command gives.

use crate::{MINI, Test};

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec![],
        vec!["frobnicate"],
        vec!["check"],
        vec!["score"],
        vec!["show"],
        vec!["show", "farmer-offer", "--format", "pdf"],
        vec!["score", MINI, "--format", "xlsx"],
        vec!["check", MINI, "--as-of", "2026-13-01"],
        vec!["check", MINI, "--as-of", "yesterday"],
        vec!["init", "--establishment", "hmp-x", "--name", "HMP X"],
        vec![
            "init",
            "--establishment",
            "hmp-x",
            "--name",
            "HMP X",
            "--year",
            "last",
            "--framework",
            "farmer-offer",
        ],
        vec!["--no-such-option", "frameworks"],
    ] {
        let run = Test::new().args(&args).status(2).stdout("").run();
        assert!(run.stderr.contains("error") || args.is_empty(), "{run}");
    }
}

#[test]
fn usage_error_messages() {
    let runs: Vec<String> = [
        vec!["check"],
        vec!["show", "farmer-offer", "--format", "pdf"],
        vec!["check", MINI, "--as-of", "2026-13-01"],
    ]
    .iter()
    .map(|args| Test::new().args(args).run().to_string())
    .collect();
    insta::assert_snapshot!(runs.join("\n"));
}

#[test]
fn help_and_version_exit_0() {
    for args in [
        vec!["--help"],
        vec!["--version"],
        vec!["help", "check"],
        vec!["check", "--help"],
        vec!["init", "--help"],
        vec!["score", "--help"],
        vec!["show", "--help"],
        vec!["frameworks", "--help"],
    ] {
        let run = Test::new().args(&args).status(0).run();
        assert!(!run.stdout.is_empty(), "{run}");
    }
}

/// Every command's help ends with an example.
#[test]
fn every_command_has_an_example() {
    for command in ["frameworks", "show", "init", "check", "score"] {
        let run = Test::new().args([command, "--help"]).run();
        assert!(run.stdout.contains("Example"), "{command}:\n{run}");
    }
}

#[test]
fn missing_files_and_unknown_frameworks_exit_with_a_clear_message() {
    let runs = [
        Test::new()
            .args(["check", "assessments/hmp-nowhere/2025.yaml"])
            .run(),
        Test::new()
            .args(["score", "assessments/hmp-nowhere/2025.yaml"])
            .run(),
        Test::new().args(["show", "farmer-ofer"]).run(),
        Test::new()
            .args(["frameworks", "--frameworks", "no-such-folder"])
            .run(),
    ];
    // A missing file is a problem with the input (1); a framework id that does not exist,
    // typed on the command line, is the command used wrongly (2).
    for (run, code) in runs.iter().zip([1, 1, 2, 1]) {
        assert_eq!(run.code, code, "{run}");
    }
    assert!(runs[0].stdout.contains("does not exist"), "{}", runs[0]);
    assert!(runs[1].stderr.contains("does not exist"), "{}", runs[1]);
    assert!(
        runs[2].stderr.contains("did you mean `farmer-offer`?"),
        "{}",
        runs[2]
    );
    let all: Vec<String> = runs.iter().map(|r| r.to_string()).collect();
    insta::assert_snapshot!(all.join("\n"));
}

/// Wrong use of a command, beyond what the argument parser sees, exits with 2 and says how to
/// use it.
#[test]
fn wrong_use_exits_2_and_says_how() {
    for (args, says) in [
        (
            vec!["compare", "assessments", "--format", "xlsx"],
            "give a file name with -o",
        ),
        (
            vec!["compare", "assessments/register.yaml"],
            "is not a folder",
        ),
        (
            vec!["trend", "assessments/register.yaml", "--establishment", "x"],
            "is not a folder",
        ),
        (
            vec![
                "init",
                "--establishment",
                "HMP Example",
                "--name",
                "HMP Example",
                "--year",
                "2025",
                "--framework",
                "farmer-offer",
            ],
            "is not a valid establishment id",
        ),
        (
            vec![
                "init",
                "--establishment",
                "hmp-example",
                "--name",
                "HMP Example",
                "--year",
                "1925",
                "--framework",
                "farmer-offer",
            ],
            "not a plausible reporting year",
        ),
        (
            vec!["compare", "assessments", "--framework", "farmer-ofer"],
            "did you mean `farmer-offer`?",
        ),
    ] {
        let run = Test::new().args(&args).status(2).run();
        assert!(run.stderr.contains(says), "{run}");
    }
}

/// Options that need or exclude one another, as clap declares them for `ties workbook`: each
/// wrong combination is refused before anything is read, naming the options.
#[test]
fn workbook_options_that_go_together_or_not() {
    for (args, says) in [
        (
            vec!["workbook", MINI, "--year", "2026"],
            "cannot be used with",
        ),
        (
            vec!["workbook", MINI, "--from", "x/2025.yaml"],
            "cannot be used with",
        ),
        (
            vec!["workbook", "--register", "r.yaml", "--year", "2026"],
            "--out <DIR>",
        ),
        (
            vec![
                "workbook",
                "--register",
                "r.yaml",
                "--year",
                "2026",
                "--out",
                "d",
                "-o",
                "x.xlsx",
            ],
            "cannot be used with",
        ),
        (vec!["workbook", "--out", "d"], "--register <FILE>"),
        (
            vec!["workbook", "--establishment", "hmp-x"],
            "--name <NAME>",
        ),
    ] {
        let run = Test::new().args(&args).status(2).stdout("").run();
        assert!(run.stderr.contains(says), "{run}");
    }
}
