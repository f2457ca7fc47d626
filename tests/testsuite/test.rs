//! [`Test`]: the one way this suite runs `ties`.
//!
//! A `Test` names where `ties` runs (the project root, or a fresh scratch folder), its arguments,
//! the files to write before it runs and its standard input; `run()` runs the real binary once
//! and returns a [`Run`] holding the exit code, standard output and standard error. Whatever a
//! test expects, every run must also keep the promises every command makes:
//!
//! - it does not panic or print a Rust backtrace (`panicked`, `RUST_BACKTRACE`), on either stream;
//! - it is not stopped by a signal;
//! - it exits with a documented code: 0 (done), 1 (a problem in the input or the files) or 2 (a
//!   mistake on the command line).
//!
//! Runs are made alike whatever the terminal or shell that started `cargo test`: no
//! `RUST_BACKTRACE` or `RUST_LIB_BACKTRACE`, `NO_COLOR=1`, `COLUMNS=100`, and standard input
//! empty unless the test gives some. Paths in arguments are best relative to where `ties` runs,
//! so snapshots of the output are the same on every machine.

use std::collections::BTreeSet;
use std::ffi::{OsStr, OsString};
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Mutex, RwLock};
use std::time::{Duration, Instant};

/// The project root: where `ties` runs unless a test says otherwise, so the bundled examples and
/// `tests/fixtures/` are named by their paths in the project.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh, empty folder for one test: `target/tmp/testsuite/NAME`, under Cargo's scratch space
/// for integration tests. Each name may be used once in a run of the suite, so that two tests
/// running at the same time never share a folder.
pub fn scratch(name: &str) -> PathBuf {
    static TAKEN: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());
    let fresh = TAKEN
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(name.to_string());
    assert!(fresh, "two tests use the scratch folder `{name}`");
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("testsuite")
        .join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `ties` in the project root, requires exit code 0, and returns its standard output, which
/// must be UTF-8: the shorthand for tests that read what a command writes.
pub fn ok(args: &[&str]) -> String {
    Test::new().args(args).status(0).run().stdout_utf8()
}

/// The runs of `ties` in progress: each holds a share, except a run that is timed, which holds
/// it alone (see `Test::alone`).
static RUNNING: RwLock<()> = RwLock::new(());

/// The memory a run on a hostile input may take, whatever the input holds (see
/// `Test::memory_bound`): the hostile inputs of the suite are at most a few megabytes, and no
/// count, size or repetition written in them may make `ties` ask for more than this.
pub const HOSTILE_MEMORY_MB: u64 = 256;

/// One run of `ties` to make: where, with what, and what must come out.
#[must_use = "a Test does nothing until `run()`"]
pub struct Test {
    dir: PathBuf,
    /// Whether files may be written in `dir` (never in the project root).
    writable: bool,
    args: Vec<OsString>,
    files: Vec<(PathBuf, Vec<u8>)>,
    stdin: Option<Vec<u8>>,
    status: Option<i32>,
    stdout: Option<String>,
    stderr: Option<String>,
    alone: bool,
    exact: bool,
    memory: Option<u64>,
}

impl Default for Test {
    fn default() -> Test {
        Test::new()
    }
}

impl Test {
    /// A run in the project root.
    pub fn new() -> Test {
        Test::at(root(), false)
    }

    /// A run in a fresh, empty scratch folder (see [`scratch`]).
    pub fn in_scratch(name: &str) -> Test {
        Test::at(scratch(name), true)
    }

    /// A run in a folder the test made, for example a second run in the same scratch folder.
    pub fn in_dir(dir: impl AsRef<Path>) -> Test {
        Test::at(dir.as_ref().to_path_buf(), true)
    }

    fn at(dir: PathBuf, writable: bool) -> Test {
        Test {
            dir,
            writable,
            args: Vec::new(),
            files: Vec::new(),
            stdin: None,
            status: None,
            stdout: None,
            stderr: None,
            alone: false,
            exact: false,
            memory: None,
        }
    }

