//! The open schedule, on the page: opened, checked, sent commands (`run`), closed, and its
//! steps saved. Components reach it only by commands and by the asks of `seen`, never as a
//! whole in a signal, so it can move into a worker without touching them. While open, the
//! schedule and its history live in the engine's `Session`, moved out of the library and back
//! when it closes; every change is a `Step`, appended to the stored edit log one save at a time
//! behind the page.

use leptos::prelude::*;
use leptos::task::spawn_local;
use scheduleflow_engine::command::{Command, Made, NotMade};
use scheduleflow_engine::edit::{Edit, History, Step};
use scheduleflow_engine::model::{Library, Schedule};
use scheduleflow_engine::session::{Leftovers, Next, Session};
use scheduleflow_engine::summary::{Health, ScheduleSummary};
use scheduleflow_engine::validate::Fix;

use super::ports::Read;
use super::{AppState, Selection, Unsaved};
use crate::import::{Outcome, Report};
use crate::platform::storage::StorageError;
use crate::platform::{mark_turn, tick, Slices};
use crate::shelf::Shelved;

/// The log is folded into the schedule's record after this many steps, so that opening reads
/// a short log.
const FOLD_AFTER: u32 = 50;

/// How many events a check looks at between two looks at the clock (a few hundred
/// microseconds' work in the browser), so that its slices end close to their time.
pub(super) const CHECK_STEP: usize = 2_000;

/// How many counted ids or diagnostics are freed between two looks at the clock (a
/// diagnostic's fix may hold events: 20,000 of a dense month's warnings took 19 ms).
pub(super) const FREE_STEP: usize = 2_000;

/// How many events are copied ahead of a big step in one piece (a few milliseconds' worth).
const PREPARE_STEP: usize = 500;

/// The schedule open in the schedule view.
#[derive(Debug)]
pub struct Open {
    pub id: String,
    pub session: Session,
}

impl AppState {
    /// Opens schedule `id` in the schedule view: its events are read from storage (unless
    /// the page still keeps them, its changes not all stored), then shown at once and checked
    /// in slices.
    pub fn open(self, id: String) {
        self.close();
        self.playlist_open.set(None);
        let Some(name) = self
            .library
            .with_untracked(|l| l.schedule(&id).map(|s| s.head.name.clone()))
        else {
            return;
        };
        self.selected.set(Some(id.clone()));
        if let Some((schedule, history)) = self.kept.try_update_value(|k| k.remove(&id)).flatten() {
            self.open_loaded(id, schedule, history);
            return;
        }
        self.opening.set(Some(id.clone()));
        self.reading.set(0);
        spawn_local(async move {
            let still_opening = || self.opening.get_untracked().as_deref() == Some(id.as_str());
            let progress = |read| {
                if still_opening() {
                    self.reading.set(read);
                }
            };
            let first = |first| {
                if still_opening() {
                    self.set_first_rows(Some(first));
                }
            };
            let read = self
                .store()
                .open_schedule(
                    &id,
                    Read {
                        progress: &progress,
                        first: &first,
                    },
                )
                .await;
            // Closed, or another opened, meanwhile: what was read is let go.
            if !still_opening() {
                if let Ok(Some(opened)) = read {
                    self.free_events_soon(opened.schedule.events);
                }
                return;
            }
            self.opening.set(None);
            self.set_first_rows(None);
            match read {
                Ok(Some(opened)) => {
                    self.revisions.update_value(|r| {
                        r.insert(id.clone(), opened.revision);
                    });
                    for problem in opened.problems {
                        self.reports.update(|r| {
                            r.insert(
                                0,
                                Report {
                                    file: name.clone(),
                                    outcome: Outcome::failed(problem),
                                },
                            )
                        });
                    }
                    self.open_loaded(id, opened.schedule, opened.history);
                }
                Ok(None) => {
                    self.selected.set(None);
                    self.notice
                        .set(Some(format!("“{name}” is no longer stored.")));
                }
                Err(e) => {
                    self.selected.set(None);
                    self.notice
                        .set(Some(format!("“{name}” could not be opened: {e}")));
                }
            }
        });
    }

