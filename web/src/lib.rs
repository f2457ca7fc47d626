//! The web page's door to `ties`: one thin file, in the manner of a language playground. The
//! page puts a request (what to do, and the files the person chose, as bytes) into the
//! module's memory and calls `ties_run`; this calls the same library jobs as the command line
//! and puts back the result: the words `ties` would print, its exit code, and the document made.
//! No rule, score or wording lives here or in the page.
//!
//! A request is a little-endian `u32` giving the length of a JSON header, the header, then the
//! files' bytes one after another in the order the header lists them. A result has the same
//! shape: a header (`Reply`), then the document's bytes.

use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use serde::{Deserialize, Serialize};
use ties::diag::source::SourceFile;
use ties::error::{Error, Result};
use ties::estate::filters::Filters;
use ties::jobs::{self, CompareOptions, NamedFile, ReportOptions};
use ties::load::InMemory;
use ties::model::assessment::{Assessment, Nation, date_given};
use ties::model::catalog::Catalog;
use ties::output::{self, Format, Written};
use ties::view::report::Audience;

/// What the page asks for.
#[derive(Deserialize)]
#[serde(tag = "job", rename_all = "kebab-case")]
enum Request {
    /// The frameworks there are, as `ties frameworks --format json` lists them.
    Frameworks,
    /// `ties check FILE...`.
    Check {
        #[serde(default)]
        as_of: Option<String>,
    },
    /// `ties score FILE --format FORMAT`.
    Score { format: String },
    /// `ties report FILE`, with last year's file as the second file, if given.
    Report {
        format: String,
        audience: String,
        #[serde(default)]
        as_of: Option<String>,
        #[serde(default)]
        allow_personal_data: bool,
    },
    /// `ties workbook --establishment ID --name NAME --year YEAR --framework F,G [--nation N]`.
    NewWorkbook {
        establishment: String,
        name: String,
        year: i32,
        frameworks: Vec<String>,
        #[serde(default)]
        nation: Option<String>,
    },
    /// `ties workbook --from LAST_YEAR [--year YEAR]`.
    NextWorkbook {
        #[serde(default)]
        year: Option<i32>,
    },
    /// `ties compare FOLDER --format FORMAT [--table T] [--year Y] [--due D] [--as-of A]`, run
    /// in the folder's parent: the files are those chosen, named by their place in the folder
    /// (`FOLDER/hmp-a/2025.xlsx`).
    Compare {
        folder: String,
        format: String,
        #[serde(default)]
        table: Option<String>,
        #[serde(default)]
        year: Option<i32>,
        #[serde(default)]
        due: Option<String>,
        #[serde(default)]
        as_of: Option<String>,
        #[serde(default)]
        allow_personal_data: bool,
    },
}

/// The files of a request, as the header lists them.
#[derive(Deserialize)]
struct Header {
    #[serde(flatten)]
    request: Request,
    #[serde(default)]
    files: Vec<FileHeader>,
}

#[derive(Deserialize)]
struct FileHeader {
    name: String,
    size: usize,
}

/// What comes back: the exit code the command line would give, what it would print to its
/// error stream (problems, warnings, notes), and the document, if one was made, with the name
/// the command line would give it.
#[derive(Serialize, Default)]
struct Reply {
    exit: u8,
    messages: String,
    name: Option<String>,
}

/// The last result, kept until the page has read it.
static RESULT: Mutex<Vec<u8>> = Mutex::new(Vec::new());

/// Room for `len` bytes, for the page to write a request into.
#[unsafe(no_mangle)]
pub extern "C" fn ties_alloc(len: usize) -> *mut u8 {
    let mut room = Vec::<u8>::with_capacity(len);
    let at = room.as_mut_ptr();
    std::mem::forget(room);
    at
}

/// Gives back room from `ties_alloc`.
///
/// # Safety
/// `at` and `len` must be what `ties_alloc` gave and was asked for, given back once.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ties_free(at: *mut u8, len: usize) {
    // SAFETY: the caller gives back what `ties_alloc` made, with its capacity.
    drop(unsafe { Vec::from_raw_parts(at, 0, len) });
}

