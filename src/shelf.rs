//! The library as the page holds it: playlists whole, and each closed schedule as its head (the
//! schedule without its events) with what its library row shows. A closed schedule's events
//! stay in storage until it is opened or exported, so the page's memory holds the schedule in
//! view, not the whole library.

use scheduleflow_engine::model::{Library, Playlist, Schedule};
use scheduleflow_engine::pieces;
use scheduleflow_engine::summary::{Health, ScheduleSummary};

/// A closed schedule: everything but its events, and its library row as last known (its
/// health may be `Checking` until a check of its stored events has run).
#[derive(Debug, Clone, PartialEq)]
pub struct Shelved {
    /// The schedule without its events.
    pub head: Schedule,
    /// Its row: days, count and length as stored.
    pub row: ScheduleSummary,
}

impl Shelved {
    /// `schedule`'s head and unchecked row; its events are given back, to be freed where the
    /// caller chooses (a year of them is a task's worth of freeing).
    pub fn of(mut schedule: Schedule) -> (Shelved, Vec<scheduleflow_engine::model::Event>) {
        let row = ScheduleSummary::unchecked(&schedule);
        let events = std::mem::take(&mut schedule.events);
        (
            Shelved {
                head: schedule,
                row,
            },
            events,
        )
    }

    /// The head of a stored schedule whose events were not read, with the row storage kept
    /// for it (checked again when edits were logged after it: `current` is false), or one
    /// made from the head alone.
    pub fn stored(schedule: &Schedule, row: Option<ScheduleSummary>, current: bool) -> Shelved {
        let head = pieces::head(schedule);
        let row = match row {
            Some(row) if current => row,
            Some(row) => ScheduleSummary {
                health: Health::Checking,
                errors: 0,
                warnings: 0,
                ..row
            },
            None => ScheduleSummary::unchecked(&head),
        };
        Shelved { head, row }
    }

    pub fn id(&self) -> &str {
        &self.head.id
    }
}

/// The page's library: closed schedules as heads, playlists whole.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shelf {
    pub schedules: Vec<Shelved>,
    pub playlists: Vec<Playlist>,
}

impl Shelf {
    pub fn schedule(&self, id: &str) -> Option<&Shelved> {
        self.schedules.iter().find(|s| s.id() == id)
    }

    /// Puts schedules and playlists in the order the library lists them, as
    /// [`Library::sort`] does.
    pub fn sort(&mut self) {
        self.schedules
            .sort_by(|a, b| (a.head.name.as_str(), a.id()).cmp(&(b.head.name.as_str(), b.id())));
        self.playlists
            .sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    }

    /// Adds `library`'s schedules as heads and its playlists; the schedules' events are given
    /// back to be freed.
    pub fn add(&mut self, library: Library) -> Vec<Vec<scheduleflow_engine::model::Event>> {
        let mut events = Vec::new();
        for schedule in library.schedules {
            let (shelved, its) = Shelved::of(schedule);
            self.schedules.push(shelved);
            events.push(its);
        }
        self.playlists.extend(library.playlists);
        self.sort();
        events
    }

    /// Takes schedule `id` off the shelf.
    pub fn take(&mut self, id: &str) -> Option<Shelved> {
        let at = self.schedules.iter().position(|s| s.id() == id)?;
        Some(self.schedules.remove(at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::Timestamp;
    use scheduleflow_engine::generate::{sample_channel, schedule};
    use scheduleflow_engine::time::{FrameRate, Frames};

    fn named(id: &str, name: &str, events: usize) -> Schedule {
        let origin: Timestamp = "2026-03-02T06:00:00Z".parse().unwrap();
        let mut s = schedule(events, 3, sample_channel(FrameRate::FPS_25), origin);
        s.id = id.into();
        s.name = name.into();
        s
    }

    #[test]
    fn a_shelved_schedule_keeps_its_row_and_head_and_gives_its_events_back() {
        let full = named("a", "A", 12);
        let (shelved, events) = Shelved::of(full.clone());
        assert_eq!(events, full.events);
        assert_eq!(shelved.head, pieces::head(&full));
        assert_eq!(shelved.row, ScheduleSummary::unchecked(&full));
    }

    #[test]
    fn a_stored_row_is_kept_while_current_and_only_its_checks_go_when_edits_came_after_it() {
        let mut full = named("a", "A", 12);
        full.events[1].id = full.events[0].id.clone();
        // Half as long: a gap after it, a warning.
        full.events[3].duration = full.events[3].duration.map(|d| Frames(d.0 / 2));
        let row = ScheduleSummary::of(&full);
        assert_eq!(
            (row.health, row.errors > 0, row.warnings > 0),
            (Health::Errors, true, true)
        );
        let head = pieces::head(&full);
        let shelved = |row: ScheduleSummary| Shelved {
            head: head.clone(),
            row,
        };
        assert_eq!(
            Shelved::stored(&full, Some(row.clone()), true),
            shelved(row.clone())
        );
        // Edits logged after it: days, count and length as they were, the checks to run again.
        assert_eq!(
            Shelved::stored(&full, Some(row), false),
            shelved(ScheduleSummary::unchecked(&full))
        );
        assert_eq!(
            Shelved::stored(&full, None, true),
            shelved(ScheduleSummary::unchecked(&head))
        );
    }

    #[test]
    fn a_shelf_lists_schedules_by_name_then_id_as_the_library_does() {
        let mut library = Library {
            schedules: vec![
                named("b", "Same", 2),
                named("z", "Alpha", 2),
                named("a", "Same", 2),
            ],
            playlists: Vec::new(),
        };
        let mut shelf = Shelf::default();
        shelf.add(library.clone());
        library.sort();
        let ids: Vec<&str> = shelf.schedules.iter().map(Shelved::id).collect();
        let expected: Vec<&str> = library.schedules.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, expected);
        assert_eq!(
            shelf.take("a").map(|s| s.head),
            Some(pieces::head(&named("a", "Same", 2)))
        );
        assert_eq!(shelf.schedule("a"), None);
    }
}
