//! The desk: where an open schedule lives — its session, the check that runs on it, its steps on
//! their way to the edit log, and the closed schedules kept whole until their changes are
//! stored — apart from the page's signals, so that the same code can run on the page or in a
//! worker. It is asked in values (an `Ask`, a `Command`, days to copy) and tells what happened
//! on its own (a check that ended, a save, a refusal) as `Tell`s, which the page keeps in
//! signals. Nothing here renders or reads a signal.

mod check;
mod export;
mod free;
pub mod host;
mod make;
mod open;
mod plan;
mod port;
mod request;
mod row;
mod run;
mod save;
#[cfg(test)]
mod tests;
mod window;

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;

use jiff::civil::Date;
use scheduleflow_engine::edit::{History, Step};
use scheduleflow_engine::model::Schedule;
use scheduleflow_engine::session::Session;
use scheduleflow_engine::summary::ScheduleSummary;

use crate::state::ports::Store;

pub use export::{Began, File};
pub use free::{free_events_soon, free_soon};
#[cfg(test)]
pub(crate) use make::tests::{preview_of, to_build};
pub use make::{Made, Making, NotCreated, Preview, ToBuild};
pub use open::{Closed, Opening};
pub use plan::{PlanOnto, Planned};
pub use port::Port;
pub use request::{Handled, Reply, Request};
pub use run::Said;
pub use window::Warnings;

/// How many events a check looks at between two looks at the clock (a few hundred
/// microseconds' work in the browser), so that its slices end close to their time.
pub const CHECK_STEP: usize = 2_000;

/// How many counted ids or diagnostics are freed between two looks at the clock (a
/// diagnostic's fix may hold events: 20,000 of a dense month's warnings took 19 ms).
pub const FREE_STEP: usize = 2_000;

/// What the desk tells whoever shows its schedule, unasked.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Tell {
    /// The schedule being opened has been read this far, in thousandths.
    Reading(u32),
    /// The first rows of the schedule being opened are read (they answer `Ask::Rows` until it
    /// opens): how many events they are, and the days its head says it covers.
    FirstRows { events: usize, days: Vec<Date> },
    /// How far the open schedule's check has come, in thousandths (`None`: it is checked).
    Checking(Option<u32>),
    /// The open schedule changed other than by a command (its check ended, it was read again
    /// after another tab's change): what the views show must be asked for again.
    Moved,
    /// Whether steps are being written to the edit log.
    Saving(bool),
    /// Schedule `id` is stored at `revision`.
    Saved { id: String, revision: u32 },
    /// Something for the status line.
    Notice(String),
    /// Another tab changed a schedule before a save: the library must be read again once the
    /// saver is idle.
    Conflict,
    /// Schedule `schedule` has changes storage refused (`why`; `None`: for the reason given
    /// before): it is offered as a download.
    Unstored {
        name: String,
        why: Option<String>,
        schedule: Box<Schedule>,
    },
}

/// The schedule open on the desk.
#[derive(Debug)]
pub struct Open {
    pub id: String,
    pub session: Session,
}

/// A closed schedule kept whole until its changes are stored, with the row it closed with.
#[derive(Debug)]
struct Kept {
    schedule: Schedule,
    history: History,
    row: ScheduleSummary,
}

#[derive(Default)]
struct Inner {
    open: Option<Open>,
    /// Which opening is under way (a later open or a close supersedes it).
    opening: Option<u64>,
    openings: u64,
    /// The first rows of the schedule being read.
    first_rows: Option<Schedule>,
    /// Steps made and not yet stored, in order.
    pending: Vec<(String, Step)>,
    kept: HashMap<String, Kept>,
    /// Schedules with a change storage refused: their later steps are not logged either (they
    /// would land on a state the log never had) until the library is read again.
    unstored: BTreeSet<String>,
    /// Each schedule's revision as the desk last read or wrote it.
    revisions: BTreeMap<String, u32>,
    saving: bool,
    checking: bool,
    /// Exports under way, by the page's number for them.
    exports: HashMap<u64, export::Exporting>,
    /// The schedule the last "Schedule a playlist" preview built, with what it was built from.
    preview: Option<(make::ToBuild, Schedule)>,
    /// Schedules made and stored, until they are opened.
    made: HashMap<String, Schedule>,
}

/// Who hears the desk's `Tell`s.
pub(crate) type Listener = Rc<dyn Fn(Tell)>;

