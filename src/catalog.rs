//! The set of frameworks `ties` knows: those built in, plus any from `--frameworks` folders.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::check_framework;
use crate::diag::{Diagnostic, Diagnostics, closest, one_of};
use crate::framework::{Framework, Item, Link, Section};
use crate::load;
use crate::source::{Pos, SourceFile};

/// The framework files built into the binary: (file name, contents).
pub const BUNDLED: &[(&str, &str)] = &[
    (
        "farmer-offer.yaml",
        include_str!("../frameworks/farmer-offer.yaml"),
    ),
    (
        "hmip-expectations.yaml",
        include_str!("../frameworks/hmip-expectations.yaml"),
    ),
    (
        "hmpps-family-practice.yaml",
        include_str!("../frameworks/hmpps-family-practice.yaml"),
    ),
    (
        "scie-prison-service.yaml",
        include_str!("../frameworks/scie-prison-service.yaml"),
    ),
    (
        "sps-family-strategy.yaml",
        include_str!("../frameworks/sps-family-strategy.yaml"),
    ),
    (
        "think-family.yaml",
        include_str!("../frameworks/think-family.yaml"),
    ),
];

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
    pub framework: Framework,
    pub origin: Origin,
    pub file: SourceFile,
}

#[derive(Clone, Debug, Default)]
pub struct Catalog {
    /// The current version of each framework, sorted by framework id.
    pub entries: Vec<Entry>,
    /// Earlier versions kept for assessments that name them (`farmer-offer@1.0.0`), sorted by
    /// id and version.
    pub older: Vec<Entry>,
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
    /// The built-in frameworks plus every framework file in `dirs`. Problems in any file are
    /// returned beside the frameworks that loaded.
    pub fn load(dirs: &[PathBuf]) -> (Catalog, Diagnostics) {
        let mut diags = Diagnostics::default();
        let mut by_id: BTreeMap<String, Entry> = BTreeMap::new();
        let mut older: Vec<Entry> = Vec::new();
        for (name, text) in BUNDLED {
            let file = SourceFile::new(format!("(built in) frameworks/{name}"), *text);
            if let Some(fw) = read_framework(&file, &mut diags) {
                by_id.insert(
                    fw.id.value.clone(),
                    Entry {
                        framework: fw,
                        origin: Origin::Bundled,
                        file,
                    },
                );
            }
        }
        for dir in dirs {
            for path in framework_files(dir, &mut diags) {
                let file = match load::read_source(&path) {
                    Ok(f) => f,
                    Err(d) => {
                        diags.push(d);
                        continue;
                    }
                };
                if let Some(fw) = read_framework(&file, &mut diags) {
                    let id = fw.id.value.clone();
                    let origin = |replaces_bundled| Origin::File {
                        path: path.clone(),
                        replaces_bundled,
                    };
                    match by_id.remove(&id) {
                        None => {
                            by_id.insert(
                                id,
                                Entry {
                                    framework: fw,
                                    origin: origin(false),
                                    file,
                                },
                            );
                        }
                        // A user's file takes the place of a built-in framework; a built-in
                        // version that differs stays available to assessments that name it.
                        Some(bundled) if bundled.origin == Origin::Bundled => {
                            if bundled.framework.version.value != fw.version.value {
                                older.push(bundled);
                            }
                            by_id.insert(
                                id,
                                Entry {
                                    framework: fw,
                                    origin: origin(true),
                                    file,
                                },
                            );
                        }
                        Some(existing) if existing.framework.version.value == fw.version.value => {
                            let first = match &existing.origin {
                                Origin::File { path, .. } => path.display().to_string(),
                                Origin::Bundled => "a built-in framework".to_string(),
                            };
                            diags.push(
                                Diagnostic::error(
                                    &path,
                                    fw.version.pos,
                                    format!("framework `{id}` version {} is also in {first}", fw.version.value),
                                )
                                .help("give each version of a framework its own `version`, or keep one file"),
                            );
                            by_id.insert(id, existing);
                        }
                        // Two versions from the user: the higher is current, the other is kept.
                        Some(existing) => {
                            let replaces = matches!(
                                existing.origin,
                                Origin::File {
                                    replaces_bundled: true,
                                    ..
                                }
                            );
                            let entry = Entry {
                                framework: fw,
                                origin: origin(replaces),
                                file,
                            };
                            let (current, earlier) = if compare_versions(
                                &entry.framework.version,
                                &existing.framework.version,
                            )
                            .is_gt()
                            {
                                (entry, existing)
                            } else {
                                (existing, entry)
                            };
                            older.push(earlier);
                            by_id.insert(id, current);
                        }
                    }
                }
            }
        }
        older.sort_by(|a, b| {
            a.framework
                .id
                .value
                .cmp(&b.framework.id.value)
                .then_with(|| compare_versions(&a.framework.version, &b.framework.version))
        });
        let catalog = Catalog {
            entries: by_id.into_values().collect(),
            older,
        };
        diags.extend(catalog.check_links());
        (catalog, diags)
    }

