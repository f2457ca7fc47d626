//! The estate's workbook holds whatever the self-assessments say: a text over the 32,767
//! characters a cell holds is cut, with a note, and the rest of the estate is written.

use super::example;
use crate::{Test, scratch};

#[test]
fn a_text_longer_than_a_cell_is_cut_with_a_note() {
    let dir = scratch("workbook-long");
    let long = "Harrowfield ".repeat(5_000);
    for (i, name) in [
        long.trim().to_string(),
        "é".repeat(40_000),
        "😀".repeat(20_000),
    ]
    .iter()
    .enumerate()
    {
        let estate = dir.join(format!("estate-{i}"));
        std::fs::create_dir_all(estate.join("hmp-harrowfield")).unwrap();
        let text = example().replace(
            "  name: HMP Harrowfield",
            &format!("  name: \"HMP {name}\""),
        );
        std::fs::write(estate.join("hmp-harrowfield/2025.yaml"), text).unwrap();
        let out = dir.join(format!("estate-{i}.xlsx"));
        Test::new()
            .args([
                "compare",
                estate.to_str().unwrap(),
                "--format",
                "xlsx",
                "-o",
                out.to_str().unwrap(),
            ])
            .status(0)
            .run();
        let file = std::fs::File::open(&out).unwrap();
        let mut zip = zip::ZipArchive::new(file).unwrap();
        let mut strings = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("xl/sharedStrings.xml").unwrap(),
            &mut strings,
        )
        .unwrap();
        assert!(
            strings.contains(
                "a spreadsheet cell holds 32767; the CSV and JSON exports hold all of it]"
            ),
            "{i}"
        );
    }
}
