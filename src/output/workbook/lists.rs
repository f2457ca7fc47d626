//! The words of the drop-down lists, each with the id it stands for, on the hidden Lists sheet.
//! The reader takes the words back to ids from the same sheet.

use rust_xlsxwriter::{Worksheet, XlsxError};

use crate::load::workbook::layout::{
    self, CONFIDENCE, ITEM_REFERENCES, KINDS, NATIONS, SCALE_PREFIX, STATUSES, SheetKind,
};
use crate::model::assessment::{ActionStatus, Confidence, Nation};
use crate::model::framework::{Framework, ItemKind, Scale};
use crate::model::ids;

/// The name of the hidden sheet that holds the lists.
pub const SHEET: &str = "Lists";

/// One drop-down list: its key, a title for people, and its words with their ids.
pub struct List {
    pub key: String,
    pub title: String,
    pub entries: Vec<(String, String)>,
}

pub struct Lists {
    pub lists: Vec<List>,
}

impl Lists {
    /// Every list the workbook's drop-downs use, for the given frameworks.
    pub fn new(frameworks: &[&Framework]) -> Lists {
        let mut lists = vec![
            list(
                NATIONS,
                "Nations",
                Nation::ALL.iter().map(|n| (n.label(), n.id())),
            ),
            list(
                CONFIDENCE,
                "How sure we are",
                Confidence::ALL.iter().map(|c| (c.label(), c.id())),
            ),
            list(
                STATUSES,
                "Action statuses",
                ActionStatus::ALL.iter().map(|s| (s.label(), s.id())),
            ),
        ];
        let mut kinds: Vec<(String, String)> = Vec::new();
        for fw in frameworks {
            for k in &fw.evidence_kinds {
                if !kinds.iter().any(|(_, id)| *id == k.id.value) {
                    kinds.push((k.label.clone(), k.id.value.clone()));
                }
            }
        }
        lists.push(List {
            key: KINDS.into(),
            title: "Kinds of evidence".into(),
            entries: distinct_labels(kinds),
        });
        // Each reference with its item's text, so the list says what each item is.
        let items = frameworks
            .iter()
            .flat_map(|fw| {
                fw.items()
                    .into_iter()
                    .filter(|i| *i.kind != ItemKind::Metric)
                    .map(|i| {
                        let q = ids::qualified(&fw.id.value, &i.id.value);
                        (format!("{q}: {}", i.text), q)
                    })
            })
            .collect();
        lists.push(List {
            key: ITEM_REFERENCES.into(),
            title: "Items".into(),
            entries: items,
        });
        for fw in frameworks {
            for scale in &fw.scales {
                let used = fw
                    .items()
                    .iter()
                    .any(|i| i.scale.as_ref().is_some_and(|s| s.value == scale.id.value));
                if used {
                    lists.push(List {
                        key: scale_key(fw, scale),
                        title: scale.label.clone(),
                        entries: distinct_labels(
                            scale
                                .levels
                                .iter()
                                .map(|l| (l.label.clone(), l.id.value.clone()))
                                .collect(),
                        ),
                    });
                }
            }
        }
        Lists { lists }
    }

    fn find(&self, key: &str) -> Option<(usize, &List)> {
        self.lists.iter().enumerate().find(|(_, l)| l.key == key)
    }

    /// The cells holding a list's words, for a drop-down: `Lists!$B$3:$B$6`.
    pub fn range(&self, key: &str) -> Option<String> {
        let (i, list) = self.find(key)?;
        let col = crate::diag::source::column_letters(2 + 2 * i);
        let first = layout::LIST_FIRST_ROW + 1;
        let last = first + list.entries.len().max(1) as u32 - 1;
        Some(format!("{SHEET}!${col}${first}:${col}${last}"))
    }

    /// The word a list shows for an id.
    pub fn label(&self, key: &str, id: &str) -> Option<&str> {
        let (_, list) = self.find(key)?;
        list.entries
            .iter()
            .find(|(_, i)| i == id)
            .map(|(label, _)| label.as_str())
    }

    /// Writes the lists: a pair of columns each, the words then their ids.
    pub fn write(&self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        ws.set_name(SHEET)?;
        ws.write_string(layout::KEY_ROW, 0, SheetKind::Lists.marker())?;
        for (i, list) in self.lists.iter().enumerate() {
            let col = (1 + 2 * i) as u16;
            ws.write_string(layout::KEY_ROW, col, &list.key)?;
            ws.write_string(layout::LIST_TITLE_ROW, col, &list.title)?;
            ws.write_string(layout::LIST_TITLE_ROW, col + 1, "id")?;
            for (r, (label, id)) in list.entries.iter().enumerate() {
                let row = layout::LIST_FIRST_ROW + r as u32;
                ws.write_string(row, col, label)?;
                ws.write_string(row, col + 1, id)?;
            }
            ws.set_column_width(col, 30)?;
        }
        ws.set_hidden(true);
        ws.protect();
        Ok(())
    }
}

/// The key of a scale's list: `scale:farmer-offer/provision`.
pub fn scale_key(fw: &Framework, scale: &Scale) -> String {
    format!("{SCALE_PREFIX}{}/{}", fw.id.value, scale.id.value)
}

fn list<'a>(key: &str, title: &str, entries: impl Iterator<Item = (&'a str, &'a str)>) -> List {
    List {
        key: key.into(),
        title: title.into(),
        entries: entries
            .map(|(l, i)| (l.to_string(), i.to_string()))
            .collect(),
    }
}

/// Words that two ids share are told apart by their ids, so each word stands for one id.
fn distinct_labels(entries: Vec<(String, String)>) -> Vec<(String, String)> {
    let shared = |label: &str| {
        entries
            .iter()
            .filter(|(l, _)| l.trim().eq_ignore_ascii_case(label.trim()))
            .count()
            > 1
    };
    entries
        .iter()
        .map(|(label, id)| {
            if shared(label) || label.trim().is_empty() {
                (format!("{label} ({id})"), id.clone())
            } else {
                (label.clone(), id.clone())
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_words_are_told_apart() {
        let e = distinct_labels(vec![
            ("Met".into(), "met".into()),
            ("met".into(), "met-in-full".into()),
            ("Not met".into(), "not-met".into()),
        ]);
        assert_eq!(e[0].0, "Met (met)");
        assert_eq!(e[1].0, "met (met-in-full)");
        assert_eq!(e[2].0, "Not met");
    }
}
