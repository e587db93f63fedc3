//! The sequence check: one sweep over the events in order of start that finds overlaps, missed
//! hard starts and gaps. The sweep's state can be rebuilt at any position of a schedule whose
//! list is in time order, so an edit re-sweeps only the stretch it can affect.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::{fixes, Code, Diagnostic};
use crate::ids::UsedIds;
use crate::model::{Event, Schedule, StartMode};
use crate::on_air::OnAir;
use crate::time::{Frames, Timecode};

/// Beyond this many events running at once, an overlap gets no one-click fix (it needs a look).
const MAX_TRIMS_IN_A_FIX: usize = 64;

/// The event that reaches furthest so far in the sweep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Reach {
    index: usize,
    end: Frames,
    known: bool,
}

/// Whether the sweep looks at `event`: events of zero or negative length take no air time and
/// are reported on their own.
pub(super) fn takes_air(event: &Event) -> bool {
    event.duration.is_none_or(Frames::is_positive)
}

/// The sweep's state between two events.
#[derive(Debug, Default)]
pub(super) struct Sweep {
    reach: Option<Reach>,
    /// Events still running, soonest end first, so an overlap's fix can trim all of them.
    running: BinaryHeap<Reverse<(Frames, usize)>>,
}

/// What the sweep needs besides its state.
pub(super) struct Ctx<'s, 'c> {
    pub schedule: &'s Schedule,
    pub clock: &'c OnAir<'s>,
    pub ids: &'c dyn UsedIds,
}

/// The whole sweep over `order`: the start and position of every event that takes air, in list
/// order. The keys sit side by side, so checking their order (a schedule's list is nearly
/// always in time order already) and sorting read a compact array, not every event again.
pub(super) fn check_sequence(
    ctx: &Ctx<'_, '_>,
    mut order: Vec<(Frames, usize)>,
    out: &mut Vec<Diagnostic>,
) {
    if !order.is_sorted() {
        order.sort_unstable();
    }
    let mut sweep = Sweep::default();
    for (_, index) in order {
        sweep.step(ctx, index, out);
    }
    sweep.finish(ctx, out);
}

impl Sweep {
    /// The state just before position `at` of a schedule whose list is in time order, found by
    /// looking back only as far as an event could reach: no event starting more than
    /// `longest` before the furthest end found so far can reach past it. `None` when an event
    /// of unknown length lies in that stretch (its reach depends on all before it).
    pub(super) fn before(schedule: &Schedule, at: usize, longest: Frames) -> Option<Sweep> {
        let events = &schedule.events;
        let next_start = events.get(at).map(|e| e.start);
        let mut window = Vec::new();
        let mut furthest: Option<Frames> = None;
        for index in (0..at.min(events.len())).rev() {
            let event = &events[index];
            if !takes_air(event) {
                continue;
            }
            let bound = event.start + longest;
            if furthest.is_some_and(|f| bound < f && next_start.is_none_or(|s| bound <= s)) {
                break;
            }
            let end = event.end()?;
            furthest = Some(furthest.map_or(end, |f| f.max(end)));
            window.push((index, end));
        }
        let Some(furthest) = furthest else {
            return Some(Sweep::default());
        };
        // The first event (in order) to reach the furthest end is the one the sweep keeps.
        let reach = window
            .iter()
            .rev()
            .find(|(_, end)| *end == furthest)
            .map(|&(index, end)| Reach {
                index,
                end,
                known: true,
            });
        let running = window
            .iter()
            .filter(|(_, end)| next_start.is_none_or(|s| *end > s))
            .map(|&(index, end)| Reverse((end, index)))
            .collect();
        Some(Sweep { reach, running })
    }

    /// Whether the sweep has nothing running at `start`: everything seen so far has ended.
    pub(super) fn is_clear_at(&self, start: Frames) -> bool {
        self.reach.is_none_or(|r| r.end <= start)
    }

