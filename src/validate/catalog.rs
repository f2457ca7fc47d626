//! Building the catalog: the frameworks built into the binary, plus every framework file in the
//! `--frameworks` folders, each read and checked, with the links between them checked across the
//! whole catalog.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diag::source::{Pos, SourceFile};
use crate::diag::{Diagnostic, Diagnostics};
use crate::error::Error;
use crate::load::node::Node;
use crate::load::{self, Files};
use crate::model::catalog::{Catalog, Entry, Held, Origin, compare_versions};
use crate::model::framework::Framework;
use crate::validate;

/// The framework files built into the binary: (file name, contents).
pub const BUNDLED: &[(&str, &str)] = &[
    (
        "farmer-offer.yaml",
        include_str!("../../frameworks/farmer-offer.yaml"),
    ),
    (
        "hmip-expectations.yaml",
        include_str!("../../frameworks/hmip-expectations.yaml"),
    ),
    (
        "hmpps-family-practice.yaml",
        include_str!("../../frameworks/hmpps-family-practice.yaml"),
    ),
    (
        "scie-prison-service.yaml",
        include_str!("../../frameworks/scie-prison-service.yaml"),
    ),
    (
        "sps-family-strategy.yaml",
        include_str!("../../frameworks/sps-family-strategy.yaml"),
    ),
    (
        "think-family.yaml",
        include_str!("../../frameworks/think-family.yaml"),
    ),
];

/// The built-in frameworks read, checked and ready, so that a run of `ties` need neither parse
/// their YAML nor check them again: for each file of `BUNDLED`, in its order, a fingerprint of its
/// text (8 bytes), the length of its tree (4 bytes) and the tree, packed
/// (`load::node::packed`). A tree is used only when the fingerprint is that of the file built in;
/// a framework file changed since the trees were written is read from its YAML and checked, as
/// every other framework is, and a test fails until they are written again
/// (`TIES_WRITE_PREPARED=1 cargo test --lib prepared`). Another test reads every built-in file
/// with all the checks a framework file gets, and finds no problem: so a prepared framework is
/// one that passed them.
const PREPARED: &[u8] = include_bytes!("prepared.bin");

/// The fingerprints of the built-in frameworks' texts, worked out when `ties` is compiled.
const FINGERPRINTS: [u64; BUNDLED.len()] = {
    let mut out = [0; BUNDLED.len()];
    let mut i = 0;
    while i < BUNDLED.len() {
        out[i] = fingerprint_of(BUNDLED[i].1);
        i += 1;
    }
    out
};

/// The packed tree of the built-in framework `index` (of `BUNDLED`), when it was prepared from
/// the text built in.
fn prepared_tree(index: usize) -> Option<&'static [u8]> {
    let mut rest = PREPARED;
    for i in 0.. {
        let fingerprint = u64::from_le_bytes(rest.get(..8)?.try_into().ok()?);
        let len = u32::from_le_bytes(rest.get(8..12)?.try_into().ok()?) as usize;
        let tree = rest.get(12..12 + len)?;
        if i == index {
            return (fingerprint == *FINGERPRINTS.get(index)?).then_some(tree);
        }
        rest = &rest[12 + len..];
    }
    None
}

/// The built-in framework `index` (of `BUNDLED`), made from its prepared tree: asked for only
/// of a framework whose tree was prepared from the text built in (`prepared_tree`). Those trees
/// and the code that reads them are compiled into `ties` together, and a test makes every one of
/// them, so each is made without fail.
fn prepared(index: usize) -> Framework {
    prepared_tree(index)
        .and_then(load::node::packed::decode)
        .expect("a prepared framework is made from its tree (a test makes each one)")
}

/// The id of a built-in framework: its file's name without `.yaml` (a test holds it).
fn bundled_id(name: &'static str) -> &'static str {
    name.strip_suffix(".yaml").unwrap_or(name)
}

/// A fingerprint of a text (FNV-1a over 8 bytes at a time, 64 bits): it tells a framework file
/// changed since its tree was prepared.
const fn fingerprint_of(text: &str) -> u64 {
    let bytes = text.as_bytes();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        let mut word = [0u8; 8];
        let mut j = 0;
        while j < 8 && i + j < bytes.len() {
            word[j] = bytes[i + j];
            j += 1;
        }
        h = (h ^ u64::from_le_bytes(word)).wrapping_mul(0x0100_0000_01b3);
        i += 8;
    }
    (h ^ bytes.len() as u64).wrapping_mul(0x0100_0000_01b3)
}

