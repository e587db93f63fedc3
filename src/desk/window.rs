//! What the rules read of the open schedule: the window of it that applying a plan to some dates
//! sees, and the separation warnings, checked in slices.

use std::ops::Range;

use jiff::civil::Date;
use scheduleflow_engine::model::Schedule;
use scheduleflow_engine::pieces::head;
use scheduleflow_engine::rules::window::window;
use scheduleflow_engine::validate::{Diagnostic, Separation, SeparationCheck};
use serde::{Deserialize, Serialize};

use super::{free_soon, Desk};
use crate::platform::Slices;

/// Events the separation check takes between looks at the clock.
const RULES_STEP: usize = 250;

/// Separation warnings: how many there are, the first of them (as many as the page lists: a
/// dense month has thousands, each fix holding events, too many to send), and the open
/// schedule they describe (see `Desk::key`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Warnings {
    pub at: Option<(String, u64)>,
    pub total: usize,
    pub warnings: Vec<Diagnostic>,
}

impl Desk {
    /// The open schedule's head, and where in its events the window that applying rules to
    /// `from..=to` sees is (found by binary search once its check ran, else all of it).
    pub fn window_range(&self, from: Date, to: Date) -> Result<(Schedule, Range<usize>), String> {
        let cut = self.with_session(|session| {
            let schedule = session.schedule();
            let range = match session.in_order() {
                Some(longest) => window(schedule, longest, from, to).map_err(|e| e.to_string())?,
                None => 0..schedule.events.len(),
            };
            Ok::<_, String>((head(schedule), range))
        });
        cut.ok_or("open a schedule on this channel first")?
    }

    /// The open schedule's warnings under the separation rules `rules`, checked in slices
    /// (started again if the schedule changes meanwhile): their count and the first `listed`.
    pub async fn check_rules(&self, rules: Separation, listed: usize) -> Warnings {
        let mut slices = Slices::new();
        'again: loop {
            let at = self.key();
            let mut check = SeparationCheck::new(&rules);
            loop {
                if self.key() != at {
                    continue 'again;
                }
                let found = self
                    .with_session(|s| check.step(s.schedule(), RULES_STEP))
                    .unwrap_or(Some(Vec::new()));
                if let Some(mut warnings) = found {
                    let total = warnings.len();
                    free_soon(warnings.split_off(listed.min(total)).into());
                    return Warnings {
                        at,
                        total,
                        warnings,
                    };
                }
                slices.pause().await;
            }
        }
    }
}
