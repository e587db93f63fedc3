//! Times of day on a broadcast day (`25:30:00:00` is 01:30 the next morning) to frames from the
//! day's start and back, through the channel's zone, so DST days come out right (CSV and BXF).

use jiff::civil::{Date, Time};
use jiff::tz::{AmbiguousOffset, Disambiguation};
use jiff::{Timestamp, ToSpan};

use super::{ImportWarning, RepeatedHour};
use crate::channel::{Channel, ChannelError};
use crate::time::{FrameRate, Frames, Rounded, Rounding};

/// A wall-clock time of day with a frame: hours may pass 23.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeOfDay {
    hours: u32,
    minutes: u8,
    seconds: u8,
    frames: u8,
}

impl TimeOfDay {
    /// Sorts times of day in on-air order (hours may pass 23).
    pub fn key(&self) -> (u32, u8, u8, u8) {
        (self.hours, self.minutes, self.seconds, self.frames)
    }
}

/// Reads `HH:MM:SS:FF` (any of `:;.,` as separators); the frame must be below the rate's base.
pub(crate) fn parse_time_of_day(text: &str, rate: FrameRate) -> Option<TimeOfDay> {
    let parts: Vec<&str> = text.trim().split([':', ';', '.', ',']).collect();
    let [h, m, s, f] = parts.as_slice() else {
        return None;
    };
    let num = |t: &str| {
        (!t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse::<u32>().ok())
            .flatten()
    };
    let tod = TimeOfDay {
        hours: num(h)?,
        minutes: u8::try_from(num(m)?).ok().filter(|m| *m < 60)?,
        seconds: u8::try_from(num(s)?).ok().filter(|s| *s < 60)?,
        frames: u8::try_from(num(f)?)
            .ok()
            .filter(|f| u32::from(*f) < rate.timecode_base())?,
    };
    // Hours count on across the days of a long schedule; a year is the bound.
    (tod.hours < 24 * 366).then_some(tod)
}

/// The clock of one broadcast day.
#[derive(Debug)]
pub(crate) struct DayClock<'c> {
    channel: &'c Channel,
    date: Date,
    origin: Timestamp,
    end: Timestamp,
}

impl<'c> DayClock<'c> {
    pub(crate) fn new(channel: &'c Channel, date: Date) -> Result<DayClock<'c>, ChannelError> {
        let (origin, end) = channel.day_bounds(date)?;
        Ok(DayClock {
            channel,
            date,
            origin,
            end,
        })
    }

    pub(crate) fn origin(&self) -> Timestamp {
        self.origin
    }

    /// The day's length in whole frames.
    pub(crate) fn length(&self) -> Frames {
        self.channel
            .frames_between(self.origin, self.end, Rounding::Floor)
            .map_or(Frames::ZERO, |r| r.value)
    }

    /// Frames from the day's start to `tod` (in an hour that happens twice, the first).
    pub(crate) fn frames(&self, tod: TimeOfDay) -> Result<Rounded<Frames>, ChannelError> {
        self.frames_in(tod, RepeatedHour::First)
            .map(|(frames, _)| frames)
    }

    /// Frames from the day's start to `tod`, taking `which` instant when the wall-clock time
    /// happens twice (the clocks go back), and whether it did.
    pub(crate) fn frames_in(
        &self,
        tod: TimeOfDay,
        which: RepeatedHour,
    ) -> Result<(Rounded<Frames>, bool), ChannelError> {
        let range = |e: jiff::Error| ChannelError::Range(e.to_string());
        let time = Time::new(
            i8::try_from(tod.hours % 24).unwrap_or(0),
            i8::try_from(tod.minutes).unwrap_or(0),
            i8::try_from(tod.seconds).unwrap_or(0),
            0,
        )
        .map_err(range)?;
        let mut days = i64::from(tod.hours / 24);
        if tod.hours < 24 && time < self.channel.day_start.time() {
            days += 1;
        }
        let date = self.date.checked_add(days.days()).map_err(range)?;
        let ambiguous = self
            .channel
            .zone
            .tz()
            .to_ambiguous_timestamp(date.to_datetime(time));
        let repeated = matches!(ambiguous.offset(), AmbiguousOffset::Fold { .. });
        // A time the clocks skip (they go forward) counts on from before the gap, as the wall
        // clock would have read.
        let instant = match which {
            RepeatedHour::First => ambiguous.disambiguate(Disambiguation::Compatible),
            RepeatedHour::Second if repeated => ambiguous.disambiguate(Disambiguation::Later),
            RepeatedHour::Second => ambiguous.disambiguate(Disambiguation::Compatible),
        }
        .map_err(range)?;
        let whole = self
            .channel
            .frames_between(self.origin, instant, Rounding::Nearest)?;
        let frames = Rounded {
            value: whole.value + Frames(i64::from(tod.frames)),
            residual: whole.residual,
        };
        Ok((frames, repeated))
    }
}

/// The times an import read in an hour that happens twice, to report them together.
#[derive(Debug, Default)]
pub(crate) struct RepeatedTimes {
    /// The line of each, and what to call it there ("line 12", "line 9 (event 'news')").
    places: Vec<(usize, String)>,
}

impl RepeatedTimes {
    pub(crate) fn note(&mut self, repeated: bool, place: impl FnOnce() -> (usize, String)) {
        if repeated {
            self.places.push(place());
        }
    }

