//! The state's intents on an in-memory store, natively: edits saved as they happen (several
//! queued behind a slow save go in one append), a conflict with another tab, undo of deletes,
//! the log folded and replayed, and a full disk.

use futures::executor::block_on;
use jiff::Timestamp;
use leptos::prelude::*;
use scheduleflow_engine::edit::{Edit, History, Step};
use scheduleflow_engine::generate::{sample_channel, schedule};
use scheduleflow_engine::model::{Library, Playlist, Schedule};
use scheduleflow_engine::session::Session;
use scheduleflow_engine::summary::ScheduleSummary;
use scheduleflow_engine::time::{FrameRate, Frames};

use super::delete::Deleted;
use super::memory::{settle, use_test_executor, MemoryStore};
use super::ports::{Services, Store};
use super::AppState;
use crate::shelf::{Shelf, Shelved};

fn day() -> Schedule {
    let origin: Timestamp = "2026-03-02T06:00:00Z".parse().unwrap();
    let mut s = schedule(12, 7, sample_channel(FrameRate::FPS_25), origin);
    s.id = "day".into();
    s.name = "Day".into();
    s
}

/// A store holding `day()` at revision 1.
fn store_with_day() -> MemoryStore {
    let store = MemoryStore::default();
    let library = Library {
        schedules: vec![day()],
        playlists: Vec::new(),
    };
    block_on(store.insert(library)).unwrap();
    store
}

/// `day()` closed after being checked: its head with its validated row.
fn day_checked_on_the_shelf() -> Shelved {
    Shelved {
        head: scheduleflow_engine::pieces::head(&day()),
        row: ScheduleSummary::of(&day()),
    }
}

/// A tab on `store` with everything loaded.
pub(super) fn tab(store: &MemoryStore) -> AppState {
    use_test_executor();
    let state = AppState::with_services(Services::in_memory(store));
    state.reload_then(true);
    settle();
    state
}

fn trim(index: usize, frames: i64) -> Edit {
    Edit::Trim {
        index,
        duration: Frames(frames),
        ripple: false,
    }
}

/// The open schedule and its history, as the tab has them.
fn open_state(tab: AppState) -> (Schedule, History) {
    tab.with_session(|s| (s.schedule().clone(), s.history().clone()))
        .unwrap()
}

#[test]
fn edits_made_while_a_save_is_under_way_are_saved_together_in_order() {
    let store = store_with_day();
    let tab = tab(&store);
    tab.open("day".into());
    settle();
    store.hold();
    assert!(tab.edit(&trim(0, 100)));
    settle();
    assert!(tab.edit(&trim(1, 101)));
    assert!(tab.edit(&trim(2, 102)));
    settle();
    assert!(
        store.appends.borrow().is_empty(),
        "the store holds the first save"
    );
    store.release();
    settle();
    assert_eq!(
        *store.appends.borrow(),
        vec![("day".to_owned(), 1), ("day".to_owned(), 2)]
    );
    let (schedule, history) = open_state(tab);
    assert_eq!(store.stored("day"), Some((schedule, history, 4)));
    assert!(!tab.saving.get_untracked());
}

#[test]
fn a_save_that_meets_another_tabs_edit_keeps_nothing_and_shows_the_other_version() {
    let store = store_with_day();
    let tab = tab(&store);
    tab.open("day".into());
    settle();
    // Another tab trims the first event and logs it.
    let mut other = Session::new(day(), History::new());
    let theirs = other.apply(&trim(0, 50)).unwrap();
    store.log_from_elsewhere("day", &theirs);

    assert!(tab.edit(&trim(3, 75)));
    settle();
    assert!(store.appends.borrow().is_empty());
    let notice = tab.notice.get_untracked().unwrap_or_default();
    assert!(notice.contains("changed in another tab"), "{notice}");
    let (schedule, history) = open_state(tab);
    assert_eq!(schedule, other.schedule().clone());
    assert_eq!(&history, other.history());
    assert_eq!(store.stored("day"), Some((schedule, history, 2)));
    // The reopened session saves against the other tab's revision.
    assert!(tab.edit(&trim(4, 60)));
    settle();
    assert_eq!(*store.appends.borrow(), vec![("day".to_owned(), 1)]);
}

