//! Builder tests: known small builds, and the builder's promises as properties.

use jiff::Timestamp;
use proptest::prelude::*;

use super::*;
use crate::generate::{playlist, sample_channel};
use crate::time::FrameRate;
use crate::validate::{validate, Code};

fn start() -> Timestamp {
    "2026-06-01T04:00:00Z".parse().unwrap()
}

fn list(lengths: &[i64]) -> Playlist {
    Playlist {
        id: "p".into(),
        name: "P".into(),
        rate: FrameRate::FPS_25,
        items: lengths
            .iter()
            .enumerate()
            .map(|(i, &l)| MediaItem::new(format!("m{i}"), format!("Item {i}"), Frames(l)))
            .collect(),
        extra: Extra::new(),
    }
}

fn request(length: i64, order: Order, fill: Fill, ending: Ending) -> BuildRequest {
    BuildRequest {
        id: "built".into(),
        name: "Built".into(),
        channel: sample_channel(FrameRate::FPS_25),
        start: start(),
        end: BuildEnd::Length(Frames(length)),
        order,
        fill,
        ending,
        hard_starts: Vec::new(),
    }
}

fn spans(s: &Schedule) -> Vec<(i64, i64)> {
    s.events
        .iter()
        .map(|e| (e.start.get(), e.duration.unwrap().get()))
        .collect()
}

#[test]
fn sequential_loop_with_trim_cuts_the_last_item_to_the_end() {
    let built = build(
        &list(&[100, 50]),
        None,
        &request(320, Order::Sequential, Fill::Loop, Ending::Trim),
    )
    .unwrap();
    assert_eq!(
        spans(&built.schedule),
        vec![(0, 100), (100, 50), (150, 100), (250, 50), (300, 20)]
    );
    assert_eq!(built.schedule.events[4].out_point, Some(Frames(20)));
    assert_eq!(built.notes.len(), 1);
    assert_eq!(validate(&built.schedule), vec![]);
}

#[test]
fn play_once_leaves_a_flagged_gap_when_the_playlist_runs_out() {
    let built = build(
        &list(&[100, 50]),
        None,
        &request(200, Order::Sequential, Fill::Once, Ending::Trim),
    )
    .unwrap();
    assert_eq!(spans(&built.schedule), vec![(0, 100), (100, 50)]);
    let d = validate(&built.schedule);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].code, Code::Gap);
    assert!(built.notes[0].message.contains("playlist ran out"));
}

#[test]
fn filler_fills_the_remainder_exactly() {
    let filler = list(&[7, 3]);
    let built = build(
        &list(&[100]),
        Some(&filler),
        &request(125, Order::Sequential, Fill::Loop, Ending::Filler),
    )
    .unwrap();
    // 100 of programme, then filler 7 + 3 + 7 + 3 + 5 (cut) = 25.
    assert_eq!(
        spans(&built.schedule),
        vec![(0, 100), (100, 7), (107, 3), (110, 7), (117, 3), (120, 5)]
    );
    assert!(built.schedule.events[1..]
        .iter()
        .all(|e| e.kind == EventKind::Filler));
    assert_eq!(validate(&built.schedule), vec![]);
}

#[test]
fn a_hard_start_cuts_what_runs_before_it() {
    let mut req = request(500, Order::Sequential, Fill::Loop, Ending::Trim);
    req.hard_starts.push(HardStart {
        at: req.channel.instant_after(start(), Frames(230)).unwrap(),
        duration: Frames(50),
        title: "News".into(),
        kind: EventKind::Live,
        source: None,
    });
    let built = build(&list(&[100]), None, &req).unwrap();
    let s = &built.schedule;
    assert_eq!(
        spans(s),
        vec![
            (0, 100),
            (100, 100),
            (200, 30),
            (230, 50),
            (280, 100),
            (380, 100),
            (480, 20)
        ]
    );
    assert_eq!(s.events[3].start_mode, StartMode::Fixed);
    assert_eq!(validate(s), vec![]);
}

#[test]
fn gap_ending_stops_before_an_item_that_does_not_fit() {
    let built = build(
        &list(&[100]),
        None,
        &request(250, Order::Sequential, Fill::Loop, Ending::Gap),
    )
    .unwrap();
    assert_eq!(spans(&built.schedule), vec![(0, 100), (100, 100)]);
    assert_eq!(validate(&built.schedule)[0].code, Code::Gap);
}

