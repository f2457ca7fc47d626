//! Markdown from files people wrote, made safe to show.
//!
//! Narrative text in an assessment is untrusted: it may contain raw HTML, scripts or links with
//! `javascript:` addresses, pasted by accident or on purpose. It is rendered here with raw HTML
//! shown as text, links kept only when they are web or email addresses, images reduced to their
//! description, and heading attributes off. What rendering writes is bounded by the length of
//! the text (`output_limit`), whatever its structure.

mod safe;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

pub use crate::model::links::{refused_links, safe_address, safe_link};

fn options() -> Options {
    crate::model::links::markdown_options()
}

/// Markdown to HTML, safe to insert in a page.
pub fn to_html(markdown: &str) -> String {
    let mut link_depth: Vec<bool> = Vec::new();
    let events = Parser::new_ext(markdown, options()).filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let keep = safe_link(&dest_url);
            link_depth.push(keep);
            keep.then_some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        Event::End(TagEnd::Link) => {
            let keep = link_depth.pop().unwrap_or(false);
            keep.then_some(Event::End(TagEnd::Link))
        }
        // Images would make the reader's browser fetch an address: show the description instead.
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        Event::Start(Tag::Heading { level, .. }) => Some(Event::Start(Tag::Heading {
            level: demote(level),
            id: None,
            classes: Vec::new(),
            attrs: Vec::new(),
        })),
        Event::End(TagEnd::Heading(level)) => Some(Event::End(TagEnd::Heading(demote(level)))),
        other => Some(other),
    });
    let mut out = Bounded {
        text: String::new(),
        limit: output_limit(markdown),
    };
    match html::write_html_fmt(&mut out, events) {
        Ok(()) => out.text,
        Err(_) => plain_html(markdown),
    }
}

/// Text that refuses to grow past its limit, so rendering stops as soon as it would.
struct Bounded {
    text: String,
    limit: usize,
}

impl std::fmt::Write for Bounded {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        if self.text.len() + s.len() > self.limit {
            return Err(std::fmt::Error);
        }
        self.text.push_str(s);
        Ok(())
    }
}

/// Markdown shown as plain text in HTML: its paragraphs, every character escaped. At most six
/// times the input, which is within `output_limit`.
fn plain_html(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for paragraph in paragraphs(markdown) {
        out.push_str("<p>");
        out.push_str(&crate::output::html::escape(&paragraph));
        out.push_str("</p>\n");
    }
    out
}

/// Headings inside narrative sit under the report's own headings, so they start at level 5.
fn demote(level: pulldown_cmark::HeadingLevel) -> pulldown_cmark::HeadingLevel {
    use pulldown_cmark::HeadingLevel as H;
    match level {
        H::H1 | H::H2 | H::H3 | H::H4 | H::H5 => H::H5,
        H::H6 => H::H6,
    }
}

/// Markdown to Markdown that is safe to embed in a Markdown report: raw HTML escaped, unsafe
/// links reduced to their text, headings turned into bold lines so they cannot break the
/// report's outline. Paragraphs, emphasis, lists, code and safe links are kept.
///
/// What it writes is bounded by `output_limit`: text whose structure would need more (lists
/// nested in quotes, deep in each other, repeat their indentation on every line) is written as
/// plain text instead, every line escaped.
pub fn to_safe_markdown(markdown: &str) -> String {
    let limit = output_limit(markdown);
    let mut writer = safe::SafeMarkdown::new();
    for event in Parser::new_ext(markdown, options()) {
        writer.event(event);
        if writer.held() > limit {
            return plain_markdown(markdown);
        }
    }
    writer.out.trim_end().to_string()
}

/// The most that rendering `input` may write: sixteen times its length, and 4 KB besides.
/// Escaping alone makes a character at most six (`"` is `&quot;` in HTML); Markdown's own
/// structure adds tags and markers around short text. Text that would need more is written as
/// plain text, escaped, which always fits.
pub fn output_limit(input: &str) -> usize {
    input.len().saturating_mul(16).saturating_add(4096)
}

/// Markdown written as plain text: paragraphs kept, everything else escaped so that it shows as
/// typed. At most five times the input, which is within `output_limit`.
fn plain_markdown(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for paragraph in paragraphs(markdown) {
        let lines: Vec<&str> = paragraph.lines().map(str::trim).collect();
        out.push_str(&escape_inline(&lines.join("\n"), true, false));
        out.push_str("\n\n");
    }
    out.trim_end().to_string()
}

/// The paragraphs of a text: its runs of lines that are not blank.
fn paragraphs(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split("\n\n")
        .flat_map(|p| p.split("\r\n\r\n"))
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
}

