//! No input makes `ties` panic: hundreds of damaged copies of real files, checked in one run.

use crate::{Test, root, scratch};

/// A small deterministic random number generator, so a failure can be reproduced.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Things people (and editors) put in the wrong place.
const DAMAGE: &[&str] = &[
    "\t",
    ":",
    ": ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    "\"",
    "'",
    "#",
    "\n",
    "  ",
    "&a ",
    "*a",
    "!",
    "|",
    ">",
    "---\n",
    "~",
    "null",
    "-1",
    "1e999",
    ".nan",
    "é",
    "\u{feff}",
    "?",
    ",",
    "%",
    "@",
    "`",
    "=",
    "[[",
    "]]",
    "\r",
    "\\",
    "中文",
    "0x1F",
    "2025-02-30",
    "\u{0}",
];

fn damage(text: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(chars.len() + 1);
        match rng.below(3) {
            0 => {
                let insert: Vec<char> = DAMAGE[rng.below(DAMAGE.len())].chars().collect();
                chars.splice(at..at, insert);
            }
            1 => {
                let end = (at + 1 + rng.below(30)).min(chars.len());
                chars.drain(at..end);
            }
            _ => {
                let end = (at + 1 + rng.below(80)).min(chars.len());
                let copy: Vec<char> = chars[at..end].to_vec();
                let to = rng.below(chars.len() + 1);
                chars.splice(to..to, copy);
            }
        }
    }
    chars.into_iter().collect()
}

#[test]
fn damaged_files_never_panic() {
    let mut sources = Vec::new();
    for dir in [
        "tests/fixtures/frameworks",
        "tests/fixtures/assessments",
        "tests/fixtures/broken-frameworks",
        "tests/fixtures/broken-assessments",
    ] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let ext = path.extension().unwrap().to_string_lossy().into_owned();
            sources.push((ext, text));
        }
    }
    // One bundled framework too, cut short: the longest real file.
    let sps = std::fs::read_to_string(root().join("frameworks/sps-family-strategy.yaml")).unwrap();
    sources.push(("yaml".into(), sps.chars().take(30_000).collect()));

    let dir = scratch("damaged");
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    for i in 0..800 {
        let (ext, text) = &sources[rng.below(sources.len())];
        std::fs::write(dir.join(format!("d{i:03}.{ext}")), damage(text, &mut rng)).unwrap();
    }
    // `Test::run` fails the test on any panic, backtrace or undocumented exit code.
    let run = Test::in_dir(&dir).args(["check", "."]).run();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains("in 800 files."),
        "{}",
        run.stdout.lines().last().unwrap_or("")
    );
    // Each command that reads an assessment, on some of them.
    for i in (0..800).step_by(40) {
        for ext in ["yaml", "toml"] {
            let name = format!("d{i:03}.{ext}");
            if dir.join(&name).exists() {
                Test::in_dir(&dir).args(["score", &name]).run();
                Test::in_dir(&dir)
                    .args(["score", &name, "--format", "json"])
                    .run();
                Test::in_dir(&dir)
                    .args(["report", &name, "--format", "html"])
                    .run();
            }
        }
    }
}
