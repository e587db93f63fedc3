//! Channels and broadcast days: mapping instants to and from (broadcast day, offset) in the
//! channel's IANA time zone, on 23-, 24- and 25-hour days alike.

use std::fmt;

use jiff::civil::{Date, Time};
use jiff::tz::{Disambiguation, TimeZone};
use jiff::{Timestamp, ZonedDateTime};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use thiserror::Error;

use crate::time::{FrameRate, Frames, Rounded, Rounding, TimeError};

/// A failure to set up a channel or to place a date or instant on it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ChannelError {
    #[error("unknown time zone '{0}': use an IANA name such as Europe/Berlin")]
    UnknownZone(String),
    #[error("broadcast-day start '{0}' is not a time of day like 06:00 or 06:00:00")]
    DayStart(String),
    #[error("the date or time is outside the supported range: {0}")]
    Range(String),
    #[error(transparent)]
    Time(#[from] TimeError),
}

/// An IANA time zone, kept with its name so it can be written back exactly.
#[derive(Clone)]
pub struct Zone {
    name: String,
    tz: TimeZone,
}

impl Zone {
    /// Looks a zone up in the tz database bundled into the engine (no system files are read).
    pub fn new(name: &str) -> Result<Zone, ChannelError> {
        let tz = jiff::tz::db()
            .get(name)
            .map_err(|_| ChannelError::UnknownZone(name.to_owned()))?;
        Ok(Zone {
            name: name.to_owned(),
            tz,
        })
    }

    pub fn utc() -> Zone {
        Zone {
            name: "UTC".into(),
            tz: TimeZone::UTC,
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn tz(&self) -> &TimeZone {
        &self.tz
    }
}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Zone({})", self.name)
    }
}

impl PartialEq for Zone {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for Zone {}

impl Serialize for Zone {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.name)
    }
}

impl<'de> Deserialize<'de> for Zone {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Zone::new(&name).map_err(serde::de::Error::custom)
    }
}

/// The local time of day at which a broadcast day begins (06:00 by default): items after
/// midnight still belong to the previous broadcast day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayStart(Time);

impl DayStart {
    pub const MIDNIGHT: DayStart = DayStart(Time::midnight());

    pub fn new(hour: i8, minute: i8, second: i8) -> Result<DayStart, ChannelError> {
        Time::new(hour, minute, second, 0)
            .map(DayStart)
            .map_err(|_| ChannelError::DayStart(format!("{hour:02}:{minute:02}:{second:02}")))
    }

    pub fn parse(text: &str) -> Result<DayStart, ChannelError> {
        let bad = || ChannelError::DayStart(text.to_owned());
        let parts: Vec<&str> = text.trim().split(':').collect();
        if !(2..=3).contains(&parts.len()) || parts.iter().any(|p| p.len() != 2) {
            return Err(bad());
        }
        let num = |s: &str| s.parse::<i8>().map_err(|_| bad());
        let second = parts.get(2).map_or(Ok(0), |s| num(s))?;
        DayStart::new(num(parts[0])?, num(parts[1])?, second).map_err(|_| bad())
    }

    pub fn time(&self) -> Time {
        self.0
    }
}

impl Default for DayStart {
    fn default() -> Self {
        DayStart(Time::constant(6, 0, 0, 0))
    }
}

impl fmt::Display for DayStart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:02}:{:02}:{:02}",
            self.0.hour(),
            self.0.minute(),
            self.0.second()
        )
    }
}

impl Serialize for DayStart {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DayStart {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        DayStart::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// A channel: its name, frame rate, time zone and broadcast-day start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Channel {
    pub name: String,
    pub rate: FrameRate,
    pub zone: Zone,
    pub day_start: DayStart,
}

/// Where an instant falls on a channel: its broadcast day and the offset from that day's start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayPosition {
    pub day: Date,
    /// Nanoseconds since the start of `day`.
    pub offset_nanos: i128,
}

impl Channel {
    pub fn new(name: impl Into<String>, rate: FrameRate, zone: Zone, day_start: DayStart) -> Self {
        Channel {
            name: name.into(),
            rate,
            zone,
            day_start,
        }
    }

    /// The instant broadcast day `day` begins. If the day-start time does not exist that day
    /// (a spring-forward gap) it is the first instant after the gap; if it occurs twice
    /// (fall-back), the earlier one.
    pub fn day_start_instant(&self, day: Date) -> Result<Timestamp, ChannelError> {
        let civil = day.to_datetime(self.day_start.0);
        self.zone
            .tz
            .to_ambiguous_zoned_datetime(civil)
            .disambiguate(Disambiguation::Compatible)
            .map(|z| z.timestamp())
            .map_err(|e| ChannelError::Range(e.to_string()))
    }

