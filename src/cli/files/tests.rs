//! The rules of writing files. Those about links, pipes and Unix's devices run on Unix only
//! (Windows makes links only for administrators, and has no pipes or device files in folders);
//! Windows' own devices, its reserved names, are tested on Windows (under Wine in CI).

use super::*;

#[cfg(unix)]
use std::os::unix::fs::{FileTypeExt, symlink};

/// A fresh, empty folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ties-files-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The names in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn new_files_never_replace_old_ones() {
    let dir = scratch("new");
    let path = dir.join("a.yaml");
    write_new(&path, b"first").unwrap();
    let e = write_new(&path, b"second").unwrap_err();
    assert_eq!(e.kind(), std::io::ErrorKind::AlreadyExists);
    assert_eq!(std::fs::read(&path).unwrap(), b"first");
    write_atomic(&path, b"third").unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"third");
    assert_eq!(names(&dir), ["a.yaml"], "no temporary files left");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Unix only: making a link on Windows needs an administrator.
#[cfg(unix)]
#[test]
fn a_link_takes_the_name_of_a_new_file() {
    let dir = scratch("new-link");
    // A link, even to nothing, takes the name: a new file is never written through it.
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, b"mine").unwrap();
    symlink(&victim, dir.join("b.yaml")).unwrap();
    symlink(dir.join("nothing"), dir.join("c.yaml")).unwrap();
    for name in ["b.yaml", "c.yaml"] {
        let e = create(&dir.join(name), b"new").unwrap_err();
        assert!(matches!(e, Error::AlreadyExists { .. }), "{e}");
    }
    assert_eq!(std::fs::read(&victim).unwrap(), b"mine");
    assert!(!dir.join("nothing").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn hand_written_files_are_only_replaced_with_force() {
    let dir = scratch("output");
    let mine = dir.join("2025.yaml");
    std::fs::write(&mine, b"ties: 1").unwrap();
    assert!(matches!(
        write_output(&mine, b"report", false),
        Err(Error::WouldReplace { .. })
    ));
    assert_eq!(std::fs::read(&mine).unwrap(), b"ties: 1");
    write_output(&mine, b"report", true).unwrap();
    let report = dir.join("report.html");
    write_output(&report, b"one", false).unwrap();
    write_output(&report, b"two", false).unwrap();
    assert_eq!(std::fs::read(&report).unwrap(), b"two");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Unix only: the earlier names are made as links, which Windows lets only administrators make.
#[cfg(unix)]
#[test]
fn temporary_files_are_new_unguessable_and_never_links() {
    let dir = scratch("temporary");
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, b"mine").unwrap();
    // The names earlier versions used, made in advance by someone who can write to the folder.
    let report = dir.join("report.html");
    for name in [
        format!(".report.html.ties-{}.tmp", std::process::id()),
        ".report.html.tmp".to_string(),
    ] {
        symlink(&victim, dir.join(name)).unwrap();
    }
    // A temporary file left by a run that was stopped.
    std::fs::write(dir.join(".report.html.ties-0000000000000000.tmp"), b"old").unwrap();
    let before = names(&dir);
    for i in 0..50 {
        write_output(&report, format!("report {i}").as_bytes(), false).unwrap();
    }
    assert_eq!(std::fs::read(&victim).unwrap(), b"mine");
    assert_eq!(std::fs::read(&report).unwrap(), b"report 49");
    let mut after = before.clone();
    after.push("report.html".to_string());
    after.sort();
    assert_eq!(names(&dir), after, "nothing added but the output");
    // Two temporary names are never the same.
    let (a, fa) = create_temporary(&report).unwrap();
    let (b, fb) = create_temporary(&report).unwrap();
    assert_ne!(a, b);
    drop((fa, fb));
    let long = dir.join(format!("{}.html", "é".repeat(120)));
    write_output(&long, b"a long name", false).unwrap();
    assert_eq!(std::fs::read(&long).unwrap(), b"a long name");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Unix only: making a link on Windows needs an administrator.
#[cfg(unix)]
#[test]
fn a_link_given_as_the_output_is_replaced_not_written_through() {
    let dir = scratch("link");
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, b"mine").unwrap();
    let out = dir.join("report.html");
    symlink(&victim, &out).unwrap();
    write_output(&out, b"report", false).unwrap();
    assert_eq!(std::fs::read(&victim).unwrap(), b"mine");
    assert!(!std::fs::symlink_metadata(&out).unwrap().is_symlink());
    assert_eq!(std::fs::read(&out).unwrap(), b"report");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Unix only: named pipes made with `mkfifo`, `/dev` and `/proc`.
#[cfg(unix)]
#[test]
fn pipes_and_devices_are_written_straight_to() {
    let dir = scratch("stream");
    let fifo = dir.join("report.html");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    write_output(&fifo, b"through the pipe", false).unwrap();
    assert_eq!(reader.join().unwrap(), b"through the pipe");
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the pipe is still a pipe");
    assert_eq!(names(&dir), ["report.html"]);
    // Devices and the process's own streams are written to, never replaced. (Only looked at
    // here: a test that wrote to the system's `/dev/null` and failed would break the machine.)
    for device in ["/dev/null", "/dev/stdout", "/dev/stderr", "/proc/self/fd/2"] {
        assert_eq!(
            target(Path::new(device)).unwrap(),
            Target::Stream,
            "{device}"
        );
    }
    assert!(
        std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn folders_and_other_things_are_refused_with_a_message() {
    let dir = scratch("refused");
    let e = write_output(&dir, b"x", false).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "{} is a folder, which ties does not write to: give the name of a file with -o",
            dir.display()
        )
    );
    // Making a link needs an administrator on Windows.
    #[cfg(unix)]
    {
        let link = dir.join("out.html");
        symlink(&dir, &link).unwrap();
        let e = write_output(&link, b"x", false).unwrap_err();
        assert!(e.to_string().contains("is a link to a folder"), "{e}");
        assert_eq!(names(&dir), ["out.html"]);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn many_outputs_leave_nothing_but_the_output() {
    let dir = scratch("many");
    let report = dir.join("report.html");
    for i in 0..20 {
        write_output(&report, format!("report {i}").as_bytes(), false).unwrap();
    }
    assert_eq!(std::fs::read(&report).unwrap(), b"report 19");
    let long = dir.join(format!("{}.html", "é".repeat(120)));
    write_output(&long, b"a long name", false).unwrap();
    assert_eq!(std::fs::read(&long).unwrap(), b"a long name");
    assert_eq!(names(&dir).len(), 2, "{:?}", names(&dir));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Windows' devices: `NUL` is written to (and is still the device afterwards), a device's name
/// with an extension is refused for outputs and for new files alike, in any case.
#[cfg(windows)]
#[test]
fn windows_device_names_are_written_to_or_refused() {
    let dir = scratch("devices");
    assert_eq!(target(Path::new("NUL")).unwrap(), Target::Stream);
    assert_eq!(target(&dir.join("nul")).unwrap(), Target::Stream);
    write_output(Path::new("NUL"), b"to nowhere", false).unwrap();
    write_output(&dir.join("NUL"), b"to nowhere", false).unwrap();
    for name in ["CON.yaml", "aux.md", "Com1.csv", "lpt2 .html"] {
        let path = dir.join(name);
        let e = write_output(&path, b"x", true).unwrap_err();
        assert!(
            e.to_string()
                .contains("is a name Windows keeps for a device"),
            "{e}"
        );
        let e = create(&path, b"x").unwrap_err();
        assert!(e.to_string().contains("keeps for a device"), "{e}");
        let e = create_or_force(&path, b"x", true).unwrap_err();
        assert!(e.to_string().contains("keeps for a device"), "{e}");
    }
    let e = create(Path::new("NUL"), b"x").unwrap_err();
    assert!(e.to_string().contains("NUL is a device"), "{e}");
    let e = write_output(Path::new(r"\\.\PhysicalDrive0"), b"x", false).unwrap_err();
    assert!(e.to_string().contains("space of devices"), "{e}");
    assert!(names(&dir).is_empty(), "{:?}", names(&dir));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// On Windows an output is replaced by a rename too, under a name with a space and a Welsh
/// letter, and leaves no temporary file.
#[cfg(windows)]
#[test]
fn windows_replaces_an_output_in_one_step() {
    let dir = scratch("windows-replace");
    let report = dir.join("Adroddiad Siân.html");
    write_output(&report, b"one", false).unwrap();
    write_output(&report, b"two", false).unwrap();
    assert_eq!(std::fs::read(&report).unwrap(), b"two");
    assert_eq!(names(&dir), ["Adroddiad Siân.html"]);
    std::fs::remove_dir_all(&dir).unwrap();
}
