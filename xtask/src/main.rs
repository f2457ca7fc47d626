//! The project's tasks, run as `cargo xtask NAME` from anywhere in the project.
//!
//! Each task is a short list of the commands a maintainer would otherwise type, so that the
//! way to test, check and build `ties` is written down once. `cargo xtask` alone lists them.

mod page;
mod release;

use std::env;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// A task: its name, what it does in a line, and the function that runs it with its arguments.
struct Task {
    name: &'static str,
    about: &'static str,
    run: fn(&Path, &[String]) -> Result<(), String>,
}

const TASKS: &[Task] = &[
    Task {
        name: "test",
        about: "the README's test command: cargo test (extra arguments go to cargo test)",
        run: test,
    },
    Task {
        name: "ci",
        about: "everything CI runs (.ci/run): formatting, lints, tests, the browser and spreadsheet checks",
        run: ci,
    },
    Task {
        name: "lint",
        about: "cargo fmt --check and cargo clippy with warnings as errors, as CI runs them",
        run: lint,
    },
    Task {
        name: "bench",
        about: "the benchmarks of BENCHMARKS.md: cargo bench, then the whole-process scripts in benches/",
        run: bench,
    },
    Task {
        name: "page",
        about: "the web page, ties.html (ties as WebAssembly), into target/page/ (or --out FILE)",
        run: page::page,
    },
    Task {
        name: "render-all",
        about: "every output of the examples into a folder, to compare two builds: render-all OUT-DIR",
        run: render_all,
    },
    Task {
        name: "release",
        about: "the files to download: the Windows zip and the Linux archive, with sizes and SHA-256 sums: release [OUT-DIR]",
        run: release::release,
    },
];

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let root = project_root();
    let Some(name) = args.first() else {
        print_tasks();
        return ExitCode::SUCCESS;
    };
    let Some(task) = TASKS.iter().find(|t| t.name == name) else {
        eprintln!("xtask: there is no task called `{name}`.");
        print_tasks();
        return ExitCode::from(2);
    };
    match (task.run)(&root, &args[1..]) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask {name}: {message}");
            ExitCode::FAILURE
        }
    }
}

fn print_tasks() {
    println!("Usage: cargo xtask TASK [ARGUMENTS]\n\nTasks:");
    for task in TASKS {
        println!("  {:<12} {}", task.name, task.about);
    }
}

/// The project's root: the folder above this crate's own.
fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in a folder of the project")
        .to_path_buf()
}

/// Runs a program in the project's root and fails, naming it, when it fails.
fn run(root: &Path, program: &str, args: &[&str], extra: &[String]) -> Result<(), String> {
    let shown = std::iter::once(program.to_string())
        .chain(args.iter().map(|a| a.to_string()))
        .chain(extra.iter().cloned())
        .collect::<Vec<_>>()
        .join(" ");
    eprintln!("== {shown}");
    let status = Command::new(program)
        .args(args)
        .args(extra)
        .current_dir(root)
        .status()
        .map_err(|e| format!("could not start `{program}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

fn test(root: &Path, extra: &[String]) -> Result<(), String> {
    run(root, "cargo", &["test"], extra)
}

fn ci(root: &Path, extra: &[String]) -> Result<(), String> {
    run(root, "bash", &[".ci/run"], extra)
}

fn lint(root: &Path, extra: &[String]) -> Result<(), String> {
    run(root, "cargo", &["fmt", "--all", "--", "--check"], &[])?;
    run(
        root,
        "cargo",
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
        extra,
    )
}

fn bench(root: &Path, extra: &[String]) -> Result<(), String> {
    run(root, "cargo", &["bench", "--bench", "stages"], extra)?;
    run(root, "bash", &["benches/compare-with-python.sh"], &[])?;
    run(root, "bash", &["benches/limits.sh"], &[])
}

fn render_all(root: &Path, extra: &[String]) -> Result<(), String> {
    let [out] = extra else {
        return Err("give the folder to render into: cargo xtask render-all OUT-DIR".into());
    };
    run(root, "cargo", &["build", "--release", "--bin", "ties"], &[])?;
    run(
        root,
        "bash",
        &["tests/outputs/render-all", "target/release/ties"],
        std::slice::from_ref(out),
    )
}
