//! The open schedule's steps on their way to the edit log: appended a schedule's run at a time
//! behind the page, a long log folded into the schedule's record, a refusal kept apart.

use scheduleflow_engine::edit::Step;
use scheduleflow_engine::summary::Health;

use super::{free_events_soon, Desk, Tell};
use crate::platform::storage::StorageError;

/// The log is folded into the schedule's record after this many steps, so that opening reads
/// a short log.
const FOLD_AFTER: u32 = 50;

impl Desk {
    /// Starts the saver if it is idle.
    pub(super) fn save_soon(&self) {
        {
            let mut inner = self.inner.borrow_mut();
            if inner.saving || inner.pending.is_empty() {
                return;
            }
            inner.saving = true;
        }
        self.tell(Tell::Saving(true));
        let desk = self.clone();
        leptos::task::spawn_local(async move { desk.save_all().await });
    }

    /// Appends queued steps to the edit log, a schedule's run of steps per transaction, and
    /// folds a long log into the schedule's record when nothing else is queued for it.
    async fn save_all(&self) {
        loop {
            let batch = {
                let mut inner = self.inner.borrow_mut();
                inner.pending.first().map(|(id, _)| id.clone()).map(|id| {
                    let run = inner.pending.iter().take_while(|(i, _)| *i == id).count();
                    let steps: Vec<Step> = inner.pending.drain(..run).map(|(_, s)| s).collect();
                    (id, steps)
                })
            };
            let Some((id, steps)) = batch else { break };
            let name = self.name_of(&id).unwrap_or_else(|| id.clone());
            if self.inner.borrow().unstored.contains(&id) {
                // Steps before these were not stored: appended, these would land on a state
                // the log never had. The banner's download follows the schedule instead.
                self.offer_unstored(&id, name, None);
                continue;
            }
            let read = self.revision(&id);
            let saved = self.store.append(&id, &name, read, &steps).await;
            match saved {
                Ok(revision) => {
                    self.stored_at(&id, revision);
                    self.tell(Tell::Saved {
                        id: id.clone(),
                        revision,
                    });
                    let quiet = self.inner.borrow().pending.iter().all(|(i, _)| *i != id);
                    if quiet && revision % FOLD_AFTER < steps.len() as u32 {
                        self.fold(&id, revision).await;
                    }
                }
                Err(StorageError::Conflict(name)) => {
                    self.inner.borrow_mut().pending.retain(|(i, _)| *i != id);
                    self.tell(Tell::Notice(format!(
                        "“{name}” was changed in another tab, so your change was not saved; \
                         it now shows the other tab's version."
                    )));
                    self.tell(Tell::Conflict);
                }
                Err(e) => {
                    self.inner.borrow_mut().pending.retain(|(i, _)| *i != id);
                    let why = match e {
                        StorageError::Full => "the browser's storage is full".to_owned(),
                        e => e.to_string(),
                    };
                    self.tell(Tell::Notice(format!(
                        "“{name}” could not be saved: {why}. Its changes stay on this page \
                         until it is reloaded; download them from the banner."
                    )));
                    self.inner.borrow_mut().unstored.insert(id.clone());
                    self.offer_unstored(&id, name, Some(why));
                }
            }
        }
        self.inner.borrow_mut().saving = false;
        self.release_kept();
        self.tell(Tell::Saving(false));
    }

    /// Offers schedule `id` as the desk holds it, with changes storage refused, for download.
    fn offer_unstored(&self, id: &str, name: String, why: Option<String>) {
        let Some(schedule) = self.with_schedule(id, |s, _| s.clone()) else {
            return;
        };
        self.tell(Tell::Unstored {
            name,
            why,
            schedule: Box::new(schedule),
        });
    }

    /// Writes schedule `id` as it is now (at `revision`) into its record and drops its log.
    async fn fold(&self, id: &str, revision: u32) {
        // The row, where the desk knows it for this very state: the open session's once its
        // check has run, or a closed schedule's as it was closed.
        let row = {
            let inner = self.inner.borrow();
            match inner.open.as_ref().filter(|o| o.id == id) {
                Some(open) => open.session.summary(),
                None => inner
                    .kept
                    .get(id)
                    .map(|k| k.row.clone())
                    .filter(|r| r.health != Health::Checking),
            }
        };
        // Taken now, before any await, so it is exactly the state at `revision`.
        let store = self.store.clone();
        let fold = self.with_schedule(id, |schedule, history| {
            store.fold(id, schedule, history, row.as_ref(), revision)
        });
        let Some(fold) = fold else { return };
        if let Err(e) = fold.await {
            // The log still holds every edit; the next fold tries again.
            log(&format!("fold deferred: {e}"));
        }
    }

    /// Lets go of the closed schedules kept whole while they were being saved, once the saver
    /// is idle; those with changes storage refused stay.
    fn release_kept(&self) {
        let released: Vec<super::Kept> = {
            let mut inner = self.inner.borrow_mut();
            let gone: Vec<String> = inner
                .kept
                .keys()
                .filter(|id| !inner.unstored.contains(*id))
                .cloned()
                .collect();
            gone.iter().filter_map(|id| inner.kept.remove(id)).collect()
        };
        for kept in released {
            free_events_soon(kept.schedule.events);
        }
    }
}

fn log(text: &str) {
    if cfg!(target_arch = "wasm32") {
        web_sys::console::info_1(&text.into());
    }
}
