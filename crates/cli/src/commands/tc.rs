//! `scheduleflow tc`: frame counts to timecode and back.

use scheduleflow_engine::time::{Frames, Timecode};

use crate::cli::TcArgs;
use crate::failure::{CommandResult, Failure, Outcome};
use crate::input::{parse_rate, say_line};

pub fn run(args: &TcArgs) -> CommandResult {
    let rate = parse_rate(&args.fps, args.df)?;
    if let Some(n) = args.frames {
        let tc = Timecode::from_frames(Frames(n), rate)?;
        say_line(&format!("{tc}"))?;
    } else if let Some(text) = &args.timecode {
        let tc = Timecode::parse(text, rate)?;
        say_line(&format!("{}", tc.to_frames(rate)?.get()))?;
    } else {
        return Err(Failure::new("give --frames N or --timecode TC"));
    }
    Ok(Outcome::Clean)
}
