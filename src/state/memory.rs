//! In-memory versions of the state's ports, for native tests: a store that keeps the same
//! revision rules as IndexedDB and can be told to hold its writes (to see what queues behind
//! one), to refuse them (storage full), or to change under the tab (another tab's edit); a
//! fixed clock; remembered choices in a cell. Also a single-threaded executor, so the state's
//! background saves run when a test says so.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::rc::Rc;

use futures::channel::oneshot;
use futures::executor::{LocalPool, LocalSpawner};
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use futures::task::LocalSpawnExt;
use scheduleflow_engine::channel::Channel;
use scheduleflow_engine::edit::{History, Step};
use scheduleflow_engine::model::{Library, Playlist, Schedule};
use scheduleflow_engine::rules::PlanFile;

use super::ports::{Clock, Jobs, Pending, Prefs, Read, Services, Store};
use crate::jobs::plan::{run_then_keep, PlanJob};
use crate::jobs::{self, Done};
use crate::platform::settings::Theme;
use crate::platform::storage::{replay, NotInserted, Opened, StorageError, Stored, Usage};
use crate::shelf::Shelved;
use scheduleflow_engine::summary::ScheduleSummary;

/// A stored schedule: its folded record and the log after it (steps kept as the JSON that
/// IndexedDB would keep).
#[derive(Debug, Clone)]
struct ScheduleRecord {
    revision: u32,
    schedule: Schedule,
    history: History,
    log: BTreeMap<u32, String>,
    /// The library row kept for it, with the revision it describes.
    row: Option<(u32, ScheduleSummary)>,
}

impl ScheduleRecord {
    fn head(&self) -> u32 {
        self.log.keys().last().copied().unwrap_or(self.revision)
    }
}

#[derive(Debug, Default)]
struct Memory {
    schedules: BTreeMap<String, ScheduleRecord>,
    playlists: BTreeMap<String, (u32, Playlist)>,
    channels: BTreeMap<String, Channel>,
    plans: BTreeMap<String, PlanFile>,
    /// Records deleted but kept for Undo: not loaded, opened or saved to.
    set_aside: BTreeSet<String>,
}

impl Memory {
    fn purge(&mut self, id: &str) {
        self.schedules.remove(id);
        self.playlists.remove(id);
        self.set_aside.remove(id);
    }
}

/// Writes wait on the receiver until the sender opens the gate.
type Gate = (oneshot::Sender<()>, Shared<oneshot::Receiver<()>>);

/// The store. Cheap to clone; clones share the data (two tabs on one browser profile).
#[derive(Debug, Clone, Default)]
pub struct MemoryStore {
    data: Rc<RefCell<Memory>>,
    full: Rc<Cell<bool>>,
    gate: Rc<RefCell<Option<Gate>>>,
    read_gate: Rc<RefCell<Option<Gate>>>,
    /// Each committed append: the schedule and how many steps it carried.
    pub appends: Rc<RefCell<Vec<(String, usize)>>>,
    pub folds: Rc<RefCell<Vec<(String, u32)>>>,
    /// Each schedule read to be opened, in order.
    pub opened: Rc<RefCell<Vec<String>>>,
    pub announced: Rc<Cell<usize>>,
}

impl MemoryStore {
    /// Holds each schedule being opened half-read until [`MemoryStore::release_reads`].
    pub fn hold_reads(&self) {
        let (send, receive) = oneshot::channel();
        *self.read_gate.borrow_mut() = Some((send, receive.shared()));
    }

    /// Schedule `id`'s first rows, as storage tells them while it reads: none while logged
    /// edits are still to be replayed onto its stored events.
    fn first_rows(&self, id: &str) -> Option<Schedule> {
        let data = self.data.borrow();
        let record = data
            .schedules
            .get(id)
            .filter(|_| !data.set_aside.contains(id))?;
        let logged = record.log.range(record.revision + 1..).next().is_some();
        let all = &record.schedule.events;
        (!logged).then(|| Schedule {
            events: all[..all.len().min(crate::platform::storage::FIRST_ROWS)].to_vec(),
            ..scheduleflow_engine::pieces::head(&record.schedule)
        })
    }

    pub fn release_reads(&self) {
        if let Some((send, _)) = self.read_gate.borrow_mut().take() {
            let _ = send.send(());
        }
    }

    /// Holds every write until [`MemoryStore::release`].
    pub fn hold(&self) {
        let (send, receive) = oneshot::channel();
        *self.gate.borrow_mut() = Some((send, receive.shared()));
    }

    pub fn release(&self) {
        if let Some((send, _)) = self.gate.borrow_mut().take() {
            let _ = send.send(());
        }
    }