/// Escapes text so Markdown shows it as written: no HTML, no accidental formatting.
///
/// `at_line_start` says whether the text starts a line. Text can hold line breaks of its own
/// (raw HTML does): every line of it is treated alike, so a `#`, `-` or `=` that begins a line
/// (after any spaces) cannot make a heading.
pub fn escape_inline(text: &str, at_line_start: bool, in_table: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    // Whether only spaces have come since the start of a line.
    let mut line_start = at_line_start;
    for (i, &c) in chars.iter().enumerate() {
        let first_on_line = line_start && !matches!(c, ' ' | '\t');
        if first_on_line {
            line_start = false;
        }
        if matches!(c, '\n' | '\r') && !in_table {
            line_start = true;
        }
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            // `&` only needs escaping where it could start an entity such as `&lt;`.
            '&' if chars
                .get(i + 1)
                .is_some_and(|n| n.is_alphanumeric() || *n == '#') =>
            {
                out.push_str("&amp;")
            }
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '+' | '-' | '=' if first_on_line => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' if in_table => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// One line of plain text for a Markdown table cell or heading: escaped, on one line.
pub fn cell(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    escape_inline(&one_line, true, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = to_html("Hello <script>alert(1)</script> <img src=x onerror=alert(1)>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn unsafe_links_are_dropped_and_safe_ones_kept() {
        let html = to_html(
            "[a](javascript:alert(1)) [b](JaVaScRiPt:x) [c](data:text/html,x) [d](https://gov.uk)",
        );
        assert!(!html.to_lowercase().contains("javascript:"), "{html}");
        assert!(!html.contains("data:"), "{html}");
        assert!(html.contains("<a href=\"https://gov.uk\">d</a>"), "{html}");
        assert!(html.contains('a') && html.contains('b'));
    }

    #[test]
    fn headings_are_demoted_and_images_reduced_to_text() {
        let html = to_html("# Big\n\n![a chart](https://x.test/c.png)");
        assert!(html.contains("<h5>Big</h5>"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("a chart"), "{html}");
    }

    #[test]
    fn safe_markdown_keeps_structure_and_drops_danger() {
        let md = to_safe_markdown(
            "# Title\n\nSome *text* with <b>html</b> and [x](javascript:y).\n\n- one\n- two | three\n",
        );
        assert_eq!(
            md,
            "**Title**\n\nSome *text* with &lt;b&gt;html&lt;/b&gt; and x.\n\n- one\n- two \\| three"
        );
    }

    #[test]
    fn cells_cannot_break_a_table() {
        assert_eq!(cell("a | b\nc"), "a \\| b c");
        assert_eq!(cell("<script>"), "&lt;script&gt;");
    }

    /// Inputs whose structure makes a naive rendering grow with the square of their length.
    fn growing_inputs() -> Vec<String> {
        let url = format!("https://x.test/{}", "a".repeat(20_000));
        vec![
            "> - ".repeat(2_000),
            "- > ".repeat(2_000) + "\n" + &"x\n".repeat(2_000),
            (0..300).map(|i| "> ".repeat(i) + "- a\n").collect(),
            (0..300).map(|i| "  ".repeat(i) + "- a\n").collect(),
            // A long address used many times by reference.
            format!("[r]: {url}\n\n{}", "[x][r] ".repeat(5_000)),
            // A table of many columns whose rows name one cell each.
            format!(
                "{}\n{}\n{}",
                "|a".repeat(2_000),
                "|-".repeat(2_000),
                "x\n".repeat(2_000)
            ),
            ">".repeat(5_000),
        ]
    }

    #[test]
    fn what_rendering_writes_is_bounded_by_the_input() {
        for input in growing_inputs() {
            let limit = output_limit(&input);
            let md = to_safe_markdown(&input);
            let html = to_html(&input);
            let one = cell(&input);
            for (what, out) in [("markdown", &md), ("html", &html), ("cell", &one)] {
                assert!(
                    out.len() <= limit,
                    "{what}: {} bytes from {} (limit {limit}): {:?}",
                    out.len(),
                    input.len(),
                    &input[..input.len().min(40)]
                );
            }
        }
    }

    #[test]
    fn text_too_deep_to_keep_its_structure_is_shown_as_written() {
        let input = "> - ".repeat(2_000) + "<b>x</b>";
        let md = to_safe_markdown(&input);
        assert!(md.starts_with("&gt; - &gt; - "), "{}", &md[..40]);
        assert!(
            md.ends_with("&lt;b&gt;x&lt;/b&gt;"),
            "{}",
            &md[md.len() - 40..]
        );
        // Quotes in quotes make HTML tags for every character.
        let input = ">".repeat(5_000) + " <b>x</b>";
        let html = to_html(&input);
        assert!(html.starts_with("<p>&gt;&gt;&gt;"), "{}", &html[..40]);
        assert!(
            html.ends_with("&gt; &lt;b&gt;x&lt;/b&gt;</p>\n"),
            "{}",
            &html[html.len() - 40..]
        );
    }

    #[test]
    fn ordinary_text_keeps_its_structure() {
        let input = "Intro\n\n- one\n  - two\n    - three\n\n> quoted *text*\n";
        assert_eq!(
            to_safe_markdown(input),
            "Intro\n\n- one\n  - two\n    - three\n\n> quoted *text*"
        );
        assert!(
            to_html(input).contains("<li>one\n<ul>"),
            "{}",
            to_html(input)
        );
    }

    #[test]
    fn addresses_are_kept_only_when_safe_where_written() {
        assert_eq!(safe_address(" https://gov.uk/x "), Some("https://gov.uk/x"));
        assert_eq!(
            safe_address("mailto:team@example.org"),
            Some("mailto:team@example.org")
        );
        for refused in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,<script>",
            "https://x.test> <script>alert(1)</script>",
            "https://x.test/a b",
            "https://x.test/\u{1b}[2J",
            "vbscript:x",
            "//x.test",
            "",
        ] {
            assert_eq!(safe_address(refused), None, "{refused:?}");
        }
    }

    #[test]
    fn refused_links_are_listed_once() {
        assert_eq!(
            refused_links("[a](javascript:x) [b](https://ok.test) [c](javascript:x) [d](data:y)"),
            vec!["javascript:x".to_string(), "data:y".to_string()]
        );
        assert!(refused_links("no links [here] or <https://ok.test>").is_empty());
    }
}
