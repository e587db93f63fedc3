use jiff::civil::date;
use proptest::prelude::*;

use super::*;
use crate::generate::{sample_channel, schedule};
use crate::model::EventKind;
use crate::time::FrameRate;

/// A schedule of `events` on the sample channel (Europe/Berlin, day start 06:00) from `day`.
fn on(day: Date, events: usize, seed: u64) -> Schedule {
    let channel = sample_channel(FrameRate::FPS_25);
    let origin = channel.day_start_instant(day).expect("a day start");
    schedule(events, seed, channel, origin)
}

/// The events of `pieces` laid end to end.
fn joined(schedule: &Schedule, pieces: &[Piece]) -> Vec<Event> {
    pieces
        .iter()
        .flat_map(|p| schedule.events[p.events.clone()].iter().cloned())
        .collect()
}

/// The broadcast day each event starts on, by the channel's own reckoning.
fn day_by_channel(schedule: &Schedule, event: &Event) -> Date {
    let channel = &schedule.channel;
    let instant = channel
        .instant_after(schedule.origin, event.start)
        .expect("an instant");
    channel.locate(instant).expect("a day").day
}

/// The pieces of `schedule` a day each, whatever its density.
fn by_day(schedule: &Schedule) -> Vec<Piece> {
    let (days, starts) = day_starts(schedule);
    split_in_groups(schedule, &days, &starts, 1)
}

#[test]
fn cut_a_day_each_a_piece_is_one_broadcast_day_of_events_and_they_join_back_into_the_list() {
    let s = on(date(2026, 3, 2), 3_000, 7);
    let pieces = by_day(&s);
    assert_eq!(joined(&s, &pieces), s.events);
    let days = timeline::days(&s);
    assert!(days.len() > 2, "the schedule spans several days: {days:?}");
    // Consecutive pieces are consecutive days, each holding exactly that day's events.
    let piece_days: Vec<Date> = pieces.iter().filter_map(|p| p.day).collect();
    assert_eq!(piece_days, days);
    for piece in &pieces {
        for event in &s.events[piece.events.clone()] {
            assert_eq!(Some(day_by_channel(&s, event)), piece.day, "{}", event.id);
        }
    }
}

#[test]
fn light_days_go_together_in_groups_from_the_windows_first_day() {
    let s = on(date(2026, 3, 2), 3_000, 7);
    let days = timeline::days(&s);
    let group = days_a_piece(s.events.len(), days.len());
    assert_eq!(
        group,
        4,
        "{} events over {} days",
        s.events.len(),
        days.len()
    );
    let pieces = split(&s);
    assert_eq!(joined(&s, &pieces), s.events);
    let firsts: Vec<Date> = pieces.iter().filter_map(|p| p.day).collect();
    assert_eq!(
        firsts,
        days.iter().step_by(group).copied().collect::<Vec<_>>()
    );
    // Each piece holds exactly the events of its group's days.
    for (n, piece) in pieces.iter().enumerate() {
        let own = &days[n * group..days.len().min((n + 1) * group)];
        for event in &s.events[piece.events.clone()] {
            assert!(
                own.contains(&day_by_channel(&s, event)),
                "{} in {own:?}",
                event.id
            );
        }
    }
}

#[test]
fn a_piece_holds_as_many_days_as_make_its_least_events_at_the_average_density() {
    // A year of a busy channel: a day each.
    assert_eq!(days_a_piece(2_740 * 365, 365), 1);
    assert_eq!(days_a_piece(LEAST_PIECE_EVENTS, 1), 1);
    // Just under the least: two days.
    assert_eq!(days_a_piece(LEAST_PIECE_EVENTS - 1, 1), 2);
    // 140 events a day: four days (560 events).
    assert_eq!(days_a_piece(140 * 7_150, 7_150), 4);
    assert_eq!(days_a_piece(128 * 10, 10), 4);
    assert_eq!(days_a_piece(127 * 10, 10), 8);
    // A sparse schedule: never more than the most days.
    assert_eq!(days_a_piece(10, 30), MOST_DAYS_A_PIECE);
    assert_eq!(days_a_piece(0, 30), MOST_DAYS_A_PIECE);
    // No days (a window that cannot be placed): one group.
    assert_eq!(days_a_piece(300, 0), 1);
}

#[test]
fn days_are_cut_at_their_first_frame_across_a_short_and_a_long_day() {
    // The clocks change in Berlin at 02:00 on 29 March and 25 October 2026, so the broadcast
    // days (from 06:00) of the 28th and the 24th are 23 and 25 hours long.
    for (day, hours) in [(date(2026, 3, 28), 23), (date(2026, 10, 24), 25)] {
        let channel = sample_channel(FrameRate::FPS_25);
        let origin = channel.day_start_instant(day).expect("a day start");
        let day_frames = Frames(hours * 3600 * 25);
        let mut s = on(day, 0, 1);
        s.origin = origin;
        s.length = Frames(day_frames.0 * 2);
        s.events = vec![
            Event::new(
                "last",
                Frames(day_frames.0 - 1),
                Frames(1),
                "Last",
                EventKind::Ident,
            ),
            Event::new("next", day_frames, Frames(1), "Next", EventKind::Ident),
        ];
        let pieces = by_day(&s);
        let next_day = day.tomorrow().expect("a day");
        assert_eq!(
            pieces,
            vec![
                Piece {
                    day: Some(day),
                    events: 0..1
                },
                Piece {
                    day: Some(next_day),
                    events: 1..2
                },
            ],
            "a {hours}-hour day"
        );
    }
}

