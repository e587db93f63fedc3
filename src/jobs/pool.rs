//! The page's side of the job system: a few import workers, a bounded queue in front of them,
//! and the statistics the Jobs panel shows (processed, queued, active, errors, peaks,
//! utilisation).

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use futures::channel::oneshot;
use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker, WorkerOptions};

use super::protocol::{done_from, post_request, read_message, Message, Request};
use super::work::{import_and_store, Done};
use crate::import::{Outcome, Setup};

/// The worker's start script (src/jobs/worker-loader.js, copied next to the page by trunk).
const WORKER_URL: &str = "./worker-loader.js";
/// Jobs waiting beyond those running; a caller waits for room before it reads the next file.
const QUEUE_CAPACITY: usize = 8;
/// Workers at most, whatever the machine has (the earlier server ran four processes).
const MAX_WORKERS: usize = 4;
/// How often a crashed worker is replaced before its place is given up.
const MAX_RESTARTS: u32 = 3;

/// What the Jobs panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Stats {
    pub workers: usize,
    pub processed: u64,
    pub errors: u64,
    pub queued: usize,
    pub active: usize,
    pub peak_active: usize,
    pub peak_queued: usize,
    /// Milliseconds workers spent on jobs, and since the pool started.
    pub busy_ms: f64,
    pub started_ms: f64,
    /// Whether jobs run on the page because workers could not start.
    pub on_page: bool,
}

impl Stats {
    /// The share of the workers' time spent on jobs since the pool started, 0 to 1.
    pub fn utilisation(&self, now_ms: f64) -> f64 {
        let capacity = self.workers.max(1) as f64 * (now_ms - self.started_ms);
        if capacity > 0.0 {
            (self.busy_ms / capacity).clamp(0.0, 1.0)
        } else {
            0.0
        }
    }
}

/// What a caller hears about its job before it is done.
pub type OnSaving = Rc<dyn Fn()>;

/// A submitted import.
#[derive(Debug)]
pub enum Ticket {
    Done(Done),
    Waiting {
        name: String,
        answer: oneshot::Receiver<Done>,
    },
}

impl Ticket {
    /// Waits for the import to end.
    pub async fn done(self) -> Done {
        match self {
            Ticket::Done(done) => done,
            Ticket::Waiting { name, answer } => answer.await.unwrap_or_else(|_| {
                Done::failed(&name, format!("{name}: the import was cancelled"))
            }),
        }
    }
}

struct Job {
    request: Request,
    bytes: Vec<u8>,
    saving: OnSaving,
    done: oneshot::Sender<Done>,
}

struct Running {
    job: Job,
    since_ms: f64,
}

struct Slot {
    worker: Worker,
    /// The worker's message and error listeners, removed with it.
    listeners: [EventListener; 2],
    ready: bool,
    running: Option<Running>,
    /// Stopped for good: it never started, or crashed too often.
    dead: bool,
    restarts: u32,
}

struct Inner {
    slots: Vec<Slot>,
    queue: VecDeque<Job>,
    room: VecDeque<oneshot::Sender<()>>,
    stats: Stats,
    listener: Option<Rc<dyn Fn(Stats)>>,
    next_job: u64,
    /// Places held by callers that are reading their file, not yet queued.
    reserved: usize,
}

/// The pool. Cheap to clone; every clone is the same pool.
#[derive(Clone)]
pub struct Pool(Rc<RefCell<Inner>>);

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Pool").field(&self.0.borrow().stats).finish()
    }
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

impl Pool {
    /// Starts up to `MAX_WORKERS` workers (one per core); with none, jobs run on the page.
    pub fn start() -> Pool {
        let cores = web_sys::window()
            .map(|w| w.navigator().hardware_concurrency())
            .unwrap_or(1.0);
        // A core count is a small whole number.
        let wanted = (cores as usize).clamp(1, MAX_WORKERS);
        let pool = Pool(Rc::new(RefCell::new(Inner {
            slots: Vec::new(),
            queue: VecDeque::new(),
            room: VecDeque::new(),
            stats: Stats {
                started_ms: now_ms(),
                ..Stats::default()
            },
            listener: None,
            next_job: 1,
            reserved: 0,
        })));
        for index in 0..wanted {
            match pool.spawn(index) {
                Some((worker, listeners)) => pool.0.borrow_mut().slots.push(Slot {
                    worker,
                    listeners,
                    ready: false,
                    running: None,
                    dead: false,
                    restarts: 0,
                }),
                None => break,
            }
        }
        let mut inner = pool.0.borrow_mut();
        inner.stats.workers = inner.slots.len();
        inner.stats.on_page = inner.slots.is_empty();
        drop(inner);
        pool
    }

    /// Calls `listener` with fresh statistics after every change.
    pub fn listen(&self, listener: impl Fn(Stats) + 'static) {
        let stats = self.0.borrow().stats;
        listener(stats);
        self.0.borrow_mut().listener = Some(Rc::new(listener));
    }

