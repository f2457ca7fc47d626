//! Text for a terminal. Whatever a file holds, what `ties` prints to a terminal cannot move the
//! cursor, clear the screen, retitle the window or reorder what is shown: control characters and
//! marks that change the direction of text are shown as visible symbols instead.

use std::borrow::Cow;

/// `text` with every character a terminal would act on replaced by a visible symbol (`␛` for
/// escape, `�` for a direction mark); line breaks and tabs are kept.
pub fn safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(acted_on) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if acted_on(c) {
                    crate::diag::visible(c)
                } else {
                    c
                }
            })
            .collect(),
    )
}

/// Whether a terminal does something with the character other than show it.
fn acted_on(c: char) -> bool {
    match c {
        '\n' | '\t' => false,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        '\u{200e}' | '\u{200f}' | '\u{61c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            true
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_direction_marks_are_shown_not_obeyed() {
        let title = "HMP X\u{1b}]0;owned\u{7}\u{1b}[2J";
        assert_eq!(safe(title), "HMP X␛]0;owned␇␛[2J");
        assert_eq!(safe("abc\u{202e}fed"), "abc�fed");
        assert_eq!(safe("a\u{9b}b"), "a�b");
        assert_eq!(safe("line\r\nnext"), "line␍\nnext");
    }

    #[test]
    fn ordinary_text_is_left_as_it_is() {
        let text =
            "Id  Title\tVersion\nfarmer-offer  Lord Farmer’s local family offer — Cymraeg: ŵ ŷ\n";
        assert!(matches!(safe(text), Cow::Borrowed(_)));
    }
}
