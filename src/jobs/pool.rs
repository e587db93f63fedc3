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

use super::dispatch::{Cancelled, Dispatch};
use super::plan::PlanJob;
use super::protocol::{
    post_request, post_store, read_message, Answer, Kept, LibraryReading, Message, Request, Slice,
    Wire, Work,
};
use super::work::{run, send_nothing, Done};
use crate::import::{Outcome, Setup};
use scheduleflow_engine::model::Library;

/// Where the page names the worker's start script (src/jobs/worker-loader.js, which
/// `scripts/hash-late-files.mjs` names by its contents).
const WORKER_META: &str = "meta[name=scheduleflow-worker]";
/// The start script's name in a build that did not rename it.
const WORKER_URL: &str = "./worker-loader.js";

/// The worker's start script, as the page names it.
pub(crate) fn worker_url() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(WORKER_META).ok().flatten())
        .and_then(|meta| meta.get_attribute("content"))
        .unwrap_or_else(|| WORKER_URL.into())
}
/// Workers at most, whatever the machine has (the earlier server ran four processes).
const MAX_WORKERS: usize = 4;

/// What the Jobs panel shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Stats {
    pub workers: usize,
    pub processed: u64,
    pub errors: u64,
    pub cancelled: u64,
    /// The jobs running, then those waiting, in order.
    pub lines: Vec<JobLine>,
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

/// A job the Jobs panel lists, to follow or cancel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobLine {
    pub id: u64,
    pub name: String,
    pub state: JobState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobState {
    Waiting,
    Running,
    /// Storing what it made: too late to cancel (a job stopped now might have stored it).
    Saving,
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
            Ticket::Waiting { name, answer } => answer
                .await
                .unwrap_or_else(|_| Done::failed(&name, format!("{name}: the job was cancelled"))),
        }
    }
}

struct Job {
    request: Request,
    bytes: js_sys::Uint8Array,
    saving: OnSaving,
    done: oneshot::Sender<Done>,
    /// When a worker took it.
    since_ms: f64,
    /// It said it is storing what it made.
    storing: bool,
    /// What it is storing, read on the page while the worker's transaction commits.
    ahead: Option<oneshot::Receiver<Result<Library, String>>>,
}

/// A worker and its message and error listeners, removed with it.
struct Hand {
    worker: Worker,
    _listeners: [EventListener; 2],
}

struct Inner {
    /// Which worker runs what, what waits, and when a worker is replaced (`dispatch.rs`).
    dispatch: Dispatch<Job>,
    hands: Vec<Hand>,
    /// Callers waiting for room in the queue.
    room: VecDeque<oneshot::Sender<()>>,
    stats: Stats,
    listener: Option<Rc<dyn Fn(Stats)>>,
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

thread_local! {
    static SHARED: RefCell<Option<Pool>> = const { RefCell::new(None) };
}

impl Pool {
    /// The page's pool, started on first use.
    pub fn shared() -> Pool {
        SHARED.with(|shared| shared.borrow_mut().get_or_insert_with(Pool::start).clone())
    }

    /// Starts up to `MAX_WORKERS` workers (one per core); with none, jobs run on the page.
    fn start() -> Pool {
        let cores = web_sys::window()
            .map(|w| w.navigator().hardware_concurrency())
            .unwrap_or(1.0);
        // A core count is a small whole number.
        let wanted = (cores as usize).clamp(1, MAX_WORKERS);
        let pool = Pool(Rc::new(RefCell::new(Inner {
            dispatch: Dispatch::new(0),
            hands: Vec::new(),
            room: VecDeque::new(),
            stats: Stats {
                started_ms: now_ms(),
                ..Stats::default()
            },
            listener: None,
        })));
        let hands: Vec<Hand> = (0..wanted).map_while(|index| pool.spawn(index)).collect();
        let mut inner = pool.0.borrow_mut();
        inner.dispatch = Dispatch::new(hands.len());
        inner.stats.workers = hands.len();
        inner.stats.on_page = hands.is_empty();
        inner.hands = hands;
        drop(inner);
        pool
    }

    /// Calls `listener` with fresh statistics after every change.
    pub fn listen(&self, listener: impl Fn(Stats) + 'static) {
        let stats = self.0.borrow().stats.clone();
        listener(stats);
        self.0.borrow_mut().listener = Some(Rc::new(listener));
    }

