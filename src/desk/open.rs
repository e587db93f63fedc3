//! Opening a schedule on the desk (from what it keeps, else read from storage with its first
//! rows shown meanwhile), closing it back to a library row, and following another tab's change.

use scheduleflow_engine::edit::History;
use scheduleflow_engine::model::Schedule;
use scheduleflow_engine::session::Session;
use scheduleflow_engine::summary::ScheduleSummary;
use scheduleflow_engine::timeline::days;

use super::{free_events_soon, free_soon, Desk, Kept, Open, Tell};
use crate::state::ports::{Read, UNSEEN};

/// How an open ended.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Opening {
    /// It is open; what storage could not read of it (problems in its log) is said here.
    Opened { problems: Vec<String> },
    /// It is not stored (any more).
    NotStored,
    /// Storage failed to read it.
    Failed(String),
    /// Another open, or a close, came first: nothing was opened.
    Superseded,
}

/// A closed schedule, as the library shows it again.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Closed {
    pub id: String,
    /// The schedule without its events.
    pub head: Schedule,
    /// Its library row, as its session knew it.
    pub row: ScheduleSummary,
    /// Whether the desk keeps it whole (its changes are not all stored): then its row must
    /// not be kept in storage as the stored schedule's.
    pub kept: bool,
}

impl Desk {
    /// Opens schedule `id`: from what the desk keeps of it, else read from storage, telling
    /// how far the reading has come and, once they are read, its first rows. Its rows show at
    /// once and its check runs in slices.
    pub async fn open(&self, id: String) -> Opening {
        let (opening, kept) = {
            let mut inner = self.inner.borrow_mut();
            inner.openings += 1;
            let opening = inner.openings;
            inner.opening = Some(opening);
            inner.first_rows = None;
            (opening, inner.kept.remove(&id))
        };
        if let Some(kept) = kept {
            self.inner.borrow_mut().opening = None;
            self.open_given(id, kept.schedule, kept.history);
            return Opening::Opened {
                problems: Vec::new(),
            };
        }
        let still_opening = || self.inner.borrow().opening == Some(opening);
        let progress = |read| {
            if still_opening() {
                self.tell(Tell::Reading(read));
            }
        };
        let first = |first: Schedule| {
            if still_opening() {
                let (events, covers) = (first.events.len(), days(&first));
                self.inner.borrow_mut().first_rows = Some(first);
                self.tell(Tell::FirstRows {
                    events,
                    days: covers,
                });
            }
        };
        let read = self
            .store
            .open_schedule(
                &id,
                Read {
                    progress: &progress,
                    first: &first,
                },
            )
            .await;
        if !still_opening() {
            if let Ok(Some(opened)) = read {
                free_events_soon(opened.schedule.events);
            }
            return Opening::Superseded;
        }
        {
            let mut inner = self.inner.borrow_mut();
            inner.opening = None;
            inner.first_rows = None;
        }
        match read {
            Ok(Some(opened)) => {
                self.stored_at(&id, opened.revision);
                self.open_given(id, opened.schedule, opened.history);
                Opening::Opened {
                    problems: opened.problems,
                }
            }
            Ok(None) => Opening::NotStored,
            Err(e) => Opening::Failed(e.to_string()),
        }
    }

    /// Opens `schedule` (with `history`), as schedule `id`: its check runs in slices.
    pub fn open_given(&self, id: String, schedule: Schedule, history: History) {
        self.inner.borrow_mut().open = Some(Open {
            id,
            session: Session::opening(schedule, history),
        });
        self.check_soon();
    }

    /// The first rows of the schedule being read, while they are all there is.
    pub(super) fn with_first_rows<T>(&self, f: impl FnOnce(&Schedule) -> T) -> Option<T> {
        self.inner.borrow().first_rows.as_ref().map(f)
    }

    /// Closes the open schedule (and stops one being opened): its head and the row its
    /// session knows. Its events are freed, unless some of its changes are not stored yet
    /// (then the desk keeps it whole until they are).
    pub fn close(&self) -> Option<Closed> {
        let open = {
            let mut inner = self.inner.borrow_mut();
            inner.opening = None;
            inner.first_rows = None;
            inner.open.take()
        }?;
        // The session knows its diagnostics: the library's row needs no validation.
        let row = open
            .session
            .summary()
            .unwrap_or_else(|| ScheduleSummary::unchecked(open.session.schedule()));
        let (schedule, history, leftovers) = open.session.close();
        free_soon(leftovers);
        let head = scheduleflow_engine::pieces::head(&schedule);
        let kept = self.keeps(&open.id);
        if kept {
            self.inner.borrow_mut().kept.insert(
                open.id.clone(),
                Kept {
                    schedule,
                    history,
                    row: row.clone(),
                },
            );
        } else {
            free_events_soon(schedule.events);
        }
        Some(Closed {
            id: open.id,
            head,
            row,
            kept,
        })
    }

    /// Lets the open session go without keeping it (its schedule is gone from storage),
    /// freeing its events and checks in slices.
    pub fn discard(&self) {
        let Some(open) = self.inner.borrow_mut().open.take() else {
            return;
        };
        let (schedule, _, leftovers) = open.session.close();
        free_soon(leftovers);
        free_events_soon(schedule.events);
    }

    /// Whether closed schedule `id` must stay whole: a save is under way (its changes may be
    /// among it, and a fold writes the state saved), or it has changes that storage refused
    /// (they are offered as a download).
    fn keeps(&self, id: &str) -> bool {
        let inner = self.inner.borrow();
        inner.saving || inner.pending.iter().any(|(i, _)| i == id) || inner.unstored.contains(id)
    }

    /// Keeps the open schedule open across a reload of the library, where storage has it at
    /// `stored` (`None`: it is gone). Unchanged, the session stays as it is; changed by
    /// another tab, it is read again and reopens at the stored state and history (told as
    /// `Moved`); gone, it closes. Whether it is still open.
    pub fn follow(&self, stored: Option<u32>) -> bool {
        let Some(id) = self.open_id() else {
            return false;
        };
        let Some(stored) = stored else {
            self.discard();
            return false;
        };
        if self.inner.borrow().revisions.get(&id) == Some(&stored) {
            return true;
        }
        let desk = self.clone();
        leptos::task::spawn_local(async move {
            let read = desk.store.open_schedule(&id, UNSEEN).await;
            let Ok(Some(opened)) = read else { return };
            let old = {
                let mut inner = desk.inner.borrow_mut();
                let Some(open) = inner.open.as_mut().filter(|o| o.id == id) else {
                    return;
                };
                let fresh = Session::opening(opened.schedule, opened.history);
                let old = std::mem::replace(&mut open.session, fresh);
                inner.revisions.insert(id.clone(), opened.revision);
                old
            };
            free_soon(old.close().2);
            desk.tell(Tell::Moved);
            desk.check_soon();
        });
        true
    }
}
