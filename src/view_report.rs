//! The view model of an establishment's annual progress report.
//!
//! Built from an assessment, its scorecard and (when found) the previous year's; templates
//! receive only this plain data. The public audience never receives restricted content: it is
//! removed here, before any template sees it. Field meanings are documented in
//! `docs/templates.md`.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::Serialize;

use crate::assessment::{Action, ActionStatus, Assessment, Response, parse_date};
use crate::catalog::Catalog;
use crate::chart::{self, Bar, Group};
use crate::framework::{Framework, ItemKind};
use crate::score::{FrameworkScore, ItemScore, ItemStatus, Scorecard, SectionScore};
use crate::view_framework::{GlossaryEntry, citation, format_number};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    Public,
    Inspector,
}

#[derive(Serialize)]
pub struct ReportView {
    pub audience: Audience,
    pub is_inspector: bool,
    /// The date overdue actions are judged against, YYYY-MM-DD.
    pub as_of: String,
    pub establishment: EstablishmentView,
    pub year: i32,
    pub completed_on: Option<String>,
    pub completed_by: Option<String>,
    pub frameworks: Vec<FrameworkReport>,
    pub at_a_glance: AtAGlance,
    pub actions: ActionPlan,
    pub change: Option<ChangeView>,
    /// Why there is no change section, when there is none.
    pub change_note: String,
    pub glossary: Vec<GlossaryEntry>,
    /// How many restricted responses, evidence entries and actions the public version leaves out.
    pub restricted_left_out: usize,
}

#[derive(Serialize)]
pub struct EstablishmentView {
    pub id: String,
    pub name: String,
    pub nation: String,
    pub region: Option<String>,
    pub comparator_group: Option<String>,
    pub kind: Option<String>,
}

#[derive(Serialize)]
pub struct FrameworkReport {
    pub id: String,
    pub title: String,
    pub version: String,
    pub source: String,
    /// The first paragraph of the framework's description (Markdown).
    pub about: String,
    pub score: Option<f64>,
    /// The score as a percentage, "72%", or "–".
    pub score_text: String,
    pub grade: Option<String>,
    pub provisional: bool,
    pub coverage: f64,
    pub coverage_text: String,
    pub answered: usize,
    pub applicable: usize,
    pub not_applicable: usize,
    pub min_coverage_text: String,
    /// Plain-words rules that apply: evidence thresholds, bands.
    pub rules: Vec<String>,
    pub sections: Vec<SectionReport>,
    pub chart: String,
    pub chart_id: String,
    pub logic_model: Option<LogicModel>,
    pub metrics: Vec<MetricView>,
    pub capped_count: usize,
}

#[derive(Serialize)]
pub struct SectionReport {
    pub id: String,
    pub title: String,
    pub depth: usize,
    pub score: Option<f64>,
    pub score_text: String,
    pub grade: Option<String>,
    pub provisional: bool,
    pub coverage_text: String,
    /// Answered items with their full response.
    pub items: Vec<ItemReport>,
    /// Items not answered yet: their text only.
    pub unanswered: Vec<String>,
    pub not_applicable: Vec<NotApplicable>,
    /// Responses left out of this (public) version.
    pub restricted_hidden: usize,
}

#[derive(Serialize)]
pub struct NotApplicable {
    pub text: String,
    pub reason: String,
}

#[derive(Serialize)]
pub struct ItemReport {
    pub id: String,
    pub qualified_id: String,
    pub text: String,
    pub kind: String,
    pub claimed: Option<String>,
    pub evidenced: Option<String>,
    pub capped: bool,
    pub score_text: String,
    pub confidence: Option<String>,
    pub evidence: Vec<EvidenceView>,
    pub narrative: Option<String>,
    pub strengths: Vec<String>,
    pub development: Vec<String>,
    pub restricted: bool,
    pub actions: Vec<String>,
    /// Related items in other frameworks this assessment uses.
    pub related: Vec<String>,
}

#[derive(Serialize)]
pub struct EvidenceView {
    pub kind: String,
    pub text: String,
    pub date: Option<String>,
    pub restricted: bool,
}

