//! The channels set up in the app: each one's settings as JSON, keyed by its name.

use idb::{Database, Transaction};
use scheduleflow_engine::channel::Channel;
use wasm_bindgen::JsValue;

use super::schema::CHANNELS;
use super::{commit, failed, store, write, StorageError};

/// Stores `channel`, replacing the one named `replaces` (a rename) or its own name.
pub async fn put_channel(
    db: &Database,
    channel: &Channel,
    replaces: Option<&str>,
) -> Result<(), StorageError> {
    const WHAT: &str = "saving the channel failed";
    let json =
        serde_json::to_string(channel).map_err(|e| StorageError::Failed(format!("{WHAT}: {e}")))?;
    let (tx, watch) = write(db, WHAT)?;
    let channels = store(&tx, CHANNELS, WHAT)?;
    if let Some(old) = replaces.filter(|old| *old != channel.name) {
        channels
            .delete(JsValue::from_str(old))
            .map_err(failed(WHAT))?;
    }
    channels
        .put(
            &JsValue::from_str(&json),
            Some(&JsValue::from_str(&channel.name)),
        )
        .map_err(failed(WHAT))?;
    commit(tx, watch, WHAT).await
}

/// Every stored channel, by name; one that no longer reads is skipped.
pub(super) async fn all(tx: &Transaction) -> Result<Vec<Channel>, StorageError> {
    const WHAT: &str = "loading the channels failed";
    let values = store(tx, CHANNELS, WHAT)?
        .get_all(None, None)
        .map_err(failed(WHAT))?
        .await
        .map_err(failed(WHAT))?;
    Ok(values
        .iter()
        .filter_map(|v| v.as_string())
        .filter_map(|json| serde_json::from_str(&json).ok())
        .collect())
}
