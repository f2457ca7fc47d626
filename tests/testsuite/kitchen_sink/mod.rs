//! The kitchen sink: a self-assessment with every field of the format set (`2025.yaml` beside
//! this file) goes through every way `ties` writes and reads one (YAML, the workbook, `ties
//! import`, the schema, the report) and nothing is dropped on the way.
//!
//! The checks compare the whole self-assessment, not a list of fields, and `every_field` names
//! each field of the model in patterns without `..`: a field added to the model does not compile
//! here until it is named, and then fails the tests until the kitchen sink sets it. So a new
//! field cannot be forgotten in one of the places a self-assessment goes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jsonschema::Validator;
use serde_json::Value;
use ties::model::assessment::{
    Action, ActionStatus, Assessment, Confidence, Establishment, Evidence, MetricValue, Reason,
    Response,
};

use crate::workbook::{ok_in, values};
use crate::{Test, root};

const KITCHEN_SINK: &str = "tests/testsuite/kitchen_sink/2025.yaml";

fn kitchen_sink() -> PathBuf {
    root().join(KITCHEN_SINK)
}

/// A self-assessment file (YAML or workbook) read as `ties` reads it, checks included.
fn read(path: &Path) -> Assessment {
    let catalog = ties::model::catalog::Catalog::bundled().0;
    ties::validate::assessment::from_document(crate::read_document(path), &catalog)
        .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()))
        .0
}

/// Each field of the model, by name, and whether the self-assessment sets it (to something
/// other than its default) at least once. Every field is named in a pattern without `..`.
fn every_field(a: &Assessment) -> BTreeMap<String, bool> {
    let mut set = BTreeMap::new();
    let mut mark = |name: &str, is_set: bool| {
        *set.entry(name.to_string()).or_insert(false) |= is_set;
    };
    let Assessment {
        ties,
        establishment,
        year,
        completed_on,
        completed_by,
        frameworks,
        responses,
        metrics,
        actions,
    } = a;
    mark(
        "ties",
        ties.value == ties::model::assessment::FORMAT_VERSION,
    );
    mark("year", year.value > 0);
    mark("completed_on", completed_on.is_some());
    mark("completed_by", completed_by.is_some());
    mark("frameworks", !frameworks.is_empty());
    mark("responses", responses.iter().next().is_some());
    mark("metrics", metrics.iter().next().is_some());
    mark("actions", !actions.is_empty());
    let Establishment {
        id,
        name,
        nation,
        region,
        comparator_group,
        kind,
        public_contacts,
    } = establishment;
    mark("establishment.id", !id.is_empty());
    mark("establishment.name", !name.is_empty());
    mark(
        "establishment.nation",
        ties::model::assessment::Nation::ALL.contains(nation),
    );
    mark("establishment.region", region.is_some());
    mark("establishment.comparator_group", comparator_group.is_some());
    mark("establishment.type", kind.is_some());
    mark("establishment.public_contacts", !public_contacts.is_empty());
    for (_, r) in responses.iter() {
        let Response {
            rating,
            confidence,
            evidence,
            narrative,
            strengths,
            development,
            restricted,
            not_applicable,
            carried_from,
        } = r;
        mark("response.rating", rating.is_some());
        mark("response.confidence", confidence.is_some());
        mark("response.evidence", !evidence.is_empty());
        mark("response.narrative", narrative.is_some());
        mark("response.strengths", !strengths.is_empty());
        mark("response.development", !development.is_empty());
        mark("response.restricted", *restricted);
        mark(
            "response.not_applicable",
            matches!(**not_applicable, Reason::Given(_)),
        );
        mark("response.carried_from", carried_from.is_some());
        for e in evidence {
            let Evidence {
                kind,
                text,
                date,
                restricted,
                carried_from,
            } = e;
            mark("evidence.kind", !kind.is_empty());
            mark("evidence.text", !text.is_empty());
            mark("evidence.date", date.is_some());
            mark("evidence.restricted", *restricted);
            mark("evidence.carried_from", carried_from.is_some());
        }
    }
    for (_, m) in metrics.iter() {
        let MetricValue {
            value,
            numerator,
            denominator,
            baseline,
            target,
            note,
            restricted,
        } = m;
        mark("metric.value", value.is_some());
        mark("metric.numerator", numerator.is_some());
        mark("metric.denominator", denominator.is_some());
        mark("metric.baseline", baseline.is_some());
        mark("metric.target", target.is_some());
        mark("metric.note", note.is_some());
        mark("metric.restricted", *restricted);
    }
    for x in actions {
        let Action {
            id,
            what,
            owner,
            due,
            status,
            done_on,
            items,
            note,
            restricted,
        } = x;
        mark("action.id", !id.is_empty());
        mark("action.what", !what.is_empty());
        mark("action.owner", !owner.is_empty());
        mark("action.due", due.is_some());
        mark("action.status", ActionStatus::ALL.contains(status));
        mark("action.done_on", done_on.is_some());
        mark("action.items", !items.is_empty());
        mark("action.note", note.is_some());
        mark("action.restricted", *restricted);
    }
    // Every choice of the fields that have a few: each confidence and each action status.
    for c in Confidence::ALL {
        let given = responses.iter().any(|(_, r)| r.confidence == Some(c));
        mark(&format!("confidence={}", c.id()), given);
    }
    for s in ActionStatus::ALL {
        mark(
            &format!("status={}", s.id()),
            actions.iter().any(|x| *x.status == s),
        );
    }
    set
}

