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
