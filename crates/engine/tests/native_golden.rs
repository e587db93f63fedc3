//! The native formats' golden samples: one hand-written schedule in ScheduleFlow JSON and XML.
//! Both read to the same library with the values written in them, and writing gives the files
//! back byte for byte.
#![allow(clippy::unwrap_used)] // test helpers may unwrap: a failure is the test failing

use scheduleflow_engine::format::{sf_json, sf_xml, Limits};
use scheduleflow_engine::model::{EventKind, StartMode};
use scheduleflow_engine::time::{FrameRate, Frames, Timecode};

const JSON: &str = include_str!("data/sf-json/evening.json");
const XML: &str = include_str!("data/sf-xml/evening.xml");

#[test]
fn both_native_samples_read_to_the_same_library_with_the_written_values() {
    let from_json = sf_json::read(JSON).unwrap();
    let from_xml = sf_xml::read(XML, Limits::DEFAULT).unwrap();
    assert_eq!(from_json, from_xml);
    let s = &from_json.schedules[0];
    assert_eq!(s.channel.rate, FrameRate::FPS_29_97_DF);
    assert_eq!(s.channel.zone.name(), "America/New_York");
    // 215,784 frames at 29.97 DF is two hours of drop-frame timecode.
    assert_eq!(Timecode::format_frames(s.length, s.rate()), "02:00:00;00");
    let spot = &s.events[1];
    assert_eq!(spot.title, "Spot <One> & \"Two\"");
    assert_eq!(spot.notes, "Line one\nline two");
    assert_eq!(spot.kind, EventKind::Commercial);
    assert_eq!(
        (spot.in_point, spot.out_point, spot.media_duration),
        (Some(Frames(30)), Some(Frames(929)), Some(Frames(1000)))
    );
    assert_eq!(spot.extra["custom_filter"], "eq=gamma=1.1");
    assert_eq!(s.events[0].start_mode, StartMode::Fixed);
    assert_eq!(s.events[2].duration, None);
    assert_eq!(s.extra["traffic:log"], 42);
    assert_eq!(from_json.playlists[0].items[0].kind, EventKind::Filler);
}

#[test]
fn writing_gives_both_samples_back_byte_for_byte() {
    let library = sf_json::read(JSON).unwrap();
    assert_eq!(sf_json::write(&library), JSON);
    assert_eq!(sf_xml::write(&library), XML);
}
