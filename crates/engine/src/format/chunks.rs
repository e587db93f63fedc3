//! One schedule written a piece at a time in a native format: the document's head, then its
//! events some thousands at a time, then its tail, together exactly the text
//! [`export_schedule`](super::export_schedule) writes. A year of spots is hundreds of megabytes
//! of text; in pieces, a page can write it between frames and hand the pieces to a download
//! without ever holding one giant string.

use super::{file_name, sf_json, sf_xml, Format};
use crate::model::{Library, Playlist, Schedule};
use crate::pieces;

/// How deep a schedule's events sit in a pretty-printed ScheduleFlow JSON document (document,
/// schedules, schedule, events), and so how their lines are indented.
const JSON_EVENT_INDENT: &str = "        ";
const JSON_EVENTS_CLOSE: &str = "\n      ";
const JSON_EVENTS_KEY: &str = "\n      \"events\": [";

/// A schedule's export under way. The schedule must not change between pieces.
#[derive(Debug)]
pub struct ExportChunks {
    format: Format,
    name: String,
    head: Option<String>,
    tail: Option<String>,
    next: usize,
}

impl ExportChunks {
    /// An export of `schedule` in pieces; `None` for a format written only whole (the
    /// interchange formats: a day per file, or a layout with totals up front).
    pub fn new(schedule: &Schedule, format: Format) -> Option<ExportChunks> {
        let (head, tail) = match format {
            Format::SfXml => sf_xml::schedule_around_events(schedule),
            Format::SfJson => json_around_events(schedule)?,
            _ => return None,
        };
        Some(ExportChunks {
            format,
            name: file_name(&schedule.name, format),
            head: Some(head),
            tail: Some(tail),
            next: 0,
        })
    }

    /// `schedule` as one of the schedules of a ScheduleFlow XML library document, whose own
    /// head and tail come from [`library_around_schedules`]: a library of any size written a
    /// schedule at a time, each a piece at a time.
    pub fn in_library(schedule: &Schedule) -> ExportChunks {
        let (head, tail) = sf_xml::schedule_part_around_events(schedule);
        ExportChunks {
            format: Format::SfXml,
            name: super::library_file(Format::SfXml),
            head: Some(head),
            tail: Some(tail),
            next: 0,
        }
    }

    /// The download's file name.
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn mime(&self) -> &'static str {
        self.format.mime()
    }

    /// How many of the schedule's events are written so far.
    pub fn written(&self) -> usize {
        self.next
    }

    /// The next piece (the head, then up to `budget` events, then the tail); `None` once all
    /// is written.
    pub fn next_piece(&mut self, schedule: &Schedule, budget: usize) -> Option<String> {
        if let Some(head) = self.head.take() {
            return Some(head);
        }
        let events = &schedule.events;
        if self.next < events.len() {
            let end = events.len().min(self.next.saturating_add(budget.max(1)));
            let run = &events[self.next..end];
            let mut out = String::with_capacity(run.len() * 200);
            match self.format {
                Format::SfJson => {
                    for (k, event) in run.iter().enumerate() {
                        if self.next + k > 0 {
                            out.push(',');
                        }
                        out.push('\n');
                        out.push_str(JSON_EVENT_INDENT);
                        let text = serde_json::to_string_pretty(event).unwrap_or_default();
                        out.push_str(&text.replace('\n', &format!("\n{JSON_EVENT_INDENT}")));
                    }
                }
                _ => sf_xml::write_events(&mut out, run),
            }
            self.next = end;
            return Some(out);
        }
        let tail = self.tail.take()?;
        Some(if self.format == Format::SfJson && !events.is_empty() {
            format!("{JSON_EVENTS_CLOSE}{tail}")
        } else {
            tail
        })
    }
}

/// A ScheduleFlow XML library document's text before its schedules and after them (its
/// `playlists` and its end); between them, each schedule's [`ExportChunks::in_library`].
pub fn library_around_schedules(playlists: &[Playlist]) -> (String, String) {
    sf_xml::library_around_schedules(playlists)
}

/// A one-schedule ScheduleFlow JSON document's text up to its events' opening bracket, and from
/// their closing one: the document of the schedule without events, cut where its empty list is.
fn json_around_events(schedule: &Schedule) -> Option<(String, String)> {
    let headless = Library {
        schedules: vec![pieces::head(schedule)],
        playlists: Vec::new(),
    };
    let text = sf_json::write(&headless);
    let at = text.find(&format!("{JSON_EVENTS_KEY}]"))? + JSON_EVENTS_KEY.len();
    let (head, tail) = text.split_at(at);
    Some((head.to_owned(), tail.to_owned()))
}

#[cfg(test)]
mod tests;
