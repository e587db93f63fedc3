//! A schedule in pieces, as storage keeps it: a head (the schedule without its events) and its
//! events in runs of broadcast days, so that saving writes only the days that changed and no
//! stored record grows with the schedule (a browser refuses a record of about 130 MB: a year of
//! spots as one record).
//!
//! A piece is a run of consecutive events of the list, cut where the broadcast day of an
//! event's start enters a new group of days and after [`MAX_PIECE_EVENTS`]; the pieces in order
//! are the list as it is, in any order it has. A busy schedule's groups are single days; a
//! light one's are a few days together ([`days_a_piece`]), because a browser reads a few large
//! values about twice as fast as many small ones of the same total (Chromium keeps values over
//! 64 KB apart from its tables). Each piece is ScheduleFlow JSON's event form, with a
//! fingerprint that tells a changed piece from one stored before.

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

/// A piece of light days holds about this many events at least (some 64–128 KB of JSON).
pub const LEAST_PIECE_EVENTS: usize = 512;

/// A piece never spans more days than this, so an edit rewrites at most two months of a sparse
/// schedule.
pub const MOST_DAYS_A_PIECE: usize = 64;

/// One piece: the events at `events` in the schedule's list, the first of which starts on
/// broadcast `day` (events before the window count to its first day, after it to its last;
/// `None` for a schedule whose window cannot be placed in days).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub day: Option<Date>,
    pub events: Range<usize>,
}

/// How many days of its window a piece of a schedule of `events` over `days` days holds: the
/// fewest (a power of two, at most [`MOST_DAYS_A_PIECE`]) that hold [`LEAST_PIECE_EVENTS`] at
/// the schedule's average density. Groups start every that many days from the window's first,
/// so an edit changes only its own group's piece; the count changes (and every piece is
/// written once more) only when the density halves or doubles across a power of two.
pub fn days_a_piece(events: usize, days: usize) -> usize {
    let mut group = 1;
    while group < MOST_DAYS_A_PIECE
        && events.saturating_mul(group) < LEAST_PIECE_EVENTS.saturating_mul(days)
    {
        group *= 2;
    }
    group
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
    let group = days_a_piece(schedule.events.len(), days.len());
    split_in_groups(schedule, &days, &starts, group)
}

/// The schedule's events in pieces of at most `group` days of its window.
fn split_in_groups(
    schedule: &Schedule,
    days: &[Date],
    starts: &[Frames],
    group: usize,
) -> Vec<Piece> {
    let day_at = |event: &Event| starts.partition_point(|s| *s <= event.start);
    let mut pieces: Vec<(usize, Piece)> = Vec::new();
    for (at, event) in schedule.events.iter().enumerate() {
        let day = day_at(event);
        match pieces.last_mut() {
            Some((first, piece))
                if *first / group == day / group && piece.events.len() < MAX_PIECE_EVENTS =>
            {
                piece.events.end = at + 1;
            }
            _ => pieces.push((
                day,
                Piece {
                    day: days.get(day).copied(),
                    events: at..at + 1,
                },
            )),
        }
    }
    pieces.into_iter().map(|(_, piece)| piece).collect()
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