    /// One warning naming where (the first few places and how many more), which instant was
    /// taken, and how to take the other.
    pub(crate) fn warning(&self, which: RepeatedHour) -> Option<ImportWarning> {
        const SHOWN: usize = 3;
        let (first_line, _) = self.places.first()?;
        let (shown, rest) = self.places.split_at(self.places.len().min(SHOWN));
        let more = match rest.len() {
            0 => String::new(),
            n => format!(" and {n} more"),
        };
        let names: Vec<&str> = shown.iter().map(|(_, name)| name.as_str()).collect();
        let taken = match which {
            RepeatedHour::First => "first",
            RepeatedHour::Second => "second",
        };
        let hint = match which {
            RepeatedHour::First => "to take the second, tick the import panel's \"Times in the hour that repeats when the clocks go back mean its second occurrence\" (or give --repeated-hour second)",
            RepeatedHour::Second => "to take the first, untick the import panel's \"Times in the hour that repeats when the clocks go back mean its second occurrence\" (or give --repeated-hour first)",
        };
        Some(
            ImportWarning::at(
                *first_line,
                1,
                format!(
                    "the time falls in the hour that happens twice when the clocks go back; the {taken} occurrence was taken ({}{more})",
                    names.join(", ")
                ),
            )
            .with_hint(hint),
        )
    }
}

/// How hours after midnight are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hours {
    /// Counted on from the broadcast day's date: 01:30 the next morning is `25:30:00:00`.
    Continued,
    /// As on a clock: `01:30:00:00` (the broadcast day says which morning).
    Wrapped,
}

/// The time of day of `frames` after the day's start.
pub(crate) fn format_time_of_day(
    clock: &DayClock<'_>,
    channel: &Channel,
    frames: Frames,
    style: Hours,
) -> Result<String, ChannelError> {
    let instant = channel.instant_after(clock.origin, frames)?;
    format_instant_of_day(clock, channel, instant, style)
}