    fn spawn(&self, index: usize) -> Option<(Worker, [EventListener; 2])> {
        let options = WorkerOptions::new();
        options.set_name(&format!("scheduleflow-import-{}", index + 1));
        let worker = Worker::new_with_options(WORKER_URL, &options).ok()?;
        let pool = self.clone();
        let on_message = EventListener::new(&worker, "message", move |e| {
            let heard = e
                .dyn_ref::<MessageEvent>()
                .and_then(|e| read_message(&e.data()));
            if let Some((message, library)) = heard {
                pool.heard(index, message, library);
            }
        });
        let pool = self.clone();
        // A crash arrives as an ErrorEvent; a script that did not load as a plain Event.
        let on_error = EventListener::new(&worker, "error", move |e| {
            let reason = e
                .dyn_ref::<web_sys::ErrorEvent>()
                .map(|e| e.message())
                .unwrap_or_else(|| "the worker did not start".into());
            pool.failed(index, reason);
        });
        Some((worker, [on_message, on_error]))
    }

    /// Hands an import to the pool: waits for room in the queue, reads the file (`read` runs
    /// only once there is room, so files waiting their turn are not held in memory) and queues
    /// it. The returned ticket resolves when the import is done. Without workers the import runs
    /// here, on the page, before this returns.
    pub async fn submit<F>(&self, name: &str, setup: &Setup, read: F, saving: OnSaving) -> Ticket
    where
        F: std::future::Future<Output = Result<Vec<u8>, String>>,
    {
        self.room().await;
        let bytes = match read.await {
            Ok(bytes) => bytes,
            Err(message) => {
                self.release_room();
                return Ticket::Done(Done::failed(name, message));
            }
        };
        if self.0.borrow().stats.on_page {
            self.release_room();
            return Ticket::Done(self.on_page(name, &bytes, setup, saving).await);
        }
        let (done, answer) = oneshot::channel();
        {
            let mut inner = self.0.borrow_mut();
            let job = inner.next_job;
            inner.next_job += 1;
            // The held place becomes this queue entry.
            inner.reserved = inner.reserved.saturating_sub(1);
            inner.queue.push_back(Job {
                request: Request {
                    job,
                    name: name.to_owned(),
                    setup: setup.clone(),
                },
                bytes,
                saving,
                done,
            });
            inner.stats.queued = inner.queue.len();
            inner.stats.peak_queued = inner.stats.peak_queued.max(inner.stats.queued);
        }
        self.pump();
        Ticket::Waiting {
            name: name.to_owned(),
            answer,
        }
    }

    async fn on_page(&self, name: &str, bytes: &[u8], setup: &Setup, saving: OnSaving) -> Done {
        let since = now_ms();
        self.update(|s| {
            s.active += 1;
            s.peak_active = s.peak_active.max(s.active);
        });
        let done = import_and_store(name, bytes, setup, || saving()).await;
        let failed = matches!(done.report.outcome, Outcome::Failed { .. });
        self.update(|s| {
            s.active -= 1;
            s.processed += 1;
            s.errors += u64::from(failed);
            s.busy_ms += now_ms() - since;
        });
        done
    }

    /// Waits until fewer than `QUEUE_CAPACITY` jobs wait, and holds a place.
    async fn room(&self) {
        let wait = {
            let mut inner = self.0.borrow_mut();
            if inner.waiting() < QUEUE_CAPACITY {
                inner.reserved += 1;
                None
            } else {
                let (tx, rx) = oneshot::channel();
                inner.room.push_back(tx);
                Some(rx)
            }
        };
        if let Some(rx) = wait {
            // `wake` held the place for this caller before waking it.
            let _ = rx.await;
        }
    }

    /// Gives back a place held by `room` (the file could not be read, or runs on the page).
    fn release_room(&self) {
        {
            let mut inner = self.0.borrow_mut();
            inner.reserved = inner.reserved.saturating_sub(1);
        }
        self.wake();
    }

    /// Wakes as many waiting callers as there is room for, holding a place for each.
    fn wake(&self) {
        let mut inner = self.0.borrow_mut();
        while inner.waiting() < QUEUE_CAPACITY {
            let Some(tx) = inner.room.pop_front() else {
                break;
            };
            if tx.send(()).is_ok() {
                inner.reserved += 1;
            }
        }
    }