#[test]
fn an_undone_event_delete_is_stored_and_a_new_tab_can_redo_it() {
    let store = store_with_day();
    let first = tab(&store);
    first.open("day".into());
    settle();
    assert!(first.edit(&Edit::Delete {
        index: 3,
        ripple: true
    }));
    let deleted = open_state(first).0;
    first.undo();
    settle();
    assert_eq!(
        *store.appends.borrow(),
        vec![("day".to_owned(), 2)],
        "the delete and its undo are saved together"
    );
    let (stored, history, revision) = store.stored("day").unwrap();
    assert_eq!((stored, revision), (day(), 3));
    assert_eq!(history.redo_label(), Some("Delete event"));

    let second = tab(&store);
    second.open("day".into());
    settle();
    second.redo();
    assert_eq!(open_state(second).0, deleted);
}

#[test]
fn a_deleted_schedule_comes_back_with_undo_and_neither_reads_its_events() {
    let store = store_with_day();
    let tab = tab(&store);
    let before = tab.library.get_untracked();
    tab.delete("day".into());
    settle();
    assert_eq!(store.stored("day"), None);
    assert_eq!(store.set_aside_ids(), vec!["day".to_owned()]);
    assert!(tab.library.get_untracked().schedules.is_empty());
    assert_eq!(
        tab.deleted.get_untracked(),
        Some(Deleted {
            name: "Day".into(),
            id: "day".into()
        })
    );
    tab.undo_delete();
    settle();
    assert_eq!(store.stored("day"), Some((day(), History::new(), 1)));
    assert_eq!(store.set_aside_ids(), Vec::<String>::new());
    assert_eq!(tab.library.get_untracked(), before);
    assert_eq!(
        tab.notice.get_untracked().as_deref(),
        Some("Restored “Day”.")
    );
    // Neither the delete nor the undo read its events.
    assert_eq!(*store.opened.borrow(), Vec::<String>::new());
}

#[test]
fn deleting_the_open_schedule_closes_it_and_undo_lists_it_again() {
    let store = store_with_day();
    let tab = tab(&store);
    tab.open("day".into());
    settle();
    let changes = tab.session_changed.get_untracked();
    tab.delete("day".into());
    settle();
    assert_eq!(tab.selected.get_untracked(), None);
    assert_eq!(tab.event_count(), 0);
    assert_eq!(tab.session_changed.get_untracked(), changes + 1);
    assert_eq!(tab.library.get_untracked(), Shelf::default());
    tab.undo_delete();
    settle();
    assert_eq!(
        tab.library.with_untracked(|l| l.schedules.clone()),
        vec![Shelved::of(day()).0]
    );
    tab.open("day".into());
    settle();
    assert_eq!(open_state(tab), (day(), History::new()));
}

#[test]
fn only_the_last_delete_can_be_undone_and_an_import_of_its_id_ends_that_too() {
    let store = store_with_day();
    let fillers = Playlist {
        id: "fillers".into(),
        name: "Fillers".into(),
        rate: FrameRate::FPS_25,
        items: Vec::new(),
        extra: Default::default(),
    };
    block_on(store.insert(Library {
        schedules: Vec::new(),
        playlists: vec![fillers.clone()],
    }))
    .unwrap();
    let tab = tab(&store);
    tab.delete("day".into());
    settle();
    tab.delete("fillers".into());
    settle();
    // The schedule deleted first is gone for good; the playlist is kept for Undo.
    assert_eq!(store.set_aside_ids(), vec!["fillers".to_owned()]);
    assert_eq!(tab.library.get_untracked(), Shelf::default());
    tab.undo_delete();
    settle();
    assert_eq!(
        tab.library.get_untracked(),
        Shelf {
            schedules: Vec::new(),
            playlists: vec![fillers.clone()]
        }
    );
    // A delete, then the same playlist imported again: it keeps its id, and Undo says why
    // there is nothing to take back.
    tab.delete("fillers".into());
    settle();
    let again = block_on(store.insert(Library {
        schedules: Vec::new(),
        playlists: vec![fillers.clone()],
    }))
    .unwrap();
    assert_eq!(again.playlists, vec![fillers.clone()]);
    assert_eq!(store.set_aside_ids(), Vec::<String>::new());
    tab.undo_delete();
    settle();
    assert_eq!(
        tab.notice.get_untracked().as_deref(),
        Some(
            "“Fillers” could not be restored: it was deleted for good meanwhile (by another \
             delete, or by importing it again)."
        )
    );
    assert_eq!(tab.deleted.get_untracked(), None);
}

