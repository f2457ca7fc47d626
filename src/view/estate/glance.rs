//! The estate at a glance, as the view words it: a page a national lead reads first, before
//! the detail.

use serde::Serialize;

use crate::estate::compare::{Comparison, by_name};
use crate::estate::filters::Filters;
use crate::estate::groups::MIN_GROUP;
use crate::estate::overdue::OverdueGroup;
use crate::estate::weak::most_often_weak;
use crate::view::numbers::{count, pct};

use super::measures::measure_view;

#[derive(Serialize)]
pub struct Glance {
    /// Who submitted, who is late and who has not, in sentences.
    pub submissions: Vec<String>,
    /// Files that could not be used.
    pub left_out: usize,
    /// A sentence saying how many files of other years were not read, when any.
    pub not_read: Option<String>,
    pub frameworks: Vec<FrameworkGlance>,
    pub weak_items: Vec<GlanceWeak>,
    pub measures: Vec<GlanceMeasure>,
    pub overdue: String,
    /// Restricted actions overdue, in a sentence: counted, left out of the detail. None when
    /// there are none.
    pub restricted_overdue: Option<String>,
    pub overdue_regions: Vec<OverdueRow>,
    pub overdue_groups: Vec<OverdueRow>,
    pub capped: String,
    /// The establishments in the register that have not submitted, by name: at most
    /// `NAMES_SHOWN`, and how many more the list of those not submitted holds.
    pub not_submitted: Names,
    /// Those completed after the due date, by name, with the day each was completed.
    pub late: Names,
    /// The comparator groups side by side: the frameworks' titles (the columns), then a row
    /// for each group.
    pub group_frameworks: Vec<String>,
    pub groups: Vec<GroupRow>,
    /// How small a group is too small to compare, in a sentence.
    pub small_group_rule: String,
}

/// At most this many establishments are named in a sentence of the glance; the others are
/// counted, and listed in the part of the document the sentence links to.
pub const NAMES_SHOWN: usize = 10;

/// Some establishments named, and how many more there are.
#[derive(Serialize, Default)]
pub struct Names {
    pub names: Vec<String>,
    pub more: usize,
}

/// A region's or comparator group's overdue actions.
#[derive(Serialize)]
pub struct OverdueRow {
    /// The region or group as the self-assessments write it, or "None given".
    pub name: String,
    pub establishments: usize,
    pub with_overdue: usize,
    pub public: usize,
    pub restricted: usize,
}

/// A comparator group beside the others.
#[derive(Serialize)]
pub struct GroupRow {
    pub name: String,
    pub establishments: usize,
    pub too_small: bool,
    /// For each framework: its median score in the group and how many it is of (such as
    /// "67% (49)"); "too few (3)" when fewer than the smallest group to compare use it; "–"
    /// when none does.
    pub medians: Vec<String>,
    /// Public actions overdue in the group.
    pub overdue: usize,
    /// Restricted actions overdue in the group: counted, never described.
    pub restricted_overdue: usize,
}

/// A framework's coverage and grades.
#[derive(Serialize)]
pub struct FrameworkGlance {
    pub id: String,
    pub title: String,
    pub establishments: usize,
    pub coverage_median: String,
    pub coverage_lowest: String,
    pub coverage_highest: String,
    /// Establishments below the framework's minimum coverage, whose grades are provisional.
    pub below_minimum: usize,
    /// Grade labels, lowest first: the order of every section's `counts`.
    pub bands: Vec<String>,
    pub sections: Vec<SectionGrades>,
    /// Whether any section has establishments with no grade.
    pub any_ungraded: bool,
    /// The grades by section as stacked bars.
    pub grades_chart: crate::view::chart::Chart,
}

#[derive(Serialize)]
pub struct SectionGrades {
    pub title: String,
    pub counts: Vec<usize>,
    pub ungraded: usize,
}

#[derive(Serialize)]
pub struct GlanceWeak {
    pub framework: String,
    /// The section the item is in, as the framework titles it.
    pub section: String,
    pub text: String,
    pub low: usize,
    pub unanswered: usize,
    pub of: usize,
}

#[derive(Serialize)]
pub struct GlanceMeasure {
    pub framework: String,
    pub text: String,
    pub n: usize,
    pub lower_quartile: String,
    pub median: String,
    pub upper_quartile: String,
    /// Establishments far from their comparator group.
    pub far: usize,
}