/// Runs the request of `len` bytes at `at` (which it gives back); the result is then at
/// `ties_result()`, `ties_result_len()` bytes long.
///
/// # Safety
/// `at` and `len` must be room from `ties_alloc`, filled with the request.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ties_run(at: *mut u8, len: usize) {
    // SAFETY: the caller passes room from `ties_alloc` of `len` bytes, all written.
    let request = unsafe { Vec::from_raw_parts(at, len, len) };
    let result = run(&request);
    if let Ok(mut kept) = RESULT.lock() {
        *kept = result;
    }
}

/// Where the last result is.
#[unsafe(no_mangle)]
pub extern "C" fn ties_result() -> *const u8 {
    RESULT.lock().map_or(std::ptr::null(), |r| r.as_ptr())
}

/// How long the last result is.
#[unsafe(no_mangle)]
pub extern "C" fn ties_result_len() -> usize {
    RESULT.lock().map_or(0, |r| r.len())
}

/// A request's result, as bytes: the reply's header, then the document.
pub fn run(request: &[u8]) -> Vec<u8> {
    let (reply, document) = match parse(request).and_then(|(header, files)| answer(header, files)) {
        Ok(done) => done,
        Err(e) => (
            Reply {
                exit: e.exit_code(),
                messages: e.render(),
                name: None,
            },
            Vec::new(),
        ),
    };
    let header = serde_json::to_vec(&reply).unwrap_or_default();
    let mut out = Vec::with_capacity(4 + header.len() + document.len());
    out.extend_from_slice(&(header.len() as u32).to_le_bytes());
    out.extend_from_slice(&header);
    out.extend_from_slice(&document);
    out
}

/// The header and the files of a request.
fn parse(request: &[u8]) -> Result<(Request, Vec<NamedFile>)> {
    let broken = || Error::Usage("the page sent a request ties could not read".into());
    let size = request.get(..4).ok_or_else(broken)?;
    let size = u32::from_le_bytes([size[0], size[1], size[2], size[3]]) as usize;
    let header = request.get(4..4 + size).ok_or_else(broken)?;
    let header: Header = serde_json::from_slice(header).map_err(|_| broken())?;
    let mut at = 4 + size;
    let mut files = Vec::new();
    for f in header.files {
        let bytes = request.get(at..at + f.size).ok_or_else(broken)?;
        at += f.size;
        files.push(NamedFile {
            name: PathBuf::from(f.name),
            bytes: bytes.to_vec(),
        });
    }
    Ok((header.request, files))
}

fn format(name: &str) -> Result<Format> {
    Format::from_name(name).ok_or_else(|| Error::Usage(format!("there is no format {name}")))
}

/// A date the person typed, read by the library's one rule for dates.
fn date(text: &Option<String>) -> Result<Option<ties::model::assessment::Date>> {
    text.as_deref()
        .filter(|t| !t.trim().is_empty())
        .map(|t| date_given(t).map_err(Error::Usage))
        .transpose()
}

fn text(written: Written) -> Vec<u8> {
    match written {
        Written::Text(t) => t.into_bytes(),
        Written::Bytes(b) => b,
    }
}

/// The bundled frameworks, read and checked when the page first asks for them: every job uses
/// the same, so they are read once.
static CATALOG: OnceLock<Catalog> = OnceLock::new();

fn catalog() -> Result<&'static Catalog> {
    if let Some(catalog) = CATALOG.get() {
        return Ok(catalog);
    }
    let catalog = Catalog::open(&ties::load::InMemory::default(), &[])?;
    Ok(CATALOG.get_or_init(|| catalog))
}

/// The last self-assessment read, with the name and bytes it was read from. The page scores and
/// reports the file it has just checked, and reports it again for each version a person asks
/// for: the same bytes give the same assessment, so it is read once, not once for each.
type LastRead = (PathBuf, Vec<u8>, Assessment, SourceFile);
static LAST_READ: Mutex<Option<LastRead>> = Mutex::new(None);

