//! Working offline: registers the service worker (`sw.js`, written for each build by
//! scripts/service-worker.mjs) that keeps the app's files after the first load.

/// Registers the service worker, where the browser has them (secure contexts: https and
/// loopback). Failing to register only means no offline use; the app runs as before.
pub fn register() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    let has_service_workers =
        js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false);
    if has_service_workers {
        let registering = navigator.service_worker().register("./sw.js");
        // Awaited so that a refusal is handled here, not reported as an uncaught rejection.
        wasm_bindgen_futures::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(registering).await;
        });
    }
}
