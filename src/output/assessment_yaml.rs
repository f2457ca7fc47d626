//! `ties init`: a new, complete assessment file to fill in with a text editor.
//!
//! Every item of the chosen frameworks is present and unanswered, with its text, guidance,
//! guiding questions, possible evidence and allowed ratings written as comments beside it.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::error::{Error, Result};
use crate::model::assessment::{FORMAT_VERSION, Nation};
use crate::model::catalog::Catalog;
use crate::model::framework::{Framework, Item, ItemKind, Section, same_practice_among};
use crate::model::ids;

/// What the person running `ties init` tells us about the establishment.
pub struct NewAssessment<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub nation: Option<Nation>,
    pub year: i32,
    pub frameworks: Vec<&'a Framework>,
}

const WIDTH: usize = 96;

/// The first line of a new file: where an editor that reads JSON Schema for YAML (the YAML
/// language server) finds the schema of a self-assessment, so that it completes item ids and
/// ratings and underlines a wrong one. The path is from `assessments/<id>/<year>.yaml` to
/// `schemas/assessment.schema.json` beside `assessments/`, which `ties schema -o` writes.
pub const SCHEMA_LINE: &str =
    "# yaml-language-server: $schema=../../schemas/assessment.schema.json";

/// The text of a new self-assessment for the establishment `id`, after checking what the person
/// gave: a valid id, a plausible year, and frameworks the catalog has (each once).
pub fn new_for_establishment(
    catalog: &Catalog,
    id: &str,
    name: &str,
    year: i32,
    framework_ids: &[String],
    nation: Option<Nation>,
) -> Result<String> {
    if !ids::is_valid_id(id) {
        return Err(Error::Usage(format!(
            "`{id}` is not a valid establishment id: use {}, such as hmp-example",
            ids::ID_RULE
        )));
    }
    if name.trim().is_empty() || name.chars().any(char::is_control) {
        return Err(Error::Usage(format!(
            "`{}` cannot be the establishment's name: give its name on one line, such as \"HMP Example\"",
            name.chars().map(crate::diag::visible).collect::<String>()
        )));
    }
    if !ids::is_plausible_year(year) {
        return Err(Error::Usage(format!(
            "{year} is not a plausible reporting year: give a year such as 2025"
        )));
    }
    let mut frameworks: Vec<&Framework> = Vec::new();
    for f in framework_ids {
        let fw = catalog.require(f.trim())?;
        if !frameworks.iter().any(|x| x.id.value == fw.id.value) {
            frameworks.push(fw);
        }
    }
    Ok(new_assessment(&NewAssessment {
        id,
        name,
        nation,
        year,
        frameworks,
    }))
}

/// The text of the new file.
pub fn new_assessment(n: &NewAssessment<'_>) -> String {
    let mut out = String::new();
    let ids: Vec<&str> = n.frameworks.iter().map(|f| f.id.as_str()).collect();
    let _ = writeln!(out, "{SCHEMA_LINE}");
    let _ = writeln!(
        out,
        "# Family ties self-assessment for {}, {}.",
        one_line(n.name),
        n.year
    );
    out.push_str(
        "# Fill in each item below: a rating (where the item has one), evidence, and what you do in your\n\
         # own words. Lines starting with # are guidance and are ignored. Leave an item as it is if you\n\
         # have not answered it yet; mark it not applicable with a reason if it does not apply here.\n\
         # Run `ties check` on this file at any time to find anything that needs fixing.\n\n",
    );
    let _ = writeln!(out, "ties: {FORMAT_VERSION}");
    out.push_str("establishment:\n");
    let _ = writeln!(out, "  id: {}", n.id);
    let _ = writeln!(out, "  name: {}", yaml_string(n.name));
    match n.nation {
        Some(nation) => {
            let _ = writeln!(out, "  nation: {}", nation.id());
        }
        None => out.push_str("  nation: england-wales   # or: scotland\n"),
    }
    out.push_str("  region:                 # for example: North West\n");
    out.push_str(
        "  comparator_group:       # prisons of similar function, for example: reception\n",
    );
    let _ = writeln!(out, "year: {}", n.year);
    out.push_str("completed_on:             # the date you finish, as YYYY-MM-DD\n");
    out.push_str("completed_by:             # a role, not a name: for example, Head of Reducing Reoffending\n");
    let _ = writeln!(out, "frameworks: [{}]", ids.join(", "));
    answer_legend(&mut out, &n.frameworks);
    out.push_str("responses:\n");
    let same = same_practice_among(&n.frameworks);
    for fw in &n.frameworks {
        let _ = writeln!(
            out,
            "\n  # ===== {} (version {}) =====",
            one_line(&fw.title),
            one_line(&fw.version.value)
        );
        for s in &fw.sections {
            responses_for_section(&mut out, fw, s, &same);
        }
    }
    measures(&mut out, &n.frameworks);
    action_example(&mut out, n);
    out
}

