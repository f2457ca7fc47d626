//! The view model of an establishment's annual progress report.
//!
//! Built from an assessment, its scorecard and (when found) the previous year's; templates
//! receive only this plain data. The public audience never receives restricted content: it is
//! removed here, before any template sees it. Field meanings are documented in
//! `docs/templates.md`.

use chrono::NaiveDate;
use serde::Serialize;

use crate::estate::highlights::{Highlight, highlights};
use crate::model::assessment::Assessment;
use crate::model::catalog::Catalog;
use crate::model::framework::Framework;
use crate::score::{FrameworkScore, Scorecard, SectionScore};
use crate::view::chart::{self, Bar, Chart, Group};
use crate::view::framework::{GlossaryEntry, citation, measure_rule};
use crate::view::numbers::pct;

mod actions;
mod attention;
mod change;
mod glossary;
mod logic_model;
mod sections;

use actions::action_plan;
pub use attention::{Attention, Claim, LargestMove, MeasureChange, Weakest};
use change::change_view;
use glossary::glossary_used;
use logic_model::logic_model;
use sections::{Reading, metric_views, section_report};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    Public,
    Inspector,
}

impl Audience {
    /// The scores this audience may see. The public's are computed without the restricted
    /// answers, so no public score or grade can be worked back to one; the inspector's from
    /// everything.
    pub fn scorecard(self, a: &Assessment, catalog: &Catalog) -> Scorecard {
        match self {
            Audience::Public => crate::score::score(&a.without_restricted_answers(), catalog),
            Audience::Inspector => crate::score::score(a, catalog),
        }
    }
}

#[derive(Serialize)]
pub struct ReportView {
    pub audience: Audience,
    pub is_inspector: bool,
    /// The date overdue actions are judged against, YYYY-MM-DD; none for a draft with no date,
    /// whose actions are then not judged.
    pub as_of: Option<String>,
    /// The self-assessment has no completion date yet: the report is a draft.
    pub draft: bool,
    pub establishment: EstablishmentView,
    pub year: i32,
    pub completed_on: Option<String>,
    pub completed_by: Option<String>,
    pub frameworks: Vec<FrameworkReport>,
    /// What to look at first: claims without evidence and overdue actions.
    pub attention: Attention,
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
    /// Bars of the sections with a score; none when no section has one.
    pub chart: Option<Chart>,
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
    /// Items of the report's other frameworks linked to this one, with what was said about them.
    pub related: Vec<RelatedAnswer>,
}

#[derive(Serialize)]
pub struct RelatedAnswer {
    /// The linked item, qualified.
    pub item: String,
    pub text: String,
    /// The title of its framework.
    pub framework: String,
    /// `same-practice` or `related`.
    pub kind: String,
    pub kind_label: String,
    /// What the establishment said about it: "Rated Embedded", "Not answered yet".
    pub answer: String,
}

#[derive(Serialize)]
pub struct EvidenceView {
    pub kind: String,
    pub text: String,
    pub date: Option<String>,
    pub restricted: bool,
    /// The text was typed in a workbook's cell with line breaks, which are to be kept.
    pub lines: bool,
}

