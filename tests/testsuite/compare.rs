//! `ties compare`, the estate view, on the bundled examples: Markdown, JSON, CSV and XLSX, the
//! same every time and whatever the files' names, no restricted content in any estate output
//! (nor in the trend or the public report), and framework versions compared on what they share.

use std::path::PathBuf;

use crate::{Test, ok, root, scratch};

#[test]
fn compare_markdown() {
    insta::assert_snapshot!(ok(&["compare", "assessments"]));
}

#[test]
fn compare_json() {
    let text = ok(&["compare", "assessments", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(doc["ties_compare"], 1);
    insta::assert_snapshot!(text);
}

#[test]
fn compare_filters_by_year_and_group() {
    let text = ok(&[
        "compare",
        "assessments",
        "--year",
        "2024",
        "--group",
        "training",
        "--format",
        "json",
    ]);
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["year"], 2024);
    let names: Vec<&str> = doc["establishments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["HMP Ravensdale", "HMP Wrenhurst"]);
}

#[test]
fn compare_csv_is_tidy_and_complete() {
    let text = ok(&["compare", "assessments", "--format", "csv"]);
    let mut lines = text.split("\r\n").filter(|l| !l.is_empty());
    let header = lines.next().unwrap();
    assert_eq!(
        header,
        "establishment,name,year,nation,region,comparator_group,framework,framework_version,section,item,status,rating,evidenced_rating,score,section_score,section_coverage"
    );
    let rows: Vec<&str> = lines.collect();
    // One row per item of each establishment's frameworks: 8 establishments in 2025.
    assert!(rows.len() > 300, "{} rows", rows.len());
    assert!(rows.iter().all(|r| r.contains(",2025,")));
}

#[test]
fn spreadsheet_formulas_are_neutralised_in_csv() {
    let mut test = Test::in_scratch("compare-formula");
    let dir = test.dir().to_path_buf();
    for (n, name) in ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)"]
        .iter()
        .enumerate()
    {
        let text = format!(
            "ties: 1\nestablishment: {{ id: hmp-f{n}, name: '{name}', nation: england-wales, region: '{name}', comparator_group: '{name}' }}\n\
             year: 2025\ncompleted_on: 2026-04-01\nframeworks: [farmer-offer]\n\
             responses:\n  farmer-offer/visitor-centre: {{ rating: planned }}\n"
        );
        test = test.file(format!("x/{n}.yaml"), text);
    }
    let text = test
        .args(["compare", "x", "--format", "csv"])
        .status(0)
        .run()
        .stdout_utf8();
    for line in text.lines().skip(1) {
        for field in line.split(',') {
            let f = field.trim_start_matches('"');
            assert!(
                !(f.starts_with('=')
                    || f.starts_with('+')
                    || f.starts_with('@')
                    || (f.starts_with('-') && f.parse::<f64>().is_err())),
                "a cell a spreadsheet would run: {field}"
            );
        }
    }
    assert!(text.contains("'=HYPERLINK"), "{text}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Every distinctive piece of restricted text in the examples: restricted responses' text,
/// restricted evidence and restricted actions.
fn restricted_texts() -> Vec<String> {
    let mut out = Vec::new();
    for entry in walk(&root().join("assessments")) {
        let text = std::fs::read_to_string(&entry).unwrap();
        let doc: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
        let mut take = |v: &serde_json::Value| {
            let mut strings = Vec::new();
            collect(v, &mut strings);
            out.extend(strings.into_iter().filter(|s| s.len() > 25));
        };
        if let Some(responses) = doc["responses"].as_object() {
            for r in responses.values() {
                if r["restricted"] == true {
                    take(r);
                } else if let Some(ev) = r["evidence"].as_array() {
                    for e in ev.iter().filter(|e| e["restricted"] == true) {
                        take(&e["text"]);
                    }
                }
            }
        }
        if let Some(actions) = doc["actions"].as_array() {
            for a in actions.iter().filter(|a| a["restricted"] == true) {
                take(&a["what"]);
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

fn collect(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.extend(
            s.lines()
                .map(str::trim)
                .filter(|l| l.len() > 25)
                .map(str::to_string),
        ),
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect(x, out)),
        serde_json::Value::Object(m) => m.values().for_each(|x| collect(x, out)),
        _ => {}
    }
}

fn walk(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|x| x == "yaml")
            && p.file_name().is_some_and(|n| n != "register.yaml")
        {
            out.push(p);
        }
    }
    out.sort();
    out
}

#[test]
fn restricted_content_never_reaches_any_estate_output() {
    let secrets = restricted_texts();
    assert!(
        secrets.len() >= 3,
        "the examples should include restricted content: {secrets:?}"
    );
    let dir = scratch("compare-leak");
    let xlsx = dir.join("estate.xlsx");
    let mut outputs = Vec::new();
    for year in ["2023", "2024", "2025"] {
        for format in ["md", "html", "csv", "json"] {
            outputs.push((
                format!("compare {year} {format}"),
                ok(&["compare", "assessments", "--year", year, "--format", format]),
            ));
        }
    }
    ok(&[
        "compare",
        "assessments",
        "--format",
        "xlsx",
        "-o",
        xlsx.to_str().unwrap(),
    ]);
    outputs.push(("compare xlsx".into(), xlsx_text(&xlsx)));
    for id in [
        "hmp-harrowfield",
        "hmp-auchterbrae",
        "hmp-glenmirren",
        "hmp-ferncliffe",
        "hmp-ravensdale",
        "hmp-sedgebrook",
    ] {
        for format in ["md", "html", "csv", "json"] {
            outputs.push((
                format!("trend {id} {format}"),
                ok(&[
                    "trend",
                    "assessments",
                    "--establishment",
                    id,
                    "--format",
                    format,
                ]),
            ));
        }
    }
    for file in walk(&root().join("assessments")) {
        let f = file.to_str().unwrap();
        for format in ["md", "html"] {
            outputs.push((
                format!("public report {f} {format}"),
                ok(&["report", f, "--format", format]),
            ));
        }
    }
    for (name, text) in &outputs {
        // Compare as the reader sees it: HTML escapes quotes and slashes.
        let plain = text
            .replace("&#x27;", "'")
            .replace("&#x2f;", "/")
            .replace("&quot;", "\"")
            .replace("&amp;", "&");
        for s in &secrets {
            assert!(
                !plain.contains(s.as_str()),
                "{name} contains restricted text: {s}"
            );
        }
    }
    // The inspector's version does show it, so the test can tell the difference.
    let all_inspector: String = walk(&root().join("assessments"))
        .iter()
        .map(|f| ok(&["report", f.to_str().unwrap(), "--audience", "inspector"]))
        .collect();
    assert!(secrets.iter().any(|s| all_inspector.contains(s.as_str())));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// All the text inside a workbook's sheets and shared strings.
fn xlsx_text(path: &std::path::Path) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut out = String::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        if f.name().is_ok_and(|n| n.ends_with(".xml")) {
            let mut s = String::new();
            std::io::Read::read_to_string(&mut f, &mut s).unwrap();
            out.push_str(&s);
        }
    }
    out
}

#[test]
fn compare_output_is_identical_between_runs() {
    let dir = scratch("compare-same");
    let a = dir.join("a.xlsx");
    let b = dir.join("b.xlsx");
    ok(&[
        "compare",
        "assessments",
        "--format",
        "xlsx",
        "-o",
        a.to_str().unwrap(),
    ]);
    ok(&[
        "compare",
        "assessments",
        "--format",
        "xlsx",
        "-o",
        b.to_str().unwrap(),
    ]);
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    assert_eq!(
        ok(&["compare", "assessments", "--format", "html"]),
        ok(&["compare", "assessments", "--format", "html"])
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn output_does_not_depend_on_file_names_or_listing_order() {
    // The same assessments under other folder names, in the reverse order, one level deeper.
    let dir = scratch("compare-shuffled");
    let files = walk(&root().join("assessments"));
    for (n, f) in files.iter().rev().enumerate() {
        let sub = dir
            .join(format!("{:02}-batch", n % 3))
            .join(format!("{:03}", 100 - n));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::copy(f, sub.join(f.file_name().unwrap())).unwrap();
    }
    std::fs::copy(
        root().join("assessments/register.yaml"),
        dir.join("register.yaml"),
    )
    .unwrap();
    let other = dir.to_str().unwrap();
    for format in ["md", "csv", "json"] {
        assert_eq!(
            ok(&["compare", "assessments", "--format", format]),
            ok(&["compare", other, "--format", format]),
            "compare --format {format} changed with the file layout"
        );
    }
    assert_eq!(
        ok(&[
            "trend",
            "assessments",
            "--establishment",
            "hmp-wrenhurst",
            "--format",
            "json"
        ]),
        ok(&[
            "trend",
            other,
            "--establishment",
            "hmp-wrenhurst",
            "--format",
            "json"
        ])
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A new version of farmer-offer without `family-learning`: one establishment keeps to 1.1.0,
/// the other moves to 1.2.0. They are compared on the items both versions have.
#[test]
fn different_framework_versions_are_compared_on_the_items_they_share() {
    let dir = scratch("compare-versions");
    let fw_dir = dir.join("frameworks");
    let est = dir.join("estate");
    std::fs::create_dir_all(&fw_dir).unwrap();
    let farmer = std::fs::read_to_string(root().join("frameworks/farmer-offer.yaml")).unwrap();
    let start = farmer.find("      - id: family-learning").unwrap();
    let end = start + 10 + farmer[start + 10..].find("      - id: ").unwrap();
    let newer = format!("{}{}", &farmer[..start], &farmer[end..]).replacen(
        "version: \"1.1.0\"",
        "version: \"1.2.0\"",
        1,
    );
    std::fs::write(fw_dir.join("farmer-offer.yaml"), newer).unwrap();
    let body = |id: &str, pin: &str, extra: &str| {
        format!(
            "ties: 1\nestablishment: {{ id: {id}, name: HMP {id}, nation: england-wales, comparator_group: training }}\n\
             year: 2025\ncompleted_on: 2026-04-01\nframeworks: [farmer-offer{pin}]\nresponses:\n  \
             farmer-offer/visitor-centre: {{ rating: fully-in-place, evidence: [{{ kind: document, text: Survey. }}] }}\n{extra}"
        )
    };
    for (id, pin, extra) in [
        (
            "old",
            "@1.1.0",
            "  farmer-offer/family-learning: { rating: not-in-place }\n",
        ),
        ("new", "", ""),
    ] {
        std::fs::create_dir_all(est.join(id)).unwrap();
        std::fs::write(est.join(id).join("2025.yaml"), body(id, pin, extra)).unwrap();
    }
    let fw = fw_dir.to_str().unwrap();
    let out = Test::in_dir(&dir)
        .args([
            "--frameworks",
            fw,
            "compare",
            "estate",
            "--framework",
            "farmer-offer",
        ])
        .status(0)
        .run()
        .stdout_utf8();
    assert!(
        out.contains("compared only on the 8 items the versions share (of 9 items in version 1.1.0, 8 items in version 1.2.0)"),
        "{out}"
    );
    // family-learning, rated lowest by the old version's user, is left out of its score and its
    // coverage: one of the eight shared items (four elements, four measures) is answered, 1/8 =
    // 12.5%, shown as 12%.
    assert!(
        out.contains("| HMP old | training | 12% | Fully in place 100%\\* |"),
        "{out}"
    );
    // An assessment naming a version ties does not have is told which versions there are.
    std::fs::write(est.join("old").join("2025.yaml"), body("old", "@0.9", "")).unwrap();
    let out = Test::in_dir(&dir)
        .args(["--frameworks", fw, "check", "estate"])
        .status(1)
        .run()
        .stdout_utf8();
    assert!(
        out.contains("there is no version 0.9 of the framework `farmer-offer`"),
        "{out}"
    );
    assert!(out.contains("`1.2.0` or `1.1.0`"), "{out}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Two establishments; HMP Shut's visitor centre and its visits-on-entry rate are restricted.
fn restricted_answers_estate(name: &str) -> Test {
    let file = |id: &str, restricted: bool| {
        format!(
            "ties: 1\nestablishment: {{ id: {id}, name: HMP {id}, nation: england-wales, comparator_group: training }}\n\
             year: 2025\ncompleted_on: 2026-04-01\nframeworks: [farmer-offer]\nresponses:\n\
             \x20 farmer-offer/visitor-centre:\n    rating: fully-in-place\n    restricted: {restricted}\n\
             \x20   evidence: [{{ kind: document, text: Survey. }}]\n\
             \x20 farmer-offer/staffing-structure: {{ rating: not-in-place }}\n\
             metrics:\n  farmer-offer/visits-on-entry: {{ numerator: 137, denominator: 311, restricted: {restricted} }}\n"
        )
    };
    Test::in_scratch(name)
        .file("shut/2025.yaml", file("shut", true))
        .file("open/2025.yaml", file("open", false))
}

/// A restricted answer leaves no trace in any estate output: not its rating, its evidenced
/// rating, its score, its measure's figure or progress, nor anything computed from them. The
/// establishment's scores are those of its public answers: staffing-structure alone, not in place,
/// 0%, with 1 of the section's 5 items answered (0.2); the other establishment's are (fully in
/// place 1 + not in place 0) / 2 = 50%, with 2 of 5 answered (0.4).
#[test]
fn restricted_answers_never_reach_an_estate_output() {
    let csv = restricted_answers_estate("restricted-answers-1")
        .args(["compare", ".", "--format", "csv"])
        .status(0)
        .run()
        .stdout;
    let rows: Vec<&str> = csv.lines().filter(|l| l.starts_with("shut,")).collect();
    assert!(!rows.is_empty(), "{csv}");
    let visitor = rows
        .iter()
        .find(|r| r.contains(",visitor-centre,"))
        .unwrap_or_else(|| panic!("{csv}"));
    assert!(
        visitor.contains(",restricted,,,"),
        "no rating, evidenced rating or score: {visitor}"
    );
    for row in &rows {
        assert!(!row.contains("fully-in-place"), "{row}");
        assert!(!row.contains("0.44"), "no figure of 137 of 311: {row}");
    }
    let section = rows
        .iter()
        .find(|r| r.contains(",staffing-structure,"))
        .unwrap_or_else(|| panic!("{csv}"));
    assert!(section.ends_with(",0,0.2"), "{section}");
    let open = csv
        .lines()
        .find(|l| l.starts_with("open,") && l.contains(",visitor-centre,"))
        .unwrap_or_else(|| panic!("{csv}"));
    assert!(
        open.contains(",fully-in-place,fully-in-place,1,0.5,"),
        "{open}"
    );

    let json = restricted_answers_estate("restricted-answers-2")
        .args(["compare", ".", "--format", "json"])
        .status(0)
        .run()
        .stdout;
    assert!(json.contains("\"name\": \"HMP shut\""), "{json}");
    assert!(!json.contains("137") && !json.contains("311"), "{json}");
    let md = restricted_answers_estate("restricted-answers-3")
        .args(["compare", "."])
        .status(0)
        .run()
        .stdout;
    assert!(md.contains("| HMP shut | training |"), "{md}");
    assert!(md.contains("Not in place 0%"), "{md}");
}

/// The public report is scored without its restricted answers; the inspector's with them.
#[test]
fn the_public_report_is_scored_without_restricted_answers() {
    let public = restricted_answers_estate("restricted-answers-4")
        .args(["report", "shut/2025.yaml"])
        .status(0)
        .run()
        .stdout;
    assert!(
        public
            .contains("| The minimum local family offer | Not in place (provisional) | 0% | 20% |"),
        "{public}"
    );
    assert!(!public.contains("137 of 311"), "{public}");
    let inspector = restricted_answers_estate("restricted-answers-5")
        .args(["report", "shut/2025.yaml", "--audience", "inspector"])
        .status(0)
        .run()
        .stdout;
    assert!(
        inspector.contains(
            "| The minimum local family offer | Partly in place (provisional) | 50% | 40% |"
        ),
        "{inspector}"
    );
    assert!(inspector.contains("137 of 311"), "{inspector}");
}
