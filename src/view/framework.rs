//! The view model of a framework, as `ties show` templates receive it.
//!
//! Plain data with display-ready fields, so a user's template does not depend on the engine's
//! types. Documented in `docs/templates.md`.

use serde::Serialize;

use crate::model::catalog::{Catalog, Origin};
use crate::model::framework::{
    Better, Framework, Item, ItemKind, Link, Measure, MeasureRule, Scale, Source,
};
use crate::model::ids;

#[derive(Serialize)]
pub struct FrameworkView {
    pub id: String,
    pub title: String,
    pub version: String,
    pub description: String,
    pub source: SourceView,
    pub glossary: Vec<GlossaryEntry>,
    pub evidence_kinds: Vec<EvidenceKindView>,
    pub tags: Vec<TagVocabularyView>,
    pub scales: Vec<ScaleView>,
    pub scoring: ScoringView,
    pub sections: Vec<SectionView>,
    pub counts: Counts,
}

#[derive(Serialize)]
pub struct SourceView {
    /// "Publisher, Title (year)": one line for a citation.
    pub citation: String,
    pub url: Option<String>,
    pub reference: Option<String>,
}

#[derive(Serialize, Clone)]
pub struct GlossaryEntry {
    pub term: String,
    pub meaning: String,
}

#[derive(Serialize)]
pub struct EvidenceKindView {
    pub id: String,
    pub label: String,
    pub description: Option<String>,
    pub origin: String,
}

#[derive(Serialize)]
pub struct TagVocabularyView {
    pub id: String,
    pub label: String,
    /// Where the values come from, or that the project defined them.
    pub origin: String,
    /// Who decided which items carry which value: the source, or the project (with how).
    pub assignment: String,
    pub values: Vec<TagValueView>,
}

#[derive(Serialize)]
pub struct TagValueView {
    pub id: String,
    pub label: String,
    pub text: Option<String>,
}

#[derive(Serialize)]
pub struct ScaleView {
    pub id: String,
    pub label: String,
    pub defined_by_project: bool,
    /// Where the scale comes from, or that the project defined it.
    pub origin: String,
    pub note: Option<String>,
    pub not_applicable: bool,
    pub levels: Vec<LevelView>,
    /// The label of the lowest level that needs evidence, if any.
    pub evidence_from: Option<String>,
}

#[derive(Serialize)]
pub struct LevelView {
    pub id: String,
    pub label: String,
    pub value: f64,
    pub descriptor: String,
    /// Where the level's meaning comes from, or that the descriptor is the project's own.
    pub origin: String,
}

#[derive(Serialize)]
pub struct ScoringView {
    pub min_coverage: f64,
    pub bands_note: Option<String>,
    pub bands: Vec<BandView>,
    /// How the framework's measures count, in a sentence (only for a framework with measures).
    pub measures: Option<String>,
}

#[derive(Serialize)]
pub struct BandView {
    pub grade: String,
    pub min: f64,
    pub max: f64,
}

#[derive(Serialize)]
pub struct SectionView {
    pub id: String,
    pub title: String,
    /// 0 for a top-level section.
    pub depth: usize,
    pub description: Option<String>,
    pub guidance: Option<String>,
    pub weight: f64,
    pub source_ref: Option<String>,
    pub items: Vec<ItemView>,
}

#[derive(Serialize)]
pub struct ItemView {
    pub id: String,
    pub qualified_id: String,
    pub kind: String,
    pub kind_label: String,
    pub text: String,
    pub guidance: Option<String>,
    pub prompts: Vec<String>,
    pub examples: Vec<String>,
    pub scale: Option<String>,
    pub scale_label: Option<String>,
    pub weight: f64,
    pub tags: Vec<String>,
    pub term: Option<String>,
    /// The qualified ids of the items this item links to.
    pub maps_to: Vec<String>,
    /// The links this item writes.
    pub links: Vec<LinkView>,
    /// The links other items write to this one.
    pub linked_from: Vec<LinkView>,
    pub source_ref: Option<String>,
    /// A sentence describing a measure: what is counted, which way is better, any target.
    pub metric: Option<String>,
}

