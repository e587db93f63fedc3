//! Changing a schedule's channel settings. A new frame rate converts every start, length and
//! in/out point to whole frames at the new rate (to the nearest frame, each rounding reported);
//! a new zone or day start keeps every instant, so broadcast days follow from the new clock.

use serde::Serialize;

use super::recorder::Recorder;
use super::{EditError, Op};
use crate::channel::Channel;
use crate::model::{Event, Schedule};
use crate::time::{FrameRate, Frames, Rounding};

/// An event whose times did not fall on whole frames at the new rate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoundedEvent {
    pub index: usize,
    pub title: String,
    /// Which times were rounded: `start`, `duration`, `in`, `out`, `media`.
    pub fields: Vec<&'static str>,
}

fn convert(frames: Frames, from: FrameRate, to: FrameRate) -> Result<(Frames, bool), EditError> {
    let rounded = from
        .convert(frames, to, Rounding::Nearest)
        .map_err(|e| EditError::Channel(e.into()))?;
    Ok((rounded.value, !rounded.is_exact()))
}

/// `event` at rate `to`, and the fields that were rounded.
fn converted(
    event: &Event,
    from: FrameRate,
    to: FrameRate,
) -> Result<(Event, Vec<&'static str>), EditError> {
    let mut out = event.clone();
    let mut fields = Vec::new();
    let mut one = |name: &'static str, value: Frames| -> Result<Frames, EditError> {
        let (v, rounded) = convert(value, from, to)?;
        if rounded {
            fields.push(name);
        }
        Ok(v)
    };
    out.start = one("start", event.start)?;
    out.duration = event.duration.map(|d| one("duration", d)).transpose()?;
    out.in_point = event.in_point.map(|d| one("in", d)).transpose()?;
    out.out_point = event.out_point.map(|d| one("out", d)).transpose()?;
    out.media_duration = event.media_duration.map(|d| one("media", d)).transpose()?;
    Ok((out, fields))
}

/// What setting `channel` would round, event by event (empty when the rate is unchanged or
/// every time falls on a whole frame).
pub fn rate_change(schedule: &Schedule, channel: &Channel) -> Result<Vec<RoundedEvent>, EditError> {
    let (from, to) = (schedule.rate(), channel.rate);
    if from == to {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for (index, event) in schedule.events.iter().enumerate() {
        let (_, fields) = converted(event, from, to)?;
        if !fields.is_empty() {
            out.push(RoundedEvent {
                index,
                title: event.title.clone(),
                fields,
            });
        }
    }
    Ok(out)
}

/// Works out every converted event before anything changes, so a failure changes nothing.
pub(super) fn plan(
    schedule: &Schedule,
    channel: &Channel,
) -> Result<(Frames, Vec<Event>), EditError> {
    let (from, to) = (schedule.rate(), channel.rate);
    if from == to {
        return Ok((schedule.length, Vec::new()));
    }
    let length = convert(schedule.length, from, to)?.0;
    let events = schedule
        .events
        .iter()
        .map(|e| converted(e, from, to).map(|(e, _)| e))
        .collect::<Result<_, _>>()?;
    Ok((length, events))
}

pub(super) fn record(
    rec: &mut Recorder<'_>,
    channel: &Channel,
    length: Frames,
    events: Vec<Event>,
) {
    let before = rec.schedule.channel.clone();
    rec.push(Op::SetChannel {
        before: Box::new(before),
        after: Box::new(channel.clone()),
        before_length: rec.schedule.length,
        after_length: length,
    });
    for (index, event) in events.into_iter().enumerate() {
        rec.replace(index, event);
    }
}

/// A short description of a channel change, for undo menus.
pub(super) fn label(channel: &Channel) -> String {
    format!("Set channel to {} at {}", channel.name, channel.rate)
}

/// How a rounding reads in a report: `'News' (start, duration)`.
pub fn describe(rounded: &RoundedEvent) -> String {
    format!("'{}' ({})", rounded.title, rounded.fields.join(", "))
}
