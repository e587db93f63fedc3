//! Edit tests: each command, and exact undo/redo as a property.

use jiff::civil::date;
use jiff::Timestamp;
use proptest::prelude::*;

use super::*;
use crate::generate::{sample_channel, schedule};
use crate::ids::IdCounts;
use crate::model::{EventId, EventKind, Schedule};
use crate::time::FrameRate;

pub(crate) fn sample(events: usize) -> Schedule {
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
    assert_eq!(h.undo_label(), None);
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
    assert_eq!(h.redo_label(), Some("Set start mode to manual"));
    h.redo(&mut s);
    assert_eq!(s.events[1].start_mode, StartMode::Manual);
    assert_eq!(h.redo(&mut s), None);
}

#[test]
fn an_op_that_does_not_fit_the_schedule_changes_nothing() {
    let original = sample(3);
    let event = original.events[0].clone();
    for op in [
        Op::Insert {
            index: 4,
            event: event.clone(),
        },
        Op::Remove {
            index: 3,
            event: event.clone(),
        },
        Op::Replace {
            index: 3,
            before: event.clone(),
            after: event.clone(),
        },
        Op::Shift {
            range: 2..4,
            delta: Frames(25),
        },
    ] {
        let mut s = original.clone();
        op.apply(&mut s);
        assert_eq!(s, original, "{op:?}");
    }
}

