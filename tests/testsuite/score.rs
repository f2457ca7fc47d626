//! `ties score`: the scorecard as a table, JSON and CSV, the same every time, and a clear refusal
//! when the assessment's framework is not loaded.

use crate::{MINI, MINI_FRAMEWORKS, Test};

#[test]
fn score_table() {
    let run = Test::new()
        .args(["score", MINI, "--frameworks", MINI_FRAMEWORKS])
        .status(0)
        .run();
    insta::assert_snapshot!(run.to_string());
}

#[test]
fn score_json() {
    let run = Test::new()
        .args([
            "score",
            MINI,
            "--frameworks",
            MINI_FRAMEWORKS,
            "--format",
            "json",
        ])
        .status(0)
        .run();
    let _: serde_json::Value = serde_json::from_str(&run.stdout).expect("score JSON parses");
    insta::assert_snapshot!(run.to_string());
}

#[test]
fn score_csv() {
    let run = Test::new()
        .args([
            "score",
            MINI,
            "--frameworks",
            MINI_FRAMEWORKS,
            "--format",
            "csv",
        ])
        .status(0)
        .run();
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
            MINI_FRAMEWORKS,
            "--format",
            format,
        ];
        assert_eq!(
            Test::new().args(args).run().stdout,
            Test::new().args(args).run().stdout,
            "{format}"
        );
    }
}

/// Without the folder that declares its framework, the assessment is reported once, clearly.
#[test]
fn score_without_its_framework() {
    let run = Test::new().args(["score", MINI]).status(1).run();
    assert_eq!(run.stderr.matches("error:").count(), 1, "{run}");
    insta::assert_snapshot!(run.to_string());
}

/// Five elements of the local family offer rated, and as many of its four measures given as
/// asked for, in a file `ties check` and `ties score` both read.
fn farmer_file(measures: usize) -> String {
    let mut text = String::from(
        "ties: 1\nestablishment: { id: hmp-m, name: HMP M, nation: england-wales }\nyear: 2025\n\
         completed_on: 2026-04-01\nframeworks: [farmer-offer]\nresponses:\n\
         \x20 farmer-offer/visitor-centre: { rating: planned }\n\
         \x20 farmer-offer/staffing-structure: { rating: planned }\n\
         \x20 farmer-offer/extended-visits: { rating: planned }\n\
         \x20 farmer-offer/family-learning: { rating: planned }\n\
         \x20 farmer-offer/gateway-communications: { rating: not-in-place }\n",
    );
    let ids = [
        "visits-on-entry",
        "visits-on-exit",
        "family-engagement-on-entry",
        "family-engagement-on-exit",
    ];
    if measures > 0 {
        text.push_str("metrics:\n");
    }
    for id in &ids[..measures] {
        text.push_str(&format!(
            "  farmer-offer/{id}: {{ numerator: 149, denominator: 347 }}\n"
        ));
    }
    text
}

/// One rule for measures in coverage, the same in `check` and `score`: a measure is answered when
/// its figure is given, and unanswered otherwise, like any item. The five elements, of equal
/// weight, score (4 × planned 1/3 + not in place 0) / 5 = 4/15 ≈ 27% whatever the measures,
/// which are reported.
#[test]
fn measures_count_in_coverage_the_same_way_in_check_and_score() {
    for (given, check_says, score_says) in [
        (
            0,
            Some("4 of 9 items"),
            "Coverage 56% (5 of 9 items answered)",
        ),
        (
            2,
            Some("2 of 9 items"),
            "Coverage 78% (7 of 9 items answered)",
        ),
        (4, None, "Coverage 100% (9 of 9 items answered)"),
    ] {
        let name = format!("measures-coverage-{given}");
        let check = Test::in_scratch(&name)
            .file("2025.yaml", farmer_file(given))
            .args(["check", "2025.yaml"])
            .status(0)
            .run();
        match check_says {
            Some(n) => assert!(
                check
                    .stdout
                    .contains(&format!("{n} of `farmer-offer` are not answered yet")),
                "{check}"
            ),
            None => assert!(!check.stdout.contains("not answered"), "{check}"),
        }
        let score = Test::in_scratch(&format!("{name}-score"))
            .file("2025.yaml", farmer_file(given))
            .args(["score", "2025.yaml"])
            .status(0)
            .run();
        assert!(score.stdout.contains("Score 27%"), "{score}");
        assert!(score.stdout.contains(score_says), "{score}");
        // The measure section has coverage but no score and no grade.
        let measures = score
            .stdout
            .lines()
            .find(|l| l.contains("Family performance measure"))
            .unwrap_or_else(|| panic!("{score}"));
        assert!(measures.ends_with('–'), "{measures}");
    }
}