#[test]
fn a_delete_storage_refuses_puts_the_row_back_and_says_why() {
    let store = store_with_day();
    let tab = tab(&store);
    let before = tab.library.get_untracked();
    store.fill_up();
    tab.delete("day".into());
    assert_eq!(tab.library.with_untracked(|l| l.schedules.len()), 0);
    assert_eq!(
        tab.notice.get_untracked().as_deref(),
        Some("Deleting “Day”…")
    );
    settle();
    assert_eq!(tab.library.get_untracked(), before);
    assert_eq!(
        tab.notice.get_untracked().as_deref(),
        Some("Delete failed: the browser's storage is full")
    );
    assert_eq!(tab.deleted.get_untracked(), None);
    assert_eq!(store.stored("day").map(|(s, ..)| s), Some(day()));
    // No longer being deleted: a reload lists it.
    tab.reload();
    settle();
    assert_eq!(tab.library.get_untracked(), before);
}

#[test]
fn a_reload_while_a_delete_is_under_way_does_not_bring_the_row_back() {
    let store = store_with_day();
    let tab = tab(&store);
    let playlists = tab.library.with_untracked(|l| l.playlists.clone());
    store.hold();
    tab.delete("day".into());
    settle();
    // Read for Undo, its removal waiting: storage still has it when the reload reads.
    tab.reload();
    settle();
    assert_eq!(tab.library.with_untracked(|l| l.schedules.len()), 0);
    store.release();
    settle();
    assert_eq!(
        tab.library.get_untracked(),
        Shelf {
            schedules: Vec::new(),
            playlists
        }
    );
    assert_eq!(
        tab.notice.get_untracked().as_deref(),
        Some("Deleted “Day”.")
    );
    assert_eq!(store.stored("day"), None);
}

#[test]
fn a_long_log_is_folded_and_a_reload_replays_the_rest_to_the_same_state() {
    let store = store_with_day();
    let tab = tab(&store);
    tab.open("day".into());
    settle();
    // Each save carries an edit, and every seventh an undo too; the fold comes with the save
    // that takes the log past every 50th revision.
    let (mut revision, mut folds) = (1, Vec::new());
    for n in 0..60 {
        assert!(tab.edit(&trim(n % 12, 100 + n as i64)));
        let steps = if n % 7 == 0 {
            tab.undo();
            2
        } else {
            1
        };
        settle();
        revision += steps;
        if revision % 50 < steps {
            folds.push(("day".to_owned(), revision));
        }
    }
    assert_eq!(*store.folds.borrow(), folds);
    assert_eq!(folds.len(), 1);
    let (schedule, history) = open_state(tab);
    let (_, _, stored_revision) = store.stored("day").unwrap();
    assert_eq!(stored_revision, revision);
    // The log keeps the step folded up to, and the ones after it.
    assert_eq!(store.log_len("day"), (revision - folds[0].1) as usize + 1);

    let reloaded = self::tab(&store);
    reloaded.open("day".into());
    settle();
    assert_eq!(open_state(reloaded), (schedule, history));
}

#[test]
fn a_full_disk_keeps_the_edit_on_the_page_and_offers_it_as_a_download() {
    let store = store_with_day();
    let tab = tab(&store);
    tab.open("day".into());
    settle();
    store.fill_up();
    assert!(tab.edit(&trim(0, 100)));
    settle();
    let notice = tab.notice.get_untracked().unwrap_or_default();
    assert!(notice.contains("storage is full"), "{notice}");
    let unsaved = tab.unsaved.get_untracked().expect("offered as a download");
    assert_eq!(unsaved.library.schedules, vec![open_state(tab).0]);
    assert_eq!(unsaved.why, "The browser's storage is full");
    assert_eq!(store.stored("day").map(|(s, ..)| s), Some(day()));
}

