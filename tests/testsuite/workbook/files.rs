//! Files that are not a workbook `ties` wrote, given where one is expected: each gets a message
//! that says what it is and what to do, with exit code 1, and nothing panics.

use std::io::Write;

use super::{ok_in, root, scratch, ties_in};

/// Runs `ties check` on `name` in `dir` and returns its first error's message.
fn refused(dir: &std::path::Path, name: &str) -> String {
    let run = ties_in(dir, &["check", name]);
    assert_eq!(run.code, 1, "{name}:\n{}", run.output());
    let first = run
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("error: "))
        .unwrap_or_else(|| panic!("{name}: no error:\n{}", run.output()));
    // The same file is refused the same way by every command that reads a self-assessment.
    for cmd in ["score", "report", "import"] {
        let other = ties_in(dir, &[cmd, name]);
        assert_eq!(other.code, 1, "ties {cmd} {name}:\n{}", other.output());
        assert!(
            other.stderr.contains(first),
            "ties {cmd} {name}:\n{}",
            other.output()
        );
    }
    first.to_string()
}

fn example_workbook(dir: &std::path::Path) -> Vec<u8> {
    let example = root().join("assessments/hmp-harrowfield/2025.yaml");
    ok_in(
        dir,
        &["workbook", example.to_str().unwrap(), "-o", "good.xlsx"],
    );
    std::fs::read(dir.join("good.xlsx")).unwrap()
}

#[test]
fn other_files_given_as_workbooks_are_told_apart() {
    let dir = scratch("other-files");
    let good = example_workbook(&dir);
    let mut compound = vec![0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
    compound.resize(4096, 0);
    let mut locked = compound.clone();
    locked.extend(
        "EncryptedPackage"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes()),
    );
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "renamed.xlsx",
            b"establishment,year\nhmp-x,2025\n".to_vec(),
            "this file is text (perhaps a CSV file renamed to .xlsx), not a workbook",
        ),
        (
            "empty.xlsx",
            Vec::new(),
            "the file is empty, so it is not a workbook",
        ),
        (
            "page.xlsx",
            b"<html><body>Sign in</body></html>".to_vec(),
            "web page",
        ),
        (
            "old.xls",
            compound,
            "this is an older Excel workbook (.xls, Excel 97-2003), which ties cannot read",
        ),
        (
            "locked.xlsx",
            locked,
            "the workbook is locked with a password to open it",
        ),
        (
            "cut.xlsx",
            good[..good.len() / 2].to_vec(),
            "the workbook is damaged",
        ),
        (
            "noise.xlsx",
            (0..5000u32).map(|i| (i * 7919 % 251) as u8).collect(),
            "this file is not a workbook",
        ),
    ];
    for (name, bytes, words) in cases {
        std::fs::write(dir.join(name), bytes).unwrap();
        let message = refused(&dir, name);
        assert!(message.contains(words), "{name}: {message}");
    }
}

#[test]
fn spreadsheets_ties_did_not_write_are_told_apart() {
    let dir = scratch("other-spreadsheets");
    // An OpenDocument spreadsheet: a zip whose mimetype says so.
    let f = std::fs::File::create(dir.join("sheet.ods")).unwrap();
    let mut zip = zip::ZipWriter::new(f);
    let o = zip::write::SimpleFileOptions::default();
    zip.start_file("mimetype", o).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.finish().unwrap();
    assert!(refused(&dir, "sheet.ods").contains("OpenDocument spreadsheet (.ods)"));
    // A zip that is not a workbook.
    let f = std::fs::File::create(dir.join("archive.xlsx")).unwrap();
    let mut zip = zip::ZipWriter::new(f);
    zip.start_file("notes.txt", o).unwrap();
    zip.write_all(b"hello").unwrap();
    zip.finish().unwrap();
    assert!(refused(&dir, "archive.xlsx").contains("a zip archive, but not an Excel workbook"));
    // A workbook, but not a self-assessment: the estate export is one.
    ok_in(
        &root(),
        &[
            "compare",
            "assessments",
            "--format",
            "xlsx",
            "-o",
            dir.join("estate.xlsx").to_str().unwrap(),
        ],
    );
    let message = refused(&dir, "estate.xlsx");
    assert!(
        message.contains("this is a workbook, but not a self-assessment made by ties"),
        "{message}"
    );
}

/// A workbook is a zip archive: one that would unpack to far more than a self-assessment is
/// refused before it is unpacked.
#[test]
fn a_zip_bomb_is_refused_before_it_is_unpacked() {
    let dir = scratch("zip-bomb");
    let f = std::fs::File::create(dir.join("bomb.xlsx")).unwrap();
    let mut zip = zip::ZipWriter::new(f);
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("xl/workbook.xml", o).unwrap();
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..200 {
        zip.write_all(&zeros).unwrap();
    }
    zip.finish().unwrap();
    assert!(std::fs::metadata(dir.join("bomb.xlsx")).unwrap().len() < 2_000_000);
    let started = std::time::Instant::now();
    let message = refused(&dir, "bomb.xlsx");
    assert!(
        message.contains("would unpack to more than ties reads"),
        "{message}"
    );
    assert!(started.elapsed().as_secs() < 20);
    // And one of many small files.
    let f = std::fs::File::create(dir.join("many.xlsx")).unwrap();
    let mut zip = zip::ZipWriter::new(f);
    for i in 0..2_000 {
        zip.start_file(
            format!("f{i}.xml"),
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
    }
    zip.finish().unwrap();
    assert!(refused(&dir, "many.xlsx").contains("would unpack to more than ties reads"));
}

/// Damaged copies of a real workbook: bytes changed and the file cut short at many places.
/// Every one is read or refused with a message; none panics or hangs.
#[test]
fn damaged_workbooks_never_crash_ties() {
    let dir = scratch("damaged");
    let good = example_workbook(&dir);
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for i in 0..40 {
        let mut bytes = good.clone();
        if i % 2 == 0 {
            for _ in 0..(1 + i / 4) {
                let at = (next() as usize) % bytes.len();
                bytes[at] = next() as u8;
            }
        } else {
            bytes.truncate((next() as usize) % bytes.len());
        }
        let name = format!("damaged-{i}.xlsx");
        std::fs::write(dir.join(&name), &bytes).unwrap();
        let run = ties_in(&dir, &["check", &name]);
        assert!(run.code == 0 || run.code == 1, "{name}: {}", run.output());
        if run.code == 1 {
            assert!(run.stdout.contains("error: "), "{name}: {}", run.output());
        }
    }
}
