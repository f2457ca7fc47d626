//! Files of other formats that people keep beside their self-assessments: a spreadsheet saved
//! by another program, a table exported as CSV, a document. `ties` reads none of them, and says
//! so, with what to do, wherever it meets one: named one by one, or found in a folder, so that
//! nothing in a folder is left out without a word.

use std::path::Path;

use crate::diag::source::has_extension;

/// A format `ties` does not read, known by a file's extension: what it is, and what to do.
pub struct Foreign {
    /// What the file is, as a person would say it ("an OpenDocument spreadsheet (.ods)").
    pub what: &'static str,
    /// What to do, in a few words that stand in a table's cell (the comparison's files left
    /// out).
    pub todo: &'static str,
    /// What to do to give `ties` what it holds, in full.
    pub help: &'static str,
}

/// Saving as the workbook `ties` reads, in the words of both spreadsheet programs.
const SAVE_AS_XLSX: &str = "open it in Excel or LibreOffice and save it as an Excel Workbook (.xlsx): in Excel, File, Save As, Excel Workbook; in LibreOffice, File, Save As, Excel 2007-365; then give ties the .xlsx file";

/// The formats people are likely to keep beside their self-assessments, by extension.
const FORMATS: [(&str, Foreign); 9] = [
    (
        "ods",
        Foreign {
            what: "an OpenDocument spreadsheet (.ods), not an Excel workbook",
            todo: "save it as an Excel Workbook (.xlsx)",
            help: "open it in LibreOffice and use File, Save As, choosing Excel 2007-365 (.xlsx); then give ties the .xlsx file",
        },
    ),
    (
        "xls",
        Foreign {
            what: "an older Excel workbook (.xls, Excel 97-2003), which ties cannot read",
            todo: "save it as an Excel Workbook (.xlsx)",
            help: SAVE_AS_XLSX,
        },
    ),
    (
        "xlsm",
        Foreign {
            what: "a workbook with macros (.xlsm), which ties does not read in a folder",
            todo: "save it as an Excel Workbook (.xlsx)",
            help: SAVE_AS_XLSX,
        },
    ),
    (
        "xlsb",
        Foreign {
            what: "an Excel binary workbook (.xlsb), which ties cannot read",
            todo: "save it as an Excel Workbook (.xlsx)",
            help: "open it in Excel and save it as an Excel Workbook (.xlsx)",
        },
    ),
    (
        "numbers",
        Foreign {
            what: "an Apple Numbers spreadsheet (.numbers), which ties cannot read",
            todo: "export it as an Excel Workbook (.xlsx)",
            help: "open it in Numbers and use File, Export To, Excel (.xlsx); then give ties the .xlsx file",
        },
    ),
    (
        "csv",
        Foreign {
            what: "a CSV file (a table saved as text), which ties does not read as a self-assessment",
            todo: "copy its answers into a self-assessment workbook",
            help: "copy its answers into a workbook made by `ties workbook`; a table that ties wrote (with `--format csv`) is best kept outside the folder of self-assessments",
        },
    ),
    (
        "docx",
        Foreign {
            what: "a Word document (.docx), which ties cannot read",
            todo: "copy its answers into a self-assessment workbook",
            help: "copy its answers into a workbook made by `ties workbook`, or into a YAML file made by `ties init`",
        },
    ),
    (
        "doc",
        Foreign {
            what: "an older Word document (.doc), which ties cannot read",
            todo: "copy its answers into a self-assessment workbook",
            help: "copy its answers into a workbook made by `ties workbook`, or into a YAML file made by `ties init`",
        },
    ),
    (
        "odt",
        Foreign {
            what: "an OpenDocument text document (.odt), which ties cannot read",
            todo: "copy its answers into a self-assessment workbook",
            help: "copy its answers into a workbook made by `ties workbook`, or into a YAML file made by `ties init`",
        },
    ),
];

impl Foreign {
    /// The warning's words for such a file found in a folder: what it is, that it was not read,
    /// and what to do, in one sentence.
    pub fn not_read(&self) -> String {
        format!("this is {}, so it was not read: {}", self.what, self.todo)
    }
}

/// The format a file's name says it is, when it is one `ties` does not read.
pub fn format_of(path: &Path) -> Option<&'static Foreign> {
    FORMATS
        .iter()
        .find(|(ext, _)| has_extension(path, ext))
        .map(|(_, f)| f)
}

/// Whether the file's name says it is a document, not a table or a spreadsheet: named one by
/// one, such a file is refused by its name, since reading it as text could only mislead.
pub fn is_document(path: &Path) -> bool {
    ["docx", "doc", "odt", "numbers", "csv"]
        .iter()
        .any(|e| has_extension(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_format_is_known_by_its_extension_in_any_case() {
        for name in [
            "a.ods",
            "a.XLS",
            "a.xlsm",
            "a.xlsb",
            "a.numbers",
            "a.csv",
            "a.DOCX",
            "a.doc",
            "a.odt",
        ] {
            assert!(format_of(Path::new(name)).is_some(), "{name}");
        }
        for name in [
            "a.xlsx",
            "a.yaml",
            "a.toml",
            "a.html",
            "a.md",
            "csv",
            "a.csv.bak",
        ] {
            assert!(format_of(Path::new(name)).is_none(), "{name}");
        }
    }

    #[test]
    fn every_format_says_what_to_do() {
        for (ext, f) in &FORMATS {
            assert!(
                !f.what.is_empty() && (f.help.contains("ties") || f.help.contains(".xlsx")),
                "{ext}"
            );
            // The comparison's table of files left out leaves out what is between backquotes.
            assert!(!f.not_read().contains('`'), "{ext}");
        }
    }
}
