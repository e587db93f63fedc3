//! Telling other tabs of this app that the stored library changed, so they reload it.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

const CHANNEL: &str = "scheduleflow-library";

/// Announces a change to every other tab (a tab does not hear its own messages).
pub fn announce() {
    if let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) {
        let _ = channel.post_message(&"changed".into());
        channel.close();
    }
}

/// Calls `on_change` whenever another tab announces a change, for the page's lifetime.
pub fn listen(on_change: impl Fn() + 'static) {
    let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) else {
        return;
    };
    let handler = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |_| on_change());
    channel.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    // The listener lives as long as the page; the channel stays open with it.
    handler.forget();
    std::mem::forget(channel);
}