/// A random edit that may or may not be valid for the schedule it meets.
pub(crate) fn arb_edit() -> impl Strategy<Value = Edit> {
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
        (proptest::collection::vec(0usize..14, 1..4), 0usize..15).prop_map(|(mut indices, to)| {
            indices.sort_unstable();
            indices.dedup();
            Edit::Reorder { indices, to }
        }),
        (0i8..3, proptest::collection::vec(0i8..4, 0..3)).prop_map(|(from, to)| Edit::CopyDay {
            from: date(2026, 3, 27 + from),
            to: to.into_iter().map(|d| date(2026, 3, 27 + d)).collect(),
        }),
        (index.clone(), index.clone()).prop_map(|(a, b)| Edit::Batch {
            label: "two".into(),
            edits: vec![
                Edit::Delete {
                    index: a,
                    ripple: true
                },
                Edit::SetStartMode {
                    index: b,
                    mode: StartMode::Manual
                },
            ],
        }),
        (0usize..10).prop_map(|r| {
            let mut channel = sample_channel(FrameRate::ALL[r]);
            channel.zone = crate::channel::Zone::new("America/New_York").unwrap();
            Edit::SetChannel { channel }
        }),
        (index.clone(), "[a-z]{1,8}").prop_map(|(index, title)| Edit::Replace {
            index,
            event: Event::new(
                title.clone(),
                Frames(0),
                Frames(10),
                title,
                EventKind::Ident
            ),
        }),
        // A run replaced by events of its own (kept in time order by starting where the run
        // may have started, or anywhere: the check must follow either way).
        (
            index,
            0usize..5,
            proptest::collection::vec((0i64..60_000, 0i64..3000), 0..5)
        )
            .prop_map(|(index, count, events)| Edit::Splice {
                index,
                count,
                events: events
                    .into_iter()
                    .map(|(start, d)| Event::new(
                        format!("s{start}"),
                        Frames(start),
                        Frames(d),
                        "Spliced",
                        EventKind::Commercial,
                    ))
                    .collect::<Vec<_>>()
                    .into(),
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

fn ids(s: &Schedule) -> Vec<&str> {
    s.events.iter().map(|e| e.id.as_str()).collect()
}

#[test]
fn moving_a_block_down_lays_the_touched_run_out_again_back_to_back() {
    let mut s = sample(6);
    for e in &mut s.events {
        e.start_mode = StartMode::Follow;
    }
    let original = s.clone();
    let edit = move_events(&s, &[1, 2], false).unwrap();
    assert_eq!(
        edit,
        Edit::Reorder {
            indices: vec![1, 2],
            to: 4
        }
    );
    let mut h = History::new();
    h.apply(&mut s, &edit).unwrap();
    let o = &original.events;
    assert_eq!(
        ids(&s),
        vec![
            o[0].id.as_str(),
            &o[3].id.0,
            &o[1].id.0,
            &o[2].id.0,
            &o[4].id.0,
            &o[5].id.0
        ]
    );
    // Back to back from where the run began; the run's length, so event 4 on, is unchanged.
    assert_eq!(s.events[1].start, o[1].start);
    for w in s.events[..4].windows(2) {
        assert_eq!(w[1].start, w[0].end().unwrap());
    }
    assert_eq!(s.events[4..], original.events[4..]);
    assert_eq!(h.undo_label(), Some("Move 2 events"));
    h.undo(&mut s);
    assert_eq!(s, original);
}

#[test]
fn a_block_at_the_edge_does_not_move_further() {
    let s = sample(3);
    assert_eq!(move_events(&s, &[0], true), None);
    assert_eq!(move_events(&s, &[2], false), None);
    assert_eq!(
        move_events(&s, &[0], false),
        Some(Edit::Reorder {
            indices: vec![0],
            to: 2
        })
    );
    assert_eq!(move_events(&s, &[], false), None);
    assert_eq!(move_events(&s, &[2, 0], true), None);
    assert_eq!(
        move_events(&s, &[1], true),
        Some(Edit::Reorder {
            indices: vec![1],
            to: 0
        })
    );
}

#[test]
fn a_bad_reorder_is_refused_and_changes_nothing() {
    let mut s = sample(3);
    let before = s.clone();
    for edit in [
        Edit::Reorder {
            indices: vec![],
            to: 0,
        },
        Edit::Reorder {
            indices: vec![2, 1],
            to: 0,
        },
        Edit::Reorder {
            indices: vec![1, 1],
            to: 0,
        },
        Edit::Reorder {
            indices: vec![3],
            to: 0,
        },
        Edit::Reorder {
            indices: vec![0],
            to: 4,
        },
    ] {
        assert_eq!(
            apply(&mut s, &edit),
            Err(EditError::BadSelection),
            "{edit:?}"
        );
    }
    assert_eq!(s, before);
}

#[test]
fn deleting_a_selection_is_one_step_of_its_sorted_distinct_positions() {
    assert_eq!(delete_events(&[], true), None);
    assert_eq!(
        delete_events(&[4], false),
        Some(Edit::Delete {
            index: 4,
            ripple: false
        })
    );
    let edit = delete_events(&[1, 4, 1, 2], true);
    assert_eq!(
        edit,
        Some(Edit::DeleteEvents {
            indices: vec![1, 2, 4],
            ripple: true
        })
    );
    assert_eq!(edit.map(|e| e.label()).as_deref(), Some("Delete 3 events"));
    let mut s = sample(6);
    let original = s.clone();
    let mut h = History::new();
    h.apply(&mut s, &delete_events(&[1, 4], false).unwrap())
        .unwrap();
    let o = &original.events;
    assert_eq!(
        s.events,
        vec![o[0].clone(), o[2].clone(), o[3].clone(), o[5].clone()]
    );
    h.undo(&mut s);
    assert_eq!(s, original);
}

#[test]
fn inserted_items_run_back_to_back_with_fresh_ids_and_push_the_rest_later() {
    let mut s = sample(3);
    for e in &mut s.events {
        e.start_mode = StartMode::Follow;
    }
    let original = s.clone();
    let mut item =
        crate::model::MediaItem::new(original.events[0].id.0.clone(), "Promo", Frames(250));
    item.kind = EventKind::Promo;
    item.in_point = Some(Frames(50));
    item.out_point = Some(Frames(150));
    item.source = Some("promo.mxf".into());
    let from_item = event_from_item(&item, FrameRate::FPS_25, FrameRate::FPS_25);
    assert_eq!(
        from_item.duration,
        Some(Frames(100)),
        "the played length is out − in"
    );
    assert_eq!(from_item.media_duration, Some(Frames(250)));
    // At another rate every time converts to the nearest frame: 4 s is 119.88 frames at 29.97.
    let converted = event_from_item(&item, FrameRate::FPS_25, FrameRate::FPS_29_97_NDF);
    assert_eq!(
        (
            converted.duration,
            converted.in_point,
            converted.out_point,
            converted.media_duration
        ),
        (
            Some(Frames(120)),
            Some(Frames(60)),
            Some(Frames(180)),
            Some(Frames(300))
        )
    );
    let ids = IdCounts::of(&s);
    let edit = insert_events(
        &s,
        &ids,
        1,
        vec![from_item.clone(), from_item.clone()],
        true,
    )
    .unwrap();
    apply(&mut s, &edit).unwrap();
    let at = original.events[0].end().unwrap();
    let mut first = from_item.clone();
    first.id = EventId::new(format!("{}-2", original.events[0].id));
    first.start = at;
    let mut second = from_item;
    second.id = EventId::new(format!("{}-3", original.events[0].id));
    second.start = at + Frames(100);
    assert_eq!(s.events[1], first);
    assert_eq!(s.events[2], second);
    assert_eq!(s.events[3].start, original.events[1].start + Frames(200));
    assert_eq!(s.events.len(), 5);
    assert_eq!(insert_events(&s, &ids, 9, vec![first], true), None);
    assert_eq!(insert_events(&s, &ids, 0, vec![], true), None);
}

fn form(s: &Schedule, index: usize) -> EventChanges {
    EventChanges::of(s, index).unwrap()
}

#[test]
fn a_form_with_bad_fields_reports_each_and_changes_nothing() {
    let s = sample(3);
    let mut f = form(&s, 1);
    f.duration = "00:00:10:99".into();
    f.out_point = "soon".into();
    f.title = " ".into();
    f.start_mode = StartMode::Fixed;
    f.start = "6 pm".into();
    let errors = f.edit(&s, 1).unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, vec!["duration", "out_point", "start", "title"]);
    assert!(
        errors[0].message.contains("00:00:10:99"),
        "{}",
        errors[0].message
    );
}

#[test]
fn a_form_as_it_was_is_no_edit_and_a_changed_one_is_one_step() {
    let mut s = sample(4);
    for e in &mut s.events {
        e.start_mode = StartMode::Follow;
    }
    let original = s.clone();
    assert_eq!(form(&s, 1).edit(&s, 1), Ok(None));
    let mut f = form(&s, 1);
    f.title = "Weather".into();
    f.kind = EventKind::Live;
    f.notes = "from the roof".into();
    f.duration = "00:01:00:00".into();
    let edit = f.edit(&s, 1).unwrap().unwrap();
    let mut h = History::new();
    h.apply(&mut s, &edit).unwrap();
    let mut expected = original.events[1].clone();
    expected.title = "Weather".into();
    expected.kind = EventKind::Live;
    expected.notes = "from the roof".into();
    expected.set_duration(Frames(1500));
    assert_eq!(s.events[1], expected);
    assert_eq!(s.events[2].start, expected.end().unwrap(), "ripple");
    assert_eq!(h.undo_label(), Some("Edit 'Weather'"));
    h.undo(&mut s);
    assert_eq!(s, original);
}

#[test]
fn a_fixed_start_typed_on_the_on_air_clock_moves_the_event() {
    let mut s = sample(4);
    let mut f = form(&s, 3);
    f.start_mode = StartMode::Fixed;
    // 06:00 on the first broadcast day is frame zero (05:00 UTC is 06:00 in Berlin in March).
    f.start = "07:00:00:00".into();
    let edit = f.edit(&s, 3).unwrap().unwrap();
    apply(&mut s, &edit).unwrap();
    let moved = s
        .events
        .iter()
        .find(|e| e.start == Frames(25 * 3600))
        .unwrap();
    assert_eq!(moved.start_mode, StartMode::Fixed);
    assert_eq!(moved.id, sample(4).events[3].id);
}

#[test]
fn new_in_and_out_points_set_the_length() {
    let mut s = sample(2);
    let mut f = form(&s, 0);
    f.in_point = "00:00:02:00".into();
    f.out_point = "00:00:12:00".into();
    let edit = f.edit(&s, 0).unwrap().unwrap();
    apply(&mut s, &edit).unwrap();
    assert_eq!(
        (
            s.events[0].in_point,
            s.events[0].out_point,
            s.events[0].duration
        ),
        (Some(Frames(50)), Some(Frames(300)), Some(Frames(250)))
    );
}

#[test]
fn a_new_rate_converts_every_time_and_reports_what_it_rounded() {
    let mut s = sample(3);
    s.events[0].start = Frames(0);
    s.events[0].duration = Some(Frames(50)); // 2 s: 59.94 frames at 29.97, rounded to 60
    s.events[0].in_point = Some(Frames(25)); // 1 s: 29.97, rounded to 30
    s.events[0].out_point = Some(Frames(75));
    s.events[1].start = Frames(50);
    s.events[1].duration = Some(Frames(1000)); // 40 s: 1198.8, rounded
    s.events.truncate(2);
    s.length = Frames(1050);
    let original = s.clone();
    let mut channel = s.channel.clone();
    channel.rate = FrameRate::FPS_29_97_NDF;
    let report = rate_change(&s, &channel).unwrap();
    assert_eq!(
        report,
        vec![
            RoundedEvent {
                index: 0,
                title: s.events[0].title.clone(),
                fields: vec!["duration", "in", "out"]
            },
            RoundedEvent {
                index: 1,
                title: s.events[1].title.clone(),
                fields: vec!["start", "duration"]
            },
        ]
    );
    assert_eq!(
        describe_rounding(&report[1]),
        format!("'{}' (start, duration)", s.events[1].title)
    );
    let mut h = History::new();
    h.apply(
        &mut s,
        &Edit::SetChannel {
            channel: channel.clone(),
        },
    )
    .unwrap();
    assert_eq!(s.channel, channel);
    assert_eq!(
        (
            s.events[0].start,
            s.events[0].duration,
            s.events[0].in_point,
            s.events[0].out_point
        ),
        (
            Frames(0),
            Some(Frames(60)),
            Some(Frames(30)),
            Some(Frames(90))
        )
    );
    assert_eq!(
        (s.events[1].start, s.events[1].duration),
        (Frames(60), Some(Frames(1199)))
    );
    assert_eq!(s.length, Frames(1259));
    h.undo(&mut s);
    assert_eq!(s, original);
}

#[test]
fn a_new_zone_keeps_every_instant_and_the_broadcast_days_follow() {
    let mut s = sample(40);
    let before = s.clone();
    let mut channel = s.channel.clone();
    channel.zone = crate::channel::Zone::new("America/New_York").unwrap();
    assert_eq!(rate_change(&s, &channel).unwrap(), vec![]);
    apply(
        &mut s,
        &Edit::SetChannel {
            channel: channel.clone(),
        },
    )
    .unwrap();
    assert_eq!(s.events, before.events);
    assert_eq!((s.origin, s.length), (before.origin, before.length));
    // 05:00 UTC on 27 March is 01:00 in New York: still the broadcast day of 26 March.
    assert_eq!(crate::timeline::days(&s)[0], date(2026, 3, 26));
}

#[test]
fn every_edit_names_itself_for_the_undo_menu() {
    let s = sample(3);
    let mut news = s.events[0].clone();
    news.title = "News".into();
    let mut channel = s.channel.clone();
    channel.name = "Two".into();
    channel.rate = FrameRate::FPS_50;
    let day = date(2026, 3, 27);
    let labels: Vec<String> = [
        Edit::Insert {
            index: 0,
            event: news.clone(),
            ripple: false,
        },
        Edit::Delete {
            index: 0,
            ripple: true,
        },
        Edit::Move {
            index: 0,
            start: Frames(5),
        },
        Edit::Trim {
            index: 0,
            duration: Frames(5),
            ripple: false,
        },
        Edit::SetStartMode {
            index: 0,
            mode: StartMode::Manual,
        },
        Edit::Replace {
            index: 0,
            event: news,
        },
        Edit::Reorder {
            indices: vec![1],
            to: 0,
        },
        Edit::Reorder {
            indices: vec![1, 2],
            to: 0,
        },
        Edit::SetChannel { channel },
        Edit::CopyDay {
            from: day,
            to: vec![date(2026, 3, 28), date(2026, 3, 29)],
        },
        Edit::Batch {
            label: "Fix 3 gaps".into(),
            edits: vec![],
        },
    ]
    .iter()
    .map(Edit::label)
    .collect();
    assert_eq!(
        labels,
        [
            "Insert 'News'",
            "Delete event",
            "Move event",
            "Trim event",
            "Set start mode to manual",
            "Edit event",
            "Move event",
            "Move 2 events",
            "Set channel to Two at 50",
            "Copy 2026-03-27 to 2 day(s)",
            "Fix 3 gaps",
        ]
    );
}

#[test]
fn ripple_delete_pulls_the_following_run_earlier_up_to_the_next_fixed_event() {
    let mut s = sample(12);
    let fixed = 6;
    for e in &mut s.events[1..] {
        e.start_mode = StartMode::Follow;
    }
    s.events[fixed].start_mode = StartMode::Fixed;
    let before = starts(&s);
    let length = s.events[2].duration.unwrap().get();
    let original = s.clone();
    let mut h = History::new();
    h.apply(
        &mut s,
        &Edit::Delete {
            index: 2,
            ripple: true,
        },
    )
    .unwrap();
    let mut expected: Vec<i64> = before[..2].to_vec();
    expected.extend(before[3..fixed].iter().map(|start| start - length));
    expected.extend(&before[fixed..]);
    assert_eq!(starts(&s), expected);
    h.undo(&mut s);
    assert_eq!(s, original);
}

#[test]
fn copy_day_keeps_offsets_from_a_later_day_and_numbers_ids_past_those_taken() {
    let mut s = sample(3);
    let start_of = |s: &Schedule, d| {
        let (start, _) = s.channel.day_bounds(d).unwrap();
        s.channel
            .frames_between(s.origin, start, crate::time::Rounding::Nearest)
            .unwrap()
            .value
    };
    let (d28, d29, d30, d31) = (
        start_of(&s, date(2026, 3, 28)),
        start_of(&s, date(2026, 3, 29)),
        start_of(&s, date(2026, 3, 30)),
        start_of(&s, date(2026, 3, 31)),
    );
    let event = |id: &str, start: Frames| {
        Event::new(
            id,
            start,
            Frames(100),
            id.to_uppercase(),
            EventKind::Programme,
        )
    };
    s.length = d31 + Frames(100);
    s.events = vec![
        // Ids a copy of "a" onto the 30th would take: it gets the next free number.
        event("a@2026-03-30", Frames(0)),
        event("a@2026-03-30-2", Frames(100)),
        event("a", d28),
        event("b", d28 + Frames(100)),
        // Starts where the 28th ends: the 29th's, not copied.
        event("c", d29),
        event("z", d30 + Frames(7)),
        // Starts where the 30th ends: stays.
        event("d", d31),
    ];
    apply(
        &mut s,
        &Edit::CopyDay {
            from: date(2026, 3, 28),
            to: vec![date(2026, 3, 30)],
        },
    )
    .unwrap();
    let placed: Vec<(&str, Frames)> = s.events.iter().map(|e| (e.id.as_str(), e.start)).collect();
    assert_eq!(
        placed,
        [
            ("a@2026-03-30", Frames(0)),
            ("a@2026-03-30-2", Frames(100)),
            ("a", d28),
            ("b", d28 + Frames(100)),
            ("c", d29),
            ("a@2026-03-30-3", d30),
            ("b@2026-03-30", d30 + Frames(100)),
            ("d", d31),
        ]
    );
}

#[test]
fn inserting_at_the_end_appends_after_the_last_event() {
    let s = sample(3);
    let mut news = s.events[0].clone();
    news.id = EventId::new("news");
    let last_end = s.events[2].end_or_start();
    let edit = insert_events(&s, &IdCounts::of(&s), 3, vec![news.clone()], false);
    news.start = last_end;
    assert_eq!(
        edit,
        Some(Edit::Insert {
            index: 3,
            event: news,
            ripple: false
        })
    );
    assert_eq!(
        insert_events(&s, &IdCounts::of(&s), 4, vec![s.events[0].clone()], false),
        None
    );
}

#[test]
fn a_form_that_changes_one_field_is_that_one_edit() {
    let s = sample(3);
    let mut f = form(&s, 1);
    f.start_mode = StartMode::Manual;
    let mut manual = s.events[1].clone();
    manual.start_mode = StartMode::Manual;
    assert_eq!(
        f.edit(&s, 1),
        Ok(Some(Edit::Replace {
            index: 1,
            event: manual
        }))
    );
}

#[test]
fn a_typed_length_wins_over_new_in_and_out_points_and_moves_the_out_point() {
    let mut s = sample(2);
    s.events[0].in_point = Some(Frames(0));
    s.events[0].out_point = s.events[0].duration;
    let mut f = form(&s, 0);
    f.in_point = "00:00:02:00".into();
    f.out_point = "00:00:12:00".into();
    f.duration = "00:00:20:00".into();
    let edit = f.edit(&s, 0).unwrap().unwrap();
    apply(&mut s, &edit).unwrap();
    assert_eq!(
        (
            s.events[0].in_point,
            s.events[0].out_point,
            s.events[0].duration
        ),
        (Some(Frames(50)), Some(Frames(550)), Some(Frames(500)))
    );
    // A new length alone, with in and out points set, moves the out point.
    let mut f = form(&s, 0);
    f.duration = "00:00:04:00".into();
    let edit = f.edit(&s, 0).unwrap().unwrap();
    apply(&mut s, &edit).unwrap();
    assert_eq!(
        (
            s.events[0].in_point,
            s.events[0].out_point,
            s.events[0].duration
        ),
        (Some(Frames(50)), Some(Frames(150)), Some(Frames(100)))
    );
}

#[test]
fn moving_an_event_up_past_two_others_lays_the_run_out_again() {
    let mut s = sample(5);
    for e in &mut s.events {
        e.start_mode = StartMode::Follow;
    }
    let o = s.clone().events;
    apply(
        &mut s,
        &Edit::Reorder {
            indices: vec![3],
            to: 1,
        },
    )
    .unwrap();
    assert_eq!(
        ids(&s),
        [&o[0].id.0, &o[3].id.0, &o[1].id.0, &o[2].id.0, &o[4].id.0]
    );
    assert_eq!(s.events[1].start, o[1].start);
    for w in s.events[..4].windows(2) {
        assert_eq!(w[1].start, w[0].end().unwrap());
    }
    assert_eq!(s.events[4], o[4]);
}

#[test]
fn a_ripple_with_nothing_to_move_records_only_the_edit() {
    let mut s = sample(3);
    let last = s.events[2].clone();
    let mut trimmed = last.clone();
    trimmed.set_duration(Frames(10));
    let tx = apply(
        &mut s,
        &Edit::Trim {
            index: 2,
            duration: Frames(10),
            ripple: true,
        },
    )
    .unwrap();
    assert_eq!(
        tx.ops,
        [Op::Replace {
            index: 2,
            before: last.clone(),
            after: trimmed.clone()
        }]
    );
    // A trim to the same length changes nothing, so records nothing.
    let same = s.events[0].duration.unwrap();
    let tx = apply(
        &mut s,
        &Edit::Trim {
            index: 0,
            duration: same,
            ripple: true,
        },
    )
    .unwrap();
    assert_eq!(tx.ops, []);
}

/// Every event of `s` retitled `title`: a splice of them replaces the whole schedule.
fn retitled(s: &Schedule, title: &str) -> Edit {
    let events: Vec<Event> = s
        .events
        .iter()
        .map(|e| Event {
            title: title.into(),
            ..e.clone()
        })
        .collect();
    Edit::Splice {
        index: 0,
        count: s.events.len(),
        events: events.into(),
    }
}

#[test]
fn an_edit_bigger_than_undo_can_hold_is_refused_and_changes_nothing() {
    // After the delete, one event more than half of what undo holds: the splice is just over.
    let half = UNDO_EVENTS / 2 + 2;
    let mut s = sample(half);
    let mut h = History::new();
    h.apply(
        &mut s,
        &Edit::Delete {
            index: 0,
            ripple: false,
        },
    )
    .unwrap();
    let (schedule, history) = (s.clone(), h.clone());
    let too_big = retitled(&s, "too big");
    assert_eq!(
        h.apply(&mut s, &too_big),
        Err(EditError::TooBigToUndo {
            events: 2 * (half - 1),
            limit: UNDO_EVENTS
        })
    );
    assert_eq!((s, h), (schedule, history));
}

#[test]
fn the_oldest_steps_are_forgotten_once_the_history_holds_more_events_than_undo_can() {
    // Each splice puts in and takes out every event: half of what undo holds.
    let mut s = sample(UNDO_EVENTS / 4);
    let original = s.clone();
    let mut h = History::new();
    let mut steps = Vec::new();
    let mut states = vec![s.clone()];
    for title in ["one", "two", "three"] {
        let edit = retitled(&s, title);
        steps.push(h.apply_step(&mut s, &edit).unwrap());
        states.push(s.clone());
    }
    // A log replayed from the start forgets the very same steps.
    let mut replayed = (original, History::new());
    for step in &steps {
        assert!(replayed.1.replay(&mut replayed.0, step));
    }
    assert_eq!(replayed, (s.clone(), h.clone()));
    assert_eq!(
        h.undo(&mut s).as_deref(),
        Some("Replace 62500 event(s) with 62500")
    );
    assert_eq!(
        h.undo(&mut s).as_deref(),
        Some("Replace 62500 event(s) with 62500")
    );
    assert_eq!(
        s, states[1],
        "the first splice stays: undo no longer reaches it"
    );
    assert_eq!(h.undo(&mut s), None);
    assert_eq!(
        h.redo(&mut s).as_deref(),
        Some("Replace 62500 event(s) with 62500")
    );
    assert_eq!(s, states[2]);
}
