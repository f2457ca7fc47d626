//! Every input the fuzzers (`fuzz/run`) found to crash, hang or break a property, kept as a test.

use crate::markdown_props::check_all;

/// Markdown, round 1: raw HTML (here an unclosed `<![CDATA[` block) runs over several lines and
/// was escaped as one piece, so a `-` starting one of its lines became a heading underline in
/// the safe Markdown.
#[test]
fn raw_html_over_several_lines_cannot_make_a_heading() {
    check_all(
        "<![CDATA[1</a\0hav\0$1</a\0 # Titlxt=e(\0\n6)| a | b |\n|  # Titlxt=e(\0\n6)| a | b |\n| --\u{3}\n-",
    );
    check_all("<div>\n# Heading\n  - item\ntext\n===\n</div>");
    check_all("<div>\rtext\r---\r</div>");
}

/// Markdown, round 2: two false alarms of the property check itself, which took any `href`
/// containing `javascript:` for a script link. `http://javascript:alert(1)` is a web address
/// (of a host named `javascript`), and `mailto:"javascript:x"` an email address; the check now
/// reads the link's scheme as a browser does.
#[test]
fn web_addresses_that_mention_javascript_are_web_addresses() {
    check_all(
        "nd [a link](https:/\x01\x00\x00\x00\x00\x00\x00\x00 and [bad](http://javascript:alert(1)).\n\n- one\n-\x00two | three\n  1. neste\n>d\n quote\n\n```\ncode\n```\n",
    );
}

#[test]
fn email_addresses_that_mention_javascript_are_email_addresses() {
    check_all("| a |<\x1dc\n| --<mailto:\"javascript:x\">a</a> l&t; ");
}
