//! XMLTV tests: the DST golden sample, the DTD's child order, and hostile DOCTYPEs.

use super::*;
use crate::generate::{sample_channel, schedule};
use crate::time::FrameRate;

const SAMPLE: &str = include_str!("../../../tests/data/xmltv/berlin-fall-back.xml");
const EXPECTED: &str = include_str!("../../../tests/data/xmltv/berlin-fall-back.expected.xml");

fn options() -> ImportOptions {
    crate::format::berlin_options(Some(FrameRate::FPS_25))
}

#[test]
fn reads_times_on_both_sides_of_the_fall_back_change() {
    let (lib, warnings) = read(SAMPLE, &options()).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let s = &lib.schedules[0];
    assert_eq!(s.channel.name, "Eins");
    let hour = 3600 * 25;
    let lengths: Vec<i64> = s.events.iter().map(|e| e.duration.unwrap().get()).collect();
    // 02:30 CEST to 02:30 CET is the repeated hour: one real hour, not zero.
    assert_eq!(lengths, vec![hour, hour, 3 * hour + hour / 2]);
    assert_eq!(s.events[1].title, "Die doppelte Stunde");
    assert!(s.events[1].start > s.events[0].start);
}

#[test]
fn writes_the_golden_file_back_in_the_dtd_order() {
    let (lib, _) = read(SAMPLE, &options()).unwrap();
    let file = write(&lib.schedules[0]).unwrap();
    assert_eq!(file.text, EXPECTED);
}

#[test]
fn parses_and_formats_xmltv_times() {
    let t = parse_time("20260328060000 +0100").unwrap();
    assert_eq!(t.to_string(), "2026-03-28T05:00:00Z");
    assert_eq!(
        parse_time("202603280600").unwrap().to_string(),
        "2026-03-28T06:00:00Z"
    );
    for bad in [
        "2026032806",
        "20261328060000 +0100",
        "20260328060000 0100",
        "20260328060000 +01",
        "x",
    ] {
        assert!(parse_time(bad).is_none(), "{bad}");
    }
    let channel = sample_channel(FrameRate::FPS_25);
    let summer: Timestamp = "2026-03-29T01:30:00Z".parse().unwrap();
    assert_eq!(format_time(&channel, summer), "20260329033000 +0200");
}

#[test]
fn exports_only_what_a_guide_lists() {
    let channel = sample_channel(FrameRate::FPS_25);
    let origin = channel
        .day_start_instant(jiff::civil::date(2026, 5, 4))
        .unwrap();
    let s = schedule(200, 5, channel, origin);
    let listed = s
        .events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Programme | EventKind::Live))
        .count();
    let text = write(&s).unwrap().text;
    assert_eq!(text.matches("<programme ").count(), listed);
    let (back, _) = read(&text, &options()).unwrap();
    assert_eq!(back.schedules[0].events.len(), listed);
}

#[test]
fn refuses_entities_and_wrong_roots() {
    let attack = "<?xml version=\"1.0\"?>\n<!DOCTYPE tv [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<tv>&x;</tv>";
    let err = read(attack, &options()).unwrap_err();
    assert_eq!(err.line, 2);
    let err = read("<scheduleflow/>", &options()).unwrap_err();
    assert!(err.message.contains("not XMLTV"));
    let err = read(
        "<tv><programme channel=\"a\" start=\"yesterday\"/></tv>",
        &options(),
    )
    .unwrap_err();
    assert!(err.message.contains("not an XMLTV time"));
}

#[test]
fn reports_every_bad_programme_together() {
    let text = concat!(
        "<tv>\n",
        "<programme channel=\"a\" start=\"yesterday\"/>\n",
        "<programme channel=\"a\" start=\"20260601060000 +0000\"/>\n",
        "<programme start=\"20260601070000 +0000\"/>\n",
        "</tv>\n",
    );
    let err = read(text, &options()).unwrap_err();
    assert_eq!(
        crate::format::problem_list(&err),
        [
            "2:1: start=\"yesterday\" is not an XMLTV time like 20260328060000 +0100",
            "4:1: <programme> needs a channel=\"…\" attribute",
        ]
    );
}

