//! Undo and redo stacks of transactions, and the steps that change them, as storage logs them.

use serde::{Deserialize, Serialize};

use super::apply::apply_moving;
use super::{Edit, EditError, Runs, Transaction};
use crate::model::Schedule;

/// How many steps Undo reaches back; older ones are forgotten, so a stored history stays small.
pub const UNDO_DEPTH: usize = 200;

/// How many events the undo and redo stacks hold together (each counted as it goes in or
/// out: a replaced event twice); the oldest steps are forgotten past it. A history is kept
/// in memory and stored as one value, which a browser refuses over about 130 MB (some
/// 300 bytes an event as JSON), so one edit over it is refused rather than made and then
/// never saved.
pub const UNDO_EVENTS: usize = 250_000;

/// How many events `tx` puts in and takes out.
fn events_of(tx: &Transaction) -> usize {
    tx.ops.iter().map(super::Op::events_in_and_out).sum()
}

/// One change to a schedule and its history, as the edit log stores it: a new transaction, or
/// an undo or redo of one already recorded. Replaying the steps in order rebuilds both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "kebab-case")]
pub enum Step {
    Do { tx: Transaction },
    Undo,
    Redo,
}

/// The undo and redo stacks for one schedule.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct History {
    done: Vec<Transaction>,
    undone: Vec<Transaction>,
}

impl History {
    pub fn new() -> History {
        History::default()
    }

    /// Applies `edit` and records it; a new edit clears the redo stack. A refused edit changes
    /// nothing.
    pub fn apply(&mut self, schedule: &mut Schedule, edit: &Edit) -> Result<(), EditError> {
        self.apply_step(schedule, edit).map(|_| ())
    }

    /// Like [`History::apply`], returning the step for the edit log.
    pub fn apply_step(&mut self, schedule: &mut Schedule, edit: &Edit) -> Result<Step, EditError> {
        self.apply_moving(schedule, edit, &mut Runs::default())
    }

    /// Like [`History::apply_step`], taking spliced runs from copies `runs` made ahead and
    /// leaving what it lets go of (the redo stack, the oldest step) to `runs`.
    pub fn apply_moving(
        &mut self,
        schedule: &mut Schedule,
        edit: &Edit,
        runs: &mut Runs,
    ) -> Result<Step, EditError> {
        let tx = apply_moving(schedule, edit, runs)?;
        let events = events_of(&tx);
        if events > UNDO_EVENTS {
            tx.undo(schedule, runs);
            return Err(EditError::TooBigToUndo {
                events,
                limit: UNDO_EVENTS,
            });
        }
        self.push_done(tx.clone(), runs);
        Ok(Step::Do { tx })
    }

    /// Records `tx` as the last step done: the redo stack goes, and so do the oldest steps
    /// past [`UNDO_DEPTH`] or [`UNDO_EVENTS`] (a replayed log forgets the same ones).
    fn push_done(&mut self, tx: Transaction, runs: &mut Runs) {
        runs.let_go(std::mem::take(&mut self.undone));
        let mut events: usize = self.done.iter().map(events_of).sum::<usize>() + events_of(&tx);
        let mut forget = 0;
        while forget < self.done.len()
            && (self.done.len() - forget >= UNDO_DEPTH || events > UNDO_EVENTS)
        {
            events -= events_of(&self.done[forget]);
            forget += 1;
        }
        runs.let_go(self.done.drain(..forget).collect());
        self.done.push(tx);
    }

    /// Undoes the last edit; returns its label, or `None` when there is nothing to undo.
    pub fn undo(&mut self, schedule: &mut Schedule) -> Option<String> {
        self.undo_moving(schedule, &mut Runs::default())
    }

    /// Like [`History::undo`], with runs as [`History::apply_moving`] has them.
    pub fn undo_moving(&mut self, schedule: &mut Schedule, runs: &mut Runs) -> Option<String> {
        let tx = self.done.pop()?;
        tx.undo(schedule, runs);
        let label = tx.label.clone();
        self.undone.push(tx);
        Some(label)
    }

    /// Redoes the last undone edit; returns its label, or `None` when there is nothing to redo.
    pub fn redo(&mut self, schedule: &mut Schedule) -> Option<String> {
        self.redo_moving(schedule, &mut Runs::default())
    }

    /// Like [`History::redo`], with runs as [`History::apply_moving`] has them.
    pub fn redo_moving(&mut self, schedule: &mut Schedule, runs: &mut Runs) -> Option<String> {
        let tx = self.undone.pop()?;
        tx.redo(schedule, runs);
        let label = tx.label.clone();
        self.done.push(tx);
        Some(label)
    }

    /// Applies a logged step as it was applied when it was made; `false` when it does not fit
    /// (an undo with nothing to undo), which means the log does not belong to this state.
    pub fn replay(&mut self, schedule: &mut Schedule, step: &Step) -> bool {
        match step {
            Step::Do { tx } => {
                let mut runs = Runs::default();
                tx.redo(schedule, &mut runs);
                self.push_done(tx.clone(), &mut runs);
                true
            }
            Step::Undo => self.undo(schedule).is_some(),
            Step::Redo => self.redo(schedule).is_some(),
        }
    }

    /// The transaction applied (or redone) last.
    pub fn last_done(&self) -> Option<&Transaction> {
        self.done.last()
    }

    /// The transaction undone last.
    pub fn last_undone(&self) -> Option<&Transaction> {
        self.undone.last()
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.done.last().map(|t| t.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.undone.last().map(|t| t.label.as_str())
    }
}
