//! The national register of establishments: who is expected to submit a self-assessment.

use serde::Deserialize;

use crate::diag::source::SourceFile;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load;
use crate::load::node::Located;
use crate::model::assessment::Nation;

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Register {
    pub establishments: Vec<RegisterEntry>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisterEntry {
    pub id: Located<String>,
    pub name: String,
    pub nation: Nation,
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub comparator_group: Option<String>,
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
}

impl Register {
    pub fn read(file: &SourceFile) -> Result<Register, Diagnostics> {
        let mut diags = Diagnostics::default();
        let node = load::parse(file).map_err(one)?;
        let register: Register = load::decode(file, &node).map_err(one)?;
        let mut seen = std::collections::BTreeMap::new();
        for e in &register.establishments {
            let id = &e.id;
            if let Some(l) = crate::diag::lookalike(id) {
                diags.push(l.diagnostic(&file.path, id.pos, id));
            } else if id.is_empty()
                || !id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                diags.push(
                    Diagnostic::error(
                        &file.path,
                        id.pos,
                        format!("the establishment id `{}` is not a valid id", id.value),
                    )
                    .expected("lower-case letters, digits and hyphens, such as `hmp-example`")
                    .found(format!("`{}`", id.value))
                    .help(match suggested_id(id) {
                        Some(s) => format!(
                            "use the same id as the establishment's assessment files, such as `{s}`"
                        ),
                        None => "use the same id as the establishment's assessment files".into(),
                    }),
                );
            }
            if let Some(line) = seen.insert(e.id.value.clone(), e.id.pos.line) {
                diags.push(
                    Diagnostic::error(
                        &file.path,
                        e.id.pos,
                        format!("the establishment `{}` is listed twice", e.id.value),
                    )
                    .help(format!("it is first listed on line {line}")),
                );
            }
        }
        if diags.has_errors() {
            Err(diags)
        } else {
            Ok(register)
        }
    }
}

fn one(d: Diagnostic) -> Diagnostics {
    Diagnostics { items: vec![d] }
}

/// An id made from what was written: lower case, with hyphens for spaces and other characters.
fn suggested_id(text: &str) -> Option<String> {
    let mut id = String::new();
    for c in text.trim().to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c);
        } else if !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_matches('-').to_string();
    (!id.is_empty() && id != text).then_some(id)
}
