//! Telling a workbook `ties` can read from every other file given the same name, and opening
//! it without trusting its sizes: a workbook is a zip archive, so the space it unpacks to is
//! bounded before anything is unpacked.

use std::io::{Cursor, Read};
use std::path::Path;

use calamine::{Reader, Xlsx, XlsxError};

use crate::diag::Diagnostic;
use crate::diag::source::Pos;

/// The most a workbook may unpack to. A self-assessment's workbook unpacks to about 1 MB.
pub const MAX_UNPACKED_BYTES: u64 = 128 * 1024 * 1024;

/// The most files a workbook's archive may hold. A self-assessment's holds about 20.
pub const MAX_ENTRIES: usize = 1_000;

/// The start of a zip archive, and of the compound files of older Office programs (an `.xls`
/// workbook, or any workbook encrypted with a password to open it).
const ZIP: &[u8] = b"PK\x03\x04";
const COMPOUND: &[u8] = &[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

pub type Workbook = Xlsx<Cursor<Vec<u8>>>;

/// Whether the bytes of `path` are a workbook's archive that can be unpacked safely, or what
/// the file is instead and what to do.
pub fn check(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    if bytes.starts_with(COMPOUND) {
        return Err(compound(path, bytes));
    }
    if !bytes.starts_with(ZIP) {
        return Err(not_a_zip(path, bytes));
    }
    check_archive(path, bytes)
}

/// Opens the bytes of `path` (`check`ed) with the general reader, once its table of shared
/// texts declares a number of texts it could hold (the general reader sets room aside for them).
pub fn open(path: &Path, bytes: Vec<u8>) -> Result<Workbook, Diagnostic> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(&bytes[..])).map_err(|e| damaged(path, &e.to_string()))?;
    shared_texts_as_declared(path, &mut zip)?;
    Xlsx::new(Cursor::new(bytes)).map_err(|e| match e {
        XlsxError::Password => password(path),
        other => damaged(path, &other.to_string()),
    })
}

/// A compound file: a workbook locked with a password to open, or an `.xls` workbook.
fn compound(path: &Path, bytes: &[u8]) -> Diagnostic {
    let encrypted: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    if bytes
        .windows(encrypted.len())
        .any(|w| w == encrypted.as_slice())
    {
        return password(path);
    }
    Diagnostic::error(
        path,
        Pos::FILE,
        "this is an older Excel workbook (.xls, Excel 97-2003), which ties cannot read",
    )
    .help("open it in Excel or LibreOffice and save it as an Excel Workbook (.xlsx), then give ties the .xlsx file")
}

fn password(path: &Path) -> Diagnostic {
    Diagnostic::error(
        path,
        Pos::FILE,
        "the workbook is locked with a password to open it, so ties cannot read it",
    )
    .help("open it, remove the password (in Excel: File, Info, Protect Workbook, Encrypt with Password, and clear it; in LibreOffice: File, Properties, Security), save it, and try again. Sheets protected without a password are fine")
}

fn damaged(path: &Path, why: &str) -> Diagnostic {
    Diagnostic::error(path, Pos::FILE, "the workbook is damaged, and ties cannot read it")
        .found(why.to_string())
        .help("open it in Excel or LibreOffice: if it opens, save it again as an Excel Workbook (.xlsx); if it does not, go back to the last copy that was sent")
}

/// A file that is not a zip archive: text (a CSV file, a web page) or something else.
fn not_a_zip(path: &Path, bytes: &[u8]) -> Diagnostic {
    let head = &bytes[..bytes.len().min(4096)];
    let text = std::str::from_utf8(head)
        .ok()
        .or_else(|| std::str::from_utf8(&head[..head.len().saturating_sub(3)]).ok());
    let message = match text.map(str::trim_start) {
        _ if bytes.is_empty() => "the file is empty, so it is not a workbook",
        Some(t) if t.starts_with('<') => {
            "this file is a web page or XML text saved with a workbook's name, not a workbook"
        }
        Some(t) if t.contains([',', ';', '\t']) || t.contains('\n') => {
            "this file is text (perhaps a CSV file renamed to .xlsx), not a workbook"
        }
        Some(_) => "this file is text, not a workbook",
        None => "this file is not a workbook, or it is badly damaged",
    };
    Diagnostic::error(path, Pos::FILE, message).help(
        "ties reads the workbooks `ties workbook` makes: start from one of those, or open this file in a spreadsheet program and save it as an Excel Workbook (.xlsx)",
    )
}

/// Looks at the archive's list of files before unpacking anything: how many there are, how
/// much they unpack to (the zip library stops any file at the size it declares), and what
/// kind of document they make.
fn check_archive(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(path, &e.to_string()))?;
    if zip.len() > MAX_ENTRIES {
        return Err(too_big(path).found(format!("{} files inside it", zip.len())));
    }
    let mut unpacked: u64 = 0;
    for i in 0..zip.len() {
        let file = zip
            .by_index_raw(i)
            .map_err(|e| damaged(path, &e.to_string()))?;
        unpacked = unpacked.saturating_add(file.size());
    }
    if unpacked > MAX_UNPACKED_BYTES {
        return Err(too_big(path).found(format!(
            "{:.0} MB when unpacked",
            unpacked as f64 / (1024.0 * 1024.0)
        )));
    }
    if let Ok(mut mime) = zip.by_name("mimetype") {
        let mut kind = String::new();
        let _ = mime.by_ref().take(200).read_to_string(&mut kind);
        if kind.contains("opendocument") {
            return Err(Diagnostic::error(
                path,
                Pos::FILE,
                "this is an OpenDocument spreadsheet (.ods), not an Excel workbook",
            )
            .help("open it in LibreOffice and use File, Save As, choosing Excel 2007-365 (.xlsx); then give ties the .xlsx file"));
        }
    }
    if zip.index_for_name("xl/workbook.bin").is_some() {
        return Err(Diagnostic::error(
            path,
            Pos::FILE,
            "this is an Excel binary workbook (.xlsb), which ties cannot read",
        )
        .help("open it in Excel and save it as an Excel Workbook (.xlsx)"));
    }
    if zip.index_for_name("xl/workbook.xml").is_none() {
        return Err(Diagnostic::error(
            path,
            Pos::FILE,
            "this file is a zip archive, but not an Excel workbook",
        )
        .help("ties reads the workbooks `ties workbook` makes, saved as Excel Workbook (.xlsx)"));
    }
    Ok(())
}

