//! Changing the running order: taking events out and putting them back elsewhere, with the
//! touched run laid out again back to back.

use super::recorder::Recorder;
use super::EditError;
use crate::model::{Event, Schedule};

/// Refuses a selection that is empty, unordered, repeated or out of range, or a target past
/// the end.
pub(super) fn check(schedule: &Schedule, indices: &[usize], to: usize) -> Result<(), EditError> {
    let len = schedule.events.len();
    let ordered = indices.windows(2).all(|w| w[0] < w[1]);
    match indices.last() {
        Some(&last) if ordered && last < len && to <= len => Ok(()),
        _ => Err(EditError::BadSelection),
    }
}

/// The run `lo..hi` in its new order, and `lo`. Only positions in the run change.
fn new_run<'s>(events: &'s [Event], indices: &[usize], to: usize) -> (usize, Vec<&'s Event>) {
    // `check` has made sure `indices` is non-empty and ascending.
    let first = indices.first().copied().unwrap_or(0);
    let last = indices.last().copied().unwrap_or(0);
    let lo = first.min(to);
    let hi = (last + 1).max(to);
    let moved: Vec<&Event> = indices.iter().map(|&i| &events[i]).collect();
    let mut run: Vec<&Event> = Vec::with_capacity(hi - lo);
    let mut taken = indices.iter().peekable();
    for (i, event) in events.iter().enumerate().take(hi).skip(lo) {
        if i == to {
            run.extend(moved.iter().copied());
        }
        if taken.peek() == Some(&&i) {
            taken.next();
        } else {
            run.push(event);
        }
    }
    if to == hi {
        run.extend(moved.iter().copied());
    }
    (lo, run)
}

pub(super) fn record(rec: &mut Recorder<'_>, indices: &[usize], to: usize) {
    let (lo, run) = new_run(&rec.schedule.events, indices, to);
    let mut cursor = rec.schedule.events[lo].start;
    let laid: Vec<Event> = run
        .into_iter()
        .map(|event| {
            let mut event = event.clone();
            event.start = cursor;
            cursor = event.end_or_start();
            event
        })
        .collect();
    for (offset, event) in laid.into_iter().enumerate() {
        rec.replace(lo + offset, event);
    }
}
