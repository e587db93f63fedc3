//! The root component: the page frame that holds the library, the import area and the about box.

use leptos::prelude::*;

use crate::components::library::BuildLauncher;
use crate::components::playlist_view::PlaylistView;
use crate::components::stages::stages;
use crate::components::{
    about::About, channels::Channels, drop_zone::DropZone, import_reports::ImportReports,
    jobs::Jobs, library::Library, plans::Plans, playlists::Playlists, progress::ImportProgress,
    schedule_view::ScheduleView, status::Status, system::System, theme_picker::ThemePicker,
};
use crate::platform::{focus, handoff};
use crate::state::{AppState, Storage};

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    provide_context(BuildLauncher::new());
    state.load();
    // The first task builds the frame and the drop area, the next the library (whose records
    // are still being read meanwhile), the one after the other panels: on a first visit, each
    // function's code compiled as it first runs, the whole page built in one task took 58–122
    // ms.
    let stage = stages(2);
    // Memos, so that the main view is built once, not again as the stage moves on.
    let library_shown = Memo::new(move |_| stage.get() >= 1);
    let panels_shown = Memo::new(move |_| stage.get() >= 2);
    // Whether a main view has been shown yet (the first is the library, as the page starts).
    let swapped = StoredValue::new(false);
    // The editor takes the page over from the first-load shell once its library is shown.
    Effect::new(move |_| {
        if panels_shown.get() && !matches!(state.storage.get(), Storage::Loading) {
            handoff::reveal(move |files| state.import(files));
        }
    });
    // The main view is rebuilt only when what it shows changes, not on every set.
    let shown = Memo::new(move |_| (state.selected.get(), state.playlist_open.get()));
    view! {
        <header class="topbar">
            <h1 class="brand">"ScheduleFlow"</h1>
            <About />
            <ThemePicker />
        </header>
        <Status />
        <main class="workspace" class:editing=move || state.selected.with(Option::is_some)>
            {move || {
                if !library_shown.get() {
                    return view! { <div class="main-column"></div> }.into_any();
                }
                let shown = shown.get();
                focus::release_from_main_view();
                // The view that replaces another takes the focus once it is built (the
                // schedule view in three tasks); the library shown as the page starts does not.
                let heading = match shown {
                    (Some(_), _) => Some(("schedule-heading", 3)),
                    (None, Some(_)) => Some(("playlist-heading", 1)),
                    (None, None) => swapped.get_value().then_some(("library-heading", 1)),
                };
                swapped.set_value(true);
                if let Some((id, tasks)) = heading {
                    focus::settle_on_later(id, tasks);
                }
                match shown {
                    (Some(_), _) => view! { <ScheduleView /> }.into_any(),
                    (None, Some(id)) => view! { <PlaylistView id=id /> }.into_any(),
                    (None, None) => view! {
                        <div class="main-column">
                            <Library /><Playlists /><Channels /><Plans />
                        </div>
                    }.into_any(),
                }
            }}
            <div class="side">
                <DropZone />
                <Show when=move || panels_shown.get()>
                    <ImportProgress />
                    <ImportReports />
                    <System />
                    <Jobs />
                </Show>
            </div>
        </main>
    }
}
