//! The `ties` command: parses the arguments, runs the command, and turns a failure into its
//! message and exit code (0 fine, 1 a problem with the input or a failed check, 2 the command
//! used wrongly). Everything else is in the library; `cli` holds one file per command.

// Everything reaches the screen through `cli::output`, which keeps a terminal safe from what
// files hold.
#![warn(clippy::print_stdout, clippy::print_stderr)]

use std::process::ExitCode;

use clap::Parser as _;

mod cli;

/// Counts the memory in use, so that a template that builds ever longer text is stopped with a
/// message instead of exhausting the machine (see `ties::output::memory`).
#[global_allocator]
static ALLOCATOR: ties::output::memory::Counting = ties::output::memory::Counting;

fn main() -> ExitCode {
    ties::output::memory::on_exceeded(out_of_memory);
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            cli::output::eprint_safely(&e.render());
            ExitCode::from(e.exit_code())
        }
    }
}

/// What happens when a template builds more than it may: its message, and exit code 1.
fn out_of_memory(message: &str) -> ! {
    cli::output::eprint_safely(&format!("error: {message}\n"));
    std::process::exit(1)
}
