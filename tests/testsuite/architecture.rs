//! The rules of ARCHITECTURE.md, held against the code: which stage of the library may import
//! which, presentation in one home, and one `Format` type. They read `src/` as text, so a
//! change that breaks a rule fails here with the file and line that break it.

use std::fs;
use std::path::{Path, PathBuf};

use crate::root;

/// The library's stages, in the order data flows through them: a stage may import only those
/// before it (`diag` and `error` are used by every stage).
const STAGES: [&str; 10] = [
    "diag", "error", "load", "model", "validate", "score", "estate", "view", "output", "jobs",
];

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in fs::read_dir(&d).expect("a folder of src") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The stage a file of `src/` belongs to: its first folder, or its name for a file at the top.
fn stage_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    Some(first.trim_end_matches(".rs").to_string())
}

/// The lines of a file's own code: a file of tests, a module of tests (`#[cfg(test)] mod … {`,
/// at the end of a file, everything from there on), and any other item marked `#[cfg(test)]` (a
/// `mod fixture;`, a function that makes test data) are left out, since tests may set up any
/// stage.
fn code_lines(file: &Path) -> Vec<(usize, String)> {
    if file.file_name().is_some_and(|n| n == "tests.rs") {
        return Vec::new();
    }
    let text = fs::read_to_string(file).expect("a source file");
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim() != "#[cfg(test)]" {
            out.push((i + 1, lines[i].to_string()));
            i += 1;
            continue;
        }
        let next = lines.get(i + 1).map_or("", |l| l.trim());
        if next.starts_with("mod ") && next.ends_with('{') {
            break;
        }
        // One item for tests only: a line ending in `;`, or everything to its closing brace
        // at the start of a line.
        i += 1;
        if next.ends_with(';') {
            i += 1;
            continue;
        }
        while i < lines.len() && lines[i] != "}" {
            i += 1;
        }
        i += 1;
    }
    out
}

