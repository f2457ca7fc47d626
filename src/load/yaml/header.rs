//! A cheap look at a self-assessment: its year and establishment, read from the top-level lines
//! of plain YAML without parsing the file, so that the estate need not parse files it will not
//! show.
//!
//! The look only ever answers when the answer is certain: the file is YAML written as a block
//! mapping (every line that starts at the left edge is a comment or a `name:` line), it is a
//! self-assessment (`ties:`, `establishment:` or `responses:` at the top), and the year or id is
//! written once, plainly. Anything else (flow style, quoted or tagged values, a key written
//! twice, a lone carriage return, text that is not UTF-8, a file over the size limit) is
//! unknown, and the caller reads the file in full, exactly as before. A line that starts at the
//! left edge is always a top-level key in a file the YAML reader accepts: a value that runs on
//! to another line must be indented under its key. A value is read by the reader's own rule for
//! plain values (`plain`), and `agree` checks the look against the full reader.

use std::borrow::Cow;
use std::path::Path;

use super::plain;
use crate::load::Files;
use crate::load::MAX_FILE_BYTES;
use crate::load::node::Value;

/// What the look tells of a file; `None` where it cannot be told for certain.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Header {
    pub year: Option<i32>,
    pub establishment: Option<String>,
}

/// Looks at the file at `path` among `files`: nothing is told of a file that is not `.yaml` or
/// `.yml`, is larger than `ties` reads, or cannot be read (reading it in full then reports why).
pub fn scan_file(files: &dyn Files, path: &Path) -> Header {
    if !is_yaml(path) {
        return Header::default();
    }
    match files.read(path) {
        Ok(bytes) => scan_bytes(path, &bytes),
        Err(_) => Header::default(),
    }
}

/// Looks at a file given as its name and bytes, by the rules of `scan_file`.
pub fn scan_bytes(path: &Path, bytes: &[u8]) -> Header {
    if !is_yaml(path) || bytes.len() as u64 > MAX_FILE_BYTES {
        return Header::default();
    }
    std::str::from_utf8(bytes).map(scan).unwrap_or_default()
}

fn is_yaml(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// Looks at the text of a YAML file.
pub fn scan<'a>(text: &'a str) -> Header {
    let b = text.as_bytes();
    // A file with Windows line endings is read as one with line feeds alone; one with a carriage
    // return standing alone is refused by the reader, at its place.
    let crlf = memchr::memchr(b'\r', b).is_some();
    if crlf && memchr::memchr_iter(b'\r', b).any(|i| b.get(i + 1) != Some(&b'\n')) {
        return Header::default();
    }
    // A line without its ending.
    let unended = |l: &'a str| {
        if crlf {
            l.strip_suffix('\r').unwrap_or(l)
        } else {
            l
        }
    };
    // The lines from byte `from` on, without their endings.
    let lines_from = |from: usize| text.get(from..).unwrap_or("").split('\n').map(unended);
    // Each line at the left edge, with where the line after it starts.
    let mut top: Vec<(&str, &str, usize)> = Vec::new();
    for start in top_level_starts(b) {
        let end = memchr::memchr(b'\n', &b[start..]).map_or(b.len(), |i| start + i);
        match top_level_key(unended(&text[start..end])) {
            Some((key, rest)) => top.push((key, rest, end + 1)),
            None => return Header::default(),
        }
    }
    let once = |name: &str| -> Option<(&str, usize)> {
        let mut found = top.iter().filter(|(k, ..)| *k == name);
        let first = found.next()?;
        found.next().is_none().then_some((first.1, first.2))
    };
    let is_assessment = ["ties", "establishment", "responses"]
        .iter()
        .any(|k| top.iter().any(|(key, ..)| key == k));
    if !is_assessment {
        return Header::default();
    }
    let year = once("year")
        .filter(|(_, next)| ends_on_its_line(lines_from(*next), 0))
        .and_then(|(rest, _)| plain_value(rest))
        .filter(|v| v.len() == 4 && v.bytes().all(|b| b.is_ascii_digit()) && !v.starts_with('0'))
        .and_then(|v| match plain::value(Cow::Borrowed(v)) {
            Some(Value::Int(y)) => i32::try_from(y).ok(),
            _ => None,
        });
    let establishment = once("establishment")
        .filter(|(rest, _)| plain_value(rest) == Some(""))
        .and_then(|(_, next)| {
            // The block below it: the lines up to the next at the left edge.
            let block: Vec<&str> = lines_from(next)
                .take_while(|l| l.is_empty() || l.starts_with([' ', '#']))
                .collect();
            nested_id(&block)
        });
    Header {
        year,
        establishment,
    }
}