/// What each field of a response holds, the kinds of evidence, and what each rating means, once
/// per scale, so the file can be filled in without the framework at hand.
fn answer_legend(out: &mut String, frameworks: &[&Framework]) {
    let kinds: Vec<String> = frameworks
        .iter()
        .flat_map(|f| {
            f.evidence_kinds
                .iter()
                .map(|k| format!("{} ({})", k.id.value, k.label))
        })
        .fold(Vec::new(), |mut acc, k| {
            if !acc.contains(&k) {
                acc.push(k);
            }
            acc
        });
    out.push_str("\n# Each response can have:\n");
    out.push_str("#   rating:          one of the levels listed above the item\n");
    out.push_str(
        "#   evidence:        a list of entries, each with kind, text and date, for example\n",
    );
    out.push_str("#                      - kind: establishment-data\n");
    out.push_str("#                        text: Visitor survey, 212 replies; 87% found the centre welcoming.\n");
    out.push_str("#                        date: 2025-11-03\n");
    comment_wrapped(
        out,
        "#   ",
        &format!("kinds of evidence: {}", kinds.join(", ")),
        "#                      ",
    );
    out.push_str("#   narrative:       what you do, what changed this year, what families told us (Markdown)\n");
    out.push_str("#   strengths:       a list of short points\n");
    out.push_str("#   development:     a list of short points: what needs to improve\n");
    out.push_str("#   restricted:      true to leave the response out of the public report\n");
    out.push_str(
        "#   not_applicable:  a reason, instead of a rating, when the item does not apply here\n",
    );
    // What each rating means, once per scale, so the file can be filled in without the framework.
    out.push_str("#\n# What the ratings mean:\n");
    for fw in frameworks {
        for scale in &fw.scales {
            let _ = writeln!(out, "#   {} ({}):", one_line(&scale.label), fw.id.value);
            for level in scale.levels.iter().rev() {
                comment_wrapped(
                    out,
                    "#     ",
                    &format!("{}: {}. {}", level.id.value, level.label, level.descriptor),
                    "#         ",
                );
            }
        }
    }
}

/// The measures of the frameworks, each with its text and guidance, as empty figures to fill in.
fn measures(out: &mut String, frameworks: &[&Framework]) {
    let metrics: Vec<(&Framework, &Item)> = frameworks
        .iter()
        .flat_map(|f| {
            f.items()
                .into_iter()
                .filter(|i| *i.kind == ItemKind::Metric)
                .map(move |i| (*f, i))
        })
        .collect();
    if metrics.is_empty() {
        out.push_str("\nmetrics: {}\n");
    } else {
        out.push_str("\n# Measures: a rate as numerator (how many) and denominator (out of how many); a number as value.\n");
        out.push_str("# You may add your own baseline and target, for example: baseline: 0.45, target: 0.6\n");
        out.push_str("metrics:\n");
        for (fw, item) in metrics {
            let _ = writeln!(out);
            comment_wrapped(out, "  # ", &item.text, "  # ");
            if let Some(g) = &item.guidance {
                comment_wrapped(out, "  # ", g, "  #   ");
            }
            let rate = item
                .metric
                .as_ref()
                .is_some_and(|m| m.measure == crate::model::framework::Measure::Rate);
            let fields = if rate {
                "{ numerator: , denominator: }"
            } else {
                "{ value: }"
            };
            let _ = writeln!(out, "  {}/{}: {fields}", fw.id.value, item.id.value);
        }
    }
}

