//! `ties compare`, the estate view, on the bundled examples: Markdown, JSON, CSV and XLSX, the
//! same every time and whatever the files' names, no restricted content in any estate output
//! (nor in the trend or the public report), and framework versions compared on what they share.
//! The estate at a glance, the measures and the logic model across the estate are pinned on
//! their own; a generated estate of the real size keeps the document short.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::generator::generate;
use crate::{Test, ok, root, scratch};

#[test]
fn compare_markdown() {
    insta::assert_snapshot!(ok(&["compare", "assessments"]));
}

/// The part of a Markdown document from the line `start` to the next line that starts with
/// one of `end` (a heading of the same level or above).
fn part<'a>(doc: &'a str, start: &str, end: &[&str]) -> &'a str {
    let from = doc
        .find(&format!("\n{start}\n"))
        .unwrap_or_else(|| panic!("no `{start}` in:\n{doc}"))
        + 1;
    let rest = &doc[from + start.len()..];
    let to = end
        .iter()
        .filter_map(|e| rest.find(&format!("\n{e}")))
        .min()
        .map_or(doc.len(), |i| from + start.len() + i + 1);
    &doc[from..to]
}

/// The estate at a glance on the examples, with a due date and a day to judge actions on: who
/// submitted and who was late, coverage and grades by framework, the items most often weak, the
/// measures, the actions overdue and the claims without evidence.
#[test]
fn compare_glance() {
    let doc = ok(&[
        "compare",
        "assessments",
        "--due",
        "2026-04-30",
        "--as-of",
        "2026-06-01",
    ]);
    let glance = part(&doc, "## The estate at a glance", &["## "]);
    assert!(glance.lines().count() < 120, "{glance}");
    insta::assert_snapshot!(glance);
}

/// The measures across the estate, as rates with their counts, spread by comparator group.
#[test]
fn compare_measures() {
    let doc = ok(&["compare", "assessments", "--framework", "farmer-offer"]);
    insta::assert_snapshot!(part(
        &doc,
        "### Measures across the estate",
        &["### ", "## "]
    ));
}

/// The logic model across the estate: establishments at each level of each outcome, by term.
#[test]
fn compare_logic_model() {
    let doc = ok(&[
        "compare",
        "assessments",
        "--framework",
        "sps-family-strategy",
    ]);
    insta::assert_snapshot!(part(
        &doc,
        "### The logic model across the estate",
        &["### Learning", "## "]
    ));
}