/// `jobs::read_assessment`, or what it gave for the same name and bytes last time.
fn read_assessment(file: NamedFile, catalog: &Catalog) -> Result<(Assessment, SourceFile)> {
    if let Ok(last) = LAST_READ.lock()
        && let Some((name, bytes, a, source)) = last.as_ref()
        && *name == file.name
        && *bytes == file.bytes
    {
        return Ok((a.clone(), source.clone()));
    }
    let (name, bytes) = (file.name.clone(), file.bytes.clone());
    let (a, source) = jobs::read_assessment(file, catalog)?;
    if let Ok(mut last) = LAST_READ.lock() {
        *last = Some((name, bytes, a.clone(), source.clone()));
    }
    Ok((a, source))
}

/// The last estate read for a comparison, with the files and choices it was read from. The
/// page saves the comparison it shows as a workbook or a table, from the same files and the
/// same choices: the estate is read once for them all, not once for each.
struct LastEstate {
    key: (PathBuf, Option<i32>, Option<String>, Option<String>, bool),
    files: Vec<NamedFile>,
    read: jobs::EstateRead,
}
static LAST_ESTATE: Mutex<Option<LastEstate>> = Mutex::new(None);

/// Whether two sets of files have the same names and the same bytes, in the same order.
fn same_files(a: &[NamedFile], b: &[NamedFile]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.name == y.name && x.bytes == y.bytes)
}

