//! Writing CSV (RFC 4180) that is safe to open in a spreadsheet: the rules for a field, a row
//! and a number here, and a file per document that `ties` writes as CSV.

mod crosswalk;
mod estate;
mod score;
mod trend;

pub use crosswalk::crosswalk;
pub use estate::table as estate_table;
pub use score::score;
pub use trend::trend;

/// One CSV field: quoted when needed, and neutralised when a spreadsheet would take it as a
/// formula (a leading `=`, `+`, `-`, `@`, tab or carriage return gets a leading apostrophe).
/// Plain numbers, including negative ones, are left alone.
pub fn field(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_field(&mut out, text);
    out
}

/// `field`, written at the end of `out`.
fn push_field(out: &mut String, text: &str) {
    let risky = text.starts_with(['=', '+', '-', '@', '\t', '\r']) && text.parse::<f64>().is_err();
    let b = text.as_bytes();
    let quoted =
        memchr::memchr3(b',', b'"', b'\n', b).is_some() || memchr::memchr(b'\r', b).is_some();
    if quoted {
        out.push('"');
    }
    if risky {
        out.push('\'');
    }
    if quoted {
        out.push_str(&text.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(text);
    }
}

/// A CSV line from fields, ending in CRLF as RFC 4180 asks.
/// A yes-or-no value as every CSV writes it (and as the estate's JSON and workbook do):
/// `true` or `false`.
pub fn boolean(b: bool) -> &'static str {
    if b { "true" } else { "false" }
}

pub fn row<S: AsRef<str>>(fields: &[S]) -> String {
    let mut out = String::new();
    push_row(&mut out, fields.iter().map(AsRef::as_ref));
    out
}

/// `row`, written at the end of `out`.
pub fn push_row<'a>(out: &mut String, fields: impl IntoIterator<Item = &'a str>) {
    for (i, f) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_field(out, f);
    }
    out.push_str("\r\n");
}

/// A number for CSV: up to four decimal places, no trailing zeros; empty for none.
pub fn number(v: Option<f64>) -> String {
    match v {
        None => String::new(),
        Some(v) => {
            let s = format!("{v:.4}");
            let s = s.trim_end_matches('0').trim_end_matches('.');
            if s == "-0" { "0".into() } else { s.to_string() }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        for risky in [
            "=1+1",
            "+SUM(A1)",
            "-2+3",
            "@cmd",
            "=HYPERLINK(\"http://x\")",
        ] {
            assert!(
                field(risky).trim_start_matches('"').starts_with('\''),
                "{risky}"
            );
        }
        assert_eq!(field("-0.5"), "-0.5");
        assert_eq!(field("plain"), "plain");
    }

    #[test]
    fn quoting_follows_rfc_4180() {
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(row(&["a", "b\nc"]), "a,\"b\nc\"\r\n");
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(number(Some(0.5)), "0.5");
        assert_eq!(number(Some(2.0 / 3.0)), "0.6667");
        assert_eq!(number(Some(1.0)), "1");
        assert_eq!(number(None), "");
    }
}
