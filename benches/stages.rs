//! Each stage of `ties`, timed with criterion: on one self-assessment (`one/...`), and on a
//! generated estate (`estate-20x5/...`): catalog (the built-in frameworks, read at start-up),
//! load_validate, score, aggregate, render_md, render_html, csv and xlsx; and the same
//! self-assessment as a workbook (`workbook/...`): read and checked, and written.
//!
//! ```sh
//! cargo bench --bench stages                 # all of them
//! cargo bench --bench stages -- estate       # only the estate
//! ```
//!
//! The estate is written by the `estate` example's generator into a temporary folder:
//! 20 establishments x 5 years (100 assessments, about 6 MB) unless `TIES_BENCH_ESTABLISHMENTS`
//! and `TIES_BENCH_YEARS` say otherwise. The whole-estate targets (140 x 10) are measured on the
//! real binary by `benches/compare-with-python.sh`; see BENCHMARKS.md.

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use std::hint::black_box;

use ties::estate::Estate;
use ties::load::{InMemory, NamedFile};
use ties::model::catalog::Catalog;
use ties::output::templates;
use ties::view::estate::{self, Filters};
use ties::view::report::{self, Audience, Year};

#[path = "../examples/estate/generate.rs"]
mod generate;

/// The richest bundled example: three frameworks, with a year before it.
const ONE: &str = "assessments/hmp-harrowfield/2025.yaml";
/// Last year's, beside it, for the change since last year.
const PREVIOUS: &str = "assessments/hmp-harrowfield/2024.yaml";

/// Every file below `dir`, read into memory under its name.
fn in_memory(dir: &Path) -> Vec<NamedFile> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).expect("a folder") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                todo.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("a file");
                out.push(NamedFile { name: path, bytes });
            }
        }
    }
    out
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Reads, parses and checks one assessment, as `ties report` does.
fn load_one(catalog: &Catalog, path: &Path) -> ties::model::assessment::Assessment {
    let bytes = std::fs::read(path).expect("readable");
    let file = ties::load::source_from_bytes(path, bytes).expect("UTF-8");
    let (a, diags) = ties::validate::assessment::check_file(&file, catalog, None);
    a.unwrap_or_else(|| panic!("{} has errors: {diags:?}", path.display()))
}

fn one(c: &mut Criterion) {
    let path = root().join(ONE);
    let (catalog, _) = Catalog::bundled();
    let env = templates::environment(&[]).expect("built-in templates");
    let mut g = c.benchmark_group("one");
    g.sample_size(50);
    g.measurement_time(Duration::from_secs(3));

    g.bench_function("catalog", |b| b.iter(Catalog::bundled));
    g.bench_function("load_validate", |b| {
        b.iter(|| load_one(&catalog, black_box(&path)))
    });
    let a = load_one(&catalog, &path);
    g.bench_function("score", |b| {
        b.iter(|| ties::score::score(black_box(&a), &catalog))
    });
    let card = ties::score::score(&a, &catalog);
    let beside = [root().join(PREVIOUS)].map(|name| {
        let bytes = std::fs::read(&name).expect("last year's example");
        NamedFile { name, bytes }
    });
    let (previous, _) =
        ties::estate::previous::previous_year(&InMemory::new(&beside), &path, &a, &catalog)
            .0
            .expect("2024 beside it");
    let previous_card = ties::score::score(&previous, &catalog);
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 5, 1);
    let view = || {
        report::build(
            &catalog,
            Year {
                assessment: &a,
                card: &card,
            },
            Some(Year {
                assessment: &previous,
                card: &previous_card,
            }),
            None,
            Audience::Public,
            as_of,
        )
    };
    g.bench_function("aggregate", |b| b.iter(|| black_box(view())));
    let report = view();
    for (name, template) in [("render_md", "report.md"), ("render_html", "report.html")] {
        g.bench_function(name, |b| {
            b.iter(|| templates::render_document(&env, template, "report", black_box(&report)))
        });
    }
    g.bench_function("csv", |b| {
        b.iter(|| ties::output::csv::score(&ties::view::score::build(black_box(&a), &card)))
    });
    g.finish();
}

