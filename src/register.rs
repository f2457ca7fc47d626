//! The national register of establishments: who is expected to submit a self-assessment.

use serde::Deserialize;

use crate::assessment::Nation;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load;
use crate::node::Located;
use crate::source::SourceFile;

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
