//! Extended M3U: `#EXTINF:<seconds>[ attributes],<title>` followed by the media's path or URL.
//!
//! Items play back to back from the start of the broadcast day given in the options (an M3U
//! has no dates). A length of `-1` means unknown, which validation flags. `#EXTINF` attributes
//! (`tvg-id="…"`) and other directive lines before an item (`#EXTVLCOPT:…`) are kept.

use std::fmt::Write as _;

use super::clock::DayClock;
use super::registry::{ExportFile, ImportOptions};
use super::{ImportError, Problems};
use crate::format::ImportWarning;
use crate::model::{Event, EventKind, Extra, Library, Schedule};
use crate::time::{FrameRate, Frames, Ratio, Rounding};

const ATTRS: &str = "m3u:attrs";
const LINES: &str = "m3u:lines";

fn err(line: usize, message: impl Into<String>) -> ImportError {
    ImportError::at(line, 1, message)
}

/// A problem with `part`, a piece of the line `raw_line`, at the column where `part` begins.
fn err_in(line: usize, raw_line: &str, part: &str, message: impl Into<String>) -> ImportError {
    let offset = (part.as_ptr() as usize).saturating_sub(raw_line.as_ptr() as usize);
    let column = raw_line
        .get(..offset)
        .map_or(0, |before| before.chars().count())
        + 1;
    ImportError::at(line, column, message)
}

/// An `#EXTINF` length in frames; `None` for `-1` (unknown).
fn extinf_length(
    seconds: &str,
    rate: FrameRate,
    inexact: &mut usize,
    problem: impl Fn(String) -> ImportError,
) -> Result<Option<Frames>, ImportError> {
    if seconds == "-1" {
        return Ok(None);
    }
    let s = Ratio::parse_decimal(seconds)
        .ok()
        .filter(|s| *s >= Ratio::ZERO)
        .ok_or_else(|| {
            problem(format!(
                "#EXTINF length '{seconds}' is not a number of seconds (or -1 for unknown)"
            ))
        })?;
    let r = rate
        .frames_from_seconds(s, Rounding::Nearest)
        .map_err(|_| problem(format!("#EXTINF length '{seconds}' is too large")))?;
    *inexact += usize::from(!r.is_exact());
    Ok(Some(r.value))
}

/// Splits `#EXTINF:` content into seconds, attributes and title, honouring quoted commas.
fn split_extinf(body: &str) -> (&str, &str, &str) {
    let mut in_quotes = false;
    let comma = body.char_indices().find(|&(_, c)| {
        if c == '"' {
            in_quotes = !in_quotes;
        }
        c == ',' && !in_quotes
    });
    let (head, title) = match comma {
        Some((i, _)) => (&body[..i], &body[i + 1..]),
        None => (body, ""),
    };
    let head = head.trim();
    let (seconds, attrs) = head.split_once(char::is_whitespace).unwrap_or((head, ""));
    (seconds, attrs.trim(), title.trim())
}

