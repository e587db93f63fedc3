//! What a person asks of an open schedule, as a message: delete or move these events, insert
//! these, take this form, undo. The session runs it and answers with the step it made (for the
//! edit log), what to say, and what to select. Whether the session is on the page or in a
//! worker, the same values cross.

use serde::{Deserialize, Serialize};

use crate::channel::Channel;
use crate::edit::{
    delete_events, event_from_item, insert_events, move_events, Edit, EventChanges, FieldError,
    Step,
};
use crate::model::{Event, EventKind, MediaItem};
use crate::session::Session;
use crate::time::{FrameRate, Frames, Timecode};

/// One thing asked of the open schedule; each that changes it is one undoable step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "kebab-case")]
pub enum Command {
    /// An edit made whole elsewhere (a drop's reorder, a fix, a copied day, the rules' splice),
    /// said as `label`.
    Edit {
        edit: Edit,
        label: String,
    },
    Undo,
    Redo,
    /// Deletes the events at `indices`, closing the gap (ripple).
    Delete {
        indices: Vec<usize>,
    },
    /// Moves the events at `indices` one place up or down in the running order.
    Move {
        indices: Vec<usize>,
        up: bool,
    },
    /// Moves the events at `indices` (in order) to come before position `to`: a drop.
    Drop {
        indices: Vec<usize>,
        to: usize,
    },
    /// Puts `events` (pasted) in before position `at`, with ids unused in the schedule.
    Insert {
        at: usize,
        events: Vec<Event>,
    },
    /// Puts playlist items at rate `rate` in before position `at`, made events at the
    /// schedule's rate.
    InsertItems {
        at: usize,
        items: Vec<MediaItem>,
        rate: FrameRate,
    },
    /// Puts a live placeholder of `length` (timecode at the schedule's rate) in before `at`.
    InsertLive {
        at: usize,
        title: String,
        length: String,
    },
    /// Makes event `index` what its form says.
    Form {
        index: usize,
        form: EventChanges,
    },
    /// Moves the schedule to `channel`; the status line says how many events were rounded.
    SetChannel {
        channel: Channel,
    },
}

/// What a command made: the step, what the status line says, and the events to select
/// afterwards (`None`: the selection stays).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Made {
    pub said: String,
    pub step: Step,
    pub select: Option<Vec<usize>>,
}

/// Why a command changed nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum NotMade {
    /// There was nothing to do (no events selected, a move past the end): nothing is said.
    Nothing,
    /// Why, for the status line.
    Said(String),
    /// The fields of a form that were not taken.
    Fields(Vec<FieldError>),
}

impl Session {
    /// Runs `command`; a change is one step in the history.
    pub fn run(&mut self, command: Command) -> Result<Made, NotMade> {
        match command {
            Command::Edit { edit, label } => self.made(&edit, label, None),
            Command::Undo => self
                .undo()
                .map(|(label, step)| made(format!("Undid: {label}"), step, None))
                .ok_or_else(|| NotMade::Said("Nothing to undo.".into())),
            Command::Redo => self
                .redo()
                .map(|(label, step)| made(format!("Redid: {label}"), step, None))
                .ok_or_else(|| NotMade::Said("Nothing to redo.".into())),
            Command::Delete { indices } => {
                let edit = delete_events(&indices, true).ok_or(NotMade::Nothing)?;
                let mut done = self.made(&edit, edit.label(), None)?;
                // The row after the last one deleted takes the place of the first.
                let first = indices.iter().copied().min().unwrap_or(0);
                let len = self.len();
                done.select = Some(if len == 0 {
                    Vec::new()
                } else {
                    vec![first.min(len - 1)]
                });
                Ok(done)
            }
            Command::Move { indices, up } => {
                let edit = move_events(self.schedule(), &indices, up).ok_or(NotMade::Nothing)?;
                let moved = indices
                    .iter()
                    .map(|&i| if up { i - 1 } else { i + 1 })
                    .collect();
                self.made(&edit, edit.label(), Some(moved))
            }
            Command::Drop { indices, to } => {
                // Those before the drop's place leave it, so the run lands that much earlier.
                let before = indices.iter().filter(|&&i| i < to).count();
                let count = indices.len();
                let edit = Edit::Reorder { indices, to };
                let mut done = self.made(&edit, edit.label(), None)?;
                // Taken, the indices were each listed once, in order: `before` is at most `to`.
                let first = to.saturating_sub(before);
                done.select = Some((first..first + count).collect());
                Ok(done)
            }
            Command::Insert { at, events } => self.insert(at, events),
            Command::InsertItems { at, items, rate } => {
                let to = self.schedule().rate();
                let events = items
                    .iter()
                    .map(|item| event_from_item(item, rate, to))
                    .collect();
                self.insert(at, events)
            }
            Command::InsertLive { at, title, length } => {
                let event = self.live(&title, &length)?;
                self.insert(at, vec![event])
            }
            Command::Form { index, form } => {
                let edit = form
                    .edit(self.schedule(), index)
                    .map_err(NotMade::Fields)?
                    .ok_or_else(|| NotMade::Said("Nothing to change.".into()))?;
                self.made(&edit, edit.label(), None)
            }
            Command::SetChannel { channel } => {
                let rounded = self.channel_change(&channel).map_or(0, |r| r.len());
                let said = format!(
                    "Channel set to “{}” at {}: {rounded} event(s) rounded to whole frames",
                    channel.name, channel.rate
                );
                let edit = Edit::SetChannel { channel };
                let label = if rounded > 0 { said } else { edit.label() };
                self.made(&edit, label, None)
            }
        }
    }