/// The time of day of `instant` on the clock's broadcast day, with the frame into its second.
pub(crate) fn format_instant_of_day(
    clock: &DayClock<'_>,
    channel: &Channel,
    instant: Timestamp,
    style: Hours,
) -> Result<String, ChannelError> {
    let wall = channel.wall_clock(instant);
    let second = wall.timestamp().as_second();
    let whole_second =
        Timestamp::from_second(second).map_err(|e| ChannelError::Range(e.to_string()))?;
    // At 1001 rates a wall-clock second holds 29.97 frames: the nearest frame can be the 30th,
    // which the label cannot show, so the last frame of the second stands for it.
    let last = i64::from(channel.rate.timecode_base()) - 1;
    let into_second = Frames(
        channel
            .frames_between(whole_second, instant, Rounding::Nearest)?
            .value
            .get()
            .min(last),
    );
    let days = (wall.date() - clock.date).get_days();
    let hours = match style {
        Hours::Continued => i64::from(wall.hour()) + 24 * i64::from(days),
        Hours::Wrapped => i64::from(wall.hour()),
    };
    let sep = if channel.rate.is_drop_frame() {
        ';'
    } else {
        ':'
    };
    Ok(format!(
        "{hours:02}:{:02}:{:02}{sep}{:02}",
        wall.minute(),
        wall.second(),
        into_second.get()
    ))
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::channel::{DayStart, Zone};

    fn berlin(rate: FrameRate) -> Channel {
        Channel::new(
            "Berlin",
            rate,
            Zone::new("Europe/Berlin").unwrap(),
            DayStart::default(),
        )
    }

    fn tod(hours: u32, minutes: u8, seconds: u8, frames: u8) -> TimeOfDay {
        TimeOfDay {
            hours,
            minutes,
            seconds,
            frames,
        }
    }

    #[test]
    fn a_time_of_day_takes_any_separator_and_refuses_what_a_clock_cannot_show() {
        let rate = FrameRate::FPS_25;
        let read = |text| parse_time_of_day(text, rate);
        assert_eq!(read(" 06:30:15:24 "), Some(tod(6, 30, 15, 24)));
        assert_eq!(read("26;00.59,00"), Some(tod(26, 0, 59, 0)));
        assert_eq!(read("8783:00:00:00"), Some(tod(8783, 0, 0, 0)));
        for bad in [
            "06:00:00",
            "06:00:00:00:00",
            "06:60:00:00",
            "06:00:60:00",
            "06:00:00:25",
            "+6:00:00:00",
            "6 :00:00:00",
            "00006:00:00:00",
            ":00:00:00",
            "8784:00:00:00",
        ] {
            assert_eq!(read(bad), None, "{bad}");
        }
        assert_eq!(
            parse_time_of_day("06:00:00:29", FrameRate::FPS_29_97_DF),
            Some(tod(6, 0, 0, 29))
        );
    }

    #[test]
    fn a_day_clock_counts_from_the_day_start_and_wraps_past_midnight() {
        let channel = berlin(FrameRate::FPS_25);
        let clock = DayClock::new(&channel, date(2026, 6, 1)).unwrap();
        assert_eq!(
            clock.origin(),
            "2026-06-01T04:00:00Z".parse::<Timestamp>().unwrap()
        );
        assert_eq!(clock.length(), Frames(24 * 3600 * 25));
        let at = |t| clock.frames(t).unwrap();
        assert_eq!(at(tod(7, 0, 0, 3)).value, Frames(3600 * 25 + 3));
        // Before the day start on the clock is the next morning; hours past 24 say so outright.
        assert_eq!(at(tod(2, 0, 0, 0)).value, Frames(20 * 3600 * 25));
        assert_eq!(at(tod(26, 0, 0, 0)).value, Frames(20 * 3600 * 25));
        assert_eq!(at(tod(30, 0, 0, 0)).value, Frames(24 * 3600 * 25));
        assert_eq!(at(tod(24, 0, 0, 0)).value, Frames(18 * 3600 * 25));
        assert!(at(tod(7, 0, 0, 0)).is_exact());
    }

    #[test]
    fn the_repeated_hour_gives_either_occurrence_and_says_it_was_repeated() {
        let channel = berlin(FrameRate::FPS_25);
        // Broadcast day 24 October 2026: the clocks go back at 03:00 on the 25th.
        let clock = DayClock::new(&channel, date(2026, 10, 24)).unwrap();
        assert_eq!(clock.length(), Frames(25 * 3600 * 25));
        let first = clock
            .frames_in(tod(2, 30, 0, 0), RepeatedHour::First)
            .unwrap();
        let second = clock
            .frames_in(tod(2, 30, 0, 0), RepeatedHour::Second)
            .unwrap();
        assert_eq!(
            (first.0.value, first.1),
            (Frames(20 * 3600 * 25 + 1800 * 25), true)
        );
        assert_eq!(
            (second.0.value, second.1),
            (Frames(21 * 3600 * 25 + 1800 * 25), true)
        );
        // A time the clocks skip counts on from before the gap, whichever is asked for:
        // 02:30 on the night of 29 March is 03:30 CEST, 20.5 hours after 06:00 CET.
        let spring = DayClock::new(&channel, date(2026, 3, 28)).unwrap();
        for which in [RepeatedHour::First, RepeatedHour::Second] {
            let (at, repeated) = spring.frames_in(tod(2, 30, 0, 0), which).unwrap();
            assert_eq!((at.value, repeated), (Frames(41 * 1800 * 25), false));
        }
        // Outside the repeated hour the choice changes nothing.
        for which in [RepeatedHour::First, RepeatedHour::Second] {
            let (at, repeated) = clock.frames_in(tod(4, 0, 0, 0), which).unwrap();
            assert_eq!((at.value, repeated), (Frames(23 * 3600 * 25), false));
        }
    }

    #[test]
    fn times_in_the_repeated_hour_make_one_warning_naming_the_first_three() {
        let mut none = RepeatedTimes::default();
        none.note(false, || (1, "line 1".into()));
        assert_eq!(none.warning(RepeatedHour::First), None);
        let mut times = RepeatedTimes::default();
        for line in [4, 6, 9, 12, 15] {
            times.note(true, || (line, format!("line {line}")));
        }
        let warning = times.warning(RepeatedHour::Second).unwrap();
        assert_eq!(
            (warning.place, warning.message.as_str()),
            (
                Some((4, 1)),
                "the time falls in the hour that happens twice when the clocks go back; the second occurrence was taken (line 4, line 6, line 9 and 2 more)"
            )
        );
        assert!(warning
            .hint
            .unwrap()
            .starts_with("to take the first, untick"));
        let mut three = RepeatedTimes::default();
        for line in [1, 2, 3] {
            three.note(true, || (line, format!("line {line}")));
        }
        let warning = three.warning(RepeatedHour::First).unwrap();
        assert!(
            warning
                .message
                .ends_with("the first occurrence was taken (line 1, line 2, line 3)"),
            "{}",
            warning.message
        );
        assert!(warning
            .hint
            .unwrap()
            .starts_with("to take the second, tick"));
    }

    #[test]
    fn a_time_of_day_is_written_continued_or_wrapped_with_the_frame() {
        let channel = berlin(FrameRate::FPS_25);
        let clock = DayClock::new(&channel, date(2026, 6, 1)).unwrap();
        let write =
            |frames, style| format_time_of_day(&clock, &channel, Frames(frames), style).unwrap();
        assert_eq!(write(3600 * 25 + 7, Hours::Continued), "07:00:00:07");
        assert_eq!(write(20 * 3600 * 25, Hours::Continued), "26:00:00:00");
        assert_eq!(write(20 * 3600 * 25, Hours::Wrapped), "02:00:00:00");
        let ntsc = berlin(FrameRate::FPS_29_97_DF);
        let clock = DayClock::new(&ntsc, date(2026, 6, 1)).unwrap();
        // The frame nearest the end of a wall-clock second is shown as its last label.
        let last = format_time_of_day(&clock, &ntsc, Frames(29), Hours::Continued).unwrap();
        assert_eq!(last, "06:00:00;29");
        let next = format_time_of_day(&clock, &ntsc, Frames(30), Hours::Continued).unwrap();
        assert_eq!(next, "06:00:01;00");
    }
}
