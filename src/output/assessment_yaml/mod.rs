//! A self-assessment as a YAML file to fill in with a text editor: new and empty (`ties init`),
//! carried forward from last year (`ties init --from`), or a workbook's answers (`ties import`).
//!
//! Every item of the frameworks is present, answered or not, with its text, guidance, guiding
//! questions, possible evidence and allowed ratings written as comments beside it.

use std::fmt::Write as _;

use crate::error::Result;
use crate::model::assessment::{Assessment, FORMAT_VERSION, Nation};
use crate::model::catalog::Catalog;
use crate::model::framework::{Framework, Item, ItemKind, Section};
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
    let (a, frameworks) = Assessment::new_empty(catalog, id, name, year, framework_ids, nation)?;
    Ok(write(&a, &frameworks, nation.is_some()))
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
    let mut out = String::new();
    let e = &a.establishment;
    let _ = writeln!(
        out,
        "# Family ties self-assessment for {}, {}.",
        e.name, *a.year
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
    for fw in frameworks {
        let _ = writeln!(
            out,
            "\n  # ===== {} (version {}) =====",
            fw.title, fw.version.value
        );
        for s in &fw.sections {
            responses_for_section(&mut out, a, fw, s);
        }
    }
    entries::metrics(&mut out, a, frameworks);
    entries::actions(&mut out, a);
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
            let _ = writeln!(out, "#   {} ({}):", scale.label, fw.id.value);
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

fn responses_for_section(out: &mut String, a: &Assessment, fw: &Framework, s: &Section) {
    let _ = writeln!(out, "\n  # ----- {} -----", s.title);
    for item in &s.items {
        if *item.kind == ItemKind::Metric {
            continue;
        }
        out.push('\n');
        item_comments(out, fw, item);
        let key = ids::qualified(&fw.id.value, &item.id.value);
        let _ = writeln!(out, "  {key}:");
        entries::response(out, a.responses.get(&key), fw.item_scale(item).is_some());
    }
    for sub in &s.sections {
        responses_for_section(out, a, fw, sub);
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
            let mut line = format!("Rating ({}): {}", scale.label, levels.join(" | "));
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
    for word in text.split_whitespace() {
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

/// A plain YAML scalar, quoted when it would otherwise be read as something else.
fn yaml_string(s: &str) -> String {
    let plain = !s.is_empty()
        && !s.starts_with(|c: char| "!&*-?[]{}|>'\"%@`#,:".contains(c) || c.is_whitespace())
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !s.ends_with(char::is_whitespace)
        && !s.chars().any(|c| c.is_control() || c == '\u{feff}')
        && !["true", "false", "null", "yes", "no", "~"].contains(&s.to_lowercase().as_str())
        && s.parse::<f64>().is_err();
    if plain {
        s.to_string()
    } else {
        scalar::quoted(s)
    }
}
