//! Where the keyboard focus is, when the page swaps one main view for another.

use wasm_bindgen::JsCast;

/// Takes the focus off an element in the workspace's main view (the side column stays), so
/// that the view can be replaced without the browser laying the page out there and then.
///
/// Removing the focused element (the "Open" button that was just clicked, "Back to the
/// library") makes the browser move the focus at once, and to do that it lays out the view
/// that was just put in, inside the same task: opening a 50,000-event schedule was one
/// 55–65 ms task, a third of it that layout. Without the focus the layout waits for the frame.
pub fn release_from_main_view() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(active) = document.active_element() else {
        return;
    };
    let in_main_view = matches!(active.closest(".workspace"), Ok(Some(_)))
        && !matches!(active.closest(".side"), Ok(Some(_)));
    if in_main_view {
        if let Ok(element) = active.dyn_into::<web_sys::HtmlElement>() {
            element.blur().ok();
        }
    }
}

/// Moves the focus to the element `id` (a view's heading, with `tabindex="-1"`) once `tasks`
/// more tasks have run, so that a keyboard or screen-reader user lands in the view just opened
/// instead of at the top of the page. Only if nothing has the focus by then (the swap left it
/// on the body): a person who has clicked or tabbed somewhere meanwhile keeps their place.
pub fn settle_on_later(id: &'static str, tasks: u8) {
    wasm_bindgen_futures::spawn_local(async move {
        for _ in 0..tasks {
            super::tick().await;
        }
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let unfocused = match document.active_element() {
            None => true,
            Some(active) => document.body().is_some_and(|body| active == *body.as_ref()),
        };
        if !unfocused {
            return;
        }
        if let Some(element) = document
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            element.focus().ok();
        }
    });
}
