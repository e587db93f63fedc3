//! The version line: which engine build this page runs.

use leptos::prelude::*;

/// Shows the engine version compiled into this wasm module.
#[component]
pub fn About() -> impl IntoView {
    view! {
        <p class="about">
            <span class="about-label">"Engine"</span>
            " "
            <span class="engine-version" data-testid="engine-version">
                {scheduleflow_engine::VERSION}
            </span>
        </p>
    }
}