/// One crosswalk link as seen from one of its items.
#[derive(Serialize)]
pub struct LinkView {
    /// The item at the other end, qualified.
    pub item: String,
    /// Its text, when the catalog has it.
    pub text: Option<String>,
    /// `same-practice` or `related`.
    pub kind: String,
    pub kind_label: String,
    pub source_ref: Option<String>,
}

#[derive(Serialize)]
pub struct Counts {
    pub sections: usize,
    pub items: usize,
    pub by_kind: Vec<KindCount>,
}

#[derive(Serialize)]
pub struct KindCount {
    pub kind: String,
    /// The kind's name for more than one: "criteria", "guiding questions".
    pub plural: String,
    pub count: usize,
}

pub fn citation(s: &Source) -> String {
    match s.year {
        Some(y) => format!("{}, {} ({y})", s.publisher, s.title),
        None => format!("{}, {}", s.publisher, s.title),
    }
}

pub fn scale_origin(scale: &Scale) -> String {
    match (&scale.source, *scale.defined_by_project) {
        (_, true) => "Defined by the ties project (not taken from a published source)".to_string(),
        (Some(s), false) => {
            let mut out = format!("From {}", citation(s));
            if let Some(r) = &s.reference {
                out.push_str(&format!(", {r}"));
            }
            out
        }
        (None, false) => "Source not stated".to_string(),
    }
}

pub fn metric_text(item: &Item) -> Option<String> {
    let m = item.metric.as_ref()?;
    let what = match m.measure {
        Measure::Rate => "A rate (a count out of a total)".to_string(),
        Measure::Number => match &m.unit {
            Some(u) => format!("A number ({u})"),
            None => "A number".to_string(),
        },
    };
    let better = match m.better {
        Better::Higher => "higher is better",
        Better::Lower => "lower is better",
    };
    let target = match (m.baseline, m.target) {
        (Some(b), Some(t)) => format!(
            "; baseline {}, target {}",
            format_number(b, m.measure),
            format_number(t, m.measure)
        ),
        (None, Some(t)) => format!("; target {}", format_number(t, m.measure)),
        _ => "; the framework sets no target".to_string(),
    };
    Some(format!("{what}; {better}{target}."))
}

/// How a framework's measures count, in a sentence, for a framework that has measures.
pub fn measure_rule(fw: &Framework) -> Option<String> {
    if !fw.items().iter().any(|i| *i.kind == ItemKind::Metric) {
        return None;
    }
    Some(match fw.scoring.measures {
        MeasureRule::Reported => "Measures are reported as figures (a rate with its numerator and \
            denominator, or a number) and do not count in any score or grade. A measure counts as \
            answered, for coverage, when its figure is given."
            .to_string(),
        MeasureRule::ScoredAgainstFrameworkTarget => "A measure for which this framework sets a \
            baseline and a target counts in the score with its progress from that baseline to \
            that target; other measures are reported as figures. An establishment's own baseline \
            and target are shown beside its figure but never change a score. A measure counts as \
            answered, for coverage, when its figure is given."
            .to_string(),
    })
}

pub fn format_number(v: f64, measure: Measure) -> String {
    match measure {
        Measure::Rate => format!("{:.0}%", v * 100.0),
        Measure::Number if v.fract() == 0.0 => format!("{v:.0}"),
        Measure::Number => format!("{v:.2}"),
    }
}

fn link_view(catalog: &Catalog, other: &str, link: &Link) -> LinkView {
    LinkView {
        item: other.to_string(),
        text: catalog.find(other).map(|f| f.item.text.clone()),
        kind: link.kind.id().to_string(),
        kind_label: link.kind.label().to_string(),
        source_ref: link.source_ref.clone(),
    }
}

