//! BXF (SMPTE ST 2021) schedules, the primary-event subset: `ScheduledEvent` with `EventId`,
//! `StartDateTime/SmpteDateTime@broadcastDate` + `SmpteTimeCode` (a time of day on that
//! broadcast day), `LengthOption/Duration/SmpteDuration`, `StartMode` (Follow, Fixed, Manual),
//! and `Content` (`Name`, `ContentId/HouseNumber`).
//!
//! `frameRate` is read from `SmpteDuration` or `SmpteDateTime` and always written on both.
//! Every `ScheduledEvent` an import reads is kept whole; export writes it back with only the
//! fields ScheduleFlow owns changed, so elements it does not use (transitions, media, secondary
//! events…) survive a round trip in place.

mod write;

pub use write::write;

use jiff::civil::Date;

use super::clock::{parse_time_of_day, DayClock, RepeatedTimes};
use super::registry::ImportOptions;
use super::xml::{to_xml, Item, XmlElement, XmlReader};
use super::{value_problem, ImportError, Problems};
use crate::channel::Channel;
use crate::format::ImportWarning;
use crate::model::{Event, EventKind, Extra, Library, Schedule, StartMode};
use crate::time::{FrameRate, Frames, Rounding, Timecode};

/// The whole `ScheduledEvent` as imported.
pub(crate) const KEPT_EVENT: &str = "bxf:scheduled-event";
/// The secondary (`NonPrimary`) events that follow a primary event, kept with it as written.
pub(crate) const KEPT_SECONDARY: &str = "bxf:secondary-events";
/// The `<Schedule>` element's attributes and the children that are not events.
pub(crate) const KEPT_SCHEDULE_ATTRS: &str = "bxf:schedule-attrs";
pub(crate) const KEPT_SCHEDULE_CHILDREN: &str = "bxf:schedule-children";

/// One `ScheduledEvent`'s fields, before frames are counted from the schedule's origin.
struct Parsed {
    id: String,
    title: String,
    house_number: Option<String>,
    kind: EventKind,
    date: Date,
    time: String,
    rate: Option<FrameRate>,
    duration: Option<String>,
    start_mode: StartMode,
    xml: String,
    offset: usize,
    /// The secondary events that follow it, as written.
    secondary: Vec<String>,
}

fn rate_attr(el: Option<&XmlElement<'_>>) -> Option<(String, bool)> {
    let el = el?;
    let rate = el.attr("frameRate")?.to_owned();
    let df = el
        .child_text("SmpteTimeCode")
        .is_some_and(|t| t.contains(';'));
    Some((rate, df))
}

/// Whether a `ScheduledEvent` is a secondary event (a logo, a caption, a trigger) that rides on
/// the primary event before it rather than taking air time of its own.
fn is_secondary(el: &XmlElement<'_>) -> bool {
    let Some(data) = el.descendant("EventData") else {
        return false;
    };
    data.attr("eventType")
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("NonPrimary"))
        || (data.descendant("NonPrimaryEvent").is_some()
            && data.descendant("PrimaryEvent").is_none())
}

fn parse_event(reader: &XmlReader<'_>, el: &XmlElement<'_>) -> Result<Parsed, ImportError> {
    let err = |m: String| reader.error_at(el.offset, m);
    // Vendors wrap EventData and Content in elements of their own; they are read wherever
    // they are, and the wrappers stay in the kept element for writing back.
    let data = el
        .descendant("EventData")
        .ok_or_else(|| err("<ScheduledEvent> has no <EventData>".into()))?;
    let id = data
        .child("EventId")
        .and_then(|e| e.child_text("EventId").or(Some(e.text.as_ref())))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| err("<EventData> has no <EventId>".into()))?
        .to_owned();
    let date_time = data
        .child("StartDateTime")
        .and_then(|s| s.child("SmpteDateTime"))
        .ok_or_else(|| {
            err(format!(
                "event '{id}' has no <StartDateTime><SmpteDateTime>"
            ))
        })?;
    let date: Date = date_time
        .attr("broadcastDate")
        .and_then(|d| d.trim().parse().ok())
        .ok_or_else(|| {
            err(format!(
                "event '{id}': broadcastDate must be a date like 2026-03-28"
            ))
        })?;
    let time = date_time
        .child_text("SmpteTimeCode")
        .ok_or_else(|| err(format!("event '{id}' has no start <SmpteTimeCode>")))?
        .trim()
        .to_owned();
    let duration_el = data
        .child("LengthOption")
        .and_then(|l| l.child("Duration"))
        .and_then(|d| d.child("SmpteDuration"));
    let rate = rate_attr(duration_el)
        .or_else(|| rate_attr(Some(date_time)))
        .map(|(r, df)| {
            FrameRate::parse(&r, df)
                .map_err(|e| err(format!("event '{id}': frameRate=\"{r}\": {e}")))
        })
        .transpose()?;
    let start_mode = match data.child_text("StartMode").map(str::trim) {
        Some("Fixed") => StartMode::Fixed,
        Some("Manual") => StartMode::Manual,
        _ => StartMode::Follow,
    };
    let primary = data.child("PrimaryEvent");
    let kind = if primary.and_then(|p| p.child("NonProgramEvent")).is_some() {
        EventKind::Commercial
    } else {
        EventKind::Programme
    };
    let content = el.descendant("Content");
    let title = content
        .and_then(|c| c.child_text("Name"))
        .or_else(|| data.child_text("EventTitle"))
        .or_else(|| {
            primary
                .and_then(|p| p.child("ProgramEvent"))
                .and_then(|p| p.child_text("ProgramName"))
        })
        .unwrap_or_default()
        .trim()
        .to_owned();
    Ok(Parsed {
        id,
        title,
        house_number: content
            .and_then(|c| c.child("ContentId"))
            .and_then(|c| c.child_text("HouseNumber"))
            .map(|h| h.trim().to_owned()),
        kind,
        date,
        time,
        rate,
        duration: duration_el
            .and_then(|d| d.child_text("SmpteTimeCode"))
            .map(|t| t.trim().to_owned()),
        start_mode,
        xml: to_xml(el),
        offset: el.offset,
        secondary: Vec::new(),
    })
}