#[test]
fn offsets_of_either_sign_and_with_minutes_are_read_exactly() {
    let at = |text: &str| parse_time(text).map(|t| t.to_string());
    assert_eq!(
        at("20260328060000 -0530"),
        Some("2026-03-28T11:30:00Z".into())
    );
    assert_eq!(
        at("20260328060000 +0130"),
        Some("2026-03-28T04:30:00Z".into())
    );
    assert_eq!(at("20260328060007"), Some("2026-03-28T06:00:07Z".into()));
    // Fifteen digits, a sign inside the digits, an offset of five digits: refused, although
    // the parts a reader would take out of them parse as numbers.
    for bad in ["202603280600001", "20260328+60000", "20260328060000 +01000"] {
        assert_eq!(at(bad), None, "{bad}");
    }
}

#[test]
fn times_are_written_to_the_nearest_second() {
    let channel = sample_channel(FrameRate::FPS_25);
    let late: Timestamp = "2026-01-10T05:00:00.6Z".parse().unwrap();
    assert_eq!(format_time(&channel, late), "20260110060001 +0100");
    let early: Timestamp = "2026-01-10T05:00:00.4Z".parse().unwrap();
    assert_eq!(format_time(&channel, early), "20260110060000 +0100");
}

fn guide(programmes: &str) -> String {
    format!("<tv><channel id=\"c\"><display-name>C</display-name></channel>{programmes}</tv>")
}

#[test]
fn the_first_title_is_the_title_wherever_it_stands_and_the_rest_are_kept() {
    let xml = guide(
        "<programme start=\"20260110060000 +0100\" stop=\"20260110070000 +0100\" channel=\"c\">\
         <desc>About it</desc><title>Main</title><title lang=\"en\">Other</title></programme>",
    );
    let (lib, _) = read(&xml, &options()).unwrap();
    let event = &lib.schedules[0].events[0];
    assert_eq!(event.title, "Main");
    assert_eq!(
        event.extra.get(KEPT_CHILDREN),
        Some(&serde_json::json!([
            "<desc>About it</desc>",
            "<title lang=\"en\">Other</title>"
        ]))
    );
}

#[test]
fn a_guide_that_ends_at_a_day_start_spans_only_its_days() {
    // 06:00 to 06:00 the next day: one broadcast day, not two.
    let xml = guide(
        "<programme start=\"20260110060000 +0100\" stop=\"20260111060000 +0100\" channel=\"c\"><title>All day</title></programme>",
    );
    let (lib, _) = read(&xml, &options()).unwrap();
    assert_eq!(lib.schedules[0].length, Frames(24 * 3600 * 25));
    let xml = guide(
        "<programme start=\"20260110060000 +0100\" stop=\"20260111060100 +0100\" channel=\"c\"><title>Over</title></programme>",
    );
    let (lib, _) = read(&xml, &options()).unwrap();
    assert_eq!(lib.schedules[0].length, Frames(2 * 24 * 3600 * 25));
}

#[test]
fn times_between_frames_are_counted_in_one_warning() {
    let xml = guide(
        "<programme start=\"20260110060000 +0100\" stop=\"20260110060001 +0100\" channel=\"c\"><title>A</title></programme>\
         <programme start=\"20260110060001 +0100\" stop=\"20260110060002 +0100\" channel=\"c\"><title>B</title></programme>",
    );
    let ntsc = crate::format::berlin_options(Some(FrameRate::FPS_29_97_NDF));
    let (_, warnings) = read(&xml, &ntsc).unwrap();
    let messages: Vec<&str> = warnings.iter().map(|w| w.message.as_str()).collect();
    // 06:00:01 and 06:00:02 fall between frames at 30000/1001 (each is read twice: as a stop
    // and as the next start); 06:00:00 and the day's end do not.
    assert_eq!(
        messages,
        ["4 time(s) fell between frames and were rounded to the nearest frame"]
    );
    let (_, exact) = read(&xml, &options()).unwrap();
    assert_eq!(exact, vec![]);
}
