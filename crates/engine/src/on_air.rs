//! The on-air clock of a schedule: the time of day an event airs, as broadcast rundowns show it
//! (`06:00:00:00`; past midnight the hours count on, `25:30:00:00`), on the channel's wall clock,
//! DST included. On a schedule of more than one broadcast day a time also names its day
//! (`Thu 8 Jan 06:16:30:00`), never `96:16:30:00`. Event tables, validation messages and the
//! editor's time fields say and read times this way.

use jiff::civil::Date;
use jiff::Timestamp;
use thiserror::Error;

use crate::channel::Channel;
use crate::format::clock::{format_instant_of_day, parse_time_of_day, DayClock, Hours};
use crate::model::Schedule;
use crate::time::{Frames, Rounding, Timecode};

/// Why a typed on-air time was not taken.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum OnAirError {
    #[error("“{text}” is not a time of day like {example}")]
    NotATime { text: String, example: String },
    #[error("{0} cannot be placed on this channel's clock")]
    OffTheClock(String),
}

/// The clock of a schedule. Made once and used for many times.
#[derive(Debug)]
pub struct OnAir<'s> {
    schedule: &'s Schedule,
    clock: Option<DayClock<'s>>,
    /// The schedule spans more than one broadcast day, so times name their day.
    multi_day: bool,
}

impl<'s> OnAir<'s> {
    pub fn new(schedule: &'s Schedule) -> OnAir<'s> {
        let channel = &schedule.channel;
        let first = channel.locate(schedule.origin).ok().map(|p| p.day);
        let clock = first.and_then(|day| DayClock::new(channel, day).ok());
        let last = channel
            .instant_after(schedule.origin, Frames((schedule.length.get() - 1).max(0)))
            .and_then(|t| channel.locate(t))
            .ok()
            .map(|p| p.day);
        OnAir {
            schedule,
            clock,
            multi_day: first.is_some() && last.is_some() && first != last,
        }
    }

    /// The broadcast day `frames` after the origin falls on.
    pub fn day_of(&self, frames: Frames) -> Option<Date> {
        let channel = &self.schedule.channel;
        channel
            .instant_after(self.schedule.origin, frames)
            .and_then(|t| channel.locate(t))
            .ok()
            .map(|p| p.day)
    }

    /// The time `frames` after the schedule's origin. A time the clock cannot place (far outside
    /// any zone's range) is given as timecode from the origin instead.
    pub fn at(&self, frames: Frames) -> String {
        let channel = &self.schedule.channel;
        let placed = || {
            let instant = channel.instant_after(self.schedule.origin, frames).ok()?;
            if self.multi_day {
                let day = channel.locate(instant).ok()?.day;
                let clock = DayClock::new(channel, day).ok()?;
                let time =
                    format_instant_of_day(&clock, channel, instant, Hours::Continued).ok()?;
                Some(format!("{} {time}", day_label(day)))
            } else {
                let clock = self.clock.as_ref()?;
                format_instant_of_day(clock, channel, instant, Hours::Continued).ok()
            }
        };
        placed().unwrap_or_else(|| Timecode::format_frames(frames, self.schedule.rate()))
    }

    /// The time typed as `text` (`HH:MM:SS:FF`, past midnight `25:30:00:00`) on broadcast day
    /// `day`, as frames from the schedule's origin.
    pub fn parse(&self, text: &str, day: Date) -> Result<Frames, OnAirError> {
        let channel = &self.schedule.channel;
        let instant = on_air_instant(channel, day, text)?;
        channel
            .frames_between(self.schedule.origin, instant, Rounding::Nearest)
            .map(|r| r.value)
            .map_err(|_| OnAirError::OffTheClock(text.trim().to_owned()))
    }
}

/// The instant of the on-air time `text` (`HH:MM:SS:FF`, past midnight `25:30:00:00`) on
/// broadcast day `day` of `channel`.
pub fn on_air_instant(channel: &Channel, day: Date, text: &str) -> Result<Timestamp, OnAirError> {
    let rate = channel.rate;
    let tod = parse_time_of_day(text, rate).ok_or_else(|| OnAirError::NotATime {
        text: text.trim().to_owned(),
        example: Timecode::format_frames(Frames::ZERO, rate).replacen("00", "18", 1),
    })?;
    let off = |_| OnAirError::OffTheClock(text.trim().to_owned());
    let clock = DayClock::new(channel, day).map_err(off)?;
    let frames = clock.frames(tod).map_err(off)?.value;
    channel.instant_after(clock.origin(), frames).map_err(off)
}

/// A broadcast day as rundowns name it: `Thu 8 Jan`.
pub fn day_label(day: Date) -> String {
    day.strftime("%a %-d %b").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{sample_channel, schedule};
    use crate::time::FrameRate;
    use jiff::civil::date;

    #[test]
    fn a_week_names_the_broadcast_day_and_reads_times_back_on_it() {
        // 05:00 UTC is 06:00 in Berlin in January: the day start.
        let origin = "2026-01-05T05:00:00Z".parse().unwrap();
        let mut week = schedule(3, 1, sample_channel(FrameRate::FPS_25), origin);
        week.length = Frames(25 * 3600 * 24 * 7);
        let clock = OnAir::new(&week);
        let thursday = Frames(25 * 3600 * (24 * 3 + 3));
        assert_eq!(clock.at(thursday), "Thu 8 Jan 09:00:00:00");
        assert_eq!(
            clock.at(thursday + Frames(25 * 3600 * 17)),
            "Thu 8 Jan 26:00:00:00"
        );
        assert_eq!(clock.day_of(thursday), Some(date(2026, 1, 8)));
        assert_eq!(clock.parse("09:00:00:00", date(2026, 1, 8)), Ok(thursday));
        assert_eq!(
            clock.parse("26:00:00:00", date(2026, 1, 8)),
            Ok(thursday + Frames(25 * 3600 * 17))
        );
    }

    #[test]
    fn one_day_keeps_bare_times_and_refuses_what_is_not_a_time() {
        let origin = "2026-01-05T05:00:00Z".parse().unwrap();
        let day = schedule(3, 1, sample_channel(FrameRate::FPS_29_97_DF), origin);
        let clock = OnAir::new(&day);
        assert_eq!(clock.at(Frames(0)), "06:00:00;00");
        assert_eq!(
            clock.parse("6 pm", date(2026, 1, 5)),
            Err(OnAirError::NotATime {
                text: "6 pm".into(),
                example: "18:00:00;00".into()
            })
        );
        assert_eq!(clock.parse("06:00:00;00", date(2026, 1, 5)), Ok(Frames(0)));
        // 1798 frames is 59.993 s: the last frame of the second, never a 30th.
        assert_eq!(clock.at(Frames(1798)), "06:00:59;29");
    }
}
