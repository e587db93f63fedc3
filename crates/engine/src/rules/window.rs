//! The part of an open schedule that applying rules to some dates reads and changes, so that
//! the rules can run on those events alone (in a worker, sent only them) and make the same
//! change a run on the whole schedule makes.

use std::ops::Range;

use jiff::civil::Date;

use super::PlanError;
use crate::model::Schedule;
use crate::time::{Frames, Rounding};

/// The positions of `schedule`'s events that applying rules to `from..=to` reads: those
/// starting in the dates and those before that may reach into them. Everything before ends
/// before the dates start, everything after starts after they end, so the rules neither see
/// nor change it. `longest` is a length no event exceeds; the events must be in time order
/// (the session knows both once its check ran).
pub fn window(
    schedule: &Schedule,
    longest: Frames,
    from: Date,
    to: Date,
) -> Result<Range<usize>, PlanError> {
    let channel = &schedule.channel;
    let at = |date: Date| -> Result<Frames, PlanError> {
        let instant = channel.day_start_instant(date)?;
        Ok(channel
            .frames_between(schedule.origin, instant, Rounding::Ceil)?
            .value)
    };
    let start = at(from)?;
    let end = at(super::apply::next_day(to)?)?;
    let events = &schedule.events;
    let first = events.partition_point(|e| e.start < start - longest);
    let last = events.partition_point(|e| e.start < end).max(first);
    Ok(first..last)
}

/// `schedule` with only the events at `range`: what a worker applies the rules onto.
pub fn cut(schedule: &Schedule, range: Range<usize>) -> Schedule {
    Schedule {
        events: schedule.events[range].to_vec(),
        ..crate::pieces::head(schedule)
    }
}
