//! Which of two self-assessments for the same establishment and year is used: one rule for
//! `ties check`, `compare`, `trend` and the report's search for last year's file.
//!
//! - The file in the establishment's own folder (a folder named after its id, such as
//!   `hmp-harrowfield/2025.yaml`) is used; a copy anywhere else is left out, and named.
//! - Between files equally placed, the first by path (folders and names in alphabetical order)
//!   is used, and the others are left out, each naming the one used.
//! - A YAML file and a workbook for the same year side by side in one folder (as `ties import`
//!   can leave them) are both left out, each naming the other: neither can be trusted to be the
//!   one meant.

use std::path::Path;

use crate::diag::Diagnostic;
use crate::diag::source::Pos;

/// Whether `path` is in the establishment `id`'s own folder: its folder is named `id`.
pub fn in_own_folder(path: &Path, id: &str) -> bool {
    path.parent()
        .and_then(Path::file_name)
        .is_some_and(|n| n == id)
}

/// The order in which files for the same establishment and year are preferred: smaller first.
/// A file in the establishment's own folder comes before any other, then files by path.
pub fn precedence<'a>(path: &'a Path, id: &str) -> (bool, &'a Path) {
    (!in_own_folder(path, id), path)
}

/// Whether two files of the same establishment and year are one year in both formats side by
/// side: one folder, one a YAML file and the other a workbook.
fn side_by_side(a: &Path, b: &Path) -> bool {
    a.parent() == b.parent()
        && crate::load::workbook::is_workbook_path(a) != crate::load::workbook::is_workbook_path(b)
}

/// What to tell the person who has just written `written`, the same self-assessment as `from` in
/// the other format, when the two now stand side by side: until one goes, neither is used.
pub fn left_side_by_side(from: &Path, written: &Path, id: &str, year: i32) -> Option<String> {
    side_by_side(from, written).then(|| {
        format!(
            "{} and {} are now side by side, two self-assessments of {id} for {year}: `ties check`, `compare`, `trend` and `report` use neither until one of them is moved out of the folder or deleted. Keep the one you will go on editing.",
            from.display(),
            written.display()
        )
    })
}

/// What becomes of the files of one establishment and year: `files` (each a path and the place
/// of the establishment's id in it) in any order. Returns the index in `files` of the one used,
/// if any, and the problem of each file left out, for that file.
pub fn resolve(files: &[(&Path, Pos)], id: &str, year: i32) -> (Option<usize>, Vec<Diagnostic>) {
    let mut order: Vec<usize> = (0..files.len()).collect();
    order.sort_by(|&a, &b| precedence(files[a].0, id).cmp(&precedence(files[b].0, id)));
    let Some((&first, rest)) = order.split_first() else {
        return (None, Vec::new());
    };
    let (used, at) = files[first];
    let both = rest.iter().any(|&i| side_by_side(used, files[i].0));
    let mut problems = Vec::new();
    let mut first_named = false;
    for &i in rest {
        let (path, pos) = files[i];
        if side_by_side(used, path) {
            let [one, other] = super::assessment::given_twice((used, at), (path, pos), id, year);
            if !std::mem::replace(&mut first_named, true) {
                problems.push(one);
            }
            problems.push(other);
        } else {
            problems.push(duplicate(path, pos, id, year, used, !both));
        }
    }
    let kept = (!both).then_some(first);
    (kept, problems)
}

/// The problem with a second self-assessment for the same establishment and year, naming the
/// file that comes first (and whether it is the one used): the same words wherever it is found
/// (`ties check` on a folder, the estate, `trend`, the report's last year).
pub fn duplicate(
    path: &Path,
    at: Pos,
    id: &str,
    year: i32,
    first: &Path,
    used: bool,
) -> Diagnostic {
    let which = if used { ", which is the one used" } else { "" };
    Diagnostic::error(
        path,
        at,
        format!(
            "{id} already has a self-assessment for {year} in {}{which}",
            first.display()
        ),
    )
    .help(format!(
        "keep one file per establishment and year; where there are two, the one in the establishment's own folder ({id}) is used, or else the first by name"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(paths: &[&str]) -> (Option<String>, Vec<String>) {
        let files: Vec<(&Path, Pos)> = paths.iter().map(|p| (Path::new(*p), Pos::FILE)).collect();
        let (kept, problems) = resolve(&files, "hmp-a", 2025);
        (
            kept.map(|i| paths[i].to_string()),
            problems
                .iter()
                .map(|d| d.file.display().to_string())
                .collect(),
        )
    }

    #[test]
    fn the_file_in_the_establishments_own_folder_wins_wherever_the_copy_sorts() {
        for copy in [
            "a-copy/2025.yaml",
            "zz/2025.yaml",
            "hmp-a-old/2025.yaml",
            "2025.yaml",
        ] {
            for paths in [[copy, "hmp-a/2025.yaml"], ["hmp-a/2025.yaml", copy]] {
                let (kept, left_out) = outcome(&paths);
                assert_eq!(kept.as_deref(), Some("hmp-a/2025.yaml"), "{paths:?}");
                assert_eq!(left_out, [copy], "{paths:?}");
            }
        }
        // A folder named after the establishment deeper down counts as its own folder.
        let (kept, _) = outcome(&["old/2025.yaml", "north/hmp-a/2025.yaml"]);
        assert_eq!(kept.as_deref(), Some("north/hmp-a/2025.yaml"));
    }

    #[test]
    fn between_files_equally_placed_the_first_by_path_wins() {
        let (kept, left_out) = outcome(&["x/b.yaml", "x/a.yaml", "w/c.yaml"]);
        assert_eq!(kept.as_deref(), Some("w/c.yaml"));
        assert_eq!(left_out, ["x/a.yaml", "x/b.yaml"]);
        let (kept, left_out) = outcome(&["hmp-a/2025-copy.yaml", "hmp-a/2025.yaml"]);
        assert_eq!(kept.as_deref(), Some("hmp-a/2025-copy.yaml"));
        assert_eq!(left_out, ["hmp-a/2025.yaml"]);
    }

    #[test]
    fn a_yaml_file_written_beside_its_workbook_is_said_to_be_side_by_side() {
        let note = |a: &str, b: &str| left_side_by_side(Path::new(a), Path::new(b), "hmp-a", 2025);
        assert!(note("hmp-a/2025.xlsx", "hmp-a/2025.yaml").is_some());
        assert!(note("2025.xlsx", "2025.yaml").is_some());
        assert!(note("hmp-a/2025.xlsx", "elsewhere/2025.yaml").is_none());
        assert!(note("hmp-a/2025.yaml", "hmp-a/2025-copy.yaml").is_none());
    }

    #[test]
    fn yaml_and_a_workbook_side_by_side_are_both_left_out_and_a_copy_elsewhere_does_not_win() {
        let (kept, left_out) = outcome(&["hmp-a/2025.xlsx", "hmp-a/2025.yaml", "b/2025.yaml"]);
        assert_eq!(kept, None);
        assert_eq!(
            left_out,
            ["hmp-a/2025.xlsx", "hmp-a/2025.yaml", "b/2025.yaml"]
        );
        // In different folders, the two formats are two copies: the rule of folders holds.
        let (kept, left_out) = outcome(&["b/2025.xlsx", "hmp-a/2025.yaml"]);
        assert_eq!(kept.as_deref(), Some("hmp-a/2025.yaml"));
        assert_eq!(left_out, ["b/2025.xlsx"]);
    }
}
