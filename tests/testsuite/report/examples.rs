//! Snapshots of the annual progress report for examples of different character, in both
//! formats and both audiences. A change to any of these is a change to what people read.

use crate::ok;

fn report(file: &str, format: &str, audience: &str) -> String {
    ok(&[
        "report",
        &format!("assessments/{file}"),
        "--format",
        format,
        "--audience",
        audience,
    ])
}

#[test]
fn strong_establishment_with_good_evidence() {
    insta::assert_snapshot!(
        "harrowfield_2025_public_md",
        report("hmp-harrowfield/2025.yaml", "md", "public")
    );
    insta::assert_snapshot!(
        "harrowfield_2025_inspector_md",
        report("hmp-harrowfield/2025.yaml", "md", "inspector")
    );
    insta::assert_snapshot!(
        "harrowfield_2025_public_html",
        report("hmp-harrowfield/2025.yaml", "html", "public")
    );
    insta::assert_snapshot!(
        "harrowfield_2025_inspector_html",
        report("hmp-harrowfield/2025.yaml", "html", "inspector")
    );
}

#[test]
fn ratings_claimed_without_evidence() {
    let md = report("hmp-ferncliffe/2025.yaml", "md", "public");
    assert!(md.contains("because no evidence was given"));
    insta::assert_snapshot!("ferncliffe_2025_public_md", md);
}

#[test]
fn incomplete_assessment_with_provisional_grades() {
    let md = report("hmp-yoi-calderbrook/2025.yaml", "md", "inspector");
    assert!(md.contains("(provisional)"));
    assert!(md.contains("Not answered yet"));
    insta::assert_snapshot!("calderbrook_2025_inspector_md", md);
}

#[test]
fn scottish_establishment_with_a_logic_model() {
    let md = report("hmp-auchterbrae/2025.yaml", "md", "public");
    assert!(md.contains("the logic model by term"));
    insta::assert_snapshot!("auchterbrae_2025_public_md", md);
    insta::assert_snapshot!(
        "auchterbrae_2025_public_html",
        report("hmp-auchterbrae/2025.yaml", "html", "public")
    );
}

#[test]
fn first_year_has_no_change_section() {
    let md = report("hmp-harrowfield/2023.yaml", "md", "public");
    assert!(md.contains("No self-assessment for 2022 was found beside this file"));
}

#[test]
fn public_and_inspector_versions_differ_only_in_restricted_content() {
    let public = report("hmp-harrowfield/2025.yaml", "md", "public");
    let inspector = report("hmp-harrowfield/2025.yaml", "md", "inspector");
    assert!(!public.contains("**Restricted**"));
    assert!(inspector.contains("**Restricted**"));
    assert!(public.contains("left out"));
}

/// Every example assessment, read as plain data.
fn examples() -> Vec<(String, serde_json::Value)> {
    let mut out = Vec::new();
    let root = crate::root().join("assessments");
    for dir in std::fs::read_dir(&root).expect("assessments folder") {
        let dir = dir.expect("entry").path();
        if !dir.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&dir).expect("establishment folder") {
            let path = file.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("example");
            let value: serde_json::Value =
                serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            out.push((path.display().to_string(), value));
        }
    }
    out
}

#[test]
fn the_examples_read_as_a_family_lead_would_expect() {
    let all = examples();
    assert!(all.len() > 10, "only {} examples", all.len());
    let mut smaller_frameworks = 0;
    for (path, a) in &all {
        let e = &a["establishment"];
        // HMPPS's regions and comparator groups are English and Welsh groupings.
        if e["nation"] == "scotland" {
            assert!(
                e.get("region").is_none() && e.get("comparator_group").is_none(),
                "{path}: a Scottish establishment in an HMPPS region or comparator group"
            );
        }
        // Women's prisons are grouped as the women's estate, not by geography.
        if e["comparator_group"] == "women" {
            assert_eq!(e["region"], "Women's estate", "{path}");
        }
        // Young offender institutions for young adults hold 18 to 21 year olds.
        let kind = e["type"].as_str().unwrap_or_default();
        assert!(!kind.contains("18 to 25"), "{path}: {kind}");
        let frameworks: Vec<&str> = a["frameworks"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|f| f.as_str())
            .collect();
        if frameworks
            .iter()
            .any(|f| *f == "think-family" || *f == "scie-prison-service")
        {
            smaller_frameworks += 1;
        }
    }
    assert!(
        smaller_frameworks > 0,
        "no example uses think-family or scie-prison-service"
    );
}

/// The first section of the Markdown report (the first page printed holds the same): from the
/// title to the first framework's own part.
fn first_page(md: &str) -> String {
    let start = md.find("## Summary").expect("a summary");
    let end = md[start..]
        .find("\n### At a glance")
        .map_or(md.len(), |n| start + n);
    md[start..end].to_string()
}

#[test]
fn the_first_page_of_every_example_in_both_versions() {
    let root = crate::root().join("assessments");
    let mut files: Vec<String> = Vec::new();
    for dir in std::fs::read_dir(&root).expect("assessments folder") {
        let dir = dir.expect("entry").path();
        if dir.is_dir() {
            for file in std::fs::read_dir(&dir).expect("establishment folder") {
                let path = file.expect("entry").path();
                let name = path
                    .strip_prefix(&root)
                    .expect("below")
                    .display()
                    .to_string();
                files.push(name.replace('\\', "/"));
            }
        }
    }
    files.sort();
    for file in files {
        let mut both = String::new();
        for audience in ["public", "inspector"] {
            let md = report(&file, "md", audience);
            let page = first_page(&md);
            // A file with last year beside it shows the moves and the measures against it.
            let year: i32 = file[file.len() - 9..file.len() - 5].parse().expect("year");
            let last = format!("{}/{}.yaml", file.split('/').next().unwrap_or(""), year - 1);
            if crate::root().join("assessments").join(&last).exists() {
                assert!(
                    page.contains(&format!("**The largest moves since {}**", year - 1)),
                    "{file}"
                );
            }
            assert!(!page.contains("not scored"), "{file}: {page}");
            both.push_str(&format!("# {audience}\n\n{page}\n"));
        }
        let name = file.replace(['/', '.'], "_");
        insta::assert_snapshot!(format!("first_page_{name}"), both);
    }
}
