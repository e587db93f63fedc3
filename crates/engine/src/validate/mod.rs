//! Validation as values: every problem in a schedule as a [`Diagnostic`], never stopping at the
//! first, each with a stable code and, where one exists, a fix that is an ordinary [`Edit`].
//!
//! Whole-schedule validation sorts once and sweeps once: O(n log n). [`Validated`] keeps a
//! schedule's diagnostics up to date edit by edit, checking again only what an edit can affect.

mod checking;
mod diagnostic;
mod fixes;
mod incremental;
mod separation;
mod sweep;

pub use checking::Checking;
pub use diagnostic::{Code, Diagnostic, Fix, Severity};
pub use incremental::Validated;
pub use separation::{
    check_separation, CategoryField, CategorySeparation, Separation, SeparationCheck,
};

use std::hash::BuildHasher;

use crate::ids::UsedIds;
use crate::model::{Event, Schedule};
use crate::on_air::OnAir;
use crate::time::Frames;

/// Checks the whole schedule and returns every diagnostic, ordered by position in time.
pub fn validate(schedule: &Schedule) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Messages give times of day on the on-air clock, lengths as timecode.
    let clock = OnAir::new(schedule);
    // One pass over the events does the per-event checks, notes each id and gathers the
    // sweep's keys: at a million events each pass is a walk through hundreds of megabytes.
    let mut ids = Ids::with_capacity(schedule.events.len());
    let mut order = Vec::with_capacity(schedule.events.len());
    for (index, event) in schedule.events.iter().enumerate() {
        ids.note(event);
        check_event(schedule, &clock, index, event, &mut out);
        if sweep::takes_air(event) {
            order.push((event.start, index));
        }
    }
    let ids = ids.report(schedule, &mut out);
    let ctx = sweep::Ctx {
        schedule,
        clock: &clock,
        ids: &ids,
    };
    sweep::check_sequence(&ctx, order, &mut out);
    sort(&mut out);
    out
}

/// How many errors and warnings `diagnostics` hold.
pub fn count(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    (errors, diagnostics.len() - errors)
}

/// The order diagnostics are listed in: by where they start in time, then by event, then the
/// order the checks run in (ids, the event on its own, the event among the others).
fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|d| {
        let stage = match d.code {
            Code::DuplicateId => 0,
            Code::NonPositiveDuration
            | Code::InOutOutsideMedia
            | Code::OutsideWindow
            | Code::UnknownDuration => 1,
            Code::Overlap | Code::Gap | Code::HardStartMissed => 2,
            Code::ItemTooSoon | Code::CategoryTooClose | Code::RepeatTooSoon => 3,
        };
        (
            d.region.map_or(Frames::ZERO, |r| r.0),
            d.index,
            stage,
            d.code,
        )
    });
}

/// Reports every event whose id an earlier event already uses; returns the ids in use.
fn check_ids<'s>(schedule: &'s Schedule, out: &mut Vec<Diagnostic>) -> SortedIds<'s> {
    let mut ids = Ids::with_capacity(schedule.events.len());
    for event in &schedule.events {
        ids.note(event);
    }
    ids.report(schedule, out)
}

/// Every event's id as a hash, in list order. Duplicates are found by sorting the hashes
/// rather than inserting into a hash table: at a million events a table is far larger than
/// the cache and each insert a miss, while a sort reads and writes in runs.
struct Ids {
    hasher: foldhash::fast::RandomState,
    hashes: Vec<(u64, u32)>,
}

impl Ids {
    fn with_capacity(events: usize) -> Ids {
        Ids {
            hasher: Default::default(),
            hashes: Vec::with_capacity(events),
        }
    }

    /// Notes the next event's id (events come in list order).
    fn note(&mut self, event: &Event) {
        let index = u32::try_from(self.hashes.len()).unwrap_or(u32::MAX);
        self.hashes
            .push((self.hasher.hash_one(event.id.as_str()), index));
    }

