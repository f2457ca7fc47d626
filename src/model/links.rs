//! Addresses in files, and the one rule for which of them a report keeps as links: web pages
//! and email only. Narrative Markdown, a framework's guidance and its `source.url` all go
//! through it; `output::markdown` renders by it and `validate::links` names what it refuses.

use pulldown_cmark::{Event, Options, Parser, Tag};

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

/// A link address from a file as `ties` writes it into a report, such as a framework's
/// `source.url`: a web or email address (`safe_link`), without the spaces around it, and with
/// nothing in it that could end the link where it is written (a space, `<` or `>` would end a
/// Markdown autolink, `<https://…>`, and let the rest be read as HTML). `None` for any other
/// address: it is left out of every output.
pub fn safe_address(url: &str) -> Option<&str> {
    let url = url.trim();
    let ends_early = |c: char| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>');
    (safe_link(url) && !url.chars().any(ends_early)).then_some(url)
}

/// The addresses of the links in some Markdown that rendering leaves out, each once, in the
/// order they come: what `ties check` warns about.
pub fn refused_links(markdown: &str) -> Vec<String> {
    let mut refused: Vec<String> = Vec::new();
    // Most text has no link at all: nothing to read.
    if !markdown.contains(['[', '<']) {
        return refused;
    }
    let mut seen = std::collections::BTreeSet::new();
    for event in Parser::new_ext(markdown, markdown_options()) {
        if let Event::Start(Tag::Link { dest_url, .. }) = event
            && !safe_link(&dest_url)
            && seen.insert(dest_url.to_string())
        {
            refused.push(dest_url.to_string());
        }
    }
    refused
}

/// The Markdown `ties` reads in narrative and guidance: CommonMark with tables and
/// strikethrough.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}
