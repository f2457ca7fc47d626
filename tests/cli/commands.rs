//! The commands a user runs, end to end: init, check, show, frameworks, score, and what happens
//! when the command line itself is wrong.

use crate::{scratch, ties, ties_in};

const BUNDLED: [&str; 6] = [
    "farmer-offer",
    "hmip-expectations",
    "hmpps-family-practice",
    "scie-prison-service",
    "sps-family-strategy",
    "think-family",
];

#[test]
fn init_then_check_passes() {
    let dir = scratch("init-then-check");
    let run = ties_in(
        &dir,
        &[
            "init",
            "--establishment",
            "hmp-example",
            "--name",
            "HMP Example",
            "--year",
            "2025",
            "--framework",
            &BUNDLED.join(","),
        ],
    );
    assert_eq!(run.code, 0, "{run}");
    insta::assert_snapshot!("init", run.to_string());
    let path = "assessments/hmp-example/2025.yaml";
    assert!(dir.join(path).is_file(), "{run}");
    let run = ties_in(&dir, &["check", path]);
    assert_eq!(
        run.code, 0,
        "a new file from `ties init` must pass `ties check`:\n{run}"
    );
    assert!(!run.stdout.contains("error:"), "{run}");
    insta::assert_snapshot!("init_then_check", run.to_string());
    // And it can be scored straight away (with nothing answered yet).
    let run = ties_in(&dir, &["score", path]);
    assert_eq!(run.code, 0, "{run}");
}

#[test]
fn init_for_each_framework_passes_check() {
    for id in BUNDLED {
        let dir = scratch(&format!("init-{id}"));
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
        let run = ties_in(&dir, &args);
        assert_eq!(run.code, 0, "{run}");
        let run = ties_in(&dir, &["check", "new.yaml"]);
        assert_eq!(run.code, 0, "{id}: {run}");
    }
}

#[test]
fn init_never_overwrites() {
    let dir = scratch("init-twice");
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
    let first = ties_in(&dir, &args);
    assert_eq!(first.code, 0, "{first}");
    let path = dir.join("assessments/hmp-example/2025.yaml");
    // The user starts filling it in.
    let mut worked_on = std::fs::read(&path).unwrap();
    worked_on.extend_from_slice(b"# Our notes, which must not be lost.\n");
    std::fs::write(&path, &worked_on).unwrap();

    let second = ties_in(&dir, &args);
    assert_eq!(second.code, 1, "{second}");
    assert!(second.stderr.contains("already exists"), "{second}");
    assert!(second.stdout.is_empty(), "{second}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        worked_on,
        "the file was changed"
    );
    insta::assert_snapshot!(second.to_string());
}

#[test]
fn show_markdown_for_each_bundled_framework() {
    for id in BUNDLED {
        let run = ties(&["show", id]);
        assert_eq!(run.code, 0, "{run}");
        assert!(run.stderr.is_empty(), "{run}");
        insta::assert_snapshot!(format!("show_{}", id.replace('-', "_")), run.to_string());
    }
}

/// Every item's text, read straight from the framework file.
fn item_texts(id: &str) -> Vec<(String, String)> {
    fn walk(sections: &serde_json::Value, out: &mut Vec<(String, String)>) {
        for s in sections.as_array().into_iter().flatten() {
            for item in s["items"].as_array().into_iter().flatten() {
                out.push((
                    item["id"].as_str().unwrap().to_string(),
                    item["text"].as_str().unwrap().to_string(),
                ));
            }
            walk(&s["sections"], out);
        }
    }
    let text =
        std::fs::read_to_string(crate::root().join(format!("frameworks/{id}.yaml"))).unwrap();
    let fw: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
    let mut out = Vec::new();
    walk(&fw["sections"], &mut out);
    out
}

#[test]
fn show_json_has_every_item() {
    for id in BUNDLED {
        let run = ties(&["show", id, "--format", "json"]);
        assert_eq!(run.code, 0, "{run}");
        let json: serde_json::Value =
            serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{id}: not JSON: {e}"));
        assert_eq!(json["id"], id);
        let mut shown = Vec::new();
        fn walk(sections: &serde_json::Value, out: &mut Vec<(String, String)>) {
            for s in sections.as_array().into_iter().flatten() {
                for item in s["items"].as_array().into_iter().flatten() {
                    out.push((
                        item["id"].as_str().unwrap_or_default().to_string(),
                        item["text"].as_str().unwrap_or_default().to_string(),
                    ));
                }
                walk(&s["sections"], out);
            }
        }
        walk(&json["sections"], &mut shown);
        let expected = item_texts(id);
        assert!(!expected.is_empty());
        assert_eq!(
            shown, expected,
            "{id}: items in the JSON differ from the file"
        );
    }
}

