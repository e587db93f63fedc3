//! CSV running orders, in two layouts:
//! - generic: a header row naming the columns (`id, start, duration, title, kind, source,
//!   start_mode, in, out, notes`; `end` may stand for `duration`); other columns are kept;
//! - Cinegy-style ([`CsvPreset::Cinegy`]): no header, `start, duration, flags, id, name, …`
//!   with `HH;MM;SS;FF` times and flags `C` (fixed clock start), `J` (join: follows) and
//!   `M` (manual).
//!
//! A start is a time of day on the broadcast day given in the options: hours may pass 24, and
//! a time before the day start belongs to the next calendar day. An empty start means the item
//! follows the previous one. Durations and in/out points are timecode at the channel's rate.

use std::collections::BTreeSet;

use super::clock::{format_time_of_day, parse_time_of_day, DayClock, Hours, RepeatedTimes};
use super::registry::{CsvPreset, ExportFile, ImportOptions, RepeatedHour};
use super::{value_problem, ImportError, Problems};
use crate::format::ImportWarning;
use crate::model::{Event, EventKind, Extra, Library, Schedule, StartMode};
use crate::time::{FrameRate, Frames, Rounding, Timecode};

const KEPT: &str = "csv:";

/// The generic layout's known columns, and the names they may go by.
fn column_role(header: &str) -> Option<&'static str> {
    Some(
        match header
            .trim()
            .to_ascii_lowercase()
            .replace([' ', '-'], "_")
            .as_str()
        {
            "id" | "event_id" | "house_number" => "id",
            "start" | "start_time" | "time" => "start",
            "duration" | "length" | "dur" => "duration",
            "end" | "end_time" => "end",
            "title" | "name" => "title",
            "kind" | "type" => "kind",
            "source" | "file" | "path" | "media" => "source",
            "start_mode" | "mode" => "start_mode",
            "in" | "in_point" | "som" => "in",
            "out" | "out_point" => "out",
            "notes" | "note" | "comment" => "notes",
            _ => return None,
        },
    )
}

fn err(line: u64, message: impl Into<String>) -> ImportError {
    ImportError::at(usize::try_from(line).unwrap_or(0), 1, message)
}

/// The Cinegy layout's columns by position.
const CINEGY_ROLES: [&str; 5] = ["start", "duration", "start_mode", "id", "title"];

/// Line and column (1-based, in characters) where field `index` of a record begins; the record
/// starts at byte `start`, on line `line`. Quoted fields may hold commas and line breaks.
fn field_place(text: &str, start: usize, line: usize, index: usize) -> (usize, usize) {
    let (mut line, mut column, mut field, mut quoted) = (line, 1, 0, false);
    for c in text.get(start..).unwrap_or_default().chars() {
        if field == index {
            break;
        }
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => field += 1,
            '\n' if !quoted => break,
            '\n' => {
                line += 1;
                column = 0;
            }
            _ => {}
        }
        column += 1;
    }
    (line, column)
}

/// One record's place in the file, to point a problem at the column it is in.
struct Place<'a> {
    text: &'a str,
    record: &'a csv::StringRecord,
    roles: &'a [Option<&'static str>],
}

impl Place<'_> {
    fn line(&self) -> u64 {
        self.record.position().map_or(0, |p| p.line())
    }

    /// A problem with the field of this role, at that field.
    fn err(&self, role: &str, message: impl Into<String>) -> ImportError {
        let line = usize::try_from(self.line()).unwrap_or(0);
        let (line, column) = match (
            self.record.position(),
            self.roles.iter().position(|r| *r == Some(role)),
        ) {
            (Some(p), Some(index)) => field_place(
                self.text,
                usize::try_from(p.byte()).unwrap_or(usize::MAX),
                line,
                index,
            ),
            _ => (line, 1),
        };
        ImportError::at(line, column, message)
    }
}

fn timecode(
    text: &str,
    rate: FrameRate,
    place: &Place<'_>,
    what: &str,
) -> Result<Frames, ImportError> {
    let text = text.trim();
    // Cinegy writes every separator as ';'; at a non-drop rate read it as ':'.
    let normalized = if rate.is_drop_frame() {
        text.to_owned()
    } else {
        text.replace(';', ":")
    };
    Timecode::parse(&normalized, rate)
        .and_then(|tc| tc.to_frames(rate))
        .map_err(|e| place.err(what, value_problem(what, text, &e)))
}

