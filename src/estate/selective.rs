//! Loading only what is shown: the comparison's year and the one before it, or one
//! establishment's years. A cheap look at each file (`scan`) tells its year or establishment
//! where that is certain; files of other years or establishments are then neither parsed nor
//! kept. A file the look cannot place is read in full, as `Estate::load` reads every file, so
//! what is shown is the same as when everything is read, and a file of the years shown that
//! cannot be used is reported as before. Files of other years are not checked (`ties check`
//! checks every file); the estate counts them in `not_read`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::error::Result;
use crate::estate::{Estate, NotRead, in_parallel, load_all};
use crate::load::Files;
use crate::load::yaml::header::Header;
use crate::model::catalog::Catalog;

impl Estate {
    /// The self-assessments a comparison of `year` shows: that year's (the latest year with a
    /// self-assessment that could be read, when none is given) and those of the latest year
    /// before it with one. Registers and files that could not be used are kept as `load` keeps
    /// them; files that a look places in other years are counted in `not_read`.
    pub fn load_for_comparison(
        source: &dyn Files,
        dir: &Path,
        catalog: &Catalog,
        year: Option<i32>,
    ) -> Result<Estate> {
        let (mut estate, files) = Estate::listed(source, dir);
        let headers = in_parallel(source, &files, |p| scan_guarded(source, p))?;
        let mut by_year = ByYear::default();
        let mut unplaced = Vec::new();
        for (path, header) in files.into_iter().zip(headers) {
            match header.year {
                Some(y) => by_year.0.entry(y).or_default().push((path, header)),
                None => unplaced.push(path),
            }
        }
        estate.take(load_all(source, &unplaced, catalog)?);
        // The year shown: the one asked for, or the latest whose files hold a usable
        // self-assessment. Then the latest year before it that holds one.
        // Files named for the year asked that cannot be used still make it a year there is: the
        // comparison shows it, with the files it could not use.
        let asked_has_files = year.is_some_and(|y| by_year.0.contains_key(&y));
        let shown = match year {
            Some(y) => {
                by_year.read(y, &mut estate, source, catalog)?;
                Some(y)
            }
            None => by_year.latest(None, &mut estate, source, catalog)?,
        };
        let previous = match shown {
            Some(y) => by_year.latest(Some(y), &mut estate, source, catalog)?,
            None => None,
        };
        let keep: BTreeSet<i32> = shown.into_iter().chain(previous).collect();
        // The years of files not kept, read in full or not: the years there are, for a person
        // who asks for one there is none of.
        let mut years: Vec<i32> = by_year
            .0
            .keys()
            .copied()
            .chain(estate.entries.iter().map(|e| e.year()))
            .filter(|y| !keep.contains(y))
            .chain(year.filter(|_| asked_has_files))
            .collect();
        years.sort_unstable();
        years.dedup();
        estate.entries.retain(|e| keep.contains(&e.year()));
        let left: Vec<&Header> = by_year.0.values().flatten().map(|(_, h)| h).collect();
        let mut names: Vec<String> = left
            .iter()
            .filter_map(|h| h.establishment.clone())
            .collect();
        names.sort();
        names.dedup();
        estate.not_read = NotRead {
            files: left.len(),
            establishments: names,
            years,
        };
        estate.finish();
        Ok(estate)
    }

    /// Every self-assessment of the establishment `id`, for its trend. Files a look shows to be
    /// another establishment's are neither parsed nor kept, unless a folder on their path is
    /// named `id` (a file there that cannot be used is reported as the establishment's).
    pub fn load_establishment(
        source: &dyn Files,
        dir: &Path,
        catalog: &Catalog,
        id: &str,
    ) -> Result<Estate> {
        let (mut estate, files) = Estate::listed(source, dir);
        let headers = in_parallel(source, &files, |p| scan_guarded(source, p))?;
        let mut wanted = Vec::new();
        let mut others = Vec::new();
        for (path, header) in files.into_iter().zip(headers) {
            let in_its_folder = path.components().any(|c| c.as_os_str() == id);
            match header.establishment {
                Some(other) if other != id && !in_its_folder => others.push(other),
                _ => wanted.push(path),
            }
        }
        estate.take(load_all(source, &wanted, catalog)?);
        estate.not_read.files = others.len();
        // Files read in full that turned out to be another establishment's are not kept either,
        // but their establishments are named, for a message that suggests the one meant.
        others.extend(
            estate
                .entries
                .iter()
                .filter(|e| e.id() != id)
                .map(|e| e.id().to_string()),
        );
        estate.entries.retain(|e| e.id() == id);
        others.sort();
        others.dedup();
        estate.not_read.establishments = others;
        estate.finish();
        Ok(estate)
    }

