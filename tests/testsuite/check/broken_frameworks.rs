//! `ties check` on framework files with one deliberate mistake each.

use super::{assert_located_error, fixture_names};
use crate::{Test, root};

const DIR: &str = "tests/fixtures/broken-frameworks";

/// Checks one broken framework: exit 1, the mistake at file:line:column with what was expected
/// and what was found, and the whole output as a snapshot.
fn check(file: &str) {
    let path = format!("{DIR}/{file}");
    let run = Test::new().args(["check", &path]).run();
    assert_located_error(&run, &path);
    assert!(run.stdout.contains("= expected: "), "no `expected`:\n{run}");
    assert!(run.stdout.contains("= found: "), "no `found`:\n{run}");
    let first = std::fs::read_to_string(root().join(&path)).unwrap();
    assert!(
        first.starts_with("# Broken: "),
        "{path} should say at the top what is wrong with it"
    );
    insta::assert_snapshot!(file.replace('.', "_"), run.to_string());
}

macro_rules! fixtures {
    ($($test:ident => $file:literal,)*) => {
        $(
            #[test]
            fn $test() {
                check($file);
            }
        )*

        /// Every file in the folder has a test, and every test a file.
        #[test]
        fn every_fixture_is_tested() {
            let mut tested = vec![$($file.to_string()),*];
            tested.sort();
            assert_eq!(fixture_names(DIR), tested);
        }
    };
}

fixtures! {
    bands_gap => "bands-gap.yaml",
    bands_overlap => "bands-overlap.yaml",
    bands_short_of_one => "bands-short-of-one.yaml",
    duplicate_item_id => "duplicate-item-id.yaml",
    empty_scale => "empty-scale.yaml",
    invalid_id => "invalid-id.yaml",
    level_without_source => "level-without-source.yaml",
    levels_out_of_order => "levels-out-of-order.yaml",
    link_kinds_disagree => "link-kinds-disagree.yaml",
    list_for_text => "list-for-text.yaml",
    maps_to_unknown_item => "maps-to-unknown-item.yaml",
    missing_title => "missing-title.yaml",
    nation_twice => "nation-twice.yaml",
    nations_empty => "nations-empty.yaml",
    negative_weight_toml => "negative-weight.toml",
    outcome_without_term => "outcome-without-term.yaml",
    same_practice_without_reason => "same-practice-without-reason.yaml",
    scale_without_source => "scale-without-source.yaml",
    tab_indentation => "tab-indentation.yaml",
    tag_not_in_vocabulary => "tag-not-in-vocabulary.yaml",
    term_on_criterion => "term-on-criterion.yaml",
    toml_syntax_error => "toml-syntax-error.toml",
    unknown_field => "unknown-field.yaml",
    unknown_kind => "unknown-kind.yaml",
    unknown_scale => "unknown-scale.yaml",
    unknown_scale_toml => "unknown-scale.toml",
    yaml_syntax_error => "yaml-syntax-error.yaml",
    zero_weight => "zero-weight.yaml",
}

/// A suggestion is offered wherever the mistake is a near miss of a right answer.
#[test]
fn near_misses_get_a_suggestion() {
    for (file, suggestion) in [
        ("unknown-scale.yaml", "did you mean `provision`?"),
        ("unknown-scale.toml", "did you mean `provision`?"),
        ("unknown-field.yaml", "did you mean `prompts`?"),
        ("unknown-kind.yaml", "did you mean `criterion`?"),
        (
            "maps-to-unknown-item.yaml",
            "did you mean `farmer-offer/visitor-centre`?",
        ),
        (
            "tag-not-in-vocabulary.yaml",
            "did you mean `strand/workforce`?",
        ),
        ("invalid-id.yaml", "did you mean `visitor-centre`?"),
    ] {
        let run = Test::new().args(["check", &format!("{DIR}/{file}")]).run();
        assert!(run.stdout.contains(suggestion), "{file}:\n{run}");
    }
}

/// All the broken frameworks at once: each file's problems are reported, and the run still
/// fails as a whole.
#[test]
fn the_whole_folder_at_once() {
    let run = Test::new().args(["check", DIR]).status(1).run();
    for file in fixture_names(DIR) {
        assert!(
            run.stdout.contains(&format!("{DIR}/{file}:")),
            "{file} not reported:\n{run}"
        );
    }
}