fn start_mode(text: &str, place: &Place<'_>) -> Result<StartMode, ImportError> {
    Ok(match text.trim().to_ascii_lowercase().as_str() {
        "" | "follow" | "j" | "join" => StartMode::Follow,
        "fixed" | "hard" | "c" | "clock" => StartMode::Fixed,
        "manual" | "m" => StartMode::Manual,
        other => {
            return Err(place.err(
                "start_mode",
                format!("start mode '{other}' is not follow, fixed or manual"),
            ))
        }
    })
}

/// One row, whatever the layout.
#[derive(Default)]
struct Row {
    id: Option<String>,
    start: Option<String>,
    duration: Option<String>,
    end: Option<String>,
    title: String,
    kind: Option<String>,
    source: Option<String>,
    mode: Option<String>,
    in_point: Option<String>,
    out_point: Option<String>,
    notes: String,
    extra: Extra,
}

fn generic_row(headers: &[String], record: &csv::StringRecord) -> Row {
    let mut row = Row::default();
    for (header, value) in headers.iter().zip(record.iter()) {
        let owned = || Some(value.to_owned()).filter(|v| !v.trim().is_empty());
        match column_role(header) {
            Some("id") => row.id = owned(),
            Some("start") => row.start = owned(),
            Some("duration") => row.duration = owned(),
            Some("end") => row.end = owned(),
            Some("title") => row.title = value.to_owned(),
            Some("kind") => row.kind = owned(),
            Some("source") => row.source = owned(),
            Some("start_mode") => row.mode = owned(),
            Some("in") => row.in_point = owned(),
            Some("out") => row.out_point = owned(),
            Some("notes") => row.notes = value.to_owned(),
            _ => {
                row.extra.insert(format!("{KEPT}{header}"), value.into());
            }
        }
    }
    row
}

fn cinegy_row(record: &csv::StringRecord) -> Row {
    let field = |i: usize| {
        record
            .get(i)
            .map(str::to_owned)
            .filter(|v| !v.trim().is_empty())
    };
    let flags = field(2).unwrap_or_default().to_ascii_uppercase();
    let mode = if flags.contains('C') {
        "fixed"
    } else if flags.contains('M') {
        "manual"
    } else {
        "follow"
    };
    let mut extra = Extra::new();
    if !flags.is_empty() {
        extra.insert(format!("{KEPT}flags"), flags.clone().into());
    }
    for (i, value) in record.iter().enumerate().skip(5) {
        extra.insert(format!("{KEPT}col{}", i + 1), value.into());
    }
    Row {
        start: field(0),
        duration: field(1),
        mode: Some(mode.into()),
        id: field(3),
        title: record.get(4).unwrap_or_default().to_owned(),
        extra,
        ..Row::default()
    }
}

/// What reading the rows needs to know of the day.
struct Rows<'a> {
    clock: &'a DayClock<'a>,
    rate: FrameRate,
    repeated_hour: RepeatedHour,
}

/// What the rows add up to, for the import's warnings.
#[derive(Default)]
struct Tally {
    /// Times that fell between frames.
    inexact: usize,
    /// Whether any row says when it starts (or ends); a file with none has no times at all.
    timed: bool,
    repeated: RepeatedTimes,
}