    fn spawn(&self, index: usize) -> Option<Hand> {
        let options = WorkerOptions::new();
        options.set_name(&format!("scheduleflow-import-{}", index + 1));
        let worker = Worker::new_with_options(&worker_url(), &options).ok()?;
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
        Some(Hand {
            worker,
            _listeners: [on_message, on_error],
        })
    }

    /// Hands an import to the pool: waits for room in the queue, reads the file (`read` runs
    /// only once there is room, so files waiting their turn are not held in memory) and queues
    /// it. The returned ticket resolves when the import is done. Without workers the import runs
    /// here, on the page, before this returns.
    pub async fn submit<F>(&self, name: &str, setup: &Setup, read: F, saving: OnSaving) -> Ticket
    where
        F: std::future::Future<Output = Result<js_sys::Uint8Array, String>>,
    {
        self.submit_work(name, Work::Import(setup.clone()), read, saving)
            .await
    }

    /// Hands a plan job to the pool, with the library it reads (ScheduleFlow JSON).
    pub async fn submit_plan(&self, name: &str, job: PlanJob, library: String) -> Ticket {
        let read = async move { Ok(js_sys::Uint8Array::from(library.as_bytes())) };
        self.submit_work(name, Work::Plan(Box::new(job)), read, Rc::new(|| {}))
            .await
    }