#[test]
fn frameworks_list() {
    let run = ties(&["frameworks"]);
    assert_eq!(run.code, 0, "{run}");
    insta::assert_snapshot!(run.to_string());
    let run = ties(&["frameworks", "--format", "json"]);
    assert_eq!(run.code, 0, "{run}");
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let ids: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, BUNDLED);
}

#[test]
fn frameworks_list_with_a_folder() {
    let run = ties(&["frameworks", "--frameworks", "tests/fixtures/frameworks"]);
    assert_eq!(run.code, 0, "{run}");
    assert!(
        run.stdout.contains("tests/fixtures/frameworks/mini.yaml"),
        "{run}"
    );
}

const MINI: &str = "tests/fixtures/assessments/mini-2025.yaml";

#[test]
fn score_table() {
    let run = ties(&["score", MINI, "--frameworks", "tests/fixtures/frameworks"]);
    assert_eq!(run.code, 0, "{run}");
    insta::assert_snapshot!(run.to_string());
}

#[test]
fn score_json() {
    let run = ties(&[
        "score",
        MINI,
        "--frameworks",
        "tests/fixtures/frameworks",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{run}");
    let _: serde_json::Value = serde_json::from_str(&run.stdout).expect("score JSON parses");
    insta::assert_snapshot!(run.to_string());
}

#[test]
fn score_csv() {
    let run = ties(&[
        "score",
        MINI,
        "--frameworks",
        "tests/fixtures/frameworks",
        "--format",
        "csv",
    ]);
    assert_eq!(run.code, 0, "{run}");
    let widths: Vec<usize> = run.stdout.lines().map(|l| l.split(',').count()).collect();
    assert!(widths.len() > 1, "{run}");
    insta::assert_snapshot!(run.to_string());
}

/// The same input gives byte-identical output.
#[test]
fn score_is_deterministic() {
    for format in ["table", "json", "csv"] {
        let args = [
            "score",
            MINI,
            "--frameworks",
            "tests/fixtures/frameworks",
            "--format",
            format,
        ];
        assert_eq!(ties(&args).stdout, ties(&args).stdout, "{format}");
    }
}

/// Without the folder that declares its framework, the assessment is reported once, clearly.
#[test]
fn score_without_its_framework() {
    let run = ties(&["score", MINI]);
    assert_eq!(run.code, 1, "{run}");
    assert_eq!(run.stderr.matches("error:").count(), 1, "{run}");
    insta::assert_snapshot!(run.to_string());
}

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
        let run = ties(&args);
        assert_eq!(run.code, 2, "{run}");
        assert!(run.stdout.is_empty(), "{run}");
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
    .map(|args| ties(args).to_string())
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
        let run = ties(&args);
        assert_eq!(run.code, 0, "{run}");
        assert!(!run.stdout.is_empty(), "{run}");
    }
}

/// Every command's help ends with an example.
#[test]
fn every_command_has_an_example() {
    for command in ["frameworks", "show", "init", "check", "score"] {
        let run = ties(&[command, "--help"]);
        assert!(run.stdout.contains("Example"), "{command}:\n{run}");
    }
}

#[test]
fn missing_files_exit_1_with_a_clear_message() {
    let runs = [
        ties(&["check", "assessments/hmp-nowhere/2025.yaml"]),
        ties(&["score", "assessments/hmp-nowhere/2025.yaml"]),
        ties(&["show", "farmer-ofer"]),
        ties(&["frameworks", "--frameworks", "no-such-folder"]),
    ];
    for run in &runs {
        assert_eq!(run.code, 1, "{run}");
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

/// A folder of fixtures is checked as a whole: the good ones pass, and the run reports each file.
#[test]
fn check_a_folder() {
    let run = ties(&[
        "check",
        "tests/fixtures/frameworks",
        "tests/fixtures/assessments/mini-2025.yaml",
    ]);
    assert_eq!(run.code, 0, "{run}");
    insta::assert_snapshot!(run.to_string());
}

/// The worked examples and the bundled frameworks are all valid.
#[test]
fn bundled_frameworks_and_examples_pass_check() {
    let run = ties(&["check", "frameworks"]);
    assert_eq!(run.code, 0, "{run}");
    if crate::root().join("assessments").is_dir() {
        let run = ties(&["check", "assessments"]);
        assert_eq!(run.code, 0, "{run}");
    }
}
