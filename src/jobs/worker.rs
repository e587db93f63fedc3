//! The worker's side: listen for import requests, run each, answer. One request at a time per
//! worker; the page's pool decides which worker gets what.

use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use super::protocol::{Message, Request};
use super::work::import_and_store;

/// The properties of a message: its JSON, and beside it the file's bytes (to the worker) or a
/// library's ScheduleFlow JSON (back).
pub const JSON: &str = "json";
pub const BYTES: &str = "bytes";
pub const LIBRARY: &str = "library";

fn post(scope: &DedicatedWorkerGlobalScope, message: &Message, library: Option<String>) {
    let envelope = Object::new();
    // serde_json cannot fail on these plain types; an empty message would be ignored.
    let text = serde_json::to_string(message).unwrap_or_default();
    let _ = Reflect::set(&envelope, &JSON.into(), &JsValue::from_str(&text));
    if let Some(library) = library {
        let _ = Reflect::set(&envelope, &LIBRARY.into(), &JsValue::from_str(&library));
    }
    let _ = scope.post_message(&envelope);
}

/// Starts listening; called once by the worker binary.
pub fn run() {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        return;
    };
    let answer = scope.clone();
    let handler = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        let request = Reflect::get(&data, &JSON.into())
            .ok()
            .and_then(|v| v.as_string())
            .and_then(|text| serde_json::from_str::<Request>(&text).ok());
        let bytes = Reflect::get(&data, &BYTES.into())
            .ok()
            .and_then(|v| v.dyn_into::<Uint8Array>().ok())
            .map(|b| b.to_vec())
            .unwrap_or_default();
        let Some(request) = request else {
            return;
        };
        let scope = answer.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let job = request.job;
            let done = import_and_store(&request.name, &bytes, &request.setup, || {
                post(&scope, &Message::Saving { job }, None)
            })
            .await;
            let (message, library) = Message::done(job, &done);
            post(&scope, &message, library);
        });
    });
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    handler.forget();
    post(&scope, &Message::Ready, None);
}
