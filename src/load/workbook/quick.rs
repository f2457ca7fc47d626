//! The quick way to read a workbook: the parts of the archive `ties` needs, read straight from
//! their text, and a shared text made only for a cell that is kept.
//!
//! A self-assessment workbook, as `ties workbook` writes it and as Excel and LibreOffice save
//! it, uses a small part of the workbook format: sheets of cells holding numbers, shared texts,
//! inline texts, Yes or No and dates. This reader reads that part, and gives what the general
//! reader (calamine) gives for it, cell for cell. Anything else it meets (a comment or CDATA
//! section in a part, an error or ISO date cell, an escaped character of Excel's `_xHHHH_`
//! form, a number format it cannot tell is a date or not, a part it cannot find) makes it say
//! it is not sure ([`Unsure`]), and the workbook is read by the general reader from the start.
//!
//! Where the general reader refuses a workbook, this one is not sure, so a damaged workbook
//! gets the same message either way. In debug builds every workbook read here is read by the
//! general reader too, and the two must agree (`super::from_bytes`).

use std::cell::RefCell;
use std::io::Cursor;
use std::sync::Arc;

use calamine::{DataRef, ExcelDateTime, ExcelDateTimeType, SheetType};
// Hashed the quick way (see `super`).
use rustc_hash::FxHashMap as HashMap;
use zip::CompressionMethod;

use super::grid::{Cell, CellSource, GridError, Text};
use super::open::MAX_UNPACKED_BYTES;

/// The quick reader met something outside the part of the format it reads.
#[derive(Debug, PartialEq)]
pub struct Unsure;

type Quick<T> = Result<T, Unsure>;

/// What a number format makes of a number: a date, a length of time, or a number.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Meaning {
    Number,
    Date,
    Duration,
}

/// A workbook opened the quick way: its sheets, its table of shared texts (each found, none
/// yet made into a string) and the number formats of its cell styles.
pub struct Book {
    /// Each sheet's name, what kind of sheet it is, and its part's text.
    sheets: Vec<(String, SheetType, Option<String>)>,
    strings: Arc<Table>,
    /// Where each shared text is in `strings`.
    spans: Vec<Span>,
    formats: Vec<Meaning>,
    is_1904: bool,
}

thread_local! {
    /// Room that parts of workbooks read before on this thread were unpacked into, kept for the
    /// next workbook's parts: an estate's workbooks are read one after another, and room given
    /// back to the system between two of them would be asked for again, a page at a time.
    static SPARE: RefCell<Vec<Vec<u8>>> = const { RefCell::new(Vec::new()) };
}

/// How many pieces of room `SPARE` keeps: a workbook has a dozen parts or so.
const SPARE_MOST: usize = 16;

/// The largest piece `SPARE` keeps: a self-assessment's largest part (its shared texts) is some
/// 100 KB, so at most 16 MB are kept on a thread, and room for an unusually large part is given
/// back to the system.
const SPARE_LARGEST: usize = 1024 * 1024;

/// Room for at least `size` bytes: the smallest spare piece that holds them, still holding the
/// bytes of the part unpacked into it before (to be written over: filling it with zeros first
/// would take as much work as a small part's inflating), or new and empty.
fn room(size: usize) -> Vec<u8> {
    SPARE
        .with_borrow_mut(|spare| {
            let fit = (0..spare.len())
                .filter(|&i| spare[i].capacity() >= size)
                .min_by_key(|&i| spare[i].capacity())?;
            Some(spare.swap_remove(fit))
        })
        .unwrap_or_else(|| Vec::with_capacity(size))
}

/// Keeps `piece`'s room for another part, in place of the smallest piece kept when `SPARE` is
/// full and that one is smaller.
fn give_back(piece: Vec<u8>) {
    if piece.capacity() > SPARE_LARGEST {
        return;
    }
    SPARE.with_borrow_mut(|spare| {
        if spare.len() < SPARE_MOST {
            spare.push(piece);
        } else if let Some(smallest) = (0..spare.len()).min_by_key(|&i| spare[i].capacity())
            && spare[smallest].capacity() < piece.capacity()
        {
            spare[smallest] = piece;
        }
    });
}

/// The text of a workbook's shared texts, whose room is kept for the next workbook's parts
/// (`room`) once no cell holds a place in it.
#[derive(Default)]
pub struct Table(String);

impl From<String> for Table {
    fn from(text: String) -> Table {
        Table(text)
    }
}

