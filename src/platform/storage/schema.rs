//! The database's schema versions and the migrations between them.
//!
//! - Version 1: stores `schedules` and `playlists`; each value a ScheduleFlow JSON string.
//! - Version 2: each value a record `{ revision, doc }` (see `record`), so a save can check that
//!   nobody changed the record since it was read. Version 1 values become revision 1.
//! - Version 3: a store `edits`, the edit log (see `log`), keyed `[schedule id, revision]`; a
//!   schedule's record may carry its undo history; a store `channels`, each channel's settings
//!   as JSON keyed by its name. Version 2 records read as they are (their log is empty, their
//!   history new).
//! - Version 4: a store `plans`, each channel's plan (day templates, weekly plan, date rules,
//!   separation rules) as its plan file's JSON, keyed by the channel's name. Version 3 data
//!   reads as it is.
//! - Version 5: a store `pieces`, each schedule's events a broadcast day (or a run of light
//!   days) at a time (see `pieces`); a schedule's record holds its head and its pieces'
//!   fingerprints. Every stored schedule is split on the upgrade; one that does not read is
//!   left whole (loading reports it, as before).
//!
//! An upgrade runs in the browser's version-change transaction: it completes whole or the
//! database stays at the old version with the old data.

use idb::{Database, DatabaseEvent as _, Event as _, Factory, ObjectStore, Request as _};
use wasm_bindgen::JsValue;

use scheduleflow_engine::format::sf_json;

use super::pieces::Split;
use super::record;
use super::StorageError;

pub const SCHEMA_VERSION: u32 = 5;
pub const SCHEDULES: &str = "schedules";
pub const PLAYLISTS: &str = "playlists";
pub const EDITS: &str = "edits";
pub const CHANNELS: &str = "channels";
pub const PLANS: &str = "plans";
pub const PIECES: &str = "pieces";
/// The stores of whole records.
pub const STORES: [&str; 2] = [SCHEDULES, PLAYLISTS];
pub const ALL_STORES: [&str; 6] = [SCHEDULES, PLAYLISTS, EDITS, CHANNELS, PLANS, PIECES];

/// A connection that closes when dropped, so a newer version in another tab is never blocked
/// by connections this tab forgot.
#[derive(Debug)]
pub struct Connection(Database);

impl std::ops::Deref for Connection {
    type Target = Database;
    fn deref(&self) -> &Database {
        &self.0
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.0.close();
    }
}

/// Opens the database `name` at `version`, creating it or migrating it up as needed. Tests open
/// older versions to build the data a migration starts from.
pub async fn open_at(name: &str, version: u32) -> Result<Connection, StorageError> {
    let failed = |e: idb::Error| {
        StorageError::Failed(format!("the browser's storage could not be opened: {e}"))
    };
    let factory = Factory::new().map_err(failed)?;
    let mut request = factory.open(name, Some(version)).map_err(failed)?;
    request.on_upgrade_needed(move |event| {
        let old = event.old_version().unwrap_or(0);
        let (Ok(db), Some(tx)) = (
            event.database(),
            event.target().ok().and_then(|r| r.transaction()),
        ) else {
            return;
        };
        if old < 1 {
            for store in STORES {
                if let Err(e) = db.create_object_store(store, idb::ObjectStoreParams::new()) {
                    web_sys::console::error_1(&JsValue::from_str(&e.to_string()));
                }
            }
        }
        if old < 3 && version >= 3 {
            for store in [EDITS, CHANNELS] {
                if let Err(e) = db.create_object_store(store, idb::ObjectStoreParams::new()) {
                    web_sys::console::error_1(&JsValue::from_str(&e.to_string()));
                }
            }
        }
        if old < 4 && version >= 4 {
            if let Err(e) = db.create_object_store(PLANS, idb::ObjectStoreParams::new()) {
                web_sys::console::error_1(&JsValue::from_str(&e.to_string()));
            }
        }
        if old < 5 && version >= 5 {
            if let Err(e) = db.create_object_store(PIECES, idb::ObjectStoreParams::new()) {
                web_sys::console::error_1(&JsValue::from_str(&e.to_string()));
            }
        }
        let to_records = (1..2).contains(&old) && version >= 2;
        let to_pieces = (1..5).contains(&old) && version >= 5;
        if to_records || to_pieces {
            let stores: Vec<ObjectStore> = STORES
                .iter()
                .filter_map(|s| tx.object_store(s).ok())
                .collect();
            let pieces = tx.object_store(PIECES).ok();
            wasm_bindgen_futures::spawn_local(async move {
                let mut done = Ok(());
                if to_records {
                    for store in &stores {
                        done = done.and(strings_to_records(store).await);
                    }
                }
                if let (true, Some(schedules), Some(pieces)) =
                    (to_pieces, stores.first(), pieces.as_ref())
                {
                    done = done.and(records_to_pieces(schedules, pieces).await);
                }
                if let Err(e) = done {
                    // Aborting keeps the old version and its data exactly as they were.
                    web_sys::console::error_1(&JsValue::from_str(&e.to_string()));
                    if let Some(store) = stores.first() {
                        let _ = store.transaction().abort();
                    }
                }
            });
        }
    });
    let mut db = request.await.map_err(failed)?;
    // Another tab opening a newer version asks this one to let go.
    db.on_version_change(|event| {
        if let Ok(db) = event.database() {
            db.close();
        }
    });
    Ok(Connection(db))
}

/// Version 1 → 2: every plain JSON string becomes a revision-1 record.
async fn strings_to_records(store: &ObjectStore) -> Result<(), idb::Error> {
    let keys = store.get_all_keys(None, None)?.await?;
    let values = store.get_all(None, None)?.await?;
    for (key, value) in keys.iter().zip(values) {
        if let Some(doc) = value.as_string() {
            store.put(&record::encode(1, &doc), Some(key))?;
        }
    }
    Ok(())
}

/// Version 4 → 5: every schedule's record becomes its head, its events pieces.
async fn records_to_pieces(
    schedules: &ObjectStore,
    pieces: &ObjectStore,
) -> Result<(), idb::Error> {
    let keys = schedules.get_all_keys(None, None)?.await?;
    let values = schedules.get_all(None, None)?.await?;
    for (key, value) in keys.iter().zip(values) {
        let Some(id) = key.as_string() else { continue };
        let Some((revision, doc)) = record::decode(&value) else {
            continue;
        };
        // A record that does not read stays whole, to be reported as before.
        let Ok(library) = sf_json::read(&doc) else {
            continue;
        };
        let Some(schedule) = library.schedules.first() else {
            continue;
        };
        let split = Split::of(schedule);
        let history = record::history(&value);
        super::pieces::put(pieces, &id, &split.pieces, 0..split.pieces.len())?;
        schedules.put(
            &record::encode_head(revision, &split.doc, &history, &split.fingerprints()),
            Some(key),
        )?;
    }
    Ok(())
}
