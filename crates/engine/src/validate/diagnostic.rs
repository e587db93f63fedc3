//! What validation reports: severity, a stable code, the event, a message and fixes.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::edit::Edit;
use crate::model::{EventId, Schedule};
use crate::time::Frames;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Will go wrong on air.
    Error,
    /// Probably unintended; worth a look.
    Warning,
}

impl Severity {
    /// The severity as files, the CLI and the docs name it.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A stable code per kind of problem, for filtering, tests and documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    Overlap,
    Gap,
    HardStartMissed,
    NonPositiveDuration,
    InOutOutsideMedia,
    OutsideWindow,
    DuplicateId,
    UnknownDuration,
    ItemTooSoon,
    CategoryTooClose,
    RepeatTooSoon,
}

impl Code {
    /// Every code, in the order docs/DIAGNOSTICS.md lists them.
    pub const ALL: [Code; 11] = [
        Code::Overlap,
        Code::HardStartMissed,
        Code::Gap,
        Code::NonPositiveDuration,
        Code::InOutOutsideMedia,
        Code::OutsideWindow,
        Code::DuplicateId,
        Code::UnknownDuration,
        Code::ItemTooSoon,
        Code::CategoryTooClose,
        Code::RepeatTooSoon,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Code::Overlap => "overlap",
            Code::Gap => "gap",
            Code::HardStartMissed => "hard-start-missed",
            Code::NonPositiveDuration => "non-positive-duration",
            Code::InOutOutsideMedia => "in-out-outside-media",
            Code::OutsideWindow => "outside-window",
            Code::DuplicateId => "duplicate-id",
            Code::UnknownDuration => "unknown-duration",
            Code::ItemTooSoon => "item-too-soon",
            Code::CategoryTooClose => "category-too-close",
            Code::RepeatTooSoon => "repeat-too-soon",
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            Code::Gap
            | Code::UnknownDuration
            | Code::ItemTooSoon
            | Code::CategoryTooClose
            | Code::RepeatTooSoon => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A change that resolves a diagnostic, applied like any other edit (and so undoable).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    /// What the button says: "Trim 'News' to 00:29:30:00".
    pub label: String,
    pub edit: Edit,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    /// The event concerned, by id and by position in the list.
    pub event: Option<EventId>,
    pub index: Option<usize>,
    pub message: String,
    /// The stretch of time concerned, for marking on a timeline.
    pub region: Option<(Frames, Frames)>,
    /// Ways to resolve it, the recommended one first.
    pub fixes: Vec<Fix>,
}

impl Diagnostic {
    pub(super) fn new(
        code: Code,
        schedule: &Schedule,
        index: usize,
        message: String,
        fixes: Vec<Fix>,
    ) -> Diagnostic {
        let event = schedule.events.get(index);
        Diagnostic {
            severity: code.severity(),
            code,
            event: event.map(|e| e.id.clone()),
            index: event.map(|_| index),
            message,
            region: event.map(|e| (e.start, e.end_or_start())),
            fixes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_listed_once_in_all() {
        // A new variant fails to compile here until it is given a place in `Code::ALL`.
        let place = |code: Code| match code {
            Code::Overlap => 0,
            Code::HardStartMissed => 1,
            Code::Gap => 2,
            Code::NonPositiveDuration => 3,
            Code::InOutOutsideMedia => 4,
            Code::OutsideWindow => 5,
            Code::DuplicateId => 6,
            Code::UnknownDuration => 7,
            Code::ItemTooSoon => 8,
            Code::CategoryTooClose => 9,
            Code::RepeatTooSoon => 10,
        };
        for (at, code) in Code::ALL.into_iter().enumerate() {
            assert_eq!(place(code), at, "{code}");
        }
        let names: std::collections::HashSet<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(names.len(), Code::ALL.len());
        for code in Code::ALL {
            let json = serde_json::to_string(&code).unwrap_or_default();
            assert_eq!(
                json,
                format!("\"{code}\""),
                "files and messages name it alike"
            );
        }
    }
}
