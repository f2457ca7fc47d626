//! One test for each file of the corpus: refused with exit code 1, at its place, in plain words,
//! quickly, and the whole output kept as a snapshot (see `mod.rs` for what is checked).
//!
//! Files whose mistake is the whole file (empty, or nothing but comments) have no line to point
//! at; they are listed in `WHOLE_FILE`. Every file in a folder has a test, and every test a file.

use super::{CORPUS_TIME_LIMIT, check_refused, corpus_dir};

/// Checks one corpus file and snapshots what `ties check` shows for it.
fn check(folder: &str, file: &str) {
    let path = format!("{folder}/{file}");
    let located = !WHOLE_FILE.contains(&path.as_str());
    let run = check_refused(&corpus_dir(), &path, located, CORPUS_TIME_LIMIT);
    insta::assert_snapshot!(
        format!("{folder}-{}", file.replace('.', "_")),
        run.to_string()
    );
}

/// Files whose mistake has no line to point at.
const WHOLE_FILE: &[&str] = &[
    "frameworks/empty.yaml",
    "assessments/only-spaces.yaml",
    "registers/comments-only.yaml",
];

/// Every file of `folder`, sorted.
fn names(folder: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(corpus_dir().join(folder))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    names
}

macro_rules! corpus {
    ($($folder:ident { $($test:ident => $file:literal,)* })*) => {
        $(
            mod $folder {
                $(
                    #[test]
                    fn $test() {
                        super::check(stringify!($folder), $file);
                    }
                )*

                #[test]
                fn every_file_is_tested() {
                    let tested: Vec<String> = vec![$($file.to_string()),*];
                    assert_eq!(super::names(stringify!($folder)), tested);
                }
            }
        )*
    };
}

