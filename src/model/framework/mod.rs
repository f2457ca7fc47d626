//! The framework model: what a framework file says, as typed data.
//!
//! A framework is content only. Everything `ties` does with it (checking answers, scoring,
//! reporting) is driven by these fields, never by code that knows a particular framework.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::load::node::Located;
use crate::model::assessment::Nation;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    pub id: Located<String>,
    pub title: String,
    pub version: Located<String>,
    pub source: Source,
    /// The nations whose prisons the framework is for (as its source says); none listed: it does
    /// not say, and is taken to be for every nation.
    #[serde(default, skip_serializing_if = "lists_none")]
    pub nations: Located<Vec<Located<Nation>>>,
    pub description: String,
    #[serde(default)]
    pub glossary: BTreeMap<String, String>,
    #[serde(default)]
    pub evidence_kinds: Vec<EvidenceKind>,
    #[serde(default)]
    pub tags: Vec<TagVocabulary>,
    pub scales: Vec<Scale>,
    #[serde(default)]
    pub scoring: Scoring,
    pub sections: Vec<Section>,
    /// Where each item is (the path of section indexes, then its index in the last), by id:
    /// built at the first look-up, so that looking up every item of a large framework takes time
    /// in proportion to its size, not its square. Not part of the file.
    #[serde(skip)]
    item_index: OnceLock<HashMap<String, (Vec<usize>, usize)>>,
}

/// Where content comes from, precisely enough for a reader to check it.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub publisher: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, rename = "ref", skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceKind {
    pub id: Located<String>,
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_ref: Option<String>,
    #[serde(default)]
    pub defined_by_project: bool,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TagVocabulary {
    pub id: Located<String>,
    pub label: String,
    /// Where the values come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_ref: Option<String>,
    /// The values are the project's own, not taken from a source.
    #[serde(default)]
    pub defined_by_project: bool,
    /// Which items carry which value is the project's judgement (the source does not say);
    /// `note` then says how the project applied the vocabulary.
    pub assigned_by_project: Located<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub values: Vec<TagValue>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TagValue {
    pub id: Located<String>,
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// An answer scale: ordered levels, declared once and referenced by id.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    pub id: Located<String>,
    pub label: String,
    pub defined_by_project: Located<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default)]
    pub not_applicable: bool,
    /// The levels are an inspectorate's grade words (HMIP's): a rating on this scale is always
    /// shown as self-assessed (`rating_label`), so it is never mistaken for the inspectorate's
    /// judgement.
    #[serde(default)]
    pub inspectorate: bool,
    pub levels: Located<Vec<Level>>,
}

/// The words that mark a rating on an inspectorate's scale as the establishment's own.
pub const SELF_ASSESSED: &str = "Self-assessed: ";

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub id: Located<String>,
    pub label: String,
    pub value: Located<f64>,
    pub descriptor: String,
    /// Where the level's meaning comes from, on a scale taken from a source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_ref: Option<String>,
    /// The descriptor is the project's own wording, on a scale taken from a source.
    #[serde(default)]
    pub defined_by_project: bool,
}

impl Scale {
    /// The label of level `idx` as every output shows a rating on this scale: the level's own,
    /// or, on an inspectorate's scale, marked as self-assessed ("Self-assessed: good"), as its
    /// grade bands are. The one rule for an inspectorate's words in a rating.
    pub fn rating_label(&self, idx: usize) -> String {
        let label = &self.levels[idx].label;
        if !self.inspectorate {
            return label.clone();
        }
        let mut chars = label.chars();
        let first: String = chars
            .next()
            .into_iter()
            .flat_map(char::to_lowercase)
            .collect();
        format!("{SELF_ASSESSED}{first}{}", chars.as_str())
    }

    /// The scale named in a sentence, after "the" (see `scale_name`).
    pub fn name(&self) -> String {
        crate::diag::scale_name(&self.label)
    }

    pub fn level(&self, id: &str) -> Option<(usize, &Level)> {
        self.levels.iter().enumerate().find(|(_, l)| *l.id == id)
    }

