//! `ties trend`: one establishment over the years, and a suggestion for a misspelt id. (The trend
//! is also among the outputs `compare.rs` proves free of restricted content and independent of
//! file names.)

use crate::{Test, ok};

#[test]
fn trend_markdown_and_json() {
    insta::assert_snapshot!(
        "trend_md",
        ok(&["trend", "assessments", "--establishment", "hmp-harrowfield"])
    );
    let json = ok(&[
        "trend",
        "assessments",
        "--establishment",
        "hmp-wrenhurst",
        "--format",
        "json",
    ]);
    serde_json::from_str::<serde_json::Value>(&json).expect("valid JSON");
    insta::assert_snapshot!("trend_json", json);
}

#[test]
fn trend_suggests_a_close_id() {
    let run = Test::new()
        .args(["trend", "assessments", "--establishment", "hmp-harowfield"])
        .status(1)
        .run();
    assert!(
        run.stderr.contains("did you mean `hmp-harrowfield`?"),
        "{run}"
    );
}

#[test]
fn the_csv_says_true_or_false_as_every_export_does() {
    let csv = crate::ok(&[
        "trend",
        "assessments",
        "--establishment",
        "hmp-yoi-calderbrook",
        "--format",
        "csv",
    ]);
    let column = |line: &str| line.split(',').nth(6).unwrap_or("").to_string();
    let mut lines = csv.lines();
    assert_eq!(lines.next().map(column).as_deref(), Some("provisional"));
    let values: std::collections::BTreeSet<String> = lines.map(column).collect();
    // Calderbrook's 2025 self-assessment is incomplete: some of its grades are provisional.
    assert_eq!(
        values,
        ["false", "true"].iter().map(|s| s.to_string()).collect()
    );
}

/// Ten generated years of one establishment (the estate generator's, the same bytes every
/// time): what happened first, provisional years named and explained, the measures by year
/// (two of them restricted), and the restricted actions counted, never shown.
#[test]
fn trend_over_ten_generated_years_tells_what_happened() {
    let dir = crate::scratch("trend-generated");
    std::fs::remove_dir(&dir).unwrap();
    let (catalog, diags) = ties::model::catalog::Catalog::bundled();
    assert!(!diags.has_errors(), "built-in frameworks: {diags:?}");
    let options = crate::generator::generate::Options::new(3, 10, 1);
    crate::generator::generate::generate(&catalog, &options, &dir).unwrap();
    let dir = dir.to_str().unwrap();
    let md = ok(&["trend", dir, "--establishment", "hmp-brackford"]);
    for shown in [
        "## What happened",
        "rose from",
        "(provisional)",
        "Provisional: that year",
        "measures over the years",
        "restricted action",
        "left out of this public view",
        "| restricted |",
    ] {
        assert!(md.contains(shown), "no `{shown}`:\n{md}");
    }
    insta::assert_snapshot!("trend_generated_md", md);

    // The HTML draws the lines, provisional points hollow with their key, and the rates.
    let html = ok(&[
        "trend",
        dir,
        "--establishment",
        "hmp-brackford",
        "--format",
        "html",
    ]);
    assert!(html.contains("Hollow point: provisional (coverage below 80%)"));
    assert!(html.contains("fill=\"#ffffff\" stroke=\"#1d70b8\""));
    assert!(html.contains("measures by year</title>"));
    let _ = std::fs::remove_dir_all(dir);
}

/// The CSV and the JSON say the same of every score: provisional is `true` or `false` in both,
/// and the same in both.
#[test]
fn the_csv_and_json_agree_on_what_is_provisional() {
    let args = |format| {
        ok(&[
            "trend",
            "assessments",
            "--establishment",
            "hmp-yoi-calderbrook",
            "--format",
            format,
        ])
    };
    let json: serde_json::Value = serde_json::from_str(&args("json")).unwrap();
    let mut from_json = std::collections::BTreeSet::new();
    for f in json["frameworks"].as_array().unwrap() {
        let fid = f["id"].as_str().unwrap();
        let mut rows = vec![("".to_string(), &f["overall"])];
        for s in f["sections"].as_array().unwrap() {
            rows.push((s["id"].as_str().unwrap().to_string(), &s["cells"]));
        }
        for (sid, cells) in rows {
            for c in cells.as_array().unwrap() {
                let p = c["provisional"].as_bool().expect("a JSON boolean");
                from_json.insert(format!("{},{fid},{sid},{p}", c["year"]));
            }
        }
    }
    let csv = args("csv");
    let from_csv: std::collections::BTreeSet<String> = csv
        .lines()
        .skip(1)
        .map(|line| {
            let cols: Vec<&str> = line.split(',').collect();
            format!("{},{},{},{}", cols[1], cols[2], cols[3], cols[6])
        })
        .collect();
    assert!(from_json.iter().any(|r| r.ends_with(",true")));
    assert_eq!(from_json, from_csv);
}
