//! ffplayout JSON playlists: `{"channel", "date", "program": [{"in", "out", "duration", "source",
//! "title"?, "category"?, …}]}`, one file per broadcast day.
//!
//! There are no start times: each clip starts where the previous one ends (day start + the
//! running sum of out − in). Seconds are read from the number's text, never through a float,
//! and turned into frames at the channel's rate; a value that is not frame-exact is rounded to
//! the nearest frame and reported. Keys ScheduleFlow does not use (`custom_filter`, `audio`, …)
//! are kept and written back.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use jiff::civil::Date;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::clock::DayClock;
use super::position::line_column;
use super::registry::{ExportFile, ImportOptions};
use super::{json_error, ImportError, Problems};
use crate::format::ImportWarning;
use crate::model::{Event, EventKind, Extra, Library, Schedule};
use crate::time::{FrameRate, Frames, Ratio, Rounding, TimeError};

#[derive(Deserialize)]
struct Document<'a> {
    channel: Option<String>,
    date: String,
    #[serde(borrow)]
    program: Vec<BTreeMap<String, &'a RawValue>>,
}

/// Where a borrowed JSON value sits in the document, as an error position.
fn error_at(text: &str, raw: &RawValue, message: String) -> ImportError {
    let offset = (raw.get().as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
    let (line, column) = line_column(text, offset);
    ImportError {
        line,
        column,
        message,
        hint: None,
        more: Vec::new(),
    }
}

/// Counts values that were rounded, for one warning instead of thousands.
struct Seconds<'t> {
    text: &'t str,
    rate: FrameRate,
    inexact: usize,
}

impl Seconds<'_> {
    fn frames(&mut self, raw: &RawValue, key: &str, clip: usize) -> Result<Frames, ImportError> {
        let text = raw.get();
        let bad = |why: &str| {
            error_at(
                self.text,
                raw,
                format!("clip {} of \"program\": \"{key}\": {text} {why}", clip + 1),
            )
        };
        let seconds = Ratio::parse_decimal(text).map_err(|e| match e {
            TimeError::Overflow => bad("is too large"),
            _ => bad("is not a number of seconds"),
        })?;
        if seconds < Ratio::ZERO {
            return Err(bad("is negative"));
        }
        let rounded = self
            .rate
            .frames_from_seconds(seconds, Rounding::Nearest)
            .map_err(|_| bad("is too large"))?;
        if !rounded.is_exact() {
            self.inexact += 1;
        }
        Ok(rounded.value)
    }
}

fn string_value(raw: &RawValue) -> Option<String> {
    serde_json::from_str::<String>(raw.get()).ok()
}

/// One clip of "program" as an event starting at `at`.
fn clip_event(
    text: &str,
    clip: &BTreeMap<String, &RawValue>,
    n: usize,
    at: Frames,
    seconds: &mut Seconds<'_>,
) -> Result<Event, ImportError> {
    // A clip's first value stands for the clip when a key is missing.
    let clip_at = clip.values().next().copied();
    let missing = |message: String| match clip_at {
        Some(raw) => error_at(text, raw, message),
        None => ImportError::whole(message),
    };
    let required = |key: &str| {
        clip.get(key)
            .copied()
            .ok_or_else(|| missing(format!("clip {} of \"program\" has no \"{key}\"", n + 1)))
    };
    let in_point = seconds.frames(required("in")?, "in", n)?;
    let out_point = seconds.frames(required("out")?, "out", n)?;
    let media = seconds.frames(required("duration")?, "duration", n)?;
    let source_raw = required("source")?;
    let source = string_value(source_raw).ok_or_else(|| {
        let message = format!("clip {} of \"program\": \"source\" is not text", n + 1);
        error_at(text, source_raw, message)
    })?;
    let mut extra = Extra::new();
    for (key, raw) in clip {
        if !matches!(key.as_str(), "in" | "out" | "duration" | "source" | "title") {
            let value = serde_json::from_str(raw.get()).map_err(|e| json_error(&e))?;
            extra.insert(key.clone(), value);
        }
    }
    let title = clip
        .get("title")
        .and_then(|r| string_value(r))
        .unwrap_or_else(|| title_from_source(&source).to_owned());
    let kind = extra
        .get("category")
        .and_then(|c| c.as_str())
        .and_then(EventKind::parse)
        .unwrap_or_default();
    let duration = out_point - in_point;
    let mut event = Event::new(format!("clip{:05}", n + 1), at, duration, title, kind);
    event.source = Some(source);
    event.in_point = Some(in_point);
    event.out_point = Some(out_point);
    event.media_duration = Some(media);
    event.extra = extra;
    Ok(event)
}

