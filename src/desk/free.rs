//! Letting go of large values in slices: a year of events, or a dense month's diagnostics, is a
//! task's worth of freeing.

use scheduleflow_engine::model::Event;
use scheduleflow_engine::session::Leftovers;

use super::FREE_STEP;
use crate::platform::Slices;

/// Frees what a closed session (or a finished check) left, in slices.
pub fn free_soon(mut leftovers: Leftovers) {
    if leftovers.is_empty() {
        return;
    }
    leptos::task::spawn_local(async move {
        // Nothing waits for it: it starts only in a turn with time left.
        let mut slices = Slices::new();
        loop {
            slices.pause().await;
            if leftovers.free_some(FREE_STEP) {
                break;
            }
        }
    });
}

/// Frees a schedule's events in slices.
pub fn free_events_soon(events: Vec<Event>) {
    if events.len() < FREE_STEP {
        return;
    }
    leptos::task::spawn_local(async move {
        let mut slices = Slices::new();
        let mut events = events.into_iter();
        while events.len() > 0 {
            events.by_ref().take(FREE_STEP).for_each(drop);
            slices.pause().await;
        }
    });
}
