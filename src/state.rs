//! The app's state and the intents that change it. Components read the signals and call these
//! functions; the scheduling logic they need lives in the engine.

use leptos::prelude::*;
use leptos::task::spawn_local;
use scheduleflow_engine::format::{export_library, export_schedule, Format};
use scheduleflow_engine::model::Library;
use scheduleflow_engine::summary::ScheduleSummary;

use crate::import::{import_file, Outcome, Report};
use crate::platform::{download, files, storage, sync};

/// Where the stored library stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Storage {
    Loading,
    Ready { persisted: bool },
    Failed(String),
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub library: RwSignal<Library>,
    pub reports: RwSignal<Vec<Report>>,
    pub storage: RwSignal<Storage>,
    /// A message about the last export or delete, for the status line.
    pub notice: RwSignal<Option<String>>,
    /// The schedule open in the schedule view, if any.
    pub selected: RwSignal<Option<String>>,
    /// The library search.
    pub query: RwSignal<String>,
    /// The browser's storage use, for the System panel.
    pub usage: RwSignal<Option<storage::Usage>>,
}

impl AppState {
    pub fn new() -> AppState {
        AppState {
            library: RwSignal::new(Library::default()),
            reports: RwSignal::new(Vec::new()),
            storage: RwSignal::new(Storage::Loading),
            notice: RwSignal::new(None),
            selected: RwSignal::new(None),
            query: RwSignal::new(String::new()),
            usage: RwSignal::new(None),
        }
    }

    pub fn summaries(&self) -> Vec<ScheduleSummary> {
        self.library
            .with(|l| l.schedules.iter().map(ScheduleSummary::of).collect())
    }

    /// Loads what the browser has stored, asks it to keep the data, and follows changes made
    /// in other tabs.
    pub fn load(self) {
        sync::listen(move || self.reload());
        self.reload_then(true);
    }

    /// Reloads the library from storage (another tab changed it).
    fn reload(self) {
        self.reload_then(false);
    }

    fn refresh_usage(self) {
        spawn_local(async move { self.usage.set(storage::usage().await) });
    }

    fn reload_then(self, first: bool) {
        spawn_local(async move {
            let loaded = match storage::open().await {
                Ok(db) => storage::load(&db).await,
                Err(e) => Err(e),
            };
            match loaded {
                Ok((library, problems)) => {
                    self.library.set(library);
                    // Another tab's change reloads too; report unreadable records once.
                    for problem in problems.into_iter().filter(|_| first) {
                        self.reports.update(|r| {
                            r.push(Report {
                                file: "stored library".into(),
                                outcome: Outcome::Failed(problem),
                            })
                        });
                    }
                    if first {
                        let persisted = storage::request_persistence().await;
                        self.storage.set(Storage::Ready { persisted });
                    }
                    self.refresh_usage();
                }
                Err(e) => self.storage.set(Storage::Failed(e.to_string())),
            }
        });
    }

    /// Imports every file; each is added whole (and saved) or not at all.
    pub fn import(self, list: Vec<web_sys::File>) {
        spawn_local(async move {
            let today = today();
            for file in files::read_all(list).await {
                let report = match file.bytes {
                    Err(message) => Report {
                        file: file.name.clone(),
                        outcome: Outcome::Failed(message),
                    },
                    Ok(bytes) => match import_file(&file.name, &bytes, today) {
                        (Some(incoming), report) => self.add(incoming, report).await,
                        (None, report) => report,
                    },
                };
                self.reports.update(|r| r.insert(0, report));
            }
        });
    }

    /// Saves what an import brought, then shows it; if saving fails, nothing changes.
    async fn add(self, incoming: Library, report: Report) -> Report {
        let mut merged = self.library.get_untracked();
        let added = merged.merge(incoming);
        let fresh = Library {
            schedules: merged
                .schedules
                .iter()
                .filter(|s| added.contains(&s.id))
                .cloned()
                .collect(),
            playlists: merged
                .playlists
                .iter()
                .filter(|p| added.contains(&p.id))
                .cloned()
                .collect(),
        };
        let saved = match storage::open().await {
            Ok(db) => storage::save(&db, &fresh).await,
            Err(e) => Err(e),
        };
        match saved {
            Ok(()) => {
                self.library.set(merged);
                sync::announce();
                self.refresh_usage();
                report
            }
            Err(e) => Report {
                file: report.file.clone(),
                outcome: Outcome::Failed(format!("{}: {e}; nothing was added", report.file)),
            },
        }
    }

    /// Downloads one schedule in `format`.
    pub fn export(self, id: &str, format: Format) {
        let files = self
            .library
            .with_untracked(|l| l.schedule(id).map(|s| export_schedule(s, format)));
        self.offer(
            files
                .unwrap_or_else(|| Ok(Vec::new()))
                .map_err(|e| e.to_string()),
        );
    }

    /// Downloads the whole library as one ScheduleFlow XML batch file.
    pub fn export_all(self) {
        let files = self
            .library
            .with_untracked(|l| export_library(l, Format::SfXml))
            .map_err(|e| e.to_string());
        self.offer(files);
    }

    fn offer(self, files: Result<Vec<scheduleflow_engine::format::ExportFile>, String>) {
        let result = files.and_then(|files| {
            for f in &files {
                download::download(&f.name, f.mime, &f.text)?;
            }
            Ok(files.len())
        });
        self.notice.set(Some(match result {
            Ok(n) => format!("Exported {n} file(s)."),
            Err(e) => format!("Export failed: {e}"),
        }));
    }

    /// Deletes a schedule from the library and from storage.
    pub fn delete(self, id: String) {
        spawn_local(async move {
            let removed = match storage::open().await {
                Ok(db) => storage::remove(&db, &id).await,
                Err(e) => Err(e),
            };
            match removed {
                Ok(()) => {
                    self.library.update(|l| l.schedules.retain(|s| s.id != id));
                    self.notice.set(Some("Schedule deleted.".into()));
                    sync::announce();
                    self.refresh_usage();
                }
                Err(e) => self.notice.set(Some(format!("Delete failed: {e}"))),
            }
        });
    }
}

impl Default for AppState {
    fn default() -> Self {
        AppState::new()
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