#[test]
fn the_kitchen_sink_sets_every_field_of_the_model() {
    let fields = every_field(&read(&kitchen_sink()));
    let unset: Vec<&str> = fields
        .iter()
        .filter(|(_, set)| !**set)
        .map(|(name, _)| name.as_str())
        .collect();
    assert!(
        unset.is_empty(),
        "{KITCHEN_SINK} does not set {}: set each at least once",
        unset.join(", ")
    );
    assert!(fields.len() > 50, "only {} fields", fields.len());
}

/// YAML: the writer (`ties import`, `ties init --from`) writes the kitchen sink, and reading
/// what it wrote gives the same self-assessment, value for value.
#[test]
fn the_yaml_writer_keeps_every_field() {
    let dir = crate::scratch("kitchen-sink-yaml");
    let a = read(&kitchen_sink());
    let catalog = ties::model::catalog::Catalog::bundled().0;
    let frameworks: Vec<_> = a
        .frameworks
        .iter()
        .map(|f| catalog.resolve(f).unwrap())
        .collect();
    let written = ties::output::assessment_yaml::write(&a, &frameworks, true);
    let path = dir.join("2025.yaml");
    std::fs::write(&path, written).unwrap();
    assert_eq!(values(&kitchen_sink()), values(&path));
    assert_eq!(
        serde_json::to_value(read(&kitchen_sink())).unwrap(),
        serde_json::to_value(read(&path)).unwrap()
    );
}

/// The workbook (`ties workbook`), read as a self-assessment, and `ties import` of it, give
/// the same self-assessment as the YAML, value for value.
#[test]
fn the_workbook_and_import_keep_every_field() {
    let dir = crate::scratch("kitchen-sink-workbook");
    let source = kitchen_sink();
    ok_in(
        &dir,
        &["workbook", source.to_str().unwrap(), "-o", "2025.xlsx"],
    );
    ok_in(&dir, &["import", "2025.xlsx", "-o", "imported.yaml"]);
    let expected = serde_json::to_value(read(&source)).unwrap();
    for file in ["2025.xlsx", "imported.yaml"] {
        let path = dir.join(file);
        assert_eq!(values(&source), values(&path), "{file}");
        assert_eq!(
            expected,
            serde_json::to_value(read(&path)).unwrap(),
            "{file}"
        );
    }
}

