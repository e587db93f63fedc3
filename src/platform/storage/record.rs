//! One stored schedule or playlist: its ScheduleFlow JSON document, a revision that every
//! change raises by one (so a save can tell whether someone else saved in between) and, for a
//! schedule, its undo history as of that revision (schema v3). Since schema v5 a schedule's
//! document is its head (no events) and the record lists its pieces' fingerprints; the events
//! are in the `pieces` store.

use js_sys::{Object, Reflect};
use scheduleflow_engine::edit::History;
use scheduleflow_engine::summary::ScheduleSummary;
use wasm_bindgen::{JsCast, JsValue};

const REVISION: &str = "revision";
const DOC: &str = "doc";
const HISTORY: &str = "history";
const PIECES: &str = "pieces";
const SUMMARY: &str = "summary";
const SUMMARY_AT: &str = "summaryAt";
const SET_ASIDE: &str = "setAside";

/// Marks a record as deleted, kept for Undo (see `storage::set_aside`).
pub fn set_aside(record: &JsValue) {
    let _ = Reflect::set(record, &SET_ASIDE.into(), &JsValue::TRUE);
}

/// Whether a record was set aside by a delete.
pub fn is_set_aside(value: &JsValue) -> bool {
    Reflect::get(value, &SET_ASIDE.into()).is_ok_and(|v| v.is_truthy())
}

/// Takes a set-aside record back into the library.
pub fn put_back(record: &JsValue) {
    if let Some(object) = record.dyn_ref::<Object>() {
        let _ = Reflect::delete_property(object, &SET_ASIDE.into());
    }
}

pub fn encode(revision: u32, doc: &str) -> JsValue {
    let record = Object::new();
    // Setting a property on a fresh plain object cannot fail.
    let _ = Reflect::set(&record, &REVISION.into(), &JsValue::from(revision));
    let _ = Reflect::set(&record, &DOC.into(), &JsValue::from_str(doc));
    record.into()
}

/// A schedule's record with its history.
pub fn encode_with_history(revision: u32, doc: &str, history: &History) -> JsValue {
    let record = encode(revision, doc);
    if let Ok(json) = serde_json::to_string(history) {
        let _ = Reflect::set(&record, &HISTORY.into(), &JsValue::from_str(&json));
    }
    record
}

/// A schedule's head record: its document without events, its history, and the fingerprints of
/// its pieces in order.
pub fn encode_head(revision: u32, doc: &str, history: &History, fingerprints: &[u64]) -> JsValue {
    let record = encode_with_history(revision, doc, history);
    // Fingerprints are 64-bit, more than a JavaScript number holds exactly: kept as JSON text.
    if let Ok(json) = serde_json::to_string(fingerprints) {
        let _ = Reflect::set(&record, &PIECES.into(), &JsValue::from_str(&json));
    }
    record
}

/// The fingerprints of a head record's pieces; `None` for a record that holds its events in
/// its document (stored before v5).
pub fn fingerprints(value: &JsValue) -> Option<Vec<u64>> {
    Reflect::get(value, &PIECES.into())
        .ok()?
        .as_string()
        .and_then(|json| serde_json::from_str(&json).ok())
}

/// Adds the library row's summary of the schedule as stored in `record` (valid at the record's
/// revision: a fold writes a record without one).
pub fn set_summary(record: &JsValue, summary: &ScheduleSummary) {
    if let Ok(json) = serde_json::to_string(summary) {
        let _ = Reflect::set(record, &SUMMARY.into(), &JsValue::from_str(&json));
    }
}

/// Keeps `summary` in `record` as the library row of the schedule at `revision` (the record's
/// own, or that of an edit logged after it), so that a fresh page need not read its events.
pub fn set_summary_at(record: &JsValue, summary: &ScheduleSummary, revision: u32) {
    set_summary(record, summary);
    let _ = Reflect::set(record, &SUMMARY_AT.into(), &JsValue::from(revision));
}

/// The revision a record's summary describes: the one it was kept at, else the record's.
pub fn summary_at(value: &JsValue) -> Option<u32> {
    match Reflect::get(value, &SUMMARY_AT.into()).ok()?.as_f64() {
        // Revisions are small whole numbers written by `set_summary_at`.
        Some(at) => Some(at as u32),
        None => revision(value),
    }
}

/// The summary stored with a schedule's record, if it has one.
pub fn summary(value: &JsValue) -> Option<ScheduleSummary> {
    Reflect::get(value, &SUMMARY.into())
        .ok()?
        .as_string()
        .and_then(|json| serde_json::from_str(&json).ok())
}

/// The revision of a stored value, without reading its document into the page's memory.
pub fn revision(value: &JsValue) -> Option<u32> {
    let revision = Reflect::get(value, &REVISION.into()).ok()?.as_f64()?;
    // Revisions are small whole numbers written by `encode`.
    Some(revision as u32)
}

/// The revision and document of a stored value, or `None` if it is not a record.
pub fn decode(value: &JsValue) -> Option<(u32, String)> {
    let revision = revision(value)?;
    let doc = Reflect::get(value, &DOC.into()).ok()?.as_string()?;
    Some((revision, doc))
}

/// The history stored with a record; records from before v3, or without one, have none.
pub fn history(value: &JsValue) -> History {
    Reflect::get(value, &HISTORY.into())
        .ok()
        .and_then(|v| v.as_string())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}
