//! What a view shows of an open schedule, as plain values: its heading, a window of rows, a
//! day's strip, the first diagnostics and the form of the event being edited. A view asks for these, never for the schedule, so
//! the session that answers can live on the page or in a worker (the values cross as
//! messages: each is serialisable and small, whatever the schedule's size).

use std::ops::Range;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::channel::Channel;
use crate::edit::EventChanges;
use crate::model::Schedule;
use crate::session::Session;
use crate::summary::ScheduleSummary;
use crate::timeline::{days, Strip};
use crate::validate::{count, Diagnostic, Severity};
use crate::view::{event_rows, EventRow};

/// What the schedule view shows wherever it is scrolled: the name, channel and facts, the
/// broadcast days, what Undo and Redo would do, and how many changes the session has taken
/// (a view that must follow every change watches this).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heading {
    pub id: String,
    pub name: String,
    pub channel: Channel,
    /// "Channel · 25 fps · 1200 events · 24:00:00:00".
    pub facts: String,
    pub events: usize,
    pub days: Vec<Date>,
    pub undo: Option<String>,
    pub redo: Option<String>,
    pub changes: u64,
}

/// Rows of the event table from position `start` on, each with its worst diagnostic.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowWindow {
    pub start: usize,
    pub rows: Vec<(EventRow, Option<Severity>)>,
}

/// The first diagnostics of a schedule and how many there are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listed {
    pub first: Vec<Diagnostic>,
    pub errors: usize,
    pub all: usize,
}

/// What a view asks of an open schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "ask", rename_all = "kebab-case")]
pub enum Ask {
    Heading,
    Rows { start: usize, end: usize },
    Strip { day: Date },
    Listed { limit: usize },
    Form { index: usize },
}

/// A session's answer to an [`Ask`], of the same kind; `None` where there is nothing to show
/// (no schedule open, a day not yet checked, no such event).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "answer", content = "value", rename_all = "kebab-case")]
pub enum Answer {
    Heading(Option<Box<Heading>>),
    Rows(RowWindow),
    Strip(Option<Box<Strip>>),
    Listed(Listed),
    Form(Option<Box<EventChanges>>),
}

impl Ask {
    /// The answer when no schedule is open.
    pub fn unanswered(&self) -> Answer {
        match self {
            Ask::Heading => Answer::Heading(None),
            Ask::Rows { .. } => Answer::Rows(RowWindow::default()),
            Ask::Strip { .. } => Answer::Strip(None),
            Ask::Listed { .. } => Answer::Listed(Listed::default()),
            Ask::Form { .. } => Answer::Form(None),
        }
    }
}

/// What the schedule view's heading says of a schedule: channel, rate, events and length.
pub fn facts(summary: &ScheduleSummary) -> String {
    format!(
        "{} · {} fps · {} events · {}",
        summary.channel, summary.rate, summary.events, summary.length
    )
}

impl RowWindow {
    /// The rows of `schedule` at positions `range` (clamped), with no diagnostics: the first
    /// events of a schedule still being read, before its check.
    pub fn unchecked(schedule: &Schedule, range: Range<usize>) -> RowWindow {
        let end = range.end.min(schedule.events.len());
        let start = range.start.min(end);
        RowWindow {
            start,
            rows: event_rows(schedule, start..end)
                .into_iter()
                .map(|row| (row, None))
                .collect(),
        }
    }

    /// Whether the window holds every row at positions `range`.
    pub fn covers(&self, range: &Range<usize>) -> bool {
        self.start <= range.start && range.end <= self.start + self.rows.len()
    }

    /// The rows it holds at positions in `range`.
    pub fn within(&self, range: Range<usize>) -> &[(EventRow, Option<Severity>)] {
        let end = range.end.saturating_sub(self.start).min(self.rows.len());
        let start = range.start.saturating_sub(self.start).min(end);
        &self.rows[start..end]
    }
}

impl Session {
    /// The answer to `ask`.
    pub fn answer(&self, ask: &Ask) -> Answer {
        match *ask {
            Ask::Heading => Answer::Heading(Some(Box::new(self.heading()))),
            Ask::Rows { start, end } => Answer::Rows(self.row_window(start..end)),
            Ask::Strip { day } => Answer::Strip(self.strip(day).map(Box::new)),
            Ask::Listed { limit } => Answer::Listed(self.listed(limit)),
            Ask::Form { index } => Answer::Form(self.event_form(index).map(Box::new)),
        }
    }