/// The names a `<Schedule>` gives: its channel's and its own.
#[derive(Default)]
struct Names {
    channel: Option<String>,
    schedule: Option<String>,
}

/// What a `<Schedule>` holds besides its events, kept for writing back.
#[derive(Default)]
struct ScheduleParts {
    /// The `<Schedule>` element's attributes.
    attrs: Vec<(String, String)>,
    /// Its other children, as written (secondary events before any primary one among them).
    kept: Vec<String>,
    names: Names,
}

/// Builds a schedule from one `<Schedule>`'s events.
fn assemble(
    reader: &XmlReader<'_>,
    parsed: Vec<Parsed>,
    schedule: ScheduleParts,
    options: &ImportOptions,
    warnings: &mut Vec<ImportWarning>,
    problems: &mut Problems,
) -> Result<Option<Schedule>, ImportError> {
    let Some(first) = parsed.first() else {
        return Ok(None);
    };
    let ScheduleParts { attrs, kept, names } = schedule;
    let mut opts = options.clone();
    if let Some(rate) = first.rate {
        opts.rate = Some(rate);
    }
    let channel: Channel = opts.channel(
        names.channel.as_deref().or(names.schedule.as_deref()),
        warnings,
    );
    let rate = channel.rate;
    let channel_err = |e: crate::channel::ChannelError| ImportError::whole(e.to_string());
    let first_day = parsed.iter().map(|p| p.date).min().unwrap_or(first.date);
    let last_day = parsed.iter().map(|p| p.date).max().unwrap_or(first.date);
    let origin = channel.day_start_instant(first_day).map_err(channel_err)?;
    let end = channel
        .day_start_instant(
            last_day
                .tomorrow()
                .map_err(|e| ImportError::whole(e.to_string()))?,
        )
        .map_err(channel_err)?;
    let length = channel
        .frames_between(origin, end, Rounding::Floor)
        .map_err(channel_err)?
        .value;
    let mut events = Vec::with_capacity(parsed.len());
    let mut inexact = 0;
    let mut repeated = RepeatedTimes::default();
    // One event; a problem with it is noted and the others are still read.
    let mut one = |p: Parsed| -> Result<Event, ImportError> {
        let err = |m: String| reader.error_at(p.offset, m);
        if p.rate.is_some_and(|r| r != rate) {
            return Err(err(format!(
                "event '{}' is at {} but the schedule is at {rate}",
                p.id,
                p.rate.map(|r| r.to_string()).unwrap_or_default()
            )));
        }
        let clock = DayClock::new(&channel, p.date).map_err(channel_err)?;
        let tod = parse_time_of_day(&p.time, rate).ok_or_else(|| {
            err(format!(
                "event '{}': start '{}' is not a time code like 06:00:00:00",
                p.id, p.time
            ))
        })?;
        let (within, twice) = clock
            .frames_in(tod, options.repeated_hour)
            .map_err(channel_err)?;
        repeated.note(twice, || {
            let at = reader.error_at(p.offset, String::new());
            (at.line, format!("line {} (event '{}')", at.line, p.id))
        });
        inexact += usize::from(!within.is_exact());
        let day_offset = channel
            .frames_between(origin, clock.origin(), Rounding::Nearest)
            .map_err(channel_err)?
            .value;
        let duration = p
            .duration
            .as_deref()
            .map(|d| {
                Timecode::parse(d, rate)
                    .and_then(|tc| tc.to_frames(rate))
                    .map_err(|e| {
                        err(format!(
                            "event '{}': {}",
                            p.id,
                            value_problem("duration", d, &e)
                        ))
                    })
            })
            .transpose()?;
        let mut event = Event::new(
            p.id,
            day_offset + within.value,
            Frames::ZERO,
            p.title,
            p.kind,
        );
        event.duration = duration;
        event.source = p.house_number;
        event.start_mode = p.start_mode;
        event.extra.insert(KEPT_EVENT.into(), p.xml.into());
        if !p.secondary.is_empty() {
            event
                .extra
                .insert(KEPT_SECONDARY.into(), p.secondary.into());
        }
        Ok(event)
    };
    for p in parsed {
        events.extend(problems.keep(one(p))?);
    }
    if inexact > 0 {
        warnings.push(ImportWarning::whole(format!(
            "{inexact} start(s) fell between frames at {rate} and were rounded"
        )));
    }
    warnings.extend(repeated.warning(options.repeated_hour));
    let mut extra = Extra::new();
    if !attrs.is_empty() {
        let map: serde_json::Map<String, serde_json::Value> =
            attrs.into_iter().map(|(k, v)| (k, v.into())).collect();
        extra.insert(KEPT_SCHEDULE_ATTRS.into(), map.into());
    }
    if !kept.is_empty() {
        extra.insert(KEPT_SCHEDULE_CHILDREN.into(), kept.into());
    }
    let id = extra
        .get(KEPT_SCHEDULE_ATTRS)
        .and_then(|a| a.get("ScheduleId").or_else(|| a.get("scheduleId")))
        .and_then(|v| v.as_str())
        .map_or_else(|| format!("bxf-{first_day}"), str::to_owned);
    Ok(Some(Schedule {
        id,
        name: names
            .schedule
            .unwrap_or_else(|| format!("{} {first_day}", channel.name)),
        channel,
        origin,
        length,
        events,
        extra,
    }))
}

