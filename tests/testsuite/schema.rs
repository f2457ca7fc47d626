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

/// The file the first line of a YAML file names as its schema, found as the YAML language
/// server finds it: a path from the file's folder, or a `file:` address.
fn named_schema(file: &Path) -> PathBuf {
    let text = std::fs::read_to_string(file).unwrap();
    let first = text.lines().next().unwrap();
    let schema = first
        .strip_prefix("# yaml-language-server: $schema=")
        .unwrap_or_else(|| panic!("the first line does not name a schema: {first}"));
    assert!(!schema.contains(char::is_whitespace), "{first}");
    match schema.strip_prefix("file://") {
        Some(address) => {
            // `file:///C:/Users/...` on Windows names `C:/Users/...`.
            let drive = address.get(2..3) == Some(":");
            let address = if drive { &address[1..] } else { address };
            PathBuf::from(
                address
                    .replace("%20", " ")
                    .replace("%23", "#")
                    .replace("%25", "%"),
            )
        }
        None => file.parent().unwrap().join(schema),
    }
}

/// Editor help works out of the box: in a fresh folder, `ties init` writes the schema where the
/// first line of the file it writes points, the same schema `ties schema` writes, wherever the
/// file goes; a schema already there is never replaced.
#[test]
fn init_leaves_a_first_line_that_finds_its_schema() {
    let dir = crate::scratch("schema-out-of-the-box");
    let init = |year: &str, out: Option<&str>| {
        let mut args = crate::new_assessment_args("init", year, "farmer-offer");
        args.extend(
            out.map(|o| ["-o".to_string(), o.to_string()])
                .into_iter()
                .flatten(),
        );
        Test::in_dir(&dir).args(args).status(0).run()
    };
    let first = init("2025", None);
    assert!(
        first
            .stdout
            .contains("Wrote schemas/assessment.schema.json, with which an editor completes"),
        "{first}"
    );
    let schema = dir.join("schemas/assessment.schema.json");
    let written = std::fs::read_to_string(&schema).unwrap();
    assert_eq!(
        written,
        Test::in_dir(&dir).args(["schema"]).status(0).run().stdout
    );
    // Wherever the file is written, its first line finds the schema.
    std::fs::create_dir_all(dir.join("Hunanasesiad 2025/drafts")).unwrap();
    for (year, out) in [
        ("2025", "assessments/hmp-example/2025.yaml"),
        ("2026", "2026.yaml"),
        ("2027", "Hunanasesiad 2025/drafts/2027.yaml"),
    ] {
        if out != "assessments/hmp-example/2025.yaml" {
            let again = init(year, Some(out));
            // The schema is there already, and the same: nothing is said of it.
            assert!(!again.stdout.contains("schema"), "{again}");
        }
        let named = named_schema(&dir.join(out));
        assert_eq!(
            std::fs::canonicalize(&named).unwrap(),
            std::fs::canonicalize(&schema).unwrap(),
            "{out} names {}",
            named.display()
        );
    }
    // A schema of the person's own is left as it is, with a word on how to write it again.
    std::fs::write(&schema, "{}").unwrap();
    let own = init("2028", Some("2028.yaml"));
    assert!(
        own.stdout.contains(
            "was left as it is, though it is not what this ties writes for its frameworks"
        ),
        "{own}"
    );
    assert!(
        own.stdout
            .contains("ties schema -o schemas/assessment.schema.json"),
        "{own}"
    );
    assert_eq!(std::fs::read_to_string(&schema).unwrap(), "{}");
}

/// `ties schema -o` in a fresh folder makes the folders it writes into.
#[test]
fn schema_makes_the_folder_it_writes_into() {
    let dir = crate::scratch("schema-new-folder");
    Test::in_dir(&dir)
        .args(["schema", "-o", "schemas/assessment.schema.json"])
        .status(0)
        .stdout("")
        .run();
    let written = std::fs::read_to_string(dir.join("schemas/assessment.schema.json")).unwrap();
    assert_eq!(written, ok(&["schema"]));
}

/// `ties import` into another folder (a shared drive beside the team's folder, whose way back
/// holds a space): the first line of what it writes finds the schema from there.
#[test]
fn import_to_another_folder_names_the_schema_from_there() {
    let dir = crate::scratch("schema-import");
    let team = dir.join("family team");
    std::fs::create_dir_all(&team).unwrap();
    std::fs::create_dir_all(dir.join("shared drive/hmp-example")).unwrap();
    Test::in_dir(&team)
        .args(crate::new_assessment_args(
            "workbook",
            "2025",
            "farmer-offer",
        ))
        .args(["-o", "2025.xlsx"])
        .status(0)
        .run();
    for out in ["../shared drive/hmp-example/2025.yaml", "2025.yaml"] {
        Test::in_dir(&team)
            .args(["import", "2025.xlsx", "-o", out])
            .status(0)
            .run();
        let named = named_schema(&team.join(out));
        assert_eq!(
            std::fs::canonicalize(&named).unwrap(),
            std::fs::canonicalize(team.join("schemas/assessment.schema.json")).unwrap(),
            "{out} names {}",
            named.display()
        );
    }
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
    let file = crate::read_source(path);
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
