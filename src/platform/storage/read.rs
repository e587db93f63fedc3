//! What a long read of a schedule tells as it goes, for the page to show while it reads.

use scheduleflow_engine::model::Schedule;

/// What a long read of a schedule tells as it goes: how far it has come, in thousandths, and
/// its first rows (the head with its first events) as soon as they are read, so that they show
/// while the rest is read. A read tells `first` at most once, and only if what it read first is
/// what opens: not when logged edits are still to be replayed onto it.
#[derive(Clone, Copy)]
pub struct Read<'a> {
    pub progress: &'a dyn Fn(u32),
    pub first: &'a dyn Fn(Schedule),
}

impl std::fmt::Debug for Read<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Read").finish_non_exhaustive()
    }
}

/// How many events a read shows first (whole broadcast days of them where storage keeps days):
/// more than a screen of rows.
pub const FIRST_ROWS: usize = 200;

fn unseen_progress(_: u32) {}

fn unseen_first(_: Schedule) {}

/// For a read whose progress nobody shows.
pub const UNSEEN: Read<'static> = Read {
    progress: &unseen_progress,
    first: &unseen_first,
};
