//! The worker's side: listen for job requests (imports, plans), run each, answer. One request at a
//! time per worker; the page's pool decides which worker gets what.

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use super::protocol::{post_message, read_request, Message, Wire};
use super::work;

fn post(scope: &DedicatedWorkerGlobalScope, message: &Message, library: Option<&Wire>) {
    // A message the page cannot take (it is gone) has no one left to tell.
    let _ = post_message(scope, message, library);
}

/// Starts listening; called once by the worker binary.
pub fn run() {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        return;
    };
    let answer = scope.clone();
    let listener = EventListener::new(&scope, "message", move |event| {
        let Some((request, bytes)) = event
            .dyn_ref::<MessageEvent>()
            .and_then(|e| read_request(&e.data()))
        else {
            return;
        };
        let scope = answer.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let job = request.job;
            let done = work::run(&request.name, &request.work, &bytes, || {
                post(&scope, &Message::Saving { job }, None)
            })
            .await;
            let (message, library) = Message::done(job, &done);
            post(&scope, &message, library.as_ref());
        });
    });
    // The listener lives as long as the worker.
    listener.forget();
    post(&scope, &Message::Ready, None);
}