    /// Opens `schedule` (with `history`) in the schedule view, taking it off the shelf: its
    /// rows show at once and its check runs in slices.
    pub(super) fn open_loaded(self, id: String, schedule: Schedule, history: History) {
        self.library.update(|l| {
            l.take(&id);
        });
        self.open.set_value(Some(Open {
            id: id.clone(),
            session: Session::opening(schedule, history),
        }));
        self.session_moved();
        // Set once: each set rebuilds the schedule view (its scroll and focus with it), and
        // the view already shows this schedule while it was read.
        if self
            .selected
            .with_untracked(|s| s.as_deref() != Some(id.as_str()))
        {
            self.selected.set(Some(id));
        }
        self.check_soon();
    }

    /// Runs the open session's check, if one is under way, in slices that leave the page free
    /// between them (a million events take about a second), then frees what the session let
    /// go of the same way; the rows show meanwhile, and `checking` says how far it has come.
    pub(super) fn check_soon(self) {
        let (progress, busy) = self.open.with_value(|o| {
            o.as_ref().map_or((None, false), |o| {
                let progress = o.session.checking();
                (progress, progress.is_some() || !o.session.is_tidy())
            })
        });
        if !busy || self.check_runs.get_value() {
            return;
        }
        self.check_runs.set_value(true);
        // Said at once: until the first slice runs, no diagnostics must not read as none.
        self.checking.set(progress);
        spawn_local(async move {
            let mut slices = Slices::new();
            loop {
                let step = self
                    .open
                    .try_update_value(|o| {
                        let session = &mut o.as_mut()?.session;
                        let was_checking = session.checking().is_some();
                        let checked = session.check_some(CHECK_STEP);
                        let tidy = checked && session.tidy(FREE_STEP);
                        Some((session.checking(), was_checking && checked, tidy))
                    })
                    .flatten();
                // Closed meanwhile: closing handed over what was left to free.
                let (left, finished, tidy) = step.unwrap_or((None, false, true));
                if self.checking.get_untracked() != left {
                    self.checking.set(left);
                }
                if finished {
                    self.session_moved();
                }
                if tidy {
                    break;
                }
                slices.pause().await;
            }
            self.check_runs.set_value(false);
        });
    }

    /// Lets the open session go without giving it back to the library (its schedule is gone
    /// from storage), freeing its events and checks in slices.
    pub(super) fn discard_open(self) {
        let Some(open) = self.open.try_update_value(Option::take).flatten() else {
            return;
        };
        let (schedule, _, leftovers) = open.session.close();
        self.free_soon(leftovers);
        spawn_local(async move {
            let mut slices = Slices::new();
            let mut events = schedule.events.into_iter();
            while events.len() > 0 {
                events.by_ref().take(FREE_STEP).for_each(drop);
                slices.pause().await;
            }
        });
    }

    /// Frees what a closed session left, in slices.
    pub(super) fn free_soon(self, mut leftovers: Leftovers) {
        if leftovers.is_empty() {
            return;
        }
        spawn_local(async move {
            // Nothing waits for it: it starts only in a turn with time left.
            let mut slices = Slices::new();
            loop {
                slices.pause().await;
                if leftovers.free_some(FREE_STEP) {
                    break;
                }
            }
        });
    }

    /// Closes the open schedule, putting it back on the shelf: its head with the row its
    /// session knows. Its events are freed, unless some of its changes are not stored yet
    /// (then the page keeps it whole until they are).
    pub fn close(self) {
        self.opening.set(None);
        self.set_first_rows(None);
        if let Some(open) = self.open.try_update_value(Option::take).flatten() {
            // The session knows its diagnostics: the library's row needs no validation.
            let row = open
                .session
                .summary()
                .unwrap_or_else(|| ScheduleSummary::unchecked(open.session.schedule()));
            let (schedule, history, leftovers) = open.session.close();
            self.free_soon(leftovers);
            let head = scheduleflow_engine::pieces::head(&schedule);
            if self.keeps(&open.id) {
                self.kept.update_value(|k| {
                    k.insert(open.id.clone(), (schedule, history));
                });
            } else {
                // Stored as it is: its row is kept with it, for the next load.
                self.keep_row(open.id.clone(), row.clone());
                self.free_events_soon(schedule.events);
            }
            self.library.update(|l| {
                l.schedules.push(Shelved { head, row });
                l.sort();
            });
            self.session_moved();
        }
        self.selected.set(None);
    }

    /// Whether closed schedule `id` must stay whole on the page: a save is under way (its
    /// changes may be among it, and a fold writes the state saved), or it has changes that
    /// storage refused (they are offered as a download).
    fn keeps(self, id: &str) -> bool {
        self.saving.get_untracked()
            || self.pending.with_value(|p| p.iter().any(|(i, _)| i == id))
            || self.unstored.with_value(|u| u.contains(id))
    }

