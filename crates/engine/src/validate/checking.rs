//! Checking a whole schedule in steps: a million events are checked some thousands at a time,
//! so a page that must do the work itself can draw between steps. Run to its end, a check
//! gives exactly what [`validate`](super::validate) gives, with what [`Validated`] keeps; it is
//! how [`Validated::new`] checks too, so there is one whole-schedule path to trust.

use super::sweep::{self, Ctx, Sweep};
use super::{check_event, shared_id, sort, Diagnostic, Validated};
use crate::ids::{FastMap, IdCounts};
use crate::model::Schedule;
use crate::on_air::OnAir;
use crate::time::Frames;

/// A whole-schedule check under way. The schedule must not change between its steps (start
/// again after a change).
#[derive(Debug)]
pub struct Checking {
    stage: Stage,
    /// The next position (of the list, or of `order` in the sweep) to look at.
    next: usize,
    out: Vec<Diagnostic>,
    ids: IdCounts,
    /// The start and position of every event that takes air, for the sweep.
    order: Vec<(Frames, usize)>,
    in_order: bool,
    longest: Frames,
    /// For each id used more than once, the first event that uses it.
    first_use: FastMap<String, usize>,
    sweep: Sweep,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Each event on its own, counting ids and noting the sweep's keys.
    Events,
    /// Ids used more than once, in list order.
    SharedIds,
    /// Events among the others, in order of start.
    Sequence,
    Done,
}

impl Checking {
    pub fn new(schedule: &Schedule) -> Checking {
        let events = schedule.events.len();
        Checking {
            stage: Stage::Events,
            next: 0,
            out: Vec::new(),
            ids: IdCounts::with_capacity(events),
            order: Vec::with_capacity(events),
            in_order: true,
            longest: Frames::ZERO,
            first_use: FastMap::default(),
            sweep: Sweep::default(),
        }
    }

    /// Checks up to `budget` more events and returns the result once everything is checked;
    /// `None` while there is more to do. Call it until it gives the result, not after.
    pub fn step(&mut self, schedule: &Schedule, budget: usize) -> Option<Validated> {
        let clock = OnAir::new(schedule);
        let mut left = budget.max(1);
        while left > 0 {
            let done = match self.stage {
                Stage::Events => self.events(schedule, &clock, &mut left),
                Stage::SharedIds => self.shared_ids(schedule, &mut left),
                Stage::Sequence => self.sequence(schedule, &clock, &mut left),
                Stage::Done => break,
            };
            if done {
                self.stage = self.after_stage(schedule);
                self.next = 0;
            }
        }
        (self.stage == Stage::Done).then(|| self.result())
    }

    /// How far the check has come, in thousandths: the first half looks at each event on its
    /// own, the second at the ids used twice (if any) and the events among the others.
    pub fn permille(&self, schedule: &Schedule) -> u32 {
        let events = schedule.events.len().max(1) as u64;
        let next = self.next as u64;
        let shared = if self.ids.has_duplicates() { events } else { 0 };
        let sequence = self.order.len().max(1) as u64;
        let second = match self.stage {
            Stage::Events => return u32::try_from(next * 500 / events).unwrap_or(500),
            Stage::SharedIds => next,
            Stage::Sequence => shared + next * events / sequence,
            Stage::Done => return 1000,
        };
        u32::try_from(500 + second * 500 / (shared + events)).unwrap_or(1000)
    }

    fn after_stage(&mut self, schedule: &Schedule) -> Stage {
        match self.stage {
            Stage::Events if self.ids.has_duplicates() => Stage::SharedIds,
            Stage::Events | Stage::SharedIds => {
                // A schedule's list is nearly always in time order already; checking that
                // reads a compact array.
                if !self.order.is_sorted() {
                    self.order.sort_unstable();
                }
                if self.order.is_empty() {
                    self.finish_sweep(schedule);
                    return Stage::Done;
                }
                Stage::Sequence
            }
            Stage::Sequence | Stage::Done => Stage::Done,
        }
    }

    /// `true` when the stage is through.
    fn events(&mut self, schedule: &Schedule, clock: &OnAir<'_>, left: &mut usize) -> bool {
        let events = &schedule.events;
        let end = events.len().min(self.next.saturating_add(*left));
        for index in self.next..end {
            let event = &events[index];
            self.ids.add(event.id.as_str());
            check_event(schedule, clock, index, event, &mut self.out);
            if sweep::takes_air(event) {
                self.order.push((event.start, index));
            }
            if index > 0 && events[index - 1].start > event.start {
                self.in_order = false;
            }
            if let Some(length) = event.duration {
                self.longest = self.longest.max(length);
            }
        }
        *left -= end - self.next;
        self.next = end;
        end == events.len()
    }

    fn shared_ids(&mut self, schedule: &Schedule, left: &mut usize) -> bool {
        let events = &schedule.events;
        let end = events.len().min(self.next.saturating_add(*left));
        for (index, event) in events.iter().enumerate().take(end).skip(self.next) {
            let id = event.id.as_str();
            if self.ids.count(id) < 2 {
                continue;
            }
            match self.first_use.get(id) {
                None => {
                    self.first_use.insert(id.to_owned(), index);
                }
                Some(&first) => self.out.push(shared_id(schedule, &self.ids, index, first)),
            }
        }
        *left -= end - self.next;
        self.next = end;
        end == events.len()
    }

    fn sequence(&mut self, schedule: &Schedule, clock: &OnAir<'_>, left: &mut usize) -> bool {
        let end = self.order.len().min(self.next.saturating_add(*left));
        let ctx = Ctx {
            schedule,
            clock,
            ids: &self.ids,
        };
        for &(_, index) in &self.order[self.next..end] {
            self.sweep.step(&ctx, index, &mut self.out);
        }
        *left -= end - self.next;
        self.next = end;
        let through = end == self.order.len();
        if through {
            self.finish_sweep(schedule);
        }
        through
    }

    fn finish_sweep(&mut self, schedule: &Schedule) {
        let clock = OnAir::new(schedule);
        let ctx = Ctx {
            schedule,
            clock: &clock,
            ids: &self.ids,
        };
        std::mem::take(&mut self.sweep).finish(&ctx, &mut self.out);
    }

    /// What the check holds that is costly to free: the diagnostics found so far and the ids
    /// counted.
    pub(crate) fn into_parts(self) -> (Vec<Diagnostic>, IdCounts) {
        (self.out, self.ids)
    }

    fn result(&mut self) -> Validated {
        let mut diagnostics = std::mem::take(&mut self.out);
        sort(&mut diagnostics);
        Validated::from_parts(
            diagnostics,
            std::mem::take(&mut self.ids),
            self.in_order,
            self.longest,
        )
    }
}

#[cfg(test)]
mod tests;
