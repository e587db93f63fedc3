//! The app's state and the intents that change it. Components read the signals and call the
//! intents (in the submodules, one job each); the scheduling logic they need lives in the
//! engine.

mod channels;
mod copy_day;
mod create;
mod delete;
mod editor;
mod export;
mod import;
mod plans;
mod playlists;
pub mod ports;
pub mod preview;
mod seen;
mod selection;
mod session;
mod turns;
mod unsaved;

#[cfg(test)]
mod create_tests;
#[cfg(test)]
pub(crate) mod memory;
#[cfg(test)]
mod plan_tests;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use scheduleflow_engine::channel::Channel;
use scheduleflow_engine::model::{Event, Library};
use scheduleflow_engine::rules::PlanFile;
use scheduleflow_engine::summary::{Health, ScheduleSummary};

use crate::desk::{Port, Reply, Request};
use crate::import::{Outcome, Report};
use crate::platform::settings::Theme;
use crate::platform::{storage, sync};
use crate::shelf::Shelf;
use ports::{Services, Store};

/// How long after the page loads the import workers start (milliseconds).
const WORKERS_AFTER_MS: u32 = 500;

pub use create::empty_schedule;
pub use delete::Deleted;
pub use export::ExportLine;
pub use import::{Progress, Stage};
pub use plans::{PlanTarget, RULES_LISTED};
pub use selection::Selection;
pub use unsaved::Unsaved;

/// Where the stored library stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Storage {
    Loading,
    Ready { persisted: bool },
    Failed(String),
}

#[derive(Clone, Copy)]
pub struct AppState {
    /// The library: closed schedules as heads with their rows, playlists whole.
    pub library: RwSignal<Shelf>,
    pub reports: RwSignal<Vec<Report>>,
    pub storage: RwSignal<Storage>,
    /// A message about the last export, delete or edit, for the status line.
    pub notice: RwSignal<Option<String>>,
    /// The schedule open in the schedule view, if any.
    pub selected: RwSignal<Option<String>>,
    /// The channels set up in the app (the list adds those the schedules name).
    pub channels: RwSignal<Vec<Channel>>,
    /// Each channel's plan (day templates, weekly plan, date rules, separation rules).
    pub plans: RwSignal<Vec<PlanFile>>,
    /// Why the last plan file was refused, with its place.
    pub plan_error: RwSignal<Option<String>>,
    /// The channel chosen in the import panel for files that do not say theirs (by name).
    pub import_channel: RwSignal<Option<String>>,
    /// Files with no times at all come in as schedules rather than playlists.
    pub untimed_as_schedule: RwSignal<bool>,
    /// Imported times in the hour that happens twice when the clocks go back name its second
    /// occurrence (the import panel's choice).
    pub second_in_repeated_hour: RwSignal<bool>,
    /// The colour theme: System, Light or Dark (remembered).
    pub theme: RwSignal<Theme>,
    /// The library search.
    pub query: RwSignal<String>,
    /// The browser's storage use, for the System panel.
    pub usage: RwSignal<Option<storage::Usage>>,
    /// Imports in progress, one per file.
    pub progress: RwSignal<Vec<Progress>>,
    /// What the last delete removed, for its Undo button.
    pub deleted: RwSignal<Option<Deleted>>,
    /// Work the browser refused to store (its storage is full), kept here to download.
    pub unsaved: RwSignal<Option<Unsaved>>,
    /// Each record's revision as last read or written, for the check that no tab overwrites
    /// another's change.
    revisions: StoredValue<BTreeMap<String, u32>>,
    /// Stored schedules whose events could not be read for their row's check, at the
    /// revision tried (not tried again until it changes).
    unreadable: StoredValue<BTreeSet<(String, u32)>>,
    /// Schedules whose delete is under way: gone from the shelf, and kept off it by a reload
    /// that reads them from storage before the delete commits.
    deleting: StoredValue<BTreeSet<String>>,
    /// The schedule being read from storage to be opened, and how far the reading has come
    /// (in thousandths).
    pub opening: RwSignal<Option<String>>,
    pub reading: RwSignal<u32>,
    /// How many first rows of the schedule being read there are, and the days its head says
    /// it covers: shown (the desk answers for them) but not editable until it opens.
    first_rows: RwSignal<Option<(usize, Vec<jiff::civil::Date>)>>,
    /// Whether the summaries' checks are running.
    summarising: StoredValue<bool>,
    /// Where the open schedule lives (see `crate::desk`), and a signal that ticks whenever
    /// the views must ask it again.
    desk: StoredValue<Port, LocalStorage>,
    session_changed: RwSignal<u64>,
    /// What the views show of the open schedule (see `seen`).
    pub seen: seen::Seen,
    /// How far the open schedule's check has come, in thousandths, while it runs.
    pub checking: RwSignal<Option<u32>>,
    /// The open schedule's separation warnings (its channel's plan's rules), checked in
    /// slices after each change; whether that check is under way, and its state.
    /// The first `plans::RULES_LISTED` of them, and how many there are.
    pub rule_warnings: RwSignal<Vec<scheduleflow_engine::validate::Diagnostic>>,
    pub rule_warnings_total: RwSignal<usize>,
    pub rules_checking: RwSignal<bool>,
    rules_run: StoredValue<plans::RulesRun>,
    /// The selected events of the open schedule.
    pub selection: RwSignal<Selection>,
    /// Events cut or copied, for Paste into this or another schedule.
    clipboard: StoredValue<Vec<Event>>,
    /// The playlist open in the playlist view, its edits' undo stacks, and a signal that ticks
    /// when they change; playlists changed and not yet saved, and whether that save runs.
    pub playlist_open: RwSignal<Option<String>>,
    playlist_histories:
        StoredValue<HashMap<String, scheduleflow_engine::playlist_edit::PlaylistHistory>>,
    pub playlist_changed: RwSignal<u64>,
    dirty_playlists: StoredValue<BTreeSet<String>>,
    playlist_saving: StoredValue<bool>,
    /// Whether the desk is storing steps.
    pub saving: RwSignal<bool>,
    /// Whether answers the views wait on are on their way from the desk (the table says it is
    /// busy meanwhile; an export or a check of rules does not count).
    pub waiting: RwSignal<bool>,
    reload_after_save: StoredValue<bool>,
    /// The import workers and their statistics, for the Jobs panel.
    pool: StoredValue<Option<crate::jobs::Pool>, LocalStorage>,
    pub jobs: RwSignal<crate::jobs::Stats>,
    /// Exports being written a piece at a time, for the Jobs panel to list and cancel.
    pub exports: RwSignal<Vec<export::ExportLine>>,
    next_export: StoredValue<u64>,
    /// Intents on the open schedule waiting for the command before them (see `turns`).
    turns: StoredValue<turns::Turns, LocalStorage>,
    /// Whether "Copy this day" is working a copy out (its button waits meanwhile).
    pub copying: RwSignal<bool>,
    services: StoredValue<Services, LocalStorage>,
}

