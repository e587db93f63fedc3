//! The schedule model: events, media items, playlists, schedules and the library that holds them.

use std::collections::BTreeMap;
use std::fmt;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::channel::Channel;
use crate::time::{FrameRate, Frames};

/// Fields an import did not understand, kept so that a round trip loses nothing.
pub type Extra = BTreeMap<String, serde_json::Value>;

/// An event's identifier, unique within its schedule (validation reports duplicates).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EventId(pub String);

impl EventId {
    pub fn new(id: impl Into<String>) -> Self {
        EventId(id.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EventId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What an event is, for colouring, reporting and fill rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    #[default]
    Programme,
    Commercial,
    Promo,
    Ident,
    Filler,
    Live,
}

impl EventKind {
    pub const ALL: [EventKind; 6] = [
        EventKind::Programme,
        EventKind::Commercial,
        EventKind::Promo,
        EventKind::Ident,
        EventKind::Filler,
        EventKind::Live,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Programme => "programme",
            EventKind::Commercial => "commercial",
            EventKind::Promo => "promo",
            EventKind::Ident => "ident",
            EventKind::Filler => "filler",
            EventKind::Live => "live",
        }
    }

    /// Reads a kind name, accepting common synonyms from other systems.
    pub fn parse(text: &str) -> Option<EventKind> {
        // ScheduleFlow's own files name kinds as written by `as_str`; those are read without
        // the lower-cased copy (a million events, a million allocations).
        if let Some(kind) = EventKind::ALL.into_iter().find(|k| k.as_str() == text) {
            return Some(kind);
        }
        Some(match text.trim().to_ascii_lowercase().as_str() {
            "programme" | "program" | "show" | "movie" | "episode" => EventKind::Programme,
            "commercial" | "ad" | "advert" | "advertisement" | "spot" => EventKind::Commercial,
            "promo" | "promotion" | "trailer" => EventKind::Promo,
            "ident" | "bumper" | "sting" | "station id" => EventKind::Ident,
            "filler" | "fill" | "interstitial" => EventKind::Filler,
            "live" => EventKind::Live,
            _ => return None,
        })
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How an event's start is decided on air.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StartMode {
    /// Starts when the previous event ends.
    #[default]
    Follow,
    /// Starts at its time no matter what runs before it (a hard start).
    Fixed,
    /// Waits for an operator; its start is the planned time.
    Manual,
}

impl StartMode {
    pub const ALL: [StartMode; 3] = [StartMode::Follow, StartMode::Fixed, StartMode::Manual];

    /// The mode named `name` as `as_str` writes it.
    pub fn parse(name: &str) -> Option<StartMode> {
        StartMode::ALL.into_iter().find(|m| m.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            StartMode::Follow => "follow",
            StartMode::Fixed => "fixed",
            StartMode::Manual => "manual",
        }
    }
}

/// One item on air: a programme, a commercial, an ident, a live event, ...
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub id: EventId,
    /// Frames from the schedule's origin.
    pub start: Frames,
    /// `None` when the length is unknown (an M3U `-1`, say); validation flags it.
    pub duration: Option<Frames>,
    pub title: String,
    #[serde(default)]
    pub kind: EventKind,
    /// A path, URL or house number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Where playback starts within the media.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_point: Option<Frames>,
    /// Where playback stops within the media.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_point: Option<Frames>,
    /// The length of the whole media, when known, for checking in and out points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_duration: Option<Frames>,
    #[serde(default)]
    pub start_mode: StartMode,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: Extra,
}

impl Event {
    /// A following event with only the essentials set.
    pub fn new(
        id: impl Into<String>,
        start: Frames,
        duration: Frames,
        title: impl Into<String>,
        kind: EventKind,
    ) -> Event {
        Event {
            id: EventId::new(id),
            start,
            duration: Some(duration),
            title: title.into(),
            kind,
            source: None,
            in_point: None,
            out_point: None,
            media_duration: None,
            start_mode: StartMode::Follow,
            notes: String::new(),
            extra: Extra::new(),
        }
    }

    /// The frame after the last one, when the length is known.
    pub fn end(&self) -> Option<Frames> {
        self.duration.map(|d| self.start + d)
    }

    /// The end, treating an unknown or negative length as zero (for ordering and sweeps).
    pub fn end_or_start(&self) -> Frames {
        self.end().map_or(self.start, |end| end.max(self.start))
    }

