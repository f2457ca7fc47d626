//! The estate's tables for analysts (`ties compare --format csv|json|xlsx`): every column
//! described in `docs/tables.md`, a range of years as long tables, and the mistakes a person can
//! make in asking for them. What the tables hold is pinned in `compare.rs`; pandas reads them
//! in `tests/analyst/`.

use std::collections::BTreeMap;

use ties::view::estate_export::TABLES;

use crate::{Test, ok, root, scratch};

/// Each table of `docs/tables.md` (a heading `` ## `name` ``) with the columns its table lists,
/// in order.
fn dictionary() -> BTreeMap<String, Vec<String>> {
    let text = std::fs::read_to_string(root().join("docs/tables.md")).expect("docs/tables.md");
    let mut tables = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        if let Some(name) = line
            .strip_prefix("## `")
            .and_then(|rest| rest.strip_suffix('`'))
        {
            current = Some(name.to_string());
            tables.insert(name.to_string(), Vec::new());
        } else if line.starts_with("## ") {
            current = None;
        } else if let (Some(name), Some(column)) = (
            &current,
            line.strip_prefix("| `")
                .and_then(|rest| rest.split_once("` |"))
                .map(|(c, _)| c),
        ) {
            tables
                .get_mut(name)
                .expect("a table")
                .push(column.to_string());
        }
    }
    tables
}