/// Reads a BXF message: one schedule per `<Schedule>` element.
pub fn read(
    text: &str,
    options: &ImportOptions,
) -> Result<(Library, Vec<ImportWarning>), ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = XmlReader::new(text, options.limits)?;
    let mut warnings = Vec::new();
    let mut library = Library::default();
    let mut depth = 0usize;
    let mut schedule_depth = None;
    let mut parsed: Vec<Parsed> = Vec::new();
    let mut parts = ScheduleParts::default();
    let mut problems = Problems::default();
    let is_record = |n: &str| matches!(n, "ScheduledEvent" | "Channel" | "ScheduleName");
    while let Some(item) = reader.next_item(&is_record)? {
        match item {
            Item::Open(el) => {
                depth += 1;
                if depth == 1 {
                    reader.check_root(&el, "BxfMessage", "BXF")?;
                }
                if el.local() == "Schedule" {
                    schedule_depth = Some(depth);
                    parts.attrs = el
                        .attrs
                        .iter()
                        .map(|(k, v)| (k.to_string(), v.to_string()))
                        .collect();
                }
            }
            Item::Record(el) => match el.local() {
                "ScheduledEvent" if is_secondary(&el) => match parsed.last_mut() {
                    Some(primary) => primary.secondary.push(to_xml(&el)),
                    // Before any primary event: kept with the schedule, written first.
                    None => parts.kept.push(to_xml(&el)),
                },
                "ScheduledEvent" => parsed.extend(problems.keep(parse_event(&reader, &el))?),
                "ScheduleName" if schedule_depth.is_some() => {
                    parts.names.schedule = Some(el.text.trim().to_owned());
                    parts.kept.push(to_xml(&el));
                }
                "Channel" if schedule_depth.is_some() => {
                    parts.names.channel = el.child_text("Name").map(|n| n.trim().to_owned());
                    parts.kept.push(to_xml(&el));
                }
                _ => {}
            },
            Item::Close => {
                if schedule_depth == Some(depth) {
                    schedule_depth = None;
                    let events = std::mem::take(&mut parsed);
                    if let Some(s) = assemble(
                        &reader,
                        events,
                        std::mem::take(&mut parts),
                        options,
                        &mut warnings,
                        &mut problems,
                    )? {
                        library.schedules.push(s);
                    }
                }
                problems.finish()?;
                depth -= 1;
            }
        }
    }
    if library.schedules.is_empty() {
        warnings.push(ImportWarning::whole(
            "the message holds no scheduled events",
        ));
    }
    Ok((library, warnings))
}

#[cfg(test)]
mod tests;
