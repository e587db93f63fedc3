//! The job pool's bookkeeping, apart from the browser: what waits in the bounded queue, how
//! many places callers hold while they read their file, which worker runs which job, and
//! whether a stopped worker is replaced. Plain data with native property tests; `pool.rs` does
//! what it decides with real workers.

use std::collections::VecDeque;

/// Jobs waiting beyond those running, places held by readers included.
pub const QUEUE_CAPACITY: usize = 8;
/// How often a crashed worker is replaced before its place is given up.
pub const MAX_RESTARTS: u32 = 3;

/// One worker's place.
#[derive(Debug)]
struct Slot<J> {
    /// It said it is ready for work.
    ready: bool,
    running: Option<(u64, J)>,
    /// Stopped for good: it never started, or crashed too often.
    dead: bool,
    restarts: u32,
}

/// What a stopped worker leaves behind.
#[derive(Debug, PartialEq, Eq)]
pub struct Stopped<J> {
    /// The job it was running, which ends with the worker.
    pub ended: Option<(u64, J)>,
    /// Whether a fresh worker takes its place.
    pub restart: bool,
}

/// A job taken back before it ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Cancelled<J> {
    /// It was waiting in the queue.
    Waiting(J),
    /// Worker `slot` was running it: that worker is to be stopped, and a fresh one (not ready
    /// yet, and not counted as a crash) takes its place.
    Running { slot: usize, job: J },
}

/// The bookkeeping for up to a handful of workers and the jobs `J` they run.
#[derive(Debug)]
pub struct Dispatch<J> {
    slots: Vec<Slot<J>>,
    queue: VecDeque<(u64, J)>,
    /// Places held by callers reading their file, not yet queued.
    reserved: usize,
    next_job: u64,
}

impl<J> Dispatch<J> {
    /// Bookkeeping for `workers` workers, none ready yet.
    pub fn new(workers: usize) -> Dispatch<J> {
        Dispatch {
            slots: (0..workers)
                .map(|_| Slot {
                    ready: false,
                    running: None,
                    dead: false,
                    restarts: 0,
                })
                .collect(),
            queue: VecDeque::new(),
            reserved: 0,
            next_job: 1,
        }
    }

    /// Jobs queued plus places held.
    pub fn waiting(&self) -> usize {
        self.queue.len() + self.reserved
    }

    pub fn queued(&self) -> usize {
        self.queue.len()
    }

    /// Jobs running now.
    pub fn active(&self) -> usize {
        self.slots.iter().filter(|s| s.running.is_some()).count()
    }

    /// Workers not given up.
    pub fn live(&self) -> usize {
        self.slots.iter().filter(|s| !s.dead).count()
    }

    /// Holds a place in the queue for a caller about to read its file; `false` when full.
    pub fn reserve(&mut self) -> bool {
        let room = self.waiting() < QUEUE_CAPACITY;
        self.reserved += usize::from(room);
        room
    }

    /// Gives a held place back (the file could not be read, or the job runs elsewhere).
    pub fn release(&mut self) {
        self.reserved = self.reserved.saturating_sub(1);
    }

    /// Queues the job `make` makes from its number, in the place its caller held; returns the
    /// number.
    pub fn enqueue(&mut self, make: impl FnOnce(u64) -> J) -> u64 {
        self.release();
        let id = self.next_job;
        self.next_job += 1;
        self.queue.push_back((id, make(id)));
        id
    }

    /// Worker `slot` is ready for work.
    pub fn ready(&mut self, slot: usize) {
        if let Some(s) = self.slots.get_mut(slot) {
            s.ready = !s.dead;
        }
    }

    /// Moves the next queued job to an idle, ready worker: that worker's index, the job's
    /// number and the job, to hand over. `None` when nothing waits or no worker is free.
    pub fn assign(&mut self) -> Option<(usize, u64, &mut J)> {
        let slot = self
            .slots
            .iter()
            .position(|s| s.ready && !s.dead && s.running.is_none())?;
        let job = self.queue.pop_front()?;
        let running = self.slots[slot].running.insert(job);
        Some((slot, running.0, &mut running.1))
    }

    /// The job worker `slot` runs, if it is job `id`.
    pub fn running(&self, slot: usize, id: u64) -> Option<&J> {
        match &self.slots.get(slot)?.running {
            Some((running, job)) if *running == id => Some(job),
            _ => None,
        }
    }

    /// The job worker `slot` runs, if it is job `id`, to change.
    pub fn running_mut(&mut self, slot: usize, id: u64) -> Option<&mut J> {
        match &mut self.slots.get_mut(slot)?.running {
            Some((running, job)) if *running == id => Some(job),
            _ => None,
        }
    }