impl AppState {
    /// The state on the browser's platform.
    pub fn new() -> AppState {
        let services = Services::browser();
        let desk = Port::in_worker(services.store.clone());
        AppState::with_desk(services, desk)
    }

    /// The state on the given platform (in-memory ones in tests), its desk reached through
    /// messages written and read back as the document worker's are.
    #[cfg(test)]
    pub fn with_services(services: Services) -> AppState {
        let desk = Port::Copied(crate::desk::Desk::new(services.store.clone()));
        AppState::with_desk(services, desk)
    }

    /// The state on the given platform, with the open schedule on `desk`.
    fn with_desk(services: Services, desk: Port) -> AppState {
        let state = AppState {
            library: RwSignal::new(Shelf::default()),
            reports: RwSignal::new(Vec::new()),
            storage: RwSignal::new(Storage::Loading),
            notice: RwSignal::new(None),
            selected: RwSignal::new(None),
            channels: RwSignal::new(Vec::new()),
            plans: RwSignal::new(Vec::new()),
            plan_error: RwSignal::new(None),
            import_channel: RwSignal::new(services.prefs.import_channel()),
            theme: RwSignal::new(services.prefs.theme()),
            untimed_as_schedule: RwSignal::new(false),
            second_in_repeated_hour: RwSignal::new(false),
            query: RwSignal::new(String::new()),
            usage: RwSignal::new(None),
            progress: RwSignal::new(Vec::new()),
            deleted: RwSignal::new(None),
            unsaved: RwSignal::new(None),
            revisions: StoredValue::new(BTreeMap::new()),
            unreadable: StoredValue::new(BTreeSet::new()),
            deleting: StoredValue::new(BTreeSet::new()),
            opening: RwSignal::new(None),
            reading: RwSignal::new(0),
            first_rows: RwSignal::new(None),
            summarising: StoredValue::new(false),
            desk: StoredValue::new_local(desk),
            session_changed: RwSignal::new(0),
            seen: seen::Seen::new(),
            checking: RwSignal::new(None),
            rule_warnings: RwSignal::new(Vec::new()),
            rule_warnings_total: RwSignal::new(0),
            rules_checking: RwSignal::new(false),
            rules_run: StoredValue::new(plans::RulesRun::default()),
            selection: RwSignal::new(Selection::default()),
            clipboard: StoredValue::new(Vec::new()),
            playlist_open: RwSignal::new(None),
            playlist_histories: StoredValue::new(HashMap::new()),
            playlist_changed: RwSignal::new(0),
            dirty_playlists: StoredValue::new(Default::default()),
            playlist_saving: StoredValue::new(false),
            saving: RwSignal::new(false),
            waiting: RwSignal::new(false),
            reload_after_save: StoredValue::new(false),
            pool: StoredValue::new_local(None),
            jobs: RwSignal::new(crate::jobs::Stats::default()),
            exports: RwSignal::new(Vec::new()),
            next_export: StoredValue::new(1),
            turns: StoredValue::new_local(turns::Turns::default()),
            copying: RwSignal::new(false),
            services: StoredValue::new_local(services),
        };
        state.port().listen(move |tell| state.told(tell));
        state.port().on_busy(move |busy| {
            if state.waiting.get_untracked() != busy {
                state.waiting.set(busy);
            }
        });
        state
    }

