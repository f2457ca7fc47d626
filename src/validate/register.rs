//! Checking the register of establishments: ids that are valid and listed once.

use crate::diag::source::SourceFile;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load;
use crate::model::ids;
use crate::model::register::Register;

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
            } else if !ids::is_valid_id(id) {
                diags.push(
                    Diagnostic::error(
                        &file.path,
                        id.pos,
                        format!("the establishment id `{}` is not a valid id", id.value),
                    )
                    .expected("lower-case letters, digits and hyphens, such as `hmp-example`")
                    .found(format!("`{}`", id.value))
                    .help(match ids::suggest_id(id) {
                        Some(s) => format!(
                            "use the same id as the establishment's assessment files, such as `{s}`"
                        ),
                        None => "use the same id as the establishment's assessment files".into(),
                    }),
                );
            }
            if e.name.trim().is_empty() {
                diags.push(
                    Diagnostic::error(
                        &file.path,
                        id.pos,
                        format!("the establishment `{}` has no name", id.value),
                    )
                    .expected("its name on one line, such as `name: HMP Example`")
                    .help("add the name under the id, as in the register's other entries"),
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
