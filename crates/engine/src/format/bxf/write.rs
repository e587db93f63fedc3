//! Writing BXF: the kept `ScheduledEvent` (or a fresh skeleton) with ScheduleFlow's fields set.

use std::fmt::Write as _;

use super::{KEPT_EVENT, KEPT_SCHEDULE_ATTRS, KEPT_SCHEDULE_CHILDREN, KEPT_SECONDARY};
use crate::format::clock::{format_time_of_day, DayClock, Hours};
use crate::format::registry::ExportFile;
use crate::format::xml::{escape, from_xml, to_xml, XmlElement};
use crate::format::Limits;
use crate::model::{Event, EventKind, Schedule, StartMode};
use crate::time::{Rounding, Timecode};

/// Elements built for writing own their text.
type Element = XmlElement<'static>;

/// The child named `local`, created at the end when missing.
fn child_mut<'e>(el: &'e mut Element, local: &str) -> &'e mut Element {
    let index = match el.children.iter().position(|c| c.local() == local) {
        Some(i) => i,
        None => {
            el.children.push(XmlElement {
                name: local.to_owned().into(),
                ..XmlElement::default()
            });
            el.children.len() - 1
        }
    };
    &mut el.children[index]
}

/// The nearest element below `el` named `local` (as the reader finds it inside a vendor's
/// wrappers), else a child of that name created at the end.
fn nested_mut<'e>(el: &'e mut Element, local: &str) -> &'e mut Element {
    fn path_to(el: &Element, local: &str) -> Option<Vec<usize>> {
        let mut level: Vec<(&Element, Vec<usize>)> = vec![(el, Vec::new())];
        while !level.is_empty() {
            let mut next = Vec::new();
            for (e, path) in level {
                for (i, c) in e.children.iter().enumerate() {
                    let mut p = path.clone();
                    p.push(i);
                    if c.local() == local {
                        return Some(p);
                    }
                    next.push((c, p));
                }
            }
            level = next;
        }
        None
    }
    match path_to(el, local) {
        Some(path) => path.into_iter().fold(el, |e, i| &mut e.children[i]),
        None => child_mut(el, local),
    }
}

fn path_mut<'e>(el: &'e mut Element, path: &[&str]) -> &'e mut Element {
    path.iter().fold(el, |el, name| child_mut(el, name))
}

fn set_attr(el: &mut Element, name: &str, value: String) {
    match el
        .attrs
        .iter_mut()
        .find(|(k, _)| crate::format::xml::local_name(k) == name)
    {
        Some(slot) => slot.1 = value.into(),
        None => el.attrs.push((name.to_owned().into(), value.into())),
    }
}

fn scheduled_event(schedule: &Schedule, e: &Event) -> Result<Element, String> {
    let channel = &schedule.channel;
    let rate = channel.rate;
    let rate_text = rate
        .without_drop_frame()
        .to_string()
        .replace("30000/1001", "29.97")
        .replace("60000/1001", "59.94")
        .replace("24000/1001", "23.976");
    let mut el = e
        .extra
        .get(KEPT_EVENT)
        .and_then(|v| v.as_str())
        .and_then(|xml| from_xml(xml, Limits::DEFAULT).ok())
        .unwrap_or_else(|| XmlElement {
            name: "ScheduledEvent".into(),
            ..XmlElement::default()
        });
    let data = nested_mut(&mut el, "EventData");
    if data.attr("eventType").is_none() {
        set_attr(data, "eventType", "Primary".into());
    }
    path_mut(data, &["EventId", "EventId"]).text = (e.id.to_string()).into();
    if data.child("PrimaryEvent").is_none() {
        let primary = child_mut(data, "PrimaryEvent");
        if matches!(e.kind, EventKind::Commercial | EventKind::Promo) {
            child_mut(primary, "NonProgramEvent");
        } else {
            child_mut(primary, "ProgramEvent");
            path_mut(primary, &["ProgramEvent", "ProgramName"]).text = (e.title.clone()).into();
        }
    }
    let instant = channel
        .instant_after(schedule.origin, e.start)
        .map_err(|e| e.to_string())?;
    let day = channel.locate(instant).map_err(|e| e.to_string())?.day;
    let clock = DayClock::new(channel, day).map_err(|e| e.to_string())?;
    let into_day = channel
        .frames_between(clock.origin(), instant, Rounding::Nearest)
        .map_err(|e| e.to_string())?
        .value;
    let date_time = path_mut(data, &["StartDateTime", "SmpteDateTime"]);
    set_attr(date_time, "broadcastDate", day.to_string());
    set_attr(date_time, "frameRate", rate_text.clone());
    child_mut(date_time, "SmpteTimeCode").text =
        format_time_of_day(&clock, channel, into_day, Hours::Wrapped)
            .map_err(|e| e.to_string())?
            .into();
    match e.duration {
        Some(d) => {
            let duration = path_mut(data, &["LengthOption", "Duration", "SmpteDuration"]);
            set_attr(duration, "frameRate", rate_text);
            child_mut(duration, "SmpteTimeCode").text = (Timecode::format_frames(d, rate)).into();
        }
        None => data.children.retain(|c| c.local() != "LengthOption"),
    }
    child_mut(data, "StartMode").text = match e.start_mode {
        StartMode::Follow => "Follow",
        StartMode::Fixed => "Fixed",
        StartMode::Manual => "Manual",
    }
    .into();
    let content = nested_mut(&mut el, "Content");
    if let Some(house) = &e.source {
        path_mut(content, &["ContentId", "HouseNumber"]).text = (house.clone()).into();
    }
    child_mut(content, "Name").text = (e.title.clone()).into();
    Ok(el)
}

/// Writes a schedule as a BXF message.
pub fn write(schedule: &Schedule) -> Result<ExportFile, String> {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<BxfMessage xmlns=\"http://smpte-ra.org/schemas/2021/2008/BXF\" messageType=\"Information\" origin=\"ScheduleFlow\">\n  <BxfData action=\"add\">\n    <Schedule",
    );
    match schedule
        .extra
        .get(KEPT_SCHEDULE_ATTRS)
        .and_then(|v| v.as_object())
    {
        Some(attrs) => {
            for (k, v) in attrs {
                let _ = write!(out, " {k}=\"{}\"", escape(v.as_str().unwrap_or_default()));
            }
        }
        None => {
            let _ = write!(
                out,
                " type=\"Primary\" ScheduleId=\"{}\"",
                escape(&schedule.id)
            );
        }
    }
    out.push_str(">\n");
    match schedule
        .extra
        .get(KEPT_SCHEDULE_CHILDREN)
        .and_then(|v| v.as_array())
    {
        Some(children) => {
            for child in children.iter().filter_map(|c| c.as_str()) {
                let _ = writeln!(out, "      {child}");
            }
        }
        None => {
            let _ = writeln!(
                out,
                "      <ScheduleName>{}</ScheduleName>",
                escape(&schedule.name)
            );
        }
    }
    for e in &schedule.events {
        let _ = writeln!(out, "      {}", to_xml(&scheduled_event(schedule, e)?));
        let secondary = e.extra.get(KEPT_SECONDARY).and_then(|v| v.as_array());
        for xml in secondary.into_iter().flatten().filter_map(|x| x.as_str()) {
            let _ = writeln!(out, "      {xml}");
        }
    }
    out.push_str("    </Schedule>\n  </BxfData>\n</BxfMessage>\n");
    Ok(ExportFile {
        name: String::new(),
        mime: "application/xml",
        text: out,
    })
}
