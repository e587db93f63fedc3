//! The library in IndexedDB. Each schedule and playlist is stored as a ScheduleFlow JSON
//! document of its own (so stored data is versioned by the native format), keyed by its id,
//! with a revision; a schedule's events are stored apart, a broadcast day (or a run of light
//! days) at a time (`pieces`); edits to a schedule are appended to its edit log (`log`) and
//! folded into the record and the pieces that changed now and then. Every change is one
//! readwrite transaction: it commits whole or not at all, and the browser runs transactions on
//! the same stores one after another, across tabs.

mod channels;
mod indexed_db;
mod log;
mod pieces;
mod plans;
mod read;
mod record;
mod rows;
mod schema;

use std::collections::{BTreeMap, HashSet};

use idb::{Database, ObjectStore, Transaction, TransactionMode};
use scheduleflow_engine::channel::Channel;
use scheduleflow_engine::edit::{History, Step};
use scheduleflow_engine::format::sf_json;
use scheduleflow_engine::model::{Library, Playlist, Schedule};
use scheduleflow_engine::rules::PlanFile;
use scheduleflow_engine::summary::ScheduleSummary;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::IdbTransaction;

use crate::shelf::{Shelf, Shelved};

pub use channels::put_channel;
pub use indexed_db::IndexedDb;
pub use log::{append, fold, fold_value};
pub use plans::{put_plan, remove_plan};
pub use read::{Read, FIRST_ROWS, UNSEEN};
pub use rows::{stored_rows, stored_rows_in, StoredRows};
pub use schema::{open_at, Connection, SCHEMA_VERSION};
use schema::{ALL_STORES, PLAYLISTS, SCHEDULES, STORES};

const DATABASE: &str = "scheduleflow";

/// Why a change was not stored. Nothing was changed in any case.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    /// The browser refused to store more (QuotaExceededError).
    #[error("the browser's storage is full")]
    Full,
    /// Another tab saved the record since this tab read it.
    #[error("“{0}” was changed in another tab")]
    Conflict(String),
    #[error("{0}")]
    Failed(String),
}

pub(super) fn failed(what: &str) -> impl Fn(idb::Error) -> StorageError + '_ {
    move |e| match &e {
        idb::Error::DomException(d) => refused(what, d),
        _ => StorageError::Failed(format!("{what}: {e}")),
    }
}

/// The browser's own reason, named: a full disk is `Full`, anything else says what it was.
fn refused(what: &str, e: &web_sys::DomException) -> StorageError {
    if e.name() == "QuotaExceededError" {
        return StorageError::Full;
    }
    // Chromium's limit on one record is about 127 MiB. A schedule's events are stored a day at
    // a time, so this is a playlist or an undo history of that size.
    if e.message().contains("too large") {
        return StorageError::Failed(format!(
            "{what}: it is more than the browser stores in one record ({}); import it as \
             smaller files (a month a file, say)",
            e.message().trim_end_matches('.')
        ));
    }
    StorageError::Failed(format!(
        "{what}: the browser refused it ({}: {})",
        e.name(),
        e.message()
    ))
}

/// Opens the database `name` at the current schema version.
pub async fn open_named(name: &str) -> Result<Connection, StorageError> {
    open_at(name, SCHEMA_VERSION).await
}

pub async fn open() -> Result<Connection, StorageError> {
    open_named(DATABASE).await
}

/// What is stored, closed: the library's schedules as heads with their rows (see
/// [`Shelved`]), its playlists, each record's revision (for a schedule, that of its last
/// logged edit), and records that no longer read.
#[derive(Debug, Default)]
pub struct Stored {
    pub library: Shelf,
    pub revisions: BTreeMap<String, u32>,
    /// The channels set up in the app, by name.
    pub channels: Vec<Channel>,
    /// Each channel's plan.
    pub plans: Vec<PlanFile>,
    pub problems: Vec<String>,
}

/// A schedule read to be opened: its events with every logged edit replayed, its undo
/// history, its revision, and the edits of its log that did not fit (the replay stopped there).
#[derive(Debug)]
pub struct Opened {
    pub schedule: Schedule,
    pub history: History,
    pub revision: u32,
    pub problems: Vec<String>,
}

