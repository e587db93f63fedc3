//! BXF tests: the primary-event sample, kept elements, and round trips.

use super::*;
use crate::generate::{sample_channel, schedule};
use crate::time::FrameRate;
use crate::validate::{validate, Code};

const SAMPLE: &str = include_str!("../../../tests/data/bxf/primary.xml");

fn options() -> ImportOptions {
    crate::format::berlin_options(None)
}

#[test]
fn reads_primary_events_with_rate_modes_and_house_numbers() {
    let (lib, warnings) = read(SAMPLE, &options()).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let s = &lib.schedules[0];
    assert_eq!(s.id, "sched-2026-03-28");
    assert_eq!(s.name, "Channel One Saturday");
    assert_eq!(s.channel.rate, FrameRate::FPS_25);
    let e = &s.events;
    assert_eq!(e[0].id.as_str(), "urn:uuid:0001");
    assert_eq!(e[0].start_mode, StartMode::Fixed);
    assert_eq!(e[1].kind, EventKind::Commercial);
    assert_eq!(e[1].source.as_deref(), Some("AD-77"));
    assert_eq!(s.channel.name, "Channel One");
    assert_eq!(e[2].start_mode, StartMode::Manual);
    // 04:00 on broadcast day 28 March is the next morning, after the clocks went forward:
    // 06:00 CET to 04:00 CEST is 21 hours.
    assert_eq!(e[2].start, Frames(21 * 3600 * 25));
    assert_eq!(s.length, Frames(23 * 3600 * 25));
    assert!(validate(s).iter().all(|d| d.code == Code::Gap));
}

#[test]
fn writes_back_unused_elements_in_place_with_frame_rates() {
    let (lib, _) = read(SAMPLE, &options()).unwrap();
    let out = write(&lib.schedules[0]).unwrap().text;
    for kept in [
        "<Transitions><VideoTransitions><TransitionOutType>Cut</TransitionOutType></VideoTransitions></Transitions>",
        "<Description>Morning magazine</Description>",
        "<SpotType>Commercial</SpotType>",
        "<EndMode>Duration</EndMode>",
        "<Channel channelNumber=\"1\" status=\"active\"><Name>Channel One</Name></Channel>",
        "ScheduleStart=\"2026-03-28T06:00:00\"",
    ] {
        assert!(out.contains(kept), "lost {kept}");
    }
    assert_eq!(out.matches("frameRate=\"25\"").count(), 6);
    let (back, _) = read(&out, &options()).unwrap();
    assert_eq!(back, lib);
}

#[test]
fn writes_fresh_events_that_read_back_the_same() {
    for rate in [
        FrameRate::FPS_25,
        FrameRate::FPS_29_97_DF,
        FrameRate::FPS_50,
    ] {
        let channel = sample_channel(rate);
        let origin = channel
            .day_start_instant(jiff::civil::date(2026, 7, 4))
            .unwrap();
        let s = schedule(60, 8, channel, origin);
        let out = write(&s).unwrap().text;
        let (back, warnings) = read(&out, &options()).unwrap();
        let b = &back.schedules[0];
        assert_eq!(b.channel.rate, rate);
        assert_eq!(b.events.len(), s.events.len());
        for (x, y) in b.events.iter().zip(&s.events) {
            assert_eq!(
                (x.start_mode, x.duration, &x.title),
                (y.start_mode, y.duration, &y.title)
            );
            // 29.97 starts are wall-clock times of day: they come back within a frame.
            assert!(
                (x.start - y.start).abs() <= Frames(1),
                "{rate}: {:?} vs {:?} ({warnings:?})",
                x.start,
                y.start
            );
        }
    }
}

#[test]
fn refuses_events_without_the_essentials() {
    let broken = SAMPLE.replacen("<EventId><EventId>urn:uuid:0002</EventId></EventId>", "", 1);
    let err = read(&broken, &options()).unwrap_err();
    assert_eq!(err.line, 8);
    assert!(err.message.contains("no <EventId>"), "{err}");
    let bad_rate = SAMPLE.replacen("frameRate=\"25\"", "frameRate=\"12\"", 2);
    assert!(read(&bad_rate, &options())
        .unwrap_err()
        .message
        .contains("frameRate"));
    assert!(read("<tv/>", &options())
        .unwrap_err()
        .message
        .contains("not BXF"));
}

