//! Copying one broadcast day's events onto other days.

use jiff::civil::Date;

use super::recorder::{sorted_position, Recorder};
use super::EditError;
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

/// Works out the copies. Each copy keeps its offset from the start of the broadcast day, so a
/// copy onto a 23- or 25-hour day keeps its distance from the day start, not its wall-clock time.
pub(super) fn plan(schedule: &Schedule, from: Date, to: &[Date]) -> Result<CopyPlan, EditError> {
    if to.contains(&from) {
        return Err(EditError::CopyOntoItself);
    }
    let (src_start, src_end) = day_range(schedule, from)?;
    let source: Vec<&Event> = schedule
        .events
        .iter()
        .filter(|e| e.start >= src_start && e.start < src_end)
        .collect();
    let mut taken: std::collections::HashSet<String> =
        schedule.events.iter().map(|e| e.id.0.clone()).collect();
    let mut targets = Vec::with_capacity(to.len());
    for day in to {
        let (start, end) = day_range(schedule, *day)?;
        let copies = source
            .iter()
            .map(|e| {
                let mut copy = (*e).clone();
                copy.start = e.start - src_start + start;
                let base = format!("{}@{day}", e.id);
                let mut id = base.clone();
                let mut n = 2;
                while taken.contains(&id) {
                    id = format!("{base}-{n}");
                    n += 1;
                }
                taken.insert(id.clone());
                copy.id.0 = id;
                copy
            })
            .collect();
        targets.push((start, end, copies));
    }
    Ok(CopyPlan { targets })
}

pub(super) fn record(rec: &mut Recorder<'_>, plan: CopyPlan) {
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
