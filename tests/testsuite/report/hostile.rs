//! Hostile text in every field that reaches a report must come out inert.

use crate::ok;

const FILE: &str = "tests/fixtures/hostile/2025.yaml";

fn html(audience: &str) -> String {
    ok(&["report", FILE, "--format", "html", "--audience", audience])
}

fn md(audience: &str) -> String {
    ok(&["report", FILE, "--format", "md", "--audience", audience])
}

#[test]
fn nothing_executable_reaches_the_html() {
    for audience in ["public", "inspector"] {
        let page = html(audience);
        assert_inert_html(&page);
        // The safe link survives; the text of the unsafe ones is kept as plain text.
        assert!(page.contains("<a href=\"https://www.gov.uk\">ok</a>"));
        assert!(page.contains("click me"));
        // Template syntax in the data is shown, not run.
        assert!(page.contains("{{ 7 * 7 }}"));
        assert!(
            !page.contains("xxxxxxxxxx"),
            "template syntax in the data was executed"
        );
        // What was written is still there, as text.
        assert!(page.contains("&lt;script&gt;alert("));
    }
}

#[test]
fn nothing_executable_reaches_the_estate_view_or_trend() {
    let dir = "tests/fixtures/hostile";
    for page in [
        ok(&["compare", dir, "--format", "html"]),
        ok(&[
            "trend",
            dir,
            "--establishment",
            "hmp-hostile",
            "--format",
            "html",
        ]),
    ] {
        assert_inert_html(&page);
        assert!(
            page.contains("{{ 7 * 7 }}"),
            "template syntax is shown as written"
        );
    }
    for doc in [
        ok(&["compare", dir]),
        ok(&["trend", dir, "--establishment", "hmp-hostile"]),
    ] {
        assert_well_formed_markdown(&doc);
    }
    // The register's names reach the "not submitted" list as text.
    let md = ok(&["compare", dir]);
    assert!(md.contains("HYPERLINK"), "{md}");
    let json = ok(&["compare", dir, "--format", "json"]);
    serde_json::from_str::<serde_json::Value>(&json).expect("still valid JSON");
    // CSV: a region starting with @ is neutralised.
    let csv: String = ["establishments", "not-submitted"]
        .iter()
        .map(|t| ok(&["compare", dir, "--format", "csv", "--table", t]))
        .collect();
    assert!(csv.contains("'@SUM(1+1)"), "{csv}");
    assert!(!csv.lines().any(|l| {
        l.split(',')
            .any(|f| f.starts_with('@') || f.starts_with('='))
    }));
    // XLSX: every text is stored as text, never as a formula.
    let out = crate::scratch("hostile-xlsx").join("e.xlsx");
    ok(&[
        "compare",
        dir,
        "--format",
        "xlsx",
        "-o",
        out.to_str().unwrap(),
    ]);
    let bytes = std::fs::read(&out).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut f, &mut text).unwrap_or_default();
        assert!(
            !text.contains("<f>") && !text.contains("<f "),
            "a formula in the workbook"
        );
    }
}

/// No element can run a script: no script, image or frame elements, no event handler
/// attributes, and every address a web page or a place in the page.
fn assert_inert_html(page: &str) {
    {
        let lower = page.to_lowercase();
        assert!(!lower.contains("<script"), "a script tag got through");
        assert!(!lower.contains("<img"), "an image tag got through");
        assert!(!lower.contains("<iframe"), "an iframe got through");
        assert!(!lower.contains("<svg onload"), "an svg handler got through");
        assert!(
            !lower.contains("tracker.example\""),
            "an image address got through"
        );
        // No element anywhere carries an event handler attribute.
        for tag in page.split('<').skip(1) {
            let head = tag.split('>').next().unwrap_or("");
            if head.starts_with('!') || head.starts_with('/') {
                continue;
            }
            let attrs = head
                .split_once(char::is_whitespace)
                .map_or("", |(_, a)| a)
                .to_lowercase();
            assert!(
                !attrs.split_whitespace().any(|a| a.starts_with("on")),
                "an event handler in <{head}>"
            );
            // Every address in an attribute is a web address or a place in the page.
            for part in attrs.split(['"', '\'']).skip(1).step_by(2) {
                let p = part.trim();
                let is_address = attrs.contains(&format!("href=\"{part}\""))
                    || attrs.contains(&format!("src=\"{part}\""));
                if is_address {
                    assert!(
                        p.starts_with("https://")
                            || p.starts_with("http://")
                            || p.starts_with('#')
                            || p.starts_with("mailto:"),
                        "an unsafe address in <{head}>"
                    );
                }
            }
        }
    }
}

/// A Markdown table row's cells: splits on pipes that are not escaped.
fn cells(line: &str) -> usize {
    let mut n = 0;
    let mut escaped = false;
    let mut in_code = false;
    for c in line.chars() {
        match c {
            '\\' if !escaped => {
                escaped = true;
                continue;
            }
            '`' if !escaped => in_code = !in_code,
            '|' if !escaped && !in_code => n += 1,
            _ => {}
        }
        escaped = false;
    }
    n
}

#[test]
fn the_markdown_stays_well_formed() {
    for audience in ["public", "inspector"] {
        assert_well_formed_markdown(&md(audience));
    }
}

fn assert_well_formed_markdown(doc: &str) {
    {
        let doc = doc.to_string();
        // Every table keeps its shape: each row has as many cell borders as its header.
        let mut header: Option<usize> = None;
        for line in doc.lines() {
            if line.starts_with('|') {
                let n = cells(line);
                match header {
                    None => header = Some(n),
                    Some(h) => assert_eq!(n, h, "a table row lost its shape: {line}"),
                }
            } else {
                header = None;
            }
        }
        // No raw HTML survives for a Markdown viewer to run.
        let events = pulldown_cmark::Parser::new_ext(&doc, pulldown_cmark::Options::ENABLE_TABLES);
        for e in events {
            if let pulldown_cmark::Event::Html(h) | pulldown_cmark::Event::InlineHtml(h) = e {
                panic!("raw HTML in the Markdown report: {h}");
            }
        }
        // Every link a Markdown viewer would make points at a web page, or at a heading of the
        // report itself (the first page's links to the action plan and the change).
        for e in pulldown_cmark::Parser::new(&doc) {
            if let pulldown_cmark::Event::Start(
                pulldown_cmark::Tag::Link { dest_url, .. }
                | pulldown_cmark::Tag::Image { dest_url, .. },
            ) = e
            {
                assert!(
                    dest_url.starts_with("https://")
                        || dest_url.starts_with("http://")
                        || ["#action-plan", "#change-since-last-year"].contains(&&*dest_url),
                    "an unsafe link survived: {dest_url}"
                );
            }
        }
        // Narrative headings become bold text, so they cannot break the report's outline.
        assert!(!doc.lines().any(|l| l.starts_with("# A heading")));
    }
}
