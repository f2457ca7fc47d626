//! A cell's value as what the self-assessment needs: text, lines, a number, a date, Yes or No,
//! or a word from a drop-down list turned back into its id. A cell that cannot be used is a
//! problem at that cell, and reading goes on, so every problem is found in one run.

use std::borrow::Cow;
use std::path::Path;
use std::rc::Rc;

use chrono::{Datelike, NaiveDate};
// Tables of a workbook's words, hashed the quick way (see `super`).
use rustc_hash::FxHashMap as HashMap;

use super::grid::{Cell, Grid, number_text, trimmed};
use super::layout::{NO, YES};
use super::plain_word;
use crate::diag::source::Pos;
use crate::diag::{Diagnostic, Diagnostics, closest, one_of};
use crate::load::node::{Key, Node, Value};

/// A drop-down list's words and the ids they stand for, from the Lists sheet.
#[derive(Default)]
pub struct List {
    pub title: String,
    pub entries: Vec<(String, String)>,
    /// Each word in lower case with single spaces, and its id, to look words up quickly.
    normal: HashMap<String, String>,
    /// The entries whose word stands for more than one answer (`words_for_more_than_one`).
    pub two_answers: Vec<usize>,
}

impl List {
    pub fn new(title: String, entries: Vec<(String, String)>) -> List {
        let normal = entries
            .iter()
            .map(|(label, id)| (plain_word(label).into_owned(), id.clone()))
            .collect();
        List {
            two_answers: super::words_for_more_than_one(&entries),
            title,
            entries,
            normal,
        }
    }

    /// The id a word stands for: its word, in any case and spacing, or the id itself.
    fn id_of(&self, word: &str) -> Option<&str> {
        if let Some((_, id)) = self.entries.iter().find(|(label, _)| label == word) {
            return Some(id);
        }
        self.normal
            .get(plain_word(word).as_ref())
            .or_else(|| {
                self.entries
                    .iter()
                    .map(|(_, id)| id)
                    .find(|id| *id == word.trim())
            })
            .map(String::as_str)
    }

    fn labels(&self) -> Vec<&str> {
        self.entries.iter().map(|(l, _)| l.as_str()).collect()
    }
}

/// What a message shows of a cell: its first line, cut short (the renderer shows no more).
pub fn preview(cell: &Cell) -> String {
    match cell {
        Cell::Text(t) => {
            let first = t.split('\n').next().unwrap_or("");
            let end = first
                .char_indices()
                .nth(SHOWN_CHARS)
                .map_or(first.len(), |(i, _)| i);
            let mut out = first[..end].to_string();
            if out.len() < t.len() {
                out.push('…');
            }
            out
        }
        other => other.shown(),
    }
}

/// The most characters of a cell kept to show under a problem.
const SHOWN_CHARS: usize = 120;

/// What reading a workbook gathers as it goes.
pub struct Reader<'a> {
    pub path: &'a Path,
    pub names: Vec<String>,
    pub problems: Diagnostics,
    pub lists: HashMap<String, Rc<List>>,
    /// Where rows and lists were found, for the checks against the frameworks.
    pub layout: crate::diag::source::WorkbookLayout,
}

pub fn node(pos: Pos, value: Value) -> Node {
    Node { pos, value }
}