/// Reads an M3U playlist as a schedule on the options' broadcast day.
pub fn read(
    text: &str,
    options: &ImportOptions,
) -> Result<(Library, Vec<ImportWarning>), ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let date = options.date.ok_or_else(|| {
        ImportError::whole("an M3U playlist has no dates: give the broadcast day it is for")
    })?;
    let mut warnings = Vec::new();
    let channel = options.channel(None, &mut warnings);
    let rate = channel.rate;
    let (day_start, length) = DayClock::new(&channel, date)
        .map(|clock| (clock.origin(), clock.length()))
        .map_err(|e| ImportError::whole(e.to_string()))?;
    let mut events: Vec<Event> = Vec::new();
    let mut pending: Option<(Option<Frames>, String, String)> = None;
    let mut kept_lines: Vec<serde_json::Value> = Vec::new();
    let mut at = Frames::ZERO;
    let mut inexact = 0;
    let mut problems = Problems::default();
    for (n, raw_line) in text.lines().enumerate() {
        let line_no = n + 1;
        let line = raw_line.trim();
        if line.len() > options.limits.max_field_bytes {
            return Err(err(
                line_no,
                format!(
                    "a line of {} bytes is longer than the {}-byte limit",
                    line.len(),
                    options.limits.max_field_bytes
                ),
            ));
        }
        if line.is_empty() || (line_no == 1 && line.starts_with("#EXTM3U")) {
            continue;
        }
        if let Some(body) = line.strip_prefix("#EXTINF:") {
            let (seconds, attrs, title) = split_extinf(body);
            let problem = |message| err_in(line_no, raw_line, seconds, message);
            let Some(duration) =
                problems.keep(extinf_length(seconds, rate, &mut inexact, problem))?
            else {
                continue;
            };
            pending = Some((duration, attrs.to_owned(), title.to_owned()));
        } else if line.starts_with('#') {
            kept_lines.push(raw_line.into());
        } else {
            if events.len() >= options.limits.max_elements {
                return Err(err(line_no, "too many items"));
            }
            let (duration, attrs, title) =
                pending
                    .take()
                    .unwrap_or((None, String::new(), String::new()));
            let title = if title.is_empty() {
                line.rsplit(['/', '\\']).next().unwrap_or(line).to_owned()
            } else {
                title
            };
            let mut event = Event::new(
                format!("item{:05}", events.len() + 1),
                at,
                Frames::ZERO,
                title,
                EventKind::Programme,
            );
            event.duration = duration;
            event.source = Some(line.to_owned());
            let mut extra = Extra::new();
            if !attrs.is_empty() {
                extra.insert(ATTRS.into(), attrs.into());
            }
            if !kept_lines.is_empty() {
                extra.insert(LINES.into(), std::mem::take(&mut kept_lines).into());
            }
            event.extra = extra;
            at += duration.unwrap_or(Frames::ZERO);
            events.push(event);
        }
    }
    problems.finish()?;
    if pending.is_some() {
        warnings.push(ImportWarning::whole(
            "the last #EXTINF line has no path or URL after it and was ignored",
        ));
    }
    if inexact > 0 {
        warnings.push(ImportWarning::whole(format!("{inexact} length(s) were not whole frames at {rate} and were rounded to the nearest frame")));
    }
    let unknown = events.iter().filter(|e| e.duration.is_none()).count();
    if unknown > 0 {
        warnings.push(ImportWarning::whole(format!(
            "{unknown} item(s) have an unknown length (-1)"
        )));
    }
    let name = options.file_stem().unwrap_or_else(|| "M3U playlist".into());
    let schedule = Schedule {
        id: format!("m3u-{date}"),
        name: format!("{name} {date}"),
        channel,
        origin: day_start,
        length,
        events,
        extra: Extra::new(),
    };
    Ok((untimed(schedule, &name, options), warnings))
}

/// A file without times as a one-schedule library, or as a playlist named `name` when the
/// options ask for that.
pub(crate) fn untimed(schedule: Schedule, name: &str, options: &ImportOptions) -> Library {
    if options.untimed_as_playlist {
        let mut playlist = schedule.into_playlist();
        playlist.id = name.to_lowercase().replace(char::is_whitespace, "-");
        playlist.name = name.to_owned();
        Library {
            schedules: Vec::new(),
            playlists: vec![playlist],
        }
    } else {
        Library {
            schedules: vec![schedule],
            playlists: Vec::new(),
        }
    }
}

/// Writes a schedule as an extended M3U playlist.
pub fn write(schedule: &Schedule) -> ExportFile {
    let rate = schedule.channel.rate;
    let mut out = String::from("#EXTM3U\n");
    for e in &schedule.events {
        if let Some(lines) = e.extra.get(LINES).and_then(|v| v.as_array()) {
            for line in lines.iter().filter_map(|l| l.as_str()) {
                let _ = writeln!(out, "{line}");
            }
        }
        let seconds = e
            .duration
            .map_or_else(|| "-1".to_owned(), |d| rate.seconds(d).to_decimal(6));
        let attrs = e
            .extra
            .get(ATTRS)
            .and_then(|v| v.as_str())
            .map(|a| format!(" {a}"))
            .unwrap_or_default();
        // A title cannot hold a line break in M3U.
        let title = e.title.replace(['\r', '\n'], " ");
        let _ = writeln!(out, "#EXTINF:{seconds}{attrs},{title}");
        let _ = writeln!(out, "{}", e.source.as_deref().unwrap_or(e.id.as_str()));
    }
    ExportFile {
        name: String::new(),
        mime: "audio/x-mpegurl",
        text: out,
    }
}

#[cfg(test)]
mod tests;
