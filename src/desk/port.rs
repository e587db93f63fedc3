//! How the page reaches the desk: in the document worker (every reply is a message), or, where
//! that worker cannot start, here on the page (a request handled at once is answered at once).

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use futures::channel::oneshot;
use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker, WorkerOptions};

use super::host::{Asked, Heard, NAME};
use super::{Desk, Handled, Listener, Reply, Request, Tell};
use crate::state::ports::Store;

/// The page's way to the desk.
#[derive(Clone, Debug)]
pub enum Port {
    Here(Desk),
    Worker(Rc<Remote>),
    /// A desk on the page reached as the worker is: every request, reply and tell is
    /// written as the worker's messages are and read back (the state's tests run through it,
    /// so that all they do is known to cross).
    #[cfg(test)]
    Copied(Desk),
}

impl Port {
    /// A desk in the document worker; on the page if the worker cannot be made (or, later,
    /// does not start: then the requests sent meanwhile go to a desk on the page).
    pub fn in_worker(store: Rc<dyn Store>) -> Port {
        match Remote::start(store.clone()) {
            Some(remote) => Port::Worker(remote),
            None => Port::Here(Desk::new(store)),
        }
    }

    /// Tells `busy` whether replies the views wait on are on their way (a desk on the page
    /// never keeps anyone waiting).
    pub fn on_busy(&self, busy: impl Fn(bool) + 'static) {
        if let Port::Worker(remote) = self {
            *remote.on_busy.borrow_mut() = Some(Rc::new(busy));
        }
    }

    /// Sends every `Tell` to `listen`.
    pub fn listen(&self, listen: impl Fn(Tell) + 'static) {
        match self {
            Port::Here(desk) => desk.listen(listen),
            Port::Worker(remote) => *remote.listener.borrow_mut() = Some(Rc::new(listen)),
            #[cfg(test)]
            Port::Copied(desk) => desk.listen(move |tell| listen(copied(&tell))),
        }
    }

    /// Sends `request`; `then` takes the reply, at once if it is ready at once.
    pub fn send(&self, request: Request, then: impl FnOnce(Reply) + 'static) {
        match self {
            Port::Here(desk) => here(desk, request, Box::new(then)),
            Port::Worker(remote) => remote.send(request, Box::new(then)),
            #[cfg(test)]
            Port::Copied(desk) => here(
                desk,
                copied(&request),
                Box::new(move |reply| then(copied(&reply))),
            ),
        }
    }

    /// Sends `request` and waits for the reply (`Reply::Done` if the desk went away).
    pub async fn ask(&self, request: Request) -> Reply {
        match self {
            // Awaited in place, not spawned: whoever waits drives it.
            Port::Here(desk) => match desk.handle(request) {
                Handled::Now(reply) => reply,
                Handled::Later(reply) => reply.await,
            },
            Port::Worker(remote) => {
                let (tx, rx) = oneshot::channel();
                remote.send(
                    request,
                    Box::new(move |reply| {
                        let _ = tx.send(reply);
                    }),
                );
                rx.await.unwrap_or(Reply::Done)
            }
            #[cfg(test)]
            Port::Copied(desk) => copied(&match desk.handle(copied(&request)) {
                Handled::Now(reply) => reply,
                Handled::Later(reply) => reply.await,
            }),
        }
    }

    /// The desk, where it is on the page (in tests, which look at the session itself).
    #[cfg(test)]
    pub fn here(&self) -> Option<Desk> {
        match self {
            Port::Here(desk) => Some(desk.clone()),
            Port::Worker(remote) => remote.fallback.borrow().clone(),
            #[cfg(test)]
            Port::Copied(desk) => Some(desk.clone()),
        }
    }
}

/// `value` written as a message and read back.
#[cfg(test)]
fn copied<T: serde::Serialize + serde::de::DeserializeOwned>(value: &T) -> T {
    let text = serde_json::to_string(value).expect("every message writes");
    serde_json::from_str(&text).expect("every message reads back")
}

type Then = Box<dyn FnOnce(Reply)>;

/// Who hears whether replies are on their way.
type OnBusy = Rc<dyn Fn(bool)>;

/// Handles `request` on a desk on the page.
fn here(desk: &Desk, request: Request, then: Then) {
    match desk.handle(request) {
        Handled::Now(reply) => then(reply),
        Handled::Later(reply) => leptos::task::spawn_local(async move { then(reply.await) }),
    }
}

/// The document worker, as the page sees it.
pub struct Remote {
    worker: Worker,
    next: Cell<u64>,
    /// Who waits for which reply.
    waiting: RefCell<HashMap<u64, Then>>,
    /// The requests on their way that the views wait on (see `Request::holds_the_views`).
    holding: RefCell<HashSet<u64>>,
    /// Requests held until the worker says it is ready (`None` once it has).
    queued: RefCell<Option<Vec<(u64, Request)>>>,
    /// The desk on the page that took over from a worker that did not start or stopped.
    fallback: RefCell<Option<Desk>>,
    listener: RefCell<Option<Listener>>,
    on_busy: RefCell<Option<OnBusy>>,
    store: Rc<dyn Store>,
    listeners: RefCell<Vec<EventListener>>,
}