/// On a generated estate of the real size (140 establishments; the two years compared), the
/// estate at a glance is under 120 lines and the whole document under 1,600; the glance names
/// those not submitted, gives overdue actions by region and the comparator groups side by side.
#[test]
fn the_estate_of_the_real_size_is_summarised_in_a_page() {
    let dir = scratch("compare-real-size");
    std::fs::remove_dir(&dir).unwrap();
    let (catalog, _) = ties::model::catalog::Catalog::bundled();
    generate::generate(&catalog, &generate::Options::new(140, 2, 1), &dir).unwrap();
    let doc = Test::new()
        .arg("compare")
        .arg(&dir)
        .args(["--due", "2026-04-30"])
        .status(0)
        .run()
        .stdout_utf8();
    let glance = part(&doc, "## The estate at a glance", &["## "]);
    assert!(glance.contains("140 of the 144 establishments"), "{glance}");
    assert!(
        glance.contains("**Not submitted:** HMP Oakhurst, HMP Penness"),
        "{glance}"
    );
    assert!(glance.contains("| Region | Establishments |"), "{glance}");
    assert!(
        glance.contains("### Comparator groups side by side"),
        "{glance}"
    );
    assert!(glance.contains("| reception | "), "{glance}");
    assert!(
        glance.lines().count() < 120,
        "{} lines:\n{glance}",
        glance.lines().count()
    );
    assert!(doc.lines().count() < 1_600, "{} lines", doc.lines().count());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The view in JSON; its tables, under `tables`, are pinned with the CSV's (`tables.rs`).
#[test]
fn compare_json() {
    let text = ok(&["compare", "assessments", "--format", "json"]);
    let mut doc: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(doc["ties_compare"], 1);
    let tables = doc
        .as_object_mut()
        .and_then(|o| o.remove("tables"))
        .expect("the tables");
    assert!(tables["items"].as_array().is_some_and(|a| a.len() > 300));
    insta::assert_snapshot!(format!("{}\n", serde_json::to_string_pretty(&doc).unwrap()));
}

#[test]
fn compare_filters_by_year_and_group() {
    let text = ok(&[
        "compare",
        "assessments",
        "--year",
        "2024",
        "--group",
        "training",
        "--format",
        "json",
    ]);
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["year"], 2024);
    let names: Vec<&str> = doc["establishments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["HMP Ravensdale", "HMP Wrenhurst"]);
}

/// A filter matches whatever the case; one that matches no establishment is a mistake (exit 2)
/// that lists the values there are and the closest, never an empty estate.
#[test]
fn a_filter_that_matches_nothing_says_what_there_is() {
    let items = ["--format", "csv", "--table", "items"];
    let exact = ok(&[
        &["compare", "assessments", "--group", "training"],
        &items[..],
    ]
    .concat());
    let shouted = ok(&[
        &["compare", "assessments", "--group", "TRAINING"],
        &items[..],
    ]
    .concat());
    assert_eq!(exact, shouted);
    let region = ok(&[
        &["compare", "assessments", "--region", "north west"],
        &items[..],
    ]
    .concat());
    assert!(region.contains("North West"), "{region}");
    let run = Test::new()
        .args(["compare", "assessments", "--group", "Trainin"])
        .status(2)
        .stdout("")
        .run();
    assert!(
        run.stderr
            .contains("no establishment has the comparator group \"Trainin\""),
        "{run}"
    );
    assert!(run.stderr.contains("\"reception\", \"training\""), "{run}");
    assert!(
        run.stderr.contains("did you mean --group \"training\"?"),
        "{run}"
    );
    let run = Test::new()
        .args(["compare", "assessments", "--region", "Narnia"])
        .status(2)
        .run();
    assert!(run.stderr.contains("the regions there are: "), "{run}");
    assert!(!run.stderr.contains("did you mean"), "{run}");
    // Each filter matches some establishments (the women's prison is in England), but none
    // matches both.
    let run = Test::new()
        .args([
            "compare",
            "assessments",
            "--nation",
            "scotland",
            "--group",
            "women",
        ])
        .status(2)
        .run();
    assert!(
        run.stderr.contains("no establishment matches them all"),
        "{run}"
    );
}

/// The fields of a CSV document's records, by column, from its header (RFC 4180: quoted fields
/// may hold commas, doubled quotes and line breaks).
fn records(text: &str) -> Vec<BTreeMap<String, String>> {
    let mut rows: Vec<Vec<String>> = vec![Vec::new()];
    let (mut field, mut quoted, mut chars) = (String::new(), false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => rows.last_mut().unwrap().push(std::mem::take(&mut field)),
            ('\r', false) => {}
            ('\n', false) => {
                rows.last_mut().unwrap().push(std::mem::take(&mut field));
                rows.push(Vec::new());
            }
            _ => field.push(c),
        }
    }
    rows.retain(|r| !r.is_empty());
    let header = rows.remove(0);
    rows.into_iter()
        .map(|r| {
            assert_eq!(r.len(), header.len(), "{r:?}");
            header.iter().cloned().zip(r).collect()
        })
        .collect()
}

/// Every table `ties compare assessments ARGS --format csv -o FOLDER` writes, by name, as
/// records (the folder is the scratch folder `name`).
fn tables(name: &str, args: &[&str]) -> BTreeMap<String, Vec<BTreeMap<String, String>>> {
    let dir = scratch(name);
    let out = dir.join("tables");
    let mut all = vec!["compare", "assessments", "--format", "csv", "-o"];
    all.push(out.to_str().unwrap());
    all.extend(args);
    assert_eq!(ok(&all), "");
    let tables = folder_tables(&out);
    std::fs::remove_dir_all(&dir).unwrap();
    tables
}

