//! An open schedule: the schedule, its undo history and what the views ask of it (rows in a
//! range, diagnostics, a summary). Every change goes through here and comes back as a
//! [`Step`], the small record that storage appends to the edit log and a worker would send, so
//! an edit costs what it changes, never a copy of the schedule.

use std::ops::Range;

use crate::edit::{Edit, EditError, History, Step};
use crate::ids::IdCounts;
use crate::model::Schedule;
use crate::summary::ScheduleSummary;
use crate::timeline::{self, Strip};
use crate::validate::{Diagnostic, Severity, Validated};
use crate::view::{event_rows, worst_by_event, EventRow};

/// Why a stored log could not be replayed onto its schedule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("step {position} of the edit log does not fit the stored schedule")]
pub struct ReplayError {
    pub position: usize,
}

#[derive(Debug)]
pub struct Session {
    schedule: Schedule,
    history: History,
    validated: Validated,
}

impl Session {
    pub fn new(schedule: Schedule, history: History) -> Session {
        let validated = Validated::new(&schedule);
        Session {
            schedule,
            history,
            validated,
        }
    }

    /// Opens a stored schedule: the folded state, its history, and the log steps made since.
    pub fn replay(
        mut schedule: Schedule,
        mut history: History,
        steps: &[Step],
    ) -> Result<Session, ReplayError> {
        for (position, step) in steps.iter().enumerate() {
            if !history.replay(&mut schedule, step) {
                return Err(ReplayError { position });
            }
        }
        Ok(Session::new(schedule, history))
    }

    /// Checks again what the last step can have changed: the transaction just applied or
    /// redone, or the one just undone.
    fn revalidate(&mut self, step: &Step) {
        let (tx, undone) = match step {
            Step::Do { .. } | Step::Redo => (self.history.last_done(), false),
            Step::Undo => (self.history.last_undone(), true),
        };
        if let Some(tx) = tx {
            self.validated.update(&self.schedule, &tx.ops, undone);
        }
    }

    /// Applies `edit` as one undoable step and returns its log record. A refused edit changes
    /// nothing.
    pub fn apply(&mut self, edit: &Edit) -> Result<Step, EditError> {
        let step = self.history.apply_step(&mut self.schedule, edit)?;
        self.revalidate(&step);
        Ok(step)
    }

    /// Undoes the last step: its label and log record, or `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Option<(String, Step)> {
        let label = self.history.undo(&mut self.schedule)?;
        self.revalidate(&Step::Undo);
        Some((label, Step::Undo))
    }

    pub fn redo(&mut self) -> Option<(String, Step)> {
        let label = self.history.redo(&mut self.schedule)?;
        self.revalidate(&Step::Redo);
        Some((label, Step::Redo))
    }

    /// Applies a step another tab logged; `false` if it does not fit (then reopen from storage).
    pub fn follow(&mut self, step: &Step) -> bool {
        let fits = self.history.replay(&mut self.schedule, step);
        if fits {
            self.revalidate(step);
        }
        fits
    }

    pub fn schedule(&self) -> &Schedule {
        &self.schedule
    }

    pub fn history(&self) -> &History {
        &self.history
    }

    pub fn into_parts(self) -> (Schedule, History) {
        (self.schedule, self.history)
    }

    pub fn len(&self) -> usize {
        self.schedule.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.schedule.events.is_empty()
    }

    /// The event table's rows for positions `range` (clamped to the schedule), each with the
    /// worst severity among its diagnostics.
    pub fn rows(&self, range: Range<usize>) -> Vec<(EventRow, Option<Severity>)> {
        let end = range.end.min(self.len());
        let start = range.start.min(end);
        let worst = worst_by_event(self.diagnostics(), start..end);
        event_rows(&self.schedule, start..end)
            .into_iter()
            .zip(worst)
            .collect()
    }

    /// Every diagnostic, ordered by time.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        self.validated.diagnostics()
    }

    /// The diagnostics about events at positions in `range`.
    pub fn diagnostics_in(&self, range: Range<usize>) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics()
            .iter()
            .filter(move |d| d.index.is_some_and(|i| range.contains(&i)))
    }

    /// The ids the schedule's events use (for fresh ids without a scan).
    pub fn ids(&self) -> &IdCounts {
        self.validated.ids()
    }

    /// The timeline strip of broadcast day `day`.
    pub fn strip(&self, day: jiff::civil::Date) -> Option<Strip> {
        timeline::strip_of(
            &self.schedule,
            day,
            self.diagnostics(),
            self.validated.in_order(),
        )
    }

    pub fn summary(&self) -> ScheduleSummary {
        ScheduleSummary::with_diagnostics(&self.schedule, self.diagnostics())
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.history.undo_label()
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.history.redo_label()
    }
}

#[cfg(test)]
mod tests;
