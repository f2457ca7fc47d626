//! `ties schema`: the committed schemas in `schemas/` are exactly what `ties` writes, every
//! bundled file is valid against them, a new file from `ties init` finds its schema, and broken
//! files are refused at the place and for the reason `ties check` refuses them. The validator is
//! the `jsonschema` crate, in draft-07 with formats checked, as the YAML language server reads
//! the schemas.

use std::path::{Path, PathBuf};

use jsonschema::Validator;
use serde_json::{Value, json};

use crate::{BUNDLED, MINI_FRAMEWORKS, Test, ok, root};

/// The committed schemas and the arguments of `ties` that write each.
const COMMITTED: [(&str, &[&str]); 3] = [
    ("schemas/assessment.schema.json", &["schema"]),
    ("schemas/framework.schema.json", &["schema", "framework"]),
    ("schemas/register.schema.json", &["schema", "register"]),
];

#[test]
fn the_committed_schemas_are_what_ties_writes() {
    let mut stale = Vec::new();
    for (path, args) in COMMITTED {
        let written = ok(args);
        assert_eq!(
            written,
            ok(args),
            "`ties {}` wrote two different schemas",
            args.join(" ")
        );
        let committed = std::fs::read_to_string(root().join(path)).unwrap_or_default();
        if written != committed {
            stale.push(format!("  cargo run -- {} -o {path}", args.join(" ")));
        }
    }
    assert!(
        stale.is_empty(),
        "the schemas in schemas/ are not what ties writes now (a framework, the model or the \
         schema's code changed). Write them again, from the project's folder, and commit them:\n{}",
        stale.join("\n")
    );
}

#[test]
fn the_schemas_are_valid_draft_07() {
    for (path, _) in COMMITTED {
        let schema = committed(path);
        if let Err(e) = jsonschema::draft7::meta::validate(&schema) {
            panic!(
                "{path} is not a valid draft-07 schema: {e} at {}",
                e.instance_path()
            );
        }
    }
}