/// The tables of the examples' latest year, a CSV file each: the records of each kind with ids
/// and labels, numbers as numbers, and what the document counts.
#[test]
fn compare_tables_are_tidy_and_complete() {
    let tables = tables(
        "compare-tables",
        &["--due", "2026-04-30", "--as-of", "2026-06-01"],
    );
    let names: Vec<&str> = tables.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "actions",
            "establishments",
            "files-left-out",
            "frameworks",
            "items",
            "measures",
            "not-submitted",
            "peers",
            "sections"
        ]
    );
    // One row per item of each establishment's frameworks: 8 establishments in 2025, each with
    // its titles, nation (id and name), region, comparator group and year.
    let items = &tables["items"];
    assert!(items.len() > 300, "{} rows", items.len());
    for r in items {
        assert_eq!(r["year"], "2025");
        for column in [
            "name",
            "nation",
            "nation_name",
            "framework_title",
            "section_title",
            "item_title",
        ] {
            assert!(!r[column].is_empty(), "{column}: {r:?}");
        }
    }
    let find = |table: &str, est: &str, item: &str| {
        tables[table]
            .iter()
            .find(|r| r["establishment"] == est && r["item"] == item)
            .unwrap_or_else(|| panic!("no {table} row for {est} {item}"))
            .clone()
    };
    // A measure: its counts and value, and the baseline and target the establishment set,
    // rounded to four places (149 of 347 is 0.42939...).
    let entry = find("measures", "hmp-ferncliffe", "visits-on-entry");
    assert_eq!(
        [
            &entry["measure"],
            &entry["numerator"],
            &entry["denominator"],
            &entry["value"]
        ],
        ["rate", "149", "347", "0.4294"]
    );
    // A rating claimed without evidence: the claimed and the evidenced rating, ids and labels,
    // and the cap.
    let capped = find("items", "hmp-ferncliffe", "visitor-centre");
    assert_eq!(
        [
            &capped["rating"],
            &capped["rating_label"],
            &capped["evidenced_rating"],
            &capped["evidenced_rating_label"],
            &capped["capped"],
            &capped["weak"],
        ],
        [
            "fully-in-place",
            "Fully in place",
            "planned",
            "Planned",
            "true",
            "true"
        ]
    );
    // No number has more than four decimal places, and no share is written as a percentage.
    for (name, rows) in &tables {
        for r in rows {
            for (column, v) in r.iter() {
                if let Some((_, places)) = v.split_once('.')
                    && v.parse::<f64>().is_ok()
                {
                    assert!(places.len() <= 4, "{name} {column} = {v}");
                }
                let percentage = v
                    .strip_suffix('%')
                    .is_some_and(|n| n.parse::<f64>().is_ok());
                assert!(!percentage, "{name} {column} = {v}");
            }
        }
    }
    // A row per section, where the score, coverage and grade are given once.
    let sections = &tables["sections"];
    let ferncliffe = sections
        .iter()
        .find(|r| r["establishment"] == "hmp-ferncliffe" && r["section"] == "minimum-offer")
        .unwrap();
    assert!(ferncliffe["score"].parse::<f64>().is_ok(), "{ferncliffe:?}");
    assert!(!items[0].contains_key("section_score"));
    // Each establishment's overdue actions are the actions listed as overdue.
    let establishments = &tables["establishments"];
    assert_eq!(establishments.len(), 8);
    for e in establishments {
        let listed = tables["actions"]
            .iter()
            .filter(|a| a["establishment"] == e["establishment"] && a["overdue"] == "true")
            .count();
        assert_eq!(e["overdue_actions"], listed.to_string(), "{e:?}");
    }
    assert!(establishments.iter().any(|e| e["late"] == "true"));
    // Every table lists establishments in the order of the establishments table (by name).
    let order: Vec<&str> = establishments
        .iter()
        .map(|e| e["establishment"].as_str())
        .collect();
    for name in [
        "frameworks",
        "sections",
        "items",
        "measures",
        "actions",
        "peers",
    ] {
        let places: Vec<usize> = tables[name]
            .iter()
            .map(|r| {
                order
                    .iter()
                    .position(|e| *e == r["establishment"])
                    .unwrap_or_else(|| panic!("{name}: {r:?}"))
            })
            .collect();
        assert!(places.is_sorted(), "{name}: {places:?}");
    }
    // Not submitted and learning from peers have tables of their own.
    let missing: Vec<&str> = tables["not-submitted"]
        .iter()
        .map(|r| r["establishment"].as_str())
        .collect();
    assert_eq!(missing, ["hmp-brackenmoor", "hmp-strathkeld"]);
    let peers = &tables["peers"];
    assert!(!peers.is_empty());
    assert!(
        peers
            .iter()
            .all(|r| !r["peer"].is_empty() && r["year"] == "2025")
    );
}

