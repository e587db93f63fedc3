//! `scheduleflow convert`: read one format, write another.

use crate::cli::ConvertArgs;
use crate::failure::{CommandResult, Outcome};
use crate::input::{read_library, render, write_output};

pub fn run(args: &ConvertArgs) -> CommandResult {
    args.channel_args.values()?;
    let library = read_library(&args.file, args.from)?;
    write_output(args.output.as_ref(), &render(&library, args.to))?;
    Ok(Outcome::Clean)
}
