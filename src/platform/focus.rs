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