impl std::ops::Deref for Table {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl Drop for Table {
    fn drop(&mut self) {
        give_back(std::mem::take(&mut self.0).into_bytes());
    }
}

impl Drop for Book {
    /// The room of the texts unpacked is kept for the next workbook's (`room`).
    fn drop(&mut self) {
        for (_, _, text) in &mut self.sheets {
            if let Some(text) = text.take() {
                give_back(text.into_bytes());
            }
        }
    }
}

/// What part `index` of the archive `bytes` unpacks to: its bytes as they are stored, or
/// inflated straight into room of the size the archive declares (`inflate`). A part of another
/// size, or whose checksum is not the one the archive gives, or packed another way, or locked,
/// is left to the general reader, which says what is wrong with it.
fn unpack(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, index: usize, bytes: &[u8]) -> Quick<Vec<u8>> {
    let file = zip.by_index_raw(index).map_err(|_| Unsure)?;
    let size = file.size();
    if file.encrypted() || size > MAX_UNPACKED_BYTES {
        return Err(Unsure);
    }
    let start = usize::try_from(file.data_start().ok_or(Unsure)?).map_err(|_| Unsure)?;
    let len = usize::try_from(file.compressed_size()).map_err(|_| Unsure)?;
    let packed = bytes
        .get(start..start.checked_add(len).ok_or(Unsure)?)
        .ok_or(Unsure)?;
    let (method, checksum) = (file.compression(), file.crc32());
    let size = usize::try_from(size).map_err(|_| Unsure)?;
    let out = match method {
        CompressionMethod::Stored => {
            let mut out = room(size);
            out.clear();
            out.extend_from_slice(packed);
            out
        }
        CompressionMethod::Deflated => {
            let mut out = room(size);
            if !inflate::inflate(packed, size, &mut out) {
                return Err(Unsure);
            }
            out
        }
        _ => return Err(Unsure),
    };
    if out.len() != size || crc32fast::hash(&out) != checksum {
        return Err(Unsure);
    }
    Ok(out)
}

/// Opens a workbook's bytes the quick way: the sheets' list, the shared texts and the styles,
/// and each worksheet's part unpacked.
pub fn open(bytes: &[u8]) -> Quick<Book> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| Unsure)?;
    // The general reader finds a part by its name in any case, with `\` read as `/`; the last
    // of two names that differ only so wins there, and so here.
    let mut names: HashMap<String, String> =
        HashMap::with_capacity_and_hasher(zip.len(), Default::default());
    for name in zip.file_names() {
        let name = name.map_err(|_| Unsure)?;
        names.insert(
            name.replace('\\', "/").to_ascii_lowercase(),
            name.to_string(),
        );
    }
    let mut part = |path: &str| -> Quick<Option<String>> {
        let name = names
            .get(&path.to_ascii_lowercase())
            .map_or(path, String::as_str);
        let Some(index) = zip.index_for_name(name) else {
            return Ok(None);
        };
        let out = unpack(&mut zip, index, bytes)?;
        let mut text = String::from_utf8(out).map_err(|_| Unsure)?;
        if text.starts_with('\u{feff}') {
            text.drain(..3);
        }
        Ok(Some(text))
    };

    let package = part("_rels/.rels")?.ok_or(Unsure)?;
    let target = relationships(&package)?
        .into_iter()
        .filter(|(_, kind, _)| kind.ends_with("/relationships/officeDocument"))
        .filter_map(|(_, _, target)| target)
        .next_back()
        .ok_or(Unsure)?;
    let target = unescape(target)?.into_owned();
    // Each small part's room, once read, is kept too, as the sheets' is (`Book`'s `drop`).
    give_back(package.into_bytes());
    let (dir, file) = target.rsplit_once('/').unwrap_or(("", &target));
    let xl = dir.strip_prefix('/').unwrap_or(dir);
    let xl = if xl.is_empty() {
        String::new()
    } else {
        format!("{xl}/")
    };
    let file = if file.is_empty() {
        "workbook.xml"
    } else {
        file
    };

    let (strings, spans) = match part(&format!("{xl}sharedStrings.xml"))? {
        Some(text) => {
            // A table that declares more texts than it could hold is the general reader's to
            // refuse, with its message.
            if super::open::too_many_texts(&text, text.len() as u64).is_some() {
                return Err(Unsure);
            }
            let spans = shared_spans(&text)?;
            // The cells' shared texts are kept as their places in the table (`Text`), so
            // the table is kept as long as a cell of it is, and its room given back then.
            (Arc::new(Table(text)), spans)
        }
        None => (Arc::default(), Vec::new()),
    };
    let formats = match part(&format!("{xl}styles.xml"))? {
        Some(text) => {
            let formats = styles(&text)?;
            give_back(text.into_bytes());
            formats
        }
        None => Vec::new(),
    };
    let rels_text = part(&format!("{xl}_rels/{file}.rels"))?.ok_or(Unsure)?;
    let rels = relationships(&rels_text)?;
    let workbook = part(&format!("{xl}{file}"))?.ok_or(Unsure)?;
    let (listed, is_1904) = sheets(&workbook)?;
    let mut sheets = Vec::with_capacity(listed.len());
    for (name, id) in listed {
        let (_, kind, target) = rels.iter().rev().find(|(i, _, _)| *i == id).ok_or(Unsure)?;
        let target = target.unwrap_or("");
        let path = match target.strip_prefix('/') {
            Some(absolute) => absolute.to_string(),
            None => format!("{xl}{target}"),
        };
        let typ = match kind.rsplit('/').next() {
            Some("worksheet") => SheetType::WorkSheet,
            Some("chartsheet") => SheetType::ChartSheet,
            Some("dialogsheet") => SheetType::DialogSheet,
            _ => return Err(Unsure),
        };
        if sheets.iter().any(|(n, _, _)| *n == name) {
            return Err(Unsure);
        }
        let text = match typ {
            SheetType::WorkSheet => Some(part(&path)?.ok_or(Unsure)?),
            _ => None,
        };
        sheets.push((name, typ, text));
    }
    give_back(rels_text.into_bytes());
    give_back(workbook.into_bytes());
    Ok(Book {
        sheets,
        strings,
        spans,
        formats,
        is_1904,
    })
}

impl Book {
    /// Each sheet's name, in the workbook's order.
    pub fn names(&self) -> Vec<String> {
        self.sheets.iter().map(|(n, _, _)| n.clone()).collect()
    }

    /// What kind of sheet each is, in the workbook's order.
    pub fn types(&self) -> Vec<SheetType> {
        self.sheets.iter().map(|(_, t, _)| *t).collect()
    }

    /// The cells of the worksheet at `index` (counted from 0), one by one.
    pub fn cells(&self, index: usize) -> Quick<Cells<'_>> {
        let text = self
            .sheets
            .get(index)
            .and_then(|(_, _, t)| t.as_deref())
            .ok_or(Unsure)?;
        let mut tags = Tags::new(text);
        loop {
            let (_, tag) = tags.next()?.ok_or(Unsure)?;
            let Tag::Start { name, attrs, .. } = tag else {
                continue;
            };
            match name {
                "sheetData" => break,
                "dimension" => {
                    let range = attr(attrs, "ref")?.ok_or(Unsure)?;
                    let corners: Vec<&str> = range.split(':').collect();
                    if corners.len() > 2 {
                        return Err(Unsure);
                    }
                    for c in corners {
                        place(c)?.1.ok_or(Unsure)?;
                    }
                }
                _ => {}
            }
        }
        Ok(Cells {
            book: self,
            tags,
            row: 0,
            col: 0,
            value: Raw::Empty,
        })
    }

    /// The shared text at `index`, as the general reader makes it: where it is written plain,
    /// its place in the table.
    fn shared(&self, index: usize) -> Quick<Text> {
        let span = *self.spans.get(index).ok_or(Unsure)?;
        match span.text {
            Some((start, end)) => Text::shared(&self.strings, start, end).ok_or(Unsure),
            None => Ok(rich_text(&self.strings[span.xml.0..span.xml.1])?.into()),
        }
    }
}

/// A cell's value as found, made into a [`Cell`] only when the cell is kept.
#[derive(Clone, Copy, Debug)]
enum Raw<'a> {
    Empty,
    Shared(usize),
    Number(f64, Meaning),
    Bool(bool),
    /// The text of a formula's result (`t="str"`), as written.
    Text(&'a str),
    /// An inline text's XML (`<is>`).
    Inline(&'a str),
}

/// A worksheet's cells, read one by one.
pub struct Cells<'a> {
    book: &'a Book,
    tags: Tags<'a>,
    row: u32,
    col: u32,
    value: Raw<'a>,
}