    /// Changes the length, keeping the out point consistent with the in point.
    pub fn set_duration(&mut self, duration: Frames) {
        self.duration = Some(duration);
        if let Some(in_point) = self.in_point {
            self.out_point = Some(in_point + duration);
        } else if self.out_point.is_some() {
            self.out_point = Some(duration);
        }
    }
}

/// A media item in a playlist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaItem {
    pub id: String,
    pub title: String,
    /// `None` when unknown; such items cannot be scheduled.
    pub duration: Option<Frames>,
    #[serde(default)]
    pub kind: EventKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_point: Option<Frames>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_point: Option<Frames>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: Extra,
}

impl MediaItem {
    pub fn new(id: impl Into<String>, title: impl Into<String>, duration: Frames) -> MediaItem {
        MediaItem {
            id: id.into(),
            title: title.into(),
            duration: Some(duration),
            kind: EventKind::Programme,
            source: None,
            in_point: None,
            out_point: None,
            extra: Extra::new(),
        }
    }

    /// The media an event plays, as a playlist item (its id, title, kind, source, in/out points
    /// and kept fields; the media's whole length where known, else the event's).
    pub fn from_event(e: Event) -> MediaItem {
        MediaItem {
            id: e.id.0,
            title: e.title,
            duration: e.media_duration.or(e.duration),
            kind: e.kind,
            source: e.source,
            in_point: e.in_point,
            out_point: e
                .out_point
                .or_else(|| e.in_point.zip(e.duration).map(|(i, d)| i + d)),
            extra: e.extra,
        }
    }

    /// The length that plays: out − in when both are set, else the duration.
    pub fn play_length(&self) -> Option<Frames> {
        match (self.in_point, self.out_point) {
            (Some(i), Some(o)) => Some(o - i),
            (None, Some(o)) => Some(o),
            _ => self.duration,
        }
    }
}

/// A named, ordered list of media items, with durations at `rate`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Playlist {
    pub id: String,
    pub name: String,
    pub rate: FrameRate,
    pub items: Vec<MediaItem>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: Extra,
}

/// A channel's running order over a time window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    pub id: String,
    pub name: String,
    pub channel: Channel,
    /// The instant of frame zero: the start of the schedule's window.
    pub origin: Timestamp,
    /// The window's length; events should lie within `0..length`.
    pub length: Frames,
    pub events: Vec<Event>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: Extra,
}

impl Schedule {
    pub fn rate(&self) -> FrameRate {
        self.channel.rate
    }

    /// The first frame after the last event that has a known end, or zero when empty.
    pub fn content_end(&self) -> Frames {
        self.events
            .iter()
            .map(Event::end_or_start)
            .max()
            .unwrap_or(Frames::ZERO)
    }

    /// The events as a playlist (for files with no times at all): each item keeps its title,
    /// length, kind, source, in/out points and kept fields.
    pub fn into_playlist(self) -> Playlist {
        Playlist {
            id: self.id,
            name: self.name,
            rate: self.channel.rate,
            items: self.events.into_iter().map(MediaItem::from_event).collect(),
            extra: self.extra,
        }
    }

    pub fn index_of(&self, id: &EventId) -> Option<usize> {
        self.events.iter().position(|e| &e.id == id)
    }
}

/// Everything the user has: schedules and playlists.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Library {
    #[serde(default)]
    pub schedules: Vec<Schedule>,
    #[serde(default)]
    pub playlists: Vec<Playlist>,
}

impl Library {
    /// The schedule with id `id`.
    pub fn schedule(&self, id: &str) -> Option<&Schedule> {
        self.schedules.iter().find(|s| s.id == id)
    }

    /// Puts schedules and playlists in the order the library lists them: by name, then id.
    pub fn sort(&mut self) {
        self.schedules
            .sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        self.playlists
            .sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    }

    /// Adds another library's schedules and playlists. An id already taken gets a suffix
    /// (`-2`, `-3`, …) so an import never overwrites what is there. Returns the ids added.
    pub fn merge(&mut self, mut other: Library) -> Vec<String> {
        let taken = self
            .schedules
            .iter()
            .map(|s| s.id.clone())
            .chain(self.playlists.iter().map(|p| p.id.clone()))
            .collect();
        let added = other.claim_ids(taken);
        self.schedules.extend(other.schedules);
        self.playlists.extend(other.playlists);
        added
    }

