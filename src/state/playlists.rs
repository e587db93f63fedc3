//! Playlists: new, duplicate, made from a schedule's selection, and edited in the playlist view
//! (rename, add, change, move and remove items), each edit one undo step, saved behind the page
//! one save at a time against the revision it read.

use leptos::prelude::*;
use leptos::task::spawn_local;
use scheduleflow_engine::edit::FieldError;
use scheduleflow_engine::model::{Library, MediaItem, Playlist};
use scheduleflow_engine::playlist_edit::{ItemChanges, PlaylistEdit, PlaylistHistory};
use scheduleflow_engine::time::{FrameRate, Frames};

use super::AppState;
use crate::import::{Outcome, Report};
use crate::jobs::work::store;
use crate::jobs::Stored;
use crate::platform::storage::StorageError;

impl AppState {
    pub fn open_playlist(self, id: String) {
        self.close();
        self.playlist_open.set(Some(id));
    }

    pub fn close_playlist(self) {
        self.playlist_open.set(None);
    }

    /// Stores new playlists (a new one, a copy, one made from a selection) and opens the first.
    fn add_playlists(self, playlists: Vec<Playlist>, what: &str) {
        let count = playlists.len();
        let report = Report {
            file: what.to_owned(),
            outcome: Outcome::Imported {
                format: "made in the app".into(),
                schedules: 0,
                playlists: count,
                events: 0,
                warnings: Vec::new(),
            },
        };
        let library = Library {
            schedules: Vec::new(),
            playlists,
        };
        spawn_local(async move {
            let done = store(report, library).await;
            match done.stored {
                Stored::Added(stored) => {
                    let id = stored.playlists.first().map(|p| p.id.clone());
                    self.remember(&stored);
                    self.library.update(|l| {
                        l.playlists.extend(stored.playlists);
                        l.sort();
                    });
                    self.stored_a_change();
                    if let Some(id) = id {
                        self.open_playlist(id);
                    }
                }
                Stored::Full(library) => self.unsaved.set(Some(super::Unsaved::full(
                    done.report.file.clone(),
                    library,
                ))),
                Stored::Nothing => self.notice.set(Some(match done.report.outcome {
                    Outcome::Failed { message, .. } => message,
                    Outcome::Imported { .. } => {
                        format!("“{}” was not stored.", done.report.file)
                    }
                })),
            }
        });
    }

    /// A new, empty playlist at `rate`.
    pub fn new_playlist(self, name: &str, rate: FrameRate) {
        let name = if name.trim().is_empty() {
            "New playlist"
        } else {
            name.trim()
        };
        let playlist = Playlist {
            id: name.to_lowercase().replace(char::is_whitespace, "-"),
            name: name.to_owned(),
            rate,
            items: Vec::new(),
            extra: Default::default(),
        };
        self.add_playlists(vec![playlist], name);
    }

    pub fn duplicate_playlist(self, id: &str) {
        let copy = self.library.with_untracked(|l| {
            l.playlists.iter().find(|p| p.id == id).map(|p| Playlist {
                id: format!("{}-copy", p.id),
                name: format!("{} (copy)", p.name),
                ..p.clone()
            })
        });
        if let Some(copy) = copy {
            let what = copy.name.clone();
            self.add_playlists(vec![copy], &what);
        }
    }

    /// A playlist of the selected events of the open schedule.
    pub fn playlist_from_selection(self) {
        self.in_turn(move || self.playlist_from_selection_now());
    }

    fn playlist_from_selection_now(self) {
        let indices = self.selection.with_untracked(super::Selection::indices);
        let request = crate::desk::Request::PlaylistOf { indices };
        self.send_in_turn(request, move |reply| {
            if let crate::desk::Reply::Playlist(Some(playlist)) = reply {
                let what = playlist.name.clone();
                self.notice.set(Some(format!(
                    "Made playlist “{what}” of {} event(s).",
                    playlist.items.len()
                )));
                self.add_playlists(vec![playlist], &what);
            }
        });
    }

    /// Every playlist's id and name, in the library's order; tracked.
    pub fn playlist_names(self) -> Vec<(String, String)> {
        self.library.with(|l| {
            l.playlists
                .iter()
                .map(|p| (p.id.clone(), p.name.clone()))
                .collect()
        })
    }

    /// Reads playlist `id`; tracked.
    pub fn with_playlist<T>(self, id: &str, f: impl FnOnce(&Playlist) -> T) -> Option<T> {
        self.library
            .with(|l| l.playlists.iter().find(|p| p.id == id).map(f))
    }

    pub fn playlist_history_labels(self, id: &str) -> (Option<String>, Option<String>) {
        self.playlist_changed.track();
        self.playlist_histories.with_value(|h| {
            h.get(id).map_or((None, None), |h| {
                (
                    h.undo_label().map(str::to_owned),
                    h.redo_label().map(str::to_owned),
                )
            })
        })
    }