impl<'a> Cells<'a> {
    fn next(&mut self) -> Quick<Option<(u32, u32)>> {
        loop {
            // Most of a sheet's tags, read at once: a cell, the start and end of a row.
            let rest = &self.tags.xml.as_bytes()[self.tags.at..];
            if rest.starts_with(b"<c r=\"")
                && let Some(at) = self.common()
            {
                return Ok(Some(at));
            }
            if rest.starts_with(b"<c ") {
                return self.cell_tag().map(Some);
            }
            if rest.starts_with(b"</row>") {
                self.tags.at += 6;
                self.end_row()?;
                continue;
            }
            if rest.starts_with(b"<row ") {
                let ([r, _, _], empty, after) =
                    tag_attrs(self.tags.xml, self.tags.at + 5, [b'r', 0, 0])?;
                self.tags.at = after;
                self.start_row(r, empty)?;
                continue;
            }
            let (_, tag) = self.tags.next()?.ok_or(Unsure)?;
            match tag {
                Tag::Start {
                    name: "row",
                    attrs,
                    empty,
                } => {
                    self.start_row(attr(attrs, "r")?, empty)?;
                }
                Tag::End { name: "row" } => self.end_row()?,
                Tag::Start {
                    name: "c",
                    attrs,
                    empty,
                } => {
                    let [r, s, t] = cell_attrs(attrs)?;
                    return self.cell_at(r, s, t, empty).map(Some);
                }
                Tag::End { name: "sheetData" } => return Ok(None),
                _ => {}
            }
        }
    }

    /// Reads the cell whose tag starts at `self.tags.at` (`<c ...`), and gives its place.
    fn cell_tag(&mut self) -> Quick<(u32, u32)> {
        let xml = self.tags.xml;
        let at = self.tags.at + 2;
        let read = match common_cell(xml, at) {
            Some(read) => read,
            None => tag_attrs(xml, at + 1, [b'r', b's', b't'])?,
        };
        let ([r, s, t], empty, after) = read;
        self.tags.at = after;
        self.cell_at(r, s, t, empty)
    }

    /// A cell written as spreadsheet programs write most of a sheet's cells, read at once:
    /// `<c r="B12" s="7" t="s"><v>41</v></c>` or `<c r="B12" s="7"/>`, its place in capitals,
    /// a style and a type of `s` or `n` if any, and a value of a shared text's number or a
    /// number. Gives the cell's place, its value kept as `cell_tag` keeps it; gives none, having
    /// read nothing, for any other cell (`cell_tag` reads it, and says what it is unsure of).
    /// A test reads thousands of cells of every shape both ways.
    fn common(&mut self) -> Option<(u32, u32)> {
        let b = self.tags.xml.as_bytes();
        // After `<c r="`: the column's letters (one to three) and the row's digits (one to
        // seven, not 0), as `place` reads them.
        let mut i = self.tags.at + 6;
        let mut col = 0u32;
        while let Some(c @ b'A'..=b'Z') = b.get(i) {
            col = col * 26 + u32::from(c - b'A') + 1;
            i += 1;
        }
        let letters = i - (self.tags.at + 6);
        let mut row = 0u32;
        while let Some(c @ b'0'..=b'9') = b.get(i) {
            row = row * 10 + u32::from(c - b'0');
            i += 1;
        }
        let digits = i - (self.tags.at + 6) - letters;
        if !(1..=3).contains(&letters) || !(1..=7).contains(&digits) || row == 0 {
            return None;
        }
        if b.get(i) != Some(&b'"') {
            return None;
        }
        i += 1;
        let mut format = Meaning::Number;
        if b.get(i..i + 4) == Some(b" s=\"") {
            let start = i + 4;
            i = start;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if !(1..=9).contains(&(i - start)) || b.get(i) != Some(&b'"') {
                return None;
            }
            let style = b[start..i]
                .iter()
                .fold(0usize, |n, d| n * 10 + usize::from(d - b'0'));
            format = self
                .book
                .formats
                .get(style)
                .copied()
                .unwrap_or(Meaning::Number);
            i += 1;
        }
        let shared = match b.get(i..i + 6) {
            Some(b" t=\"s\"") => {
                i += 6;
                true
            }
            Some(b" t=\"n\"") => {
                i += 6;
                false
            }
            _ => false,
        };
        if b.get(i..i + 2) == Some(b"/>") {
            self.value = Raw::Empty;
            self.tags.at = i + 2;
        } else {
            if b.get(i..i + 4) != Some(b"><v>") {
                return None;
            }
            let start = i + 4;
            let end = next_lt(b, start)?;
            if b.get(end..end + 8) != Some(b"</v></c>") || end == start {
                return None;
            }
            // Between two ASCII characters, `<v>` and `<`: a slice of the text.
            let v = &self.tags.xml[start..end];
            self.value = if shared {
                if v.len() > 9 || !v.bytes().all(|d| d.is_ascii_digit()) {
                    return None;
                }
                let index = v
                    .bytes()
                    .fold(0usize, |n, d| n * 10 + usize::from(d - b'0'));
                if index >= self.book.spans.len() {
                    return None;
                }
                Raw::Shared(index)
            } else {
                Raw::Number(number(v).ok()?, format)
            };
            self.tags.at = end + 8;
        }
        self.col = col;
        Some((row - 1, col - 1))
    }

    fn start_row(&mut self, r: Option<&str>, empty: bool) -> Quick<()> {
        if let Some(r) = r {
            self.row = place(r)?.0;
        }
        if empty {
            self.end_row()?;
        }
        Ok(())
    }

    /// Reads the cell whose tag (with the attributes `r`, `s` and `t`) was just read, and gives
    /// its place.
    fn cell_at(
        &mut self,
        r: Option<&'a str>,
        s: Option<&'a str>,
        t: Option<&'a str>,
        empty: bool,
    ) -> Quick<(u32, u32)> {
        let at = match r {
            Some(r) => {
                let (row, col) = place(r)?;
                let col = col.ok_or(Unsure)?;
                self.col = col;
                (row, col)
            }
            None => (self.row, self.col),
        };
        self.value = Raw::Empty;
        if !empty && !self.plain_value(s, t)? {
            self.read_cell(s, t)?;
        }
        self.col = self.col.checked_add(1).ok_or(Unsure)?;
        Ok(at)
    }