impl Rows<'_> {
    /// One row as an event starting at `at` unless it says otherwise; `id` if it has none.
    fn event(
        &self,
        row: Row,
        id: String,
        at: Frames,
        place: &Place<'_>,
        tally: &mut Tally,
    ) -> Result<Event, ImportError> {
        let (rate, line) = (self.rate, place.line());
        tally.timed |= row.start.is_some() || row.end.is_some();
        let start = match &row.start {
            Some(text) => {
                let tod = parse_time_of_day(text, rate).ok_or_else(|| {
                    place.err(
                        "start",
                        format!("start '{text}' is not a time of day like 18:00:00:00"),
                    )
                })?;
                let (r, twice) = self
                    .clock
                    .frames_in(tod, self.repeated_hour)
                    .map_err(|e| place.err("start", e.to_string()))?;
                tally
                    .repeated
                    .note(twice, || (line as usize, format!("line {line}")));
                tally.inexact += usize::from(!r.is_exact());
                r.value
            }
            None => at,
        };
        let duration = match (&row.duration, &row.end) {
            (Some(d), _) => timecode(d, rate, place, "duration")?,
            (None, Some(end)) => {
                let tod = parse_time_of_day(end, rate)
                    .ok_or_else(|| place.err("end", format!("end '{end}' is not a time of day")))?;
                let (r, twice) = self
                    .clock
                    .frames_in(tod, self.repeated_hour)
                    .map_err(|e| place.err("end", e.to_string()))?;
                tally
                    .repeated
                    .note(twice, || (line as usize, format!("line {line} (its end)")));
                r.value - start
            }
            (None, None) => return Err(err(line, "the row has no duration")),
        };
        let kind = match &row.kind {
            Some(k) => EventKind::parse(k).ok_or_else(|| place.err("kind", format!("kind '{k}' is not one ScheduleFlow knows (programme, commercial, promo, ident, filler, live)")))?,
            None => EventKind::Programme,
        };
        let mode = match &row.mode {
            Some(m) => start_mode(m, place)?,
            None if row.start.is_some() && start != at => StartMode::Fixed,
            None => StartMode::Follow,
        };
        let mut event = Event::new(row.id.unwrap_or(id), start, duration, row.title, kind);
        event.source = row.source;
        event.start_mode = mode;
        event.in_point = row
            .in_point
            .as_deref()
            .map(|t| timecode(t, rate, place, "in"))
            .transpose()?;
        event.out_point = row
            .out_point
            .as_deref()
            .map(|t| timecode(t, rate, place, "out"))
            .transpose()?;
        event.notes = row.notes;
        event.extra = row.extra;
        Ok(event)
    }
}

/// Reads a CSV running order as a schedule on the options' broadcast day.
pub fn read(
    text: &str,
    options: &ImportOptions,
) -> Result<(Library, Vec<ImportWarning>), ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let date = options.date.ok_or_else(|| {
        ImportError::whole("a CSV running order has no dates: give the broadcast day it is for")
    })?;
    let mut warnings = Vec::new();
    let channel = options.channel(None, &mut warnings);
    let rate = channel.rate;
    let clock = DayClock::new(&channel, date).map_err(|e| ImportError::whole(e.to_string()))?;
    let cinegy = options.csv_preset == CsvPreset::Cinegy;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(!cinegy)
        .flexible(true)
        .from_reader(text.as_bytes());
    let csv_error = |e: csv::Error| {
        let line = e.position().map_or(0, |p| p.line());
        err(line, format!("the CSV is malformed: {e}"))
    };
    let headers: Vec<String> = if cinegy {
        Vec::new()
    } else {
        let h = reader
            .headers()
            .map_err(csv_error)?
            .iter()
            .map(str::to_owned)
            .collect::<Vec<_>>();
        if !h.iter().any(|h| column_role(h) == Some("title"))
            || !h
                .iter()
                .any(|h| matches!(column_role(h), Some("duration" | "end")))
        {
            return Err(err(1, "the first row must name the columns, including a title and a duration (or end); for Cinegy-style files choose the Cinegy preset"));
        }
        h
    };
    let roles: Vec<Option<&'static str>> = if cinegy {
        CINEGY_ROLES.iter().copied().map(Some).collect()
    } else {
        headers.iter().map(|h| column_role(h)).collect()
    };
    let rows = Rows {
        clock: &clock,
        rate,
        repeated_hour: options.repeated_hour,
    };
    let mut tally = Tally::default();
    let mut problems = Problems::default();
    let mut events: Vec<Event> = Vec::new();
    let mut at = Frames::ZERO;
    for record in reader.records() {
        let record = record.map_err(csv_error)?;
        let line = record.position().map_or(0, |p| p.line());
        if record
            .iter()
            .any(|f| f.len() > options.limits.max_field_bytes)
        {
            return Err(err(
                line,
                format!(
                    "a field is longer than the {}-byte limit",
                    options.limits.max_field_bytes
                ),
            ));
        }
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if events.len() >= options.limits.max_elements {
            return Err(err(line, "too many rows"));
        }
        let row = if cinegy {
            cinegy_row(&record)
        } else {
            generic_row(&headers, &record)
        };
        let place = Place {
            text,
            record: &record,
            roles: &roles,
        };
        let id = format!("row{:05}", events.len() + 1);
        if let Some(event) = problems.keep(rows.event(row, id, at, &place, &mut tally))? {
            at = event.start + event.duration.unwrap_or(Frames::ZERO);
            events.push(event);
        }
    }
    problems.finish()?;
    let Tally {
        inexact,
        timed,
        repeated,
    } = tally;
    if inexact > 0 {
        warnings.push(ImportWarning::whole(format!("{inexact} start time(s) fell between frames at {rate} and were rounded to the nearest frame")));
    }
    warnings.extend(repeated.warning(options.repeated_hour));
    let name = options
        .file_stem()
        .unwrap_or_else(|| "CSV running order".into());
    let (origin, length) = (clock.origin(), clock.length());
    let schedule = Schedule {
        id: format!("csv-{date}"),
        name: format!("{name} {date}"),
        channel,
        origin,
        length,
        events,
        extra: Extra::new(),
    };
    if timed {
        return Ok((
            Library {
                schedules: vec![schedule],
                playlists: Vec::new(),
            },
            warnings,
        ));
    }
    Ok((
        crate::format::m3u::untimed(schedule, &name, options),
        warnings,
    ))
}