    /// From now on, writes fail as on a full disk.
    pub fn fill_up(&self) {
        self.full.set(true);
    }

    pub fn make_room(&self) {
        self.full.set(false);
    }

    async fn write_turn(&self) -> Result<(), StorageError> {
        let gate = self.gate.borrow().as_ref().map(|(_, wait)| wait.clone());
        if let Some(wait) = gate {
            let _ = wait.await;
        }
        if self.full.get() {
            return Err(StorageError::Full);
        }
        Ok(())
    }

    /// Another tab logs `step` on schedule `id`.
    pub fn log_from_elsewhere(&self, id: &str, step: &Step) {
        let mut data = self.data.borrow_mut();
        let Some(record) = data.schedules.get_mut(id) else {
            return;
        };
        let next = record.head() + 1;
        record.log.insert(next, to_json(step));
    }

    /// The records deleted but kept for Undo.
    pub fn set_aside_ids(&self) -> Vec<String> {
        self.data.borrow().set_aside.iter().cloned().collect()
    }

    /// How many entries schedule `id`'s log holds.
    pub fn log_len(&self, id: &str) -> usize {
        self.data
            .borrow()
            .schedules
            .get(id)
            .map_or(0, |r| r.log.len())
    }

    /// Schedule `id` as a fresh load would give it, with its history and revision.
    pub fn stored(&self, id: &str) -> Option<(Schedule, History, u32)> {
        let data = self.data.borrow();
        if data.set_aside.contains(id) {
            return None;
        }
        let record = data.schedules.get(id)?;
        let (schedule, history) = replayed(record, &mut Vec::new());
        Some((schedule, history, record.head()))
    }
}

fn to_json(step: &Step) -> String {
    serde_json::to_string(step).unwrap_or_default()
}

fn replayed(record: &ScheduleRecord, problems: &mut Vec<String>) -> (Schedule, History) {
    let mut schedule = record.schedule.clone();
    let mut history = record.history.clone();
    let steps: Vec<Step> = record
        .log
        .range(record.revision + 1..)
        .map(|(_, json)| json)
        .filter_map(|json| serde_json::from_str(json).ok())
        .collect();
    replay(&mut schedule, &mut history, &steps, problems);
    (schedule, history)
}

