//! Hostile input, second round: each kind the review found, tried in several ways through the
//! real binary. The unit tests beside the code try each rule on its own; the corpus
//! (`corpus/`) keeps one file per refused mistake.
//!
//! - `characters`: control characters made by escapes, and characters that cannot be seen or
//!   that turn text around, in names;
//! - `outputs`: `-o` to a pipe, a device, a folder or a link, and temporary files;
//! - `listing`: inputs that are not regular files (named pipes, devices) and links in folders;
//! - `templates`: a user's template that writes or builds without end;
//! - `links`: a framework's source address and Markdown links that reports leave out;
//! - `workbook`: the estate's workbook with text over a spreadsheet cell's limit;
//! - `folders` (third round): other formats in a folder, a damaged file among good ones, two
//!   files for one year, messages that list values from the file, batches, and file identity.

mod characters;
mod folders;
mod links;
// Unix only: named pipes (made with mkfifo), device files (/dev/null, /dev/zero, /dev/stdout)
// and links, which Windows does not have in folders or lets only administrators make. Windows'
// own devices (NUL, CON.yaml) are tested in `windows.rs`.
#[cfg(unix)]
mod listing;
#[cfg(unix)]
mod outputs;
mod templates;
mod workbook;

/// An example self-assessment, to change one thing in.
pub fn example() -> String {
    std::fs::read_to_string(crate::root().join("assessments/hmp-harrowfield/2025.yaml")).unwrap()
}

/// Makes a named pipe.
#[cfg(unix)]
pub fn mkfifo(path: &std::path::Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(made.success(), "mkfifo {}", path.display());
}

/// Keeps a test from waiting for ever on a named pipe that `ties` opened by mistake: after
/// `seconds`, opens the pipe for writing and closes it, so whoever reads it sees its end and the
/// test can fail on what it sees. Dropping the guard stops it.
#[cfg(unix)]
pub struct Unblock {
    done: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

#[cfg(unix)]
impl Unblock {
    pub fn after(pipe: &std::path::Path, seconds: u64) -> Unblock {
        use std::os::unix::fs::OpenOptionsExt;
        use std::sync::atomic::Ordering;
        let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (flag, pipe) = (done.clone(), pipe.to_path_buf());
        std::thread::spawn(move || {
            let until = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
            while std::time::Instant::now() < until {
                if flag.load(Ordering::Relaxed) {
                    return;
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            // O_NONBLOCK (Linux): opening for writing fails at once while no one reads.
            while !flag.load(Ordering::Relaxed) {
                let opened = std::fs::OpenOptions::new()
                    .write(true)
                    .custom_flags(0o4000)
                    .open(&pipe);
                if opened.is_ok() {
                    return;
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
        });
        Unblock { done }
    }
}

#[cfg(unix)]
impl Drop for Unblock {
    fn drop(&mut self) {
        self.done.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}
