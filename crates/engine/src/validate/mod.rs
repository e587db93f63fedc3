//! Validation as values: every problem in a schedule as a [`Diagnostic`], never stopping at the
//! first, each with a stable code and, where one exists, a fix that is an ordinary [`Edit`].
//!
//! Whole-schedule validation sorts once and sweeps once: O(n log n).

mod diagnostic;
mod fixes;

pub use diagnostic::{Code, Diagnostic, Fix, Severity};

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use crate::model::{Event, Schedule, StartMode};
use crate::on_air::OnAir;
use crate::time::{Frames, Timecode};

/// Checks the whole schedule and returns every diagnostic, ordered by position in time.
pub fn validate(schedule: &Schedule) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Messages give times of day on the on-air clock, lengths as timecode.
    let clock = OnAir::new(schedule);
    check_ids(schedule, &mut out);
    for (index, event) in schedule.events.iter().enumerate() {
        check_event(schedule, &clock, index, event, &mut out);
    }
    check_sequence(schedule, &clock, &mut out);
    out.sort_by_key(|d| (d.region.map_or(Frames::ZERO, |r| r.0), d.index));
    out
}

/// A length, as timecode.
fn tc(schedule: &Schedule, frames: Frames) -> String {
    Timecode::format_frames(frames, schedule.rate())
}

fn check_ids(schedule: &Schedule, out: &mut Vec<Diagnostic>) {
    let mut first_seen: HashMap<&str, usize> = HashMap::with_capacity(schedule.events.len());
    for (index, event) in schedule.events.iter().enumerate() {
        if let Some(&first) = first_seen.get(event.id.as_str()) {
            out.push(Diagnostic::new(
                Code::DuplicateId,
                schedule,
                index,
                format!(
                    "id '{}' is also used by event {} ('{}')",
                    event.id,
                    first + 1,
                    schedule.events[first].title
                ),
                fixes::rename(schedule, index),
            ));
        } else {
            first_seen.insert(event.id.as_str(), index);
        }
    }
}

fn check_event(
    schedule: &Schedule,
    clock: &OnAir<'_>,
    index: usize,
    event: &Event,
    out: &mut Vec<Diagnostic>,
) {
    let Some(duration) = event.duration else {
        out.push(Diagnostic::new(
            Code::UnknownDuration,
            schedule,
            index,
            format!(
                "'{}' has no known length, so what follows cannot be timed",
                event.title
            ),
            Vec::new(),
        ));
        return;
    };
    if !duration.is_positive() {
        out.push(Diagnostic::new(
            Code::NonPositiveDuration,
            schedule,
            index,
            format!(
                "'{}' has a length of {} frames",
                event.title,
                duration.get()
            ),
            fixes::remove(index),
        ));
    }
    check_points(schedule, index, event, out);
    let end = event.start + duration;
    if event.start < Frames::ZERO || end > schedule.length {
        out.push(Diagnostic::new(
            Code::OutsideWindow,
            schedule,
            index,
            format!(
                "'{}' runs {} to {}, outside the schedule's window {} to {}",
                event.title,
                clock.at(event.start),
                clock.at(end),
                clock.at(Frames::ZERO),
                clock.at(schedule.length)
            ),
            fixes::trim_to_window(schedule, clock, index),
        ));
    }
}

fn check_points(schedule: &Schedule, index: usize, event: &Event, out: &mut Vec<Diagnostic>) {
    let problem = match (event.in_point, event.out_point, event.media_duration) {
        (Some(i), _, _) if i < Frames::ZERO => Some("its in point is before the media starts"),
        (Some(i), Some(o), _) if o <= i => Some("its out point is not after its in point"),
        (_, Some(o), Some(m)) if o > m => Some("its out point is after the media ends"),
        (Some(i), None, Some(m)) if i >= m => Some("its in point is after the media ends"),
        _ => None,
    };
    if let Some(problem) = problem {
        out.push(Diagnostic::new(
            Code::InOutOutsideMedia,
            schedule,
            index,
            format!("'{}': {problem}", event.title),
            fixes::clamp_points(event, index),
        ));
    }
}

/// Beyond this many events running at once, an overlap gets no one-click fix (it needs a look).
const MAX_TRIMS_IN_A_FIX: usize = 64;

/// The event that reaches furthest so far in the sweep.
struct Reach {
    index: usize,
    end: Frames,
    known: bool,
}

fn check_sequence(schedule: &Schedule, clock: &OnAir<'_>, out: &mut Vec<Diagnostic>) {
    let events = &schedule.events;
    // Events of zero or negative length take no air time; they are reported on their own.
    let mut order: Vec<usize> = (0..events.len())
        .filter(|&i| events[i].duration.is_none_or(Frames::is_positive))
        .collect();
    order.sort_by_key(|&i| (events[i].start, i));

    let mut reach: Option<Reach> = None;
    // Events still running, soonest end first, so an overlap's fix can trim all of them.
    let mut running: BinaryHeap<Reverse<(Frames, usize)>> = BinaryHeap::new();
    for &index in &order {
        let event = &events[index];
        while running
            .peek()
            .is_some_and(|Reverse((end, _))| *end <= event.start)
        {
            running.pop();
        }
        // Dead air only counts inside the window; what lies beyond it is an outside-window error.
        let gap_end = event.start.min(schedule.length);
        match &reach {
            None if gap_end > Frames::ZERO => {
                out.push(gap(schedule, clock, None, Frames::ZERO, gap_end, index));
            }
            Some(r) if event.start < r.end => {
                let over: Vec<usize> = if running.len() <= MAX_TRIMS_IN_A_FIX {
                    running.iter().map(|Reverse((_, i))| *i).collect()
                } else {
                    Vec::new()
                };
                out.push(overlap(schedule, clock, r, index, &over));
            }
            Some(r) if gap_end > r.end.max(Frames::ZERO) && r.known => {
                out.push(gap(
                    schedule,
                    clock,
                    Some(r.index),
                    r.end.max(Frames::ZERO),
                    gap_end,
                    index,
                ));
            }
            _ => {}
        }
        let extends = match (&reach, event.duration) {
            (None, _) => true,
            // An event of unknown length reaches an unknown distance: nothing after it can be
            // called a gap until a known event reaches further.
            (Some(r), None) => event.start >= r.end,
            (Some(r), Some(_)) => event.end_or_start() > r.end || !r.known,
        };
        if event.duration.is_some() {
            running.push(Reverse((event.end_or_start(), index)));
        }
        if extends {
            reach = Some(Reach {
                index,
                end: event.end_or_start(),
                known: event.duration.is_some(),
            });
        }
    }
    match reach {
        Some(r) if r.known && r.end < schedule.length => {
            out.push(tail_gap(schedule, clock, r.index, r.end.max(Frames::ZERO)));
        }
        None if schedule.length.is_positive() => {
            out.push(tail_gap(schedule, clock, usize::MAX, Frames::ZERO));
        }
        _ => {}
    }
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
        fixes::fill_gap(schedule, clock, next, from, to),
    );
    d.region = Some((from, to));
    d
}

fn tail_gap(schedule: &Schedule, clock: &OnAir<'_>, last: usize, from: Frames) -> Diagnostic {
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
            schedule.events.len(),
            from,
            schedule.length,
        ),
    );
    d.region = Some((from, schedule.length));
    d
}

#[cfg(test)]
mod tests;
