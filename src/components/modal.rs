//! A modal dialog on the browser's own `<dialog>`: it traps focus, closes on Escape and
//! returns focus to where it was. Its content is made afresh each time it opens.

use leptos::html::Dialog;
use leptos::prelude::*;

#[component]
pub fn Modal(
    open: RwSignal<bool>,
    /// The heading, which also names the dialog.
    title: Signal<String>,
    /// Unique in the page: the heading's id is `<id>-title`.
    id: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    let dialog = NodeRef::<Dialog>::new();
    Effect::new(move |_| {
        let Some(d) = dialog.get() else { return };
        match (open.get(), d.open()) {
            (true, false) => {
                let _ = d.show_modal();
            }
            (false, true) => d.close(),
            _ => {}
        }
    });
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    view! {
        <dialog
            node_ref=dialog
            class="modal"
            id=id
            aria-labelledby=labelled_by
            on:close=move |_| open.set(false)
        >
            <h2 id=title_id>{move || title.get()}</h2>
            {move || open.get().then(|| children())}
        </dialog>
    }
}

/// A field's error message for `field` among `errors`, if any.
pub fn error_for(errors: &[scheduleflow_engine::edit::FieldError], field: &str) -> Option<String> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| e.message.clone())
}
