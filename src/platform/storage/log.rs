//! The edit log: each committed edit (or undo, or redo) of a schedule is stored as a small
//! record keyed `[schedule id, revision]`, in the same transaction that checks nobody else
//! changed the schedule since this tab read it. A fold writes the schedule's record at a
//! revision and drops the log up to it, in one transaction, so a crash at any moment leaves
//! either the log or the folded record, and loading replays what the record lacks.

use idb::{Database, KeyRange, Query, TransactionMode};
use scheduleflow_engine::edit::{step_pieces, History, Step};
use scheduleflow_engine::model::Schedule;
use scheduleflow_engine::pieces;
use scheduleflow_engine::summary::ScheduleSummary;
use wasm_bindgen::JsValue;

use super::pieces::Split;
use super::schema::{EDITS, PIECES, SCHEDULES};
use super::{commit, failed, record, store, stored_revision, StorageError};

fn key(id: &str, revision: u32) -> JsValue {
    let key = js_sys::Array::new();
    key.push(&JsValue::from_str(id));
    key.push(&JsValue::from(revision));
    key.into()
}

/// The log entries of schedule `id` after revision `after` (all of them up to `through`).
fn range(id: &str, after: u32, through: Option<u32>) -> Result<Query, StorageError> {
    let upper = match through {
        Some(r) => key(id, r),
        None => {
            let k = js_sys::Array::new();
            k.push(&JsValue::from_str(id));
            k.push(&JsValue::from(f64::INFINITY));
            k.into()
        }
    };
    KeyRange::bound(&key(id, after), &upper, Some(true), Some(false))
        .map(Query::KeyRange)
        .map_err(failed("reading the edit log failed"))
}

/// The revision a key names.
fn revision_of(key: &JsValue) -> Option<u32> {
    let array: &js_sys::Array = wasm_bindgen::JsCast::dyn_ref(key)?;
    // Log revisions are small whole numbers written by `key`.
    array.get(1).as_f64().map(|r| r as u32)
}

/// The steps logged for schedule `id` after revision `after`, with the last revision.
pub(super) async fn steps_after(
    tx: &idb::Transaction,
    id: &str,
    after: u32,
) -> Result<(Vec<Step>, u32), StorageError> {
    const WHAT: &str = "reading the edit log failed";
    let edits = store(tx, EDITS, WHAT)?;
    let keys = edits
        .get_all_keys(Some(range(id, after, None)?), None)
        .map_err(failed(WHAT))?
        .await
        .map_err(failed(WHAT))?;
    let values = edits
        .get_all(Some(range(id, after, None)?), None)
        .map_err(failed(WHAT))?
        .await
        .map_err(failed(WHAT))?;
    let last = keys.last().and_then(revision_of).unwrap_or(after);
    let steps = values
        .iter()
        .map(|v| {
            v.as_string()
                .and_then(|json| serde_json::from_str(&json).ok())
                .ok_or_else(|| StorageError::Failed(format!("{WHAT}: an entry does not read")))
        })
        .collect::<Result<Vec<Step>, _>>()?;
    Ok((steps, last))
}

/// The revision schedule `id` is at, its record being at `revision`: its last logged edit's,
/// known from the log's keys alone.
pub(super) async fn head_after(
    tx: &idb::Transaction,
    id: &str,
    revision: u32,
) -> Result<u32, StorageError> {
    const WHAT: &str = "reading the edit log failed";
    let keys = store(tx, EDITS, WHAT)?
        .get_all_keys(Some(range(id, revision, None)?), None)
        .map_err(failed(WHAT))?
        .await
        .map_err(failed(WHAT))?;
    Ok(keys.last().and_then(revision_of).unwrap_or(revision))
}

/// The revision schedule `id` is at: its last log entry's (a fold keeps the entry it folded
/// up to, so this is known from keys alone, without reading the schedule's record), else its
/// record's. `None` if it is not stored.
async fn head(tx: &idb::Transaction, id: &str, what: &str) -> Result<Option<u32>, StorageError> {
    let schedules = store(tx, SCHEDULES, what)?;
    // Not stored, or set aside by a delete: it has no head to build on.
    let Some(own) = stored_revision(&schedules, &JsValue::from_str(id), what).await? else {
        return Ok(None);
    };
    let keys = store(tx, EDITS, what)?
        .get_all_keys(Some(range(id, 0, None)?), None)
        .map_err(failed(what))?
        .await
        .map_err(failed(what))?;
    Ok(Some(keys.last().and_then(revision_of).unwrap_or(own)))
}

