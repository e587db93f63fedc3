//! What the event table shows: one row of an event, timecodes formatted, and each event's
//! diagnostics. Computed here so the app only renders strings.

use serde::{Deserialize, Serialize};

use crate::model::{EventKind, Schedule, StartMode};
use crate::on_air::OnAir;
use crate::time::{Frames, Timecode};
use crate::validate::{Diagnostic, Severity};

/// One row of the event table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventRow {
    pub index: usize,
    pub id: String,
    pub start: String,
    pub end: String,
    pub duration: String,
    pub title: String,
    pub kind: EventKind,
    pub source: String,
    pub start_mode: StartMode,
}

/// The row for event `index`: start and end as the on-air clock of the schedule's first
/// broadcast day (`06:00:00:00`; after midnight `25:30:00:00`), the duration as timecode.
pub fn event_row(schedule: &Schedule, index: usize) -> Option<EventRow> {
    row_on(schedule, &OnAir::new(schedule), index)
}

/// The rows for the events in `indices`, with the on-air clock set up once for all of them
/// (the table asks for every visible row on each scroll).
pub fn event_rows(schedule: &Schedule, indices: std::ops::Range<usize>) -> Vec<EventRow> {
    let clock = OnAir::new(schedule);
    indices
        .filter_map(|i| row_on(schedule, &clock, i))
        .collect()
}

fn row_on(schedule: &Schedule, clock: &OnAir<'_>, index: usize) -> Option<EventRow> {
    let e = schedule.events.get(index)?;
    let tc = |f: Frames| Timecode::format_frames(f, schedule.rate());
    let on_air = |f: Frames| clock.at(f);
    Some(EventRow {
        index,
        id: e.id.to_string(),
        start: on_air(e.start),
        end: e.end().map(on_air).unwrap_or_else(|| "—".into()),
        duration: e.duration.map(tc).unwrap_or_else(|| "unknown".into()),
        title: e.title.clone(),
        kind: e.kind,
        source: e.source.clone().unwrap_or_default(),
        start_mode: e.start_mode,
    })
}

/// For each event at a position in `positions`, the worst severity among its diagnostics (for
/// the row's marker).
pub fn worst_by_event(
    diagnostics: &[Diagnostic],
    positions: std::ops::Range<usize>,
) -> Vec<Option<Severity>> {
    let mut worst = vec![None; positions.len()];
    for d in diagnostics {
        let slot = d
            .index
            .and_then(|i| i.checked_sub(positions.start))
            .and_then(|i| worst.get_mut(i));
        if let Some(slot) = slot {
            // Errors order before warnings.
            *slot = Some(slot.map_or(d.severity, |s: Severity| s.min(d.severity)));
        }
    }
    worst
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{sample_channel, schedule};
    use crate::time::FrameRate;
    use crate::validate::validate;

    #[test]
    fn rows_show_the_on_air_clock_and_mark_the_worst_problem() {
        let origin = "2026-01-01T05:00:00Z".parse().unwrap();
        let mut s = schedule(5, 3, sample_channel(FrameRate::FPS_29_97_DF), origin);
        s.events[2].start = s.events[1].start; // overlaps event 1
        s.events[4].duration = None;
        let row = event_row(&s, 0).unwrap();
        // 05:00 UTC is 06:00 in Berlin in January: the day start, on the on-air clock.
        assert_eq!(row.start, "06:00:00;00");
        assert!(row.duration.contains(';'));
        assert_eq!(event_row(&s, 4).unwrap().duration, "unknown");
        assert!(event_row(&s, 5).is_none());
        let worst = worst_by_event(&validate(&s), 0..s.events.len());
        assert_eq!(worst[2], Some(Severity::Error));
        assert_eq!(worst[4], Some(Severity::Warning));
        let (all, tail) = (
            worst_by_event(&validate(&s), 0..s.events.len()),
            worst_by_event(&validate(&s), 2..5),
        );
        assert_eq!(tail, all[2..5].to_vec());
        assert_eq!(worst[0], None);
    }

    #[test]
    fn after_midnight_the_on_air_clock_counts_on_past_24() {
        let s = &crate::sample::sample_library(jiff::civil::date(2026, 11, 29)).schedules[0];
        let row = |title: &str| {
            let i = s.events.iter().position(|e| e.title == title).unwrap();
            event_row(s, i).unwrap()
        };
        assert_eq!(row("Breakfast Show").start, "06:30:00:00");
        assert_eq!(row("Night Loop").start, "25:20:00:00");
        assert_eq!(row("Night Loop").duration, "04:38:50:00");
    }
}