#[derive(Serialize)]
pub struct LogicModel {
    pub terms: Vec<TermView>,
    pub chart: String,
    pub chart_id: String,
}

#[derive(Serialize)]
pub struct TermView {
    pub label: String,
    pub outcomes: Vec<OutcomeView>,
    pub answered: usize,
    pub total: usize,
    pub score_text: String,
    pub score: Option<f64>,
}

#[derive(Serialize)]
pub struct OutcomeView {
    pub text: String,
    pub progress: String,
}

#[derive(Serialize)]
pub struct MetricView {
    pub text: String,
    pub figure: String,
    pub counts: Option<String>,
    pub baseline: Option<String>,
    pub target: Option<String>,
    pub progress: Option<String>,
    pub note: Option<String>,
}

#[derive(Serialize, Default)]
pub struct AtAGlance {
    pub strengths: Vec<GlancePoint>,
    pub priorities: Vec<GlancePoint>,
}

#[derive(Serialize)]
pub struct GlancePoint {
    pub item: String,
    pub point: String,
}

#[derive(Serialize, Default)]
pub struct ActionPlan {
    pub live: Vec<ActionView>,
    pub done: Vec<ActionView>,
    pub dropped: Vec<ActionView>,
    pub overdue: usize,
}

#[derive(Serialize)]
pub struct ActionView {
    pub id: String,
    pub what: String,
    pub owner: String,
    pub due: Option<String>,
    pub status: String,
    pub overdue: bool,
    pub done_on: Option<String>,
    pub items: Vec<String>,
    pub note: Option<String>,
    pub restricted: bool,
}

#[derive(Serialize)]
pub struct ChangeView {
    pub previous_year: i32,
    pub frameworks: Vec<FrameworkChange>,
    pub chart: String,
    pub chart_id: String,
    pub completed: Vec<ActionView>,
    pub carried_over: Vec<ActionView>,
    pub new: Vec<ActionView>,
}

#[derive(Serialize)]
pub struct FrameworkChange {
    pub id: String,
    pub title: String,
    pub before: String,
    pub after: String,
    pub movement: String,
    pub grade_before: Option<String>,
    pub grade_after: Option<String>,
    pub sections: Vec<Movement>,
    pub items_up: Vec<ItemMovement>,
    pub items_down: Vec<ItemMovement>,
}

#[derive(Serialize)]
pub struct Movement {
    pub title: String,
    pub before: String,
    pub after: String,
    /// "up 12 points", "down 5 points", "no change", "new this year".
    pub movement: String,
}

#[derive(Serialize)]
pub struct ItemMovement {
    pub text: String,
    pub before: String,
    pub after: String,
}

/// A year's assessment and its scores.
pub struct Year<'a> {
    pub assessment: &'a Assessment,
    pub card: &'a Scorecard,
}

pub fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_string(), |v| format!("{:.0}%", v * 100.0))
}

fn movement(before: Option<f64>, after: Option<f64>) -> String {
    match (before, after) {
        (Some(b), Some(a)) => {
            let d = ((a - b) * 100.0).round();
            if d > 0.0 {
                format!("up {d:.0} points")
            } else if d < 0.0 {
                format!("down {:.0} points", -d)
            } else {
                "no change".to_string()
            }
        }
        (None, Some(_)) => "scored for the first time".to_string(),
        (Some(_), None) => "not scored this year".to_string(),
        (None, None) => "not scored".to_string(),
    }
}

