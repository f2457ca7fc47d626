//! A self-assessment as a YAML file to fill in with a text editor: new and empty (`ties init`),
//! carried forward from last year (`ties init --from`), or a workbook's answers (`ties import`).
//!
//! Every item of the frameworks is present, answered or not, with its text, guidance, guiding
//! questions, possible evidence and allowed ratings written as comments beside it.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::error::Result;
use crate::model::assessment::{Assessment, FORMAT_VERSION, Nation};
use crate::model::catalog::Catalog;
use crate::model::framework::{Framework, Item, ItemKind, Section, same_practice_among};
use crate::model::ids;

mod entries;
pub mod scalar;

/// What the person running `ties init` tells us about the establishment.
pub struct NewAssessment<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub nation: Option<Nation>,
    pub year: i32,
    pub frameworks: Vec<&'a Framework>,
}

const WIDTH: usize = 96;

/// Where the schema of a self-assessment is kept, in the folder `ties` is run from (the one
/// that holds `assessments/`): `ties init` and `ties import` write it there when nothing is, as
/// `ties schema -o schemas/assessment.schema.json` writes it, and the first line of the YAML
/// they write names it.
pub const SCHEMA_PATH: &str = "schemas/assessment.schema.json";

/// `SCHEMA_PATH` as a file at `assessments/<id>/<year>.yaml` names it.
pub const CONVENTIONAL_SCHEMA: &str = "../../schemas/assessment.schema.json";

/// The first line of a YAML self-assessment: where an editor that reads JSON Schema for YAML (the
/// YAML language server) finds the schema of a self-assessment, so that it completes item ids
/// and ratings and underlines a wrong one. `schema` is its path from the file's folder, or its
/// address (see `crate::paths::reference_from`).
pub fn schema_line(schema: &str) -> String {
    format!("# yaml-language-server: $schema={schema}")
}

/// The text of a new self-assessment for the establishment `id`, after checking what the person
/// gave: a valid id, a plausible year, and frameworks the catalog has (each once). Its first line
/// names the schema at `schema` (see `schema_line`).
pub fn new_for_establishment(
    catalog: &Catalog,
    (id, name, year): (&str, &str, i32),
    framework_ids: &[String],
    nation: Option<Nation>,
    schema: &str,
) -> Result<String> {
    let (a, frameworks) = Assessment::new_empty(catalog, id, name, year, framework_ids, nation)?;
    // A nation the frameworks chose is as settled as one given.
    let settled = nation.is_some() || Assessment::nation_of(&frameworks).is_some();
    Ok(write_naming(&a, &frameworks, settled, schema))
}

/// The text of the new file.
pub fn new_assessment(n: &NewAssessment<'_>) -> String {
    let listed: Vec<String> = n.frameworks.iter().map(|f| f.id.value.clone()).collect();
    let a = Assessment::empty(n.id, n.name, n.nation, n.year, &listed);
    write(&a, &n.frameworks, n.nation.is_some())
}

/// The text of a self-assessment file with every item of `frameworks` (the assessment's, in
/// the order it lists them): its answers where it has them, and the guidance as comments.
/// `nation_given`: whether the nation was chosen (otherwise the file says it can be changed).
pub fn write(a: &Assessment, frameworks: &[&Framework], nation_given: bool) -> String {
    write_naming(a, frameworks, nation_given, CONVENTIONAL_SCHEMA)
}

