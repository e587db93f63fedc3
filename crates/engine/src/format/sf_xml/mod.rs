//! ScheduleFlow XML (`sf-xml`): the native XML format, lossless and versioned. One document holds
//! any number of schedules and playlists, so it is also the "export all" batch file.
//!
//! ```xml
//! <scheduleflow format="scheduleflow-xml" version="1">
//!   <schedule id="…" name="…">
//!     <channel name="…" rate="30000/1001 DF" zone="America/New_York" day-start="06:00:00"/>
//!     <window origin="2026-03-08T11:00:00Z" length="2589408"/>
//!     <event id="…" start="0" duration="900" kind="programme" start-mode="fixed" title="…"
//!            source="…" in="0" out="900" media-duration="1200">
//!       <notes>…</notes>
//!       <extra name="custom_filter">{"vf":"…"}</extra>
//!     </event>
//!   </schedule>
//!   <playlist id="…" name="…" rate="25"><item id="…" title="…" duration="…"/></playlist>
//! </scheduleflow>
//! ```
//! Lengths and positions are frames at the channel's (or playlist's) rate; `extra` holds, as JSON,
//! the fields another format's import did not understand.

use std::fmt::Write as _;

use jiff::Timestamp;

use super::xml::{escape, Item, XmlElement, XmlReader};
use super::{ImportError, Limits, Problems};
use crate::channel::{Channel, DayStart, Zone};
use crate::model::{
    Event, EventId, EventKind, Extra, Library, MediaItem, Playlist, Schedule, StartMode,
};
use crate::time::{FrameRate, Frames};

pub const FORMAT_NAME: &str = "scheduleflow-xml";
pub const VERSION: u32 = 1;

// ---------------------------------------------------------------- writing

fn attr(out: &mut String, name: &str, value: &str) {
    let _ = write!(out, " {name}=\"{}\"", escape(value));
}

fn frames_attr(out: &mut String, name: &str, value: Option<Frames>) {
    if let Some(v) = value {
        let _ = write!(out, " {name}=\"{}\"", v.get());
    }
}

fn write_extra(out: &mut String, indent: &str, extra: &Extra) {
    for (key, value) in extra {
        let _ = writeln!(
            out,
            "{indent}<extra name=\"{}\">{}</extra>",
            escape(key),
            escape(&value.to_string())
        );
    }
}

fn write_event(out: &mut String, e: &Event) {
    out.push_str("    <event");
    attr(out, "id", e.id.as_str());
    let _ = write!(out, " start=\"{}\"", e.start.get());
    frames_attr(out, "duration", e.duration);
    attr(out, "kind", e.kind.as_str());
    attr(out, "start-mode", e.start_mode.as_str());
    attr(out, "title", &e.title);
    if let Some(source) = &e.source {
        attr(out, "source", source);
    }
    frames_attr(out, "in", e.in_point);
    frames_attr(out, "out", e.out_point);
    frames_attr(out, "media-duration", e.media_duration);
    if e.notes.is_empty() && e.extra.is_empty() {
        out.push_str("/>\n");
        return;
    }
    out.push_str(">\n");
    if !e.notes.is_empty() {
        let _ = writeln!(out, "      <notes>{}</notes>", escape(&e.notes));
    }
    write_extra(out, "      ", &e.extra);
    out.push_str("    </event>\n");
}

fn write_schedule(out: &mut String, s: &Schedule) {
    write_schedule_head(out, s);
    for e in &s.events {
        write_event(out, e);
    }
    write_schedule_tail(out, s);
}

/// A schedule's opening tag, channel and window: what comes before its events.
fn write_schedule_head(out: &mut String, s: &Schedule) {
    out.push_str("  <schedule");
    attr(out, "id", &s.id);
    attr(out, "name", &s.name);
    out.push_str(">\n    <channel");
    attr(out, "name", &s.channel.name);
    attr(out, "rate", &s.channel.rate.to_string());
    attr(out, "zone", s.channel.zone.name());
    attr(out, "day-start", &s.channel.day_start.to_string());
    out.push_str("/>\n    <window");
    attr(out, "origin", &s.origin.to_string());
    let _ = writeln!(out, " length=\"{}\"/>", s.length.get());
}

/// What comes after a schedule's events: its kept fields and closing tag.
fn write_schedule_tail(out: &mut String, s: &Schedule) {
    write_extra(out, "    ", &s.extra);
    out.push_str("  </schedule>\n");
}

