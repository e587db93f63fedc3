//! Copying one broadcast day's events onto other days.

use std::hash::BuildHasher;

use jiff::civil::Date;

use super::recorder::{sorted_position, Recorder};
use super::{Edit, EditError};
use crate::ids::{FastMap, FastSet};
use crate::model::{Event, Schedule};
use crate::time::{Frames, Rounding};

/// What a copy will do, worked out before anything changes.
pub(super) struct CopyPlan {
    /// Per target day: the frame range to clear, and the copies to put there.
    targets: Vec<(Frames, Frames, Vec<Event>)>,
}

fn day_range(schedule: &Schedule, day: Date) -> Result<(Frames, Frames), EditError> {
    let channel = &schedule.channel;
    let (start, end) = channel.day_bounds(day)?;
    let at = |instant| {
        channel
            .frames_between(schedule.origin, instant, Rounding::Nearest)
            .map(|r| r.value)
    };
    Ok((at(start)?, at(end)?))
}

/// Works out the copies in one go (see [`CopyDayWork`]).
pub(super) fn plan(schedule: &Schedule, from: Date, to: &[Date]) -> Result<CopyPlan, EditError> {
    let mut work = CopyDayWork::new(schedule, from, to.to_vec())?;
    work.work_some(schedule, usize::MAX)?;
    Ok(CopyPlan {
        targets: work.targets,
    })
}

/// "Copy this day" worked out a piece at a time, for a page that must not stall: at 50,000
/// events onto every other day the work-out alone took 70–80 ms natively. Each piece counts
/// the schedule's ids or makes the copies for a few days; [`CopyDayWork::edit`] then gives the
/// copy as one splice whose events a session can copy ahead in pieces too.
///
/// Each copy keeps its offset from the start of the broadcast day, so a copy onto a 23- or
/// 25-hour day keeps its distance from the day start, not its wall-clock time. The schedule
/// must not change between pieces: the caller starts again if it does.
#[derive(Debug)]
pub struct CopyDayWork {
    from: Date,
    to: Vec<Date>,
    src_start: Frames,
    source: Vec<Event>,
    hasher: foldhash::fast::RandomState,
    /// The schedule's ids by hash, each with the position of an event that has it. Hashes,
    /// not borrowed ids, so the work outlives each borrow of the schedule.
    existing: FastMap<u64, u32>,
    /// How many of the schedule's events `existing` has counted.
    counted: usize,
    made: FastSet<String>,
    /// Per target day worked out: the frame range to clear, and the copies to put there.
    targets: Vec<(Frames, Frames, Vec<Event>)>,
}

impl CopyDayWork {
    /// Starts copying broadcast day `from` of `schedule` onto the days `to`.
    pub fn new(schedule: &Schedule, from: Date, to: Vec<Date>) -> Result<CopyDayWork, EditError> {
        if to.contains(&from) {
            return Err(EditError::CopyOntoItself);
        }
        let (src_start, src_end) = day_range(schedule, from)?;
        let source = schedule
            .events
            .iter()
            .filter(|e| e.start >= src_start && e.start < src_end)
            .cloned()
            .collect::<Vec<_>>();
        // The copies alone can be more than undo holds: say so before any work is done.
        let copies = source.len().saturating_mul(to.len());
        if copies > super::UNDO_EVENTS {
            return Err(EditError::TooBigToUndo {
                events: copies,
                limit: super::UNDO_EVENTS,
            });
        }
        Ok(CopyDayWork {
            from,
            src_start,
            source,
            hasher: Default::default(),
            existing: FastMap::with_capacity_and_hasher(schedule.events.len(), Default::default()),
            counted: 0,
            made: FastSet::default(),
            targets: Vec::with_capacity(to.len()),
            to,
        })
    }