pub fn glance(c: &Comparison, filters: &Filters, left_out: usize, not_read: usize) -> Glance {
    let weak_lists: Vec<&[crate::estate::weak::WeakItem]> = c
        .frameworks
        .iter()
        .map(|f| f.weak_items.as_slice())
        .collect();
    Glance {
        submissions: submissions(c, filters),
        left_out,
        not_read: (not_read > 0).then(|| {
            format!(
                "{} self-assessment{} of other years {} not read: the comparison reads {} and the year before it only, and ties check checks every file.",
                count(not_read),
                plural(not_read),
                if not_read == 1 { "was" } else { "were" },
                c.year
            )
        }),
        frameworks: c
            .frameworks
            .iter()
            .map(|f| FrameworkGlance {
                id: f.framework.id.value.clone(),
                title: f.framework.title.clone(),
                establishments: f.scored.len(),
                coverage_median: pct(f.coverage.stats.median),
                coverage_lowest: pct(f.coverage.stats.lowest),
                coverage_highest: pct(f.coverage.stats.highest),
                below_minimum: f.coverage.below_minimum,
                bands: f.framework.scoring.bands.iter().map(|b| b.grade.clone()).collect(),
                any_ungraded: f.grades.iter().any(|g| g.ungraded > 0),
                grades_chart: super::sections::grades_chart(
                    &format!("chart-grades-{}", f.number),
                    f.framework,
                    &f.grades,
                    f.grades.iter().any(|g| g.ungraded > 0),
                ),
                sections: f
                    .grades
                    .iter()
                    .map(|g| SectionGrades {
                        title: g.section.short().to_string(),
                        counts: g.counts.clone(),
                        ungraded: g.ungraded,
                    })
                    .collect(),
            })
            .collect(),
        weak_items: most_often_weak(&weak_lists)
            .into_iter()
            .map(|w| GlanceWeak {
                framework: framework_of(c, &w.qualified_id),
                section: w.section.short().to_string(),
                text: w.item.text.clone(),
                low: w.low,
                unanswered: w.unanswered,
                of: w.of,
            })
            .collect(),
        measures: c
            .frameworks
            .iter()
            .flat_map(|f| f.measures.iter().map(move |m| (f, m)))
            .filter(|(_, m)| !m.figures.is_empty())
            .map(|(f, m)| {
                let v = measure_view(m);
                GlanceMeasure {
                    framework: f.framework.title.clone(),
                    text: v.text,
                    n: v.estate.n,
                    lower_quartile: v.estate.lower_quartile,
                    median: v.estate.median,
                    upper_quartile: v.estate.upper_quartile,
                    far: v.far.len(),
                }
            })
            .collect(),
        overdue: overdue(c, filters),
        restricted_overdue: restricted_overdue(c),
        overdue_regions: c.overdue_regions.iter().map(overdue_row).collect(),
        overdue_groups: c.overdue_groups.iter().map(overdue_row).collect(),
        capped: capped(c),
        not_submitted: not_submitted(c),
        late: late(c),
        group_frameworks: c.frameworks.iter().map(|f| f.framework.title.clone()).collect(),
        groups: c
            .groups
            .iter()
            .map(|g| GroupRow {
                name: g.name.unwrap_or("None given").to_string(),
                establishments: g.establishments,
                too_small: g.too_small,
                medians: g
                    .frameworks
                    .iter()
                    .map(|s| match s.median {
                        Some(m) => format!("{} ({})", pct(Some(m)), s.n),
                        None if s.n > 0 => format!("too few ({})", s.n),
                        None => "–".to_string(),
                    })
                    .collect(),
                overdue: overdue_in(c, g.name).map_or(0, |o| o.public),
                restricted_overdue: overdue_in(c, g.name).map_or(0, |o| o.restricted),
            })
            .collect(),
        small_group_rule: format!(
            "A group of fewer than {MIN_GROUP} establishments is too small to compare, and so is a framework used by fewer than {MIN_GROUP} of a group: one prison's self-assessment would be most of the figure, so none is given."
        ),
    }
}

/// The actions overdue in a comparator group.
fn overdue_in<'c>(c: &'c Comparison, group: Option<&str>) -> Option<&'c OverdueGroup<'c>> {
    c.overdue_groups.iter().find(|o| o.name == group)
}

/// Some names, at most `NAMES_SHOWN`, and how many more.
fn names(all: Vec<String>) -> Names {
    let more = all.len().saturating_sub(NAMES_SHOWN);
    Names {
        names: all.into_iter().take(NAMES_SHOWN).collect(),
        more,
    }
}

/// The establishments in the register with no self-assessment, by name.
fn not_submitted(c: &Comparison) -> Names {
    let Some(r) = &c.reconciliation else {
        return Names::default();
    };
    names(r.not_submitted.iter().map(|l| l.name.clone()).collect())
}