fn write_playlist(out: &mut String, p: &Playlist) {
    out.push_str("  <playlist");
    attr(out, "id", &p.id);
    attr(out, "name", &p.name);
    attr(out, "rate", &p.rate.to_string());
    out.push_str(">\n");
    for item in &p.items {
        out.push_str("    <item");
        attr(out, "id", &item.id);
        attr(out, "title", &item.title);
        frames_attr(out, "duration", item.duration);
        attr(out, "kind", item.kind.as_str());
        if let Some(source) = &item.source {
            attr(out, "source", source);
        }
        frames_attr(out, "in", item.in_point);
        frames_attr(out, "out", item.out_point);
        if item.extra.is_empty() {
            out.push_str("/>\n");
        } else {
            out.push_str(">\n");
            write_extra(out, "      ", &item.extra);
            out.push_str("    </item>\n");
        }
    }
    write_extra(out, "    ", &p.extra);
    out.push_str("  </playlist>\n");
}

/// Writes a library as an sf-xml document.
pub fn write(library: &Library) -> String {
    let events: usize = library.schedules.iter().map(|s| s.events.len()).sum();
    let mut out = String::with_capacity(256 + events * 200);
    write_document_head(&mut out);
    for s in &library.schedules {
        write_schedule(&mut out, s);
    }
    for p in &library.playlists {
        write_playlist(&mut out, p);
    }
    write_document_tail(&mut out);
    out
}

fn write_document_head(out: &mut String) {
    let _ = writeln!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<scheduleflow format=\"{FORMAT_NAME}\" version=\"{VERSION}\">"
    );
}

fn write_document_tail(out: &mut String) {
    out.push_str("</scheduleflow>\n");
}

/// A one-schedule document's text before and after its events, and each event's text: for
/// writing a big schedule a piece at a time.
pub(crate) fn schedule_around_events(s: &Schedule) -> (String, String) {
    let mut head = String::new();
    write_document_head(&mut head);
    write_schedule_head(&mut head, s);
    let mut tail = String::new();
    write_schedule_tail(&mut tail, s);
    write_document_tail(&mut tail);
    (head, tail)
}

/// One of a library document's schedules before and after its events (without the document's
/// own head and tail).
pub(crate) fn schedule_part_around_events(s: &Schedule) -> (String, String) {
    let mut head = String::new();
    write_schedule_head(&mut head, s);
    let mut tail = String::new();
    write_schedule_tail(&mut tail, s);
    (head, tail)
}

/// A library document's text before its schedules, and after them: its playlists and end.
pub(crate) fn library_around_schedules(playlists: &[Playlist]) -> (String, String) {
    let mut head = String::new();
    write_document_head(&mut head);
    let mut tail = String::new();
    for p in playlists {
        write_playlist(&mut tail, p);
    }
    write_document_tail(&mut tail);
    (head, tail)
}

pub(crate) fn write_events(out: &mut String, events: &[Event]) {
    for e in events {
        write_event(out, e);
    }
}

// ---------------------------------------------------------------- reading

struct Fields<'r, 'a> {
    reader: &'r XmlReader<'a>,
    el: &'r XmlElement<'a>,
}

impl Fields<'_, '_> {
    fn err(&self, message: String) -> ImportError {
        self.reader.error_at(self.el.offset, message)
    }

    fn required(&self, name: &str) -> Result<&str, ImportError> {
        self.el
            .attr(name)
            .ok_or_else(|| self.err(format!("<{}> needs a {name}=\"…\" attribute", self.el.name)))
    }

    fn frames(&self, name: &str) -> Result<Option<Frames>, ImportError> {
        self.frames_value(name, self.el.attr(name))
    }

    fn frames_value(&self, name: &str, value: Option<&str>) -> Result<Option<Frames>, ImportError> {
        value
            .map(|v| {
                // Spaces around a number are allowed but rare; trimming only where there are
                // any keeps the common case to the parse itself.
                let bytes = v.as_bytes();
                let spaced = bytes.first().is_some_and(u8::is_ascii_whitespace)
                    || bytes.last().is_some_and(u8::is_ascii_whitespace);
                let number = if spaced { v.trim() } else { v };
                number.parse::<i64>().map(Frames).map_err(|_| {
                    self.err(format!(
                        "{name}=\"{v}\" on <{}> is not a whole number of frames",
                        self.el.name
                    ))
                })
            })
            .transpose()
    }

    fn required_frames(&self, name: &str) -> Result<Frames, ImportError> {
        self.frames(name)?
            .ok_or_else(|| self.err(format!("<{}> needs a {name}=\"…\" attribute", self.el.name)))
    }

