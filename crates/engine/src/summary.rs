//! What a library row shows about a schedule, worked out here so the app only renders it.

use jiff::civil::Date;
use serde::Serialize;

use crate::model::Schedule;
use crate::time::{Frames, Timecode};
use crate::validate::{validate, Severity};

/// Whether a schedule is ready for air.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Health {
    Clean,
    Warnings,
    Errors,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScheduleSummary {
    pub id: String,
    pub name: String,
    pub channel: String,
    pub rate: String,
    /// The broadcast days the window covers.
    pub first_day: Option<Date>,
    pub last_day: Option<Date>,
    pub events: usize,
    /// The window's length as timecode.
    pub length: String,
    pub errors: usize,
    pub warnings: usize,
    pub health: Health,
}

impl ScheduleSummary {
    /// Whether the schedule matches a search: every word of `query` appears, case-insensitively,
    /// in its name, channel or days.
    pub fn matches(&self, query: &str) -> bool {
        let haystack = format!(
            "{} {} {} {}",
            self.name,
            self.channel,
            self.first_day.map(|d| d.to_string()).unwrap_or_default(),
            self.last_day.map(|d| d.to_string()).unwrap_or_default()
        )
        .to_lowercase();
        query
            .to_lowercase()
            .split_whitespace()
            .all(|word| haystack.contains(word))
    }

    pub fn of(schedule: &Schedule) -> ScheduleSummary {
        let channel = &schedule.channel;
        let day_of = |frames: Frames| {
            channel
                .instant_after(schedule.origin, frames)
                .and_then(|t| channel.locate(t))
                .ok()
                .map(|p| p.day)
        };
        let last_frame = if schedule.length.is_positive() {
            schedule.length - Frames(1)
        } else {
            Frames::ZERO
        };
        let diagnostics = validate(schedule);
        let errors = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        let warnings = diagnostics.len() - errors;
        ScheduleSummary {
            id: schedule.id.clone(),
            name: schedule.name.clone(),
            channel: channel.name.clone(),
            rate: channel.rate.to_string(),
            first_day: day_of(Frames::ZERO),
            last_day: day_of(last_frame),
            events: schedule.events.len(),
            length: Timecode::format_frames(schedule.length, channel.rate),
            errors,
            warnings,
            health: match (errors, warnings) {
                (0, 0) => Health::Clean,
                (0, _) => Health::Warnings,
                _ => Health::Errors,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{sample_channel, schedule};
    use crate::time::FrameRate;
    use jiff::civil::date;

    #[test]
    fn summarises_days_length_and_health() {
        let channel = sample_channel(FrameRate::FPS_25);
        let origin = channel.day_start_instant(date(2026, 4, 1)).unwrap();
        let mut s = schedule(900, 2, channel, origin);
        let summary = ScheduleSummary::of(&s);
        assert_eq!(summary.first_day, Some(date(2026, 4, 1)));
        assert!(summary.last_day > summary.first_day);
        assert_eq!(summary.events, 900);
        assert_eq!(summary.health, Health::Clean);
        s.events[3].start = s.events[2].start;
        let broken = ScheduleSummary::of(&s);
        assert_eq!(broken.health, Health::Errors);
        assert!(broken.errors >= 1);
    }

    #[test]
    fn search_matches_every_word_in_name_channel_or_days() {
        let channel = sample_channel(FrameRate::FPS_25);
        let origin = channel.day_start_instant(date(2026, 4, 1)).unwrap();
        let summary = ScheduleSummary::of(&schedule(10, 2, channel, origin));
        assert!(summary.matches(""));
        assert!(summary.matches("sample 2026-04-01"));
        assert!(summary.matches("SYNTHETIC"));
        assert!(!summary.matches("sample 2027"));
    }
}