/// Learning from peers is matched item by item, on the examples end to end: each establishment
/// is pointed, for an item it rates in the lower half of the scale (as the evidence supports
/// it) or leaves unanswered, to peers strong on that same item (75% of the scale or above).
/// An item claimed at the top of its scale is never suggested, even when the evidence caps it
/// low: HMP Ferncliffe claims the top of the scale on many items without the evidence asked
/// for, and none of them is suggested to it.
#[test]
fn peers_are_matched_by_item_and_never_on_what_is_rated_at_the_top() {
    let tables = tables("compare-peers", &[]);
    let items = &tables["items"];
    let item = |est: &str, fw: &str, id: &str| {
        items
            .iter()
            .find(|r| r["establishment"] == est && r["framework"] == fw && r["item"] == id)
            .unwrap_or_else(|| panic!("no item row for {est} {fw}/{id}"))
    };
    let score = |r: &BTreeMap<String, String>| r["score"].parse::<f64>().unwrap();
    // The top of each framework's scales: a rating that scores 1 when the evidence supports it.
    let tops: std::collections::BTreeSet<(&str, &str)> = items
        .iter()
        .filter(|r| r["capped"] == "false" && r["score"] == "1")
        .map(|r| (r["framework"].as_str(), r["rating"].as_str()))
        .collect();
    let peers: Vec<&BTreeMap<String, String>> = tables["peers"].iter().collect();
    assert!(peers.len() > 20, "{} peer rows", peers.len());
    for p in &peers {
        let (est, fw, id) = (&p["establishment"], &p["framework"], &p["item"]);
        let own = item(est, fw, id);
        match own["status"].as_str() {
            "unanswered" | "restricted" => assert_eq!(p["rating"], "", "{p:?}"),
            "scored" => {
                assert_eq!(
                    [&p["rating"], &p["evidenced_rating"]],
                    [&own["rating"], &own["evidenced_rating"]]
                );
                assert!(score(own) < 0.5, "{est} is not weak on {id}: {own:?}");
                assert!(
                    !tops.contains(&(fw.as_str(), own["rating"].as_str())),
                    "{est} rates {id} at the top: {own:?}"
                );
            }
            other => panic!("{est} {id} is {other}, never weak: {p:?}"),
        }
        assert_ne!(&p["peer"], est, "{p:?}");
        let theirs = item(&p["peer"], fw, id);
        assert!(
            score(theirs) >= 0.75,
            "{} is not strong on {id}: {theirs:?}",
            p["peer"]
        );
        assert_eq!(p["peer_name"], theirs["name"]);
        // Two establishments without a comparator group (the Scottish examples carry none) are
        // not in the same group.
        assert_eq!(
            p["same_group"] == "true",
            !own["comparator_group"].is_empty()
                && theirs["comparator_group"] == own["comparator_group"]
        );
    }
    // At most three peers for an item.
    let mut per_item = BTreeMap::new();
    for p in &peers {
        *per_item
            .entry((&p["establishment"], &p["framework"], &p["item"]))
            .or_insert(0) += 1;
    }
    assert!(per_item.values().all(|n| *n <= 3), "{per_item:?}");
    // HMP Ferncliffe's claims at the top, capped low by the evidence rule: weak by their score,
    // never suggested.
    let claimed_top: Vec<&BTreeMap<String, String>> = items
        .iter()
        .filter(|r| {
            r["establishment"] == "hmp-ferncliffe"
                && r["capped"] == "true"
                && tops.contains(&(r["framework"].as_str(), r["rating"].as_str()))
        })
        .collect();
    assert!(claimed_top.len() >= 4, "{claimed_top:?}");
    for r in claimed_top {
        assert!(score(r) < 0.5, "{r:?}");
        assert!(
            !peers.iter().any(|p| p["establishment"] == "hmp-ferncliffe"
                && p["framework"] == r["framework"]
                && p["item"] == r["item"]),
            "suggested to HMP Ferncliffe, which claims the top: {}",
            r["item"]
        );
    }
}

