//! One job, start to end: an import checks the file through the engine, then stores what it
//! holds in one transaction. Runs in a worker or, without one, on the page.

use std::future::Future;

use scheduleflow_engine::model::Library;
use scheduleflow_engine::summary::ScheduleSummary;

use super::protocol::Work;
use crate::import::{import_file, Outcome, Report, Setup};
use crate::platform::storage::{self, StorageError};
use crate::platform::timing;

/// What an import left in storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored {
    /// Stored, with the ids it got (an id already taken gets a suffix).
    Added(Library),
    /// The browser's storage is full: nothing stored, the library kept to offer as a download.
    Full(Library),
    /// Made for the page, not stored (the events applying a plan changes).
    Made(Library),
    Nothing,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Done {
    pub report: Report,
    pub stored: Stored,
    /// What the library's rows show of the stored schedules, made where the import ran (a
    /// summary validates the whole schedule: in a worker, not on the page).
    pub summaries: Vec<ScheduleSummary>,
    /// What a plan job's preview shows.
    pub planned: Option<Box<super::plan::PlanFacts>>,
    /// Each stored schedule's events as the pieces storage was given (ScheduleFlow JSON), so
    /// that a worker sends those on instead of writing them again; empty where none were.
    pub written: Vec<Vec<String>>,
}

impl Done {
    /// A job that ended without storing anything, and why (the message names the file).
    pub fn failed(file: &str, message: String) -> Done {
        Done {
            report: Report {
                file: file.to_owned(),
                outcome: Outcome::failed(message),
            },
            stored: Stored::Nothing,
            summaries: Vec::new(),
            planned: None,
            written: Vec::new(),
        }
    }
}

/// Runs a job, the same in a worker and on the page. Before it stores anything (an import
/// checked, a plan's new schedule made) it asks `may_store`, which says whether it still may:
/// a worker's page answers no more once the job was cancelled, so a job stopped by Cancel has
/// stored nothing, and one storing can no longer be cancelled.
pub async fn run<F>(name: &str, work: &Work, bytes: &[u8], may_store: impl FnOnce() -> F) -> Done
where
    F: Future<Output = bool>,
{
    match work {
        Work::Import(setup) => import_and_store(name, bytes, setup, may_store).await,
        Work::Plan(job) => super::plan::run_job(name, job, bytes, may_store).await,
    }
}

/// What a job cancelled before it stored says (from the Jobs panel, or refused its turn to
/// store).
pub fn not_stored(name: &str) -> Done {
    Done::failed(name, format!("{name}: cancelled; nothing was added"))
}

/// Imports `bytes` and stores the result once `may_store` lets it (see [`run`]).
pub async fn import_and_store<F>(
    name: &str,
    bytes: &[u8],
    setup: &Setup,
    may_store: impl FnOnce() -> F,
) -> Done
where
    F: Future<Output = bool>,
{
    let read = timing::span(format!("scheduleflow: read {name}"));
    let (incoming, report) = import_file(name, bytes, setup);
    read.end();
    let Some(incoming) = incoming else {
        return Done {
            report,
            stored: Stored::Nothing,
            summaries: Vec::new(),
            planned: None,
            written: Vec::new(),
        };
    };
    if !may_store().await {
        return not_stored(name);
    }
    let stored = timing::span(format!("scheduleflow: store {name}"));
    let done = store(report, incoming).await;
    stored.end();
    done
}

/// Stores a library that a file (`report` says which) brought in, in one transaction.
pub async fn store(report: Report, incoming: Library) -> Done {
    let name = report.file.clone();
    let stored = match storage::open().await {
        Ok(db) => storage::insert_with_summaries(&db, incoming.clone()).await,
        Err(e) => Err(e),
    };
    let failed = |message: String| Report {
        file: name.to_owned(),
        outcome: Outcome::failed(message),
    };
    match stored {
        Ok(inserted) => Done {
            report,
            summaries: inserted.summaries,
            stored: Stored::Added(inserted.library),
            planned: None,
            written: inserted.written,
        },
        Err(StorageError::Full) => Done {
            report: failed(format!(
                "{name}: the browser's storage is full, so nothing was added. Download the \
                 unsaved work, or delete schedules to make room and import again."
            )),
            stored: Stored::Full(incoming),
            summaries: Vec::new(),
            planned: None,
            written: Vec::new(),
        },
        Err(e) => Done {
            report: failed(format!("{name}: {e}; nothing was added")),
            stored: Stored::Nothing,
            summaries: Vec::new(),
            planned: None,
            written: Vec::new(),
        },
    }
}
