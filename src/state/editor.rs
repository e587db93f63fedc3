//! The editor's intents on the open schedule's selection: delete, move, cut, copy, paste,
//! insert from a playlist or a live placeholder, and the event form. Each builds one engine
//! edit (one undo step) and then selects what it made.

use leptos::prelude::*;
use scheduleflow_engine::edit::{
    delete_events, event_from_item, insert_events, move_events, EventChanges, FieldError,
};
use scheduleflow_engine::model::{Event, EventKind};
use scheduleflow_engine::time::{Frames, Timecode};

use super::{AppState, Selection};

impl AppState {
    fn selected_indices(self) -> Vec<usize> {
        self.selection.with_untracked(Selection::indices)
    }

    /// Where an insert or paste goes: after the keyboard row (or the last selected one), or
    /// at the end of an empty selection.
    fn insert_at(self) -> usize {
        let len = self.event_count_untracked();
        self.selection
            .with_untracked(|s| s.cursor().or_else(|| s.indices().last().copied()))
            .map_or(len, |i| (i + 1).min(len))
    }

    /// Deletes the selected events, closing the gap they leave (ripple).
    pub fn delete_selected(self) {
        let indices = self.selected_indices();
        let Some(edit) = delete_events(&indices, true) else {
            return;
        };
        if self.edit(&edit) {
            let first = indices.first().copied().unwrap_or(0);
            let len = self.event_count_untracked();
            let keep = first.min(len.saturating_sub(1));
            self.selection.set(if len == 0 {
                Selection::default()
            } else {
                Selection::of([keep])
            });
        }
    }

    /// Moves the selected events one place up or down in the running order.
    pub fn move_selected(self, up: bool) {
        let indices = self.selected_indices();
        let edit = self.open.with_value(|o| {
            o.as_ref()
                .and_then(|o| move_events(o.session.schedule(), &indices, up))
        });
        if let Some(edit) = edit {
            if self.edit(&edit) {
                let moved = indices.iter().map(|&i| if up { i - 1 } else { i + 1 });
                self.selection.set(Selection::of(moved));
            }
        }
    }

    /// Moves the selected events (or `dragged`, when it is not part of the selection) so that
    /// they come before row `to`: a drop in the table or on the timeline.
    pub fn drop_selected_at(self, dragged: usize, to: usize) {
        let mut indices = self.selected_indices();
        if !indices.contains(&dragged) {
            indices = vec![dragged];
        }
        let before = indices.iter().filter(|&&i| i < to).count();
        let count = indices.len();
        let edit = scheduleflow_engine::edit::Edit::Reorder { indices, to };
        if self.edit(&edit) {
            let first = to - before;
            self.selection.set(Selection::of(first..first + count));
        }
    }

    /// Copies the selected events to the clipboard.
    pub fn copy_selected(self) -> usize {
        let indices = self.selected_indices();
        let events: Vec<Event> = self
            .open
            .with_value(|o| {
                o.as_ref().map(|o| {
                    let events = &o.session.schedule().events;
                    indices
                        .iter()
                        .filter_map(|&i| events.get(i).cloned())
                        .collect()
                })
            })
            .unwrap_or_default();
        let count = events.len();
        if count > 0 {
            self.clipboard.set_value(events);
            self.notice.set(Some(format!("Copied {count} event(s).")));
        }
        count
    }

    pub fn cut_selected(self) {
        if self.copy_selected() > 0 {
            self.delete_selected();
        }
    }

    /// Pastes the clipboard after the keyboard row, pushing what follows later.
    pub fn paste(self) {
        let events = self.clipboard.with_value(Clone::clone);
        if events.is_empty() {
            self.notice
                .set(Some("Nothing to paste: cut or copy events first.".into()));
            return;
        }
        self.insert_run(events, self.insert_at());
    }

    /// Inserts the items `items` of playlist `playlist` after the keyboard row.
    pub fn insert_items(self, playlist: &str, items: &[usize]) {
        self.insert_items_at(playlist, items, self.insert_at());
    }

    /// Inserts the items `items` of playlist `playlist` before row `at` (a drop).
    pub fn insert_items_at(self, playlist: &str, items: &[usize], at: usize) {
        let rate = self
            .open
            .with_value(|o| o.as_ref().map(|o| o.session.schedule().rate()));
        let Some(rate) = rate else { return };
        let events: Vec<Event> = self.library.with_untracked(|l| {
            l.playlists
                .iter()
                .find(|p| p.id == playlist)
                .map(|p| {
                    items
                        .iter()
                        .filter_map(|&i| p.items.get(i))
                        .map(|item| event_from_item(item, p.rate, rate))
                        .collect()
                })
                .unwrap_or_default()
        });
        self.insert_run(events, at);
    }

    /// Inserts a live event of the length typed as timecode; a bad length is refused with why.
    pub fn insert_live(self, title: &str, length: &str) -> Result<(), String> {
        let rate = self
            .open
            .with_value(|o| o.as_ref().map(|o| o.session.schedule().rate()))
            .ok_or("no schedule is open")?;
        let frames = Timecode::parse(length, rate)
            .and_then(|t| t.to_frames(rate))
            .map_err(|e| format!("“{}” is not a length at {rate}: {e}", length.trim()))?;
        if !frames.is_positive() {
            return Err("a live event needs a length longer than zero".into());
        }
        let title = if title.trim().is_empty() {
            "Live"
        } else {
            title.trim()
        };
        let event = Event::new("live", Frames::ZERO, frames, title, EventKind::Live);
        self.insert_run(vec![event], self.insert_at());
        Ok(())
    }

    fn insert_run(self, events: Vec<Event>, at: usize) {
        let count = events.len();
        // Fresh ids come from the ids the check counted: until it ends there are none.
        let edit = self.open.with_value(|o| {
            let session = &o.as_ref()?.session;
            Some(
                session
                    .ids()
                    .map(|ids| insert_events(session.schedule(), ids, at, events, true)),
            )
        });
        let Some(edit) = edit else { return };
        let Some(edit) = edit else {
            self.notice.set(Some(
                "The schedule is still being checked; insert again in a moment.".into(),
            ));
            return;
        };
        if let Some(edit) = edit {
            if self.edit(&edit) {
                self.selection.set(Selection::of(at..at + count));
            }
        }
    }

    /// The form of event `index` as it is now.
    pub fn event_form(self, index: usize) -> Option<EventChanges> {
        self.with_session(|s| EventChanges::of(s.schedule(), index))
            .flatten()
    }

    /// Applies the event form to event `index`: every bad field comes back, and then nothing
    /// changed.
    pub fn apply_form(self, index: usize, form: &EventChanges) -> Result<(), Vec<FieldError>> {
        let edit = self
            .open
            .with_value(|o| o.as_ref().map(|o| form.edit(o.session.schedule(), index)))
            .unwrap_or(Ok(None))?;
        if let Some(edit) = edit {
            self.edit(&edit);
        } else {
            self.notice.set(Some("Nothing to change.".into()));
        }
        Ok(())
    }
}