    /// Job `id` on worker `slot` ended (done, or it could not be handed over); it is given
    /// back once. `None` when that worker does not run that job.
    pub fn finish(&mut self, slot: usize, id: u64) -> Option<J> {
        let s = self.slots.get_mut(slot)?;
        match &s.running {
            Some((running, _)) if *running == id => s.running.take().map(|(_, job)| job),
            _ => None,
        }
    }

    /// Worker `slot` stopped: its job ends, and a worker that had started is replaced (it
    /// starts not ready) until it has crashed `MAX_RESTARTS` times; one that never started is
    /// given up at once.
    pub fn stopped(&mut self, slot: usize) -> Stopped<J> {
        let Some(s) = self.slots.get_mut(slot) else {
            return Stopped {
                ended: None,
                restart: false,
            };
        };
        let restart = s.ready && s.restarts < MAX_RESTARTS;
        s.ready = false;
        s.restarts += 1;
        s.dead = !restart;
        Stopped {
            ended: s.running.take(),
            restart,
        }
    }

    /// A replacement worker could not be made: its place is given up.
    pub fn give_up(&mut self, slot: usize) {
        if let Some(s) = self.slots.get_mut(slot) {
            s.dead = true;
            s.ready = false;
        }
    }

    /// Takes job `id` back, waiting or running; `None` when it is neither (it ended).
    pub fn cancel(&mut self, id: u64) -> Option<Cancelled<J>> {
        if let Some(at) = self.queue.iter().position(|(queued, _)| *queued == id) {
            return self
                .queue
                .remove(at)
                .map(|(_, job)| Cancelled::Waiting(job));
        }
        let slot = self
            .slots
            .iter()
            .position(|s| matches!(&s.running, Some((running, _)) if *running == id))?;
        let s = &mut self.slots[slot];
        s.ready = false;
        s.running
            .take()
            .map(|(_, job)| Cancelled::Running { slot, job })
    }

    /// The jobs running, then those waiting in order: each one's number, the job, and
    /// whether it runs.
    pub fn jobs(&self) -> impl Iterator<Item = (u64, &J, bool)> {
        let running = self
            .slots
            .iter()
            .filter_map(|s| s.running.as_ref().map(|(id, job)| (*id, job, true)));
        running.chain(self.queue.iter().map(|(id, job)| (*id, job, false)))
    }

