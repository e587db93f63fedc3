//! A closed schedule's library row, checked where its events are: read from storage (or taken
//! from what the desk keeps), checked in slices, and let go.

use scheduleflow_engine::session::Leftovers;
use scheduleflow_engine::summary::ScheduleSummary;
use scheduleflow_engine::validate::Checking;

use super::{free_events_soon, free_soon, Desk, CHECK_STEP};
use crate::platform::Slices;
use crate::state::ports::UNSEEN;

impl Desk {
    /// Schedule `id`'s library row, its whole check run; `None` if it cannot be read.
    pub async fn row_of(&self, id: &str) -> Option<ScheduleSummary> {
        let schedule = match self.with_schedule(id, |s, _| s.clone()) {
            Some(kept) => kept,
            None => self.store.open_schedule(id, UNSEEN).await.ok()??.schedule,
        };
        let mut checking = Checking::new(&schedule);
        let mut slices = Slices::new();
        let summary = loop {
            if let Some(checked) = checking.step(&schedule, CHECK_STEP) {
                let summary = ScheduleSummary::with_diagnostics(&schedule, checked.diagnostics());
                free_soon(Leftovers::from(checked));
                break summary;
            }
            slices.pause().await;
        };
        free_events_soon(schedule.events);
        Some(summary)
    }
}