    fn store(self) -> Rc<dyn Store> {
        self.services.with_value(|s| s.store.clone())
    }

    /// Picks the colour theme, remembered for the next visit.
    pub fn choose_theme(self, theme: Theme) {
        self.services.with_value(|s| s.prefs.set_theme(theme));
        self.theme.set(theme);
    }

    /// Today's date on the user's clock.
    pub fn today(self) -> jiff::civil::Date {
        self.services.with_value(|s| s.clock.today())
    }

    /// The library's schedules as its rows show them. A row whose health is not known yet
    /// (its schedule was edited since its row was stored) shows as being checked while its
    /// stored events are read and checked in slices (`summarise_soon`).
    pub fn summaries(&self) -> Vec<ScheduleSummary> {
        let rows: Vec<ScheduleSummary> = self
            .library
            .with(|l| l.schedules.iter().map(|s| s.row.clone()).collect());
        if rows.iter().any(|r| r.health == Health::Checking) {
            self.summarise_soon();
        }
        rows
    }

    /// The next closed schedule whose row waits for a check, with its revision.
    fn next_unchecked(self) -> Option<(String, u32)> {
        self.library.with_untracked(|l| {
            l.schedules
                .iter()
                .filter(|s| s.row.health == Health::Checking)
                .map(|s| (s.id().to_owned(), self.revision(s.id())))
                .find(|key| !self.unreadable.with_value(|u| u.contains(key)))
        })
    }

    /// Checks, in slices, each closed schedule whose row waits for a check, one at a time:
    /// its events read from storage (or taken from the page, if it keeps them), checked,
    /// the row written, the events freed. The rows are drawn again after each.
    fn summarise_soon(self) {
        if self.summarising.get_value() {
            return;
        }
        self.summarising.set_value(true);
        spawn_local(async move {
            while let Some((id, revision)) = self.next_unchecked() {
                let request = Request::Row { id: id.clone() };
                let Reply::Row(Some(summary)) = self.port().ask(request).await else {
                    self.unreadable.update_value(|u| {
                        u.insert((id, revision));
                    });
                    continue;
                };
                let summary = *summary;
                // A schedule stored again, opened or gone meanwhile is looked at afresh.
                if self.revision(&id) == revision {
                    self.keep_row(id.clone(), summary.clone());
                    self.library.update(|l| {
                        if let Some(s) = l.schedules.iter_mut().find(|s| s.id() == id) {
                            s.row = summary;
                        }
                    });
                }
            }
            self.summarising.set_value(false);
        });
    }

    /// Keeps `row` in storage as schedule `id`'s library row at the revision this tab has, so
    /// that the next load shows it without reading the events. A row not known yet, or not
    /// kept (the schedule changed meanwhile, or storage refused), is checked again then.
    fn keep_row(self, id: String, row: ScheduleSummary) {
        let revision = self.revision(&id);
        if row.health == Health::Checking || revision == 0 {
            return;
        }
        spawn_local(async move {
            let _ = self.store().keep_row(&id, revision, &row).await;
        });
    }

    /// The revision of record `id` as this tab last read or wrote it (0: not stored).
    fn revision(self, id: &str) -> u32 {
        self.revisions
            .with_value(|r| r.get(id).copied())
            .unwrap_or(0)
    }

