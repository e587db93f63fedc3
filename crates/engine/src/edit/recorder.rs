//! Recording an edit's operations as they are applied, so each sees the state the one before
//! left; shared by every edit's lowering (and so by no edit module's neighbour).

use std::sync::Arc;

use super::{Op, Runs, Transaction};
use crate::model::{Event, Schedule, StartMode};
use crate::time::Frames;

/// Records operations while applying them, so each sees the state the previous one left.
pub(super) struct Recorder<'a> {
    pub(super) schedule: &'a mut Schedule,
    ops: Vec<Op>,
    runs: &'a mut Runs,
}

impl<'a> Recorder<'a> {
    pub(super) fn new(schedule: &'a mut Schedule, runs: &'a mut Runs) -> Self {
        Recorder {
            schedule,
            ops: Vec::new(),
            runs,
        }
    }

    pub(super) fn push(&mut self, op: Op) {
        op.apply_moving(self.schedule, self.runs);
        self.ops.push(op);
    }

    pub(super) fn insert(&mut self, index: usize, event: Event) {
        self.push(Op::Insert { index, event });
    }

    pub(super) fn remove(&mut self, index: usize) {
        let event = self.schedule.events[index].clone();
        self.push(Op::Remove { index, event });
    }

    /// Replaces `count` events from `index` with `inserted` (unless they are the same): the
    /// removed events move out of the schedule into the op, not copied, and the inserted ones
    /// are the copies made ahead if there are any.
    pub(super) fn splice(&mut self, index: usize, count: usize, inserted: &Arc<[Event]>) {
        let range = index..index + count;
        if self.schedule.events[range.clone()] == **inserted {
            return;
        }
        let removed: Arc<[Event]> = self
            .schedule
            .events
            .splice(range, self.runs.copies_of(inserted))
            .collect();
        self.ops.push(Op::Splice {
            index,
            removed,
            inserted: inserted.clone(),
        });
    }

    pub(super) fn replace(&mut self, index: usize, after: Event) {
        let before = self.schedule.events[index].clone();
        if before != after {
            self.push(Op::Replace {
                index,
                before,
                after,
            });
        }
    }

    /// Moves the events after `index`, up to the next fixed one, by `delta` (a ripple).
    pub(super) fn ripple_after(&mut self, index: usize, delta: Frames) {
        self.ripple_from(index + 1, delta);
    }

    /// Moves the events from `first`, up to the next fixed one, by `delta`.
    pub(super) fn ripple_from(&mut self, first: usize, delta: Frames) {
        let events = &self.schedule.events;
        let end = events[first.min(events.len())..]
            .iter()
            .position(|e| e.start_mode == StartMode::Fixed)
            .map_or(events.len(), |p| first + p);
        if first < end && delta != Frames::ZERO {
            self.push(Op::Shift {
                range: first..end,
                delta,
            });
        }
    }

    pub(super) fn finish(self, label: String) -> Transaction {
        Transaction {
            label,
            ops: self.ops,
        }
    }
}

/// The position at which an event starting at `start` keeps the list in time order (after
/// any events that start at the same frame).
pub(super) fn sorted_position(schedule: &Schedule, start: Frames) -> usize {
    schedule.events.partition_point(|e| e.start <= start)
}