/// The desk (cheap to clone: every clone is the same desk).
#[derive(Clone)]
pub struct Desk {
    inner: Rc<RefCell<Inner>>,
    store: Rc<dyn Store>,
    listener: Rc<RefCell<Option<Listener>>>,
}

impl std::fmt::Debug for Desk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Desk")
    }
}

impl Desk {
    pub fn new(store: Rc<dyn Store>) -> Desk {
        Desk {
            inner: Rc::default(),
            store,
            listener: Rc::default(),
        }
    }

    /// Sends every `Tell` to `listen` from now on.
    pub fn listen(&self, listen: impl Fn(Tell) + 'static) {
        *self.listener.borrow_mut() = Some(Rc::new(listen));
    }

    /// Tells the listener; never called while the desk is borrowed, since the listener asks
    /// the desk again.
    fn tell(&self, tell: Tell) {
        let listener = self.listener.borrow().clone();
        if let Some(listen) = listener {
            listen(tell);
        }
    }

    /// Which schedule is open, if any.
    pub fn open_id(&self) -> Option<String> {
        self.inner.borrow().open.as_ref().map(|o| o.id.clone())
    }

    /// Which schedule is open and how many changes it has taken: work done for it in slices
    /// compares this before and after, since a schedule changed, closed or opened afresh
    /// meanwhile no longer takes the step asked for.
    pub fn key(&self) -> Option<(String, u64)> {
        self.inner
            .borrow()
            .open
            .as_ref()
            .map(|o| (o.id.clone(), o.session.changes()))
    }

    /// Notes that schedule `id` is stored at `revision` (made or read by the page).
    pub fn stored_at(&self, id: &str, revision: u32) {
        self.inner
            .borrow_mut()
            .revisions
            .insert(id.to_owned(), revision);
    }

    fn revision(&self, id: &str) -> u32 {
        self.inner.borrow().revisions.get(id).copied().unwrap_or(0)
    }

    /// Reads the open session (the desk's own work, and the tests).
    pub fn with_session<T>(&self, f: impl FnOnce(&Session) -> T) -> Option<T> {
        self.inner.borrow().open.as_ref().map(|o| f(&o.session))
    }

    /// Runs `f` on schedule `id` if the desk holds it whole: open, or kept while its changes
    /// are being stored. `None` for a schedule whose events are only in storage.
    pub fn with_schedule<T>(
        &self,
        id: &str,
        f: impl FnOnce(&Schedule, &History) -> T,
    ) -> Option<T> {
        let inner = self.inner.borrow();
        match inner.open.as_ref().filter(|o| o.id == id) {
            Some(open) => Some(f(open.session.schedule(), open.session.history())),
            None => inner.kept.get(id).map(|k| f(&k.schedule, &k.history)),
        }
    }

    /// The name of schedule `id`, if the desk holds it.
    pub fn name_of(&self, id: &str) -> Option<String> {
        self.with_schedule(id, |s, _| s.name.clone())
    }

    /// Lets go of what the desk knows of a record that is gone (deleted): kept changes,
    /// revision, and the session if it is the open one.
    pub fn forget(&self, id: &str) {
        let kept = {
            let mut inner = self.inner.borrow_mut();
            inner.revisions.remove(id);
            inner.kept.remove(id)
        };
        if let Some(kept) = kept {
            free_events_soon(kept.schedule.events);
        }
        if self.open_id().as_deref() == Some(id) {
            self.discard();
        }
    }

    /// Storage's version wins over what the desk keeps (the library is read again only once
    /// the saver is idle, so nothing kept is still to be stored): kept schedules are let go,
    /// and the revisions are storage's.
    pub fn reloaded(&self, revisions: &BTreeMap<String, u32>) {
        let kept: Vec<Kept> = {
            let mut inner = self.inner.borrow_mut();
            let open = inner.open.as_ref().map(|o| o.id.clone());
            // The open schedule's revision follows its reading (see `follow`).
            let mine = open
                .as_ref()
                .and_then(|id| inner.revisions.get(id).copied());
            inner.revisions = revisions.clone();
            if let (Some(id), Some(mine)) = (open, mine) {
                inner.revisions.insert(id, mine);
            }
            inner.kept.drain().map(|(_, k)| k).collect()
        };
        for kept in kept {
            free_events_soon(kept.schedule.events);
        }
    }
}
