//! What the desk is asked of the open schedule: views' asks answered, commands run (a big one
//! with the events it puts in copied ahead in slices), and a day copied onto other days.

use std::future::Future;

use jiff::civil::Date;
use scheduleflow_engine::command::{Command, Made, NotMade};
use scheduleflow_engine::edit::CopyDayWork;
use scheduleflow_engine::in_view::{Answer, Ask, RowWindow};
use scheduleflow_engine::session::Next;

use super::Desk;
use crate::platform::{mark_turn, tick, Slices};

/// How many events are copied ahead of a big step in one piece (a few milliseconds' worth).
const PREPARE_STEP: usize = 500;

/// How many ids are counted or copies made between two looks at the clock (a millisecond or
/// two in the browser).
const COPY_STEP: usize = 1_000;

/// What a change made says, and what it selects (its step gone to the saver).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Said {
    pub said: String,
    pub select: Option<Vec<usize>>,
}

impl Desk {
    /// Answers `ask` of the open schedule; with none open, the schedule being read answers for
    /// its first rows, and nothing else does.
    pub fn answer(&self, ask: &Ask) -> Answer {
        if let Some(answer) = self.with_session(|s| s.answer(ask)) {
            return answer;
        }
        match *ask {
            Ask::Rows { start, end } => Answer::Rows(
                self.with_first_rows(|first| RowWindow::unchecked(first, start..end))
                    .unwrap_or_default(),
            ),
            ref ask => ask.unanswered(),
        }
    }

    /// Runs `command` on the open schedule: its step is queued for storing, and the saver and
    /// the check start in a task of their own after it.
    pub fn run(&self, command: Command) -> Result<Said, NotMade> {
        let outcome = {
            let mut inner = self.inner.borrow_mut();
            let open = inner.open.as_mut().ok_or(NotMade::Nothing)?;
            let id = open.id.clone();
            let Made { said, step, select } = open.session.run(command)?;
            inner.pending.push((id, step));
            (said, select)
        };
        let (said, select) = outcome;
        self.changed();
        Ok(Said { said, select })
    }

    /// After a change: the saver and the check (a change of channel, or a change while a
    /// check ran, checks the whole again) start in a task after this one, which then has the
    /// change to itself.
    fn changed(&self) {
        if let Some(progress) = self.checking() {
            self.tell(super::Tell::Checking(Some(progress)));
        }
        let desk = self.clone();
        leptos::task::spawn_local(async move {
            tick().await;
            desk.save_soon();
            desk.check_soon();
        });
    }

    /// Whether `command` can run now: the events it puts back are copied ahead, or few
    /// enough to copy within it (one piece is copied here).
    pub fn ready(&self, command: &Command) -> bool {
        match next_of(command) {
            Some(next) => self.prepare_some(next),
            None => true,
        }
    }

    /// Runs `command` once the events it puts in are copied ahead, a slice at a time, in a
    /// task of its own; if the schedule changed meanwhile, nothing is done and the reason is
    /// given (`what` names the command in it).
    /// `asked_of` is the open schedule as it must still be (see `key`).
    pub fn run_when_ready(
        &self,
        command: Command,
        what: String,
        asked_of: Option<(String, u64)>,
    ) -> impl Future<Output = Result<Said, NotMade>> + 'static {
        let desk = self.clone();
        async move { desk.run_if_unchanged(command, &what, asked_of).await }
    }

    async fn run_if_unchanged(
        &self,
        command: Command,
        what: &str,
        asked_of: Option<(String, u64)>,
    ) -> Result<Said, NotMade> {
        if let Some(next) = next_of(&command) {
            let mut slices = Slices::new();
            while !self.prepare_some(next) {
                slices.pause().await;
            }
        }
        // The step in a task of its own, not after the last copies in theirs.
        tick().await;
        if self.key() != asked_of {
            return Err(changed_before_ready(what));
        }
        mark_turn();
        let span = crate::platform::timing::span(format!("scheduleflow: {what}"));
        let made = self.run(command);
        span.end();
        // Shown in a task after this one: the views it redraws, and the saver and checks it
        // wakes, then have a turn of the event loop to themselves.
        tick().await;
        made
    }

    /// Copies ahead one piece of what `next` puts into the open schedule; `true` once nothing
    /// is left to copy (or nothing is open).
    fn prepare_some(&self, next: Next<'_>) -> bool {
        self.inner
            .borrow_mut()
            .open
            .as_mut()
            .is_none_or(|o| o.session.prepare(next, PREPARE_STEP))
    }

    /// Copies broadcast day `from` of the open schedule onto the days `to`, replacing what
    /// they hold: the copies worked out a piece at a time, then taken as one undoable step in
    /// a task of its own. At 50,000 events the copy held the page for a few hundred
    /// milliseconds as one edit.
    /// The schedule is taken as it is when this is called, not when the future first runs.
    pub fn copy_day(
        &self,
        from: Date,
        to: Vec<Date>,
    ) -> impl Future<Output = Result<Said, NotMade>> + 'static {
        let (desk, asked_of) = (self.clone(), self.key());
        async move { desk.copy_day_of(from, to, asked_of).await }
    }

    async fn copy_day_of(
        &self,
        from: Date,
        to: Vec<Date>,
        asked_of: Option<(String, u64)>,
    ) -> Result<Said, NotMade> {
        let not_made =
            |e: &dyn std::fmt::Display| NotMade::Said(format!("The change was not made: {e}"));
        let work = self.with_session(|s| CopyDayWork::new(s.schedule(), from, to));
        let mut work = match work {
            None => return Err(NotMade::Nothing),
            Some(Err(e)) => return Err(not_made(&e)),
            Some(Ok(work)) => work,
        };
        let mut slices = Slices::new();
        let edit = loop {
            if self.key() != asked_of {
                return Err(changed_before_ready("copy"));
            }
            let worked = self
                .with_session(|s| work.work_some(s.schedule(), COPY_STEP))
                .ok_or(NotMade::Nothing)?;
            match worked {
                Err(e) => return Err(not_made(&e)),
                Ok(true) => break self.with_session(|s| work.edit(s.schedule())),
                Ok(false) => slices.pause().await,
            }
        };
        let edit = edit.ok_or(NotMade::Nothing)?;
        let label = edit.label();
        self.run_if_unchanged(Command::Edit { edit, label }, "copy", asked_of)
            .await
    }
}

/// What `command` puts back that may need copying ahead.
fn next_of(command: &Command) -> Option<Next<'_>> {
    match command {
        Command::Undo => Some(Next::Undo),
        Command::Redo => Some(Next::Redo),
        Command::Edit { edit, .. } => Some(Next::Edit(edit)),
        _ => None,
    }
}

/// Why `what` (an undo, a copy…) was not made: the schedule changed first.
fn changed_before_ready(what: &str) -> NotMade {
    NotMade::Said(format!(
        "The schedule changed before the {what} was ready; nothing was done."
    ))
}