    fn end_row(&mut self) -> Quick<()> {
        self.row = self.row.checked_add(1).ok_or(Unsure)?;
        self.col = 0;
        Ok(())
    }

    /// Reads a cell written as most are, `<v>...</v></c>`, at once; says whether it was.
    fn plain_value(&mut self, style: Option<&str>, typ: Option<&str>) -> Quick<bool> {
        let xml = self.tags.xml;
        let at = self.tags.at;
        let Some(rest) = xml.get(at..).and_then(|r| r.strip_prefix("<v>")) else {
            return Ok(false);
        };
        let Some(end) = next_lt(rest.as_bytes(), 0) else {
            return Ok(false);
        };
        if !rest[end..].starts_with("</v></c>") || matches!(typ, Some("inlineStr" | "is")) {
            return Ok(false);
        }
        self.value = self.value_of(&rest[..end], style, typ)?;
        self.tags.at = at + 3 + end + 8;
        Ok(true)
    }

    /// Reads a cell's children up to its end: its value, its inline text, its formula.
    fn read_cell(&mut self, style: Option<&str>, typ: Option<&str>) -> Quick<()> {
        loop {
            let (_, tag) = self.tags.next()?.ok_or(Unsure)?;
            let (name, empty) = match tag {
                Tag::End { name: "c" } => return Ok(()),
                Tag::End { .. } => continue,
                Tag::Start { name, empty, .. } => (name, empty),
            };
            let inner = if empty {
                ""
            } else {
                self.tags.until_end(name)?
            };
            self.value = match name {
                "is" => Raw::Inline(inner),
                "f" => Raw::Empty,
                "v" if matches!(typ, Some("inlineStr" | "is")) => Raw::Empty,
                "v" => self.value_of(inner, style, typ)?,
                _ => return Err(Unsure),
            };
        }
    }

    /// A `<v>`'s text as the cell's type and style make it.
    fn value_of(&self, v: &'a str, style: Option<&str>, typ: Option<&str>) -> Quick<Raw<'a>> {
        if typ == Some("str") {
            unescape(v)?;
            return Ok(Raw::Text(v));
        }
        // The other types are written without entities, and read as written.
        if memchr::memchr2(b'&', b'\r', v.as_bytes()).is_some() {
            return Err(Unsure);
        }
        Ok(match typ {
            None | Some("n") => {
                if v.is_empty() {
                    return Ok(Raw::Empty);
                }
                let format = match style {
                    None => Meaning::Number,
                    Some(s) => self
                        .book
                        .formats
                        .get(digits(s)?)
                        .copied()
                        .unwrap_or(Meaning::Number),
                };
                Raw::Number(number(v)?, format)
            }
            Some("s") if v.is_empty() => Raw::Empty,
            Some("s") => {
                let i = digits(v)?;
                if i >= self.book.spans.len() {
                    return Err(Unsure);
                }
                Raw::Shared(i)
            }
            Some("b") => match v.trim() {
                "" => Raw::Empty,
                "0" => Raw::Bool(false),
                "1" => Raw::Bool(true),
                t if t.eq_ignore_ascii_case("false") => Raw::Bool(false),
                t if t.eq_ignore_ascii_case("true") => Raw::Bool(true),
                _ => return Err(Unsure),
            },
            _ => return Err(Unsure),
        })
    }

    /// The value of the cell `next` last gave, as a [`Cell`].
    fn cell(&self) -> Quick<Option<Cell>> {
        // Texts are made straight into cells, as the general reader's texts are.
        let value = match self.value {
            Raw::Empty => return Ok(None),
            Raw::Shared(i) => return Ok(Some(Cell::Text(self.book.shared(i)?))),
            Raw::Text(t) => {
                return Ok(Some(Cell::Text(
                    excel_escapes(unescape(t)?.into_owned())?.into(),
                )));
            }
            Raw::Inline(xml) => return Ok(Some(Cell::Text(rich_text(xml)?.into()))),
            Raw::Number(n, Meaning::Number) => DataRef::Float(n),
            Raw::Number(n, Meaning::Date) => DataRef::DateTime(ExcelDateTime::new(
                n,
                ExcelDateTimeType::DateTime,
                self.book.is_1904,
            )),
            Raw::Number(n, Meaning::Duration) => DataRef::DateTime(ExcelDateTime::new(
                n,
                ExcelDateTimeType::TimeDelta,
                self.book.is_1904,
            )),
            Raw::Bool(b) => DataRef::Bool(b),
        };
        Ok(Cell::from(&value))
    }
}

impl CellSource for Cells<'_> {
    fn next_place(&mut self) -> Result<Option<(u32, u32)>, GridError> {
        self.next().map_err(|_| GridError::Unsure)
    }

    fn value(&mut self) -> Result<Option<Cell>, GridError> {
        self.cell().map_err(|_| GridError::Unsure)
    }
}

/// A tag of a part's XML, named by its local name (the general reader ignores prefixes).
#[derive(Debug, PartialEq)]
enum Tag<'a> {
    Start {
        name: &'a str,
        attrs: &'a str,
        empty: bool,
    },
    End {
        name: &'a str,
    },
}

/// A part's tags one by one, each with the text before it.
struct Tags<'a> {
    xml: &'a str,
    at: usize,
    /// Whether an element has started: a processing instruction is read only before one.
    started: bool,
}