#[test]
fn spreadsheet_formulas_are_neutralised_in_csv() {
    let mut test = Test::in_scratch("compare-formula");
    let dir = test.dir().to_path_buf();
    for (n, name) in ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)"]
        .iter()
        .enumerate()
    {
        let text = format!(
            "ties: 1\nestablishment: {{ id: hmp-f{n}, name: '{name}', nation: england-wales, region: '{name}', comparator_group: '{name}' }}\n\
             year: 2025\ncompleted_on: 2026-04-01\nframeworks: [farmer-offer]\n\
             responses:\n  farmer-offer/visitor-centre: {{ rating: planned }}\n"
        );
        test = test.file(format!("x/{n}.yaml"), text);
    }
    let text = test
        .args([
            "compare",
            "x",
            "--format",
            "csv",
            "--table",
            "establishments",
        ])
        .status(0)
        .run()
        .stdout_utf8();
    for line in text.lines().skip(1) {
        for field in line.split(',') {
            let f = field.trim_start_matches('"');
            assert!(
                !(f.starts_with('=')
                    || f.starts_with('+')
                    || f.starts_with('@')
                    || (f.starts_with('-') && f.parse::<f64>().is_err())),
                "a cell a spreadsheet would run: {field}"
            );
        }
    }
    assert!(text.contains("'=HYPERLINK"), "{text}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Every distinctive piece of restricted text in the examples: restricted responses' text,
/// restricted evidence and restricted actions.
fn restricted_texts() -> Vec<String> {
    let mut out = Vec::new();
    for entry in walk(&root().join("assessments")) {
        let text = std::fs::read_to_string(&entry).unwrap();
        let doc: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
        let mut take = |v: &serde_json::Value| {
            let mut strings = Vec::new();
            collect(v, &mut strings);
            out.extend(strings.into_iter().filter(|s| s.len() > 25));
        };
        if let Some(responses) = doc["responses"].as_object() {
            for r in responses.values() {
                if r["restricted"] == true {
                    take(r);
                } else if let Some(ev) = r["evidence"].as_array() {
                    for e in ev.iter().filter(|e| e["restricted"] == true) {
                        take(&e["text"]);
                    }
                }
            }
        }
        if let Some(actions) = doc["actions"].as_array() {
            for a in actions.iter().filter(|a| a["restricted"] == true) {
                take(&a["what"]);
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

fn collect(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.extend(
            s.lines()
                .map(str::trim)
                .filter(|l| l.len() > 25)
                .map(str::to_string),
        ),
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect(x, out)),
        serde_json::Value::Object(m) => m.values().for_each(|x| collect(x, out)),
        _ => {}
    }
}

fn walk(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|x| x == "yaml")
            && p.file_name().is_some_and(|n| n != "register.yaml")
        {
            out.push(p);
        }
    }
    out.sort();
    out
}

#[test]
fn restricted_content_never_reaches_any_estate_output() {
    let secrets = restricted_texts();
    assert!(
        secrets.len() >= 3,
        "the examples should include restricted content: {secrets:?}"
    );
    let dir = scratch("compare-leak");
    let xlsx = dir.join("estate.xlsx");
    let mut outputs = Vec::new();
    // Every section of every format, the estate at a glance with its due date and overdue
    // actions, the measures, the logic model, learning from peers and the exports' tables.
    for year in ["2023", "2024", "2025"] {
        let dates = ["--due", "2026-04-30", "--as-of", "2026-06-01"];
        for format in ["md", "html", "json"] {
            let mut args = vec!["compare", "assessments", "--year", year, "--format", format];
            args.extend(dates);
            outputs.push((format!("compare {year} {format}"), ok(&args)));
        }
        let folder = dir.join(year);
        let mut args = vec![
            "compare",
            "assessments",
            "--year",
            year,
            "--format",
            "csv",
            "-o",
        ];
        args.push(folder.to_str().unwrap());
        args.extend(dates);
        ok(&args);
        outputs.push((format!("compare {year} csv"), folder_text(&folder)));
        ok(&[
            "compare",
            "assessments",
            "--year",
            year,
            "--format",
            "xlsx",
            "-o",
            xlsx.to_str().unwrap(),
        ]);
        outputs.push((format!("compare {year} xlsx"), xlsx_text(&xlsx)));
    }
    for id in [
        "hmp-harrowfield",
        "hmp-auchterbrae",
        "hmp-glenmirren",
        "hmp-ferncliffe",
        "hmp-ravensdale",
        "hmp-sedgebrook",
    ] {
        for format in ["md", "html", "csv", "json"] {
            outputs.push((
                format!("trend {id} {format}"),
                ok(&[
                    "trend",
                    "assessments",
                    "--establishment",
                    id,
                    "--format",
                    format,
                ]),
            ));
        }
    }
    for file in walk(&root().join("assessments")) {
        let f = file.to_str().unwrap();
        for format in ["md", "html"] {
            outputs.push((
                format!("public report {f} {format}"),
                ok(&["report", f, "--format", format]),
            ));
        }
    }
    for (name, text) in &outputs {
        // Compare as the reader sees it: HTML escapes quotes and slashes.
        let plain = text
            .replace("&#x27;", "'")
            .replace("&#x2f;", "/")
            .replace("&quot;", "\"")
            .replace("&amp;", "&");
        for s in &secrets {
            assert!(
                !plain.contains(s.as_str()),
                "{name} contains restricted text: {s}"
            );
        }
    }
    // The inspector's version does show it, so the test can tell the difference.
    let all_inspector: String = walk(&root().join("assessments"))
        .iter()
        .map(|f| ok(&["report", f.to_str().unwrap(), "--audience", "inspector"]))
        .collect();
    assert!(secrets.iter().any(|s| all_inspector.contains(s.as_str())));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// All the text of the files in a folder (the CSV tables), one after the other.
fn folder_text(dir: &std::path::Path) -> String {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|f| f.unwrap().path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect()
}

/// The tables written in the folder `dir`, by name, as records.
fn folder_tables(dir: &std::path::Path) -> BTreeMap<String, Vec<BTreeMap<String, String>>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|f| {
            let path = f.unwrap().path();
            let name = path.file_stem().unwrap().to_str().unwrap().to_string();
            (name, records(&std::fs::read_to_string(&path).unwrap()))
        })
        .collect()
}

/// All the text inside a workbook's sheets and shared strings.
fn xlsx_text(path: &std::path::Path) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut out = String::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        if f.name().is_ok_and(|n| n.ends_with(".xml")) {
            let mut s = String::new();
            std::io::Read::read_to_string(&mut f, &mut s).unwrap();
            out.push_str(&s);
        }
    }
    out
}