pub fn build(
    catalog: &Catalog,
    current: Year<'_>,
    previous: Option<Year<'_>>,
    previous_note: Option<String>,
    audience: Audience,
    as_of: NaiveDate,
) -> ReportView {
    let a = current.assessment;
    let public = audience == Audience::Public;
    let mut hidden = 0usize;
    let mut words = String::new();
    let frameworks: Vec<(&Framework, &FrameworkScore)> = current
        .card
        .frameworks
        .iter()
        .filter_map(|fs| catalog.get_version(&fs.id, &fs.version).map(|fw| (fw, fs)))
        .collect();
    let framework_ids: Vec<&str> = frameworks.iter().map(|(f, _)| f.id.as_str()).collect();
    let mut reports = Vec::new();
    let mut glance = AtAGlance::default();
    let mut strong: Vec<(f64, GlancePoint)> = Vec::new();
    let mut weak: Vec<(f64, GlancePoint)> = Vec::new();
    for (n, (fw, fs)) in frameworks.iter().enumerate() {
        words.push_str(&fw.title);
        words.push(' ');
        let about = fw
            .description
            .split("\n\n")
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        words.push_str(&about);
        let mut sections = Vec::new();
        for ss in &fs.sections {
            sections.push(section_report(
                fw,
                ss,
                a,
                public,
                &framework_ids,
                &mut hidden,
                &mut words,
                &mut strong,
                &mut weak,
            ));
        }
        let chart_id = format!("chart-sections-{}", n + 1);
        let top: Vec<&SectionScore> = fs.sections.iter().filter(|s| s.depth == 0).collect();
        let chart = chart::bars(
            &chart_id,
            &format!("{}: score by section", fw.title),
            "Horizontal bars, one per section, from 0% to 100%; the figures are also in the table that follows.",
            &[Group {
                label: String::new(),
                bars: top
                    .iter()
                    .map(|s| Bar {
                        label: s.title.clone(),
                        value: s.score,
                        text: match s.score {
                            Some(v) => format!(
                                "{:.0}%{}",
                                v * 100.0,
                                if s.provisional { " (prov.)" } else { "" }
                            ),
                            None => "not scored".to_string(),
                        },
                    })
                    .collect(),
            }],
        );
        let logic_model = logic_model(fw, fs, a, public, n);
        let metrics = metric_views(fw, fs, a, public, &mut hidden);
        let mut rules = Vec::new();
        for (scale_id, level) in &fw.scoring.evidence_required {
            if let Some(scale) = fw.scale(scale_id)
                && let Some((idx, l)) = scale.level(level)
            {
                let below = idx
                    .checked_sub(1)
                    .map(|i| scale.levels[i].label.clone())
                    .unwrap_or_default();
                rules.push(format!(
                        "On the {} scale, a rating of {} or above needs evidence; without evidence it counts as {}.",
                        scale.label, l.label, below
                    ));
            }
        }
        if let Some(note) = &fw.scoring.bands_note {
            rules.push(note.clone());
        }
        let capped_count = fs
            .sections
            .iter()
            .flat_map(|s| s.items.iter())
            .filter(|i| i.capped)
            .count();
        reports.push(FrameworkReport {
            id: fw.id.value.clone(),
            title: fw.title.clone(),
            version: fw.version.value.clone(),
            source: citation(&fw.source),
            about,
            score: fs.score,
            score_text: pct(fs.score),
            grade: fs.grade.clone(),
            provisional: fs.provisional,
            coverage: fs.coverage.share,
            coverage_text: pct(Some(fs.coverage.share)),
            answered: fs.coverage.answered,
            applicable: fs.coverage.applicable,
            not_applicable: fs.coverage.not_applicable,
            min_coverage_text: pct(Some(fs.min_coverage)),
            rules,
            sections,
            chart,
            chart_id,
            logic_model,
            metrics,
            capped_count,
        });
    }
    strong.sort_by(|x, y| y.0.total_cmp(&x.0));
    weak.sort_by(|x, y| x.0.total_cmp(&y.0));
    glance.strengths = strong.into_iter().take(5).map(|(_, p)| p).collect();
    glance.priorities = weak.into_iter().take(5).map(|(_, p)| p).collect();

    let actions = action_plan(&a.actions, public, as_of, &mut hidden);
    for act in actions
        .live
        .iter()
        .chain(&actions.done)
        .chain(&actions.dropped)
    {
        words.push_str(&act.what);
        words.push(' ');
    }
    let (change, change_note) = match previous {
        Some(prev) => (Some(change_view(catalog, &current, &prev, public, as_of)), String::new()),
        None => (None, previous_note.unwrap_or_else(|| format!("No self-assessment for {} was found beside this file, so change since last year is not shown.", a.year.value - 1))),
    };
    let glossary = glossary_used(
        &frameworks.iter().map(|(f, _)| *f).collect::<Vec<_>>(),
        &words,
    );
    ReportView {
        audience,
        is_inspector: !public,
        as_of: as_of.to_string(),
        establishment: EstablishmentView {
            id: a.establishment.id.value.clone(),
            name: a.establishment.name.clone(),
            nation: a.establishment.nation.label().to_string(),
            region: a.establishment.region.clone(),
            comparator_group: a.establishment.comparator_group.clone(),
            kind: a.establishment.kind.clone(),
        },
        year: *a.year,
        completed_on: a.completed_on.as_ref().map(|d| d.value.clone()),
        completed_by: a.completed_by.as_ref().map(|d| d.value.clone()),
        frameworks: reports,
        at_a_glance: glance,
        actions,
        change,
        change_note,
        glossary,
        restricted_left_out: if public { hidden } else { 0 },
    }
}

