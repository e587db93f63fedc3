//! `scheduleflow convert`: read one format, write another.

use crate::cli::ConvertArgs;
use crate::failure::{CommandResult, Outcome};
use crate::input::{read_library, render, write_files};

pub fn run(args: &ConvertArgs) -> CommandResult {
    let library = read_library(&args.input.file, args.input.from, &args.input.channel_args)?;
    write_files(
        args.output.as_ref(),
        &render(
            &library,
            args.to,
            args.input.channel_args.csv_preset.preset(),
        )?,
        args.to,
    )?;
    Ok(Outcome::Clean)
}
