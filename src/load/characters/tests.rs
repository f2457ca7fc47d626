use super::*;

fn problem(name: &str, text: &str) -> Option<Diagnostic> {
    crate::load::parse(&SourceFile::new(name, text)).err()
}

/// The message, line and column of the problem in a YAML file.
fn yaml(text: &str) -> Option<(String, usize, usize)> {
    problem("t.yaml", text).map(|d| (d.message, d.line, d.column))
}

#[test]
fn escapes_that_make_control_characters_are_refused_at_the_escape() {
    for (escape, code) in [
        (r"\e", "U+001B"),
        (r"\a", "U+0007"),
        (r"\x1b", "U+001B"),
        (r"\x1B", "U+001B"),
        (r"\u001b", "U+001B"),
        (r"\U0000001b", "U+001B"),
        (r"\0", "U+0000"),
        (r"\b", "U+0008"),
        (r"\x7f", "U+007F"),
        (r"\N", "U+0085"),
        (r"\u009b", "U+009B"),
        (r"\r", "U+000D"),
    ] {
        let text = format!("a: 1\nname: \"HMP \\\\ X{escape}]0;owned\"\n");
        let d = problem("t.yaml", &text).unwrap_or_else(|| panic!("{escape} passed"));
        assert_eq!(
            d.message,
            "this text holds a control character, which ties does not accept: it could change what a screen or a report shows",
            "{escape}"
        );
        assert_eq!((d.line, d.column), (2, 16), "{escape}");
        assert!(
            d.found.as_deref().unwrap().contains(code),
            "{escape}: {d:?}"
        );
    }
}

#[test]
fn toml_escapes_are_refused_too() {
    let d = problem("t.toml", "id = \"x\"\ntitle = \"A \\u001b[2J title\"\n").unwrap();
    assert_eq!((d.line, d.column), (2, 12), "{d:?}");
    assert!(d.message.starts_with("this text holds a control character"));
    let d = problem("t.toml", "[source]\n\"a\\u0007b\" = \"x\"\n").unwrap();
    assert!(
        d.message
            .starts_with("this field name holds a control character"),
        "{d:?}"
    );
}

#[test]
fn tabs_and_line_breaks_stay_in_text_but_not_in_names() {
    assert_eq!(yaml("narrative: \"one\\ttwo\\nthree\\r\\nfour\"\n"), None);
    assert_eq!(yaml("narrative: |\n  one\n  two\n"), None);
    let (message, line, col) = yaml("\"a\\tb\": 1\n").unwrap();
    assert!(
        message.starts_with("this field name holds a control character"),
        "{message}"
    );
    assert_eq!((line, col), (1, 3));
    let (message, ..) = yaml("\"a\\nb\": 1\n").unwrap();
    assert!(message.starts_with("this field name holds"), "{message}");
}

#[test]
fn hidden_characters_are_refused_in_names_and_kept_in_text() {
    for (field, shown) in [
        ("name", "name"),
        ("title", "title"),
        ("short_title", "short title"),
        ("label", "label"),
        ("region", "region"),
        ("comparator_group", "comparator group"),
    ] {
        for c in ['\u{202e}', '\u{200b}', '\u{2066}', '\u{feff}', '\u{ad}'] {
            let text = format!("establishment:\n  {field}: \"HMP {c}elbaT\"\n");
            let d = problem("t.yaml", &text).unwrap_or_else(|| panic!("{field} {c:?} passed"));
            assert_eq!(
                d.message,
                format!("this {shown} holds a character that cannot be seen")
            );
            assert_eq!((d.line, d.column), (2, field.len() + 5), "{field}");
            assert!(
                d.found.as_deref().unwrap().ends_with("after `HMP `"),
                "{d:?}"
            );
            assert_eq!(
                d.help.as_deref(),
                Some(format!("type the {shown} again by hand, without it: `HMP elbaT`").as_str())
            );
        }
    }
    // Narrative may be written right to left, or in a script that needs joiners.
    assert_eq!(
        yaml("narrative: \"\u{202b}שלום\u{202c} and a\u{200d}b\"\n"),
        None
    );
    // A name may use any alphabet.
    assert_eq!(yaml("name: Карл Cymraeg ŵ\n"), None);
}

#[test]
fn every_id_is_checked_as_ids_are() {
    let d = problem("t.yaml", "actions:\n  - id: A\u{202e}1\n").unwrap();
    assert_eq!(
        d.message,
        "`A\u{202e}1` contains a character that cannot be seen"
    );
    assert_eq!((d.line, d.column), (2, 9));
}

#[test]
fn every_refusable_character_starts_with_a_byte_looked_for() {
    let mut refusable = 0;
    for c in (0x80..=0x10ffff).filter_map(char::from_u32) {
        if c.is_control() || crate::diag::hidden(c).is_some() {
            refusable += 1;
            let mut bytes = [0; 4];
            c.encode_utf8(&mut bytes);
            assert!(super::LEADS.contains(&bytes[0]), "{c:?}");
            assert!(super::holds_refusable(&format!("a {c} b")), "{c:?}");
        }
    }
    assert!(refusable > 40, "{refusable}");
    assert!(!super::holds_refusable(
        "plain text, with ’quotes’ and £5 — and é"
    ));
}

/// Eight bytes at a time, the closer look is asked for exactly where one byte at a time asks
/// for it: every byte, at every place of texts of up to 17 bytes among plain letters, and
/// beside each byte that asks for one.
#[test]
fn the_closer_look_is_asked_for_as_byte_by_byte() {
    let closer = |b: &u8| (*b < 0x20 && *b != b'\n' && *b != b'\t') || *b == 0x7f || *b == 0xc2;
    for len in 1..=17 {
        for at in 0..len {
            for byte in 0..=255u8 {
                for fill in [b'a', b'\n', 0xc3, 0x20, 0x80] {
                    let mut text = vec![fill; len];
                    text[at] = byte;
                    assert_eq!(
                        super::needs_closer_look(&text),
                        text.iter().any(closer),
                        "{text:?}"
                    );
                }
            }
        }
    }
}
