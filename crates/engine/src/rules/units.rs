//! What the rules place: a programme with its pre- and post-filler and its commercial breaks,
//! and filler that fills a stretch best. Events come out with starts from zero; the caller
//! moves them to where they go.

use std::collections::{HashMap, VecDeque};

use serde_json::Value;

use super::fit::FitTable;
use super::plan::{Block, BreakAt, Breaks, FillerFile};
use crate::build::{item_event, Playable};
use crate::model::{Event, EventKind, MediaItem, Playlist};
use crate::time::{FrameRate, Frames, Ratio, Rounding, Timecode};

/// A playlist the plan uses, with its items at the channel's rate.
pub(crate) struct Stocked<'p> {
    pub(crate) playlist: &'p Playlist,
    pub(crate) items: Vec<Playable>,
    /// Items by length, for rotating among items of the length a best fit asks for.
    by_length: HashMap<Frames, Vec<usize>>,
    /// Built the first time a tail fill needs it.
    fit: std::cell::OnceCell<FitTable>,
}

/// Every playlist the plan uses, by the id the plan names it by.
pub(crate) struct Catalog<'p> {
    pub(crate) rate: FrameRate,
    pub(crate) lists: HashMap<String, Stocked<'p>>,
}

impl<'p> Catalog<'p> {
    pub(crate) fn new(rate: FrameRate) -> Catalog<'p> {
        Catalog {
            rate,
            lists: HashMap::new(),
        }
    }

    pub(crate) fn add(&mut self, id: &str, playlist: &'p Playlist, items: Vec<Playable>) {
        let mut by_length: HashMap<Frames, Vec<usize>> = HashMap::new();
        for (i, p) in items.iter().enumerate() {
            by_length.entry(p.length).or_default().push(i);
        }
        self.lists.insert(
            id.to_owned(),
            Stocked {
                playlist,
                items,
                by_length,
                fit: std::cell::OnceCell::new(),
            },
        );
    }

    fn get(&self, id: &str) -> Option<&Stocked<'p>> {
        self.lists.get(id).filter(|s| !s.items.is_empty())
    }

    /// The event of playable `p` of `list` for `length` frames (a cut when shorter than the item).
    fn event(
        &self,
        list: &Stocked<'_>,
        p: Playable,
        length: Frames,
        kind: Option<EventKind>,
    ) -> Event {
        let item = &list.playlist.items[p.item];
        let same_rate = list.playlist.rate == self.rate;
        let mut event = item_event(
            item,
            String::new(),
            Frames::ZERO,
            length,
            p.length,
            same_rate,
        );
        if let Some(kind) = kind.filter(|_| item.kind == EventKind::Programme) {
            event.kind = kind;
        }
        event
    }
}

/// Where each rotation stands: filler taken in turn, spots queued by priority.
#[derive(Debug, Clone, Default)]
pub(crate) struct Rotation {
    turns: HashMap<String, usize>,
    by_length: HashMap<(String, Frames), usize>,
    spots: HashMap<String, VecDeque<usize>>,
}

impl Rotation {
    /// The next item of `list` in turn.
    fn next(&mut self, id: &str, list: &Stocked<'_>) -> usize {
        let turn = self.turns.entry(id.to_owned()).or_default();
        let n = *turn % list.items.len();
        *turn += 1;
        n
    }
}

/// Events laid end to end from zero.
#[derive(Debug, Default)]
pub(crate) struct Run {
    pub(crate) events: Vec<Event>,
    pub(crate) length: Frames,
}

impl Run {
    pub(crate) fn push(&mut self, mut event: Event) {
        event.start = self.length;
        self.length += event.duration.unwrap_or(Frames::ZERO);
        self.events.push(event);
    }
}

/// One filler item of the role `id` names, if it has any playable item.
fn one(catalog: &Catalog<'_>, rot: &mut Rotation, id: Option<&str>, run: &mut Run) {
    let Some((id, list)) = id.and_then(|id| catalog.get(id).map(|l| (id, l))) else {
        return;
    };
    let n = rot.next(id, list);
    let p = list.items[n];
    run.push(catalog.event(list, p, p.length, Some(EventKind::Filler)));
}

/// The programme `programme` of `list`, with the block's pre- and post-filler and breaks.
pub(crate) fn programme(
    catalog: &Catalog<'_>,
    rot: &mut Rotation,
    block: &Block,
    list: &Stocked<'_>,
    programme: Playable,
) -> Run {
    let mut run = Run::default();
    one(catalog, rot, block.filler.pre.as_deref(), &mut run);
    let points = block
        .breaks
        .as_ref()
        .map(|b| break_points(b, list, programme, catalog.rate))
        .unwrap_or_default();
    let whole = catalog.event(list, programme, programme.length, None);
    let base_in = whole.in_point.map(|p| {
        list.playlist
            .rate
            .convert(p, catalog.rate, Rounding::Nearest)
            .map_or(p, |r| r.value)
    });
    if points.is_empty() {
        run.push(whole);
    } else {
        let mut bounds = vec![Frames::ZERO];
        bounds.extend(points);
        bounds.push(programme.length);
        for (i, pair) in bounds.windows(2).enumerate() {
            if i > 0 {
                if let Some(breaks) = &block.breaks {
                    commercial_break(catalog, rot, breaks, &mut run);
                }
            }
            let mut part = whole.clone();
            let from = base_in.unwrap_or(Frames::ZERO) + pair[0];
            part.duration = Some(pair[1] - pair[0]);
            part.in_point = Some(from);
            part.out_point = Some(from + (pair[1] - pair[0]));
            run.push(part);
        }
    }
    one(catalog, rot, block.filler.post.as_deref(), &mut run);
    run
}

