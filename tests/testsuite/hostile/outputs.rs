//! Where `-o` writes: a regular file is replaced atomically through a temporary file no one can
//! guess or put a link at; a pipe or a device is written straight to and stays what it is; a
//! folder is refused with a message.

use std::os::unix::fs::{FileTypeExt, symlink};

use super::mkfifo;
use crate::{MINI, MINI_FRAMEWORKS, Test, root, scratch};

/// `ties score MINI` with `-o OUT`, from the project root.
fn score_to(out: &std::path::Path) -> Test {
    Test::new().args([
        "score",
        MINI,
        "--frameworks",
        MINI_FRAMEWORKS,
        "--format",
        "json",
        "-o",
        out.to_str().unwrap(),
    ])
}

#[test]
fn a_named_pipe_is_written_to_and_stays_a_pipe() {
    let dir = scratch("output-pipe");
    let pipe = dir.join("scores.json");
    mkfifo(&pipe);
    let reader = {
        let pipe = pipe.clone();
        std::thread::spawn(move || std::fs::read(pipe).unwrap())
    };
    score_to(&pipe).status(0).run();
    let read = String::from_utf8(reader.join().unwrap()).unwrap();
    assert!(read.starts_with("{\n  \"ties_score\": 1"), "{read}");
    let kind = std::fs::symlink_metadata(&pipe).unwrap().file_type();
    assert!(kind.is_fifo(), "the pipe was replaced");
    let names: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert_eq!(names.len(), 1, "nothing left beside it");
}

#[test]
fn a_device_is_written_to_and_stays_a_device() {
    // A device of our own where the system lets us make one; the shell's standard output
    // otherwise (a test that replaced the system's /dev/null would break the machine).
    let dir = scratch("output-device");
    let null = dir.join("null");
    let made = std::process::Command::new("mknod")
        .args([null.to_str().unwrap(), "c", "1", "3"])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if made {
        score_to(&null).status(0).stdout("").run();
        let kind = std::fs::symlink_metadata(&null).unwrap().file_type();
        assert!(kind.is_char_device(), "the device was replaced");
    }
    // `/dev/stdout`, with the test's pipe behind it: the output arrives there.
    let run = score_to(std::path::Path::new("/dev/stdout"))
        .status(0)
        .run();
    assert!(run.stdout.starts_with("{\n  \"ties_score\": 1"), "{run}");
}

#[test]
fn a_folder_is_refused_with_a_message() {
    let dir = scratch("output-folder");
    let run = score_to(&dir).status(1).run();
    assert_eq!(
        run.stderr,
        format!(
            "error: {} is a folder, which ties does not write to: give the name of a file with -o\n",
            dir.display()
        )
    );
    let link = dir.join("scores.json");
    symlink(root().join("tests"), &link).unwrap();
    let run = score_to(&link).status(1).run();
    assert!(run.stderr.contains("is a link to a folder"), "{run}");
}

#[test]
fn temporary_files_cannot_be_foreseen_or_redirected() {
    let dir = scratch("output-temporary");
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, "mine").unwrap();
    let out = dir.join("scores.json");
    // Links at every name an earlier version would have used for its temporary file, for the
    // next few hundred process ids, made by someone who can write to the folder.
    let first = std::process::id();
    for pid in first..first + 300 {
        symlink(&victim, dir.join(format!(".scores.json.ties-{pid}.tmp"))).unwrap();
    }
    // A temporary file left by a run that was stopped, which no later run may trip over.
    std::fs::write(dir.join(".scores.json.ties-0123456789abcdef.tmp"), "old").unwrap();
    let count = std::fs::read_dir(&dir).unwrap().count();
    for _ in 0..3 {
        score_to(&out).status(0).run();
    }
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "mine");
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("ties_score")
    );
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), count + 1);
    // The output given as a link is replaced by the file, never written through.
    let link = dir.join("linked.json");
    symlink(&victim, &link).unwrap();
    score_to(&link).status(0).run();
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "mine");
    assert!(!std::fs::symlink_metadata(&link).unwrap().is_symlink());
}

#[test]
fn init_never_writes_through_a_link() {
    let dir = scratch("init-link");
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, "mine").unwrap();
    symlink(&victim, dir.join("new.yaml")).unwrap();
    let run = Test::in_dir(&dir)
        .args(crate::new_assessment_args("init", "2025", "farmer-offer"))
        .args(["-o", "new.yaml"])
        .status(1)
        .run();
    assert!(run.stderr.contains("already exists"), "{run}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "mine");
}