    /// Applies `edit`, said as `label`.
    fn made(
        &mut self,
        edit: &Edit,
        label: String,
        select: Option<Vec<usize>>,
    ) -> Result<Made, NotMade> {
        self.apply(edit)
            .map(|step| made(format!("{label}."), step, select))
            .map_err(|e| NotMade::Said(format!("The change was not made: {e}")))
    }

    /// Inserts `events` before `at` and selects them.
    fn insert(&mut self, at: usize, events: Vec<Event>) -> Result<Made, NotMade> {
        let count = events.len();
        // Fresh ids come from the ids the check counted: until it ends there are none.
        let ids = self.ids().ok_or_else(|| {
            NotMade::Said("The schedule is still being checked; insert again in a moment.".into())
        })?;
        let edit = insert_events(self.schedule(), ids, at, events, true).ok_or(NotMade::Nothing)?;
        self.made(&edit, edit.label(), Some((at..at + count).collect()))
    }

    /// A live event of `length`, typed as timecode at the schedule's rate.
    fn live(&self, title: &str, length: &str) -> Result<Event, NotMade> {
        let rate = self.schedule().rate();
        let refused = |message: String| {
            NotMade::Fields(vec![FieldError {
                field: "length".into(),
                message,
            }])
        };
        let frames = Timecode::parse(length, rate)
            .and_then(|t| t.to_frames(rate))
            .map_err(|e| {
                refused(format!(
                    "“{}” is not a length at {rate}: {e}",
                    length.trim()
                ))
            })?;
        if !frames.is_positive() {
            return Err(refused(
                "a live event needs a length longer than zero".into(),
            ));
        }
        let title = match title.trim() {
            "" => "Live",
            title => title,
        };
        Ok(Event::new(
            "live",
            Frames::ZERO,
            frames,
            title,
            EventKind::Live,
        ))
    }
}

