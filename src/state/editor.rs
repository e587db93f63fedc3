//! The editor's intents on the open schedule's selection: delete, move, cut, copy, paste,
//! insert from a playlist or a live placeholder, and the event form. Each is one command to
//! the session (one undo step), which also says what to select afterwards.

use leptos::prelude::*;
use scheduleflow_engine::command::{Command, NotMade};
use scheduleflow_engine::edit::{EventChanges, FieldError};

use super::{AppState, Selection};
use crate::desk::{Reply, Request};

impl AppState {
    fn selected_indices(self) -> Vec<usize> {
        self.selection.with_untracked(Selection::indices)
    }

    /// Where an insert or paste goes: after the keyboard row (or the last selected one), or
    /// at the end of an empty selection.
    fn insert_at(self) -> usize {
        let len = self
            .seen
            .heading
            .with_untracked(|h| h.as_ref().map_or(0, |h| h.events));
        self.selection
            .with_untracked(|s| s.cursor().or_else(|| s.indices().last().copied()))
            .map_or(len, |i| (i + 1).min(len))
    }

    /// Deletes the selected events, closing the gap they leave (ripple).
    pub fn delete_selected(self) {
        self.in_turn(move || {
            let indices = self.selected_indices();
            self.run(Command::Delete { indices });
        });
    }

    /// Moves the selected events one place up or down in the running order.
    pub fn move_selected(self, up: bool) {
        self.in_turn(move || {
            let indices = self.selected_indices();
            self.run(Command::Move { indices, up });
        });
    }

    /// Moves the selected events (or `dragged`, when it is not part of the selection) so that
    /// they come before row `to`: a drop in the table or on the timeline.
    pub fn drop_selected_at(self, dragged: usize, to: usize) {
        self.in_turn(move || {
            let mut indices = self.selected_indices();
            if !indices.contains(&dragged) {
                indices = vec![dragged];
            }
            self.run(Command::Drop { indices, to });
        });
    }

    /// Copies the selected events to the clipboard.
    pub fn copy_selected(self) {
        self.in_turn(move || self.copy_then(|_| ()));
    }

    /// Copies the selected events to the clipboard, then deletes them.
    pub fn cut_selected(self) {
        self.in_turn(move || {
            self.copy_then(move |copied| {
                if copied > 0 {
                    self.delete_selected();
                }
            })
        });
    }

    /// Copies the selected events to the clipboard; `then` hears how many.
    fn copy_then(self, then: impl FnOnce(usize) + 'static) {
        let indices = self.selected_indices();
        self.send_in_turn(Request::EventsAt { indices }, move |reply| {
            let Reply::Events(events) = reply else {
                return then(0);
            };
            let count = events.len();
            if count > 0 {
                self.clipboard.set_value(events);
                self.notice.set(Some(format!("Copied {count} event(s).")));
            }
            then(count);
        });
    }

    /// Pastes the clipboard after the keyboard row, pushing what follows later.
    pub fn paste(self) {
        self.in_turn(move || {
            let events = self.clipboard.with_value(Clone::clone);
            if events.is_empty() {
                self.notice
                    .set(Some("Nothing to paste: cut or copy events first.".into()));
                return;
            }
            let at = self.insert_at();
            self.run(Command::Insert { at, events });
        });
    }

    /// Inserts the items `items` of playlist `playlist` after the keyboard row.
    pub fn insert_items(self, playlist: &str, items: &[usize]) {
        self.insert_items_where(playlist, items, None);
    }

    /// Inserts the items `items` of playlist `playlist` before row `at` (a drop).
    pub fn insert_items_at(self, playlist: &str, items: &[usize], at: usize) {
        self.insert_items_where(playlist, items, Some(at));
    }

    /// Inserts the items `items` of playlist `playlist` before row `at`, or after the
    /// keyboard row.
    fn insert_items_where(self, playlist: &str, items: &[usize], at: Option<usize>) {
        let found = self.library.with_untracked(|l| {
            l.playlists.iter().find(|p| p.id == playlist).map(|p| {
                let chosen = items.iter().filter_map(|&i| p.items.get(i).cloned());
                (chosen.collect(), p.rate)
            })
        });
        if let Some((items, rate)) = found {
            self.in_turn(move || {
                let at = at.unwrap_or_else(|| self.insert_at());
                self.run(Command::InsertItems { at, items, rate });
            });
        }
    }

    /// Inserts a live event of the length typed as timecode; a bad length is refused, and
    /// `then` hears why.
    pub fn insert_live(
        self,
        title: &str,
        length: &str,
        then: impl FnOnce(Result<(), String>) + 'static,
    ) {
        let (title, length) = (title.to_owned(), length.to_owned());
        self.in_turn(move || {
            let live = Command::InsertLive {
                at: self.insert_at(),
                title,
                length,
            };
            self.run_then(live, move |made| {
                then(match made {
                    Err(NotMade::Fields(fields)) => Err(fields
                        .into_iter()
                        .map(|f| f.message)
                        .collect::<Vec<_>>()
                        .join("; ")),
                    // A live event always has something to insert: nothing made means
                    // nothing open.
                    Err(NotMade::Nothing) => Err("no schedule is open".into()),
                    _ => Ok(()),
                })
            });
        });
    }

    /// Applies the event form to event `index`; `then` hears every bad field (and then
    /// nothing changed).
    pub fn apply_form(
        self,
        index: usize,
        form: &EventChanges,
        then: impl FnOnce(Result<(), Vec<FieldError>>) + 'static,
    ) {
        let form = form.clone();
        self.in_turn(move || {
            self.run_then(Command::Form { index, form }, move |made| {
                then(match made {
                    Err(NotMade::Fields(fields)) => Err(fields),
                    _ => Ok(()),
                })
            });
        });
    }
}