#[test]
fn compare_output_is_identical_between_runs() {
    let dir = scratch("compare-same");
    let a = dir.join("a.xlsx");
    let b = dir.join("b.xlsx");
    ok(&[
        "compare",
        "assessments",
        "--format",
        "xlsx",
        "-o",
        a.to_str().unwrap(),
    ]);
    ok(&[
        "compare",
        "assessments",
        "--format",
        "xlsx",
        "-o",
        b.to_str().unwrap(),
    ]);
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    assert_eq!(
        ok(&["compare", "assessments", "--format", "html"]),
        ok(&["compare", "assessments", "--format", "html"])
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn output_does_not_depend_on_file_names_or_listing_order() {
    // The same assessments under other folder names, in the reverse order, one level deeper.
    let dir = scratch("compare-shuffled");
    let files = walk(&root().join("assessments"));
    for (n, f) in files.iter().rev().enumerate() {
        let sub = dir
            .join(format!("{:02}-batch", n % 3))
            .join(format!("{:03}", 100 - n));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::copy(f, sub.join(f.file_name().unwrap())).unwrap();
    }
    std::fs::copy(
        root().join("assessments/register.yaml"),
        dir.join("register.yaml"),
    )
    .unwrap();
    let other = dir.to_str().unwrap();
    for format in [&["md"][..], &["json"], &["csv", "--table", "items"]] {
        assert_eq!(
            ok(&[&["compare", "assessments", "--format"], format].concat()),
            ok(&[&["compare", other, "--format"], format].concat()),
            "compare --format {format:?} changed with the file layout"
        );
    }
    assert_eq!(
        ok(&[
            "trend",
            "assessments",
            "--establishment",
            "hmp-wrenhurst",
            "--format",
            "json"
        ]),
        ok(&[
            "trend",
            other,
            "--establishment",
            "hmp-wrenhurst",
            "--format",
            "json"
        ])
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A new version of farmer-offer without `family-learning`: one establishment keeps to the
/// built-in version, the other moves to the new one. They are compared on the items both versions have.
#[test]
fn different_framework_versions_are_compared_on_the_items_they_share() {
    let dir = scratch("compare-versions");
    let fw_dir = dir.join("frameworks");
    let est = dir.join("estate");
    std::fs::create_dir_all(&fw_dir).unwrap();
    let farmer = std::fs::read_to_string(root().join("frameworks/farmer-offer.yaml")).unwrap();
    let start = farmer.find("      - id: family-learning").unwrap();
    let end = start + 10 + farmer[start + 10..].find("      - id: ").unwrap();
    // The built-in version stays as it is; the newer one in the folder is numbered after it.
    let current = farmer
        .lines()
        .find_map(|l| l.strip_prefix("version: \""))
        .and_then(|v| v.strip_suffix('"'))
        .expect("farmer-offer has a version");
    let newer = format!("{}{}", &farmer[..start], &farmer[end..]).replacen(
        &format!("version: \"{current}\""),
        "version: \"99.0.0\"",
        1,
    );
    std::fs::write(fw_dir.join("farmer-offer.yaml"), newer).unwrap();
    let body = |id: &str, pin: &str, extra: &str| {
        format!(
            "ties: 1\nestablishment: {{ id: {id}, name: HMP {id}, nation: england-wales, comparator_group: training }}\n\
             year: 2025\ncompleted_on: 2026-04-01\nframeworks: [farmer-offer{pin}]\nresponses:\n  \
             farmer-offer/visitor-centre: {{ rating: fully-in-place, evidence: [{{ kind: document, text: Survey. }}] }}\n{extra}"
        )
    };
    for (id, pin, extra) in [
        (
            "old",
            "@CURRENT",
            "  farmer-offer/family-learning: { rating: not-in-place }\n",
        ),
        ("new", "", ""),
    ] {
        std::fs::create_dir_all(est.join(id)).unwrap();
        let pin = pin.replace("CURRENT", current);
        std::fs::write(est.join(id).join("2025.yaml"), body(id, &pin, extra)).unwrap();
    }
    let fw = fw_dir.to_str().unwrap();
    let out = Test::in_dir(&dir)
        .args([
            "--frameworks",
            fw,
            "compare",
            "estate",
            "--framework",
            "farmer-offer",
        ])
        .status(0)
        .run()
        .stdout_utf8();
    assert!(
        out.contains(&format!(
            "compared only on the 8 items the versions share (of 9 items in version {current}, 8 items in version 99.0.0)"
        )),
        "{out}"
    );
    // family-learning, rated lowest by the old version's user, is left out of its score and its
    // coverage: one of the eight shared items (four elements, four measures) is answered, 1/8 =
    // 12.5%, shown as 12%.
    assert!(
        out.contains("| HMP old | training | 12% | Fully in place 100%\\* |"),
        "{out}"
    );
    // An assessment naming a version ties does not have is told which versions there are.
    std::fs::write(est.join("old").join("2025.yaml"), body("old", "@0.9", "")).unwrap();
    let out = Test::in_dir(&dir)
        .args(["--frameworks", fw, "check", "estate"])
        .status(1)
        .run()
        .stdout_utf8();
    assert!(
        out.contains("there is no version 0.9 of the framework `farmer-offer`"),
        "{out}"
    );
    assert!(out.contains(&format!("`99.0.0` or `{current}`")), "{out}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Two establishments; HMP Shut's visitor centre, its visits-on-entry rate (137 of 311) and
/// one of its overdue actions are restricted; HMP open's rate is 160 of 400. Each has one
/// public overdue action.
fn restricted_answers_estate(name: &str) -> Test {
    let file = |id: &str, restricted: bool| {
        let (n, d) = if restricted { (137, 311) } else { (160, 400) };
        format!(
            "ties: 1\nestablishment: {{ id: {id}, name: HMP {id}, nation: england-wales, comparator_group: training }}\n\
             year: 2025\ncompleted_on: 2026-04-01\nframeworks: [farmer-offer]\nresponses:\n\
             \x20 farmer-offer/visitor-centre:\n    rating: fully-in-place\n    restricted: {restricted}\n\
             \x20   evidence: [{{ kind: document, text: Survey. }}]\n\
             \x20 farmer-offer/staffing-structure: {{ rating: not-in-place }}\n\
             metrics:\n  farmer-offer/visits-on-entry: {{ numerator: {n}, denominator: {d}, restricted: {restricted} }}\n\
             actions:\n\
             \x20 - {{ id: A1, what: Open the visitor centre on Sundays, owner: Governor, due: 2025-12-31, status: open }}\n\
             \x20 - {{ id: A2, what: Review the handling of the Tuesday concern at {id}, owner: Governor, due: 2025-12-31, status: open, restricted: {restricted} }}\n"
        )
    };
    Test::in_scratch(name)
        .file("shut/2025.yaml", file("shut", true))
        .file("open/2025.yaml", file("open", false))
}

/// A restricted answer leaves no trace in any estate output: not its rating, its evidenced
/// rating, its score, its measure's figure or progress, nor anything computed from them. The
/// establishment's scores are those of its public answers: staffing-structure alone, not in place,
/// 0%, with 1 of the section's 5 items answered (0.2); the other establishment's are (fully in
/// place 1 + not in place 0) / 2 = 50%, with 2 of 5 answered (0.4).
#[test]
fn restricted_answers_never_reach_an_estate_output() {
    let test = restricted_answers_estate("restricted-answers-1")
        .args(["compare", ".", "--format", "csv", "-o", "tables"]);
    let dir = test.dir().join("tables");
    test.status(0).run();
    let tables = folder_tables(&dir);
    let shut = |table: &str| -> Vec<&BTreeMap<String, String>> {
        tables[table]
            .iter()
            .filter(|r| r["establishment"] == "shut")
            .collect()
    };
    let visitor = shut("items")
        .into_iter()
        .find(|r| r["item"] == "visitor-centre")
        .unwrap_or_else(|| panic!("{tables:?}"));
    assert_eq!(visitor["status"], "restricted");
    for column in [
        "rating",
        "rating_label",
        "evidenced_rating",
        "evidenced_rating_label",
        "capped",
        "score",
    ] {
        assert_eq!(visitor[column], "", "no {column}: {visitor:?}");
    }
    let entry = shut("measures")
        .into_iter()
        .find(|r| r["item"] == "visits-on-entry")
        .unwrap();
    assert_eq!(entry["status"], "restricted");
    for column in ["numerator", "denominator", "value", "progress"] {
        assert_eq!(entry[column], "", "no {column}: {entry:?}");
    }
    let section = shut("sections")
        .into_iter()
        .find(|r| r["section"] == "minimum-offer")
        .unwrap_or_else(|| panic!("{tables:?}"));
    assert_eq!([&section["score"], &section["coverage"]], ["0", "0.2"]);
    let open = |table: &str, column: &str, id: &str| {
        tables[table]
            .iter()
            .find(|r| r["establishment"] == "open" && r[column] == id)
            .unwrap_or_else(|| panic!("{tables:?}"))
            .clone()
    };
    let item = open("items", "item", "visitor-centre");
    assert_eq!(
        [&item["rating"], &item["evidenced_rating"], &item["score"]],
        ["fully-in-place", "fully-in-place", "1"]
    );
    assert_eq!(open("sections", "section", "minimum-offer")["score"], "0.5");
    // Learning from peers: HMP shut's withheld visitor centre is unanswered in the estate, so
    // it is pointed to HMP open; it is never anyone's peer on it, and nothing of its restricted
    // answers is quoted or counted.
    let peers: Vec<(&str, &str, &str)> = tables["peers"]
        .iter()
        .map(|r| {
            (
                r["establishment"].as_str(),
                r["item"].as_str(),
                r["peer"].as_str(),
            )
        })
        .collect();
    assert!(
        peers.contains(&("shut", "visitor-centre", "open")),
        "{peers:?}"
    );
    assert!(!peers.iter().any(|p| p.2 == "shut"), "{peers:?}");
    // Its restricted action is in no table; the public one is.
    let actions: Vec<&str> = shut("actions")
        .iter()
        .map(|r| r["action"].as_str())
        .collect();
    assert_eq!(actions, ["A1"]);
    for (name, rows) in &tables {
        for r in rows
            .iter()
            .filter(|r| r.get("establishment").is_some_and(|e| e == "shut"))
        {
            assert!(
                r.get("rating").is_none_or(|v| v != "fully-in-place"),
                "{name}: {r:?}"
            );
            for v in r.values() {
                assert!(
                    !v.contains("0.44")
                        && !v.contains("137")
                        && !v.contains("311")
                        && !v.contains("Tuesday concern at shut"),
                    "{name}: {r:?}"
                );
            }
        }
    }

    let json = restricted_answers_estate("restricted-answers-2")
        .args(["compare", ".", "--format", "json"])
        .status(0)
        .run()
        .stdout;
    assert!(json.contains("\"name\": \"HMP shut\""), "{json}");
    assert!(!json.contains("137") && !json.contains("311"), "{json}");
    let md = restricted_answers_estate("restricted-answers-3")
        .args(["compare", "."])
        .status(0)
        .run()
        .stdout;
    assert!(md.contains("| HMP shut | training |"), "{md}");
    assert!(md.contains("Not in place 0%"), "{md}");
    // The measures across the estate count HMP open's figure alone.
    let measures = part(&md, "### Measures across the estate", &["### ", "## "]);
    assert!(
        measures.contains("| HMP open | training | 40% (160 of 400) |"),
        "{measures}"
    );
    assert!(!measures.contains("| HMP shut |"), "{measures}");
}

/// HMP Shut's restricted answers in every estate format, the estate at a glance with its
/// overdue actions included: its visitor centre's rating, its rate (137 of 311, 0.4405) and
/// its restricted action appear nowhere, and the overdue actions counted are the public ones:
/// three, one at HMP shut and two at HMP open; the restricted one is counted apart, never
/// described.
#[test]
fn restricted_answers_reach_no_estate_output_in_any_format() {
    let dates = ["--due", "2026-04-30", "--as-of", "2026-06-01"];
    let mut outputs = Vec::new();
    for (i, format) in ["md", "html", "json"].into_iter().enumerate() {
        let text = restricted_answers_estate(&format!("restricted-formats-{i}"))
            .args(["compare", ".", "--format", format])
            .args(dates)
            .status(0)
            .run()
            .stdout;
        outputs.push((format, text));
    }
    let test = restricted_answers_estate("restricted-formats-csv")
        .args(["compare", ".", "--format", "csv", "-o", "tables"])
        .args(dates);
    let tables = test.dir().join("tables");
    test.status(0).run();
    outputs.push(("csv", folder_text(&tables)));
    let test = restricted_answers_estate("restricted-formats-xlsx")
        .args(["compare", ".", "--format", "xlsx", "-o", "estate.xlsx"])
        .args(dates);
    let xlsx = test.dir().join("estate.xlsx");
    test.status(0).run();
    outputs.push(("xlsx", xlsx_text(&xlsx)));
    for (format, text) in &outputs {
        assert!(text.contains("HMP shut"), "{format}: {text}");
        for secret in [
            "137 of 311",
            "<v>137</v>",
            "<v>311</v>",
            "0.4405",
            "Tuesday concern at shut",
        ] {
            assert!(!text.contains(secret), "{format} contains {secret}");
        }
    }
    let md = &outputs[0].1;
    let glance = part(md, "## The estate at a glance", &["## "]);
    assert!(
        glance.contains("3 public actions overdue at 2 establishments"),
        "{glance}"
    );
    // HMP Shut's restricted action is counted, and said to be left out of the detail.
    assert!(
        glance.contains("1 restricted action is overdue too: counted here and in the tables"),
        "{glance}"
    );
    assert!(
        glance.contains("| training (too small to compare) | 2 | too few (2) | 3 | 1 |"),
        "{glance}"
    );
    assert!(md.contains("| HMP shut | England and Wales |"), "{md}");
    let tables = folder_tables(&tables);
    let visitor = tables["items"]
        .iter()
        .find(|r| r["establishment"] == "shut" && r["item"] == "visitor-centre")
        .unwrap();
    assert_eq!([&visitor["status"], &visitor["rating"]], ["restricted", ""]);
    // The overdue actions counted are the public ones: one at HMP shut, two at HMP open.
    let overdue: Vec<(&str, &str)> = tables["establishments"]
        .iter()
        .map(|r| (r["establishment"].as_str(), r["overdue_actions"].as_str()))
        .collect();
    assert_eq!(overdue, [("open", "2"), ("shut", "1")]);
}

/// The public report is scored without its restricted answers; the inspector's with them.
#[test]
fn the_public_report_is_scored_without_restricted_answers() {
    let public = restricted_answers_estate("restricted-answers-4")
        .args(["report", "shut/2025.yaml"])
        .status(0)
        .run()
        .stdout;
    assert!(
        public
            .contains("| The minimum local family offer | Not in place (provisional) | 0% | 20% |"),
        "{public}"
    );
    assert!(!public.contains("137 of 311"), "{public}");
    let inspector = restricted_answers_estate("restricted-answers-5")
        .args(["report", "shut/2025.yaml", "--audience", "inspector"])
        .status(0)
        .run()
        .stdout;
    assert!(
        inspector.contains(
            "| The minimum local family offer | Partly in place (provisional) | 50% | 40% |"
        ),
        "{inspector}"
    );
    assert!(inspector.contains("137 of 311"), "{inspector}");
}