/// The stores of this schema the database has: all of them, except in a database a test
/// opened at an older version to build the data a migration starts from.
fn present(db: &Database) -> Vec<&'static str> {
    let names = db.store_names();
    ALL_STORES
        .into_iter()
        .filter(|s| names.iter().any(|n| n == s))
        .collect()
}

/// A readwrite transaction on every store, and a handle to ask it later why it aborted.
pub fn write(db: &Database, what: &str) -> Result<(Transaction, IdbTransaction), StorageError> {
    let tx = db
        .transaction(&present(db), TransactionMode::ReadWrite)
        .map_err(failed(what))?;
    let watch = tx
        .object_store(SCHEDULES)
        .map_err(failed(what))?
        .transaction();
    Ok((tx, watch.into()))
}

/// Waits for `tx` to end: `Ok` when it committed, else why the browser aborted it.
pub async fn commit(
    tx: Transaction,
    watch: IdbTransaction,
    what: &str,
) -> Result<(), StorageError> {
    let result = match tx.await {
        Ok(result) => result,
        // A request that failed (a record too large, a key taken) sends its error on to the
        // transaction with the request as the event's target, which the idb crate does not
        // expect: the request itself holds the reason.
        Err(idb::Error::UnexpectedJsType(_, target)) => {
            let reason = target
                .dyn_into::<web_sys::IdbRequest>()
                .ok()
                .and_then(|request| request.error().ok().flatten());
            return Err(match reason {
                Some(e) => refused(what, &e),
                None => aborted(what),
            });
        }
        Err(e) => return Err(failed(what)(e)),
    };
    if result.is_committed() {
        return Ok(());
    }
    Err(watch
        .error()
        .map_or_else(|| aborted(what), |e| refused(what, &e)))
}

fn aborted(what: &str) -> StorageError {
    StorageError::Failed(format!("{what}: the browser aborted it"))
}

/// The revision of the record stored under `key` in `store`, if there is one and it is not
/// set aside by a delete.
pub(super) async fn stored_revision(
    store: &ObjectStore,
    key: &JsValue,
    what: &str,
) -> Result<Option<u32>, StorageError> {
    Ok(store
        .get(key.clone())
        .map_err(failed(what))?
        .await
        .map_err(failed(what))?
        .filter(|v| !record::is_set_aside(v))
        .and_then(|v| record::revision(&v)))
}

pub(super) fn store(tx: &Transaction, name: &str, what: &str) -> Result<ObjectStore, StorageError> {
    tx.object_store(name).map_err(failed(what))
}

/// Adds schedules and playlists as new records (see [`insert_with_summaries`]).
pub async fn insert(db: &Database, incoming: Library) -> Result<Library, NotInserted> {
    insert_with_summaries(db, incoming, |_, _| ())
        .await
        .map(|inserted| inserted.library)
}

/// Adds schedules and playlists as new records, each schedule with its library row's summary.
/// Ids are made unique against everything stored, inside the same transaction, so an import in
/// another tab is never overwritten. Returns what was stored, with the ids it was stored
/// under, and the schedules' summaries; or, when nothing was stored, why and the library (so
/// that the caller can offer it as a download without having kept a copy: a year of spots is
/// hundreds of megabytes).
pub async fn insert_with_summaries<T>(
    db: &Database,
    mut incoming: Library,
    before_commit: impl FnOnce(&Library, &[ScheduleSummary]) -> T,
) -> Result<Inserted<T>, NotInserted> {
    match insert_into(db, &mut incoming, before_commit).await {
        Ok((summaries, written)) => Ok(Inserted {
            library: incoming,
            summaries,
            written,
        }),
        Err(error) => Err(NotInserted {
            error,
            library: incoming,
        }),
    }
}