fn estate(c: &mut Criterion) {
    let n = env_number("TIES_BENCH_ESTABLISHMENTS", 20);
    let years = env_number("TIES_BENCH_YEARS", 5);
    let dir = std::env::temp_dir().join(format!("ties-bench-estate-{n}x{years}"));
    let (catalog, _) = Catalog::bundled();
    let _ = std::fs::remove_dir_all(&dir);
    generate::generate(&catalog, &generate::Options::new(n, years, 1), &dir)
        .expect("generate the estate");
    let env = templates::environment(&[]).expect("built-in templates");
    let filters = Filters::default();

    // Named by its size, so results for different sizes are kept apart.
    let mut g = c.benchmark_group(format!("estate-{n}x{years}"));
    // One run of each sample: loading the estate takes a good fraction of a second.
    g.sample_size(10);
    g.sampling_mode(SamplingMode::Flat);
    g.measurement_time(Duration::from_secs(5));

    // The files are read from the disk into memory first, so the stage is the library's alone:
    // parsing, checking and scoring every file, on one thread (the command line reads them on
    // one thread per core).
    let given = in_memory(&dir);
    let files = InMemory::new(&given);
    g.bench_function("load_validate", |b| {
        b.iter(|| Estate::load(&files, black_box(&dir), &catalog))
    });
    let estate = Estate::load(&files, &dir, &catalog).expect("the generated estate loads");
    assert!(estate.rejected.is_empty(), "the generated estate is valid");
    g.bench_function("score", |b| {
        b.iter(|| {
            for e in &estate.entries {
                black_box(ties::score::score(&e.assessment, &catalog));
            }
        })
    });
    let register = estate.registers.first().map(|(_, r)| r);
    let build = || estate::build(&catalog, &estate, register, &filters).expect("a view");
    g.bench_function("aggregate", |b| b.iter(|| black_box(build())));
    let view = build();
    for (name, template) in [("render_md", "estate.md"), ("render_html", "estate.html")] {
        g.bench_function(name, |b| {
            b.iter(|| templates::render_document(&env, template, "estate", black_box(&view)))
        });
    }
    // The tables are made from the year's comparison, as `ties compare` makes them.
    let rejected = estate::rejected_rows(&estate);
    let comparison = || {
        [
            ties::estate::compare::compare(&catalog, &estate, register, &filters)
                .expect("a comparison"),
        ]
    };
    g.bench_function("csv", |b| {
        b.iter(|| {
            let c = comparison();
            let data = ties::view::estate_export::data(&c, &filters, &rejected);
            let tables: Vec<String> = data
                .tables()
                .map(|t| ties::output::csv::estate_table(&t))
                .collect();
            black_box(tables)
        })
    });
    g.bench_function("xlsx", |b| {
        b.iter(|| {
            let c = comparison();
            let data = ties::view::estate_export::data(&c, &filters, &rejected);
            ties::output::xlsx::estate(Some(&view), black_box(&data), (2026, 5, 1))
                .expect("a workbook")
        })
    });
    g.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

/// The same self-assessment as YAML and as a workbook: read, parsed and checked (as every
/// command that reads one does), and the workbook written.
fn workbook(c: &mut Criterion) {
    let yaml = root().join(ONE);
    let (catalog, _) = Catalog::bundled();
    let a = load_one(&catalog, &yaml);
    let dir = std::env::temp_dir().join(format!("ties-bench-workbook-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    let xlsx = dir.join("2025.xlsx");
    let bytes = ties::output::workbook::to_xlsx(&a, &yaml, &catalog).expect("a workbook");
    std::fs::write(&xlsx, &bytes).expect("written");
    let read = |path: &Path| {
        let bytes = std::fs::read(path).expect("readable");
        let doc =
            ties::load::document_from_bytes(path, bytes).unwrap_or_else(|_| panic!("readable"));
        let (a, diags) = ties::validate::assessment::check_document(&doc, &catalog, None, false);
        a.unwrap_or_else(|| panic!("{} has errors: {diags:?}", path.display()))
    };
    let mut g = c.benchmark_group("workbook");
    g.sample_size(50);
    g.measurement_time(Duration::from_secs(3));
    g.bench_function("read_yaml", |b| b.iter(|| read(black_box(&yaml))));
    g.bench_function("read_workbook", |b| b.iter(|| read(black_box(&xlsx))));
    g.bench_function("write_workbook", |b| {
        b.iter(|| ties::output::workbook::to_xlsx(black_box(&a), &yaml, &catalog))
    });
    g.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, one, estate, workbook);
criterion_main!(benches);
