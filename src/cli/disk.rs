//! The disk, for the library: the command line gives `Disk` to every job that reads files, so
//! that the library itself never touches the file system or starts a thread (the web page
//! gives it files held in memory instead, by the same rules). Here are the rules for reading a
//! folder on the disk (links, pipes, devices), reading a file within the size limit, and
//! reading many files on one thread per core.

use std::io::{self, Read as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use ties::diag::source::Pos;
use ties::diag::{Diagnostic, Diagnostics};
use ties::load::{self, Files, MAX_FILE_BYTES, files};

/// The disk, read on `threads` threads (`None`: one per core, up to 8, counted when first
/// needed: asking the system costs a few reads of its files, which a command that reads one
/// file need not make).
pub struct Disk {
    threads: Option<usize>,
}

impl Disk {
    /// The disk, read on one thread per core, up to 8.
    pub fn new() -> Disk {
        Disk { threads: None }
    }

    /// The disk, read on `threads` threads (one: where `each` is called, starting none).
    #[cfg(test)]
    pub fn on_threads(threads: usize) -> Disk {
        Disk {
            threads: Some(threads.max(1)),
        }
    }

    fn threads(&self) -> usize {
        self.threads.unwrap_or_else(|| {
            let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
            cores.min(8)
        })
    }
}

impl Files for Disk {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        read_at_most(path, MAX_FILE_BYTES)
    }

    fn list(&self, paths: &[PathBuf], below: bool, diags: &mut Diagnostics) -> Vec<PathBuf> {
        if below {
            return collect_files(paths, diags);
        }
        let mut out: Vec<PathBuf> = paths
            .iter()
            .flat_map(|dir| files_in_folder(dir, diags))
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Each thread takes the next piece of work not yet taken, so a thread that draws large
    /// files does not hold the others up. A thread that fails (a panic) ends there; the others
    /// go on with the rest, and what the failed thread held is found missing by the library.
    fn each(&self, count: usize, work: &(dyn Fn(usize) + Sync)) {
        let threads = if count <= 1 {
            1
        } else {
            self.threads().min(count)
        };
        if threads <= 1 {
            (0..count).for_each(work);
            return;
        }
        let next = AtomicUsize::new(0);
        // Each worker takes the next piece of work not yet taken, until none is left.
        let worker = || {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= count {
                    break;
                }
                work(i);
            }
        };
        std::thread::scope(|s| {
            // A thread the system cannot start (it is short of memory or of processes) is
            // done without: the work is then shared by those that started, or done here.
            let workers: Vec<_> = (0..threads)
                .map_while(|_| std::thread::Builder::new().spawn_scoped(s, worker).ok())
                .collect();
            if workers.is_empty() {
                worker();
            }
            for w in workers {
                // A failed thread's work is missing from the results, which says so.
                let _ = w.join();
            }
        });
    }
}

/// The bytes of a file, at most `limit` of them, counted as they are read: a pipe or a device
/// (`/dev/zero`) reports no size, so the size the system gives is not trusted. More is an error
/// of kind `FileTooLarge` whose message says how much there is; a folder is an error of kind
/// `IsADirectory`.
pub fn read_at_most(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(io::ErrorKind::IsADirectory.into());
    }
    let mb = |n: u64| format!("{:.1} MB", n as f64 / (1024.0 * 1024.0));
    if meta.is_file() && meta.len() > limit {
        return Err(io::Error::new(io::ErrorKind::FileTooLarge, mb(meta.len())));
    }
    let mut bytes = Vec::with_capacity(if meta.is_file() {
        meta.len() as usize
    } else {
        0
    });
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!("more than {}", mb(limit)),
        ));
    }
    Ok(bytes)
}

/// Every file below the given paths that `ties` can read (YAML, TOML and `.xlsx` workbooks), in
/// a stable order. What a folder holds and `ties` does not read is listed in `diags` as a warning
/// saying why (see `entry`).
fn collect_files(paths: &[PathBuf], diags: &mut Diagnostics) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &root_of(p), true, &mut out, diags);
        } else if p.exists() {
            out.push(p.clone());
        } else {
            diags.push(load::io_problem(
                p,
                &std::io::Error::from(std::io::ErrorKind::NotFound),
            ));
        }
    }
    out.sort();
    out.dedup();
    once_each(&mut out);
    out
}

