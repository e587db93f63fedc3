//! Edit tests: each command, and exact undo/redo as a property.

use jiff::civil::date;
use jiff::Timestamp;
use proptest::prelude::*;

use super::*;
use crate::generate::{sample_channel, schedule};
use crate::model::{EventKind, Schedule};
use crate::time::FrameRate;

fn sample(events: usize) -> Schedule {
    let origin: Timestamp = "2026-03-27T05:00:00Z".parse().unwrap();
    schedule(events, 11, sample_channel(FrameRate::FPS_25), origin)
}

fn starts(s: &Schedule) -> Vec<i64> {
    s.events.iter().map(|e| e.start.get()).collect()
}

#[test]
fn ripple_trim_moves_the_following_run_up_to_the_next_fixed_event() {
    let mut s = sample(30);
    let fixed = 12;
    s.events[fixed].start_mode = StartMode::Fixed;
    for e in &mut s.events[1..fixed] {
        e.start_mode = StartMode::Follow;
    }
    let before = starts(&s);
    let old = s.events[0].duration.unwrap();
    let mut h = History::new();
    h.apply(
        &mut s,
        &Edit::Trim {
            index: 0,
            duration: old - Frames(25),
            ripple: true,
        },
    )
    .unwrap();
    let after = starts(&s);
    for i in 1..fixed {
        assert_eq!(after[i], before[i] - 25, "event {i} should move");
    }
    assert_eq!(
        after[fixed..],
        before[fixed..],
        "fixed events and after stay"
    );
    h.undo(&mut s);
    assert_eq!(starts(&s), before);
}

#[test]
fn move_keeps_the_list_in_time_order() {
    let mut s = sample(5);
    let last_end = s.events[4].end().unwrap();
    let id = s.events[0].id.clone();
    apply(
        &mut s,
        &Edit::Move {
            index: 0,
            start: last_end,
        },
    )
    .unwrap();
    assert_eq!(s.events[4].id, id);
    assert_eq!(s.events[4].start, last_end);
}

#[test]
fn refused_edits_change_nothing() {
    let mut s = sample(3);
    let before = s.clone();
    assert!(matches!(
        apply(
            &mut s,
            &Edit::Delete {
                index: 3,
                ripple: false
            }
        ),
        Err(EditError::NoSuchEvent { index: 3, len: 3 })
    ));
    assert!(matches!(
        apply(
            &mut s,
            &Edit::Trim {
                index: 0,
                duration: Frames(0),
                ripple: false
            }
        ),
        Err(EditError::NonPositiveDuration(0))
    ));
    let batch = Edit::Batch {
        label: "two".into(),
        edits: vec![
            Edit::Delete {
                index: 0,
                ripple: true,
            },
            Edit::Delete {
                index: 9,
                ripple: false,
            },
        ],
    };
    assert!(apply(&mut s, &batch).is_err());
    assert_eq!(s, before);
}