    /// Does about `budget` more events' worth of the work (ids counted, copies made), at
    /// least one day's copies once the ids are counted; `true` once all is worked out.
    pub fn work_some(&mut self, schedule: &Schedule, budget: usize) -> Result<bool, EditError> {
        let events = &schedule.events;
        let mut left = budget.max(1);
        let end = self.counted.saturating_add(left).min(events.len());
        for (at, event) in events.iter().enumerate().take(end).skip(self.counted) {
            let hash = self.hasher.hash_one(event.id.as_str());
            // Positions fit: a schedule is refused long before 4 billion events.
            self.existing.entry(hash).or_insert(at as u32);
        }
        // While ids are left to count, counting uses up the budget: no copy is made before
        // every id is counted.
        left = left.saturating_sub(end.saturating_sub(self.counted));
        self.counted = self.counted.max(end);
        while let Some(day) = self.to.get(self.targets.len()).copied() {
            if left == 0 {
                return Ok(false);
            }
            let (start, end) = day_range(schedule, day)?;
            let mut copies = Vec::with_capacity(self.source.len());
            for e in &self.source {
                let mut copy = e.clone();
                copy.start = e.start - self.src_start + start;
                let base = format!("{}@{day}", e.id);
                let id = if self.taken(events, &base) {
                    (2..)
                        .map(|n| format!("{base}-{n}"))
                        .find(|id| !self.taken(events, id))
                        .unwrap_or(base)
                } else {
                    base
                };
                self.made.insert(id.clone());
                copy.id.0 = id;
                copies.push(copy);
            }
            self.targets.push((start, end, copies));
            left = left.saturating_sub(self.source.len().max(1));
        }
        Ok(true)
    }

    /// Whether an event of the schedule, or a copy made, has `id`.
    fn taken(&self, events: &[Event], id: &str) -> bool {
        if self.made.contains(id) {
            return true;
        }
        match self.existing.get(&self.hasher.hash_one(id)) {
            None => false,
            Some(&at) if events.get(at as usize).is_some_and(|e| e.id.as_str() == id) => true,
            // Another id with the same 64-bit hash: look it up the slow way.
            Some(_) => events.iter().any(|e| e.id.as_str() == id),
        }
    }

    /// The copy as one edit, once [`Self::work_some`] has said it is all worked out: on a
    /// schedule in time order one splice under the copy's label, whose events a session can
    /// copy ahead; otherwise the copy itself, applied op by op.
    pub fn edit(self, schedule: &Schedule) -> Edit {
        let label = copy_label(self.from, self.to.len());
        let worked_out = self.targets.len() == self.to.len();
        let whole = Edit::CopyDay {
            from: self.from,
            to: self.to,
        };
        if !worked_out || !in_order(schedule, &self.targets) {
            return whole;
        }
        match one_splice(&schedule.events, self.targets) {
            Some((index, count, events)) => Edit::Batch {
                label,
                edits: vec![Edit::Splice {
                    index,
                    count,
                    events: events.into(),
                }],
            },
            None => whole,
        }
    }
}

/// What undo menus call a copy of `from` onto `days` days.
pub(super) fn copy_label(from: Date, days: usize) -> String {
    format!("Copy {from} to {days} day(s)")
}

/// Whether the copy can be one splice: the schedule in time order, the days in order.
fn in_order(schedule: &Schedule, targets: &[(Frames, Frames, Vec<Event>)]) -> bool {
    schedule.events.windows(2).all(|w| w[0].start <= w[1].start)
        && targets.windows(2).all(|w| w[0].1 <= w[1].0)
}

/// Records the copy. On a schedule in time order with the days in order (what the app sends)
/// it is one splice, worked out in one pass; otherwise an op per event removed and inserted,
/// each moving the events after it (a copy onto every day of a year took minutes that way).
pub(super) fn record(rec: &mut Recorder<'_>, plan: CopyPlan) {
    if in_order(rec.schedule, &plan.targets) {
        if let Some((index, count, events)) = one_splice(&rec.schedule.events, plan.targets) {
            rec.splice(index, count, &events.into());
        }
    } else {
        record_each(rec, plan);
    }
}

