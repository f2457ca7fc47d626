//! `cargo xtask page`: the web page, `ties.html`: ties compiled to WebAssembly (compressed with
//! gzip, as base64), with the page's HTML, styles and glue (`web/`), in one file that opens from
//! a double-click and needs nothing else.

use std::path::{Path, PathBuf};

/// Builds the page into `target/page/ties.html` (or the file given with `--out FILE`).
pub fn page(root: &Path, extra: &[String]) -> Result<(), String> {
    let out = match extra {
        [] => target_dir(root).join("page").join("ties.html"),
        [flag, file] if flag == "--out" => PathBuf::from(file),
        _ => return Err("give no arguments, or --out FILE".into()),
    };
    crate::run(
        root,
        "cargo",
        &[
            "build",
            "--release",
            "--package",
            "ties-web",
            "--lib",
            "--target",
            "wasm32-unknown-unknown",
        ],
        &[],
    )?;
    let wasm_path = target_dir(root).join("wasm32-unknown-unknown/release/ties_web.wasm");
    let wasm = std::fs::read(&wasm_path)
        .map_err(|e| format!("could not read {}: {e}", wasm_path.display()))?;
    let read = |name: &str| {
        std::fs::read_to_string(root.join("web").join(name))
            .map_err(|e| format!("could not read web/{name}: {e}"))
    };
    let html = read("page.html")?
        .replace("/*STYLE*/", read("page.css")?.trim_end())
        .replace("/*SCRIPT*/", read("page.js")?.trim_end())
        .replace("/*WASM*/", &base64(&gzip(&wasm)?));
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("could not make {}: {e}", dir.display()))?;
    }
    std::fs::write(&out, &html).map_err(|e| format!("could not write {}: {e}", out.display()))?;
    eprintln!(
        "Wrote {} ({:.1} MB; ties as WebAssembly {:.1} MB).",
        out.display(),
        html.len() as f64 / 1e6,
        wasm.len() as f64 / 1e6
    );
    Ok(())
}

/// Where cargo builds: `CARGO_TARGET_DIR`, or `target` in the project.
pub fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
}

/// `bytes` compressed with gzip, which the browser undoes with its own `DecompressionStream`.
fn gzip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder
        .write_all(bytes)
        .and_then(|()| encoder.finish())
        .map_err(|e| format!("could not compress ties: {e}"))
}

/// Standard base64 (RFC 4648), with padding.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::base64;

    #[test]
    fn base64_as_rfc_4648_gives_it() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}
