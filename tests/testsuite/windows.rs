//! Windows: paths as people on Windows write them (a drive letter, backslashes, spaces, Welsh
//! letters), files as Windows programs save them, and the names Windows keeps for its devices.
//! The tests marked `cfg(windows)` run against `ties.exe` under Wine (`tests/windows/run`); the
//! others run everywhere.

use crate::{Test, root, scratch};

/// The example every test here starts from.
const EXAMPLE: &str = "assessments/hmp-harrowfield/2025.yaml";

/// A command `ties` suggests quotes a path with a space in it, so that it works when pasted into
/// PowerShell or a Unix shell; the path, read back as the shell reads it, is the file written.
#[test]
fn suggested_commands_quote_a_path_with_a_space() {
    let dir = scratch("windows-suggested");
    let xlsx = "Hunanasesiad 2025/hmp-example.xlsx";
    let run = Test::in_dir(&dir)
        .args(crate::new_assessment_args(
            "workbook",
            "2025",
            "farmer-offer",
        ))
        .args(["-o", xlsx])
        .status(0)
        .run();
    assert!(
        run.stdout.ends_with(
            "Check it at any time with: ties check \"Hunanasesiad 2025/hmp-example.xlsx\"\n"
        ),
        "{run}"
    );
    Test::in_dir(&dir).args(["check", xlsx]).status(0).run();
    let run = Test::in_dir(&dir).args(["import", xlsx]).status(0).run();
    assert!(
        run.stdout
            .ends_with("Check it with: ties check \"Hunanasesiad 2025/hmp-example.yaml\"\n"),
        "{run}"
    );
    let yaml = "Siân's files/2025.yaml";
    let run = Test::in_dir(&dir)
        .args(crate::new_assessment_args("init", "2025", "farmer-offer"))
        .args(["-o", yaml])
        .status(0)
        .run();
    assert!(
        run.stdout
            .ends_with("then run: ties check \"Siân's files/2025.yaml\"\n"),
        "{run}"
    );
    Test::in_dir(&dir).args(["check", yaml]).status(0).run();
}

/// A self-assessment saved as Notepad and older Windows programs save it, with a byte-order
/// mark and CRLF line endings, scores and reports exactly as the original does.
#[test]
fn a_file_saved_with_crlf_and_a_byte_order_mark_gives_the_same_outputs() {
    let dir = scratch("windows-crlf");
    std::fs::create_dir_all(dir.join("hmp-harrowfield")).unwrap();
    // Every year, as the report compares this year with last year's file beside it.
    for year in ["2023", "2024", "2025"] {
        let name = format!("hmp-harrowfield/{year}.yaml");
        let text = std::fs::read_to_string(root().join("assessments").join(&name)).unwrap();
        let windows = format!("\u{feff}{}", text.replace('\n', "\r\n"));
        std::fs::write(dir.join(name), windows).unwrap();
    }
    for args in [
        &["score", "--format", "json"][..],
        &["report", "--format", "md", "--as-of", "2026-06-01"],
        &["report", "--format", "html", "--as-of", "2026-06-01"],
    ] {
        let original = Test::new()
            .arg(args[0])
            .arg(EXAMPLE)
            .args(&args[1..])
            .status(0)
            .run();
        let saved = Test::in_dir(&dir)
            .arg(args[0])
            .arg("hmp-harrowfield/2025.yaml")
            .args(&args[1..])
            .status(0)
            .run();
        assert_eq!(original.stdout, saved.stdout, "{}", args.join(" "));
    }
}

/// A folder is never written over, whatever the system.
#[test]
fn an_output_named_as_a_folder_is_refused() {
    let dir = scratch("windows-folder");
    std::fs::create_dir_all(dir.join("Adroddiadau 2025")).unwrap();
    let run = Test::in_dir(&dir)
        .args(["report", &root().join(EXAMPLE).to_string_lossy(), "-o"])
        .arg("Adroddiadau 2025")
        .status(1)
        .run();
    assert!(
        run.stderr
            .contains("Adroddiadau 2025 is a folder, which ties does not write to"),
        "{run}"
    );
}