#[test]
fn after_a_change_storage_refused_later_ones_are_not_logged_on_top_of_it() {
    let store = store_with_day();
    let tab = tab(&store);
    tab.open("day".into());
    settle();
    store.fill_up();
    assert!(tab.edit(&trim(0, 100)));
    settle();
    // Room again: a later step, logged, would replay onto the day without the first trim.
    store.make_room();
    assert!(tab.edit(&trim(1, 80)));
    settle();
    assert_eq!(
        store.stored("day").map(|(s, _, r)| (s, r)),
        Some((day(), 1))
    );
    let unsaved = tab.unsaved.get_untracked().expect("offered as a download");
    assert_eq!(unsaved.library.schedules, vec![open_state(tab).0]);
    assert_eq!(unsaved.why, "The browser's storage is full");
    let notice = tab.notice.get_untracked().unwrap_or_default();
    assert!(notice.contains("Trim"), "the later edit is shown: {notice}");
}

#[test]
fn the_steps_the_tab_logs_are_the_sessions_own() {
    let store = store_with_day();
    let tab = tab(&store);
    tab.open("day".into());
    settle();
    assert!(tab.edit(&trim(2, 90)));
    tab.undo();
    tab.redo();
    settle();
    let mut replayed = Session::replay(day(), History::new(), &[]).unwrap();
    assert!(replayed.apply(&trim(2, 90)).is_ok());
    assert!(replayed.follow(&Step::Undo));
    assert!(replayed.follow(&Step::Redo));
    let (schedule, history, _) = store.stored("day").unwrap();
    assert_eq!(&schedule, replayed.schedule());
    assert_eq!(&history, replayed.history());
}

/// The library's rows once the checks of those whose health is not known have run.
fn checked_summaries(tab: AppState) -> Vec<ScheduleSummary> {
    tab.summaries();
    settle();
    tab.summaries()
}

/// What a fresh validation says of schedule `id` as stored, as its row would show it.
fn validated_summary(store: &MemoryStore, id: &str) -> ScheduleSummary {
    ScheduleSummary::of(&store.stored(id).unwrap().0)
}

#[test]
fn a_fold_keeps_the_row_the_page_knows_so_a_fresh_tab_reads_no_events_though_none_was_closed() {
    let store = store_with_day();
    let first = tab(&store);
    first.open("day".into());
    settle();
    let mut n = 0;
    while store.folds.borrow().is_empty() {
        assert!(first.edit(&trim(n % 12, 100 + n as i64)));
        settle();
        n += 1;
    }
    assert_eq!(*store.folds.borrow(), vec![("day".to_owned(), 50)]);
    // The first tab is still open (or was killed): only a fold has written the record.
    let second = tab(&store);
    assert_eq!(second.summaries(), vec![validated_summary(&store, "day")]);
    assert_eq!(*store.opened.borrow(), vec!["day".to_owned()]);
}

#[test]
fn a_schedule_closed_after_an_edit_shows_the_edited_summary() {
    let store = store_with_day();
    let tab = tab(&store);
    let before = checked_summaries(tab);
    assert_eq!(before, vec![validated_summary(&store, "day")]);
    tab.open("day".into());
    settle();
    // Shorter, with nothing moved up: a gap, so the checks change but not the count or name.
    assert!(tab.edit(&trim(0, 10)));
    settle();
    tab.close();
    let after = tab.summaries();
    assert_eq!(after, vec![validated_summary(&store, "day")]);
    assert_ne!(after, before);
}

#[test]
fn another_tabs_edit_shows_in_the_summary_once_reloaded() {
    let store = store_with_day();
    let mine = tab(&store);
    let before = checked_summaries(mine);
    let theirs = tab(&store);
    theirs.open("day".into());
    settle();
    assert!(theirs.edit(&trim(0, 10)));
    settle();
    theirs.close();
    mine.reload();
    settle();
    let after = checked_summaries(mine);
    assert_eq!(after, vec![validated_summary(&store, "day")]);
    assert_ne!(after, before);
}

#[test]
fn a_deleted_schedule_leaves_no_summary_for_a_new_one_of_its_id() {
    let store = store_with_day();
    let tab = tab(&store);
    let old = checked_summaries(tab);
    tab.delete("day".into());
    settle();
    assert_eq!(tab.summaries(), vec![]);
    // Another schedule under the same id and name, as long: only its checks differ.
    let mut other = day();
    other.events[0].duration = Some(Frames(10));
    block_on(store.insert(Library {
        schedules: vec![other.clone()],
        playlists: Vec::new(),
    }))
    .unwrap();
    tab.reload();
    settle();
    // Its check runs in slices; until then the row has all but its health.
    assert_eq!(tab.summaries(), vec![ScheduleSummary::unchecked(&other)]);
    settle();
    assert_eq!(tab.summaries(), vec![ScheduleSummary::of(&other)]);
    assert_ne!(tab.summaries(), old);
}