    /// Applies `edit` to playlist `id` as one undo step.
    pub fn edit_playlist(self, id: &str, edit: &PlaylistEdit) -> bool {
        self.change_playlist(id, |history, playlist| {
            history
                .apply(playlist, edit)
                .map(|()| format!("{}.", edit.label()))
                .map_err(|e| format!("The change was not made: {e}"))
        })
    }

    pub fn undo_playlist(self, id: &str) {
        self.change_playlist(id, |h, p| {
            h.undo(p)
                .map(|l| format!("Undid: {l}"))
                .ok_or_else(|| "Nothing to undo.".into())
        });
    }

    pub fn redo_playlist(self, id: &str) {
        self.change_playlist(id, |h, p| {
            h.redo(p)
                .map(|l| format!("Redid: {l}"))
                .ok_or_else(|| "Nothing to redo.".into())
        });
    }

    /// Applies the item form to item `index` of playlist `id`.
    pub fn apply_item_form(
        self,
        id: &str,
        index: usize,
        form: &ItemChanges,
    ) -> Result<(), Vec<FieldError>> {
        let edit = self
            .library
            .with_untracked(|l| {
                l.playlists
                    .iter()
                    .find(|p| p.id == id)
                    .map(|p| form.edit(p, index))
            })
            .unwrap_or(Ok(None))?;
        match edit {
            Some(edit) => {
                self.edit_playlist(id, &edit);
            }
            None => self.notice.set(Some("Nothing to change.".into())),
        }
        Ok(())
    }

    /// Adds an item of 30 seconds after `after` (or at the end) to playlist `id`.
    pub fn add_item(self, id: &str, after: Option<usize>) -> Option<usize> {
        let (index, item) = self.library.with_untracked(|l| {
            let p = l.playlists.iter().find(|p| p.id == id)?;
            let index = after.map_or(p.items.len(), |a| (a + 1).min(p.items.len()));
            let seconds = i64::from(p.rate.timecode_base()) * 30;
            let n = p.items.len() + 1;
            Some((
                index,
                MediaItem::new(format!("item-{n}"), format!("Item {n}"), Frames(seconds)),
            ))
        })?;
        self.edit_playlist(id, &PlaylistEdit::Insert { index, item })
            .then_some(index)
    }

    fn change_playlist(
        self,
        id: &str,
        step: impl FnOnce(&mut PlaylistHistory, &mut Playlist) -> Result<String, String>,
    ) -> bool {
        let mut history = self
            .playlist_histories
            .try_update_value(|h| h.remove(id))
            .flatten()
            .unwrap_or_default();
        let mut outcome = Err(String::new());
        self.library.update(|l| {
            if let Some(p) = l.playlists.iter_mut().find(|p| p.id == id) {
                outcome = step(&mut history, p);
            }
        });
        self.playlist_histories.update_value(|h| {
            h.insert(id.to_owned(), history);
        });
        self.playlist_changed.update(|n| *n += 1);
        match outcome {
            Ok(label) => {
                self.notice.set(Some(label));
                self.dirty_playlists.update_value(|d| {
                    d.insert(id.to_owned());
                });
                if !self.playlist_saving.get_value() {
                    self.playlist_saving.set_value(true);
                    spawn_local(self.save_playlists());
                }
                true
            }
            Err(message) => {
                if !message.is_empty() {
                    self.notice.set(Some(message));
                }
                false
            }
        }
    }

    /// Saves changed playlists one at a time, always the newest state of each.
    async fn save_playlists(self) {
        while let Some(id) = self
            .dirty_playlists
            .try_update_value(|d| d.pop_first())
            .flatten()
        {
            let Some(playlist) = self
                .library
                .with_untracked(|l| l.playlists.iter().find(|p| p.id == id).cloned())
            else {
                continue;
            };
            let read = self.revision(&id);
            let saved = self.store().replace_playlist(&playlist, read).await;
            match saved {
                Ok(revision) => self.saved(&id, revision),
                Err(StorageError::Conflict(name)) => {
                    self.playlist_histories.update_value(|h| {
                        h.remove(&id);
                    });
                    self.notice.set(Some(format!(
                        "“{name}” was changed in another tab, so your change was not saved; \
                         it now shows the other tab's version."
                    )));
                    self.reload_after_save.set_value(true);
                }
                Err(e) => self
                    .notice
                    .set(Some(format!("“{}” could not be saved: {e}", playlist.name))),
            }
        }
        self.playlist_saving.set_value(false);
        if !self.saving.get_untracked()
            && self.reload_after_save.try_update_value(std::mem::take) == Some(true)
        {
            self.reload();
        }
    }
}
