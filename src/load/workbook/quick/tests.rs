use std::io::{Cursor, Read, Write};
use std::path::Path;

use super::*;
use crate::load::workbook::{general_sheets, quick_sheets};

/// The parts of the example prison's workbook, as `ties workbook` writes it.
fn example_parts() -> Vec<(String, Vec<u8>)> {
    let catalog = crate::model::catalog::Catalog::bundled().0;
    let yaml = include_str!("../../../../assessments/hmp-harrowfield/2025.yaml");
    let file = crate::jobs::NamedFile {
        name: "2025.yaml".into(),
        bytes: yaml.as_bytes().to_vec(),
    };
    let (a, _) = crate::jobs::read_assessment(file, &catalog).ok().unwrap();
    let bytes = crate::output::workbook::to_xlsx(&a, Path::new("2025.xlsx"), &catalog)
        .ok()
        .unwrap();
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut out = Vec::new();
            f.read_to_end(&mut out).unwrap();
            (f.name().unwrap().to_string(), out)
        })
        .collect()
}

fn zipped(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The example's workbook with its part `name` changed by `edit`.
fn edited(name: &str, edit: impl Fn(&str) -> String) -> Vec<u8> {
    let mut parts = example_parts();
    let part = parts.iter_mut().find(|(n, _)| n == name).unwrap();
    part.1 = edit(std::str::from_utf8(&part.1).unwrap()).into_bytes();
    zipped(&parts)
}

/// Reads a workbook both ways: whether the quick reader was sure, and that, where it was, it
/// read what the general reader reads.
fn sure_and_same(bytes: &[u8]) -> bool {
    let path = Path::new("2025.xlsx");
    let general = general_sheets(path, bytes.to_vec());
    match quick_sheets(path, bytes) {
        None => false,
        Some(quick) => {
            let (quick, general) = (quick.ok().unwrap(), general.ok().unwrap());
            assert_eq!(quick.0, general.0);
            let contents = |g: &Vec<super::super::Grid>| {
                g.iter()
                    .map(|g| format!("{:?}", g.contents()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(contents(&quick.1), contents(&general.1));
            true
        }
    }
}

const SHEET: &str = "xl/worksheets/sheet1.xml";

/// A change to a part's XML.
type Edit = fn(&str) -> String;

#[test]
fn a_workbook_ties_wrote_is_read_the_quick_way_and_the_same() {
    assert!(sure_and_same(&zipped(&example_parts())));
}

#[test]
fn cells_written_in_other_ways_are_read_the_same() {
    // The Start here sheet's cells, written as other programs write them.
    let cases: [(&str, Edit); 8] = [
        // Cells and rows with no place written: counted as the general reader counts them.
        ("no places", |x| {
            x.replace(" r=\"B", " x=\"B")
                .replace("<row r=\"4\"", "<row")
        }),
        // An empty row and an empty cell, written as `<row/>` and `<c/>`.
        ("empty tags", |x| {
            x.replace(
                "<sheetData>",
                "<sheetData><row r=\"90\"/><row r=\"91\"><c r=\"Z91\"/></row>",
            )
        }),
        // Attributes in another order, with other quotes and spaces.
        ("attributes", |x| {
            x.replace("<c r=\"A1\" t=\"s\">", "<c  t='s'   r = \"A1\" >")
        }),
        // An inline text with runs, a phonetic reading and kept spaces, and entities.
        ("inline text", |x| {
            x.replace(
                "</sheetData>",
                "<row r=\"95\"><c r=\"C95\" t=\"inlineStr\"><is><r><t xml:space=\"preserve\"> A &amp; B </t></r><r><rPr><b/></rPr><t>&#233;&#x20AC;</t></r><rPh><t>skip</t></rPh></is></c></row></sheetData>",
            )
        }),
        // A formula's text result, a Yes or No, numbers in every form, an empty value.
        ("values", |x| {
            x.replace(
                "</sheetData>",
                "<row r=\"96\"><c r=\"C96\" t=\"str\"><f>A1&amp;B1</f><v>x &lt; y</v></c><c r=\"D96\" t=\"b\"><v>1</v></c><c r=\"E96\"><v>-1.5E-3</v></c><c r=\"F96\" t=\"n\"><v>.5</v></c><c r=\"G96\"><v></v></c><c r=\"H96\" t=\"s\"><v/></c></row></sheetData>",
            )
        }),
        // A value before its formula: the formula's empty value wins, as it does there.
        ("value then formula", |x| {
            x.replace(
                "</sheetData>",
                "<row r=\"97\"><c r=\"C97\"><v>3</v><f>1+2</f></c></row></sheetData>",
            )
        }),
        // Prefixed names, as some programs write them.
        ("prefixes", |x| {
            x.replace("<c r=", "<x:c r=").replace("</c>", "</x:c>")
        }),
        // Dates, in a built-in format (14) and by the workbook's own (164, dd/mm/yyyy).
        ("dates", |x| {
            x.replace(
                "</sheetData>",
                "<row r=\"98\"><c r=\"C98\" s=\"8\"><v>45796</v></c><c r=\"D98\" s=\"8\"><v>59</v></c><c r=\"E98\" s=\"8\"><v>12.75</v></c></row></sheetData>",
            )
        }),
    ];
    for (what, edit) in cases {
        let bytes = edited(SHEET, edit);
        assert!(
            sure_and_same(&bytes),
            "{what}: the quick reader was not sure"
        );
    }
}

#[test]
fn shared_texts_written_in_other_ways_are_read_the_same() {
    // New shared texts, each in a cell of its own on the Start here sheet (whose every cell is
    // kept).
    let texts = [
        "<t xml:space=\"preserve\">  kept  </t>",
        "<t> trimmed\n</t>",
        "<r><t xml:space=\"preserve\">  run  </t></r><r><rPr><b/></rPr><t>\n two &amp; &quot;three&quot;\t</t></r>",
        "<t>base</t><rPh sb=\"0\" eb=\"1\"><t>reading</t></rPh><phoneticPr fontId=\"1\"/>",
        "\n  <t>spaced</t>\n",
        "",
        "<t> a &amp; b </t>",
        "<t>\t both ends \n</t>",
        "<t xml:space=\"preserve\">\n kept line \n</t>",
        "<t></t>",
        "<t>   </t>",
    ];
    let mut parts = example_parts();
    let strings = parts
        .iter_mut()
        .find(|(n, _)| n == "xl/sharedStrings.xml")
        .unwrap();
    let sst = String::from_utf8(strings.1.clone()).unwrap();
    let first = sst.matches("<si>").count();
    let added: String = texts.iter().map(|t| format!("<si>{t}</si>")).collect();
    strings.1 = sst
        .replace("</sst>", &format!("{added}<si/></sst>"))
        .into_bytes();
    let sheet = parts.iter_mut().find(|(n, _)| n == SHEET).unwrap();
    let cells: String = (0..=texts.len())
        .map(|i| {
            format!(
                "<c r=\"{}95\" t=\"s\"><v>{}</v></c>",
                (b'B' + i as u8) as char,
                first + i
            )
        })
        .collect();
    let xml = String::from_utf8(sheet.1.clone()).unwrap();
    sheet.1 = xml
        .replace(
            "</sheetData>",
            &format!("<row r=\"95\">{cells}</row></sheetData>"),
        )
        .into_bytes();
    assert!(sure_and_same(&zipped(&parts)));
}

#[test]
fn what_the_quick_reader_does_not_read_goes_to_the_general_reader() {
    let cases: [(&str, &str, Edit); 8] = [
        ("a comment", SHEET, |x| {
            x.replace("<sheetData>", "<sheetData><!-- note -->")
        }),
        ("CDATA", "xl/sharedStrings.xml", |x| {
            x.replacen("<t>", "<t><![CDATA[x]]>", 1)
        }),
        ("an error cell", SHEET, |x| {
            x.replace(
                "</sheetData>",
                "<row r=\"99\"><c r=\"C99\" t=\"e\"><v>#REF!</v></c></row></sheetData>",
            )
        }),
        ("an ISO date cell", SHEET, |x| {
            x.replace(
                "</sheetData>",
                "<row r=\"99\"><c r=\"C99\" t=\"d\"><v>2025-01-02</v></c></row></sheetData>",
            )
        }),
        ("Excel's escaped characters", "xl/sharedStrings.xml", |x| {
            x.replacen("<t>", "<t>a_x000D_b", 1)
        }),
        ("a number it does not read", SHEET, |x| {
            x.replace(
                "</sheetData>",
                "<row r=\"99\"><c r=\"C99\"><v> 12 </v></c></row></sheetData>",
            )
        }),
        ("a number format it cannot tell", "xl/styles.xml", |x| {
            x.replace(
                "formatCode=\"dd/mm/yyyy\"",
                "formatCode=\"[$-809]dd mmmm yyyy\"",
            )
        }),
        ("a carriage return", "xl/sharedStrings.xml", |x| {
            x.replacen("<t>", "<t>a\r\nb", 1)
        }),
    ];
    for (what, part, edit) in cases {
        let bytes = edited(part, edit);
        assert!(!sure_and_same(&bytes), "{what}: the quick reader read it");
    }
}

#[test]
fn a_damaged_workbook_is_left_to_the_general_reader() {
    let cut = edited(SHEET, |x| x[..x.len() / 2].to_string());
    assert!(quick_sheets(Path::new("2025.xlsx"), &cut).is_none());
    let no_strings = edited("xl/sharedStrings.xml", |x| x.replace("</sst>", ""));
    assert!(quick_sheets(Path::new("2025.xlsx"), &no_strings).is_none());
    let bad_index = edited(SHEET, |x| x.replacen("<v>0</v>", "<v>99999</v>", 1));
    assert!(quick_sheets(Path::new("2025.xlsx"), &bad_index).is_none());
}

#[test]
fn tags_are_read_with_their_local_names_and_attributes() {
    let mut tags = Tags::new("<?xml version=\"1.0\"?><a:b x='1>2' y=\"3\"/>text</a:b >");
    assert_eq!(
        tags.next(),
        Ok(Some((
            "",
            Tag::Start {
                name: "b",
                attrs: " x='1>2' y=\"3\"",
                empty: true
            }
        )))
    );
    assert_eq!(tags.next(), Ok(Some(("text", Tag::End { name: "b" }))));
    assert_eq!(tags.next(), Ok(None));
    assert_eq!(Tags::new("<a><?pi?>").nth_err(), Err(Unsure));
    assert_eq!(Tags::new("<a b=\"<\">").nth_err(), Err(Unsure));
    let attrs: Vec<_> = Attrs(" a = 'x' b=\"y z\"").collect();
    assert_eq!(attrs, vec![Ok(("a", "x")), Ok(("b", "y z"))]);
    assert_eq!(attr(" a='1' a='2'", "a"), Err(Unsure));
}

impl Tags<'_> {
    /// Reads every tag, giving the first time the reader is not sure.
    fn nth_err(mut self) -> Quick<()> {
        while self.next()?.is_some() {}
        Ok(())
    }
}

#[test]
fn entities_places_and_numbers_are_read_as_written() {
    assert_eq!(unescape("a &amp; b &#233; &#x20AC;").unwrap(), "a & b é €");
    assert_eq!(unescape("&nbsp;"), Err(Unsure));
    assert_eq!(unescape("&#0;"), Err(Unsure));
    assert_eq!(unescape("a\rb"), Err(Unsure));
    assert_eq!(place("B12"), Ok((11, Some(1))));
    assert_eq!(place("aa3"), Ok((2, Some(26))));
    assert_eq!(place("7"), Ok((6, None)));
    assert_eq!(place("A0"), Err(Unsure));
    assert_eq!(place("A1B"), Err(Unsure));
    assert_eq!(number("-1.5E-3"), Ok(-0.0015));
    assert_eq!(number("1."), Ok(1.0));
    for not in ["", "-", "+1", "1e", "inf", "NaN", " 1", "0x10"] {
        assert_eq!(number(not), Err(Unsure), "{not:?}");
    }
}

#[test]
fn number_formats_are_dates_only_where_certain() {
    assert_eq!(built_in_format("14"), Meaning::Date);
    assert_eq!(built_in_format("46"), Meaning::Duration);
    assert_eq!(built_in_format("014"), Meaning::Number);
    assert_eq!(built_in_format("0"), Meaning::Number);
    assert_eq!(custom_format("dd/mm/yyyy"), Ok(Meaning::Date));
    assert_eq!(custom_format("General"), Ok(Meaning::Number));
    assert_eq!(custom_format("#,##0.00"), Ok(Meaning::Number));
    assert_eq!(custom_format("0.0%"), Ok(Meaning::Number));
    assert_eq!(custom_format("[h]:mm"), Err(Unsure));
    assert_eq!(custom_format("\"day\" 0"), Err(Unsure));
}

/// A part is unpacked whole, stored or deflated, and a part changed in the archive (its size or
/// checksum no longer those the archive gives) is left to the general reader.
#[test]
fn parts_are_unpacked_whole_and_checked() {
    let text = format!("<a>{}</a>", "ties reads this part. ".repeat(500));
    let unpacked = |bytes: &[u8]| {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        unpack(&mut zip, 0, bytes)
    };
    for method in [CompressionMethod::Stored, CompressionMethod::Deflated] {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        zip.start_file("a.xml", options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        assert_eq!(
            unpacked(&bytes),
            Ok(text.clone().into_bytes()),
            "{method:?}"
        );
        let (start, len) = {
            let mut zip = zip::ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
            let file = zip.by_index_raw(0).unwrap();
            (
                file.data_start().unwrap() as usize,
                file.compressed_size() as usize,
            )
        };
        for at in [start, start + 1, start + len / 2, start + len - 1] {
            let mut changed = bytes.clone();
            changed[at] ^= 0x55;
            assert_eq!(unpacked(&changed), Err(Unsure), "{method:?}, byte {at}");
        }
    }
    // The example's workbook with every part stored is read the quick way, and the same.
    let parts = example_parts();
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in &parts {
        let stored =
            zip::write::SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
        zip.start_file(name.as_str(), stored).unwrap();
        zip.write_all(bytes).unwrap();
    }
    assert!(sure_and_same(&zip.finish().unwrap().into_inner()));
}

/// The room a workbook's parts were unpacked into is kept for the next workbook's, the smallest
/// piece that fits given first, with the bytes it held, and no more than `SPARE_MOST` pieces are kept.
#[test]
fn room_is_kept_for_the_next_workbook() {
    // A thread of its own, so that its room is its own.
    std::thread::spawn(|| {
        let fresh = room(1000);
        assert!(fresh.is_empty() && fresh.capacity() >= 1000);
        let mut big = Vec::with_capacity(50_000);
        big.extend_from_slice(b"a part");
        let (big_at, big_room) = (big.as_ptr(), big.capacity());
        give_back(big);
        give_back(Vec::with_capacity(5_000));
        let again = room(4_000);
        assert!(again.is_empty() && again.capacity() >= 4_000 && again.capacity() < big_room);
        // It still holds the bytes unpacked into it before, to be written over.
        let again = room(40_000);
        assert_eq!((again.as_ptr(), again.as_slice()), (big_at, &b"a part"[..]));
        for n in 0..40 {
            give_back(Vec::with_capacity(100 + n));
        }
        SPARE.with_borrow(|spare| assert_eq!(spare.len(), SPARE_MOST));
        // Room for an unusually large part is not kept.
        let largest = SPARE.with_borrow(|s| s.iter().map(Vec::capacity).max());
        give_back(Vec::with_capacity(SPARE_LARGEST + 1));
        assert_eq!(
            SPARE.with_borrow(|s| s.iter().map(Vec::capacity).max()),
            largest
        );
        // A table of shared texts gives its room back once no cell holds a place in it.
        let mut text = String::with_capacity(200_000);
        text.push_str("<si><t>Met</t></si>");
        let text_at = text.as_ptr();
        let table = std::sync::Arc::new(Table::from(text));
        let cell = crate::load::workbook::grid::Text::shared(&table, 7, 10).unwrap();
        drop(table);
        let other = room(150_000);
        assert_ne!(other.as_ptr(), text_at);
        drop((cell, other));
        let again = room(150_000);
        assert_eq!(again.as_ptr(), text_at);
        // Workbooks read one after another on the same thread read the same.
        let bytes = zipped(&example_parts());
        assert!(sure_and_same(&bytes) && sure_and_same(&bytes));
    })
    .join()
    .unwrap();
}

/// Cells of every shape, each read at once where it is written as most are (`Cells::common`)
/// and read the longer way (`Cells::cell_tag`): where the quick way reads a cell, it reads the
/// same place and value as the longer way, and stops at the same place; where it does not, it
/// has read nothing.
#[test]
fn common_cells_are_read_as_the_longer_way_reads_them() {
    let book = open(&zipped(&example_parts())).unwrap();
    fn cells<'a>(book: &'a Book, xml: &'a str) -> Cells<'a> {
        Cells {
            book,
            tags: Tags::new(xml),
            row: 3,
            col: 5,
            value: Raw::Empty,
        }
    }
    let places = [
        "A1",
        "B12",
        "Z9",
        "AA10",
        "XFD1048576",
        "ABCD1",
        "a1",
        "A0",
        "A12345678",
        "1",
        "A",
        "B12C",
        "",
    ];
    let styles = [
        None,
        Some("0"),
        Some("8"),
        Some("007"),
        Some("999"),
        Some("123456789"),
        Some("1234567890"),
        Some("x"),
        Some(""),
    ];
    let types = [
        None,
        Some("s"),
        Some("n"),
        Some("b"),
        Some("str"),
        Some("inlineStr"),
        Some("S"),
        Some(""),
    ];
    let endings = [
        "/>",
        "></c>",
        "><v>0</v></c>",
        "><v>41</v></c>",
        "><v>2</v></c>",
        "><v>999999999</v></c>",
        "><v>1234567890</v></c>",
        "><v>-1.5E-3</v></c>",
        "><v>.5</v></c>",
        "><v>45796</v></c>",
        "><v>12.75</v></c>",
        "><v></v></c>",
        "><v>1&amp;2</v></c>",
        "><v> 3</v></c>",
        "><v>3</v><f>1+2</f></c>",
        "><f>1+2</f><v>3</v></c>",
        "><v>1</v></c ",
        "><is><t>x</t></is></c>",
        " />",
    ];
    let (mut quick, mut both) = (0, 0);
    for place in places {
        for style in styles {
            for typ in types {
                for ending in endings {
                    let mut xml = format!("<c r=\"{place}\"");
                    if let Some(s) = style {
                        xml += &format!(" s=\"{s}\"");
                    }
                    if let Some(t) = typ {
                        xml += &format!(" t=\"{t}\"");
                    }
                    xml += ending;
                    xml += "<c r=\"Q7\"/></row>";
                    let mut a = cells(&book, &xml);
                    let Some(at) = a.common() else {
                        assert_eq!((a.tags.at, a.col), (0, 5), "{xml}: read in part");
                        assert!(matches!(a.value, Raw::Empty), "{xml}");
                        continue;
                    };
                    quick += 1;
                    let mut b = cells(&book, &xml);
                    assert_eq!(b.cell_tag(), Ok(at), "{xml}");
                    assert_eq!(format!("{:?}", a.value), format!("{:?}", b.value), "{xml}");
                    assert_eq!((a.tags.at, a.col), (b.tags.at, b.col), "{xml}");
                    both += 1;
                }
            }
        }
    }
    // Most shapes of cell are read the longer way; those a spreadsheet program writes most are
    // read at once: places of capitals, a style, a type of `s` or `n` or none, a value alone.
    assert_eq!(quick, both);
    assert!(quick > 300, "only {quick} cells were read at once");
}
