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
    /// What became of the stored schedules' events as storage was given them.
    pub written: Written,
}

/// Whether what an import stored went to the page before its commit ended.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Written {
    /// Nothing was stored, or it was not sent.
    #[default]
    Nothing,
    /// A worker sent the page what it stored (heads and rows) before the commit ended; what
    /// it says after the commit goes without them.
    Sent,
}

/// What a job does with what it stored before the commit ends (see [`Written`]).
pub trait BeforeCommit: FnOnce(&Library, &[ScheduleSummary]) -> Written {}
impl<T: FnOnce(&Library, &[ScheduleSummary]) -> Written> BeforeCommit for T {}

/// Sends nothing ahead: on the page, what was stored is the library itself.
pub fn send_nothing(_: &Library, _: &[ScheduleSummary]) -> Written {
    Written::Nothing
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
            written: Written::Nothing,
        }
    }
}

/// Runs a job, the same in a worker and on the page. Before it stores anything (an import
/// checked, a plan's new schedule made) it asks `may_store`, which says whether it still may:
/// a worker's page answers no more once the job was cancelled, so a job stopped by Cancel has
/// stored nothing, and one storing can no longer be cancelled.
pub async fn run<F>(
    name: &str,
    work: &Work,
    bytes: Vec<u8>,
    may_store: impl FnOnce() -> F,
    before_commit: impl BeforeCommit,
) -> Done
where
    F: Future<Output = bool>,
{
    match work {
        Work::Import(setup) => import_and_store(name, bytes, setup, may_store, before_commit).await,
        Work::Plan(job) => super::plan::run_job(name, job, &bytes, may_store).await,
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
    bytes: Vec<u8>,
    setup: &Setup,
    may_store: impl FnOnce() -> F,
    before_commit: impl BeforeCommit,
) -> Done
where
    F: Future<Output = bool>,
{
    let read = timing::span(format!("scheduleflow: read {name}"));
    let (incoming, report) = import_file(name, &bytes, setup);
    read.end();
    // The events own their text: the file goes before storing, which needs as much again.
    drop(bytes);
    let Some(incoming) = incoming else {
        return Done {
            report,
            stored: Stored::Nothing,
            summaries: Vec::new(),
            planned: None,
            written: Written::Nothing,
        };
    };
    if !may_store().await {
        return not_stored(name);
    }
    let stored = timing::span(format!("scheduleflow: store {name}"));
    let done = store_then(report, incoming, before_commit).await;
    stored.end();
    done
}

/// Stores a library that a file (`report` says which) brought in, in one transaction.
pub async fn store(report: Report, incoming: Library) -> Done {
    store_then(report, incoming, send_nothing).await
}

/// Like [`store`]; `before_commit` is given what was stored once the browser has all of it.
pub async fn store_then(
    report: Report,
    incoming: Library,
    before_commit: impl BeforeCommit,
) -> Done {
    let name = report.file.clone();
    // The library is handed over, not copied: when nothing is stored it comes back, to be
    // offered as a download if the storage was full.
    let stored = match storage::open().await {
        Ok(db) => storage::insert_with_summaries(&db, incoming, before_commit).await,
        Err(error) => Err(storage::NotInserted {
            error,
            library: incoming,
        }),
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
        Err(storage::NotInserted {
            error: StorageError::Full,
            library,
        }) => Done {
            report: failed(format!(
                "{name}: the browser's storage is full, so nothing was added. Download the \
                 unsaved work, or delete schedules to make room and import again."
            )),
            stored: Stored::Full(library),
            summaries: Vec::new(),
            planned: None,
            written: Written::Nothing,
        },
        Err(storage::NotInserted { error: e, .. }) => Done {
            report: failed(format!("{name}: {e}; nothing was added")),
            stored: Stored::Nothing,
            summaries: Vec::new(),
            planned: None,
            written: Written::Nothing,
        },
    }
}
