//! Lowering an [`Edit`] to operations, applying them as they are recorded.

use thiserror::Error;

use super::recorder::{sorted_position, Recorder};
use super::{channel, copy_day, delete_many, reorder, Edit, Runs, Transaction};
use crate::channel::ChannelError;
use crate::model::Schedule;
use crate::time::Frames;

/// Why an edit was refused. A refused edit leaves the schedule unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EditError {
    #[error("there is no event at position {index} (the schedule has {len})")]
    NoSuchEvent { index: usize, len: usize },
    #[error("a length must be positive, not {0}")]
    NonPositiveDuration(i64),
    #[error("the events to move must be listed once each, in order, and exist")]
    BadSelection,
    #[error("cannot copy a day onto itself")]
    CopyOntoItself,
    #[error(
        "the change would put in or take out {events} events, more than undo can hold \
         ({limit}); make it in smaller steps (copy onto fewer days at a time, say)"
    )]
    TooBigToUndo { events: usize, limit: usize },
    #[error(transparent)]
    Channel(#[from] ChannelError),
}

fn check_index(schedule: &Schedule, index: usize) -> Result<(), EditError> {
    if index < schedule.events.len() {
        Ok(())
    } else {
        Err(EditError::NoSuchEvent {
            index,
            len: schedule.events.len(),
        })
    }
}

/// Applies `edit` to `schedule` and returns the transaction that undoes and redoes it.
/// On error nothing has changed.
pub fn apply(schedule: &mut Schedule, edit: &Edit) -> Result<Transaction, EditError> {
    apply_moving(schedule, edit, &mut Runs::default())
}

/// Like [`apply`], taking spliced runs from copies `runs` made ahead and leaving what the
/// edit takes out (but keeps no record of) to `runs`.
pub(crate) fn apply_moving(
    schedule: &mut Schedule,
    edit: &Edit,
    runs: &mut Runs,
) -> Result<Transaction, EditError> {
    if let Edit::Batch { label, edits } = edit {
        return apply_batch(schedule, label, edits, runs);
    }
    // Check everything that can fail before the first op, so a refused edit changes nothing.
    match edit {
        Edit::Insert { index, .. } if *index > schedule.events.len() => {
            return Err(EditError::NoSuchEvent {
                index: *index,
                len: schedule.events.len(),
            })
        }
        Edit::Insert { .. }
        | Edit::CopyDay { .. }
        | Edit::Batch { .. }
        | Edit::SetChannel { .. } => {}
        Edit::Reorder { indices, to } => reorder::check(schedule, indices, *to)?,
        Edit::DeleteEvents { indices, .. } => delete_many::check(schedule, indices)?,
        Edit::Splice { index, count, .. }
            if index.saturating_add(*count) > schedule.events.len() =>
        {
            return Err(EditError::NoSuchEvent {
                index: index.saturating_add(*count).saturating_sub(1),
                len: schedule.events.len(),
            })
        }
        Edit::Splice { .. } => {}
        Edit::Trim { duration, .. } if !duration.is_positive() => {
            return Err(EditError::NonPositiveDuration(duration.get()))
        }
        Edit::Delete { index, .. }
        | Edit::Move { index, .. }
        | Edit::Trim { index, .. }
        | Edit::SetStartMode { index, .. }
        | Edit::Replace { index, .. } => check_index(schedule, *index)?,
    }
    if let Edit::SetChannel { channel: new } = edit {
        let (length, events) = channel::plan(schedule, new)?;
        let mut rec = Recorder::new(schedule, runs);
        channel::record(&mut rec, new, length, events);
        return Ok(rec.finish(edit.label()));
    }
    if let Edit::CopyDay { from, to } = edit {
        let plan = copy_day::plan(schedule, *from, to)?;
        let mut rec = Recorder::new(schedule, runs);
        copy_day::record(&mut rec, plan);
        return Ok(rec.finish(edit.label()));
    }

    let mut rec = Recorder::new(schedule, runs);
    match edit {
        Edit::Insert {
            index,
            event,
            ripple,
        } => {
            let length = event.duration.unwrap_or(Frames::ZERO);
            rec.insert(*index, event.clone());
            if *ripple {
                rec.ripple_after(*index, length);
            }
        }
        Edit::Delete { index, ripple } => {
            let length = rec.schedule.events[*index].duration.unwrap_or(Frames::ZERO);
            if *ripple {
                rec.ripple_after(*index, -length);
            }
            rec.remove(*index);
        }
        Edit::Move { index, start } => {
            let mut moved = rec.schedule.events[*index].clone();
            moved.start = *start;
            rec.remove(*index);
            let to = sorted_position(rec.schedule, *start);
            rec.insert(to, moved);
        }
        Edit::Trim {
            index,
            duration,
            ripple,
        } => {
            let mut trimmed = rec.schedule.events[*index].clone();
            let delta = *duration - trimmed.duration.unwrap_or(Frames::ZERO);
            trimmed.set_duration(*duration);
            rec.replace(*index, trimmed);
            if *ripple {
                rec.ripple_after(*index, delta);
            }
        }
        Edit::SetStartMode { index, mode } => {
            let mut changed = rec.schedule.events[*index].clone();
            changed.start_mode = *mode;
            rec.replace(*index, changed);
        }
        Edit::Replace { index, event } => rec.replace(*index, event.clone()),
        Edit::Splice {
            index,
            count,
            events,
        } => rec.splice(*index, *count, events),
        Edit::Reorder { indices, to } => reorder::record(&mut rec, indices, *to),
        Edit::DeleteEvents { indices, ripple } => delete_many::record(&mut rec, indices, *ripple),
        Edit::CopyDay { .. } | Edit::Batch { .. } | Edit::SetChannel { .. } => {}
    }
    Ok(rec.finish(edit.label()))
}

fn apply_batch(
    schedule: &mut Schedule,
    label: &str,
    edits: &[Edit],
    runs: &mut Runs,
) -> Result<Transaction, EditError> {
    let mut done: Vec<Transaction> = Vec::with_capacity(edits.len());
    for edit in edits {
        match apply_moving(schedule, edit, runs) {
            Ok(tx) => done.push(tx),
            Err(e) => {
                for tx in done.iter().rev() {
                    tx.undo(schedule, runs);
                }
                return Err(e);
            }
        }
    }
    Ok(Transaction {
        label: label.to_owned(),
        ops: done.into_iter().flat_map(|tx| tx.ops).collect(),
    })
}
