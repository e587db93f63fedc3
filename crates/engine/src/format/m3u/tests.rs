//! M3U tests: the golden sample, unknown lengths, and broken lines.

use jiff::civil::date;

use super::*;
use crate::channel::Zone;
use crate::time::FrameRate;
use crate::validate::{validate, Code};

const SAMPLE: &str = include_str!("../../../tests/data/m3u/evening.m3u8");
const EXPECTED: &str = include_str!("../../../tests/data/m3u/evening.expected.m3u8");

fn options() -> ImportOptions {
    ImportOptions {
        rate: Some(FrameRate::FPS_25),
        zone: Some(Zone::new("Europe/London").unwrap()),
        date: Some(date(2026, 6, 1)),
        file_name: Some("evening.m3u8".into()),
        ..ImportOptions::default()
    }
}

#[test]
fn reads_items_back_to_back_and_flags_unknown_lengths() {
    let (lib, warnings) = read(SAMPLE, &options()).unwrap();
    let s = &lib.schedules[0];
    assert_eq!(s.name, "evening 2026-06-01");
    let titles: Vec<&str> = s.events.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Evening News", "Spot \"One\"", "Live Feed", "Closing"]
    );
    assert_eq!(s.events[1].start, Frames(45_000));
    assert_eq!(s.events[1].duration, Some(Frames(763)));
    assert_eq!(s.events[2].duration, None);
    assert_eq!(
        s.events[1].extra[ATTRS],
        "tvg-id=\"spot.one\" group-title=\"Ads, Spots\""
    );
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(validate(s).iter().any(|d| d.code == Code::UnknownDuration));
}

#[test]
fn writes_the_golden_file_back() {
    let (lib, _) = read(SAMPLE, &options()).unwrap();
    assert_eq!(write(&lib.schedules[0]).text, EXPECTED);
}

#[test]
fn refuses_bad_lengths_with_the_line_and_needs_a_date() {
    let err = read("#EXTM3U\n#EXTINF:abc,X\na.mp4", &options()).unwrap_err();
    assert_eq!(err.line, 2);
    assert!(err.message.contains("abc"));
    let err = read("#EXTINF:NaN,X\na.mp4", &options()).unwrap_err();
    assert_eq!(err.line, 1);
    let no_date = ImportOptions {
        date: None,
        ..options()
    };
    assert!(read(SAMPLE, &no_date)
        .unwrap_err()
        .message
        .contains("broadcast day"));
}

#[test]
fn a_file_without_times_can_come_in_as_a_playlist_with_the_chosen_channel_named() {
    let options = ImportOptions {
        untimed_as_playlist: true,
        channel_source: Some("Night TV".into()),
        ..options()
    };
    let (lib, warnings) = read(SAMPLE, &options).unwrap();
    let (as_schedule, _) = read(SAMPLE, &self::options()).unwrap();
    assert_eq!(lib.schedules, vec![]);
    let mut expected = as_schedule.schedules[0].clone().into_playlist();
    expected.id = "evening".into();
    expected.name = "evening".into();
    assert_eq!(lib.playlists, vec![expected]);
    assert_eq!(lib.playlists[0].items[1].duration, Some(Frames(763)));
    assert!(
        warnings.iter().any(|w| w
            .message
            .contains("those of channel “Night TV” were used: 25 fps, Europe/London")),
        "{warnings:?}"
    );
}

#[test]
fn reports_every_bad_length_together_at_its_column() {
    let text =
        "#EXTM3U\n#EXTINF:abc,X\na.mp4\n  #EXTINF: -5 tvg-id=\"x\",Y\nb.mp4\n#EXTINF:10,Z\nc.mp4\n";
    let err = read(text, &options()).unwrap_err();
    assert_eq!(
        crate::format::problem_list(&err),
        [
            "2:9: #EXTINF length 'abc' is not a number of seconds (or -1 for unknown)",
            "4:12: #EXTINF length '-5' is not a number of seconds (or -1 for unknown)",
        ]
    );
}

#[test]
fn lengths_between_frames_and_unknown_lengths_are_counted_in_one_warning_each() {
    let (_, clean) = read("#EXTINF:10,A\na.mp4\n#EXTINF:2.04,B\nb.mp4\n", &options()).unwrap();
    assert_eq!(clean, []);
    let (_, warnings) = read(
        "#EXTINF:1.001,A\na.mp4\n#EXTINF:-1,B\nb.mp4\n#EXTINF:0.03,C\nc.mp4\n",
        &options(),
    )
    .unwrap();
    assert_eq!(
        warnings,
        [
            ImportWarning::whole(
                "2 length(s) were not whole frames at 25 and were rounded to the nearest frame"
            ),
            ImportWarning::whole("1 item(s) have an unknown length (-1)"),
        ]
    );
}

#[test]
fn a_line_at_the_length_limit_is_read_and_one_byte_more_is_refused() {
    let o = ImportOptions {
        limits: crate::format::Limits {
            max_field_bytes: 10,
            ..crate::format::Limits::DEFAULT
        },
        ..options()
    };
    let (lib, _) = read("#EXTINF:1,\nabcdef.mp4\n", &o).unwrap();
    assert_eq!(
        lib.schedules[0].events[0].source.as_deref(),
        Some("abcdef.mp4")
    );
    let err = read("#EXTINF:1,\nabcdefg.mp4\n", &o).unwrap_err();
    assert_eq!(
        (err.line, err.message.as_str()),
        (2, "a line of 11 bytes is longer than the 10-byte limit")
    );
}
