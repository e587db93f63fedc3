//! XMLTV guides: `<tv><channel id>…</channel><programme start stop channel>…</programme></tv>`,
//! with times as `YYYYMMDDhhmmss ±hhmm`.
//!
//! Import makes one schedule per channel id. The usual `<!DOCTYPE tv SYSTEM "xmltv.dtd">` line
//! is accepted and nothing is ever fetched. Child elements and attributes ScheduleFlow does not
//! use (descriptions, credits, categories, ratings…) are kept and written back in the DTD's
//! order. Export lists programmes and live events (a guide does not list commercials) with the
//! UTC offset in force at each instant, so times are right on both sides of a DST change.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use jiff::civil::DateTime;
use jiff::tz::Offset;
use jiff::Timestamp;

use super::registry::{ExportFile, ImportOptions};
use super::xml::{escape, from_xml, to_xml, Item, XmlElement, XmlReader};
use super::{ImportError, Limits, Problems};
use crate::channel::Channel;
use crate::format::ImportWarning;
use crate::model::{Event, EventKind, Extra, Library, Schedule};
use crate::time::{Frames, Rounding};

/// The programme children in the order the XMLTV DTD requires.
const CHILD_ORDER: [&str; 25] = [
    "title",
    "sub-title",
    "desc",
    "credits",
    "date",
    "category",
    "keyword",
    "language",
    "orig-language",
    "length",
    "icon",
    "url",
    "country",
    "episode-num",
    "video",
    "audio",
    "previously-shown",
    "premiere",
    "last-chance",
    "new",
    "subtitles",
    "rating",
    "star-rating",
    "review",
    "image",
];

const KEPT_CHILDREN: &str = "xmltv:children";
const KEPT_ATTRS: &str = "xmltv:attrs";
const TITLE_LANG: &str = "xmltv:title-lang";
const CHANNEL_ID: &str = "xmltv:channel-id";
const CHANNEL_XML: &str = "xmltv:channel";

/// Parses `20260328060000 +0100` (seconds and offset optional; no offset means UTC).
pub(crate) fn parse_time(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    let (digits, offset) = match text.split_once(' ') {
        Some((d, o)) => (d, Some(o.trim())),
        None => (text, None),
    };
    if !(12..=14).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let num = |r: std::ops::Range<usize>| digits.get(r).and_then(|s| s.parse::<i16>().ok());
    let civil = DateTime::new(
        num(0..4)?,
        i8::try_from(num(4..6)?).ok()?,
        i8::try_from(num(6..8)?).ok()?,
        i8::try_from(num(8..10)?).ok()?,
        i8::try_from(num(10..12)?).ok()?,
        if digits.len() == 14 {
            i8::try_from(num(12..14)?).ok()?
        } else {
            0
        },
        0,
    )
    .ok()?;
    let offset = match offset {
        None => Offset::UTC,
        Some(o) => {
            let (sign, hhmm) = match o.as_bytes().first()? {
                b'+' => (1, &o[1..]),
                b'-' => (-1, &o[1..]),
                _ => return None,
            };
            if hhmm.len() != 4 || !hhmm.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let hours: i32 = hhmm[..2].parse().ok()?;
            let minutes: i32 = hhmm[2..].parse().ok()?;
            Offset::from_seconds(sign * (hours * 3600 + minutes * 60)).ok()?
        }
    };
    offset.to_timestamp(civil).ok()
}

/// `YYYYMMDDhhmmss ±hhmm` in the channel's zone, to the nearest second.
pub(crate) fn format_time(channel: &Channel, instant: Timestamp) -> String {
    let second = Timestamp::from_second(
        (instant.as_nanosecond() + 500_000_000).div_euclid(1_000_000_000) as i64,
    )
    .unwrap_or(instant);
    channel
        .wall_clock(second)
        .strftime("%Y%m%d%H%M%S %z")
        .to_string()
}

struct ChannelInfo {
    name: Option<String>,
    xml: String,
}

struct Programme {
    start: Timestamp,
    stop: Option<Timestamp>,
    title: String,
    extra: Extra,
}