impl Catalog {
    /// The built-in frameworks plus every framework file in the folders `dirs` among `files`,
    /// or every problem found in them.
    pub fn open(files: &dyn Files, dirs: &[PathBuf]) -> Result<Catalog, Error> {
        let (catalog, diagnostics) = Catalog::load(files, dirs);
        if diagnostics.has_errors() {
            let files = catalog.entries.iter().map(|e| e.file.clone()).collect();
            return Err(Error::Problems { diagnostics, files });
        }
        Ok(catalog)
    }

    /// The built-in frameworks alone, with any problem in them (there is none: a test holds it).
    pub fn bundled() -> (Catalog, Diagnostics) {
        Catalog::load(&load::InMemory::default(), &[])
    }

    /// The built-in frameworks plus every framework file in the folders `dirs` among `files`.
    /// Problems in any file are returned beside the frameworks that loaded.
    pub fn load(files: &dyn Files, dirs: &[PathBuf]) -> (Catalog, Diagnostics) {
        let mut diags = Diagnostics::default();
        let mut by_id: BTreeMap<String, Entry> = BTreeMap::new();
        let mut older: Vec<Entry> = Vec::new();
        // Whether every framework was checked when it was prepared, links included.
        let mut all_prepared = true;
        for (index, (name, text)) in BUNDLED.iter().enumerate() {
            let file = SourceFile::built_in(format!("(built in) frameworks/{name}"), text);
            // A prepared framework is made when it is first looked at; one whose file changed
            // since it was prepared is read now, with every check.
            let (id, framework) = match prepared_tree(index) {
                Some(_) => {
                    // As reading a file does, so later files get the same allowance.
                    crate::diag::reset_suggestions();
                    let id = bundled_id(name);
                    (id.to_string(), Held::later(id, prepared, index))
                }
                None => {
                    all_prepared = false;
                    match read_framework(&file, &mut diags) {
                        Some(fw) => (fw.id.value.clone(), fw.into()),
                        None => continue,
                    }
                }
            };
            by_id.insert(
                id,
                Entry {
                    framework,
                    origin: Origin::Bundled,
                    file,
                },
            );
        }
        for dir in dirs {
            for path in framework_files(files, dir, &mut diags) {
                all_prepared = false;
                let file = match files.source(&path) {
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
                                    framework: fw.into(),
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
                                    framework: fw.into(),
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
                                framework: fw.into(),
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
        if !all_prepared {
            diags.extend(catalog.check_links());
        }
        (catalog, diags)
    }

    /// Checks `maps_to` links of every framework against the whole catalog.
    pub fn check_links(&self) -> Diagnostics {
        let known = self.item_ids();
        let current: Vec<&Framework> = self.entries.iter().map(|e| &*e.framework).collect();
        let mut diags = Diagnostics::default();
        for e in &self.entries {
            diags.extend(validate::framework::check_links(
                &e.file.path,
                &e.framework,
                &current,
                &known,
            ));
        }
        diags
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
    framework_from_tree(file, &node, diags)
}

/// Reads and checks a framework from its file's tree, adding its problems to `diags`.
fn framework_from_tree(
    file: &SourceFile,
    node: &Node,
    diags: &mut Diagnostics,
) -> Option<Framework> {
    let fw: Framework = match load::decode(file, node) {
        Ok(f) => f,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let problems = validate::framework::check(&file.path, &fw);
    let ok = !problems.has_errors();
    diags.extend(problems);
    diags.extend(validate::links::in_framework(file, &fw));
    ok.then_some(fw)
}

/// The framework files in a folder (not its sub-folders), in name order, listed by the one rule
/// for every folder `ties` reads (see `Files::list`): on the disk, a link is followed only to a
/// file inside the folder, and a named pipe, a device or a link elsewhere is listed and never
/// read.
fn framework_files(files: &dyn Files, dir: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let mut listing = Diagnostics::default();
    let mut found = files.list(&[dir.to_path_buf()], false, &mut listing);
    let unread = listing.items.iter().any(|d| d.is_error() && d.file == dir);
    diags.extend(Diagnostics {
        items: listing
            .items
            .into_iter()
            .map(|d| {
                if d.is_error() && d.file == dir {
                    d.help("`--frameworks` takes a folder of framework files")
                } else {
                    d
                }
            })
            .collect(),
    });
    if unread {
        return Vec::new();
    }
    found.retain(|p| is_framework_file(p));
    if found.is_empty() {
        diags.push(
            Diagnostic::warning(dir, Pos::FILE, "this folder has no framework files")
                .help("framework files end in .yaml, .yml or .toml"),
        );
    }
    found
}

pub fn is_framework_file(path: &Path) -> bool {
    load::files::is_text_file(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The prepared trees, as they are written from the built-in framework files.
    fn prepare() -> Vec<u8> {
        let mut out = Vec::new();
        for (name, text) in BUNDLED {
            let file = SourceFile::built_in(format!("(built in) frameworks/{name}"), text);
            let node = load::parse(&file).expect("a built-in framework reads");
            let tree = load::node::packed::pack(&node);
            out.extend(fingerprint_of(text).to_le_bytes());
            out.extend(
                u32::try_from(tree.len())
                    .expect("a small tree")
                    .to_le_bytes(),
            );
            out.extend(tree);
        }
        out
    }

    #[test]
    fn the_prepared_frameworks_are_the_built_in_files_read() {
        let written = prepare();
        if std::env::var_os("TIES_WRITE_PREPARED").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/validate/prepared.bin");
            std::fs::write(path, &written).expect("prepared.bin written");
        }
        assert!(
            written == PREPARED,
            "a built-in framework changed: write src/validate/prepared.bin again with \
             `TIES_WRITE_PREPARED=1 cargo test --lib prepared`"
        );
        for (index, (name, text)) in BUNDLED.iter().enumerate() {
            let file = SourceFile::built_in(format!("(built in) frameworks/{name}"), text);
            let tree = prepared_tree(index).expect("a prepared tree");
            assert_eq!(
                load::node::packed::unpack(tree),
                load::parse(&file).ok(),
                "{name}"
            );
            assert_eq!(FINGERPRINTS[index], fingerprint_of(text));
            // A text other than the one prepared has another fingerprint.
            for other in [
                format!("{text}\n"),
                text.replacen(' ', "  ", 1),
                text[1..].to_string(),
            ] {
                assert_ne!(fingerprint_of(&other), FINGERPRINTS[index], "{name}");
            }
        }
        assert_eq!(prepared_tree(BUNDLED.len()), None);
    }

    /// The catalog from the prepared trees is the catalog from the files, place for place, and
    /// the files, read with every check a framework file gets, links across the catalog
    /// included, have no problem: the checks a prepared framework is spared.
    #[test]
    fn the_catalog_is_the_same_from_the_prepared_frameworks() {
        let (catalog, problems) = Catalog::bundled();
        assert!(problems.items.is_empty(), "{:?}", problems.items);
        assert!(catalog.check_links().items.is_empty());
        let mut diags = Diagnostics::default();
        for (name, text) in BUNDLED {
            let file = SourceFile::built_in(format!("(built in) frameworks/{name}"), text);
            let read = read_framework(&file, &mut diags).expect("a built-in framework");
            let entry = catalog
                .entries
                .iter()
                .find(|e| e.file.path == file.path)
                .expect("in the catalog");
            // Debug's form shows every value with its place (up to the index of items, made
            // when first needed).
            let shown = |f: &Framework| {
                let all = format!("{f:?}");
                all[..all.find(", item_index:").expect("the index")].to_string()
            };
            assert_eq!(shown(&read), shown(&entry.framework), "{name}");
            assert!(entry.framework.id.pos.is_known(), "{name}");
            // The id known before the framework is made is the framework's.
            assert_eq!(entry.id(), read.id.value, "{name}");
        }
        assert!(diags.items.is_empty(), "{:?}", diags.items);
    }

    /// A built-in framework is made only when it is looked at: finding one by its id makes
    /// that one alone, and a framework changed in place keeps the id it was changed to.
    #[test]
    fn built_in_frameworks_are_made_when_first_looked_at() {
        let (mut catalog, _) = Catalog::bundled();
        let made = |c: &Catalog| -> Vec<String> {
            c.entries
                .iter()
                .filter(|e| e.framework.is_made())
                .map(|e| e.id().to_string())
                .collect()
        };
        assert_eq!(made(&catalog), Vec::<String>::new());
        assert_eq!(catalog.ids().len(), BUNDLED.len());
        let fw = catalog.get("hmip-expectations").expect("built in");
        assert_eq!(fw.id.value, "hmip-expectations");
        assert!(catalog.resolve("think-family@0.0.0-none").is_none());
        assert_eq!(made(&catalog), ["hmip-expectations", "think-family"]);
        let links = catalog.link_index_among(|id| id == "farmer-offer");
        assert_eq!(
            made(&catalog),
            ["farmer-offer", "hmip-expectations", "think-family"]
        );
        drop(links);
        catalog.entries[0].framework.id.value = "changed".to_string();
        assert_eq!(catalog.entries[0].id(), "changed");
    }
}