/// The copy as one splice of `events` (in time order; the targets in order, not overlapping):
/// its index, the count it replaces and the events it puts there; `None` if nothing changes.
///
/// What it gives is what [`record_each`] gives: an event survives unless its start falls in a
/// day copied onto later (a copy onto a 23-hour day runs into the next, which a copy onto that
/// day then clears), and every event goes in at its time after those starting at the same
/// frame before it, so the result is a stable sort of the old events that survive followed by
/// the copies that do.
fn one_splice(
    events: &[Event],
    targets: Vec<(Frames, Frames, Vec<Event>)>,
) -> Option<(usize, usize, Vec<Event>)> {
    let days: Vec<(Frames, Frames)> = targets.iter().map(|(s, e, _)| (*s, *e)).collect();
    let first = days.first()?.0;
    // Which target days an event starting at `start` falls in: the first one at or after
    // `after`, if any.
    let cleared_from = |start: Frames, after: usize| {
        let i = after + days[after..].partition_point(|(_, end)| *end <= start);
        days.get(i).is_some_and(|(s, _)| *s <= start)
    };
    // The copies are moved on, not copied again, into a list made once at its full size
    // (grown by doubling, a week of 50,000 events' copies was moved four times more).
    let mut copies = Vec::with_capacity(targets.iter().map(|(_, _, made)| made.len()).sum());
    for (i, (_, _, made)) in targets.into_iter().enumerate() {
        copies.extend(made.into_iter().filter(|c| !cleared_from(c.start, i + 1)));
    }
    // Ascending already unless a day's copies run past the next day's (not on real zones).
    if !copies.is_sorted_by_key(|c| c.start) {
        copies.sort_by_key(|c| c.start);
    }
    let last = days
        .last()
        .map(|(_, end)| *end - Frames(1))
        .into_iter()
        .chain(copies.last().map(|c| c.start))
        .max()?;
    let index = events.partition_point(|e| e.start < first);
    let end = events.partition_point(|e| e.start <= last);
    let mut kept = events[index..end]
        .iter()
        .filter(|e| !cleared_from(e.start, 0))
        .cloned()
        .peekable();
    if kept.peek().is_none() {
        return Some((index, end - index, copies));
    }
    let mut replaced = Vec::with_capacity(end - index + copies.len());
    let mut copies = copies.into_iter().peekable();
    for event in kept {
        while let Some(copy) = copies.next_if(|c| c.start < event.start) {
            replaced.push(copy);
        }
        replaced.push(event);
    }
    replaced.extend(copies);
    Some((index, end - index, replaced))
}

