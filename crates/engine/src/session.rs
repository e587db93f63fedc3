//! An open schedule: the schedule, its undo history and what the views ask of it (rows in a
//! range, diagnostics, a summary). Every change goes through here and comes back as a
//! [`Step`], the small record that storage appends to the edit log and a worker would send, so
//! an edit costs what it changes, never a copy of the schedule.

use std::ops::Range;

use crate::edit::{Edit, EditError, History, Runs, Step};
use crate::ids::{IdCounts, Releasing};
use crate::model::Schedule;
use crate::summary::ScheduleSummary;
use crate::time::Frames;
use crate::timeline::{self, Strip};
use crate::validate::{Checking, Diagnostic, Severity, Validated};
use crate::view::{event_rows, worst_by_event, EventRow};

/// Why a stored log could not be replayed onto its schedule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("step {position} of the edit log does not fit the stored schedule")]
pub struct ReplayError {
    pub position: usize,
}

/// How many events a step may put in and take out and still have its diagnostics brought up
/// to date at once. A bigger step (a day copied onto a week of 50,000 events: 22 ms natively,
/// as long as checking the whole schedule) has the whole schedule checked again in steps, so
/// that the step itself stays short.
const BIG_STEP: usize = 10_000;

fn big(ops: &[crate::edit::Op]) -> bool {
    ops.iter()
        .map(crate::edit::Op::events_in_and_out)
        .sum::<usize>()
        > BIG_STEP
}

#[derive(Debug)]
pub struct Session {
    schedule: Schedule,
    history: History,
    check: Check,
    /// Whether whole checks run in steps (a session made by [`Session::opening`]).
    in_steps: bool,
    /// How many changes the schedule has taken since it was opened.
    changes: u64,
    /// What the session has let go of, still to be freed ([`Session::tidy`]), and the copies
    /// made ahead for its next step.
    leftovers: Leftovers,
}

/// A step about to be taken, whose events [`Session::prepare`] copies ahead.
#[derive(Debug, Clone, Copy)]
pub enum Next<'a> {
    Edit(&'a Edit),
    Undo,
    Redo,
}

/// What a session let go of (a replaced check's diagnostics and counted ids), freed a step at
/// a time: at a million events, freeing them at once held a page for a tenth of a second.
#[derive(Debug, Default)]
pub struct Leftovers {
    ids: Vec<Releasing>,
    diagnostics: Vec<std::vec::IntoIter<Diagnostic>>,
    /// Events steps took out and undo steps let go of (and, while the session is open, the
    /// copies made ahead for its next step).
    runs: Runs,
}

impl From<Validated> for Leftovers {
    /// A finished check whose result is no longer wanted, to free in steps.
    fn from(validated: Validated) -> Leftovers {
        let mut leftovers = Leftovers::default();
        leftovers.keep(Check::Done(validated));
        leftovers
    }
}

impl From<Vec<Diagnostic>> for Leftovers {
    /// Diagnostics no longer shown (a month's separation warnings, each fix holding events),
    /// to free in steps.
    fn from(diagnostics: Vec<Diagnostic>) -> Leftovers {
        Leftovers {
            diagnostics: vec![diagnostics.into_iter()],
            ..Leftovers::default()
        }
    }
}

impl Leftovers {
    fn keep(&mut self, check: Check) {
        let (diagnostics, ids) = match check {
            Check::Done(validated) => validated.into_parts(),
            Check::Running(checking) => checking.into_parts(),
        };
        self.ids.push(ids.release());
        self.diagnostics.push(diagnostics.into_iter());
    }

    /// Frees up to about `budget` more events, ids and diagnostics; `true` once nothing is
    /// left.
    pub fn free_some(&mut self, budget: usize) -> bool {
        if !self.runs.free_some(budget) {
            return false;
        }
        while let Some(ids) = self.ids.last_mut() {
            if !ids.release_some(budget) {
                return false;
            }
            self.ids.pop();
        }
        while let Some(diagnostics) = self.diagnostics.last_mut() {
            diagnostics.by_ref().take(budget).for_each(drop);
            if diagnostics.len() > 0 {
                return false;
            }
            self.diagnostics.pop();
        }
        true
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty() && self.diagnostics.is_empty() && self.runs.is_empty()
    }
}