    /// The folder `ties` runs in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Test {
        self.args.push(arg.as_ref().to_os_string());
        self
    }

    pub fn args<I, S>(mut self, args: I) -> Test
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.args
            .extend(args.into_iter().map(|a| a.as_ref().to_os_string()));
        self
    }

    /// A file to write before the run, at `path` in the test's folder (folders are made as
    /// needed).
    pub fn file(mut self, path: impl AsRef<Path>, contents: impl AsRef<[u8]>) -> Test {
        assert!(
            self.writable,
            "a test cannot write files in the project root: use Test::in_scratch"
        );
        self.files
            .push((path.as_ref().to_path_buf(), contents.as_ref().to_vec()));
        self
    }

    /// What `ties` reads on standard input (by default, nothing: it is closed).
    pub fn stdin(mut self, input: impl AsRef<[u8]>) -> Test {
        self.stdin = Some(input.as_ref().to_vec());
        self
    }

    /// The exit code the run must have.
    pub fn status(mut self, code: i32) -> Test {
        self.status = Some(code);
        self
    }

    /// The whole of standard output.
    pub fn stdout(mut self, text: impl Into<String>) -> Test {
        self.stdout = Some(text.into());
        self
    }

    /// The whole of standard error.
    pub fn stderr(mut self, text: impl Into<String>) -> Test {
        self.stderr = Some(text.into());
        self
    }

    /// Runs `ties` while no other run of this suite is in progress, for a run whose time is
    /// measured (`Run::elapsed`): the tests run side by side, and a run of `ties compare` on every
    /// core would otherwise be timed with it.
    pub fn alone(mut self) -> Test {
        self.alone = true;
        self
    }

    /// Runs `ties` with at most `megabytes` of memory (address space, as the system counts it:
    /// a run of `ties compare` on the bundled examples needs about 100 MB of it, mostly its
    /// threads' room). Past it, an allocation fails and `ties` stops, which fails the test as any
    /// abort does. On Unix only (`ulimit -v`); elsewhere the run is as usual.
    pub fn memory_bound(mut self, megabytes: u64) -> Test {
        self.memory = Some(megabytes);
        self
    }

    /// Keeps the output as `ties` wrote it: on Windows, paths with `\` too (see [`as_on_unix`]).
    pub fn exact(mut self) -> Test {
        self.exact = true;
        self
    }

    /// Writes the files, runs `ties` once, and checks the promises every run keeps, then what
    /// this test expects; any failure shows the whole run.
    pub fn run(self) -> Run {
        for (path, contents) in &self.files {
            let path = self.dir.join(path);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).unwrap();
            }
            std::fs::write(&path, contents)
                .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        }
        let mut command = match self.memory {
            Some(megabytes) if cfg!(unix) => {
                let mut sh = Command::new("sh");
                sh.args(["-c", r#"ulimit -v "$TIES_TEST_KB" && exec "$0" "$@""#])
                    .arg(env!("CARGO_BIN_EXE_ties"))
                    .env("TIES_TEST_KB", (megabytes * 1024).to_string());
                sh
            }
            _ => Command::new(env!("CARGO_BIN_EXE_ties")),
        };
        command
            .args(&self.args)
            .current_dir(&self.dir)
            .env_remove("RUST_BACKTRACE")
            .env_remove("RUST_LIB_BACKTRACE")
            .env("NO_COLOR", "1")
            .env("COLUMNS", "100")
            .stdin(if self.stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let (out, elapsed) = {
            let (_shared, _alone);
            if self.alone {
                _alone = RUNNING.write().unwrap_or_else(|e| e.into_inner());
            } else {
                _shared = RUNNING.read().unwrap_or_else(|e| e.into_inner());
            }
            let attempt = |command: &mut Command| -> std::io::Result<_> {
                let started = Instant::now();
                let mut child = command.spawn()?;
                // Written from a thread, so a large input cannot block while `ties` fills its
                // output.
                let writer = self.stdin.clone().map(|input| {
                    let mut pipe = child.stdin.take().unwrap();
                    std::thread::spawn(move || {
                        // `ties` may exit without reading all of it: not the test's concern.
                        let _ = pipe.write_all(&input);
                    })
                });
                let out = child.wait_with_output()?;
                if let Some(writer) = writer {
                    writer.join().unwrap();
                }
                Ok((out, started.elapsed()))
            };
            // Under Wine on a busy machine, starting a program now and then fails before it
            // runs: an error from the system ("Internal error"), or exit code 1 with nothing
            // written, which `ties` never does (it exits 1 only having said what is wrong).
            // There, the run is made again, up to twice; on Linux never.
            let tries = if cfg!(windows) { 3 } else { 1 };
            let mut result = attempt(&mut command);
            for _ in 1..tries {
                let failed_to_start = match &result {
                    Err(_) => true,
                    Ok((out, _)) => {
                        out.status.code() == Some(1)
                            && out.stdout.is_empty()
                            && out.stderr.is_empty()
                    }
                };
                if !failed_to_start {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(200));
                result = attempt(&mut command);
            }
            result.unwrap_or_else(|e| panic!("cannot run ties: {e}"))
        };
        let (mut stdout, mut stderr, mut stdout_bytes) = (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
            out.stdout,
        );
        if cfg!(windows) && !self.exact {
            stdout = as_on_unix(&stdout);
            stderr = as_on_unix(&stderr);
            if let Ok(text) = std::str::from_utf8(&stdout_bytes) {
                stdout_bytes = as_on_unix(text).into_bytes();
            }
        }
        let run = Run {
            args: self
                .args
                .iter()
                .map(|a| a.to_string_lossy().into_owned())
                .collect(),
            code: out.status.code().unwrap_or(-1),
            stdout,
            stderr,
            stdout_bytes,
            elapsed,
        };
        let all = run.output();
        assert!(
            !all.contains("panicked") && !all.contains("RUST_BACKTRACE"),
            "ties panicked:\n{run}"
        );
        assert!(
            out.status.code().is_some(),
            "ties was stopped by a signal:\n{run}"
        );
        assert!(
            [0, 1, 2].contains(&run.code),
            "ties exited with an undocumented code:\n{run}"
        );
        if let Some(code) = self.status {
            assert_eq!(run.code, code, "expected exit code {code}:\n{run}");
        }
        if let Some(stdout) = &self.stdout {
            assert_eq!(&run.stdout, stdout, "standard output differs:\n{run}");
        }
        if let Some(stderr) = &self.stderr {
            assert_eq!(&run.stderr, stderr, "standard error differs:\n{run}");
        }
        run
    }
}

/// The one difference of `ties.exe`'s output on purpose: a path it found in a folder is joined
/// with Windows' separator, `\` (`assessments\hmp-a\2025.yaml`), where Linux has `/`. On
/// Windows, the suite reads every output with `/` in such paths, so its expectations and
/// snapshots hold on both. A path is a word (between spaces, quotes, backquotes and brackets)
/// with a `/` or a file's extension in it; a `\` (or `\\` in JSON) is turned into `/` only
/// between two characters of a name. In JSON (a text that begins with `{` or `[`), a single `\`
/// starts an escape (`\n` in `advice/engagement\nworker`) and is left alone. In HTML (a text
/// that begins with `<!DOCTYPE html>`), where a `/` of a text is written `&#x2f;`, it becomes that.
/// `tests/windows/compare-outputs` uses the same rule.
pub fn as_on_unix(text: &str) -> String {
    // `.xls` and `.doc` stand for `.xlsx`, `.xlsm`, `.xlsb` and `.docx` too: the other formats
    // a folder may hold, which `ties` names and leaves out.
    const EXTENSIONS: [&str; 12] = [
        ".yaml", ".yml", ".toml", ".xls", ".html", ".md", ".csv", ".json", ".ods", ".numbers",
        ".doc", ".odt",
    ];
    let name = |c: char| c.is_alphanumeric() || matches!(c, '_' | '.' | '-');
    let json = text.trim_start().starts_with(['{', '[']);
    let html = text.starts_with("<!DOCTYPE html>");
    let path = |word: &str| -> String {
        if !word.contains('\\')
            || !(word.contains('/') || EXTENSIONS.iter().any(|e| word.contains(e)))
        {
            return word.to_string();
        }
        let chars: Vec<char> = word.chars().collect();
        let mut out = String::new();
        let mut i = 0;
        while i < chars.len() {
            if chars[i] == '\\' {
                let doubled = chars.get(i + 1) == Some(&'\\');
                let next = if doubled { i + 2 } else { i + 1 };
                let before = out.chars().last().is_some_and(name);
                if before && (doubled || !json) && chars.get(next).is_some_and(|&c| name(c)) {
                    out.push_str(if html { "&#x2f;" } else { "/" });
                    i = next;
                    continue;
                }
            }
            out.push(chars[i]);
            i += 1;
        }
        out
    };
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    for c in text.chars() {
        if c.is_whitespace() || "`\"',()[]<>|".contains(c) {
            out.push_str(&path(&word));
            word.clear();
            out.push(c);
        } else {
            word.push(c);
        }
    }
    out.push_str(&path(&word));
    out
}

#[test]
fn windows_paths_read_as_on_unix() {
    assert_eq!(
        as_on_unix(" --> .\\hmp-m\\2025.yaml:5:14\nWrote assessments\\hmp-example\\2025.yaml."),
        " --> ./hmp-m/2025.yaml:5:14\nWrote assessments/hmp-example/2025.yaml."
    );
    assert_eq!(
        as_on_unix("{\"file\": \"assessments\\\\hmp-a\\\\2025.yaml\"}"),
        "{\"file\": \"assessments/hmp-a/2025.yaml\"}"
    );
    // Backslashes that are not in a path are left alone.
    for text in ["`a\\tb`", "C:\\", "\\u{202e} in name.yaml", "x\\y"] {
        assert_eq!(as_on_unix(text), text);
    }
    // In JSON, an escape in a text with a `/` in it is not a path.
    let json = "{\"description\": \"family advice/engagement\\nworker\"}";
    assert_eq!(as_on_unix(json), json);
    assert_eq!(
        as_on_unix(" --> estate\\notes\\answers.docx"),
        " --> estate/notes/answers.docx"
    );
    // In HTML, as the Linux build escapes a `/`.
    assert_eq!(
        as_on_unix("<!DOCTYPE html>\n<li>estate&#x2f;hmp-a\\2025.yaml</li>"),
        "<!DOCTYPE html>\n<li>estate&#x2f;hmp-a&#x2f;2025.yaml</li>"
    );
}

/// One run of `ties`, as a user would meet it. Shown (`{run}`) as the command, the exit code and
/// both streams: the form of the snapshots.
pub struct Run {
    pub args: Vec<String>,
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    /// Standard output as written, for output that must be exactly UTF-8 (see `stdout_utf8`).
    pub stdout_bytes: Vec<u8>,
    /// From start to exit.
    pub elapsed: Duration,
}

impl Run {
    /// Everything printed, stdout then stderr.
    pub fn output(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }

    /// Standard output, failing the test unless it is valid UTF-8.
    pub fn stdout_utf8(&self) -> String {
        String::from_utf8(self.stdout_bytes.clone())
            .unwrap_or_else(|e| panic!("standard output is not UTF-8 ({e}):\n{self}"))
    }
}

impl fmt::Display for Run {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let args: Vec<String> = self
            .args
            .iter()
            .map(|a| {
                if a.contains(' ') {
                    format!("\"{a}\"")
                } else {
                    a.clone()
                }
            })
            .collect();
        writeln!(f, "$ ties {}", args.join(" "))?;
        writeln!(f, "exit code: {}", self.code)?;
        for (name, text) in [("stdout", &self.stdout), ("stderr", &self.stderr)] {
            if text.is_empty() {
                writeln!(f, "--- {name}: (empty)")?;
            } else {
                writeln!(f, "--- {name}:")?;
                f.write_str(text)?;
                if !text.ends_with('\n') {
                    writeln!(f, "\n(no newline at end)")?;
                }
            }
        }
        Ok(())
    }
}