    /// Hands queued jobs to idle, ready workers.
    fn pump(&self) {
        let mut inner = self.0.borrow_mut();
        while let Some(index) = inner
            .slots
            .iter()
            .position(|s| s.ready && !s.dead && s.running.is_none())
        {
            let Some(job) = inner.queue.pop_front() else {
                break;
            };
            let slot = &mut inner.slots[index];
            if let Err(e) = post_request(&slot.worker, &job.request, &job.bytes) {
                // The job never reached the worker: it ends here, with the reason.
                let reason = e
                    .dyn_ref::<js_sys::Error>()
                    .map_or_else(|| format!("{e:?}"), |e| String::from(e.message()));
                let name = job.request.name.clone();
                inner.stats.processed += 1;
                inner.stats.errors += 1;
                inner.stats.queued = inner.queue.len();
                let _ = job.done.send(Done::failed(
                    &name,
                    format!("{name}: the import could not be handed to a worker ({reason}); nothing was added"),
                ));
                continue;
            }
            slot.running = Some(Running {
                job: Job {
                    bytes: Vec::new(),
                    ..job
                },
                since_ms: now_ms(),
            });
            inner.stats.active += 1;
            inner.stats.peak_active = inner.stats.peak_active.max(inner.stats.active);
            inner.stats.queued = inner.queue.len();
        }
        drop(inner);
        self.wake();
        self.notify();
    }

    fn heard(&self, index: usize, message: Message, library: Option<String>) {
        match message {
            Message::Ready => {
                if let Some(slot) = self.0.borrow_mut().slots.get_mut(index) {
                    slot.ready = true;
                }
                self.pump();
            }
            Message::Saving { job } => {
                let saving = self
                    .0
                    .borrow()
                    .slots
                    .get(index)
                    .and_then(|s| s.running.as_ref())
                    .filter(|r| r.job.request.job == job)
                    .map(|r| r.job.saving.clone());
                if let Some(saving) = saving {
                    saving();
                }
            }
            Message::Done { job, report, full } => {
                let failed = matches!(report.outcome, Outcome::Failed { .. });
                let running = self.finish(index, job, failed);
                if let Some(running) = running {
                    let _ = running.job.done.send(done_from(report, library, full));
                }
                self.pump();
            }
        }
    }

    /// A worker stopped. If it had started (a crash in its wasm), its job fails with the reason
    /// and a fresh worker takes its place, a few times at most. A worker that never started
    /// (its script did not load) is not retried; with no worker left, jobs run on the page.
    fn failed(&self, index: usize, reason: String) {
        let (running, restart) = {
            let mut inner = self.0.borrow_mut();
            let Some(slot) = inner.slots.get_mut(index) else {
                return;
            };
            slot.worker.terminate();
            let restart = slot.ready && slot.restarts < MAX_RESTARTS;
            slot.ready = false;
            slot.restarts += 1;
            slot.dead = !restart;
            (slot.running.as_ref().map(|r| r.job.request.job), restart)
        };
        if let Some(running) = running.and_then(|job| self.finish(index, job, true)) {
            let name = running.job.request.name.clone();
            let _ = running.job.done.send(Done::failed(
                &name,
                format!("{name}: the import stopped unexpectedly ({reason}); nothing was added"),
            ));
        }
        if restart {
            match self.spawn(index) {
                Some((worker, listeners)) => {
                    let slot = &mut self.0.borrow_mut().slots[index];
                    slot.worker = worker;
                    slot.listeners = listeners;
                }
                None => self.0.borrow_mut().slots[index].dead = true,
            }
        }
        let live = {
            let mut inner = self.0.borrow_mut();
            let live = inner.slots.iter().filter(|s| !s.dead).count();
            inner.stats.workers = live;
            live
        };
        self.notify();
        if live == 0 {
            self.run_queue_on_page();
        }
        self.pump();
    }

    /// No worker is left: what is queued runs on the page, and so does everything after.
    fn run_queue_on_page(&self) {
        let queued: Vec<Job> = {
            let mut inner = self.0.borrow_mut();
            inner.stats.on_page = true;
            inner.stats.workers = 0;
            inner.stats.queued = 0;
            inner.queue.drain(..).collect()
        };
        let pool = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            for job in queued {
                let done = pool
                    .on_page(
                        &job.request.name,
                        &job.bytes,
                        &job.request.setup,
                        job.saving,
                    )
                    .await;
                let _ = job.done.send(done);
                pool.wake();
            }
        });
    }

    fn finish(&self, index: usize, job: u64, failed: bool) -> Option<Running> {
        let mut inner = self.0.borrow_mut();
        let slot = inner.slots.get_mut(index)?;
        if slot.running.as_ref().map(|r| r.job.request.job) != Some(job) {
            return None;
        }
        let running = slot.running.take()?;
        let stats = &mut inner.stats;
        stats.active = stats.active.saturating_sub(1);
        stats.processed += 1;
        stats.errors += u64::from(failed);
        stats.busy_ms += now_ms() - running.since_ms;
        Some(running)
    }

    fn update(&self, change: impl FnOnce(&mut Stats)) {
        change(&mut self.0.borrow_mut().stats);
        self.notify();
    }

    fn notify(&self) {
        let (listener, stats) = {
            let inner = self.0.borrow();
            (inner.listener.clone(), inner.stats)
        };
        if let Some(listener) = listener {
            listener(stats);
        }
    }
}

impl Inner {
    /// Jobs queued plus places held for callers reading their file.
    fn waiting(&self) -> usize {
        self.queue.len() + self.reserved
    }
}