/// Where the session's diagnostics stand.
#[derive(Debug)]
enum Check {
    Done(Validated),
    /// A whole check under way in steps ([`Session::check_some`]); until it ends the session
    /// reports no diagnostics and has no ids counted.
    Running(Box<Checking>),
}

impl Session {
    /// Opens `schedule` checked in one go (and so every check after a change).
    pub fn new(schedule: Schedule, history: History) -> Session {
        let validated = Validated::new(&schedule);
        Session {
            schedule,
            history,
            check: Check::Done(validated),
            in_steps: false,
            changes: 0,
            leftovers: Leftovers::default(),
        }
    }

    /// Opens `schedule` with its check still to run, a step at a time ([`Session::check_some`]),
    /// so that a caller who must not stall (a page) can show the rows at once.
    pub fn opening(schedule: Schedule, history: History) -> Session {
        let checking = Box::new(Checking::new(&schedule));
        Session {
            schedule,
            history,
            check: Check::Running(checking),
            in_steps: true,
            changes: 0,
            leftovers: Leftovers::default(),
        }
    }

    /// Runs up to `budget` events more of a check under way; `true` once the session is
    /// checked (at once if it was).
    pub fn check_some(&mut self, budget: usize) -> bool {
        if let Check::Running(checking) = &mut self.check {
            match checking.step(&self.schedule, budget) {
                Some(validated) => self.check = Check::Done(validated),
                None => return false,
            }
        }
        true
    }

    /// How far a check under way has come, in thousandths; `None` when the session is checked.
    pub fn checking(&self) -> Option<u32> {
        match &self.check {
            Check::Done(_) => None,
            Check::Running(checking) => Some(checking.permille(&self.schedule)),
        }
    }

    /// `Some(longest)` once checked, when the events are in time order and none is longer
    /// than `longest` (then a stretch of time is found by binary search).
    pub fn in_order(&self) -> Option<Frames> {
        self.validated()?.in_order()
    }

    fn validated(&self) -> Option<&Validated> {
        match &self.check {
            Check::Done(validated) => Some(validated),
            Check::Running(_) => None,
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
        self.changes += 1;
        let (tx, undone) = match step {
            Step::Do { .. } | Step::Redo => (self.history.last_done(), false),
            Step::Undo => (self.history.last_undone(), true),
        };
        let Some(tx) = tx else { return };
        // A change that needs the whole schedule checked again (a new channel, a list out of
        // time order) checks it, in steps if the session runs them; so does any change while
        // a check runs.
        let kept = match &mut self.check {
            Check::Done(_) if self.in_steps && big(&tx.ops) => false,
            Check::Done(validated) => validated.try_update(&self.schedule, &tx.ops, undone),
            Check::Running(_) => false,
        };
        if !kept {
            let fresh = if self.in_steps {
                Check::Running(Box::new(Checking::new(&self.schedule)))
            } else {
                Check::Done(Validated::new(&self.schedule))
            };
            let old = std::mem::replace(&mut self.check, fresh);
            if self.in_steps {
                self.leftovers.keep(old);
            }
        }
    }

    /// Applies `edit` as one undoable step and returns its log record. A refused edit changes
    /// nothing.
    pub fn apply(&mut self, edit: &Edit) -> Result<Step, EditError> {
        let step = self
            .history
            .apply_moving(&mut self.schedule, edit, &mut self.leftovers.runs);
        self.after_step();
        let step = step?;
        self.revalidate(&step);
        Ok(step)
    }

    /// Undoes the last step: its label and log record, or `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Option<(String, Step)> {
        let label = self
            .history
            .undo_moving(&mut self.schedule, &mut self.leftovers.runs);
        self.after_step();
        let label = label?;
        self.revalidate(&Step::Undo);
        Some((label, Step::Undo))
    }

