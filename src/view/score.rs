//! `ties score` output: a table for the terminal, JSON and CSV.

use std::fmt::Write as _;

use serde::Serialize;

use crate::error::Result;
use crate::model::assessment::Assessment;
use crate::output::csv;
use crate::output::{json, numbers};
use crate::score::{FrameworkScore, ItemStatus, Scorecard};

/// The JSON document `ties score --format json` prints. Its shape is documented in the README
/// and pinned by a test.
#[derive(Serialize)]
pub struct ScoreDocument<'a> {
    pub ties_score: u32,
    pub establishment: EstablishmentInfo,
    pub year: i32,
    pub frameworks: &'a [FrameworkScore],
}

#[derive(Serialize)]
pub struct EstablishmentInfo {
    pub id: String,
    pub name: String,
    pub nation: String,
    pub region: Option<String>,
    pub comparator_group: Option<String>,
}

pub fn establishment_info(a: &Assessment) -> EstablishmentInfo {
    EstablishmentInfo {
        id: a.establishment.id.value.clone(),
        name: a.establishment.name.clone(),
        nation: a.establishment.nation.id().to_string(),
        region: a.establishment.region.clone(),
        comparator_group: a.establishment.comparator_group.clone(),
    }
}

pub fn json(a: &Assessment, card: &Scorecard) -> Result<String> {
    let doc = ScoreDocument {
        ties_score: 1,
        establishment: establishment_info(a),
        year: *a.year,
        frameworks: &card.frameworks,
    };
    json::document(&doc)
}

fn grade_text(grade: &Option<String>, provisional: bool) -> String {
    match grade {
        Some(g) if provisional => format!("{g} (provisional)"),
        Some(g) => g.clone(),
        None => "–".to_string(),
    }
}

/// A readable table for a terminal.
pub fn table(a: &Assessment, card: &Scorecard) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({}), self-assessment for {}",
        a.establishment.name, a.establishment.id.value, *a.year
    );
    for fw in &card.frameworks {
        let _ = writeln!(
            out,
            "\n{} (framework {}, version {})",
            fw.title, fw.id, fw.version
        );
        let _ = writeln!(
            out,
            "  Score {}   Grade {}   Coverage {} ({} of {} items answered{})",
            numbers::pct(fw.score),
            grade_text(&fw.grade, fw.provisional),
            numbers::percent(fw.coverage.share),
            fw.coverage.answered,
            fw.coverage.applicable,
            if fw.coverage.not_applicable > 0 {
                format!("; {} not applicable", fw.coverage.not_applicable)
            } else {
                String::new()
            }
        );
        if fw.provisional {
            let _ = writeln!(
                out,
                "  The grade is provisional: coverage is below the framework's minimum of {}.",
                numbers::percent(fw.min_coverage)
            );
        }
        let title_width = fw
            .sections
            .iter()
            .map(|s| s.short_title.chars().count() + 2 * s.depth)
            .max()
            .unwrap_or(10)
            .clamp(10, 60);
        let _ = writeln!(
            out,
            "\n  {:<title_width$}  {:>5}  {:>8}  Grade",
            "Section", "Score", "Coverage"
        );
        for s in &fw.sections {
            let title = format!("{}{}", "  ".repeat(s.depth), s.short_title);
            let title = truncate(&title, title_width);
            let _ = writeln!(
                out,
                "  {:<title_width$}  {:>5}  {:>8}  {}",
                title,
                numbers::pct(s.score),
                numbers::percent(s.coverage.share),
                grade_text(&s.grade, s.provisional)
            );
        }
        let capped: Vec<String> = fw
            .sections
            .iter()
            .flat_map(|s| s.items.iter())
            .filter(|i| i.capped)
            .map(|i| {
                format!(
                    "  {}: claimed {}, counted as {} (no evidence given)",
                    i.id,
                    i.claimed.as_ref().map_or("", |l| l.label.as_str()),
                    i.evidenced.as_ref().map_or("", |l| l.label.as_str())
                )
            })
            .collect();
        if !capped.is_empty() {
            let _ = writeln!(out, "\n  Ratings capped for lack of evidence:");
            for c in capped {
                let _ = writeln!(out, "  {c}");
            }
        }
        if !fw.terms.is_empty() {
            let _ = writeln!(out, "\n  Logic model by term:");
            for t in &fw.terms {
                let _ = writeln!(
                    out,
                    "    {:<12} {} of {} outcomes rated, average progress {}",
                    t.term.label(),
                    t.answered,
                    t.outcomes,
                    numbers::pct(t.score)
                );
            }
        }
    }
    out
}

fn truncate(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(width - 1).collect::<String>())
    }
}

/// Long-format CSV: one row per framework, section and item.
pub fn csv(a: &Assessment, card: &Scorecard) -> String {
    let mut out = csv::row(&[
        "establishment",
        "year",
        "framework",
        "level",
        "section",
        "item",
        "status",
        "claimed",
        "evidenced",
        "score",
        "grade",
        "provisional",
        "coverage",
        "weight",
    ]);
    let est = a.establishment.id.value.as_str();
    let year = a.year.to_string();
    for fw in &card.frameworks {
        out.push_str(&csv::row(&[
            est,
            &year,
            &fw.id,
            "framework",
            "",
            "",
            "",
            "",
            "",
            &csv::number(fw.score),
            fw.grade.as_deref().unwrap_or(""),
            if fw.provisional { "yes" } else { "no" },
            &csv::number(Some(fw.coverage.share)),
            "",
        ]));
        for s in &fw.sections {
            out.push_str(&csv::row(&[
                est,
                &year,
                &fw.id,
                "section",
                &s.id,
                "",
                "",
                "",
                "",
                &csv::number(s.score),
                s.grade.as_deref().unwrap_or(""),
                if s.provisional { "yes" } else { "no" },
                &csv::number(Some(s.coverage.share)),
                &csv::number(Some(s.weight)),
            ]));
            for i in &s.items {
                let status = match i.status {
                    ItemStatus::Scored => "scored",
                    ItemStatus::Reported => "reported",
                    ItemStatus::NotApplicable => "not-applicable",
                    ItemStatus::Unanswered => "unanswered",
                };
                out.push_str(&csv::row(&[
                    est,
                    &year,
                    &fw.id,
                    "item",
                    &s.id,
                    &i.id,
                    status,
                    i.claimed.as_ref().map_or("", |l| l.id.as_str()),
                    i.evidenced.as_ref().map_or("", |l| l.id.as_str()),
                    &csv::number(i.score),
                    "",
                    "",
                    "",
                    &csv::number(Some(i.weight)),
                ]));
            }
        }
    }
    out
}
