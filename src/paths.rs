//! Paths as people meet them: written into a command they can copy, and the names Windows keeps
//! for its devices.
//!
//! A command `ties` suggests ("Check it at any time with: ties check …") must work when it is
//! pasted, in PowerShell (Windows' own shell) and in a Unix shell alike, whatever the path holds:
//! a space (`Hunanasesiad 2025`), an apostrophe (`HMP Women's`), a bracket. [`for_command`]
//! quotes a path that needs it in a way both shells read the same; a plain path is left as it is.
//! (The old Windows Command Prompt, `cmd.exe`, reads only double quotes, which are used whenever
//! the path allows.)

use std::borrow::Cow;
use std::path::{Component, Path, PathBuf};

/// Whether a character can stand in a command unquoted in PowerShell and in a Unix shell:
/// letters and digits of any alphabet (`Siân`), and `_ - . / \ : +`. Anything else (a space,
/// quotes, `$`, `&`, brackets, a comma, which PowerShell reads as a list) is quoted.
fn plain(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '/' | '\\' | ':' | '+')
}

/// A path as it is typed in a command: unchanged when it needs no quotes, otherwise quoted so
/// that PowerShell and a Unix shell both read it back as the same path.
///
/// - In double quotes when nothing in it is special inside them (`$`, a backquote, a double
///   quote, `!`, and on Unix a backslash), which suits `cmd.exe` too.
/// - Otherwise in single quotes, inside which both shells take everything as it is; an
///   apostrophe in the path is written as PowerShell or the Unix shell needs it, for the system
///   `ties` runs on.
pub fn for_command(path: &Path) -> Cow<'_, str> {
    let text = path.to_string_lossy();
    if !text.is_empty() && !text.starts_with(['-', '~']) && text.chars().all(plain) {
        return text;
    }
    quoted(&text, cfg!(windows)).into()
}

/// `text` quoted for a command line on Windows (`windows`) or on Unix.
fn quoted(text: &str, windows: bool) -> String {
    let special_in_double = |c: char| matches!(c, '$' | '`' | '"' | '!') || (!windows && c == '\\');
    if !text.chars().any(special_in_double) {
        return format!("\"{text}\"");
    }
    let apostrophe = if windows { "''" } else { r"'\''" };
    format!("'{}'", text.replace('\'', apostrophe))
}

/// What a name Windows keeps for a device is, when a path's last part is one.
#[derive(Debug, PartialEq, Eq)]
pub enum Device {
    /// The device itself (`NUL`, `con`): writing to it writes to the device.
    Itself(String),
    /// A device's name with an extension (`CON.yaml`, `aux.md`): Windows still takes it for the
    /// device, so it can never be a file.
    WithExtension(String),
}

/// The names Windows keeps for devices in every folder, whatever their case: the console, the
/// printer, the auxiliary port, the null device, serial and parallel ports.
const DEVICES: [&str; 6] = ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"];

/// Whether the last part of `path` names a Windows device, read as Windows reads it: the part
/// before the first dot, with spaces at its end left out, in any case (`nul`, `Con .txt`,
/// `COM1.csv`, `LPT9`).
pub fn windows_device(path: &Path) -> Option<Device> {
    let name = path.file_name()?.to_str()?;
    let stem = name.split('.').next().unwrap_or(name).trim_end_matches(' ');
    let upper = stem.to_uppercase();
    let port = ["COM", "LPT"].iter().any(|p| {
        upper.strip_prefix(p).is_some_and(|n| {
            let mut digits = n.chars();
            matches!(
                (digits.next(), digits.next()),
                (Some('1'..='9' | '¹' | '²' | '³'), None)
            )
        })
    });
    if !port && !DEVICES.contains(&upper.as_str()) {
        return None;
    }
    let rest = name[stem.len()..].trim_matches(|c| c == '.' || c == ' ');
    Some(if rest.is_empty() {
        Device::Itself(upper)
    } else {
        Device::WithExtension(upper)
    })
}

