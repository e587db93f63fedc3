//! The timeline strip of one broadcast day: blocks coloured by kind, gaps and overlaps marked.
//! Positions are integers in ten-thousandths of the day, so the app only sets widths; events
//! too short to see are drawn together, so a busy day stays a few hundred blocks.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::format::clock::{format_time_of_day, DayClock, Hours};
use crate::model::{EventKind, Schedule};
use crate::time::{Frames, Rounding, Timecode};
use crate::validate::{Code, Diagnostic};

/// A strip position or width: ten-thousandths of the day.
pub const FULL: u32 = 10_000;
/// A block narrower than this (0.2% of the day: about three minutes of 24 hours) takes the
/// next event in too.
const MIN_BLOCK: u32 = 20;

/// One block of the strip: an event, or several too short to draw apart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// The kind of the longest event in the block, for its colour.
    pub kind: EventKind,
    /// The first event in the block, by index in the schedule.
    pub first: usize,
    pub events: usize,
    /// What a tooltip says: "18:00:00:00 News" or "06:00:00:00 12 events".
    pub label: String,
    pub left: u32,
    pub width: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MarkKind {
    Gap,
    Overlap,
}

/// A gap or an overlap, from the validation diagnostics.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    pub kind: MarkKind,
    pub index: Option<usize>,
    pub left: u32,
    pub width: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Strip {
    pub day: Date,
    pub blocks: Vec<Block>,
    pub marks: Vec<Mark>,
    /// The on-air time (`HH:MM`) at the start, quarters and end of the strip.
    pub scale: Vec<String>,
}