/// What [`insert_with_summaries`] does, with the library lent: its ids are made unique in place.
async fn insert_into<T>(
    db: &Database,
    incoming: &mut Library,
    before_commit: impl FnOnce(&Library, &[ScheduleSummary]) -> T,
) -> Result<(Vec<ScheduleSummary>, T), StorageError> {
    const WHAT: &str = "saving failed";
    // Each schedule's summary (which validates it) and its events' pieces are made before the
    // transaction, pausing between them: on the page, where workers cannot start, they made
    // one task with the writes. The ids claimed below change neither but a summary's id.
    let mut slices = crate::platform::Slices::new();
    let mut made = Vec::with_capacity(incoming.schedules.len());
    for s in &incoming.schedules {
        let summary = ScheduleSummary::of(s);
        slices.pause().await;
        made.push((summary, scheduleflow_engine::pieces::write_pieces(s)));
        slices.pause().await;
    }
    let (tx, watch) = write(db, WHAT)?;
    let schedules = store(&tx, SCHEDULES, WHAT)?;
    let playlists = store(&tx, PLAYLISTS, WHAT)?;
    let mut taken = HashSet::new();
    let wanted: HashSet<String> = (incoming.schedules.iter().map(|s| s.id.clone()))
        .chain(incoming.playlists.iter().map(|p| p.id.clone()))
        .collect();
    for s in [&schedules, &playlists] {
        // The keys only: the records of the ids this library brings are read, no others.
        let keys = s
            .get_all_keys(None, None)
            .map_err(failed(WHAT))?
            .await
            .map_err(failed(WHAT))?;
        for key in keys.iter().filter_map(|k| k.as_string()) {
            // A deleted record under an id this library brings goes for good, so that a file
            // deleted and imported again keeps its ids; only its Undo is lost.
            if wanted.contains(&key) && stored_set_aside(s, &key, WHAT).await? {
                purge(db, &tx, &key, WHAT)?;
            } else {
                taken.insert(key);
            }
        }
    }
    incoming.claim_ids(taken);
    let mut summaries = Vec::with_capacity(made.len());
    for (s, (mut summary, made)) in incoming.schedules.iter().zip(made) {
        summary.id = s.id.clone();
        let split = pieces::Split::with_pieces(s, made);
        let head = record::encode_head(1, &split.doc, &History::new(), &split.fingerprints());
        record::set_summary(&head, &summary);
        summaries.push(summary);
        schedules
            .add(&head, Some(&JsValue::from_str(&s.id)))
            .map_err(failed(WHAT))?;
        pieces::write(&tx, &s.id, &split.pieces, 0..split.pieces.len(), WHAT)?;
    }
    for p in &incoming.playlists {
        let doc = sf_json::write_compact_parts(&[], std::slice::from_ref(p));
        playlists
            .add(&record::encode(1, &doc), Some(&JsValue::from_str(&p.id)))
            .map_err(failed(WHAT))?;
    }
    // Given every value, the browser commits by itself; meanwhile the caller may tell of what
    // was written (a worker sends the page its heads and rows while the commit runs).
    let written = before_commit(incoming, &summaries);
    commit(tx, watch, WHAT).await?;
    Ok((summaries, written))
}

/// Why [`insert_with_summaries`] stored nothing, and what it was given (its ids perhaps made
/// unique against those stored).
#[derive(Debug)]
pub struct NotInserted {
    pub error: StorageError,
    pub library: Library,
}

/// What [`insert_with_summaries`] stored.
#[derive(Debug)]
pub struct Inserted<T> {
    /// The library with the ids it was stored under.
    pub library: Library,
    /// Each schedule's library row.
    pub summaries: Vec<ScheduleSummary>,
    /// What `before_commit` made of it.
    pub written: T,
}

/// Replaces a stored playlist, if it is still at revision `read`; returns the new revision. A
/// playlist changed or deleted in another tab meanwhile is a `Conflict` and stays as it is.
pub async fn replace_playlist(
    db: &Database,
    playlist: &Playlist,
    read: u32,
) -> Result<u32, StorageError> {
    const WHAT: &str = "saving the playlist failed";
    let doc = sf_json::write_compact_parts(&[], std::slice::from_ref(playlist));
    let (tx, watch) = write(db, WHAT)?;
    let playlists = store(&tx, PLAYLISTS, WHAT)?;
    let key = JsValue::from_str(&playlist.id);
    let current = stored_revision(&playlists, &key, WHAT).await?;
    if current != Some(read) {
        let _ = tx.abort();
        return Err(StorageError::Conflict(playlist.name.clone()));
    }
    let next = read.saturating_add(1);
    playlists
        .put(&record::encode(next, &doc), Some(&key))
        .map_err(failed(WHAT))?;
    commit(tx, watch, WHAT).await?;
    Ok(next)
}

