//! The order establishments are listed in: by name, read from the part after the kind of
//! establishment ("HMP", "HMP & YOI", "HMYOI"), so that HMP & YOI Bramdale sits between
//! HMP Ashbank and HMP Carnmoor, where a reader looks for it.

use std::cmp::Ordering;

/// The kinds of establishment a name may start with, longest first so that "HMP & YOI" is
/// taken whole before "HMP".
const KINDS: [&str; 6] = ["hmp & yoi", "hmp and yoi", "hmp/yoi", "hmyoi", "hmp", "yoi"];

/// A name as it is sorted: lower case, without the kind of establishment it starts with.
pub fn sort_name(name: &str) -> String {
    let lower = name.trim().to_lowercase();
    for kind in KINDS {
        if let Some(rest) = lower.strip_prefix(kind)
            && rest.starts_with(char::is_whitespace)
        {
            let rest = rest.trim_start();
            if !rest.is_empty() {
                return rest.to_string();
            }
        }
    }
    lower
}

/// Two establishments in the order they are listed: by the name after its kind, then by the
/// whole name, then by id, so that the order never depends on how the files were read.
pub fn by_name(a: (&str, &str), b: (&str, &str)) -> Ordering {
    let key = |(name, id): (&str, &str)| (sort_name(name), name.to_lowercase(), id.to_string());
    key(a).cmp(&key(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sort_by_the_part_after_the_kind_of_establishment() {
        let mut names = vec![
            "HMP Carnmoor",
            "HMP & YOI Bramdale",
            "HMYOI Aylesbury",
            "HMP Ashbank",
            "hmp & yoi elmburn",
            "HMP/YOI Drake Hall",
            "Ashfield",
        ];
        names.sort_by(|a, b| by_name((a, ""), (b, "")));
        assert_eq!(
            names,
            [
                "HMP Ashbank",
                "Ashfield",
                "HMYOI Aylesbury",
                "HMP & YOI Bramdale",
                "HMP Carnmoor",
                "HMP/YOI Drake Hall",
                "hmp & yoi elmburn",
            ]
        );
        // A kind with nothing after it, or run into the name, is the name itself.
        assert_eq!(sort_name("HMP"), "hmp");
        assert_eq!(sort_name("HMPstead"), "hmpstead");
        // The same name: the whole name, then the id, decide.
        assert_eq!(
            by_name(("HMP Ash", "b"), ("HMYOI Ash", "a")),
            Ordering::Less
        );
        assert_eq!(by_name(("HMP Ash", "a"), ("HMP Ash", "b")), Ordering::Less);
    }
}