fn read_programme(
    reader: &XmlReader<'_>,
    el: &XmlElement<'_>,
) -> Result<(String, Programme), ImportError> {
    let err = |m: String| reader.error_at(el.offset, m);
    let time = |name: &str| -> Result<Option<Timestamp>, ImportError> {
        el.attr(name)
            .map(|t| {
                parse_time(t).ok_or_else(|| {
                    err(format!(
                        "{name}=\"{t}\" is not an XMLTV time like 20260328060000 +0100"
                    ))
                })
            })
            .transpose()
    };
    let channel = el
        .attr("channel")
        .ok_or_else(|| err("<programme> needs a channel=\"…\" attribute".into()))?
        .to_owned();
    let start =
        time("start")?.ok_or_else(|| err("<programme> needs a start=\"…\" attribute".into()))?;
    let stop = time("stop")?;
    let mut extra = Extra::new();
    let mut title = None;
    let mut kept = Vec::new();
    for child in &el.children {
        if child.local() == "title" && title.is_none() {
            title = Some(child.text.clone());
            if let Some(lang) = child.attr("lang") {
                extra.insert(TITLE_LANG.into(), lang.into());
            }
        } else {
            kept.push(serde_json::Value::from(to_xml(child)));
        }
    }
    if !kept.is_empty() {
        extra.insert(KEPT_CHILDREN.into(), kept.into());
    }
    let attrs: serde_json::Map<String, serde_json::Value> = el
        .attrs
        .iter()
        .filter(|(k, _)| !matches!(k.as_ref(), "start" | "stop" | "channel"))
        .map(|(k, v)| (k.to_string(), v.to_string().into()))
        .collect();
    if !attrs.is_empty() {
        extra.insert(KEPT_ATTRS.into(), attrs.into());
    }
    Ok((
        channel,
        Programme {
            start,
            stop,
            title: title.map(String::from).unwrap_or_default(),
            extra,
        },
    ))
}

/// Reads an XMLTV guide: one schedule per channel.
pub fn read(
    text: &str,
    options: &ImportOptions,
) -> Result<(Library, Vec<ImportWarning>), ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = XmlReader::new(text, options.limits)?;
    let mut channels: BTreeMap<String, ChannelInfo> = BTreeMap::new();
    let mut programmes: BTreeMap<String, Vec<Programme>> = BTreeMap::new();
    let mut depth = 0;
    let mut problems = Problems::default();
    while let Some(item) = reader.next_item(&|n| n == "channel" || n == "programme")? {
        match item {
            Item::Open(el) => {
                depth += 1;
                if depth == 1 {
                    reader.check_root(&el, "tv", "XMLTV")?;
                }
            }
            Item::Close => depth -= 1,
            Item::Record(el) if el.local() == "channel" => {
                let id = el.attr("id").ok_or_else(|| {
                    reader.error_at(el.offset, "<channel> needs an id=\"…\" attribute")
                })?;
                channels.insert(
                    id.to_owned(),
                    ChannelInfo {
                        name: el.child_text("display-name").map(str::to_owned),
                        xml: to_xml(&el),
                    },
                );
            }
            Item::Record(el) => {
                if let Some((channel, programme)) = problems.keep(read_programme(&reader, &el))? {
                    programmes.entry(channel).or_default().push(programme);
                }
            }
        }
    }
    problems.finish()?;
    let mut warnings = Vec::new();
    let mut library = Library::default();
    let mut inexact = 0;
    for (id, mut list) in programmes {
        list.sort_by_key(|p| p.start);
        let info = channels.get(&id);
        let channel = options.channel(
            info.and_then(|i| i.name.as_deref()).or(Some(&id)),
            &mut warnings,
        );
        let err = |e: crate::channel::ChannelError| ImportError::whole(e.to_string());
        let first = channel.locate(list[0].start).map_err(err)?.day;
        let last_instant = list
            .iter()
            .map(|p| p.stop.unwrap_or(p.start))
            .max()
            .unwrap_or(list[0].start);
        let last = channel.locate(last_instant).map_err(err)?;
        let origin = channel.day_start_instant(first).map_err(err)?;
        let end_day = if last.offset_nanos == 0 {
            last.day
        } else {
            last.day
                .tomorrow()
                .map_err(|e| ImportError::whole(e.to_string()))?
        };
        let end = channel.day_start_instant(end_day).map_err(err)?;
        let mut frames = |t: Timestamp| -> Result<Frames, ImportError> {
            let r = channel
                .frames_between(origin, t, Rounding::Nearest)
                .map_err(err)?;
            inexact += usize::from(!r.is_exact());
            Ok(r.value)
        };
        let length = frames(end)?;
        let mut events = Vec::with_capacity(list.len());
        for (n, p) in list.into_iter().enumerate() {
            let start = frames(p.start)?;
            let duration = p
                .stop
                .map(&mut frames)
                .transpose()?
                .map(|stop| stop - start);
            let mut event = Event::new(
                format!("p{:05}", n + 1),
                start,
                Frames::ZERO,
                p.title,
                EventKind::Programme,
            );
            event.duration = duration;
            event.extra = p.extra;
            events.push(event);
        }
        let mut extra = Extra::new();
        extra.insert(CHANNEL_ID.into(), id.clone().into());
        if let Some(info) = info {
            extra.insert(CHANNEL_XML.into(), info.xml.clone().into());
        }
        library.schedules.push(Schedule {
            id: format!("xmltv-{id}"),
            name: format!("{} guide", channel.name),
            channel,
            origin,
            length,
            events,
            extra,
        });
    }
    if inexact > 0 {
        warnings.push(ImportWarning::whole(format!(
            "{inexact} time(s) fell between frames and were rounded to the nearest frame"
        )));
    }
    if library.schedules.is_empty() {
        warnings.push(ImportWarning::whole("the guide lists no programmes"));
    }
    Ok((library, warnings))
}