    /// The start and end (exclusive) instants of broadcast day `day`.
    pub fn day_bounds(&self, day: Date) -> Result<(Timestamp, Timestamp), ChannelError> {
        let next = day
            .tomorrow()
            .map_err(|e| ChannelError::Range(e.to_string()))?;
        Ok((self.day_start_instant(day)?, self.day_start_instant(next)?))
    }

    /// The length of broadcast day `day` in nanoseconds: 23, 24 or 25 hours around DST changes.
    pub fn day_length_nanos(&self, day: Date) -> Result<i128, ChannelError> {
        let (start, end) = self.day_bounds(day)?;
        Ok(end.as_nanosecond() - start.as_nanosecond())
    }

    /// The broadcast day an instant belongs to, and how far into that day it is.
    pub fn locate(&self, instant: Timestamp) -> Result<DayPosition, ChannelError> {
        let local = instant.to_zoned_datetime(self.zone.tz.clone());
        let mut day = local.date();
        if local.time() < self.day_start.0 {
            day = day
                .yesterday()
                .map_err(|e| ChannelError::Range(e.to_string()))?;
        }
        // Around a DST change the local clock is not monotonic, so check the bounds exactly.
        let (mut start, end) = self.day_bounds(day)?;
        if instant >= end {
            day = day
                .tomorrow()
                .map_err(|e| ChannelError::Range(e.to_string()))?;
            start = end;
        } else if instant < start {
            day = day
                .yesterday()
                .map_err(|e| ChannelError::Range(e.to_string()))?;
            start = self.day_start_instant(day)?;
        }
        Ok(DayPosition {
            day,
            offset_nanos: instant.as_nanosecond() - start.as_nanosecond(),
        })
    }

    /// The instant `offset_nanos` into broadcast day `day`.
    pub fn instant(&self, day: Date, offset_nanos: i128) -> Result<Timestamp, ChannelError> {
        let start = self.day_start_instant(day)?;
        Timestamp::from_nanosecond(start.as_nanosecond() + offset_nanos)
            .map_err(|e| ChannelError::Range(e.to_string()))
    }

    /// Frames from `origin` to `instant` at the channel's rate, rounded as asked.
    pub fn frames_between(
        &self,
        origin: Timestamp,
        instant: Timestamp,
        rounding: Rounding,
    ) -> Result<Rounded<Frames>, ChannelError> {
        let nanos = instant.as_nanosecond() - origin.as_nanosecond();
        Ok(self.rate.frames_from_nanos(nanos, rounding)?)
    }

    /// The instant `frames` after `origin`, to the nearest nanosecond.
    pub fn instant_after(
        &self,
        origin: Timestamp,
        frames: Frames,
    ) -> Result<Timestamp, ChannelError> {
        Timestamp::from_nanosecond(origin.as_nanosecond() + self.rate.nanos(frames))
            .map_err(|e| ChannelError::Range(e.to_string()))
    }

    /// An instant as RFC 3339 wall-clock time in the channel's zone, with its UTC offset
    /// (`2026-10-25T02:30:00+01:00`); fractional seconds appear only when there are any.
    pub fn rfc3339(&self, instant: Timestamp) -> String {
        self.wall_clock(instant)
            .strftime("%Y-%m-%dT%H:%M:%S%.f%:z")
            .to_string()
    }

