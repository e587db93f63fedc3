//! A view built in stages, one task each, so that no task of the page builds all of it: the
//! first time a function runs the browser compiles its code, and a whole view's worth of new
//! code at once made a long task.

use leptos::prelude::*;

use crate::platform::tick;

/// A signal that counts up to `last`, one step a task after the current one; a view shows
/// its parts as the count reaches each one's stage. It stops if its owner is disposed.
pub fn stages(last: u8) -> ReadSignal<u8> {
    let stage = RwSignal::new(0u8);
    leptos::task::spawn_local(async move {
        for next in 1..=last {
            tick().await;
            if stage.try_set(next).is_some() {
                return;
            }
        }
    });
    stage.read_only()
}