#[test]
fn a_reload_shows_the_stored_schedules_summary_not_that_of_an_edit_the_disk_refused() {
    let store = store_with_day();
    let tab = tab(&store);
    tab.open("day".into());
    settle();
    store.fill_up();
    // A gap the stored schedule does not have; the revision stays as it was.
    assert!(tab.edit(&trim(0, 10)));
    settle();
    let refused = open_state(tab).0;
    tab.close();
    assert_eq!(tab.summaries(), vec![ScheduleSummary::of(&refused)]);
    tab.reload();
    settle();
    assert_eq!(
        tab.library.with_untracked(|l| l.schedules.clone()),
        vec![Shelved::of(day()).0]
    );
    assert_eq!(
        checked_summaries(tab),
        vec![validated_summary(&store, "day")]
    );
}

#[test]
fn the_library_holds_closed_schedules_without_their_events_and_an_open_reads_them() {
    let store = store_with_day();
    let tab = tab(&store);
    assert_eq!(
        tab.library.with_untracked(|l| l.schedules.clone()),
        vec![Shelved::of(day()).0]
    );
    assert_eq!(*store.opened.borrow(), Vec::<String>::new());

    tab.open("day".into());
    // Shown at once by name while its events are read.
    assert_eq!(tab.selected.get_untracked().as_deref(), Some("day"));
    assert_eq!(tab.opening.get_untracked().as_deref(), Some("day"));
    assert_eq!(tab.open_name(), "Day");
    assert_eq!(tab.event_count(), 0);
    settle();
    assert_eq!(tab.opening.get_untracked(), None);
    assert_eq!(open_state(tab), (day(), History::new()));
    assert_eq!(tab.library.with_untracked(|l| l.schedules.len()), 0);

    tab.close();
    assert_eq!(
        tab.library.with_untracked(|l| l.schedules.clone()),
        vec![day_checked_on_the_shelf()]
    );
    tab.open("day".into());
    settle();
    assert_eq!(
        *store.opened.borrow(),
        vec!["day".to_owned(), "day".to_owned()]
    );
}

#[test]
fn opening_tells_how_far_the_reading_has_come_until_it_is_closed() {
    let store = store_with_day();
    let tab = tab(&store);
    store.hold_reads();
    tab.open("day".into());
    settle();
    // Half read: shown as such, its first rows shown unchecked, nothing open to edit yet.
    assert_eq!(
        (tab.opening.get_untracked(), tab.reading.get_untracked()),
        (Some("day".to_owned()), 500)
    );
    assert_eq!(tab.event_count(), 12);
    assert_eq!(rows(tab, 0..100), unchecked_rows(&day()));
    assert!(!tab.edit(&trim(0, 10)));
    assert_eq!(tab.history_labels(), (None, None));
    // Its heading and days are those it opens with.
    let heading = (tab.open_name(), tab.open_facts(), tab.open_days());
    assert_eq!(
        heading,
        (
            "Day".to_owned(),
            Some("Sample One · 25 fps · 12 events · 00:52:15:08".to_owned()),
            scheduleflow_engine::timeline::days(&day())
        )
    );
    store.release_reads();
    settle();
    assert_eq!(
        (tab.opening.get_untracked(), tab.reading.get_untracked()),
        (None, 1000)
    );
    assert_eq!(open_state(tab), (day(), History::new()));
    assert_eq!(
        (tab.open_name(), tab.open_facts(), tab.open_days()),
        heading
    );

    // Closed while it is read: the rest of the reading is not shown, and it does not open.
    tab.close();
    store.hold_reads();
    tab.open("day".into());
    // Starts again from nothing.
    assert_eq!(tab.reading.get_untracked(), 0);
    settle();
    assert_eq!(tab.reading.get_untracked(), 500);
    tab.close();
    assert_eq!((tab.event_count(), rows(tab, 0..100)), (0, Vec::new()));
    store.release_reads();
    settle();
    assert_eq!(
        (tab.opening.get_untracked(), tab.reading.get_untracked()),
        (None, 500)
    );
    assert_eq!((tab.event_count(), rows(tab, 0..100)), (0, Vec::new()));
    assert_eq!(
        tab.library.with_untracked(|l| l.schedules.clone()),
        vec![day_checked_on_the_shelf()]
    );
}

