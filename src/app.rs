//! The root component: the page frame that holds the library, the import area and the about box.

use leptos::prelude::*;

use crate::components::{
    about::About, drop_zone::DropZone, import_reports::ImportReports, library::Library,
    schedule_view::ScheduleView, system::System,
};
use crate::state::AppState;

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    state.load();
    view! {
        <header class="topbar">
            <h1 class="brand">"ScheduleFlow"</h1>
            <About />
        </header>
        <main class="workspace">
            {move || match state.selected.get() {
                Some(id) => view! { <ScheduleView id=id /> }.into_any(),
                None => view! { <Library /> }.into_any(),
            }}
            <div class="side">
                <DropZone />
                <ImportReports />
                <System />
            </div>
        </main>
    }
}
