//! What the rules read of the open schedule: the window of it that applying a plan to some dates
//! sees (its events written a piece at a time for the plan job, their ids counted), the ids
//! the rules' events took that are in use outside it, and the separation warnings, checked in
//! slices.

use jiff::civil::Date;
use scheduleflow_engine::ids::IdCounts;
use scheduleflow_engine::model::Schedule;
use scheduleflow_engine::pieces::{head, write_piece};
use scheduleflow_engine::rules::window::window;
use scheduleflow_engine::validate::{Diagnostic, Separation, SeparationCheck};
use serde::{Deserialize, Serialize};

use super::{free_soon, Desk};
use crate::platform::Slices;

/// Events of the open schedule written for a plan job between two looks at the clock.
const WINDOW_PIECE: usize = 2_000;

/// Events the separation check takes between looks at the clock.
const RULES_STEP: usize = 250;

/// The window of the open schedule a plan is applied onto, as it was when cut.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Window {
    /// The schedule without its events.
    pub head: Schedule,
    /// Where the window is in the schedule.
    pub start: usize,
    /// The open schedule as it was (see `Desk::key`).
    pub at: (String, u64),
    /// The window's events as ScheduleFlow JSON pieces.
    pub pieces: Vec<String>,
}

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
    /// Cuts the window of the open schedule that applying rules to `from..=to` sees (found by
    /// binary search once its check ran, else all of it), writing its events a piece at a time
    /// and counting their ids (for [`Desk::taken_outside`]).
    pub async fn cut(&self, from: Date, to: Date) -> Result<Window, String> {
        let cut = self.with_session(|session| {
            let schedule = session.schedule();
            let range = match session.in_order() {
                Some(longest) => window(schedule, longest, from, to).map_err(|e| e.to_string())?,
                None => 0..schedule.events.len(),
            };
            Ok::<_, String>((head(schedule), range))
        });
        let (head, range) = cut.ok_or("open a schedule on this channel first")??;
        let at = self.key().ok_or("open a schedule on this channel first")?;
        let mut ids = IdCounts::default();
        let mut pieces = Vec::new();
        let mut slices = Slices::new();
        let mut start = range.start;
        while start < range.end {
            let end = (start + WINDOW_PIECE).min(range.end);
            let piece = (self.key().as_ref() == Some(&at))
                .then(|| {
                    self.with_session(|s| {
                        let run = &s.schedule().events[start..end];
                        run.iter().for_each(|e| {
                            ids.add(e.id.as_str());
                        });
                        write_piece(run)
                    })
                })
                .flatten()
                .ok_or("the schedule changed while its dates were read; try again")?;
            pieces.push(piece);
            start = end;
            slices.pause().await;
        }
        self.inner.borrow_mut().window_ids = Some((at.clone(), ids));
        Ok(Window {
            head,
            start: range.start,
            at,
            pieces,
        })
    }

    /// Which of `ids` events outside the last cut window use.
    pub fn taken_outside(&self, ids: &[String]) -> Vec<String> {
        let inner = self.inner.borrow();
        let (Some(open), Some((_, window))) = (inner.open.as_ref(), inner.window_ids.as_ref())
        else {
            return Vec::new();
        };
        let Some(all) = open.session.ids() else {
            return Vec::new();
        };
        ids.iter()
            .filter(|id| all.count(id) > window.count(id))
            .cloned()
            .collect()
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
