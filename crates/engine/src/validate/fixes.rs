//! The fixes validation offers, each an ordinary edit.

use super::Fix;
use crate::edit::Edit;
use crate::ids::UsedIds;
use crate::model::{Event, EventKind, Schedule, StartMode};
use crate::on_air::OnAir;
use crate::time::{Frames, Timecode};

/// A length, as timecode.
fn tc(schedule: &Schedule, frames: Frames) -> String {
    Timecode::format_frames(frames, schedule.rate())
}

/// The id a gap's filler gets, or the first free one made from it.
pub(super) const FILLER_ID: &str = "filler";

/// Ends the event at `index` at `at`, if that leaves it a positive length.
pub(super) fn trim_before(
    schedule: &Schedule,
    clock: &OnAir<'_>,
    index: usize,
    at: Frames,
) -> Vec<Fix> {
    let event = &schedule.events[index];
    let length = at - event.start;
    if event.duration.is_none() || !length.is_positive() {
        return Vec::new();
    }
    vec![Fix {
        label: format!("Trim '{}' to end at {}", event.title, clock.at(at)),
        edit: Edit::Trim {
            index,
            duration: length,
            ripple: false,
        },
    }]
}

/// Ends every event in `running` at `at`, as one edit; no fix if any of them would be left
/// without a length.
pub(super) fn trim_all_before(
    schedule: &Schedule,
    clock: &OnAir<'_>,
    running: &[usize],
    at: Frames,
) -> Vec<Fix> {
    let mut sorted = running.to_vec();
    sorted.sort_unstable();
    let mut trims = Vec::with_capacity(sorted.len());
    for &index in &sorted {
        match trim_before(schedule, clock, index, at).pop() {
            Some(fix) => trims.push(fix),
            None => return Vec::new(),
        }
    }
    match trims.len() {
        0 => Vec::new(),
        1 => trims,
        n => vec![Fix {
            label: format!(
                "Trim the {n} events running over to end at {}",
                clock.at(at)
            ),
            edit: Edit::Batch {
                label: format!("Trim {n} events"),
                edits: trims.into_iter().map(|f| f.edit).collect(),
            },
        }],
    }
}

/// Fills `from..to` with a filler event inserted at list position `index`, or moves the
/// following (non-fixed) event back to close the gap.
pub(super) fn fill_gap(
    schedule: &Schedule,
    clock: &OnAir<'_>,
    ids: &dyn UsedIds,
    index: usize,
    from: Frames,
    to: Frames,
) -> Vec<Fix> {
    let mut filler = Event::new(
        ids.unused(FILLER_ID).0,
        from,
        to - from,
        "Filler",
        EventKind::Filler,
    );
    filler.start_mode = StartMode::Follow;
    let mut fixes = vec![Fix {
        label: format!("Pad with {} of filler", tc(schedule, to - from)),
        edit: Edit::Insert {
            index,
            event: filler,
            ripple: false,
        },
    }];
    if let Some(next) = schedule.events.get(index) {
        if next.start_mode != StartMode::Fixed && next.start == to {
            fixes.push(Fix {
                label: format!("Move '{}' back to {}", next.title, clock.at(from)),
                edit: Edit::Move { index, start: from },
            });
        }
    }
    fixes
}

pub(super) fn remove(index: usize) -> Vec<Fix> {
    vec![Fix {
        label: "Delete this event".into(),
        edit: Edit::Delete {
            index,
            ripple: false,
        },
    }]
}

pub(super) fn rename(schedule: &Schedule, ids: &dyn UsedIds, index: usize) -> Vec<Fix> {
    let mut event = schedule.events[index].clone();
    event.id = ids.unused(event.id.as_str());
    vec![Fix {
        label: format!("Rename to '{}'", event.id),
        edit: Edit::Replace { index, event },
    }]
}

/// Cuts an event that runs past the window's end back to the end.
pub(super) fn trim_to_window(schedule: &Schedule, clock: &OnAir<'_>, index: usize) -> Vec<Fix> {
    let event = &schedule.events[index];
    if event.start < Frames::ZERO || event.start >= schedule.length {
        return Vec::new();
    }
    trim_before(schedule, clock, index, schedule.length)
}

/// Brings the in and out points inside the media, when the result still has a length.
pub(super) fn clamp_points(event: &Event, index: usize) -> Vec<Fix> {
    let media = event.media_duration;
    let in_point = event.in_point.map(|i| i.max(Frames::ZERO));
    let out_point = match (event.out_point, media) {
        (Some(o), Some(m)) => Some(o.min(m)),
        (o, _) => o,
    };
    let start = in_point.unwrap_or(Frames::ZERO);
    let Some(end) = out_point.or(media) else {
        return Vec::new();
    };
    if end <= start || in_point.is_some_and(|i| media.is_some_and(|m| i >= m)) {
        return Vec::new();
    }
    let mut fixed = event.clone();
    fixed.in_point = in_point;
    fixed.out_point = out_point;
    fixed.duration = Some(end - start);
    vec![Fix {
        label: "Clamp in and out points to the media".into(),
        edit: Edit::Replace {
            index,
            event: fixed,
        },
    }]
}
