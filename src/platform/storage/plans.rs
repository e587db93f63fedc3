//! Each channel's plan: its plan file's JSON, keyed by the channel's name.

use idb::{Database, Transaction};
use scheduleflow_engine::rules::PlanFile;
use wasm_bindgen::JsValue;

use super::schema::PLANS;
use super::{commit, failed, store, write, StorageError};

/// Stores `plan` as its channel's plan, replacing the one there.
pub async fn put_plan(db: &Database, plan: &PlanFile) -> Result<(), StorageError> {
    const WHAT: &str = "saving the plan failed";
    let (tx, watch) = write(db, WHAT)?;
    store(&tx, PLANS, WHAT)?
        .put(
            &JsValue::from_str(&plan.to_json()),
            Some(&JsValue::from_str(&plan.channel.name)),
        )
        .map_err(failed(WHAT))?;
    commit(tx, watch, WHAT).await
}

/// Removes the plan of channel `channel`.
pub async fn remove_plan(db: &Database, channel: &str) -> Result<(), StorageError> {
    const WHAT: &str = "removing the plan failed";
    let (tx, watch) = write(db, WHAT)?;
    store(&tx, PLANS, WHAT)?
        .delete(JsValue::from_str(channel))
        .map_err(failed(WHAT))?;
    commit(tx, watch, WHAT).await
}

/// Every stored plan; one that no longer reads is reported in `problems` and skipped.
pub(super) async fn all(
    tx: &Transaction,
    problems: &mut Vec<String>,
) -> Result<Vec<PlanFile>, StorageError> {
    const WHAT: &str = "loading the plans failed";
    let values = store(tx, PLANS, WHAT)?
        .get_all(None, None)
        .map_err(failed(WHAT))?
        .await
        .map_err(failed(WHAT))?;
    let mut plans = Vec::new();
    for json in values.iter().filter_map(|v| v.as_string()) {
        match PlanFile::parse(&json) {
            Ok(plan) => plans.push(plan),
            Err(e) => problems.push(format!("a stored plan could not be read: {e}")),
        }
    }
    Ok(plans)
}
