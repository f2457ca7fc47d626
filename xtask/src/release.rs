//! `cargo xtask release [OUT-DIR]`: the files a person without Rust can take, from one command.
//!
//! - `ties-VERSION-x86_64-pc-windows-gnu.zip`: `ties.exe`, the README, the licence and the
//!   example estate (`assessments/`), in a folder of the same name;
//! - `ties-VERSION-x86_64-unknown-linux-musl.tar.gz`: one static `ties` that runs on any Linux,
//!   with the same README, licence and examples;
//! - `ties.html`, the web page (`cargo xtask page`);
//! - `SHA256SUMS` (for `sha256sum -c`) and `SIZES`, beside them; both are printed too.
//!
//! Both binaries are built with the `dist` profile, the release profile with link-time
//! optimisation, one code generation unit and no symbols (see Cargo.toml). The Windows one is
//! cross-compiled with mingw-w64
//! (Debian's `mingw-w64`); the Linux one for musl, which Rust brings its own C library for, so it
//! depends on nothing on the machine that runs it. Each has libdeflate, the C code that unpacks
//! workbooks, compiled in by that system's C compiler (`musl-gcc`, from Debian's `musl-tools`, for
//! the Linux one). The archives are made with `zip` and GNU
//! `tar` and `gzip`, their files sorted and dated at the commit's time, so the same commit gives
//! the same archives. Before it finishes, the task runs the Linux binary with an empty
//! environment in a fresh folder and checks it has no dynamic loader.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::run;

/// The two systems a release is built for, by Rust's names for them.
const WINDOWS: &str = "x86_64-pc-windows-gnu";
const LINUX: &str = "x86_64-unknown-linux-musl";

pub fn release(root: &Path, extra: &[String]) -> Result<(), String> {
    let out = match extra {
        [] => target_dir(root).join("release-files"),
        [out] => root.join(out),
        _ => return Err("give at most one folder: cargo xtask release [OUT-DIR]".into()),
    };
    for tool in [
        "zip",
        "tar",
        "gzip",
        "sha256sum",
        "x86_64-w64-mingw32-gcc",
        "musl-gcc",
    ] {
        if !on_path(tool) {
            return Err(format!(
                "`{tool}` is needed and was not found (on Debian: apt-get install zip mingw-w64 musl-tools)"
            ));
        }
    }
    let version = package_version(root)?;
    let commit = output(root, "git", &["rev-parse", "--short=12", "HEAD"])?;
    let time = output(root, "git", &["log", "-1", "--format=%ct"])?;
    if !output(
        root,
        "git",
        &["status", "--porcelain", "--untracked-files=no"],
    )?
    .is_empty()
    {
        eprintln!(
            "xtask release: WARNING: the checkout has changes not committed; the files are \
             built from them but say commit {commit}"
        );
    }

    for target in [WINDOWS, LINUX] {
        run(
            root,
            "cargo",
            &[
                "build",
                "--profile",
                "dist",
                "--locked",
                "--bin",
                "ties",
                "--target",
                target,
            ],
            &[],
        )?;
    }

    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).map_err(|e| format!("could not make {}: {e}", out.display()))?;
    let built = |target: &str, name: &str| target_dir(root).join(target).join("dist").join(name);

    let windows = format!("ties-{version}-{WINDOWS}");
    stage(
        root,
        &out.join(&windows),
        &built(WINDOWS, "ties.exe"),
        "ties.exe",
    )?;
    let linux = format!("ties-{version}-{LINUX}");
    let linux_binary = built(LINUX, "ties");
    check_static(&linux_binary)?;
    stage(root, &out.join(&linux), &linux_binary, "ties")?;
    for folder in [&windows, &linux] {
        run(
            &out,
            "find",
            &[
                folder,
                "-exec",
                "touch",
                "-h",
                "-d",
                &format!("@{time}"),
                "{}",
                "+",
            ],
            &[],
        )?;
    }

    let zip = format!("{windows}.zip");
    let files = sorted_files(&out, Path::new(&windows))?;
    let listed = files.join("\n") + "\n";
    pipe_in(&out, "zip", &["-X", "-9", "-q", &zip, "-@"], &listed)?;
    let tar = format!("{linux}.tar.gz");
    run(
        &out,
        "sh",
        &[
            "-c",
            "tar --sort=name --owner=0 --group=0 --numeric-owner --format=gnu -cf - \"$1\" | gzip -n -9 > \"$2\"",
            "sh",
            &linux,
            &tar,
        ],
        &[],
    )?;

    try_linux_binary(&out.join(&linux).join("ties"), &commit)?;
    for folder in [&windows, &linux] {
        std::fs::remove_dir_all(out.join(folder))
            .map_err(|e| format!("could not remove {folder}: {e}"))?;
    }

    // The web page, beside the two archives.
    let page = "ties.html".to_string();
    crate::page::page(
        root,
        &["--out".to_string(), out.join(&page).display().to_string()],
    )?;

    let sums = output(&out, "sha256sum", &[&zip, &tar, &page])? + "\n";
    write(&out.join("SHA256SUMS"), &sums)?;
    let mut sizes = String::new();
    for name in [&zip, &tar, &page] {
        let bytes = std::fs::metadata(out.join(name))
            .map_err(|e| format!("{name}: {e}"))?
            .len();
        sizes.push_str(&format!(
            "{bytes:>10} bytes  {:>6.2} MB  {name}\n",
            bytes as f64 / 1_000_000.0
        ));
    }
    write(&out.join("SIZES"), &sizes)?;
    println!(
        "Release files of ties {version} (commit {commit}) in {}:\n",
        out.display()
    );
    println!("{sizes}\nSHA-256:\n{sums}");
    println!(
        "Not made: the web page. ties has no web page yet (its issue has not landed); when it \
         does, build it in xtask/src/release.rs beside these."
    );
    Ok(())
}

