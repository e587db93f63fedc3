//! Importing files: each is read (with progress) once the job queue has room, then checked and
//! stored by an import worker, whole or not at all, and finally shown.

use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{AppState, Unsaved};
use crate::import::{Outcome, Report, Setup};
use crate::jobs::work::store;
use crate::jobs::{Done, Pool, Stored};
use crate::platform::{files, tick};
use scheduleflow_engine::model::Library;
use scheduleflow_engine::sample::sample_library;
use scheduleflow_engine::summary::ScheduleSummary;

/// How far one file's import has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    /// Waiting for room in the job queue.
    Waiting,
    Reading {
        done: u64,
        total: u64,
    },
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
    /// Imports every file; each ends in a report. Files are read one after another, as the
    /// queue makes room, and checked in parallel by the import workers.
    /// Imports the files of a drop or a file picker.
    pub fn import_file_list(self, list: &web_sys::FileList) {
        self.import(crate::platform::files::take(list));
    }

    pub fn import(self, list: Vec<web_sys::File>) {
        let setup = Setup {
            today: self.today(),
            channel: self
                .import_channel
                .get_untracked()
                .and_then(|name| self.channel_named(&name)),
            untimed_as_schedule: self.untimed_as_schedule.get_untracked(),
            second_in_repeated_hour: self.second_in_repeated_hour.get_untracked(),
        };
        let files: Vec<(u64, web_sys::File)> = list
            .into_iter()
            .map(|file| (self.begin(&file.name()), file))
            .collect();
        spawn_local(async move {
            let pool = self.pool();
            for (job, file) in files {
                let name = file.name();
                let read = async {
                    let bytes = files::read(&file, |done, total| {
                        self.advance(job, Stage::Reading { done, total })
                    })
                    .await;
                    self.advance(job, Stage::Checking);
                    bytes
                };
                let saving: Rc<dyn Fn()> = Rc::new(move || self.advance(job, Stage::Saving));
                let ticket = pool.submit(&name, &setup, read, saving).await;
                spawn_local(async move {
                    let done = ticket.done().await;
                    // Reading the answer and showing it are separate tasks, so the page can
                    // paint between them.
                    tick().await;
                    self.show(job, done);
                });
            }
        });
    }

    /// The job pool, started with the first import if loading did not start it.
    fn pool(self) -> Pool {
        if let Some(pool) = self.pool.with_value(Clone::clone) {
            return pool;
        }
        let pool = Pool::shared();
        pool.listen(move |stats| self.jobs.set(stats));
        self.pool.set_value(Some(pool.clone()));
        pool
    }

    /// Cancels a job the Jobs panel lists (its import or plan ends as cancelled, nothing
    /// stored); one already storing what it made goes on, and the status line says so.
    pub fn cancel_job(self, id: u64, name: &str) {
        if !self.pool().cancel(id) {
            self.notice.set(Some(format!(
                "“{name}” is already being stored (or has ended): it cannot be cancelled now."
            )));
        }
    }

    /// Starts the import workers ahead of the first drop, so they are ready for it.
    pub(super) fn start_jobs(self) {
        let _ = self.pool();
    }

    fn begin(self, file: &str) -> u64 {
        let job = self
            .progress
            .with_untracked(|p| p.iter().map(|p| p.job + 1).max().unwrap_or(1));
        self.progress.update(|p| {
            p.push(Progress {
                job,
                file: file.to_owned(),
                stage: Stage::Waiting,
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

    /// Stores the sample channel (a day of "Sample One" and a filler playlist) for a first try.
    pub fn load_sample(self) {
        let library = sample_library(self.today());
        let report = Report {
            file: "Sample One".into(),
            outcome: Outcome::Imported {
                format: "sample channel".into(),
                schedules: library.schedules.len(),
                playlists: library.playlists.len(),
                events: library.schedules.iter().map(|s| s.events.len()).sum(),
                warnings: Vec::new(),
            },
        };
        let job = self.begin("Sample One");
        spawn_local(async move {
            let done = store(report, library).await;
            self.show(job, done);
        });
    }

    /// Shows what a job stored (with the summaries it made of its schedules) in the library,
    /// its schedules closed; their events are freed (they are in storage).
    pub(super) fn add_stored(self, stored: Library, summaries: Vec<ScheduleSummary>) {
        self.remember(&stored);
        let mut events = Vec::new();
        self.library.update(|l| events = l.add(stored));
        events.into_iter().for_each(crate::desk::free_events_soon);
        summaries.into_iter().for_each(|s| self.keep_summary(s));
        self.stored_a_change();
    }

    /// Applies what an import did: shows what was stored, keeps what storage refused.
    fn show(self, job: u64, done: Done) {
        match done.stored {
            Stored::Added(stored) => self.add_stored(stored, done.summaries),
            Stored::Full(library) => self
                .unsaved
                .set(Some(Unsaved::full(done.report.file.clone(), library))),
            Stored::Nothing => {}
        }
        self.progress.update(|p| p.retain(|p| p.job != job));
        self.reports.update(|r| r.insert(0, done.report));
    }
}
