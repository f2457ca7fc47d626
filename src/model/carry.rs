//! Starting a new year from last year's self-assessment.
//!
//! Last year's ratings, evidence, written answers, strengths and development points are carried
//! forward, each marked with the year it came from (`carried_from`) until someone changes or
//! confirms it; `ties check` lists the answers still marked. Open and in-progress actions are
//! carried over as they stand; done and dropped actions stay behind in last year's file. A
//! measure's figures belong to their year and are not carried; the establishment's own baseline
//! and target are. The new year starts uncompleted.

use crate::error::Error;
use crate::load::node::{Located, LocatedMap};
use crate::model::assessment::{Assessment, MetricValue, Response};
use crate::model::catalog::Catalog;
use crate::model::framework::{Framework, ItemKind};

/// A new year's self-assessment, and what of last year's could not be carried into it.
pub struct Carried {
    pub assessment: Assessment,
    /// Answers and measures for items the new year's frameworks do not have (the item was
    /// removed from the framework, or the framework is no longer used), by qualified id.
    pub left_behind: Vec<String>,
}

/// The year a self-assessment carried forward from `last` (read from `source`) reports on:
/// `year` when given, or the year after; it must come after last year's and be a plausible
/// reporting year, by the same rule as a file's `year:`.
pub fn next_year(
    last: &Assessment,
    source: &std::path::Path,
    year: Option<i32>,
) -> Result<i32, Error> {
    let year = year.unwrap_or(*last.year + 1);
    if year <= *last.year {
        return Err(Error::Usage(format!(
            "--year {year} is not after {}, the year of {}",
            *last.year,
            source.display()
        )));
    }
    crate::model::ids::require_plausible_year(year)?;
    Ok(year)
}

/// `last` carried forward into `year`, against `frameworks` (the new year's frameworks, in the
/// versions it will use). Answers already marked as carried keep the year they came from.
pub fn carry_forward(last: &Assessment, year: i32, frameworks: &[&Framework]) -> Carried {
    let from = *last.year;
    let mut left_behind = Vec::new();
    let kind_of = |key: &str| {
        let (fid, iid) = key.split_once('/')?;
        let fw = frameworks.iter().find(|f| f.id.value == fid)?;
        fw.item(iid).map(|i| *i.kind)
    };
    let mut responses = Vec::new();
    for (key, r) in last.responses.iter() {
        match kind_of(key) {
            Some(kind) if kind != ItemKind::Metric => {
                responses.push((key.clone(), carried_response(r, from)));
            }
            _ => left_behind.push(key.value.clone()),
        }
    }
    let mut metrics = Vec::new();
    for (key, m) in last.metrics.iter() {
        if kind_of(key) != Some(ItemKind::Metric) {
            left_behind.push(key.value.clone());
            continue;
        }
        if m.baseline.is_some() || m.target.is_some() {
            let kept = MetricValue {
                baseline: m.baseline.clone(),
                target: m.target.clone(),
                restricted: m.restricted,
                ..MetricValue::default()
            };
            metrics.push((key.clone(), kept));
        }
    }
    let listed: Vec<Located<String>> = frameworks
        .iter()
        .map(|f| Located::new(f.id.value.clone(), Default::default()))
        .collect();
    let assessment = Assessment {
        ties: last.ties.clone(),
        establishment: last.establishment.clone(),
        year: Located::new(year, Default::default()),
        completed_on: None,
        completed_by: None,
        frameworks: Located::new(listed, Default::default()),
        responses: LocatedMap::from(responses),
        metrics: LocatedMap::from(metrics),
        actions: last
            .actions
            .iter()
            .filter(|a| a.status.is_live())
            .cloned()
            .collect(),
    };
    Carried {
        assessment,
        left_behind,
    }
}

/// The frameworks a new year uses: those given, or else last year's, each in its current
/// version (a version last year was kept to is not kept to again).
pub fn next_frameworks<'c>(
    catalog: &'c Catalog,
    last: &Assessment,
    given: &[String],
) -> Result<Vec<&'c Framework>, Error> {
    let listed: Vec<String> = if given.is_empty() {
        last.frameworks
            .iter()
            .map(|f| f.split('@').next().unwrap_or(f).trim().to_string())
            .collect()
    } else {
        given.to_vec()
    };
    let mut out: Vec<&Framework> = Vec::new();
    for id in &listed {
        let fw = catalog.require(id.trim())?;
        if !out.iter().any(|f| f.id.value == fw.id.value) {
            out.push(fw);
        }
    }
    Ok(out)
}