#[test]
fn an_event_in_the_repeated_hour_is_reported_and_either_occurrence_can_be_taken() {
    // Berlin's clocks go back at 03:00 on 25 October 2026: 02:30 happens twice.
    let doc = SAMPLE.replace("2026-03-28", "2026-10-24").replace(
        "<SmpteTimeCode>04:00:00:00</SmpteTimeCode>",
        "<SmpteTimeCode>02:30:00:00</SmpteTimeCode>",
    );
    let hour = 3600 * 25;
    let (first, warnings) = read(&doc, &options()).unwrap();
    // 06:00 summer time on the 24th to 02:30 summer time: 20 h 30.
    assert_eq!(
        first.schedules[0].events[2].start,
        Frames(20 * hour + hour / 2)
    );
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].place, Some((9, 1)));
    assert_eq!(
        warnings[0].message,
        "the time falls in the hour that happens twice when the clocks go back; the first \
         occurrence was taken (line 9 (event 'urn:uuid:0003'))"
    );
    let later = ImportOptions {
        repeated_hour: crate::format::RepeatedHour::Second,
        ..options()
    };
    let (second, _) = read(&doc, &later).unwrap();
    assert_eq!(
        second.schedules[0].events[2].start,
        Frames(21 * hour + hour / 2)
    );
}

const NESTED: &str = include_str!("../../../tests/data/bxf/nested.xml");
const SECONDARY: &str = include_str!("../../../tests/data/bxf/secondary.xml");

/// What the BXF tests compare of an event: id, title, kind, source, start, length, start mode.
type Summary = (
    String,
    String,
    EventKind,
    Option<String>,
    i64,
    i64,
    StartMode,
);

fn summary(s: &Schedule) -> Vec<Summary> {
    s.events
        .iter()
        .map(|e| {
            (
                e.id.to_string(),
                e.title.clone(),
                e.kind,
                e.source.clone(),
                e.start.get(),
                e.duration.map_or(-1, |d| d.get()),
                e.start_mode,
            )
        })
        .collect()
}

#[test]
fn reads_event_data_and_content_inside_a_vendors_wrappers_and_writes_the_wrappers_back() {
    let (lib, warnings) = read(NESTED, &options()).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let s = &lib.schedules[0];
    assert_eq!(
        summary(s),
        vec![
            (
                "ev-1".into(),
                "Morning Show".into(),
                EventKind::Programme,
                Some("H-2001".into()),
                0,
                30 * 60 * 25,
                StartMode::Fixed
            ),
            (
                "ev-2".into(),
                "Spot 12".into(),
                EventKind::Commercial,
                Some("AD-12".into()),
                30 * 60 * 25,
                20 * 25,
                StartMode::Follow
            ),
        ]
    );
    let written = write::write(s).unwrap().text;
    for wrapper in [
        "<VendorBlock block=\"A\">",
        "<Media>",
        "<Traffic>",
        "<Order id=\"o-9\"",
        "<Playout>",
    ] {
        assert!(written.contains(wrapper), "{wrapper} is written back");
    }
    let (back, _) = read(&written, &options()).unwrap();
    assert_eq!(summary(&back.schedules[0]), summary(s));
    assert_eq!(
        written.matches("<EventData").count(),
        2,
        "no second EventData beside the wrapped one"
    );
}

#[test]
fn keeps_secondary_events_with_the_primary_event_before_them() {
    let (lib, warnings) = read(SECONDARY, &options()).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let s = &lib.schedules[0];
    let ids: Vec<&str> = s.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        ["p-1", "p-2"],
        "secondary events take no air time of their own"
    );
    let riding = |i: usize| {
        s.events[i].extra[KEPT_SECONDARY]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(riding(0).len(), 2);
    assert!(riding(0)[0].contains("<NonPrimaryEventName>Logo</NonPrimaryEventName>"));
    assert!(riding(0)[1].contains("Captions"));
    assert_eq!(riding(1).len(), 1);
    assert!(
        validate(s).iter().all(|d| d.code == Code::Gap),
        "{:?}",
        validate(s)
    );

    let written = write::write(s).unwrap().text;
    let order: Vec<usize> = ["p-1", "s-1", "s-2", "p-2", "s-3"]
        .iter()
        .map(|id| {
            written
                .find(&format!(">{id}<"))
                .unwrap_or_else(|| panic!("{id} is written"))
        })
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "written in their order: {order:?}"
    );
    let (back, _) = read(&written, &options()).unwrap();
    assert_eq!(back.schedules[0].events, s.events);
}