    pub fn level_ids(&self) -> Vec<&str> {
        self.levels.iter().map(|l| l.id.as_str()).collect()
    }

    /// A level's place between the lowest (0) and highest (1) level.
    pub fn normalised(&self, index: usize) -> f64 {
        let (Some(lo), Some(hi)) = (self.levels.first(), self.levels.last()) else {
            return 0.0;
        };
        let span = *hi.value - *lo.value;
        if span <= 0.0 {
            return 0.0;
        }
        ((*self.levels[index].value - *lo.value) / span).clamp(0.0, 1.0)
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    #[serde(default = "default_min_coverage")]
    pub min_coverage: Located<f64>,
    /// Per scale id: the lowest level that needs evidence.
    #[serde(default)]
    pub evidence_required: BTreeMap<String, Located<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bands_note: Option<String>,
    #[serde(default)]
    pub bands: Located<Vec<Band>>,
    /// Whether measures count in the framework's score.
    #[serde(default)]
    pub measures: MeasureRule,
}

/// How a framework's measures (rates and figures) count. Either way every view shows a measure's
/// figure first; this only decides whether it also counts in a score.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum MeasureRule {
    /// Measures are reported as figures and never count in a score (the default).
    #[default]
    Reported,
    /// A measure whose framework sets a target counts in the score with its progress from the
    /// establishment's baseline to that target; a measure without a framework target is
    /// reported. An establishment's own target is shown, never scored, so scores stay comparable
    /// between establishments.
    ScoredAgainstFrameworkTarget,
}

impl Default for Scoring {
    fn default() -> Scoring {
        Scoring {
            min_coverage: default_min_coverage(),
            evidence_required: BTreeMap::new(),
            bands_note: None,
            bands: Located::default(),
            measures: MeasureRule::default(),
        }
    }
}

fn default_min_coverage() -> Located<f64> {
    Located::new(0.8, Default::default())
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub grade: String,
    pub min: Located<f64>,
    pub max: Located<f64>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: Located<String>,
    pub title: String,
    /// A few words for tables and charts where the full title will not fit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<String>,
    #[serde(default = "default_weight")]
    pub weight: Located<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_ref: Option<String>,
    #[serde(default)]
    pub items: Vec<Item>,
    #[serde(default)]
    pub sections: Vec<Section>,
}

fn default_weight() -> Located<f64> {
    Located::new(1.0, Default::default())
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum ItemKind {
    Criterion,
    Question,
    Checklist,
    Metric,
    Outcome,
}

impl ItemKind {
    pub fn plural(self) -> &'static str {
        match self {
            ItemKind::Criterion => "criteria",
            ItemKind::Question => "guiding questions",
            ItemKind::Checklist => "checklist items",
            ItemKind::Metric => "measures",
            ItemKind::Outcome => "outcomes",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ItemKind::Criterion => "criterion",
            ItemKind::Question => "guiding question",
            ItemKind::Checklist => "checklist item",
            ItemKind::Metric => "measure",
            ItemKind::Outcome => "outcome",
        }
    }
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Term {
    Short,
    Medium,
    Long,
}

impl Term {
    pub const ALL: [Term; 3] = [Term::Short, Term::Medium, Term::Long];

    pub fn label(self) -> &'static str {
        match self {
            Term::Short => "Short term",
            Term::Medium => "Medium term",
            Term::Long => "Long term",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Term::Short => "short",
            Term::Medium => "medium",
            Term::Long => "long",
        }
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: Located<String>,
    pub kind: Located<ItemKind>,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<String>,
    #[serde(default)]
    pub prompts: Vec<String>,
    #[serde(default)]
    pub examples: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<Located<String>>,
    #[serde(default = "default_weight")]
    pub weight: Located<f64>,
    #[serde(default)]
    pub tags: Vec<Located<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term: Option<Located<Term>>,
    /// Links to items of this or other frameworks: the crosswalk.
    #[serde(default)]
    pub maps_to: Vec<Link>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_ref: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<Located<Metric>>,
}

/// A crosswalk link from one item to another. In a file it is either the linked item's qualified
/// id (a `related` link) or a group: `{ item: framework/item, kind: same-practice, source_ref: ... }`.
#[derive(Clone, Debug, Serialize)]
pub struct Link {
    /// The linked item, as `framework/item`.
    pub item: Located<String>,
    pub kind: LinkKind,
    /// Where the sources connect the two items.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_ref: Option<String>,
}

/// What a link says about the two items it joins. Either way the link holds in both directions.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum LinkKind {
    /// The items overlap: one is part of the other, or they touch the same practice from
    /// different sides. Each is answered on its own.
    #[default]
    Related,
    /// The items ask about one and the same practice, so one account of it answers both.
    SamePractice,
}