/// Removes record `id` with its log and pieces within `tx`.
fn purge(db: &Database, tx: &Transaction, id: &str, what: &str) -> Result<(), StorageError> {
    for name in STORES {
        store(tx, name, what)?
            .delete(JsValue::from_str(id))
            .map_err(failed(what))?;
    }
    log::drop_all(tx, id)?;
    if present(db).contains(&schema::PIECES) {
        pieces::drop_all(tx, id, what)?;
    }
    Ok(())
}

/// Deletes schedule or playlist `id` so that it can be undone: the record leaves the library
/// (loading, opening and saving pass it by) but stays whole in storage, so that neither the
/// delete nor its undo reads a year of events. One delete can be undone: what an earlier one
/// set aside is removed now. Whether `id` was stored.
pub async fn set_aside(db: &Database, id: &str) -> Result<bool, StorageError> {
    const WHAT: &str = "deleting failed";
    let (tx, watch) = write(db, WHAT)?;
    let mut found = false;
    for name in STORES {
        let records = store(&tx, name, WHAT)?;
        for (key, value) in all_records(&records, WHAT).await? {
            if key == id {
                record::set_aside(&value);
                records
                    .put(&value, Some(&JsValue::from_str(&key)))
                    .map_err(failed(WHAT))?;
                found = true;
            } else if record::is_set_aside(&value) {
                purge(db, &tx, &key, WHAT)?;
            }
        }
    }
    commit(tx, watch, WHAT).await?;
    Ok(found)
}

/// Puts back what [`set_aside`] set aside; whether it was still there to put back.
pub async fn restore(db: &Database, id: &str) -> Result<bool, StorageError> {
    const WHAT: &str = "restoring failed";
    let (tx, watch) = write(db, WHAT)?;
    let mut found = false;
    for name in STORES {
        let records = store(&tx, name, WHAT)?;
        let key = JsValue::from_str(id);
        let value = records
            .get(key.clone())
            .map_err(failed(WHAT))?
            .await
            .map_err(failed(WHAT))?;
        if let Some(value) = value.filter(record::is_set_aside) {
            record::put_back(&value);
            records.put(&value, Some(&key)).map_err(failed(WHAT))?;
            found = true;
        }
    }
    commit(tx, watch, WHAT).await?;
    Ok(found)
}

/// Whether the record under `key` in `records` is one a delete set aside.
async fn stored_set_aside(
    records: &ObjectStore,
    key: &str,
    what: &str,
) -> Result<bool, StorageError> {
    let value = records
        .get(JsValue::from_str(key))
        .map_err(failed(what))?
        .await
        .map_err(failed(what))?;
    Ok(value.as_ref().is_some_and(record::is_set_aside))
}

/// Every record of `records` with its key (records are heads and playlists: small).
async fn all_records(
    records: &ObjectStore,
    what: &str,
) -> Result<Vec<(String, JsValue)>, StorageError> {
    let keys = records
        .get_all_keys(None, None)
        .map_err(failed(what))?
        .await
        .map_err(failed(what))?;
    let values = records
        .get_all(None, None)
        .map_err(failed(what))?
        .await
        .map_err(failed(what))?;
    // Both in key order, from one transaction.
    Ok(keys
        .iter()
        .map(|k| k.as_string().unwrap_or_default())
        .zip(values)
        .collect())
}

