//! The SPS Family and Parenting Strategy 2024-2029 (seed 000) against
//! `frameworks/sps-family-strategy.yaml`.
//!
//! The statements are read from the seed text, not copied into this file: the practice statements
//! under the four key outcomes, the local actions, the next steps, the principles and key strands,
//! and the three columns of the outline logic model (Appendix 1, tab-separated).
//!
//! Key outcome 4's heading is printed in the middle of a sentence, so the page does not say which
//! statements answer outcome 3 and which outcome 4. The framework reads them by what they say
//! (`by_content`): under outcome 3's heading, the statements on parents answer outcome 3, and
//! from the first that is not about parents, the statements answer outcome 4.

use super::{assert_all_present, framework, normalise, seed, texts_under};
use serde_json::Value;

const SEED: &str = "000_7b611ba69384d693.txt";
const FRAMEWORK: &str = "sps-family-strategy";

/// Page-break artifacts that joining the split lines cannot repair: (as joined, as printed).
const CORRECTIONS: &[(&str, &str)] = &[
    // Key strands: "to develop cons" ends one page and "istency." starts the next, with no hyphen.
    ("cons istency", "consistency"),
    // Next steps: "utilising differ-" ends one page and "rent ways" starts the next.
    ("differrent ways", "different ways"),
];

fn correct(text: &str) -> String {
    CORRECTIONS
        .iter()
        .fold(text.to_string(), |t, (from, to)| t.replace(from, to))
}

/// The lines strictly between the first line containing `start` and the next line containing
/// `end`.
fn region<'a>(lines: &[&'a str], start: &str, end: &str) -> Vec<&'a str> {
    let from = lines
        .iter()
        .position(|l| l.contains(start))
        .unwrap_or_else(|| panic!("seed has no line containing {start:?}"));
    let to = lines[from + 1..]
        .iter()
        .position(|l| l.contains(end))
        .map(|i| from + 1 + i)
        .unwrap_or_else(|| panic!("seed has no line containing {end:?} after {start:?}"));
    lines[from + 1..to].to_vec()
}

/// The number of a key-outcome heading such as `### 1. Families ...` or `**4. Families ...**`.
fn outcome_number(line: &str) -> Option<usize> {
    let rest = line.trim_start_matches(['#', '*', ' ']);
    let (number, text) = rest.split_once(". ")?;
    if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit()) || text.is_empty() {
        return None;
    }
    number.parse().ok()
}

/// Appends a line that continues a statement split by a page break. A trailing " -" marks a
/// break between words, a trailing "-" straight after a letter a word split in two.
fn join(statement: &mut String, rest: &str) {
    if let Some(head) = statement.strip_suffix(" -") {
        *statement = format!("{} {rest}", head.trim_end());
    } else if let Some(head) = statement.strip_suffix('-') {
        *statement = format!("{head}{rest}");
    } else {
        statement.push(' ');
        statement.push_str(rest);
    }
}

/// A statement is finished when it ends a sentence; anything else was cut by a page break.
fn finished(statement: &str) -> bool {
    statement.ends_with(['.', ':', '!', '?'])
}

/// The bulleted statements of a region, each with the key outcome whose heading it starts under
/// (`None` before any heading). A non-bullet line after an unfinished bullet continues it, even
/// when a heading was printed in between: a statement belongs where it begins. Text before the
/// first bullet is an introduction and is skipped; any other stray paragraph is an error.
fn bullets(lines: &[&str]) -> Vec<(Option<usize>, String)> {
    let mut out: Vec<(Option<usize>, String)> = Vec::new();
    let mut heading = None;
    for line in lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()) {
        if let Some(n) = outcome_number(line) {
            heading = Some(n);
        } else if let Some(text) = line.strip_prefix("- ") {
            out.push((heading, text.trim().to_string()));
        } else if let Some((_, last)) = out.last_mut() {
            assert!(!finished(last), "a paragraph outside any bullet: {line:?}");
            join(last, line);
        }
    }
    out.into_iter().map(|(h, s)| (h, correct(&s))).collect()
}

