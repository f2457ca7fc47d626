//! The action plan, and the items not answered yet.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::diag::Diagnostic;
use crate::model::assessment::Assessment;
use crate::model::catalog::Catalog;
use crate::model::framework::{Framework, ItemKind};
use crate::model::ids;

use super::Checker;

impl Checker<'_> {
    pub(super) fn actions(&mut self, a: &Assessment, catalog: &Catalog, as_of: Option<NaiveDate>) {
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        let frameworks: Vec<&Framework> = a
            .frameworks
            .iter()
            .filter_map(|f| catalog.resolve(f))
            .collect();
        for action in &a.actions {
            if let Some(line) = seen.insert(action.id.as_str(), action.id.pos.line) {
                let d = self
                    .error(
                        action.id.pos,
                        format!("the action id `{}` is used twice", action.id.value),
                    )
                    .expected("an id no other action has")
                    .found(format!(
                        "`{}`, already used on line {line}",
                        action.id.value
                    ))
                    .help("give each action its own id, such as A1, A2, A3");
                self.push(d);
            }
            for item in &action.items {
                self.resolve(item, a, catalog, &frameworks);
            }
            let due = action
                .due
                .as_ref()
                .and_then(|d| self.date(d, "the due date"));
            let done_on = action
                .done_on
                .as_ref()
                .and_then(|d| self.date(d, "the completion date"));
            if let (Some(done_on), Some(pos)) = (done_on, action.done_on.as_ref().map(|d| d.pos)) {
                if !matches!(*action.status, crate::model::assessment::ActionStatus::Done) {
                    let w = Diagnostic::warning(
                        self.path,
                        pos,
                        format!(
                            "action `{}` has a completion date but its status is {}",
                            action.id.value,
                            action.status.label().to_lowercase()
                        ),
                    )
                    .help(if self.workbook {
                        format!(
                            "pick Done in the Status column, or clear the date in Done on, {}",
                            self.cell(pos)
                        )
                    } else {
                        "set `status: done`, or remove `done_on:`".to_string()
                    });
                    self.push(w);
                }
                let _ = done_on;
            }
            if let (Some(due), Some(as_of)) = (due, as_of)
                && action.status.is_live()
                && due < as_of
            {
                let w = Diagnostic::warning(
                    self.path,
                    action.due.as_ref().map_or(action.id.pos, |d| d.pos),
                    format!("action `{}` is overdue", action.id.value),
                )
                .found(format!(
                    "due {due}, still {} on {as_of}",
                    action.status.label().to_lowercase()
                ))
                .help("update its status, or agree a new due date");
                self.push(w);
            }
        }
    }

    pub(super) fn unanswered(&mut self, a: &Assessment, frameworks: &[&Framework]) {
        for fw in frameworks {
            let items = fw.items();
            let missing: Vec<&str> = items
                .iter()
                .filter(|i| {
                    let key = ids::qualified(&fw.id.value, &i.id.value);
                    if *i.kind == ItemKind::Metric {
                        // A measure is answered by its figure, as in the score's coverage.
                        a.metrics.get(&key).is_none_or(|m| m.figure().is_none())
                    } else {
                        a.responses.get(&key).is_none_or(|r| !r.answers(fw, i))
                    }
                })
                .map(|i| i.id.as_str())
                .collect();
            // In a workbook, an item whose row is gone from its sheet is told apart from one
            // left unanswered, and the warning points at the first unanswered item's row.
            let layout = self.sheets.and_then(|f| f.workbook_layout());
            let mut missing = missing;
            if let (Some(layout), Some(file)) = (layout, self.sheets) {
                let mut gone = Vec::new();
                missing.retain(|id| {
                    let key = ids::qualified(&fw.id.value, id);
                    let metric = items
                        .iter()
                        .any(|i| i.id.value == *id && *i.kind == ItemKind::Metric);
                    let sheet = if metric {
                        layout.measures_sheet
                    } else {
                        layout.framework_sheets.get(&fw.id.value).copied()
                    };
                    match sheet {
                        Some(sheet) if !layout.rows.contains_key(&key) => {
                            gone.push((key, sheet));
                            false
                        }
                        _ => true,
                    }
                });
                for (key, sheet) in gone {
                    let name = file.sheet_name(sheet).unwrap_or_default();
                    let w = Diagnostic::warning(
                        self.path,
                        crate::diag::source::Pos::cell(sheet, 0, 0),
                        format!(
                            "the row of `{key}` is missing from sheet \"{name}\": it may have been deleted"
                        ),
                    )
                    .help(format!(
                        "until its row is back, it counts as not answered: copy the whole row (with its hidden column A) from the workbook that was sent into sheet \"{name}\", or make a new workbook with `ties workbook` and copy the row from there"
                    ));
                    self.push(w);
                }
            }
            if missing.is_empty() {
                continue;
            }
            let first_row = layout.and_then(|l| {
                l.rows
                    .get(&ids::qualified(&fw.id.value, missing[0]))
                    .copied()
            });
            let pos = first_row.unwrap_or_else(|| {
                a.frameworks
                    .iter()
                    .find(|f| f.value == fw.id.value)
                    .map_or(a.frameworks.pos, |f| f.pos)
            });
            let shown = crate::diag::cut_list(&missing, missing.len(), 8, ", ", ", ");
            let w = Diagnostic::warning(
                self.path,
                pos,
                format!(
                    "{} of {} items of `{}` are not answered yet",
                    missing.len(),
                    items.len(),
                    fw.id.value
                ),
            )
            .found(shown)
            .help("unanswered items lower coverage; they do not lower the score");
            self.push(w);
        }
    }
}