    /// The schedule view's heading.
    pub fn heading(&self) -> Heading {
        let schedule = self.schedule();
        Heading {
            id: schedule.id.clone(),
            name: schedule.name.clone(),
            channel: schedule.channel.clone(),
            facts: facts(&ScheduleSummary::with_diagnostics(schedule, &[])),
            events: self.len(),
            days: days(schedule),
            undo: self.undo_label().map(str::to_owned),
            redo: self.redo_label().map(str::to_owned),
            changes: self.changes(),
        }
    }

    /// The rows at positions `range` (clamped to the schedule).
    pub fn row_window(&self, range: Range<usize>) -> RowWindow {
        let start = range.start.min(self.len());
        RowWindow {
            start,
            rows: self.rows(range),
        }
    }

    /// The event form filled from event `index` as it is.
    pub fn event_form(&self, index: usize) -> Option<EventChanges> {
        EventChanges::of(self.schedule(), index)
    }

    /// The first `limit` diagnostics (none while a check runs).
    pub fn listed(&self, limit: usize) -> Listed {
        let all = self.diagnostics();
        Listed {
            first: all.iter().take(limit).cloned().collect(),
            errors: count(all).0,
            all: all.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{Edit, History};
    use crate::generate::{sample_channel, schedule};
    use crate::time::{FrameRate, Frames};
    use crate::validate::validate;
    use crate::view::event_row;

    fn session() -> Session {
        let origin = "2026-03-02T06:00:00Z".parse().unwrap();
        let mut s = schedule(600, 3, sample_channel(FrameRate::FPS_25), origin);
        s.name = "Days".into();
        // An overlap, so that rows and the list carry diagnostics.
        s.events[5].start = s.events[4].start;
        Session::new(s, History::default())
    }

    fn round_trip<T: Serialize + serde::de::DeserializeOwned>(value: &T) -> T {
        serde_json::from_str(&serde_json::to_string(value).unwrap()).unwrap()
    }

    #[test]
    fn the_heading_names_the_schedule_its_days_and_what_undo_would_do() {
        let mut session = session();
        session
            .apply(&Edit::Trim {
                index: 2,
                duration: Frames(250),
                ripple: true,
            })
            .unwrap();
        let schedule = session.schedule().clone();
        let heading = session.heading();
        assert_eq!(
            heading,
            Heading {
                id: schedule.id.clone(),
                name: "Days".into(),
                channel: schedule.channel.clone(),
                facts: facts(&ScheduleSummary::of(&schedule)),
                events: 600,
                days: days(&schedule),
                undo: Some(
                    Edit::Trim {
                        index: 2,
                        duration: Frames(250),
                        ripple: true
                    }
                    .label()
                ),
                redo: None,
                changes: 1,
            }
        );
        assert!(heading.days.len() > 1, "{:?}", heading.days);
        assert_eq!(round_trip(&heading), heading);
    }

    #[test]
    fn the_facts_name_the_channel_rate_events_and_length() {
        let summary = ScheduleSummary::of(session().schedule());
        assert_eq!(
            facts(&summary),
            format!("Sample One · 25 fps · 600 events · {}", summary.length)
        );
        assert!(summary.length.contains(':'), "{}", summary.length);
    }

    #[test]
    fn a_row_window_holds_the_rows_asked_for_with_their_worst_diagnostic() {
        let session = session();
        let window = session.row_window(3..7);
        let diagnostics = validate(session.schedule());
        let worst = |i: usize| {
            diagnostics
                .iter()
                .filter(|d| d.index == Some(i))
                .map(|d| d.severity)
                .min()
        };
        let expected: Vec<_> = (3..7)
            .map(|i| (event_row(session.schedule(), i).unwrap(), worst(i)))
            .collect();
        assert_eq!(
            window,
            RowWindow {
                start: 3,
                rows: expected
            }
        );
        assert!(window.rows.iter().any(|(_, worst)| worst.is_some()));
        assert_eq!(round_trip(&window), window);
    }

    #[test]
    fn a_row_window_past_the_end_is_clamped() {
        let session = session();
        assert_eq!(session.row_window(598..620).rows.len(), 2);
        assert_eq!(
            session.row_window(700..800),
            RowWindow {
                start: 600,
                rows: Vec::new()
            }
        );
    }

    #[test]
    fn a_window_covers_and_gives_only_the_rows_it_holds() {
        let window = session().row_window(10..20);
        assert!(window.covers(&(10..20)));
        assert!(window.covers(&(12..15)));
        assert!(!window.covers(&(9..12)));
        assert!(!window.covers(&(15..21)));
        assert_eq!(window.within(12..15), &window.rows[2..5]);
        assert_eq!(window.within(5..12), &window.rows[..2]);
        assert_eq!(window.within(18..40), &window.rows[8..]);
        assert!(window.within(30..40).is_empty());
    }

    #[test]
    fn unchecked_rows_are_the_rows_without_marks() {
        let session = session();
        let window = RowWindow::unchecked(session.schedule(), 3..7);
        let expected: Vec<_> = session
            .row_window(3..7)
            .rows
            .into_iter()
            .map(|(row, _)| (row, None))
            .collect();
        assert_eq!(
            window,
            RowWindow {
                start: 3,
                rows: expected
            }
        );
    }

    #[test]
    fn the_list_is_the_first_diagnostics_and_counts_them_all() {
        let session = session();
        let all = validate(session.schedule());
        assert!(all.len() > 1);
        let listed = session.listed(1);
        assert_eq!(
            listed,
            Listed {
                first: all[..1].to_vec(),
                errors: count(&all).0,
                all: all.len(),
            }
        );
        assert_eq!(round_trip(&listed), listed);
    }

    #[test]
    fn each_ask_is_answered_with_what_the_session_shows_and_both_cross_as_messages() {
        let session = session();
        let day = session.heading().days[1];
        let asked = [
            (
                Ask::Heading,
                Answer::Heading(Some(Box::new(session.heading()))),
            ),
            (
                Ask::Rows { start: 4, end: 9 },
                Answer::Rows(session.row_window(4..9)),
            ),
            (
                Ask::Strip { day },
                Answer::Strip(Some(Box::new(session.strip(day).unwrap()))),
            ),
            (Ask::Listed { limit: 3 }, Answer::Listed(session.listed(3))),
            (
                Ask::Form { index: 7 },
                Answer::Form(Some(Box::new(session.event_form(7).unwrap()))),
            ),
            (Ask::Form { index: 7_000 }, Answer::Form(None)),
        ];
        for (ask, expected) in asked {
            let answer = session.answer(&ask);
            assert_eq!(answer, expected, "{ask:?}");
            assert_eq!(round_trip(&ask), ask);
            assert_eq!(round_trip(&answer), answer);
        }
    }

    #[test]
    fn with_nothing_open_each_ask_is_answered_with_nothing_to_show() {
        let asks = [
            (Ask::Heading, Answer::Heading(None)),
            (
                Ask::Rows { start: 0, end: 9 },
                Answer::Rows(RowWindow::default()),
            ),
            (
                Ask::Strip {
                    day: jiff::civil::date(2026, 3, 2),
                },
                Answer::Strip(None),
            ),
            (Ask::Listed { limit: 3 }, Answer::Listed(Listed::default())),
            (Ask::Form { index: 0 }, Answer::Form(None)),
        ];
        for (ask, expected) in asks {
            assert_eq!(ask.unanswered(), expected);
        }
    }

    #[test]
    fn a_strip_crosses_as_a_message_unchanged() {
        let session = session();
        let strip = session.strip(session.heading().days[1]).unwrap();
        assert_eq!(round_trip(&strip), strip);
    }

    #[test]
    fn an_opening_session_lists_nothing_until_checked() {
        let mut opening = Session::opening(session().schedule().clone(), History::default());
        assert_eq!(opening.listed(10), Listed::default());
        assert!(opening
            .row_window(0..600)
            .rows
            .iter()
            .all(|(_, w)| w.is_none()));
        while !opening.check_some(7) {}
        assert_eq!(opening.listed(10), session().listed(10));
    }
}
