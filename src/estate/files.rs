//! Where an estate's files come from: a folder on the disk (the command line), or the files a
//! person chose in the web page, held in memory under the names the browser gives them (their
//! place in the folder chosen, such as `estate/hmp-a/2025.xlsx`). Both are listed, looked at and
//! read by the same rules, so the same files give the same comparison through either door.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostics;
use crate::load::yaml::header::{Header, scan_bytes, scan_file};
use crate::load::{self, Document, NamedFile, Unread};
use crate::validate::{collect_files, files_named};

/// The files of an estate, and how to read them.
pub enum Files<'a> {
    /// A folder on the disk, with its sub-folders.
    Folder(&'a Path),
    /// Files held in memory: those named inside `folder` make the estate.
    Memory {
        folder: &'a Path,
        files: BTreeMap<&'a Path, &'a [u8]>,
    },
}

impl<'a> Files<'a> {
    /// The files given in memory that are inside `folder` (named `folder/…`).
    pub fn memory(folder: &'a Path, files: &'a [NamedFile]) -> Files<'a> {
        Files::Memory {
            folder,
            files: files
                .iter()
                .filter(|f| f.name.starts_with(folder))
                .map(|f| (f.name.as_path(), f.bytes.as_slice()))
                .collect(),
        }
    }

    /// The folder the estate is in, as the person named it.
    pub fn folder(&self) -> &Path {
        match self {
            Files::Folder(dir) | Files::Memory { folder: dir, .. } => dir,
        }
    }

    /// The files `ties` reads, sorted; what is not read is said in `diags`.
    pub(super) fn list(&self, diags: &mut Diagnostics) -> Vec<PathBuf> {
        match self {
            Files::Folder(dir) => collect_files(&[dir.to_path_buf()], diags),
            Files::Memory { files, .. } => files_named(files.keys().copied(), diags),
        }
    }

    /// A file read and parsed.
    pub(super) fn document(&self, path: &Path) -> Result<Document, Unread> {
        match self {
            Files::Folder(_) => load::read_document(path),
            Files::Memory { files, .. } => {
                let bytes = files.get(path).map_or_else(Vec::new, |b| b.to_vec());
                load::document_from_bytes(path, bytes)
            }
        }
    }

    /// A cheap look at a file: its year and establishment where they can be told for certain.
    pub(super) fn header(&self, path: &Path) -> Header {
        match self {
            Files::Folder(_) => scan_file(path),
            Files::Memory { files, .. } => files
                .get(path)
                .map_or_else(Header::default, |b| scan_bytes(path, b)),
        }
    }

    /// How many threads read the files: one per core, up to 8, from the disk; one in the page,
    /// which has no threads.
    pub(super) fn threads(&self) -> usize {
        match self {
            Files::Folder(_) => std::thread::available_parallelism()
                .map_or(1, |n| n.get())
                .min(8),
            Files::Memory { .. } => 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str, text: &str) -> NamedFile {
        NamedFile {
            name: PathBuf::from(name),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn files_in_memory_are_listed_by_the_rules_for_a_folder() {
        let files = [
            named("estate/b/2025.yaml", "year: 2025\n"),
            named("estate/a/2025.xlsx", ""),
            named("estate/.hidden/2025.yaml", ""),
            named("estate/a/.~lock.2025.xlsx#", ""),
            named("estate/a/2025.ods", ""),
            named("estate/notes.txt", ""),
            named("other/2025.yaml", ""),
        ];
        let files = Files::memory(Path::new("estate"), &files);
        let mut diags = Diagnostics::default();
        let listed = files.list(&mut diags);
        assert_eq!(
            listed,
            [
                PathBuf::from("estate/a/2025.xlsx"),
                PathBuf::from("estate/b/2025.yaml")
            ]
        );
        // The spreadsheet of another format is named, with what to do; the text file and
        // the hidden ones are passed over, as in a folder.
        let named: Vec<_> = diags.items.iter().map(|d| d.file.clone()).collect();
        assert_eq!(named, [PathBuf::from("estate/a/2025.ods")]);
        assert_eq!(files.threads(), 1);
    }

    #[test]
    fn a_look_at_a_file_in_memory_is_the_look_at_it_on_the_disk() {
        let text = "ties: 1\nestablishment:\n  id: hmp-a\nyear: 2025\n";
        let dir = std::env::temp_dir().join(format!("ties-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("2025.yaml");
        std::fs::write(&path, text).unwrap();
        let on_disk = Files::Folder(&dir).header(&path);
        let given = [NamedFile {
            name: path.clone(),
            bytes: text.as_bytes().to_vec(),
        }];
        let in_memory = Files::memory(&dir, &given).header(&path);
        assert_eq!(on_disk, in_memory);
        assert_eq!(in_memory.year, Some(2025));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
