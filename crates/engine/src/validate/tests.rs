//! Validation tests: each diagnostic on a small schedule, and fixes as a property.

use std::collections::HashMap;

use jiff::Timestamp;
use proptest::prelude::*;

use super::*;
use crate::edit::{apply, Edit};
use crate::generate::sample_channel;
use crate::model::{EventKind, Extra, StartMode};
use crate::time::FrameRate;

fn schedule(length: i64, events: Vec<Event>) -> Schedule {
    Schedule {
        id: "s".into(),
        name: "S".into(),
        channel: sample_channel(FrameRate::FPS_25),
        origin: "2026-01-01T05:00:00Z".parse::<Timestamp>().unwrap(),
        length: Frames(length),
        events,
        extra: Extra::new(),
    }
}

fn ev(id: &str, start: i64, duration: i64) -> Event {
    Event::new(
        id,
        Frames(start),
        Frames(duration),
        id.to_uppercase(),
        EventKind::Programme,
    )
}

fn codes(s: &Schedule) -> Vec<(Code, Option<String>)> {
    validate(s)
        .into_iter()
        .map(|d| (d.code, d.event.map(|e| e.0)))
        .collect()
}

#[test]
fn a_back_to_back_schedule_filling_its_window_is_clean() {
    let s = schedule(
        300,
        vec![ev("a", 0, 100), ev("b", 100, 100), ev("c", 200, 100)],
    );
    assert_eq!(validate(&s), vec![]);
}

#[test]
fn reports_every_problem_not_just_the_first() {
    let mut fixed = ev("d", 250, 10);
    fixed.start_mode = StartMode::Fixed;
    let s = schedule(
        300,
        vec![
            ev("a", 0, 100),
            ev("b", 90, 100),  // overlaps a
            ev("c", 200, 0),   // zero length, takes no air time
            fixed,             // gap 190..250
            ev("b", 260, 100), // duplicate id, runs past the window
        ],
    );
    let got = codes(&s);
    let expect = |code, id: &str| (code, Some(id.to_owned()));
    for wanted in [
        expect(Code::Overlap, "b"),
        expect(Code::NonPositiveDuration, "c"),
        expect(Code::Gap, "d"),
        expect(Code::DuplicateId, "b"),
        expect(Code::OutsideWindow, "b"),
    ] {
        assert!(got.contains(&wanted), "missing {wanted:?} in {got:?}");
    }
}

#[test]
fn a_fixed_event_run_over_is_a_missed_hard_start() {
    let mut news = ev("news", 100, 50);
    news.start_mode = StartMode::Fixed;
    let s = schedule(150, vec![ev("film", 0, 110), news]);
    let d = validate(&s);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].code, Code::HardStartMissed);
    assert_eq!(d[0].severity, Severity::Error);
    assert!(d[0].message.contains("00:00:00:10"), "{}", d[0].message);
    assert_eq!(
        d[0].fixes[0].edit,
        Edit::Trim {
            index: 0,
            duration: Frames(100),
            ripple: false
        }
    );
}

#[test]
fn unknown_lengths_are_warned_about_and_hide_the_gap_after_them() {
    let mut unknown = ev("u", 100, 0);
    unknown.duration = None;
    let s = schedule(300, vec![ev("a", 0, 100), unknown, ev("c", 200, 100)]);
    assert_eq!(codes(&s), vec![(Code::UnknownDuration, Some("u".into()))]);
}

#[test]
fn in_and_out_points_must_lie_inside_the_media() {
    let mut e = ev("a", 0, 100);
    e.media_duration = Some(Frames(80));
    e.in_point = Some(Frames(0));
    e.out_point = Some(Frames(100));
    let s = schedule(100, vec![e]);
    let d = validate(&s);
    assert_eq!(d[0].code, Code::InOutOutsideMedia);
    let mut fixed = s.clone();
    apply(&mut fixed, &d[0].fixes[0].edit).unwrap();
    assert_eq!(fixed.events[0].out_point, Some(Frames(80)));
    assert_eq!(fixed.events[0].duration, Some(Frames(80)));
}

#[test]
fn leading_and_trailing_dead_air_are_gaps() {
    let s = schedule(300, vec![ev("a", 50, 100)]);
    let d = validate(&s);
    assert_eq!(d.len(), 2);
    assert!(d.iter().all(|d| d.code == Code::Gap));
    assert_eq!(d[0].region, Some((Frames(0), Frames(50))));
    assert_eq!(d[1].region, Some((Frames(150), Frames(300))));
}

