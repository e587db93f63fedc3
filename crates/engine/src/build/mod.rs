//! Building a schedule from a playlist: order (sequential, seeded shuffle, no-repeat window),
//! fill (once or loop), what to do at the end (trim, filler, gap) and hard-start blocks that cut
//! or pad what runs before them. Deterministic: the same request gives the same schedule.

pub mod form;
pub(crate) mod picker;
mod request;

pub use request::{BuildEnd, BuildRequest, Ending, Fill, HardStart, Order};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::channel::ChannelError;
use crate::model::{Event, EventKind, Extra, MediaItem, Playlist, Schedule, StartMode};
use crate::time::{FrameRate, Frames, Rounding, TimeError, Timecode};
use picker::Picker;

/// Why a schedule could not be built.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BuildError {
    #[error("the end must come after the start")]
    EmptyWindow,
    #[error("playlist '{0}' has no item with a known, positive length")]
    NothingPlayable(String),
    #[error("hard start '{title}' at {at} lies outside the window")]
    HardStartOutsideWindow { title: String, at: String },
    #[error("hard starts '{first}' and '{second}' overlap")]
    HardStartsOverlap { first: String, second: String },
    #[error(transparent)]
    Channel(#[from] ChannelError),
    #[error(transparent)]
    Time(#[from] TimeError),
}

/// Something the builder did that the user should know about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuildNote {
    /// Where in the schedule, when it concerns a position.
    pub at: Option<Frames>,
    pub message: String,
}

/// A built schedule and what the builder has to say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Built {
    pub schedule: Schedule,
    pub notes: Vec<BuildNote>,
}

/// A playable item: its index in its playlist and its length at the channel's rate.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Playable {
    pub(crate) item: usize,
    pub(crate) length: Frames,
}

/// Converts a playlist's items to the channel's rate, skipping what cannot be played.
pub(crate) fn playables(
    playlist: &Playlist,
    rate: FrameRate,
    notes: &mut Vec<BuildNote>,
) -> Result<Vec<Playable>, BuildError> {
    let mut out = Vec::with_capacity(playlist.items.len());
    let mut skipped = 0;
    let mut rounded = 0;
    for (index, item) in playlist.items.iter().enumerate() {
        let Some(length) = item.play_length().filter(|l| l.is_positive()) else {
            skipped += 1;
            continue;
        };
        let converted = playlist.rate.convert(length, rate, Rounding::Nearest)?;
        if !converted.is_exact() {
            rounded += 1;
        }
        if converted.value.is_positive() {
            out.push(Playable {
                item: index,
                length: converted.value,
            });
        } else {
            skipped += 1;
        }
    }
    if skipped > 0 {
        notes.push(BuildNote {
            at: None,
            message: format!(
                "{skipped} item(s) of '{}' were left out: their length is unknown or zero",
                playlist.name
            ),
        });
    }
    if rounded > 0 {
        notes.push(BuildNote {
            at: None,
            message: format!(
                "{rounded} item length(s) of '{}' were rounded to whole frames at {rate} (the playlist is at {})",
                playlist.name, playlist.rate
            ),
        });
    }
    Ok(out)
}

/// Builds the schedule. `filler` supplies the remainder when `req.ending` is [`Ending::Filler`].
pub fn build(
    playlist: &Playlist,
    filler: Option<&Playlist>,
    req: &BuildRequest,
) -> Result<Built, BuildError> {
    let mut notes = Vec::new();
    let channel = &req.channel;
    let length = match req.end {
        BuildEnd::Length(frames) => frames,
        BuildEnd::At(end) => {
            let r = channel.frames_between(req.start, end, Rounding::Floor)?;
            if !r.is_exact() {
                notes.push(BuildNote {
                    at: Some(r.value),
                    message: "the end falls between frames; the window ends at the frame before it"
                        .into(),
                });
            }
            r.value
        }
    };
    if !length.is_positive() {
        return Err(BuildError::EmptyWindow);
    }
    let items = playables(playlist, channel.rate, &mut notes)?;
    if items.is_empty() {
        return Err(BuildError::NothingPlayable(playlist.name.clone()));
    }
    let fillers = match (req.ending, filler) {
        (Ending::Filler, Some(f)) => playables(f, channel.rate, &mut notes)?,
        _ => Vec::new(),
    };
    let blocks = hard_blocks(req, length)?;

    let mut writer = Writer {
        req,
        playlist,
        filler,
        events: Vec::new(),
        notes,
        fillers: &fillers,
        filler_cursor: 0,
    };
    let mut picker = Picker::new(&items, req.order, req.fill);
    let mut segment_start = Frames::ZERO;
    for (at, block) in &blocks {
        writer.fill_segment(&mut picker, segment_start, *at);
        writer.place_block(*at, block);
        segment_start = *at + block.duration;
    }
    writer.fill_segment(&mut picker, segment_start, length);

    let schedule = Schedule {
        id: req.id.clone(),
        name: req.name.clone(),
        channel: channel.clone(),
        origin: req.start,
        length,
        events: writer.events,
        extra: Extra::new(),
    };
    Ok(Built {
        schedule,
        notes: writer.notes,
    })
}

