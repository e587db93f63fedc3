//! The schedule library. Storage arrives with the app issue; until then it is honestly empty.

use leptos::prelude::*;

/// The list of stored schedules and playlists.
#[component]
pub fn Library() -> impl IntoView {
    view! {
        <section class="panel library" aria-labelledby="library-heading">
            <h2 id="library-heading">"Library"</h2>
            <p class="empty-state">"No schedules yet."</p>
        </section>
    }
}