/// The empty action plan, with an example naming an item of the file's own frameworks.
fn action_example(out: &mut String, n: &NewAssessment<'_>) {
    out.push_str("\n# The live action plan. Add one entry per action, for example:\n");
    out.push_str("#   - id: A1\n");
    out.push_str("#     what: What will be done, in one sentence\n");
    out.push_str("#     owner: A role, such as Family services manager\n");
    let _ = writeln!(out, "#     due: {}-06-30", n.year + 1);
    out.push_str("#     status: open            # open, in-progress, done or dropped\n");
    // The items an action serves are this file's own: the first item of its first framework.
    if let Some((fw, item)) = n
        .frameworks
        .iter()
        .find_map(|fw| fw.items().first().map(|i| (*fw, *i)))
    {
        let _ = writeln!(
            out,
            "#     items: [{}]",
            ids::qualified(&fw.id.value, &item.id.value)
        );
    }
    out.push_str("actions: []\n");
}

fn responses_for_section(
    out: &mut String,
    fw: &Framework,
    s: &Section,
    same: &BTreeMap<String, Vec<String>>,
) {
    let _ = writeln!(out, "\n  # ----- {} -----", one_line(&s.title));
    for item in &s.items {
        if *item.kind == ItemKind::Metric {
            continue;
        }
        out.push('\n');
        comment_wrapped(out, "  # ", &item.text, "  # ");
        if let Some(g) = &item.guidance {
            comment_wrapped(out, "  # ", &format!("Guidance: {g}"), "  #   ");
        }
        if !item.prompts.is_empty() {
            out.push_str("  # Questions to consider:\n");
            for p in &item.prompts {
                comment_wrapped(out, "  # ", &format!("- {p}"), "  #     ");
            }
        }
        if !item.examples.is_empty() {
            out.push_str("  # Possible evidence:\n");
            for e in &item.examples {
                comment_wrapped(out, "  # ", &format!("- {e}"), "  #     ");
            }
        }
        match fw.item_scale(item) {
            Some(scale) => {
                let levels: Vec<String> = scale.levels.iter().map(|l| l.id.value.clone()).collect();
                let mut line = format!(
                    "Rating ({}): {}",
                    one_line(&scale.label),
                    levels.join(" | ")
                );
                if scale.not_applicable {
                    line.push_str(" ; or not_applicable: <reason>");
                }
                comment_wrapped(out, "  # ", &line, "  #   ");
            }
            None => out.push_str("  # A written answer: use narrative.\n"),
        }
        let qualified = ids::qualified(&fw.id.value, &item.id.value);
        for other in same.get(&qualified).into_iter().flatten() {
            let line = format!(
                "The same practice as {other}, also in this file: describe it in one of the two \
                 and in the other's narrative write \"As for\" and that item (each still takes \
                 its own rating)."
            );
            comment_wrapped(out, "  # ", &line, "  #   ");
        }
        let _ = writeln!(out, "  {qualified}:");
        if fw.item_scale(item).is_some() {
            out.push_str("    rating:\n");
        }
        out.push_str("    evidence: []\n");
        out.push_str("    narrative:\n");
    }
    for sub in &s.sections {
        responses_for_section(out, fw, sub, same);
    }
}

