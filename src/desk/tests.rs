//! The desk on its own: exports written where the schedule is, and the window rules read.

use std::rc::Rc;

use futures::executor::block_on;
use jiff::Timestamp;
use scheduleflow_engine::command::Command;
use scheduleflow_engine::edit::{Edit, History};
use scheduleflow_engine::format::{export_schedule, Format};
use scheduleflow_engine::generate::{sample_channel, schedule};
use scheduleflow_engine::model::{Library, Schedule};
use scheduleflow_engine::time::{FrameRate, Frames};

use super::{Began, Desk};
use crate::state::memory::{settle, use_test_executor, MemoryStore};
use crate::state::ports::Store;

/// A week of events, 5,000 of them (more than two export pieces), stored at revision 1.
fn week() -> (MemoryStore, Schedule) {
    let origin: Timestamp = "2026-03-02T06:00:00Z".parse().unwrap();
    let mut s = schedule(5_000, 7, sample_channel(FrameRate::FPS_25), origin);
    s.id = "week".into();
    s.name = "Week".into();
    let store = MemoryStore::default();
    let library = Library {
        schedules: vec![s.clone()],
        playlists: Vec::new(),
    };
    block_on(store.insert(library)).unwrap();
    (store, s)
}

fn desk(store: &MemoryStore) -> Desk {
    use_test_executor();
    Desk::new(Rc::new(store.clone()))
}

/// Every piece of export `line`, joined; or why it stopped.
fn pieces(desk: &Desk, line: u64) -> Result<String, String> {
    let mut text = String::new();
    while let Some(piece) = desk.next_piece(line)? {
        text.push_str(&piece);
    }
    Ok(text)
}

fn whole(schedule: &Schedule, format: Format) -> String {
    let mut files = export_schedule(schedule, format).unwrap();
    assert_eq!(files.len(), 1);
    files.remove(0).text
}

#[test]
fn an_open_schedule_exported_in_pieces_is_the_whole_export() {
    let (store, s) = week();
    let desk = desk(&store);
    desk.open_given("week".into(), s.clone(), History::new());
    for (line, format) in [(1, Format::SfXml), (2, Format::SfJson)] {
        let began = block_on(desk.begin_export(line, "week".into(), Some(format)));
        assert_eq!(
            began,
            Ok(Began::Pieces {
                name: format!("Week.{}", if line == 1 { "xml" } else { "json" }),
                mime: format.mime().to_owned(),
            })
        );
        assert_eq!(pieces(&desk, line), Ok(whole(&s, format)));
        // Ended with its last piece.
        assert_eq!(desk.next_piece(line), Err("was not being exported".into()));
    }
}

#[test]
fn a_closed_schedule_is_read_from_storage_for_its_export_and_a_gone_one_says_so() {
    let (store, s) = week();
    let desk = desk(&store);
    let began = block_on(desk.begin_export(7, "week".into(), Some(Format::SfXml)));
    assert!(matches!(began, Ok(Began::Pieces { .. })), "{began:?}");
    assert_eq!(pieces(&desk, 7), Ok(whole(&s, Format::SfXml)));
    let gone = block_on(desk.begin_export(8, "nothing".into(), Some(Format::SfXml)));
    assert_eq!(gone, Ok(Began::Gone));
}

#[test]
fn a_format_written_whole_comes_back_as_its_files() {
    let (store, s) = week();
    let desk = desk(&store);
    desk.open_given("week".into(), s.clone(), History::new());
    let began = block_on(desk.begin_export(3, "week".into(), Some(Format::Csv)));
    let files = export_schedule(&s, Format::Csv).unwrap();
    assert_eq!(
        began,
        Ok(Began::Files(files.into_iter().map(Into::into).collect()))
    );
    assert_eq!(desk.next_piece(3), Err("was not being exported".into()));
}

#[test]
fn a_change_to_the_open_schedule_between_pieces_stops_its_export_and_an_end_frees_it() {
    let (store, s) = week();
    let desk = desk(&store);
    desk.open_given("week".into(), s, History::new());
    block_on(desk.begin_export(1, "week".into(), Some(Format::SfXml))).unwrap();
    assert!(matches!(desk.next_piece(1), Ok(Some(_))));
    let trim = Edit::Trim {
        index: 0,
        duration: Frames(99),
        ripple: false,
    };
    let label = trim.label();
    desk.run(Command::Edit { edit: trim, label }).unwrap();
    assert_eq!(
        desk.next_piece(1),
        Err("changed while it was being exported".into())
    );
    assert_eq!(desk.next_piece(1), Err("was not being exported".into()));

    block_on(desk.begin_export(2, "week".into(), Some(Format::SfXml))).unwrap();
    desk.end_export(2);
    assert_eq!(desk.next_piece(2), Err("was not being exported".into()));
    settle();
}

#[test]
fn the_window_rules_read_is_the_dates_events_and_ids_used_outside_it_are_found() {
    let (store, s) = week();
    let desk = desk(&store);
    desk.open_given("week".into(), s.clone(), History::new());
    // Checked, so the window is found by binary search.
    settle();
    let clock = scheduleflow_engine::on_air::OnAir::new(&s);
    let days: Vec<_> = s
        .events
        .iter()
        .filter_map(|e| clock.day_of(e.start))
        .collect();
    let (from, to) = (days[1000], days[4000]);
    let longest = desk.with_session(|s| s.in_order()).flatten().unwrap();
    let range = scheduleflow_engine::rules::window::window(&s, longest, from, to).unwrap();
    assert_eq!(
        desk.window_range(from, to),
        Ok((scheduleflow_engine::pieces::head(&s), range.clone()))
    );
    let first = days.iter().position(|d| *d == from).unwrap();
    assert!(range.start <= first && range.end > first, "{range:?}");
    assert!(range.start > 0 && range.end < s.events.len(), "{range:?}");
    // Ids the window holds are free to take again; one used before it is not.
    let made = vec![s.events[first].clone(), s.events[0].clone()];
    assert_eq!(
        desk.taken_outside_window(&s.events[range], &made),
        vec![s.events[0].id.0.clone()]
    );
}