/// The establishments that completed after the due date, by name, each with its date.
fn late(c: &Comparison) -> Names {
    let mut late: Vec<&crate::estate::Entry> = c
        .current
        .iter()
        .zip(&c.outstanding)
        .filter(|(_, o)| o.late)
        .map(|(e, _)| *e)
        .collect();
    late.sort_by(|a, b| by_name(a, b));
    names(
        late.iter()
            .map(|e| {
                let on = e
                    .assessment
                    .completed_on
                    .as_ref()
                    .map_or("", |d| d.value.as_str());
                format!("{} ({on})", e.assessment.establishment.name)
            })
            .collect(),
    )
}

fn overdue_row(o: &OverdueGroup) -> OverdueRow {
    OverdueRow {
        name: o.name.unwrap_or("None given").to_string(),
        establishments: o.establishments,
        with_overdue: o.with_overdue,
        public: o.public,
        restricted: o.restricted,
    }
}

/// The restricted actions overdue across the estate, in a sentence; none when there are none.
fn restricted_overdue(c: &Comparison) -> Option<String> {
    let n: usize = c.overdue_regions.iter().map(|r| r.restricted).sum();
    (n > 0).then(|| {
        format!(
            "{} restricted action{} {} overdue too: counted here and in the tables, and left out of the detail, since the estate's documents never show restricted content.",
            count(n),
            plural(n),
            if n == 1 { "is" } else { "are" }
        )
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The title of the framework a qualified id belongs to.
fn framework_of(c: &Comparison, qualified_id: &str) -> String {
    let id = qualified_id.split('/').next().unwrap_or_default();
    c.frameworks
        .iter()
        .find(|f| f.framework.id.value == id)
        .map_or_else(String::new, |f| f.framework.title.clone())
}

/// Who submitted, was late or has not, in sentences.
fn submissions(c: &Comparison, filters: &Filters) -> Vec<String> {
    let s = &c.submissions;
    let mut out = vec![match s.expected {
        Some(expected) => format!(
            "{} of the {} establishment{} in the register submitted a self-assessment for {}; {} ha{} not.",
            expected - s.not_submitted.unwrap_or(0),
            expected,
            plural(expected),
            c.year,
            s.not_submitted.unwrap_or(0),
            if s.not_submitted == Some(1) {
                "s"
            } else {
                "ve"
            }
        ),
        None => format!(
            "{} establishment{} submitted a self-assessment for {} (no register of the establishments expected was found).",
            s.submitted,
            plural(s.submitted),
            c.year
        ),
    }];
    out.push(match (s.late, filters.due) {
        (Some(late), Some(due)) => format!(
            "{late} {} completed after the due date, {due}.",
            if late == 1 { "was" } else { "were" }
        ),
        _ => "None is counted late: no due date was given (--due).".to_string(),
    });
    if s.not_completed > 0 {
        out.push(if s.not_completed == 1 {
            "1 has no completion date yet: it is a draft.".to_string()
        } else {
            format!(
                "{} have no completion date yet: they are drafts.",
                s.not_completed
            )
        });
    }
    out
}

/// The actions overdue across the estate, in a sentence.
fn overdue(c: &Comparison, filters: &Filters) -> String {
    let judged: Vec<usize> = c.outstanding.iter().filter_map(|o| o.overdue).collect();
    let actions: usize = judged.iter().sum();
    let establishments = judged.iter().filter(|n| **n > 0).count();
    let not_judged = c.outstanding.len() - judged.len();
    let on = match filters.as_of {
        Some(d) => format!("as at {d}"),
        None => "each as at the day its self-assessment was completed".to_string(),
    };
    let mut text = format!(
        "{} public action{} overdue at {establishments} establishment{}, {on}.",
        count(actions),
        plural(actions),
        plural(establishments)
    );
    if not_judged > 0 {
        text.push_str(&format!(
            " {not_judged} draft{} with no completion date {} not judged (give a date with --as-of).",
            plural(not_judged),
            if not_judged == 1 { "is" } else { "are" }
        ));
    }
    text
}

/// The ratings claimed without evidence across the estate, in a sentence.
fn capped(c: &Comparison) -> String {
    let ratings: usize = c.outstanding.iter().map(|o| o.capped).sum();
    let establishments = c.outstanding.iter().filter(|o| o.capped > 0).count();
    format!(
        "{} rating{} at {establishments} of {} establishment{} {} claimed without the evidence the framework asks for, and count{} one level lower; the table of establishments gives each one's number.",
        count(ratings),
        plural(ratings),
        c.outstanding.len(),
        plural(c.outstanding.len()),
        if ratings == 1 { "was" } else { "were" },
        if ratings == 1 { "s" } else { "" }
    )
}