/// Does what was asked, with the bundled frameworks.
fn answer(request: Request, mut files: Vec<NamedFile>) -> Result<(Reply, Vec<u8>)> {
    let catalog = catalog()?;
    let first = |files: &mut Vec<NamedFile>| -> Result<NamedFile> {
        if files.is_empty() {
            return Err(Error::Usage("choose a self-assessment first".into()));
        }
        Ok(files.remove(0))
    };
    let done = |document: Vec<u8>, name: Option<String>| {
        Ok((
            Reply {
                exit: 0,
                messages: String::new(),
                name,
            },
            document,
        ))
    };
    match request {
        Request::Frameworks => {
            let rows = ties::view::framework::catalog_rows(catalog);
            let env = output::templates::environment(&[])?;
            let written = output::write(&output::Document::Frameworks(&rows), Format::Json, &env)?;
            done(text(written), None)
        }
        Request::Check { as_of } => {
            let files = files.into_iter().map(|f| (f.name, f.bytes)).collect();
            let (report, failed) = ties::validate::check_in_memory(files, date(&as_of)?);
            Ok((
                Reply {
                    exit: u8::from(failed),
                    messages: report,
                    name: None,
                },
                Vec::new(),
            ))
        }
        Request::Score { format: f } => {
            let (a, _) = read_assessment(first(&mut files)?, catalog)?;
            done(text(jobs::score(&a, catalog, format(&f)?)?), None)
        }
        Request::Report {
            format: f,
            audience,
            as_of,
            allow_personal_data,
        } => {
            let (a, file) = read_assessment(first(&mut files)?, catalog)?;
            let previous = match files.pop() {
                Some(last) => jobs::previous_year(last, &a, catalog),
                None => ties::estate::previous::PreviousYear {
                    found: None,
                    note: None,
                },
            };
            let options = ReportOptions {
                audience: if audience == "inspector" {
                    Audience::Inspector
                } else {
                    Audience::Public
                },
                format: format(&f)?,
                as_of: date(&as_of)?,
                allow_personal_data,
            };
            let env = output::templates::environment(&[])?;
            done(
                text(jobs::report(
                    catalog,
                    &env,
                    (&a, &file),
                    previous,
                    &options,
                )?),
                None,
            )
        }
        Request::NewWorkbook {
            establishment,
            name,
            year,
            frameworks,
            nation,
        } => {
            // The nation by the model's own ids, as the command line's --nation takes them.
            let nation = nation
                .filter(|n| !n.is_empty())
                .map(|n| {
                    Nation::ALL
                        .into_iter()
                        .find(|x| x.id() == n)
                        .ok_or_else(|| Error::Usage(format!("there is no nation {n}")))
                })
                .transpose()?;
            let (path, bytes) = jobs::new_workbook(
                catalog,
                (&establishment, &name, year),
                &frameworks,
                nation,
                None,
            )?;
            done(bytes, Some(path.display().to_string()))
        }
        Request::NextWorkbook { year } => {
            let last = first(&mut files)?;
            let source = last.name.clone();
            let (a, _) = read_assessment(last, catalog)?;
            let carried = jobs::carried_workbook(catalog, &a, &source, year, &[])?;
            done(carried.bytes, Some(format!("{}.xlsx", carried.year)))
        }
        Request::Compare {
            folder,
            format: f,
            table,
            year,
            due,
            as_of,
            allow_personal_data,
        } => {
            let folder = PathBuf::from(folder);
            let options = CompareOptions {
                asked: Filters {
                    year,
                    due: date(&due)?,
                    as_of: date(&as_of)?,
                    ..Filters::default()
                },
                register: None,
                allow_personal_data,
            };
            let key = (folder.clone(), year, due, as_of, allow_personal_data);
            let mut last = LAST_ESTATE.lock().unwrap_or_else(|p| p.into_inner());
            let again = last
                .as_ref()
                .is_some_and(|l| l.key == key && same_files(&l.files, &files));
            if !again {
                *last = None;
                let read = jobs::read_estate(&InMemory::new(&files), &folder, catalog, &options)?;
                *last = Some(LastEstate { key, files, read });
            }
            let Some(LastEstate { read, .. }) = last.as_ref() else {
                return Err(Error::Usage("the page's files were not kept".into()));
            };
            let env = output::templates::environment(&[])?;
            let written = jobs::compare(read, catalog, format(&f)?, table.as_deref(), &env)?;
            // Saved as the folder's name, with the table's when it is one table.
            let name = match &table {
                Some(t) => format!("{}-{t}.{f}", folder.display()),
                None => format!("{}.{f}", folder.display()),
            };
            Ok((
                Reply {
                    exit: 0,
                    messages: read
                        .warning
                        .as_ref()
                        .map(|w| format!("warning: {w}\n"))
                        .unwrap_or_default(),
                    name: Some(name),
                },
                text(written),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A request as the page makes it: the header's length, the header, the files' bytes.
    fn request(job: serde_json::Value, files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut header = job;
        header["files"] = files
            .iter()
            .map(|(name, bytes)| serde_json::json!({"name": name, "size": bytes.len()}))
            .collect();
        let header = serde_json::to_vec(&header).unwrap();
        let mut out = (header.len() as u32).to_le_bytes().to_vec();
        out.extend(header);
        for (_, bytes) in files {
            out.extend_from_slice(bytes);
        }
        out
    }

    fn example(path: &str) -> Vec<u8> {
        std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("..")
                .join(path),
        )
        .unwrap()
    }

    /// What the command line's library gives for the file, read afresh.
    fn scores_afresh(name: &str, bytes: &[u8]) -> Vec<u8> {
        let catalog = Catalog::bundled().0;
        let file = NamedFile {
            name: name.into(),
            bytes: bytes.to_vec(),
        };
        let (a, _) = jobs::read_assessment(file, &catalog).unwrap();
        text(jobs::score(&a, &catalog, Format::Json).unwrap())
    }

    /// A file read once is used again only for the same name and the same bytes: a file chosen
    /// again under the same name but changed (saved again in Excel) is read again.
    #[test]
    fn a_file_is_read_again_when_its_bytes_change() {
        let this_year = example("assessments/hmp-harrowfield/2025.yaml");
        let last_year = example("assessments/hmp-harrowfield/2024.yaml");
        let job = serde_json::json!({"job": "score", "format": "json"});
        let mut seen = Vec::new();
        for bytes in [&this_year, &this_year, &last_year, &this_year] {
            let reply = run(&request(job.clone(), &[("2025.yaml", bytes)]));
            let size = u32::from_le_bytes(reply[..4].try_into().unwrap()) as usize;
            let document = reply[4 + size..].to_vec();
            assert_eq!(document, scores_afresh("2025.yaml", bytes));
            seen.push(document);
        }
        assert_eq!(seen[0], seen[1]);
        assert_ne!(seen[1], seen[2], "the changed file's own scores");
        assert_eq!(seen[0], seen[3]);
    }

    /// Every file below `dir`, with its bytes, as a browser gives a folder chosen.
    fn chosen(dir: &std::path::Path, out: &mut Vec<(String, Vec<u8>)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                chosen(&path, out);
            } else {
                out.push((path.display().to_string(), std::fs::read(&path).unwrap()));
            }
        }
    }

    /// The bundled estate, chosen in the page as a folder, compares as the library compares
    /// the same files: in every format, and each table. (The browser check compares the page
    /// with the command line on the disk.)
    #[test]
    fn a_folder_chosen_compares_as_the_library_compares_it() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../assessments");
        let mut names = Vec::new();
        chosen(&folder, &mut names);
        assert!(names.len() > 5, "the bundled estate is there");
        let files: Vec<(&str, &[u8])> = names
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect();
        let catalog = Catalog::bundled().0;
        let env = output::templates::environment(&[]).unwrap();
        let options = CompareOptions {
            asked: Filters {
                due: date_given("2025-04-30").ok(),
                ..Filters::default()
            },
            register: None,
            allow_personal_data: false,
        };
        let given: Vec<NamedFile> = names
            .iter()
            .map(|(n, b)| NamedFile {
                name: PathBuf::from(n),
                bytes: b.clone(),
            })
            .collect();
        let read = jobs::read_estate(&InMemory::new(&given), &folder, &catalog, &options).unwrap();
        for (f, table) in [
            ("html", None),
            ("md", None),
            ("json", None),
            ("xlsx", None),
            ("csv", Some("establishments")),
            ("csv", Some("items")),
        ] {
            let job = serde_json::json!({
                "job": "compare", "folder": folder.display().to_string(), "format": f,
                "table": table, "due": "2025-04-30",
            });
            let reply = run(&request(job, &files));
            let size = u32::from_le_bytes(reply[..4].try_into().unwrap()) as usize;
            let header: serde_json::Value = serde_json::from_slice(&reply[4..4 + size]).unwrap();
            assert_eq!(header["exit"], 0, "{f}: {}", header["messages"]);
            let on_disk =
                text(jobs::compare(&read, &catalog, format(f).unwrap(), table, &env).unwrap());
            assert!(reply[4 + size..] == on_disk[..], "{f} {table:?}");
        }
        // A file changed since (saved again): the estate is read again, not taken from before.
        let mut changed = names.clone();
        let at = changed
            .iter()
            .position(|(n, _)| std::path::Path::new(n).ends_with("hmp-harrowfield/2025.yaml"))
            .unwrap();
        let text = String::from_utf8(changed[at].1.clone()).unwrap();
        changed[at].1 = text
            .replacen("name: HMP Harrowfield", "name: HMP Harrowfield Again", 1)
            .into_bytes();
        let files: Vec<(&str, &[u8])> = changed
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect();
        let job = serde_json::json!({
            "job": "compare", "folder": folder.display().to_string(), "format": "csv",
            "table": "establishments", "due": "2025-04-30",
        });
        let reply = run(&request(job, &files));
        let size = u32::from_le_bytes(reply[..4].try_into().unwrap()) as usize;
        let csv = String::from_utf8(reply[4 + size..].to_vec()).unwrap();
        assert!(csv.contains("HMP Harrowfield Again"), "{csv}");
    }
}