/// A group of fields, each at its value's place.
pub fn group(pos: Pos, fields: Vec<(&'static str, Node)>) -> Node {
    let entries = fields
        .into_iter()
        .map(|(name, v)| {
            (
                Key {
                    name: Cow::Borrowed(name),
                    pos: v.pos,
                },
                v,
            )
        })
        .collect();
    node(pos, Value::Map(entries))
}

impl Reader<'_> {
    /// The place of a cell (its row and the column of `key`, both 0-based).
    pub fn pos(&self, g: &Grid, row: u32, key: &str) -> Pos {
        let col = g.column(key).map_or(0, |c| c as usize + 1);
        Pos::cell(g.sheet, row as usize + 1, col)
    }

    pub fn error(&self, pos: Pos, message: impl Into<String>) -> Diagnostic {
        let mut d = Diagnostic::error(self.path, pos, message);
        d.sheet_name = self.sheet_name(pos.sheet);
        d
    }

    pub fn warning(&self, pos: Pos, message: impl Into<String>) -> Diagnostic {
        let mut d = Diagnostic::warning(self.path, pos, message);
        d.sheet_name = self.sheet_name(pos.sheet);
        d
    }

    /// Whether a row is restricted, failing closed: Yes, or anything uncertain (a word that is
    /// not Yes or No, or a Restricted column that is missing, doubled or under another heading)
    /// counts as restricted. `None` when the row is certainly not restricted.
    pub fn restricted(&mut self, g: &Grid, row: u32) -> Option<(bool, Pos)> {
        let pos = self.pos(g, row, "restricted");
        if !g.restricted_certain {
            return Some((true, pos));
        }
        let given = self.cell(g, row, "restricted").is_some();
        match self.yes_no(g, row, "restricted") {
            Some((true, pos)) => Some((true, pos)),
            Some((false, _)) => None,
            None if given => Some((true, pos)),
            None => None,
        }
    }

    pub fn sheet_name(&self, sheet: u32) -> Option<String> {
        self.names.get((sheet as usize).checked_sub(1)?).cloned()
    }

    /// The cell, if it holds anything.
    pub fn cell<'g>(&mut self, g: &'g Grid, row: u32, key: &str) -> Option<(&'g Cell, Pos)> {
        let cell = g.get(row, key)?;
        if matches!(cell, Cell::Text(t) if trimmed(t).is_empty()) {
            return None;
        }
        Some((cell, self.pos(g, row, key)))
    }

    /// A text, exactly as the cell holds it (a number or a date typed into it as it shows).
    pub fn text(&mut self, g: &Grid, row: u32, key: &str) -> Option<Node> {
        let (text, pos) = self.text_in(g, row, key)?;
        Some(node(pos, Value::Str(text.into_owned())))
    }

    /// The text a cell holds and its place: a text cell's own text, not copied; a number or
    /// a date as it shows.
    fn text_in<'g>(&mut self, g: &'g Grid, row: u32, key: &str) -> Option<(Cow<'g, str>, Pos)> {
        let (cell, pos) = self.cell(g, row, key)?;
        match cell {
            Cell::Text(t) => Some((Cow::Borrowed(t), pos)),
            Cell::Error(e) => {
                let d = self.formula_error(pos, e);
                self.problems.push(d);
                None
            }
            other => Some((Cow::Owned(other.shown()), pos)),
        }
    }

    /// A short text such as an id or a reference, without spaces around it.
    pub fn word(&mut self, g: &Grid, row: u32, key: &str) -> Option<Node> {
        let (word, pos) = self.word_in(g, row, key)?;
        Some(node(pos, Value::Str(word.into_owned())))
    }

    /// The word a cell holds, without spaces around it, and its place: a text cell's own
    /// text, not copied (most words are then looked up in a list, and only what they stand
    /// for is kept).
    fn word_in<'g>(&mut self, g: &'g Grid, row: u32, key: &str) -> Option<(Cow<'g, str>, Pos)> {
        let (text, pos) = self.text_in(g, row, key)?;
        let word = match text {
            Cow::Borrowed(t) => Cow::Borrowed(trimmed(t)),
            Cow::Owned(t) if trimmed(&t).len() == t.len() => Cow::Owned(t),
            Cow::Owned(t) => Cow::Owned(trimmed(&t).to_string()),
        };
        Some((word, pos))
    }

    /// An item's reference: picked from the drop-down list, which shows each reference with its
    /// item's text ("farmer-offer/visitor-centre: Visitor Centre/…"), or typed alone. What is
    /// neither is kept as typed, to be checked as a reference (with a suggestion).
    pub fn reference(&mut self, g: &Grid, row: u32, key: &str) -> Option<Node> {
        let (word, pos) = self.word_in(g, row, key)?;
        let listed = self
            .lists
            .get(super::layout::ITEM_REFERENCES)
            .and_then(|l| l.id_of(&word));
        // A reference with another text after it (the framework's words changed since the
        // workbook was made): the reference before the colon.
        let before_text = || {
            word.split_once(": ")
                .filter(|(r, _)| r.contains('/') && !r.contains(char::is_whitespace))
                .map(|(r, _)| r)
        };
        let id = listed.or_else(before_text).unwrap_or(&word).to_string();
        Some(node(pos, Value::Str(id)))
    }

    fn formula_error(&self, pos: Pos, e: &str) -> Diagnostic {
        self.error(pos, "this cell shows an error instead of a value")
            .found(format!("`{e}`"))
            .help("type the value itself into the cell, without `=`")
    }

    /// A list, one entry per line of the cell (empty lines left out).
    pub fn lines(&mut self, g: &Grid, row: u32, key: &str, separators: &[char]) -> Option<Node> {
        let (text, pos) = self.text_in(g, row, key)?;
        let line = |l: &str| {
            let l = l.trim();
            (!l.is_empty()).then(|| node(pos, Value::Str(l.to_string())))
        };
        // Split at line breaks alone with a vectorised search, a character at a time only
        // where there are other separators.
        let items = if separators.is_empty() {
            text.split('\n').filter_map(line).collect()
        } else {
            text.split(|c| c == '\n' || separators.contains(&c))
                .filter_map(line)
                .collect()
        };
        Some(node(pos, Value::List(items)))
    }

    /// A number: a number cell, or text such as `412`, `1,234` or `45%`.
    pub fn number(&mut self, g: &Grid, row: u32, key: &str) -> Option<Node> {
        let (cell, pos) = self.cell(g, row, key)?;
        let found = match cell {
            Cell::Number(n) => return Some(node(pos, Value::Float(*n))),
            Cell::Text(t) => match parse_number(t) {
                Some(n) => return Some(node(pos, Value::Float(n))),
                None => format!("`{}`", t.trim()),
            },
            Cell::Error(e) => {
                let d = self.formula_error(pos, e);
                self.problems.push(d);
                return None;
            }
            other => format!("`{}`", other.shown()),
        };
        let d = self
            .error(pos, "this should be a number")
            .expected("a number, such as 412, with no words")
            .found(found)
            .help("type the number alone; say anything more about it in the note");
        self.problems.push(d);
        None
    }

    /// A date, as YYYY-MM-DD: a date cell, or text typed day first, such as `31/03/2026`.
    pub fn date(&mut self, g: &Grid, row: u32, key: &str, what: &str) -> Option<Node> {
        let (cell, pos) = self.cell(g, row, key)?;
        let result = match cell {
            Cell::Date(d) => Ok(*d),
            Cell::Text(t) => uk_date(t),
            Cell::Number(n) => Err(DateProblem {
                message: format!("{what} is the number {}, not a date", number_text(*n)),
                help: "format the cell as a date (Format Cells, Date), or type the date as day, month and year, such as 31/03/2026".into(),
            }),
            Cell::Bool(_) | Cell::Error(_) => Err(DateProblem {
                message: format!("{what} is not a date"),
                help: "type the date as day, month and year, such as 31/03/2026".into(),
            }),
        };
        match result {
            // Written as `%Y-%m-%d` writes a year of four digits.
            Ok(d) if (2000..=2100).contains(&d.year()) => Some(node(pos, Value::Str(iso_date(d)))),
            Ok(d) => {
                let e = self
                    .error(pos, format!("{what} is in {}, which cannot be right", d.year()))
                    .expected("a date between 2000 and 2100")
                    .found(format!("`{}`", d.format("%d/%m/%Y")))
                    .help("check the year: a year typed with two digits can be read as the wrong century");
                self.problems.push(e);
                None
            }
            Err(p) => {
                let e = self
                    .error(pos, p.message.replace("{what}", what))
                    .expected("a date, such as 31/03/2026")
                    .found(format!("`{}`", cell.shown().trim()))
                    .help(p.help);
                self.problems.push(e);
                None
            }
        }
    }

    /// Yes or No (an empty cell is No).
    pub fn yes_no(&mut self, g: &Grid, row: u32, key: &str) -> Option<(bool, Pos)> {
        let (cell, pos) = self.cell(g, row, key)?;
        let shown;
        let word = match cell {
            Cell::Bool(b) => return Some((*b, pos)),
            Cell::Text(t) => trimmed(t),
            other => {
                shown = other.shown();
                &shown
            }
        };
        let is = |words: [&str; 3]| words.iter().any(|w| w.eq_ignore_ascii_case(word));
        match () {
            _ if is(["yes", "y", "true"]) => Some((true, pos)),
            _ if is(["no", "n", "false"]) => Some((false, pos)),
            _ => {
                let d = self
                    .error(pos, format!("`{}` is not Yes or No", cell.shown().trim()))
                    .expected("`Yes` or `No`")
                    .found(format!("`{}`", cell.shown().trim()))
                    .help("pick Yes or No from the drop-down list");
                self.problems.push(d);
                None
            }
        }
    }

    /// A word from the drop-down list `list`, as the id it stands for. `what` names the list in
    /// a message: "a level of the {scale}", with `{scale}` replaced by the list's scale, named
    /// as `scale_name` names it.
    pub fn choice(
        &mut self,
        g: &Grid,
        row: u32,
        key: &str,
        list: &str,
        what: &str,
    ) -> Option<Node> {
        let (word, pos) = self.word_in(g, row, key)?;
        let Some(l) = self.lists.get(list) else {
            let d = self
                .error(pos, format!("the list of {what} is missing from the workbook"))
                .help("the workbook's hidden Lists sheet has been changed: start again from a workbook made with `ties workbook`");
            self.problems.push(d);
            return None;
        };
        if let Some(id) = l.id_of(&word) {
            return Some(node(pos, Value::Str(id.to_string())));
        }
        let labels = l.labels();
        let what = what.replace("{scale}", &crate::diag::scale_name(&l.title));
        let d = self
            .error(pos, format!("`{word}` is not {what}"))
            .expected(format!("one of {}", one_of(&labels)))
            .found(format!("`{word}`"))
            .suggest(closest(&word, labels.iter().copied()))
            .help_if_none("pick one from the drop-down list");
        self.problems.push(d);
        None
    }
}

