//! HMPPS, *Delivering Effective Family Practice* (December 2017), seed 001, against
//! `frameworks/hmpps-family-practice.yaml`.
//!
//! The seed keeps the guidance's tables as tab-separated text. Every line that starts with a tab
//! begins a new table cell; lines without a leading tab continue the cell above (a cell may hold
//! several lines, bullet points and even blank lines). Each table starts with the header cells
//! "Guiding Questions", "Potential Resources/Examples" and "Comments", and runs until the next
//! bookmark (a heading of the Word document). Its body is read three cells at a time: guiding
//! question, potential resources / examples, comments.

use super::{assert_all_present, framework, normalise, seed, texts_under};
use serde_json::Value;

const SEED: &str = "001_1ab2cfb59474957a.txt";
const FRAMEWORK: &str = "hmpps-family-practice";

/// Guiding questions found in the seed's eight tables.
const QUESTIONS_IN_SOURCE: usize = 63;
/// Points of paragraph 33 (what a family strategy document should be or contain).
const PARAGRAPH_33_POINTS: usize = 8;

/// Page-break artifacts in the extracted guiding questions, as (text in the seed, corrected
/// text). None were needed: no guiding question in seed 001 has a word split across a page
/// break. Add a pair here only where a split cannot be read any other way.
const CORRECTIONS: &[(&str, &str)] = &[];

/// One row of a guiding-question table.
struct Row {
    question: String,
    resources: String,
}

/// One area of the guidance: its heading and its table.
struct Table {
    heading: String,
    rows: Vec<Row>,
}

/// The heading in a Word table-of-contents bookmark line, such as
/// `[bookmark: _Toc500528318]Contract Management`. The title may be on the next line.
fn heading_at(lines: &[&str], i: usize) -> Option<String> {
    let line = lines[i].trim_start();
    let rest = line.strip_prefix("[bookmark: _Toc")?;
    let title = rest.split_once(']').map_or("", |(_, t)| t).trim();
    if title.is_empty() {
        lines.get(i + 1).map(|next| next.trim().to_string())
    } else {
        Some(title.to_string())
    }
}

fn corrected(question: &str) -> String {
    CORRECTIONS
        .iter()
        .fold(question.to_string(), |q, (from, to)| q.replace(from, to))
}

/// Every guiding-question table of the seed, in order.
fn tables(source: &str) -> Vec<Table> {
    let lines: Vec<&str> = source.lines().collect();
    let mut tables = Vec::new();
    let mut heading = String::new();
    let mut i = 0;
    while i < lines.len() {
        if let Some(h) = heading_at(&lines, i) {
            heading = h;
        }
        if lines[i].starts_with('\t') && lines[i].trim() == "Guiding Questions" {
            // Collect the cells up to the next heading.
            let mut cells: Vec<String> = Vec::new();
            i += 1;
            while i < lines.len() && !lines[i].trim_start().starts_with("[bookmark:") {
                match lines[i].strip_prefix('\t') {
                    Some(start) => cells.push(start.to_string()),
                    None => {
                        let cell = cells.last_mut().expect("a table line before any cell");
                        cell.push('\n');
                        cell.push_str(lines[i]);
                    }
                }
                i += 1;
            }
            let cells: Vec<String> = cells.iter().map(|c| c.trim().to_string()).collect();
            assert!(
                cells[0].starts_with("Potential Resources") && cells[1] == "Comments",
                "unexpected header cells in table '{heading}': {:?}",
                &cells[..2]
            );
            let mut rows = Vec::new();
            for row in cells[2..].chunks(3) {
                if row.iter().all(String::is_empty) {
                    continue; // a stray empty cell at the end of a table
                }
                assert_eq!(row.len(), 3, "incomplete row in table '{heading}': {row:?}");
                assert!(
                    !row[0].is_empty(),
                    "row with no guiding question in '{heading}': {row:?}"
                );
                // The comments column is blank in the source (one cell holds a lone full stop):
                // anything else would mean the columns were read out of step.
                assert!(
                    normalise(&row[2]).is_empty(),
                    "unexpected comment in table '{heading}': {row:?}"
                );
                rows.push(Row {
                    question: corrected(&row[0]),
                    resources: row[1].clone(),
                });
            }
            tables.push(Table {
                heading: heading.clone(),
                rows,
            });
            continue;
        }
        i += 1;
    }
    tables
}

/// The bullet points of paragraph 33.
fn paragraph_33(source: &str) -> Vec<String> {
    let mut lines = source
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("33."));
    assert!(lines.next().is_some(), "paragraph 33 not found in the seed");
    lines
        .map_while(|l| l.trim_start().strip_prefix('\u{b7}'))
        .map(|point| point.trim().to_string())
        .collect()
}

/// The suggested strategy headings: the bullet points in the resources of the first guiding
/// question, which carries the fullest list ("Headings taken from operation guidance might
/// assist").
fn strategy_headings(tables: &[Table]) -> Vec<String> {
    let resources = &tables[0].rows[0].resources;
    assert!(resources.contains("Headings taken from operation guidance might assist"));
    resources
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix('\u{b7}'))
        .map(|h| h.trim().to_string())
        .collect()
}

