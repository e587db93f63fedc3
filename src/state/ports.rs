//! What the state needs of the platform — storage, the clock, remembered choices, workers — as
//! traits.
//! The browser's versions live in `platform/`; in-memory ones (`state/memory.rs`) let the
//! state's intents run in native unit tests, with saving, conflicts and folds observable.

use std::rc::Rc;

use futures::future::LocalBoxFuture;
use scheduleflow_engine::channel::Channel;
use scheduleflow_engine::edit::{History, Step};
use scheduleflow_engine::model::{Library, Playlist, Schedule};
use scheduleflow_engine::rules::PlanFile;
use scheduleflow_engine::summary::ScheduleSummary;

use crate::jobs::plan::PlanJob;
use crate::jobs::Done;
use crate::platform::settings::Theme;
use crate::platform::storage::{NotInserted, Opened, StorageError, Stored, Usage};
pub use crate::platform::storage::{Read, UNSEEN};

/// A storage operation under way.
pub type Pending<'a, T> = LocalBoxFuture<'a, Result<T, StorageError>>;

/// Where the library is kept: every change commits whole or not at all, and a change made
/// against a revision someone else has moved on from is a `Conflict` that changes nothing.
pub trait Store {
    /// Everything stored, closed: schedules as heads with their rows, playlists whole.
    fn load(&self) -> Pending<'_, Stored>;
    /// Schedule `id` with its logged edits replayed, its history and revision; `None` if it is
    /// not stored. `read` is told how far the reading has come, in thousandths, as it goes.
    fn open_schedule<'a>(&'a self, id: &'a str, read: Read<'a>) -> Pending<'a, Option<Opened>>;
    /// Keeps `row` as schedule `id`'s library row, if it is still at `revision`, so that a
    /// fresh page shows it without reading the schedule's events.
    fn keep_row<'a>(
        &'a self,
        id: &'a str,
        revision: u32,
        row: &'a ScheduleSummary,
    ) -> Pending<'a, ()>;
    /// Adds schedules and playlists as new records (ids made unique against what is stored);
    /// returns what was stored, with its ids, or why nothing was and what it was given back
    /// (to be offered as a download without a copy having been kept).
    fn insert(&self, library: Library) -> LocalBoxFuture<'_, Result<Library, NotInserted>>;
    /// Replaces playlist `playlist.id` if it is still at revision `read`; the new revision.
    fn replace_playlist<'a>(&'a self, playlist: &'a Playlist, read: u32) -> Pending<'a, u32>;
    /// Deletes a schedule or a playlist, keeping it whole in storage for Undo (the one
    /// deleted before it goes for good, as does one whose id an insert brings again);
    /// whether it was stored.
    fn set_aside<'a>(&'a self, id: &'a str) -> Pending<'a, bool>;
    /// Takes back what `set_aside` deleted; whether it was still there.
    fn restore<'a>(&'a self, id: &'a str) -> Pending<'a, bool>;
    /// Appends `steps` to schedule `id`'s edit log if it is still at revision `read`; the new
    /// revision.
    fn append<'a>(
        &'a self,
        id: &'a str,
        name: &'a str,
        read: u32,
        steps: &'a [Step],
    ) -> Pending<'a, u32>;
    /// Writes `schedule` and `history` (as they are now, at `revision`) as schedule `id`'s
    /// record, with `row` as its library row if it is known (else the record keeps its last
    /// row, to be checked again), and drops its log up to there. Taken as they are when
    /// called, not when stored.
    fn fold(
        &self,
        id: &str,
        schedule: &Schedule,
        history: &History,
        row: Option<&ScheduleSummary>,
        revision: u32,
    ) -> Pending<'_, ()>;
    /// Stores a channel, replacing the one named `replaces` (a rename) or its own name.
    fn put_channel<'a>(
        &'a self,
        channel: &'a Channel,
        replaces: Option<&'a str>,
    ) -> Pending<'a, ()>;
    /// Stores a channel's plan (keyed by its channel's name), replacing the one there.
    fn put_plan<'a>(&'a self, plan: &'a PlanFile) -> Pending<'a, ()>;
    /// Removes channel `channel`'s plan.
    fn remove_plan<'a>(&'a self, channel: &'a str) -> Pending<'a, ()>;
    /// Tells other tabs that what is stored changed.
    fn announce(&self);
    /// How much is stored and may be.
    fn usage(&self) -> LocalBoxFuture<'_, Option<Usage>>;
    /// Asks to keep the data under storage pressure; whether it will be.
    fn persist(&self) -> LocalBoxFuture<'_, bool>;
}

/// Today's date on the user's clock (for files without dates and the dialogs' defaults).
pub trait Clock {
    fn today(&self) -> jiff::civil::Date;
}

/// Small choices the app remembers between visits.
pub trait Prefs {
    /// The channel files that do not say theirs take.
    fn import_channel(&self) -> Option<String>;
    fn set_import_channel(&self, name: Option<&str>);
    /// The theme picked last time.
    fn theme(&self) -> Theme;
    /// Remembers `theme` and shows it.
    fn set_theme(&self, theme: Theme);
    /// Shows `theme` (at start, the remembered one).
    fn show_theme(&self, theme: Theme);
}

/// Where heavy work runs: the page's job workers (or, without them, the page); in place in
/// tests.
pub trait Jobs {
    /// Runs a plan job on `library` (ScheduleFlow JSON) and answers as
    /// [`crate::jobs::plan::run_job`] does.
    fn plan(&self, name: String, job: PlanJob, library: String) -> LocalBoxFuture<'static, Done>;
}

/// The page's job workers.
pub struct Workers;

impl Jobs for Workers {
    fn plan(&self, name: String, job: PlanJob, library: String) -> LocalBoxFuture<'static, Done> {
        Box::pin(async move {
            crate::jobs::Pool::shared()
                .submit_plan(&name, job, library)
                .await
                .done()
                .await
        })
    }
}

/// The platform as the state sees it.
#[derive(Clone)]
pub struct Services {
    pub store: Rc<dyn Store>,
    pub clock: Rc<dyn Clock>,
    pub prefs: Rc<dyn Prefs>,
    pub jobs: Rc<dyn Jobs>,
}

impl std::fmt::Debug for Services {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Services")
    }
}

impl Services {
    /// The browser's: IndexedDB (one connection, kept), the system clock, localStorage.
    pub fn browser() -> Services {
        Services {
            store: Rc::new(crate::platform::storage::IndexedDb::default()),
            clock: Rc::new(crate::platform::clock::SystemClock),
            prefs: Rc::new(crate::platform::settings::LocalPrefs),
            jobs: Rc::new(Workers),
        }
    }
}
