//! The zip container of the workbooks `ties` writes, made the same on every system.
//!
//! A workbook (`.xlsx`) is a zip file. The zip library records in each entry of the central
//! directory the system that wrote it: Unix on Linux and in the web page, DOS on Windows. That one
//! byte per entry is the only difference between a workbook written on Windows and the same
//! workbook written on Linux; every date and every permission in it already comes from `ties`.
//! So that the same input gives the same bytes wherever `ties` runs, the byte is set to Unix.
//! Spreadsheet programs do not read it.

/// The signature of a central directory entry (`PK\x01\x02`).
const ENTRY: u32 = 0x0201_4b50;
/// The signature of the end of the central directory (`PK\x05\x06`).
const END: u32 = 0x0605_4b50;
/// The fixed part of a central directory entry, and of the end record.
const ENTRY_LEN: usize = 46;
const END_LEN: usize = 22;
/// The system byte's values: DOS (what Windows writes) and Unix.
const DOS: u8 = 0;
const UNIX: u8 = 3;

/// The workbook with every central directory entry marked as written on Unix. A container this
/// does not recognise (one `ties` did not write) is returned unchanged.
pub fn same_on_every_system(mut bytes: Vec<u8>) -> Vec<u8> {
    if let Some(entries) = entries(&bytes) {
        for at in entries {
            if bytes[at + 5] == DOS {
                bytes[at + 5] = UNIX;
            }
        }
    }
    bytes
}

/// Where each central directory entry starts, or `None` when the container is not as expected.
fn entries(bytes: &[u8]) -> Option<Vec<usize>> {
    // The end record has no comment in the files `ties` writes, so it is the last 22 bytes.
    let end = bytes.len().checked_sub(END_LEN)?;
    if u32_at(bytes, end)? != END {
        return None;
    }
    let count = usize::from(u16_at(bytes, end + 10)?);
    let mut at = usize::try_from(u32_at(bytes, end + 16)?).ok()?;
    let mut found = Vec::with_capacity(count);
    for _ in 0..count {
        if at.checked_add(ENTRY_LEN)? > end || u32_at(bytes, at)? != ENTRY {
            return None;
        }
        found.push(at);
        let name = usize::from(u16_at(bytes, at + 28)?);
        let extra = usize::from(u16_at(bytes, at + 30)?);
        let comment = usize::from(u16_at(bytes, at + 32)?);
        at = at + ENTRY_LEN + name + extra + comment;
    }
    (at == end).then_some(found)
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};
    use zip::System;
    use zip::write::SimpleFileOptions;

    /// A small container as the spreadsheet writer makes one, written as by `system`.
    fn container(system: System) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .unix_permissions(0o600)
            .last_modified_time(zip::DateTime::default())
            .system(system);
        for (name, text) in [
            ("[Content_Types].xml", "<Types/>"),
            ("xl/workbook.xml", "<w/>"),
        ] {
            zip.start_file(name, options).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn a_container_written_on_windows_becomes_the_one_written_on_linux() {
        let windows = container(System::Dos);
        let linux = container(System::Unix);
        assert_ne!(windows, linux, "the two differ before");
        assert_eq!(same_on_every_system(windows), linux);
    }

    #[test]
    fn a_container_written_on_linux_is_unchanged() {
        let linux = container(System::Unix);
        assert_eq!(same_on_every_system(linux.clone()), linux);
    }

    #[test]
    fn what_is_not_such_a_container_is_returned_unchanged() {
        for bytes in [
            Vec::new(),
            b"PK\x05\x06".to_vec(),
            vec![0; 100],
            container(System::Dos)[..60].to_vec(),
        ] {
            assert_eq!(same_on_every_system(bytes.clone()), bytes);
        }
        // An end record that points past the end.
        let mut bad = container(System::Dos);
        let end = bad.len() - END_LEN;
        bad[end + 16..end + 20].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(same_on_every_system(bad.clone()), bad);
    }

    #[test]
    fn the_workbooks_ties_writes_are_recognised() {
        // The spreadsheet writer's own container: every entry is found.
        let mut wb = rust_xlsxwriter::Workbook::new();
        wb.add_worksheet().write(0, 0, "x").unwrap();
        let bytes = wb.save_to_buffer().unwrap();
        let found = entries(&bytes).expect("the container is recognised");
        assert!(found.len() >= 5, "{} entries", found.len());
    }
}