/// The schema `ties schema` writes accepts the kitchen sink, and refuses a name it does not
/// know in every group of it: so each field the kitchen sink sets is one the schema lists.
#[test]
fn the_schema_lists_every_field() {
    let schema: Value = serde_json::from_str(&crate::ok(&["schema"])).unwrap();
    let validator: Validator = jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let file = crate::read_source(&kitchen_sink());
    let node = ties::load::parse(&file).unwrap();
    let doc: Value = ties::load::decode(&file, &node).unwrap();
    let refused: Vec<String> = validator
        .iter_errors(&doc)
        .map(|e| format!("at `{}`: {e}", e.instance_path()))
        .collect();
    assert!(refused.is_empty(), "{}", refused.join("\n"));
    // Every group of the file, by its JSON pointer.
    fn groups(v: &Value, at: String, out: &mut Vec<String>) {
        match v {
            Value::Object(map) => {
                out.push(at.clone());
                for (k, v) in map {
                    groups(
                        v,
                        format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                        out,
                    );
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    groups(v, format!("{at}/{i}"), out);
                }
            }
            _ => {}
        }
    }
    let mut pointers = Vec::new();
    groups(&doc, String::new(), &mut pointers);
    assert!(pointers.len() > 15, "{pointers:?}");
    for pointer in pointers {
        let mut changed = doc.clone();
        let group = changed
            .pointer_mut(&pointer)
            .unwrap()
            .as_object_mut()
            .unwrap();
        group.insert("not_a_field".into(), Value::String("x".into()));
        assert!(
            !validator.is_valid(&changed),
            "the schema lets a name it does not know into `{pointer}`"
        );
    }
}

/// A new year started from the kitchen sink (`ties init --from`) carries what the format says
/// is carried, and nothing is lost on the way: every answer and its evidence, marked with the
/// year it came from (an answer already marked keeps its year); each measure's baseline and
/// target, not its figures; the open and in-progress actions. The new year is not completed.
#[test]
fn a_new_year_carries_every_field_that_is_carried() {
    let dir = crate::scratch("kitchen-sink-carry");
    let source = kitchen_sink();
    ok_in(
        &dir,
        &[
            "init",
            "--from",
            source.to_str().unwrap(),
            "-o",
            "2026.yaml",
        ],
    );
    let mut expected = values(&source);
    let from = expected["year"].clone();
    let o = expected.as_object_mut().unwrap();
    o.insert("year".into(), Value::from(2026));
    o.remove("completed_on");
    o.remove("completed_by");
    let mark = |v: &mut Value| {
        let entry = v.as_object_mut().unwrap();
        if !entry.contains_key("carried_from") {
            entry.insert("carried_from".into(), from.clone());
        }
    };
    for r in o["responses"].as_object_mut().unwrap().values_mut() {
        mark(r);
        for e in r["evidence"].as_array_mut().unwrap() {
            mark(e);
        }
    }
    let metrics = o["metrics"].as_object_mut().unwrap();
    for m in metrics.values_mut() {
        m.as_object_mut()
            .unwrap()
            .retain(|k, _| ["baseline", "target", "restricted"].contains(&k.as_str()));
    }
    metrics.retain(|_, m| m.get("baseline").is_some() || m.get("target").is_some());
    o["actions"]
        .as_array_mut()
        .unwrap()
        .retain(|x| x["status"] == "open" || x["status"] == "in-progress");
    assert_eq!(expected, values(&dir.join("2026.yaml")));
}

/// The format's description, `docs/assessment-format.md`, names every field and every choice.
#[test]
fn the_format_is_documented_in_full() {
    let docs = std::fs::read_to_string(root().join("docs/assessment-format.md")).unwrap();
    let missing: Vec<String> = every_field(&read(&kitchen_sink()))
        .into_keys()
        .filter(|name| {
            let wanted = match name.split_once('=') {
                Some((_, choice)) => choice.to_string(),
                None => format!("{}:", name.rsplit('.').next().unwrap()),
            };
            !docs.contains(&wanted)
        })
        .collect();
    assert!(
        missing.is_empty(),
        "docs/assessment-format.md does not describe {}",
        missing.join(", ")
    );
}