/// Every item of every section, sub-sections included.
fn items(fw: &Value) -> Vec<&Value> {
    fn walk<'a>(sections: &'a Value, out: &mut Vec<&'a Value>) {
        for section in sections.as_array().into_iter().flatten() {
            out.extend(section["items"].as_array().into_iter().flatten());
            walk(&section["sections"], out);
        }
    }
    let mut out = Vec::new();
    walk(&fw["sections"], &mut out);
    out
}

fn of_kind<'a>(items: &[&'a Value], kind: &str) -> Vec<&'a Value> {
    items
        .iter()
        .copied()
        .filter(|i| i["kind"] == kind)
        .collect()
}

fn text(item: &Value) -> String {
    normalise(item["text"].as_str().unwrap_or_default())
}

#[test]
fn every_guiding_question_is_a_question_item() {
    let Some(source) = seed(SEED) else { return };
    let tables = tables(&source);
    assert_eq!(
        tables.len(),
        8,
        "the guidance has eight areas, each with one table"
    );
    let questions: Vec<String> = tables
        .iter()
        .flat_map(|t| &t.rows)
        .map(|r| normalise(&r.question))
        .collect();
    assert_eq!(
        questions.len(),
        QUESTIONS_IN_SOURCE,
        "guiding questions found in the seed"
    );

    let fw = framework(FRAMEWORK);
    assert_all_present(
        "guiding questions",
        &questions,
        &texts_under(&fw, &["text"]),
    );
    let items = items(&fw);
    assert_eq!(
        of_kind(&items, "question").len(),
        questions.len(),
        "one question item for each guiding question of the source"
    );
}

#[test]
fn each_area_is_a_section_holding_its_questions_in_source_order() {
    let Some(source) = seed(SEED) else { return };
    let fw = framework(FRAMEWORK);
    let sections = fw["sections"].as_array().expect("sections");
    for table in tables(&source) {
        let section = sections
            .iter()
            .find(|s| {
                normalise(s["title"].as_str().unwrap_or_default()) == normalise(&table.heading)
            })
            .unwrap_or_else(|| panic!("no section titled '{}'", table.heading));
        let in_framework: Vec<String> = section["items"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|i| i["kind"] == "question")
            .map(text)
            .collect();
        let in_source: Vec<String> = table.rows.iter().map(|r| normalise(&r.question)).collect();
        assert_eq!(
            in_framework, in_source,
            "questions of section '{}'",
            table.heading
        );
    }
}

#[test]
fn each_question_carries_the_resources_of_its_own_row() {
    // The examples, read in order, must be exactly the row's resources cell (split into list
    // entries, nothing added, nothing dropped, nothing taken from a neighbouring row).
    let Some(source) = seed(SEED) else { return };
    let fw = framework(FRAMEWORK);
    let items = items(&fw);
    let questions = of_kind(&items, "question");
    for row in tables(&source).iter().flat_map(|t| &t.rows) {
        let wanted = normalise(&row.question);
        let item = questions
            .iter()
            .find(|i| text(i) == wanted)
            .unwrap_or_else(|| panic!("no question item for: {}", row.question));
        let examples: Vec<&str> = item["examples"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| e.as_str().expect("examples are strings"))
            .collect();
        assert_eq!(
            normalise(&examples.join(" ")),
            normalise(&row.resources),
            "examples of '{}' (item {})",
            row.question,
            item["id"]
        );
    }
}

#[test]
fn paragraph_33_points_are_the_strategy_document_checklist() {
    let Some(source) = seed(SEED) else { return };
    let points: Vec<String> = paragraph_33(&source).iter().map(|p| normalise(p)).collect();
    assert_eq!(
        points.len(),
        PARAGRAPH_33_POINTS,
        "points of paragraph 33: {points:?}"
    );

    let fw = framework(FRAMEWORK);
    assert_all_present("paragraph 33 points", &points, &texts_under(&fw, &["text"]));
    let items = items(&fw);
    let checklist = of_kind(&items, "checklist");
    assert_eq!(checklist.len(), PARAGRAPH_33_POINTS, "checklist items");
    let texts: Vec<String> = checklist.iter().map(|i| text(i)).collect();
    assert_eq!(
        texts, points,
        "checklist items, in the order of paragraph 33"
    );
}

#[test]
fn suggested_strategy_headings_are_guidance_on_the_strategy_section() {
    let Some(source) = seed(SEED) else { return };
    let headings: Vec<String> = strategy_headings(&tables(&source))
        .iter()
        .map(|h| normalise(h))
        .collect();
    assert_eq!(headings.len(), 7, "suggested headings: {headings:?}");

    let fw = framework(FRAMEWORK);
    let section = fw["sections"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|s| s["id"] == "family-strategy")
        .expect("a section with id family-strategy");
    let guidance = texts_under(section, &["guidance"]);
    assert_all_present("suggested strategy headings", &headings, &guidance);
}
