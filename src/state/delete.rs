//! Deleting schedules and playlists, and undoing the last delete.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::AppState;

/// The last delete, which Undo can take back: storage keeps what it deleted until the next
/// delete.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deleted {
    pub name: String,
    pub id: String,
}

impl AppState {
    /// Deletes a schedule or playlist. A schedule's row goes at once, and comes back if storage
    /// refuses; storage keeps it whole for Undo, so neither reads its events.
    pub fn delete(self, id: String) {
        let shelved = self.library.try_update(|l| l.take(&id)).flatten();
        let name = match &shelved {
            Some(shelved) => shelved.head.name.clone(),
            None => self.schedule_name(&id),
        };
        if shelved.is_some() {
            self.notice.set(Some(format!("Deleting “{name}”…")));
            self.deleting.update_value(|d| {
                d.insert(id.clone());
            });
        }
        spawn_local(async move {
            let set_aside = self.store().set_aside(&id).await;
            self.done_deleting(&id);
            if let Err(e) = set_aside {
                if let Some(shelved) = shelved {
                    self.library.update(|l| {
                        l.schedules.push(shelved);
                        l.sort();
                    });
                }
                self.notice.set(Some(format!("Delete failed: {e}")));
                return;
            }
            let mut name = name;
            self.library.update(|l| {
                if let Some(at) = l.playlists.iter().position(|p| p.id == id) {
                    name = l.playlists.remove(at).name;
                }
            });
            self.forget(&id);
            self.notice.set(Some(format!("Deleted “{name}”.")));
            self.deleted.set(Some(Deleted { name, id }));
            self.stored_a_change();
        });
    }

    /// Takes the last delete back: storage lists it again, and so does the page once it has
    /// read the library back.
    pub fn undo_delete(self) {
        let Some(deleted) = self.deleted.get_untracked() else {
            return;
        };
        self.deleted.set(None);
        spawn_local(async move {
            match self.store().restore(&deleted.id).await {
                Ok(true) => {
                    self.notice
                        .set(Some(format!("Restored “{}”.", deleted.name)));
                    self.stored_a_change();
                    self.reload();
                }
                Ok(false) => self.notice.set(Some(format!(
                    "“{}” could not be restored: it was deleted for good meanwhile (by another \
                     delete, or by importing it again).",
                    deleted.name
                ))),
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
        // The desk lets the session go too, if it is the open one.
        self.tell_desk(crate::desk::Request::Forget { id: id.to_owned() });
        if self.selected.get_untracked().as_deref() == Some(id) {
            self.session_moved();
            self.selected.set(None);
        }
    }
}