impl<'a> Tags<'a> {
    fn new(xml: &'a str) -> Tags<'a> {
        Tags {
            xml,
            at: 0,
            started: false,
        }
    }

    fn next(&mut self) -> Quick<Option<(&'a str, Tag<'a>)>> {
        let bytes = self.xml.as_bytes();
        loop {
            let Some(lt) = next_lt(bytes, self.at) else {
                self.at = bytes.len();
                return Ok(None);
            };
            let text = &self.xml[self.at..lt];
            let mut i = lt + 1;
            match bytes.get(i) {
                Some(b'?') if !self.started => {
                    let end = memchr::memmem::find(&bytes[lt..], b"?>").ok_or(Unsure)?;
                    self.at = lt + end + 2;
                    continue;
                }
                Some(b'/') => {
                    i += 1;
                    let start = i;
                    while *bytes.get(i).ok_or(Unsure)? != b'>' {
                        i += 1;
                    }
                    let mut end = i;
                    while end > start && bytes[end - 1].is_ascii_whitespace() {
                        end -= 1;
                    }
                    let name = local(&self.xml[start..end])?;
                    self.at = i + 1;
                    return Ok(Some((text, Tag::End { name })));
                }
                Some(b) if b.is_ascii_alphabetic() || *b == b'_' || *b >= 0x80 => {}
                _ => return Err(Unsure),
            }
            self.started = true;
            let name_start = i;
            while CLASS[usize::from(*bytes.get(i).ok_or(Unsure)?)] & NAME_END == 0 {
                i += 1;
            }
            let name = local(&self.xml[name_start..i])?;
            // The tag ends at the first `>` outside a quoted value.
            let attrs_start = i;
            loop {
                let b = *bytes.get(i).ok_or(Unsure)?;
                match CLASS[usize::from(b)] & TAG_SPECIAL {
                    0 => i += 1,
                    _ if b == b'>' => break,
                    _ if b == b'<' => return Err(Unsure),
                    _ => {
                        // A quoted value, up to its closing quote.
                        i += 1;
                        while *bytes.get(i).ok_or(Unsure)? != b {
                            if bytes[i] == b'<' {
                                return Err(Unsure);
                            }
                            i += 1;
                        }
                        i += 1;
                    }
                }
            }
            let empty = i > attrs_start && bytes[i - 1] == b'/';
            let attrs = &self.xml[attrs_start..if empty { i - 1 } else { i }];
            self.at = i + 1;
            return Ok(Some((text, Tag::Start { name, attrs, empty })));
        }
    }

    /// The text up to the end of the element `name` just started, which must hold text alone.
    fn until_end(&mut self, name: &str) -> Quick<&'a str> {
        let start = self.at;
        let text_end = memchr::memchr(b'<', &self.xml.as_bytes()[start..]).ok_or(Unsure)? + start;
        match self.next()? {
            Some((_, Tag::End { name: end })) if end == name => Ok(&self.xml[start..text_end]),
            // An element in it (rich text of an inline text) is read by `rich_text`.
            Some((_, Tag::Start { .. })) if name == "is" => {
                let close = format!("</{name}>");
                let end = memchr::memmem::find(&self.xml.as_bytes()[start..], close.as_bytes())
                    .ok_or(Unsure)?
                    + start;
                self.at = end + close.len();
                Ok(&self.xml[start..end])
            }
            _ => Err(Unsure),
        }
    }
}

/// What a byte is to the tag reader: the end of a name (a space, `/`, `>` or `<`), and one of
/// the bytes that matter inside a tag (`<`, `>` and quotes).
static CLASS: [u8; 256] = {
    let mut class = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_whitespace() || c == b'/' || c == b'>' || c == b'<' {
            class[b] |= NAME_END;
        }
        if c == b'<' || c == b'>' || c == b'"' || c == b'\'' {
            class[b] |= TAG_SPECIAL;
        }
        b += 1;
    }
    class
};
const NAME_END: u8 = 1;
const TAG_SPECIAL: u8 = 2;

/// The place of the first `<` at or after `from`: most are a few bytes on, in a sheet.
fn next_lt(bytes: &[u8], from: usize) -> Option<usize> {
    let near = bytes.len().min(from + 16);
    match bytes[from..near].iter().position(|b| *b == b'<') {
        Some(i) => Some(from + i),
        None => memchr::memchr(b'<', &bytes[near..]).map(|i| near + i),
    }
}

/// A name without its prefix, as the general reader matches names.
fn local(name: &str) -> Quick<&str> {
    if name.is_empty() {
        return Err(Unsure);
    }
    Ok(match name.bytes().rposition(|b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    })
}

/// A tag's attributes, read as the general reader reads them: `key="value"` or `key='value'`,
/// the value as written.
struct Attrs<'a>(&'a str);

impl<'a> Iterator for Attrs<'a> {
    type Item = Quick<(&'a str, &'a str)>;

    fn next(&mut self) -> Option<Self::Item> {
        let s = self.0;
        let b = s.as_bytes();
        let space = |i: usize| b.get(i).is_some_and(u8::is_ascii_whitespace);
        let mut i = 0;
        while space(i) {
            i += 1;
        }
        self.0 = "";
        if i == b.len() {
            return None;
        }
        let Some(eq) = b[i..].iter().position(|c| *c == b'=').map(|e| i + e) else {
            return Some(Err(Unsure));
        };
        let mut key_end = eq;
        while key_end > i && space(key_end - 1) {
            key_end -= 1;
        }
        let key = &s[i..key_end];
        i = eq + 1;
        while space(i) {
            i += 1;
        }
        let quote = match b.get(i) {
            Some(q @ (b'"' | b'\'')) => *q,
            _ => return Some(Err(Unsure)),
        };
        let Some(len) = b[i + 1..].iter().position(|c| *c == quote) else {
            return Some(Err(Unsure));
        };
        let value = &s[i + 1..i + 1 + len];
        self.0 = &s[i + 2 + len..];
        Some(Ok((key, value)))
    }
}

/// The attributes named `keys` (each one letter; 0 for none) of the tag whose attributes start
/// at `from`, read up to the
/// tag's end in one pass: their values as written, whether the tag is empty (`/>`), and where
/// the tag ends. A key given twice, or a `<` in the tag, makes the reader unsure.
fn tag_attrs(xml: &str, from: usize, keys: [u8; 3]) -> Quick<([Option<&str>; 3], bool, usize)> {
    read_attrs(xml, from, keys, false)
}