impl std::fmt::Debug for Remote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Remote")
    }
}

impl Remote {
    fn start(store: Rc<dyn Store>) -> Option<Rc<Remote>> {
        let options = WorkerOptions::new();
        options.set_name(NAME);
        let worker = Worker::new_with_options(&crate::jobs::pool::worker_url(), &options).ok()?;
        let remote = Rc::new(Remote {
            worker,
            next: Cell::new(1),
            waiting: RefCell::default(),
            holding: RefCell::default(),
            queued: RefCell::new(Some(Vec::new())),
            fallback: RefCell::default(),
            listener: RefCell::default(),
            on_busy: RefCell::default(),
            store,
            listeners: RefCell::default(),
        });
        let heard = Rc::downgrade(&remote);
        let on_message = EventListener::new(&remote.worker, "message", move |e| {
            let text = e
                .dyn_ref::<MessageEvent>()
                .and_then(|e| e.data().as_string());
            let heard_now = text.and_then(|t| serde_json::from_str::<Heard>(&t).ok());
            if let (Some(remote), Some(message)) = (heard.upgrade(), heard_now) {
                remote.heard(message);
            }
        });
        let failed = Rc::downgrade(&remote);
        // A crash arrives as an ErrorEvent; a script that did not load as a plain Event.
        let on_error = EventListener::new(&remote.worker, "error", move |_| {
            if let Some(remote) = failed.upgrade() {
                remote.fall_back();
            }
        });
        *remote.listeners.borrow_mut() = vec![on_message, on_error];
        Some(remote)
    }

    fn send(&self, request: Request, then: Then) {
        let fallback = self.fallback.borrow().clone();
        if let Some(desk) = fallback {
            return here(&desk, request, then);
        }
        let n = self.next.get();
        self.next.set(n + 1);
        self.waiting.borrow_mut().insert(n, then);
        if request.holds_the_views() {
            let first = {
                let mut holding = self.holding.borrow_mut();
                holding.insert(n);
                holding.len() == 1
            };
            if first {
                self.busy(true);
            }
        }
        let mut queued = self.queued.borrow_mut();
        match queued.as_mut() {
            Some(queued) => queued.push((n, request)),
            None => {
                drop(queued);
                self.post(n, request);
            }
        }
    }

    fn post(&self, n: u64, request: Request) {
        if let Ok(text) = serde_json::to_string(&Asked { n, request }) {
            let _ = self.worker.post_message(&text.into());
        }
    }

    fn heard(&self, heard: Heard) {
        match heard {
            Heard::Ready => {
                let queued = self.queued.borrow_mut().take().unwrap_or_default();
                for (n, request) in queued {
                    self.post(n, request);
                }
            }
            Heard::Reply { n, reply } => {
                let then = self.waiting.borrow_mut().remove(&n);
                if let Some(then) = then {
                    then(reply);
                }
                let last = {
                    let mut holding = self.holding.borrow_mut();
                    holding.remove(&n) && holding.is_empty()
                };
                if last {
                    self.busy(false);
                }
            }
            Heard::Tell(tell) => self.tell(tell),
        }
    }

    fn busy(&self, busy: bool) {
        let on_busy = self.on_busy.borrow().clone();
        if let Some(on_busy) = on_busy {
            on_busy(busy);
        }
    }

    fn tell(&self, tell: Tell) {
        let listener = self.listener.borrow().clone();
        if let Some(listen) = listener {
            listen(tell);
        }
    }

    /// The worker did not start, or stopped: a desk on the page takes the requests from now
    /// on, and those not sent yet. Those the worker had are answered as not done; a schedule
    /// it had open is gone from view (what it stored is kept).
    fn fall_back(&self) {
        if self.fallback.borrow().is_some() {
            return;
        }
        self.worker.terminate();
        let desk = Desk::new(self.store.clone());
        let listener = self.listener.borrow().clone();
        if let Some(listen) = listener {
            desk.listen(move |tell| listen(tell));
        }
        *self.fallback.borrow_mut() = Some(desk.clone());
        let queued = self.queued.borrow_mut().take();
        let started = queued.is_none();
        for (n, request) in queued.unwrap_or_default() {
            let then = self.waiting.borrow_mut().remove(&n);
            if let Some(then) = then {
                here(&desk, request, then);
            }
        }
        let lost: Vec<Then> = self.waiting.borrow_mut().drain().map(|(_, t)| t).collect();
        for then in lost {
            then(Reply::Done);
        }
        self.holding.borrow_mut().clear();
        self.busy(false);
        if started {
            self.tell(Tell::Notice(
                "The schedule's worker stopped; open the schedule again (what was saved is kept)."
                    .into(),
            ));
            self.tell(Tell::Moved);
        }
    }
}
