//! "Copy this day to every other day": the copies worked out a piece at a time between frames,
//! then taken as one undoable step in a task of its own, as "Apply to dates" is. At 50,000
//! events the copy held the page for a few hundred milliseconds as one edit.

use jiff::civil::Date;
use leptos::prelude::*;

use super::AppState;

impl AppState {
    /// Copies broadcast day `from` of the open schedule onto the days `to`, replacing what
    /// they hold (the desk works the copy out between frames); the status line says what it
    /// did, or why nothing was done.
    pub fn copy_day(self, from: Date, to: Vec<Date>) {
        if self.copying.get_untracked() {
            return self.notice.set(Some(
                "A day is still being copied; copy again when it is done.".into(),
            ));
        }
        let days = to.len();
        self.notice
            .set(Some(format!("Copying {from} to {days} day(s)…")));
        self.copying.set(true);
        // A change made before the copy is ready drops it.
        self.port()
            .send(crate::desk::Request::CopyDay { from, to }, move |reply| {
                let _ = self.shown(reply);
                self.copying.set(false);
            });
    }
}

#[cfg(test)]
mod tests {
    use futures::executor::block_on;
    use jiff::Timestamp;
    use scheduleflow_engine::edit::{apply, Edit};
    use scheduleflow_engine::generate::{sample_channel, schedule};
    use scheduleflow_engine::model::{Library, Schedule};
    use scheduleflow_engine::on_air::OnAir;
    use scheduleflow_engine::time::{FrameRate, Frames};

    use super::*;
    use crate::state::memory::{settle, MemoryStore};
    use crate::state::ports::Store;
    use crate::state::tests::tab;

    /// About a week of events, stored, with its broadcast days in order.
    fn week() -> (MemoryStore, Schedule, Vec<Date>) {
        let origin: Timestamp = "2026-03-02T06:00:00Z".parse().unwrap();
        let mut s = schedule(3_000, 7, sample_channel(FrameRate::FPS_25), origin);
        s.id = "week".into();
        s.name = "Week".into();
        let clock = OnAir::new(&s);
        let mut days: Vec<Date> = s
            .events
            .iter()
            .filter_map(|e| clock.day_of(e.start))
            .collect();
        days.dedup();
        assert!(days.len() > 3, "{days:?}");
        let store = MemoryStore::default();
        let library = Library {
            schedules: vec![s.clone()],
            playlists: Vec::new(),
        };
        block_on(store.insert(library)).unwrap();
        (store, s, days)
    }

    #[test]
    fn a_day_copied_in_pieces_is_the_copy_edit_as_one_undoable_stored_step() {
        let (store, s, days) = week();
        let tab = tab(&store);
        tab.open("week".into());
        settle();
        let (from, to) = (days[1], vec![days[0], days[2], days[3]]);
        tab.copy_day(from, to.clone());
        settle();
        let mut expected = s.clone();
        apply(&mut expected, &Edit::CopyDay { from, to }).unwrap();
        let (schedule, history) = tab
            .with_session(|s| (s.schedule().clone(), s.history().clone()))
            .unwrap();
        assert_eq!(schedule, expected);
        let label = format!("Copy {from} to 3 day(s)");
        assert_eq!(tab.notice.get_untracked(), Some(format!("{label}.")));
        assert_eq!(history.undo_label(), Some(label.as_str()));
        // Stored as the one step after the imported revision.
        assert_eq!(store.stored("week"), Some((schedule, history, 2)));
        tab.undo();
        settle();
        assert_eq!(tab.with_session(|s| s.schedule().clone()), Some(s));
    }

    #[test]
    fn a_copy_whose_schedule_changes_before_it_is_ready_does_nothing_and_says_so() {
        let (store, s, days) = week();
        let tab = tab(&store);
        tab.open("week".into());
        settle();
        tab.copy_day(days[1], vec![days[2]]);
        let trim = Edit::Trim {
            index: 0,
            duration: Frames(99),
            ripple: false,
        };
        assert!(tab.edit(&trim));
        settle();
        let mut expected = s.clone();
        apply(&mut expected, &trim).unwrap();
        assert_eq!(tab.with_session(|s| s.schedule().clone()), Some(expected));
        assert_eq!(
            tab.notice.get_untracked().as_deref(),
            Some("The schedule changed before the copy was ready; nothing was done.")
        );
        assert!(
            !tab.copying.get_untracked(),
            "a dropped copy frees its button"
        );
    }

    #[test]
    fn a_second_copy_asked_for_while_one_works_is_refused_and_the_first_lands() {
        let (store, s, days) = week();
        let tab = tab(&store);
        tab.open("week".into());
        settle();
        tab.copy_day(days[1], vec![days[2]]);
        assert!(tab.copying.get_untracked());
        tab.copy_day(days[3], vec![days[0]]);
        assert_eq!(
            tab.notice.get_untracked().as_deref(),
            Some("A day is still being copied; copy again when it is done.")
        );
        settle();
        assert!(!tab.copying.get_untracked());
        let mut expected = s.clone();
        apply(
            &mut expected,
            &Edit::CopyDay {
                from: days[1],
                to: vec![days[2]],
            },
        )
        .unwrap();
        assert_eq!(tab.with_session(|s| s.schedule().clone()), Some(expected));
    }

    #[test]
    fn a_copy_onto_the_day_itself_is_refused_with_the_reason() {
        let (store, s, days) = week();
        let tab = tab(&store);
        tab.open("week".into());
        settle();
        tab.copy_day(days[1], vec![days[1]]);
        settle();
        assert_eq!(tab.with_session(|s| s.schedule().clone()), Some(s));
        assert_eq!(
            tab.notice.get_untracked().as_deref(),
            Some("The change was not made: cannot copy a day onto itself")
        );
    }
}
