//! Yielding to the event loop so that the browser can paint (a progress stage) before more work
//! runs, on the page and in a worker alike.

/// Resolves on the next macrotask, after the browser has had a chance to render.
pub async fn tick() {
    gloo_timers::future::TimeoutFuture::new(0).await;
}
