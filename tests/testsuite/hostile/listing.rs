//! Inputs that are not regular files, and links: reads are bounded by the bytes read, a folder's
//! named pipes are skipped and listed, never read (reading one would wait for ever), and links
//! to files inside the folder are followed.

use std::os::unix::fs::symlink;

use super::{Unblock, example, mkfifo};
use crate::{Test, scratch};

/// How long a run may take before the pipe it waits on is opened for it: a run that waits has
/// failed, and the test says so instead of waiting with it.
const PATIENCE: u64 = 20;

/// An estate folder: HMP Harrowfield's 2025 file in its own folder, a named pipe called
/// `2024.yaml` beside it, a link to the file, and links out of the folder and to a folder.
fn estate(name: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    let own = dir.join("estate/hmp-harrowfield");
    std::fs::create_dir_all(&own).unwrap();
    std::fs::write(own.join("2025.yaml"), example()).unwrap();
    mkfifo(&own.join("2024.yaml"));
    std::fs::create_dir_all(dir.join("elsewhere")).unwrap();
    let other = example().replace("hmp-harrowfield", "hmp-elsewhere");
    std::fs::write(dir.join("elsewhere/2025.yaml"), &other).unwrap();
    symlink(
        dir.join("elsewhere/2025.yaml"),
        dir.join("estate/outside.yaml"),
    )
    .unwrap();
    symlink(dir.join("elsewhere"), dir.join("estate/a-folder")).unwrap();
    symlink(dir.join("nothing.yaml"), dir.join("estate/gone.yaml")).unwrap();
    dir
}

#[test]
fn check_skips_and_lists_what_it_does_not_read() {
    let dir = estate("listing-check");
    let _unblock = Unblock::after(&dir.join("estate/hmp-harrowfield/2024.yaml"), PATIENCE);
    let run = Test::in_dir(&dir).args(["check", "estate"]).run();
    assert!(
        run.elapsed.as_secs() < PATIENCE,
        "ties waited on the pipe:\n{run}"
    );
    assert_eq!(run.code, 0, "{run}");
    for (path, why) in [
        (
            "estate/hmp-harrowfield/2024.yaml",
            "this is not a file but a named pipe, a device or a socket, so it was not read",
        ),
        (
            "estate/outside.yaml",
            "this is a link to a file outside the folder being read, so it was not read",
        ),
        (
            "estate/a-folder",
            "this is a link to a folder, which ties does not follow, so the files in it were not read",
        ),
        (
            "estate/gone.yaml",
            "this link leads to nothing (what it pointed to is gone), so it was not read",
        ),
    ] {
        assert!(
            run.stdout
                .contains(&format!("warning: {why}\n --> {path}\n")),
            "{path}:\n{run}"
        );
    }
    assert!(
        // The fifth is the example's own overdue action.
        run.stdout.ends_with("5 warnings in 1 file; no errors.\n"),
        "{run}"
    );
}

#[test]
fn compare_and_report_do_not_wait_on_a_named_pipe() {
    let dir = estate("listing-compare");
    let _unblock = Unblock::after(&dir.join("estate/hmp-harrowfield/2024.yaml"), PATIENCE);
    let run = Test::in_dir(&dir)
        .args(["compare", "estate", "--format", "csv", "--table", "items"])
        .run();
    assert!(
        run.elapsed.as_secs() < PATIENCE,
        "ties waited on the pipe:\n{run}"
    );
    assert_eq!(run.code, 0, "{run}");
    assert!(
        run.stderr
            .contains("4 files could not be used and are left out"),
        "{run}"
    );
    assert!(run.stdout.contains("hmp-harrowfield,"), "{run}");
    let run = Test::in_dir(&dir)
        .args(["report", "estate/hmp-harrowfield/2025.yaml"])
        .run();
    assert!(
        run.elapsed.as_secs() < PATIENCE,
        "ties waited on the pipe:\n{run}"
    );
    assert_eq!(run.code, 0, "{run}");
    assert!(
        run.stdout.contains("No self-assessment for 2024 was found"),
        "{run}"
    );
}

#[test]
fn a_link_to_a_file_in_the_folder_is_read() {
    let dir = scratch("listing-link");
    let files = dir.join("estate/files");
    std::fs::create_dir_all(&files).unwrap();
    std::fs::write(files.join("harrowfield-2025.yaml"), example()).unwrap();
    std::fs::create_dir_all(dir.join("estate/hmp-harrowfield")).unwrap();
    symlink(
        "../files/harrowfield-2025.yaml",
        dir.join("estate/hmp-harrowfield/2025.yaml"),
    )
    .unwrap();
    let run = Test::in_dir(&dir)
        .args(["check", "estate/hmp-harrowfield"])
        .run();
    // The link alone leads out of the folder given: it is listed.
    assert!(
        run.stdout.contains("a link to a file outside the folder"),
        "{run}"
    );
    // Given the whole folder, the file and the link to it are one self-assessment, read once
    // (not the same establishment and year twice).
    let run = Test::in_dir(&dir).args(["check", "estate"]).status(0).run();
    assert!(
        run.stdout.ends_with("in 1 file; no errors.\n")
            || run.stdout.ends_with("No problems found in 1 file.\n"),
        "{run}"
    );
    let run = Test::in_dir(&dir)
        .args(["compare", "estate", "--format", "csv", "--table", "items"])
        .status(0)
        .run();
    assert!(run.stdout.contains("hmp-harrowfield,"), "{run}");
}

#[test]
fn a_file_that_never_ends_is_refused_after_the_limit() {
    // A device given by name: read up to the limit and refused, however much it would give.
    let run = Test::new().args(["check", "/dev/zero"]).status(1).run();
    assert!(
        run.stdout.contains("the file is larger than ties reads"),
        "{run}"
    );
    assert!(run.stdout.contains("found: more than 16.0 MB"), "{run}");
    // A named pipe given by name is read, as far as the limit.
    let dir = scratch("listing-endless");
    let pipe = dir.join("endless.yaml");
    mkfifo(&pipe);
    let writer = {
        let pipe = pipe.clone();
        std::thread::spawn(move || {
            use std::io::Write;
            let mut f = std::fs::OpenOptions::new().write(true).open(pipe).unwrap();
            let chunk = "narrative: text\n".repeat(4096);
            // Until ties stops reading.
            while f.write_all(chunk.as_bytes()).is_ok() {}
        })
    };
    let run = Test::in_dir(&dir)
        .args(["check", "endless.yaml"])
        .status(1)
        .run();
    writer.join().unwrap();
    assert!(
        run.stdout.contains("the file is larger than ties reads"),
        "{run}"
    );
    // A small file through a pipe is read as a file.
    let pipe = dir.join("small.yaml");
    mkfifo(&pipe);
    let writer = {
        let pipe = pipe.clone();
        std::thread::spawn(move || std::fs::write(pipe, example()).unwrap())
    };
    Test::in_dir(&dir)
        .args(["check", "small.yaml"])
        .status(0)
        .run();
    writer.join().unwrap();
}