    /// The duplicates as diagnostics; every event's id is known before a fix picks a fresh one.
    fn report<'s>(mut self, schedule: &'s Schedule, out: &mut Vec<Diagnostic>) -> SortedIds<'s> {
        self.hashes.sort_unstable();
        let events = &schedule.events;
        let mut shared = Vec::new();
        // Within a run of equal hashes (in list order), each id is shared with the first
        // event of the run that has the same id.
        for run in self.hashes.chunk_by(|a, b| a.0 == b.0) {
            for (k, &(_, later)) in run.iter().enumerate().skip(1) {
                let id = &events[later as usize].id;
                if let Some(&(_, first)) =
                    run[..k].iter().find(|(_, i)| events[*i as usize].id == *id)
                {
                    shared.push((later as usize, first as usize));
                }
            }
        }
        shared.sort_unstable();
        let ids = SortedIds {
            schedule,
            hasher: self.hasher,
            hashes: self.hashes,
        };
        for (index, first) in shared {
            out.push(shared_id(schedule, &ids, index, first));
        }
        ids
    }
}

/// Event `index` uses the id that event `first` (earlier in the list) uses.
fn shared_id(schedule: &Schedule, ids: &dyn UsedIds, index: usize, first: usize) -> Diagnostic {
    let events = &schedule.events;
    Diagnostic::new(
        Code::DuplicateId,
        schedule,
        index,
        format!(
            "id '{}' is also used by event {} ('{}')",
            events[index].id,
            first + 1,
            events[first].title
        ),
        fixes::rename(schedule, ids, index),
    )
}

/// The ids in use, looked up by hash (a binary search) and confirmed against the events.
struct SortedIds<'s> {
    schedule: &'s Schedule,
    hasher: foldhash::fast::RandomState,
    hashes: Vec<(u64, u32)>,
}

impl UsedIds for SortedIds<'_> {
    fn is_used(&self, id: &str) -> bool {
        let hash = self.hasher.hash_one(id);
        let from = self.hashes.partition_point(|&(h, _)| h < hash);
        self.hashes[from..]
            .iter()
            .take_while(|&&(h, _)| h == hash)
            .any(|&(_, i)| self.schedule.events[i as usize].id.as_str() == id)
    }
}

fn check_event(
    schedule: &Schedule,
    clock: &OnAir<'_>,
    index: usize,
    event: &Event,
    out: &mut Vec<Diagnostic>,
) {
    let Some(duration) = event.duration else {
        out.push(Diagnostic::new(
            Code::UnknownDuration,
            schedule,
            index,
            format!(
                "'{}' has no known length, so what follows cannot be timed",
                event.title
            ),
            Vec::new(),
        ));
        return;
    };
    if !duration.is_positive() {
        out.push(Diagnostic::new(
            Code::NonPositiveDuration,
            schedule,
            index,
            format!(
                "'{}' has a length of {} frames",
                event.title,
                duration.get()
            ),
            fixes::remove(index),
        ));
    }
    check_points(schedule, index, event, out);
    let end = event.start + duration;
    if event.start < Frames::ZERO || end > schedule.length {
        out.push(Diagnostic::new(
            Code::OutsideWindow,
            schedule,
            index,
            format!(
                "'{}' runs {} to {}, outside the schedule's window {} to {}",
                event.title,
                clock.at(event.start),
                clock.at(end),
                clock.at(Frames::ZERO),
                clock.at(schedule.length)
            ),
            fixes::trim_to_window(schedule, clock, index),
        ));
    }
}

fn check_points(schedule: &Schedule, index: usize, event: &Event, out: &mut Vec<Diagnostic>) {
    let problem = match (event.in_point, event.out_point, event.media_duration) {
        (Some(i), _, _) if i < Frames::ZERO => Some("its in point is before the media starts"),
        (Some(i), Some(o), _) if o <= i => Some("its out point is not after its in point"),
        (_, Some(o), Some(m)) if o > m => Some("its out point is after the media ends"),
        (Some(i), None, Some(m)) if i >= m => Some("its in point is after the media ends"),
        _ => None,
    };
    if let Some(problem) = problem {
        out.push(Diagnostic::new(
            Code::InOutOutsideMedia,
            schedule,
            index,
            format!("'{}': {problem}", event.title),
            fixes::clamp_points(event, index),
        ));
    }
}

#[cfg(test)]
mod tests;