impl Store for MemoryStore {
    fn load(&self) -> Pending<'_, Stored> {
        Box::pin(async move {
            let data = self.data.borrow();
            let mut stored = Stored::default();
            let listed = |id: &&String| !data.set_aside.contains(*id);
            for (id, record) in data.schedules.iter().filter(|(id, _)| listed(id)) {
                let (schedule, _) = replayed(record, &mut stored.problems);
                stored.revisions.insert(id.clone(), record.head());
                let mut shelved = Shelved::of(schedule).0;
                if let Some((_, row)) = record.row.as_ref().filter(|(at, _)| *at == record.head()) {
                    shelved.row = row.clone();
                }
                stored.library.schedules.push(shelved);
            }
            for (id, (revision, playlist)) in data.playlists.iter().filter(|(id, _)| listed(id)) {
                stored.revisions.insert(id.clone(), *revision);
                stored.library.playlists.push(playlist.clone());
            }
            stored.channels = data.channels.values().cloned().collect();
            stored.plans = data.plans.values().cloned().collect();
            stored.library.sort();
            Ok(stored)
        })
    }

    fn open_schedule<'a>(&'a self, id: &'a str, read: Read<'a>) -> Pending<'a, Option<Opened>> {
        Box::pin(async move {
            self.opened.borrow_mut().push(id.to_owned());
            (read.progress)(500);
            if let Some(first) = self.first_rows(id) {
                (read.first)(first);
            }
            let gate = self
                .read_gate
                .borrow()
                .as_ref()
                .map(|(_, wait)| wait.clone());
            if let Some(wait) = gate {
                let _ = wait.await;
            }
            (read.progress)(1000);
            let data = self.data.borrow();
            let stored = data.schedules.get(id);
            let Some(record) = stored.filter(|_| !data.set_aside.contains(id)) else {
                return Ok(None);
            };
            let mut problems = Vec::new();
            let (schedule, history) = replayed(record, &mut problems);
            Ok(Some(Opened {
                schedule,
                history,
                revision: record.head(),
                problems,
            }))
        })
    }

    fn insert(&self, mut library: Library) -> LocalBoxFuture<'_, Result<Library, NotInserted>> {
        Box::pin(async move {
            if let Err(error) = self.write_turn().await {
                return Err(NotInserted { error, library });
            }
            let mut data = self.data.borrow_mut();
            let again: Vec<String> = (library.schedules.iter().map(|s| &s.id))
                .chain(library.playlists.iter().map(|p| &p.id))
                .filter(|id| data.set_aside.contains(*id))
                .cloned()
                .collect();
            again.iter().for_each(|id| data.purge(id));
            let taken: HashSet<String> = data
                .schedules
                .keys()
                .chain(data.playlists.keys())
                .cloned()
                .collect();
            library.claim_ids(taken);
            for s in &library.schedules {
                data.schedules.insert(
                    s.id.clone(),
                    ScheduleRecord {
                        revision: 1,
                        schedule: s.clone(),
                        history: History::new(),
                        log: BTreeMap::new(),
                        row: None,
                    },
                );
            }
            for p in &library.playlists {
                data.playlists.insert(p.id.clone(), (1, p.clone()));
            }
            Ok(library)
        })
    }

    fn keep_row<'a>(
        &'a self,
        id: &'a str,
        revision: u32,
        row: &'a ScheduleSummary,
    ) -> Pending<'a, ()> {
        Box::pin(async move {
            self.write_turn().await?;
            let mut data = self.data.borrow_mut();
            if let Some(record) = data.schedules.get_mut(id).filter(|r| r.head() == revision) {
                record.row = Some((revision, row.clone()));
            }
            Ok(())
        })
    }

    fn replace_playlist<'a>(&'a self, playlist: &'a Playlist, read: u32) -> Pending<'a, u32> {
        Box::pin(async move {
            self.write_turn().await?;
            let mut data = self.data.borrow_mut();
            if data.set_aside.contains(&playlist.id) {
                return Err(StorageError::Conflict(playlist.name.clone()));
            }
            match data.playlists.get_mut(&playlist.id) {
                Some((revision, stored)) if *revision == read => {
                    *revision += 1;
                    *stored = playlist.clone();
                    Ok(*revision)
                }
                _ => Err(StorageError::Conflict(playlist.name.clone())),
            }
        })
    }

    fn set_aside<'a>(&'a self, id: &'a str) -> Pending<'a, bool> {
        Box::pin(async move {
            self.write_turn().await?;
            let mut data = self.data.borrow_mut();
            let earlier: Vec<String> = data.set_aside.iter().cloned().collect();
            earlier.iter().for_each(|e| data.purge(e));
            let found = data.schedules.contains_key(id) || data.playlists.contains_key(id);
            if found {
                data.set_aside.insert(id.to_owned());
            }
            Ok(found)
        })
    }

    fn restore<'a>(&'a self, id: &'a str) -> Pending<'a, bool> {
        Box::pin(async move {
            self.write_turn().await?;
            Ok(self.data.borrow_mut().set_aside.remove(id))
        })
    }

    fn append<'a>(
        &'a self,
        id: &'a str,
        name: &'a str,
        read: u32,
        steps: &'a [Step],
    ) -> Pending<'a, u32> {
        Box::pin(async move {
            self.write_turn().await?;
            let mut data = self.data.borrow_mut();
            if data.set_aside.contains(id) {
                return Err(StorageError::Conflict(name.to_owned()));
            }
            let Some(record) = data.schedules.get_mut(id).filter(|r| r.head() == read) else {
                return Err(StorageError::Conflict(name.to_owned()));
            };
            let mut revision = read;
            for step in steps {
                revision += 1;
                record.log.insert(revision, to_json(step));
            }
            self.appends.borrow_mut().push((id.to_owned(), steps.len()));
            Ok(revision)
        })
    }

    fn fold(
        &self,
        id: &str,
        schedule: &Schedule,
        history: &History,
        row: Option<&ScheduleSummary>,
        revision: u32,
    ) -> Pending<'_, ()> {
        let (id, schedule, history) = (id.to_owned(), schedule.clone(), history.clone());
        let row = row.cloned();
        Box::pin(async move {
            self.write_turn().await?;
            let mut data = self.data.borrow_mut();
            if let Some(record) = data.schedules.get_mut(&id) {
                if record.revision < revision {
                    record.revision = revision;
                    record.schedule = schedule;
                    record.history = history;
                    // As in IndexedDB, the row given, else the last one (for an earlier revision).
                    if let Some(row) = row {
                        record.row = Some((revision, row));
                    }
                    // As in IndexedDB, the entry folded up to stays and tells the revision.
                    record.log = record.log.split_off(&revision);
                    self.folds.borrow_mut().push((id, revision));
                }
            }
            Ok(())
        })
    }

    fn put_channel<'a>(
        &'a self,
        channel: &'a Channel,
        replaces: Option<&'a str>,
    ) -> Pending<'a, ()> {
        Box::pin(async move {
            self.write_turn().await?;
            let mut data = self.data.borrow_mut();
            if let Some(old) = replaces {
                data.channels.remove(old);
            }
            data.channels.insert(channel.name.clone(), channel.clone());
            Ok(())
        })
    }

    fn put_plan<'a>(&'a self, plan: &'a PlanFile) -> Pending<'a, ()> {
        Box::pin(async move {
            self.write_turn().await?;
            let mut data = self.data.borrow_mut();
            data.plans.insert(plan.channel.name.clone(), plan.clone());
            Ok(())
        })
    }

    fn remove_plan<'a>(&'a self, channel: &'a str) -> Pending<'a, ()> {
        Box::pin(async move {
            self.write_turn().await?;
            self.data.borrow_mut().plans.remove(channel);
            Ok(())
        })
    }

    fn announce(&self) {
        self.announced.set(self.announced.get() + 1);
    }

    fn usage(&self) -> LocalBoxFuture<'_, Option<Usage>> {
        Box::pin(async { None })
    }

    fn persist(&self) -> LocalBoxFuture<'_, bool> {
        Box::pin(async { true })
    }
}