corpus! {
    frameworks {
        alias_bomb_yaml => "alias-bomb.yaml",
        byte_order_mark_yaml => "byte-order-mark.yaml",
        control_characters_yaml => "control-characters.yaml",
        crlf_toml => "crlf.toml",
        cyrillic_id_yaml => "cyrillic-id.yaml",
        deep_indentation_yaml => "deep-indentation.yaml",
        deep_nesting_toml => "deep-nesting.toml",
        deep_nesting_yaml => "deep-nesting.yaml",
        duplicate_key_yaml => "duplicate-key.yaml",
        empty_yaml => "empty.yaml",
        escape_in_name_yaml => "escape-in-name.yaml",
        escape_in_title_toml => "escape-in-title.toml",
        escape_in_title_yaml => "escape-in-title.yaml",
        latin_1_toml => "latin-1.toml",
        level_values_enormous_yaml => "level-values-enormous.yaml",
        lone_carriage_return_toml => "lone-carriage-return.toml",
        long_dotted_heading_toml => "long-dotted-heading.toml",
        long_dotted_name_toml => "long-dotted-name.toml",
        non_breaking_space_id_toml => "non-breaking-space-id.toml",
        right_to_left_override_in_level_label_yaml => "right-to-left-override-in-level-label.yaml",
        sections_is_a_group_yaml => "sections-is-a-group.yaml",
        sections_is_text_yaml => "sections-is-text.yaml",
        tab_indentation_yaml => "tab-indentation.yaml",
        toml_missing_equals_toml => "toml-missing-equals.toml",
        toml_text_without_quotes_toml => "toml-text-without-quotes.toml",
        top_level_list_yaml => "top-level-list.yaml",
        two_documents_yaml => "two-documents.yaml",
        unclosed_quote_yaml => "unclosed-quote.yaml",
        unknown_field_yaml => "unknown-field.yaml",
        weight_1e308_yaml => "weight-1e308.yaml",
        weight_huge_integer_toml => "weight-huge-integer.toml",
        weight_inf_toml => "weight-inf.toml",
        weight_is_a_word_yaml => "weight-is-a-word.yaml",
        weight_nan_yaml => "weight-nan.yaml",
        weight_negative_zero_toml => "weight-negative-zero.toml",
        zero_width_joiner_in_section_title_yaml => "zero-width-joiner-in-section-title.yaml",
    }
    assessments {
        alias_bomb_yaml => "alias-bomb.yaml",
        bell_in_action_yaml => "bell-in-action.yaml",
        byte_order_mark_yaml => "byte-order-mark.yaml",
        colon_in_text_yaml => "colon-in-text.yaml",
        crlf_yaml => "crlf.yaml",
        cyrillic_a_item_id_yaml => "cyrillic-a-item-id.yaml",
        cyrillic_item_id_yaml => "cyrillic-item-id.yaml",
        cyrillic_rating_yaml => "cyrillic-rating.yaml",
        deep_nesting_yaml => "deep-nesting.yaml",
        denominator_1e308_yaml => "denominator-1e308.yaml",
        duplicate_response_yaml => "duplicate-response.yaml",
        escape_in_name_yaml => "escape-in-name.yaml",
        escape_in_narrative_yaml => "escape-in-narrative.yaml",
        establishment_is_text_yaml => "establishment-is-text.yaml",
        fullwidth_framework_yaml => "fullwidth-framework.yaml",
        impossible_date_yaml => "impossible-date.yaml",
        lone_carriage_return_in_comment_yaml => "lone-carriage-return-in-comment.yaml",
        month_13_yaml => "month-13.yaml",
        negative_numerator_yaml => "negative-numerator.yaml",
        non_breaking_space_item_id_yaml => "non-breaking-space-item-id.yaml",
        old_mac_line_endings_yaml => "old-mac-line-endings.yaml",
        only_spaces_yaml => "only-spaces.yaml",
        rating_is_a_number_yaml => "rating-is-a-number.yaml",
        responses_is_a_list_yaml => "responses-is-a-list.yaml",
        right_to_left_override_in_action_id_yaml => "right-to-left-override-in-action-id.yaml",
        right_to_left_override_in_name_yaml => "right-to-left-override-in-name.yaml",
        tab_indentation_yaml => "tab-indentation.yaml",
        target_inf_yaml => "target-inf.yaml",
        terminal_escape_yaml => "terminal-escape.yaml",
        two_documents_yaml => "two-documents.yaml",
        unknown_field_yaml => "unknown-field.yaml",
        value_nan_yaml => "value-nan.yaml",
        windows_1252_yaml => "windows-1252.yaml",
        year_huge_integer_yaml => "year-huge-integer.yaml",
        year_is_words_yaml => "year-is-words.yaml",
        year_negative_zero_yaml => "year-negative-zero.yaml",
        year_with_fraction_yaml => "year-with-fraction.yaml",
        zero_width_joiner_item_id_yaml => "zero-width-joiner-item-id.yaml",
        zero_width_space_in_region_yaml => "zero-width-space-in-region.yaml",
    }
    registers {
        alias_bomb_yaml => "alias-bomb.yaml",
        byte_order_mark_crlf_yaml => "byte-order-mark-crlf.yaml",
        capital_id_yaml => "capital-id.yaml",
        comments_only_yaml => "comments-only.yaml",
        cyrillic_id_yaml => "cyrillic-id.yaml",
        deep_nesting_yaml => "deep-nesting.yaml",
        duplicate_establishment_yaml => "duplicate-establishment.yaml",
        duplicate_key_yaml => "duplicate-key.yaml",
        escape_in_name_yaml => "escape-in-name.yaml",
        establishments_empty_yaml => "establishments-empty.yaml",
        establishments_is_a_group_yaml => "establishments-is-a-group.yaml",
        latin_1_yaml => "latin-1.yaml",
        name_is_empty_yaml => "name-is-empty.yaml",
        nation_is_a_number_yaml => "nation-is-a-number.yaml",
        right_to_left_override_in_name_yaml => "right-to-left-override-in-name.yaml",
        tab_indentation_yaml => "tab-indentation.yaml",
        top_level_list_yaml => "top-level-list.yaml",
        unclosed_bracket_yaml => "unclosed-bracket.yaml",
        unknown_field_yaml => "unknown-field.yaml",
        zero_width_space_id_yaml => "zero-width-space-id.yaml",
    }
}
