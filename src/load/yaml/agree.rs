//! The checks that the quick ways of reading YAML agree with the full reader: the fast path
//! (`fast`) and the look at a self-assessment's header (`header`). The unit tests run them on
//! every YAML file in the project and on generated documents, and the fuzz targets in `fuzz/`
//! on arbitrary text. Each returns what disagreed, in words, for the test or the fuzzer to
//! report.

use crate::diag::source::SourceFile;
use crate::load::node::{Node, Value};

use super::{fast, header, plain, quick, read_in_full};

/// Whether the fast path took `text` (`Ok(true)`) or left it to the full reader (`Ok(false)`);
/// an error when it took it and read it otherwise than the full reader, or took a text the
/// full reader refuses.
pub fn fast_path(text: &str) -> Result<bool, String> {
    agrees_with_full_reader("the fast path", fast::parse, text)
}

/// Whether the quick path took `text` (`Ok(true)`) or left it to the fast path (`Ok(false)`);
/// an error as for `fast_path`.
pub fn quick_path(text: &str) -> Result<bool, String> {
    agrees_with_full_reader("the quick path", quick::parse, text)
}

/// Whether `read` (named `name`) took `text`, and read it as the full reader does.
fn agrees_with_full_reader(
    name: &str,
    read: fn(&SourceFile) -> Option<Node>,
    text: &str,
) -> Result<bool, String> {
    let file = SourceFile::new("t.yaml", text);
    let Some(taken) = read(&file) else {
        return Ok(false);
    };
    let shown: String = text.chars().take(60).collect();
    match read_in_full(&file) {
        Ok(full) if same(&taken, &full) => Ok(true),
        Ok(full) => Err(format!(
            "{name} reads {shown:?}... otherwise than the full reader: {}",
            difference(&taken, &full).unwrap_or_default()
        )),
        Err(e) => Err(format!(
            "{name} reads {shown:?}..., which the full reader refuses: {}",
            e.message
        )),
    }
}

/// Whether what the header look tells of `text` is what the full reader reads: where it tells
/// a year, the file's top-level `year` is that whole number, and where it tells an
/// establishment, the file's `establishment` has that `id`. A file the full reader refuses has
/// no year or establishment to disagree with (the estate reads it in full when it shows its
/// year, and reports the problem). `Ok(true)` when the look told something.
pub fn header(text: &str) -> Result<bool, String> {
    let told = header::scan(text);
    if told == header::Header::default() {
        return Ok(false);
    }
    let Ok(node) = read_in_full(&SourceFile::new("t.yaml", text)) else {
        return Ok(true);
    };
    let entry = |node: &Node, name: &str| -> Option<Value> {
        match &node.value {
            Value::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.name == name)
                .map(|(_, v)| v.value.clone()),
            _ => None,
        }
    };
    if let Some(year) = told.year {
        let read = entry(&node, "year");
        if read != Some(Value::Int(i64::from(year))) {
            return Err(format!(
                "the header look tells year {year} of {text:?}, the full reader reads {read:?}"
            ));
        }
    }
    if let Some(id) = &told.establishment {
        let read = match &node.value {
            Value::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.name == "establishment")
                .and_then(|(_, e)| entry(e, "id")),
            _ => None,
        };
        if read != Some(Value::Str(id.clone())) {
            return Err(format!(
                "the header look tells establishment {id:?} of {text:?}, the full reader reads \
                 {read:?}"
            ));
        }
    }
    Ok(true)
}

/// Whether a text that the writer's rule (`plain::writes_plain`) lets be written without quotes
/// reads back, by the full reader, as exactly that text: after a name, and in a `[...]` list.
pub fn plain_text(s: &str) -> Result<(), String> {
    let wanted = Value::Str(s.to_string());
    let read = |text: String| -> Option<Value> {
        let node = read_in_full(&SourceFile::new("t.yaml", text)).ok()?;
        match node.value {
            Value::Map(mut entries) if entries.len() == 1 => Some(entries.remove(0).1.value),
            _ => None,
        }
    };
    if plain::writes_plain(s, false) {
        let back = read(format!("k: {s}\n"));
        if back.as_ref() != Some(&wanted) {
            return Err(format!("{s:?} is written plain and read back as {back:?}"));
        }
    }
    if plain::writes_plain(s, true) {
        let back = read(format!("k: [{s}]\n"));
        let items = match &back {
            Some(Value::List(items)) if items.len() == 1 => Some(&items[0].value),
            _ => None,
        };
        if items != Some(&wanted) {
            return Err(format!(
                "{s:?} is written plain in a list and read back as {back:?}"
            ));
        }
    }
    Ok(())
}