impl LinkKind {
    pub fn id(self) -> &'static str {
        match self {
            LinkKind::Related => "related",
            LinkKind::SamePractice => "same-practice",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            LinkKind::Related => "Related",
            LinkKind::SamePractice => "Same practice",
        }
    }
}

impl<'de> Deserialize<'de> for Link {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Link, D::Error> {
        use serde::de::{self, MapAccess, Visitor};

        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Full {
            item: Located<String>,
            #[serde(default)]
            kind: LinkKind,
            #[serde(default)]
            source_ref: Option<String>,
        }

        enum Entry {
            Id(String),
            Full(Full),
        }

        struct EntryVisitor;
        impl<'de> Visitor<'de> for EntryVisitor {
            type Value = Entry;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "an item id such as `farmer-offer/visitor-centre`, or a group of `item`, `kind` and `source_ref`",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Entry, E> {
                Ok(Entry::Id(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Entry, A::Error> {
                Full::deserialize(de::value::MapAccessDeserializer::new(map)).map(Entry::Full)
            }
        }

        impl<'de> Deserialize<'de> for Entry {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Entry, D::Error> {
                d.deserialize_any(EntryVisitor)
            }
        }

        let entry = Located::<Entry>::deserialize(d)?;
        Ok(match entry.value {
            Entry::Id(id) => Link {
                item: Located::new(id, entry.pos),
                kind: LinkKind::Related,
                source_ref: None,
            },
            Entry::Full(f) => Link {
                item: f.item,
                kind: f.kind,
                source_ref: f.source_ref,
            },
        })
    }
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Measure {
    Rate,
    Number,
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Better {
    Higher,
    Lower,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    pub measure: Measure,
    pub better: Better,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<f64>,
}

fn lists_none(nations: &Located<Vec<Located<Nation>>>) -> bool {
    nations.is_empty()
}

/// The nations every one of `frameworks` is for, in the order of `Nation::ALL`: the nation of a
/// new self-assessment of them when it is the only one.
pub fn shared_nations(frameworks: &[&Framework]) -> Vec<Nation> {
    Nation::ALL
        .into_iter()
        .filter(|n| frameworks.iter().all(|f| f.is_for(*n)))
        .collect()
}

impl Framework {
    /// Whether the framework is for the prisons of `nation`: it lists that nation, or lists none.
    pub fn is_for(&self, nation: Nation) -> bool {
        self.nations.is_empty() || self.nations.iter().any(|n| n.value == nation)
    }

    /// The nations the framework is for, in words: "Scotland", "England and Wales and Scotland".
    pub fn nations_in_words(&self) -> String {
        let all: Vec<&str> = Nation::ALL
            .into_iter()
            .filter(|n| self.is_for(*n))
            .map(Nation::label)
            .collect();
        all.join(" and ")
    }

    /// Every section, depth first, with its depth (0 for top-level sections).
    pub fn all_sections(&self) -> Vec<(usize, &Section)> {
        fn walk<'a>(sections: &'a [Section], depth: usize, out: &mut Vec<(usize, &'a Section)>) {
            for s in sections {
                out.push((depth, s));
                walk(&s.sections, depth + 1, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.sections, 0, &mut out);
        out
    }

    /// Every item in document order.
    pub fn items(&self) -> Vec<&Item> {
        self.all_sections()
            .into_iter()
            .flat_map(|(_, s)| s.items.iter())
            .collect()
    }

    /// The item with the id `id` (the first, in document order, if a faulty file has two).
    pub fn item(&self, id: &str) -> Option<&Item> {
        let index = self.item_index.get_or_init(|| {
            fn walk(
                sections: &[Section],
                path: &mut Vec<usize>,
                out: &mut HashMap<String, (Vec<usize>, usize)>,
            ) {
                for (n, s) in sections.iter().enumerate() {
                    path.push(n);
                    for (i, item) in s.items.iter().enumerate() {
                        out.entry(item.id.value.clone())
                            .or_insert_with(|| (path.clone(), i));
                    }
                    walk(&s.sections, path, out);
                    path.pop();
                }
            }
            let mut out = HashMap::new();
            walk(&self.sections, &mut Vec::new(), &mut out);
            out
        });
        let (path, i) = index.get(id)?;
        let mut sections = &self.sections;
        let mut last = None;
        for &n in path {
            let s = sections.get(n)?;
            sections = &s.sections;
            last = Some(s);
        }
        last?.items.get(*i)
    }

    pub fn scale(&self, id: &str) -> Option<&Scale> {
        self.scales.iter().find(|s| *s.id == id)
    }

    /// The scale an item is answered on, if it has one.
    pub fn item_scale(&self, item: &Item) -> Option<&Scale> {
        item.scale.as_ref().and_then(|s| self.scale(s))
    }

    /// The place of the band a score falls in, 0 for the lowest. A band holds the scores from
    /// its `min` up to but not including its `max`; the top band also holds its `max`, so a
    /// score of 1 has a band. A score in a gap between bands, or with no bands, has none.
    pub fn band(&self, score: f64) -> Option<usize> {
        let bands = &self.scoring.bands;
        let top = bands.len().checked_sub(1)?;
        bands
            .iter()
            .enumerate()
            .position(|(i, b)| score >= *b.min && (score < *b.max || (i == top && score <= *b.max)))
    }

    /// The grade label for a score, from the framework's bands.
    pub fn grade(&self, score: f64) -> Option<&str> {
        self.band(score)
            .map(|i| self.scoring.bands[i].grade.as_str())
    }
}

/// For a file answering `frameworks` together: each item (by qualified id) linked as the same
/// practice to items of the others, with those items' qualified ids, whichever end writes the
/// link. A family lead answers such a practice once and refers to that answer from the other.
pub fn same_practice_among(frameworks: &[&Framework]) -> BTreeMap<String, Vec<String>> {
    let chosen = |qualified: &str| {
        frameworks.iter().any(|f| {
            qualified
                .strip_prefix(f.id.as_str())
                .is_some_and(|rest| rest.starts_with('/'))
        })
    };
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for fw in frameworks {
        for item in fw.items() {
            let here = crate::model::ids::qualified(&fw.id.value, &item.id.value);
            for link in &item.maps_to {
                if link.kind != LinkKind::SamePractice || !chosen(&link.item) || *link.item == here
                {
                    continue;
                }
                for (from, to) in [(&here, &*link.item), (&*link.item, &here)] {
                    let list = out.entry(from.clone()).or_default();
                    if !list.contains(to) {
                        list.push(to.clone());
                    }
                }
            }
        }
    }
    out
}

impl Section {
    /// The short title, or the title when there is none.
    pub fn short(&self) -> &str {
        self.short_title.as_deref().unwrap_or(&self.title)
    }

    /// Items of this section and all its sub-sections.
    pub fn all_items(&self) -> Vec<&Item> {
        let mut out: Vec<&Item> = self.items.iter().collect();
        for s in &self.sections {
            out.extend(s.all_items());
        }
        out
    }
}

/// The small framework the unit tests share (`tests/fixtures/frameworks/mini.yaml`): every
/// item kind, weights, bands and an evidence rule.
#[cfg(test)]
pub(crate) fn mini_for_tests() -> Framework {
    let file = crate::diag::source::SourceFile::new(
        "mini.yaml",
        include_str!("../../../tests/fixtures/frameworks/mini.yaml"),
    );
    let node = crate::load::parse(&file).expect("the test framework");
    crate::load::decode(&file, &node).expect("the test framework")
}

#[cfg(test)]
mod tests;
