//! The open schedule, as the page sees it: opened and closed on the desk (`crate::desk`, where
//! the session, its check and its saving live), sent commands (`run`), and what the desk tells
//! kept in signals. Components reach it only by commands and by the asks of `seen`.

use leptos::prelude::*;
use leptos::task::spawn_local;
use scheduleflow_engine::command::{Command, NotMade};
use scheduleflow_engine::model::{Library, Schedule};
use scheduleflow_engine::validate::Fix;

use super::{AppState, Selection, Unsaved};
use crate::desk::{Closed, Opening, Port, Reply, Request, Said, Tell};
use crate::import::{Outcome, Report};
use crate::shelf::Shelved;

impl AppState {
    /// The page's way to the desk.
    pub(super) fn port(self) -> Port {
        self.desk.with_value(Clone::clone)
    }

    /// The desk, where it is on the page (the tests look at its session).
    #[cfg(test)]
    pub(super) fn desk(self) -> Option<crate::desk::Desk> {
        self.desk.with_value(Port::here)
    }

    /// Sends `request` to the desk, not waiting for its reply.
    pub(super) fn tell_desk(self, request: Request) {
        self.port().send(request, drop);
    }

    /// Opens schedule `id` in the schedule view: its events are read from storage (unless
    /// the desk still keeps them, its changes not all stored), then shown at once and checked
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
        self.open_as(Request::Open { id: id.clone() }, id, name);
    }

    /// Opens schedule `id` (`name`), just made and stored on the desk.
    pub(super) fn open_made(self, id: String, name: String) {
        self.close();
        self.playlist_open.set(None);
        self.open_as(Request::OpenMade { id: id.clone() }, id, name);
    }

    /// Asks the desk to open schedule `id` by `request`, showing it once it is open.
    fn open_as(self, request: Request, id: String, name: String) {
        self.selected.set(Some(id.clone()));
        self.opening.set(Some(id.clone()));
        self.reading.set(0);
        spawn_local(async move {
            let Reply::Opening(opening) = self.port().ask(request).await else {
                return;
            };
            if opening == Opening::Superseded {
                return;
            }
            self.opening.set(None);
            self.first_rows.set(None);
            match opening {
                Opening::Opened { problems } => {
                    for problem in problems {
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
                    self.shown_open(id);
                }
                Opening::NotStored => {
                    self.selected.set(None);
                    self.notice
                        .set(Some(format!("“{name}” is no longer stored.")));
                }
                Opening::Failed(e) => {
                    self.selected.set(None);
                    self.notice
                        .set(Some(format!("“{name}” could not be opened: {e}")));
                }
                Opening::Superseded => {}
            }
        });
    }

    /// Opens `schedule` (with `history`) on the desk as it is, not read from storage, and
    /// shows it: what an open does once the schedule is read, with its check still to run.
    #[cfg(test)]
    pub(super) fn open_loaded(
        self,
        id: String,
        schedule: Schedule,
        history: scheduleflow_engine::edit::History,
    ) {
        if let Some(desk) = self.desk() {
            desk.open_given(id.clone(), schedule, history);
        }
        self.shown_open(id);
    }

    /// Shows schedule `id`, now open on the desk, taking it off the shelf.
    fn shown_open(self, id: String) {
        self.library.update(|l| {
            l.take(&id);
        });
        self.session_moved();
        // Set once: each set rebuilds the schedule view (its scroll and focus with it), and
        // the view already shows this schedule while it was read.
        if self
            .selected
            .with_untracked(|s| s.as_deref() != Some(id.as_str()))
        {
            self.selected.set(Some(id));
        }
    }

    /// Keeps what the desk tells in the page's signals.
    pub(super) fn told(self, tell: Tell) {
        match tell {
            Tell::Reading(read) => self.reading.set(read),
            Tell::FirstRows { events, days } => self.set_first_rows(Some((events, days))),
            Tell::Checking(progress) => {
                if self.checking.get_untracked() != progress {
                    self.checking.set(progress);
                }
            }
            Tell::Moved => self.session_moved(),
            Tell::Saving(saving) => {
                self.saving.set(saving);
                if !saving && self.reload_after_save.try_update_value(std::mem::take) == Some(true)
                {
                    self.reload();
                }
            }
            Tell::Saved { id, revision } => self.saved(&id, revision),
            Tell::Notice(notice) => self.notice.set(Some(notice)),
            Tell::Conflict => self.reload_after_save.set_value(true),
            Tell::Unstored {
                name,
                why,
                schedule,
            } => self.offer_unsaved(name, why, *schedule),
        }
    }

    /// Closes the open schedule, putting it back on the shelf: its head with the row its
    /// session knows.
    pub fn close(self) {
        self.opening.set(None);
        self.set_first_rows(None);
        self.port().send(Request::Close, move |reply| {
            let Reply::Closed(Some(closed)) = reply else {
                return;
            };
            let Closed {
                id,
                head,
                row,
                kept,
            } = *closed;
            if !kept {
                // Stored as it is: its row is kept with it, for the next load.
                self.keep_row(id, row.clone());
            }
            self.library.update(|l| {
                l.schedules.push(Shelved { head, row });
                l.sort();
            });
            self.session_moved();
        });
        self.selected.set(None);
    }

    /// Reads the open session where the desk is on the page; tracked.
    #[cfg(test)]
    pub(super) fn with_session<T>(
        self,
        f: impl FnOnce(&scheduleflow_engine::session::Session) -> T,
    ) -> Option<T> {
        self.session_changed.track();
        self.desk()?.with_session(f)
    }

    /// The open schedule's summary; `None` while it is being checked.
    #[cfg(test)]
    pub fn open_summary(self) -> Option<scheduleflow_engine::summary::ScheduleSummary> {
        self.with_session(scheduleflow_engine::session::Session::summary)
            .flatten()
    }

    /// Applies `edit` to the open schedule as one undoable step; the status line says what it
    /// did or why it was refused. Returns whether it applied.
    #[cfg(test)]
    pub fn edit(self, edit: &scheduleflow_engine::edit::Edit) -> bool {
        let label = edit.label();
        let made = std::rc::Rc::new(std::cell::Cell::new(false));
        let answered = made.clone();
        self.run_then(
            Command::Edit {
                edit: edit.clone(),
                label,
            },
            move |r| answered.set(r.is_ok()),
        );
        made.get()
    }

    /// Applies a validation fix; the status line says what it did.
    pub fn apply_fix(self, fix: &Fix) {
        let command = Command::Edit {
            edit: fix.edit.clone(),
            label: fix.label.clone(),
        };
        self.in_turn(move || self.run(command));
    }

    /// Undoes the last step; one that puts many events back (a month of rules undone) has
    /// them copied first, between frames, and is taken and shown in tasks of their own.
    pub fn undo(self) {
        self.in_turn(move || self.when_ready(Command::Undo, "undo"));
    }

    /// Redoes the last undone step, its events copied first as for [`Self::undo`].
    pub fn redo(self) {
        self.in_turn(move || self.when_ready(Command::Redo, "redo"));
    }

    /// Runs `command` at once if it needs nothing copied ahead (or little); else the desk
    /// copies in slices and runs it in a task of its own, and it is shown in the next. A
    /// change made meanwhile drops it.
    fn when_ready(self, command: Command, what: &str) {
        let request = Request::RunWhenReady {
            command,
            what: what.to_owned(),
            at: None,
        };
        self.send_in_turn(request, move |reply| {
            let _ = self.shown(reply);
        });
    }

    /// Shows what a command made (or says why nothing was).
    pub(super) fn shown(self, reply: Reply) -> Result<(), NotMade> {
        let Reply::Made(made) = reply else {
            return Err(NotMade::Nothing);
        };
        self.said(made).map(|said| self.show_change(said))
    }

    /// Runs `command` on the open schedule: a change is shown and queued for saving, and
    /// selects what it asks; otherwise the status line says why, if there is a why.
    pub(super) fn run(self, command: Command) {
        self.run_then(command, drop);
    }

    /// Runs `command` as [`Self::run`] does; `then` hears whether it made a change.
    pub(super) fn run_then(
        self,
        command: Command,
        then: impl FnOnce(Result<(), NotMade>) + 'static,
    ) {
        self.send_in_turn(Request::Run(command), move |reply| then(self.shown(reply)));
    }

    /// Says why nothing was made, if there is a why.
    fn said(self, made: Result<Said, NotMade>) -> Result<Said, NotMade> {
        if let Err(NotMade::Said(why)) = &made {
            self.notice.set(Some(why.clone()));
        }
        made
    }

    /// Tells the page of a change made: the views follow it, its selection is set.
    fn show_change(self, made: Said) {
        if let Some(select) = made.select {
            self.selection.set(Selection::of(select));
        }
        self.session_moved();
        self.notice.set(Some(made.said));
    }

    /// Offers `schedule`, with changes storage refused (`why`, or `None` to keep the reason
    /// the banner gives), as the banner's download.
    fn offer_unsaved(self, name: String, why: Option<String>, schedule: Schedule) {
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

    pub(super) fn schedule_name(self, id: &str) -> String {
        self.seen
            .heading
            .with_untracked(|h| h.as_ref().filter(|h| h.id == id).map(|h| h.name.clone()))
            .or_else(|| {
                self.library
                    .with_untracked(|l| l.schedule(id).map(|s| s.head.name.clone()))
            })
            .unwrap_or_else(|| id.to_owned())
    }
}

/// `text` with its first letter in capitals: a reason in a sentence of its own.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
