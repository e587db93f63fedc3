//! Rules: a channel's week described once — day templates of blocks, a weekly plan with date
//! exceptions and recurrences, filler and padding to a grid, commercial breaks — applied to any
//! range of dates, exact to the frame, keeping what a person edited by hand.
//!
//! `plan.rs` is the plan file and its checked form, `calendar.rs` picks each date's template,
//! `apply.rs` lays the days out, `units.rs` builds a programme with its filler and breaks,
//! `fit.rs` is the best fit of filler into a gap, `marks.rs` tells the rules' events from a
//! person's, `editing.rs` is what the plan editor draws and changes, `window.rs` the part of an open
//! schedule the rules read when applied to some dates.

mod apply;
pub mod calendar;
pub mod editing;
mod fit;
pub mod marks;
pub mod plan;
mod units;
pub mod window;

pub use crate::format::clock::TimeOfDay;
pub use apply::{apply, Applied, ApplyRequest, PlannedGap, RuleNote, Splice};
pub use marks::{made_by_rules, RULE_MARK};
pub use plan::{Plan, PlanFile, PLAN_FORMAT};

use thiserror::Error;

use crate::build::BuildError;
use crate::channel::ChannelError;

/// Why a plan could not be read or applied.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PlanError {
    #[error("line {line}, column {column}: {message}")]
    Json {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    Field { path: String, message: String },
    #[error("the dates end ({to}) before they start ({from})")]
    EmptyRange { from: String, to: String },
    #[error("the dates start before the schedule does; apply from its first day or later")]
    BeforeSchedule,
    #[error("the plan's channel ({plan}) is not the schedule's ({schedule}); set the schedule's channel first")]
    ChannelMismatch { plan: String, schedule: String },
    #[error(transparent)]
    Channel(#[from] ChannelError),
    #[error(transparent)]
    Build(#[from] BuildError),
}

impl PlanError {
    pub(crate) fn at(path: &str, message: String) -> PlanError {
        PlanError::Field {
            path: path.to_owned(),
            message,
        }
    }
}

#[cfg(test)]
mod tests;