    /// Lets go of the closed schedules kept whole while they were being saved, once the saver
    /// is idle; those with changes storage refused stay.
    fn release_kept(self) {
        let released: Vec<(Schedule, History)> = self
            .kept
            .try_update_value(|k| {
                let gone: Vec<String> = k
                    .keys()
                    .filter(|id| !self.unstored.with_value(|u| u.contains(*id)))
                    .cloned()
                    .collect();
                gone.iter().filter_map(|id| k.remove(id)).collect()
            })
            .unwrap_or_default();
        for (schedule, _) in released {
            self.free_events_soon(schedule.events);
        }
    }

    /// Reads the open session; tracked, so memos that call this follow every change.
    pub(super) fn with_session<T>(self, f: impl FnOnce(&Session) -> T) -> Option<T> {
        self.session_changed.track();
        self.with_session_untracked(f)
    }

    pub(super) fn with_session_untracked<T>(self, f: impl FnOnce(&Session) -> T) -> Option<T> {
        self.open.with_value(|o| o.as_ref().map(|o| f(&o.session)))
    }

    /// The open schedule's summary; `None` while it is being checked.
    #[cfg(test)]
    pub fn open_summary(self) -> Option<ScheduleSummary> {
        self.with_session(Session::summary).flatten()
    }

    /// Applies `edit` to the open schedule as one undoable step; the status line says what it
    /// did or why it was refused. Returns whether it applied.
    #[cfg(test)]
    pub fn edit(self, edit: &Edit) -> bool {
        let label = edit.label();
        self.run(Command::Edit {
            edit: edit.clone(),
            label,
        })
        .is_ok()
    }

    /// Applies a validation fix; the status line says what it did.
    pub fn apply_fix(self, fix: &Fix) {
        let _ = self.run(Command::Edit {
            edit: fix.edit.clone(),
            label: fix.label.clone(),
        });
    }

    /// Undoes the last step; one that puts many events back (a month of rules undone) has
    /// them copied first, between frames, and is taken and shown in tasks of their own.
    pub fn undo(self) {
        self.when_prepared(Next::Undo, Command::Undo);
    }

    /// Redoes the last undone step, its events copied first as for [`Self::undo`].
    pub fn redo(self) {
        self.when_prepared(Next::Redo, Command::Redo);
    }

    /// Runs `command` at once if `next` needs nothing copied ahead (or little); else copies
    /// in slices, then runs it in a task and shows it in the next (as
    /// [`Self::edit_then_show`]).
    fn when_prepared(self, next: Next<'static>, command: Command) {
        if self.prepare_some(next) {
            let _ = self.run(command);
            return;
        }
        let asked_of = self.open_key();
        spawn_local(async move {
            self.prepare(next).await;
            tick().await;
            let what = match next {
                Next::Undo => "undo",
                Next::Redo => "redo",
                Next::Edit(_) => "edit",
            };
            if self.open_key() != asked_of {
                return self.changed_before_ready(what);
            }
            mark_turn();
            let span = crate::platform::timing::span(format!("scheduleflow: {what}"));
            let made = self.run_unseen(command);
            span.end();
            if let Ok(made) = made {
                tick().await;
                self.show_change(made);
            }
        });
    }

    /// Which schedule is open and how many changes it has taken: work done for it in slices
    /// compares this before and after, since a schedule changed, closed or opened afresh
    /// meanwhile no longer takes the step asked for.
    pub(super) fn open_key(self) -> Option<(String, u64)> {
        self.open
            .with_value(|o| o.as_ref().map(|o| (o.id.clone(), o.session.changes())))
    }

    /// Says that `what` (an undo, a copy…) was dropped because the schedule changed first.
    pub(super) fn changed_before_ready(self, what: &str) {
        self.notice.set(Some(format!(
            "The schedule changed before the {what} was ready; nothing was done."
        )));
    }

    /// Copies ahead, a slice at a time, the events `next` will put into the open schedule.
    pub(super) async fn prepare(self, next: Next<'_>) {
        let mut slices = Slices::new();
        while !self.prepare_some(next) {
            slices.pause().await;
        }
    }