    /// Every establishment the folder names, whether read in full or not: sorted, once each.
    pub fn establishment_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self
            .entries
            .iter()
            .map(|e| e.id())
            .chain(self.not_read.establishments.iter().map(String::as_str))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

/// A look at a file that, should it meet a fault in `ties`, tells nothing: the file is then read
/// in full, where the fault is reported as the file's problem. A YAML file's first lines tell
/// its year and establishment; a workbook's name tells its year (`2025.xlsx`, as `ties workbook`
/// names it), and the workbook is checked against it when it is read (`validate::named`).
fn scan_guarded(source: &dyn Files, path: &Path) -> Header {
    if let Some(year) = crate::validate::named::year(path) {
        return Header {
            year: Some(year),
            establishment: None,
        };
    }
    crate::load::guarded(path, || crate::load::yaml::header::scan_file(source, path))
        .unwrap_or_default()
}

/// Files placed by a look at them, by year, with what the look told; a year's files are
/// removed as they are read.
#[derive(Default)]
struct ByYear(BTreeMap<i32, Vec<(PathBuf, Header)>>);

impl ByYear {
    /// Reads the files of `year`, if not read yet; whether the estate now holds a
    /// self-assessment of that year.
    fn read(
        &mut self,
        year: i32,
        estate: &mut Estate,
        source: &dyn Files,
        catalog: &Catalog,
    ) -> Result<bool> {
        if let Some(files) = self.0.remove(&year) {
            let paths: Vec<PathBuf> = files.into_iter().map(|(p, _)| p).collect();
            estate.take(load_all(source, &paths, catalog)?);
        }
        Ok(estate.entries.iter().any(|e| e.year() == year))
    }