/// The run as one quoted string, so control characters in the output are visible.
impl fmt::Debug for Run {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{:?}", self.to_string())
    }
}

/// The builder itself: files land where `ties` runs, standard input is given, and what a test
/// expects is asserted.
mod tests {
    use super::{Test, root};

    #[test]
    fn files_are_written_in_a_fresh_folder_where_ties_runs() {
        let mini = std::fs::read(root().join("tests/fixtures/frameworks/mini.yaml")).unwrap();
        let test = Test::in_scratch("builder-files").file("our/frameworks/mini.yaml", &mini);
        let dir = test.dir().to_path_buf();
        test.args(["check", "our/frameworks/mini.yaml"])
            .status(0)
            .stdout("No problems found in 1 file.\n")
            .stderr("")
            .run();
        assert_eq!(
            std::fs::read(dir.join("our/frameworks/mini.yaml")).unwrap(),
            mini
        );
    }

    /// `ties` never waits for standard input: given some, a command runs as without it.
    #[test]
    fn standard_input_is_given_and_not_waited_for() {
        let without = Test::new().arg("frameworks").status(0).run();
        let with = Test::new()
            .arg("frameworks")
            .stdin("y\n".repeat(100_000))
            .status(0)
            .run();
        assert_eq!(with.stdout, without.stdout);
    }

    #[test]
    #[should_panic(expected = "expected exit code 1")]
    fn a_wrong_exit_code_fails_the_test() {
        Test::new().arg("frameworks").status(1).run();
    }

    #[test]
    #[should_panic(expected = "standard error differs")]
    fn unexpected_output_fails_the_test() {
        Test::new().arg("frameworks").stderr("something").run();
    }

    #[test]
    #[should_panic(expected = "cannot write files in the project root")]
    fn files_are_never_written_in_the_project_root() {
        let _ = Test::new().file("stray.yaml", "ties: 1\n");
    }
}

/// The bound is real: a run that needs more memory than it is given is stopped (the allocation
/// that fails says so), and the test fails.
#[cfg(unix)]
#[test]
#[should_panic(expected = "memory allocation of")]
fn a_run_past_its_memory_bound_fails_the_test() {
    Test::new()
        .args([
            "compare",
            "assessments",
            "--format",
            "csv",
            "--table",
            "items",
        ])
        .memory_bound(40)
        .run();
}