/// `tag_attrs`, or, `alone`, the same over a tag's attributes alone, which end where the text
/// does.
fn read_attrs(
    xml: &str,
    from: usize,
    keys: [u8; 3],
    alone: bool,
) -> Quick<([Option<&str>; 3], bool, usize)> {
    let b = xml.as_bytes();
    let mut found = [None; 3];
    let mut i = from;
    loop {
        while b.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        match b.get(i) {
            Some(b'>') => return Ok((found, false, i + 1)),
            Some(b'/') if b.get(i + 1) == Some(&b'>') => return Ok((found, true, i + 2)),
            Some(_) => {}
            None if alone => return Ok((found, false, i)),
            None => return Err(Unsure),
        }
        let key = i;
        while let Some(c) = b.get(i) {
            if *c == b'=' || c.is_ascii_whitespace() {
                break;
            }
            if CLASS[usize::from(*c)] & TAG_SPECIAL != 0 || *c == b'/' {
                return Err(Unsure);
            }
            i += 1;
        }
        let key_end = i;
        while b.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if b.get(i) != Some(&b'=') || key == key_end {
            return Err(Unsure);
        }
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        let quote = match b.get(i) {
            Some(q @ (b'"' | b'\'')) => *q,
            _ => return Err(Unsure),
        };
        i += 1;
        let value = i;
        loop {
            match b.get(i) {
                Some(c) if *c == quote => break,
                Some(b'<') | None => return Err(Unsure),
                Some(_) => i += 1,
            }
        }
        let slot = match b[key] {
            _ if key_end != key + 1 => None,
            k if k == keys[0] => Some(0),
            k if k == keys[1] => Some(1),
            k if k == keys[2] => Some(2),
            _ => None,
        };
        if let Some(slot) = slot {
            if found[slot].is_some() {
                return Err(Unsure);
            }
            found[slot] = Some(&xml[value..i]);
        }
        i += 1;
    }
}

/// A cell's tag as spreadsheet programs write most, from the space after `<c`: ` r="B12"`,
/// then perhaps ` s="7"`, then perhaps ` t="s"`, then `>` or `/>`. Any other tag is read by
/// `tag_attrs`.
fn common_cell(xml: &str, at: usize) -> Option<([Option<&str>; 3], bool, usize)> {
    let b = xml.as_bytes();
    let mut found = [None; 3];
    let mut i = at;
    for (slot, key) in [b'r', b's', b't'].into_iter().enumerate() {
        if b.get(i..i + 4)? != [b' ', key, b'=', b'"'] {
            continue;
        }
        let start = i + 4;
        let mut end = start;
        while matches!(b.get(end)?, b'0'..=b'9' | b'A'..=b'Z' | b'a'..=b'z') {
            end += 1;
        }
        if b[end] != b'"' {
            return None;
        }
        found[slot] = Some(&xml[start..end]);
        i = end + 1;
    }
    match b.get(i..i + 2)? {
        [b'>', _] => Some((found, false, i + 1)),
        b"/>" => Some((found, true, i + 2)),
        _ => None,
    }
}

/// A cell's attributes `r`, `s` and `t` (its place, style and type), from the attributes the tag
/// reader found.
fn cell_attrs(attrs: &str) -> Quick<[Option<&str>; 3]> {
    read_attrs(attrs, 0, [b'r', b's', b't'], true).map(|(found, _, _)| found)
}

/// The value of the attribute `key`, as written. An attribute that cannot be read, or one
/// given twice, makes the reader unsure.
fn attr<'a>(attrs: &'a str, key: &str) -> Quick<Option<&'a str>> {
    let mut found = None;
    for pair in Attrs(attrs) {
        let (k, v) = pair?;
        if k == key {
            if found.is_some() {
                return Err(Unsure);
            }
            found = Some(v);
        }
    }
    Ok(found)
}

/// The attribute whose name ends in `:local` or is `local` (as the `r:id` of a sheet).
fn attr_local<'a>(attrs: &'a str, local: &str) -> Quick<Option<&'a str>> {
    let mut found = None;
    for pair in Attrs(attrs) {
        let (k, v) = pair?;
        if k == local || k.strip_suffix(local).is_some_and(|p| p.ends_with(':')) {
            found = Some(v);
        }
    }
    Ok(found)
}

/// Text with the XML entities it may hold made into their characters: the five named ones
/// and numbered characters. Any other entity, or a carriage return (which XML reading turns
/// into a line feed), makes the reader unsure.
fn unescape(text: &str) -> Quick<std::borrow::Cow<'_, str>> {
    let Some(first) = memchr::memchr2(b'&', b'\r', text.as_bytes()) else {
        return Ok(std::borrow::Cow::Borrowed(text));
    };
    if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        return Err(Unsure);
    }
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    let mut rest = &text[first..];
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let semi = after.find(';').ok_or(Unsure)?;
        let name = &after[..semi];
        let c = match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let number = name.strip_prefix('#').ok_or(Unsure)?;
                let code = match number.strip_prefix('x') {
                    Some(hex) if !hex.is_empty() && hex.len() <= 6 => {
                        u32::from_str_radix(hex, 16).map_err(|_| Unsure)?
                    }
                    None if !number.is_empty() && number.len() <= 7 => {
                        if !number.bytes().all(|b| b.is_ascii_digit()) {
                            return Err(Unsure);
                        }
                        number.parse::<u32>().map_err(|_| Unsure)?
                    }
                    _ => return Err(Unsure),
                };
                match char::from_u32(code) {
                    Some(c) if code != 0 => c,
                    _ => return Err(Unsure),
                }
            }
        };
        out.push(c);
        rest = &after[semi + 1..];
    }
    out.push_str(rest);
    Ok(std::borrow::Cow::Owned(out))
}

/// Excel writes some characters as `_xHHHH_`; the general reader turns them back. Text that
/// holds such a form is left to it.
fn excel_escapes(text: String) -> Quick<String> {
    if has_excel_escape(&text) {
        return Err(Unsure);
    }
    Ok(text)
}

fn has_excel_escape(text: &str) -> bool {
    memchr::memchr_iter(b'_', text.as_bytes()).any(|i| text.as_bytes().get(i + 1) == Some(&b'x'))
}

/// Text without the spaces, tabs and line ends at its ends.
fn trim_xml_space(text: &str) -> &str {
    let space = |b: &u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
    let b = text.as_bytes();
    let start = b.iter().position(|c| !space(c)).unwrap_or(b.len());
    let end = b.iter().rposition(|c| !space(c)).map_or(start, |i| i + 1);
    &text[start..end]
}

/// A cell's place written as `B12` (or a row alone, `12`): its 0-based row and column.
fn place(r: &str) -> Quick<(u32, Option<u32>)> {
    let b = r.as_bytes();
    let letters = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    let numbers = &b[letters..];
    if letters > 3 || numbers.is_empty() || numbers.len() > 7 {
        return Err(Unsure);
    }
    let mut col = 0u32;
    for c in &b[..letters] {
        col = col * 26 + u32::from(c.to_ascii_uppercase() - b'A') + 1;
    }
    let mut row = 0u32;
    for c in numbers {
        if !c.is_ascii_digit() {
            return Err(Unsure);
        }
        row = row * 10 + u32::from(c - b'0');
    }
    Ok((row.checked_sub(1).ok_or(Unsure)?, col.checked_sub(1)))
}