/// Writes `text` as comment lines no wider than `WIDTH`, the first after `indent` (which
/// includes the `#`), the rest after `cont`.
fn comment_wrapped(out: &mut String, indent: &str, text: &str, cont: &str) {
    let first = indent.to_string();
    let mut line = first.clone();
    let mut empty = true;
    for word in one_line(text).split(' ').filter(|w| !w.is_empty()) {
        if !empty && line.chars().count() + 1 + word.chars().count() > WIDTH {
            out.push_str(line.trim_end());
            out.push('\n');
            line = cont.to_string();
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    if !empty {
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

/// Text on one line, for a comment: line breaks (of any kind) and runs of spaces become one space,
/// so a title or name cannot end the comment and start a line of YAML, and control characters
/// are shown as symbols, so the file stays a text file.
fn one_line(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .map(crate::diag::visible)
        .collect()
}

/// A plain YAML scalar, quoted when it would otherwise be read as something else. Quoted text is
/// written with escapes (`\n`, `\"`, `\u0007`), so a line break or a control character in it
/// stays inside the value.
fn yaml_string(s: &str) -> String {
    let plain = !s.is_empty()
        && !s
            .chars()
            .any(|c| c.is_control() || (c.is_whitespace() && c != ' '))
        && !s.ends_with(' ')
        && !s.starts_with(|c: char| "!&*-?[]{}|>'\"%@`#,:".contains(c) || c.is_whitespace())
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !["true", "false", "null", "yes", "no", "~"].contains(&s.to_lowercase().as_str())
        && s.parse::<f64>().is_err();
    if plain {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::source::SourceFile;
    use crate::load::node::Value;
    use crate::model::assessment::Assessment;

    const MINI: &str = include_str!("../../tests/fixtures/frameworks/mini.yaml");

    fn mini() -> Framework {
        let file = SourceFile::new("mini.yaml", MINI);
        let node = crate::load::parse(&file).expect("the test framework");
        crate::load::decode(&file, &node).expect("the test framework")
    }

    /// A new file for HMP X (`hmp-x`), 2025, named `name`, on `fw` alone.
    fn new_file(name: &str, fw: &Framework) -> String {
        new_assessment(&NewAssessment {
            id: "hmp-x",
            name,
            nation: None,
            year: 2025,
            frameworks: vec![fw],
        })
    }

    /// The top-level names of a YAML text, as `ties` reads it.
    fn top_level(text: &str) -> Vec<String> {
        let node = crate::load::parse(&SourceFile::new("new.yaml", text)).expect("valid YAML");
        match node.value {
            Value::Map(entries) => entries.into_iter().map(|(k, _)| k.name).collect(),
            _ => Vec::new(),
        }
    }

    const TOP: [&str; 9] = [
        "ties",
        "establishment",
        "year",
        "completed_on",
        "completed_by",
        "frameworks",
        "responses",
        "metrics",
        "actions",
    ];

    #[test]
    fn a_name_with_line_breaks_stays_one_value() {
        let fw = mini();
        for name in [
            "HMP X\nresponses: evil",
            "HMP \"Quoted\" \\ back",
            "HMP X\r\nyear: 1999",
            "HMP\u{2028}X",
        ] {
            let text = new_file(name, &fw);
            assert_eq!(top_level(&text), TOP, "{name:?}:\n{text}");
            let file = SourceFile::new("new.yaml", text.clone());
            let node = crate::load::parse(&file).expect("valid YAML");
            let a: Assessment = crate::load::decode(&file, &node).expect("an assessment");
            assert_eq!(a.establishment.name, name);
        }
        // A control character stays inside the name, where reading the file refuses it.
        let text = new_file("Carchar EF Y Parc \u{7}", &fw);
        let e = crate::load::parse(&SourceFile::new("new.yaml", text.clone())).unwrap_err();
        assert!(e.message.contains("control character"), "{e:?}");
        let line = text.lines().nth(e.line - 1).unwrap_or("");
        assert!(
            line.starts_with("  name: \"Carchar EF Y Parc "),
            "{line}\n{text}"
        );
    }

    #[test]
    fn a_framework_cannot_add_lines_to_a_new_file() {
        let mut fw = mini();
        fw.title = "Mini\nactions: [injected]".into();
        fw.version.value = "1\n#x\nmetrics: {}".into();
        fw.scales[0].label = "Four\nyear: 1999".into();
        fw.sections[0].title = "Alpha\ncompleted_on: 1999-01-01".into();
        let text = new_file("HMP X", &fw);
        assert_eq!(top_level(&text), TOP, "{text}");
        assert!(text.contains("# ===== Mini actions: [injected] (version 1 #x metrics: {}) ====="));
    }

    #[test]
    fn the_example_action_names_an_item_of_the_files_own_frameworks() {
        let fw = mini();
        let text = new_file("HMP X", &fw);
        assert!(text.contains("#     items: [mini/a1]"), "{text}");
        assert!(!text.contains("farmer-offer"), "{text}");
    }
}
