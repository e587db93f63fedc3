//! The library's rows as the first-load shell reads them: each stored schedule's kept row,
//! without its head, its events or the engine, and without creating, upgrading or holding the
//! database (the editor that follows owns all of that).

use idb::{Event as _, Factory, Request as _, TransactionMode};
use scheduleflow_engine::summary::ScheduleSummary;

use super::schema::SCHEDULES;
use super::{failed, record, StorageError, DATABASE};

/// What the stored library's rows are, before the editor has read it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoredRows {
    /// The rows kept in storage, in the order the library lists them (by id).
    pub rows: Vec<ScheduleSummary>,
    /// Schedules stored without a kept row (never checked, or from before rows were kept):
    /// the editor checks them.
    pub unsummarised: usize,
}

/// Reads the library's kept rows (see [`stored_rows_in`]).
pub async fn stored_rows() -> Result<StoredRows, StorageError> {
    stored_rows_in(DATABASE).await
}

/// Reads the kept rows of database `name`. A browser with no library yet has none: opening the
/// database never creates it here (the upgrade is aborted), so the editor creates it at its own
/// version.
pub async fn stored_rows_in(name: &str) -> Result<StoredRows, StorageError> {
    const WHAT: &str = "the library could not be read";
    let factory = Factory::new().map_err(failed(WHAT))?;
    let mut request = factory.open(name, None).map_err(failed(WHAT))?;
    let created = std::rc::Rc::new(std::cell::Cell::new(false));
    let noted = created.clone();
    request.on_upgrade_needed(move |event| {
        noted.set(true);
        if let Some(tx) = event.target().ok().and_then(|r| r.transaction()) {
            let _ = tx.abort();
        }
    });
    let db = match request.await {
        Ok(db) => db,
        Err(_) if created.get() => return Ok(StoredRows::default()),
        Err(e) => return Err(failed(WHAT)(e)),
    };
    let names = db.store_names();
    if !names.iter().any(|n| n == SCHEDULES) {
        db.close();
        return Ok(StoredRows::default());
    }
    let values = async {
        let tx = db
            .transaction(&[SCHEDULES], TransactionMode::ReadOnly)
            .map_err(failed(WHAT))?;
        tx.object_store(SCHEDULES)
            .map_err(failed(WHAT))?
            .get_all(None, None)
            .map_err(failed(WHAT))?
            .await
            .map_err(failed(WHAT))
    }
    .await;
    // Closed at once: an editor that must upgrade the database would otherwise wait for us.
    db.close();
    Ok(rows_of(
        values?
            .iter()
            .filter(|v| !record::is_set_aside(v))
            .map(record::summary),
    ))
}

/// The rows of the records' kept summaries, counting those without one.
fn rows_of(summaries: impl Iterator<Item = Option<ScheduleSummary>>) -> StoredRows {
    let mut out = StoredRows::default();
    for summary in summaries {
        match summary {
            Some(row) => out.rows.push(row),
            None => out.unsummarised += 1,
        }
    }
    out
}
