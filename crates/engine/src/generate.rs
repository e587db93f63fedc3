//! Synthetic schedules and playlists for tests, benchmarks and `scheduleflow gen`: valid,
//! varied in kind and length, and fully determined by their seed.

use jiff::Timestamp;

use crate::channel::{Channel, DayStart, Zone};
use crate::model::{Event, EventKind, Extra, MediaItem, Playlist, Schedule, StartMode};
use crate::rng::Rng;
use crate::time::{FrameRate, Frames};

/// The length range, in seconds, of each kind of event.
fn seconds_for(kind: EventKind) -> (i64, i64) {
    match kind {
        EventKind::Programme => (20 * 60, 60 * 60),
        EventKind::Live => (30 * 60, 90 * 60),
        EventKind::Commercial => (10, 60),
        EventKind::Promo => (15, 45),
        EventKind::Ident => (3, 10),
        EventKind::Filler => (30, 300),
    }
}

/// Picks kinds in a broadcast-like mix: mostly short breaks between programmes.
fn pick_kind(rng: &mut Rng) -> EventKind {
    match rng.below(100) {
        0..=19 => EventKind::Programme,
        20..=22 => EventKind::Live,
        23..=64 => EventKind::Commercial,
        65..=79 => EventKind::Promo,
        80..=92 => EventKind::Ident,
        _ => EventKind::Filler,
    }
}

/// The channel synthetic schedules use unless told otherwise.
pub fn sample_channel(rate: FrameRate) -> Channel {
    Channel::new(
        "Sample One",
        rate,
        Zone::new("Europe/Berlin").unwrap_or_else(|_| Zone::utc()),
        DayStart::default(),
    )
}

/// A valid schedule of `events` back-to-back events starting at `origin`; every tenth
/// programme is a hard (fixed) start. Its window ends where the last event ends.
pub fn schedule(events: usize, seed: u64, channel: Channel, origin: Timestamp) -> Schedule {
    let mut rng = Rng::new(seed);
    let rate = channel.rate;
    let mut at = Frames::ZERO;
    let mut list = Vec::with_capacity(events);
    for n in 0..events {
        let kind = pick_kind(&mut rng);
        let (lo, hi) = seconds_for(kind);
        let base = i64::from(rate.timecode_base());
        // Whole seconds plus a few frames, so lengths are not all round.
        let length = Frames(rng.range(lo, hi) * base + rng.range(0, base - 1));
        let mut event = Event::new(
            format!("ev{n:06}"),
            at,
            length,
            format!("{} {}", title_for(kind), n + 1),
            kind,
        );
        event.source = Some(format!(
            "media/{}/{:06}.mxf",
            kind.as_str(),
            rng.below(100_000)
        ));
        if kind == EventKind::Programme && n % 10 == 0 {
            event.start_mode = StartMode::Fixed;
        }
        at += length;
        list.push(event);
    }
    Schedule {
        id: format!("synthetic-{seed}"),
        name: format!("Synthetic {events} events (seed {seed})"),
        channel,
        origin,
        length: at,
        events: list,
        extra: Extra::new(),
    }
}

fn title_for(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Programme => "Programme",
        EventKind::Live => "Live",
        EventKind::Commercial => "Spot",
        EventKind::Promo => "Promo",
        EventKind::Ident => "Ident",
        EventKind::Filler => "Filler",
    }
}

/// A playlist of `items` media items at `rate`, varied in kind and length.
pub fn playlist(items: usize, seed: u64, rate: FrameRate) -> Playlist {
    let mut rng = Rng::new(seed);
    let base = i64::from(rate.timecode_base());
    let items = (0..items)
        .map(|n| {
            let kind = pick_kind(&mut rng);
            let (lo, hi) = seconds_for(kind);
            let length = Frames(rng.range(lo, hi) * base + rng.range(0, base - 1));
            let mut item = MediaItem::new(
                format!("m{n:05}"),
                format!("{} {}", title_for(kind), n + 1),
                length,
            );
            item.kind = kind;
            item.source = Some(format!("media/{n:05}.mxf"));
            item
        })
        .collect();
    Playlist {
        id: format!("playlist-{seed}"),
        name: format!("Synthetic playlist (seed {seed})"),
        rate,
        items,
        extra: Extra::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::validate;

    fn origin() -> Timestamp {
        "2026-03-28T05:00:00Z".parse().unwrap()
    }

    #[test]
    fn synthetic_schedules_are_valid_and_repeatable() {
        let channel = sample_channel(FrameRate::FPS_25);
        let a = schedule(500, 9, channel.clone(), origin());
        assert_eq!(a, schedule(500, 9, channel.clone(), origin()));
        assert_ne!(a, schedule(500, 10, channel, origin()));
        assert_eq!(validate(&a), Vec::new());
        let kinds: std::collections::HashSet<_> = a.events.iter().map(|e| e.kind).collect();
        assert_eq!(kinds.len(), EventKind::ALL.len());
    }
}