/// The view of a framework; `catalog` supplies the text of linked items and the links other
/// items write to this framework's items.
pub fn framework_view(fw: &Framework, catalog: &Catalog) -> FrameworkView {
    let sections = section_views(fw, catalog);
    let items = fw.items();
    FrameworkView {
        id: fw.id.value.clone(),
        title: fw.title.clone(),
        version: fw.version.value.clone(),
        description: fw.description.clone(),
        source: SourceView {
            citation: citation(&fw.source),
            // Only a web address, written so it cannot end the link it is put in: an address
            // such as `javascript:` is left out (`ties check` names it).
            url: fw
                .source
                .url
                .as_deref()
                .and_then(crate::model::links::safe_address)
                .map(str::to_string),
            reference: fw.source.reference.clone(),
        },
        glossary: fw
            .glossary
            .iter()
            .map(|(t, m)| GlossaryEntry {
                term: t.clone(),
                meaning: m.clone(),
            })
            .collect(),
        evidence_kinds: evidence_kind_views(fw),
        tags: vocabulary_views(fw),
        scales: scale_views(fw),
        scoring: ScoringView {
            min_coverage: *fw.scoring.min_coverage,
            measures: measure_rule(fw),
            bands_note: fw.scoring.bands_note.clone(),
            bands: fw
                .scoring
                .bands
                .iter()
                .rev()
                .map(|b| BandView {
                    grade: b.grade.clone(),
                    min: *b.min,
                    max: *b.max,
                })
                .collect(),
        },
        counts: Counts {
            sections: sections.len(),
            items: items.len(),
            by_kind: kind_counts(&items),
        },
        sections,
    }
}

/// Every section, depth first, with its items and each item's links both ways.
fn section_views(fw: &Framework, catalog: &Catalog) -> Vec<SectionView> {
    let into = catalog.links_into(&fw.id);
    fw.all_sections()
        .into_iter()
        .map(|(depth, s)| SectionView {
            id: s.id.value.clone(),
            title: s.title.clone(),
            depth,
            description: s.description.clone(),
            guidance: s.guidance.clone(),
            weight: *s.weight,
            source_ref: s.source_ref.clone(),
            items: s
                .items
                .iter()
                .map(|i| item_view(fw, catalog, &into, i))
                .collect(),
        })
        .collect()
}

/// One item, with its links to items of other frameworks and theirs to it.
fn item_view(fw: &Framework, catalog: &Catalog, into: &[(String, &Link)], item: &Item) -> ItemView {
    ItemView {
        id: item.id.value.clone(),
        qualified_id: ids::qualified(&fw.id.value, &item.id.value),
        kind: format!("{:?}", *item.kind).to_lowercase(),
        kind_label: item.kind.label().to_string(),
        text: item.text.clone(),
        guidance: item.guidance.clone(),
        prompts: item.prompts.clone(),
        examples: item.examples.clone(),
        scale: item.scale.as_ref().map(|s| s.value.clone()),
        scale_label: fw.item_scale(item).map(|s| s.label.clone()),
        weight: *item.weight,
        tags: item.tags.iter().map(|t| tag_label(fw, t)).collect(),
        term: item.term.as_ref().map(|t| t.label().to_string()),
        maps_to: item.maps_to.iter().map(|m| m.item.value.clone()).collect(),
        links: item
            .maps_to
            .iter()
            .map(|l| link_view(catalog, &l.item, l))
            .collect(),
        linked_from: {
            let here = ids::qualified(&fw.id.value, &item.id.value);
            into.iter()
                .filter(|(_, l)| *l.item == here)
                .map(|(from, l)| link_view(catalog, from, l))
                .collect()
        },
        source_ref: item.source_ref.clone(),
        metric: metric_text(item),
    }
}

/// A tag as a reader sees it: its vocabulary's label and its own, such as `Strand: Workforce`.
fn tag_label(fw: &Framework, tag: &str) -> String {
    let Some((vocab, value)) = tag.split_once('/') else {
        return tag.to_string();
    };
    fw.tags
        .iter()
        .find(|v| *v.id == vocab)
        .and_then(|v| {
            v.values
                .iter()
                .find(|t| *t.id == value)
                .map(|t| format!("{}: {}", v.label, t.label))
        })
        .unwrap_or_else(|| tag.to_string())
}

/// How many items of each kind, in the order the kinds first appear.
fn kind_counts(items: &[&Item]) -> Vec<KindCount> {
    let mut by_kind: Vec<KindCount> = Vec::new();
    for item in items {
        let label = item.kind.label().to_string();
        match by_kind.iter_mut().find(|k| k.kind == label) {
            Some(k) => k.count += 1,
            None => by_kind.push(KindCount {
                plural: item.kind.plural().to_string(),
                kind: label,
                count: 1,
            }),
        }
    }
    by_kind
}

