//! `scheduleflow`: the engine's command line, for automation and benchmarks.
//!
//! Exit codes: 0 fine, 1 the schedule has errors, 2 the input cannot be read (or the command
//! line is wrong). Problems go to stderr as `file:line:column: message`.
#![forbid(unsafe_code)]

mod cli;
mod commands;
mod failure;
mod input;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Tc(args) => commands::tc::run(&args),
        Command::Gen(args) => commands::gen::run(&args),
        Command::Build(args) => commands::build::run(&args),
        Command::Plan(args) => commands::plan::run(&args),
        Command::Validate(args) => commands::validate::run(&args),
        Command::Inspect(args) => commands::inspect::run(&args),
        Command::Convert(args) => commands::convert::run(&args),
    };
    match result {
        Ok(outcome) => outcome.exit_code(),
        Err(failure) => {
            eprintln!("scheduleflow: {failure}");
            ExitCode::from(2)
        }
    }
}
