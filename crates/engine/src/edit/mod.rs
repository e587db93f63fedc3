//! Edits as commands: every change to a schedule is an [`Edit`] that lowers to primitive
//! operations with exact inverses, so undo and redo give back the very same schedule.

mod apply;
mod channel;
mod compose;
mod copy_day;
mod delete_many;
mod history;
mod op;
mod recorder;
mod reorder;
mod runs;
mod step_text;

pub use apply::{apply, EditError};
pub use channel::{describe as describe_rounding, rate_change, RoundedEvent};
pub use compose::{
    delete_events, event_from_item, insert_events, move_events, EventChanges, FieldError,
};
pub use copy_day::CopyDayWork;
pub use history::{History, Step, UNDO_DEPTH, UNDO_EVENTS};
pub use op::{Op, Transaction};
pub use runs::Runs;
pub(crate) use runs::{edit_run, transaction_run};
pub use step_text::{step_pieces, StepPieces};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::model::{Event, StartMode};
use crate::time::Frames;

/// A change a user (or a fix) asks for. Events are addressed by their position in the
/// schedule's list, which is the running order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "edit", rename_all = "kebab-case")]
pub enum Edit {
    /// Inserts `event` at `index`. With `ripple`, the events after it up to the next fixed
    /// event move later by its length.
    Insert {
        index: usize,
        event: Event,
        ripple: bool,
    },
    /// Removes the event at `index`. With `ripple`, the following run moves earlier.
    Delete { index: usize, ripple: bool },
    /// Removes the events at `indices` (ascending, distinct) as one change; with `ripple`, as
    /// a rippled [`Edit::Delete`] of each, from the last to the first, would.
    DeleteEvents { indices: Vec<usize>, ripple: bool },
    /// Moves the event at `index` to `start`, keeping the list in time order. Other events stay.
    Move { index: usize, start: Frames },
    /// Sets the length of the event at `index`. With `ripple`, the following run moves with it.
    Trim {
        index: usize,
        duration: Frames,
        ripple: bool,
    },
    /// Changes how the event at `index` starts on air.
    SetStartMode { index: usize, mode: StartMode },
    /// Replaces the event at `index` with `event` (any field: title, id, in and out points...).
    Replace { index: usize, event: Event },
    /// Changes the running order: the events at `indices` (ascending, distinct) are taken out
    /// and put back, in their order, in front of the event now at `to` (`to` = the number of
    /// events puts them last). The run from the first to the last position touched is laid out
    /// again back to back from its old first start, so its length and what follows it stay.
    Reorder { indices: Vec<usize>, to: usize },
    /// Sets the schedule's channel: a new rate converts every time to the nearest whole frame
    /// (see [`rate_change`] for what that rounds); a new zone or day start keeps every instant.
    SetChannel { channel: crate::channel::Channel },
    /// Copies the events of broadcast day `from` onto each day in `to`, replacing what was
    /// there. Copies get fresh ids.
    CopyDay { from: Date, to: Vec<Date> },
    /// Replaces the `count` events from `index` with `events`, as given (nothing ripples; the
    /// list's order is the caller's). What applying rules to dates makes: one change that
    /// costs the events it replaces, not a remove and an insert per event.
    Splice {
        index: usize,
        count: usize,
        events: std::sync::Arc<[Event]>,
    },
    /// Several edits applied in order as one undoable step; if one is refused, none applies.
    Batch { label: String, edits: Vec<Edit> },
}

impl Edit {
    /// A short description for undo menus.
    pub fn label(&self) -> String {
        match self {
            Edit::Insert { event, .. } => format!("Insert '{}'", event.title),
            Edit::Delete { .. } => "Delete event".into(),
            Edit::DeleteEvents { indices, .. } => format!("Delete {} events", indices.len()),
            Edit::Move { .. } => "Move event".into(),
            Edit::Trim { .. } => "Trim event".into(),
            Edit::SetStartMode { mode, .. } => format!("Set start mode to {}", mode.as_str()),
            Edit::Replace { .. } => "Edit event".into(),
            Edit::Reorder { indices, .. } if indices.len() == 1 => "Move event".into(),
            Edit::Reorder { indices, .. } => format!("Move {} events", indices.len()),
            Edit::SetChannel { channel } => channel::label(channel),
            Edit::CopyDay { from, to } => copy_day::copy_label(*from, to.len()),
            Edit::Splice { count, events, .. } => {
                format!("Replace {count} event(s) with {}", events.len())
            }
            Edit::Batch { label, .. } => label.clone(),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests;