fn made(said: String, step: Step, select: Option<Vec<usize>>) -> Made {
    Made { said, step, select }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::History;
    use crate::generate::{sample_channel, schedule};
    use crate::model::MediaItem;
    use crate::time::FrameRate;

    fn checked() -> Session {
        let origin = "2026-03-02T06:00:00Z".parse().unwrap();
        let s = schedule(20, 5, sample_channel(FrameRate::FPS_25), origin);
        Session::new(s, History::default())
    }

    /// What applying `edit` to a fresh session makes, said as `label`.
    fn expected(edit: &Edit, label: &str, select: Option<Vec<usize>>) -> Made {
        let step = checked().apply(edit).unwrap();
        Made {
            said: format!("{label}."),
            step,
            select,
        }
    }

    #[test]
    fn a_delete_selects_the_row_that_takes_the_first_deleted_ones_place() {
        let made = checked().run(Command::Delete {
            indices: vec![5, 3],
        });
        let edit = delete_events(&[3, 5], true).unwrap();
        assert_eq!(made, Ok(expected(&edit, "Delete 2 events", Some(vec![3]))));

        let mut session = checked();
        let made = session.run(Command::Delete {
            indices: vec![18, 19],
        });
        assert_eq!(made.unwrap().select, Some(vec![17]));
        let all = (0..18).collect();
        let made = session.run(Command::Delete { indices: all });
        assert_eq!((made.unwrap().select, session.len()), (Some(Vec::new()), 0));
        assert_eq!(
            session.run(Command::Delete {
                indices: Vec::new()
            }),
            Err(NotMade::Nothing)
        );
    }

    #[test]
    fn a_move_selects_the_moved_events_and_a_move_past_the_end_does_nothing() {
        let made = checked().run(Command::Move {
            indices: vec![2, 3],
            up: true,
        });
        let edit = move_events(checked().schedule(), &[2, 3], true).unwrap();
        assert_eq!(made, Ok(expected(&edit, "Move 2 events", Some(vec![1, 2]))));
        let down = checked().run(Command::Move {
            indices: vec![2],
            up: false,
        });
        assert_eq!(down.unwrap().select, Some(vec![3]));
        for (indices, up) in [(vec![0, 1], true), (vec![19], false)] {
            assert_eq!(
                checked().run(Command::Move { indices, up }),
                Err(NotMade::Nothing)
            );
        }
    }

    #[test]
    fn a_drop_selects_the_events_where_they_landed() {
        let made = checked().run(Command::Drop {
            indices: vec![2, 3, 9],
            to: 7,
        });
        let edit = Edit::Reorder {
            indices: vec![2, 3, 9],
            to: 7,
        };
        assert_eq!(
            made,
            Ok(expected(&edit, "Move 3 events", Some(vec![5, 6, 7])))
        );
        let mut session = checked();
        let moved = session.schedule().events[9].clone();
        let made = session.run(Command::Drop {
            indices: vec![9],
            to: 0,
        });
        assert_eq!(made.unwrap().select, Some(vec![0]));
        assert_eq!(session.schedule().events[0].id, moved.id);
        // Refused as a reorder is, whatever the indices (repeated ones count twice before).
        for indices in [vec![3, 2], vec![0, 0, 0]] {
            assert!(matches!(
                checked().run(Command::Drop { indices, to: 1 }),
                Err(NotMade::Said(_))
            ));
        }
    }

    #[test]
    fn an_insert_takes_fresh_ids_and_selects_what_it_put_in() {
        let mut session = checked();
        let pasted: Vec<Event> = session.schedule().events[..2].to_vec();
        let fresh = checked();
        let edit = insert_events(
            fresh.schedule(),
            fresh.ids().unwrap(),
            4,
            pasted.clone(),
            true,
        )
        .unwrap();
        let made = session.run(Command::Insert {
            at: 4,
            events: pasted,
        });
        assert_eq!(made, Ok(expected(&edit, &edit.label(), Some(vec![4, 5]))));
        let ids: Vec<&str> = session.schedule().events[4..6]
            .iter()
            .map(|e| e.id.as_str())
            .collect();
        let originals = &session.schedule().events[..2];
        assert!(ids
            .iter()
            .zip(originals)
            .all(|(id, e)| *id != e.id.as_str()));
    }

    #[test]
    fn an_insert_waits_for_the_check_that_counts_the_ids() {
        let mut opening = Session::opening(checked().schedule().clone(), History::default());
        let events = vec![checked().schedule().events[0].clone()];
        let asked = Command::Insert { at: 0, events };
        assert_eq!(
            opening.run(asked.clone()),
            Err(NotMade::Said(
                "The schedule is still being checked; insert again in a moment.".into()
            ))
        );
        while !opening.check_some(5) {}
        assert_eq!(opening.run(asked).unwrap().select, Some(vec![0]));
    }

    #[test]
    fn playlist_items_come_in_at_the_schedules_rate() {
        let item = MediaItem::new("promo", "Promo", Frames(300));
        let made = checked().run(Command::InsertItems {
            at: 1,
            items: vec![item.clone()],
            rate: FrameRate::FPS_30,
        });
        let event = event_from_item(&item, FrameRate::FPS_30, FrameRate::FPS_25);
        assert_eq!(event.duration, Some(Frames(250)));
        let fresh = checked();
        let edit =
            insert_events(fresh.schedule(), fresh.ids().unwrap(), 1, vec![event], true).unwrap();
        assert_eq!(made, Ok(expected(&edit, &edit.label(), Some(vec![1]))));
    }

    #[test]
    fn a_live_placeholder_needs_a_length_and_is_called_live_when_untitled() {
        let live = |length: &str| Command::InsertLive {
            at: 0,
            title: "  ".into(),
            length: length.into(),
        };
        let fields = |made: Result<Made, NotMade>| match made {
            Err(NotMade::Fields(fields)) => fields.into_iter().map(|f| f.field).collect::<Vec<_>>(),
            other => panic!("not refused by field: {other:?}"),
        };
        assert_eq!(fields(checked().run(live("ten"))), vec!["length"]);
        assert_eq!(fields(checked().run(live("00:00:00:00"))), vec!["length"]);
        let mut session = checked();
        let made = session.run(live("00:01:00:00")).unwrap();
        let event = &session.schedule().events[0];
        assert_eq!(
            (
                made.select,
                event.title.as_str(),
                event.kind,
                event.duration
            ),
            (Some(vec![0]), "Live", EventKind::Live, Some(Frames(1500)))
        );
    }

    #[test]
    fn a_form_that_changes_nothing_says_so_and_a_bad_one_names_its_fields() {
        let form = EventChanges::of(checked().schedule(), 2).unwrap();
        let asked = |form: EventChanges| Command::Form { index: 2, form };
        assert_eq!(
            checked().run(asked(form.clone())),
            Err(NotMade::Said("Nothing to change.".into()))
        );
        let bad = EventChanges {
            duration: "long".into(),
            ..form.clone()
        };
        let refused = checked().run(asked(bad.clone()));
        assert_eq!(
            refused,
            Err(NotMade::Fields(
                bad.edit(checked().schedule(), 2).unwrap_err()
            ))
        );
        let retitled = EventChanges {
            title: "Retitled".into(),
            ..form
        };
        let edit = retitled.edit(checked().schedule(), 2).unwrap().unwrap();
        assert_eq!(
            checked().run(asked(retitled)),
            Ok(expected(&edit, &edit.label(), None))
        );
    }

    #[test]
    fn undo_and_redo_say_what_they_did_or_that_there_is_nothing() {
        let mut session = checked();
        assert_eq!(
            session.run(Command::Undo),
            Err(NotMade::Said("Nothing to undo.".into()))
        );
        assert_eq!(
            session.run(Command::Redo),
            Err(NotMade::Said("Nothing to redo.".into()))
        );
        session.run(Command::Delete { indices: vec![0] }).unwrap();
        let undone = session.run(Command::Undo).unwrap();
        assert_eq!(
            (undone.said.as_str(), undone.select),
            ("Undid: Delete event", None)
        );
        assert_eq!(session.schedule(), checked().schedule());
        let redone = session.run(Command::Redo).unwrap();
        assert_eq!(redone.said, "Redid: Delete event");
        assert_eq!(session.len(), 19);
    }

    #[test]
    fn a_channel_change_says_how_many_events_it_rounded() {
        let same = checked().schedule().channel.clone();
        let renamed = Channel {
            name: "Renamed".into(),
            ..same.clone()
        };
        let edit = Edit::SetChannel {
            channel: renamed.clone(),
        };
        assert_eq!(
            checked().run(Command::SetChannel { channel: renamed }),
            Ok(expected(&edit, &edit.label(), None))
        );
        let faster = Channel {
            rate: FrameRate::FPS_29_97_DF,
            ..same
        };
        let rounded = checked().channel_change(&faster).unwrap().len();
        assert!(rounded > 0);
        let made = checked()
            .run(Command::SetChannel { channel: faster })
            .unwrap();
        assert_eq!(
            made.said,
            format!(
                "Channel set to “Sample One” at 30000/1001 DF: {rounded} event(s) rounded to \
                 whole frames."
            )
        );
    }

    #[test]
    fn a_refused_edit_says_why_and_changes_nothing() {
        let mut session = checked();
        let edit = Edit::Delete {
            index: 99,
            ripple: true,
        };
        let refused = session.run(Command::Edit {
            edit,
            label: "Fix".into(),
        });
        assert_eq!(
            refused,
            Err(NotMade::Said(
                "The change was not made: there is no event at position 99 (the schedule has 20)"
                    .into()
            ))
        );
        assert_eq!(session.schedule(), checked().schedule());
    }

    #[test]
    fn commands_and_what_they_made_cross_as_messages_unchanged() {
        let mut session = checked();
        let events = session.schedule().events[..3].to_vec();
        let commands = vec![
            Command::Edit {
                edit: Edit::Delete {
                    index: 1,
                    ripple: false,
                },
                label: "Remove the gap".into(),
            },
            Command::Undo,
            Command::Redo,
            Command::Delete {
                indices: vec![1, 2],
            },
            Command::Move {
                indices: vec![3],
                up: true,
            },
            Command::Drop {
                indices: vec![0],
                to: 4,
            },
            Command::Insert { at: 2, events },
            Command::InsertItems {
                at: 0,
                items: vec![MediaItem::new("a", "A", Frames(50))],
                rate: FrameRate::FPS_29_97_DF,
            },
            Command::InsertLive {
                at: 1,
                title: "Match".into(),
                length: "01:00:00:00".into(),
            },
            Command::Form {
                index: 0,
                form: EventChanges::of(session.schedule(), 0).unwrap(),
            },
            Command::SetChannel {
                channel: session.schedule().channel.clone(),
            },
        ];
        for command in commands {
            let text = serde_json::to_string(&command).unwrap();
            assert_eq!(serde_json::from_str::<Command>(&text).unwrap(), command);
            let answer = session.run(command);
            let text = serde_json::to_string(&answer).unwrap();
            assert_eq!(
                serde_json::from_str::<Result<Made, NotMade>>(&text).unwrap(),
                answer
            );
        }
    }
}