/// The broadcast days the schedule's window touches, in order.
pub fn days(schedule: &Schedule) -> Vec<Date> {
    let channel = &schedule.channel;
    let day_at = |frames: Frames| {
        channel
            .instant_after(schedule.origin, frames)
            .and_then(|t| channel.locate(t))
            .ok()
            .map(|p| p.day)
    };
    let last = Frames((schedule.length.0 - 1).max(0));
    let (Some(first), Some(last)) = (day_at(Frames::ZERO), day_at(last)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut day = first;
    while day <= last {
        out.push(day);
        match day.tomorrow() {
            Ok(next) => day = next,
            Err(_) => break,
        }
    }
    out
}

/// The strip of broadcast day `day`, or `None` if the day cannot be placed.
pub fn strip(schedule: &Schedule, day: Date, diagnostics: &[Diagnostic]) -> Option<Strip> {
    strip_of(schedule, day, diagnostics, None)
}

/// Like [`strip`]; with `in_order = Some(longest)`, the caller vouches that the list is in order
/// of start and no event is longer than `longest`, so only the events that can reach into the
/// day are looked at (found by binary search) rather than the whole schedule sorted.
pub fn strip_of(
    schedule: &Schedule,
    day: Date,
    diagnostics: &[Diagnostic],
    in_order: Option<Frames>,
) -> Option<Strip> {
    let channel = &schedule.channel;
    let (start, end) = channel.day_bounds(day).ok()?;
    let frames = |t| {
        channel
            .frames_between(schedule.origin, t, Rounding::Nearest)
            .ok()
            .map(|r| r.value)
    };
    let (from, to) = (frames(start)?, frames(end)?);
    let span = i128::from((to - from).0.max(1));
    // Where a frame falls on the strip, clamped to the day.
    let place = |f: Frames| -> u32 {
        let offset = i128::from((f - from).0).clamp(0, span);
        u32::try_from(offset * i128::from(FULL) / span).unwrap_or(FULL)
    };
    let events = &schedule.events;
    let order: Vec<usize> = match in_order {
        Some(reach) => {
            // Events starting `reach` or more before the day have ended by its start.
            let first = events.partition_point(|e| e.start + reach <= from);
            let last = events.partition_point(|e| e.start < to);
            (first..last.max(first)).collect()
        }
        None => {
            let mut all: Vec<usize> = (0..events.len()).collect();
            all.sort_by_key(|&i| events[i].start);
            all
        }
    };
    let tc = |f: Frames| Timecode::format_frames(f - from, schedule.rate());
    let mut blocks: Vec<Block> = Vec::new();
    let mut longest = Frames::ZERO;
    for i in order {
        let event = &schedule.events[i];
        let (Some(duration), Some(event_end)) = (event.duration, event.end()) else {
            continue;
        };
        if event_end <= from || event.start >= to || !duration.is_positive() {
            continue;
        }
        let (left, right) = (place(event.start), place(event_end));
        match blocks.last_mut() {
            Some(block) if block.width < MIN_BLOCK && left <= block.left + block.width => {
                // A drawn-together block is labelled once it is complete (below).
                block.events += 1;
                block.width = block.width.max(right.saturating_sub(block.left));
                if duration > longest {
                    longest = duration;
                    block.kind = event.kind;
                }
            }
            _ => {
                longest = duration;
                blocks.push(Block {
                    kind: event.kind,
                    first: i,
                    events: 1,
                    label: format!("{} {}", tc(event.start), event.title),
                    left,
                    width: right - left,
                });
            }
        }
    }
    for block in blocks.iter_mut().filter(|b| b.events > 1) {
        block.label = format!(
            "{} {} events",
            tc(schedule.events[block.first].start),
            block.events
        );
    }
    let marks = diagnostics
        .iter()
        .filter_map(|d| {
            let kind = match d.code {
                Code::Gap => MarkKind::Gap,
                Code::Overlap => MarkKind::Overlap,
                _ => return None,
            };
            let (a, b) = d.region?;
            (b > from && a < to).then(|| Mark {
                kind,
                index: d.index,
                left: place(a),
                width: place(b) - place(a),
            })
        })
        .collect();
    // On a 23- or 25-hour day the quarters are not six hours apart; the labels say so.
    let scale = DayClock::new(channel, day)
        .ok()
        .map(|clock| {
            (0..=4)
                .filter_map(|k| {
                    let at = Frames(i64::try_from(span * k / 4).unwrap_or(0));
                    let text = format_time_of_day(&clock, channel, at, Hours::Continued).ok()?;
                    Some(text.chars().take(5).collect())
                })
                .collect()
        })
        .unwrap_or_default();
    Some(Strip {
        day,
        blocks,
        marks,
        scale,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{sample_channel, schedule};
    use crate::model::Event;
    use crate::time::FrameRate;
    use crate::validate::validate;
    use jiff::civil::date;

    fn day_of(events: Vec<Event>) -> Schedule {
        let channel = sample_channel(FrameRate::FPS_25);
        let origin = channel.day_start_instant(date(2026, 6, 1)).unwrap();
        let mut s = schedule(0, 1, channel, origin);
        s.length = Frames(24 * 3600 * 25);
        s.events = events;
        s
    }

    const HOUR: i64 = 3600 * 25;

    #[test]
    fn an_hour_long_event_takes_a_twenty_fourth_of_the_strip() {
        let s = day_of(vec![
            Event::new("a", Frames(0), Frames(HOUR), "News", EventKind::Programme),
            Event::new(
                "b",
                Frames(HOUR),
                Frames(HOUR),
                "Film",
                EventKind::Programme,
            ),
        ]);
        let strip = strip(&s, date(2026, 6, 1), &validate(&s)).unwrap();
        assert_eq!(strip.blocks.len(), 2);
        assert_eq!((strip.blocks[0].left, strip.blocks[0].width), (0, 416));
        assert_eq!((strip.blocks[1].left, strip.blocks[1].width), (416, 417));
        assert_eq!(strip.blocks[1].label, "01:00:00:00 Film");
        assert_eq!(strip.scale, ["06:00", "12:00", "18:00", "24:00", "30:00"]);
        // Nothing after two hours: the rest of the day is a gap.
        assert!(strip
            .marks
            .iter()
            .any(|m| m.kind == MarkKind::Gap && m.left == 833 && m.left + m.width == FULL));
    }

    #[test]
    fn short_events_draw_together_in_the_colour_of_the_longest() {
        let mut events = Vec::new();
        for n in 0..20 {
            let kind = if n == 7 {
                EventKind::Programme
            } else {
                EventKind::Commercial
            };
            let length = if n == 7 { 50 } else { 25 };
            let start = events.last().and_then(Event::end).unwrap_or(Frames::ZERO);
            events.push(Event::new(
                format!("e{n}"),
                start,
                Frames(length),
                "spot",
                kind,
            ));
        }
        let s = day_of(events);
        let strip = strip(&s, date(2026, 6, 1), &[]).unwrap();
        assert_eq!(strip.blocks.len(), 1);
        assert_eq!(strip.blocks[0].events, 20);
        assert_eq!(strip.blocks[0].kind, EventKind::Programme);
        assert_eq!(strip.blocks[0].label, "00:00:00:00 20 events");
    }

    #[test]
    fn overlaps_are_marked_and_other_days_left_out() {
        let s = day_of(vec![
            Event::new("a", Frames(0), Frames(HOUR), "A", EventKind::Programme),
            Event::new("b", Frames(HOUR / 2), Frames(HOUR), "B", EventKind::Live),
            Event::new(
                "c",
                Frames(HOUR * 30),
                Frames(HOUR),
                "Tomorrow",
                EventKind::Promo,
            ),
        ]);
        let strip = strip(&s, date(2026, 6, 1), &validate(&s)).unwrap();
        assert_eq!(strip.blocks.len(), 2);
        let overlap = strip
            .marks
            .iter()
            .find(|m| m.kind == MarkKind::Overlap)
            .unwrap();
        assert_eq!((overlap.left, overlap.width), (208, 208));
    }

    #[test]
    fn on_a_23_hour_day_the_scale_says_the_true_times() {
        // Berlin springs forward on 29 March 2026 at 02:00, inside broadcast day 28 March.
        let channel = sample_channel(FrameRate::FPS_25);
        let origin = channel.day_start_instant(date(2026, 3, 28)).unwrap();
        let mut s = schedule(0, 1, channel, origin);
        s.length = Frames(23 * HOUR);
        let strip = strip(&s, date(2026, 3, 28), &[]).unwrap();
        assert_eq!(strip.scale, ["06:00", "11:45", "17:30", "23:15", "30:00"]);
    }

    #[test]
    fn a_week_long_window_lists_each_broadcast_day() {
        let mut s = day_of(Vec::new());
        s.length = Frames(HOUR * 24 * 7);
        let listed = days(&s);
        assert_eq!(listed.len(), 7);
        assert_eq!(listed[0], date(2026, 6, 1));
        assert_eq!(listed[6], date(2026, 6, 7));
    }
}