/// `path` with its `.` and `..` parts worked out from the names alone, without asking the disk
/// (a `..` at the start of a relative path stays).
pub fn normalised(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                let up = matches!(out.components().next_back(), Some(Component::Normal(_)));
                if up {
                    out.pop();
                } else if !out.has_root() {
                    out.push("..");
                }
            }
            part => out.push(part),
        }
    }
    out
}

/// How a file in the folder `from` names the file `to` on its first line, for an editor to find
/// it (`# yaml-language-server: $schema=...`): the way from one to the other, written with `/`
/// as editors take it on every system (`../../schemas/assessment.schema.json`). Both are full
/// paths, or both relative to the same folder. Where a path would hold a space or a `#`, which
/// end or cut such a line, or where there is no way from one to the other (two drives on
/// Windows), it is the full address of `to` as a `file:` URI, those characters written as
/// `%20` and `%23`.
pub fn reference_from(from: &Path, to: &Path) -> String {
    let (from, to) = (normalised(from), normalised(to));
    fn prefix(p: &Path) -> Vec<Component<'_>> {
        p.components()
            .take_while(|c| matches!(c, Component::Prefix(_) | Component::RootDir))
            .collect()
    }
    let words = |p: &Path| -> Vec<String> {
        p.components()
            .filter_map(|c| match c {
                Component::Normal(n) => Some(n.to_string_lossy().into_owned()),
                Component::ParentDir => Some("..".into()),
                _ => None,
            })
            .collect()
    };
    let (f, t) = (words(&from), words(&to));
    let shared = f.iter().zip(&t).take_while(|(a, b)| a == b).count();
    let relative =
        (prefix(&from) == prefix(&to) && !f[shared..].iter().any(|w| w == "..")).then(|| {
            let mut parts: Vec<&str> = vec![".."; f.len() - shared];
            parts.extend(t[shared..].iter().map(String::as_str));
            parts.join("/")
        });
    match relative {
        Some(r) if !r.contains(|c: char| c.is_whitespace() || c == '#') => r,
        _ if to.has_root() => file_uri(&to),
        // Two relative paths with no way between them (out of a folder whose name is not
        // known): the path as it is, the best there is.
        _ => t.join("/"),
    }
}