    /// The latest year (before `before`, when given) that holds a self-assessment that can be
    /// used, reading each year's files, latest first, until one does.
    fn latest(
        &mut self,
        before: Option<i32>,
        estate: &mut Estate,
        source: &dyn Files,
        catalog: &Catalog,
    ) -> Result<Option<i32>> {
        let mut years: Vec<i32> = self
            .0
            .keys()
            .copied()
            .chain(estate.entries.iter().map(|e| e.year()))
            .filter(|y| before.is_none_or(|b| *y < b))
            .collect();
        years.sort_unstable_by(|a, b| b.cmp(a));
        years.dedup();
        for y in years {
            if self.read(y, estate, source, catalog)? {
                return Ok(Some(y));
            }
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::estate::fixture::catalog;
    use crate::load::{InMemory, NamedFile};

    /// A folder of self-assessments of the fixture's framework, held in memory.
    fn folder(name: &str, files: &[(&str, String)]) -> (PathBuf, Vec<NamedFile>) {
        let dir = PathBuf::from(format!("estate-{name}"));
        let named = files
            .iter()
            .map(|(path, text)| NamedFile {
                name: dir.join(path),
                bytes: text.as_bytes().to_vec(),
            })
            .collect();
        (dir, named)
    }

    fn block(id: &str, year: i32) -> String {
        format!(
            "ties: 1\nestablishment:\n  id: {id}\n  name: HMP {id}\n  nation: england-wales\n\
             year: {year}\nframeworks: [est]\nresponses:\n  est/v1: {{ rating: l4 }}\n"
        )
    }

    fn flow(id: &str, year: i32) -> String {
        format!(
            "{{ ties: 1, establishment: {{ id: {id}, name: HMP {id}, nation: england-wales }}, \
             year: {year}, frameworks: [est] }}\n"
        )
    }

    fn kept(estate: &Estate) -> Vec<String> {
        estate
            .entries
            .iter()
            .map(|e| format!("{} {}", e.id(), e.year()))
            .collect()
    }

    fn rejected(estate: &Estate, dir: &Path) -> Vec<String> {
        estate
            .rejected
            .iter()
            .map(|r| {
                // Parts joined by `/`, as on Unix, whatever the system's separator.
                let path = r.path.strip_prefix(dir).unwrap();
                let parts: Vec<_> = path.iter().map(|p| p.to_string_lossy()).collect();
                parts.join("/")
            })
            .collect()
    }

    #[test]
    fn a_comparison_reads_its_year_and_the_one_before() {
        let (dir, given) = folder(
            "compare",
            &[
                ("a/2022.yaml", block("hmp-a", 2022)),
                ("a/2023.yaml", block("hmp-a", 2023)),
                ("a/2025.yaml", block("hmp-a", 2025)),
                // A year the look cannot tell: read in full, then not kept.
                ("b/2021.yaml", flow("hmp-b", 2021)),
                // The latest year named, but nothing in it can be used: 2025 is shown.
                (
                    "b/2026.yaml",
                    format!("{}  est/v9: {{ rating: l4 }}\n", block("hmp-b", 2026)),
                ),
                // A file of the year shown with an error, and one of a year not shown.
                (
                    "c/2025.yaml",
                    format!("{}  est/v9: {{ rating: l4 }}\n", block("hmp-c", 2025)),
                ),
                (
                    "c/2022.yaml",
                    format!("{}  est/v9: {{ rating: l4 }}\n", block("hmp-c", 2022)),
                ),
            ],
        );
        let estate =
            Estate::load_for_comparison(&InMemory::new(&given), &dir, &catalog(), None).unwrap();
        // 2024 has no file: the year before 2025 with a self-assessment is 2023.
        assert_eq!(kept(&estate), ["hmp-a 2023", "hmp-a 2025"]);
        assert_eq!(rejected(&estate, &dir), ["b/2026.yaml", "c/2025.yaml"]);
        // The two files of 2022 were not read; the look named their establishments.
        assert_eq!(estate.not_read.files, 2);
        assert_eq!(estate.not_read.establishments, ["hmp-a", "hmp-c"]);
        // The years there are: those kept, 2022 not read, 2021 read and not kept (2026 holds
        // nothing that can be used).
        assert_eq!(estate.years_in_folder(), [2021, 2022, 2023, 2025]);
        // Reading everything shows the same self-assessments for those years.
        let all = Estate::load(&InMemory::new(&given), &dir, &catalog()).unwrap();
        let same: Vec<String> = all
            .entries
            .iter()
            .filter(|e| [2023, 2025].contains(&e.year()))
            .map(|e| format!("{} {}", e.id(), e.year()))
            .collect();
        assert_eq!(kept(&estate), same);
        // A year asked for: it and the one before it with a self-assessment (the flow file).
        let asked =
            Estate::load_for_comparison(&InMemory::new(&given), &dir, &catalog(), Some(2022))
                .unwrap();
        assert_eq!(kept(&asked), ["hmp-a 2022", "hmp-b 2021"]);
        assert_eq!(rejected(&asked, &dir), ["c/2022.yaml"]);
    }

    #[test]
    fn a_trend_reads_one_establishment() {
        let (dir, given) = folder(
            "trend",
            &[
                ("a/2024.yaml", block("hmp-a", 2024)),
                ("a/2025.yaml", block("hmp-a", 2025)),
                ("b/2025.yaml", block("hmp-b", 2025)),
                // Filed in the wrong folder, in flow style: read in full, found to be hmp-a's.
                ("b/2023.yaml", flow("hmp-a", 2023)),
                // In hmp-a's folder but naming another with an error: read, and reported.
                (
                    "hmp-a/2022.yaml",
                    format!("{}  est/v9: {{ rating: l4 }}\n", block("hmp-z", 2022)),
                ),
            ],
        );
        let estate =
            Estate::load_establishment(&InMemory::new(&given), &dir, &catalog(), "hmp-a").unwrap();
        assert_eq!(kept(&estate), ["hmp-a 2023", "hmp-a 2024", "hmp-a 2025"]);
        assert_eq!(rejected(&estate, &dir), ["hmp-a/2022.yaml"]);
        assert_eq!(estate.not_read.files, 1);
        assert_eq!(estate.establishment_ids(), ["hmp-a", "hmp-b"]);
    }
}