#[test]
fn every_bundled_example_and_framework_is_valid() {
    let assessment = validator(&committed("schemas/assessment.schema.json"));
    let register = validator(&committed("schemas/register.schema.json"));
    let framework = validator(&committed("schemas/framework.schema.json"));
    let mut problems = Vec::new();
    let mut checked = 0;
    for path in yaml_files(&root().join("assessments")) {
        let value = read(&path);
        let schema = if value.get("establishments").is_some() {
            &register
        } else {
            &assessment
        };
        problems.extend(refusals(schema, &value, &path));
        checked += 1;
    }
    for path in yaml_files(&root().join("frameworks")) {
        problems.extend(refusals(&framework, &read(&path), &path));
        checked += 1;
    }
    assert!(checked > 20, "only {checked} files were found to check");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_test_fixtures_are_valid_against_a_schema_with_their_framework() {
    let schema = ok(&["--frameworks", MINI_FRAMEWORKS, "schema"]);
    let assessment = validator(&serde_json::from_str(&schema).unwrap());
    let framework = validator(&committed("schemas/framework.schema.json"));
    let mut problems = Vec::new();
    for path in yaml_files(&root().join("tests/fixtures/assessments")) {
        problems.extend(refusals(&assessment, &read(&path), &path));
    }
    for path in yaml_files(&root().join(MINI_FRAMEWORKS)) {
        problems.extend(refusals(&framework, &read(&path), &path));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_schema_for_some_frameworks_lists_only_their_items() {
    let schema: Value =
        serde_json::from_str(&ok(&["schema", "--framework", "farmer-offer"])).unwrap();
    let responses = schema["properties"]["responses"]["properties"]
        .as_object()
        .unwrap();
    assert!(responses.contains_key("farmer-offer/visitor-centre"));
    assert!(
        responses.keys().all(|k| k.starts_with("farmer-offer/")),
        "{responses:?}"
    );
    // Measures go under metrics, never under responses.
    assert!(!responses.contains_key("farmer-offer/visits-on-entry"));
    let metrics = schema["properties"]["metrics"]["properties"]
        .as_object()
        .unwrap();
    assert!(metrics.contains_key("farmer-offer/visits-on-entry"));
    // A framework that is not there is refused as everywhere else (the command was used
    // wrongly), with the ones there are.
    let run = Test::new()
        .args(["schema", "--framework", "farmer-ofer"])
        .status(2)
        .stdout("")
        .run();
    assert!(run.stderr.contains("did you mean `farmer-offer`?"), "{run}");
    // --framework is for a self-assessment only.
    Test::new()
        .args(["schema", "framework", "--framework", "farmer-offer"])
        .status(2)
        .stdout("")
        .run();
}

#[test]
fn the_help_says_what_the_schema_is_for_and_how_an_editor_finds_it() {
    let runs = [
        Test::new().args(["schema", "--help"]).status(0).run(),
        Test::new()
            .args(["schema", "register", "--framework", "farmer-offer"])
            .status(2)
            .run(),
    ];
    let all: Vec<String> = runs.iter().map(|r| r.to_string()).collect();
    insta::assert_snapshot!(all.join("\n"));
}

#[test]
fn a_new_file_from_init_names_the_committed_schema_and_is_valid_against_it() {
    let dir = crate::scratch("schema-init");
    Test::in_dir(&dir)
        .args(crate::new_assessment_args(
            "init",
            "2025",
            &BUNDLED.join(","),
        ))
        .status(0)
        .run();
    let path = Path::new("assessments/hmp-example/2025.yaml");
    let text = std::fs::read_to_string(dir.join(path)).unwrap();
    let first = text.lines().next().unwrap();
    let schema = first
        .strip_prefix("# yaml-language-server: $schema=")
        .unwrap_or_else(|| panic!("the first line does not name a schema: {first}"));
    // The path is from the file's folder: in the project's own layout it is the committed schema.
    let named = path.parent().unwrap().join(schema);
    let named: PathBuf = named.components().fold(PathBuf::new(), |mut p, c| {
        match c {
            std::path::Component::ParentDir => {
                p.pop();
            }
            c => p.push(c),
        }
        p
    });
    assert_eq!(named, Path::new("schemas/assessment.schema.json"));
    assert!(root().join(&named).is_file());
    let problems = refusals(
        &validator(&committed("schemas/assessment.schema.json")),
        &read(&dir.join(path)),
        path,
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A new year started from last year's (`ties init --from`) marks its answers `carried_from`,
/// and is valid against the committed schema.
#[test]
fn a_file_carried_forward_from_last_year_is_valid() {
    let dir = crate::scratch("schema-init-from");
    let last = root().join("assessments/hmp-harrowfield/2025.yaml");
    Test::in_dir(&dir)
        .args(["init", "--from"])
        .arg(&last)
        .args(["-o", "2026.yaml"])
        .status(0)
        .run();
    let path = dir.join("2026.yaml");
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("carried_from: 2025")
    );
    let problems = refusals(
        &validator(&committed("schemas/assessment.schema.json")),
        &read(&path),
        Path::new("2026.yaml"),
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Broken self-assessments the schema refuses, where `ties check` does, for the same reason: the
/// fixture, the place in the file (a JSON pointer, `/` in a key written `~1`) and a part of the
/// validator's message.
#[rustfmt::skip]
const REFUSED: &[(&str, &str, &str)] = &[
    ("action-unknown-item", "/actions/0/items/0", "\"farmer-offer/family-learnin\" is not one of"),
    ("criterion-under-metrics", "/metrics", "'farmer-offer/family-learning' was unexpected"),
    ("format-version-2", "/ties", "1 was expected"),
    ("framework-not-listed", "/responses", "\"hmpps-family-practice/easy-to-read\" does not match"),
    ("impossible-date", "/responses/farmer-offer~1visitor-centre/evidence/0/date", "is not a \"date\""),
    ("item-without-framework", "/responses", "'family-learning' was unexpected"),
    ("metric-under-responses", "/responses", "'farmer-offer/visits-on-entry' was unexpected"),
    ("missing-establishment", "", "\"establishment\" is a required property"),
    ("negative-figure", "/metrics/farmer-offer~1family-engagement-on-entry/numerator", "less than the minimum of 0"),
    ("not-a-date", "/completed_on", "does not match"),
    ("not-applicable-empty", "/responses/farmer-offer~1extended-visits/not_applicable", "null is not of type \"string\""),
    ("not-applicable-forbidden", "/responses/hmpps-family-practice~1easy-to-read", "'not_applicable' was unexpected"),
    ("not-applicable-true", "/responses/farmer-offer~1extended-visits/not_applicable", "true is not of type \"string\""),
    ("rating-and-not-applicable", "/responses/farmer-offer~1extended-visits/rating", "\"planned\" is not of type \"null\""),
    ("rating-is-label", "/responses/farmer-offer~1staffing-structure/rating", "\"Partly in place\" is not one of"),
    ("rating-not-in-scale", "/responses/farmer-offer~1staffing-structure/rating", "\"partly-in-plce\" is not one of"),
    ("unknown-evidence-kind", "/responses/farmer-offer~1visitor-centre/evidence/0/kind", "\"family-feedbak\" is not one of"),
    ("unknown-field", "/responses/farmer-offer~1staffing-structure", "'narative' was unexpected"),
    ("unknown-framework", "/frameworks/0", "\"farmer-ofer\" is not one of"),
    ("unknown-item", "/responses", "'farmer-offer/extended-visit' was unexpected"),
    ("unknown-status", "/actions/0/status", "\"in progress\" is not one of"),
    ("wrong-type-year", "/year", "is not of type \"integer\""),
    ("zero-denominator", "/metrics/farmer-offer~1visits-on-exit/denominator", "less than or equal to the minimum of 0"),
];

/// Broken self-assessments that no schema can refuse: `ties check` alone finds these. (An empty
/// file, a file of comments, a list, and a key given twice are refused by `ties` as it reads the
/// file, before any schema could see them; an editor's own YAML reading finds those.)
const BEYOND_A_SCHEMA: &[&str] = &["duplicate-action-id", "numerator-above-denominator"];

#[test]
fn broken_files_are_refused_where_and_why_ties_refuses_them() {
    let schema = validator(&committed("schemas/assessment.schema.json"));
    let mut wrong = Vec::new();
    for (name, place, reason) in REFUSED {
        let path = broken(name);
        let found: Vec<(String, String)> = schema
            .iter_errors(&read(&root().join(&path)))
            .map(|e| (e.instance_path().to_string(), e.to_string()))
            .collect();
        if !found.iter().any(|(p, m)| p == place && m.contains(reason)) {
            wrong.push(format!(
                "{name}: expected `{reason}` at `{place}`, found {found:#?}"
            ));
        }
        // And ties refuses it too.
        Test::new()
            .args(["check", &path.to_string_lossy()])
            .status(1)
            .run();
    }
    for name in BEYOND_A_SCHEMA {
        let path = broken(name);
        let found = refusals(&schema, &read(&root().join(&path)), &path);
        if !found.is_empty() {
            wrong.push(format!(
                "{name}: the schema now refuses it; move it to REFUSED: {found:#?}"
            ));
        }
        Test::new()
            .args(["check", &path.to_string_lossy()])
            .status(1)
            .run();
    }
    // What an editor reads from an empty file (nothing) and from a list is not a self-assessment.
    for value in [Value::Null, json!([{ "ties": 1 }])] {
        assert!(!schema.is_valid(&value), "{value}");
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A committed schema.
fn committed(path: &str) -> Value {
    let text = std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A draft-07 validator for `schema` that checks formats (dates), as editors do.
fn validator(schema: &Value) -> Validator {
    jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(schema)
        .unwrap_or_else(|e| panic!("not a schema: {e}"))
}

/// A file read as `ties` reads it, as JSON.
fn read(path: &Path) -> Value {
    let file = ties::load::read_source(path).unwrap_or_else(|d| panic!("{}", d.render(None)));
    let node = ties::load::parse(&file).unwrap_or_else(|d| panic!("{}", d.render(Some(&file))));
    ties::load::decode(&file, &node).unwrap_or_else(|d| panic!("{}", d.render(Some(&file))))
}

/// What `schema` finds wrong with `value`, the file at `path`: one line each.
fn refusals(schema: &Validator, value: &Value, path: &Path) -> Vec<String> {
    schema
        .iter_errors(value)
        .map(|e| format!("{}: at `{}`: {e}", path.display(), e.instance_path()))
        .collect()
}

fn broken(name: &str) -> PathBuf {
    Path::new("tests/fixtures/broken-assessments").join(format!("{name}.yaml"))
}

/// The YAML files below `dir`, in order.
fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            out.extend(yaml_files(&path));
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
    out
}