/// Where each line starts that is at the left edge: not empty, not indented and not a comment.
/// Line feeds are looked for sixteen bytes at a time (`line_feeds`): most of a file is lines
/// indented under others, and looking at each line was most of the time of the look.
fn top_level_starts(b: &[u8]) -> Vec<usize> {
    let top = |at: usize| {
        b.get(at)
            .is_some_and(|c| !matches!(c, b' ' | b'#' | b'\n' | b'\r'))
    };
    let mut out = Vec::new();
    if top(0) {
        out.push(0);
    }
    let (blocks, _) = b.as_chunks::<16>();
    for (k, block) in blocks.iter().enumerate() {
        let mut marks = line_feeds(block);
        while marks != 0 {
            let at = k * 16 + marks.trailing_zeros() as usize;
            marks &= marks - 1;
            if top(at + 1) {
                out.push(at + 1);
            }
        }
    }
    let tail = blocks.len() * 16;
    for (at, c) in b.iter().enumerate().skip(tail) {
        if *c == b'\n' && top(at + 1) {
            out.push(at + 1);
        }
    }
    out
}

/// A bit for each line feed of sixteen bytes, the sixteen compared at once (SSE2, which every
/// x86-64 processor has).
#[cfg(target_arch = "x86_64")]
fn line_feeds(block: &[u8; 16]) -> u32 {
    // SAFETY: SSE2 is part of every x86-64 processor; these instructions only compute.
    unsafe { sse2_line_feeds(block) }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn sse2_line_feeds(block: &[u8; 16]) -> u32 {
    use std::arch::x86_64::{_mm_cmpeq_epi8, _mm_movemask_epi8, _mm_set_epi64x, _mm_set1_epi8};
    let (low, high) = block.split_at(8);
    let half = |h: &[u8]| i64::from_le_bytes(h.try_into().unwrap_or_default());
    let bytes = _mm_set_epi64x(half(high), half(low));
    let found = _mm_cmpeq_epi8(bytes, _mm_set1_epi8(b'\n' as i8));
    _mm_movemask_epi8(found) as u32
}

#[cfg(not(target_arch = "x86_64"))]
fn line_feeds(block: &[u8; 16]) -> u32 {
    portable_line_feeds(block)
}

/// A bit for each line feed of sixteen bytes, looked at one by one.
#[cfg(any(not(target_arch = "x86_64"), test))]
fn portable_line_feeds(block: &[u8; 16]) -> u32 {
    block
        .iter()
        .enumerate()
        .fold(0, |marks, (i, b)| marks | (u32::from(*b == b'\n') << i))
}

/// A line `name: rest` or `name:` at the left edge, the name plain (letters, digits, `_`, `-`).
fn top_level_key(line: &str) -> Option<(&str, &str)> {
    let (key, rest) = line.split_once(':')?;
    let plain = key
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    (plain && (rest.is_empty() || rest.starts_with(' '))).then_some((key, rest))
}

/// The value after `name:` when it is plain text of letters, digits and hyphens, with an
/// optional comment: `Some("")` when there is none (the value is on the lines below), `None`
/// when it is anything else (quoted, tagged, an anchor, a flow collection).
fn plain_value(rest: &str) -> Option<&str> {
    let value = match rest.find(" #") {
        Some(i) => &rest[..i],
        None => rest,
    }
    .trim_matches(' ');
    value
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        .then_some(value)
}

/// The `id:` of the block below `establishment:`: among the lines indented least (the block's
/// own keys), exactly one `id:`, its value plain text starting with a lower-case letter, on its
/// own line. `None` when the block is empty, or the id is written otherwise or more than once.
fn nested_id(lines: &[&str]) -> Option<String> {
    let end = lines
        .iter()
        .position(|l| !(l.is_empty() || l.starts_with([' ', '#'])))
        .unwrap_or(lines.len());
    let block = &lines[..end];
    let content = |l: &str| {
        let t = l.trim_start();
        !t.is_empty() && !t.starts_with('#')
    };
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let least = block
        .iter()
        .filter(|l| content(l))
        .map(|l| indent(l))
        .min()?;
    let mut ids = block
        .iter()
        .enumerate()
        .filter(|(_, l)| content(l) && indent(l) == least)
        .filter_map(|(n, l)| l[least..].strip_prefix("id:").map(|rest| (n, rest)));
    let (n, rest) = ids.next()?;
    if ids.next().is_some()
        || !(rest.is_empty() || rest.starts_with(' '))
        || !ends_on_its_line(block[n + 1..].iter().copied(), least)
    {
        return None;
    }
    plain_value(rest)
        .filter(|v| v.bytes().next().is_some_and(|b| b.is_ascii_lowercase()))
        .filter(|v| matches!(plain::value(Cow::Borrowed(v)), Some(Value::Str(_))))
        .map(str::to_string)
}

/// Whether a value written on the line of its name, indented `indent` spaces, ends on that
/// line: every line after it up to the next name indented as little or less is blank or a
/// comment. A line indented further would run on the value (`year: 2025` and then `  7` is the
/// text `2025 7`).
fn ends_on_its_line<'a>(after: impl IntoIterator<Item = &'a str>, indent: usize) -> bool {
    for line in after {
        let text = line.trim_start_matches([' ', '\t']);
        if text.is_empty() || text.starts_with('#') {
            continue;
        }
        let spaces = line.len() - line.trim_start_matches(' ').len();
        return spaces <= indent && !line[spaces..].starts_with('\t');
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_feeds_are_marked_the_same_by_either_way() {
        for i in 0..16 {
            for j in 0..16 {
                let mut block = [b' '; 16];
                block[i] = b'\n';
                block[j] = [b'\n', b'\r', 0x0b, 0x8a][(i + j) % 4];
                assert_eq!(line_feeds(&block), portable_line_feeds(&block), "{block:?}");
            }
        }
    }

    #[test]
    fn lines_at_the_left_edge_are_found_wherever_they_fall() {
        let naive = |t: &[u8]| -> Vec<usize> {
            (0..t.len())
                .filter(|i| *i == 0 || t[i - 1] == b'\n')
                .filter(|i| !matches!(t[*i], b' ' | b'#' | b'\n' | b'\r'))
                .collect()
        };
        for len in 0..40 {
            for a in 0..len {
                for b in 0..len {
                    for (x, y) in [(b'\n', b'k'), (b'\n', b' '), (0x0b, b'\n'), (b'\n', b'\n')] {
                        let mut text = vec![b' '; len];
                        text[a] = x;
                        text[b] = y;
                        assert_eq!(top_level_starts(&text), naive(&text), "{text:?}");
                    }
                }
            }
        }
    }

    fn told(text: &str) -> (Option<i32>, Option<String>) {
        let h = scan(text);
        (h.year, h.establishment)
    }

    const BLOCK: &str = "# A comment.\nties: 1\nestablishment:\n  id: hmp-ash   # its id\n  \
                         name: HMP Ash\n  nation: england-wales\nyear: 2025 # the year\n\
                         frameworks: [farmer-offer]\nresponses:\n  farmer-offer/visitor-centre:\n    \
                         narrative: |\n      year: 1999\n      id: other\n";

    #[test]
    fn a_plain_block_mapping_tells_its_year_and_establishment() {
        assert_eq!(told(BLOCK), (Some(2025), Some("hmp-ash".into())));
        // Windows line endings read the same.
        assert_eq!(
            told(&BLOCK.replace('\n', "\r\n")),
            (Some(2025), Some("hmp-ash".into()))
        );
    }

    #[test]
    fn anything_not_certain_is_unknown() {
        for text in [
            // Flow style, quoted, tagged, an anchor, a value on the next line.
            "{ ties: 1, year: 2025 }\n",
            "ties: 1\nyear: \"2025\"\n",
            "ties: 1\nyear: !!int 2025\n",
            "ties: 1\nyear: &y 2025\n",
            "ties: 1\nyear:\n  2025\n",
            // Not four digits, a leading zero, a comment with no space before it.
            "ties: 1\nyear: 25\n",
            "ties: 1\nyear: 02025\n",
            "ties: 1\nyear: 2025#c\n",
            // Twice (the reader refuses the file; reading it in full says so).
            "ties: 1\nyear: 2024\nyear: 2025\n",
            // A lone carriage return, a document marker, a line the reader would refuse.
            "ties: 1\ryear: 2025\n",
            "ties: 1\n---\nyear: 2025\n",
            "ties: 1\nyear 2019\nyear: 2025\n",
            "\u{feff}ties: 1\nyear: 2025\n",
            // A value that runs on to the next line, even after a blank line.
            "ties: 1\nyear: 2025\n  7\n",
            "ties: 1\nyear: 2025\n\n  7\n",
            "ties: 1\nyear: 2025\n\t7\n",
            // Not a self-assessment: a register, a framework.
            "establishments:\n  - id: hmp-a\nyear: 2025\n",
            "id: farmer-offer\nyear: 2025\n",
        ] {
            assert_eq!(told(text).0, None, "{text:?}");
        }
    }

    #[test]
    fn the_establishment_is_told_only_from_a_plain_block() {
        let with = |block: &str| told(&format!("ties: 1\nestablishment:{block}year: 2025\n")).1;
        assert_eq!(with("\n  name: A\n  id: hmp-a\n"), Some("hmp-a".into()));
        assert_eq!(
            with("\n  id: hmp-a\n  # a comment\n\n  name: A\n"),
            Some("hmp-a".into())
        );
        for unknown in [
            " { id: hmp-a, name: A }\n",
            "\n  id: \"hmp-a\"\n",
            "\n  id: hmp-a\n  id: hmp-b\n",
            "\n  name: A\n",
            "\n  details:\n    id: hmp-a\n",
            "\n  id: 123\n",
            // Words YAML takes for yes, no or nothing, and an id that runs on.
            "\n  id: no\n",
            "\n  id: null\n",
            "\n  id: on\n",
            "\n  id: hmp-a\n    more\n",
            "\n",
        ] {
            assert_eq!(with(unknown), None, "{unknown:?}");
        }
        // The year is still told when the establishment is not.
        assert_eq!(
            told("ties: 1\nestablishment: { id: a }\nyear: 2024\n").0,
            Some(2024)
        );
    }
}
