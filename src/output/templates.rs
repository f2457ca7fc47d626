//! Templates: the built-in ones, a user's overrides, and the filters that keep output safe.
//!
//! Templates ending in `.html` escape every value unless a filter marks it safe; the `markdown`
//! filter renders untrusted Markdown with raw HTML escaped and unsafe links dropped. Markdown
//! templates use `md` for narrative and `cell` for one-line text, which escape HTML and
//! characters that would break a table.

use minijinja::value::{Serde, Value};
use minijinja::{AutoEscape, Environment, UndefinedBehavior};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::output::markdown;
use crate::view::numbers;

/// The templates built into the binary: (name, contents).
pub const BUNDLED: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    (
        "crosswalk.html",
        include_str!("../../templates/crosswalk.html"),
    ),
    ("crosswalk.md", include_str!("../../templates/crosswalk.md")),
    ("estate.html", include_str!("../../templates/estate.html")),
    ("estate.md", include_str!("../../templates/estate.md")),
    (
        "framework.html",
        include_str!("../../templates/framework.html"),
    ),
    ("framework.md", include_str!("../../templates/framework.md")),
    ("report.html", include_str!("../../templates/report.html")),
    ("report.md", include_str!("../../templates/report.md")),
    ("trend.html", include_str!("../../templates/trend.html")),
    ("trend.md", include_str!("../../templates/trend.md")),
];

/// The most work one template may do before it is stopped, so a faulty user template cannot
/// make `ties` run for ever. Built-in templates use a small fraction of this.
const FUEL: u64 = 50_000_000;

/// The most a template may write: a report of the largest self-assessment `ties` reads is a
/// small fraction of this.
pub const MAX_OUTPUT_BYTES: usize = 256 * 1024 * 1024;

/// The most memory rendering a template may take beyond what `ties` holds when it starts: room
/// for the largest output, and more. A template that builds more (by joining a text to itself
/// in a loop or a macro) is stopped; see `output::memory`.
pub const MAX_RENDER_MEMORY: usize = 1024 * 1024 * 1024;

/// Builds the template environment: built-in templates, with a person's own `overrides` (each
/// a template's file name and its text, read by the command line from `--templates`)
/// replacing them file by file.
pub fn environment(overrides: &[(String, String)]) -> Result<Environment<'static>> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html") {
            AutoEscape::Html
        } else {
            AutoEscape::None
        }
    });
    env.set_fuel(Some(FUEL));
    env.set_recursion_limit(100);
    let syntax = minijinja::syntax::SyntaxConfig::builder()
        .keep_trailing_newline(true)
        .build()
        .map_err(|e| Error::Template(e.to_string()))?;
    env.set_syntax(syntax);
    env.add_filter("markdown", |text: Option<String>| {
        Value::from_safe_string(markdown::to_html(text.as_deref().unwrap_or("")))
    });
    env.add_filter("md", |text: Option<String>| {
        markdown::to_safe_markdown(text.as_deref().unwrap_or(""))
    });
    env.add_filter("cell", |text: Option<String>| {
        markdown::cell(text.as_deref().unwrap_or(""))
    });
    env.add_filter("period", |text: Option<String>| {
        let t = text.unwrap_or_default();
        let t = t.trim_end();
        if t.ends_with(['.', '?', '!', ':']) {
            t.to_string()
        } else {
            format!("{t}.")
        }
    });
    env.add_filter("css_string", |text: Option<String>| {
        Value::from_safe_string(super::html::css_string(text.as_deref().unwrap_or("")))
    });
    env.add_filter("num", |v: Option<f64>| {
        v.map_or("–".to_string(), numbers::short_number)
    });
    env.add_filter("percent", |v: Option<f64>| numbers::pct(v));
    env.add_filter("fixed", |v: Option<f64>, places: Option<usize>| {
        v.map_or("–".to_string(), |v| {
            format!("{:.*}", places.unwrap_or(2), v)
        })
    });
    // Built-in templates are compiled when first used (a command uses two of them); a user's
    // templates, added below, take precedence over them.
    env.set_loader(|name| {
        Ok(BUNDLED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, text)| text.to_string()))
    });
    for (name, text) in overrides {
        env.add_template_owned(name.clone(), text.clone())
            .map_err(|e| Error::Template(describe(&e)))?;
    }
    Ok(env)
}