/// Each `crate::STAGE` a line names.
fn stages_named(line: &str) -> Vec<&str> {
    line.match_indices("crate::")
        .map(|(at, _)| {
            let rest = &line[at + "crate::".len()..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            &rest[..end]
        })
        .collect()
}

#[test]
fn a_stage_imports_only_the_stages_before_it() {
    let src = root().join("src");
    let mut broken = Vec::new();
    for file in rust_files(&src) {
        let Some(stage) = stage_of(&src, &file) else {
            continue;
        };
        let Some(at) = STAGES.iter().position(|s| *s == stage) else {
            continue;
        };
        for (n, line) in code_lines(&file) {
            for named in stages_named(&line) {
                let Some(to) = STAGES.iter().position(|s| *s == named) else {
                    continue;
                };
                if to > at {
                    broken.push(format!(
                        "{}:{n}: {stage} imports {named}, which comes after it",
                        file.strip_prefix(root()).unwrap_or(&file).display()
                    ));
                }
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn views_are_plain_data_and_never_write_a_format() {
    let src = root().join("src");
    let mut found = Vec::new();
    for file in rust_files(&src.join("view")) {
        for (n, line) in code_lines(&file) {
            let writes = ["crate::output", "rust_xlsxwriter", "minijinja"];
            if let Some(w) = writes.iter().find(|w| line.contains(*w)) {
                found.push(format!("{}:{n}: {w}", file.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "views must not write: {}",
        found.join("\n")
    );
}

#[test]
fn there_is_one_format_type() {
    let src = root().join("src");
    let enums: Vec<String> = rust_files(&src)
        .into_iter()
        .flat_map(|file| {
            code_lines(&file)
                .into_iter()
                .filter(|(_, l)| l.contains("enum Format"))
                .map(move |(n, _)| format!("{}:{n}", file.display()).replace('\\', "/"))
        })
        .collect();
    assert_eq!(enums.len(), 1, "one `enum Format`, found: {enums:?}");
    assert!(enums[0].contains("src/output/"), "{enums:?}");
}

#[test]
fn the_rule_finds_what_it_looks_for() {
    assert_eq!(
        stages_named("use crate::view::chart; x(crate::output::svg::draw)"),
        ["view", "output"]
    );
    assert_eq!(STAGES.iter().position(|s| *s == "output"), Some(8));
}

/// Where the code reaches the system: the disk, the clock, threads, the process and its
/// environment. Only the command line does: the library (reading a file's bytes, checking,
/// scoring, comparing the estate, the views and the writers of every format) works on what it is
/// given, and asks a `load::Files` for the files it reads and to run many reads at once. That
/// is how the web page runs the same code with no disk, no clock and one thread. A new place
/// fails here until it is moved into the command line's folder.
const REACHES_THE_SYSTEM: [(&str, &str); 2] = [
    (
        "src/cli/",
        "the command line's own folder: arguments, the disk (reading files and folders, on one \
         thread per core, and writing files safely) and the templates folder",
    ),
    ("src/main.rs", "the program's exit code"),
];

/// The words by which Rust code reaches the system.
const SYSTEM: [&str; 18] = [
    "std::fs",
    "fs::",
    "File::open",
    "OpenOptions",
    "read_dir",
    "canonicalize",
    "symlink_metadata",
    ".metadata()",
    ".is_file()",
    ".is_dir()",
    ".exists()",
    "SystemTime",
    "Instant::",
    // The clock, by any library: `Utc::now()`, `Local::now()`, `Instant::now()`.
    "::now(",
    "available_parallelism",
    "std::thread",
    "std::env",
    "std::process::exit",
];

/// The first word of `SYSTEM` a line holds.
fn system_word(line: &str) -> Option<&'static str> {
    SYSTEM.iter().copied().find(|w| line.contains(*w))
}

#[test]
fn the_rule_for_the_system_finds_the_disk_the_clock_and_threads() {
    for line in [
        "let bytes = std::fs::read(path)?;",
        "use std::fs::File;",
        "let f = File::open(path)?;",
        "for e in dir.read_dir()? {",
        "if path.is_file() {",
        "let today = chrono::Local::now().date_naive();",
        "let started = Instant::now();",
        "std::thread::scope(|s| {",
        "let cores = available_parallelism();",
        "let home = std::env::var(\"HOME\");",
    ] {
        assert!(system_word(line).is_some(), "{line}");
    }
    for line in [
        "let doc = files.document(path)?;",
        "let bytes = files.read(&path)?;",
    ] {
        assert_eq!(system_word(line), None, "{line}");
    }
}

#[test]
fn the_system_is_reached_only_in_named_places() {
    let src = root().join("src");
    let mut found = Vec::new();
    let mut used = vec![false; REACHES_THE_SYSTEM.len()];
    for file in rust_files(&src) {
        let name = file
            .strip_prefix(root())
            .unwrap_or(&file)
            .to_string_lossy()
            .replace('\\', "/");
        let place = REACHES_THE_SYSTEM
            .iter()
            .position(|(p, _)| name == *p || (p.ends_with('/') && name.starts_with(p)));
        for (n, line) in code_lines(&file) {
            if line.trim_start().starts_with("//") {
                continue;
            }
            let Some(word) = system_word(&line) else {
                continue;
            };
            match place {
                Some(at) => used[at] = true,
                None => found.push(format!("{name}:{n}: {word}: {}", line.trim())),
            }
        }
    }
    assert!(
        found.is_empty(),
        "the system is reached outside the places named in REACHES_THE_SYSTEM:\n{}",
        found.join("\n")
    );
    let stale: Vec<_> = REACHES_THE_SYSTEM
        .iter()
        .zip(&used)
        .filter(|(_, used)| !**used)
        .map(|((p, _), _)| *p)
        .collect();
    assert!(
        stale.is_empty(),
        "named but no longer reaching the system: {stale:?}"
    );
}

#[test]
fn items_for_tests_only_are_left_out_and_the_rest_kept() {
    let file = crate::scratch("architecture-cfg-test").join("x.rs");
    fs::write(
        &file,
        "use a;\n#[cfg(test)]\nmod fixture;\nfn b() {}\n#[cfg(test)]\nfn c() {\n    std::fs::read(x);\n}\nfn d() {}\n#[cfg(test)]\nmod tests {\n    fn e() {}\n}\n",
    )
    .unwrap();
    let kept: Vec<String> = code_lines(&file).into_iter().map(|(_, l)| l).collect();
    assert_eq!(kept, ["use a;", "fn b() {}", "fn d() {}"]);
}
