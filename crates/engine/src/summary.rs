//! What a library row shows about a schedule, worked out here so the app only renders it.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::model::{MediaItem, Playlist, Schedule};
use crate::time::{Frames, Timecode};
use crate::validate::{validate, Diagnostic};

/// Whether a schedule is ready for air.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Health {
    Clean,
    Warnings,
    Errors,
    /// Not known yet: the schedule's check has not run (a big one is checked in slices).
    Checking,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
        );
        words_match(&haystack, query)
    }

    pub fn of(schedule: &Schedule) -> ScheduleSummary {
        ScheduleSummary::with_diagnostics(schedule, &validate(schedule))
    }

    /// The summary of a schedule whose diagnostics are already known.
    /// The row of a schedule whose check has not run yet: everything but its health.
    pub fn unchecked(schedule: &Schedule) -> ScheduleSummary {
        ScheduleSummary {
            health: Health::Checking,
            ..ScheduleSummary::with_diagnostics(schedule, &[])
        }
    }

    pub fn with_diagnostics(schedule: &Schedule, diagnostics: &[Diagnostic]) -> ScheduleSummary {
        let channel = &schedule.channel;
        let days = crate::timeline::days(schedule);
        let (errors, warnings) = crate::validate::count(diagnostics);
        ScheduleSummary {
            id: schedule.id.clone(),
            name: schedule.name.clone(),
            channel: channel.name.clone(),
            rate: channel.rate.to_string(),
            first_day: days.first().copied(),
            last_day: days.last().copied(),
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

/// Whether every word of `query` appears in `haystack`, ignoring case.
fn words_match(haystack: &str, query: &str) -> bool {
    let haystack = haystack.to_lowercase();
    query
        .to_lowercase()
        .split_whitespace()
        .all(|word| haystack.contains(word))
}

/// What a library row shows about a playlist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaylistSummary {
    pub id: String,
    pub name: String,
    pub rate: String,
    pub items: usize,
    /// The sum of the items' play lengths, as timecode.
    pub length: String,
    /// Items whose length is unknown (not counted in `length`).
    pub unknown: usize,
}

impl PlaylistSummary {
    pub fn of(playlist: &Playlist) -> PlaylistSummary {
        let lengths: Vec<Option<Frames>> =
            playlist.items.iter().map(MediaItem::play_length).collect();
        let total = lengths
            .iter()
            .flatten()
            .fold(Frames::ZERO, |sum, &f| sum + f);
        PlaylistSummary {
            id: playlist.id.clone(),
            name: playlist.name.clone(),
            rate: playlist.rate.to_string(),
            items: playlist.items.len(),
            length: Timecode::format_frames(total, playlist.rate),
            unknown: lengths.iter().filter(|l| l.is_none()).count(),
        }
    }

    /// Whether every word of `query` appears in the playlist's name.
    pub fn matches(&self, query: &str) -> bool {
        words_match(&self.name, query)
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

    #[test]
    fn a_playlist_summary_adds_known_lengths_and_counts_unknown_ones() {
        let mut playlist = crate::generate::playlist(3, 1, FrameRate::FPS_25);
        for item in &mut playlist.items {
            item.in_point = None;
            item.out_point = None;
            item.duration = Some(Frames(250));
        }
        playlist.items[2].duration = None;
        let summary = PlaylistSummary::of(&playlist);
        assert_eq!(summary.items, 3);
        assert_eq!(summary.length, "00:00:20:00");
        assert_eq!(summary.unknown, 1);
        assert!(summary.matches(&playlist.name.to_uppercase()));
        assert!(!summary.matches("no such words"));
    }
}