/// The first place where two trees differ, in words.
fn difference(a: &Node, b: &Node) -> Option<String> {
    if a.pos != b.pos {
        return Some(format!("{:?} against {:?} ({:?})", a.pos, b.pos, b.value));
    }
    match (&a.value, &b.value) {
        (Value::List(x), Value::List(y)) if x.len() == y.len() => {
            x.iter().zip(y).find_map(|(a, b)| difference(a, b))
        }
        (Value::Map(x), Value::Map(y)) if x.len() == y.len() => {
            x.iter().zip(y).find_map(|((ka, a), (kb, b))| {
                if ka != kb {
                    return Some(format!("the name {ka:?} against {kb:?}"));
                }
                difference(a, b).map(|d| format!("{}: {d}", ka.name))
            })
        }
        _ if same(a, b) => None,
        (x, y) => Some(format!("{x:?} at {:?} against {y:?}", a.pos)),
    }
}

/// The same tree, value for value (decimals bit for bit) and position for position.
fn same(a: &Node, b: &Node) -> bool {
    a.pos == b.pos
        && match (&a.value, &b.value) {
            (Value::Float(x), Value::Float(y)) => x.to_bits() == y.to_bits(),
            (Value::List(x), Value::List(y)) => {
                x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
            }
            (Value::Map(x), Value::Map(y)) => {
                x.len() == y.len()
                    && x.iter()
                        .zip(y)
                        .all(|((ka, a), (kb, b))| ka == kb && same(a, b))
            }
            (x, y) => x == y,
        }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::path::{Path, PathBuf};

    fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                yaml_files(&p, out);
            } else if p.extension().is_some_and(|x| x == "yaml" || x == "yml") {
                out.push(p);
            }
        }
    }

    /// Every YAML file in the project: the bundled frameworks and examples, the fixtures, the
    /// test suite's corpus (broken, hostile and generated files) and the fuzzers' seeds.
    fn project_files() -> Vec<(String, String)> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in ["frameworks", "assessments", "tests", "fuzz/seeds"] {
            yaml_files(&root.join(dir), &mut files);
        }
        assert!(files.len() > 100, "{} files", files.len());
        files
            .iter()
            .filter_map(|p| {
                let bytes = std::fs::read(p).ok()?;
                Some((
                    p.display().to_string(),
                    String::from_utf8_lossy(&bytes).into_owned(),
                ))
            })
            .collect()
    }

    /// The quick and the fast paths read every YAML file in the project as the full reader
    /// does, and each takes most of them (what they are for).
    #[test]
    fn the_quick_and_fast_paths_read_every_yaml_file_in_the_project_as_the_full_reader_does() {
        let files = project_files();
        for (path, check) in [
            (
                "the quick path",
                quick_path as fn(&str) -> Result<bool, String>,
            ),
            ("the fast path", fast_path),
        ] {
            let mut taken = 0;
            for (name, text) in &files {
                match check(text) {
                    Ok(took) => taken += usize::from(took),
                    Err(e) => panic!("{name}: {e}"),
                }
            }
            assert!(taken > 50, "{path} took only {taken} files");
        }
    }

    /// A file the reader calls plain holds no character the check of characters refuses: on
    /// every YAML file in the project, and on files that would hold one but for that rule.
    #[test]
    fn a_file_read_as_plain_holds_no_character_the_check_refuses() {
        // The deepest files of the corpus need more stack than a test's thread has, unoptimised.
        std::thread::Builder::new()
            .stack_size(64 << 20)
            .spawn(plain_files_hold_no_refused_character)
            .unwrap()
            .join()
            .unwrap();
    }

    fn plain_files_hold_no_refused_character() {
        let mut plain = 0;
        for (name, text) in project_files() {
            let file = SourceFile::new(Path::new(&name), text);
            if let Ok((node, true)) = super::super::parse(&file) {
                plain += 1;
                let found = crate::load::characters::check_all(&file, &node);
                assert!(found.is_empty(), "{name}: {found:?}");
            }
        }
        assert!(plain > 50, "only {plain} files read as plain");
        for text in [
            "ties: 1\nname: \"a\\u001bb\"\n",
            "ties: 1\nname: \"a\\u200bb\"\n",
            "ties: 1\nname: \"a\u{200b}b\"\n",
            "ties: 1\na\tb: 1\n",
            "ties: 1\nname: a\u{85}b\n",
            "ties: 1\nname: \"\\\\\\u200b\"\n",
        ] {
            let file = SourceFile::new(Path::new("a.yaml"), text.to_string());
            let (node, plain) = super::super::parse(&file).unwrap();
            assert!(!plain, "{text:?}");
            let found = crate::load::characters::check_all(&file, &node);
            assert!(!found.is_empty(), "{text:?}");
        }
    }

    /// The look at a header tells what the full reader reads, on every YAML file in the
    /// project, and tells it of the bundled examples and the ordinary fixtures (what it is for).
    #[test]
    fn the_header_look_agrees_with_the_full_reader_on_every_yaml_file_in_the_project() {
        let mut told = 0;
        let mut assessments = 0;
        for (name, text) in project_files() {
            match header(&text) {
                Ok(t) => told += usize::from(t),
                Err(e) => panic!("{name}: {e}"),
            }
            // The bundled examples and the fixtures that are self-assessments (not registers),
            // written plainly (without a byte order mark).
            // With `/` between names, as on Windows the folders' own separator is `\`.
            let relative = name
                .strip_prefix(env!("CARGO_MANIFEST_DIR"))
                .unwrap_or(&name)
                .replace('\\', "/");
            let ordinary = (relative.starts_with("/assessments/")
                || relative.starts_with("/tests/fixtures/assessments/"))
                && !text.starts_with('\u{feff}')
                && text.lines().any(|l| l.starts_with("establishment:"));
            if ordinary {
                assessments += 1;
                let h = super::header::scan(&text);
                assert!(
                    h.year.is_some() && h.establishment.is_some(),
                    "{name}: the look tells {h:?}"
                );
            }
        }
        assert!(assessments > 20, "only {assessments} self-assessments");
        assert!(told > 40, "the look told something of only {told} files");
    }

    /// Self-assessments generated as a person might write them: the look never tells what the
    /// full reader does not read.
    fn header_document() -> impl Strategy<Value = String> {
        let value = prop::sample::select(vec![
            "2025",
            "2024",
            "02025",
            "20250",
            "25",
            "-2025",
            "2025.0",
            "\"2025\"",
            "'2025'",
            "!!int 2025",
            "&y 2025",
            "hmp-ash",
            "no",
            "yes",
            "on",
            "off",
            "y",
            "n",
            "null",
            "nan",
            "inf",
            "Null",
            "true",
            "[2025]",
            "{ id: hmp-a }",
            "",
            "|\n  2025",
        ]);
        let key = prop::sample::select(vec![
            "ties",
            "year",
            "establishment",
            "responses",
            "id",
            "name",
            "x",
            "\"year\"",
            "year ",
            "? year",
        ]);
        let indent = prop::sample::select(vec!["", "", "  ", "    ", "\t"]);
        let after = prop::sample::select(vec!["", " # note", "#x", "\n  more", "\n\n  more"]);
        let line = (indent, key, value, after).prop_map(|(i, k, v, a)| format!("{i}{k}: {v}{a}"));
        prop::collection::vec(line, 1..10).prop_map(|lines| lines.join("\n") + "\n")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn generated_headers_agree_with_the_full_reader(doc in header_document()) {
            if let Err(e) = header(&doc) {
                prop_assert!(false, "{}", e);
            }
        }

        #[test]
        fn texts_written_plain_read_back_unchanged(text in "\\PC{0,12}|[a-zA-Z][a-zA-Z0-9 :#,.+-]{0,10}") {
            if let Err(e) = plain_text(&text) {
                prop_assert!(false, "{}", e);
            }
        }

        #[test]
        fn arbitrary_text_reads_the_same(text in "[a-z0-9 :#\\-\n\"'\\[\\]{},.|>&*!?~]{0,80}") {
            if let Err(e) = fast_path(&text) {
                prop_assert!(false, "{}", e);
            }
            if let Err(e) = quick_path(&text) {
                prop_assert!(false, "{}", e);
            }
            if let Err(e) = plain_text(&text) {
                prop_assert!(false, "{}", e);
            }
            let with_header = format!("ties: 1\n{text}");
            if let Err(e) = header(&with_header) {
                prop_assert!(false, "{}", e);
            }
        }
    }
}
