//! A schedule in pieces, as storage keeps it: a head (the schedule without its events) and its
//! events in runs of one broadcast day each, so that saving writes only the days that changed
//! and no stored record grows with the schedule (a browser refuses a record of about 130 MB: a
//! year of spots as one record).
//!
//! A piece is a run of consecutive events of the list, cut where the broadcast day of an
//! event's start changes and after [`MAX_PIECE_EVENTS`]; the pieces in order are the list as it
//! is, in any order it has. Each piece is ScheduleFlow JSON's event form, with a fingerprint
//! that tells a changed piece from one stored before.

use std::hash::BuildHasher;
use std::ops::Range;

use jiff::civil::Date;

use crate::format::ImportError;
use crate::model::{Event, Schedule};
use crate::time::{Frames, Rounding};
use crate::timeline;

/// A piece holds at most this many events, so a busy day is more than one piece and no piece
/// is large to write again for one change.
pub const MAX_PIECE_EVENTS: usize = 5_000;

/// One piece: the events at `events` in the schedule's list, which start on broadcast `day`
/// (events before the window count to its first day, after it to its last; `None` for a
/// schedule whose window cannot be placed in days).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub day: Option<Date>,
    pub events: Range<usize>,
}

/// The first frame of each broadcast day after the first the window touches.
fn day_starts(schedule: &Schedule) -> (Vec<Date>, Vec<Frames>) {
    let days = timeline::days(schedule);
    let channel = &schedule.channel;
    let starts = days
        .iter()
        .skip(1)
        .map_while(|&day| {
            let instant = channel.day_start_instant(day).ok()?;
            // An event belongs to a day from the first frame that starts at or after its start.
            let frames = channel.frames_between(schedule.origin, instant, Rounding::Ceil);
            Some(frames.ok()?.value)
        })
        .collect::<Vec<_>>();
    let mut days = days;
    days.truncate(starts.len() + 1);
    (days, starts)
}

/// The schedule's events in pieces, in order; none for a schedule without events.
pub fn split(schedule: &Schedule) -> Vec<Piece> {
    let (days, starts) = day_starts(schedule);
    let day_of = |event: &Event| {
        days.get(starts.partition_point(|s| *s <= event.start))
            .copied()
    };
    let mut pieces: Vec<Piece> = Vec::new();
    for (at, event) in schedule.events.iter().enumerate() {
        let day = day_of(event);
        match pieces.last_mut() {
            Some(piece) if piece.day == day && piece.events.len() < MAX_PIECE_EVENTS => {
                piece.events.end = at + 1;
            }
            _ => pieces.push(Piece {
                day,
                events: at..at + 1,
            }),
        }
    }
    pieces
}

/// The schedule without its events: what the head record holds.
pub fn head(schedule: &Schedule) -> Schedule {
    Schedule {
        id: schedule.id.clone(),
        name: schedule.name.clone(),
        channel: schedule.channel.clone(),
        origin: schedule.origin,
        length: schedule.length,
        events: Vec::new(),
        extra: schedule.extra.clone(),
    }
}

/// A piece's events as stored: a JSON array of ScheduleFlow JSON events.
pub fn write_piece(events: &[Event]) -> String {
    // Plain data into a String cannot fail; an empty array would be the symptom.
    serde_json::to_string(events).unwrap_or_else(|_| "[]".to_owned())
}

/// A stored piece's events.
pub fn read_piece(json: &str) -> Result<Vec<Event>, ImportError> {
    crate::format::sf_json::read_events(json)
}

/// A piece's fingerprint: the same text always gives the same number, on every platform and
/// in every session, so a fold compares it with the one stored and writes only what differs.
pub fn fingerprint(json: &str) -> u64 {
    const SEED: u64 = 0x5c4e_d1f1_0a77_2026;
    foldhash::fast::FixedState::with_seed(SEED).hash_one(json)
}

/// The pieces of `schedule` as stored text, each with its fingerprint, in order.
pub fn write_pieces(schedule: &Schedule) -> Vec<StoredPiece> {
    split(schedule)
        .into_iter()
        .map(|piece| {
            let json = write_piece(&schedule.events[piece.events]);
            StoredPiece {
                day: piece.day,
                fingerprint: fingerprint(&json),
                json,
            }
        })
        .collect()
}

/// A piece ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPiece {
    pub day: Option<Date>,
    pub fingerprint: u64,
    pub json: String,
}

/// The positions of the pieces in `new` whose fingerprint differs from the one stored at the
/// same position in `stored` (or that `stored` does not have): the ones a save must write.
pub fn changed(stored: &[u64], new: &[StoredPiece]) -> Vec<usize> {
    new.iter()
        .enumerate()
        .filter(|(at, piece)| stored.get(*at) != Some(&piece.fingerprint))
        .map(|(at, _)| at)
        .collect()
}

#[cfg(test)]
mod tests;
