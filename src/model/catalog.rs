//! The set of frameworks `ties` knows: those built in, plus any from `--frameworks` folders.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::ops::{Deref, DerefMut};
use std::path::PathBuf;
use std::sync::OnceLock;

use crate::diag::source::SourceFile;
use crate::diag::{closest, one_of};
use crate::error::Error;
use crate::model::framework::{Framework, Item, Link, Section};
use crate::model::ids;

/// Where a framework in the catalog was read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    Bundled,
    /// A user's file; `replaces_bundled` when its id is also a built-in framework.
    File {
        path: PathBuf,
        replaces_bundled: bool,
    },
}

#[derive(Clone, Debug)]
pub struct Entry {
    pub framework: Held,
    pub origin: Origin,
    pub file: SourceFile,
}

impl Entry {
    /// The framework's id, known without making a built-in framework.
    pub fn id(&self) -> &str {
        match &self.framework.0 {
            Holding::Ready(fw) => &fw.id.value,
            Holding::Later { id, .. } => id,
        }
    }
}

/// A framework of the catalog. One read from a file is held as it was read; a built-in one is
/// made from its prepared form the first time it is looked at, so that a command that needs
/// only some of the six (a report needs those its self-assessment uses) makes only those. It is
/// looked at as the `Framework` it holds.
#[derive(Clone)]
pub struct Held(Holding);

#[derive(Clone)]
enum Holding {
    Ready(Framework),
    Later {
        id: &'static str,
        made: OnceLock<Framework>,
        /// Makes built-in framework `index`, whose id is `id`.
        make: fn(usize) -> Framework,
        index: usize,
    },
}

impl Held {
    /// Built-in framework `index`, whose id is `id`, to be made by `make` when first looked at.
    pub fn later(id: &'static str, make: fn(usize) -> Framework, index: usize) -> Held {
        Held(Holding::Later {
            id,
            made: OnceLock::new(),
            make,
            index,
        })
    }

    /// Whether the framework has been made (always, for one read from a file).
    pub fn is_made(&self) -> bool {
        match &self.0 {
            Holding::Ready(_) => true,
            Holding::Later { made, .. } => made.get().is_some(),
        }
    }
}

impl From<Framework> for Held {
    fn from(fw: Framework) -> Held {
        Held(Holding::Ready(fw))
    }
}

impl Deref for Held {
    type Target = Framework;

    fn deref(&self) -> &Framework {
        match &self.0 {
            Holding::Ready(fw) => fw,
            Holding::Later {
                made, make, index, ..
            } => made.get_or_init(|| make(*index)),
        }
    }
}

impl DerefMut for Held {
    /// The framework to change: a built-in one is made first, and held as one read from a file
    /// from then on, so that its id is the changed framework's.
    fn deref_mut(&mut self) -> &mut Framework {
        if let Holding::Later {
            made, make, index, ..
        } = &mut self.0
        {
            let fw = made.take().unwrap_or_else(|| make(*index));
            self.0 = Holding::Ready(fw);
        }
        match &mut self.0 {
            Holding::Ready(fw) => fw,
            Holding::Later { .. } => unreachable!("held ready just above"),
        }
    }
}

impl fmt::Debug for Held {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

#[derive(Clone, Debug, Default)]
pub struct Catalog {
    /// The current version of each framework, sorted by framework id.
    pub entries: Vec<Entry>,
    /// Earlier versions kept for assessments that name them (`farmer-offer@1.0.0`), sorted by
    /// id and version.
    pub older: Vec<Entry>,
}

/// The links written to each item by other items, in the catalog's order, each with the
/// framework and item that write it (see `Catalog::link_index`).
pub struct LinkIndex<'a> {
    into: HashMap<&'a str, Vec<(&'a str, &'a str, &'a Link)>>,
}

impl<'a> LinkIndex<'a> {
    /// Every link of the item `qualified` of `catalog` (the catalog these links are of), both
    /// ways: its own first, then those other items write to it, each item at the other end once.
    pub fn of(&self, catalog: &'a Catalog, qualified: &str) -> Vec<(String, &'a Link)> {
        let mut out: Vec<(String, &Link)> = Vec::new();
        if let Some(found) = catalog.find(qualified) {
            out.extend(found.item.maps_to.iter().map(|l| (l.item.value.clone(), l)));
        }
        // A link to an item of the framework named in `qualified` (one without a framework
        // names none).
        let framework = ids::split_qualified(qualified).map_or("", |(f, _)| f);
        let prefix = format!("{framework}/");
        for (framework, item, link) in self.into.get(qualified).into_iter().flatten() {
            if !link.item.starts_with(&prefix) {
                continue;
            }
            let from = ids::qualified(framework, item);
            if !out.iter().any(|(o, _)| *o == from) {
                out.push((from, *link));
            }
        }
        out
    }
}

/// Orders versions such as `1.2.0` and `1.10.0` by their numbers, then by text.
pub fn compare_versions(a: &str, b: &str) -> std::cmp::Ordering {
    let nums = |v: &str| -> Vec<u64> {
        v.split(['.', '-'])
            .map(|p| p.parse().unwrap_or(0))
            .collect()
    };
    nums(a).cmp(&nums(b)).then_with(|| a.cmp(b))
}

/// A framework item found by its qualified id, with its framework and top-level section.
pub struct Found<'a> {
    pub framework: &'a Framework,
    pub item: &'a Item,
}