fn normalised(statements: impl IntoIterator<Item = String>) -> Vec<String> {
    statements.into_iter().map(|s| normalise(&s)).collect()
}

/// Every item of the framework, in every section and sub-section.
fn items(framework: &Value) -> Vec<&Value> {
    fn walk<'a>(sections: &'a Value, out: &mut Vec<&'a Value>) {
        for section in sections.as_array().into_iter().flatten() {
            out.extend(section["items"].as_array().into_iter().flatten());
            walk(&section["sections"], out);
        }
    }
    let mut out = Vec::new();
    walk(&framework["sections"], &mut out);
    out
}

/// The top-level section whose title carries this text.
fn section_titled<'a>(framework: &'a Value, title: &str) -> &'a Value {
    let wanted = normalise(title);
    framework["sections"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|s| {
            s["title"]
                .as_str()
                .is_some_and(|t| normalise(t).contains(&wanted))
        })
        .unwrap_or_else(|| panic!("no section is titled with {title:?}"))
}

fn practice_statements(lines: &[&str]) -> Vec<(Option<usize>, String)> {
    bullets(&region(
        lines,
        "WHAT WILL THIS LOOK LIKE IN PRACTICE?",
        "### Local Actions",
    ))
}

/// Does a statement speak of parents or parenting?
fn about_parents(statement: &str) -> bool {
    let s = statement.to_lowercase();
    ["parent", "mother", "father"].iter().any(|w| s.contains(w))
}

/// The statements with the outcome they answer when read by content: the statements printed under
/// outcome 3's heading answer it while they are about parents (outcome 3 is "Parents in our care
/// will be able to access supports..."); from the first that is not, they answer outcome 4
/// ("Families are safe and well..."), whose heading the page prints later, inside a sentence.
fn by_content(statements: Vec<(Option<usize>, String)>) -> Vec<(Option<usize>, String)> {
    let mut parents = true;
    statements
        .into_iter()
        .map(|(heading, s)| {
            if heading == Some(3) {
                parents = parents && about_parents(&s);
                (Some(if parents { 3 } else { 4 }), s)
            } else {
                (heading, s)
            }
        })
        .collect()
}

/// The logic-model table: a header row of the three terms, then one tab-separated row per line.
fn logic_model(lines: &[&str]) -> [Vec<String>; 3] {
    let header = lines
        .iter()
        .position(|l| l.starts_with("Short Term\tMedium Term\tLonger Term"))
        .expect("seed has no logic-model header row");
    let mut terms: [Vec<String>; 3] = Default::default();
    for row in lines[header + 1..].iter().take_while(|l| l.contains('\t')) {
        let cells: Vec<&str> = row.split('\t').map(str::trim).collect();
        assert_eq!(
            cells.len(),
            3,
            "logic-model row without three cells: {row:?}"
        );
        for (term, cell) in terms.iter_mut().zip(cells) {
            term.push(cell.to_string());
        }
    }
    terms
}

