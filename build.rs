//! Tells `ties --version` the commit it was built from and the system it was built for, so a
//! file someone was sent can be traced to its source: `ties 0.1.0 (commit 1a2b3c4d5e6f,
//! x86_64-pc-windows-gnu)`.
//!
//! The commit is Git's, when the source is a Git checkout with `git` at hand; `TIES_COMMIT` in
//! the environment gives it otherwise (for a build from an unpacked source archive), and
//! without either it is `unknown`.
//!
//! It also gives `ties.exe` the main thread's stack a Linux program has (see below).

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=TIES_COMMIT");
    let commit = std::env::var("TIES_COMMIT")
        .ok()
        .filter(|c| !c.is_empty())
        .or_else(git_commit)
        .unwrap_or_else(|| "unknown".to_string());
    let target = std::env::var("TARGET").unwrap_or_else(|_| "unknown".to_string());
    println!("cargo:rustc-env=TIES_COMMIT={commit}");
    println!("cargo:rustc-env=TIES_TARGET={target}");
    // Windows gives a program's main thread 1 MB of stack, where Linux gives 8: the deepest
    // files ties accepts (64 levels of nesting) need more in a debug build, so `ties.exe` asks
    // for Linux's 8 MB.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("windows") {
        match std::env::var("CARGO_CFG_TARGET_ENV").as_deref() {
            Ok("msvc") => println!("cargo:rustc-link-arg-bins=/STACK:8388608"),
            _ => println!("cargo:rustc-link-arg-bins=-Wl,--stack,8388608"),
        }
    }
}

/// The commit checked out, when this is a Git checkout; the build runs again when it changes.
fn git_commit() -> Option<String> {
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .and_then(|o| String::from_utf8(o.stdout).ok())
            .map(|s| s.trim().to_string())
    };
    // HEAD names the branch, and the branch's log changes with every commit on it (in a work
    // tree of its own, HEAD and its log are in the work tree's folder of Git's).
    if let Some(dir) = git(&["rev-parse", "--path-format=absolute", "--git-dir"]) {
        for file in ["HEAD", "logs/HEAD"] {
            let path = std::path::Path::new(&dir).join(file);
            if path.exists() {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
    }
    git(&["rev-parse", "--short=12", "HEAD"])
}