/// Records the copy an op per event, each seeing what the one before left.
fn record_each(rec: &mut Recorder<'_>, plan: CopyPlan) {
    for (start, end, copies) in plan.targets {
        // Remove from the back so earlier indices stay valid.
        let doomed: Vec<usize> = rec
            .schedule
            .events
            .iter()
            .enumerate()
            .filter(|(_, e)| e.start >= start && e.start < end)
            .map(|(i, _)| i)
            .collect();
        for index in doomed.into_iter().rev() {
            rec.remove(index);
        }
        for copy in copies {
            let at = sorted_position(rec.schedule, copy.start);
            rec.insert(at, copy);
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use proptest::sample::Index;

    use super::*;
    use crate::edit::tests::sample;
    use crate::edit::{Op, Transaction};
    use crate::on_air::OnAir;

    /// `s` after the copy, and the ops it took: by the path `record` chooses, or op by op.
    fn copied(s: &Schedule, from: Date, to: &[Date], each: bool) -> (Schedule, usize) {
        let mut after = s.clone();
        let plan = plan(s, from, to).unwrap();
        let mut runs = crate::edit::Runs::default();
        let mut rec = Recorder::new(&mut after, &mut runs);
        if each {
            record_each(&mut rec, plan);
        } else {
            record(&mut rec, plan);
        }
        let ops = rec.finish(String::new()).ops.len();
        (after, ops)
    }

    /// A day of 26 March to 4 April 2026 (a 23-hour day among them) and the days picked to copy
    /// it onto.
    fn from_and_onto(from: Index, onto: &[bool]) -> (Date, Vec<Date>) {
        let first = jiff::civil::date(2026, 3, 26);
        let days: Vec<Date> = (0..10).map(|n| first + jiff::Span::new().days(n)).collect();
        let from = days[from.index(days.len())];
        let to = days
            .iter()
            .zip(onto.iter().cycle())
            .filter(|(d, pick)| **pick && **d != from)
            .map(|(d, _)| *d)
            .collect();
        (from, to)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Over days of 23 and 24 hours (the clocks go forward on 29 March), events starting at
        /// the same frame, source days with and without events, and days before and after the
        /// schedule.
        #[test]
        fn one_splice_gives_what_an_op_per_event_gives(
            size in 0usize..700,
            ties in proptest::collection::vec(any::<Index>(), 0..20),
            from in any::<Index>(),
            onto in proptest::collection::vec(any::<bool>(), 1..12),
        ) {
            let mut s = sample(size);
            for tie in &ties {
                if let Some(i) = (!s.events.is_empty()).then(|| tie.index(s.events.len())).filter(|i| *i > 0) {
                    s.events[i].start = s.events[i - 1].start;
                }
            }
            let (from, to) = from_and_onto(from, &onto);
            let (spliced, ops) = copied(&s, from, &to, false);
            let (each, _) = copied(&s, from, &to, true);
            prop_assert_eq!(&spliced, &each);
            prop_assert!(ops <= 1, "one splice, or nothing when nothing changes: {ops} ops");
        }
    }

    /// A one-second event titled by its id.
    fn event(id: &str, start: Frames) -> Event {
        Event::new(id, start, Frames(25), id, Default::default())
    }

    /// Where the broadcast days of 27, 28 (23 hours long) and 29 March start.
    fn starts_27_to_29(s: &Schedule) -> (Frames, Frames, Frames) {
        let at = |d| day_range(s, jiff::civil::date(2026, 3, d)).unwrap().0;
        (at(27), at(28), at(29))
    }

    #[test]
    fn a_copy_running_into_the_next_day_goes_after_an_event_there_at_the_same_frame() {
        let mut s = sample(0);
        let (d27, d28, d29) = starts_27_to_29(&s);
        // 28 March lasts 23 hours: what starts 23h10m into the 27th is copied 10 minutes into
        // the 29th, where "b" already starts.
        let ten_past_eleven = Frames(25 * 60 * (23 * 60 + 10));
        assert_eq!(d28 + ten_past_eleven, d29 + Frames(25 * 60 * 10));
        s.events = vec![
            event("a", d27 + ten_past_eleven),
            event("b", d28 + ten_past_eleven),
        ];
        s.length = d29 + Frames(25 * 3600);
        let to = [jiff::civil::date(2026, 3, 28)];
        let (after, ops) = copied(&s, jiff::civil::date(2026, 3, 27), &to, false);
        let ids: Vec<&str> = after.events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "a@2026-03-28"]);
        assert_eq!(ops, 1);
        assert_eq!(
            after,
            copied(&s, jiff::civil::date(2026, 3, 27), &to, true).0
        );
    }

    #[test]
    fn copies_of_events_sharing_an_id_are_numbered_apart_from_each_other_and_the_schedule() {
        let mut s = sample(0);
        let (d27, d28, d29) = starts_27_to_29(&s);
        let hour = Frames(25 * 3600);
        // Two events of the 27th share "a"; the 28th already has the first copy's name.
        s.events = vec![
            event("a", d27 + hour),
            event("a", d27 + hour + hour),
            event("a@2026-03-28-2", d29),
        ];
        s.length = d29 + hour;
        let (after, _) = copied(
            &s,
            jiff::civil::date(2026, 3, 27),
            &[jiff::civil::date(2026, 3, 28)],
            false,
        );
        let placed: Vec<(&str, Frames)> = after
            .events
            .iter()
            .map(|e| (e.id.as_str(), e.start))
            .collect();
        assert_eq!(
            placed,
            [
                ("a", d27 + hour),
                ("a", d27 + hour + hour),
                ("a@2026-03-28", d28 + hour),
                ("a@2026-03-28-3", d28 + hour + hour),
                ("a@2026-03-28-2", d29),
            ]
        );
    }

    #[test]
    fn the_splice_takes_the_copied_day_and_nothing_after_it() {
        let mut s = sample(0);
        let (d27, d28, d29) = starts_27_to_29(&s);
        let hour = Frames(25 * 3600);
        // "next" starts the moment the 28th ends.
        s.events = vec![
            event("a", d27 + hour),
            event("t", d28 + hour),
            event("next", d29),
        ];
        s.length = d29 + hour;
        let plan = plan(
            &s,
            jiff::civil::date(2026, 3, 27),
            &[jiff::civil::date(2026, 3, 28)],
        )
        .unwrap();
        let mut after = s.clone();
        let mut runs = crate::edit::Runs::default();
        let mut rec = Recorder::new(&mut after, &mut runs);
        record(&mut rec, plan);
        let ops = rec.finish(String::new()).ops;
        let [Op::Splice {
            index,
            removed,
            inserted,
        }] = ops.as_slice()
        else {
            panic!("one splice: {ops:?}");
        };
        let ids = |events: &[Event]| events.iter().map(|e| e.id.0.clone()).collect::<Vec<_>>();
        assert_eq!(
            (*index, ids(removed), ids(inserted)),
            (1, vec!["t".to_owned()], vec!["a@2026-03-28".to_owned()])
        );
    }

    #[test]
    fn days_out_of_order_or_a_list_out_of_time_order_are_copied_op_by_op() {
        let s = sample(600);
        let clock = OnAir::new(&s);
        let day = |i: usize| clock.day_of(s.events[i].start).unwrap();
        let (from, later, latest) = (day(0), day(300), day(599));
        assert!(from < later && later < latest);
        let backwards = [latest, later];
        let (after, ops) = copied(&s, from, &backwards, false);
        assert_eq!(after, copied(&s, from, &backwards, true).0);
        assert!(ops > 1);
        let mut unordered = s.clone();
        unordered.events.swap(10, 11);
        let (after, ops) = copied(&unordered, from, &[later], false);
        assert_eq!(after, copied(&unordered, from, &[later], true).0);
        assert!(ops > 1);
    }

    /// The copy worked out in pieces of `budget`, then applied as the edit it gives.
    fn in_pieces(
        s: &Schedule,
        from: Date,
        to: &[Date],
        budget: usize,
    ) -> (Schedule, Transaction, usize) {
        let mut work = CopyDayWork::new(s, from, to.to_vec()).unwrap();
        let mut pieces = 1;
        while !work.work_some(s, budget).unwrap() {
            pieces += 1;
        }
        let edit = work.edit(s);
        let mut after = s.clone();
        let tx = crate::edit::apply(&mut after, &edit).unwrap();
        (after, tx, pieces)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(100))]

        /// Whatever the piece size, the work gives the very change `Edit::CopyDay` makes: the
        /// same schedule after, and the same record (label and splice) to undo it by.
        #[test]
        fn worked_out_in_pieces_the_copy_is_the_one_copy_day_makes(
            size in 0usize..400,
            budget in 1usize..300,
            from in any::<Index>(),
            onto in proptest::collection::vec(any::<bool>(), 1..12),
        ) {
            let s = sample(size);
            let (from, to) = from_and_onto(from, &onto);
            prop_assume!(!to.is_empty());
            let mut whole = s.clone();
            let tx = crate::edit::apply(&mut whole, &Edit::CopyDay { from, to: to.clone() }).unwrap();
            let (after, pieced_tx, pieces) = in_pieces(&s, from, &to, budget);
            prop_assert_eq!(&after, &whole);
            prop_assert_eq!(&pieced_tx, &tx);
            // Counting the ids alone takes a piece per `budget` events.
            prop_assert!(pieces > s.events.len() / budget);
        }
    }

    #[test]
    fn the_work_gives_the_copy_itself_where_it_cannot_be_one_splice() {
        let s = sample(600);
        let clock = OnAir::new(&s);
        let day = |i: usize| clock.day_of(s.events[i].start).unwrap();
        let backwards = vec![day(599), day(300)];
        let mut work = CopyDayWork::new(&s, day(0), backwards.clone()).unwrap();
        assert!(work.work_some(&s, usize::MAX).unwrap());
        assert_eq!(
            work.edit(&s),
            Edit::CopyDay {
                from: day(0),
                to: backwards
            }
        );
    }

    #[test]
    fn counting_the_ids_and_making_the_copies_share_one_budget() {
        let s = sample(600);
        let clock = OnAir::new(&s);
        let day = |i: usize| clock.day_of(s.events[i].start).unwrap();
        let (from, to) = (day(0), vec![day(300), day(599)]);
        let per_day = s
            .events
            .iter()
            .filter(|e| clock.day_of(e.start) == Some(from))
            .count();
        assert!(per_day > 0 && 2 * per_day + 1 < s.events.len(), "{per_day}");
        // Enough for every id and both days' copies: done in one piece.
        let mut work = CopyDayWork::new(&s, from, to.clone()).unwrap();
        assert!(work.work_some(&s, s.events.len() + 2 * per_day).unwrap());
        // Every id and one day's copies: a second piece for the other day.
        let mut work = CopyDayWork::new(&s, from, to).unwrap();
        assert!(!work.work_some(&s, s.events.len() + per_day).unwrap());
        assert_eq!(work.targets.len(), 1);
        assert!(work.work_some(&s, 1).unwrap());
    }

    #[test]
    fn finished_work_on_a_list_in_order_gives_one_splice_under_the_copys_label() {
        let s = sample(600);
        let clock = OnAir::new(&s);
        let day = |i: usize| clock.day_of(s.events[i].start).unwrap();
        let (from, to) = (day(0), vec![day(300), day(599)]);
        let mut work = CopyDayWork::new(&s, from, to.clone()).unwrap();
        assert!(work.work_some(&s, usize::MAX).unwrap());
        let Edit::Batch { label, edits } = work.edit(&s) else {
            panic!("a batch");
        };
        assert_eq!(
            label,
            Edit::CopyDay {
                from,
                to: to.clone()
            }
            .label()
        );
        assert!(
            matches!(edits.as_slice(), [Edit::Splice { .. }]),
            "{edits:?}"
        );

        // Half done (one day's copies of two): the copy itself.
        let per_day = s
            .events
            .iter()
            .filter(|e| clock.day_of(e.start) == Some(from))
            .count();
        let mut work = CopyDayWork::new(&s, from, to.clone()).unwrap();
        assert!(!work.work_some(&s, s.events.len() + per_day).unwrap());
        assert_eq!(work.edit(&s), Edit::CopyDay { from, to });
    }

    #[test]
    fn an_unfinished_work_gives_the_copy_itself() {
        let s = sample(600);
        let clock = OnAir::new(&s);
        let day = |i: usize| clock.day_of(s.events[i].start).unwrap();
        let mut work = CopyDayWork::new(&s, day(0), vec![day(300)]).unwrap();
        assert!(!work.work_some(&s, 10).unwrap());
        assert_eq!(
            work.edit(&s),
            Edit::CopyDay {
                from: day(0),
                to: vec![day(300)]
            }
        );
    }

    #[test]
    fn a_copy_onto_its_own_day_is_refused_before_any_work() {
        let s = sample(10);
        let from = OnAir::new(&s).day_of(s.events[0].start).unwrap();
        assert_eq!(
            CopyDayWork::new(&s, from, vec![from]).unwrap_err(),
            EditError::CopyOntoItself
        );
    }

    #[test]
    fn a_copy_making_more_copies_than_undo_holds_is_refused_before_any_work() {
        let s = sample(600);
        let clock = OnAir::new(&s);
        let from = clock.day_of(s.events[0].start).unwrap();
        let per_day = s
            .events
            .iter()
            .filter(|e| clock.day_of(e.start) == Some(from))
            .count();
        let days = |n: usize| -> Vec<Date> {
            (1..=n as i64)
                .map(|i| from.checked_add(jiff::Span::new().days(i)).unwrap())
                .collect()
        };
        let most = crate::edit::UNDO_EVENTS / per_day;
        assert!(CopyDayWork::new(&s, from, days(most)).is_ok());
        assert_eq!(
            CopyDayWork::new(&s, from, days(most + 1)).unwrap_err(),
            EditError::TooBigToUndo {
                events: per_day * (most + 1),
                limit: crate::edit::UNDO_EVENTS
            }
        );
    }

    #[test]
    fn an_id_whose_hash_another_id_has_is_still_found_exactly() {
        let mut s = sample(0);
        let (d27, d28, _) = starts_27_to_29(&s);
        s.events = vec![event("a", d27), event("b", d28)];
        let mut work = CopyDayWork::new(&s, jiff::civil::date(2026, 3, 27), vec![]).unwrap();
        assert!(work.work_some(&s, usize::MAX).unwrap());
        // As if "b" hashed to the same value as "a": its entry points at "a".
        let hash_b = work.hasher.hash_one("b");
        work.existing.insert(hash_b, 0);
        assert!(work.taken(&s.events, "b"));
        assert!(work.taken(&s.events, "a"));
        assert!(!work.taken(&s.events, "c"));
        // As if "c", which no event has, hashed to the same value as "a".
        let hash_c = work.hasher.hash_one("c");
        work.existing.insert(hash_c, 0);
        assert!(!work.taken(&s.events, "c"));
        assert!(work.taken(&s.events, "a"));
    }
}
