//! Nothing is lost between YAML and a workbook, in either direction.

use std::path::Path;

use super::{ok_in, parts, root, scores, scratch, ties_in, values};

/// Every bundled example: YAML, then a workbook, then YAML again, gives the same
/// self-assessment (value for value) and the same scores at every step.
#[test]
fn every_example_survives_a_round_trip() {
    let dir = scratch("examples");
    let mut n = 0;
    for est in std::fs::read_dir(root().join("assessments")).unwrap() {
        let est = est.unwrap().path();
        if !est.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&est).unwrap() {
            let yaml = f.unwrap().path();
            let name = format!(
                "{}-{}",
                est.file_name().unwrap().to_string_lossy(),
                yaml.file_stem().unwrap().to_string_lossy()
            );
            let xlsx = dir.join(format!("{name}.xlsx"));
            let back = dir.join(format!("{name}.yaml"));
            let original = yaml.to_str().unwrap();
            ok_in(&dir, &["workbook", original, "-o", xlsx.to_str().unwrap()]);
            ok_in(
                &dir,
                &[
                    "import",
                    xlsx.to_str().unwrap(),
                    "-o",
                    back.to_str().unwrap(),
                ],
            );
            assert_eq!(values(&yaml), values(&xlsx), "{name}: YAML and workbook");
            assert_eq!(
                values(&yaml),
                values(&back),
                "{name}: YAML and imported YAML"
            );
            let expected = scores(&dir, original);
            assert_eq!(expected, scores(&dir, xlsx.to_str().unwrap()), "{name}");
            assert_eq!(expected, scores(&dir, back.to_str().unwrap()), "{name}");
            n += 1;
        }
    }
    assert!(n >= 19, "only {n} examples");
}

/// Texts that could be taken for formulas, line breaks, Markdown, quotes, Welsh and Gaelic
/// letters, a line separator and a 10,000-character narrative are stored as text and come
/// back unchanged.
#[test]
fn hostile_texts_are_stored_as_text_and_read_back_unchanged() {
    let dir = scratch("hostile");
    let long = "Llanfair ".repeat(1_200);
    let texts = [
        (
            "visitor-centre",
            "=SUM(A1:A9)\nline two with \"quotes\" and 'single'\n\n**bold** and [a link](https://example.org)\n",
        ),
        (
            "staffing-structure",
            "+44 20 7946 0000 and a\ttab; Cymraeg: ŵ ŷ â ê î ô û; Gàidhlig: à è ì ò ù",
        ),
        ("extended-visits", "-5 visits\r\nwith a Windows line ending"),
        ("family-learning", &long),
        (
            "gateway-communications",
            "@home; _x0041_ as typed, and a\u{2028}separator",
        ),
    ];
    let mut yaml = String::from(
        "ties: 1\nestablishment:\n  id: hmp-hostile\n  name: \"=HMP Hostile\"\n  nation: england-wales\n  region: \"@North\"\n  public_contacts: [\"=0800 496 0000\", families@example.org]\nyear: 2025\nframeworks: [farmer-offer]\nresponses:\n",
    );
    for (item, text) in texts {
        yaml.push_str(&format!(
            "  farmer-offer/{item}:\n    rating: planned\n    narrative: {}\n    strengths: [\"=1+1\", \"-a dash\", \"+plus\", \"@at\"]\n    evidence:\n      - kind: document\n        text: {}\n        date: 2025-06-01\n",
            serde_json::to_string(text).unwrap(),
            serde_json::to_string(&format!("={text}")).unwrap()
        ));
    }
    yaml.push_str("actions:\n  - { id: A1, what: \"=HYPERLINK(\\\"x\\\")\", owner: \"-Governor\", status: open, note: \"+1\" }\n");
    std::fs::write(dir.join("2025.yaml"), &yaml).unwrap();
    assert!(long.len() > 10_000);
    ok_in(&dir, &["workbook", "2025.yaml", "-o", "2025.xlsx"]);
    ok_in(&dir, &["import", "2025.xlsx", "-o", "back.yaml"]);
    assert_eq!(
        values(&dir.join("2025.yaml")),
        values(&dir.join("2025.xlsx"))
    );
    assert_eq!(
        values(&dir.join("2025.yaml")),
        values(&dir.join("back.yaml"))
    );
    // No cell of any sheet is a formula.
    for (name, xml) in parts(&dir.join("2025.xlsx")) {
        assert!(
            !xml.contains("<f>") && !xml.contains("<f "),
            "a formula in {name}"
        );
    }
}

#[test]
fn the_same_self_assessment_gives_the_same_bytes() {
    let dir = scratch("same-bytes");
    let example = root().join("assessments/hmp-harrowfield/2025.yaml");
    let example = example.to_str().unwrap();
    ok_in(&dir, &["workbook", example, "-o", "a.xlsx"]);
    ok_in(&dir, &["workbook", example, "-o", "b.xlsx"]);
    assert_eq!(
        std::fs::read(dir.join("a.xlsx")).unwrap(),
        std::fs::read(dir.join("b.xlsx")).unwrap()
    );
    // The document's date is the self-assessment's completion date, not the clock.
    let core = super::part(&dir.join("a.xlsx"), "docProps/core.xml");
    assert!(core.contains("2026-04-16T00:00:00Z"), "{core}");
}

/// A text longer than a spreadsheet's cell holds is refused at its place, never cut short.
#[test]
fn a_text_too_long_for_a_cell_is_refused_at_its_place() {
    let dir = scratch("too-long");
    let yaml = format!(
        "ties: 1\nestablishment: {{ id: hmp-long, name: HMP Long, nation: england-wales }}\nyear: 2025\nframeworks: [farmer-offer]\nresponses:\n  farmer-offer/visitor-centre:\n    rating: planned\n    narrative: {}\n",
        "a".repeat(40_000)
    );
    std::fs::write(dir.join("2025.yaml"), yaml).unwrap();
    let run = ties_in(&dir, &["workbook", "2025.yaml", "-o", "2025.xlsx"]);
    assert_eq!(run.code, 1, "{}", run.output());
    assert!(
        run.stderr.contains(
            "the narrative of farmer-offer/visitor-centre is too long for a spreadsheet's cell"
        ) && run.stderr.contains("--> 2025.yaml:6:3")
            && run.stderr.contains("at most 32767 characters")
            && run.stderr.contains("40000 characters"),
        "{}",
        run.stderr
    );
    assert!(!Path::new(&dir.join("2025.xlsx")).exists());
}