#[test]
fn reports_every_bad_event_together() {
    let broken = SAMPLE
        .replacen("<EventId><EventId>urn:uuid:0001</EventId></EventId>", "", 1)
        .replacen(
            "<SmpteTimeCode>00:00:30:00</SmpteTimeCode>",
            "<SmpteTimeCode>half a minute</SmpteTimeCode>",
            1,
        );
    let err = read(&broken, &options()).unwrap_err();
    assert_eq!(
        crate::format::problem_list(&err),
        [
            "7:7: <EventData> has no <EventId>",
            "8:7: event 'urn:uuid:0002': duration: timecode 'half a minute' is not HH:MM:SS:FF (or HH:MM:SS;FF for drop-frame)",
        ]
    );
}

#[test]
fn a_secondary_event_is_known_by_its_type_or_by_its_body() {
    let primary_one = "<EventData eventType=\"Primary\" action=\"add\"><EventId><EventId>urn:uuid:0001</EventId></EventId>";
    assert!(SAMPLE.contains(primary_one));
    let logo = |data: &str| {
        format!("<ScheduledEvent><EventData{data}><EventId><EventId>urn:uuid:logo</EventId></EventId></EventData></ScheduledEvent>")
    };
    let secondary = [
        logo(" eventType=\"NonPrimary\">"),
        logo(" eventType=\" nonprimary \">"),
        logo("><NonPrimaryEvent><Logo/></NonPrimaryEvent"),
    ];
    let primary = [
        logo(" eventType=\"Primary\"><NonPrimaryEvent/><PrimaryEvent/"),
        logo("><NonPrimaryEvent/><PrimaryEvent/"),
    ];
    let events_with = |extra: &str| {
        // After the first primary event.
        let marker = "</ScheduledEvent>";
        let at = SAMPLE.find(marker).unwrap() + marker.len();
        let text = format!("{}{extra}{}", &SAMPLE[..at], &SAMPLE[at..]);
        read(&text, &options()).map(|(lib, _)| lib.schedules[0].events.len())
    };
    for extra in &secondary {
        assert_eq!(events_with(extra), Ok(3), "{extra}");
    }
    for extra in &primary {
        // Taken as a primary event: it has no start, which is a problem of its own.
        assert!(events_with(extra).is_err(), "{extra}");
    }
}

#[test]
fn starts_between_frames_are_rounded_and_counted_in_one_warning() {
    // At 29.97 a whole second is not a whole number of frames: 07:00 and 04:00 on the clock
    // fall between frames (06:00, the day's start, is frame 0).
    let ntsc = SAMPLE.replace("frameRate=\"25\"", "frameRate=\"29.97\"");
    let (_, warnings) = read(&ntsc, &options()).unwrap();
    assert_eq!(
        warnings,
        vec![ImportWarning::whole(
            "2 start(s) fell between frames at 30000/1001 and were rounded"
        )]
    );
}

#[test]
fn events_in_a_wrapper_and_a_second_schedule_are_read_and_strays_between_are_not_taken() {
    let events: Vec<&str> = SAMPLE
        .lines()
        .filter(|l| l.contains("<ScheduledEvent>"))
        .collect();
    let second = events[0]
        .replace("urn:uuid:0001", "urn:uuid:0101")
        .replace("2026-03-28", "2026-03-29");
    let text = format!(
        concat!(
            "<BxfMessage xmlns=\"http://smpte-ra.org/schemas/2021/2008/BXF\"><BxfData action=\"add\">\n",
            "<Schedule ScheduleId=\"s1\"><Channel><Name>Channel One</Name></Channel>",
            "<ScheduleName>Saturday</ScheduleName><EventList>\n{}\n</EventList></Schedule>\n",
            "<Channel><Name>Stray</Name></Channel><ScheduleName>Stray day</ScheduleName>\n",
            "<Schedule ScheduleId=\"s2\">\n{}\n</Schedule>\n",
            "</BxfData></BxfMessage>\n"
        ),
        events.join("\n"),
        second
    );
    let (lib, _) = read(&text, &options()).unwrap();
    let read_back: Vec<(String, String, usize)> = lib
        .schedules
        .iter()
        .map(|s| (s.name.clone(), s.channel.name.clone(), s.events.len()))
        .collect();
    // The second schedule names nothing: it takes the import's defaults, not the strays.
    assert_eq!(
        read_back,
        vec![
            ("Saturday".into(), "Channel One".into(), 3),
            ("Channel 2026-03-29".into(), "Channel".into(), 1)
        ]
    );
}