/// The issue's path, `C:\Users\Siân\Hunanasesiad 2025\hmp-abertawe.xlsx`, made under the test's
/// folder on Wine's drive (its letter, backslashes, a space and a Welsh letter): a workbook is
/// written there, checked, imported and reported, and each message shows the path as given,
/// with the suggested command quoted.
#[cfg(windows)]
#[test]
fn a_windows_path_with_a_drive_letter_spaces_and_welsh_letters() {
    let dir = std::path::absolute(scratch("windows-sian")).unwrap();
    let folder = dir.join(r"Users\Siân\Hunanasesiad 2025");
    let text = folder.to_str().unwrap();
    assert!(text.as_bytes()[1] == b':' && !text.contains('/'), "{text}");
    let xlsx = folder.join("hmp-abertawe.xlsx");
    let shown = xlsx.display().to_string();
    let run = Test::in_dir(&dir)
        .args(["workbook", "--establishment", "hmp-abertawe"])
        .args(["--name", "CEM Abertawe", "--year", "2025"])
        .args(["--framework", "farmer-offer", "-o"])
        .arg(&xlsx)
        .status(0)
        .exact()
        .run();
    assert_eq!(
        run.stdout,
        format!(
            "Wrote {shown}.\nOpen it in Excel or LibreOffice and follow its Start here sheet. \
             Check it at any time with: ties check \"{shown}\"\n"
        )
    );
    Test::in_dir(&dir).arg("check").arg(&xlsx).status(0).run();
    let run = Test::in_dir(&dir)
        .arg("import")
        .arg(&xlsx)
        .status(0)
        .exact()
        .run();
    let yaml = folder.join("hmp-abertawe.yaml");
    assert!(
        run.stdout
            .ends_with(&format!("ties check \"{}\"\n", yaml.display())),
        "{run}"
    );
    let html = folder.join("Adroddiad Siân.html");
    Test::in_dir(&dir)
        .arg("report")
        .arg(&yaml)
        .args(["--format", "html", "-o"])
        .arg(&html)
        .status(0)
        .run();
    assert!(
        std::fs::read_to_string(&html)
            .unwrap()
            .contains("CEM Abertawe")
    );
}

/// A name with accents comes out as it went in (UTF-8 into a pipe or a file; on a console Rust
/// writes it as Windows' own UTF-16, so the console shows it too).
#[test]
fn a_name_with_accents_is_printed_intact() {
    let dir = scratch("windows-accents");
    let text = std::fs::read_to_string(root().join(EXAMPLE)).unwrap();
    let renamed = text.replacen(
        "  name: HMP Harrowfield\n",
        "  name: CEM Tŷ'r Afon – Siân Llŷr\n",
        1,
    );
    assert_ne!(renamed, text);
    std::fs::create_dir_all(dir.join("hmp-harrowfield")).unwrap();
    std::fs::write(dir.join("hmp-harrowfield/2025.yaml"), renamed).unwrap();
    let run = Test::in_dir(&dir)
        .args(["score", "hmp-harrowfield/2025.yaml"])
        .status(0)
        .run();
    assert!(run.stdout.contains("CEM Tŷ'r Afon – Siân Llŷr"), "{run}");
}

/// Windows' devices: `-o NUL` writes to the null device and leaves no file; a device's name
/// with an extension (`CON.yaml`, `aux.md`) is refused for any output, `--force` or not.
#[cfg(windows)]
#[test]
fn windows_device_names_are_written_to_or_refused() {
    let dir = scratch("windows-devices");
    let example = root().join(EXAMPLE);
    Test::in_dir(&dir)
        .arg("score")
        .arg(&example)
        .args(["--format", "json", "-o", "NUL"])
        .status(0)
        .stdout("")
        .run();
    for name in ["CON.yaml", "aux.md", "Com1.csv"] {
        let run = Test::in_dir(&dir)
            .arg("report")
            .arg(&example)
            .args(["--force", "-o", name])
            .status(1)
            .run();
        assert!(
            run.stderr.contains(&format!(
                "{name} is a name Windows keeps for a device, with or without an extension"
            )),
            "{run}"
        );
    }
    let run = Test::in_dir(&dir)
        .args(crate::new_assessment_args("init", "2025", "farmer-offer"))
        .args(["-o", "Aux.yaml"])
        .status(1)
        .run();
    assert!(run.stderr.contains("keeps for a device"), "{run}");
    let left: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
}