#[test]
fn copy_day_replaces_the_target_day_with_fresh_ids() {
    let mut s = sample(400); // a few days of events from 06:00 on 27 March
    let day = |d| s.channel.day_bounds(d).unwrap();
    let frames = |t| {
        s.channel
            .frames_between(s.origin, t, crate::time::Rounding::Nearest)
            .unwrap()
            .value
    };
    let (src_start, src_end) = day(date(2026, 3, 27));
    let (dst_start, dst_end) = day(date(2026, 3, 28));
    let (src_start, src_end, dst_start, dst_end) = (
        frames(src_start),
        frames(src_end),
        frames(dst_start),
        frames(dst_end),
    );
    let source: Vec<_> = s
        .events
        .iter()
        .filter(|e| e.start >= src_start && e.start < src_end)
        .cloned()
        .collect();
    let before = s.clone();
    let mut h = History::new();
    h.apply(
        &mut s,
        &Edit::CopyDay {
            from: date(2026, 3, 27),
            to: vec![date(2026, 3, 28)],
        },
    )
    .unwrap();
    let copied: Vec<_> = s
        .events
        .iter()
        .filter(|e| e.id.as_str().ends_with("@2026-03-28"))
        .collect();
    assert_eq!(copied.len(), source.len());
    // 28 March is the 23-hour broadcast day (clocks go forward at 02:00 on the 29th): copies keep
    // their offset from the day start, so the last hour of them runs into the next day.
    assert_eq!(dst_end - dst_start, Frames(23 * 3600 * 25));
    assert!(copied.iter().any(|e| e.start >= dst_end));
    assert!(
        s.events
            .iter()
            .filter(|e| e.start >= dst_start && e.start < dst_end)
            .all(|e| e.id.as_str().contains('@')),
        "what the target day held before is gone"
    );
    for (c, o) in copied.iter().zip(&source) {
        assert_eq!(c.start - dst_start, o.start - src_start);
        assert_eq!(c.title, o.title);
        assert_ne!(c.id, o.id);
    }
    let ids: std::collections::HashSet<_> = s.events.iter().map(|e| &e.id).collect();
    assert_eq!(ids.len(), s.events.len(), "ids stay unique");
    h.undo(&mut s);
    assert_eq!(s, before);
    assert!(matches!(
        apply(
            &mut s,
            &Edit::CopyDay {
                from: date(2026, 3, 27),
                to: vec![date(2026, 3, 27)]
            }
        ),
        Err(EditError::CopyOntoItself)
    ));
}

#[test]
fn history_reports_what_undo_and_redo_would_do() {
    let mut s = sample(3);
    let mut h = History::new();
    assert!(!h.can_undo());
    h.apply(
        &mut s,
        &Edit::SetStartMode {
            index: 1,
            mode: StartMode::Manual,
        },
    )
    .unwrap();
    assert_eq!(h.undo_label(), Some("Set start mode to manual"));
    assert_eq!(h.undo(&mut s).as_deref(), Some("Set start mode to manual"));
    assert!(h.can_redo());
    h.redo(&mut s);
    assert_eq!(s.events[1].start_mode, StartMode::Manual);
    assert_eq!(h.redo(&mut s), None);
}

/// A random edit that may or may not be valid for the schedule it meets.
fn arb_edit() -> impl Strategy<Value = Edit> {
    let index = 0usize..14;
    prop_oneof![
        (index.clone(), 0i64..5000, 1i64..500, any::<bool>()).prop_map(
            |(index, start, d, ripple)| {
                Edit::Insert {
                    index,
                    event: Event::new(
                        format!("new{start}"),
                        Frames(start),
                        Frames(d),
                        "New",
                        EventKind::Promo,
                    ),
                    ripple,
                }
            }
        ),
        (index.clone(), any::<bool>()).prop_map(|(index, ripple)| Edit::Delete { index, ripple }),
        (index.clone(), -100i64..50_000).prop_map(|(index, start)| Edit::Move {
            index,
            start: Frames(start)
        }),
        (index.clone(), -5i64..5000, any::<bool>()).prop_map(|(index, d, ripple)| Edit::Trim {
            index,
            duration: Frames(d),
            ripple
        }),
        (index.clone(), 0u8..3).prop_map(|(index, m)| Edit::SetStartMode {
            index,
            mode: [StartMode::Follow, StartMode::Fixed, StartMode::Manual][m as usize],
        }),
        (index, "[a-z]{1,8}").prop_map(|(index, title)| Edit::Replace {
            index,
            event: Event::new(
                title.clone(),
                Frames(0),
                Frames(10),
                title,
                EventKind::Ident
            ),
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn undoing_every_edit_gives_back_the_original_and_redo_the_end_state(
        size in 0usize..12,
        edits in proptest::collection::vec(arb_edit(), 0..40),
    ) {
        let original = sample(size);
        let mut s = original.clone();
        let mut h = History::new();
        for edit in &edits {
            let before = s.clone();
            if h.apply(&mut s, edit).is_err() {
                prop_assert_eq!(&s, &before, "a refused edit must change nothing");
            }
        }
        let end = s.clone();
        while h.undo(&mut s).is_some() {}
        prop_assert_eq!(&s, &original);
        while h.redo(&mut s).is_some() {}
        prop_assert_eq!(&s, &end);
    }
}
