//! Importing files: each is read (with progress), checked by the engine, and stored whole, or
//! not at all.

use leptos::prelude::*;
use leptos::task::spawn_local;
use scheduleflow_engine::model::Library;

use super::{AppState, Unsaved};
use crate::import::{import_file, Outcome, Report};
use crate::platform::storage::{self, StorageError};
use crate::platform::{files, tick};

/// How far one file's import has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    Reading { done: u64, total: u64 },
    Checking,
    Saving,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub job: u64,
    pub file: String,
    pub stage: Stage,
}

impl AppState {
    /// Imports every file, one after another; each ends in a report.
    pub fn import(self, list: Vec<web_sys::File>) {
        spawn_local(async move {
            let today = today();
            for file in list {
                let name = file.name();
                let job = self.begin(&name);
                let bytes = files::read(&file, |done, total| {
                    self.advance(job, Stage::Reading { done, total })
                })
                .await;
                let report = match bytes {
                    Err(message) => Report {
                        file: name.clone(),
                        outcome: Outcome::Failed(message),
                    },
                    Ok(bytes) => {
                        self.advance(job, Stage::Checking);
                        // Let the page paint the new stage before the engine works.
                        tick().await;
                        match import_file(&name, &bytes, today) {
                            (Some(incoming), report) => {
                                self.advance(job, Stage::Saving);
                                self.add(incoming, report).await
                            }
                            (None, report) => report,
                        }
                    }
                };
                self.progress.update(|p| p.retain(|p| p.job != job));
                self.reports.update(|r| r.insert(0, report));
            }
        });
    }

    fn begin(self, file: &str) -> u64 {
        let job = self
            .progress
            .with_untracked(|p| p.iter().map(|p| p.job + 1).max().unwrap_or(1));
        self.progress.update(|p| {
            p.push(Progress {
                job,
                file: file.to_owned(),
                stage: Stage::Reading { done: 0, total: 0 },
            })
        });
        job
    }

    fn advance(self, job: u64, stage: Stage) {
        self.progress.update(|p| {
            if let Some(p) = p.iter_mut().find(|p| p.job == job) {
                p.stage = stage;
            }
        });
    }

    /// Stores what an import brought, then shows it; if storing fails, nothing changes.
    async fn add(self, incoming: Library, report: Report) -> Report {
        let stored = match storage::open().await {
            Ok(db) => storage::insert(&db, incoming.clone()).await,
            Err(e) => Err(e),
        };
        let file = report.file.clone();
        let failed = |message: String| Report {
            file: file.clone(),
            outcome: Outcome::Failed(message),
        };
        match stored {
            Ok(stored) => {
                self.remember(&stored);
                self.library.update(|l| {
                    l.schedules.extend(stored.schedules);
                    l.playlists.extend(stored.playlists);
                });
                self.stored_a_change();
                report
            }
            Err(StorageError::Full) => {
                self.unsaved.set(Some(Unsaved {
                    what: file.clone(),
                    library: incoming,
                }));
                failed(format!(
                    "{file}: the browser's storage is full, so nothing was added. Download \
                     the unsaved work, or delete schedules to make room and import again."
                ))
            }
            Err(e) => failed(format!("{file}: {e}; nothing was added")),
        }
    }
}

/// Today's date on the user's clock, for formats without dates.
fn today() -> jiff::civil::Date {
    let now = js_sys::Date::new_0();
    let (y, m, d) = (now.get_full_year(), now.get_month() + 1, now.get_date());
    jiff::civil::Date::new(
        i16::try_from(y).unwrap_or(2026),
        i8::try_from(m).unwrap_or(1),
        i8::try_from(d).unwrap_or(1),
    )
    .unwrap_or_default()
}
