//! The library in IndexedDB. Each schedule and playlist is stored as a ScheduleFlow JSON
//! document of its own (so stored data is versioned by the native format), keyed by its id.
//! A save is one readwrite transaction: it commits whole or not at all.

use idb::builder::{DatabaseBuilder, ObjectStoreBuilder};
use idb::{Database, TransactionMode};
use scheduleflow_engine::format::sf_json;
use scheduleflow_engine::model::{Library, Playlist, Schedule};
use wasm_bindgen::JsValue;

const DATABASE: &str = "scheduleflow";
/// Version 1: the `schedules` and `playlists` stores.
pub const SCHEMA_VERSION: u32 = 1;
const SCHEDULES: &str = "schedules";
const PLAYLISTS: &str = "playlists";

/// A storage failure, in words for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StorageError(pub String);

impl std::fmt::Display for StorageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn failed(what: &str) -> impl Fn(idb::Error) -> StorageError + '_ {
    move |e| StorageError(format!("{what}: {e}"))
}

/// Opens (creating or upgrading) the database `name`.
pub async fn open_named(name: &str) -> Result<Database, StorageError> {
    DatabaseBuilder::new(name)
        .version(SCHEMA_VERSION)
        .add_object_store(ObjectStoreBuilder::new(SCHEDULES))
        .add_object_store(ObjectStoreBuilder::new(PLAYLISTS))
        .build()
        .await
        .map_err(failed("the browser's storage could not be opened"))
}

pub async fn open() -> Result<Database, StorageError> {
    open_named(DATABASE).await
}

fn document(schedules: Vec<Schedule>, playlists: Vec<Playlist>) -> JsValue {
    JsValue::from_str(&sf_json::write(&Library {
        schedules,
        playlists,
    }))
}

/// Saves schedules and playlists (new or changed) in one transaction.
pub async fn save(db: &Database, library: &Library) -> Result<(), StorageError> {
    let tx = db
        .transaction(&[SCHEDULES, PLAYLISTS], TransactionMode::ReadWrite)
        .map_err(failed("saving failed"))?;
    let schedules = tx
        .object_store(SCHEDULES)
        .map_err(failed("saving failed"))?;
    for s in &library.schedules {
        schedules
            .put(
                &document(vec![s.clone()], Vec::new()),
                Some(&JsValue::from_str(&s.id)),
            )
            .map_err(failed("saving failed"))?;
    }
    let playlists = tx
        .object_store(PLAYLISTS)
        .map_err(failed("saving failed"))?;
    for p in &library.playlists {
        playlists
            .put(
                &document(Vec::new(), vec![p.clone()]),
                Some(&JsValue::from_str(&p.id)),
            )
            .map_err(failed("saving failed"))?;
    }
    let result = tx.await.map_err(failed("saving failed"))?;
    if result.is_committed() {
        Ok(())
    } else {
        Err(StorageError(
            "saving was aborted; nothing was changed".into(),
        ))
    }
}

/// Removes a schedule or playlist by id.
pub async fn remove(db: &Database, id: &str) -> Result<(), StorageError> {
    let tx = db
        .transaction(&[SCHEDULES, PLAYLISTS], TransactionMode::ReadWrite)
        .map_err(failed("deleting failed"))?;
    for store in [SCHEDULES, PLAYLISTS] {
        tx.object_store(store)
            .map_err(failed("deleting failed"))?
            .delete(JsValue::from_str(id))
            .map_err(failed("deleting failed"))?;
    }
    tx.await.map_err(failed("deleting failed"))?;
    Ok(())
}

/// Everything stored. A record that no longer reads is skipped and reported, not fatal.
pub async fn load(db: &Database) -> Result<(Library, Vec<String>), StorageError> {
    let tx = db
        .transaction(&[SCHEDULES, PLAYLISTS], TransactionMode::ReadOnly)
        .map_err(failed("loading failed"))?;
    let mut library = Library::default();
    let mut problems = Vec::new();
    for store in [SCHEDULES, PLAYLISTS] {
        let values = tx
            .object_store(store)
            .map_err(failed("loading failed"))?
            .get_all(None, None)
            .map_err(failed("loading failed"))?
            .await
            .map_err(failed("loading failed"))?;
        for value in values {
            let text = value.as_string().unwrap_or_default();
            match sf_json::read(&text) {
                Ok(record) => {
                    library.schedules.extend(record.schedules);
                    library.playlists.extend(record.playlists);
                }
                Err(e) => problems.push(format!("a stored record could not be read: {e}")),
            }
        }
    }
    library
        .schedules
        .sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    library
        .playlists
        .sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    Ok((library, problems))
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
