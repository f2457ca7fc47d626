//! Building the catalog: the frameworks built into the binary, plus every framework file in the
//! `--frameworks` folders, each read and checked, with the links between them checked across the
//! whole catalog.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diag::source::{Pos, SourceFile};
use crate::diag::{Diagnostic, Diagnostics};
use crate::error::Error;
use crate::load;
use crate::model::catalog::{Catalog, Entry, Origin, compare_versions};
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

impl Catalog {
    /// The built-in frameworks plus every framework file in `dirs`, or every problem found in
    /// them.
    pub fn open(dirs: &[PathBuf]) -> Result<Catalog, Error> {
        let (catalog, diagnostics) = Catalog::load(dirs);
        if diagnostics.has_errors() {
            let files = catalog.entries.iter().map(|e| e.file.clone()).collect();
            return Err(Error::Problems { diagnostics, files });
        }
        Ok(catalog)
    }

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
    let fw: Framework = match load::decode(file, &node) {
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
/// for every folder `ties` reads (`validate::files_in_folder`): a link is followed only to a file
/// inside the folder, and a named pipe, a device or a link elsewhere is listed and never read.
fn framework_files(dir: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    if let Err(e) = std::fs::read_dir(dir) {
        diags.push(
            load::io_problem(dir, &e).help("`--frameworks` takes a folder of framework files"),
        );
        return Vec::new();
    }
    let mut files = super::files_in_folder(dir, diags);
    files.retain(|p| is_framework_file(p));
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
        .any(|e| crate::diag::source::has_extension(path, e))
}
