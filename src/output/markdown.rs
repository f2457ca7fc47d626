//! Markdown from files people wrote, made safe to show.
//!
//! Narrative text in an assessment is untrusted: it may contain raw HTML, scripts or links with
//! `javascript:` addresses, pasted by accident or on purpose. It is rendered here with raw HTML
//! shown as text, links kept only when they are web or email addresses, images reduced to their
//! description, and heading attributes off.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

/// Whether a link address is safe to keep: web pages and email only.
///
/// The address is read as a browser reads it: spaces and control characters at either end are
/// ignored and tabs and line breaks anywhere are removed. Any other control character makes it
/// unsafe: `htt\u{7f}ps://` is not a web address to a browser, so it must not be taken for one.
pub fn safe_link(url: &str) -> bool {
    let url = url.trim_matches(|c: char| c.is_control() || c == ' ');
    let url: String = url
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if url.chars().any(char::is_control) {
        return false;
    }
    let lower = url.to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:")
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
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
    let mut out = String::new();
    html::push_html(&mut out, events);
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
pub fn to_safe_markdown(markdown: &str) -> String {
    let mut out = String::new();
    let mut list_stack: Vec<Option<u64>> = Vec::new();
    let mut link_stack: Vec<Option<String>> = Vec::new();
    let mut at_line_start = true;
    let mut table_row: Vec<String> = Vec::new();
    let mut in_cell = false;
    let mut cell = String::new();
    let mut table_header_done = false;
    let mut in_code_block = false;
    let mut code = String::new();
    // For each open list item: where it starts in the output, where its marker (`- `, `1. `)
    // ends, and the column its text starts at.
    let mut items: Vec<(usize, usize, usize)> = Vec::new();
    for event in Parser::new_ext(markdown, options()) {
        let target: &mut String = if in_cell { &mut cell } else { &mut out };
        match event {
            Event::Start(Tag::Paragraph) => {}
            Event::End(TagEnd::Paragraph) => {
                if list_stack.is_empty() {
                    target.push_str("\n\n");
                } else {
                    target.push('\n');
                }
                at_line_start = true;
            }
            Event::Start(Tag::Heading { .. }) => target.push_str("**"),
            Event::End(TagEnd::Heading(_)) => {
                target.push_str("**\n\n");
                at_line_start = true;
            }
            Event::Start(Tag::BlockQuote(_)) => target.push_str("> "),
            Event::End(TagEnd::BlockQuote(_)) => target.push('\n'),
            // A code block becomes one span of code for each of its lines. A fenced block would
            // have to be indented exactly as its list item is; one that is not leaves the code
            // (never escaped) to be read as Markdown, and the text after it as code.
            Event::Start(Tag::CodeBlock(_)) => {
                in_code_block = true;
                code.clear();
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code_block = false;
                // A lone carriage return ends a line in Markdown too.
                let lines: Vec<String> = code
                    .split(['\n', '\r'])
                    .filter(|l| !l.trim().is_empty())
                    .map(|l| format!("`{}`", l.trim().replace('`', "'")))
                    .collect();
                target.push_str(&lines.join("\\\n"));
                target.push_str(if list_stack.is_empty() { "\n\n" } else { "\n" });
                at_line_start = true;
            }
            Event::Start(Tag::List(start)) => {
                // A list that starts an item goes on the item's own line (`- - a`): an item
                // marker alone on its line, under a line of text, reads as that text's underline.
                let starts_item = items.last().is_some_and(|i| i.1 == target.len());
                if !list_stack.is_empty() && !target.ends_with('\n') && !starts_item {
                    target.push('\n');
                }
                // A list after a line of text, with no blank line between, could read as that
                // text's underline (`-`), making it a heading.
                if list_stack.is_empty() && !target.is_empty() {
                    while !target.ends_with("\n\n") {
                        target.push('\n');
                    }
                }
                list_stack.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                list_stack.pop();
                if list_stack.is_empty() {
                    target.push('\n');
                }
            }
            Event::Start(Tag::Item) => {
                let item_start = target.len();
                // An item is indented to the text of the item it is in, unless it starts that
                // item, on the same line.
                let (indent, starts_item) = match items.last() {
                    Some(&(_, marker_end, content)) => (content, marker_end == target.len()),
                    None => (0, false),
                };
                if !starts_item {
                    target.push_str(&" ".repeat(indent));
                }
                let marker = match list_stack.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}. ", *n - 1)
                    }
                    _ => "- ".to_string(),
                };
                target.push_str(&marker);
                items.push((item_start, target.len(), indent + marker.len()));
            }
            Event::End(TagEnd::Item) => {
                // An empty item (`- ` and nothing) under a line of text is that text's underline:
                // it is left out.
                match items.pop() {
                    Some((start, marker_end, _)) if target[marker_end..].trim().is_empty() => {
                        target.truncate(start);
                    }
                    _ if !target.ends_with('\n') => target.push('\n'),
                    _ => {}
                }
            }
            Event::End(TagEnd::HtmlBlock) => {
                if list_stack.is_empty() {
                    target.push('\n');
                }
                at_line_start = true;
            }
            Event::Start(Tag::Emphasis) | Event::End(TagEnd::Emphasis) => target.push('*'),
            Event::Start(Tag::Strong) | Event::End(TagEnd::Strong) => target.push_str("**"),
            Event::Start(Tag::Strikethrough) | Event::End(TagEnd::Strikethrough) => {
                target.push_str("~~")
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                if safe_link(&dest_url) {
                    target.push('[');
                    link_stack.push(Some(dest_url.to_string()));
                } else {
                    link_stack.push(None);
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some(Some(url)) = link_stack.pop() {
                    target.push_str(&format!(
                        "]({})",
                        url.replace(['(', ')', ' ', '<', '>'], "")
                    ));
                }
            }
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => {}
            Event::Start(Tag::Table(_)) => {
                table_header_done = false;
            }
            Event::End(TagEnd::Table) => target.push('\n'),
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => table_row.clear(),
            Event::End(TagEnd::TableHead) | Event::End(TagEnd::TableRow) => {
                out.push_str(&format!("| {} |\n", table_row.join(" | ")));
                if !table_header_done {
                    out.push_str(&format!("|{}\n", " --- |".repeat(table_row.len())));
                    table_header_done = true;
                }
            }
            Event::Start(Tag::TableCell) => {
                in_cell = true;
                cell.clear();
            }
            Event::End(TagEnd::TableCell) => {
                in_cell = false;
                table_row.push(std::mem::take(&mut cell));
            }
            Event::Text(text) => {
                if in_code_block {
                    code.push_str(&text);
                } else {
                    target.push_str(&escape_inline(&text, at_line_start, in_cell));
                }
                at_line_start = false;
            }
            Event::Code(code) => {
                target.push_str(&format!("`{}`", code.replace('`', "'")));
                at_line_start = false;
            }
            Event::Html(raw) | Event::InlineHtml(raw) => {
                target.push_str(&escape_inline(&raw, at_line_start, in_cell));
                // A block of raw HTML comes one line at a time, each with its line break.
                at_line_start = raw.ends_with(['\n', '\r']);
            }
            Event::SoftBreak => {
                target.push('\n');
                at_line_start = true;
            }
            Event::HardBreak => {
                target.push_str("\\\n");
                at_line_start = true;
            }
            // `***`, not `---`: under a line of text, `---` makes that text a heading.
            Event::Rule => {
                if !target.is_empty() && !target.ends_with('\n') {
                    target.push('\n');
                }
                target.push_str("***\n\n");
                at_line_start = true;
            }
            Event::TaskListMarker(done) => target.push_str(if done { "[x] " } else { "[ ] " }),
            _ => {}
        }
    }
    out.trim_end().to_string()
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
}