fn evidence_kind_views(fw: &Framework) -> Vec<EvidenceKindView> {
    fw.evidence_kinds
        .iter()
        .map(|k| EvidenceKindView {
            id: k.id.value.clone(),
            label: k.label.clone(),
            description: k.description.clone(),
            origin: if k.defined_by_project {
                "Defined by the ties project".to_string()
            } else {
                k.source_ref.clone().unwrap_or_else(|| citation(&fw.source))
            },
        })
        .collect()
}

fn vocabulary_views(fw: &Framework) -> Vec<TagVocabularyView> {
    fw.tags
        .iter()
        .map(|v| TagVocabularyView {
            id: v.id.value.clone(),
            label: v.label.clone(),
            values: v
                .values
                .iter()
                .map(|t| TagValueView {
                    id: t.id.value.clone(),
                    label: t.label.clone(),
                    text: t.text.clone(),
                })
                .collect(),
            origin: match (&v.source_ref, v.defined_by_project) {
                (_, true) => "Values defined by the ties project".to_string(),
                (Some(r), false) => format!("Values from {r}"),
                (None, false) => "Source not stated".to_string(),
            },
            assignment: match (*v.assigned_by_project, &v.note) {
                (true, Some(n)) => format!("Applied to items by the ties project: {n}"),
                (true, None) => "Applied to items by the ties project".to_string(),
                (false, _) => "Applied to items as the source applies them".to_string(),
            },
        })
        .collect()
}

fn scale_views(fw: &Framework) -> Vec<ScaleView> {
    fw.scales
        .iter()
        .map(|s| ScaleView {
            id: s.id.value.clone(),
            label: s.label.clone(),
            defined_by_project: *s.defined_by_project,
            origin: scale_origin(s),
            note: s.note.clone(),
            not_applicable: s.not_applicable,
            levels: s
                .levels
                .iter()
                .rev()
                .map(|l| LevelView {
                    id: l.id.value.clone(),
                    label: l.label.clone(),
                    value: *l.value,
                    descriptor: l.descriptor.clone(),
                    origin: match (&l.source_ref, *s.defined_by_project || l.defined_by_project) {
                        (_, true) => "The project's own wording".to_string(),
                        (Some(r), false) => r.clone(),
                        (None, false) => "Not stated".to_string(),
                    },
                })
                .collect(),
            evidence_from: fw
                .scoring
                .evidence_required
                .get(s.id.as_str())
                .and_then(|lvl| s.level(lvl))
                .map(|(_, l)| l.label.clone()),
        })
        .collect()
}

/// One framework in the list `ties frameworks` shows.
#[derive(Serialize)]
pub struct CatalogRow<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub version: &'a str,
    pub sections: usize,
    pub items: usize,
    pub source: String,
    /// Where it comes from: built in, or a file (and whether it replaces a built-in one).
    pub origin: String,
}

/// Every framework the catalog holds, current versions first, then earlier ones.
pub fn catalog_rows(catalog: &Catalog) -> Vec<CatalogRow<'_>> {
    let place = |origin: &Origin| match origin {
        Origin::Bundled => "built in".to_string(),
        Origin::File { path, .. } => path.display().to_string(),
    };
    let current = catalog.entries.iter().map(|e| (e, false));
    let older = catalog.older.iter().map(|e| (e, true));
    current
        .chain(older)
        .map(|(e, earlier)| CatalogRow {
            id: &e.framework.id,
            title: &e.framework.title,
            version: &e.framework.version,
            sections: e.framework.all_sections().len(),
            items: e.framework.items().len(),
            source: citation(&e.framework.source),
            origin: match &e.origin {
                _ if earlier => format!(
                    "{} (an earlier version, used by assessments that name `{}@{}`)",
                    place(&e.origin),
                    e.framework.id.value,
                    e.framework.version.value
                ),
                Origin::File {
                    path,
                    replaces_bundled: true,
                } => format!("{} (replaces the built-in one)", path.display()),
                other => place(other),
            },
        })
        .collect()
}
