//! The sample channel a new user can load to try the app: one broadcast day of a small
//! channel, programmes with commercial breaks, promos and idents, and a few of the problems
//! the validator finds (a hard start missed, a gap), plus a filler playlist.

use jiff::civil::Date;

use crate::channel::{Channel, DayStart, Zone};
use crate::model::{Event, EventKind, Extra, Library, MediaItem, Playlist, Schedule, StartMode};
use crate::time::{FrameRate, Frames};

const RATE: FrameRate = FrameRate::FPS_25;

fn seconds(s: i64) -> Frames {
    Frames(s * 25)
}

fn minutes(m: i64) -> Frames {
    seconds(m * 60)
}

/// The day's programme slots: start (minutes after 06:00, the day start), slot length in
/// minutes, title, kind, and whether the start is fixed. A programme fills its slot but for the
/// break that follows it.
const GRID: &[(i64, i64, &str, EventKind, bool)] = &[
    (0, 30, "Morning News", EventKind::Live, true),
    (30, 90, "Breakfast Show", EventKind::Live, false),
    (120, 60, "Nature: The Alps", EventKind::Programme, false),
    (180, 30, "Cartoon Hour", EventKind::Programme, false),
    (210, 60, "Cooking with Ana", EventKind::Programme, false),
    (270, 90, "Daytime Drama", EventKind::Programme, false),
    (360, 30, "Midday News", EventKind::Live, true),
    (
        390,
        120,
        "Afternoon Film: The Long Road",
        EventKind::Programme,
        false,
    ),
    (510, 60, "Quiz Time", EventKind::Programme, false),
    (570, 60, "Travel Notes", EventKind::Programme, false),
    (630, 90, "Afternoon Sport", EventKind::Live, false),
    (720, 15, "Evening News", EventKind::Live, true),
    (
        735,
        50,
        "Documentary: Night Trains",
        EventKind::Programme,
        false,
    ),
    // One minute too long: its break runs into 20:00 (840), so the news misses its hard start.
    (
        785,
        56,
        "Crime Series, Episode 4",
        EventKind::Programme,
        false,
    ),
    (840, 15, "News at Eight", EventKind::Live, true),
    // Ends at 21:50 (950): nothing until the late news at 23:00 (1020), a gap.
    (
        855,
        95,
        "Feature Film: Harbour Lights",
        EventKind::Programme,
        false,
    ),
    (1020, 20, "Late News", EventKind::Live, true),
    (1040, 60, "Music Night", EventKind::Programme, false),
    (1100, 60, "Night Talk", EventKind::Live, false),
    (1160, 280, "Night Loop", EventKind::Programme, false),
];

/// The break after each programme, in seconds.
const BREAK_SECONDS: i64 = 70;

/// One break after a programme: two spots, a promo and an ident (`BREAK_SECONDS` in all).
fn commercial_break(n: usize) -> [(i64, String, EventKind); 4] {
    [
        (30, format!("Spot: Harbour Bank {n}"), EventKind::Commercial),
        (20, format!("Spot: Alpine Water {n}"), EventKind::Commercial),
        (15, "Promo: Tonight on Sample One".into(), EventKind::Promo),
        (5, "Ident".into(), EventKind::Ident),
    ]
}

/// The sample library for broadcast day `day`.
pub fn sample_library(day: Date) -> Library {
    let channel = Channel::new(
        "Sample One",
        RATE,
        Zone::new("Europe/Berlin").unwrap_or_else(|_| Zone::utc()),
        DayStart::default(),
    );
    let origin = channel
        .day_start_instant(day)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    let mut events = Vec::new();
    for (n, &(start, length, title, kind, fixed)) in GRID.iter().enumerate() {
        let mut programme = Event::new(
            format!("p{:02}", n + 1),
            minutes(start),
            minutes(length) - seconds(BREAK_SECONDS),
            title,
            kind,
        );
        programme.start_mode = if fixed {
            StartMode::Fixed
        } else {
            StartMode::Follow
        };
        programme.source = Some(format!("house/PRG{:04}", 100 + n));
        let mut at = minutes(start + length) - seconds(BREAK_SECONDS);
        events.push(programme);
        for (b, (length, title, kind)) in commercial_break(n + 1).into_iter().enumerate() {
            let mut spot = Event::new(
                format!("p{:02}-b{}", n + 1, b + 1),
                at,
                seconds(length),
                title,
                kind,
            );
            spot.source = Some(format!(
                "house/{}{:04}",
                &kind.as_str()[..3].to_uppercase(),
                10 * n + b
            ));
            at += seconds(length);
            events.push(spot);
        }
    }
    let schedule = Schedule {
        id: format!("sample-one-{day}"),
        name: format!("Sample One {day}"),
        channel,
        origin,
        length: minutes(24 * 60),
        events,
        extra: Extra::new(),
    };
    let fillers = ["Seascape", "City Lights", "Forest Rain", "Harbour at Dawn"]
        .iter()
        .enumerate()
        .map(|(n, title)| {
            let mut item =
                MediaItem::new(format!("f{}", n + 1), *title, seconds(60 + 30 * n as i64));
            item.kind = EventKind::Filler;
            item.source = Some(format!("house/FIL{:04}", n + 1));
            item
        })
        .collect();
    Library {
        schedules: vec![schedule],
        playlists: vec![Playlist {
            id: "sample-fillers".into(),
            name: "Sample fillers".into(),
            rate: RATE,
            items: fillers,
            extra: Extra::new(),
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::{validate, Code};
    use jiff::civil::date;

    #[test]
    fn the_sample_day_shows_a_missed_hard_start_and_a_gap_and_nothing_worse() {
        let library = sample_library(date(2026, 11, 29));
        let schedule = &library.schedules[0];
        assert_eq!(schedule.events.len(), GRID.len() * 5);
        let found = validate(schedule);
        let codes: Vec<Code> = found.iter().map(|d| d.code).collect();
        assert!(codes.contains(&Code::HardStartMissed), "{codes:?}");
        assert!(codes.contains(&Code::Gap), "{codes:?}");
        assert!(
            codes
                .iter()
                .all(|c| matches!(c, Code::HardStartMissed | Code::Gap | Code::Overlap)),
            "{codes:?}"
        );
        assert!(
            found.iter().all(|d| !d.fixes.is_empty()),
            "every problem has a fix: {found:#?}"
        );
        assert_eq!(library.playlists[0].items.len(), 4);
    }

    #[test]
    fn the_sample_is_the_same_every_time_for_a_day() {
        let day = date(2026, 3, 29);
        assert_eq!(sample_library(day), sample_library(day));
    }
}