#[allow(clippy::too_many_arguments)]
fn section_report(
    fw: &Framework,
    ss: &SectionScore,
    a: &Assessment,
    public: bool,
    framework_ids: &[&str],
    hidden: &mut usize,
    words: &mut String,
    strong: &mut Vec<(f64, GlancePoint)>,
    weak: &mut Vec<(f64, GlancePoint)>,
) -> SectionReport {
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
                let report = item_report(fw, item, is, r, a, public, framework_ids, hidden, words);
                if let Some(score) = is.score {
                    if let Some(s) = report.strengths.first() {
                        strong.push((
                            score,
                            GlancePoint {
                                item: item.text.clone(),
                                point: s.clone(),
                            },
                        ));
                    }
                    if let Some(d) = report.development.first() {
                        weak.push((
                            score,
                            GlancePoint {
                                item: item.text.clone(),
                                point: d.clone(),
                            },
                        ));
                    }
                }
                items.push(report);
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

#[allow(clippy::too_many_arguments)]
fn item_report(
    fw: &Framework,
    item: &crate::framework::Item,
    is: &ItemScore,
    r: &Response,
    a: &Assessment,
    public: bool,
    framework_ids: &[&str],
    hidden: &mut usize,
    words: &mut String,
) -> ItemReport {
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
        narrative: r.narrative.clone().filter(|n| !n.trim().is_empty()),
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
        related: item
            .maps_to
            .iter()
            .filter(|m| {
                m.item
                    .split_once('/')
                    .is_some_and(|(f, _)| framework_ids.contains(&f))
            })
            .map(|m| m.item.value.clone())
            .collect(),
    }
}

fn logic_model(
    fw: &Framework,
    fs: &FrameworkScore,
    a: &Assessment,
    public: bool,
    n: usize,
) -> Option<LogicModel> {
    if fs.terms.is_empty() {
        return None;
    }
    let outcomes: Vec<&ItemScore> = fs
        .sections
        .iter()
        .flat_map(|s| s.items.iter())
        .filter(|i| i.term.is_some())
        .collect();
    let terms: Vec<TermView> = fs
        .terms
        .iter()
        .map(|t| TermView {
            label: t.term.label().to_string(),
            outcomes: outcomes
                .iter()
                .filter(|i| i.term == Some(t.term))
                .map(|i| {
                    let restricted = public
                        && a.responses
                            .get(&i.qualified_id)
                            .is_some_and(|r| r.restricted);
                    OutcomeView {
                        text: fw.item(&i.id).map(|it| it.text.clone()).unwrap_or_default(),
                        progress: match (i.status, &i.evidenced) {
                            _ if restricted => "Not shown in the public version".to_string(),
                            (ItemStatus::NotApplicable, _) => "Not applicable".to_string(),
                            (_, Some(l)) => l.label.clone(),
                            _ => "Not yet assessed".to_string(),
                        },
                    }
                })
                .collect(),
            answered: t.answered,
            total: t.outcomes,
            score_text: pct(t.score),
            score: t.score,
        })
        .collect();
    let chart_id = format!("chart-logic-{}", n + 1);
    let chart = chart::bars(
        &chart_id,
        &format!(
            "{}: average progress on logic-model outcomes by term",
            fw.title
        ),
        "One bar per term (short, medium, long), from 0% (not started) to 100% (achieved); the figures are also in the table that follows.",
        &[Group {
            label: String::new(),
            bars: terms
                .iter()
                .map(|t| Bar {
                    label: t.label.clone(),
                    value: t.score,
                    text: format!("{} ({} of {} rated)", t.score_text, t.answered, t.total),
                })
                .collect(),
        }],
    );
    Some(LogicModel {
        terms,
        chart,
        chart_id,
    })
}