/// Appends `steps` to schedule `id`'s log, if the schedule is still at revision `read`;
/// returns the new revision. Changed or deleted elsewhere meanwhile: `Conflict`, nothing stored.
pub async fn append(
    db: &Database,
    id: &str,
    name: &str,
    read: u32,
    steps: &[Step],
) -> Result<u32, StorageError> {
    const WHAT: &str = "saving the edit failed";
    let texts = step_texts(steps).await;
    let tx = db
        .transaction(&[SCHEDULES, EDITS], TransactionMode::ReadWrite)
        .map_err(failed(WHAT))?;
    let watch: web_sys::IdbTransaction = store(&tx, SCHEDULES, WHAT)?.transaction().into();
    let head = head(&tx, id, WHAT).await?;
    if head != Some(read) {
        let _ = tx.abort();
        return Err(StorageError::Conflict(name.to_owned()));
    }
    let edits = store(&tx, EDITS, WHAT)?;
    let mut revision = read;
    for json in texts {
        revision = revision.saturating_add(1);
        edits
            .add(&JsValue::from_str(&json), Some(&key(id, revision)))
            .map_err(failed(WHAT))?;
    }
    commit(tx, watch, WHAT).await?;
    Ok(revision)
}

/// The steps' JSON, a big step (a month of events replaced) written a piece at a time between
/// frames; before the transaction opens, as one that waits on anything but its own requests
/// commits early.
async fn step_texts(steps: &[Step]) -> Vec<String> {
    let mut slices = crate::platform::Slices::new();
    let mut texts = Vec::with_capacity(steps.len());
    for step in steps {
        let mut text = String::new();
        for piece in step_pieces(step, STEP_PIECE) {
            text.push_str(&piece);
            slices.pause().await;
        }
        texts.push(text);
    }
    texts
}

/// Events a piece of a step's JSON holds.
const STEP_PIECE: usize = 1_000;

/// What a fold stores: schedule `id`'s head record and its pieces, made before the fold's
/// transaction opens (a transaction that waits on anything but its own requests commits
/// early).
#[derive(Debug)]
pub struct Folded {
    head: JsValue,
    split: Split,
    /// Whether `head` holds the library row at its revision.
    has_row: bool,
}

/// The fold of `schedule` and its `history` at `revision`, with its library `row` if known.
pub fn fold_value(
    schedule: &Schedule,
    history: &History,
    row: Option<&ScheduleSummary>,
    revision: u32,
) -> Folded {
    let split = Split::of(schedule);
    let head = record::encode_head(revision, &split.doc, history, &split.fingerprints());
    if let Some(row) = row {
        record::set_summary_at(&head, row, revision);
    }
    Folded {
        head,
        split,
        has_row: row.is_some(),
    }
}

/// Stores `folded` (from [`fold_value`]) as schedule `id`'s record at `revision`, writing only
/// the pieces whose fingerprint changed, and drops the log before it (the entry at `revision`
/// stays, so that the log's last key still tells the schedule's revision). A record already
/// folded at or past `revision` (by another tab) is left alone.
pub async fn fold(
    db: &Database,
    id: &str,
    folded: Folded,
    revision: u32,
) -> Result<(), StorageError> {
    const WHAT: &str = "folding the edit log failed";
    let tx = db
        .transaction(&[SCHEDULES, EDITS, PIECES], TransactionMode::ReadWrite)
        .map_err(failed(WHAT))?;
    let watch: web_sys::IdbTransaction = store(&tx, SCHEDULES, WHAT)?.transaction().into();
    let key = JsValue::from_str(id);
    let schedules = store(&tx, SCHEDULES, WHAT)?;
    let stored = schedules
        .get(key.clone())
        .map_err(failed(WHAT))?
        .await
        .map_err(failed(WHAT))?;
    let folded_at = stored.as_ref().and_then(record::revision);
    match folded_at {
        Some(at) if at < revision => {
            // A record from before v5 has no pieces yet: all of them are written.
            let fingerprints = stored
                .as_ref()
                .and_then(record::fingerprints)
                .unwrap_or_default();
            // Without a row of its own, the last one stays: its days and counts show while
            // its checks run again (it describes an earlier revision).
            let kept_row = stored
                .as_ref()
                .filter(|_| !folded.has_row)
                .and_then(|old| Some((record::summary(old)?, record::summary_at(old)?)));
            if let Some((row, at)) = kept_row {
                record::set_summary_at(&folded.head, &row, at);
            }
            let changed = pieces::changed(&fingerprints, &folded.split.pieces);
            super::pieces::write(&tx, id, &folded.split.pieces, changed, WHAT)?;
            schedules
                .put(&folded.head, Some(&key))
                .map_err(failed(WHAT))?;
            if revision > 1 {
                store(&tx, EDITS, WHAT)?
                    .delete(range(id, 0, Some(revision - 1))?)
                    .map_err(failed(WHAT))?;
            }
            commit(tx, watch, WHAT).await
        }
        _ => {
            let _ = tx.abort();
            Ok(())
        }
    }
}

/// Drops the whole log of schedule `id` (it was deleted) within `tx`.
pub(super) fn drop_all(tx: &idb::Transaction, id: &str) -> Result<(), StorageError> {
    const WHAT: &str = "deleting failed";
    store(tx, EDITS, WHAT)?
        .delete(range(id, 0, None)?)
        .map_err(failed(WHAT))?;
    Ok(())
}