/// A count written in digits alone.
fn digits(s: &str) -> Quick<usize> {
    if s.is_empty() || s.len() > 9 {
        return Err(Unsure);
    }
    let mut n = 0usize;
    for c in s.bytes() {
        if !c.is_ascii_digit() {
            return Err(Unsure);
        }
        n = n * 10 + usize::from(c - b'0');
    }
    Ok(n)
}

/// A number written as a spreadsheet writes one: `-12`, `0.45`, `1.5E-3`. Anything else (a
/// space, `inf`, a `+`) makes the reader unsure.
fn number(v: &str) -> Quick<f64> {
    let b = v.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    let int = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    i += int;
    let mut frac = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        frac = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        i += frac;
    }
    if int + frac == 0 {
        return Err(Unsure);
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let exp = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if exp == 0 {
            return Err(Unsure);
        }
        i += exp;
    }
    if i != b.len() {
        return Err(Unsure);
    }
    v.parse().map_err(|_| Unsure)
}

/// A text's XML (a shared text's `<si>` or an inline `<is>`) made into its text: every `<t>`
/// but those of a phonetic reading, each trimmed of spaces and line ends unless it keeps them.
fn rich_text(xml: &str) -> Quick<String> {
    // Most texts are one `<t>` alone.
    let plain = xml.strip_prefix("<t>").map(|t| (t, false)).or_else(|| {
        xml.strip_prefix("<t xml:space=\"preserve\">")
            .map(|t| (t, true))
    });
    if let Some((rest, keep)) = plain
        && let Some(raw) = rest.strip_suffix("</t>")
        && memchr::memchr(b'<', raw.as_bytes()).is_none()
    {
        return t_text(raw, keep).map(std::borrow::Cow::into_owned);
    }
    let mut tags = Tags::new(xml);
    tags.started = true;
    let mut out = String::new();
    let mut phonetic = false;
    while let Some((_, tag)) = tags.next()? {
        match tag {
            Tag::Start {
                name: "rPh", empty, ..
            } => phonetic = !empty,
            Tag::End { name: "rPh" } => phonetic = false,
            Tag::Start {
                name: "t",
                attrs,
                empty,
            } if !phonetic => {
                if empty {
                    continue;
                }
                let keep = attr(attrs, "xml:space")? == Some("preserve");
                let raw = tags.until_end("t")?;
                out.push_str(&t_text(raw, keep)?);
            }
            Tag::Start {
                name: "t",
                empty: false,
                ..
            } => {
                tags.until_end("t")?;
            }
            _ => {}
        }
    }
    Ok(out)
}

/// One `<t>`'s text: its entities made into characters, trimmed unless it keeps its spaces.
fn t_text(raw: &str, keep: bool) -> Quick<std::borrow::Cow<'_, str>> {
    let text = unescape(raw)?;
    let text = match text {
        std::borrow::Cow::Borrowed(t) if !keep => std::borrow::Cow::Borrowed(trim_xml_space(t)),
        std::borrow::Cow::Owned(t) if !keep => {
            std::borrow::Cow::Owned(trim_xml_space(&t).to_string())
        }
        kept => kept,
    };
    if has_excel_escape(&text) {
        return Err(Unsure);
    }
    Ok(text)
}

/// Where each shared text's XML is in the table of shared texts, and, for one written as a
/// single `<t>` with nothing in it to change, where its text is. The texts themselves are
/// checked (their entities) but not made, until a cell that is kept needs one.
fn shared_spans(xml: &str) -> Quick<Vec<Span>> {
    let mut tags = Tags::new(xml);
    loop {
        match tags.next()?.ok_or(Unsure)?.1 {
            Tag::Start { name: "sst", .. } => break,
            _ => continue,
        }
    }
    check_entities(xml)?;
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    let bytes = xml.as_bytes();
    // Where the table holds what `rich_text` changes or refuses in a text (an entity, a
    // carriage return, Excel's `_x`), found once for every text, in order.
    let mut changed: Vec<usize> = memchr::memchr2_iter(b'&', b'\r', bytes)
        .chain(memchr::memchr_iter(b'_', bytes).filter(|&i| bytes.get(i + 1) == Some(&b'x')))
        .collect();
    changed.sort_unstable();
    loop {
        // Most texts are one `<t>` alone, read at once.
        if open.is_none()
            && let Some((end, text, keep)) = plain_shared(bytes, tags.at)
        {
            // The text as `rich_text` makes it, where that is the text as written, trimmed
            // unless it keeps its spaces: with no entity, and no carriage return or `_x`
            // (which `rich_text` refuses).
            let raw = &xml[text..end - 4];
            let first_changed = changed.partition_point(|&i| i < text);
            let ready = changed.get(first_changed).is_none_or(|&i| i >= end - 4);
            let text = ready.then(|| {
                if keep {
                    (text, end - 4)
                } else {
                    // `trimmed` is a part of `raw`: where it starts within `raw`.
                    let trimmed = trim_xml_space(raw);
                    let start = text + (trimmed.as_ptr() as usize - raw.as_ptr() as usize);
                    (start, start + trimmed.len())
                }
            });
            spans.push(Span {
                xml: (tags.at + 4, end),
                text,
            });
            tags.at = end + 5;
            continue;
        }
        let before = tags.at;
        let Some((_, tag)) = tags.next()? else {
            return Err(Unsure);
        };
        match tag {
            Tag::Start {
                name: "si",
                empty: true,
                ..
            } => spans.push(Span {
                xml: (tags.at, tags.at),
                text: None,
            }),
            Tag::Start { name: "si", .. } => {
                if open.is_some() {
                    return Err(Unsure);
                }
                open = Some(tags.at);
            }
            Tag::End { name: "si" } => {
                let start = open.take().ok_or(Unsure)?;
                let end = before + memchr::memchr(b'<', &xml.as_bytes()[before..]).ok_or(Unsure)?;
                spans.push(Span {
                    xml: (start, end),
                    text: None,
                });
            }
            Tag::End { name: "sst" } if open.is_none() => return Ok(spans),
            _ => {}
        }
    }
}

