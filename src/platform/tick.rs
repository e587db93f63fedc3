//! Yielding to the event loop so that the browser can paint (a progress stage) before more work
//! runs, on the page and in a worker alike.
//!
//! The time a slice may run is counted per turn of the event loop, not per piece of work: the
//! futures that resume in one turn (an edit, then the effects and the saver it wakes) share
//! one budget, so that together they still leave the page free.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{MessageChannel, MessagePort};

thread_local! {
    /// When the current turn began running work that counts its time; `None` between turns.
    static TURN: Cell<Option<f64>> = const { Cell::new(None) };
    /// The channel `tick` posts to itself through, made on first use; `None` if it cannot be.
    static NEXT_TASK: Option<NextTask> = NextTask::new();
}

/// Resolves on the next macrotask, after the browser has had a chance to render; natively (the
/// state's tests) at once. What runs after it starts a turn of its own.
pub async fn tick() {
    if cfg!(target_arch = "wasm32") {
        match NEXT_TASK.with(|next| next.as_ref().map(NextTask::wait)) {
            Some(promise) => {
                let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
            }
            None => gloo_timers::future::TimeoutFuture::new(0).await,
        }
        begin_turn();
    }
}

/// A message posted to oneself comes back as a task of its own, queued at once. A zero timeout
/// does too, but browsers hold a timer set from a timer's task back 4 ms once such timers nest
/// five deep, which is what a run of slices does: half of each 8 ms slice again, idle.
struct NextTask {
    port: MessagePort,
    /// Who waits, in order; each message that comes back resolves the first.
    waiting: Rc<RefCell<VecDeque<js_sys::Function>>>,
    _on_message: Closure<dyn FnMut()>,
}

impl NextTask {
    fn new() -> Option<NextTask> {
        if !cfg!(target_arch = "wasm32") {
            return None;
        }
        let channel = MessageChannel::new().ok()?;
        let waiting: Rc<RefCell<VecDeque<js_sys::Function>>> = Rc::default();
        let first = waiting.clone();
        let on_message = Closure::<dyn FnMut()>::new(move || {
            let next = first.borrow_mut().pop_front();
            if let Some(resolve) = next {
                let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
            }
        });
        channel
            .port1()
            .set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        Some(NextTask {
            port: channel.port2(),
            waiting,
            _on_message: on_message,
        })
    }

    /// A promise resolved in the next task.
    fn wait(&self) -> js_sys::Promise {
        js_sys::Promise::new(&mut |resolve, _| {
            self.waiting.borrow_mut().push_back(resolve);
            if self
                .port
                .post_message(&wasm_bindgen::JsValue::UNDEFINED)
                .is_err()
            {
                // Not sent: resolved now, so nobody waits for a message that will not come.
                if let Some(resolve) = self.waiting.borrow_mut().pop_back() {
                    let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
                }
            }
        })
    }
}

/// Marks the start of a turn now (work about to run at the start of a task).
fn begin_turn() {
    TURN.with(|t| t.set(Some(now())));
    end_turn_later();
}

/// When the current turn began: the first look at the clock in a task starts it, unless
/// `tick` did.
fn turn_started() -> f64 {
    TURN.with(|t| match t.get() {
        Some(started) => started,
        None => {
            let started = now();
            t.set(Some(started));
            end_turn_later();
            started
        }
    })
}

/// Forgets the turn's start once the task ends (a timer runs in a task of its own).
fn end_turn_later() {
    if cfg!(target_arch = "wasm32") {
        gloo_timers::callback::Timeout::new(0, || TURN.with(|t| t.set(None))).forget();
    }
}

/// Notes that work starts now, so that what follows in this task counts it: call it before
/// something long that does not look at the clock itself (an edit of a month of events).
pub fn mark_turn() {
    turn_started();
}

/// Long work cut into slices of a few milliseconds: `pause` yields to the browser once the
/// current turn has run its time, so a frame is never held for long.
#[derive(Debug, Default)]
pub struct Slices;

impl Slices {
    const SLICE_MS: f64 = 8.0;

    pub fn new() -> Slices {
        turn_started();
        Slices
    }

    /// Whether this turn has run its time (by this work or by other work before it).
    pub fn used_up(&self) -> bool {
        now() - turn_started() >= Self::SLICE_MS
    }

    /// Yields if this turn has run its time; returns at once otherwise.
    pub async fn pause(&mut self) {
        if self.used_up() {
            tick().await;
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