trait HelpIfNone {
    fn help_if_none(self, text: &str) -> Self;
}

impl HelpIfNone for Diagnostic {
    fn help_if_none(self, text: &str) -> Diagnostic {
        if self.help.is_none() {
            self.help(text)
        } else {
            self
        }
    }
}

/// Whether a cell's Yes or No is Yes, as the text both sides of a fingerprint use.
pub fn yes_no_text(yes: bool) -> &'static str {
    if yes { YES } else { NO }
}

fn parse_number(text: &str) -> Option<f64> {
    let t = text.trim();
    let (t, scale) = match t.strip_suffix('%') {
        Some(rest) => (rest.trim(), 0.01),
        None => (t, 1.0),
    };
    let grouped = t.contains(',')
        && t.split('.').next().is_some_and(|whole| {
            let mut groups = whole.trim_start_matches('-').split(',');
            groups.next().is_some_and(|g| (1..=3).contains(&g.len()))
                && groups.all(|g| g.len() == 3)
        });
    let t = if grouped {
        t.replace(',', "")
    } else {
        t.to_string()
    };
    let ok = !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
        && t.chars().any(|c| c.is_ascii_digit());
    ok.then(|| t.parse::<f64>().ok().map(|n| n * scale))
        .flatten()
}

pub struct DateProblem {
    pub message: String,
    pub help: String,
}

