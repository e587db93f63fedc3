//! Deleting schedules and playlists, and undoing the last delete.

use leptos::prelude::*;
use leptos::task::spawn_local;
use scheduleflow_engine::model::Library;

use super::AppState;

/// What the last delete removed, kept so that Undo can store it again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deleted {
    pub name: String,
    pub library: Library,
}

impl AppState {
    /// Deletes a schedule or playlist from storage, then from the page. A schedule's row goes
    /// at once; the schedule is read whole first (a year of spots takes seconds), so that Undo
    /// can store it again, and its row comes back if it cannot be read or removed.
    pub fn delete(self, id: String) {
        let name = self.schedule_name(&id);
        let shelved = self.library.try_update(|l| l.take(&id)).flatten();
        let is_schedule = shelved.is_some() || self.with_schedule(&id, |_, _| ()).is_some();
        if let Some(shelved) = &shelved {
            self.notice
                .set(Some(format!("Deleting “{}”…", shelved.head.name)));
            self.deleting.update_value(|d| {
                d.insert(id.clone());
            });
        }
        let put_back = move |message: String| {
            if let Some(shelved) = shelved.clone() {
                self.done_deleting(shelved.id());
                self.library.update(|l| {
                    l.schedules.push(shelved);
                    l.sort();
                });
            }
            self.notice.set(Some(message));
        };
        spawn_local(async move {
            let mut gone = Library::default();
            if is_schedule {
                match self.read_schedule(&id).await {
                    Ok(schedule) => gone.schedules.extend(schedule),
                    Err(e) => {
                        return put_back(format!(
                            "Delete failed: “{name}” could not be read to keep for Undo: {e}"
                        ));
                    }
                }
            }
            let removed = self.store().remove(&id).await;
            if let Err(e) = removed {
                return put_back(format!("Delete failed: {e}"));
            }
            self.done_deleting(&id);
            self.library.update(|l| {
                let (out, kept) = l.playlists.drain(..).partition(|p| p.id == id);
                gone.playlists = out;
                l.playlists = kept;
            });
            self.forget(&id);
            let name = gone
                .schedules
                .first()
                .map(|s| s.name.clone())
                .or_else(|| gone.playlists.first().map(|p| p.name.clone()))
                .unwrap_or(id);
            self.notice.set(Some(format!("Deleted “{name}”.")));
            self.deleted.set(Some(Deleted {
                name,
                library: gone,
            }));
            self.stored_a_change();
        });
    }

    /// Stores the last deleted schedule or playlist again.
    pub fn undo_delete(self) {
        let Some(deleted) = self.deleted.get_untracked() else {
            return;
        };
        self.deleted.set(None);
        spawn_local(async move {
            let stored = self.store().insert(deleted.library.clone()).await;
            match stored {
                Ok(back) => {
                    self.remember(&back);
                    let mut events = Vec::new();
                    self.library.update(|l| events = l.add(back));
                    events.into_iter().for_each(|e| self.free_events_soon(e));
                    self.notice
                        .set(Some(format!("Restored “{}”.", deleted.name)));
                    self.stored_a_change();
                }
                Err(e) => {
                    self.notice.set(Some(format!(
                        "“{}” could not be restored: {e}",
                        deleted.name
                    )));
                    self.deleted.set(Some(deleted));
                }
            }
        });
    }

    fn done_deleting(self, id: &str) {
        self.deleting.update_value(|d| {
            d.remove(id);
        });
    }

    /// Drops what the page knows about a record that is gone.
    fn forget(self, id: &str) {
        self.revisions.update_value(|r| {
            r.remove(id);
        });
        self.kept.update_value(|k| {
            k.remove(id);
        });
        if self.selected.get_untracked().as_deref() == Some(id) {
            self.discard_open();
            self.session_changed.update(|n| *n += 1);
            self.selected.set(None);
        }
    }
}
