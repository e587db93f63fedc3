//! Applying a plan to a range of dates: each day gets its template's blocks, each block is
//! filled from its source around the events a person put there, and every stretch left empty
//! is reported. Deterministic: the same plan, playlists and schedule give the same result, so
//! applying twice changes nothing the second time.

use std::collections::{HashMap, HashSet};

use jiff::civil::Date;
use jiff::Timestamp;
use serde::Serialize;

use super::calendar::template_for;
use super::marks::{made_by_rules, mark};
use super::plan::{Block, OrderFile, Plan, Source};
use super::units::{self, Catalog, Rotation, Run, Stocked};
use super::PlanError;
use crate::build::picker::Picker;
use crate::build::{playables, BuildError, BuildNote, Ending, Fill, Order};
use crate::edit::Edit;
use crate::format::clock::{format_instant_of_day, DayClock, Hours};
use crate::model::{Event, EventId, Playlist, Schedule, StartMode};
use crate::time::{Frames, Rounding, Timecode};

/// What to apply, to which dates, onto what.
#[derive(Debug, Clone)]
pub struct ApplyRequest<'a> {
    pub plan: &'a Plan,
    /// The playlists the plan names (by id, or else by name).
    pub playlists: &'a [Playlist],
    /// The first and last broadcast day, both included.
    pub from: Date,
    pub to: Date,
    /// The schedule to apply onto: what a person put or changed there is kept and the rules
    /// fill around it; what the rules made before in these dates is replaced. `None`: a new
    /// schedule named `id` and `name`, starting at `from`'s day start.
    pub onto: Option<&'a Schedule>,
    pub id: String,
    pub name: String,
    /// Ids the events the rules make must not take besides those of `onto`'s events: the ids
    /// of a schedule's other events when `onto` is only its [`window`](super::window).
    pub reserved: &'a [String],
}

/// Something applying the rules did that a person should know about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleNote {
    pub day: Option<Date>,
    /// Frames from the schedule's origin, when it concerns a position.
    pub at: Option<Frames>,
    pub message: String,
}

/// A stretch the rules left empty, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlannedGap {
    pub day: Date,
    pub from: Frames,
    pub to: Frames,
    pub why: String,
}

/// The schedule with the rules applied, and what to show before the user accepts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub schedule: Schedule,
    pub notes: Vec<RuleNote>,
    pub gaps: Vec<PlannedGap>,
    /// Events the rules made.
    pub made: usize,
    /// Events a person made or changed inside the dates, kept.
    pub kept: usize,
    /// Events the rules had made there before, replaced.
    pub replaced: usize,
    /// Where the change is (`None`: the rules made again exactly the events they replace, as
    /// applied onto their own result, and nothing changes).
    splice: Option<Splice>,
}

impl Applied {
    /// The change from the schedule applied onto to this one, as one undoable edit: the
    /// positions from the first event that changed to the last, spliced in one go (the events
    /// between them that did not change go out and in again). It costs the events that changed,
    /// not the dates' events, a copy of the schedule, or a move of everything after them per
    /// event. Only for a schedule applied onto whose window already holds the dates (it does
    /// not grow).
    pub fn edit(&self, label: String) -> Edit {
        let edits = self
            .splice()
            .map(|s| Edit::Splice {
                index: s.index,
                count: s.count,
                events: self.schedule.events[s.events].into(),
            })
            .into_iter()
            .collect();
        Edit::Batch { label, edits }
    }

    /// The change as a splice of the schedule applied onto (`None`: nothing changes).
    pub fn splice(&self) -> Option<Splice> {
        self.splice.clone()
    }
}

/// Where `events` (the rules' result) differ from `base` (the schedule applied onto), given
/// where the replaced events were in `base` and the made ones are in `events`: from the first
/// replaced or made position to the last, less the events at either end that came out the same
/// (re-applying a month after a change to its first day changes that day, not the month).
fn changed_run(
    base: &[Event],
    events: &[Event],
    replaced_at: &[usize],
    made_at: &[usize],
) -> Option<Splice> {
    let firsts = [replaced_at.first(), made_at.first()];
    let &first = firsts.into_iter().flatten().min()?;
    // The events after the last change are the same, and as many, in both lists.
    let after = |positions: &[usize], len: usize| positions.last().map_or(len, |&p| len - p - 1);
    let tail = after(replaced_at, base.len()).min(after(made_at, events.len()));
    let old = base.get(first..base.len() - tail)?;
    let new = events.get(first..events.len() - tail)?;
    let head = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let (old, new) = (&old[head..], &new[head..]);
    let end = old
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (count, made) = (old.len() - end, new.len() - end);
    (count > 0 || made > 0).then(|| Splice {
        index: first + head,
        count,
        events: first + head..first + head + made,
    })
}

