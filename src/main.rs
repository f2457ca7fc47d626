//! The `ties` command: parses the arguments, runs the command, and turns a failure into its
//! message and exit code (0 fine, 1 a problem with the input or a failed check, 2 the command
//! used wrongly). Everything else is in the library; `cli` holds one file per command.

// Everything reaches the screen through `cli::output`, which keeps a terminal safe from what
// files hold.
#![warn(clippy::print_stdout, clippy::print_stderr)]

use std::process::ExitCode;

use clap::Parser as _;

mod cli;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            cli::output::eprint_safely(&e.render());
            ExitCode::from(e.exit_code())
        }
    }
}
