//! Undo and redo stacks of transactions.

use super::{apply, Edit, EditError, Transaction};
use crate::model::Schedule;

/// The undo and redo stacks for one schedule.
#[derive(Debug, Clone, Default)]
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
        let tx = apply(schedule, edit)?;
        self.done.push(tx);
        self.undone.clear();
        Ok(())
    }

    /// Undoes the last edit; returns its label, or `None` when there is nothing to undo.
    pub fn undo(&mut self, schedule: &mut Schedule) -> Option<String> {
        let tx = self.done.pop()?;
        tx.undo(schedule);
        let label = tx.label.clone();
        self.undone.push(tx);
        Some(label)
    }

    /// Redoes the last undone edit; returns its label, or `None` when there is nothing to redo.
    pub fn redo(&mut self, schedule: &mut Schedule) -> Option<String> {
        let tx = self.undone.pop()?;
        tx.redo(schedule);
        let label = tx.label.clone();
        self.done.push(tx);
        Some(label)
    }

    pub fn can_undo(&self) -> bool {
        !self.done.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.done.last().map(|t| t.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.undone.last().map(|t| t.label.as_str())
    }
}
