//! Files too large to keep in the repository, written by the test to a scratch folder: a file of
//! tens of megabytes, one just under the size limit holding too many values, and lines of a
//! million characters. Each is refused with a message that names the limit it breaks, and the
//! long line is shown in part.

use super::{GENERATED_TIME_LIMIT, check_refused};
use crate::{Run, scratch};

/// Writes `text` to `file` in a scratch folder, checks it, snapshots the output and removes the
/// folder again (the files are large).
fn check_generated(test: &str, file: &str, text: &str) -> Run {
    let dir = scratch(test);
    std::fs::write(dir.join(file), text).unwrap();
    // A file over the size limit is refused before it is read: it has no line to point at.
    let located = text.len() as u64 <= ties::load::MAX_FILE_BYTES;
    let run = check_refused(&dir, file, located, GENERATED_TIME_LIMIT);
    std::fs::remove_dir_all(&dir).unwrap();
    insta::assert_snapshot!(test, run.to_string());
    run
}

/// A plausible assessment, to repeat.
const ASSESSMENT_START: &str = "ties: 1\nestablishment:\n  id: hmp-example\n  name: HMP Example\n  nation: england-wales\nyear: 2025\nframeworks: [farmer-offer]\nresponses:\n  farmer-offer/visitor-centre:\n    rating: fully-in-place\n    narrative: |\n";

#[test]
fn file_of_tens_of_megabytes() {
    let line = "      Volunteers meet every family at the gate and show them to the visits hall.\n";
    let mut text = String::from(ASSESSMENT_START);
    while text.len() < 30 * 1024 * 1024 {
        text.push_str(line);
    }
    let run = check_generated("file_of_tens_of_megabytes", "2025.yaml", &text);
    let limit = format!("at most {} MB", ties::load::MAX_FILE_BYTES / (1024 * 1024));
    assert!(run.stdout.contains(&limit), "{run}");
}

#[test]
fn file_under_the_size_limit_with_too_many_values() {
    let mut text = String::from("ties: 1\nframeworks:\n");
    while text.len() < ties::load::MAX_FILE_BYTES as usize - 1024 {
        text.push_str("  - farmer-offer\n");
    }
    let run = check_generated("file_with_too_many_values", "2025.yaml", &text);
    let limit = format!("at most {} values", ties::load::yaml::MAX_VALUES);
    assert!(run.stdout.contains(&limit), "{run}");
}

#[test]
fn toml_file_with_too_many_values() {
    let mut text = String::from("id = \"big\"\nweights = [");
    while text.len() < 8 * 1024 * 1024 {
        text.push_str("1, ");
    }
    text.push_str("1]\n");
    let run = check_generated("toml_file_with_too_many_values", "big.toml", &text);
    let limit = format!("at most {} values", ties::load::yaml::MAX_VALUES);
    assert!(run.stdout.contains(&limit), "{run}");
}

/// A title of a million characters whose closing quote is missing.
#[test]
fn line_of_a_million_characters_in_a_framework() {
    let title = "A very long title ".repeat(1024 * 1024 / 18);
    let text = format!("id: long\ntitle: \"{title}\nversion: \"1.0.0\"\n");
    check_generated("million_character_title", "long.yaml", &text);
}

/// A response name of a million characters: longer than YAML allows a name to be.
#[test]
fn name_of_a_million_characters_in_an_assessment() {
    let text = format!(
        "ties: 1\nresponses:\n  farmer-offer/{}:\n    rating: good\n",
        "visitor-centre-".repeat(1024 * 1024 / 15)
    );
    let run = check_generated("million_character_name", "2025.yaml", &text);
    let limit = format!("at most {} characters", ties::load::yaml::MAX_NAME_CHARS);
    assert!(run.stdout.contains(&limit), "{run}");
}

/// An establishment id of a million characters, not a valid id: the message quotes it in part.
#[test]
fn id_of_a_million_characters_in_a_register() {
    let text = format!(
        "establishments:\n  - id: hmp-{}\n    name: HMP Long\n    nation: scotland\n",
        "Long".repeat(1024 * 1024 / 4)
    );
    check_generated("million_character_id", "register.yaml", &text);
}

/// A device that never ends, given by name: read as far as the size limit and refused, however
/// much more it would give (its reported size is 0). Unix only: Windows has no `/dev/zero`.
#[cfg(unix)]
#[test]
fn a_device_that_never_ends() {
    let run = check_refused(&crate::root(), "/dev/zero", false, GENERATED_TIME_LIMIT);
    assert!(run.stdout.contains("found: more than 16.0 MB"), "{run}");
    insta::assert_snapshot!("a_device_that_never_ends", run.to_string());
}
