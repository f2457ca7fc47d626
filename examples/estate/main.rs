//! Writes a fictional estate of valid self-assessments, for benchmarks and load tests.
//!
//! ```sh
//! cargo run --release --example estate -- --establishments 140 --years 10 --out /tmp/estate
//! cargo run --release --example estate -- --establishments 140 --years 1 --format xlsx --out /tmp/estate-xlsx
//! ```
//!
//! The same options and seed always give byte-identical files. Every file passes `ties check`.
//! Nothing in them is about a real prison or a real person.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

mod generate;

#[derive(Parser)]
#[command(
    about = "Write a fictional estate of valid self-assessments and a register, the size of the real one \
             by default (140 establishments, 10 years each), to try `ties compare` on or to measure it.",
    after_help = "Examples:\n  cargo run --release --example estate\n  \
                  cargo run --release --example estate -- --establishments 20 --years 3 --out /tmp/estate"
)]
struct Args {
    /// How many establishments.
    #[arg(long, value_name = "N", default_value_t = 140, value_parser = clap::value_parser!(u32).range(1..=generate::MAX_ESTABLISHMENTS as i64))]
    establishments: u32,
    /// How many years of self-assessments for each establishment, ending with --last-year.
    #[arg(long, value_name = "Y", default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=generate::MAX_YEARS as i64))]
    years: u32,
    /// The folder to write into. It must be empty or not exist yet, unless --force is given.
    #[arg(long, value_name = "DIR", default_value = "generated-estate")]
    out: PathBuf,
    /// The seed: the same seed gives the same files, byte for byte.
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,
    /// The last reporting year.
    #[arg(long, value_name = "YYYY", default_value_t = 2025, value_parser = clap::value_parser!(i32).range(2000..=2100))]
    last_year: i32,
    /// Write into a folder that already has files in it (files of the same name are replaced;
    /// nothing else is removed).
    #[arg(long)]
    force: bool,
    /// yaml, or xlsx for self-assessment workbooks as `ties workbook` writes them.
    #[arg(long, value_name = "FORMAT", default_value = "yaml", value_parser = ["yaml", "xlsx"])]
    format: String,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let (catalog, diags) = ties::model::catalog::Catalog::bundled();
    if diags.has_errors() {
        eprintln!("error: the built-in frameworks have errors; run `ties check` on them");
        return ExitCode::from(1);
    }
    let options = generate::Options {
        establishments: args.establishments as usize,
        years: args.years as usize,
        seed: args.seed,
        last_year: args.last_year,
        force: args.force,
        workbooks: args.format == "xlsx",
    };
    match generate::generate(&catalog, &options, &args.out) {
        Ok(summary) => {
            println!(
                "Wrote {} self-assessments and a register ({:.1} MB) to {}.",
                summary.assessments,
                summary.bytes as f64 / 1e6,
                args.out.display()
            );
            println!(
                "To read it as a national lead would:\n  cargo run --release -- compare {} --format html -o estate.html",
                args.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
