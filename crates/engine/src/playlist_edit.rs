//! Editing a playlist: rename, insert, remove, change and move items. Each edit returns its
//! exact inverse, and [`PlaylistHistory`] keeps them for undo and redo.

use serde::{Deserialize, Serialize};

use crate::edit::{EditError, FieldError};
use crate::model::{EventKind, MediaItem, Playlist};
use crate::time::{Frames, Timecode};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "edit", rename_all = "kebab-case")]
pub enum PlaylistEdit {
    Rename {
        name: String,
    },
    Insert {
        index: usize,
        item: MediaItem,
    },
    Remove {
        index: usize,
    },
    Replace {
        index: usize,
        item: MediaItem,
    },
    /// Takes the item at `from` out and puts it back at position `to` of the list without it.
    Move {
        from: usize,
        to: usize,
    },
}

impl PlaylistEdit {
    pub fn label(&self) -> String {
        match self {
            PlaylistEdit::Rename { name } => format!("Rename to '{name}'"),
            PlaylistEdit::Insert { item, .. } => format!("Add '{}'", item.title),
            PlaylistEdit::Remove { .. } => "Remove item".into(),
            PlaylistEdit::Replace { item, .. } => format!("Edit '{}'", item.title),
            PlaylistEdit::Move { .. } => "Move item".into(),
        }
    }
}

/// Applies `edit`; returns the edit that undoes it. A refused edit changes nothing.
pub fn apply(playlist: &mut Playlist, edit: &PlaylistEdit) -> Result<PlaylistEdit, EditError> {
    let len = playlist.items.len();
    let missing = |index: usize| EditError::NoSuchEvent { index, len };
    Ok(match edit {
        PlaylistEdit::Rename { name } => {
            let before = std::mem::replace(&mut playlist.name, name.clone());
            PlaylistEdit::Rename { name: before }
        }
        PlaylistEdit::Insert { index, item } => {
            if *index > len {
                return Err(missing(*index));
            }
            playlist.items.insert(*index, item.clone());
            PlaylistEdit::Remove { index: *index }
        }
        PlaylistEdit::Remove { index } => {
            if *index >= len {
                return Err(missing(*index));
            }
            let item = playlist.items.remove(*index);
            PlaylistEdit::Insert {
                index: *index,
                item,
            }
        }
        PlaylistEdit::Replace { index, item } => {
            let slot = playlist
                .items
                .get_mut(*index)
                .ok_or_else(|| missing(*index))?;
            let before = std::mem::replace(slot, item.clone());
            PlaylistEdit::Replace {
                index: *index,
                item: before,
            }
        }
        PlaylistEdit::Move { from, to } => {
            if *from >= len || *to >= len {
                return Err(missing((*from).max(*to)));
            }
            let item = playlist.items.remove(*from);
            playlist.items.insert(*to, item);
            PlaylistEdit::Move {
                from: *to,
                to: *from,
            }
        }
    })
}

/// Undo and redo for one playlist: each entry is an edit's label, the edit and its inverse.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlaylistHistory {
    done: Vec<(String, PlaylistEdit, PlaylistEdit)>,
    undone: Vec<(String, PlaylistEdit, PlaylistEdit)>,
}

impl PlaylistHistory {
    pub fn apply(&mut self, playlist: &mut Playlist, edit: &PlaylistEdit) -> Result<(), EditError> {
        let inverse = apply(playlist, edit)?;
        self.done.push((edit.label(), edit.clone(), inverse));
        self.undone.clear();
        Ok(())
    }

    pub fn undo(&mut self, playlist: &mut Playlist) -> Option<String> {
        let (label, edit, inverse) = self.done.pop()?;
        // An inverse applies to the state its edit left, so it cannot be refused.
        let _ = apply(playlist, &inverse);
        self.undone.push((label.clone(), edit, inverse));
        Some(label)
    }

    pub fn redo(&mut self, playlist: &mut Playlist) -> Option<String> {
        let (label, edit, inverse) = self.undone.pop()?;
        let _ = apply(playlist, &edit);
        self.done.push((label.clone(), edit, inverse));
        Some(label)
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.done.last().map(|d| d.0.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.undone.last().map(|d| d.0.as_str())
    }
}

/// A playlist item's form as typed: lengths and in/out points as timecode at the playlist's rate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemChanges {
    pub title: String,
    pub kind: EventKind,
    pub source: String,
    /// Empty for unknown.
    pub duration: String,
    pub in_point: String,
    pub out_point: String,
}