/// Where a programme breaks, as frames into its play length, strictly inside it.
fn break_points(breaks: &Breaks, list: &Stocked<'_>, p: Playable, rate: FrameRate) -> Vec<Frames> {
    let mut points = match breaks.at {
        BreakAt::Every(seconds) => {
            // Each point from exact seconds, so breaks do not drift at 29.97.
            let mut out = Vec::new();
            for k in 1.. {
                let at = rate
                    .frames_from_seconds(
                        Ratio::from_integer(i128::from(seconds) * k),
                        Rounding::Nearest,
                    )
                    .map_or(p.length, |r| r.value);
                if at >= p.length {
                    break;
                }
                out.push(at);
            }
            out
        }
        BreakAt::Chapters => {
            let item = &list.playlist.items[p.item];
            let in_point = item.in_point.unwrap_or(Frames::ZERO);
            chapters(item, list.playlist.rate)
                .into_iter()
                .filter_map(|c| {
                    list.playlist
                        .rate
                        .convert(c - in_point, rate, Rounding::Nearest)
                        .ok()
                        .map(|r| r.value)
                })
                .filter(|at| at.is_positive() && *at < p.length)
                .collect()
        }
    };
    points.sort_unstable();
    points.dedup();
    points
}

/// An item's chapter marks, from its kept `chapters` field: frames at the playlist's rate, or
/// timecodes, from the media's start.
pub(crate) fn chapters(item: &MediaItem, rate: FrameRate) -> Vec<Frames> {
    let Some(Value::Array(marks)) = item.extra.get("chapters") else {
        return Vec::new();
    };
    marks
        .iter()
        .filter_map(|mark| match mark {
            Value::Number(n) => n.as_i64().map(Frames),
            Value::String(text) => Timecode::parse(text, rate)
                .and_then(|tc| tc.to_frames(rate))
                .ok(),
            _ => None,
        })
        .collect()
}

/// A break: a bumper in, the spots that fit in order of priority, a bumper out. Spots placed
/// go to the back of the queue, so every spot gets its turn. Nothing when no spot fits.
fn commercial_break(catalog: &Catalog<'_>, rot: &mut Rotation, breaks: &Breaks, run: &mut Run) {
    let Some(list) = catalog.get(&breaks.spots) else {
        return;
    };
    let queue = rot
        .spots
        .entry(breaks.spots.clone())
        .or_insert_with(|| (0..list.items.len()).collect());
    let mut room = breaks.length;
    let mut taken = Vec::new();
    let mut i = 0;
    while i < queue.len() {
        let n = queue[i];
        if list.items[n].length <= room {
            room -= list.items[n].length;
            taken.push(n);
            queue.remove(i);
        } else {
            i += 1;
        }
    }
    queue.extend(taken.iter().copied());
    if taken.is_empty() {
        return;
    }
    one(catalog, rot, breaks.bumper_in.as_deref(), run);
    for n in taken {
        let p = list.items[n];
        run.push(catalog.event(list, p, p.length, Some(EventKind::Commercial)));
    }
    one(catalog, rot, breaks.bumper_out.as_deref(), run);
}

/// Fills `room` frames from the block's tail filler (best fit) and then one fallback item cut
/// to what is left. Returns the run; what it leaves empty is `room - run.length`.
pub(crate) fn filler(
    catalog: &Catalog<'_>,
    rot: &mut Rotation,
    roles: &FillerFile,
    room: Frames,
) -> Run {
    let mut run = Run::default();
    if let Some((id, list)) = roles
        .tail
        .as_deref()
        .and_then(|id| catalog.get(id).map(|l| (id, l)))
    {
        let table = list.fit.get_or_init(|| {
            // An hour of frames covers any padding grid people use; longer gaps are filled
            // longest first until they are within it.
            let hour = catalog
                .rate
                .frames_from_seconds(Ratio::from_integer(3600), Rounding::Ceil)
                .map_or(Frames(216_000), |r| r.value);
            FitTable::new(list.items.iter().map(|p| p.length), hour)
        });
        for length in table.fill(room) {
            let same = &list.by_length[&length];
            let turn = rot.by_length.entry((id.to_owned(), length)).or_default();
            let n = same[*turn % same.len()];
            *turn += 1;
            run.push(catalog.event(list, list.items[n], length, Some(EventKind::Filler)));
        }
    }
    let rest = room - run.length;
    if rest.is_positive() {
        if let Some((id, list)) = roles
            .fallback
            .as_deref()
            .and_then(|id| catalog.get(id).map(|l| (id, l)))
        {
            let mut left = rest;
            while left.is_positive() {
                let n = rot.next(id, list);
                let p = list.items[n];
                let length = p.length.min(left);
                run.push(catalog.event(list, p, length, Some(EventKind::Filler)));
                left -= length;
            }
        }
    }
    run
}