    /// Checks `maps_to` links of every framework against the whole catalog.
    pub fn check_links(&self) -> Diagnostics {
        let known = self.item_ids();
        let current: Vec<&Framework> = self.entries.iter().map(|e| &e.framework).collect();
        let mut diags = Diagnostics::default();
        for e in &self.entries {
            diags.extend(check_framework::check_links(
                &e.file.path,
                &e.framework,
                &current,
                &known,
            ));
        }
        diags
    }

    /// Every crosswalk link written on an item of a current framework that points at an item of
    /// framework `id`: the qualified id of the item that writes it, and the link. A link holds
    /// both ways, so these are the links that item `id/...` has without writing them.
    pub fn links_into(&self, id: &str) -> Vec<(String, &Link)> {
        let prefix = format!("{id}/");
        self.entries
            .iter()
            .flat_map(|e| {
                let fid = e.framework.id.as_str();
                e.framework.items().into_iter().flat_map(move |item| {
                    item.maps_to
                        .iter()
                        .map(move |l| (format!("{fid}/{}", item.id.value), l))
                })
            })
            .filter(|(_, l)| l.item.starts_with(&prefix))
            .collect()
    }

    /// Adds or replaces one framework (used by `ties check` for files given on the command line).
    pub fn insert(&mut self, entry: Entry) {
        self.entries
            .retain(|e| e.framework.id.value != entry.framework.id.value);
        self.entries.push(entry);
        self.entries
            .sort_by(|a, b| a.framework.id.value.cmp(&b.framework.id.value));
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
        self.entries
            .iter()
            .map(|e| e.framework.id.as_str())
            .collect()
    }

    /// A framework by id and exact version, current or earlier.
    pub fn get_version(&self, id: &str, version: &str) -> Option<&Framework> {
        self.entries
            .iter()
            .chain(&self.older)
            .map(|e| &e.framework)
            .find(|f| *f.id == id && *f.version == version)
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
            .filter(|e| *e.framework.id == id)
            .map(|e| e.framework.version.as_str())
            .collect()
    }

    pub fn get(&self, id: &str) -> Option<&Framework> {
        self.entries
            .iter()
            .find(|e| *e.framework.id == id)
            .map(|e| &e.framework)
    }

    /// The framework with this id, or a message that names the ones available.
    pub fn require(&self, id: &str) -> Result<&Framework, String> {
        self.get(id).ok_or_else(|| {
            let mut msg = format!(
                "there is no framework `{id}`; available: {}",
                one_of(&self.ids())
            );
            if let Some(s) = closest(id, self.ids()) {
                msg.push_str(&format!(" (did you mean `{s}`?)"));
            }
            msg
        })
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

/// Reads and checks one framework file, adding its problems to `diags`.
pub fn read_framework(file: &SourceFile, diags: &mut Diagnostics) -> Option<Framework> {
    let node = match load::parse(file) {
        Ok(n) => n,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let fw: Framework = match load::decode(file, &node) {
        Ok(f) => f,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let problems = check_framework::check(&file.path, &fw);
    let ok = !problems.has_errors();
    diags.extend(problems);
    ok.then_some(fw)
}

/// The framework files in a folder (not its sub-folders), in name order.
fn framework_files(dir: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            diags.push(
                load::io_problem(dir, &e).help("`--frameworks` takes a folder of framework files"),
            );
            return Vec::new();
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && is_framework_file(p))
        .collect();
    files.sort();
    if files.is_empty() {
        diags.push(
            Diagnostic::warning(dir, Pos::FILE, "this folder has no framework files")
                .help("framework files end in .yaml, .yml or .toml"),
        );
    }
    files
}

pub fn is_framework_file(path: &Path) -> bool {
    ["yaml", "yml", "toml"]
        .iter()
        .any(|e| crate::source::has_extension(path, e))
}
