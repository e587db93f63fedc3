//! The status strip under the top bar: the last action's result (with Undo after a delete),
//! saving in progress, and work the browser's storage would not take, offered as a download.

use leptos::prelude::*;

use crate::state::AppState;

#[component]
pub fn Status() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        {move || state.unsaved.get().map(|unsaved| view! {
            <div class="banner failed" role="alert">
                <span>
                    {format!(
                        "{}: “{}” is not saved. It is kept in this tab until you close it.",
                        unsaved.why, unsaved.what
                    )}
                </span>
                <button type="button" on:click=move |_| state.download_unsaved()>
                    "Download unsaved work"
                </button>
                <button type="button" class="quiet" on:click=move |_| state.dismiss_unsaved()>
                    "Dismiss"
                </button>
            </div>
        })}
        <div class="status-line" role="status" aria-live="polite">
            <span class="notice">{move || state.notice.get()}</span>
            // The name only: what was deleted can be a year of events.
            {move || state.deleted.with(|d| d.as_ref().map(|d| d.name.clone())).map(|name| view! {
                " "
                <button
                    type="button"
                    class="quiet"
                    aria-label=format!("Undo delete of {name}")
                    on:click=move |_| state.undo_delete()
                >
                    "Undo"
                </button>
            })}
            {move || state.saving.get().then(|| view! { <span class="saving">" Saving…"</span> })}
        </div>
    }
}