    async fn submit_work<F>(&self, name: &str, work: Work, read: F, saving: OnSaving) -> Ticket
    where
        F: std::future::Future<Output = Result<js_sys::Uint8Array, String>>,
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
            return Ticket::Done(self.on_page(name, bytes.to_vec(), &work, saving).await);
        }
        let (done, answer) = oneshot::channel();
        {
            let mut inner = self.0.borrow_mut();
            inner.dispatch.enqueue(|job| Job {
                request: Request {
                    job,
                    name: name.to_owned(),
                    work,
                },
                bytes,
                saving,
                done,
                since_ms: 0.0,
                storing: false,
                ahead: None,
            });
            let queued = inner.dispatch.queued();
            inner.stats.queued = queued;
            inner.stats.peak_queued = inner.stats.peak_queued.max(queued);
        }
        self.pump();
        Ticket::Waiting {
            name: name.to_owned(),
            answer,
        }
    }

    async fn on_page(&self, name: &str, bytes: Vec<u8>, work: &Work, saving: OnSaving) -> Done {
        let since = now_ms();
        self.update(|s| {
            s.active += 1;
            s.peak_active = s.peak_active.max(s.active);
        });
        // On the page nothing can stop a job between its checking and its storing.
        let may_store = || {
            saving();
            std::future::ready(true)
        };
        let done = run(name, work, bytes, may_store, send_nothing).await;
        let failed = matches!(done.report.outcome, Outcome::Failed { .. });
        self.update(|s| {
            s.active -= 1;
            s.processed += 1;
            s.errors += u64::from(failed);
            s.busy_ms += now_ms() - since;
        });
        done
    }

    /// Waits until there is room in the queue, and holds a place.
    async fn room(&self) {
        let wait = {
            let mut inner = self.0.borrow_mut();
            if inner.dispatch.reserve() {
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
        self.0.borrow_mut().dispatch.release();
        self.wake();
    }

    /// Wakes as many waiting callers as there is room for, holding a place for each.
    fn wake(&self) {
        let mut inner = self.0.borrow_mut();
        while !inner.room.is_empty() && inner.dispatch.reserve() {
            let woken = inner.room.pop_front().is_some_and(|tx| tx.send(()).is_ok());
            if !woken {
                // The caller is gone: its place is free again.
                inner.dispatch.release();
            }
        }
    }

    /// Hands queued jobs to idle, ready workers.
    fn pump(&self) {
        let mut inner = self.0.borrow_mut();
        let Inner {
            dispatch,
            hands,
            stats,
            ..
        } = &mut *inner;
        while let Some((slot, id, job)) = dispatch.assign() {
            match post_request(&hands[slot].worker, &job.request, &job.bytes) {
                Ok(()) => {
                    // The bytes went to the worker; the page keeps none.
                    job.bytes = js_sys::Uint8Array::new_with_length(0);
                    job.since_ms = now_ms();
                    stats.active += 1;
                    stats.peak_active = stats.peak_active.max(stats.active);
                }
                Err(e) => {
                    // The job never reached the worker: it ends here, with the reason.
                    let reason = e
                        .dyn_ref::<js_sys::Error>()
                        .map_or_else(|| format!("{e:?}"), |e| String::from(e.message()));
                    if let Some(job) = dispatch.finish(slot, id) {
                        let name = job.request.name.clone();
                        stats.processed += 1;
                        stats.errors += 1;
                        let _ = job.done.send(Done::failed(
                            &name,
                            format!("{name}: could not be handed to a worker ({reason}); nothing was added"),
                        ));
                    }
                }
            }
        }
        stats.queued = dispatch.queued();
        drop(inner);
        self.wake();
        self.notify();
    }

    fn heard(&self, index: usize, message: Message, library: Option<Wire<Slice>>) {
        match message {
            Message::Ready => {
                self.0.borrow_mut().dispatch.ready(index);
                self.pump();
            }
            Message::Saving { job } => {
                // Only a job still running here may store; one cancelled meanwhile is not
                // answered (its worker was stopped), and from now on Cancel leaves this one be.
                let saving = self
                    .0
                    .borrow_mut()
                    .dispatch
                    .running_mut(index, job)
                    .map(|j| {
                        j.storing = true;
                        j.saving.clone()
                    });
                if let Some(saving) = saving {
                    let worker = self.0.borrow().hands.get(index).map(|h| h.worker.clone());
                    if let Some(worker) = worker {
                        // A worker that cannot be told has stopped: its error ends the job.
                        let _ = post_store(&worker, job);
                    }
                    saving();
                }
                self.notify();
            }
            Message::Written { job } => self.read_ahead(index, job, library),
            Message::Done {
                job,
                report,
                kept,
                summaries,
                planned,
            } => {
                let failed = matches!(report.outcome, Outcome::Failed { .. });
                // Stored, and what was stored came ahead of this.
                let came_ahead = !failed && kept == Kept::Added && library.is_none();
                if let Some(ended) = self.finish(index, job, failed) {
                    // Not taken, what came ahead stops being read.
                    let ahead = ended.ahead.filter(|_| came_ahead);
                    let mut answer = Answer::new(report, library, kept, summaries, planned);
                    wasm_bindgen_futures::spawn_local(async move {
                        let done = match ahead {
                            Some(ahead) => answer.stored_ahead(ahead.await.ok()),
                            None => match read_between_frames(|| answer.step(), || false).await {
                                Some(done) => done,
                                // Nothing stops this reading; were it stopped, it was not read.
                                None => answer.stored_ahead(None),
                            },
                        };
                        let _ = ended.done.send(done);
                    });
                }
                self.pump();
            }
        }
    }

    /// Starts reading what job `job` on worker `index` is storing (its `Written` message): the
    /// worker's transaction commits meanwhile, and its `Done` takes what was read. A job that
    /// ends otherwise (the commit failed, the worker stopped) drops it, and the reading stops.
    fn read_ahead(&self, index: usize, job: u64, library: Option<Wire<Slice>>) {
        let Some(library) = library else { return };
        let (read, ahead) = oneshot::channel();
        let waits = self
            .0
            .borrow_mut()
            .dispatch
            .running_mut(index, job)
            .map(|running| running.ahead = Some(ahead))
            .is_some();
        if !waits {
            return;
        }
        let mut reading = LibraryReading::new(library);
        wasm_bindgen_futures::spawn_local(async move {
            let library = read_between_frames(|| reading.step(), || read.is_canceled()).await;
            if let Some(library) = library {
                let _ = read.send(library);
            }
        });
    }

    /// A worker stopped. If it had started (a crash in its wasm), its job fails with the reason
    /// and a fresh worker takes its place, a few times at most. A worker that never started
    /// (its script did not load) is not retried; with no worker left, jobs run on the page.
    fn failed(&self, index: usize, reason: String) {
        let stopped = {
            let mut inner = self.0.borrow_mut();
            if let Some(hand) = inner.hands.get(index) {
                hand.worker.terminate();
            }
            inner.dispatch.stopped(index)
        };
        if let Some((_, job)) = stopped.ended {
            self.count_end(&job, true);
            let name = job.request.name.clone();
            let _ = job.done.send(Done::failed(
                &name,
                format!("{name}: the worker stopped unexpectedly ({reason}); nothing was added"),
            ));
        }
        if stopped.restart {
            self.replace_worker(index);
        }
        let live = {
            let mut inner = self.0.borrow_mut();
            let live = inner.dispatch.live();
            inner.stats.workers = live;
            live
        };
        self.notify();
        if live == 0 {
            self.run_queue_on_page();
        }
        self.pump();
    }

    /// Cancels job `id`, waiting or running (its worker is stopped and replaced); nothing it
    /// read is stored, and the queue moves on. A job already storing what it made, or ended,
    /// is left alone: `false`.
    pub fn cancel(&self, id: u64) -> bool {
        let cancelled = {
            let mut inner = self.0.borrow_mut();
            let storing = inner
                .dispatch
                .jobs()
                .any(|(listed, job, _)| listed == id && job.storing);
            if storing {
                None
            } else {
                inner.dispatch.cancel(id)
            }
        };
        let job = match cancelled {
            None => return false,
            Some(Cancelled::Waiting(job)) => job,
            Some(Cancelled::Running { slot, job }) => {
                // Stopping the worker aborts whatever it was doing; a fresh one takes its place.
                let hand = {
                    let inner = self.0.borrow();
                    inner.hands.get(slot).map(|h| h.worker.clone())
                };
                if let Some(worker) = hand {
                    worker.terminate();
                }
                self.replace_worker(slot);
                let mut inner = self.0.borrow_mut();
                inner.stats.active = inner.stats.active.saturating_sub(1);
                inner.stats.busy_ms += now_ms() - job.since_ms;
                inner.stats.workers = inner.dispatch.live();
                job
            }
        };
        {
            let mut inner = self.0.borrow_mut();
            inner.stats.cancelled += 1;
            inner.stats.queued = inner.dispatch.queued();
        }
        let name = job.request.name.clone();
        let _ = job.done.send(super::work::not_stored(&name));
        self.pump();
        true
    }

    /// Starts a fresh worker in place `slot`; if none starts, the place is given up.
    fn replace_worker(&self, slot: usize) {
        match self.spawn(slot) {
            Some(hand) => self.0.borrow_mut().hands[slot] = hand,
            None => self.0.borrow_mut().dispatch.give_up(slot),
        }
    }

    /// No worker is left: what is queued runs on the page, and so does everything after.
    fn run_queue_on_page(&self) {
        let queued: Vec<Job> = {
            let mut inner = self.0.borrow_mut();
            inner.stats.on_page = true;
            inner.stats.workers = 0;
            inner.stats.queued = 0;
            inner
                .dispatch
                .drain()
                .into_iter()
                .map(|(_, job)| job)
                .collect()
        };
        let pool = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            for job in queued {
                let done = pool
                    .on_page(
                        &job.request.name,
                        job.bytes.to_vec(),
                        &job.request.work,
                        job.saving,
                    )
                    .await;
                let _ = job.done.send(done);
                pool.wake();
            }
        });
    }

    /// Job `id` on worker `index` ended; counted once.
    fn finish(&self, index: usize, id: u64, failed: bool) -> Option<Job> {
        let job = self.0.borrow_mut().dispatch.finish(index, id)?;
        self.count_end(&job, failed);
        Some(job)
    }

    fn count_end(&self, job: &Job, failed: bool) {
        let mut inner = self.0.borrow_mut();
        let stats = &mut inner.stats;
        stats.active = stats.active.saturating_sub(1);
        stats.processed += 1;
        stats.errors += u64::from(failed);
        stats.busy_ms += now_ms() - job.since_ms;
    }

    fn update(&self, change: impl FnOnce(&mut Stats)) {
        change(&mut self.0.borrow_mut().stats);
        self.notify();
    }

    fn notify(&self) {
        let (listener, stats) = {
            let mut inner = self.0.borrow_mut();
            let lines = inner
                .dispatch
                .jobs()
                .map(|(id, job, runs)| JobLine {
                    id,
                    name: job.request.name.clone(),
                    state: match (runs, job.storing) {
                        (false, _) => JobState::Waiting,
                        (true, false) => JobState::Running,
                        (true, true) => JobState::Saving,
                    },
                })
                .collect();
            inner.stats.lines = lines;
            (inner.listener.clone(), inner.stats.clone())
        };
        if let Some(listener) = listener {
            listener(stats);
        }
    }
}

/// Reads a worker's answer (`step` by step) in slices of a few milliseconds, yielding between
/// them, so that a big library arriving never holds the page for long; stops, with nothing, once
/// `unwanted`.
async fn read_between_frames<T>(
    mut step: impl FnMut() -> Option<T>,
    unwanted: impl Fn() -> bool,
) -> Option<T> {
    let mut slices = crate::platform::Slices::new();
    loop {
        if unwanted() {
            return None;
        }
        if let Some(done) = step() {
            return Some(done);
        }
        slices.pause().await;
    }
}