/// The rows at `range` as the event table shows them, once it looks at them.
fn rows(
    tab: AppState,
    range: std::ops::Range<usize>,
) -> Vec<(
    scheduleflow_engine::view::EventRow,
    Option<scheduleflow_engine::validate::Severity>,
)> {
    tab.look_at_rows(range.clone());
    tab.with_rows(range, <[_]>::to_vec)
}

/// The first `limit` diagnostics as the validation panel lists them.
fn listed(
    tab: AppState,
    limit: usize,
) -> (Vec<scheduleflow_engine::validate::Diagnostic>, usize, usize) {
    tab.list_diagnostics(limit);
    tab.diagnostics()
}

/// The event table's rows of `schedule`, none of them checked.
fn unchecked_rows(
    schedule: &Schedule,
) -> Vec<(
    scheduleflow_engine::view::EventRow,
    Option<scheduleflow_engine::validate::Severity>,
)> {
    scheduleflow_engine::view::event_rows(schedule, 0..schedule.events.len())
        .into_iter()
        .map(|row| (row, None))
        .collect()
}

#[test]
fn a_schedule_with_edits_still_to_replay_shows_no_rows_until_it_is_read() {
    let store = store_with_day();
    let first = tab(&store);
    first.open("day".into());
    settle();
    assert!(first.edit(&trim(0, 10)));
    settle();
    first.close();
    settle();
    let (edited, _) = {
        let second = tab(&store);
        second.open("day".into());
        settle();
        open_state(second)
    };
    assert_ne!(edited, day());

    // Its stored events are not what opens (the logged trim is replayed onto them): none show
    // while it is read, and then the edited ones.
    let third = tab(&store);
    store.hold_reads();
    third.open("day".into());
    settle();
    assert_eq!(third.reading.get_untracked(), 500);
    assert_eq!((third.event_count(), rows(third, 0..100)), (0, Vec::new()));
    store.release_reads();
    settle();
    assert_eq!(open_state(third).0, edited);
    assert_eq!(
        rows(third, 0..1)[0].0,
        scheduleflow_engine::view::event_rows(&edited, 0..1)[0]
    );
}

#[test]
fn a_row_known_on_the_page_is_kept_in_storage_so_a_fresh_tab_reads_no_events_for_it() {
    let store = store_with_day();
    let first = tab(&store);
    // Checked from storage once (its row was not known), then kept there.
    assert_eq!(
        checked_summaries(first),
        vec![validated_summary(&store, "day")]
    );
    let second = tab(&store);
    assert_eq!(second.summaries(), vec![validated_summary(&store, "day")]);
    assert_eq!(*store.opened.borrow(), vec!["day".to_owned()]);

    // Closed after an edit: the session's row is kept at the edit's revision.
    first.open("day".into());
    settle();
    assert!(first.edit(&trim(0, 10)));
    settle();
    first.close();
    settle();
    let third = tab(&store);
    assert_eq!(third.summaries(), vec![validated_summary(&store, "day")]);
    assert_eq!(third.summaries()[0].warnings, 1, "the trim left a gap");
    assert_eq!(
        *store.opened.borrow(),
        vec!["day".to_owned(), "day".to_owned()]
    );
}

#[test]
fn a_schedule_closed_while_its_save_waits_is_kept_whole_and_reopens_without_a_read() {
    let store = store_with_day();
    let tab = tab(&store);
    tab.open("day".into());
    settle();
    store.hold();
    assert!(tab.edit(&trim(0, 100)));
    let edited = open_state(tab);
    tab.close();
    tab.open("day".into());
    settle();
    assert_eq!(open_state(tab), edited);
    assert_eq!(*store.opened.borrow(), vec!["day".to_owned()]);

    // Once stored, a closed schedule is let go: the next open reads what was stored.
    tab.close();
    store.release();
    settle();
    tab.open("day".into());
    settle();
    assert_eq!(open_state(tab), edited);
    assert_eq!(
        *store.opened.borrow(),
        vec!["day".to_owned(), "day".to_owned()]
    );
}

