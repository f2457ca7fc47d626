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
        assert!(
            page.contains("&lt;script&gt;alert(&#x27;name&#x27;)&lt;/script&gt;")
                || page.contains("&lt;script&gt;alert(")
        );
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
        let doc = md(audience);
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
        // Every link a Markdown viewer would make points at a web page.
        for e in pulldown_cmark::Parser::new(&doc) {
            if let pulldown_cmark::Event::Start(
                pulldown_cmark::Tag::Link { dest_url, .. }
                | pulldown_cmark::Tag::Image { dest_url, .. },
            ) = e
            {
                assert!(
                    dest_url.starts_with("https://") || dest_url.starts_with("http://"),
                    "an unsafe link survived: {dest_url}"
                );
            }
        }
        // Narrative headings become bold text, so they cannot break the report's outline.
        assert!(!doc.lines().any(|l| l.starts_with("# A heading")));
    }
}