    /// Everything queued, taken out (to run elsewhere: no worker is left).
    pub fn drain(&mut self) -> Vec<(u64, J)> {
        self.queue.drain(..).collect()
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use super::*;

    /// What happens to the pool, in any order.
    #[derive(Debug, Clone)]
    enum Happening {
        /// A caller holds a place and, if it got one, queues its file (or gives it back).
        Submit {
            reads: bool,
        },
        Ready(usize),
        /// Workers take what waits.
        Pump,
        /// Worker `n` finishes what it runs.
        Finish(usize),
        Crash(usize),
        /// No worker is left usable: what waits runs on the page.
        Drain,
        /// The person cancels the `n`th job submitted so far, waiting, running or ended.
        Cancel(usize),
    }

    fn arb_happening(workers: usize) -> impl Strategy<Value = Happening> {
        prop_oneof![
            3 => any::<bool>().prop_map(|reads| Happening::Submit { reads }),
            2 => (0..workers).prop_map(Happening::Ready),
            3 => Just(Happening::Pump),
            3 => (0..workers).prop_map(Happening::Finish),
            1 => (0..workers).prop_map(Happening::Crash),
            1 => Just(Happening::Drain),
            2 => (0..20usize).prop_map(Happening::Cancel),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        #[test]
        fn never_more_than_the_workers_run_or_eight_wait_and_every_job_ends_once(
            workers in 1usize..=4,
            happenings in proptest::collection::vec(arb_happening(4), 1..80),
        ) {
            let mut d: Dispatch<u64> = Dispatch::new(workers);
            // How each queued job ended: 1 when it ended once.
            let mut ended: BTreeMap<u64, u32> = BTreeMap::new();
            let mut queued = Vec::new();
            for happening in happenings {
                match happening {
                    Happening::Submit { reads } => {
                        if d.reserve() {
                            if reads {
                                let id = d.enqueue(|id| id);
                                queued.push(id);
                            } else {
                                d.release();
                            }
                        }
                    }
                    Happening::Ready(n) => d.ready(n % workers),
                    Happening::Pump => while d.assign().is_some() {},
                    Happening::Finish(n) => {
                        let slot = n % workers;
                        let id = d.slots[slot].running.as_ref().map(|(id, _)| *id);
                        if let Some(id) = id {
                            prop_assert!(d.running(slot, id).is_some());
                            prop_assert!(d.finish(slot, id).is_some());
                            prop_assert!(d.finish(slot, id).is_none(), "a job ends once");
                            *ended.entry(id).or_default() += 1;
                        }
                    }
                    Happening::Crash(n) => {
                        let slot = n % workers;
                        let started = d.slots[slot].ready;
                        let restarts = d.slots[slot].restarts;
                        let stopped = d.stopped(slot);
                        prop_assert_eq!(stopped.restart, started && restarts < MAX_RESTARTS);
                        if let Some((id, _)) = stopped.ended {
                            *ended.entry(id).or_default() += 1;
                        }
                    }
                    Happening::Drain => {
                        for (id, _) in d.drain() {
                            *ended.entry(id).or_default() += 1;
                        }
                    }
                    Happening::Cancel(n) => {
                        let Some(&id) = queued.get(n % queued.len().max(1)) else { continue };
                        let listed = d.jobs().find(|(listed, _, _)| *listed == id).map(|(_, _, runs)| runs);
                        match d.cancel(id) {
                            Some(Cancelled::Waiting(job)) => {
                                prop_assert_eq!((job, listed), (id, Some(false)));
                                *ended.entry(id).or_default() += 1;
                            }
                            Some(Cancelled::Running { slot, job }) => {
                                prop_assert_eq!((job, listed), (id, Some(true)));
                                prop_assert!(!d.slots[slot].ready, "its worker is replaced");
                                prop_assert!(d.running(slot, id).is_none());
                                *ended.entry(id).or_default() += 1;
                            }
                            None => prop_assert_eq!(listed, None, "only an ended job is not found"),
                        }
                        prop_assert!(d.cancel(id).is_none(), "a job is taken back once");
                    }
                }
                let listed: Vec<u64> = d.jobs().map(|(id, _, _)| id).collect();
                prop_assert_eq!(listed.len(), d.active() + d.queued(), "the list holds what runs and waits");
                prop_assert!(d.active() <= workers, "at most one job a worker");
                prop_assert!(d.waiting() <= QUEUE_CAPACITY, "at most eight wait");
                prop_assert!(d.active() <= d.slots.iter().filter(|s| !s.dead || s.running.is_some()).count());
            }
            // Whatever is still running or queued ends now, once.
            for slot in 0..workers {
                if let Some((id, _)) = d.stopped(slot).ended {
                    *ended.entry(id).or_default() += 1;
                }
            }
            for (id, _) in d.drain() {
                *ended.entry(id).or_default() += 1;
            }
            let expected: BTreeMap<u64, u32> = queued.into_iter().map(|id| (id, 1)).collect();
            prop_assert_eq!(ended, expected, "every job ends exactly once");
        }
    }

    #[test]
    fn a_started_worker_that_crashes_is_replaced_three_times_then_given_up() {
        let mut d: Dispatch<()> = Dispatch::new(1);
        for _ in 0..MAX_RESTARTS {
            d.ready(0);
            assert_eq!(
                d.stopped(0),
                Stopped {
                    ended: None,
                    restart: true
                }
            );
        }
        d.ready(0);
        assert!(!d.stopped(0).restart);
        assert_eq!(d.live(), 0);
        d.ready(0);
        d.enqueue(|_| ());
        assert!(d.assign().is_none(), "a given-up worker takes no work");
    }

    #[test]
    fn a_worker_that_never_started_is_not_replaced() {
        let mut d: Dispatch<()> = Dispatch::new(2);
        assert!(!d.stopped(1).restart);
        assert_eq!(d.live(), 1);
    }

    #[test]
    fn the_queue_holds_eight_and_the_oldest_goes_first() {
        let mut d: Dispatch<&str> = Dispatch::new(1);
        for _ in 0..QUEUE_CAPACITY {
            assert!(d.reserve());
        }
        assert!(!d.reserve(), "the ninth waits for room");
        let first = d.enqueue(|_| "first");
        d.enqueue(|_| "second");
        d.ready(0);
        assert_eq!(
            d.assign().map(|(s, id, j)| (s, id, *j)),
            Some((0, first, "first"))
        );
        assert!(d.assign().is_none(), "one job a worker");
        assert_eq!(d.finish(0, first), Some("first"));
        assert_eq!(d.assign().map(|(_, _, j)| *j), Some("second"));
    }
}
