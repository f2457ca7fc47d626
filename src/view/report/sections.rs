//! Each section of a framework in the report, with its items and measures.

use crate::model::assessment::{Assessment, Response};
use crate::model::catalog::{Catalog, LinkIndex};
use crate::model::framework::{Framework, ItemKind, LinkKind};
use crate::score::{FrameworkScore, ItemScore, ItemStatus, Scorecard, SectionScore};
use crate::view::framework::format_number;
use crate::view::numbers::pct;

use super::{EvidenceView, ItemReport, MetricView, NotApplicable, RelatedAnswer, SectionReport};

/// What every part of the report is made from: the catalog, the self-assessment and its scores,
/// and whether this is the public version.
pub(super) struct Reading<'a> {
    pub catalog: &'a Catalog,
    /// The crosswalk's links into each item, made once for the whole report.
    pub links: LinkIndex<'a>,
    pub a: &'a Assessment,
    pub card: &'a Scorecard,
    pub public: bool,
}

impl Reading<'_> {
    /// Whether the self-assessment's text was typed in a workbook's cells, where a line break
    /// (Alt+Enter, or Ctrl+Enter in LibreOffice) is meant as one. In a YAML file, prose wraps
    /// its lines freely, and a single line break is a space, as in Markdown.
    fn typed(&self) -> bool {
        self.a.establishment.id.pos.sheet > 0
    }
}

/// Text typed in a cell, as Markdown that keeps its line breaks: each line break within a
/// paragraph becomes a hard break (two spaces at the end of the line). Blank lines still part
/// paragraphs.
fn typed_line_breaks(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out = String::with_capacity(text.len() + 2 * lines.len());
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line);
        let Some(next) = lines.get(i + 1) else { break };
        if !line.trim().is_empty() && !next.trim().is_empty() {
            out.push_str("  ");
        }
        out.push('\n');
    }
    out
}

pub(super) fn section_report(
    ctx: &Reading<'_>,
    fw: &Framework,
    ss: &SectionScore,
    hidden: &mut usize,
    words: &mut String,
) -> SectionReport {
    let (a, public) = (ctx.a, ctx.public);
    words.push_str(&ss.title);
    words.push(' ');
    let mut items = Vec::new();
    let mut unanswered = Vec::new();
    let mut not_applicable = Vec::new();
    let mut restricted_hidden = 0;
    for is in &ss.items {
        if is.kind == ItemKind::Metric {
            continue;
        }
        let Some(item) = fw.item(&is.id) else {
            continue;
        };
        words.push_str(&item.text);
        words.push(' ');
        let response = a.responses.get(&is.qualified_id);
        if response.is_some_and(|r| r.restricted && public) {
            restricted_hidden += 1;
            *hidden += 1;
            continue;
        }
        match (is.status, response) {
            (ItemStatus::NotApplicable, Some(r)) => not_applicable.push(NotApplicable {
                text: item.text.clone(),
                reason: r.not_applicable.text().unwrap_or("").to_string(),
            }),
            (ItemStatus::Unanswered, _) | (_, None) => unanswered.push(item.text.clone()),
            (_, Some(r)) => {
                items.push(item_report(ctx, fw, item, is, r, hidden, words));
            }
        }
    }
    SectionReport {
        id: ss.id.clone(),
        title: ss.title.clone(),
        depth: ss.depth,
        score: ss.score,
        score_text: pct(ss.score),
        grade: ss.grade.clone(),
        provisional: ss.provisional,
        coverage_text: pct(Some(ss.coverage.share)),
        items,
        unanswered,
        not_applicable,
        restricted_hidden,
    }
}

pub(super) fn item_report(
    ctx: &Reading<'_>,
    fw: &Framework,
    item: &crate::model::framework::Item,
    is: &ItemScore,
    r: &Response,
    hidden: &mut usize,
    words: &mut String,
) -> ItemReport {
    let (a, public) = (ctx.a, ctx.public);
    let kind_label = |id: &str| -> String {
        fw.evidence_kinds
            .iter()
            .find(|k| *k.id == id)
            .map_or_else(|| id.to_string(), |k| k.label.clone())
    };
    let mut evidence = Vec::new();
    for e in &r.evidence {
        if e.restricted && public {
            *hidden += 1;
            continue;
        }
        words.push_str(&e.text);
        words.push(' ');
        evidence.push(EvidenceView {
            kind: kind_label(&e.kind),
            text: e.text.value.clone(),
            date: e.date.as_ref().map(|d| d.value.clone()),
            restricted: e.restricted,
            lines: ctx.typed() && e.text.value.contains('\n'),
        });
    }
    for t in r.narrative.iter().chain(&r.strengths).chain(&r.development) {
        words.push_str(t);
        words.push(' ');
    }
    ItemReport {
        id: is.id.clone(),
        qualified_id: is.qualified_id.clone(),
        text: item.text.clone(),
        kind: item.kind.label().to_string(),
        claimed: is.claimed.as_ref().map(|l| l.label.clone()),
        evidenced: is.evidenced.as_ref().map(|l| l.label.clone()),
        capped: is.capped,
        score_text: pct(is.score),
        confidence: r.confidence.map(|c| format!("{c:?}").to_lowercase()),
        evidence,
        narrative: r
            .narrative
            .as_deref()
            .filter(|n| !n.trim().is_empty())
            .map(|n| {
                if ctx.typed() {
                    typed_line_breaks(n)
                } else {
                    n.to_string()
                }
            }),
        strengths: r.strengths.clone(),
        development: r.development.clone(),
        restricted: r.restricted,
        actions: a
            .actions
            .iter()
            .filter(|act| !(public && act.restricted))
            .filter(|act| act.items.iter().any(|i| i.value == is.qualified_id))
            .map(|act| act.id.value.clone())
            .collect(),
        related: related_answers(ctx, &is.qualified_id),
    }
}

