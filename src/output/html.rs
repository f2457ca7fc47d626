//! HTML escaping: the one rule for text placed in HTML or SVG, in an element or in an attribute
//! quoted with either mark. (Templates escape their values with the same five characters.)

/// `text` with `&`, `<`, `>`, `"` and `'` written as entities.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// `text` as a quoted CSS string, safe inside a `<style>` element: every character but a letter
/// or a digit is written as its code point in six hex digits (a space too, which would otherwise
/// be read as the end of the escape before it) (`\\00003C`), so no text can end the string,
/// the rule or the element. (HTML entities are not read inside `<style>`, so `escape` would not
/// do.)
pub fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else {
            out.push_str(&format!("\\{:06X}", u32::from(c)));
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::{css_string, escape};

    #[test]
    fn a_css_string_cannot_end_its_string_rule_or_element() {
        assert_eq!(css_string("HMP A"), "\"HMP\\000020A\"");
        assert_eq!(
            css_string("a\"}</style>"),
            "\"a\\000022\\00007D\\00003C\\00002Fstyle\\00003E\""
        );
        assert_eq!(css_string("Siân’s"), "\"Si\\0000E2n\\002019s\"");
    }

    #[test]
    fn the_five_characters_that_matter_are_escaped() {
        assert_eq!(
            escape(r#"<a href="x" title='y'>Tom & Jerry</a>"#),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;"
        );
        assert_eq!(escape("Siân’s"), "Siân’s");
    }
}