/// Everything stored, closed: each schedule as its head and the row stored with it, without
/// its events (read when it is opened, [`open_schedule`]). A record that no longer reads is
/// skipped and reported, not fatal.
pub async fn load(db: &Database) -> Result<Stored, StorageError> {
    const WHAT: &str = "loading failed";
    let stores = present(db);
    let tx = db
        .transaction(&stores, TransactionMode::ReadOnly)
        .map_err(failed(WHAT))?;
    let mut stored = Stored::default();
    for name in STORES {
        let values = store(&tx, name, WHAT)?
            .get_all(None, None)
            .map_err(failed(WHAT))?
            .await
            .map_err(failed(WHAT))?;
        for value in values {
            if record::is_set_aside(&value) {
                continue;
            }
            let Some((revision, doc)) = record::decode(&value) else {
                stored
                    .problems
                    .push("a stored record is not a ScheduleFlow record".into());
                continue;
            };
            match sf_json::read(&doc) {
                Ok(record) => {
                    for schedule in record.schedules {
                        let head = log::head_after(&tx, &schedule.id, revision).await?;
                        // A row describes the revision it was kept at; edits logged after it
                        // change that.
                        let row = record::summary(&value);
                        let current = record::summary_at(&value) == Some(head);
                        let shelved = Shelved::stored(&schedule, row, current);
                        stored.revisions.insert(schedule.id.clone(), head);
                        stored.library.schedules.push(shelved);
                    }
                    for id in record.playlists.iter().map(|p| &p.id) {
                        stored.revisions.insert(id.clone(), revision);
                    }
                    stored.library.playlists.extend(record.playlists);
                }
                Err(e) => stored
                    .problems
                    .push(format!("a stored record could not be read: {e}")),
            }
        }
    }
    stored.channels = channels::all(&tx).await?;
    if stores.contains(&schema::PLANS) {
        stored.plans = plans::all(&tx, &mut stored.problems).await?;
    }
    stored.library.sort();
    Ok(stored)
}

/// Keeps `row` as schedule `id`'s library row if the schedule is still at `revision` (else it
/// keeps nothing: the row would describe another state); whether it was kept.
pub async fn keep_row(
    db: &Database,
    id: &str,
    revision: u32,
    row: &ScheduleSummary,
) -> Result<bool, StorageError> {
    const WHAT: &str = "keeping the library row failed";
    let (tx, watch) = write(db, WHAT)?;
    let key = JsValue::from_str(id);
    let schedules = store(&tx, SCHEDULES, WHAT)?;
    let value = schedules
        .get(key.clone())
        .map_err(failed(WHAT))?
        .await
        .map_err(failed(WHAT))?
        .filter(|v| !record::is_set_aside(v));
    // The head from the record just read and its log's keys (no second read of the record).
    let head = match value.as_ref().and_then(record::revision) {
        Some(own) => Some(log::head_after(&tx, id, own).await?),
        None => None,
    };
    let Some(value) = value.filter(|_| head == Some(revision)) else {
        let _ = tx.abort();
        return Ok(false);
    };
    record::set_summary_at(&value, row, revision);
    schedules.put(&value, Some(&key)).map_err(failed(WHAT))?;
    commit(tx, watch, WHAT).await?;
    Ok(true)
}

