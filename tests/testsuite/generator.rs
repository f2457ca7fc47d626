//! The estate generator (`cargo run --example estate`): every file it writes passes the real
//! `ties check`, the same seed gives the same bytes, it has the variety the reports need, it
//! writes no personal data, and it will not write into a folder that has files in it.

use std::path::{Path, PathBuf};

#[path = "../../examples/estate/generate.rs"]
pub mod generate;

use generate::{Options, generate};

use crate::Test;

/// A scratch folder for one test, not yet made: the generator makes it.
fn temp_dir(name: &str) -> PathBuf {
    let dir = crate::scratch(&format!("generator-{name}"));
    std::fs::remove_dir(&dir).unwrap();
    dir
}

fn catalog() -> ties::model::catalog::Catalog {
    let (catalog, diags) = ties::model::catalog::Catalog::bundled();
    assert!(!diags.has_errors(), "built-in frameworks: {diags:?}");
    catalog
}

/// Every file below `dir`, by path, with its bytes.
fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, root, out);
            } else {
                let bytes = std::fs::read(&p).unwrap();
                out.push((p.strip_prefix(root).unwrap().to_path_buf(), bytes));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

#[test]
fn every_file_passes_ties_check_and_has_the_variety_reports_need() {
    let dir = temp_dir("check");
    let summary = generate(&catalog(), &Options::new(5, 2, 1), &dir).unwrap();
    assert_eq!(summary.assessments, 10);
    let written = files(&dir);
    assert_eq!(written.len(), 11, "ten assessments and a register");
    assert!(dir.join("register.yaml").is_file());

    let run = Test::new().arg("check").arg(&dir).run();
    let report = run.output();
    assert_eq!(run.code, 0, "ties check failed:\n{report}");
    assert!(report.contains("no errors"), "{report}");
    assert!(report.contains("in 11 files"), "{report}");
    for personal in [
        "an email address",
        "a phone number",
        "a prison number",
        "a National Insurance number",
        "a date of birth",
    ] {
        assert!(!report.contains(personal), "{personal}:\n{report}");
    }
    // What the reports and the estate view show, present somewhere in the estate.
    for warning in ["are not answered yet", "with no evidence", "is overdue"] {
        assert!(
            report.contains(warning),
            "no `{warning}` warning:\n{report}"
        );
    }
    let text: String = written
        .iter()
        .map(|(_, b)| String::from_utf8(b.clone()).unwrap())
        .collect();
    for field in [
        "not_applicable:",
        "restricted: true",
        "status: done",
        "status: in-progress",
        "status: open",
        "nation: scotland",
        "nation: england-wales",
        "sps-family-strategy/",
        "hmpps-family-practice/",
        "hmip-expectations/",
        "farmer-offer/",
        "metrics:",
        "target:",
        "**",
    ] {
        assert!(text.contains(field), "no `{field}` in the estate");
    }
    // No personal data of any kind: people appear only as roles.
    assert!(!text.contains('@'));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_same_seed_gives_the_same_bytes() {
    let catalog = catalog();
    let (a, b, c) = (temp_dir("same-a"), temp_dir("same-b"), temp_dir("same-c"));
    generate(&catalog, &Options::new(4, 2, 7), &a).unwrap();
    generate(&catalog, &Options::new(4, 2, 7), &b).unwrap();
    generate(&catalog, &Options::new(4, 2, 8), &c).unwrap();
    assert!(files(&a) == files(&b), "same seed, different files");
    assert!(files(&a) != files(&c), "different seeds, same files");
    for d in [a, b, c] {
        let _ = std::fs::remove_dir_all(d);
    }
}

#[test]
fn refuses_a_folder_with_files_in_it_unless_forced() {
    let catalog = catalog();
    let dir = temp_dir("refuse");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("notes.txt"), "keep me").unwrap();
    let err = generate(&catalog, &Options::new(1, 1, 1), &dir)
        .err()
        .expect("a folder with files in it is refused");
    assert!(
        err.contains("not empty") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(files(&dir).len(), 1, "nothing was written");
    let forced = Options {
        force: true,
        ..Options::new(1, 1, 1)
    };
    generate(&catalog, &forced, &dir).unwrap();
    assert_eq!(files(&dir).len(), 3, "notes, one assessment, register");
    assert_eq!(std::fs::read(dir.join("notes.txt")).unwrap(), b"keep me");
    let _ = std::fs::remove_dir_all(&dir);
}

/// With `workbooks`, the same self-assessments as workbooks (`<year>.xlsx`): each passes
/// `ties check`, and `ties compare` writes the same CSV from them as from the YAML.
#[test]
fn workbooks_hold_the_same_estate_as_yaml() {
    let yaml = temp_dir("as-yaml");
    let xlsx = temp_dir("as-workbooks");
    let options = Options::new(4, 1, 7);
    generate(&catalog(), &options, &yaml).unwrap();
    let summary = generate(
        &catalog(),
        &Options {
            workbooks: true,
            ..options
        },
        &xlsx,
    )
    .unwrap();
    assert_eq!(summary.assessments, 4);
    let written = files(&xlsx);
    let workbooks = written
        .iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "xlsx"))
        .count();
    assert_eq!(workbooks, 4, "{written:?}");
    let check = Test::in_dir(&xlsx).args(["check", "."]).status(0).run();
    assert!(check.stdout.contains("no errors"), "{check}");
    let compare = |dir: &Path| {
        Test::in_dir(dir)
            .args(["compare", ".", "--format", "csv", "--table", "items"])
            .status(0)
            .run()
            .stdout
    };
    assert_eq!(compare(&xlsx), compare(&yaml));
}