    /// Takes the next event (in order of start) and reports how it meets what came before.
    pub(super) fn step(&mut self, ctx: &Ctx<'_, '_>, index: usize, out: &mut Vec<Diagnostic>) {
        let Ctx {
            schedule,
            clock,
            ids,
        } = *ctx;
        let event = &schedule.events[index];
        while self
            .running
            .peek()
            .is_some_and(|Reverse((end, _))| *end <= event.start)
        {
            self.running.pop();
        }
        // Dead air only counts inside the window; what lies beyond it is an outside-window error.
        let gap_end = event.start.min(schedule.length);
        match &self.reach {
            None if gap_end > Frames::ZERO => {
                out.push(gap(
                    schedule,
                    clock,
                    ids,
                    None,
                    Frames::ZERO,
                    gap_end,
                    index,
                ));
            }
            Some(r) if event.start < r.end => {
                let over: Vec<usize> = if self.running.len() <= MAX_TRIMS_IN_A_FIX {
                    self.running.iter().map(|Reverse((_, i))| *i).collect()
                } else {
                    Vec::new()
                };
                out.push(overlap(schedule, clock, r, index, &over));
            }
            Some(r) if gap_end > r.end.max(Frames::ZERO) && r.known => {
                out.push(gap(
                    schedule,
                    clock,
                    ids,
                    Some(r.index),
                    r.end.max(Frames::ZERO),
                    gap_end,
                    index,
                ));
            }
            _ => {}
        }
        let extends = match (&self.reach, event.duration) {
            (None, _) => true,
            // An event of unknown length reaches an unknown distance: nothing after it can be
            // called a gap until a known event reaches further.
            (Some(r), None) => event.start >= r.end,
            (Some(r), Some(_)) => event.end_or_start() > r.end || !r.known,
        };
        if event.duration.is_some() {
            self.running.push(Reverse((event.end_or_start(), index)));
        }
        if extends {
            self.reach = Some(Reach {
                index,
                end: event.end_or_start(),
                known: event.duration.is_some(),
            });
        }
    }

    /// Ends the sweep: dead air from the last event to the window's end.
    pub(super) fn finish(self, ctx: &Ctx<'_, '_>, out: &mut Vec<Diagnostic>) {
        let Ctx {
            schedule,
            clock,
            ids,
        } = *ctx;
        match self.reach {
            Some(r) if r.known && r.end < schedule.length => {
                out.push(tail_gap(
                    schedule,
                    clock,
                    ids,
                    r.index,
                    r.end.max(Frames::ZERO),
                ));
            }
            None if schedule.length.is_positive() => {
                out.push(tail_gap(schedule, clock, ids, usize::MAX, Frames::ZERO));
            }
            _ => {}
        }
    }
}

/// A length, as timecode.
fn tc(schedule: &Schedule, frames: Frames) -> String {
    Timecode::format_frames(frames, schedule.rate())
}

fn overlap(
    schedule: &Schedule,
    clock: &OnAir<'_>,
    reach: &Reach,
    index: usize,
    running: &[usize],
) -> Diagnostic {
    let event = &schedule.events[index];
    let earlier = &schedule.events[reach.index];
    let by = reach.end - event.start;
    let (code, message) = if event.start_mode == StartMode::Fixed {
        (
            Code::HardStartMissed,
            format!(
                "hard start of '{}' at {} is missed: '{}' runs {} over it",
                event.title,
                clock.at(event.start),
                earlier.title,
                tc(schedule, by)
            ),
        )
    } else {
        (
            Code::Overlap,
            format!(
                "'{}' starts at {} while '{}' runs until {}",
                event.title,
                clock.at(event.start),
                earlier.title,
                clock.at(reach.end)
            ),
        )
    };
    let mut d = Diagnostic::new(
        code,
        schedule,
        index,
        message,
        fixes::trim_all_before(schedule, clock, running, event.start),
    );
    d.region = Some((event.start, reach.end));
    d
}

fn gap(
    schedule: &Schedule,
    clock: &OnAir<'_>,
    ids: &dyn UsedIds,
    before: Option<usize>,
    from: Frames,
    to: Frames,
    next: usize,
) -> Diagnostic {
    let event = &schedule.events[next];
    let after = before.map_or_else(
        || "the window's start".to_owned(),
        |i| format!("'{}'", schedule.events[i].title),
    );
    let mut d = Diagnostic::new(
        Code::Gap,
        schedule,
        next,
        format!(
            "{} of nothing on air between {after} and '{}' at {}",
            tc(schedule, to - from),
            event.title,
            clock.at(to)
        ),
        fixes::fill_gap(schedule, clock, ids, next, from, to),
    );
    d.region = Some((from, to));
    d
}

fn tail_gap(
    schedule: &Schedule,
    clock: &OnAir<'_>,
    ids: &dyn UsedIds,
    last: usize,
    from: Frames,
) -> Diagnostic {
    let what = schedule.events.get(last).map_or_else(
        || "the window's start".to_owned(),
        |e| format!("'{}'", e.title),
    );
    let mut d = Diagnostic::new(
        Code::Gap,
        schedule,
        last,
        format!(
            "{} of nothing on air after {what} until the window ends at {}",
            tc(schedule, schedule.length - from),
            clock.at(schedule.length)
        ),
        fixes::fill_gap(
            schedule,
            clock,
            ids,
            schedule.events.len(),
            from,
            schedule.length,
        ),
    );
    d.region = Some((from, schedule.length));
    d
}