#[test]
fn every_practice_statement_is_an_item_of_its_outcome() {
    let Some(text) = seed(SEED) else { return };
    let lines: Vec<&str> = text.lines().collect();
    let fw = framework(FRAMEWORK);
    let printed = practice_statements(&lines);
    assert_eq!(printed.len(), 43, "practice statements in the seed");
    let per_heading: Vec<usize> = (1..=4)
        .map(|n| printed.iter().filter(|(h, _)| *h == Some(n)).count())
        .collect();
    assert_eq!(
        per_heading,
        [16, 13, 12, 2],
        "practice statements printed under each heading (the page's layout, not the reading)"
    );
    let statements = by_content(printed);
    let last_of_3 = statements.iter().rev().find(|(h, _)| *h == Some(3));
    let first_of_4 = statements.iter().find(|(h, _)| *h == Some(4));
    assert!(
        last_of_3.is_some_and(|(_, s)| s.starts_with("Support and engage with mothers")),
        "outcome 3 should end with the mothers and babies statement: {last_of_3:?}"
    );
    assert!(
        first_of_4.is_some_and(|(_, s)| s.starts_with("Ensure staff who come into contact")),
        "outcome 4 should start with child protection training: {first_of_4:?}"
    );

    let all = normalised(statements.iter().map(|(_, s)| s.clone()));
    assert_all_present("practice statements", &all, &texts_under(&fw, &["text"]));

    // Outcome by outcome, each in the section titled with that outcome's heading, as read by
    // content.
    let headings: Vec<(usize, String)> =
        region(&lines, "WHAT WILL THIS LOOK LIKE", "### Local Actions")
            .iter()
            .filter_map(|l| {
                outcome_number(l).map(|n| (n, l.trim_start_matches(['#', '*', ' ']).to_string()))
            })
            .map(|(n, h)| {
                (
                    n,
                    h.split_once(". ")
                        .unwrap()
                        .1
                        .trim_end_matches(['*', ':'])
                        .to_string(),
                )
            })
            .collect();
    assert_eq!(
        headings.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
        [1, 2, 3, 4]
    );
    let mut per_outcome = Vec::new();
    for (n, heading) in &headings {
        let expected = normalised(
            statements
                .iter()
                .filter(|(h, _)| *h == Some(*n))
                .map(|(_, s)| s.clone()),
        );
        per_outcome.push(expected.len());
        let section = section_titled(&fw, heading);
        assert_all_present(
            &format!("practice statements of key outcome {n}"),
            &expected,
            &texts_under(section, &["text"]),
        );
    }
    assert_eq!(
        per_outcome,
        [16, 13, 5, 9],
        "practice statements per key outcome, read by content"
    );
}

#[test]
fn every_logic_model_outcome_is_an_outcome_item_with_its_term() {
    let Some(text) = seed(SEED) else { return };
    let lines: Vec<&str> = text.lines().collect();
    let fw = framework(FRAMEWORK);
    let terms = logic_model(&lines);
    let all: Vec<String> = normalised(terms.iter().flatten().cloned());
    assert_all_present("logic-model outcomes", &all, &texts_under(&fw, &["text"]));

    for (term, expected) in ["short", "medium", "long"].into_iter().zip(&terms) {
        assert_eq!(expected.len(), 8, "{term}-term outcomes in the seed");
        let texts: Vec<String> = items(&fw)
            .into_iter()
            .filter(|i| i["kind"] == "outcome" && i["term"] == term)
            .filter_map(|i| i["text"].as_str().map(normalise))
            .collect();
        assert_all_present(
            &format!("{term}-term logic-model outcomes (in items with term: {term})"),
            &normalised(expected.iter().cloned()),
            &texts,
        );
    }
}

#[test]
fn local_actions_are_checklist_items_and_next_steps_are_guidance() {
    let Some(text) = seed(SEED) else { return };
    let lines: Vec<&str> = text.lines().collect();
    let fw = framework(FRAMEWORK);

    let actions = normalised(
        bullets(&region(&lines, "### Local Actions", "### NEXT STEPS"))
            .into_iter()
            .map(|(_, s)| s),
    );
    assert_eq!(actions.len(), 3, "local actions in the seed");
    let checklist: Vec<String> = items(&fw)
        .into_iter()
        .filter(|i| i["kind"] == "checklist")
        .filter_map(|i| i["text"].as_str().map(normalise))
        .collect();
    assert_all_present("local actions (as checklist items)", &actions, &checklist);

    let steps = normalised(
        bullets(&region(
            &lines,
            "### NEXT STEPS",
            "This outline logic model",
        ))
        .into_iter()
        .map(|(_, s)| s),
    );
    assert_eq!(steps.len(), 15, "next steps in the seed");
    assert_all_present("next steps", &steps, &texts_under(&fw, &["guidance"]));
}

