//! The nation: each framework says which nations' prisons it is for; a new self-assessment of
//! frameworks for one nation takes that nation when `--nation` is not given; a nation some of a
//! file's frameworks are not for is a warning of `ties check`.

use crate::{BUNDLED, Test};

/// The nation a new self-assessment is written with, read back from the YAML `ties init` or
/// `ties import` wrote.
fn nation_line(text: &str) -> &str {
    text.lines()
        .find(|l| l.trim_start().starts_with("nation:"))
        .map(str::trim)
        .expect("a nation line")
}

/// Each bundled framework says which nations it is for, with a comment above the field saying
/// where in its source that comes from; and the nations are those its source gives.
#[test]
fn every_bundled_framework_says_which_nations_it_is_for() {
    let expected = [
        ("farmer-offer", "[england-wales]"),
        ("hmip-expectations", "[england-wales]"),
        ("hmpps-family-practice", "[england-wales]"),
        ("scie-prison-service", "[england-wales, scotland]"),
        ("sps-family-strategy", "[scotland]"),
        ("think-family", "[england-wales]"),
    ];
    assert_eq!(expected.map(|(id, _)| id), BUNDLED);
    for (id, nations) in expected {
        let text = std::fs::read_to_string(crate::root().join(format!("frameworks/{id}.yaml")))
            .expect("the framework file");
        let lines: Vec<&str> = text.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.starts_with("nations:"))
            .unwrap_or_else(|| panic!("{id} does not say which nations it is for"));
        assert_eq!(lines[at], format!("nations: {nations}"), "{id}");
        let comment: Vec<&str> = lines[..at]
            .iter()
            .rev()
            .take_while(|l| l.starts_with('#'))
            .copied()
            .collect();
        let comment = comment.join(" ");
        assert!(
            comment.contains("seed") || comment.contains("domain.md"),
            "{id}: the comment above `nations:` should name where in the sources it comes from"
        );
    }
}

#[test]
fn a_new_self_assessment_takes_the_nation_its_frameworks_are_for() {
    let dir = crate::scratch("nation-new");
    let new = |command: &str, frameworks: &str, out: &str| {
        let mut args = crate::new_assessment_args(command, "2025", frameworks);
        args.extend(["-o".to_string(), out.to_string()]);
        Test::in_dir(&dir).args(args).status(0).run();
    };
    // The SPS strategy is for Scotland; the SCIE guide is for every nation.
    new(
        "init",
        "sps-family-strategy,scie-prison-service",
        "sps.yaml",
    );
    let text = std::fs::read_to_string(dir.join("sps.yaml")).unwrap();
    assert_eq!(nation_line(&text), "nation: scotland");
    new("workbook", "sps-family-strategy", "sps.xlsx");
    Test::in_dir(&dir)
        .args(["import", "sps.xlsx", "-o", "from-workbook.yaml"])
        .status(0)
        .run();
    let text = std::fs::read_to_string(dir.join("from-workbook.yaml")).unwrap();
    assert_eq!(nation_line(&text), "nation: scotland");
    Test::in_dir(&dir)
        .args(["check", "sps.xlsx"])
        .status(0)
        .run();
    // HMPPS's guidance is for England and Wales.
    new("init", "hmpps-family-practice", "hmpps.yaml");
    let text = std::fs::read_to_string(dir.join("hmpps.yaml")).unwrap();
    assert_eq!(nation_line(&text), "nation: england-wales");
    // Frameworks for every nation do not choose: the file says the nation can be changed.
    new("init", "scie-prison-service", "scie.yaml");
    let text = std::fs::read_to_string(dir.join("scie.yaml")).unwrap();
    assert_eq!(nation_line(&text), "nation: england-wales   # or: scotland");
    // --nation is what the person said, whatever the frameworks.
    let mut args = crate::new_assessment_args("init", "2025", "scie-prison-service");
    args.extend(["--nation", "scotland", "-o", "given.yaml"].map(String::from));
    Test::in_dir(&dir).args(args).status(0).run();
    let text = std::fs::read_to_string(dir.join("given.yaml")).unwrap();
    assert_eq!(nation_line(&text), "nation: scotland");
}

/// Frameworks for different nations cannot say which nation the establishment is in: the file
/// takes England and Wales, says it can be changed, and `ties check` warns of the framework
/// that is not for it.
#[test]
fn frameworks_for_different_nations_leave_the_nation_to_the_person() {
    let dir = crate::scratch("nation-mixed");
    let mut args =
        crate::new_assessment_args("init", "2025", "sps-family-strategy,hmpps-family-practice");
    args.extend(["-o", "2025.yaml"].map(String::from));
    Test::in_dir(&dir).args(args).status(0).run();
    let text = std::fs::read_to_string(dir.join("2025.yaml")).unwrap();
    assert_eq!(nation_line(&text), "nation: england-wales   # or: scotland");
    let run = Test::in_dir(&dir)
        .args(["check", "2025.yaml"])
        .status(0)
        .run();
    assert!(
        run.stdout.contains(
            "warning: the establishment is in England and Wales, but `sps-family-strategy` is for Scotland"
        ),
        "{run}"
    );
}

/// A Scottish establishment's file left at England and Wales, in YAML and in a workbook: a
/// warning at the nation, in the words of each format.
#[test]
fn a_nation_the_frameworks_are_not_for_is_a_warning() {
    let dir = crate::scratch("nation-warning");
    let mut args = crate::new_assessment_args("init", "2025", "sps-family-strategy");
    args.extend(["--nation", "england-wales", "-o", "2025.yaml"].map(String::from));
    Test::in_dir(&dir).args(args).status(0).run();
    let mut args = crate::new_assessment_args("workbook", "2025", "sps-family-strategy");
    args.extend(["--nation", "england-wales", "-o", "2025.xlsx"].map(String::from));
    Test::in_dir(&dir).args(args).status(0).run();
    for file in ["2025.yaml", "2025.xlsx"] {
        let run = Test::in_dir(&dir).args(["check", file]).status(0).run();
        let warning = run
            .stdout
            .split("\n\n")
            .find(|w| w.contains("is for Scotland"))
            .unwrap_or_else(|| panic!("no warning about the nation:\n{run}"));
        assert!(warning.starts_with(
            "warning: the establishment is in England and Wales, but `sps-family-strategy` is for Scotland"
        ));
        insta::assert_snapshot!(format!("warning_in_{}", file.replace('.', "_")), warning);
    }
    // The same file with the right nation has no such warning.
    let text = std::fs::read_to_string(dir.join("2025.yaml")).unwrap();
    let right = text.replacen("nation: england-wales", "nation: scotland", 1);
    std::fs::write(dir.join("right.yaml"), right).unwrap();
    let run = Test::in_dir(&dir)
        .args(["check", "right.yaml"])
        .status(0)
        .run();
    assert!(!run.stdout.contains("is for Scotland"), "{run}");
}