/// A file reached both as itself and through a link (or through two links) is read once, as
/// itself where it is listed as itself: it is one self-assessment, not two for the same year.
fn once_each(paths: &mut Vec<PathBuf>) {
    let is_link = |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink());
    if !paths.iter().any(|p| is_link(p)) {
        return;
    }
    let real: Vec<(bool, Option<PathBuf>)> = paths
        .iter()
        .map(|p| (is_link(p), p.canonicalize().ok()))
        .collect();
    let mut seen: std::collections::HashSet<PathBuf> = real
        .iter()
        .filter(|(link, _)| !link)
        .filter_map(|(_, r)| r.clone())
        .collect();
    let mut keep = real.into_iter().map(|(link, r)| match r {
        Some(r) if link => seen.insert(r),
        _ => true,
    });
    paths.retain(|_| keep.next().unwrap_or(true));
}

/// The files `ties` reads directly in `dir`, not in its sub-folders, in a stable order, by the
/// same rules as `collect_files`.
fn files_in_folder(dir: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let mut out = Vec::new();
    walk(dir, &root_of(dir), false, &mut out, diags);
    out.sort();
    once_each(&mut out);
    out
}

/// The folder as the system names it, links resolved, to tell whether a link leads out of it.
fn root_of(dir: &Path) -> PathBuf {
    dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf())
}

fn walk(dir: &Path, root: &Path, deep: bool, out: &mut Vec<PathBuf>, diags: &mut Diagnostics) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            diags.push(load::io_problem(dir, &e));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        match entry(&p, root) {
            Listed::Folder if deep => walk(&p, root, deep, out, diags),
            Listed::Folder => {}
            Listed::File => files::take(p, out, diags),
            Listed::Skipped { why, help, always } => {
                if always || files::readable(&p) {
                    diags.push(Diagnostic::warning(&p, Pos::FILE, why).help(help));
                }
            }
        }
    }
}

/// What a name in a folder is, for reading.
enum Listed {
    Folder,
    /// A regular file, or a link to one inside the folder being read: read if its name says it
    /// is a framework, an assessment or a register.
    File,
    /// Not read, and why. `always` when it is worth saying whatever its name; otherwise only
    /// names ending in `.yaml`, `.yml` or `.toml` are listed.
    Skipped {
        why: &'static str,
        help: &'static str,
        always: bool,
    },
}