    /// Gives every schedule and playlist here an id that is not in `taken` and not used twice
    /// within this library, adding a suffix (`-2`, `-3`, …) where needed. Storage calls this
    /// with the ids already stored, so two tabs importing at once never overwrite each other.
    /// Returns the ids, in order.
    pub fn claim_ids(&mut self, mut taken: std::collections::HashSet<String>) -> Vec<String> {
        fn fresh(taken: &std::collections::HashSet<String>, id: &str) -> String {
            if !taken.contains(id) {
                return id.to_owned();
            }
            (2..)
                .map(|n| format!("{id}-{n}"))
                .find(|candidate| !taken.contains(candidate))
                .unwrap_or_else(|| id.to_owned())
        }
        let ids = self
            .schedules
            .iter_mut()
            .map(|s| &mut s.id)
            .chain(self.playlists.iter_mut().map(|p| &mut p.id));
        let mut claimed = Vec::new();
        for id in ids {
            *id = fresh(&taken, id);
            taken.insert(id.clone());
            claimed.push(id.clone());
        }
        claimed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merging_never_overwrites_an_id() {
        let origin = "2026-01-01T00:00:00Z".parse().unwrap();
        let one = crate::generate::schedule(
            3,
            1,
            crate::generate::sample_channel(crate::time::FrameRate::FPS_25),
            origin,
        );
        let mut library = Library {
            schedules: vec![one.clone()],
            playlists: vec![],
        };
        let added = library.merge(Library {
            schedules: vec![one.clone(), one.clone()],
            playlists: vec![],
        });
        assert_eq!(added, vec!["synthetic-1-2", "synthetic-1-3"]);
        assert_eq!(library.schedules.len(), 3);
        assert_eq!(library.schedules[0], one);
    }

    #[test]
    fn claimed_ids_avoid_the_taken_ones_and_each_other() {
        let origin = "2026-01-01T00:00:00Z".parse().unwrap();
        let one = crate::generate::schedule(
            2,
            1,
            crate::generate::sample_channel(crate::time::FrameRate::FPS_25),
            origin,
        );
        let playlist = Playlist {
            id: one.id.clone(),
            name: "P".into(),
            rate: crate::time::FrameRate::FPS_25,
            items: vec![],
            extra: Extra::default(),
        };
        let mut incoming = Library {
            schedules: vec![one.clone(), one],
            playlists: vec![playlist],
        };
        let taken = ["synthetic-1-2".to_owned()].into_iter().collect();
        let claimed = incoming.claim_ids(taken);
        assert_eq!(
            claimed,
            vec!["synthetic-1", "synthetic-1-3", "synthetic-1-4"]
        );
        assert_eq!(incoming.playlists[0].id, "synthetic-1-4");
    }

    #[test]
    fn trimming_keeps_the_out_point_consistent() {
        let mut e = Event::new("a", Frames(0), Frames(100), "A", EventKind::Programme);
        e.in_point = Some(Frames(10));
        e.out_point = Some(Frames(110));
        e.set_duration(Frames(50));
        assert_eq!(e.out_point, Some(Frames(60)));
        assert_eq!(e.end(), Some(Frames(50)));
    }

    #[test]
    fn kinds_read_common_synonyms() {
        assert_eq!(EventKind::parse("Program"), Some(EventKind::Programme));
        assert_eq!(EventKind::parse("bumper"), Some(EventKind::Ident));
        assert_eq!(EventKind::parse("spot"), Some(EventKind::Commercial));
        assert_eq!(EventKind::parse("weather"), None);
    }

    #[test]
    fn every_kind_reads_back_from_its_own_name_in_any_case_and_spacing() {
        for kind in EventKind::ALL {
            let name = kind.as_str();
            assert_eq!(EventKind::parse(name), Some(kind));
            assert_eq!(
                EventKind::parse(&format!(" {} ", name.to_uppercase())),
                Some(kind)
            );
        }
    }

    #[test]
    fn play_length_prefers_in_and_out_points() {
        let mut item = MediaItem::new("m", "M", Frames(1000));
        assert_eq!(item.play_length(), Some(Frames(1000)));
        item.in_point = Some(Frames(100));
        item.out_point = Some(Frames(400));
        assert_eq!(item.play_length(), Some(Frames(300)));
    }
}