/// Renders a whole document: the view model is given to the template under `name` (`report`,
/// `estate`, ...), and the result is tidied.
pub fn render_document(
    env: &Environment<'_>,
    template: &str,
    name: &str,
    view: &impl Serialize,
) -> Result<String> {
    let context = Value::from(std::collections::BTreeMap::from([(
        name.to_string(),
        Value::from(Serde(view)),
    )]));
    let compiled = env
        .get_template(template)
        .map_err(|e| Error::Template(describe(&e)))?;
    let mut out = BoundedOutput::default();
    let too_much = format!(
        "template {template}: the template built more than {} GB of text and was stopped (does it \
         join a text to itself in a loop or a macro?)",
        MAX_RENDER_MEMORY / (1024 * 1024 * 1024)
    );
    let rendered = crate::output::memory::limited(MAX_RENDER_MEMORY, too_much, || {
        compiled.render_captured_to(context, &mut out).map(drop)
    });
    if out.overflowed {
        return Err(Error::Template(format!(
            "template {template}: the template wrote more than {} MB and was stopped (is there a \
             loop that never ends?)",
            MAX_OUTPUT_BYTES / (1024 * 1024)
        )));
    }
    rendered.map_err(|e| Error::Template(describe(&e)))?;
    let text = String::from_utf8(out.bytes)
        .map_err(|_| Error::Template(format!("template {template}: the output is not text")))?;
    Ok(tidy(text, template))
}

/// Where a template writes: at most `MAX_OUTPUT_BYTES`, past which writing fails and the
/// template stops.
#[derive(Default)]
struct BoundedOutput {
    bytes: Vec<u8>,
    overflowed: bool,
}

impl std::io::Write for BoundedOutput {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > MAX_OUTPUT_BYTES {
            self.overflowed = true;
            return Err(std::io::ErrorKind::FileTooLarge.into());
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A template error with the template's name and line.
fn describe(e: &minijinja::Error) -> String {
    let place = match (e.name(), e.line()) {
        (Some(n), Some(l)) => format!("template {n}, line {l}: "),
        (Some(n), None) => format!("template {n}: "),
        _ => String::new(),
    };
    let mut msg = format!(
        "{place}{}",
        e.detail()
            .map_or_else(|| e.kind().to_string(), str::to_string)
    );
    if e.kind() == minijinja::ErrorKind::UndefinedError {
        msg = format!(
            "{place}a name in the template is not part of the report's data ({})",
            e.kind()
        );
    }
    if e.detail() == Some("recursion limit exceeded") {
        msg = format!(
            "{place}the template calls macros or includes templates too deeply, one inside another, and was stopped"
        );
    }
    if e.kind() == minijinja::ErrorKind::OutOfFuel {
        msg = format!(
            "{place}the template did too much work and was stopped (is there a loop that never ends?)"
        );
    }
    msg
}

/// Final tidying of rendered output: Markdown loses runs of blank lines that template logic
/// leaves behind; every output ends with exactly one newline.
pub fn tidy(text: String, template: &str) -> String {
    let mut out = if template.ends_with(".md") {
        let mut out = String::with_capacity(text.len());
        let mut blank = 0;
        let mut in_code = false;
        for line in text.lines() {
            if line.trim_start().starts_with("```") {
                in_code = !in_code;
            }
            if line.trim().is_empty() && !in_code {
                blank += 1;
                if blank > 1 {
                    continue;
                }
                out.push('\n');
                continue;
            }
            blank = 0;
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    } else {
        text
    };
    // Trimmed where it is, without a copy.
    out.truncate(out.trim_end().len());
    let start = out.len() - out.trim_start().len();
    out.drain(..start);
    out.push('\n');
    out
}
