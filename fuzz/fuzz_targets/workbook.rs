//! A self-assessment workbook damaged and rearranged: the bytes given are edits to a real
//! workbook's XML (rows swapped, as sorting leaves them, or deleted; cells set to any text or
//! emptied, hidden keys and lists included; a part cut short; the table of texts' declared size
//! changed), zipped again and read as every command reads a workbook. It must never panic,
//! every problem must render, a refused workbook must say why, and an accepted one must score.
#![no_main]

use std::io::{Cursor, Read, Write};
use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use ties::model::catalog::Catalog;

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::load(&[]).0)
}

/// The parts of the example prison's workbook, as `ties workbook` writes it.
fn base() -> &'static Vec<(String, Vec<u8>)> {
    static BASE: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    BASE.get_or_init(|| {
        let yaml = include_str!("../../assessments/hmp-harrowfield/2025.yaml");
        let file = ties::jobs::NamedFile {
            name: "2025.yaml".into(),
            bytes: yaml.as_bytes().to_vec(),
        };
        let (a, _) = ties::jobs::read_assessment(file, catalog()).ok().unwrap();
        let bytes = ties::output::workbook::to_xlsx(&a, Path::new("2025.xlsx"), catalog())
            .ok()
            .unwrap();
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        (0..zip.len())
            .map(|i| {
                let mut f = zip.by_index(i).unwrap();
                let mut out = Vec::new();
                f.read_to_end(&mut out).unwrap();
                (f.name().unwrap_or_default().to_string(), out)
            })
            .collect()
    })
}

/// Every row number `from` in a sheet's XML (`<row r="5"`, `<c r="E5"`) changed by `map`.
fn renumber(xml: &str, map: impl Fn(u32) -> Option<u32>) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(i) = rest.find(" r=\"") {
        out.push_str(&rest[..i + 4]);
        rest = &rest[i + 4..];
        let letters = rest.bytes().take_while(u8::is_ascii_uppercase).count();
        let digits = rest[letters..].bytes().take_while(u8::is_ascii_digit).count();
        let n: Option<u32> = rest[letters..letters + digits].parse().ok();
        match n.map(|n| (n, map(n))) {
            Some((_, Some(m))) => {
                out.push_str(&rest[..letters]);
                out.push_str(&m.to_string());
            }
            _ => out.push_str(&rest[..letters + digits]),
        }
        rest = &rest[letters + digits..];
    }
    out.push_str(rest);
    out
}

fn edit(parts: &mut [(String, Vec<u8>)], data: &[u8]) {
    let sheets: Vec<usize> = (0..parts.len())
        .filter(|i| parts[*i].0.starts_with("xl/worksheets/sheet"))
        .collect();
    let mut d = data.iter().copied();
    while let Some(op) = d.next() {
        let mut byte = || d.next().unwrap_or(0);
        let sheet = sheets[byte() as usize % sheets.len()];
        let a = u32::from(byte() % 40) + 1;
        let b = u32::from(byte() % 40) + 1;
        let xml = String::from_utf8_lossy(&parts[sheet].1).into_owned();
        let new = match op % 6 {
            0 => renumber(&xml, |n| (n == a).then_some(b).or((n == b).then_some(a))),
            1 => renumber(&xml, |n| (n == a).then_some(100_000)),
            2 | 3 => {
                let col = (b'A' + (b as u8 % 14)) as char;
                let len = byte() as usize % 24;
                let text: String = (0..len).map(|_| char::from(byte())).collect();
                let text = text.replace('&', "&amp;").replace('<', "&lt;");
                let cell = format!("{col}{a}");
                let value = if op % 6 == 2 {
                    format!("<c r=\"{cell}\" t=\"inlineStr\"><is><t>{text}</t></is></c>")
                } else {
                    String::new()
                };
                match xml.find(&format!("<c r=\"{cell}\"")) {
                    Some(i) => {
                        let open_end = xml[i..].find('>').map_or(xml.len(), |e| i + e + 1);
                        let end = if xml[..open_end].ends_with("/>") {
                            open_end
                        } else {
                            xml[i..].find("</c>").map_or(xml.len(), |e| i + e + 4)
                        };
                        format!("{}{value}{}", &xml[..i], &xml[end..])
                    }
                    None => xml.replace("</sheetData>", &format!("<row r=\"{a}\">{value}</row></sheetData>")),
                }
            }
            4 => {
                let at = (usize::from(byte()) << 8 | usize::from(byte())) * 16;
                xml.get(..at.min(xml.len())).unwrap_or(&xml).to_string()
            }
            _ => {
                if let Some((_, strings)) = parts.iter_mut().find(|(n, _)| n == "xl/sharedStrings.xml") {
                    let s = String::from_utf8_lossy(strings).into_owned();
                    let n = u64::from(a) << (b % 40);
                    *strings = s.replacen("uniqueCount=\"", &format!("uniqueCount=\"{n}"), 1).into_bytes();
                }
                xml
            }
        };
        parts[sheet].1 = new.into_bytes();
    }
}

fuzz_target!(|data: &[u8]| {
    let mut parts = base().clone();
    edit(&mut parts, data);
    let mut bytes = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(Cursor::new(&mut bytes));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for (name, part) in &parts {
            zip.start_file(name.as_str(), options).unwrap();
            zip.write_all(part).unwrap();
        }
        zip.finish().unwrap();
    }
    let path = Path::new("2025.xlsx");
    match ties::load::document_from_bytes(path, bytes) {
        Err(u) => {
            u.problem.render(u.file.as_ref());
        }
        Ok(doc) => {
            let (a, diags) = ties::validate::assessment::check_document(&doc, catalog(), None, true);
            for d in &diags.items {
                d.render(Some(&doc.file));
            }
            match a {
                Some(a) => {
                    let _ = ties::score::score(&a, catalog());
                }
                None => assert!(diags.has_errors(), "refused without an error"),
            }
        }
    }
});
