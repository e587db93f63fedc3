//! Editing a schedule: applying a validation fix, undo and redo. The page changes at once;
//! saves run one at a time behind it, each checked against the revision it started from, so
//! a change made in another tab meanwhile is never overwritten.

use leptos::prelude::*;
use leptos::task::spawn_local;
use scheduleflow_engine::edit::History;
use scheduleflow_engine::model::{Library, Schedule};
use scheduleflow_engine::validate::Fix;

use super::{AppState, Unsaved};
use crate::platform::storage::{self, StorageError};

impl AppState {
    /// Applies a validation fix to schedule `id`; the status line says what it did.
    pub fn apply_fix(self, id: &str, fix: &Fix) {
        self.change(id, |history, schedule| {
            history
                .apply(schedule, &fix.edit)
                .map(|()| format!("{}.", fix.label))
                .map_err(|e| format!("The change was not made: {e}"))
        });
    }

    pub fn undo(self, id: &str) {
        self.change(id, |history, schedule| {
            history
                .undo(schedule)
                .map(|label| format!("Undid: {label}"))
                .ok_or_else(|| "Nothing to undo.".to_owned())
        });
    }

    pub fn redo(self, id: &str) {
        self.change(id, |history, schedule| {
            history
                .redo(schedule)
                .map(|label| format!("Redid: {label}"))
                .ok_or_else(|| "Nothing to redo.".to_owned())
        });
    }

    /// What Undo and Redo would do for schedule `id`, for their buttons.
    pub fn history_labels(self, id: &str) -> (Option<String>, Option<String>) {
        self.history_changed.track();
        self.histories.with_value(|h| {
            h.get(id).map_or((None, None), |h| {
                (
                    h.undo_label().map(str::to_owned),
                    h.redo_label().map(str::to_owned),
                )
            })
        })
    }

    fn change(
        self,
        id: &str,
        step: impl FnOnce(&mut History, &mut Schedule) -> Result<String, String>,
    ) {
        let Some(mut schedule) = self.library.with_untracked(|l| l.schedule(id).cloned()) else {
            return;
        };
        let mut history = self
            .histories
            .with_value(|h| h.get(id).cloned())
            .unwrap_or_default();
        match step(&mut history, &mut schedule) {
            Ok(label) => {
                self.histories.update_value(|h| {
                    h.insert(id.to_owned(), history);
                });
                self.history_changed.update(|n| *n += 1);
                self.library.update(|l| {
                    if let Some(s) = l.schedules.iter_mut().find(|s| s.id == id) {
                        *s = schedule;
                    }
                });
                self.notice.set(Some(label));
                self.save_soon(id.to_owned());
            }
            Err(message) => self.notice.set(Some(message)),
        }
    }

    /// Queues schedule `id` for saving and starts the saver if it is idle.
    fn save_soon(self, id: String) {
        self.dirty.update_value(|d| {
            d.insert(id);
        });
        if !self.saving.get_untracked() {
            self.saving.set(true);
            spawn_local(self.save_all());
        }
    }

    /// Saves queued schedules one at a time, always the newest state of each.
    async fn save_all(self) {
        while let Some(id) = self.dirty.try_update_value(|d| d.pop_first()).flatten() {
            let Some(schedule) = self.library.with_untracked(|l| l.schedule(&id).cloned()) else {
                continue;
            };
            let read = self
                .revisions
                .with_value(|r| r.get(&id).copied())
                .unwrap_or(0);
            let saved = match storage::open().await {
                Ok(db) => storage::replace(&db, &schedule, read).await,
                Err(e) => Err(e),
            };
            match saved {
                Ok(revision) => {
                    self.revisions.update_value(|r| {
                        r.insert(id.clone(), revision);
                    });
                    self.stored_a_change();
                }
                Err(StorageError::Conflict(name)) => {
                    self.histories.update_value(|h| {
                        h.remove(&id);
                    });
                    self.history_changed.update(|n| *n += 1);
                    self.notice.set(Some(format!(
                        "“{name}” was changed in another tab, so your change was not saved; \
                         it now shows the other tab's version."
                    )));
                    self.reload();
                }
                Err(StorageError::Full) => {
                    self.notice.set(Some(format!(
                        "“{}” could not be saved: the browser's storage is full.",
                        schedule.name
                    )));
                    self.unsaved.set(Some(Unsaved {
                        what: schedule.name.clone(),
                        library: Library {
                            schedules: vec![schedule],
                            playlists: Vec::new(),
                        },
                    }));
                }
                Err(e) => self
                    .notice
                    .set(Some(format!("“{}” could not be saved: {e}", schedule.name))),
            }
        }
        self.saving.set(false);
        if self.reload_after_save.try_update_value(std::mem::take) == Some(true) {
            self.reload();
        }
    }
}
