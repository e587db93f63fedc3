//! The document worker's side: a desk on its own thread, reading and storing schedules in
//! IndexedDB itself, answering the page's requests and telling it what happened, as JSON text.

use std::rc::Rc;

use gloo_events::EventListener;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use super::{Desk, Handled, Reply, Request, Tell};

/// The worker's name (as the page starts it) that makes it a document worker.
pub const NAME: &str = "scheduleflow-desk";

/// Page to worker: request `n`.
#[derive(Debug, Serialize, Deserialize)]
pub struct Asked {
    pub n: u64,
    pub request: Request,
}

/// Worker to page.
#[derive(Debug, Serialize, Deserialize)]
pub enum Heard {
    /// The desk is listening.
    Ready,
    /// The reply to request `n`.
    Reply {
        n: u64,
        reply: Reply,
    },
    Tell(Tell),
}

/// Whether this worker was started as the document worker.
pub fn is_desk() -> bool {
    js_sys::global()
        .dyn_into::<DedicatedWorkerGlobalScope>()
        .is_ok_and(|scope| scope.name() == NAME)
}

fn post(scope: &DedicatedWorkerGlobalScope, heard: &Heard) {
    if let Ok(text) = serde_json::to_string(heard) {
        // A message the page cannot take (it is gone) has no one left to tell.
        let _ = scope.post_message(&text.into());
    }
}

/// Starts the desk and listens; called once by the worker binary.
pub fn serve() {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        return;
    };
    any_spawner::Executor::init_wasm_bindgen().ok();
    let desk = Desk::new(Rc::new(crate::platform::storage::IndexedDb::default()));
    let tells = scope.clone();
    desk.listen(move |tell| post(&tells, &Heard::Tell(tell)));
    let answer = scope.clone();
    let listener = EventListener::new(&scope, "message", move |event| {
        let text = event
            .dyn_ref::<MessageEvent>()
            .and_then(|e| e.data().as_string());
        let Some(Asked { n, request }) = text.and_then(|t| serde_json::from_str(&t).ok()) else {
            return;
        };
        match desk.handle(request) {
            Handled::Now(reply) => post(&answer, &Heard::Reply { n, reply }),
            Handled::Later(reply) => {
                let scope = answer.clone();
                leptos::task::spawn_local(async move {
                    let reply = reply.await;
                    post(&scope, &Heard::Reply { n, reply });
                });
            }
        }
    });
    // The listener lives as long as the worker.
    listener.forget();
    post(&scope, &Heard::Ready);
}