/// Where applying rules changes the schedule applied onto: its `count` events from `index`
/// give way to the applied schedule's `events`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Splice {
    pub index: usize,
    pub count: usize,
    pub events: std::ops::Range<usize>,
}

/// Applies the plan. See [`ApplyRequest`].
pub fn apply(req: &ApplyRequest<'_>) -> Result<Applied, PlanError> {
    let plan = req.plan;
    let channel = &plan.channel;
    if req.to < req.from {
        return Err(PlanError::EmptyRange {
            from: req.from.to_string(),
            to: req.to.to_string(),
        });
    }
    let (origin, base, base_length, id, name) = match req.onto {
        Some(s) => {
            let same = s.channel.rate == channel.rate
                && s.channel.zone == channel.zone
                && s.channel.day_start == channel.day_start;
            if !same {
                return Err(PlanError::ChannelMismatch {
                    plan: describe(channel),
                    schedule: describe(&s.channel),
                });
            }
            (
                s.origin,
                s.events.as_slice(),
                s.length,
                s.id.clone(),
                s.name.clone(),
            )
        }
        None => (
            channel.day_start_instant(req.from)?,
            &[][..],
            Frames::ZERO,
            req.id.clone(),
            req.name.clone(),
        ),
    };
    let at = |instant: Timestamp| -> Result<Frames, PlanError> {
        Ok(channel
            .frames_between(origin, instant, Rounding::Ceil)?
            .value)
    };
    let range_start = at(channel.day_start_instant(req.from)?)?;
    let range_end = at(channel.day_start_instant(next_day(req.to)?)?)?;
    if range_start < Frames::ZERO {
        return Err(PlanError::BeforeSchedule);
    }

    let in_range = |e: &Event| e.start >= range_start && e.start < range_end;
    let mut kept = Vec::with_capacity(base.len());
    let mut replaced_at = Vec::new();
    for (i, e) in base.iter().enumerate() {
        if in_range(e) && made_by_rules(e) {
            replaced_at.push(i);
        } else {
            kept.push(e.clone());
        }
    }
    let kept_in_range = kept.iter().filter(|e| in_range(e)).count();
    let obstacles = union(
        kept.iter()
            .map(|e| (e.start, e.end_or_start()))
            .filter(|(s, e)| s < e)
            .collect(),
    );

    let mut notes = Vec::new();
    let catalog = catalog(plan, req.playlists, &mut notes)?;
    let mut writer = Writer {
        plan,
        catalog: &catalog,
        obstacles,
        taken_ids: kept
            .iter()
            .map(|e| e.id.0.clone())
            .chain(req.reserved.iter().cloned())
            .collect(),
        pickers: HashMap::new(),
        rot: Rotation::default(),
        events: Vec::new(),
        notes,
        gaps: Vec::new(),
        origin,
        day: req.from,
        day_serial: 0,
        grids: HashMap::new(),
    };
    let mut date = req.from;
    loop {
        writer.day(date)?;
        if date >= req.to {
            break;
        }
        date = next_day(date)?;
    }
    let made = writer.events.len();
    // Kept events first, so that at one start a person's event comes before the rules' (a
    // stable sort), and the made ones are found again by where they landed.
    let mut tagged: Vec<(Event, bool)> = kept.into_iter().map(|e| (e, false)).collect();
    tagged.extend(writer.events.drain(..).map(|e| (e, true)));
    tagged.sort_by_key(|(e, _)| e.start);
    let made_at: Vec<usize> = tagged
        .iter()
        .enumerate()
        .filter(|(_, (_, made))| *made)
        .map(|(i, _)| i)
        .collect();
    let events = tagged.into_iter().map(|(e, _)| e).collect();
    let schedule = Schedule {
        id,
        name,
        channel: channel.clone(),
        origin,
        length: base_length.max(range_end),
        events,
        extra: req.onto.map(|s| s.extra.clone()).unwrap_or_default(),
    };
    let splice = changed_run(base, &schedule.events, &replaced_at, &made_at);
    Ok(Applied {
        schedule,
        notes: writer.notes,
        gaps: writer.gaps,
        made,
        kept: kept_in_range,
        replaced: replaced_at.len(),
        splice,
    })
}