    fn parsed<T, E: std::fmt::Display>(
        &self,
        name: &str,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Result<T, ImportError> {
        let v = self.required(name)?;
        parse(v).map_err(|e| self.err(format!("{name}=\"{v}\": {e}")))
    }

    fn extra(&self) -> Result<Extra, ImportError> {
        let mut extra = Extra::new();
        for child in self.el.children.iter().filter(|c| c.local() == "extra") {
            let field = Fields {
                reader: self.reader,
                el: child,
            };
            let key = field.required("name")?.to_owned();
            let value = serde_json::from_str(&child.text).map_err(|e| {
                field.err(format!("<extra name=\"{key}\"> does not hold JSON: {e}"))
            })?;
            extra.insert(key, value);
        }
        Ok(extra)
    }

    fn kind(&self) -> Result<EventKind, ImportError> {
        self.kind_value(self.el.attr("kind"))
    }

    fn kind_value(&self, kind: Option<&str>) -> Result<EventKind, ImportError> {
        match kind {
            None => Ok(EventKind::default()),
            Some(k) => EventKind::parse(k)
                .ok_or_else(|| self.err(format!("kind=\"{k}\" is not a kind ScheduleFlow knows"))),
        }
    }
}

/// An event's attributes, found in one pass over the element's attributes (events are read by
/// the hundred thousand; a lookup per field would scan them all again each time).
#[derive(Default)]
struct EventAttrs<'e> {
    id: Option<&'e str>,
    start: Option<&'e str>,
    duration: Option<&'e str>,
    kind: Option<&'e str>,
    mode: Option<&'e str>,
    title: Option<&'e str>,
    source: Option<&'e str>,
    in_point: Option<&'e str>,
    out_point: Option<&'e str>,
    media: Option<&'e str>,
}

impl<'e> EventAttrs<'e> {
    fn of(el: &'e XmlElement<'_>) -> EventAttrs<'e> {
        let mut found = EventAttrs::default();
        for (key, value) in &el.attrs {
            let slot = match key.as_ref() {
                "id" => &mut found.id,
                "start" => &mut found.start,
                "duration" => &mut found.duration,
                "kind" => &mut found.kind,
                "start-mode" => &mut found.mode,
                "title" => &mut found.title,
                "source" => &mut found.source,
                "in" => &mut found.in_point,
                "out" => &mut found.out_point,
                "media-duration" => &mut found.media,
                _ => continue,
            };
            *slot = Some(value.as_ref());
        }
        found
    }
}

fn read_event(f: &Fields<'_, '_>) -> Result<Event, ImportError> {
    let EventAttrs {
        id,
        start,
        duration,
        kind,
        mode,
        title,
        source,
        in_point,
        out_point,
        media,
    } = EventAttrs::of(f.el);
    let start_mode = match mode {
        None => StartMode::Follow,
        Some(name) => StartMode::parse(name).ok_or_else(|| {
            f.err(format!(
                "start-mode=\"{name}\" is not follow, fixed or manual"
            ))
        })?,
    };
    let missing = |name: &str| f.err(format!("<{}> needs a {name}=\"…\" attribute", f.el.name));
    Ok(Event {
        id: EventId::new(id.ok_or_else(|| missing("id"))?),
        start: f
            .frames_value("start", start)?
            .ok_or_else(|| missing("start"))?,
        duration: f.frames_value("duration", duration)?,
        title: title.unwrap_or_default().to_owned(),
        kind: f.kind_value(kind)?,
        source: source.map(str::to_owned),
        in_point: f.frames_value("in", in_point)?,
        out_point: f.frames_value("out", out_point)?,
        media_duration: f.frames_value("media-duration", media)?,
        start_mode,
        notes: f.el.child_text("notes").unwrap_or_default().to_owned(),
        extra: f.extra()?,
    })
}

fn read_item(f: &Fields<'_, '_>) -> Result<MediaItem, ImportError> {
    Ok(MediaItem {
        id: f.required("id")?.to_owned(),
        title: f.el.attr("title").unwrap_or_default().to_owned(),
        duration: f.frames("duration")?,
        kind: f.kind()?,
        source: f.el.attr("source").map(str::to_owned),
        in_point: f.frames("in")?,
        out_point: f.frames("out")?,
        extra: f.extra()?,
    })
}

/// What is being read: the schedule or playlist whose children arrive.
enum Open {
    Schedule {
        offset: usize,
        id: String,
        name: String,
        channel: Option<Channel>,
        window: Option<(Timestamp, Frames)>,
        events: Vec<Event>,
        extra: Extra,
    },
    Playlist(Playlist),
}

fn is_record(name: &str) -> bool {
    matches!(name, "channel" | "window" | "event" | "item" | "extra")
}

