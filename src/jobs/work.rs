//! One job, start to end: an import checks the file through the engine, then stores what it
//! holds in one transaction. Runs in a worker or, without one, on the page.

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
        }
    }
}

/// Runs a job, the same in a worker and on the page; `saving` is called when an import's
/// checking is done.
pub async fn run(name: &str, work: &Work, bytes: &[u8], saving: impl Fn()) -> Done {
    match work {
        Work::Import(setup) => import_and_store(name, bytes, setup, saving).await,
        Work::Plan(job) => super::plan::run_job(name, job, bytes).await,
    }
}

/// Imports `bytes` and stores the result; `saving` is called when checking is done.
pub async fn import_and_store(name: &str, bytes: &[u8], setup: &Setup, saving: impl Fn()) -> Done {
    let read = timing::span(format!("scheduleflow: read {name}"));
    let (incoming, report) = import_file(name, bytes, setup);
    read.end();
    let Some(incoming) = incoming else {
        return Done {
            report,
            stored: Stored::Nothing,
            summaries: Vec::new(),
            planned: None,
        };
    };
    saving();
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
        Ok((added, summaries)) => Done {
            report,
            summaries,
            stored: Stored::Added(added),
            planned: None,
        },
        Err(StorageError::Full) => Done {
            report: failed(format!(
                "{name}: the browser's storage is full, so nothing was added. Download the \
                 unsaved work, or delete schedules to make room and import again."
            )),
            stored: Stored::Full(incoming),
            summaries: Vec::new(),
            planned: None,
        },
        Err(e) => Done {
            report: failed(format!("{name}: {e}; nothing was added")),
            stored: Stored::Nothing,
            summaries: Vec::new(),
            planned: None,
        },
    }
}