    /// One piece of [`Self::prepare`]; `true` once nothing is left to copy (or nothing is open).
    fn prepare_some(self, next: Next<'_>) -> bool {
        self.open
            .try_update_value(|o| {
                o.as_mut()
                    .is_none_or(|o| o.session.prepare(next, PREPARE_STEP))
            })
            .unwrap_or(true)
    }

    /// Applies a big edit (a month of events replaced) in a task of its own, and shows it in
    /// the next: the views it redraws, and the saver and checks it wakes, then have a turn
    /// of the event loop to themselves.
    pub async fn edit_then_show(self, edit: Edit) -> bool {
        mark_turn();
        let label = edit.label();
        let span = crate::platform::timing::span(format!("scheduleflow: {label}"));
        let made = self.run_unseen(Command::Edit { edit, label });
        span.end();
        let Ok(made) = made else { return false };
        tick().await;
        self.show_change(made);
        true
    }

    /// Runs `command` on the open schedule: a change is shown and queued for saving, and
    /// selects what it asks; otherwise the status line says why, if there is a why.
    pub(super) fn run(self, command: Command) -> Result<(), NotMade> {
        self.run_unseen(command).map(|made| self.show_change(made))
    }

    /// Runs `command` on the session and queues its step for saving, telling the page
    /// nothing yet of a change (see [`Self::show_change`]); when nothing changed, the status
    /// line says why (if there is a why).
    fn run_unseen(self, command: Command) -> Result<Said, NotMade> {
        let outcome = self
            .open
            .try_update_value(|o| o.as_mut().map(|o| (o.id.clone(), o.session.run(command))))
            .flatten();
        match outcome {
            Some((id, Ok(Made { said, step, select }))) => {
                self.pending.update_value(|p| p.push((id, step)));
                Ok(Said { said, select })
            }
            Some((_, Err(not))) => {
                if let NotMade::Said(why) = &not {
                    self.notice.set(Some(why.clone()));
                }
                Err(not)
            }
            None => Err(NotMade::Nothing),
        }
    }

    /// Tells the page of a change made: the views follow it, its selection is set, the saver
    /// and the check start.
    fn show_change(self, made: Said) {
        if let Some(select) = made.select {
            self.selection.set(Selection::of(select));
        }
        self.session_moved();
        self.notice.set(Some(made.said));
        self.save_soon();
        // A change of channel, or a change while a check ran, checks the whole again.
        self.check_soon();
    }

    /// Starts the saver if it is idle.
    fn save_soon(self) {
        if !self.saving.get_untracked() {
            self.saving.set(true);
            spawn_local(self.save_all());
        }
    }

    /// Appends queued steps to the edit log, a schedule's run of steps per transaction, and
    /// folds a long log into the schedule's record when nothing else is queued for it.
    async fn save_all(self) {
        loop {
            let batch = self
                .pending
                .try_update_value(|p| {
                    let id = p.first()?.0.clone();
                    let run = p.iter().take_while(|(i, _)| *i == id).count();
                    let steps: Vec<Step> = p.drain(..run).map(|(_, s)| s).collect();
                    Some((id, steps))
                })
                .flatten();
            let Some((id, steps)) = batch else { break };
            let name = self.schedule_name(&id);
            if self.unstored.with_value(|u| u.contains(&id)) {
                // Steps before these were not stored: appended, these would land on a state
                // the log never had. The banner's download follows the page instead.
                self.offer_unsaved(&id, name, None);
                continue;
            }
            let read = self.revision(&id);
            let saved = self.store().append(&id, &name, read, &steps).await;
            match saved {
                Ok(revision) => {
                    self.saved(&id, revision);
                    let quiet = self.pending.with_value(|p| p.iter().all(|(i, _)| *i != id));
                    if quiet && revision % FOLD_AFTER < steps.len() as u32 {
                        self.fold(&id, revision).await;
                    }
                }
                Err(StorageError::Conflict(name)) => {
                    self.pending.update_value(|p| p.retain(|(i, _)| *i != id));
                    self.notice.set(Some(format!(
                        "“{name}” was changed in another tab, so your change was not saved; \
                         it now shows the other tab's version."
                    )));
                    self.reload_after_save.set_value(true);
                }
                Err(e) => {
                    self.pending.update_value(|p| p.retain(|(i, _)| *i != id));
                    let why = match e {
                        StorageError::Full => "the browser's storage is full".to_owned(),
                        e => e.to_string(),
                    };
                    self.notice.set(Some(format!(
                        "“{name}” could not be saved: {why}. Its changes stay on this page \
                         until it is reloaded; download them from the banner."
                    )));
                    self.unstored.update_value(|u| {
                        u.insert(id.clone());
                    });
                    self.offer_unsaved(&id, name, Some(why));
                }
            }
        }
        self.saving.set(false);
        self.release_kept();
        if self.reload_after_save.try_update_value(std::mem::take) == Some(true) {
            self.reload();
        }
    }