#[test]
fn an_empty_schedule_with_a_window_is_one_gap() {
    let d = validate(&schedule(100, vec![]));
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].code, Code::Gap);
    assert_eq!(d[0].event, None);
}

fn errors(s: &Schedule) -> HashMap<(Code, Option<String>), usize> {
    let mut m = HashMap::new();
    for d in validate(s)
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
    {
        *m.entry((d.code, d.event.map(|e| e.0))).or_insert(0) += 1;
    }
    m
}

fn arb_event(n: usize) -> impl Strategy<Value = Event> {
    (
        0i64..400,
        -5i64..120,
        any::<bool>(),
        0u8..4,
        proptest::option::of(0i64..150),
    )
        .prop_map(move |(start, duration, fixed, points, media)| {
            let mut e = ev(&format!("e{n}"), start, duration);
            if fixed {
                e.start_mode = StartMode::Fixed;
            }
            if points > 0 {
                e.media_duration = media.map(Frames);
                e.in_point = Some(Frames(i64::from(points) * 7 - 10));
                e.out_point = Some(Frames(i64::from(points) * 7 - 10 + duration));
            }
            e
        })
}

fn arb_schedule() -> impl Strategy<Value = Schedule> {
    (0usize..12, 50i64..500).prop_flat_map(|(count, length)| {
        (0..count)
            .map(arb_event)
            .collect::<Vec<_>>()
            .prop_map(move |events| schedule(length, events))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn applying_a_fix_removes_its_diagnostic_and_adds_no_error(s in arb_schedule()) {
        let before = validate(&s);
        let errors_before = errors(&s);
        for d in &before {
            for fix in &d.fixes {
                let mut fixed = s.clone();
                apply(&mut fixed, &fix.edit).expect("a fix applies");
                let after = validate(&fixed);
                let still_there = after.iter().any(|a| a.code == d.code && a.region == d.region && a.event == d.event);
                prop_assert!(!still_there, "fix {:?} left {:?}", fix.label, d);
                for (key, count) in errors(&fixed) {
                    let was = errors_before.get(&key).copied().unwrap_or(0);
                    prop_assert!(count <= was, "fix {:?} for {:?} added error {:?}", fix.label, d.code, key);
                }
            }
        }
    }

    #[test]
    fn validation_never_panics_and_orders_by_time(s in arb_schedule()) {
        let d = validate(&s);
        let starts: Vec<Frames> = d.iter().map(|d| d.region.map_or(Frames::ZERO, |r| r.0)).collect();
        prop_assert!(starts.windows(2).all(|w| w[0] <= w[1]));
    }
}

proptest! {
    /// Duplicates are found by sorting hashes; a check of every pair must find the same ones,
    /// each named with the first event that has its id, and a rename fix to an unused id.
    #[test]
    fn duplicate_ids_are_those_a_check_of_every_pair_finds(
        ids in proptest::collection::vec("[abc]{1,2}", 0..40),
    ) {
        let events = ids
            .iter()
            .enumerate()
            .map(|(k, id)| ev(id, k as i64 * 10, 10))
            .collect();
        let s = schedule(ids.len() as i64 * 10, events);
        let want: Vec<(usize, String)> = (0..ids.len())
            .filter_map(|i| {
                let first = (0..i).find(|&j| ids[j] == ids[i])?;
                Some((i, format!(
                    "id '{}' is also used by event {} ('{}')",
                    ids[i], first + 1, ids[first].to_uppercase()
                )))
            })
            .collect();
        let found: Vec<Diagnostic> = validate(&s)
            .into_iter()
            .filter(|d| d.code == Code::DuplicateId)
            .collect();
        let got: Vec<(usize, String)> = found
            .iter()
            .map(|d| (d.index.unwrap_or(usize::MAX), d.message.clone()))
            .collect();
        prop_assert_eq!(got, want);
        for d in &found {
            let Some(Edit::Replace { event, .. }) = d.fixes.first().map(|f| &f.edit) else {
                return Err(TestCaseError::fail("a duplicate without a rename fix"));
            };
            prop_assert!(!ids.contains(&event.id.0), "renamed to '{}', which is in use", event.id);
        }
    }
}