fn describe(channel: &crate::channel::Channel) -> String {
    format!(
        "{} at {}, {}, days from {}",
        channel.name,
        channel.rate,
        channel.zone.name(),
        channel.day_start
    )
}

pub(super) fn next_day(date: Date) -> Result<Date, PlanError> {
    date.tomorrow()
        .map_err(|e| PlanError::Channel(crate::channel::ChannelError::Range(e.to_string())))
}

/// Finds every playlist the plan names and converts it to the channel's rate.
fn catalog<'p>(
    plan: &Plan,
    playlists: &'p [Playlist],
    notes: &mut Vec<RuleNote>,
) -> Result<Catalog<'p>, PlanError> {
    let mut catalog = Catalog::new(plan.channel.rate);
    let mut build_notes = Vec::new();
    for (t, template) in plan.templates.iter().enumerate() {
        for (b, block) in template.blocks.iter().enumerate() {
            let path = format!("templates[{t}].blocks[{b}]");
            let mut wanted: Vec<(String, &str, bool)> = Vec::new();
            if let Source::Playlist { playlist, .. } = &block.source {
                wanted.push((format!("{path}.source.playlist"), playlist, true));
            }
            let roles = [
                ("pre", &block.filler.pre),
                ("post", &block.filler.post),
                ("tail", &block.filler.tail),
                ("fallback", &block.filler.fallback),
            ];
            for (role, id) in roles {
                if let Some(id) = id {
                    wanted.push((format!("{path}.filler.{role}"), id, false));
                }
            }
            if let Some(breaks) = &block.breaks {
                wanted.push((format!("{path}.breaks.spots"), &breaks.spots, false));
                for (role, id) in [
                    ("bumper_in", &breaks.bumper_in),
                    ("bumper_out", &breaks.bumper_out),
                ] {
                    if let Some(id) = id {
                        wanted.push((format!("{path}.breaks.{role}"), id, false));
                    }
                }
            }
            for (path, id, must_play) in wanted {
                if !catalog.lists.contains_key(id) {
                    let playlist = playlists
                        .iter()
                        .find(|p| p.id == id)
                        .or_else(|| playlists.iter().find(|p| p.name == id))
                        .ok_or_else(|| {
                            PlanError::at(
                                &path,
                                format!("there is no playlist '{id}'; import it, or name one that is in the library"),
                            )
                        })?;
                    let items = playables(playlist, plan.channel.rate, &mut build_notes)?;
                    catalog.add(id, playlist, items);
                }
                if must_play && catalog.lists[id].items.is_empty() {
                    return Err(BuildError::NothingPlayable(id.to_owned()).into());
                }
            }
        }
    }
    notes.extend(build_notes.into_iter().map(|n: BuildNote| RuleNote {
        day: None,
        at: n.at,
        message: n.message,
    }));
    Ok(catalog)
}

/// Lays the days out in time order.
struct Writer<'c, 'p> {
    plan: &'c Plan,
    catalog: &'c Catalog<'p>,
    /// What a person put there, as sorted `[start, end)` stretches the rules fill around.
    obstacles: Vec<(Frames, Frames)>,
    taken_ids: HashSet<String>,
    /// Looping blocks continue their playlist from day to day.
    pickers: HashMap<(String, OrderFile, usize), Picker<'c>>,
    rot: Rotation,
    events: Vec<Event>,
    notes: Vec<RuleNote>,
    gaps: Vec<PlannedGap>,
    origin: Timestamp,
    day: Date,
    day_serial: usize,
    /// The day's padding boundaries, by grid.
    grids: HashMap<u32, Vec<Frames>>,
}

