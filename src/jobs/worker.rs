//! The worker's side: listen for job requests (imports, plans), run each, answer. One request at a
//! time per worker; the page's pool decides which worker gets what.

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use std::cell::RefCell;
use std::rc::Rc;

use futures::channel::oneshot;

use super::protocol::{post_message, read_request, read_store, Message, Wire};
use super::work::{self, Written};
use scheduleflow_engine::model::Library;
use scheduleflow_engine::summary::ScheduleSummary;

fn post(scope: &DedicatedWorkerGlobalScope, message: &Message, library: Option<&Wire>) {
    // A message the page cannot take (it is gone) has no one left to tell.
    let _ = post_message(scope, message, library);
}

/// The job waiting for the page's word that it may store (one job at a time).
type Waiting = Option<(u64, oneshot::Sender<()>)>;

/// Starts listening; called once by the worker binary.
pub fn run() {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        return;
    };
    let answer = scope.clone();
    let waiting: Rc<RefCell<Waiting>> = Rc::default();
    let listener = EventListener::new(&scope, "message", move |event| {
        let Some(data) = event.dyn_ref::<MessageEvent>().map(MessageEvent::data) else {
            return;
        };
        if let Some(job) = read_store(&data) {
            let mut waiting = waiting.borrow_mut();
            if waiting.as_ref().is_some_and(|(waits, _)| *waits == job) {
                if let Some((_, go)) = waiting.take() {
                    let _ = go.send(());
                }
            }
            return;
        }
        let Some((request, bytes)) = read_request(&data) else {
            return;
        };
        let scope = answer.clone();
        let waiting = waiting.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let job = request.job;
            // Saving is said, and storing waits for the page's answer: a Cancel the page took
            // before it stops this worker before anything is stored.
            let may_store = || {
                let (go, word) = oneshot::channel();
                *waiting.borrow_mut() = Some((job, go));
                post(&scope, &Message::Saving { job }, None);
                async move { word.await.is_ok() }
            };
            // What is stored (the schedules' heads and rows: the page keeps closed schedules'
            // events in storage) goes to the page before the commit ends, so that the page
            // reads it while the browser writes it (a `Done` after a failed commit says to
            // drop it).
            let send_ahead = |library: &Library, _: &[ScheduleSummary]| {
                let wire = Wire::heads(library);
                let written = Message::Written { job };
                match post_message(&scope, &written, Some(&wire)) {
                    Ok(()) => Written::Sent,
                    Err(_) => Written::Nothing,
                }
            };
            let mut done =
                work::run(&request.name, &request.work, bytes, may_store, send_ahead).await;
            let (message, library) = Message::done(job, &mut done);
            post(&scope, &message, library.as_ref());
        });
    });
    // The listener lives as long as the worker.
    listener.forget();
    post(&scope, &Message::Ready, None);
    // After the page has heard that the worker is ready, and after a request already waiting.
    wasm_bindgen_futures::spawn_local(async {
        gloo_timers::future::TimeoutFuture::new(0).await;
        super::warm::up();
    });
}