/// Where a shared text is written `<si><t>...</t></si>` (or with a `<t>` that keeps its spaces)
/// starting at `at`: where its `</si>` is, where its text starts, and whether it keeps its
/// spaces; none for any other.
fn plain_shared(bytes: &[u8], at: usize) -> Option<(usize, usize, bool)> {
    let rest = bytes.get(at..)?.strip_prefix(b"<si>")?;
    let (text, keep) = match rest.strip_prefix(b"<t>") {
        Some(text) => (text, false),
        None => (rest.strip_prefix(b"<t xml:space=\"preserve\">")?, true),
    };
    let lt = memchr::memchr(b'<', text)?;
    let start = bytes.len() - text.len();
    text[lt..]
        .starts_with(b"</t></si>")
        .then_some((start + lt + 4, start, keep))
}

/// Where a shared text is in the table of shared texts: its XML (`<si>`'s contents); and its
/// text as `rich_text` makes it, where that is a part of the XML as written.
#[derive(Clone, Copy, Debug)]
struct Span {
    xml: (usize, usize),
    text: Option<(usize, usize)>,
}

/// A relationships part's relationships: each id, type and target, as written.
fn relationships(xml: &str) -> Quick<Vec<(&str, &str, Option<&str>)>> {
    let mut tags = Tags::new(xml);
    let mut out = Vec::new();
    let mut inside = false;
    while let Some((_, tag)) = tags.next()? {
        match tag {
            Tag::Start {
                name: "Relationships",
                ..
            } => inside = true,
            Tag::Start {
                name: "Relationship",
                attrs,
                ..
            } if inside => {
                let (mut id, mut kind, mut target) = (None, "", None);
                for pair in Attrs(attrs) {
                    match pair? {
                        ("Id", v) => id = Some(v),
                        ("Type", v) => kind = v,
                        ("Target", v) => target = Some(v),
                        _ => {}
                    }
                }
                if let Some(id) = id {
                    out.push((id, kind, target));
                }
            }
            Tag::End {
                name: "Relationships",
            } if inside => return Ok(out),
            _ => {}
        }
    }
    Err(Unsure)
}

/// The workbook part's sheets (each name and relationship id, in order) and whether its
/// dates count from 1904.
fn sheets(xml: &str) -> Quick<(Vec<(String, &str)>, bool)> {
    check_entities(xml)?;
    let mut tags = Tags::new(xml);
    let mut out = Vec::new();
    let mut is_1904 = false;
    while let Some((_, tag)) = tags.next()? {
        match tag {
            Tag::Start {
                name: "sheet",
                attrs,
                ..
            } => {
                let mut name = String::new();
                for pair in Attrs(attrs) {
                    match pair? {
                        ("name", v) => name = unescape(v)?.into_owned(),
                        ("state", "visible" | "hidden" | "veryHidden") => {}
                        ("state", _) => return Err(Unsure),
                        _ => {}
                    }
                }
                out.push((name, attr_local(attrs, "id")?.unwrap_or("")));
            }
            Tag::Start {
                name: "workbookPr",
                attrs,
                ..
            } => {
                if let Some(v) = attr(attrs, "date1904")? {
                    is_1904 = v == "1" || v == "true";
                }
            }
            Tag::End { name: "workbook" } => return Ok((out, is_1904)),
            _ => {}
        }
    }
    Err(Unsure)
}

/// Every entity in a part is one the quick reader reads.
fn check_entities(xml: &str) -> Quick<()> {
    let mut rest = xml;
    while let Some(i) = rest.find('&') {
        let end = rest[i..].find(';').ok_or(Unsure)? + i + 1;
        unescape(&rest[i..end])?;
        rest = &rest[end..];
    }
    Ok(())
}

/// The styles part's cell styles, each as what its number format makes of a number.
fn styles(xml: &str) -> Quick<Vec<Meaning>> {
    check_entities(xml)?;
    let mut tags = Tags::new(xml);
    let mut custom: HashMap<&str, String> = HashMap::default();
    let mut formats = Vec::new();
    let (mut in_formats, mut in_styles) = (false, false);
    while let Some((_, tag)) = tags.next()? {
        match tag {
            Tag::Start {
                name: "numFmts",
                empty,
                ..
            } => in_formats = !empty,
            Tag::End { name: "numFmts" } => in_formats = false,
            Tag::Start {
                name: "cellXfs",
                empty,
                ..
            } => in_styles = !empty,
            Tag::End { name: "cellXfs" } => in_styles = false,
            Tag::Start {
                name: "numFmt",
                attrs,
                ..
            } if in_formats => {
                if let (Some(id), Some(code)) =
                    (attr(attrs, "numFmtId")?, attr(attrs, "formatCode")?)
                {
                    custom.insert(id, unescape(code)?.into_owned());
                }
            }
            Tag::Start {
                name: "xf", attrs, ..
            } if in_styles => {
                formats.push(match attr(attrs, "numFmtId")? {
                    None => Meaning::Number,
                    Some(id) => match custom.get(id) {
                        Some(code) => custom_format(code)?,
                        None => built_in_format(id),
                    },
                });
            }
            Tag::End { name: "styleSheet" } => return Ok(formats),
            _ => {}
        }
    }
    Err(Unsure)
}

/// What a built-in number format (by its id, ECMA-376 part 1, 18.8.30) makes of a number:
/// 14 to 22, 27 to 36, 45, 47 and 50 to 58 are dates and times, 46 is a length of time.
fn built_in_format(id: &str) -> Meaning {
    match id.parse::<u32>() {
        // Only the id as written in the standard's digits: `014` is not 14 to the general
        // reader.
        Ok(n) if n.to_string() == id => match n {
            14..=22 | 27..=36 | 45 | 47 | 50..=58 => Meaning::Date,
            46 => Meaning::Duration,
            _ => Meaning::Number,
        },
        _ => Meaning::Number,
    }
}

/// What a number format a workbook defines makes of a number, where that is certain: one
/// with no letter that could stand for a part of a date or time (and no `[`), such as `0.00`
/// or `General`, is a number; one that starts with a day, month, year, hour or second, such
/// as `dd/mm/yyyy`, is a date. Any other leaves the reader unsure.
fn custom_format(code: &str) -> Quick<Meaning> {
    if code == "General" || code == "@" {
        return Ok(Meaning::Number);
    }
    if code.starts_with(['d', 'm', 'h', 'y', 's', 'D', 'M', 'H', 'Y', 'S']) {
        return Ok(Meaning::Date);
    }
    let datelike = |c: char| "dmhysapDMHYSAP[".contains(c);
    if !code.contains(datelike) {
        return Ok(Meaning::Number);
    }
    Err(Unsure)
}

mod inflate;
#[cfg(test)]
mod tests;