/// Schedule `id` as stored, with its logged edits replayed: its events read after the
/// transaction, pausing between pieces so that the page paints while a year of them is read.
/// `Ok(None)` if it is not stored.
pub async fn open_schedule(
    db: &Database,
    id: &str,
    read: Read<'_>,
) -> Result<Option<Opened>, StorageError> {
    const WHAT: &str = "opening failed";
    let fetching = crate::platform::timing::span("scheduleflow: open, fetch from storage".into());
    let stores = present(db);
    let tx = db
        .transaction(&stores, TransactionMode::ReadOnly)
        .map_err(failed(WHAT))?;
    let Some(value) = store(&tx, SCHEDULES, WHAT)?
        .get(JsValue::from_str(id))
        .map_err(failed(WHAT))?
        .await
        .map_err(failed(WHAT))?
    else {
        return Ok(None);
    };
    if record::is_set_aside(&value) {
        return Ok(None);
    }
    let unreadable = || StorageError::Failed(format!("{WHAT}: its stored record does not read"));
    let (revision, doc) = record::decode(&value).ok_or_else(unreadable)?;
    let mut schedule = sf_json::read(&doc)
        .map_err(|e| StorageError::Failed(format!("{WHAT}: {e}")))?
        .schedules
        .into_iter()
        .find(|s| s.id == id)
        .ok_or_else(unreadable)?;
    // A head's events are in its pieces (a record from before v5 holds them).
    // Fetching the pieces is half the reading, making events of them the other half.
    let count = record::fingerprints(&value).map(|prints| prints.len());
    let told = |done: usize| {
        let of = 2 * count.unwrap_or(0).max(1);
        (read.progress)((done.min(of) * 1000 / of) as u32)
    };
    let (steps, head) = log::steps_after(&tx, id, revision).await?;
    // What the first pieces hold opens as it is only if no logged edit is to be replayed.
    let first = |fetched: &[JsValue]| {
        if steps.is_empty() {
            if let Some(events) = pieces::leading_events(fetched, FIRST_ROWS) {
                (read.first)(Schedule {
                    events,
                    ..scheduleflow_engine::pieces::head(&schedule)
                });
            }
        }
    };
    let pieces = match count {
        Some(count) => Some(pieces::stored(&tx, id, count, WHAT, &told, &first).await),
        None => None,
    };
    let mut history = record::history(&value);
    // Room for the events the record's summary counted (edits since change that count by a
    // few): read into it, none are moved.
    let room = record::summary(&value).map_or(0, |s| s.events);
    // The transaction's reading is done: what follows may pause.
    drop(tx);
    fetching.end();
    let making = crate::platform::timing::span("scheduleflow: open, make the events".into());
    if let Some(pieces) = pieces {
        let mut slices = crate::platform::Slices::new();
        let events = match pieces {
            Ok(pieces) => {
                let fetched = pieces.len();
                pieces::events(pieces, room, &mut slices, &|made| told(fetched + made)).await
            }
            Err(e) => Err(e),
        };
        schedule.events = events.map_err(|e| {
            StorageError::Failed(format!("{WHAT}: its events could not be read: {e}"))
        })?;
    }
    let mut problems = Vec::new();
    replay(&mut schedule, &mut history, &steps, &mut problems);
    making.end();
    Ok(Some(Opened {
        schedule,
        history,
        revision: head,
        problems,
    }))
}

/// Replays a schedule's logged `steps` onto its stored state; a step that does not fit ends
/// the replay and is reported in `problems`.
pub fn replay(
    schedule: &mut Schedule,
    history: &mut History,
    steps: &[Step],
    problems: &mut Vec<String>,
) {
    for (position, step) in steps.iter().enumerate() {
        if !history.replay(schedule, step) {
            problems.push(format!(
                "“{}”: edit {} of its log does not fit; later edits were skipped",
                schedule.name,
                position + 1
            ));
            break;
        }
    }
}

/// Asks the browser to keep the data even under storage pressure; returns whether it will.
pub async fn request_persistence() -> bool {
    let Some(storage) = web_sys::window().map(|w| w.navigator().storage()) else {
        return false;
    };
    let Ok(promise) = storage.persist() else {
        return false;
    };
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// How much the browser lets this app store, and how much it uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Usage {
    pub used_bytes: u64,
    pub quota_bytes: u64,
    pub persisted: bool,
}

async fn promise_value(promise: Result<js_sys::Promise, JsValue>) -> Option<JsValue> {
    wasm_bindgen_futures::JsFuture::from(promise.ok()?)
        .await
        .ok()
}

/// The browser's storage estimate for this origin, and whether storage is persistent.
pub async fn usage() -> Option<Usage> {
    let storage = web_sys::window()?.navigator().storage();
    let estimate = promise_value(storage.estimate()).await?;
    // Bytes arrive as JavaScript numbers; whole and far below 2^53 for any real quota.
    let bytes = |key: &str| {
        js_sys::Reflect::get(&estimate, &JsValue::from_str(key))
            .ok()
            .and_then(|v| v.as_f64())
            .map_or(0, |n| n.max(0.0) as u64)
    };
    let persisted = promise_value(storage.persisted())
        .await
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    Some(Usage {
        used_bytes: bytes("usage"),
        quota_bytes: bytes("quota"),
        persisted,
    })
}
