//! `scheduleflow gen`: synthetic schedules for tests and benchmarks.

use jiff::Timestamp;
use scheduleflow_engine::format::CsvPreset;
use scheduleflow_engine::generate;
use scheduleflow_engine::model::Library;

use crate::cli::GenArgs;
use crate::failure::{CommandResult, Failure, Outcome};
use crate::input::{parse_rate, render, write_files};

pub fn run(args: &GenArgs) -> CommandResult {
    let rate = parse_rate(&args.fps, args.df)?;
    let start: Timestamp = args
        .start
        .parse()
        .map_err(|e| Failure::new(format!("--start: {e}")))?;
    let schedule = generate::schedule(
        args.events,
        args.seed,
        generate::sample_channel(rate),
        start,
    );
    let library = Library {
        schedules: vec![schedule],
        playlists: Vec::new(),
    };
    write_files(
        args.output.as_ref(),
        &render(&library, args.to, CsvPreset::Generic)?,
        args.to,
    )?;
    Ok(Outcome::Clean)
}
