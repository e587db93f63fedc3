//! A schedule's diagnostics kept up to date edit by edit. An edit's operations say which run of
//! positions changed and how far in time the old and new events there reach; only that run is
//! checked again, and the sweep runs on past it just until it is back in step with the old
//! one. What lies before the run is kept as it was, what lies after it is kept with its
//! positions moved. The result is always exactly what [`validate`] gives.

use super::sweep::{takes_air, Ctx, Sweep};
use super::{check_event, check_ids, fixes, sort, Checking, Code, Diagnostic, Fix};
use crate::edit::{Edit, Op};
use crate::ids::{is_candidate, IdCounts, UsedIds};
use crate::model::{Event, Schedule};
use crate::on_air::OnAir;
use crate::time::Frames;

/// A schedule's diagnostics and what keeping them up to date needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Validated {
    diagnostics: Vec<Diagnostic>,
    ids: IdCounts,
    /// Whether the list is in order of start (then a stretch can be checked on its own).
    in_order: bool,
    /// At least the longest known length in the schedule: how far back an event can reach.
    longest: Frames,
}

/// One primitive change as it was applied (an undone operation is its inverse).
enum Change<'a> {
    Insert(usize, &'a Event),
    Remove(usize, &'a Event),
    Replace(usize, &'a Event, &'a Event),
    Splice(usize, &'a [Event], &'a [Event]),
    Shift(std::ops::Range<usize>, Frames),
    Channel,
}

impl<'a> Change<'a> {
    fn of(op: &'a Op, undone: bool) -> Change<'a> {
        match (op, undone) {
            (Op::Insert { index, event }, false) | (Op::Remove { index, event }, true) => {
                Change::Insert(*index, event)
            }
            (Op::Remove { index, event }, false) | (Op::Insert { index, event }, true) => {
                Change::Remove(*index, event)
            }
            (
                Op::Replace {
                    index,
                    before,
                    after,
                },
                false,
            ) => Change::Replace(*index, before, after),
            (
                Op::Replace {
                    index,
                    before,
                    after,
                },
                true,
            ) => Change::Replace(*index, after, before),
            (
                Op::Splice {
                    index,
                    removed,
                    inserted,
                },
                undone,
            ) => {
                if undone {
                    Change::Splice(*index, inserted, removed)
                } else {
                    Change::Splice(*index, removed, inserted)
                }
            }
            (Op::Shift { range, delta }, undone) => {
                Change::Shift(range.clone(), if undone { -*delta } else { *delta })
            }
            (Op::SetChannel { .. }, _) => Change::Channel,
        }
    }
}

/// What a run of changes touched, in the positions of the list after them.
struct Touched {
    /// Positions `from..to` may differ; everything before is as it was, everything from `to`
    /// on is what was at `to - grew` before.
    from: usize,
    to: usize,
    grew: isize,
    /// How far the events the changes name reach, as they were recorded.
    reach: Frames,
    /// How far shifts moved events in all (an old event may have reached this much further
    /// than it does now).
    shifted: Frames,
    channel: bool,
    /// Ids that came into use or went out of use.
    ids_changed: Vec<String>,
}

impl Validated {
    /// Validates the whole schedule (in one go; [`Checking`] does it in steps).
    pub fn new(schedule: &Schedule) -> Validated {
        let mut checking = Checking::new(schedule);
        loop {
            if let Some(validated) = checking.step(schedule, usize::MAX) {
                return validated;
            }
        }
    }

    pub(super) fn from_parts(
        diagnostics: Vec<Diagnostic>,
        ids: IdCounts,
        in_order: bool,
        longest: Frames,
    ) -> Validated {
        Validated {
            diagnostics,
            ids,
            in_order,
            longest,
        }
    }

    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The diagnostics and the ids counted, to free them in steps.
    pub(crate) fn into_parts(self) -> (Vec<Diagnostic>, IdCounts) {
        (self.diagnostics, self.ids)
    }

    /// The ids the schedule's events use.
    pub fn ids(&self) -> &IdCounts {
        &self.ids
    }

    /// `Some(longest)` when the list is in order of start, no event being longer than
    /// `longest`: then a stretch of time can be found by binary search.
    pub fn in_order(&self) -> Option<Frames> {
        self.in_order.then_some(self.longest)
    }

    /// Brings the diagnostics up to date after `ops` were applied to `schedule` (in their
    /// order) or, with `undone`, undone (their inverses in reverse order).
    pub fn update(&mut self, schedule: &Schedule, ops: &[Op], undone: bool) {
        if !self.try_update(schedule, ops, undone) {
            *self = Validated::new(schedule);
        }
    }

    /// Like [`Validated::update`], but where the change needs the whole schedule checked
    /// again (a change of channel, a list out of time order) returns `false` and leaves the
    /// diagnostics out of date: start a [`Checking`] then.
    pub fn try_update(&mut self, schedule: &Schedule, ops: &[Op], undone: bool) -> bool {
        let changes: Vec<Change<'_>> = if undone {
            ops.iter().rev().map(|op| Change::of(op, true)).collect()
        } else {
            ops.iter().map(|op| Change::of(op, false)).collect()
        };
        let Some(touched) = self.touch(&changes) else {
            return true;
        };
        let events = &schedule.events;
        let to = touched.to.min(events.len());
        let from = touched.from.min(to);
        let kept_order = self.in_order
            && (from.max(1)..(to + 1).min(events.len()))
                .all(|i| events[i - 1].start <= events[i].start);
        if touched.channel || !kept_order {
            return false;
        }
        self.longest = self.longest.max(longest(&events[from..to]));
        // No old or new event of the run ends later than this.
        let reach = events[from..to]
            .iter()
            .map(Event::end_or_start)
            .fold(touched.reach, Frames::max)
            + touched.shifted;
        if !self.check_run(schedule, from, to, touched.grew, reach) {
            return false;
        }
        if touched
            .ids_changed
            .iter()
            .any(|id| is_candidate(id, fixes::FILLER_ID))
        {
            self.refresh_filler_ids();
        }
        true
    }

    /// Counts the ids the changes add and remove, and finds the run of positions they touch.
    fn touch(&mut self, changes: &[Change<'_>]) -> Option<Touched> {
        let mut run: Option<(usize, usize)> = None;
        let mut grew = 0isize;
        let mut reach = Frames::new(i64::MIN);
        let mut shifted = Frames::ZERO;
        let mut channel = false;
        let mut ids_changed = Vec::new();
        let mut note = |changed: bool, id: &str| {
            if changed {
                ids_changed.push(id.to_owned());
            }
        };
        for change in changes {
            // Where the change is, how many positions it took out there and put in, and the
            // end of the positions it touched.
            let (at, taken, put, end) = match change {
                Change::Insert(index, event) => {
                    note(self.ids.add(event.id.as_str()), event.id.as_str());
                    reach = reach.max(event.end_or_start());
                    (*index, 0, 1, *index + 1)
                }
                Change::Remove(index, event) => {
                    note(self.ids.remove(event.id.as_str()), event.id.as_str());
                    reach = reach.max(event.end_or_start());
                    (*index, 1, 0, *index)
                }
                Change::Replace(index, before, after) => {
                    if before.id != after.id {
                        note(self.ids.remove(before.id.as_str()), before.id.as_str());
                        note(self.ids.add(after.id.as_str()), after.id.as_str());
                    }
                    reach = reach.max(before.end_or_start()).max(after.end_or_start());
                    (*index, 1, 1, *index + 1)
                }
                Change::Splice(index, removed, inserted) => {
                    // Counted in before out: an id that goes and comes back (the rules make
                    // their events again under the same ids) has not changed.
                    for event in *inserted {
                        note(self.ids.add(event.id.as_str()), event.id.as_str());
                        reach = reach.max(event.end_or_start());
                    }
                    for event in *removed {
                        note(self.ids.remove(event.id.as_str()), event.id.as_str());
                        reach = reach.max(event.end_or_start());
                    }
                    (
                        *index,
                        removed.len(),
                        inserted.len(),
                        *index + inserted.len(),
                    )
                }
                Change::Shift(range, delta) => {
                    shifted += Frames::new(delta.get().abs());
                    (range.start, 0, 0, range.end)
                }
                Change::Channel => {
                    channel = true;
                    continue;
                }
            };
            grew += put as isize - taken as isize;
            // Earlier positions after the positions taken out move with the change; those
            // among them end up at its start (a run's first) or at its end (a run's end).
            let moved = |p: usize, run_end: bool| {
                if p <= at {
                    p
                } else if p >= at + taken {
                    p + put - taken
                } else if run_end {
                    at + put
                } else {
                    at
                }
            };
            run = Some(match run {
                None => (at, end),
                Some((from, to)) => (moved(from, false).min(at), moved(to, true).max(end)),
            });
        }
        if channel {
            return Some(Touched {
                from: 0,
                to: 0,
                grew,
                reach,
                shifted,
                channel,
                ids_changed,
            });
        }
        let (from, to) = run?;
        Some(Touched {
            from,
            to,
            grew,
            reach,
            shifted,
            channel,
            ids_changed,
        })
    }

    /// Checks positions `from..to` again and the sweep on past them until it is back in step;
    /// keeps the rest. `false` when the sweep's state before `from` cannot be rebuilt.
    fn check_run(
        &mut self,
        schedule: &Schedule,
        from: usize,
        to: usize,
        grew: isize,
        reach: Frames,
    ) -> bool {
        let Some(mut sweep) = Sweep::before(schedule, from, self.longest) else {
            return false;
        };
        let events = &schedule.events;
        let clock = OnAir::new(schedule);
        let ctx = Ctx {
            schedule,
            clock: &clock,
            ids: &self.ids,
        };
        let mut fresh = Vec::new();
        let mut in_step_after = None;
        for (index, event) in events.iter().enumerate().skip(from) {
            // Past the run, an event that starts after everything old and new has ended puts
            // both sweeps in the same state once it is taken.
            let settles = index >= to
                && event.duration.is_some_and(Frames::is_positive)
                && event.start >= reach
                && sweep.is_clear_at(event.start);
            check_event(schedule, &clock, index, event, &mut fresh);
            if takes_air(event) {
                sweep.step(&ctx, index, &mut fresh);
            }
            if settles {
                in_step_after = Some(index);
                break;
            }
        }
        if in_step_after.is_none() {
            sweep.finish(&ctx, &mut fresh);
        }
        if self.ids.has_duplicates() {
            check_ids(schedule, &mut fresh);
        }

        let old_len = (events.len() as isize - grew) as usize;
        // Old diagnostics from positions up to here are replaced by the fresh ones.
        let replaced_to = in_step_after.map_or(usize::MAX, |p| (p as isize - grew) as usize);
        let old = std::mem::take(&mut self.diagnostics);
        let mut kept: Vec<Diagnostic> = old
            .into_iter()
            .filter(|d| d.code != Code::DuplicateId)
            .filter_map(|mut d| {
                let at = found_at(&d, old_len);
                if at < from {
                    Some(d)
                } else if at > replaced_to {
                    move_positions(&mut d, grew);
                    Some(d)
                } else {
                    None
                }
            })
            .collect();
        kept.append(&mut fresh);
        sort(&mut kept);
        self.diagnostics = kept;
        true
    }

    /// Gives every gap's filler fix the id a full check would give it now.
    fn refresh_filler_ids(&mut self) {
        let id = self.ids.unused(fixes::FILLER_ID);
        for d in &mut self.diagnostics {
            if d.code != Code::Gap {
                continue;
            }
            for fix in &mut d.fixes {
                if let Edit::Insert { event, .. } = &mut fix.edit {
                    event.id = id.clone();
                }
            }
        }
    }
}

/// The longest known length among `events`.
fn longest(events: &[Event]) -> Frames {
    events
        .iter()
        .filter_map(|e| e.duration)
        .fold(Frames::ZERO, Frames::max)
}

/// The position whose check reported `d`: its event's, or for dead air at the window's end
/// (whose fix inserts at the end), the end.
fn found_at(d: &Diagnostic, len: usize) -> usize {
    let at_end = d.code == Code::Gap
        && matches!(
            d.fixes.first(),
            Some(Fix { edit: Edit::Insert { index, .. }, .. }) if *index == len
        );
    if at_end {
        len
    } else {
        d.index.unwrap_or(len)
    }
}

/// Moves every position `d` names by `by`.
fn move_positions(d: &mut Diagnostic, by: isize) {
    let shift = |p: &mut usize| *p = (*p as isize + by) as usize;
    if let Some(index) = &mut d.index {
        shift(index);
    }
    for fix in &mut d.fixes {
        move_edit(&mut fix.edit, &shift);
    }
}

fn move_edit(edit: &mut Edit, shift: &impl Fn(&mut usize)) {
    match edit {
        Edit::Insert { index, .. }
        | Edit::Delete { index, .. }
        | Edit::Move { index, .. }
        | Edit::Trim { index, .. }
        | Edit::SetStartMode { index, .. }
        | Edit::Replace { index, .. }
        | Edit::Splice { index, .. } => shift(index),
        Edit::Reorder { indices, to } => {
            indices.iter_mut().for_each(shift);
            shift(to);
        }
        Edit::DeleteEvents { indices, .. } => indices.iter_mut().for_each(shift),
        Edit::Batch { edits, .. } => edits.iter_mut().for_each(|e| move_edit(e, shift)),
        Edit::SetChannel { .. } | Edit::CopyDay { .. } => {}
    }
}

#[cfg(test)]
pub(super) mod tests;