/// The items of the self-assessment's other frameworks that the crosswalk links to `here`, both
/// ways, each with what the establishment said about it.
fn related_answers(ctx: &Reading<'_>, here: &str) -> Vec<RelatedAnswer> {
    let scored: Vec<&ItemScore> = ctx
        .card
        .frameworks
        .iter()
        .flat_map(|f| f.sections.iter().flat_map(|s| s.items.iter()))
        .collect();
    let mut out: Vec<RelatedAnswer> = ctx
        .links
        .of(ctx.catalog, here)
        .into_iter()
        .filter_map(|(other, link)| {
            let is = scored.iter().find(|i| i.qualified_id == other)?;
            let found = ctx.catalog.find(&other)?;
            let response = ctx.a.responses.get(&other);
            let answer = match (is.status, response) {
                (_, Some(r)) if r.restricted && ctx.public => {
                    "Not shown in the public version".to_string()
                }
                (ItemStatus::Scored, _) => match &is.evidenced {
                    Some(l) => format!("Rated {}", l.label),
                    None => "Answered".to_string(),
                },
                (ItemStatus::Reported, _) => "Answered in writing".to_string(),
                (ItemStatus::NotApplicable, _) => "Not applicable here".to_string(),
                (ItemStatus::Unanswered, _) => "Not answered yet".to_string(),
            };
            Some(RelatedAnswer {
                item: other,
                text: found.item.text.clone(),
                framework: found.framework.title.clone(),
                kind: link.kind.id().to_string(),
                kind_label: link.kind.label().to_string(),
                answer,
            })
        })
        .collect();
    // The same practice first, then by framework, each framework's items in its own order.
    out.sort_by_key(|r| (r.kind != LinkKind::SamePractice.id(), r.framework.clone()));
    out
}

pub(super) fn metric_views(
    fw: &Framework,
    fs: &FrameworkScore,
    a: &Assessment,
    public: bool,
    hidden: &mut usize,
) -> Vec<MetricView> {
    let mut out = Vec::new();
    for is in fs
        .sections
        .iter()
        .flat_map(|s| s.items.iter())
        .filter(|i| i.kind == ItemKind::Metric)
    {
        let Some(item) = fw.item(&is.id) else {
            continue;
        };
        let Some(spec) = &item.metric else { continue };
        let value = a.metrics.get(&is.qualified_id);
        if value.is_some_and(|v| v.restricted) && public {
            *hidden += 1;
            continue;
        }
        let m = is.metric.as_ref();
        let fmt = |v: Option<f64>| v.map(|v| format_number(v, spec.measure));
        out.push(MetricView {
            text: item.text.clone(),
            figure: fmt(m.and_then(|m| m.figure)).unwrap_or_else(|| "Not given".to_string()),
            counts: m.and_then(|m| match (m.numerator, m.denominator) {
                (Some(n), Some(d)) => Some(format!(
                    "{} of {}",
                    crate::view::numbers::short_number(n),
                    crate::view::numbers::short_number(d)
                )),
                _ => None,
            }),
            baseline: fmt(m.and_then(|m| m.baseline)),
            target: fmt(m.and_then(|m| m.target).or(spec.target)),
            progress: m
                .and_then(|m| m.progress)
                .map(|p| format!("{:.0}% of the way from baseline to target", p * 100.0)),
            note: value.and_then(|v| v.note.clone()),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::typed_line_breaks;

    #[test]
    fn a_line_break_typed_in_a_cell_is_kept_as_one() {
        assert_eq!(
            typed_line_breaks("Visits on Saturdays\nand Sundays\n\nA new paragraph"),
            "Visits on Saturdays  \nand Sundays\n\nA new paragraph"
        );
        assert_eq!(typed_line_breaks("One line"), "One line");
        assert_eq!(
            crate::output::markdown::to_html(&typed_line_breaks("a\nb")),
            "<p>a<br />\nb</p>\n"
        );
    }
}
