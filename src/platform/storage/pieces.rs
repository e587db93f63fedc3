//! A schedule's events in the `pieces` store (schema v5): one value per broadcast day or run of
//! light days (see the engine's `pieces`), keyed `[schedule id, position]`, each
//! `{ day, events }` with the events as ScheduleFlow JSON. The schedule's record holds its head
//! and the pieces' fingerprints, so a fold writes only the pieces whose fingerprint changed and
//! no value grows with the schedule.

use idb::{KeyRange, ObjectStore, Query, Transaction};
use js_sys::{Object, Reflect};
use scheduleflow_engine::model::{Event, Schedule};
use scheduleflow_engine::pieces::{self, StoredPiece};
use wasm_bindgen::JsValue;

use super::schema::PIECES;
use super::{failed, store, StorageError};
use crate::platform::Slices;

const DAY: &str = "day";
const EVENTS: &str = "events";

fn key(id: &str, position: f64) -> JsValue {
    let key = js_sys::Array::new();
    key.push(&JsValue::from_str(id));
    key.push(&JsValue::from(position));
    key.into()
}

/// The pieces of schedule `id` from position `from` on.
fn from(id: &str, from: usize, what: &str) -> Result<Query, StorageError> {
    between(id, from as f64, f64::INFINITY, what)
}

/// The pieces of schedule `id` at positions `from..to`.
fn between(id: &str, from: f64, to: f64, what: &str) -> Result<Query, StorageError> {
    KeyRange::bound(&key(id, from), &key(id, to), Some(false), Some(true))
        .map(Query::KeyRange)
        .map_err(failed(what))
}

/// Pieces read in one request: the browser turns a request's whole result into JavaScript
/// values in one task on the page, so a year's two hundred pieces at once held it for a fifth
/// of a second.
const READ_AT_ONCE: usize = 16;

fn value(piece: &StoredPiece) -> JsValue {
    let value = Object::new();
    let day = piece
        .day
        .map_or(JsValue::NULL, |d| JsValue::from_str(&d.to_string()));
    // Setting a property on a fresh plain object cannot fail.
    let _ = Reflect::set(&value, &DAY.into(), &day);
    let _ = Reflect::set(&value, &EVENTS.into(), &JsValue::from_str(&piece.json));
    value.into()
}

/// Puts the pieces of `new` at the positions `only` into `pieces` (the store, in a transaction
/// of the caller's: a save's, or the upgrade to v5).
pub(super) fn put(
    pieces: &ObjectStore,
    id: &str,
    new: &[StoredPiece],
    only: impl IntoIterator<Item = usize>,
) -> Result<(), idb::Error> {
    for at in only {
        if let Some(piece) = new.get(at) {
            pieces.put(&value(piece), Some(&key(id, at as f64)))?;
        }
    }
    Ok(())
}

/// Writes the pieces of `new` at the positions `only` (all of them for a new schedule) and
/// drops any stored past the last, within `tx`.
pub(super) fn write(
    tx: &Transaction,
    id: &str,
    new: &[StoredPiece],
    only: impl IntoIterator<Item = usize>,
    what: &str,
) -> Result<(), StorageError> {
    let pieces = store(tx, PIECES, what)?;
    put(&pieces, id, new, only).map_err(failed(what))?;
    drop_from(&pieces, id, new.len(), what)
}

fn drop_from(pieces: &ObjectStore, id: &str, at: usize, what: &str) -> Result<(), StorageError> {
    pieces.delete(from(id, at, what)?).map_err(failed(what))?;
    Ok(())
}

/// Drops every piece of schedule `id` (it was deleted) within `tx`.
pub(super) fn drop_all(tx: &Transaction, id: &str, what: &str) -> Result<(), StorageError> {
    drop_from(&store(tx, PIECES, what)?, id, 0, what)
}

/// Schedule `id`'s `count` stored pieces as stored, in order, read a few at a time; read with
/// [`events`] once the transaction is over, so that reading them can pause between pieces.
pub(super) async fn stored(
    tx: &Transaction,
    id: &str,
    count: usize,
    what: &str,
    fetched: &dyn Fn(usize),
    first: &dyn Fn(&[JsValue]),
) -> Result<Vec<JsValue>, String> {
    let pieces = store(tx, PIECES, what).map_err(|e| e.to_string())?;
    let mut all = Vec::with_capacity(count);
    for at in (0..count).step_by(READ_AT_ONCE) {
        let range =
            between(id, at as f64, (at + READ_AT_ONCE) as f64, what).map_err(|e| e.to_string())?;
        let some = pieces
            .get_all(Some(range), None)
            .map_err(|e| failed(what)(e).to_string())?
            .await
            .map_err(|e| format!("{what}: {e}"))?;
        let before = all.len();
        all.extend(some);
        if before == 0 {
            first(&all);
        }
        fetched(all.len());
    }
    if all.len() != count {
        return Err(format!("{} of its {count} pieces are stored", all.len()));
    }
    Ok(all)
}

/// The events of stored pieces, in order, pausing between pieces; `room` is how many there
/// are said to be (at most what the pieces can hold is made room for), so that a year's
/// events are read into place instead of being moved each time the list doubles, half a
/// million of them in one piece's slice.
pub(super) async fn events(
    stored: Vec<JsValue>,
    room: usize,
    slices: &mut Slices,
    made: &dyn Fn(usize),
) -> Result<Vec<Event>, String> {
    let room = room.min(stored.len().saturating_mul(pieces::MAX_PIECE_EVENTS));
    let mut events = Vec::with_capacity(room);
    for (at, value) in stored.into_iter().enumerate() {
        let json = Reflect::get(&value, &EVENTS.into())
            .ok()
            .and_then(|v| v.as_string())
            .ok_or("a stored piece of a schedule is not one")?;
        events.extend(pieces::read_piece(&json).map_err(|e| e.to_string())?);
        made(at + 1);
        slices.pause().await;
    }
    Ok(events)
}

/// The events of the leading pieces of `fetched`, whole pieces until there are at least `rows`
/// (or all of them); `None` if one does not read (the whole read says why).
pub(super) fn leading_events(fetched: &[JsValue], rows: usize) -> Option<Vec<Event>> {
    let mut events = Vec::new();
    for value in fetched {
        if events.len() >= rows {
            break;
        }
        let json = Reflect::get(value, &EVENTS.into()).ok()?.as_string()?;
        events.extend(pieces::read_piece(&json).ok()?);
    }
    Some(events)
}

/// What storing `schedule` writes: its head's document and its pieces.
#[derive(Debug)]
pub struct Split {
    pub doc: String,
    pub pieces: Vec<StoredPiece>,
}

impl Split {
    pub fn of(schedule: &Schedule) -> Split {
        Split::with_pieces(schedule, pieces::write_pieces(schedule))
    }

    /// `schedule` split, its events' `pieces` written already (they do not name the schedule,
    /// so they stand if its id changes).
    pub fn with_pieces(schedule: &Schedule, pieces: Vec<StoredPiece>) -> Split {
        let head = pieces::head(schedule);
        Split {
            doc: scheduleflow_engine::format::sf_json::write_compact_parts(
                std::slice::from_ref(&head),
                &[],
            ),
            pieces,
        }
    }

    pub fn fingerprints(&self) -> Vec<u64> {
        self.pieces.iter().map(|p| p.fingerprint).collect()
    }
}
