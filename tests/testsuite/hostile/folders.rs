//! Folders, third round: what a folder holds besides self-assessments is named with what to do;
//! one damaged file is left out and the rest goes on; which of two files for one year is used is
//! one stated rule everywhere; messages stay bounded however many values a file repeats.

use std::path::{Path, PathBuf};

use crate::{HOSTILE_MEMORY_MB, MINI, MINI_FRAMEWORKS, Test, root, scratch};

/// The small test framework's folder, for `--frameworks`.
fn mini_frameworks() -> String {
    root().join(MINI_FRAMEWORKS).display().to_string()
}

/// The small test self-assessment, for establishment `id` and `year`.
fn mini(id: &str, year: i32) -> String {
    std::fs::read_to_string(root().join(MINI))
        .unwrap()
        .replace("id: hmp-mini", &format!("id: {id}"))
        .replace("year: 2025", &format!("year: {year}"))
}

fn write(dir: &Path, path: &str, bytes: impl AsRef<[u8]>) {
    let p = dir.join(path);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

/// `ties` run in `dir` with the small test framework, within the memory any hostile input may
/// take.
fn ties(dir: &Path, args: &[&str]) -> Test {
    Test::in_dir(dir)
        .args(["--frameworks", &mini_frameworks()])
        .args(args)
        .memory_bound(HOSTILE_MEMORY_MB)
}

/// An estate of one self-assessment with a file of every other format people keep beside one.
fn estate_with_other_formats(name: &str) -> PathBuf {
    let dir = scratch(name);
    write(&dir, "estate/hmp-mini/2025.yaml", mini("hmp-mini", 2025));
    // Their contents are never read: the name says what they are.
    write(
        &dir,
        "estate/hmp-mini/2024.ods",
        b"PK\x03\x04 an OpenDocument spreadsheet",
    );
    write(
        &dir,
        "estate/hmp-mini/2023.xls",
        [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0],
    );
    write(&dir, "estate/hmp-mini/2025-macros.xlsm", b"PK\x03\x04");
    write(&dir, "estate/hmp-other/2025.numbers", b"PK\x03\x04");
    write(&dir, "estate/scores.csv", "id,score\nhmp-mini,0.5\n");
    write(&dir, "estate/notes/answers.docx", b"PK\x03\x04");
    dir
}

#[test]
fn check_names_every_file_of_another_format_in_a_folder_and_says_what_to_do() {
    let dir = estate_with_other_formats("folders-other-formats-check");
    let run = ties(&dir, &["check", "estate"]).status(0).run();
    for name in [
        "estate/hmp-mini/2024.ods",
        "estate/hmp-mini/2023.xls",
        "estate/hmp-mini/2025-macros.xlsm",
        "estate/hmp-other/2025.numbers",
        "estate/scores.csv",
        "estate/notes/answers.docx",
    ] {
        assert!(
            run.stdout.contains(&format!(" --> {name}\n")),
            "{name}\n{run}"
        );
    }
    insta::assert_snapshot!(run.stdout);
    // A folder holding nothing but other formats is not "no files": each is named.
    let dir = scratch("folders-other-formats-only");
    write(&dir, "only/2025.ods", b"PK\x03\x04");
    write(&dir, "only/2025.xls", [0xd0, 0xcf]);
    let run = ties(&dir, &["check", "only"]).status(0).run();
    assert!(run.stdout.contains("only/2025.ods"), "{run}");
    assert!(run.stdout.contains("only/2025.xls"), "{run}");
    assert!(
        run.stdout.ends_with("2 warnings; no files were checked.\n"),
        "{run}"
    );
}

#[test]
fn compare_and_trend_leave_out_files_of_another_format_by_name_with_what_to_do() {
    let dir = estate_with_other_formats("folders-other-formats-compare");
    let run = ties(&dir, &["compare", "estate", "--format", "md"])
        .status(0)
        .run();
    assert!(
        run.stderr
            .contains("6 files could not be used and are left out"),
        "{run}"
    );
    let left_out = section(&run.stdout, "## Files left out");
    insta::assert_snapshot!(left_out);
    let run = ties(
        &dir,
        &["compare", "estate", "--format", "csv", "--table", "items"],
    )
    .status(0)
    .run();
    assert!(run.stdout.contains("hmp-mini,"), "{run}");
    // The trend of hmp-mini names the files in its folder it could not use.
    let run = ties(&dir, &["trend", "estate", "--establishment", "hmp-mini"])
        .status(0)
        .run();
    for name in ["2024.ods", "2023.xls", "2025-macros.xlsm"] {
        assert!(
            run.stderr.contains(&format!(
                "warning: estate/hmp-mini/{name} is left out: this is "
            )),
            "{name}\n{run}"
        );
    }
}

#[test]
fn a_document_or_a_table_named_one_by_one_is_refused_with_what_to_do() {
    let dir = estate_with_other_formats("folders-other-formats-named");
    for (name, what) in [
        ("estate/scores.csv", "this is a CSV file"),
        (
            "estate/notes/answers.docx",
            "this is a Word document (.docx)",
        ),
        (
            "estate/hmp-other/2025.numbers",
            "this is an Apple Numbers spreadsheet",
        ),
        ("estate/hmp-mini/2023.xls", "older Excel workbook (.xls"),
    ] {
        let run = ties(&dir, &["check", name]).status(1).run();
        assert!(run.stdout.contains(what), "{name}\n{run}");
        assert!(run.stdout.contains("= help: "), "{name}\n{run}");
    }
}

/// The section of a Markdown document that starts with `heading`, to its next `## ` heading.
fn section(text: &str, heading: &str) -> String {
    let start = text.find(heading).expect("the section");
    let rest = &text[start..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |i| i + 4);
    rest[..end].to_string()
}

/// The same establishment and year twice: the file in the establishment's own folder is used,
/// wherever the copy sorts, and the copy is named in every command that reads the folder.
#[test]
fn the_file_in_the_establishments_own_folder_wins_in_check_compare_trend_and_report() {
    for (i, copy) in [
        "aaa/2025.yaml",
        "zzz/2025.yaml",
        "2025.yaml",
        "hmp-mini-old/2025.yaml",
    ]
    .into_iter()
    .enumerate()
    {
        let dir = scratch(&format!("folders-duplicate-{i}"));
        write(&dir, "estate/hmp-mini/2025.yaml", mini("hmp-mini", 2025));
        // The copy says something else, so which one was used shows in the scores.
        let other = mini("hmp-mini", 2025).replacen("rating: all", "rating: none", 1);
        write(&dir, &format!("estate/{copy}"), other);
        let rule = format!(
            "error: hmp-mini already has a self-assessment for 2025 in estate/hmp-mini/2025.yaml, which is the one used\n --> estate/{copy}:"
        );
        let run = ties(&dir, &["check", "estate"]).status(1).run();
        assert!(run.stdout.contains(&rule), "{copy}\n{run}");
        let run = ties(&dir, &["compare", "estate", "--format", "md"])
            .status(0)
            .run();
        assert!(
            section(&run.stdout, "## Files left out").contains(&format!("| estate/{copy} | 1 |")),
            "{copy}\n{run}"
        );
        let own = ties(
            &dir,
            &[
                "compare",
                "estate/hmp-mini",
                "--format",
                "csv",
                "--table",
                "items",
            ],
        )
        .status(0)
        .run();
        let run = ties(
            &dir,
            &["compare", "estate", "--format", "csv", "--table", "items"],
        )
        .status(0)
        .run();
        let items = |csv: &str| -> Vec<String> { csv.lines().map(str::to_string).collect() };
        assert_eq!(
            items(&run.stdout),
            items(&own.stdout),
            "{copy}: the copy's answers were used"
        );
        let run = ties(&dir, &["trend", "estate", "--establishment", "hmp-mini"])
            .status(0)
            .run();
        assert!(
            run.stderr.contains(&format!(
                "warning: estate/{copy} is left out: hmp-mini already has a self-assessment for 2025 in estate/hmp-mini/2025.yaml, which is the one used"
            )),
            "{copy}\n{run}"
        );
    }
}

#[test]
fn last_years_file_given_twice_follows_the_same_rule_in_the_report() {
    let dir = scratch("folders-duplicate-report");
    write(&dir, "hmp-mini/2025.yaml", mini("hmp-mini", 2025));
    write(&dir, "hmp-mini/2024.yaml", mini("hmp-mini", 2024));
    write(&dir, "hmp-mini/2024-copy.yaml", mini("hmp-mini", 2024));
    let run = ties(&dir, &["report", "hmp-mini/2025.yaml"])
        .status(0)
        .run();
    // The first by name is used, and the other named.
    assert!(
        run.stderr.contains("warning: hmp-mini/2024.yaml is left out: hmp-mini already has a self-assessment for 2024 in hmp-mini/2024-copy.yaml, which is the one used"),
        "{run}"
    );
    assert!(run.stdout.contains("## Change since last year"), "{run}");
    assert!(
        !run.stdout.contains("change since last year is not shown"),
        "{run}"
    );
    // Last year as YAML and as a workbook side by side: neither is used, and the report says so.
    std::fs::remove_file(dir.join("hmp-mini/2024-copy.yaml")).unwrap();
    ties(&dir, &["workbook", "hmp-mini/2024.yaml"])
        .status(0)
        .run();
    let run = ties(&dir, &["report", "hmp-mini/2025.yaml"])
        .status(0)
        .run();
    assert!(
        run.stdout.contains("More than one self-assessment for 2024 was found beside this file (hmp-mini/2024.xlsx and hmp-mini/2024.yaml), so change since last year is not shown."),
        "{run}"
    );
}

/// A file beside this year's that cannot be read is a note in the report, never a failure, in
/// whatever way it is damaged.
#[test]
fn a_damaged_file_beside_this_years_is_a_note_in_the_report() {
    for (i, (name, bytes)) in [
        ("2024.yaml", b"ties: 1\nestablishment: [\n".to_vec()),
        ("2024.xlsx", b"PK\x03\x04 not a workbook at all".to_vec()),
        ("2024.xlsx", Vec::new()),
        ("2024.yaml", vec![0xff, 0xfe, 0x00]),
    ]
    .into_iter()
    .enumerate()
    {
        let dir = scratch(&format!("folders-bad-neighbour-{i}"));
        write(&dir, "hmp-mini/2025.yaml", mini("hmp-mini", 2025));
        write(&dir, &format!("hmp-mini/{name}"), &bytes);
        let run = ties(&dir, &["report", "hmp-mini/2025.yaml"])
            .status(0)
            .run();
        assert!(
            run.stdout.contains(&format!(
                "No self-assessment for 2024 could be used beside this file, so change since last year is not shown: hmp-mini/{name} could not be read."
            )),
            "{name}\n{run}"
        );
        // The good file of the year before is still found beside a damaged one.
        write(&dir, "hmp-mini/2024-good.yaml", mini("hmp-mini", 2024));
        let run = ties(&dir, &["report", "hmp-mini/2025.yaml"])
            .status(0)
            .run();
        assert!(
            run.stdout.contains("## Change since last year"),
            "{name}\n{run}"
        );
        // And a folder command goes on without it.
        let run = ties(
            &dir,
            &["compare", ".", "--format", "csv", "--table", "items"],
        )
        .status(0)
        .run();
        assert!(run.stdout.contains("hmp-mini,"), "{name}\n{run}");
        assert!(
            run.stderr.contains("1 file could not be used"),
            "{name}\n{run}"
        );
    }
}

/// A file that names thousands of values, each repeated in a message once per bad value, would
/// print its square: every list in a message is cut at 20 entries, with how many more.
#[test]
fn a_message_that_lists_values_from_the_file_is_cut_with_and_n_more() {
    let dir = scratch("folders-bounded-lists");
    let n = 2_000;
    let listed: Vec<String> = (0..n).map(|i| format!("fw-{i}")).collect();
    let mut text = mini("hmp-mini", 2025).replace(
        "frameworks: [mini]",
        &format!("frameworks: [mini, {}]", listed.join(", ")),
    );
    let responses: String = (0..n)
        .map(|i| format!("  nothing-{i}/item: {{ rating: all }}\n"))
        .collect();
    text = text.replacen("responses:\n", &format!("responses:\n{responses}"), 1);
    write(&dir, "big.yaml", &text);
    let run = ties(&dir, &["check", "big.yaml"]).status(1).run();
    let size = run.stdout.len();
    // 2,000 messages naming 2,000 frameworks each would be over 40 MB; cut, each is short.
    assert!(size < 3 * 1024 * 1024, "{size} bytes");
    assert!(
        run.stdout.contains("`fw-18` and 1981 more"),
        "{}",
        &run.stdout[..run.stdout.len().min(4000)]
    );
}

/// A register of three establishments, the second with a name too long for a spreadsheet's
/// cell and the third with a region as long.
fn register(long_name: bool, long_region: bool) -> String {
    let long = "Harrowfield ".repeat(3_000);
    let name = if long_name { long.trim() } else { "HMP Two" };
    let region = if long_region { long.trim() } else { "North" };
    format!(
        "establishments:\n  - id: hmp-one\n    name: HMP One\n    nation: england-wales\n  \
         - id: hmp-two\n    name: {name}\n    nation: england-wales\n  \
         - id: hmp-three\n    name: HMP Three\n    nation: england-wales\n    region: {region}\n"
    )
}

/// A batch from the register checks every establishment before it writes any, and places a
/// problem from the register at its line.
#[test]
fn a_batch_checks_everything_before_it_writes_anything() {
    for (i, (long_name, long_region, lines)) in [
        (true, false, &[5][..]),
        (false, true, &[8][..]),
        (true, true, &[5, 8][..]),
    ]
    .into_iter()
    .enumerate()
    {
        let dir = scratch(&format!("folders-batch-{i}"));
        write(&dir, "register.yaml", register(long_name, long_region));
        let run = ties(
            &dir,
            &[
                "workbook",
                "--register",
                "register.yaml",
                "--year",
                "2026",
                "--framework",
                "mini",
                "--out",
                "workbooks",
            ],
        )
        .status(1)
        .run();
        assert!(
            !dir.join("workbooks").exists(),
            "something was written:\n{run}"
        );
        for line in lines {
            assert!(
                run.stderr.contains(&format!(" --> register.yaml:{line}:")),
                "line {line}\n{run}"
            );
        }
        assert!(
            run.stderr.contains("is too long for a spreadsheet's cell"),
            "{run}"
        );
    }
    // A year no self-assessment could report on: the words a file's `year:` gets, on every path.
    let dir = scratch("folders-batch-year");
    write(&dir, "register.yaml", register(false, false));
    write(&dir, "hmp-mini/2025.yaml", mini("hmp-mini", 2025));
    let words = "the year 2101 is not a plausible reporting year: give a year between 2000 and 2100, such as 2025";
    for args in [
        &[
            "workbook",
            "--register",
            "register.yaml",
            "--year",
            "2101",
            "--framework",
            "mini",
            "--out",
            "w",
        ][..],
        &["workbook", "--from", "hmp-mini/2025.yaml", "--year", "2101"][..],
        &["init", "--from", "hmp-mini/2025.yaml", "--year", "2101"][..],
        &[
            "workbook",
            "--establishment",
            "hmp-x",
            "--name",
            "X",
            "--year",
            "2101",
            "--framework",
            "mini",
        ][..],
    ] {
        let run = ties(&dir, args).status(2).run();
        assert!(run.stderr.contains(words), "{args:?}\n{run}");
        assert!(!dir.join("w").exists() && !dir.join("hmp-mini/2101.xlsx").exists());
    }
    let mut year = mini("hmp-mini", 2101);
    year.push('\n');
    write(&dir, "late/2101.yaml", year);
    let run = ties(&dir, &["check", "late/2101.yaml"]).status(1).run();
    assert!(
        run.stdout
            .contains("error: the year 2101 is not a plausible reporting year"),
        "{run}"
    );
}

/// `ties import` with no `-o` writes the YAML beside the workbook, and says that the two are now
/// the same year twice.
#[test]
fn import_beside_the_workbook_says_the_two_are_side_by_side() {
    let dir = scratch("folders-import-beside");
    write(&dir, "hmp-mini/2025.yaml", mini("hmp-mini", 2025));
    ties(
        &dir,
        &["workbook", "hmp-mini/2025.yaml", "-o", "in/2025.xlsx"],
    )
    .status(0)
    .run();
    let run = ties(&dir, &["import", "in/2025.xlsx"]).status(0).run();
    assert!(
        run.stderr.contains("warning: in/2025.xlsx and in/2025.yaml are now side by side, two self-assessments of hmp-mini for 2025"),
        "{run}"
    );
    // Written elsewhere, it is not.
    let run = ties(
        &dir,
        &["import", "in/2025.xlsx", "-o", "2025-imported.yaml"],
    )
    .status(0)
    .run();
    assert!(!run.stderr.contains("side by side"), "{run}");
}

/// The output is compared with every input by the file it is, not by its spelling.
#[cfg(unix)]
#[test]
fn an_output_that_is_an_input_by_another_name_is_refused_even_with_force() {
    let dir = scratch("folders-same-file");
    write(&dir, "hmp-mini/2025.yaml", mini("hmp-mini", 2025));
    write(&dir, "hmp-mini/2024.yaml", mini("hmp-mini", 2024));
    std::os::unix::fs::symlink("hmp-mini/2025.yaml", dir.join("link.md")).unwrap();
    std::fs::hard_link(dir.join("hmp-mini/2025.yaml"), dir.join("hard.md")).unwrap();
    let before = std::fs::read(dir.join("hmp-mini/2025.yaml")).unwrap();
    for args in [
        &[
            "report",
            "hmp-mini/2025.yaml",
            "-o",
            "./hmp-mini/2025.yaml",
            "--force",
        ][..],
        &["report", "hmp-mini/2025.yaml", "-o", "hard.md", "--force"][..],
        &["report", "hmp-mini/2025.yaml", "-o", "link.md", "--force"][..],
        // Last year's file, which the report reads too.
        &[
            "report",
            "hmp-mini/2025.yaml",
            "-o",
            "hmp-mini/../hmp-mini/2024.yaml",
            "--force",
        ][..],
        &["score", "./hmp-mini/2025.yaml", "-o", "hard.md", "--force"][..],
        &["compare", ".", "--format", "md", "-o", "hard.md", "--force"][..],
        &[
            "trend",
            ".",
            "--establishment",
            "hmp-mini",
            "-o",
            "hard.md",
            "--force",
        ][..],
        &["import", "hmp-mini/2025.yaml", "-o", "hard.md", "--force"][..],
    ] {
        let run = ties(&dir, args).status(2).run();
        assert!(
            run.stderr
                .contains("which this command reads: it would be written over itself"),
            "{args:?}\n{run}"
        );
    }
    assert_eq!(
        std::fs::read(dir.join("hmp-mini/2025.yaml")).unwrap(),
        before
    );
}

/// The `--frameworks` folder follows the rule of every folder `ties` reads: a link that leads
/// out of it is neither followed nor quoted.
#[cfg(unix)]
#[test]
fn a_link_out_of_the_frameworks_folder_is_not_followed() {
    let dir = scratch("folders-frameworks-link");
    write(
        &dir,
        "private/secret.yaml",
        "secret: the text of a private file\n",
    );
    let fw = dir.join("fw");
    std::fs::create_dir_all(&fw).unwrap();
    std::fs::copy(
        root().join(MINI_FRAMEWORKS).join("mini.yaml"),
        fw.join("mini.yaml"),
    )
    .unwrap();
    std::os::unix::fs::symlink(dir.join("private/secret.yaml"), fw.join("leak.yaml")).unwrap();
    std::os::unix::fs::symlink(dir.join("private"), fw.join("more")).unwrap();
    std::os::unix::fs::symlink("mini.yaml", fw.join("same.yaml")).unwrap();
    write(&dir, "hmp-mini/2025.yaml", mini("hmp-mini", 2025));
    for args in [
        &["--frameworks", "fw", "check", "hmp-mini/2025.yaml"][..],
        &["--frameworks", "fw", "frameworks"][..],
        &["--frameworks", "fw", "score", "hmp-mini/2025.yaml"][..],
        &["check", "fw"][..],
    ] {
        let run = Test::in_dir(&dir).args(args).run();
        assert!(!run.stdout.contains("private file"), "{args:?}\n{run}");
        assert!(!run.stderr.contains("private file"), "{args:?}\n{run}");
        assert!(run.code != 2, "{args:?}\n{run}");
    }
    let run = Test::in_dir(&dir)
        .args(["--frameworks", "fw", "check", "hmp-mini/2025.yaml"])
        .run();
    assert!(
        run.stdout.contains("warning: this is a link to a file outside the folder being read, so it was not read\n --> fw/leak.yaml"),
        "{run}"
    );
}
