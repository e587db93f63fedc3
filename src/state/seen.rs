//! What the page holds of the open schedule: its heading, the rows in view, the shown day's
//! strip, the first diagnostics and the form of the event being edited, asked of the session
//! when the schedule changes or a view looks elsewhere. Views read these and say what they
//! look at; none reads the session, so the session can answer from a worker.

use std::ops::Range;

use jiff::civil::Date;
use leptos::prelude::*;
use scheduleflow_engine::edit::EventChanges;
use scheduleflow_engine::in_view::{facts, Answer, Ask, Heading, Listed, RowWindow};
use scheduleflow_engine::timeline::Strip;
use scheduleflow_engine::validate::{Diagnostic, Severity};
use scheduleflow_engine::view::EventRow;

use super::AppState;
use crate::desk::{Reply, Request};

/// The open schedule as the page's views show it.
#[derive(Clone, Copy)]
pub struct Seen {
    /// `None` while nothing is open, or while a schedule is still read from storage.
    pub heading: RwSignal<Option<Heading>>,
    pub rows: RwSignal<RowWindow>,
    pub strip: RwSignal<Option<Strip>>,
    pub listed: RwSignal<Listed>,
    /// The form of the event being edited, as it is now.
    pub form: RwSignal<Option<EventChanges>>,
    looking: StoredValue<Looking>,
}

/// What the views look at: the table's rows, the strip's day, how many diagnostics are listed.
#[derive(Debug, Clone, Default)]
struct Looking {
    rows: Range<usize>,
    day: Option<Date>,
    listed: usize,
    event: Option<usize>,
    /// How many windows of rows were asked for, and the last one while its answer is on its
    /// way: answers come in the order asked, so the rows the page will hold are that one's.
    rows_asked: u64,
    rows_coming: Option<Range<usize>>,
}

impl Seen {
    pub(super) fn new() -> Seen {
        Seen {
            heading: RwSignal::new(None),
            rows: RwSignal::new(RowWindow::default()),
            strip: RwSignal::new(None),
            listed: RwSignal::new(Listed::default()),
            form: RwSignal::new(None),
            looking: StoredValue::new(Looking::default()),
        }
    }
}

impl AppState {
    /// Tells the views the open schedule changed (or another opened, or it closed): what they
    /// show is asked for again.
    pub(super) fn session_moved(self) {
        self.session_changed.update(|n| *n += 1);
        let (rows, day, limit, event) = self
            .seen
            .looking
            .with_value(|l| (l.rows.clone(), l.day, l.listed, l.event));
        self.ask(Ask::Heading);
        self.ask(Ask::Listed { limit });
        self.ask_rows(rows);
        self.ask_strip(day);
        self.ask_form(event);
    }

    /// The table shows rows at positions `range`.
    pub fn look_at_rows(self, range: Range<usize>) {
        let coming = self.seen.looking.try_update_value(|l| {
            l.rows = range.clone();
            l.rows_coming.clone()
        });
        let covered = match coming.flatten() {
            Some(coming) => coming.start <= range.start && range.end <= coming.end,
            None => self.seen.rows.with_untracked(|w| w.covers(&range)),
        };
        if !covered {
            self.ask_rows(range);
        }
    }

    /// The strip shows broadcast day `day`.
    pub fn look_at_day(self, day: Option<Date>) {
        self.seen.looking.update_value(|l| l.day = day);
        self.ask_strip(day);
    }

    /// The validation panel lists the first `limit` diagnostics.
    pub fn list_diagnostics(self, limit: usize) {
        self.seen.looking.update_value(|l| l.listed = limit);
        self.ask(Ask::Listed { limit });
    }

    /// The event form edits event `index`.
    pub fn look_at_event(self, index: Option<usize>) {
        self.seen.looking.update_value(|l| l.event = index);
        self.ask_form(index);
    }

    /// Shows the first rows of the schedule being read (how many, and the days it covers;
    /// `None` once it is read).
    pub(super) fn set_first_rows(self, first: Option<(usize, Vec<Date>)>) {
        self.first_rows.set(first);
        self.ask_rows(self.seen.looking.with_value(|l| l.rows.clone()));
    }

    fn ask_rows(self, range: Range<usize>) {
        let asked = self
            .seen
            .looking
            .try_update_value(|l| {
                l.rows_asked += 1;
                l.rows_coming = Some(range.clone());
                l.rows_asked
            })
            .unwrap_or_default();
        let ask = Ask::Rows {
            start: range.start,
            end: range.end,
        };
        self.port().send(Request::Ask(ask), move |reply| {
            self.seen.looking.update_value(|l| {
                if l.rows_asked == asked {
                    l.rows_coming = None;
                }
            });
            if let Reply::Answer(answer) = reply {
                self.take_answer(answer);
            }
        });
    }