impl<'c> Writer<'c, '_> {
    fn at(&self, instant: Timestamp) -> Result<Frames, PlanError> {
        Ok(self
            .plan
            .channel
            .frames_between(self.origin, instant, Rounding::Ceil)?
            .value)
    }

    fn tc(&self, frames: Frames) -> String {
        Timecode::format_frames(frames, self.plan.channel.rate)
    }

    /// A position as the on-air clock of the day being laid out shows it (`06:29:31:02`).
    fn clock(&self, at: Frames) -> String {
        let channel = &self.plan.channel;
        channel
            .instant_after(self.origin, at)
            .and_then(|instant| {
                let clock = DayClock::new(channel, self.day)?;
                format_instant_of_day(&clock, channel, instant, Hours::Continued)
            })
            .unwrap_or_else(|_| self.tc(at))
    }

    fn note(&mut self, at: Option<Frames>, message: String) {
        self.notes.push(RuleNote {
            day: Some(self.day),
            at,
            message,
        });
    }

    /// Reports `from..to` as left empty, except where a person's events stand.
    fn gap(&mut self, from: Frames, to: Frames, why: &str) {
        for (from, to) in free(&self.obstacles, from, to) {
            self.gaps.push(PlannedGap {
                day: self.day,
                from,
                to,
                why: why.to_owned(),
            });
        }
    }

    fn day(&mut self, date: Date) -> Result<(), PlanError> {
        let channel = &self.plan.channel;
        self.day = date;
        self.day_serial = 0;
        self.grids.clear();
        let day_start = self.at(channel.day_start_instant(date)?)?;
        let day_end = self.at(channel.day_start_instant(next_day(date)?)?)?;
        let (template, _) = template_for(self.plan, date);
        let Some(t) = template else {
            self.gap(day_start, day_end, "nothing is planned for this day");
            return Ok(());
        };
        let template = &self.plan.templates[t];
        let clock = DayClock::new(channel, date)?;
        let mut starts = Vec::with_capacity(template.blocks.len());
        for block in &template.blocks {
            let into = clock.frames(block.start)?.value;
            starts.push(self.at(channel.instant_after(clock.origin(), into)?)?);
        }
        let mut covered = day_start;
        for (i, block) in template.blocks.iter().enumerate() {
            let start = starts[i].max(covered);
            let next = starts.get(i + 1).copied().unwrap_or(day_end).min(day_end);
            if start >= day_end {
                self.note(
                    None,
                    format!(
                        "'{}' at {} falls after the end of the broadcast day; it was left out",
                        block.title, block.start_text
                    ),
                );
                continue;
            }
            let end = match block.length {
                Some(length) if start + length > next => {
                    self.note(
                        Some(start),
                        format!(
                            "'{}' at {} was shortened to {} to end where the next block starts",
                            block.title,
                            block.start_text,
                            self.tc(next - start)
                        ),
                    );
                    next
                }
                Some(length) => start + length,
                None => next,
            };
            self.gap(covered, start, "no block covers this time");
            let label = format!("{}/{}", template.id, i);
            self.block(block, &label, start, end)?;
            covered = end;
        }
        self.gap(covered, day_end, "no block covers this time");
        Ok(())
    }

    fn block(
        &mut self,
        block: &Block,
        label: &str,
        start: Frames,
        end: Frames,
    ) -> Result<(), PlanError> {
        let segments = free(&self.obstacles, start, end);
        match &block.source {
            Source::Event {
                title,
                length,
                kind,
                source,
            } => {
                let mut rest = segments.as_slice();
                let mut tail = None;
                match segments.first() {
                    Some(&(from, to)) if from == start => {
                        let placed = (*length).min(to - from);
                        let mut event =
                            Event::new(String::new(), Frames::ZERO, placed, title.clone(), *kind);
                        event.source = source.clone();
                        event.start_mode = StartMode::Fixed;
                        if placed < *length {
                            self.note(
                                Some(from),
                                format!(
                                    "'{title}' was cut from {} to {} to fit its block",
                                    self.tc(*length),
                                    self.tc(placed)
                                ),
                            );
                        }
                        self.place(Run { length: placed, events: vec![event] }, from, label);
                        rest = &segments[1..];
                        tail = Some((from + placed, to));
                    }
                    _ => self.note(
                        Some(start),
                        format!(
                            "'{title}' at {} was not placed: an event put there by hand is in the way",
                            block.start_text
                        ),
                    ),
                }
                let why = format!("'{title}' is shorter than its block");
                if let Some((from, to)) = tail {
                    self.then(block, label, from, to, &why);
                }
                for &(from, to) in rest {
                    self.then(block, label, from, to, &why);
                }
            }
            Source::Playlist {
                playlist,
                order,
                window,
            } => {
                let list = &self.catalog.lists[playlist.as_str()];
                let seed = self.plan.seed ^ seed_of(playlist);
                let engine_order = match order {
                    OrderFile::Sequential => Order::Sequential,
                    OrderFile::Shuffle => Order::Shuffle { seed },
                    OrderFile::NoRepeat => Order::ShuffleNoRepeat {
                        seed,
                        window: *window,
                    },
                };
                let key = (playlist.clone(), *order, *window);
                // A block that plays its list once starts it afresh each day (a new shuffle).
                let mut fresh = (block.fill == Fill::Once).then(|| {
                    let order = match engine_order {
                        Order::Shuffle { seed } => Order::Shuffle {
                            seed: seed ^ seed_of(&self.day.to_string()),
                        },
                        other => other,
                    };
                    Picker::new(&list.items, order, Fill::Once)
                });
                let mut shared = match fresh {
                    Some(_) => None,
                    None => Some(
                        self.pickers
                            .remove(&key)
                            .unwrap_or_else(|| Picker::new(&list.items, engine_order, Fill::Loop)),
                    ),
                };
                for (from, to) in segments {
                    let picker = match (&mut fresh, &mut shared) {
                        (Some(p), _) | (None, Some(p)) => p,
                        (None, None) => break,
                    };
                    self.segment(block, label, list, picker, from, to)?;
                }
                if let Some(picker) = shared {
                    self.pickers.insert(key, picker);
                }
            }
        }
        Ok(())
    }

    /// Fills `from..to` with programmes (each with its filler and breaks, padded to the grid),
    /// then deals with the end as the block says.
    fn segment(
        &mut self,
        block: &Block,
        label: &str,
        list: &Stocked<'_>,
        picker: &mut Picker<'c>,
        from: Frames,
        to: Frames,
    ) -> Result<(), PlanError> {
        let mut pos = from;
        while pos < to {
            let Some(next) = picker.peek() else {
                self.then(block, label, pos, to, "the playlist ran out");
                return Ok(());
            };
            let saved = self.rot.clone();
            let unit = units::programme(self.catalog, &mut self.rot, block, list, next);
            if pos + unit.length <= to {
                picker.take();
                let length = unit.length;
                self.place(unit, pos, label);
                pos += length;
                if let Some(grid) = block.pad_to {
                    // On a boundary already, there is nothing to fill.
                    let boundary = self.boundary(grid, pos)?.min(to);
                    self.fill(
                        block,
                        label,
                        pos,
                        boundary,
                        "no filler fits before the boundary",
                    );
                    pos = boundary;
                }
                continue;
            }
            self.rot = saved;
            let item = &list.playlist.items[next.item];
            let why = format!(
                "the next item ('{}', {}) does not fit before {}",
                item.title,
                self.tc(next.length),
                self.clock(to)
            );
            if block.then == Ending::Trim {
                picker.take();
                let mut run = Run::default();
                let same_rate = list.playlist.rate == self.plan.channel.rate;
                let event = crate::build::item_event(
                    item,
                    String::new(),
                    Frames::ZERO,
                    to - pos,
                    next.length,
                    same_rate,
                );
                self.note(
                    Some(pos),
                    format!(
                        "'{}' was cut from {} to {} to end at {}",
                        item.title,
                        self.tc(next.length),
                        self.tc(to - pos),
                        self.clock(to)
                    ),
                );
                run.push(event);
                self.place(run, pos, label);
            } else {
                self.then(block, label, pos, to, &why);
            }
            return Ok(());
        }
        Ok(())
    }

    /// What the block does with a stretch its source does not fill.
    fn then(&mut self, block: &Block, label: &str, from: Frames, to: Frames, why: &str) {
        if block.then == Ending::Filler {
            self.fill(block, label, from, to, why);
        } else {
            self.gap(from, to, why);
        }
    }

    /// Fills `from..to` from the block's tail and fallback filler; reports what stays empty.
    fn fill(&mut self, block: &Block, label: &str, from: Frames, to: Frames, why: &str) {
        let run = units::filler(self.catalog, &mut self.rot, &block.filler, to - from);
        let end = from + run.length;
        self.place(run, from, label);
        if end < to {
            let why = if block.filler.tail.is_none() && block.filler.fallback.is_none() {
                format!("{why}, and the block has no tail or fallback filler")
            } else {
                format!("{why}, and no filler is short enough")
            };
            self.gap(end, to, &why);
        }
    }

    /// The first boundary of the day's `grid` (seconds from the day's start) at or after `pos`.
    fn boundary(&mut self, grid: u32, pos: Frames) -> Result<Frames, PlanError> {
        if !self.grids.contains_key(&grid) {
            let channel = &self.plan.channel;
            let (start, end) = channel.day_bounds(self.day)?;
            let step = i128::from(grid) * 1_000_000_000;
            let mut bounds = Vec::new();
            let mut nanos = start.as_nanosecond();
            while nanos < end.as_nanosecond() {
                let instant = Timestamp::from_nanosecond(nanos)
                    .map_err(|e| crate::channel::ChannelError::Range(e.to_string()))?;
                bounds.push(self.at(instant)?);
                nanos += step;
            }
            bounds.push(self.at(end)?);
            self.grids.insert(grid, bounds);
        }
        let bounds = &self.grids[&grid];
        let i = bounds.partition_point(|b| *b < pos);
        Ok(bounds.get(i).copied().unwrap_or(pos))
    }

    /// Puts a run's events at `pos`, each marked as the rules' and given a fresh id.
    fn place(&mut self, run: Run, pos: Frames, label: &str) {
        let stamp = self.day.strftime("%Y%m%d").to_string();
        for mut event in run.events {
            event.start += pos;
            loop {
                self.day_serial += 1;
                let id = format!("r{stamp}-{:04}", self.day_serial);
                if !self.taken_ids.contains(&id) {
                    event.id = EventId::new(id);
                    break;
                }
            }
            mark(&mut event, label);
            self.events.push(event);
        }
    }
}