#[test]
fn principles_are_in_the_description_and_key_strands_are_tag_values() {
    let Some(text) = seed(SEED) else { return };
    let lines: Vec<&str> = text.lines().collect();
    let fw = framework(FRAMEWORK);
    let texts = texts_under(&fw, &["text"]);
    let labels = texts_under(&fw, &["label"]);
    let description = texts_under(&fw, &["description"]);

    let principles = normalised(
        bullets(&region(
            &lines,
            "### PRINCIPLES:",
            "These values and principles",
        ))
        .into_iter()
        .map(|(_, s)| s),
    );
    assert_eq!(principles.len(), 5, "principles in the seed");
    assert_all_present("principles", &principles, &description);

    // Each strand is a paragraph "**Label:** description *“a quotation”*", one of them split by a
    // page break; the quotation is not part of the description.
    let mut strands: Vec<String> = Vec::new();
    for line in region(&lines, "### KEY STRANDS", "### How we will know")
        .iter()
        .map(|l| l.trim())
    {
        if line.is_empty() {
            continue;
        }
        if line.starts_with("**") {
            strands.push(line.to_string());
        } else if let Some(last) = strands.last_mut() {
            join(last, line);
        }
    }
    assert_eq!(strands.len(), 5, "key strands in the seed");
    let (mut strand_labels, mut descriptions) = (Vec::new(), Vec::new());
    for strand in strands.iter().map(|s| correct(s)) {
        let (label, rest) = strand[2..]
            .split_once("**")
            .expect("a strand starts with a bold label");
        strand_labels.push(normalise(label));
        let description = rest.split('*').next().unwrap_or_default();
        descriptions.push(normalise(description));
    }
    assert_all_present("key strand labels", &strand_labels, &labels);
    assert_all_present("key strand descriptions", &descriptions, &texts);

    let sources = normalised(
        region(
            &lines,
            "Evidence that will assist",
            "We will capture evidence",
        )
        .iter()
        .filter_map(|l| l.trim().strip_prefix("- **"))
        .filter_map(|l| l.split_once("**").map(|(label, _)| label.to_string())),
    );
    assert_eq!(sources.len(), 5, "evidence sources in the seed");
    assert_all_present("evidence source labels", &sources, &labels);
}

#[test]
fn the_framework_has_one_item_per_statement_and_no_more() {
    let Some(text) = seed(SEED) else { return };
    let lines: Vec<&str> = text.lines().collect();
    let fw = framework(FRAMEWORK);
    let practice = practice_statements(&lines).len();
    let actions = bullets(&region(&lines, "### Local Actions", "### NEXT STEPS")).len();
    let outcomes: usize = logic_model(&lines).iter().map(Vec::len).sum();

    let all = items(&fw);
    let count = |kind: &str| all.iter().filter(|i| i["kind"] == kind).count();
    assert_eq!(
        count("criterion"),
        practice,
        "criterion items (practice statements)"
    );
    assert_eq!(
        count("checklist"),
        actions,
        "checklist items (local actions)"
    );
    assert_eq!(count("outcome"), outcomes, "outcome items (logic model)");
    assert_eq!(all.len(), practice + actions + outcomes, "items in all");
}

#[test]
fn the_strand_tags_say_they_are_the_projects_judgement_and_every_strand_is_used() {
    let fw = framework(FRAMEWORK);
    let vocabularies = fw["tags"].as_array().expect("tag vocabularies");
    assert_eq!(
        vocabularies.len(),
        1,
        "only the key strands are tags: the strategy assigns no principle or wellbeing indicator to its statements"
    );
    let strand = &vocabularies[0];
    assert_eq!(strand["id"], "strand");
    assert_eq!(
        strand["assigned_by_project"], true,
        "the strategy does not say which statement serves which strand"
    );
    assert!(
        strand["note"]
            .as_str()
            .is_some_and(|n| !n.trim().is_empty()),
        "the vocabulary says how the project applied it"
    );
    let used: Vec<String> = items(&fw)
        .iter()
        .flat_map(|i| i["tags"].as_array().into_iter().flatten())
        .filter_map(|t| t.as_str().map(str::to_string))
        .collect();
    for value in strand["values"].as_array().expect("strand values") {
        let tag = format!("strand/{}", value["id"].as_str().unwrap_or_default());
        assert!(used.contains(&tag), "{tag} is never applied");
    }
}