    fn ask_strip(self, day: Option<Date>) {
        match day {
            Some(day) => self.ask(Ask::Strip { day }),
            None => self.take_answer(Answer::Strip(None)),
        }
    }

    fn ask_form(self, index: Option<usize>) {
        match index {
            Some(index) => self.ask(Ask::Form { index }),
            None => self.take_answer(Answer::Form(None)),
        }
    }

    /// Asks the desk `ask` of the open schedule (or, while one is read, of its first rows).
    fn ask(self, ask: Ask) {
        self.port().send(Request::Ask(ask), move |reply| {
            if let Reply::Answer(answer) = reply {
                self.take_answer(answer);
            }
        });
    }

    /// Keeps what the session answered for the views.
    fn take_answer(self, answer: Answer) {
        match answer {
            Answer::Heading(heading) => {
                // A change that took rows away (or another tab's version) leaves no row
                // selected that is not there.
                let len = heading.as_ref().map_or(0, |h| h.events);
                let clamped = self.selection.with_untracked(|s| {
                    let mut clamped = s.clone();
                    clamped.clamp(len);
                    (clamped != *s).then_some(clamped)
                });
                if let Some(clamped) = clamped {
                    self.selection.set(clamped);
                }
                self.seen.heading.set(heading.map(|h| *h))
            }
            Answer::Rows(rows) => self.seen.rows.set(rows),
            Answer::Strip(strip) => self.seen.strip.set(strip.map(|s| *s)),
            Answer::Listed(listed) => self.seen.listed.set(listed),
            Answer::Form(form) => self.seen.form.set(form.map(|f| *f)),
        }
    }

    /// Follows every change to the open schedule (for views that must, such as the event
    /// form and the separation check).
    pub fn track_open(self) {
        self.seen.heading.track();
    }

    /// How many rows the event table has: the open schedule's events, or while a schedule is
    /// read, the first of them read so far.
    pub fn event_count(self) -> usize {
        self.seen
            .heading
            .with(|h| h.as_ref().map(|h| h.events))
            .or_else(|| {
                self.first_rows
                    .with(|f| f.as_ref().map(|(events, _)| *events))
            })
            .unwrap_or(0)
    }

    /// Runs `f` on the event table's rows at `range` that the page holds (each with its
    /// worst diagnostic; none for the first rows of a schedule still being read).
    pub fn with_rows<T>(
        self,
        range: Range<usize>,
        f: impl FnOnce(&[(EventRow, Option<Severity>)]) -> T,
    ) -> T {
        self.seen.rows.with(|w| f(w.within(range)))
    }

    /// The first diagnostics listed, how many are errors and how many there are in all.
    pub fn diagnostics(self) -> (Vec<Diagnostic>, usize, usize) {
        self.seen
            .listed
            .with(|l| (l.first.clone(), l.errors, l.all))
    }

    /// The open schedule's name (while it is read from storage, the one it is stored under).
    pub fn open_name(self) -> String {
        self.seen
            .heading
            .with(|h| h.as_ref().map(|h| h.name.clone()))
            .or_else(|| {
                let id = self.opening.get()?;
                Some(self.schedule_name(&id))
            })
            .unwrap_or_default()
    }

    /// The open schedule's channel's name.
    pub fn open_channel(self) -> Option<scheduleflow_engine::channel::Channel> {
        self.seen
            .heading
            .with(|h| h.as_ref().map(|h| h.channel.clone()))
    }

    /// What the schedule view's heading says of the open schedule (channel, rate, events,
    /// length), known before its check ends.
    pub fn open_facts(self) -> Option<String> {
        self.seen
            .heading
            .with(|h| h.as_ref().map(|h| h.facts.clone()))
            .or_else(|| {
                // While it is read, its library row knows them.
                let id = self.opening.get()?;
                self.library
                    .with(|l| l.schedule(&id).map(|shelved| facts(&shelved.row)))
            })
    }

    /// What Undo and Redo would do, for their buttons.
    pub fn history_labels(self) -> (Option<String>, Option<String>) {
        self.seen
            .heading
            .with(|h| h.as_ref().map(|h| (h.undo.clone(), h.redo.clone())))
            .unwrap_or_default()
    }

    /// The broadcast days the open schedule covers.
    pub fn open_days(self) -> Vec<Date> {
        // A schedule's head (which its first rows carry) says which days it covers.
        self.seen
            .heading
            .with(|h| h.as_ref().map(|h| h.days.clone()))
            .or_else(|| {
                self.first_rows
                    .with(|f| f.as_ref().map(|(_, days)| days.clone()))
            })
            .unwrap_or_default()
    }

    /// Whether the schedule in view is still being read from storage (nothing to edit yet).
    pub fn reading_open(self) -> bool {
        self.opening.with(Option::is_some)
    }
}