/// The hard starts as frame positions, sorted and checked.
fn hard_blocks(req: &BuildRequest, length: Frames) -> Result<Vec<(Frames, HardStart)>, BuildError> {
    let rate = req.channel.rate;
    let mut blocks = Vec::with_capacity(req.hard_starts.len());
    for hs in &req.hard_starts {
        let at = req
            .channel
            .frames_between(req.start, hs.at, Rounding::Ceil)?
            .value;
        if at < Frames::ZERO || at + hs.duration > length || !hs.duration.is_positive() {
            return Err(BuildError::HardStartOutsideWindow {
                title: hs.title.clone(),
                at: Timecode::format_frames(at, rate),
            });
        }
        blocks.push((at, hs.clone()));
    }
    blocks.sort_by_key(|(at, _)| *at);
    for pair in blocks.windows(2) {
        if pair[0].0 + pair[0].1.duration > pair[1].0 {
            return Err(BuildError::HardStartsOverlap {
                first: pair[0].1.title.clone(),
                second: pair[1].1.title.clone(),
            });
        }
    }
    Ok(blocks)
}

/// The event that plays `item` at `start` for `length` frames of its `full` play length: a
/// shorter length is a cut, with the in and out points saying which part plays. The media's
/// length is kept only when the playlist is at the schedule's rate (`same_rate`).
pub(crate) fn item_event(
    item: &MediaItem,
    id: String,
    start: Frames,
    length: Frames,
    full: Frames,
    same_rate: bool,
) -> Event {
    let mut event = Event::new(id, start, length, item.title.clone(), item.kind);
    event.source = item.source.clone();
    event.in_point = item.in_point;
    if length < full {
        event.set_duration(length);
        event.in_point = Some(item.in_point.unwrap_or(Frames::ZERO));
        event.out_point = Some(event.in_point.unwrap_or(Frames::ZERO) + length);
    } else {
        event.out_point = item.out_point;
    }
    event.media_duration = item.duration.filter(|_| same_rate);
    event
}

/// Appends events in time order.
struct Writer<'a> {
    req: &'a BuildRequest,
    playlist: &'a Playlist,
    filler: Option<&'a Playlist>,
    events: Vec<Event>,
    notes: Vec<BuildNote>,
    fillers: &'a [Playable],
    filler_cursor: usize,
}

impl Writer<'_> {
    fn tc(&self, frames: Frames) -> String {
        Timecode::format_frames(frames, self.req.channel.rate)
    }

    fn push(&mut self, item: &MediaItem, start: Frames, length: Frames, full: Frames) {
        let id = format!("b{:05}", self.events.len() + 1);
        let same_rate = self.playlist.rate == self.req.channel.rate;
        self.events
            .push(item_event(item, id, start, length, full, same_rate));
    }

    fn place_block(&mut self, at: Frames, block: &HardStart) {
        let mut event = Event::new(
            format!("b{:05}", self.events.len() + 1),
            at,
            block.duration,
            block.title.clone(),
            block.kind,
        );
        event.source = block.source.clone();
        event.start_mode = StartMode::Fixed;
        self.events.push(event);
    }

    /// Fills `from..to` from the picker, then deals with the remainder as the request says.
    fn fill_segment(&mut self, picker: &mut Picker<'_>, from: Frames, to: Frames) {
        let mut pos = from;
        let trim = self.req.ending == Ending::Trim;
        while pos < to {
            let Some(next) = picker.peek() else { break };
            let room = to - pos;
            if next.length <= room {
                picker.take();
                let item = &self.playlist.items[next.item];
                self.push(item, pos, next.length, next.length);
                pos += next.length;
            } else if trim {
                picker.take();
                let item = &self.playlist.items[next.item];
                self.push(item, pos, room, next.length);
                self.notes.push(BuildNote {
                    at: Some(pos),
                    message: format!(
                        "'{}' was cut from {} to {} to end at {}",
                        item.title,
                        self.tc(next.length),
                        self.tc(room),
                        self.tc(to)
                    ),
                });
                pos = to;
            } else {
                break;
            }
        }
        if pos < to {
            self.remainder(pos, to);
        }
    }

    fn remainder(&mut self, from: Frames, to: Frames) {
        let mut pos = from;
        if self.req.ending == Ending::Filler && !self.fillers.is_empty() {
            let Some(filler) = self.filler else { return };
            // Cycle the filler list in order; the last one is cut to land exactly on `to`.
            while pos < to {
                let f = self.fillers[self.filler_cursor % self.fillers.len()];
                self.filler_cursor += 1;
                let length = f.length.min(to - pos);
                let mut item = filler.items[f.item].clone();
                if item.kind == EventKind::Programme {
                    item.kind = EventKind::Filler;
                }
                self.push(&item, pos, length, f.length);
                pos += length;
            }
            return;
        }
        let why = match self.req.ending {
            Ending::Filler => "no filler with a known length was given",
            Ending::Trim => "the playlist ran out",
            Ending::Gap => "the next item did not fit",
        };
        self.notes.push(BuildNote {
            at: Some(pos),
            message: format!(
                "{} left empty from {} to {}: {why}",
                self.tc(to - pos),
                self.tc(pos),
                self.tc(to)
            ),
        });
    }
}

#[cfg(test)]
mod tests;
