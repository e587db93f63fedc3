//! The import area. Parsing in the browser arrives with the formats and app issues; this build
//! says so plainly instead of pretending to accept files.

use leptos::prelude::*;

/// Where schedule and playlist files will be dropped.
#[component]
pub fn DropZone() -> impl IntoView {
    view! {
        <section class="panel drop-zone" aria-labelledby="import-heading">
            <h2 id="import-heading">"Import"</h2>
            <p>"Drop schedule and playlist files here."</p>
            <p class="hint">"Import is not available in this build yet."</p>
        </section>
    }
}