/// A rate is shown as a rate with its counts, never as a grade word: a prison's own target is
/// shown as progress beside it, and changes no score.
#[test]
fn a_measure_is_shown_as_its_rate() {
    let own_targets = farmer_file(4).replace(
        "denominator: 347 }",
        "denominator: 347, baseline: 0.8, target: 0.9 }",
    );
    let run = Test::in_scratch("measure-as-rate")
        .file("2025.yaml", own_targets)
        .args(["report", "2025.yaml"])
        .status(0)
        .run();
    // 149 of 347 = 43%, behind its own baseline of 80%: 0% of the way to 90%.
    assert!(
        run.stdout
            .contains("| 43% | 149 of 347 | 80% | 90% | 0% of the way from baseline to target |"),
        "{run}"
    );
    assert!(
        run.stdout
            .contains("| Family performance measure | Not graded | – | 100% |"),
        "{run}"
    );
    assert!(
        run.stdout
            .contains("| Lord Farmer's local family offer | Planned | 27% |"),
        "{run}"
    );
}

/// `ties score` counts restricted answers, as the inspector's report does, and says so: the
/// table in words, the JSON in `restricted_counted`. A file with none says nothing of them.
#[test]
fn score_says_when_restricted_answers_count() {
    let harrowfield = "assessments/hmp-harrowfield/2025.yaml";
    let table = crate::ok(&["score", harrowfield]);
    assert!(
        table.contains(
            "Restricted answers count in these scores, as in the inspector's report: 1 response \
             marked restricted.\nThe public report and the estate leave them out of their scores"
        ),
        "{table}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&crate::ok(&["score", harrowfield, "--format", "json"])).unwrap();
    assert_eq!(
        json["restricted_counted"],
        serde_json::json!({ "responses": 1, "measures": 0 })
    );
    let none = crate::ok(&["score", MINI, "--frameworks", MINI_FRAMEWORKS]);
    assert!(!none.contains("Restricted"), "{none}");
}

/// A new self-assessment's scores as JSON are the same from its YAML file and from its workbook:
/// an unanswered measure is `"metric": null` in both, though the YAML file lists the measure
/// with empty figures and the workbook has an empty row.
#[test]
fn an_unanswered_measure_scores_the_same_from_yaml_and_a_workbook() {
    let dir = crate::scratch("score-yaml-and-workbook");
    let mut args = crate::new_assessment_args("init", "2025", "farmer-offer");
    args.extend(["-o", "2025.yaml"].map(String::from));
    Test::in_dir(&dir).args(args).status(0).run();
    Test::in_dir(&dir)
        .args(["workbook", "2025.yaml", "-o", "2025.xlsx"])
        .status(0)
        .run();
    let score = |file: &str| -> serde_json::Value {
        let run = Test::in_dir(&dir)
            .args(["score", file, "--format", "json"])
            .status(0)
            .run();
        serde_json::from_str(&run.stdout).unwrap()
    };
    let (yaml, workbook) = (score("2025.yaml"), score("2025.xlsx"));
    assert_eq!(yaml, workbook);
    let measure = &yaml["frameworks"][0]["sections"][1]["items"][0];
    assert_eq!(measure["kind"], "metric", "{measure}");
    assert_eq!(measure["status"], "unanswered", "{measure}");
    assert_eq!(measure["metric"], serde_json::Value::Null, "{measure}");
}