impl Catalog {
    /// Every crosswalk link written on an item of a current framework that points at an item of
    /// framework `id`: the qualified id of the item that writes it, and the link. A link holds
    /// both ways, so these are the links that item `id/...` has without writing them.
    pub fn links_into(&self, id: &str) -> Vec<(String, &Link)> {
        let prefix = format!("{id}/");
        let prefix = prefix.as_str();
        // Only the links found are named: naming every link of every item before choosing made
        // this most of the time of building a report.
        self.entries
            .iter()
            .flat_map(|e| {
                let fid = e.framework.id.as_str();
                e.framework.items().into_iter().flat_map(move |item| {
                    item.maps_to
                        .iter()
                        .filter(move |l| l.item.starts_with(prefix))
                        .map(move |l| (ids::qualified(fid, &item.id.value), l))
                })
            })
            .collect()
    }

    /// Every link of the item `qualified`, both ways (a link holds in both directions, whichever
    /// item writes it): the item at the other end, and the link.
    pub fn links_of(&self, qualified: &str) -> Vec<(String, &Link)> {
        self.link_index().of(self, qualified)
    }

    /// The links each item is given by other items, gathered once: a view that shows the links
    /// of many items asks it (`LinkIndex::of`) rather than reading the whole catalog for each.
    pub fn link_index(&self) -> LinkIndex<'_> {
        self.link_index_among(|_| true)
    }

    /// The links each item is given by the items of the frameworks whose ids `among` accepts:
    /// what `LinkIndex::of` finds that leads to those frameworks' items, without making the
    /// others.
    pub fn link_index_among(&self, among: impl Fn(&str) -> bool) -> LinkIndex<'_> {
        let mut into: HashMap<&str, Vec<(&str, &str, &Link)>> = HashMap::new();
        for e in self.entries.iter().filter(|e| among(e.id())) {
            for item in e.framework.items() {
                for link in &item.maps_to {
                    into.entry(link.item.as_str()).or_default().push((
                        e.framework.id.as_str(),
                        item.id.as_str(),
                        link,
                    ));
                }
            }
        }
        LinkIndex { into }
    }
    /// Adds or replaces one framework (used by `ties check` for files given on the command line).
    pub fn insert(&mut self, entry: Entry) {
        self.entries.retain(|e| e.id() != entry.id());
        self.entries.push(entry);
        self.entries.sort_by(|a, b| a.id().cmp(b.id()));
    }

    /// Framework id to the ids of its items.
    /// Framework id to the ids of its items, in any version the catalog holds: a link to an
    /// item an earlier version has is still a link to something real.
    pub fn item_ids(&self) -> BTreeMap<String, Vec<String>> {
        let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for e in self.entries.iter().chain(&self.older) {
            let items = out.entry(e.framework.id.value.clone()).or_default();
            for i in e.framework.items() {
                if !items.contains(&i.id.value) {
                    items.push(i.id.value.clone());
                }
            }
        }
        out
    }

    pub fn ids(&self) -> Vec<&str> {
        self.entries.iter().map(Entry::id).collect()
    }

    /// A framework by id and exact version, current or earlier.
    pub fn get_version(&self, id: &str, version: &str) -> Option<&Framework> {
        self.entries
            .iter()
            .chain(&self.older)
            .filter(|e| e.id() == id)
            .map(|e| &*e.framework)
            .find(|f| *f.version == version)
    }

    /// The framework an assessment names: `id` for the current version, `id@version` for a
    /// particular one.
    pub fn resolve(&self, reference: &str) -> Option<&Framework> {
        match reference.split_once('@') {
            Some((id, version)) => self.get_version(id.trim(), version.trim()),
            None => self.get(reference),
        }
    }

    /// The versions of a framework the catalog holds, current first.
    pub fn versions(&self, id: &str) -> Vec<&str> {
        self.entries
            .iter()
            .chain(self.older.iter().rev())
            .filter(|e| e.id() == id)
            .map(|e| e.framework.version.as_str())
            .collect()
    }

    pub fn get(&self, id: &str) -> Option<&Framework> {
        self.entries
            .iter()
            .find(|e| e.id() == id)
            .map(|e| &*e.framework)
    }

    /// The framework with this id, or a message that names the ones available.
    pub fn require(&self, id: &str) -> Result<&Framework, Error> {
        self.get(id).ok_or_else(|| {
            let mut msg = format!(
                "there is no framework `{id}`; available: {}",
                one_of(&self.ids())
            );
            if let Some(s) = closest(id, self.ids()) {
                msg.push_str(&format!(" (did you mean `{s}`?)"));
            }
            Error::UnknownFramework(msg)
        })
    }

    /// The framework a person names: `id` for the current version, `id@version` for one the
    /// catalog keeps; otherwise a message that names the ones available.
    pub fn framework(&self, reference: &str) -> Result<&Framework, Error> {
        match self.resolve(reference) {
            Some(fw) => Ok(fw),
            None => self.require(reference),
        }
    }

    /// Looks up `framework/item`.
    pub fn find(&self, qualified: &str) -> Option<Found<'_>> {
        let (fid, iid) = qualified.split_once('/')?;
        let framework = self.get(fid)?;
        let item = framework.item(iid)?;
        Some(Found { framework, item })
    }

    /// Every top-level section with its framework, for lookups by qualified section id.
    pub fn section(&self, framework: &str, section: &str) -> Option<&Section> {
        self.get(framework)?
            .all_sections()
            .into_iter()
            .map(|(_, s)| s)
            .find(|s| *s.id == section)
    }
}
