//! What the shell shows: the page's frame, the library's kept rows and the import panel, in
//! the editor's own markup and styles, so that the editor taking over changes nothing the eye
//! was reading.

use leptos::prelude::*;

use crate::components::library::{summary_cells, table_head};
use crate::platform::storage::StoredRows;

#[component]
pub fn Shell(
    /// The stored rows, once read (or why they could not be).
    shown: RwSignal<Option<Result<StoredRows, String>>>,
    /// How many files wait for the editor.
    waiting: RwSignal<usize>,
    /// Why the editor did not start, if it did not.
    failure: RwSignal<Option<String>>,
    /// How deep a drag of files is over the window (0: none).
    dragging: RwSignal<i32>,
) -> impl IntoView {
    view! {
        <div class="app-root">
            <header class="topbar">
                <h1 class="brand">"ScheduleFlow"</h1>
            </header>
            {move || failure.get().map(|why| view! {
                <div class="banner failed" role="alert">
                    {format!("The editor could not be loaded ({why}). Reload the page to try again.")}
                </div>
            })}
            // Where the editor says what it is doing, so nothing moves when it takes over.
            <div class="status-line" role="status" aria-live="polite">
                <span class="notice">
                    {move || match waiting.get() {
                        0 => String::new(),
                        1 => "1 file will be imported as soon as the editor has loaded.".into(),
                        n => format!("{n} files will be imported as soon as the editor has loaded."),
                    }}
                </span>
            </div>
            <main class="workspace">
                <div class="main-column">
                    <section class="panel library" aria-labelledby="shell-library-heading">
                        <div class="panel-head">
                            <h2 id="shell-library-heading">"Library"</h2>
                            // Why the rows have no actions yet (the failure, if any, is said
                            // in the banner).
                            {move || failure.with(Option::is_none).then(|| view! {
                                <p class="hint">"Loading the editor…"</p>
                            })}
                        </div>
                        {move || shown.get().map(|rows| match rows {
                            Ok(rows) => view! { <Rows rows=rows /> }.into_any(),
                            Err(e) => view! { <p class="report failed" role="alert">{e}</p> }.into_any(),
                        })}
                    </section>
                </div>
                <div class="side">
                    <section class="panel drop-zone" aria-labelledby="shell-import-heading">
                        <h2 id="shell-import-heading">"Import"</h2>
                        <p>"Drop schedule and playlist files anywhere on this window, or"</p>
                        <label class="button">
                            "Choose files…"
                            <input type="file" multiple class="visually-hidden" aria-label="Import files" />
                        </label>
                        <p class="hint">"ScheduleFlow JSON and XML, ffplayout, XMLTV, BXF, CSV and M3U."</p>
                    </section>
                </div>
            </main>
            <Show when=move || { dragging.get() > 0 }>
                <div class="drop-overlay" role="status" aria-live="polite">
                    <p>"Drop to import"</p>
                </div>
            </Show>
        </div>
    }
}

/// The kept rows, as the editor's library table shows them (without its actions, which come
/// with the editor).
#[component]
fn Rows(rows: StoredRows) -> impl IntoView {
    let more = rows.unsummarised;
    if rows.rows.is_empty() && more == 0 {
        return view! {
            <p class="empty-state">"No schedules yet. Drop files on this window to import them."</p>
        }
        .into_any();
    }
    view! {
        <div class="table-scroll">
            <table class="library-table">
                {table_head(false)}
                <tbody>
                    {rows.rows.iter().map(|s| view! { <tr>{summary_cells(s)}</tr> }).collect_view()}
                </tbody>
            </table>
        </div>
        {(more > 0).then(|| view! {
            <p class="empty-state">{format!("{more} more, listed once the editor has checked them.")}</p>
        })}
    }
    .into_any()
}