/// Cargo's target folder: `CARGO_TARGET_DIR` when it is set, otherwise `target/`.
fn target_dir(root: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => root.join(dir),
        _ => root.join("target"),
    }
}

/// The version in Cargo.toml's `[package]`.
fn package_version(root: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(root.join("Cargo.toml"))
        .map_err(|e| format!("could not read Cargo.toml: {e}"))?;
    let mut in_package = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_package = line == "[package]";
        } else if in_package && let Some(value) = line.strip_prefix("version") {
            let value = value.trim_start().trim_start_matches('=').trim();
            return Ok(value.trim_matches('"').to_string());
        }
    }
    Err("Cargo.toml has no version in [package]".into())
}

/// A folder holding the binary, the README, the licence and the example estate.
fn stage(root: &Path, folder: &Path, binary: &Path, name: &str) -> Result<(), String> {
    std::fs::create_dir_all(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    std::fs::copy(binary, folder.join(name))
        .map_err(|e| format!("could not copy {}: {e}", binary.display()))?;
    std::fs::copy(root.join("README.md"), folder.join("README.md"))
        .map_err(|e| format!("could not copy README.md: {e}"))?;
    std::fs::copy(root.join("LICENSE"), folder.join("LICENSE"))
        .map_err(|e| format!("could not copy LICENSE: {e}"))?;
    copy_folder(&root.join("assessments"), &folder.join("assessments"))
}

fn copy_folder(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    let entries = std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", from.display()))?;
        let (source, dest) = (entry.path(), to.join(entry.file_name()));
        if source.is_dir() {
            copy_folder(&source, &dest)?;
        } else {
            std::fs::copy(&source, &dest).map_err(|e| format!("{}: {e}", source.display()))?;
        }
    }
    Ok(())
}

/// The files under `folder` (relative to `base`), sorted, so the zip lists them in one order.
fn sorted_files(base: &Path, folder: &Path) -> Result<Vec<String>, String> {
    let mut files = Vec::new();
    let mut stack = vec![folder.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(base.join(&dir)).map_err(|e| format!("{e}"))?;
        for entry in entries {
            let path = dir.join(entry.map_err(|e| format!("{e}"))?.file_name());
            if base.join(&path).is_dir() {
                stack.push(path);
            } else {
                files.push(path.to_string_lossy().into_owned());
            }
        }
    }
    files.sort();
    Ok(files)
}