/// A full path as a `file:` URI (`file:///home/me/schemas/x.json`, `file:///C:/Users/...`), with
/// the characters that would end or cut it written as `%` and their code.
fn file_uri(path: &Path) -> String {
    let mut text = String::new();
    for part in path.components() {
        match part {
            Component::Prefix(p) => text.push_str(&p.as_os_str().to_string_lossy()),
            Component::RootDir => text.push('/'),
            part => {
                if !text.is_empty() && !text.ends_with('/') {
                    text.push('/');
                }
                text.push_str(&part.as_os_str().to_string_lossy());
            }
        }
    }
    let mut out = String::from(if text.starts_with('/') {
        "file://"
    } else {
        "file:///"
    });
    for c in text.chars() {
        match c {
            '%' | '#' | '?' => out.push_str(&format!("%{:02X}", c as u32)),
            c if c.is_whitespace() => {
                let mut bytes = [0; 4];
                for b in c.encode_utf8(&mut bytes).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_names_another_by_the_way_between_them() {
        let schema = Path::new("/work/project/schemas/assessment.schema.json");
        for (from, expected) in [
            (
                "/work/project/assessments/hmp-example",
                "../../schemas/assessment.schema.json",
            ),
            ("/work/project", "schemas/assessment.schema.json"),
            (
                "/work/project/./a/../b",
                "../schemas/assessment.schema.json",
            ),
            (
                "/elsewhere",
                "../work/project/schemas/assessment.schema.json",
            ),
        ] {
            assert_eq!(reference_from(Path::new(from), schema), expected, "{from}");
        }
        // Relative to the same folder, as a command names them.
        assert_eq!(
            reference_from(
                Path::new("assessments/hmp-example"),
                Path::new("schemas/x.json")
            ),
            "../../schemas/x.json"
        );
        // A space would end the editor's line, and a `#` cut it: the full address instead.
        assert_eq!(
            reference_from(
                Path::new("/srv/x"),
                Path::new("/srv/Hunanasesiad 2025/schemas/a#1.json")
            ),
            "file:///srv/Hunanasesiad%202025/schemas/a%231.json"
        );
    }

    #[test]
    fn dots_are_worked_out_from_the_names() {
        assert_eq!(normalised(Path::new("./a/b/../c")), Path::new("a/c"));
        assert_eq!(normalised(Path::new("../a/./b")), Path::new("../a/b"));
        assert_eq!(normalised(Path::new("/a/../../b")), Path::new("/b"));
    }

    #[test]
    fn plain_paths_are_left_as_they_are() {
        for p in [
            "assessments/hmp-example/2025.xlsx",
            r"C:\Users\Siân\hmp-abertawe.xlsx",
            "Ysgol_Gymraeg+1.yaml",
        ] {
            assert_eq!(for_command(Path::new(p)), p);
        }
    }

    #[test]
    fn paths_with_spaces_and_quotes_are_quoted_for_both_shells() {
        assert_eq!(
            quoted(r"C:\Users\Siân\Hunanasesiad 2025\hmp-abertawe.xlsx", true),
            r#""C:\Users\Siân\Hunanasesiad 2025\hmp-abertawe.xlsx""#
        );
        // A backslash means something inside double quotes in a Unix shell, never in single.
        assert_eq!(quoted(r"odd\ name.yaml", false), r"'odd\ name.yaml'");
        assert_eq!(
            quoted("HMP Women's/2025.yaml", false),
            r#""HMP Women's/2025.yaml""#
        );
        assert_eq!(quoted("$HOME's copy", false), r"'$HOME'\''s copy'");
        assert_eq!(quoted("$HOME's copy", true), "'$HOME''s copy'");
        assert_eq!(quoted("price $5.yaml", true), "'price $5.yaml'");
        assert_eq!(for_command(Path::new("-o.yaml")), "\"-o.yaml\"");
        assert_eq!(for_command(Path::new("a,b.yaml")), "\"a,b.yaml\"");
    }

    /// What a Unix shell makes of a quoted path is the path (PowerShell is run on these by
    /// `tests/windows/run` under Wine only when it is installed, so it is not checked here).
    #[cfg(unix)]
    #[test]
    fn a_unix_shell_reads_the_quoted_path_back() {
        for p in [
            "Hunanasesiad 2025/hmp-abertawe.xlsx",
            "HMP Women's/2025.yaml",
            "$HOME's `copy` \"x\"\\ !.yaml",
            "a (b) & c; d | e.yaml",
        ] {
            let out = std::process::Command::new("sh")
                .arg("-c")
                .arg(format!("printf %s {}", for_command(Path::new(p))))
                .output()
                .unwrap();
            assert_eq!(String::from_utf8(out.stdout).unwrap(), p);
        }
    }

    #[test]
    fn windows_device_names_are_known_in_any_case_and_with_an_extension() {
        let device = |p: &str| windows_device(Path::new(p));
        assert_eq!(device("NUL"), Some(Device::Itself("NUL".into())));
        assert_eq!(device("con"), Some(Device::Itself("CON".into())));
        assert_eq!(device("out/Com1"), Some(Device::Itself("COM1".into())));
        assert_eq!(
            device("CON.yaml"),
            Some(Device::WithExtension("CON".into()))
        );
        assert_eq!(device("aux.md"), Some(Device::WithExtension("AUX".into())));
        assert_eq!(
            device("reports/lpt9 .tar.gz"),
            Some(Device::WithExtension("LPT9".into()))
        );
        for p in [
            "console.yaml",
            "null.md",
            "COM10",
            "COM0",
            "auxiliary",
            "nul-2025.yaml",
        ] {
            assert_eq!(device(p), None, "{p}");
        }
    }
}