impl ItemChanges {
    pub fn of(playlist: &Playlist, index: usize) -> Option<ItemChanges> {
        let item = playlist.items.get(index)?;
        let tc = |f: Option<Frames>| {
            f.map(|f| Timecode::format_frames(f, playlist.rate))
                .unwrap_or_default()
        };
        Some(ItemChanges {
            title: item.title.clone(),
            kind: item.kind,
            source: item.source.clone().unwrap_or_default(),
            duration: tc(item.duration),
            in_point: tc(item.in_point),
            out_point: tc(item.out_point),
        })
    }

    /// The edit that makes item `index` what the form says (`None`: nothing changed), or every
    /// bad field.
    pub fn edit(
        &self,
        playlist: &Playlist,
        index: usize,
    ) -> Result<Option<PlaylistEdit>, Vec<FieldError>> {
        let Some(old) = playlist.items.get(index) else {
            return Err(vec![FieldError {
                field: "title".into(),
                message: "this item is no longer in the playlist".into(),
            }]);
        };
        let rate = playlist.rate;
        let mut errors = Vec::new();
        let mut timecode = |field: &'static str, text: &str| {
            let text = text.trim();
            if text.is_empty() {
                return None;
            }
            match Timecode::parse(text, rate).and_then(|t| t.to_frames(rate)) {
                Ok(f) => Some(f),
                Err(e) => {
                    errors.push(FieldError {
                        field: field.into(),
                        message: format!("“{text}” is not a timecode at {rate}: {e}"),
                    });
                    None
                }
            }
        };
        let duration = timecode("duration", &self.duration);
        let in_point = timecode("in_point", &self.in_point);
        let out_point = timecode("out_point", &self.out_point);
        if let (Some(i), Some(o)) = (in_point, out_point) {
            if o <= i {
                errors.push(FieldError {
                    field: "out_point".into(),
                    message: "the out point must come after the in point".into(),
                });
            }
        }
        if self.title.trim().is_empty() {
            errors.push(FieldError {
                field: "title".into(),
                message: "an item needs a title".into(),
            });
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let item = MediaItem {
            title: self.title.trim().to_owned(),
            kind: self.kind,
            source: Some(self.source.trim().to_owned()).filter(|s| !s.is_empty()),
            duration,
            in_point,
            out_point,
            ..old.clone()
        };
        Ok((item != *old).then_some(PlaylistEdit::Replace { index, item }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::playlist;
    use crate::time::FrameRate;
    use proptest::prelude::*;

    fn arb_edit() -> impl Strategy<Value = PlaylistEdit> {
        prop_oneof![
            "[a-z]{1,6}".prop_map(|name| PlaylistEdit::Rename { name }),
            (0usize..8, 1i64..500).prop_map(|(index, d)| PlaylistEdit::Insert {
                index,
                item: MediaItem::new(format!("n{d}"), "New", Frames(d))
            }),
            (0usize..8).prop_map(|index| PlaylistEdit::Remove { index }),
            (0usize..8, "[a-z]{1,6}").prop_map(|(index, t)| PlaylistEdit::Replace {
                index,
                item: MediaItem::new(t.clone(), t, Frames(25))
            }),
            (0usize..8, 0usize..8).prop_map(|(from, to)| PlaylistEdit::Move { from, to }),
        ]
    }

    proptest! {
        #[test]
        fn undoing_every_playlist_edit_gives_back_the_original_and_redo_the_end(
            size in 0usize..7,
            edits in proptest::collection::vec(arb_edit(), 0..30),
        ) {
            let original = playlist(size, 3, FrameRate::FPS_25);
            let mut p = original.clone();
            let mut h = PlaylistHistory::default();
            for edit in &edits {
                let before = p.clone();
                if h.apply(&mut p, edit).is_err() {
                    prop_assert_eq!(&p, &before);
                }
            }
            let end = p.clone();
            while h.undo(&mut p).is_some() {}
            prop_assert_eq!(&p, &original);
            while h.redo(&mut p).is_some() {}
            prop_assert_eq!(&p, &end);
        }
    }

    #[test]
    fn the_item_form_changes_an_item_or_says_what_is_wrong() {
        let p = playlist(3, 1, FrameRate::FPS_25);
        let mut form = ItemChanges::of(&p, 1).unwrap();
        assert_eq!(form.edit(&p, 1), Ok(None));
        form.duration = "00:01:00:00".into();
        form.title = "Sunrise".into();
        let mut expected = p.items[1].clone();
        expected.duration = Some(Frames(1500));
        expected.title = "Sunrise".into();
        assert_eq!(
            form.edit(&p, 1),
            Ok(Some(PlaylistEdit::Replace {
                index: 1,
                item: expected
            }))
        );
        form.in_point = "00:00:10:00".into();
        form.out_point = "00:00:05:00".into();
        form.duration = "1 minute".into();
        let fields: Vec<String> = form
            .edit(&p, 1)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, vec!["duration", "out_point"]);
    }
}
