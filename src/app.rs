//! The root component: the page frame that holds the library, the import area and the about box.

use leptos::prelude::*;

use crate::components::{about::About, drop_zone::DropZone, library::Library};

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <header class="topbar">
            <h1 class="brand">"ScheduleFlow"</h1>
            <About />
        </header>
        <main class="workspace">
            <Library />
            <DropZone />
        </main>
    }
}