    /// An instant as wall-clock time in the channel's zone, with its UTC offset.
    pub fn wall_clock(&self, instant: Timestamp) -> ZonedDateTime {
        instant.to_zoned_datetime(self.zone.tz.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const HOUR: i128 = 3_600_000_000_000;

    fn channel(zone: &str) -> Channel {
        Channel::new(
            "Test",
            FrameRate::FPS_25,
            Zone::new(zone).unwrap(),
            DayStart::default(),
        )
    }

    fn midnight_channel(zone: &str) -> Channel {
        Channel::new(
            "Test",
            FrameRate::FPS_25,
            Zone::new(zone).unwrap(),
            DayStart::MIDNIGHT,
        )
    }

    #[test]
    fn berlin_spring_forward_day_is_23_hours_and_fall_back_day_is_25() {
        // With days starting at midnight, the change days are the calendar days.
        let c = midnight_channel("Europe/Berlin");
        assert_eq!(c.day_length_nanos(date(2026, 3, 29)).unwrap(), 23 * HOUR);
        assert_eq!(c.day_length_nanos(date(2026, 10, 25)).unwrap(), 25 * HOUR);
        assert_eq!(c.day_length_nanos(date(2026, 3, 28)).unwrap(), 24 * HOUR);
    }

    #[test]
    fn with_a_06_00_day_start_the_change_falls_in_the_previous_broadcast_day() {
        // 02:00 on 29 March is still broadcast day 28 March, which therefore has 23 hours.
        let c = channel("Europe/Berlin");
        assert_eq!(c.day_length_nanos(date(2026, 3, 28)).unwrap(), 23 * HOUR);
        assert_eq!(c.day_length_nanos(date(2026, 3, 29)).unwrap(), 24 * HOUR);
        assert_eq!(c.day_length_nanos(date(2026, 10, 24)).unwrap(), 25 * HOUR);
        assert_eq!(c.day_length_nanos(date(2026, 10, 25)).unwrap(), 24 * HOUR);
    }

    #[test]
    fn new_york_changes_on_its_own_dates() {
        let c = midnight_channel("America/New_York");
        assert_eq!(c.day_length_nanos(date(2026, 3, 8)).unwrap(), 23 * HOUR);
        assert_eq!(c.day_length_nanos(date(2026, 11, 1)).unwrap(), 25 * HOUR);
        // Berlin's change days are ordinary in New York.
        assert_eq!(c.day_length_nanos(date(2026, 3, 29)).unwrap(), 24 * HOUR);
        let six = channel("America/New_York");
        assert_eq!(six.day_length_nanos(date(2026, 3, 7)).unwrap(), 23 * HOUR);
        assert_eq!(six.day_length_nanos(date(2026, 10, 31)).unwrap(), 25 * HOUR);
    }

    #[test]
    fn after_midnight_belongs_to_the_previous_broadcast_day() {
        let c = channel("Europe/Berlin");
        let instant: Timestamp = "2026-10-26T02:30:00+01:00".parse().unwrap();
        let pos = c.locate(instant).unwrap();
        assert_eq!(pos.day, date(2026, 10, 25));
        // The clocks went back before 06:00 that morning: 06:00 CET to 02:30 CET is 20.5 hours.
        assert_eq!(pos.offset_nanos, 20 * HOUR + HOUR / 2);
        assert_eq!(c.instant(pos.day, pos.offset_nanos).unwrap(), instant);
    }

    #[test]
    fn both_sides_of_fall_back_hour_map_to_distinct_offsets() {
        let c = channel("Europe/Berlin");
        let first: Timestamp = "2026-10-25T02:30:00+02:00".parse().unwrap();
        let second: Timestamp = "2026-10-25T02:30:00+01:00".parse().unwrap();
        let a = c.locate(first).unwrap();
        let b = c.locate(second).unwrap();
        assert_eq!(a.day, date(2026, 10, 24));
        assert_eq!(b.day, date(2026, 10, 24));
        assert_eq!(b.offset_nanos - a.offset_nanos, HOUR);
        assert_eq!(c.wall_clock(first).offset().seconds(), 7200);
        assert_eq!(c.rfc3339(first), "2026-10-25T02:30:00+02:00");
        assert_eq!(c.rfc3339(second), "2026-10-25T02:30:00+01:00");
        assert_eq!(c.wall_clock(second).offset().seconds(), 3600);
    }

    #[test]
    fn day_start_inside_a_spring_forward_gap_moves_past_the_gap() {
        let c = Channel::new(
            "Night",
            FrameRate::FPS_25,
            Zone::new("America/New_York").unwrap(),
            DayStart::parse("02:30").unwrap(),
        );
        let start = c.day_start_instant(date(2026, 3, 8)).unwrap();
        assert_eq!(c.wall_clock(start).time(), Time::constant(3, 30, 0, 0));
    }

    #[test]
    fn refuses_unknown_zones_and_bad_day_starts() {
        assert!(matches!(
            Zone::new("Mars/Olympus"),
            Err(ChannelError::UnknownZone(_))
        ));
        assert!(DayStart::parse("25:00").is_err());
        assert!(DayStart::parse("6").is_err());
        assert_eq!(DayStart::parse("06:00").unwrap().to_string(), "06:00:00");
    }

    #[test]
    fn frames_between_instants_are_exact_or_report_their_rounding() {
        let c = Channel::new(
            "NTSC",
            FrameRate::FPS_29_97_NDF,
            Zone::utc(),
            DayStart::MIDNIGHT,
        );
        let origin: Timestamp = "2026-01-01T00:00:00Z".parse().unwrap();
        let later: Timestamp = "2026-01-01T00:00:01.001Z".parse().unwrap();
        let f = c.frames_between(origin, later, Rounding::Nearest).unwrap();
        assert_eq!(f.value, Frames(30));
        assert!(f.is_exact());
        let week: Timestamp = "2026-01-08T00:00:00Z".parse().unwrap();
        let w = c.frames_between(origin, week, Rounding::Floor).unwrap();
        assert_eq!(w.value, Frames(18_125_874));
        assert!(!w.is_exact());
    }
}