/// Writes a schedule as CSV in the given layout.
pub fn write(schedule: &Schedule, preset: CsvPreset) -> Result<ExportFile, String> {
    let channel = &schedule.channel;
    let rate = channel.rate;
    let origin_day = channel
        .locate(schedule.origin)
        .map_err(|e| e.to_string())?
        .day;
    let clock = DayClock::new(channel, origin_day).map_err(|e| e.to_string())?;
    let offset = channel
        .frames_between(clock.origin(), schedule.origin, Rounding::Nearest)
        .map_err(|e| e.to_string())?
        .value;
    let tc = |f: Frames| Timecode::format_frames(f, rate);
    let mut writer = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    let kept: BTreeSet<&str> = schedule
        .events
        .iter()
        .flat_map(|e| e.extra.keys())
        .filter_map(|k| k.strip_prefix(KEPT))
        .filter(|k| preset == CsvPreset::Generic || *k != "flags")
        .collect();
    let mut previous_end: Option<Frames> = None;
    let io = |e: csv::Error| e.to_string();
    if preset == CsvPreset::Generic {
        let mut header = vec![
            "id",
            "start",
            "duration",
            "title",
            "kind",
            "source",
            "start_mode",
            "in",
            "out",
            "notes",
        ];
        header.extend(kept.iter().copied());
        writer.write_record(&header).map_err(io)?;
    }
    for e in &schedule.events {
        let start_text = format_time_of_day(&clock, channel, offset + e.start, Hours::Continued)
            .map_err(|e| e.to_string())?;
        let duration = e.duration.map(tc).unwrap_or_default();
        let kept_value = |k: &str| {
            e.extra
                .get(&format!("{KEPT}{k}"))
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_owned()
        };
        let mut record: Vec<String> = match preset {
            CsvPreset::Generic => vec![
                e.id.to_string(),
                start_text,
                duration,
                e.title.clone(),
                e.kind.as_str().into(),
                e.source.clone().unwrap_or_default(),
                e.start_mode.as_str().into(),
                e.in_point.map(tc).unwrap_or_default(),
                e.out_point.map(tc).unwrap_or_default(),
                e.notes.clone(),
            ],
            CsvPreset::Cinegy => {
                // An empty start means "where the previous item ends"; a fixed item keeps its time.
                let follows = e.start_mode != StartMode::Fixed && previous_end == Some(e.start);
                let flag = match e.start_mode {
                    StartMode::Fixed => "C",
                    StartMode::Manual => "M",
                    StartMode::Follow => "J",
                };
                let semi = |t: String| {
                    if rate.is_drop_frame() {
                        t
                    } else {
                        t.replace(':', ";")
                    }
                };
                vec![
                    if follows {
                        String::new()
                    } else {
                        semi(start_text)
                    },
                    semi(duration),
                    flag.into(),
                    e.id.to_string(),
                    e.title.clone(),
                ]
            }
        };
        record.extend(kept.iter().map(|k| kept_value(k)));
        writer.write_record(&record).map_err(io)?;
        previous_end = e.end();
    }
    let bytes = writer.into_inner().map_err(|e| e.to_string())?;
    Ok(ExportFile {
        name: String::new(),
        mime: "text/csv",
        text: String::from_utf8_lossy(&bytes).into_owned(),
    })
}

#[cfg(test)]
mod tests;