/// A clock that always says the same day.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub jiff::civil::Date);

impl Clock for FixedClock {
    fn today(&self) -> jiff::civil::Date {
        self.0
    }
}

#[derive(Debug, Default)]
pub struct MemoryPrefs {
    import_channel: RefCell<Option<String>>,
    theme: Cell<Theme>,
}

impl Prefs for MemoryPrefs {
    fn import_channel(&self) -> Option<String> {
        self.import_channel.borrow().clone()
    }

    fn set_import_channel(&self, name: Option<&str>) {
        *self.import_channel.borrow_mut() = name.map(str::to_owned);
    }

    fn theme(&self) -> Theme {
        self.theme.get()
    }

    fn set_theme(&self, theme: Theme) {
        self.theme.set(theme);
    }

    fn show_theme(&self, _: Theme) {}
}

/// Jobs run in place, a new schedule stored in the memory store.
struct InPlace(MemoryStore);

impl Jobs for InPlace {
    fn plan(&self, name: String, job: PlanJob, library: String) -> LocalBoxFuture<'static, Done> {
        let store = self.0.clone();
        Box::pin(async move {
            run_then_keep(
                &name,
                &job,
                library.as_bytes(),
                |report, library| async move {
                    match store.insert(library).await {
                        Ok(added) => Done {
                            summaries: added.schedules.iter().map(ScheduleSummary::of).collect(),
                            report,
                            stored: jobs::Stored::Added(added),
                            planned: None,
                            written: jobs::work::Written::Nothing,
                        },
                        Err(not) => {
                            Done::failed(&report.file, format!("{}: {}", report.file, not.error))
                        }
                    }
                },
            )
            .await
        })
    }
}

impl Services {
    /// In-memory services on `store`, on 1 March 2026.
    pub fn in_memory(store: &MemoryStore) -> Services {
        Services {
            store: Rc::new(store.clone()),
            clock: Rc::new(FixedClock(jiff::civil::date(2026, 3, 1))),
            prefs: Rc::new(MemoryPrefs::default()),
            jobs: Rc::new(InPlace(store.clone())),
        }
    }
}

thread_local! {
    static POOL: RefCell<LocalPool> = RefCell::new(LocalPool::new());
    static SPAWNER: LocalSpawner = POOL.with(|p| p.borrow().spawner());
}

/// Runs the state's `spawn_local` tasks on this thread's pool.
struct TestExecutor;

impl any_spawner::CustomExecutor for TestExecutor {
    fn spawn(&self, fut: any_spawner::PinnedFuture<()>) {
        SPAWNER.with(|s| s.spawn_local(fut).ok());
    }

    fn spawn_local(&self, fut: any_spawner::PinnedLocalFuture<()>) {
        SPAWNER.with(|s| s.spawn_local(fut).ok());
    }

    fn poll_local(&self) {
        settle();
    }
}

/// Sets this thread up to run the state's background tasks (once per thread; the executor is
/// per thread, so parallel tests do not share tasks).
pub fn use_test_executor() {
    // The first thread also installs the global dispatch; others only their own executor.
    let _ = any_spawner::Executor::init_local_custom_executor(TestExecutor);
}

/// Runs every background task until all of them wait (on a held store, or are done).
pub fn settle() {
    POOL.with(|p| p.borrow_mut().run_until_stalled());
}
