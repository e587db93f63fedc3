//! ffplayout tests: the golden sample, exact seconds, kept keys, and round trips.

use jiff::civil::date;
use proptest::prelude::*;

use super::*;
use crate::generate::{sample_channel, schedule};
use crate::validate::{validate, Code};

const SAMPLE: &str = include_str!("../../../tests/data/ffplayout/2026-03-28.json");
const EXPECTED: &str = include_str!("../../../tests/data/ffplayout/2026-03-28.expected.json");

fn options() -> ImportOptions {
    crate::format::berlin_options(Some(FrameRate::FPS_25))
}

#[test]
fn reads_the_sample_with_starts_as_running_sums() {
    let (lib, warnings) = read(SAMPLE, &options()).unwrap();
    let s = &lib.schedules[0];
    assert_eq!(s.channel.name, "Channel 1");
    let starts: Vec<i64> = s.events.iter().map(|e| e.start.get()).collect();
    // 1800.04 s = 45,001 frames; then 30 s = 750 frames.
    assert_eq!(starts, vec![0, 45_001, 45_751]);
    assert_eq!(s.events[1].kind, EventKind::Commercial);
    assert_eq!(s.events[1].title, "spot-17.mp4");
    assert_eq!(s.events[2].extra["custom_filter"], "eq=brightness=0.1");
    assert_eq!(s.events[2].in_point, Some(Frames(250)));
    // 30.5 s and 610.033 s are not whole frames at 25 fps.
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].message.starts_with("2 value(s)"),
        "{warnings:?}"
    );
    // 28 March is a 23-hour broadcast day in Berlin (06:00 start); the rest of it is a gap.
    assert_eq!(s.length, Frames(23 * 3600 * 25));
    let d = validate(s);
    assert_eq!(
        d.iter().map(|d| d.code).collect::<Vec<_>>(),
        vec![Code::Gap]
    );
}

#[test]
fn writes_the_golden_file_back() {
    let (lib, _) = read(SAMPLE, &options()).unwrap();
    let files = write(&lib.schedules[0]).unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].name, "2026-03-28.json");
    assert_eq!(files[0].text, EXPECTED);
}

#[test]
fn refuses_broken_playlists_with_clear_messages() {
    for (text, expect) in [
        (r#"{"date": "2026-13-01", "program": []}"#, "not a date"),
        (
            r#"{"date": "2026-01-01", "program": [{"in": 0, "out": 1}]}"#,
            "no \"duration\"",
        ),
        (
            r#"{"date": "2026-01-01", "program": [{"in": -1, "out": 1, "duration": 1, "source": "a"}]}"#,
            "negative",
        ),
        (
            r#"{"date": "2026-01-01", "program": [{"in": 0, "out": 1e308, "duration": 1, "source": "a"}]}"#,
            "too large",
        ),
        (
            r#"{"date": "2026-01-01", "program": [{"in": 0, "out": "x", "duration": 1, "source": "a"}]}"#,
            "not a number",
        ),
        (
            r#"{"date": "2026-01-01", "program": [{"in": 0, "out": 1, "duration": 1, "source": 5}]}"#,
            "not text",
        ),
    ] {
        let err = read(text, &options()).unwrap_err();
        assert!(err.message.contains(expect), "{text}: {}", err.message);
        // Each points into the clip, not at the document's start.
        if expect != "not a date" {
            assert!(err.column > 30, "{text}: column {}", err.column);
        }
    }
}

#[test]
fn splits_a_schedule_into_one_file_per_broadcast_day() {
    let channel = sample_channel(FrameRate::FPS_25);
    let origin = channel.day_start_instant(date(2026, 3, 27)).unwrap();
    let s = schedule(400, 3, channel, origin);
    let files = write(&s).unwrap();
    assert!(files.len() >= 2, "{}", files.len());
    assert_eq!(files[0].name, "2026-03-27.json");
    let events: usize = files
        .iter()
        .map(|f| {
            read(&f.text, &options()).unwrap().0.schedules[0]
                .events
                .len()
        })
        .sum();
    assert_eq!(events, 400);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_day_written_and_read_back_keeps_every_clip(events in 1usize..80, seed in any::<u64>()) {
        let channel = sample_channel(FrameRate::FPS_25);
        let origin = channel.day_start_instant(date(2026, 6, 1)).unwrap();
        let mut s = schedule(events, seed, channel, origin);
        s.events.truncate(events.min(40)); // stay inside one broadcast day
        let files = write(&s).unwrap();
        prop_assert_eq!(files.len(), 1);
        let (back, warnings) = read(&files[0].text, &options()).unwrap();
        prop_assert!(warnings.is_empty(), "{:?}", warnings);
        let back = &back.schedules[0];
        prop_assert_eq!(back.events.len(), s.events.len());
        for (a, b) in back.events.iter().zip(&s.events) {
            prop_assert_eq!(a.start, b.start);
            prop_assert_eq!(a.duration, b.duration);
            prop_assert_eq!(&a.title, &b.title);
            prop_assert_eq!(&a.source, &b.source);
            prop_assert_eq!(a.kind, b.kind);
        }
        // Writing what was read gives the same file: the format's own round trip is exact.
        prop_assert_eq!(&write(back).unwrap()[0].text, &files[0].text);
    }
}

#[test]
fn reports_every_bad_clip_together() {
    let text = concat!(
        "{\"date\": \"2026-01-01\", \"program\": [\n",
        "  {\"in\": 0, \"out\": \"x\", \"duration\": 1, \"source\": \"a\"},\n",
        "  {\"in\": 0, \"out\": 1, \"duration\": 1, \"source\": \"b\"},\n",
        "  {\"in\": -1, \"out\": 1, \"duration\": 1, \"source\": \"c\"}\n",
        "]}\n",
    );
    let err = read(text, &options()).unwrap_err();
    assert_eq!(
        crate::format::problem_list(&err),
        [
            "2:20: clip 1 of \"program\": \"out\": \"x\" is not a number of seconds",
            "4:10: clip 3 of \"program\": \"in\": -1 is negative",
        ]
    );
}

#[test]
fn a_clip_plays_from_in_to_out() {
    let (lib, _) = read(
        r#"{"date": "2026-03-28", "program": [{"in": 10, "out": 40, "duration": 60, "source": "a.mp4"}]}"#,
        &options(),
    )
    .unwrap();
    let e = &lib.schedules[0].events[0];
    assert_eq!(
        (e.in_point, e.out_point, e.duration, e.media_duration),
        (
            Some(Frames(250)),
            Some(Frames(1000)),
            Some(Frames(750)),
            Some(Frames(1500))
        )
    );
}

#[test]
fn a_playlist_at_the_clip_limit_is_read_and_one_more_is_refused() {
    let o = ImportOptions {
        limits: crate::format::Limits {
            max_elements: 2,
            ..crate::format::Limits::DEFAULT
        },
        ..options()
    };
    let clip = r#"{"in": 0, "out": 1, "duration": 1, "source": "a.mp4"}"#;
    let playlist = |n: usize| {
        format!(
            r#"{{"date": "2026-03-28", "program": [{}]}}"#,
            vec![clip; n].join(",")
        )
    };
    assert_eq!(
        read(&playlist(2), &o).unwrap().0.schedules[0].events.len(),
        2
    );
    assert_eq!(
        read(&playlist(3), &o).unwrap_err(),
        ImportError::whole("the playlist has more than 2 clips")
    );
}