/// A date of the years 2000 to 2100 as a YAML self-assessment writes it, `2026-03-31`, digit by
/// digit: the formatting machinery took as long as the rest of reading the date.
fn iso_date(d: NaiveDate) -> String {
    debug_assert!((2000..=2100).contains(&d.year()));
    let (y, m, day) = (d.year().unsigned_abs(), d.month(), d.day());
    let mut out = String::with_capacity(10);
    for n in [
        y / 1000,
        y / 100 % 10,
        y / 10 % 10,
        y % 10,
        10,
        m / 10,
        m % 10,
        10,
        day / 10,
        day % 10,
    ] {
        out.push(char::from(b"0123456789-"[n as usize % 11]));
    }
    out
}

/// A date typed as text: day first (`31/03/2026`, `31-03-2026`, `31.03.2026`), or year first
/// (`2026-03-31`). A date that does not exist, or that could be read more than one way, is a
/// problem that says why. In messages, `{what}` stands for the name of the date.
pub fn uk_date(text: &str) -> Result<NaiveDate, DateProblem> {
    let t = text.trim();
    let not_a_date = || DateProblem {
        message: "{what} is not a date".into(),
        help: "type the date as day, month and year, such as 31/03/2026".into(),
    };
    let parts: Vec<&str> = t.split(['/', '-', '.']).map(str::trim).collect();
    if parts.len() != 3
        || !parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(not_a_date());
    }
    let num = |s: &str| s.parse::<u32>().ok();
    let (year, month, day) = if parts[0].len() == 4 {
        (parts[0], parts[1], parts[2])
    } else if parts[2].len() == 4 {
        (parts[2], parts[1], parts[0])
    } else if parts[2].len() == 2 {
        return Err(DateProblem {
            message: format!(
                "the year of {{what}} is written with two digits, `{}`",
                parts[2]
            ),
            help: format!(
                "write the year in full, such as {}/{}/20{}",
                parts[0], parts[1], parts[2]
            ),
        });
    } else {
        return Err(not_a_date());
    };
    let (Some(y), Some(m), Some(d)) = (num(year), num(month), num(day)) else {
        return Err(not_a_date());
    };
    let y = i32::try_from(y).map_err(|_| not_a_date())?;
    if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
        return Ok(date);
    }
    if !(1..=12).contains(&m) {
        // Typed month first, as in the United States?
        let swapped = NaiveDate::from_ymd_opt(y, d, m);
        return Err(DateProblem {
            message: format!("{{what}} `{t}` is not a real date: there is no month {m}"),
            help: match swapped {
                Some(s) => format!(
                    "dates are read day first; did you mean {}?",
                    s.format("%d/%m/%Y")
                ),
                None => "type the date as day, month and year, such as 31/03/2026".into(),
            },
        });
    }
    let first = NaiveDate::from_ymd_opt(y, m, 1).ok_or_else(not_a_date)?;
    let days = first
        .checked_add_months(chrono::Months::new(1))
        .map_or(31, |next| (next - first).num_days());
    Err(DateProblem {
        message: format!("{{what}} `{t}` is not a real date"),
        help: format!("{} {y} has {days} days", first.format("%B")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn dates_are_written_as_year_month_and_day() {
        let mut d = ymd(2000, 1, 1);
        while d <= ymd(2100, 12, 31) {
            assert_eq!(iso_date(d), d.format("%Y-%m-%d").to_string());
            d = d.succ_opt().unwrap();
        }
    }

    #[test]
    fn dates_are_read_day_first_and_bad_ones_say_why() {
        assert_eq!(uk_date("31/03/2026").ok(), Some(ymd(2026, 3, 31)));
        assert_eq!(uk_date(" 1/4/2026 ").ok(), Some(ymd(2026, 4, 1)));
        assert_eq!(uk_date("31.03.2026").ok(), Some(ymd(2026, 3, 31)));
        assert_eq!(uk_date("2026-03-31").ok(), Some(ymd(2026, 3, 31)));
        let e = uk_date("31/02/2026").err().unwrap();
        assert_eq!(e.message, "{what} `31/02/2026` is not a real date");
        assert_eq!(e.help, "February 2026 has 28 days");
        let e = uk_date("03/31/2026").err().unwrap();
        assert!(e.message.contains("there is no month 31"), "{}", e.message);
        assert_eq!(e.help, "dates are read day first; did you mean 31/03/2026?");
        let e = uk_date("31/03/26").err().unwrap();
        assert!(e.message.contains("two digits"), "{}", e.message);
        assert_eq!(e.help, "write the year in full, such as 31/03/2026");
        assert!(uk_date("March 2026").is_err());
        assert!(uk_date("31/03/2026/1").is_err());
        assert!(uk_date("99999999999/1/2026").is_err());
    }

    #[test]
    fn numbers_may_be_typed_as_text() {
        assert_eq!(parse_number("412"), Some(412.0));
        assert_eq!(parse_number(" 1,234 "), Some(1234.0));
        assert_eq!(parse_number("45%"), Some(0.45));
        assert_eq!(parse_number("0.45"), Some(0.45));
        assert_eq!(parse_number("12,5"), None);
        assert_eq!(parse_number("about 400"), None);
        assert_eq!(parse_number("1e9"), None);
        assert_eq!(parse_number("-"), None);
    }

    #[test]
    fn list_words_match_in_any_case_and_spacing() {
        let l = List::new(
            "Provision".into(),
            vec![
                ("Fully in place".into(), "fully-in-place".into()),
                ("Planned".into(), "planned".into()),
            ],
        );
        assert_eq!(l.id_of("fully  in PLACE "), Some("fully-in-place"));
        assert_eq!(l.id_of("planned"), Some("planned"));
        assert_eq!(l.id_of("fully-in-place"), Some("fully-in-place"));
        assert_eq!(l.id_of("Fully in plce"), None);
    }
}