#[test]
fn a_schedule_that_is_no_longer_stored_does_not_open_and_says_so() {
    let store = store_with_day();
    let tab = tab(&store);
    assert!(block_on(store.set_aside("day")).unwrap());
    tab.open("day".into());
    settle();
    assert_eq!(tab.selected.get_untracked(), None);
    assert_eq!(tab.event_count(), 0);
    assert_eq!(
        tab.notice.get_untracked().as_deref(),
        Some("“Day” is no longer stored.")
    );
}

#[test]
fn an_opened_schedule_shows_its_rows_at_once_and_its_problems_once_checked() {
    let mut broken = day();
    broken.events[3].duration = None;
    broken.events[8].id = broken.events[1].id.clone();
    let store = MemoryStore::default();
    let library = Library {
        schedules: vec![broken.clone()],
        playlists: Vec::new(),
    };
    block_on(store.insert(library)).unwrap();
    let tab = tab(&store);
    // As `open` does once it has read the schedule from storage.
    let opened = block_on(store.open_schedule("day", super::ports::UNSEEN))
        .unwrap()
        .unwrap();
    tab.open_loaded("day".into(), opened.schedule, opened.history);

    // The check runs in slices after the rows are shown, and says so from the start.
    assert_eq!(tab.checking.get_untracked(), Some(0));
    assert_eq!(tab.event_count(), 12);
    assert_eq!(listed(tab, 100), (Vec::new(), 0, 0));
    assert_eq!(tab.open_summary(), None);
    settle();
    let all = scheduleflow_engine::validate::validate(&broken);
    let (errors, _) = scheduleflow_engine::validate::count(&all);
    assert_eq!(all.len(), 2, "a length not known and a shared id");
    assert_eq!(listed(tab, 100), (all.clone(), errors, all.len()));
    assert_eq!(tab.open_summary(), Some(ScheduleSummary::of(&broken)));
    assert_eq!(tab.checking.get_untracked(), None);
}

#[test]
fn the_views_hold_what_they_look_at_and_follow_each_edit_and_close() {
    let store = store_with_day();
    let tab = tab(&store);
    tab.open("day".into());
    settle();
    let first_day = scheduleflow_engine::timeline::days(&day())[0];
    tab.look_at_rows(2..5);
    tab.look_at_day(Some(first_day));
    tab.list_diagnostics(10);
    tab.look_at_event(Some(3));
    // What the page holds is what a session of the same schedule answers, and only that.
    let seen = |tab: AppState| {
        (
            tab.seen.heading.get_untracked(),
            tab.seen.rows.get_untracked(),
            tab.seen.strip.get_untracked(),
            tab.seen.listed.get_untracked(),
            tab.seen.form.get_untracked(),
        )
    };
    let answers = |session: &Session| {
        (
            Some(session.heading()),
            session.row_window(2..5),
            session.strip(first_day),
            session.listed(10),
            session.event_form(3),
        )
    };
    let mut mirror = Session::new(day(), History::new());
    assert_eq!(seen(tab), answers(&mirror));
    assert_eq!(tab.seen.rows.get_untracked().rows.len(), 3);

    assert!(tab.edit(&trim(3, 10)));
    mirror.apply(&trim(3, 10)).unwrap();
    assert_eq!(seen(tab), answers(&mirror));
    assert_eq!(tab.history_labels().0, Some(trim(3, 10).label()));

    // Rows scrolled to are asked for; the strip of another day likewise.
    tab.look_at_rows(8..12);
    assert_eq!(tab.seen.rows.get_untracked(), mirror.row_window(8..12));
    tab.undo();
    mirror.undo().unwrap();
    assert_eq!(tab.seen.rows.get_untracked(), mirror.row_window(8..12));
    assert_eq!(tab.seen.heading.get_untracked(), Some(mirror.heading()));

    tab.close();
    assert_eq!(
        seen(tab),
        (None, Default::default(), None, Default::default(), None)
    );
}

#[test]
fn opening_selects_the_schedule_once_so_its_view_is_built_once() {
    let store = store_with_day();
    let tab = tab(&store);
    let selections = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let seen = selections.clone();
    Effect::new(move |_| seen.borrow_mut().push(tab.selected.get()));
    settle();
    store.hold_reads();
    tab.open("day".into());
    settle();
    assert_eq!(tab.reading.get_untracked(), 500);
    store.release_reads();
    settle();
    assert_eq!(open_state(tab).0, day());
    assert_eq!(*selections.borrow(), vec![None, Some("day".to_owned())]);
}