fn metric_views(
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
                    crate::render::short_number(n),
                    crate::render::short_number(d)
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

fn action_view(act: &Action, as_of: NaiveDate) -> ActionView {
    let due = act.due.as_ref().and_then(|d| parse_date(d));
    ActionView {
        id: act.id.value.clone(),
        what: act.what.clone(),
        owner: act.owner.clone(),
        due: act.due.as_ref().map(|d| d.value.clone()),
        status: act.status.label().to_string(),
        overdue: act.status.is_live() && due.is_some_and(|d| d < as_of),
        done_on: act.done_on.as_ref().map(|d| d.value.clone()),
        items: act.items.iter().map(|i| i.value.clone()).collect(),
        note: act.note.clone(),
        restricted: act.restricted,
    }
}

fn action_plan(
    actions: &[Action],
    public: bool,
    as_of: NaiveDate,
    hidden: &mut usize,
) -> ActionPlan {
    let mut plan = ActionPlan::default();
    for act in actions {
        if public && act.restricted {
            *hidden += 1;
            continue;
        }
        let v = action_view(act, as_of);
        match *act.status {
            ActionStatus::Open | ActionStatus::InProgress => {
                if v.overdue {
                    plan.overdue += 1;
                }
                plan.live.push(v);
            }
            ActionStatus::Done => plan.done.push(v),
            ActionStatus::Dropped => plan.dropped.push(v),
        }
    }
    // Overdue first, then by due date, so the most urgent lead the plan.
    plan.live.sort_by(|x, y| {
        (!x.overdue, x.due.clone(), x.id.clone()).cmp(&(!y.overdue, y.due.clone(), y.id.clone()))
    });
    plan
}

fn change_view(
    catalog: &Catalog,
    current: &Year<'_>,
    previous: &Year<'_>,
    public: bool,
    as_of: NaiveDate,
) -> ChangeView {
    let mut frameworks = Vec::new();
    let mut groups = Vec::new();
    for fs in &current.card.frameworks {
        let Some(before) = previous.card.frameworks.iter().find(|p| p.id == fs.id) else {
            continue;
        };
        let Some(fw) = catalog.get_version(&fs.id, &fs.version) else {
            continue;
        };
        let sections: Vec<Movement> = fs
            .sections
            .iter()
            .filter(|s| s.depth == 0)
            .map(|s| {
                let b = before
                    .sections
                    .iter()
                    .find(|p| p.id == s.id)
                    .and_then(|p| p.score);
                Movement {
                    title: s.title.clone(),
                    before: pct(b),
                    after: pct(s.score),
                    movement: movement(b, s.score),
                }
            })
            .collect();
        let mut up = Vec::new();
        let mut down = Vec::new();
        let visible = |y: &Year<'_>, id: &str| {
            !(public && y.assessment.responses.get(id).is_some_and(|r| r.restricted))
        };
        for item in fs.sections.iter().flat_map(|s| s.items.iter()) {
            let Some(prev) = before
                .sections
                .iter()
                .flat_map(|s| s.items.iter())
                .find(|p| p.qualified_id == item.qualified_id)
            else {
                continue;
            };
            if !visible(current, &item.qualified_id) || !visible(previous, &item.qualified_id) {
                continue;
            }
            if let (Some(b), Some(a)) = (prev.score, item.score) {
                let text = fw
                    .item(&item.id)
                    .map(|i| i.text.trim_end_matches('.').to_string())
                    .unwrap_or_default();
                let measure = fw
                    .item(&item.id)
                    .and_then(|i| i.metric.as_ref())
                    .map(|m| m.measure);
                // A rating shows as its level; a measure as its figure, not its progress.
                let label = |i: &ItemScore| match (&i.evidenced, &i.metric, measure) {
                    (Some(l), _, _) => l.label.clone(),
                    (None, Some(m), Some(measure)) => m
                        .figure
                        .map_or_else(|| pct(i.score), |f| format_number(f, measure)),
                    _ => pct(i.score),
                };
                let m = ItemMovement {
                    text,
                    before: label(prev),
                    after: label(item),
                };
                if a > b + 1e-9 {
                    up.push(m);
                } else if a < b - 1e-9 {
                    down.push(m);
                }
            }
        }
        groups.push(Group {
            label: fw.title.clone(),
            bars: vec![
                Bar {
                    label: format!("{}", *previous.assessment.year),
                    value: before.score,
                    text: pct(before.score),
                },
                Bar {
                    label: format!("{}", *current.assessment.year),
                    value: fs.score,
                    text: pct(fs.score),
                },
            ],
        });
        frameworks.push(FrameworkChange {
            id: fs.id.clone(),
            title: fs.title.clone(),
            before: pct(before.score),
            after: pct(fs.score),
            movement: movement(before.score, fs.score),
            grade_before: before.grade.clone(),
            grade_after: fs.grade.clone(),
            sections,
            items_up: up,
            items_down: down,
        });
    }
    let chart_id = "chart-change".to_string();
    let chart = chart::bars(
        &chart_id,
        "Change since last year: framework scores",
        "For each framework, one bar for last year and one for this year, from 0% to 100%; the figures are also in the table that follows.",
        &groups,
    );
    let prev_actions: Vec<&Action> = previous
        .assessment
        .actions
        .iter()
        .filter(|x| !(public && x.restricted))
        .collect();
    let mut completed = Vec::new();
    let mut carried_over = Vec::new();
    let mut new = Vec::new();
    for act in current
        .assessment
        .actions
        .iter()
        .filter(|x| !(public && x.restricted))
    {
        let before = prev_actions.iter().find(|p| p.id.value == act.id.value);
        match before {
            Some(p) if p.status.is_live() && *act.status == ActionStatus::Done => {
                completed.push(action_view(act, as_of))
            }
            Some(p) if p.status.is_live() && act.status.is_live() => {
                carried_over.push(action_view(act, as_of))
            }
            None => new.push(action_view(act, as_of)),
            _ => {}
        }
    }
    let ids: BTreeSet<&str> = current
        .assessment
        .actions
        .iter()
        .map(|x| x.id.as_str())
        .collect();
    for p in prev_actions
        .iter()
        .filter(|p| p.status.is_live() && !ids.contains(p.id.as_str()))
    {
        let mut v = action_view(p, as_of);
        v.status = "Not carried into this year's plan".to_string();
        v.overdue = false;
        carried_over.push(v);
    }
    ChangeView {
        previous_year: *previous.assessment.year,
        frameworks,
        chart,
        chart_id,
        completed,
        carried_over,
        new,
    }
}

/// The glossary entries, from the frameworks used, whose term appears in the report's words.
fn glossary_used(frameworks: &[&Framework], words: &str) -> Vec<GlossaryEntry> {
    let tokens: BTreeSet<&str> = words
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '&'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for fw in frameworks {
        for (term, meaning) in &fw.glossary {
            if tokens.contains(term.as_str()) && seen.insert(term.clone()) {
                out.push(GlossaryEntry {
                    term: term.clone(),
                    meaning: meaning.clone(),
                });
            }
        }
    }
    out.sort_by_key(|a| a.term.to_lowercase());
    out
}
