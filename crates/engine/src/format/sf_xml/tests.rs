//! sf-xml tests: lossless round trips with sf-json, and clear refusals.

use proptest::prelude::*;

use super::*;
use crate::format::sf_json;
use crate::generate::{playlist, sample_channel, schedule};

fn origin() -> Timestamp {
    "2026-10-24T04:00:00Z".parse().unwrap()
}

/// Text that XML 1.0 can carry: anything but the C0 controls other than tab, LF and CR.
fn xml_text() -> impl Strategy<Value = String> {
    "[\t\n\r -~\u{a0}-\u{2fff}<>&\"'\u{1F3AC}]{0,24}"
}

fn arb_library() -> impl Strategy<Value = Library> {
    (
        0usize..30,
        any::<u64>(),
        proptest::sample::select(FrameRate::ALL.to_vec()),
        proptest::collection::vec((xml_text(), xml_text(), any::<bool>(), any::<i32>()), 0..8),
        0usize..6,
    )
        .prop_map(|(events, seed, rate, edits, items)| {
            let mut s = schedule(events, seed, sample_channel(rate), origin());
            for (i, (title, notes, unknown, n)) in edits.into_iter().enumerate() {
                if let Some(e) = s.events.get_mut(i) {
                    e.title = title;
                    e.notes = notes.clone();
                    if unknown {
                        e.duration = None;
                    }
                    e.in_point = Some(Frames(i64::from(n)));
                    e.extra.insert(
                        format!("k{i}"),
                        serde_json::json!({"n": n, "s": notes, "list": [1, "two", null]}),
                    );
                }
            }
            s.extra
                .insert("origin_system".into(), serde_json::json!("test"));
            Library {
                schedules: vec![s],
                playlists: (items > 0)
                    .then(|| playlist(items, seed, rate))
                    .into_iter()
                    .collect(),
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn json_to_xml_to_json_gives_back_the_same_document(lib in arb_library()) {
        let json = sf_json::write(&lib);
        let via_xml = read(&write(&sf_json::read(&json).unwrap()), Limits::DEFAULT).unwrap();
        prop_assert_eq!(&via_xml, &lib);
        prop_assert_eq!(sf_json::write(&via_xml), json);
    }
}

#[test]
fn a_batch_holds_many_schedules_and_playlists() {
    let lib = Library {
        schedules: (0..3)
            .map(|i| schedule(5, i, sample_channel(FrameRate::FPS_25), origin()))
            .collect(),
        playlists: (0..2).map(|i| playlist(3, i, FrameRate::FPS_50)).collect(),
    };
    let xml = write(&lib);
    assert_eq!(xml.matches("<schedule ").count(), 3);
    assert_eq!(read(&xml, Limits::DEFAULT).unwrap(), lib);
}

#[test]
fn refuses_other_roots_and_versions_with_positions() {
    let err = read("<?xml version=\"1.0\"?>\n<tv></tv>", Limits::DEFAULT).unwrap_err();
    assert_eq!(err.line, 2);
    assert!(err.message.contains("not ScheduleFlow XML"));
    let err = read(
        "<scheduleflow format=\"scheduleflow-xml\" version=\"7\"/>",
        Limits::DEFAULT,
    )
    .unwrap_err();
    assert!(err.message.contains("version 7"));
}

#[test]
fn reports_bad_values_at_their_element() {
    let lib = Library {
        schedules: vec![schedule(3, 1, sample_channel(FrameRate::FPS_25), origin())],
        playlists: vec![],
    };
    let xml = write(&lib).replacen("duration=\"", "duration=\"x", 1);
    let err = read(&xml, Limits::DEFAULT).unwrap_err();
    // Line 6: the declaration, <scheduleflow>, <schedule>, <channel>, <window>, then the event.
    assert_eq!((err.line, err.column), (6, 5), "{err}");
    assert!(
        err.message.contains("not a whole number of frames"),
        "{err}"
    );
    let full = write(&lib);
    let no_window: Vec<&str> = full.lines().filter(|l| !l.contains("<window")).collect();
    let err = read(&no_window.join("\n"), Limits::DEFAULT).unwrap_err();
    assert!(err.message.contains("has no <window>"), "{err}");
}

#[test]
fn reports_every_bad_event_together() {
    let lib = Library {
        schedules: vec![schedule(3, 1, sample_channel(FrameRate::FPS_25), origin())],
        playlists: vec![],
    };
    let xml = write(&lib)
        .replacen("duration=\"", "duration=\"x", 1)
        .replacen("kind=\"", "kind=\"weird-", 3);
    let err = read(&xml, Limits::DEFAULT).unwrap_err();
    assert_eq!(
        crate::format::problem_list(&err),
        [
            "6:5: duration=\"x965\" on <event> is not a whole number of frames",
            "7:5: kind=\"weird-commercial\" is not a kind ScheduleFlow knows",
            "8:5: kind=\"weird-live\" is not a kind ScheduleFlow knows",
        ]
    );
}
