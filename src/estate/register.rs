//! The register against the self-assessments: who has not submitted, whose details disagree,
//! and who is not in the register.

use crate::estate::Entry;
use crate::estate::filters::Filters;
use crate::model::assessment::Nation;
use crate::model::register::{Register, RegisterEntry};

pub struct Reconciliation<'a> {
    /// Establishments the register lists, within the filters, with no self-assessment: in the
    /// register's order.
    pub not_submitted: Vec<&'a RegisterEntry>,
    /// Establishments whose self-assessment gives other details than the register: in the
    /// register's order.
    pub disagreements: Vec<Disagreement<'a>>,
    /// Self-assessments of establishments the register does not list at all: in the order
    /// given.
    pub not_in_register: Vec<&'a Entry>,
}

/// What the register says of an establishment and what its self-assessment says.
pub struct Disagreement<'a> {
    pub listed: &'a RegisterEntry,
    pub entry: &'a Entry,
    /// Never empty.
    pub differences: Vec<Difference<'a>>,
}

/// One detail on which the register and the self-assessment differ. Region and comparator
/// group count only where the register gives one.
#[derive(Debug, PartialEq)]
pub enum Difference<'a> {
    Name {
        register: &'a str,
        assessment: &'a str,
    },
    Nation {
        register: Nation,
        assessment: Nation,
    },
    Region {
        register: &'a str,
        assessment: Option<&'a str>,
    },
    ComparatorGroup {
        register: &'a str,
        assessment: Option<&'a str>,
    },
}

/// The register set against `current`, the self-assessments compared (already filtered).
pub fn reconcile<'a>(
    register: &'a Register,
    current: &[&'a Entry],
    filters: &Filters,
) -> Reconciliation<'a> {
    let mut not_submitted = Vec::new();
    let mut disagreements = Vec::new();
    for listed in register
        .establishments
        .iter()
        .filter(|r| filters.admits_listed(r))
    {
        match current.iter().find(|e| e.id() == listed.id.value) {
            None => not_submitted.push(listed),
            Some(entry) => {
                let differences = differences(listed, entry);
                if !differences.is_empty() {
                    disagreements.push(Disagreement {
                        listed,
                        entry,
                        differences,
                    });
                }
            }
        }
    }
    // Listed by name, as every list of establishments is.
    not_submitted.sort_by(|a, b| {
        crate::estate::names::by_name((&a.name, &a.id.value), (&b.name, &b.id.value))
    });
    let not_in_register = current
        .iter()
        .filter(|e| !register.establishments.iter().any(|r| r.id.value == e.id()))
        .copied()
        .collect();
    Reconciliation {
        not_submitted,
        disagreements,
        not_in_register,
    }
}

fn differences<'a>(listed: &'a RegisterEntry, entry: &'a Entry) -> Vec<Difference<'a>> {
    let est = &entry.assessment.establishment;
    let mut out = Vec::new();
    if est.name != listed.name {
        out.push(Difference::Name {
            register: &listed.name,
            assessment: &est.name,
        });
    }
    if *est.nation != listed.nation {
        out.push(Difference::Nation {
            register: listed.nation,
            assessment: *est.nation,
        });
    }
    if let Some(region) = listed.region.as_deref()
        && est.region.as_deref() != Some(region)
    {
        out.push(Difference::Region {
            register: region,
            assessment: est.region.as_deref(),
        });
    }
    if let Some(group) = listed.comparator_group.as_deref()
        && est.comparator_group.as_deref() != Some(group)
    {
        out.push(Difference::ComparatorGroup {
            register: group,
            assessment: est.comparator_group.as_deref(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::source::SourceFile;
    use crate::estate::fixture::{entry, ratings};

    fn register(text: &str) -> Register {
        Register::read(&SourceFile::new("register.yaml", text)).expect("a register")
    }

    const REGISTER: &str = "establishments:
  - { id: hmp-a, name: HMP A, nation: england-wales, region: North, comparator_group: open }
  - { id: hmp-b, name: HMP Bee, nation: scotland, region: South }
  - { id: hmp-c, name: HMP C, nation: england-wales, comparator_group: local }
  - { id: hmp-d, name: HMP D, nation: england-wales, region: North }
  - { id: hmp-e, name: HMP E, nation: scotland }
";

    #[test]
    fn not_submitted_disagreements_and_not_in_register() {
        let reg = register(REGISTER);
        let body = ratings(&[("v1", "l4")]);
        // A differs in region alone: the register gives North, the file none. B differs in
        // name, nation and region. C agrees: the register gives it no region, so the file's
        // none is no difference. D and E have not submitted; X is not in the register.
        let a = entry("hmp-a", "HMP A", Some("open"), 2025, &body);
        let b = entry("hmp-b", "HMP B", None, 2025, &body);
        let c = entry("hmp-c", "HMP C", Some("local"), 2025, &body);
        let x = entry("hmp-x", "HMP X", None, 2025, &body);
        let r = reconcile(&reg, &[&a, &b, &c, &x], &Filters::default());
        let missing: Vec<&str> = r.not_submitted.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(missing, ["hmp-d", "hmp-e"]);
        let found: Vec<(&str, &Vec<Difference>)> = r
            .disagreements
            .iter()
            .map(|d| (d.entry.id(), &d.differences))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "hmp-a",
                    &vec![Difference::Region {
                        register: "North",
                        assessment: None
                    }]
                ),
                (
                    "hmp-b",
                    &vec![
                        Difference::Name {
                            register: "HMP Bee",
                            assessment: "HMP B"
                        },
                        Difference::Nation {
                            register: Nation::Scotland,
                            assessment: Nation::EnglandWales
                        },
                        Difference::Region {
                            register: "South",
                            assessment: None
                        },
                    ]
                ),
            ]
        );
        let extra: Vec<&str> = r.not_in_register.iter().map(|e| e.id()).collect();
        assert_eq!(extra, ["hmp-x"]);
    }

    #[test]
    fn the_filters_choose_whom_the_register_expects() {
        let reg = register(REGISTER);
        let filters = Filters {
            region: Some("North".into()),
            ..Filters::default()
        };
        // Only A and D are in the North; neither has submitted.
        let r = reconcile(&reg, &[], &filters);
        let missing: Vec<&str> = r.not_submitted.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(missing, ["hmp-a", "hmp-d"]);
        let scotland = Filters {
            nation: Some(Nation::Scotland),
            group: Some("open".into()),
            ..Filters::default()
        };
        // Scotland in the open group: nobody (B and E have no group).
        assert!(reconcile(&reg, &[], &scotland).not_submitted.is_empty());
    }

    #[test]
    fn filters_read_the_same_for_files_and_the_register() {
        let f = Filters {
            group: Some("open".into()),
            nation: Some(Nation::EnglandWales),
            ..Filters::default()
        };
        assert!(f.admits(Some("open"), Nation::EnglandWales, None));
        assert!(!f.admits(None, Nation::EnglandWales, Some("North")));
        assert!(!f.admits(Some("open"), Nation::Scotland, None));
        let a = entry("hmp-a", "HMP A", Some("open"), 2025, "");
        assert!(f.admits_entry(&a));
        let reg = register(REGISTER);
        let admitted: Vec<&str> = reg
            .establishments
            .iter()
            .filter(|r| f.admits_listed(r))
            .map(|r| r.id.as_str())
            .collect();
        assert_eq!(admitted, ["hmp-a"]);
    }
}