    /// Offers schedule `id` as it is on the page, with changes storage refused, as the
    /// banner's download.
    /// `why` is the refusal's reason, or `None` to keep the one the banner gives.
    fn offer_unsaved(self, id: &str, name: String, why: Option<String>) {
        let Some(schedule) = self.schedule_copy(id) else {
            return;
        };
        let why = why
            .map(|why| capitalised(&why))
            .or_else(|| {
                self.unsaved
                    .with_untracked(|u| u.as_ref().map(|u| u.why.clone()))
            })
            .unwrap_or_else(|| "It could not be stored".into());
        self.unsaved.set(Some(Unsaved {
            what: name,
            why,
            library: Library {
                schedules: vec![schedule],
                playlists: Vec::new(),
            },
        }));
    }

    /// Writes schedule `id` as it is now (at `revision`) into its record and drops its log.
    async fn fold(self, id: &str, revision: u32) {
        let store = self.store();
        // The row, where the page knows it for this very state: the open session's once its
        // check has run, or a closed schedule's as it was closed.
        let row = self
            .open
            .with_value(|o| {
                o.as_ref()
                    .filter(|o| o.id == id)
                    .map(|o| o.session.summary())
            })
            .unwrap_or_else(|| {
                self.library.with_untracked(|l| {
                    l.schedule(id)
                        .map(|s| s.row.clone())
                        .filter(|r| r.health != Health::Checking)
                })
            });
        // Taken now, before any await, so it is exactly the state at `revision`.
        let fold = self.with_schedule(id, |schedule, history| {
            store.fold(id, schedule, history, row.as_ref(), revision)
        });
        let Some(fold) = fold else { return };
        if let Err(e) = fold.await {
            // The log still holds every edit; the next fold tries again.
            web_sys::console::info_1(&format!("fold deferred: {e}").into());
        }
    }

    /// Runs `f` on schedule `id` and its history if the page holds them whole: in the session
    /// if it is open, or kept while its changes are being stored. `None` for a schedule whose
    /// events are only in storage.
    pub(super) fn with_schedule<T>(
        self,
        id: &str,
        f: impl FnOnce(&Schedule, &History) -> T,
    ) -> Option<T> {
        let is_open = self
            .open
            .with_value(|o| o.as_ref().is_some_and(|o| o.id == id));
        if is_open {
            self.open.with_value(|o| {
                o.as_ref()
                    .map(|o| f(o.session.schedule(), o.session.history()))
            })
        } else {
            self.kept
                .with_value(|k| k.get(id).map(|(schedule, history)| f(schedule, history)))
        }
    }

    /// Schedule `id` whole, wherever it is: a copy of the open or kept one, else read from
    /// storage (its logged edits replayed).
    pub(super) async fn read_schedule(self, id: &str) -> Result<Option<Schedule>, String> {
        if let Some(schedule) = self.schedule_copy(id) {
            return Ok(Some(schedule));
        }
        match self.store().open_schedule(id, super::ports::UNSEEN).await {
            Ok(opened) => Ok(opened.map(|o| o.schedule)),
            Err(e) => Err(e.to_string()),
        }
    }

    pub(super) fn schedule_name(self, id: &str) -> String {
        self.with_schedule(id, |s, _| s.name.clone())
            .or_else(|| {
                self.library
                    .with_untracked(|l| l.schedule(id).map(|s| s.head.name.clone()))
            })
            .unwrap_or_else(|| id.to_owned())
    }

    /// A copy of schedule `id` as the page holds it (open, or kept while being stored), for
    /// the rare paths that must hand it elsewhere whole (storage full: offered as a download).
    fn schedule_copy(self, id: &str) -> Option<Schedule> {
        self.with_schedule(id, |s, _| s.clone())
    }
}

/// What a change made says, and what it selects (its step gone to the saver).
struct Said {
    said: String,
    select: Option<Vec<usize>>,
}

/// `text` with its first letter in capitals: a reason in a sentence of its own.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