/// A link is followed to a regular file inside the folder being read, so a folder of links
/// reads like a folder of files; never to a folder (which could lead back to itself) or out of
/// the folder (where someone who can write to a shared folder could point it at a file of
/// yours). A named pipe, a device or a socket is never read: reading one may never end.
fn entry(p: &Path, root: &Path) -> Listed {
    let link = std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink());
    let Ok(meta) = std::fs::metadata(p) else {
        return Listed::Skipped {
            why: "this link leads to nothing (what it pointed to is gone), so it was not read",
            help: "remove the link, or make it point to the file again",
            always: false,
        };
    };
    if meta.is_dir() && !link {
        return Listed::Folder;
    }
    if meta.is_dir() {
        return Listed::Skipped {
            why: "this is a link to a folder, which ties does not follow, so the files in it were not read",
            help: "give the folder itself to read it",
            always: true,
        };
    }
    if !meta.is_file() {
        return Listed::Skipped {
            why: "this is not a file but a named pipe, a device or a socket, so it was not read",
            help: "ties reads files only: save what it holds as a file",
            always: false,
        };
    }
    if link && !p.canonicalize().is_ok_and(|real| real.starts_with(root)) {
        return Listed::Skipped {
            why: "this is a link to a file outside the folder being read, so it was not read",
            help: "give the file itself, or copy it into the folder",
            always: false,
        };
    }
    Listed::File
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use ties::estate::Estate;
    use ties::load::files::each_of;
    use ties::load::yaml::header::scan_file;
    use ties::load::{InMemory, NamedFile};
    use ties::model::catalog::Catalog;

    use super::Disk;

    /// The project's folder: unit tests run in it, where relative names are found.
    fn root() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
    }

    /// Every file below `dir` on the disk, held in memory under the same names, as the web page
    /// is given a folder chosen.
    fn in_memory(dir: &Path) -> Vec<NamedFile> {
        let mut out = Vec::new();
        let mut todo = vec![dir.to_path_buf()];
        while let Some(d) = todo.pop() {
            for entry in std::fs::read_dir(&d).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    todo.push(path);
                } else {
                    let bytes = std::fs::read(&path).unwrap();
                    out.push(NamedFile { name: path, bytes });
                }
            }
        }
        out
    }

    /// Everything an estate holds, as text: what was read, with its scores, and what was not.
    fn outcome(estate: &Estate) -> Vec<String> {
        let mut out: Vec<String> = estate
            .entries
            .iter()
            .map(|e| {
                let card = serde_json::to_string(&e.card).expect("a scorecard");
                format!("{} {card}", e.path.display())
            })
            .collect();
        out.extend(
            estate
                .rejected
                .iter()
                .map(|r| format!("{} {:?}", r.path.display(), r.problems.items)),
        );
        out.extend(
            estate
                .registers
                .iter()
                .map(|(p, r)| format!("{} {}", p.display(), r.establishments.len())),
        );
        out
    }

    /// A file checked from memory reads as the same file checked on the disk.
    #[test]
    fn a_check_in_memory_says_what_a_check_on_the_disk_says() {
        for name in [
            "assessments/hmp-harrowfield/2025.yaml",
            "tests/fixtures/broken-assessments/empty.yaml",
        ] {
            let bytes = std::fs::read(root().join(name)).expect("an example");
            let memory = ties::validate::check_in_memory(vec![(PathBuf::from(name), bytes)], None);
            let disk = ties::validate::check(&Disk::new(), &[], &[PathBuf::from(name)], None);
            assert_eq!(memory, disk, "{name}");
        }
    }

    #[test]
    fn a_look_at_a_file_in_memory_is_the_look_at_it_on_the_disk() {
        let path = PathBuf::from("assessments/hmp-harrowfield/2025.yaml");
        let given = [NamedFile {
            name: path.clone(),
            bytes: std::fs::read(&path).unwrap(),
        }];
        let on_disk = scan_file(&Disk::new(), &path);
        assert_eq!(on_disk, scan_file(&InMemory::new(&given), &path));
        assert_eq!(on_disk.year, Some(2025));
    }

    /// The examples and the files with every kind of problem read the same from the disk, on
    /// any number of threads, as from memory.
    #[test]
    fn an_estate_is_the_same_on_the_disk_on_any_threads_and_in_memory() {
        let catalog = Catalog::bundled().0;
        for dir in [root().join("assessments"), root().join("tests/fixtures")] {
            let given = in_memory(&dir);
            let memory = outcome(&Estate::load(&InMemory::new(&given), &dir, &catalog).unwrap());
            assert!(memory.len() > 10, "{} files", memory.len());
            for threads in [1, 2, 3, 8, 64] {
                let disk = Disk::on_threads(threads);
                let read = Estate::load(&disk, &dir, &catalog).unwrap();
                assert!(
                    outcome(&read) == memory,
                    "{} on {threads} threads",
                    dir.display()
                );
            }
            for year in [None, Some(2024)] {
                let disk = Estate::load_for_comparison(&Disk::new(), &dir, &catalog, year);
                let mem = Estate::load_for_comparison(&InMemory::new(&given), &dir, &catalog, year);
                let (disk, mem) = (disk.unwrap(), mem.unwrap());
                assert_eq!(outcome(&disk), outcome(&mem), "{year:?}");
                assert_eq!(disk.not_read.files, mem.not_read.files);
                assert_eq!(disk.years_in_folder(), mem.years_in_folder());
            }
        }
    }

    /// A piece of work that fails on a thread is found missing, by its place: never a silent
    /// gap in what comes back.
    #[test]
    fn work_that_fails_on_a_thread_is_named() {
        let items: Vec<usize> = (0..20).collect();
        let disk = Disk::on_threads(4);
        assert_eq!(
            each_of(&disk, &items, |i| i * 2).unwrap(),
            (0..40).step_by(2).collect::<Vec<_>>()
        );
        // Silence the report of the deliberate failure below.
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let failed = each_of(&disk, &items, |i| {
            assert!(*i != 7, "a fault");
            *i
        });
        std::panic::set_hook(hook);
        assert_eq!(failed, Err(vec![7]));
    }

    /// A fault in `ties` met on one file (a panic) leaves that file out with a message, and every
    /// other file is read: one bad workbook never takes the folder with it.
    #[test]
    fn a_fault_on_one_file_leaves_it_out_and_the_rest_is_read() {
        let files: Vec<PathBuf> = (0..20)
            .map(|i| PathBuf::from(format!("{i}.yaml")))
            .collect();
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let all = each_of(&Disk::on_threads(4), &files, |p| {
            ties::load::guarded(p, || {
                assert!(
                    p != Path::new("7.yaml") && p != Path::new("13.yaml"),
                    "a fault"
                );
                p.display().to_string()
            })
        });
        std::panic::set_hook(hook);
        let all = all.expect("no file is lost");
        assert_eq!(all.len(), files.len());
        for (i, r) in all.iter().enumerate() {
            match r {
                Ok(name) => assert_eq!(name, &format!("{i}.yaml")),
                Err(d) => {
                    assert!([7, 13].contains(&i), "{i}");
                    assert!(d.message.contains("could not handle"), "{}", d.message);
                }
            }
        }
        assert_eq!(all.iter().filter(|r| r.is_err()).count(), 2);
    }
}