/// The most texts a workbook's table of shared texts may declare: a self-assessment holds a few
/// thousand. The reader sets room aside for as many as the table says it holds, so the number is
/// checked first, against this and against the table's own size.
pub const MAX_SHARED_TEXTS: u64 = 1_000_000;

/// Refuses a table of shared texts that declares more texts than it could hold (each takes at
/// least `<si></si>`, 9 bytes) or than any self-assessment has.
fn shared_texts_as_declared(
    path: &Path,
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
) -> Result<(), Diagnostic> {
    let Some(i) = (0..zip.len()).find(|i| {
        zip.name_for_index(*i)
            .and_then(Result::ok)
            .is_some_and(|n| n.to_ascii_lowercase().ends_with("sharedstrings.xml"))
    }) else {
        return Ok(());
    };
    let Ok(file) = zip.by_index(i) else {
        return Ok(());
    };
    let size = file.size();
    let mut head = Vec::new();
    let _ = file.take(4096).read_to_end(&mut head);
    match too_many_texts(&String::from_utf8_lossy(&head), size) {
        Some(why) => Err(damaged(path, &why)),
        None => Ok(()),
    }
}

/// Why a table of shared texts (the start of its part, `head`, and its unpacked `size`) cannot
/// be read: it declares more texts than it could hold (each takes at least `<si></si>`, 9
/// bytes) or than any self-assessment has. None when it declares no number, or a sensible one.
pub fn too_many_texts(head: &str, size: u64) -> Option<String> {
    let head = head.get(..4096).unwrap_or(head);
    let declared = head.split("uniqueCount=").nth(1).and_then(|rest| {
        let digits: String = rest
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        Some(digits.parse::<u64>().unwrap_or(u64::MAX)).filter(|_| !digits.is_empty())
    })?;
    (declared > MAX_SHARED_TEXTS || declared > size / 9 + 1).then(|| {
        format!(
            "its table of texts says it holds {declared} texts, more than its {size} bytes could hold or a self-assessment has (at most {MAX_SHARED_TEXTS})"
        )
    })
}

/// Whether `bytes` (the file `path` names) are a self-assessment workbook `ties` wrote: they hold
/// the marker of a Start here sheet. Each part is read a piece at a time, so a large workbook
/// (an estate's) is looked through without being unpacked whole.
pub fn is_ties_workbook_bytes(path: &Path, bytes: Vec<u8>) -> bool {
    if !bytes.starts_with(ZIP) || check_archive(path, &bytes).is_err() {
        return false;
    }
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(&bytes)) else {
        return false;
    };
    let marker = super::layout::SheetKind::Start.marker().as_bytes();
    (0..zip.len()).any(|i| {
        let Ok(f) = zip.by_index(i) else {
            return false;
        };
        if !f.name().is_ok_and(|n| n.ends_with(".xml")) {
            return false;
        }
        holds(f.take(MAX_UNPACKED_BYTES), marker)
    })
}

/// Whether what `read` gives holds `marker`, read a piece at a time (a marker cut between two
/// pieces is found too).
fn holds(mut read: impl Read, marker: &[u8]) -> bool {
    let mut piece = vec![0; 64 * 1024];
    // What is kept of the last piece: enough to hold all of the marker but its last byte.
    let keep = marker.len().saturating_sub(1);
    let mut have = 0;
    loop {
        let n = match read.read(&mut piece[have..]) {
            Ok(0) | Err(_) => return false,
            Ok(n) => n,
        };
        let end = have + n;
        if piece[..end].windows(marker.len()).any(|w| w == marker) {
            return true;
        }
        let from = end.saturating_sub(keep);
        piece.copy_within(from..end, 0);
        have = end - from;
    }
}

fn too_big(path: &Path) -> Diagnostic {
    Diagnostic::error(
        path,
        Pos::FILE,
        "the workbook would unpack to more than ties reads",
    )
    .expected(format!(
        "at most {} MB unpacked and {MAX_ENTRIES} files inside",
        MAX_UNPACKED_BYTES / (1024 * 1024)
    ))
    .help("a self-assessment workbook unpacks to about 1 MB: this is not one, or it is damaged")
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_marker_is_found_across_the_pieces_it_is_read_in() {
        let mut text = vec![b'x'; 64 * 1024 - 3];
        text.extend(b"MARKER");
        text.extend(vec![b'y'; 100]);
        assert!(super::holds(&text[..], b"MARKER"));
        assert!(!super::holds(&text[..], b"MARKET"));
        assert!(super::holds(&b"MARKER"[..], b"MARKER"));
        assert!(!super::holds(&b"MARK"[..], b"MARKER"));
    }
}