fn child_rank(name: &str) -> usize {
    CHILD_ORDER
        .iter()
        .position(|c| *c == name)
        .unwrap_or(CHILD_ORDER.len())
}

/// Writes a schedule as an XMLTV guide.
pub fn write(schedule: &Schedule) -> Result<ExportFile, String> {
    let channel = &schedule.channel;
    let id = schedule
        .extra
        .get(CHANNEL_ID)
        .and_then(|v| v.as_str())
        .map(str::to_owned)
        .unwrap_or_else(|| {
            channel
                .name
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() {
                        c.to_ascii_lowercase()
                    } else {
                        '-'
                    }
                })
                .collect()
        });
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE tv SYSTEM \"xmltv.dtd\">\n<tv generator-info-name=\"ScheduleFlow\">\n");
    match schedule.extra.get(CHANNEL_XML).and_then(|v| v.as_str()) {
        Some(xml) => {
            let _ = writeln!(out, "  {xml}");
        }
        None => {
            let _ = writeln!(
                out,
                "  <channel id=\"{}\"><display-name>{}</display-name></channel>",
                escape(&id),
                escape(&channel.name)
            );
        }
    }
    for e in schedule
        .events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Programme | EventKind::Live))
    {
        let start = channel
            .instant_after(schedule.origin, e.start)
            .map_err(|e| e.to_string())?;
        let _ = write!(
            out,
            "  <programme start=\"{}\"",
            format_time(channel, start)
        );
        if let Some(end) = e.end() {
            let stop = channel
                .instant_after(schedule.origin, end)
                .map_err(|e| e.to_string())?;
            let _ = write!(out, " stop=\"{}\"", format_time(channel, stop));
        }
        let _ = write!(out, " channel=\"{}\"", escape(&id));
        if let Some(attrs) = e.extra.get(KEPT_ATTRS).and_then(|v| v.as_object()) {
            for (k, v) in attrs {
                let _ = write!(out, " {}=\"{}\"", k, escape(v.as_str().unwrap_or_default()));
            }
        }
        out.push_str(">\n    <title");
        if let Some(lang) = e.extra.get(TITLE_LANG).and_then(|v| v.as_str()) {
            let _ = write!(out, " lang=\"{}\"", escape(lang));
        }
        let _ = writeln!(out, ">{}</title>", escape(&e.title));
        let mut kept: Vec<XmlElement<'static>> = e
            .extra
            .get(KEPT_CHILDREN)
            .and_then(|v| v.as_array())
            .map(|list| {
                list.iter()
                    .filter_map(|x| x.as_str())
                    .filter_map(|x| from_xml(x, Limits::DEFAULT).ok())
                    .collect()
            })
            .unwrap_or_default();
        // A stable sort keeps the original order among children of the same name.
        kept.sort_by_key(|c| child_rank(c.local()));
        for child in &kept {
            let _ = writeln!(out, "    {}", to_xml(child));
        }
        out.push_str("  </programme>\n");
    }
    out.push_str("</tv>\n");
    Ok(ExportFile {
        name: String::new(),
        mime: "application/xml",
        text: out,
    })
}

#[cfg(test)]
mod tests;