/// Refuses a Linux binary that asks for a dynamic loader (an ELF program header of type
/// `PT_INTERP`), which would not run on a Linux without the same C library.
fn check_static(binary: &Path) -> Result<(), String> {
    let bytes = std::fs::read(binary).map_err(|e| format!("{}: {e}", binary.display()))?;
    let word = |at: usize, n: usize| -> Result<u64, String> {
        let slice = bytes
            .get(at..at + n)
            .ok_or_else(|| format!("{} is not a whole ELF file", binary.display()))?;
        Ok(slice
            .iter()
            .rev()
            .fold(0u64, |acc, &b| (acc << 8) | u64::from(b)))
    };
    if bytes.get(..5) != Some(b"\x7fELF\x02") {
        return Err(format!("{} is not a 64-bit ELF file", binary.display()));
    }
    let (table, size, count) = (word(0x20, 8)?, word(0x36, 2)?, word(0x38, 2)?);
    for i in 0..count {
        if word((table + i * size) as usize, 4)? == 3 {
            return Err(format!(
                "{} asks for a dynamic loader: it would not run on every Linux",
                binary.display()
            ));
        }
    }
    Ok(())
}

/// Runs the Linux binary as someone who has just unpacked it would, with an empty environment
/// in a fresh folder: its version, the frameworks, and a report of an example written to a file.
fn try_linux_binary(binary: &Path, commit: &str) -> Result<(), String> {
    let fresh = std::env::temp_dir().join(format!("ties-release-try-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&fresh);
    std::fs::create_dir_all(&fresh).map_err(|e| format!("{}: {e}", fresh.display()))?;
    let example = binary
        .parent()
        .unwrap_or(Path::new("."))
        .join("assessments/hmp-harrowfield/2025.yaml");
    let runs: [&[&str]; 3] = [
        &["--version"],
        &["frameworks"],
        &[
            "report",
            &example.to_string_lossy(),
            "--format",
            "html",
            "-o",
            "report.html",
        ],
    ];
    let mut seen = Vec::new();
    for args in runs {
        let done = Command::new(binary)
            .args(args)
            .env_clear()
            .current_dir(&fresh)
            .output()
            .map_err(|e| format!("could not run {}: {e}", binary.display()))?;
        if !done.status.success() {
            return Err(format!(
                "`ties {}` with an empty environment failed: {}",
                args.join(" "),
                String::from_utf8_lossy(&done.stderr)
            ));
        }
        seen.push(String::from_utf8_lossy(&done.stdout).into_owned());
    }
    let report = std::fs::metadata(fresh.join("report.html")).map(|m| m.len());
    let _ = std::fs::remove_dir_all(&fresh);
    if !seen[0].contains(commit) || !seen[0].contains(LINUX) {
        return Err(format!(
            "`ties --version` says `{}`, not the commit and target",
            seen[0].trim()
        ));
    }
    match report {
        Ok(n) if n > 0 => {}
        _ => return Err("the report written with an empty environment is missing".into()),
    }
    eprintln!(
        "== the Linux binary ran with an empty environment in a fresh folder: {}",
        seen[0].trim()
    );
    Ok(())
}

fn on_path(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", "command -v \"$1\" >/dev/null", "sh", tool])
        .status()
        .is_ok_and(|s| s.success())
}

/// A program's standard output, trimmed; fails when the program does.
fn output(dir: &Path, program: &str, args: &[&str]) -> Result<String, String> {
    let done = Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|e| format!("could not start `{program}`: {e}"))?;
    if !done.status.success() {
        return Err(format!(
            "`{program} {}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&done.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&done.stdout).trim().to_string())
}

/// Runs a program with `input` on its standard input.
fn pipe_in(dir: &Path, program: &str, args: &[&str], input: &str) -> Result<(), String> {
    use std::io::Write;
    let mut child = Command::new(program)
        .args(args)
        .current_dir(dir)
        .stdin(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start `{program}`: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(input.as_bytes())
            .map_err(|e| format!("`{program}`: {e}"))?;
    }
    let status = child.wait().map_err(|e| format!("`{program}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed ({status})", args.join(" ")))
    }
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("could not write {}: {e}", path.display()))
}