fn carried_response(r: &Response, from: i32) -> Response {
    let mark = |c: &Option<Located<i32>>| {
        Some(
            c.clone()
                .unwrap_or_else(|| Located::new(from, Default::default())),
        )
    };
    let mut out = r.clone();
    out.carried_from = mark(&r.carried_from);
    for e in &mut out.evidence {
        e.carried_from = mark(&e.carried_from);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::node::from_node;
    use crate::model::assessment::ActionStatus;

    fn assessment(yaml: &str) -> Assessment {
        let file = crate::diag::source::SourceFile::new("a.yaml", yaml);
        let node = crate::load::parse(&file).expect("valid YAML");
        from_node(&node).expect("an assessment")
    }

    const LAST: &str = r#"
ties: 1
establishment: { id: hmp-x, name: HMP X, nation: england-wales }
year: 2024
completed_on: 2025-04-01
completed_by: Head of Reducing Reoffending
frameworks: [farmer-offer]
responses:
  farmer-offer/visitor-centre:
    rating: fully-in-place
    evidence:
      - { kind: family-feedback, text: Survey, date: 2024-10-01 }
    narrative: What we do.
    strengths: [Volunteers]
  farmer-offer/extended-visits:
    not_applicable: All visits are extended.
    carried_from: 2023
  farmer-offer/no-such-item:
    rating: planned
metrics:
  farmer-offer/visits-on-entry: { numerator: 412, denominator: 690, baseline: 0.45, target: 0.6 }
  farmer-offer/visits-on-exit: { numerator: 10, denominator: 20 }
actions:
  - { id: A1, what: Homework club, owner: Family services manager, status: in-progress }
  - { id: A2, what: New signs, owner: Custodial manager, status: done }
  - { id: A3, what: Open days, owner: Governor, status: open }
  - { id: A4, what: Helpline, owner: Governor, status: dropped }
"#;

    #[test]
    fn answers_are_carried_and_marked_actions_that_are_live_go_with_them() {
        let (catalog, _) = Catalog::bundled();
        let fw = catalog.get("farmer-offer").expect("bundled");
        let last = assessment(LAST);
        let Carried {
            assessment: a,
            left_behind,
        } = carry_forward(&last, 2025, &[fw]);
        assert_eq!(*a.year, 2025);
        assert!(a.completed_on.is_none() && a.completed_by.is_none());
        assert_eq!(a.establishment.id.value, "hmp-x");
        // Every answer keeps its content, marked as last year's (or the year it came from).
        let r = a.responses.get("farmer-offer/visitor-centre").unwrap();
        assert_eq!(
            r.rating.as_deref().map(String::as_str),
            Some("fully-in-place")
        );
        assert_eq!(r.narrative.as_deref(), Some("What we do."));
        assert_eq!(r.strengths, ["Volunteers"]);
        assert_eq!(r.carried_from.as_deref(), Some(&2024));
        assert_eq!(r.evidence[0].carried_from.as_deref(), Some(&2024));
        let na = a.responses.get("farmer-offer/extended-visits").unwrap();
        assert_eq!(na.carried_from.as_deref(), Some(&2023));
        assert!(na.is_not_applicable());
        // An item the framework does not have stays behind, and is said to.
        assert!(a.responses.get("farmer-offer/no-such-item").is_none());
        assert_eq!(left_behind, ["farmer-offer/no-such-item"]);
        // Figures belong to their year; the establishment's own baseline and target go on.
        let m = a.metrics.get("farmer-offer/visits-on-entry").unwrap();
        assert!(m.numerator.is_none() && m.denominator.is_none());
        assert_eq!(m.baseline.as_deref(), Some(&0.45));
        assert_eq!(m.target.as_deref(), Some(&0.6));
        assert!(a.metrics.get("farmer-offer/visits-on-exit").is_none());
        // Open and in-progress actions are carried over; done and dropped ones are not.
        let ids: Vec<(&str, ActionStatus)> = a
            .actions
            .iter()
            .map(|x| (x.id.as_str(), *x.status))
            .collect();
        assert_eq!(
            ids,
            [("A1", ActionStatus::InProgress), ("A3", ActionStatus::Open)]
        );
        // Last year's file itself is not changed.
        assert!(
            last.responses
                .get("farmer-offer/visitor-centre")
                .unwrap()
                .carried_from
                .is_none()
        );
    }

    #[test]
    fn the_new_years_frameworks_decide_what_is_carried() {
        let (catalog, _) = Catalog::bundled();
        let hmpps = catalog.get("hmpps-family-practice").expect("bundled");
        let last = assessment(LAST);
        let carried = carry_forward(&last, 2025, &[hmpps]);
        assert!(carried.assessment.responses.is_empty());
        assert!(carried.assessment.metrics.is_empty());
        assert_eq!(carried.left_behind.len(), 5);
        let listed: Vec<&str> = carried
            .assessment
            .frameworks
            .iter()
            .map(|f| f.as_str())
            .collect();
        assert_eq!(listed, ["hmpps-family-practice"]);
    }
}