/// Reads one ffplayout playlist (one broadcast day) as a schedule.
pub fn read(
    text: &str,
    options: &ImportOptions,
) -> Result<(Library, Vec<ImportWarning>), ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let doc: Document<'_> = serde_json::from_str(text).map_err(|e| json_error(&e))?;
    let mut warnings = Vec::new();
    let date: Date = doc.date.parse().map_err(|_| {
        ImportError::whole(format!(
            "\"date\": \"{}\" is not a date like 2026-03-28",
            doc.date
        ))
    })?;
    if doc.program.len() > options.limits.max_elements {
        return Err(ImportError::whole(format!(
            "the playlist has more than {} clips",
            options.limits.max_elements
        )));
    }
    let channel = options.channel(doc.channel.as_deref(), &mut warnings);
    let (day_start, length) = DayClock::new(&channel, date)
        .map(|clock| (clock.origin(), clock.length()))
        .map_err(|e| ImportError::whole(e.to_string()))?;
    let mut seconds = Seconds {
        text,
        rate: channel.rate,
        inexact: 0,
    };
    let mut events = Vec::with_capacity(doc.program.len());
    let mut at = Frames::ZERO;
    let mut problems = Problems::default();
    for (n, clip) in doc.program.iter().enumerate() {
        if let Some(event) = problems.keep(clip_event(text, clip, n, at, &mut seconds))? {
            at += event.duration.unwrap_or(Frames::ZERO).max(Frames::ZERO);
            events.push(event);
        }
    }
    problems.finish()?;
    if seconds.inexact > 0 {
        warnings.push(ImportWarning::whole(format!(
            "{} value(s) were not a whole number of frames at {} and were rounded to the nearest frame",
            seconds.inexact, channel.rate
        )));
    }
    let schedule = Schedule {
        id: format!("ffplayout-{date}"),
        name: format!("{} {date}", channel.name),
        channel,
        origin: day_start,
        length,
        events,
        extra: Extra::new(),
    };
    Ok((
        Library {
            schedules: vec![schedule],
            playlists: Vec::new(),
        },
        warnings,
    ))
}

fn seconds_text(rate: FrameRate, frames: Frames) -> String {
    rate.seconds(frames).to_decimal(6)
}

/// Writes one ffplayout playlist per broadcast day the schedule covers.
pub fn write(schedule: &Schedule) -> Result<Vec<ExportFile>, String> {
    let channel = &schedule.channel;
    let rate = channel.rate;
    let mut days: BTreeMap<Date, Vec<&Event>> = BTreeMap::new();
    for event in &schedule.events {
        let instant = channel
            .instant_after(schedule.origin, event.start)
            .map_err(|e| e.to_string())?;
        let day = channel.locate(instant).map_err(|e| e.to_string())?.day;
        days.entry(day).or_default().push(event);
    }
    let mut files = Vec::with_capacity(days.len());
    for (day, events) in days {
        let mut out = String::new();
        let _ = write!(
            out,
            "{{\n  \"channel\": {},\n  \"date\": \"{day}\",\n  \"program\": [",
            json_string(&channel.name)
        );
        for (i, e) in events.iter().enumerate() {
            let length = e.duration.unwrap_or(Frames::ZERO);
            let in_point = e.in_point.unwrap_or(Frames::ZERO);
            let out_point = e.out_point.unwrap_or(in_point + length);
            let media = e.media_duration.unwrap_or(out_point);
            let source = e.source.as_deref().unwrap_or_default();
            let sep = if i == 0 { "" } else { "," };
            let _ = write!(
                out,
                "{sep}\n    {{\"in\": {}, \"out\": {}, \"duration\": {}, \"source\": {}",
                seconds_text(rate, in_point),
                seconds_text(rate, out_point),
                seconds_text(rate, media),
                json_string(source),
            );
            // A clip without a title was given its file name; writing that back would add a key.
            if e.title != title_from_source(source) {
                let _ = write!(out, ", \"title\": {}", json_string(&e.title));
            }
            if e.kind != EventKind::Programme && !e.extra.contains_key("category") {
                let _ = write!(out, ", \"category\": {}", json_string(e.kind.as_str()));
            }
            for (k, v) in &e.extra {
                let _ = write!(out, ", {}: {v}", json_string(k));
            }
            out.push('}');
        }
        out.push_str("\n  ]\n}\n");
        files.push(ExportFile {
            name: format!("{day}.json"),
            mime: "application/json",
            text: out,
        });
    }
    Ok(files)
}

/// The title a clip without one is shown with: its file name.
fn title_from_source(source: &str) -> &str {
    source.rsplit(['/', '\\']).next().unwrap_or(source)
}

fn json_string(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}

#[cfg(test)]
mod tests;
