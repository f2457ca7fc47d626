//! The checks a framework must pass after it has been read: everything a reader of the file
//! could get wrong that the file format alone cannot express.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diag::source::Pos;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::node::Located;
use crate::model::framework::{Framework, ItemKind};
use crate::model::ids;

mod items;
mod links;
mod scales;

pub use links::check_links;

/// Checks one framework on its own. `maps_to` links are checked against the whole catalog by
/// `check_links`.
pub fn check(file: &Path, fw: &Framework) -> Diagnostics {
    let mut c = Checker {
        file,
        out: Diagnostics::default(),
    };
    c.id("framework", &fw.id);
    if fw.version.trim().is_empty() {
        c.push(
            Diagnostic::error(file, fw.version.pos, "the framework's version is empty")
                .expected("a version such as \"1.0.0\"")
                .found("nothing")
                .help("give a version such as \"1.0.0\", and change it when the items change"),
        );
    }
    c.nations(fw);
    c.scales(fw);
    c.scoring(fw);
    c.vocabularies(fw);
    c.unique("evidence kind", fw.evidence_kinds.iter().map(|k| &k.id));
    for k in &fw.evidence_kinds {
        c.id("evidence kind", &k.id);
        if k.source_ref.is_none() && !k.defined_by_project {
            c.push(
                Diagnostic::error(
                    file,
                    k.id.pos,
                    format!("the evidence kind `{}` does not say where it comes from", k.id.value),
                )
                .expected("a `source_ref:` naming where the kind comes from, or `defined_by_project: true`")
                .found("neither")
                .help("add `source_ref:` or, if the project made the kind up, `defined_by_project: true`"),
            );
        }
    }
    c.sections_and_items(fw);
    c.out
}

/// The largest weight a section or item may have, and the largest value (either side of 0) of a
/// level. Weights say how much one part counts against another; a larger number is a typing
/// mistake, and an enormous one would make scores meaningless.
pub const MAX_WEIGHT: f64 = 1000.0;

struct Checker<'a> {
    file: &'a Path,
    out: Diagnostics,
}

impl Checker<'_> {
    pub(super) fn push(&mut self, d: Diagnostic) {
        self.out.push(d);
    }

    /// `nations:` lists each nation once, and at least one (a framework for every nation lists
    /// them all, or leaves the field out).
    fn nations(&mut self, fw: &Framework) {
        let nations = &fw.nations;
        if nations.is_empty() && nations.pos != Pos::default() {
            self.push(
                Diagnostic::error(self.file, nations.pos, "`nations:` lists no nation")
                    .expected("the nations whose prisons the framework is for, such as [scotland]")
                    .found("an empty list")
                    .help("list the nations its source is for; for every nation, list them all: [england-wales, scotland]"),
            );
        }
        for (i, n) in nations.iter().enumerate() {
            if let Some(first) = nations[..i].iter().find(|m| m.value == n.value) {
                self.push(
                    Diagnostic::error(
                        self.file,
                        n.pos,
                        format!("the nation `{}` is listed twice", n.id()),
                    )
                    .expected("each nation once")
                    .found(format!(
                        "`{}`, already listed on line {}",
                        n.id(),
                        first.pos.line
                    ))
                    .help("remove one of them"),
                );
            }
        }
    }

    pub(super) fn id(&mut self, what: &str, id: &Located<String>) {
        let ok = ids::is_valid_id(id);
        if let Some(l) = crate::diag::lookalike(id) {
            let d = l.diagnostic(self.file, id.pos, id);
            self.push(d);
        } else if !ok {
            self.push(
                Diagnostic::error(
                    self.file,
                    id.pos,
                    format!("the {what} id `{}` is not a valid id", id.value),
                )
                .expected("lower-case letters, digits and hyphens, such as `visitor-centre`")
                .found(format!("`{}`", id.value))
                .suggest(ids::suggest_id(id)),
            );
        }
    }

    pub(super) fn unique<'b>(
        &mut self,
        what: &str,
        ids: impl Iterator<Item = &'b Located<String>>,
    ) {
        let mut seen: BTreeMap<&str, Pos> = BTreeMap::new();
        for id in ids {
            if let Some(first) = seen.get(id.as_str()) {
                let first = *first;
                self.push(
                    Diagnostic::error(
                        self.file,
                        id.pos,
                        format!("the {what} id `{}` is used twice", id.value),
                    )
                    .expected(format!("an id no other {what} has"))
                    .found(format!(
                        "`{}`, already used on line {}",
                        id.value, first.line
                    ))
                    .help(format!("give each {what} its own id")),
                );
            } else {
                seen.insert(id.as_str(), id.pos);
            }
        }
    }
}

/// The word a file uses for an item kind.
pub(super) fn kind_id(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Criterion => "criterion",
        ItemKind::Question => "question",
        ItemKind::Checklist => "checklist",
        ItemKind::Metric => "metric",
        ItemKind::Outcome => "outcome",
    }
}
