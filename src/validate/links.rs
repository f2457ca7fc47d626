//! Links that reports leave out, named by `ties check`.
//!
//! Every link from a file goes through one rule (`output::markdown::safe_link`): only web
//! (`https://`, `http://`) and email (`mailto:`) addresses are kept, and a framework's
//! `source.url` must also be written without spaces or `<` `>` (`safe_address`). A link that
//! fails is left out of every output, its text kept; these warnings say which, and where.

use crate::diag::source::{Pos, SourceFile};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::assessment::Assessment;
use crate::model::framework::{Framework, Section};
use crate::model::links::{refused_links, safe_address};

const KEPT: &str = "only web addresses (https://, http://) and email addresses (mailto:) are kept";

/// The links in a framework that reports leave out: its source's address, and links in its
/// description and in the descriptions and guidance of its sections and items.
pub fn in_framework(file: &SourceFile, fw: &Framework) -> Diagnostics {
    let mut out = Diagnostics::default();
    if let Some(url) = &fw.source.url
        && safe_address(url).is_none()
    {
        let at = locate(file, url, Pos::new(1, 1)).unwrap_or(Pos::FILE);
        out.push(
            Diagnostic::warning(
                &file.path,
                at,
                format!("the source's address is left out of every output: {KEPT}, written without spaces, `<` or `>`"),
            )
            .found(format!("`{url}`"))
            .help("write the address of the source in full, starting with https://"),
        );
    }
    let top = fw.id.pos;
    markdown(
        file,
        &mut out,
        &fw.description,
        "the framework's description",
        top,
    );
    for section in &fw.sections {
        in_section(file, &mut out, section);
    }
    out
}

fn in_section(file: &SourceFile, out: &mut Diagnostics, s: &Section) {
    let at = s.id.pos;
    let id = &s.id.value;
    if let Some(text) = &s.description {
        markdown(
            file,
            out,
            text,
            &format!("the description of section {id}"),
            at,
        );
    }
    if let Some(text) = &s.guidance {
        markdown(
            file,
            out,
            text,
            &format!("the guidance of section {id}"),
            at,
        );
    }
    for item in &s.items {
        if let Some(text) = &item.guidance {
            let what = format!("the guidance of item {}", item.id.value);
            markdown(file, out, text, &what, item.id.pos);
        }
    }
    for inner in &s.sections {
        in_section(file, out, inner);
    }
}

/// The links in a self-assessment's narratives that reports leave out.
pub fn in_assessment(file: &SourceFile, a: &Assessment) -> Diagnostics {
    let mut out = Diagnostics::default();
    for (key, r) in a.responses.iter() {
        if let Some(text) = &r.narrative {
            let what = format!("the narrative of {}", key.value);
            markdown(file, &mut out, text, &what, key.pos);
        }
    }
    out
}

/// A warning for each link in `text` (Markdown, found in the file at or after `near`) that
/// reports leave out.
fn markdown(file: &SourceFile, out: &mut Diagnostics, text: &str, what: &str, near: Pos) {
    for url in refused_links(text) {
        let at = locate(file, &url, near).unwrap_or(near);
        out.push(
            Diagnostic::warning(
                &file.path,
                at,
                format!("a link in {what} is left out of reports, its text kept: {KEPT}"),
            )
            .found(format!("`{url}`"))
            .help("write the address in full, starting with https://, or remove the link"),
        );
    }
}

/// Where `needle` is written in the file, at or after the line of `near`; searched over a
/// stretch of the file, so that many links cost no more than reading the file a few times.
fn locate(file: &SourceFile, needle: &str, near: Pos) -> Option<Pos> {
    if needle.is_empty() {
        return None;
    }
    let start = file.line_offset(near.line.max(1)).unwrap_or(0);
    let end = start
        .saturating_add(needle.len().saturating_mul(4))
        .saturating_add(64 * 1024)
        .min(file.text.len());
    let mut end = end;
    while !file.text.is_char_boundary(end) {
        end -= 1;
    }
    let at = file.text.get(start..end)?.find(needle)?;
    Some(file.pos_of_offset(start + at))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn framework(url: &str, guidance: &str) -> (SourceFile, Framework) {
        let text = format!(
            "id: x\ntitle: X\nversion: \"1\"\nsource:\n  publisher: P\n  title: T\n  url: \"{url}\"\n\
             description: A framework.\nevidence_kinds: []\nscales: []\nsections:\n  - id: s\n    title: S\n    \
             guidance: \"{guidance}\"\n    items: []\n"
        );
        let file = SourceFile::new("x.yaml", text);
        let node = crate::load::parse(&file).expect("a framework");
        let fw = crate::load::decode(&file, &node).expect("a framework");
        (file, fw)
    }

    #[test]
    fn a_source_that_is_not_a_web_address_is_named() {
        for url in [
            "javascript:alert(1)",
            "https://x.test> <img src=x onerror=alert(1)>",
            "data:text/html,x",
            "ftp://x.test/file",
        ] {
            let (file, fw) = framework(url, "Read it.");
            let d = in_framework(&file, &fw);
            assert_eq!(d.items.len(), 1, "{url}: {:?}", d.items);
            let d = &d.items[0];
            assert!(!d.is_error());
            assert!(
                d.message.starts_with("the source's address is left out"),
                "{d:?}"
            );
            assert_eq!((d.line, d.column), (7, 9), "{url}");
            assert_eq!(d.found.as_deref(), Some(format!("`{url}`").as_str()));
        }
        let (file, fw) = framework("https://www.gov.uk/x", "Read [it](https://gov.uk).");
        assert!(in_framework(&file, &fw).is_empty());
    }

    #[test]
    fn links_in_guidance_are_named_where_they_are() {
        let (file, fw) = framework(
            "https://gov.uk",
            "See [a](javascript:x) and [b](vbscript:y).",
        );
        let d = in_framework(&file, &fw);
        let found: Vec<_> = d.items.iter().map(|d| d.found.clone().unwrap()).collect();
        assert_eq!(found, ["`javascript:x`", "`vbscript:y`"]);
        assert!(d.items[0].message.contains("the guidance of section s"));
        assert_eq!(d.items[0].line, 14);
    }
}
