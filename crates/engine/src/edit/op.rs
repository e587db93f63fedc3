//! The primitive operations edits lower to, each with an exact inverse.

use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::Runs;
use crate::channel::Channel;
use crate::model::{Event, Schedule};
use crate::time::Frames;

/// One primitive change. Each carries what its inverse needs. Ops are serialisable because a
/// transaction is also the record that storage keeps and that a worker sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "kebab-case")]
pub enum Op {
    Insert {
        index: usize,
        event: Event,
    },
    Remove {
        index: usize,
        event: Event,
    },
    Replace {
        index: usize,
        before: Event,
        after: Event,
    },
    /// Moves the starts of the events in `range` by `delta`.
    Shift {
        range: Range<usize>,
        delta: Frames,
    },
    /// Replaces the events `index..index + removed.len()` (which are `removed`) with
    /// `inserted`: one move of the events after them however many change, where a run of
    /// single removes and inserts moves them once each. The runs are shared, so the undo
    /// history and the log record it is handed to hold one copy.
    Splice {
        index: usize,
        removed: Arc<[Event]>,
        inserted: Arc<[Event]>,
    },
    /// Sets the schedule's channel and window length (a rate change converts the length).
    SetChannel {
        before: Box<Channel>,
        after: Box<Channel>,
        before_length: Frames,
        after_length: Frames,
    },
}

impl Op {
    /// How many events the op puts in or takes out (a replaced event counts twice; a shift
    /// moves events in place and counts none).
    pub fn events_in_and_out(&self) -> usize {
        match self {
            Op::Insert { .. } | Op::Remove { .. } => 1,
            Op::Replace { .. } => 2,
            Op::Splice {
                removed, inserted, ..
            } => removed.len() + inserted.len(),
            Op::Shift { .. } | Op::SetChannel { .. } => 0,
        }
    }

    /// Applies the operation. Ops are only built against the state they apply to, so their
    /// indices are in range; an out-of-range op is ignored rather than panicking.
    #[cfg(test)]
    pub(crate) fn apply(&self, schedule: &mut Schedule) {
        self.apply_moving(schedule, &mut Runs::default());
    }

    /// Applies the operation, taking a splice's events from copies `runs` made ahead and
    /// leaving the events it takes out to `runs`.
    pub(crate) fn apply_moving(&self, schedule: &mut Schedule, runs: &mut Runs) {
        let events = &mut schedule.events;
        match self {
            Op::Insert { index, event } => {
                if *index <= events.len() {
                    events.insert(*index, event.clone());
                }
            }
            Op::Remove { index, .. } => {
                if *index < events.len() {
                    events.remove(*index);
                }
            }
            Op::Replace { index, after, .. } => {
                if let Some(slot) = events.get_mut(*index) {
                    *slot = after.clone();
                }
            }
            Op::Splice {
                index,
                removed,
                inserted,
            } => {
                let end = index + removed.len();
                if end <= events.len() {
                    let out = events
                        .splice(*index..end, runs.copies_of(inserted))
                        .collect();
                    runs.take_out(out);
                }
            }
            Op::Shift { range, delta } => {
                if let Some(slice) = events.get_mut(range.clone()) {
                    for e in slice {
                        e.start += *delta;
                    }
                }
            }
            Op::SetChannel {
                after,
                after_length,
                ..
            } => {
                schedule.channel = (**after).clone();
                schedule.length = *after_length;
            }
        }
    }

    pub(crate) fn inverse(&self) -> Op {
        match self {
            Op::Insert { index, event } => Op::Remove {
                index: *index,
                event: event.clone(),
            },
            Op::Remove { index, event } => Op::Insert {
                index: *index,
                event: event.clone(),
            },
            Op::Replace {
                index,
                before,
                after,
            } => Op::Replace {
                index: *index,
                before: after.clone(),
                after: before.clone(),
            },
            Op::Splice {
                index,
                removed,
                inserted,
            } => Op::Splice {
                index: *index,
                removed: inserted.clone(),
                inserted: removed.clone(),
            },
            Op::Shift { range, delta } => Op::Shift {
                range: range.clone(),
                delta: -*delta,
            },
            Op::SetChannel {
                before,
                after,
                before_length,
                after_length,
            } => Op::SetChannel {
                before: after.clone(),
                after: before.clone(),
                before_length: *after_length,
                after_length: *before_length,
            },
        }
    }
}

/// The operations one edit made, in order, so it can be undone and redone as a unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transaction {
    pub label: String,
    pub ops: Vec<Op>,
}

impl Transaction {
    pub(crate) fn redo(&self, schedule: &mut Schedule, runs: &mut Runs) {
        for op in &self.ops {
            op.apply_moving(schedule, runs);
        }
    }

    pub(crate) fn undo(&self, schedule: &mut Schedule, runs: &mut Runs) {
        for op in self.ops.iter().rev() {
            op.inverse().apply_moving(schedule, runs);
        }
    }
}
