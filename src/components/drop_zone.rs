//! Import: a file picker, and a drop overlay whenever files are dragged over the window.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::platform::files::carries_files;
use crate::platform::handoff;
use crate::state::AppState;

/// The import panel and the window-wide drop overlay.
#[component]
pub fn DropZone() -> impl IntoView {
    let state = expect_context::<AppState>();
    // dragenter and dragleave fire for every child crossed; count them to know when the drag left.
    let depth = RwSignal::new(0_i32);
    let dragging = Memo::new(move |_| depth.get() > 0);
    let _ = window_event_listener(ev::dragenter, move |e| {
        if carries_files(&e) {
            e.prevent_default();
            depth.update(|d| *d += 1);
        }
    });
    let _ = window_event_listener(ev::dragover, move |e| {
        if carries_files(&e) {
            e.prevent_default();
        }
    });
    let _ = window_event_listener(ev::dragleave, move |_| {
        depth.update(|d| *d = (*d - 1).max(0))
    });
    let _ = window_event_listener(ev::drop, move |e| {
        // The drag is over whoever takes it: an editor built off the page counted its
        // entering, and would show the overlay once it takes over.
        depth.set(0);
        // Until the editor takes over, the first-load shell takes dropped files.
        if handoff::off_page() {
            return;
        }
        e.prevent_default();
        // Events and playlist items dragged inside the page are the editor's, not imports.
        if !carries_files(&e) {
            return;
        }
        if let Some(files) = e.data_transfer().and_then(|dt| dt.files()) {
            state.import_file_list(&files);
        }
    });
    let on_pick = move |e: ev::Event| {
        let input = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        if let Some(input) = input {
            if let Some(files) = input.files() {
                state.import_file_list(&files);
            }
            // Picking the same file again must fire change again.
            input.set_value("");
        }
    };
    view! {
        <section class="panel drop-zone" aria-labelledby="import-heading">
            <h2 id="import-heading">"Import"</h2>
            <p>"Drop schedule and playlist files anywhere on this window, or"</p>
            <label class="button">
                "Choose files…"
                <input
                    type="file"
                    multiple
                    class="visually-hidden"
                    aria-label="Import files"
                    on:change=on_pick
                />
            </label>
            <p class="hint">"ScheduleFlow JSON and XML, ffplayout, XMLTV, BXF, CSV and M3U."</p>
            <div class="field">
                <label for="import-channel">"Channel for files that do not say theirs"</label>
                <select id="import-channel" on:change=move |e| {
                    let name = event_target_value(&e);
                    state.choose_import_channel((!name.is_empty()).then_some(name));
                }>
                    <option value="" selected=move || state.import_channel.with(Option::is_none)>
                        "none: assume 25 fps, UTC (with a warning)"
                    </option>
                    {move || state.channel_list().into_iter().map(|c| {
                        let name = c.name.clone();
                        view! {
                            <option value=c.name.clone() selected=move || state.import_channel.get().as_deref() == Some(name.as_str())>
                                {format!("{} ({}, {})", c.name, c.rate, c.zone.name())}
                            </option>
                        }
                    }).collect_view()}
                </select>
            </div>
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || state.untimed_as_schedule.get()
                    on:change=move |e| state.untimed_as_schedule.set(event_target_checked(&e))
                />
                " Files without times (M3U, CSV without starts) become schedules, not playlists"
            </label>
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || state.second_in_repeated_hour.get()
                    on:change=move |e| state.second_in_repeated_hour.set(event_target_checked(&e))
                />
                " Times in the hour that repeats when the clocks go back mean its second occurrence"
            </label>
        </section>
        <Show when=move || dragging.get()>
            <div class="drop-overlay" role="status" aria-live="polite">
                <p>"Drop to import"</p>
            </div>
        </Show>
    }
}
