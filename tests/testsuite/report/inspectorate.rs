//! An inspectorate's grade words (HMIP's) are never shown as if they were its judgement: in
//! every output of every bundled example (reports in both formats and versions, scores, the
//! estate, the trend), each level of a scale the framework file marks `inspectorate: true` is
//! shown only as "Self-assessed: good".

use crate::{ok, root};

/// The level labels of every bundled framework's inspectorate scales.
fn inspectorate_words() -> Vec<String> {
    let mut words = Vec::new();
    for file in std::fs::read_dir(root().join("frameworks")).expect("frameworks") {
        let path = file.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("framework");
        let fw: serde_json::Value = serde_saphyr::from_str(&text).expect("YAML");
        for scale in fw["scales"].as_array().into_iter().flatten() {
            if scale["inspectorate"] == true {
                for level in scale["levels"].as_array().into_iter().flatten() {
                    words.push(level["label"].as_str().expect("label").to_string());
                }
            }
        }
    }
    assert!(
        !words.is_empty(),
        "no framework has an inspectorate's scale"
    );
    words
}

/// Each place in `text` where one of `words` stands as a whole word, as written (a marked
/// rating starts it with a small letter after "Self-assessed: ").
fn unmarked<'a>(text: &'a str, words: &[String]) -> Vec<&'a str> {
    let mut found = Vec::new();
    for w in words {
        for (at, _) in text.match_indices(w.as_str()) {
            let before = text[..at].chars().next_back();
            let after = text[at + w.len()..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            // The estate view's heading "Good practice" is not a rating.
            if text[at..].starts_with("Good practice") {
                continue;
            }
            let start = text[..at]
                .char_indices()
                .rev()
                .nth(40)
                .map_or(0, |(i, _)| i);
            let end = (at + w.len() + 40).min(text.len());
            let end = (end..=text.len())
                .find(|i| text.is_char_boundary(*i))
                .unwrap_or(text.len());
            found.push(&text[start..end]);
        }
    }
    found
}

#[test]
fn no_hmip_grade_word_is_shown_without_its_self_assessed_marking() {
    let words = inspectorate_words();
    let mut outputs: Vec<(String, String)> = Vec::new();
    // The examples rated on an inspectorate's scale: England and Wales's (Scotland's own
    // six-point scale has a level "Good" of its own).
    let mut establishments = Vec::new();
    for dir in std::fs::read_dir(root().join("assessments")).expect("assessments") {
        let dir = dir.expect("entry").path();
        if !dir.is_dir() {
            continue;
        }
        let name = dir
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        let mut uses = false;
        for file in std::fs::read_dir(&dir).expect("folder") {
            let path = file.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("example");
            if !text.contains("hmip-expectations") {
                continue;
            }
            uses = true;
            let file = format!(
                "assessments/{name}/{}",
                path.file_name().and_then(|n| n.to_str()).unwrap_or("")
            );
            for format in ["md", "html"] {
                for audience in ["public", "inspector"] {
                    let out = ok(&["report", &file, "--format", format, "--audience", audience]);
                    outputs.push((format!("report {file} {format} {audience}"), out));
                }
            }
            for format in ["table", "json", "csv"] {
                outputs.push((
                    format!("score {file} {format}"),
                    ok(&["score", &file, "--format", format]),
                ));
            }
        }
        if uses {
            establishments.push(name);
        }
    }
    assert!(establishments.len() >= 2, "{establishments:?}");
    for format in ["md", "html", "csv", "json"] {
        // The JSON holds every table; of the CSV's, items, peers and sections give ratings
        // and grades.
        let tables: &[&str] = if format == "csv" {
            &["items", "peers", "sections"]
        } else {
            &[""]
        };
        for table in tables {
            let mut args = vec![
                "compare",
                "assessments",
                "--nation",
                "england-wales",
                "--format",
                format,
            ];
            if !table.is_empty() {
                args.extend(["--table", table]);
            }
            outputs.push((format!("compare {format} {table}"), ok(&args)));
        }
        for e in &establishments {
            outputs.push((
                format!("trend {e} {format}"),
                ok(&[
                    "trend",
                    "assessments",
                    "--establishment",
                    e,
                    "--format",
                    format,
                ]),
            ));
        }
    }
    let mut problems = Vec::new();
    for (what, out) in &outputs {
        for place in unmarked(out, &words) {
            problems.push(format!("{what}: …{place}…"));
        }
    }
    assert!(
        problems.is_empty(),
        "{} unmarked:\n{}",
        problems.len(),
        problems.join("\n")
    );
    // The marking is there to be found.
    assert!(
        outputs
            .iter()
            .any(|(_, o)| o.contains("Self-assessed: reasonably good"))
    );
}