#[derive(Serialize)]
pub struct LogicModel {
    pub terms: Vec<TermView>,
    pub chart: Chart,
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

#[derive(Serialize, Clone)]
pub struct ActionView {
    pub id: String,
    pub what: String,
    pub owner: String,
    pub due: Option<String>,
    pub status: String,
    pub overdue: bool,
    /// How long it has been overdue, in words ("1 year 4 months"); none when it is not.
    pub overdue_for: Option<String>,
    pub done_on: Option<String>,
    pub items: Vec<String>,
    /// The items it is for, each with its text where a framework of the catalog has it.
    pub named_items: Vec<NamedItem>,
    pub note: Option<String>,
    pub restricted: bool,
}

/// An item named by its qualified id, with its text.
#[derive(Serialize, Clone)]
pub struct NamedItem {
    pub id: String,
    pub text: Option<String>,
}

#[derive(Serialize)]
pub struct ChangeView {
    pub previous_year: i32,
    pub frameworks: Vec<FrameworkChange>,
    pub chart: Chart,
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

pub fn build(
    catalog: &Catalog,
    current: Year<'_>,
    previous: Option<Year<'_>>,
    previous_note: Option<String>,
    audience: Audience,
    as_of: Option<NaiveDate>,
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
    let reading = Reading {
        catalog,
        // Only the links between the self-assessment's own frameworks lead to an answer it
        // holds (`sections::related_answers`): the other frameworks need not be made.
        links: catalog.link_index_among(|id| current.card.frameworks.iter().any(|f| f.id == id)),
        a,
        card: current.card,
        public,
    };
    let mut reports = Vec::new();
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
            sections.push(section_report(&reading, fw, ss, &mut hidden, &mut words));
        }
        reports.push(framework_report(
            fw,
            fs,
            a,
            public,
            n,
            about,
            sections,
            &mut hidden,
        ));
    }
    let highlights = highlights(catalog, a, current.card, public);
    let point = |h: &Highlight| GlancePoint {
        item: h.item.to_string(),
        point: h.point.to_string(),
    };
    let glance = AtAGlance {
        strengths: highlights.strengths.iter().map(point).collect(),
        priorities: highlights.priorities.iter().map(point).collect(),
    };

    let actions = action_plan(catalog, &a.actions, public, as_of, &mut hidden);
    for act in actions
        .live
        .iter()
        .chain(&actions.done)
        .chain(&actions.dropped)
    {
        words.push_str(&act.what);
        words.push(' ');
    }
    let attention = attention::attention(
        catalog,
        &reports,
        &actions,
        &current,
        previous.as_ref(),
        public,
    );
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
        as_of: as_of.map(|d| d.to_string()),
        draft: a.completed_on.is_none(),
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
        attention,
        frameworks: reports,
        at_a_glance: glance,
        actions,
        change,
        change_note,
        glossary,
        restricted_left_out: if public { hidden } else { 0 },
    }
}

/// One framework's part of the report.
#[allow(clippy::too_many_arguments)]
fn framework_report(
    fw: &Framework,
    fs: &FrameworkScore,
    a: &Assessment,
    public: bool,
    n: usize,
    about: String,
    sections: Vec<SectionReport>,
    hidden: &mut usize,
) -> FrameworkReport {
    let chart_id = format!("chart-sections-{}", n + 1);
    // Only sections with a score have a bar: an empty bar says nothing the table does not.
    let top: Vec<&SectionScore> = fs
        .sections
        .iter()
        .filter(|s| s.depth == 0 && s.score.is_some())
        .collect();
    let chart = (!top.is_empty()).then(|| chart::bars(
        &chart_id,
        &format!("{}: score by section", fw.title),
        "Horizontal bars, one per section, from 0% to 100%; the figures are also in the table that follows.",
        vec![Group {
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
    ));
    let logic_model = logic_model(fw, fs, a, public, n);
    let metrics = metric_views(fw, fs, a, public, hidden);
    let rules = scoring_rules(fw);
    let capped_count = fs
        .sections
        .iter()
        .flat_map(|s| s.items.iter())
        .filter(|i| i.capped)
        .count();
    FrameworkReport {
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
    }
}

/// How the framework's scores were computed, in sentences: the evidence rule and the bands.
fn scoring_rules(fw: &Framework) -> Vec<String> {
    let mut rules = Vec::new();
    for (scale_id, level) in &fw.scoring.evidence_required {
        if let Some(scale) = fw.scale(scale_id)
            && let Some((idx, _)) = scale.level(level)
        {
            let below = idx
                .checked_sub(1)
                .map(|i| scale.rating_label(i))
                .unwrap_or_default();
            let at = scale.rating_label(idx);
            rules.push(format!(
                    "On the {} scale, a rating of {at} or above needs evidence; without evidence it counts as {below}.",
                    scale.label
                ));
        }
    }
    if let Some(note) = &fw.scoring.bands_note {
        rules.push(note.clone());
    }
    rules.extend(measure_rule(fw));
    rules
}
