//! Text for the terminal: tables a person reads in a console window.

use std::fmt::Write as _;

use crate::view::framework::CatalogRow;
use crate::view::numbers;
use crate::view::score::{ScoreView, grade_text};

/// A grade on the terminal: its words, or a dash for none.
fn grade(grade: &Option<String>, provisional: bool) -> String {
    grade_text(grade.as_deref(), provisional).unwrap_or_else(|| "–".to_string())
}

/// An establishment's scores as a readable table for a terminal (`ties score`).
pub fn score(view: &ScoreView) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({}), self-assessment for {}",
        view.establishment.name, view.establishment.id, view.year
    );
    if let Some(counted) = restricted_counted(view) {
        let _ = writeln!(out, "{counted}");
    }
    for fw in view.frameworks {
        let _ = writeln!(
            out,
            "\n{} (framework {}, version {})",
            fw.title, fw.id, fw.version
        );
        let _ = writeln!(
            out,
            "  Score {}   Grade {}   Coverage {} ({} of {} items answered{})",
            numbers::pct(fw.score),
            grade(&fw.grade, fw.provisional),
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
                grade(&s.grade, s.provisional)
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

/// What a person reading the scores must know when restricted answers count in them, as the
/// inspector's report says it: they are not the public scores.
fn restricted_counted(view: &ScoreView) -> Option<String> {
    let r = &view.restricted_counted;
    let mut what = Vec::new();
    let counted = |n: usize, one: &str, many: &str| {
        format!("{} {}", numbers::count(n), if n == 1 { one } else { many })
    };
    if r.responses > 0 {
        what.push(counted(r.responses, "response", "responses"));
    }
    if r.measures > 0 {
        what.push(counted(r.measures, "measure", "measures"));
    }
    if what.is_empty() {
        return None;
    }
    Some(format!(
        "Restricted answers count in these scores, as in the inspector's report: {} marked \
         restricted.\nThe public report and the estate leave them out of their scores, and count \
         them as not answered.",
        what.join(" and ")
    ))
}

fn truncate(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(width - 1).collect::<String>())
    }
}

/// The frameworks there are, a line each (`ties frameworks`).
pub fn frameworks(rows: &[CatalogRow<'_>]) -> String {
    let w_id = rows.iter().map(|r| r.id.len()).max().unwrap_or(2).max(2);
    let w_title = rows
        .iter()
        .map(|r| r.title.chars().count())
        .max()
        .unwrap_or(5)
        .max(5);
    let mut t = format!(
        "{:<w_id$}  {:<w_title$}  {:<7}  {:>8}  {:>5}  From\n",
        "Id", "Title", "Version", "Sections", "Items"
    );
    for r in rows {
        t.push_str(&format!(
            "{:<w_id$}  {:<w_title$}  {:<7}  {:>8}  {:>5}  {}\n",
            r.id, r.title, r.version, r.sections, r.items, r.origin
        ));
    }
    t.push_str("\nSee one in full with `ties show ID`.\n");
    t
}