/// As `write`, for a file whose first line names the schema at `schema` (see `schema_line`).
pub fn write_naming(
    a: &Assessment,
    frameworks: &[&Framework],
    nation_given: bool,
    schema: &str,
) -> String {
    let mut out = String::new();
    let e = &a.establishment;
    let _ = writeln!(out, "{}", schema_line(schema));
    let _ = writeln!(
        out,
        "# Family ties self-assessment for {}, {}.",
        one_line(&e.name),
        *a.year
    );
    out.push_str(
        "# Fill in each item below: a rating (where the item has one), evidence, and what you do in your\n\
         # own words. Lines starting with # are guidance and are ignored. Leave an item as it is if you\n\
         # have not answered it yet; mark it not applicable with a reason if it does not apply here.\n\
         # Run `ties check` on this file at any time to find anything that needs fixing.\n\n",
    );
    let _ = writeln!(out, "ties: {FORMAT_VERSION}");
    out.push_str("establishment:\n");
    let _ = writeln!(out, "  id: {}", scalar::inline(&e.id));
    let _ = writeln!(out, "  name: {}", yaml_string(&e.name));
    if nation_given {
        let _ = writeln!(out, "  nation: {}", e.nation.id());
    } else {
        out.push_str("  nation: england-wales   # or: scotland\n");
    }
    match &e.region {
        Some(r) => {
            let _ = writeln!(out, "  region: {}", scalar::inline(r));
        }
        None => out.push_str("  region:                 # for example: North West\n"),
    }
    match &e.comparator_group {
        Some(g) => {
            let _ = writeln!(out, "  comparator_group: {}", scalar::inline(g));
        }
        None => out.push_str(
            "  comparator_group:       # prisons of similar function, for example: reception\n",
        ),
    }
    if let Some(k) = &e.kind {
        let _ = writeln!(out, "  type: {}", scalar::inline(k));
    }
    if !e.public_contacts.is_empty() {
        let contacts: Vec<String> = e
            .public_contacts
            .iter()
            .map(|c| scalar::in_flow(c))
            .collect();
        let _ = writeln!(out, "  public_contacts: [{}]", contacts.join(", "));
    }
    let _ = writeln!(out, "year: {}", *a.year);
    match &a.completed_on {
        Some(d) => {
            let _ = writeln!(out, "completed_on: {}", scalar::inline(d));
        }
        None => out.push_str("completed_on:             # the date you finish, as YYYY-MM-DD\n"),
    }
    match &a.completed_by {
        Some(by) => {
            let _ = writeln!(out, "completed_by: {}", scalar::inline(by));
        }
        None => out.push_str("completed_by:             # a role, not a name: for example, Head of Reducing Reoffending\n"),
    }
    let ids: Vec<String> = a.frameworks.iter().map(|f| scalar::in_flow(f)).collect();
    let _ = writeln!(out, "frameworks: [{}]", ids.join(", "));
    guide(&mut out, frameworks);
    out.push_str("responses:\n");
    let same = same_practice_among(frameworks);
    for fw in frameworks {
        let _ = writeln!(
            out,
            "\n  # ===== {} (version {}) =====",
            one_line(&fw.title),
            one_line(&fw.version.value)
        );
        for s in &fw.sections {
            responses_for_section(&mut out, a, fw, s, &same);
        }
    }
    entries::metrics(&mut out, a, frameworks);
    entries::actions(&mut out, a, frameworks);
    out
}

/// What each field of a response is for, and what each rating means, once per file.
fn guide(out: &mut String, frameworks: &[&Framework]) {
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

fn responses_for_section(
    out: &mut String,
    a: &Assessment,
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
        item_comments(out, fw, item);
        let key = ids::qualified(&fw.id.value, &item.id.value);
        same_practice(out, same, &key);
        let _ = writeln!(out, "  {key}:");
        entries::response(out, a.responses.get(&key), fw.item_scale(item).is_some());
    }
    for sub in &s.sections {
        responses_for_section(out, a, fw, sub, same);
    }
}

/// A note beside an item, for each item of another of the file's frameworks that asks about the
/// same practice: describe it once, and refer to it from the other.
fn same_practice(out: &mut String, same: &BTreeMap<String, Vec<String>>, key: &str) {
    for other in same.get(key).into_iter().flatten() {
        let line = format!(
            "The same practice as {other}, also in this file: describe it in one of the two \
             and in the other's narrative write \"As for\" and that item (each still takes \
             its own rating)."
        );
        comment_wrapped(out, "  # ", &line, "  #   ");
    }
}

/// The item's text, guidance, questions, possible evidence and ratings, as comments.
fn item_comments(out: &mut String, fw: &Framework, item: &Item) {
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
}

/// Writes `text` as comment lines no wider than `WIDTH`, the first after `indent` (which
/// includes the `#`), the rest after `cont`.
pub(crate) fn comment_wrapped(out: &mut String, indent: &str, text: &str, cont: &str) {
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
/// written with escapes (`\n`, `\"`, `\u2028`), so a line break or a control character in it
/// stays inside the value.
fn yaml_string(s: &str) -> String {
    let plain = !s.is_empty()
        && !s.starts_with(|c: char| "!&*-?[]{}|>'\"%@`#,:".contains(c) || c.is_whitespace())
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !s.ends_with(char::is_whitespace)
        && !s
            .chars()
            .any(|c| c.is_control() || c == '\u{feff}' || (c.is_whitespace() && c != ' '))
        && !["true", "false", "null", "yes", "no", "~"].contains(&s.to_lowercase().as_str())
        && s.parse::<f64>().is_err();
    if plain {
        s.to_string()
    } else {
        scalar::quoted(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::source::SourceFile;
    use crate::load::node::Value;
    use crate::model::assessment::Assessment;

    fn mini() -> Framework {
        crate::model::framework::mini_for_tests()
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
            Value::Map(entries) => entries
                .into_iter()
                .map(|(k, _)| k.name.into_owned())
                .collect(),
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
