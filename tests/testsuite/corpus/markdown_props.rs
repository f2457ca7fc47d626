//! What the Markdown rendering must guarantee whatever text a person writes: shared by the
//! regression tests here and by the fuzz target `fuzz/fuzz_targets/markdown.rs`.
//!
//! - `to_html`: only the tags Markdown itself makes, no `<script`, no `on...=` attribute, no
//!   `src`, and every `href` a web or email address.
//! - `to_safe_markdown`: read again as Markdown, no raw HTML, no image, no heading (it cannot
//!   break the report's outline) and every link a web or email address.
//! - `cell`: one line that stays one cell of a table, with no raw HTML.
//! - all three: at most `output_limit` of the input (sixteen times its length, and 4 KB).

use pulldown_cmark::{Event, Options, Parser, Tag};
use ties::output::markdown::{cell, output_limit, to_html, to_safe_markdown};

/// The tags pulldown-cmark writes for the Markdown `ties` allows (tables and strikethrough on).
const TAGS: &[&str] = &[
    "p",
    "em",
    "strong",
    "del",
    "a",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "code",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "br",
];

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Checks every property for one input; panics with the input and output on a failure.
pub fn check_all(input: &str) {
    let html = to_html(input);
    let markdown = to_safe_markdown(input);
    let one = cell(input);
    check_size(
        input,
        &[
            ("to_html", &html),
            ("to_safe_markdown", &markdown),
            ("cell", &one),
        ],
    );
    check_html(input, &html);
    check_safe_markdown(input, &markdown);
    check_cell(input, &one);
}

/// What rendering writes grows no faster than its input: at most `output_limit` (sixteen times
/// its length and 4 KB besides), whatever its structure.
pub fn check_size(input: &str, outputs: &[(&str, &String)]) {
    let limit = output_limit(input);
    for (what, out) in outputs {
        assert!(
            out.len() <= limit,
            "{what}: {} bytes from {} (limit {limit})\ninput: {:?}",
            out.len(),
            input.len(),
            input.chars().take(200).collect::<String>()
        );
    }
}

pub fn check_html(input: &str, html: &str) {
    let fail = |why: &str| panic!("to_html: {why}\ninput: {input:?}\noutput: {html:?}");
    if html.to_ascii_lowercase().contains("<script") {
        fail("a <script tag");
    }
    // Text is escaped, so every `<` left in the output starts a tag pulldown-cmark wrote.
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('>') else {
            fail("a `<` that starts no tag");
            return;
        };
        let tag = after[..end].trim_end_matches('/');
        let tag = tag.strip_prefix('/').unwrap_or(tag);
        let name_end = tag.find(char::is_whitespace).unwrap_or(tag.len());
        let name = &tag[..name_end];
        if !TAGS.contains(&name) {
            fail(&format!("the tag `{name}`"));
        }
        for (attr, value) in attributes(&tag[name_end..]) {
            let lower = attr.to_ascii_lowercase();
            if lower.starts_with("on") {
                fail(&format!("an event attribute `{attr}`"));
            }
            if lower == "src" {
                fail("a `src` attribute");
            }
            if lower == "href" && !web_or_email(&unescape(&value)) {
                fail(&format!("an unsafe link `{value}`"));
            }
        }
        rest = &after[end + 1..];
    }
}

/// `name="value"` pairs of a tag, as pulldown-cmark writes them (values in double quotes, with
/// any double quote inside escaped).
fn attributes(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let mut name = String::new();
        while let Some(&c) = chars.peek() {
            if c == '=' || c.is_whitespace() {
                break;
            }
            name.push(c);
            chars.next();
        }
        if name.is_empty() {
            return out;
        }
        let mut value = String::new();
        if chars.peek() == Some(&'=') {
            chars.next();
            if chars.peek() == Some(&'"') {
                chars.next();
                for c in chars.by_ref() {
                    if c == '"' {
                        break;
                    }
                    value.push(c);
                }
            }
        }
        out.push((name, value));
    }
}

/// Whether a link opens a web page or an email: its scheme, as a browser reads it (ignoring
/// spaces and control characters at either end, and tabs and line breaks anywhere, in any case),
/// is `http`, `https` or `mailto`. Checked here independently of `ties::output::markdown::safe_link`,
/// which is under test.
fn web_or_email(url: &str) -> bool {
    let cleaned: String = url
        .trim_matches(|c: char| c.is_control() || c == ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let Some((scheme, _)) = cleaned.split_once(':') else {
        return false;
    };
    ["http", "https", "mailto"].contains(&scheme.to_ascii_lowercase().as_str())
}

fn unescape(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

pub fn check_safe_markdown(input: &str, md: &str) {
    let fail = |why: &str| panic!("to_safe_markdown: {why}\ninput: {input:?}\noutput: {md:?}");
    for event in Parser::new_ext(md, options()) {
        match event {
            Event::Html(raw) | Event::InlineHtml(raw) => fail(&format!("raw HTML {raw:?}")),
            Event::Start(Tag::Link { dest_url, .. }) if !web_or_email(&dest_url) => {
                fail(&format!("an unsafe link `{dest_url}`"))
            }
            Event::Start(Tag::Image { dest_url, .. }) => fail(&format!("an image `{dest_url}`")),
            Event::Start(Tag::Heading { .. }) => fail("a heading"),
            _ => {}
        }
    }
}

pub fn check_cell(input: &str, cell: &str) {
    let fail = |why: &str| panic!("cell: {why}\ninput: {input:?}\noutput: {cell:?}");
    if cell.contains(['\n', '\r']) {
        fail("more than one line");
    }
    let table = format!("| a | {cell} |\n| --- | --- |\n");
    let mut cells = 0;
    let mut in_head = true;
    for event in Parser::new_ext(&table, options()) {
        match event {
            Event::Html(raw) | Event::InlineHtml(raw) => fail(&format!("raw HTML {raw:?}")),
            Event::Start(Tag::TableCell) if in_head => cells += 1,
            Event::End(pulldown_cmark::TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::Image { .. }) => fail("an image"),
            Event::Start(Tag::Link { dest_url, .. }) if !web_or_email(&dest_url) => {
                fail(&format!("an unsafe link `{dest_url}`"))
            }
            _ => {}
        }
    }
    if cells != 2 {
        fail(&format!("the row has {cells} cells instead of 2"));
    }
}