/// The dictionary describes every table `ties` writes and every column, in the order written,
/// and nothing else: the CSV files' headers, the JSON's records and the library's list agree.
#[test]
fn the_dictionary_describes_every_column_of_every_table() {
    let described = dictionary();
    let listed: BTreeMap<String, Vec<String>> = TABLES
        .iter()
        .map(|k| {
            (
                k.name.to_string(),
                k.columns.iter().map(|c| c.to_string()).collect(),
            )
        })
        .collect();
    assert_eq!(described, listed);
    let dir = scratch("tables-dictionary");
    let out = dir.join("tables");
    ok(&[
        "compare",
        "assessments",
        "--format",
        "csv",
        "-o",
        out.to_str().unwrap(),
    ]);
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["compare", "assessments", "--format", "json"])).unwrap();
    for (name, columns) in &described {
        let csv = std::fs::read_to_string(out.join(format!("{name}.csv")))
            .unwrap_or_else(|e| panic!("{name}.csv: {e}"));
        assert_eq!(
            csv.lines().next().unwrap_or(""),
            columns.join(","),
            "{name}.csv"
        );
        let records = json["tables"][name]
            .as_array()
            .unwrap_or_else(|| panic!("no {name} in the JSON"));
        for r in records {
            let keys: Vec<&String> = r.as_object().unwrap().keys().collect();
            let mut expected: Vec<&String> = columns.iter().collect();
            expected.sort();
            assert_eq!(keys, expected, "{name} in the JSON");
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A range of years gives each table for every year in turn, each record with its year: the
/// same rows as the years run one by one. The JSON holds the years and the tables; the workbook
/// a sheet per table and no year's matrix.
#[test]
fn a_range_of_years_gives_long_tables() {
    for table in ["sections", "actions", "not-submitted"] {
        let long = ok(&[
            "compare",
            "assessments",
            "--years",
            "2020-2025",
            "--format",
            "csv",
            "--table",
            table,
        ]);
        let mut one_by_one = String::new();
        for year in ["2023", "2024", "2025"] {
            let alone = ok(&[
                "compare",
                "assessments",
                "--year",
                year,
                "--format",
                "csv",
                "--table",
                table,
            ]);
            let mut lines = alone.split_inclusive('\n');
            let header = lines.next().unwrap_or("");
            if one_by_one.is_empty() {
                one_by_one.push_str(header);
            }
            assert!(lines.clone().count() > 0, "{table} {year}");
            one_by_one.extend(lines);
        }
        assert_eq!(long, one_by_one, "{table}");
    }
    let json: serde_json::Value = serde_json::from_str(&ok(&[
        "compare",
        "assessments",
        "--years",
        "2023-2025",
        "--format",
        "json",
    ]))
    .unwrap();
    let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["tables", "ties_compare", "years"]);
    assert_eq!(json["years"], serde_json::json!([2023, 2024, 2025]));
    let dir = scratch("tables-years-xlsx");
    let xlsx = dir.join("years.xlsx");
    ok(&[
        "compare",
        "assessments",
        "--years",
        "2023-2025",
        "--format",
        "xlsx",
        "-o",
        xlsx.to_str().unwrap(),
    ]);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&xlsx).unwrap()).unwrap();
    let mut workbook = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/workbook.xml").unwrap(), &mut workbook)
        .unwrap();
    let sheets: Vec<&str> = workbook
        .split("<sheet name=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    let expected: Vec<&str> = TABLES.iter().map(|k| k.sheet).collect();
    assert_eq!(sheets, expected);
    // Closed first: Windows removes no folder that holds an open file.
    drop(zip);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Asking for the tables wrongly is a usage mistake (exit 2) that says what to do.
#[test]
fn the_tables_are_asked_for_plainly() {
    let mistakes: [(&[&str], &str); 6] = [
        (
            &["--format", "csv"],
            "a CSV file holds one table: choose one with --table (establishments, frameworks, \
             sections, items, measures, actions, peers, not-submitted, files-left-out), or give a \
             folder with -o",
        ),
        (
            &["--table", "items"],
            "--table chooses the table a CSV file holds: give --format csv too",
        ),
        (
            &["--years", "2023-2025"],
            "a document (md or html) is of one year: give --year, or use --years with --format \
             csv, json or xlsx",
        ),
        (
            &["--year", "2010"],
            "no self-assessment is for the year 2010 (--year 2010): the years there are: 2023, \
             2024, 2025\n",
        ),
        (
            &["--years", "2010-2015", "--format", "json"],
            "no self-assessment is for a year from 2010 to 2015 (--years 2010-2015): the years \
             there are: 2023, 2024, 2025\n",
        ),
        (
            &["--years", "2025-2016", "--format", "json"],
            "the range `2025-2016` ends before it starts: give the earlier year first, such as \
             2016-2025",
        ),
    ];
    for (args, message) in mistakes {
        let run = Test::new()
            .args(["compare", "assessments"])
            .args(args)
            .status(2)
            .stdout("")
            .run();
        assert!(run.stderr.contains(message), "{args:?}\n{run}");
    }
    // A CSV table's name is one of the tables.
    let run = Test::new()
        .args([
            "compare",
            "assessments",
            "--format",
            "csv",
            "--table",
            "prisons",
        ])
        .status(2)
        .run();
    assert!(run.stderr.contains("not-submitted"), "{run}");
    // A CSV file's name, as -o took before the tables had a file each, is not made a folder.
    let run = Test::new()
        .args([
            "compare",
            "assessments",
            "--format",
            "csv",
            "-o",
            "estate.csv",
        ])
        .status(2)
        .run();
    assert!(
        run.stderr.contains(
            "estate.csv names a CSV file, but the tables are a file each: give a folder with -o"
        ),
        "{run}"
    );
    // A folder for the tables that is a file is refused.
    let run = Test::in_scratch("tables-folder-is-a-file")
        .file("tables", "a file")
        .args(["compare", root().join("assessments").to_str().unwrap()])
        .args(["--format", "csv", "-o", "tables"])
        .status(2)
        .run();
    assert!(
        run.stderr
            .contains("tables is a file: give a folder with -o"),
        "{run}"
    );
}

/// A filter is shown as the register writes it, whatever was typed, in the document and in the
/// tables.
#[test]
fn a_filter_is_shown_as_the_register_writes_it() {
    let file = |id: &str| {
        format!(
            "ties: 1\nestablishment: {{ id: {id}, name: HMP {id}, nation: england-wales, region: north west, comparator_group: training }}\n\
             year: 2025\ncompleted_on: 2026-04-01\nframeworks: [farmer-offer]\nresponses:\n\
             \x20 farmer-offer/visitor-centre: {{ rating: planned }}\n"
        )
    };
    let register = "establishments:\n\
        \x20 - { id: hmp-a, name: HMP hmp-a, nation: england-wales, region: North West, comparator_group: Training }\n\
        \x20 - { id: hmp-b, name: HMP hmp-b, nation: england-wales, region: North West, comparator_group: Training }\n";
    let run = Test::in_scratch("tables-filter-spelling")
        .file("hmp-a/2025.yaml", file("hmp-a"))
        .file("register.yaml", register)
        .args([
            "compare",
            ".",
            "--group",
            "TRAINING",
            "--region",
            "north WEST",
        ])
        .status(0)
        .run();
    assert!(
        run.stdout
            .contains("Comparator group: Training. Region: North West."),
        "{run}"
    );
}