#[test]
fn a_busy_day_is_several_pieces_of_at_most_the_limit() {
    let mut s = on(date(2026, 1, 5), MAX_PIECE_EVENTS * 2 + 10, 3);
    // All of them on the first day, one frame apart.
    for (n, e) in s.events.iter_mut().enumerate() {
        e.start = Frames(n as i64);
        e.duration = Some(Frames(1));
    }
    let pieces = split(&s);
    let lengths: Vec<usize> = pieces.iter().map(|p| p.events.len()).collect();
    assert_eq!(lengths, vec![MAX_PIECE_EVENTS, MAX_PIECE_EVENTS, 10]);
    assert!(pieces.iter().all(|p| p.day == Some(date(2026, 1, 5))));
}

#[test]
fn events_outside_the_window_go_with_its_first_and_last_day_and_keep_their_order() {
    let mut s = on(date(2026, 1, 5), 200, 5);
    let last_day = *timeline::days(&s).last().expect("days");
    s.events[0].start = Frames(-500);
    s.events[199].start = Frames(s.length.0 + 10_000);
    // Out of order too: a late event early in the list.
    s.events.swap(3, 150);
    assert_eq!(joined(&s, &split(&s)), s.events);
    let pieces = by_day(&s);
    assert_eq!(joined(&s, &pieces), s.events);
    assert_eq!(pieces.first().and_then(|p| p.day), Some(date(2026, 1, 5)));
    assert_eq!(pieces.last().and_then(|p| p.day), Some(last_day));
}

#[test]
fn a_schedule_without_events_has_no_pieces() {
    assert_eq!(split(&on(date(2026, 1, 5), 0, 1)), Vec::new());
    assert_eq!(write_pieces(&on(date(2026, 1, 5), 0, 1)), Vec::new());
}

#[test]
fn a_changed_event_changes_only_its_own_piece() {
    // About 180 events a day, well inside the density of four days a piece (128–256), so the
    // edits below keep the groups.
    let mut s = on(date(2026, 1, 5), 2_000, 11);
    for event in &mut s.events {
        event.start = Frames(event.start.0 * 3 / 4);
    }
    s.length = Frames(s.length.0 * 3 / 4);
    assert_eq!(days_a_piece(s.events.len(), timeline::days(&s).len()), 4);
    let before = write_pieces(&s);
    let stored: Vec<u64> = before.iter().map(|p| p.fingerprint).collect();
    assert_eq!(changed(&stored, &before), Vec::<usize>::new());

    let pieces = split(&s);
    let mut edited = s.clone();
    let in_third = pieces[2].events.start + 1;
    edited.events[in_third].title = "Changed".into();
    assert_eq!(changed(&stored, &write_pieces(&edited)), vec![2]);

    // An event added within the third day: that day's piece grows, the others are as stored.
    let mut grown = s.clone();
    let mut extra = grown.events[in_third].clone();
    extra.id = crate::model::EventId::new("added");
    grown.events.insert(in_third + 1, extra);
    assert_eq!(changed(&stored, &write_pieces(&grown)), vec![2]);

    // The last group emptied (and the window ending with the events, so the density and the
    // groups stay): nothing before it changes; the stored list is longer than the new.
    let mut shorter = s.clone();
    shorter
        .events
        .truncate(pieces[pieces.len() - 1].events.start);
    let last = shorter.events.last().expect("events");
    shorter.length = Frames(last.start.0 + last.duration.map_or(1, |d| d.0));
    assert_eq!(
        days_a_piece(shorter.events.len(), timeline::days(&shorter).len()),
        days_a_piece(s.events.len(), timeline::days(&s).len())
    );
    assert_eq!(
        changed(&stored, &write_pieces(&shorter)),
        Vec::<usize>::new()
    );
    assert_eq!(write_pieces(&shorter).len(), stored.len() - 1);
}

#[test]
fn the_head_is_the_schedule_without_its_events() {
    let s = on(date(2026, 1, 5), 30, 2);
    let mut expected = s.clone();
    expected.events.clear();
    assert_eq!(head(&s), expected);
}

#[test]
fn a_fingerprint_stays_the_same_from_build_to_build() {
    // Stored fingerprints are compared with new ones after an update of the app; were this to
    // change, every piece would be written once more (never lost), and this test says so.
    assert_eq!(fingerprint("[]"), fingerprint(&String::from("[]")));
    assert_eq!(fingerprint("[]"), 9_756_833_880_170_659_181);
    assert_ne!(fingerprint("[]"), fingerprint("[ ]"));
}

#[test]
fn a_piece_that_does_not_read_says_where() {
    let error = read_piece("[{\"id\": 1}]").expect_err("not an event");
    assert_eq!((error.line, error.column > 0), (1, true), "{error}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Every piece stored and read back gives the schedule's events, whatever their order.
    #[test]
    fn pieces_written_and_read_give_back_the_events(
        events in 0usize..400,
        seed in any::<u64>(),
        swaps in proptest::collection::vec((0usize..400, 0usize..400), 0..20),
    ) {
        let mut s = on(date(2026, 10, 20), events, seed);
        for (a, b) in swaps {
            if a < events && b < events {
                s.events.swap(a, b);
            }
        }
        let mut back = head(&s);
        for piece in write_pieces(&s) {
            prop_assert_eq!(fingerprint(&piece.json), piece.fingerprint);
            back.events.extend(read_piece(&piece.json).expect("a piece reads"));
        }
        prop_assert_eq!(back, s);
    }
}