/// Reads an sf-xml document (a single schedule, or a batch of schedules and playlists).
pub fn read(text: &str, limits: Limits) -> Result<Library, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = XmlReader::new(text, limits)?;
    let mut library = Library::default();
    let mut open: Option<Open> = None;
    let mut depth = 0usize;
    let mut problems = Problems::default();
    while let Some(item) = reader.next_item(&is_record)? {
        match item {
            Item::Open(el) => {
                depth += 1;
                let f = Fields {
                    reader: &reader,
                    el: &el,
                };
                match (depth, el.local()) {
                    (1, _) => {
                        reader.check_root(&el, "scheduleflow", "ScheduleFlow XML")?;
                        check_version(&f)?;
                    }
                    (2, "schedule") => {
                        open = Some(Open::Schedule {
                            offset: el.offset,
                            id: f.required("id")?.to_owned(),
                            name: el.attr("name").unwrap_or_default().to_owned(),
                            channel: None,
                            window: None,
                            events: Vec::new(),
                            extra: Extra::new(),
                        })
                    }
                    (2, "playlist") => {
                        open = Some(Open::Playlist(Playlist {
                            id: f.required("id")?.to_owned(),
                            name: el.attr("name").unwrap_or_default().to_owned(),
                            rate: f.parsed("rate", |r| FrameRate::parse(r, false))?,
                            items: Vec::new(),
                            extra: Extra::new(),
                        }))
                    }
                    (_, other) => return Err(f.err(format!("unexpected <{other}> here"))),
                }
            }
            Item::Record(el) => {
                let f = Fields {
                    reader: &reader,
                    el: &el,
                };
                match (&mut open, el.local()) {
                    (Some(Open::Schedule { channel, .. }), "channel") => {
                        *channel = Some(Channel::new(
                            el.attr("name").unwrap_or_default(),
                            f.parsed("rate", |r| FrameRate::parse(r, false))?,
                            f.parsed("zone", Zone::new)?,
                            match el.attr("day-start") {
                                Some(_) => f.parsed("day-start", DayStart::parse)?,
                                None => DayStart::default(),
                            },
                        ))
                    }
                    (Some(Open::Schedule { window, .. }), "window") => {
                        let origin = f.parsed("origin", |o| o.parse::<Timestamp>())?;
                        *window = Some((origin, f.required_frames("length")?));
                    }
                    (Some(Open::Schedule { events, .. }), "event") => {
                        // Matched here rather than through `Problems::keep`, so the event
                        // is not moved through an `Option` on its way into the list.
                        match read_event(&f) {
                            Ok(event) => events.push(event),
                            Err(problem) => problems.note(problem)?,
                        }
                    }
                    (Some(Open::Playlist(p)), "item") => {
                        p.items.extend(problems.keep(read_item(&f))?)
                    }
                    (Some(Open::Schedule { extra, .. }), "extra")
                    | (Some(Open::Playlist(Playlist { extra, .. })), "extra") => {
                        let wrapper = XmlElement {
                            children: vec![el.clone()],
                            ..XmlElement::default()
                        };
                        extra.extend(
                            Fields {
                                reader: &reader,
                                el: &wrapper,
                            }
                            .extra()?,
                        );
                    }
                    (_, other) => return Err(f.err(format!("unexpected <{other}> here"))),
                }
                reader.recycle(el);
            }
            Item::Close => {
                problems.finish()?;
                depth -= 1;
                if depth == 1 {
                    match open.take() {
                        Some(Open::Schedule {
                            offset,
                            id,
                            name,
                            channel,
                            window,
                            events,
                            extra,
                        }) => {
                            let missing = |what: &str| {
                                reader.error_at(
                                    offset,
                                    format!("schedule '{id}' has no <{what}> element"),
                                )
                            };
                            let channel = channel.ok_or_else(|| missing("channel"))?;
                            let (origin, length) = window.ok_or_else(|| missing("window"))?;
                            library.schedules.push(Schedule {
                                id,
                                name,
                                channel,
                                origin,
                                length,
                                events,
                                extra,
                            });
                        }
                        Some(Open::Playlist(p)) => library.playlists.push(p),
                        None => {}
                    }
                }
            }
        }
    }
    problems.finish()?;
    Ok(library)
}

fn check_version(f: &Fields<'_, '_>) -> Result<(), ImportError> {
    match (f.el.attr("format"), f.el.attr("version")) {
        (Some(FORMAT_NAME), Some(v)) if v == VERSION.to_string() => Ok(()),
        (Some(FORMAT_NAME), Some(v)) => Err(f.err(format!(
            "this is ScheduleFlow XML version {v}; this version of ScheduleFlow reads version {VERSION}"
        ))),
        _ => Err(f.err(format!(
            "<scheduleflow> needs format=\"{FORMAT_NAME}\" and version=\"{VERSION}\""
        ))),
    }
}

#[cfg(test)]
mod tests;
