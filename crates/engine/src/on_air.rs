//! The on-air clock of a schedule: the time of day an event airs, as broadcast rundowns show it
//! (`06:00:00:00`; past midnight the hours count on, `25:30:00:00`), on the channel's wall clock,
//! DST included. Event tables and validation messages say times this way.

use crate::format::clock::{format_instant_of_day, DayClock, Hours};
use crate::model::Schedule;
use crate::time::{Frames, Timecode};

/// The clock of a schedule's first broadcast day. Made once and used for many times.
#[derive(Debug)]
pub struct OnAir<'s> {
    schedule: &'s Schedule,
    clock: Option<DayClock<'s>>,
}

impl<'s> OnAir<'s> {
    pub fn new(schedule: &'s Schedule) -> OnAir<'s> {
        let channel = &schedule.channel;
        let clock = channel
            .locate(schedule.origin)
            .ok()
            .and_then(|p| DayClock::new(channel, p.day).ok());
        OnAir { schedule, clock }
    }

    /// The time of day `frames` after the schedule's origin. A time the clock cannot place (far
    /// outside any zone's range) is given as timecode from the origin instead.
    pub fn at(&self, frames: Frames) -> String {
        let channel = &self.schedule.channel;
        self.clock
            .as_ref()
            .and_then(|clock| {
                let instant = channel.instant_after(self.schedule.origin, frames).ok()?;
                format_instant_of_day(clock, channel, instant, Hours::Continued).ok()
            })
            .unwrap_or_else(|| Timecode::format_frames(frames, self.schedule.rate()))
    }
}