#[test]
fn refuses_impossible_requests() {
    let p = list(&[100]);
    let req = request(0, Order::Sequential, Fill::Loop, Ending::Trim);
    assert_eq!(build(&p, None, &req), Err(BuildError::EmptyWindow));
    let mut empty = list(&[]);
    empty.items.push(MediaItem {
        duration: None,
        ..MediaItem::new("x", "X", Frames(0))
    });
    let req = request(100, Order::Sequential, Fill::Loop, Ending::Trim);
    assert!(matches!(
        build(&empty, None, &req),
        Err(BuildError::NothingPlayable(_))
    ));
    let mut late = request(100, Order::Sequential, Fill::Loop, Ending::Trim);
    late.hard_starts.push(HardStart {
        at: late.channel.instant_after(start(), Frames(90)).unwrap(),
        duration: Frames(50),
        title: "Late".into(),
        kind: EventKind::Live,
        source: None,
    });
    assert!(matches!(
        build(&p, None, &late),
        Err(BuildError::HardStartOutsideWindow { .. })
    ));
}

#[test]
fn no_repeat_window_never_repeats_recent_items() {
    let p = list(&[10, 11, 12, 13, 14, 15]);
    let req = request(
        5000,
        Order::ShuffleNoRepeat { seed: 3, window: 4 },
        Fill::Loop,
        Ending::Trim,
    );
    let built = build(&p, None, &req).unwrap();
    let titles: Vec<&str> = built
        .schedule
        .events
        .iter()
        .map(|e| e.title.as_str())
        .collect();
    for (i, t) in titles.iter().enumerate() {
        let recent = &titles[i.saturating_sub(4)..i];
        assert!(!recent.contains(t), "{t} repeats within 4 at {i}");
    }
}

#[test]
fn items_at_another_rate_are_converted_and_the_rounding_reported() {
    let mut p = list(&[25, 50]);
    p.rate = FrameRate::FPS_29_97_NDF;
    let built = build(
        &p,
        None,
        &request(1000, Order::Sequential, Fill::Loop, Ending::Trim),
    )
    .unwrap();
    // 25 frames at 29.97 is 0.834 s: 21 frames at 25 (20.85 rounded).
    assert_eq!(built.schedule.events[0].duration, Some(Frames(21)));
    assert!(built.notes.iter().any(|n| n.message.contains("rounded")));
}

fn arb_order() -> impl Strategy<Value = Order> {
    prop_oneof![
        Just(Order::Sequential),
        any::<u64>().prop_map(|seed| Order::Shuffle { seed }),
        (any::<u64>(), 0usize..8)
            .prop_map(|(seed, window)| Order::ShuffleNoRepeat { seed, window }),
    ]
}

fn arb_ending() -> impl Strategy<Value = Ending> {
    prop_oneof![Just(Ending::Trim), Just(Ending::Filler), Just(Ending::Gap)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn builds_never_overlap(
        items in 1usize..30,
        seed in any::<u64>(),
        order in arb_order(),
        ending in arb_ending(),
        once in any::<bool>(),
        hours in 1i64..30,
        news_at in proptest::option::of(0i64..3600),
    ) {
        let p = playlist(items, seed, FrameRate::FPS_25);
        let filler = playlist(3, seed ^ 1, FrameRate::FPS_25);
        let fill = if once { Fill::Once } else { Fill::Loop };
        let mut req = request(hours * 3600 * 25, order, fill, ending);
        if let Some(minute) = news_at {
            let at = Frames(minute * 25 * 60 % (hours * 3600 * 25 - 25 * 60).max(1));
            req.hard_starts.push(HardStart {
                at: req.channel.instant_after(start(), at).unwrap(),
                duration: Frames(25 * 60),
                title: "News".into(),
                kind: EventKind::Live,
                source: None,
            });
        }
        let built = build(&p, Some(&filler), &req).unwrap();
        let bad: Vec<_> = validate(&built.schedule)
            .into_iter()
            .filter(|d| matches!(d.code, Code::Overlap | Code::HardStartMissed | Code::OutsideWindow))
            .collect();
        prop_assert!(bad.is_empty(), "{:?}", bad);
        prop_assert!(built.schedule.events.windows(2).all(|w| w[0].end().unwrap() <= w[1].start));
    }

    #[test]
    fn a_looped_fill_with_trim_ends_exactly_on_the_end_frame(
        items in 1usize..20,
        seed in any::<u64>(),
        order in arb_order(),
        length in 1i64..2_000_000,
    ) {
        let p = playlist(items, seed, FrameRate::FPS_25);
        let built = build(&p, None, &request(length, order, Fill::Loop, Ending::Trim)).unwrap();
        let events = &built.schedule.events;
        prop_assert_eq!(events.last().unwrap().end(), Some(Frames(length)));
        prop_assert_eq!(events[0].start, Frames::ZERO);
        prop_assert!(events.windows(2).all(|w| w[0].end() == Some(w[1].start)));
    }

    #[test]
    fn the_same_seed_gives_the_same_schedule(order in arb_order()) {
        let p = playlist(25, 5, FrameRate::FPS_25);
        let req = request(6 * 3600 * 25, order, Fill::Loop, Ending::Trim);
        let a = build(&p, None, &req).unwrap();
        let b = build(&p, None, &req).unwrap();
        prop_assert_eq!(a, b);
    }
}
