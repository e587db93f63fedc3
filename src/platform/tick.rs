//! Yielding to the event loop so that the browser can paint (a progress stage) before more work
//! runs, on the page and in a worker alike.

/// Resolves on the next macrotask, after the browser has had a chance to render; natively (the
/// state's tests) at once.
pub async fn tick() {
    if cfg!(target_arch = "wasm32") {
        gloo_timers::future::TimeoutFuture::new(0).await;
    }
}

/// Long work cut into slices of a few milliseconds: `pause` yields to the browser once the
/// current slice has run its time, so a frame is never held for long.
#[derive(Debug)]
pub struct Slices {
    started: f64,
}

impl Slices {
    const SLICE_MS: f64 = 8.0;

    pub fn new() -> Slices {
        Slices { started: now() }
    }

    /// Whether this slice has run its time.
    pub fn used_up(&self) -> bool {
        now() - self.started >= Self::SLICE_MS
    }

    /// Yields if this slice has run its time; returns at once otherwise.
    pub async fn pause(&mut self) {
        if self.used_up() {
            tick().await;
            self.started = now();
        }
    }
}

/// Milliseconds on the browser's clock; natively (the state's tests) time stands still, so
/// work there runs in one slice.
fn now() -> f64 {
    if cfg!(target_arch = "wasm32") {
        js_sys::Date::now()
    } else {
        0.0
    }
}

impl Default for Slices {
    fn default() -> Slices {
        Slices::new()
    }
}
