//! Telling other tabs of this app that the stored library changed, so they reload it.
//!
//! One BroadcastChannel per page does both the telling and the listening. A channel object
//! does not hear its own messages, but it does hear every other object of the same name, the
//! page's own included: announcing through a second object made each tab reload its whole
//! library after every save of its own.

use std::cell::RefCell;

use gloo_events::EventListener;
use web_sys::BroadcastChannel;

const CHANNEL: &str = "scheduleflow-library";

thread_local! {
    /// The page's channel, and its listener once `listen` is called; both live as long as the
    /// page.
    static PAGE: RefCell<Option<(BroadcastChannel, Option<EventListener>)>> =
        const { RefCell::new(None) };
}

fn with_channel<T>(
    f: impl FnOnce(&BroadcastChannel, &mut Option<EventListener>) -> T,
) -> Option<T> {
    PAGE.with(|page| {
        let mut page = page.borrow_mut();
        if page.is_none() {
            *page = Some((BroadcastChannel::new(CHANNEL).ok()?, None));
        }
        page.as_mut()
            .map(|(channel, listener)| f(channel, listener))
    })
}

/// Announces a change to every other tab (this page does not hear it).
pub fn announce() {
    with_channel(|channel, _| {
        let _ = channel.post_message(&"changed".into());
    });
}

/// Calls `on_change` whenever another tab announces a change (replacing any earlier call's).
pub fn listen(on_change: impl Fn() + 'static) {
    with_channel(|channel, listener| {
        *listener = Some(EventListener::new(channel, "message", move |_| on_change()));
    });
}