    /// Writes `summary` as its closed schedule's library row.
    fn keep_summary(self, summary: ScheduleSummary) {
        self.library.update(|l| {
            if let Some(s) = l.schedules.iter_mut().find(|s| s.id() == summary.id) {
                s.row = summary;
            }
        });
    }

    /// Shows the remembered theme, loads what the browser has stored, asks it to keep the
    /// data, and follows changes made in other tabs.
    pub fn load(self) {
        let theme = self.theme.get_untracked();
        self.services.with_value(|s| s.prefs.show_theme(theme));
        sync::listen(move || self.reload());
        self.reload_then(true);
        // The import workers (their own wasm, with the formats and the zone database) start
        // once the page has shown itself, so the first load does not wait for them; a drop
        // before then starts them at once.
        spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(WORKERS_AFTER_MS).await;
            self.start_jobs();
        });
    }

    /// Reloads the library from storage (another tab changed it). While this tab is saving,
    /// the reload waits for the save, so that it shows what was saved.
    fn reload(self) {
        if self.saving.get_untracked() {
            self.reload_after_save.set_value(true);
        } else {
            self.reload_then(false);
        }
    }

    fn refresh_usage(self) {
        spawn_local(async move { self.usage.set(self.store().usage().await) });
    }

    /// Tells other tabs that the stored library changed and updates the storage figures.
    fn stored_a_change(self) {
        self.store().announce();
        self.refresh_usage();
    }

    /// Notes that record `id` is stored at `revision`, and tells the other tabs.
    fn saved(self, id: &str, revision: u32) {
        self.revisions.update_value(|r| {
            r.insert(id.to_owned(), revision);
        });
        self.stored_a_change();
    }

    /// Notes that everything in `inserted` is stored at revision 1.
    fn remember(self, inserted: &Library) {
        self.revisions.update_value(|r| {
            let ids = inserted.schedules.iter().map(|s| &s.id);
            for id in ids.chain(inserted.playlists.iter().map(|p| &p.id)) {
                r.insert(id.clone(), 1);
            }
        });
        for schedule in &inserted.schedules {
            self.tell_desk(Request::StoredAt {
                id: schedule.id.clone(),
                revision: 1,
            });
        }
    }

    fn reload_then(self, first: bool) {
        spawn_local(async move {
            let loaded = self.store().load().await;
            match loaded {
                Ok(mut stored) => {
                    self.follow_open(&mut stored);
                    // Storage's version wins over one kept on the desk (a reload waits for
                    // the saver, so nothing kept is still to be stored).
                    self.tell_desk(Request::Reloaded {
                        revisions: stored.revisions.clone(),
                    });
                    self.unreadable.update_value(BTreeSet::clear);
                    self.channels.set(std::mem::take(&mut stored.channels));
                    self.plans.set(std::mem::take(&mut stored.plans));
                    self.revisions.set_value(stored.revisions);
                    // What the page showed may not be what is stored (an edit the full disk
                    // refused keeps the revision): the rows start again from storage's.
                    self.deleting.with_value(|deleting| {
                        deleting.iter().for_each(|id| {
                            stored.library.take(id);
                        })
                    });
                    self.library.set(stored.library);
                    // Another tab's change reloads too; report unreadable records once.
                    for problem in stored.problems.into_iter().filter(|_| first) {
                        self.reports.update(|r| {
                            r.push(Report {
                                file: "stored library".into(),
                                outcome: Outcome::failed(problem),
                            })
                        });
                    }
                    if first {
                        let persisted = self.store().persist().await;
                        self.storage.set(Storage::Ready { persisted });
                    }
                    self.refresh_usage();
                }
                Err(e) => self.storage.set(Storage::Failed(e.to_string())),
            }
        });
    }
}

impl AppState {
    /// Keeps the open schedule open across a reload (see `Desk::follow`); gone from storage,
    /// it closes.
    fn follow_open(self, stored: &mut storage::Stored) {
        let Some(id) = self
            .seen
            .heading
            .with_untracked(|h| h.as_ref().map(|h| h.id.clone()))
        else {
            return;
        };
        // Open, so not on the shelf.
        let revision = stored
            .library
            .take(&id)
            .and(Some(stored.revisions.get(&id).copied().unwrap_or(0)));
        self.port()
            .send(Request::Follow { stored: revision }, move |reply| {
                if reply == crate::desk::Reply::Following(false) {
                    self.session_moved();
                    self.selected.set(None);
                }
            });
    }
}

impl Default for AppState {
    fn default() -> Self {
        AppState::new()
    }
}
