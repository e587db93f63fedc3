//! Edits built from what a person does in the editor: delete or move a selection, insert a run
//! of events, change an event through its form. The app sends these; each is one undoable step.

use std::collections::HashSet;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::Edit;
use crate::ids::UsedIds;
use crate::model::{Event, EventId, EventKind, MediaItem, Schedule, StartMode};
use crate::on_air::OnAir;
use crate::time::{FrameRate, Frames, Rounding, Timecode};

/// Deletes the events at `indices` (any order; repeats ignored) as one step. With `ripple`, each
/// following run moves up to close the hole. `None` when nothing is selected.
pub fn delete_events(indices: &[usize], ripple: bool) -> Option<Edit> {
    let mut sorted: Vec<usize> = indices.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    match sorted.as_slice() {
        [] => None,
        [index] => Some(Edit::Delete {
            index: *index,
            ripple,
        }),
        _ => Some(Edit::DeleteEvents {
            indices: sorted,
            ripple,
        }),
    }
}

/// Moves the selected events one place earlier (`up`) or later in the running order, as a
/// block. `None` when the block is already at that end or nothing is selected.
pub fn move_events(schedule: &Schedule, indices: &[usize], up: bool) -> Option<Edit> {
    let mut sorted: Vec<usize> = indices.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let (&first, &last) = (sorted.first()?, sorted.last()?);
    let to = if up {
        first.checked_sub(1)?
    } else if last + 1 < schedule.events.len() {
        last + 2
    } else {
        return None;
    };
    Some(Edit::Reorder {
        indices: sorted,
        to,
    })
}

/// An event for a playlist item, to be placed by [`insert_events`]: its lengths and in/out
/// points go from the playlist's rate `from` to the schedule's rate `to`, each to the nearest
/// whole frame.
pub fn event_from_item(item: &MediaItem, from: FrameRate, to: FrameRate) -> Event {
    let at = |f: Frames| {
        from.convert(f, to, Rounding::Nearest)
            .map_or(f, |r| r.value)
    };
    Event {
        id: EventId::new(item.id.clone()),
        start: Frames::ZERO,
        duration: item.play_length().map(at),
        title: item.title.clone(),
        kind: item.kind,
        source: item.source.clone(),
        in_point: item.in_point.map(at),
        out_point: item.out_point.map(at),
        media_duration: item.duration.map(at),
        start_mode: StartMode::Follow,
        notes: String::new(),
        extra: item.extra.clone(),
    }
}

/// Inserts `events` at position `at`, back to back from where the event before ends (or where
/// the event now at `at` starts), with ids made unique in the schedule. With `ripple`, what
/// follows moves later by their length, up to the next fixed event. One step; `None` when
/// there is nothing to insert or `at` is past the end. `ids` are the ids the schedule uses.
pub fn insert_events(
    schedule: &Schedule,
    ids: &dyn UsedIds,
    at: usize,
    events: Vec<Event>,
    ripple: bool,
) -> Option<Edit> {
    if events.is_empty() || at > schedule.events.len() {
        return None;
    }
    let mut cursor = match at.checked_sub(1).and_then(|i| schedule.events.get(i)) {
        Some(before) => before.end_or_start(),
        None => schedule.events.first().map_or(Frames::ZERO, |e| e.start),
    };
    let mut handed_out = HashSet::new();
    let count = events.len();
    let first_title = events[0].title.clone();
    let edits: Vec<Edit> = events
        .into_iter()
        .enumerate()
        .map(|(offset, mut event)| {
            event.id = fresh_id(ids, &mut handed_out, event.id.as_str());
            event.start = cursor;
            cursor = event.end_or_start();
            Edit::Insert {
                index: at + offset,
                event,
                ripple,
            }
        })
        .collect();
    Some(if count == 1 {
        edits.into_iter().next()?
    } else {
        Edit::Batch {
            label: format!("Insert {count} events from '{first_title}'"),
            edits,
        }
    })
}

fn fresh_id(ids: &dyn UsedIds, handed_out: &mut HashSet<String>, base: &str) -> EventId {
    let base = if base.is_empty() { "event" } else { base };
    let id = ids.unused_besides(base, handed_out);
    handed_out.insert(id.0.clone());
    id
}

/// The editor's form for one event, as typed: times are text at the channel's rate (lengths and
/// in/out points as timecode; a fixed start on the on-air clock of `day`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventChanges {
    pub title: String,
    pub kind: EventKind,
    pub source: String,
    pub notes: String,
    pub duration: String,
    /// Empty for none.
    pub in_point: String,
    /// Empty for none.
    pub out_point: String,
    pub start_mode: StartMode,
    /// The start on the on-air clock; read when the start mode is fixed or manual.
    pub start: String,
    /// The broadcast day `start` is on.
    pub day: Date,
    /// Later events move with a changed length (up to the next fixed event).
    pub ripple: bool,
}

