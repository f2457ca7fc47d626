//! A framework's source address and the links in Markdown go through one rule: only web and
//! email addresses reach an output, and `ties check` names every link left out.

use crate::{MINI_FRAMEWORKS, Test, root, scratch};

/// The test framework with `url` as its source's address and a link in its description.
fn framework(dir: &std::path::Path, url: &str) {
    let mini = std::fs::read_to_string(root().join(MINI_FRAMEWORKS).join("mini.yaml")).unwrap();
    let mini = mini
        .replacen(
            "  title: Test fixtures\n",
            &format!("  title: Test fixtures\n  url: '{url}'\n"),
            1,
        )
        .replacen(
            "description: A framework used by the test suite.",
            "description: \"A framework used by the test suite: [read me](javascript:alert(2)).\"",
            1,
        );
    std::fs::write(dir.join("mini.yaml"), mini).unwrap();
}

#[test]
fn an_unsafe_source_address_never_reaches_a_report() {
    for (i, url) in [
        "javascript:alert(document.cookie)",
        "https://x.test/> <script>alert(1)</script>",
        "https://x.test/\" onmouseover=\"alert(1)",
        "data:text/html,<script>alert(1)</script>",
        " JaVaScRiPt:alert(1)",
    ]
    .into_iter()
    .enumerate()
    {
        let dir = scratch(&format!("links-source-{i}"));
        framework(&dir, url);
        let fw = dir.to_str().unwrap();
        for format in ["html", "md"] {
            let run = Test::new()
                .args(["show", "mini", "--frameworks", fw, "--format", format])
                .status(0)
                .run();
            let lower = run.stdout.to_ascii_lowercase();
            for bad in ["javascript:", "<script", "onmouseover", "data:text"] {
                assert!(!lower.contains(bad), "{url} in {format}: {bad}\n{run}");
            }
        }
        let run = Test::new()
            .args(["check", &format!("{fw}/mini.yaml")])
            .status(0)
            .run();
        assert!(
            run.stdout
                .contains("warning: the source's address is left out of every output"),
            "{url}:\n{run}"
        );
        assert!(
            run.stdout
                .contains("warning: a link in the framework's description is left out of reports"),
            "{run}"
        );
    }
    // A safe address is kept, as a link.
    let dir = scratch("links-source-safe");
    framework(&dir, "https://www.gov.uk/farmer-review");
    let html = Test::new()
        .args([
            "show",
            "mini",
            "--frameworks",
            dir.to_str().unwrap(),
            "--format",
            "html",
        ])
        .status(0)
        .run()
        .stdout;
    assert!(
        // HTML escapes the slashes, which a browser reads as slashes.
        html.contains("<a href=\"https:&#x2f;&#x2f;www.gov.uk&#x2f;farmer-review\">"),
        "{html}"
    );
}

#[test]
fn check_names_links_a_narrative_loses() {
    let text = super::example().replacen(
        "    narrative: |\n",
        "    narrative: |\n      See [the plan](javascript:alert(1)) and [the survey](file:///etc/passwd).\n",
        1,
    );
    let run = Test::in_scratch("links-narrative")
        .file("2025.yaml", text)
        .args(["check", "2025.yaml"])
        .status(0)
        .run();
    assert!(run.stdout.contains("found: `javascript:alert(1)`"), "{run}");
    assert!(run.stdout.contains("found: `file:///etc/passwd`"), "{run}");
    assert!(
        run.stdout.contains(
            "a link in the narrative of farmer-offer/visitor-centre is left out of reports"
        ),
        "{run}"
    );
}