/// Stretches merged where they overlap or touch, in order: so both their starts and their ends
/// are sorted, which `free` relies on.
fn union(mut stretches: Vec<(Frames, Frames)>) -> Vec<(Frames, Frames)> {
    stretches.sort_unstable();
    let mut out: Vec<(Frames, Frames)> = Vec::with_capacity(stretches.len());
    for (s, e) in stretches {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// The parts of `from..to` that no obstacle covers (obstacles as `union` leaves them).
fn free(obstacles: &[(Frames, Frames)], from: Frames, to: Frames) -> Vec<(Frames, Frames)> {
    let mut out = Vec::new();
    let mut pos = from;
    // Obstacles are sorted by start; one that starts before `from` may still reach into it.
    let first = obstacles.partition_point(|(_, end)| *end <= from);
    for &(s, e) in &obstacles[first.min(obstacles.len())..] {
        if s >= to {
            break;
        }
        if e <= pos {
            continue;
        }
        if s > pos {
            out.push((pos, s.min(to)));
        }
        pos = pos.max(e);
        if pos >= to {
            break;
        }
    }
    if pos < to {
        out.push((pos, to));
    }
    out
}

/// A seed from a name (FNV-1a), so each playlist shuffles differently under one plan seed.
fn seed_of(text: &str) -> u64 {
    super::marks::fnv1a(super::marks::FNV_OFFSET, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::{free, union};
    use crate::time::Frames;

    fn f(pairs: &[(i64, i64)]) -> Vec<(Frames, Frames)> {
        pairs.iter().map(|&(a, b)| (Frames(a), Frames(b))).collect()
    }

    #[test]
    fn overlapping_stretches_are_merged_so_a_long_one_is_not_skipped() {
        // A long hand event over two short ones: unmerged, a search by end could skip it.
        let merged = union(f(&[(10, 20), (0, 100), (30, 40), (100, 110), (200, 210)]));
        assert_eq!(merged, f(&[(0, 110), (200, 210)]));
        assert_eq!(free(&merged, Frames(25), Frames(150)), f(&[(110, 150)]));
    }

    #[test]
    fn free_stretches_are_what_no_obstacle_covers() {
        let obstacles = f(&[(5, 10), (12, 15), (30, 40)]);
        assert_eq!(
            free(&obstacles, Frames(0), Frames(20)),
            f(&[(0, 5), (10, 12), (15, 20)])
        );
        assert_eq!(free(&obstacles, Frames(7), Frames(13)), f(&[(10, 12)]));
        assert_eq!(free(&obstacles, Frames(31), Frames(35)), f(&[]));
        assert_eq!(free(&[], Frames(3), Frames(4)), f(&[(3, 4)]));
    }
}