/// A form field that was not taken, and why. A form with any of these changes nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The field's name: `duration`, `in_point`, `out_point`, `start`, `title`.
    pub field: String,
    pub message: String,
}

impl EventChanges {
    /// The form filled from event `index` as it is.
    pub fn of(schedule: &Schedule, index: usize) -> Option<EventChanges> {
        let event = schedule.events.get(index)?;
        let rate = schedule.rate();
        let tc = |f: Frames| Timecode::format_frames(f, rate);
        let clock = OnAir::new(schedule);
        let day = clock.day_of(event.start)?;
        let start = clock.at(event.start);
        // The form's start field holds the time alone; the day is its own field.
        let start = start.rsplit(' ').next().unwrap_or(&start).to_owned();
        Some(EventChanges {
            title: event.title.clone(),
            kind: event.kind,
            source: event.source.clone().unwrap_or_default(),
            notes: event.notes.clone(),
            duration: event.duration.map(tc).unwrap_or_default(),
            in_point: event.in_point.map(tc).unwrap_or_default(),
            out_point: event.out_point.map(tc).unwrap_or_default(),
            start_mode: event.start_mode,
            start,
            day,
            ripple: true,
        })
    }

    /// The edit that makes event `index` what the form says, as one step: `Ok(None)` when the
    /// form changes nothing, every bad field when any is bad.
    pub fn edit(&self, schedule: &Schedule, index: usize) -> Result<Option<Edit>, Vec<FieldError>> {
        let Some(old) = schedule.events.get(index) else {
            return Err(vec![FieldError {
                field: "title".into(),
                message: "this event is no longer in the schedule".into(),
            }]);
        };
        let rate = schedule.rate();
        let mut errors = Vec::new();
        let mut timecode = |field: &'static str, text: &str, optional: bool| {
            let text = text.trim();
            if text.is_empty() && optional {
                return None;
            }
            match Timecode::parse(text, rate).and_then(|t| t.to_frames(rate)) {
                Ok(frames) => Some(frames),
                Err(e) => {
                    errors.push(FieldError {
                        field: field.into(),
                        message: format!(
                            "“{text}” is not a timecode at {rate}: {e} (for example {})",
                            Timecode::format_frames(
                                Frames(i64::from(rate.timecode_base()) * 90),
                                rate
                            )
                        ),
                    });
                    None
                }
            }
        };
        let typed = timecode("duration", &self.duration, false);
        let in_point = timecode("in_point", &self.in_point, true);
        let out_point = timecode("out_point", &self.out_point, true);
        // New in and out points with the length left as it was set the length; a new length
        // moves the out point (`Event::set_duration`).
        let duration = match (in_point, out_point) {
            (Some(i), Some(o))
                if typed == old.duration && (Some(i), Some(o)) != (old.in_point, old.out_point) =>
            {
                Some(o - i)
            }
            _ => typed,
        };
        if duration.is_some_and(|d| !d.is_positive()) {
            errors.push(FieldError {
                field: "duration".into(),
                message: "a length must be longer than zero".into(),
            });
        }
        if let (Some(i), Some(o)) = (in_point, out_point) {
            if o <= i {
                errors.push(FieldError {
                    field: "out_point".into(),
                    message: "the out point must come after the in point".into(),
                });
            }
        }
        let start = if self.start_mode == StartMode::Follow {
            None
        } else {
            match OnAir::new(schedule).parse(&self.start, self.day) {
                Ok(start) => Some(start),
                Err(e) => {
                    errors.push(FieldError {
                        field: "start".into(),
                        message: e.to_string(),
                    });
                    None
                }
            }
        };
        if self.title.trim().is_empty() {
            errors.push(FieldError {
                field: "title".into(),
                message: "an event needs a title".into(),
            });
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut changed = old.clone();
        changed.title = self.title.trim().to_owned();
        changed.kind = self.kind;
        changed.source = Some(self.source.trim().to_owned()).filter(|s| !s.is_empty());
        changed.notes = self.notes.clone();
        changed.in_point = in_point;
        changed.out_point = out_point;
        changed.start_mode = self.start_mode;
        let mut edits = Vec::new();
        if changed != *old {
            edits.push(Edit::Replace {
                index,
                event: changed,
            });
        }
        if let Some(duration) = duration.filter(|d| Some(*d) != old.duration) {
            edits.push(Edit::Trim {
                index,
                duration,
                ripple: self.ripple,
            });
        }
        // Last: a move may change the event's position.
        if let Some(start) = start.filter(|s| *s != old.start) {
            edits.push(Edit::Move { index, start });
        }
        Ok(match edits.len() {
            0 => None,
            1 => edits.pop(),
            _ => Some(Edit::Batch {
                label: format!("Edit '{}'", self.title.trim()),
                edits,
            }),
        })
    }
}
