//! Yielding to the browser so that it can paint (a progress stage) before more work runs.

/// Resolves on the next macrotask, after the browser has had a chance to render.
pub async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