    pub fn redo(&mut self) -> Option<(String, Step)> {
        let label = self
            .history
            .redo_moving(&mut self.schedule, &mut self.leftovers.runs);
        self.after_step();
        let label = label?;
        self.revalidate(&Step::Redo);
        Some((label, Step::Redo))
    }

    /// After a step: copies made ahead that it did not take are let go; a session checked in
    /// one go (no page to keep free) frees what the step took out at once.
    fn after_step(&mut self) {
        self.leftovers.runs.unready();
        if !self.in_steps {
            self.leftovers.runs.free_some(usize::MAX);
        }
    }

    /// Copies ahead up to `budget` more of the events `next` will put into the schedule, so
    /// that taking it moves them in instead of copying them all in one go (a month spliced in
    /// or undone); `true` once `next` has all it needs. What a step takes out is kept for
    /// [`Session::tidy`] to free.
    pub fn prepare(&mut self, next: Next<'_>, budget: usize) -> bool {
        let run = match next {
            Next::Edit(edit) => crate::edit::edit_run(edit),
            Next::Undo => self
                .history
                .last_done()
                .and_then(|tx| crate::edit::transaction_run(tx, true)),
            Next::Redo => self
                .history
                .last_undone()
                .and_then(|tx| crate::edit::transaction_run(tx, false)),
        };
        run.is_none_or(|run| self.leftovers.runs.copy_some(run, budget))
    }

    /// Applies a step another tab logged; `false` if it does not fit (then reopen from storage).
    pub fn follow(&mut self, step: &Step) -> bool {
        let fits = self.history.replay(&mut self.schedule, step);
        if fits {
            self.revalidate(step);
        }
        fits
    }

    /// How many changes (edits, undos, redos, steps followed) the schedule has taken since it
    /// was opened: work done on it in slices knows from this whether it changed meanwhile.
    pub fn changes(&self) -> u64 {
        self.changes
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

    /// Closes the session: the schedule, its history, and what is left to free in steps (the
    /// check, and any the session let go of).
    pub fn close(mut self) -> (Schedule, History, Leftovers) {
        self.leftovers.keep(self.check);
        self.leftovers.runs.unready();
        (self.schedule, self.history, self.leftovers)
    }

    /// Frees up to about `budget` more of what the session let go of (checks, the events steps
    /// took out, undo steps dropped); `true` once none is left.
    pub fn tidy(&mut self, budget: usize) -> bool {
        self.leftovers.free_some(budget)
    }

    /// Whether nothing the session let go of is left to free.
    pub fn is_tidy(&self) -> bool {
        self.leftovers.is_empty()
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

    /// Every diagnostic, ordered by time (none while a check runs).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        self.validated().map_or(&[], Validated::diagnostics)
    }

    /// The diagnostics about events at positions in `range`.
    pub fn diagnostics_in(&self, range: Range<usize>) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics()
            .iter()
            .filter(move |d| d.index.is_some_and(|i| range.contains(&i)))
    }

    /// The ids the schedule's events use (for fresh ids without a scan); `None` while a check
    /// runs.
    pub fn ids(&self) -> Option<&IdCounts> {
        self.validated().map(Validated::ids)
    }

    /// The timeline strip of broadcast day `day`; `None` while a check runs (its marks are the
    /// check's, and finding a day's events quickly needs to know the list is in order).
    pub fn strip(&self, day: jiff::civil::Date) -> Option<Strip> {
        let validated = self.validated()?;
        timeline::strip_of(
            &self.schedule,
            day,
            validated.diagnostics(),
            validated.in_order(),
        )
    }

    /// The library row's summary; `None` while a check runs (its health is not known yet).
    pub fn summary(&self) -> Option<ScheduleSummary> {
        self.validated()
            .map(|v| ScheduleSummary::with_diagnostics(&self.schedule, v.diagnostics()))
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.history.undo_label()
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.history.redo_label()
    }
}

#[cfg(test)]
impl Session {
    fn runs_ready(&self) -> &[crate::model::Event] {
        self.leftovers.runs.ready()
    }
}

#[cfg(test)]
mod tests;