/// The inspector's report shows every field that reports show: each value the kitchen sink
/// gives it appears in the report, in Markdown and in HTML, and each restricted part is marked
/// on its own line.
#[test]
fn the_report_shows_every_field_it_shows() {
    let a = read(&kitchen_sink());
    let shown = shown_in_report(&a);
    // Each field is either shown, or said here not to be shown, and why.
    for name in every_field(&a).keys() {
        let not_shown = NOT_IN_REPORTS.iter().any(|(n, _)| n == name);
        assert!(
            shown.contains_key(name) != not_shown,
            "say once whether the report shows `{name}`: in `shown_in_report` or in \
             `NOT_IN_REPORTS`"
        );
    }
    for format in ["md", "html"] {
        let report = Test::new()
            .args([
                "report",
                KITCHEN_SINK,
                "--audience",
                "inspector",
                "--format",
                format,
            ])
            .status(0)
            .run()
            .stdout
            .replace("&#x27;", "'")
            .replace("&#x2f;", "/")
            .replace("&quot;", "\"");
        let mut missing = Vec::new();
        for (name, wanted) in &shown {
            for Shown { line, with } in wanted {
                let found = report.lines().any(|l| {
                    l.contains(line.as_str()) && with.iter().all(|w| l.contains(w.as_str()))
                });
                if !found {
                    missing.push(format!("{name}: a line with {line:?} and {with:?}"));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "the inspector's {format} report does not show:\n{}",
            missing.join("\n")
        );
    }
}

/// Fields no report shows, and why. The last three are gaps in the reports as they are, kept
/// here so that they are known; showing them changes the reports.
const NOT_IN_REPORTS: &[(&str, &str)] = &[
    ("ties", "the format's version"),
    ("responses", "a group: its entries are shown"),
    ("metrics", "a group: its entries are shown"),
    ("actions", "a group: its entries are shown"),
    (
        "establishment.public_contacts",
        "only lets these contact details past the personal-data guard",
    ),
    (
        "response.carried_from",
        "`ties check` lists the answers carried forward and not yet confirmed",
    ),
    (
        "evidence.carried_from",
        "`ties check` lists the answers carried forward and not yet confirmed",
    ),
    (
        "metric.note",
        "not shown yet: the report's view has it, the templates do not show it",
    ),
    (
        "metric.restricted",
        "not marked yet: the report does not mark a restricted measure",
    ),
];

/// A line of the report that must contain `line`, and `with` too.
struct Shown {
    line: String,
    with: Vec<String>,
}

/// What the report shows of each field of `a`: the texts that must appear in it, each on a
/// line with what must stand beside it.
fn shown_in_report(a: &Assessment) -> BTreeMap<String, Vec<Shown>> {
    let catalog = ties::model::catalog::Catalog::bundled().0;
    let mut shown: BTreeMap<String, Vec<Shown>> = BTreeMap::new();
    let mut show = |name: &str, line: &str, with: &[&str]| {
        shown.entry(name.to_string()).or_default().push(Shown {
            line: line.to_string(),
            with: with.iter().map(|w| w.to_string()).collect(),
        })
    };
    let e = &a.establishment;
    show("establishment.id", &e.id, &[&e.name]);
    show("establishment.name", &e.name, &[]);
    show("establishment.nation", e.nation.label(), &[]);
    show("establishment.region", e.region.as_deref().unwrap(), &[]);
    show(
        "establishment.comparator_group",
        e.comparator_group.as_deref().unwrap(),
        &[],
    );
    show("establishment.type", e.kind.as_deref().unwrap(), &[]);
    show("year", &format!("self-assessment {}", *a.year), &[]);
    show(
        "completed_on",
        a.completed_on.as_deref().unwrap(),
        &["Completed on"],
    );
    show("completed_by", a.completed_by.as_deref().unwrap(), &[]);
    let mut frameworks = Vec::new();
    for f in a.frameworks.iter() {
        let fw = catalog.resolve(f).unwrap();
        show("frameworks", &fw.title, &["version"]);
        frameworks.push(fw);
    }
    let item_of = |key: &str| {
        let (fid, iid) = key.split_once('/').unwrap();
        let fw = frameworks.iter().find(|f| *f.id == fid).unwrap();
        (fw, fw.item(iid).unwrap())
    };
    for (key, r) in a.responses.iter() {
        let (fw, item) = item_of(key);
        if let Some(rating) = &r.rating {
            let scale = fw.item_scale(item).unwrap();
            show(
                "response.rating",
                &scale.level(rating).unwrap().1.label,
                &["Rating"],
            );
        }
        if let Some(c) = r.confidence {
            show("response.confidence", c.id(), &["Confidence"]);
            show(&format!("confidence={}", c.id()), c.id(), &["Confidence"]);
        }
        for ev in &r.evidence {
            let kind = fw
                .evidence_kinds
                .iter()
                .find(|k| *k.id == *ev.kind)
                .unwrap();
            show("response.evidence", &ev.text, &[]);
            show("evidence.text", &ev.text, &[]);
            show("evidence.kind", &ev.text, &[&kind.label]);
            if let Some(date) = &ev.date {
                show("evidence.date", &ev.text, &[date]);
            }
            if ev.restricted {
                show("evidence.restricted", &ev.text, &["Restricted"]);
            }
        }
        if let Some(n) = &r.narrative {
            // Each paragraph, up to its first Markdown mark.
            for paragraph in n.split("\n\n") {
                let plain = paragraph.split(['*', '_', '[', '`']).next().unwrap().trim();
                show("response.narrative", plain, &[]);
            }
        }
        for s in &r.strengths {
            show("response.strengths", s, &[]);
        }
        for d in &r.development {
            show("response.development", d, &[]);
        }
        if r.restricted {
            show("response.restricted", &item.text, &["Restricted"]);
        }
        if let Some(reason) = r.not_applicable.text() {
            show("response.not_applicable", reason, &[]);
        }
    }
    for (key, m) in a.metrics.iter() {
        let (_, item) = item_of(key);
        let percent = |v: f64| format!("{:.0}%", v * 100.0);
        if let Some(v) = &m.value {
            show("metric.value", &item.text, &[&percent(**v)]);
        }
        if let (Some(n), Some(d)) = (&m.numerator, &m.denominator) {
            let counts = format!("{} of {}", **n, **d);
            show("metric.numerator", &item.text, &[&counts]);
            show("metric.denominator", &item.text, &[&counts]);
        }
        if let Some(b) = &m.baseline {
            show("metric.baseline", &item.text, &[&percent(**b)]);
        }
        if let Some(t) = &m.target {
            show("metric.target", &item.text, &[&percent(**t)]);
        }
    }
    for x in &a.actions {
        show("action.id", &x.what, &[&x.id]);
        show("action.what", &x.what, &[]);
        show("action.owner", &x.what, &[&x.owner]);
        show("action.status", &x.what, &[]);
        let status = format!("status={}", x.status.id());
        show(&status, &x.what, &[]);
        if x.status.is_live() {
            show("action.status", &x.what, &[x.status.label()]);
            show(&status, &x.what, &[x.status.label()]);
        }
        // A done action shows when it was done, not when it was due.
        if let (Some(due), true) = (&x.due, x.status.is_live()) {
            show("action.due", &x.what, &[due]);
        }
        if let Some(done) = &x.done_on {
            show("action.done_on", &x.what, &[done]);
        }
        if !x.items.is_empty() && x.status.is_live() {
            let items: Vec<&str> = x.items.iter().map(|i| i.as_str()).collect();
            show("action.items", &x.what, &[&items.join(", ")]);
        }
        // Markdown shows a note on dropped actions only (HTML on live and dropped ones).
        if let (Some(note), ActionStatus::Dropped) = (&x.note, *x.status) {
            show("action.note", &x.what, &[note]);
        }
        if x.restricted {
            show("action.restricted", &x.what, &["Restricted"]);
        }
    }
    shown
}
