//! CSV tests: both layouts as golden files, quoting, DST days, and bad rows.

use jiff::civil::date;

use super::*;
use crate::format::ImportWarning;
use crate::validate::validate;

const GENERIC: &str = include_str!("../../../tests/data/csv/generic.csv");
const GENERIC_EXPECTED: &str = include_str!("../../../tests/data/csv/generic.expected.csv");
const CINEGY: &str = include_str!("../../../tests/data/csv/cinegy.csv");

fn options(day: Date) -> ImportOptions {
    ImportOptions {
        date: Some(day),
        ..crate::format::berlin_options(Some(FrameRate::FPS_25))
    }
}

use jiff::civil::Date;

#[test]
fn reads_the_generic_layout_with_quotes_and_kept_columns() {
    let (lib, warnings) = read(GENERIC, &options(date(2026, 6, 1))).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let s = &lib.schedules[0];
    let e = &s.events;
    assert_eq!(e[0].notes, "Anchor: \"Sam\"");
    assert_eq!(e[1].title, "Spot, with comma");
    assert_eq!(e[1].start, Frames(30 * 60 * 25));
    assert_eq!(e[2].in_point, Some(Frames(250)));
    assert_eq!(e[2].extra["csv:rating"], "12");
    // 26:00 is 02:00 the next morning, 20 hours after the 06:00 day start.
    assert_eq!(e[3].start, Frames(20 * 3600 * 25));
    assert_eq!(e[3].start_mode, StartMode::Fixed);
}

#[test]
fn writes_the_generic_golden_file_back() {
    let (lib, _) = read(GENERIC, &options(date(2026, 6, 1))).unwrap();
    assert_eq!(
        write(&lib.schedules[0], CsvPreset::Generic).unwrap().text,
        GENERIC_EXPECTED
    );
}

#[test]
fn reads_and_writes_the_cinegy_layout() {
    let opts = ImportOptions {
        csv_preset: CsvPreset::Cinegy,
        ..options(date(2026, 6, 1))
    };
    let (lib, _) = read(CINEGY, &opts).unwrap();
    let s = &lib.schedules[0];
    let modes: Vec<StartMode> = s.events.iter().map(|e| e.start_mode).collect();
    assert_eq!(
        modes,
        [StartMode::Fixed, StartMode::Follow, StartMode::Manual]
    );
    assert_eq!(s.events[1].start, Frames(29 * 60 * 25 + 30 * 25));
    assert_eq!(s.events[0].extra["csv:col6"], "studio-a");
    assert_eq!(write(s, CsvPreset::Cinegy).unwrap().text, CINEGY);
}

#[test]
fn a_night_time_on_the_spring_forward_day_lands_an_hour_closer() {
    // Broadcast day 28 March 2026 in Berlin: 02:00 never happens that night, 04:00 does.
    let (lib, _) = read(
        "title,start,duration\nLate,28:00:00:00,00:10:00:00\n",
        &options(date(2026, 3, 28)),
    )
    .unwrap();
    let s = &lib.schedules[0];
    // 06:00 CET to 04:00 CEST is 21 hours of real time.
    assert_eq!(s.events[0].start, Frames(21 * 3600 * 25));
    assert_eq!(s.length, Frames(23 * 3600 * 25));
    assert!(validate(s)
        .iter()
        .all(|d| d.code != crate::validate::Code::OutsideWindow));
    let text = write(s, CsvPreset::Generic).unwrap().text;
    assert!(text.contains(",28:00:00:00,"), "{text}");
}

#[test]
fn refuses_bad_rows_with_their_line() {
    let o = options(date(2026, 6, 1));
    let err = read(
        "title,start,duration\nA,06:00:00:00,00:10:00:00\nB,6 pm,00:10:00:00\n",
        &o,
    )
    .unwrap_err();
    assert_eq!(err.line, 3);
    assert!(err.message.contains("6 pm"));
    let err = read("title,duration,kind\nA,00:00:10:00,weather\n", &o).unwrap_err();
    assert!(err.message.contains("weather"));
    let err = read("a,b\n1,2\n", &o).unwrap_err();
    assert_eq!(err.line, 1);
    let err = read("title,duration\nA,00:00:10:25\n", &o).unwrap_err();
    assert!(err.message.contains("00:00:10:25"));
}

#[test]
fn a_csv_without_starts_can_come_in_as_a_playlist_and_one_with_starts_stays_a_schedule() {
    let untimed =
        "title,duration,kind\nSeascape,00:01:00:00,filler\nCity Lights,00:01:30:00,filler\n";
    let options = ImportOptions {
        rate: Some(FrameRate::FPS_25),
        zone: Some(crate::channel::Zone::utc()),
        date: Some(jiff::civil::date(2026, 6, 1)),
        file_name: Some("fillers.csv".into()),
        untimed_as_playlist: true,
        ..ImportOptions::default()
    };
    let (lib, _) = read(untimed, &options).unwrap();
    assert_eq!(lib.schedules.len(), 0);
    let items: Vec<(&str, Option<Frames>)> = lib.playlists[0]
        .items
        .iter()
        .map(|i| (i.title.as_str(), i.duration))
        .collect();
    assert_eq!(
        items,
        vec![
            ("Seascape", Some(Frames(1500))),
            ("City Lights", Some(Frames(2250)))
        ]
    );
    assert_eq!(lib.playlists[0].name, "fillers");
    let timed = "title,start,duration\nNews,06:00:00:00,00:30:00:00\n";
    let (lib, _) = read(timed, &options).unwrap();
    assert_eq!((lib.schedules.len(), lib.playlists.len()), (1, 0));
}

/// On 25 October 2026 Berlin's clocks go back at 03:00 to 02:00, so 02:00 to 03:00 happens
/// twice; on the broadcast day of the 24th (from 06:00) that is 26:00 to 27:00.
const FALL_BACK: &str = "start,duration,title\n\
    25:30:00:00,00:30:00:00,Before\n\
    26:30:00:00,00:30:00:00,Repeated\n\
    27:00:00:00,00:30:00:00,After\n";

/// The events' starts, in minutes after the day's start.
fn minutes(lib: &Library) -> Vec<i64> {
    lib.schedules[0]
        .events
        .iter()
        .map(|e| e.start.get() / (60 * 25))
        .collect()
}

#[test]
fn a_time_in_the_repeated_hour_takes_the_first_occurrence_and_warns_with_its_line() {
    let (lib, warnings) = read(FALL_BACK, &options(date(2026, 10, 24))).unwrap();
    // 01:30 is 19 h 30 after 06:00; 02:30 (summer time) 20 h 30; 03:00 (winter time) 22 h.
    assert_eq!(minutes(&lib), vec![19 * 60 + 30, 20 * 60 + 30, 22 * 60]);
    assert_eq!(
        warnings,
        vec![ImportWarning::at(
            3,
            1,
            "the time falls in the hour that happens twice when the clocks go back; the first \
             occurrence was taken (line 3)"
        )
        .with_hint(
            "to take the second, tick the import panel's \"Times in the hour that repeats when \
             the clocks go back mean its second occurrence\" (or give --repeated-hour second)"
        )]
    );
}

#[test]
fn the_second_occurrence_is_taken_when_asked() {
    let asked = ImportOptions {
        repeated_hour: crate::format::RepeatedHour::Second,
        ..options(date(2026, 10, 24))
    };
    let (lib, warnings) = read(FALL_BACK, &asked).unwrap();
    // 02:30 winter time: 21 h 30 after 06:00 summer time.
    assert_eq!(minutes(&lib), vec![19 * 60 + 30, 21 * 60 + 30, 22 * 60]);
    assert!(
        warnings[0]
            .message
            .contains("the second occurrence was taken"),
        "{warnings:?}"
    );
    assert!(warnings[0]
        .hint
        .as_deref()
        .is_some_and(|h| h.contains("--repeated-hour first")));
}

#[test]
fn reports_every_bad_row_together_at_the_column_of_its_bad_field() {
    let text = concat!(
        "title,start,duration,kind,start_mode\n",
        "\"A, first\",06:00:00:00,00:10:00:00,programme,fixed\n",
        "B,6 pm,00:10:00:00,,\n",
        "\"C \"\"quoted\"\", long\",,00:10:00:99,,\n",
        "D,,00:10:00:00,weather,\n",
        "E,,00:10:00:00,,sometimes\n",
        "\"F\ntwo lines\",,00:10:00:xx,,\n",
        "G,,00:10:00:00,,\n",
    );
    let err = read(text, &options(date(2026, 6, 1))).unwrap_err();
    assert_eq!(
        crate::format::problem_list(&err),
        [
            "3:3: start '6 pm' is not a time of day like 18:00:00:00",
            "4:23: duration: timecode '00:10:00:99' is out of range: frames run from 00 to 24 at 25",
            "5:16: kind 'weather' is not one ScheduleFlow knows (programme, commercial, promo, ident, filler, live)",
            "6:17: start mode 'sometimes' is not follow, fixed or manual",
            "8:13: duration: timecode '00:10:00:xx' is not HH:MM:SS:FF (or HH:MM:SS;FF for drop-frame)",
        ]
    );
}

#[test]
fn a_cinegy_row_points_at_its_column_by_position() {
    let opts = ImportOptions {
        csv_preset: CsvPreset::Cinegy,
        ..options(date(2026, 6, 1))
    };
    let err = read("06;00;00;00,1 hour,C,id1,News\n", &opts).unwrap_err();
    assert_eq!(
        crate::format::problem_list(&err),
        ["1:13: duration: timecode '1 hour' is not HH:MM:SS:FF (or HH:MM:SS;FF for drop-frame)"]
    );
}

#[test]
fn a_field_place_counts_characters_and_follows_quoted_line_breaks() {
    let text = "x\n\"é, \"\"q\"\"\",b,\"multi\nline\",dd\n";
    // The record starts on line 2 at byte 2.
    assert_eq!(field_place(text, 2, 2, 0), (2, 1));
    assert_eq!(field_place(text, 2, 2, 1), (2, 12));
    assert_eq!(field_place(text, 2, 2, 2), (2, 14));
    assert_eq!(field_place(text, 2, 2, 3), (3, 7));
    // A field the row does not have: the end of its last line.
    assert_eq!(field_place(text, 2, 2, 9), (3, 9));
}

#[test]
fn an_end_column_stands_for_the_length() {
    let (lib, _) = read(
        "title,start,end_time\nA,06:00:00:00,06:30:00:00\nB,,07:00:00:00\n",
        &options(date(2026, 6, 1)),
    )
    .unwrap();
    let spans: Vec<(Frames, Option<Frames>)> = lib.schedules[0]
        .events
        .iter()
        .map(|e| (e.start, e.duration))
        .collect();
    assert_eq!(
        spans,
        [
            (Frames(0), Some(Frames(1800 * 25))),
            (Frames(1800 * 25), Some(Frames(1800 * 25)))
        ]
    );
}

fn cinegy() -> ImportOptions {
    ImportOptions {
        csv_preset: CsvPreset::Cinegy,
        ..options(date(2026, 6, 1))
    }
}

#[test]
fn a_cinegy_row_keeps_its_start_its_flags_and_its_extra_columns() {
    let (lib, _) = read(
        "07;00;00;00,00;00;10;00,C,A,Alpha,x,y\n,00;00;10;00,,B,Beta\n",
        &cinegy(),
    )
    .unwrap();
    let read_back: Vec<(Frames, StartMode, Extra)> = lib.schedules[0]
        .events
        .iter()
        .map(|e| (e.start, e.start_mode, e.extra.clone()))
        .collect();
    let mut first = Extra::new();
    first.insert("csv:flags".into(), "C".into());
    first.insert("csv:col6".into(), "x".into());
    first.insert("csv:col7".into(), "y".into());
    assert_eq!(
        read_back,
        [
            (Frames(3600 * 25), StartMode::Fixed, first),
            (Frames(3600 * 25 + 250), StartMode::Follow, Extra::new()),
        ]
    );
}

#[test]
fn a_fixed_cinegy_item_keeps_its_time_even_right_after_the_one_before() {
    let text = "06;00;00;00,00;00;10;00,C,A,Alpha\n06;00;10;00,00;00;10;00,C,B,Beta\n,00;00;10;00,J,C,Gamma\n";
    let (lib, _) = read(text, &cinegy()).unwrap();
    assert_eq!(
        write(&lib.schedules[0], CsvPreset::Cinegy).unwrap().text,
        text
    );
}

#[test]
fn without_a_start_mode_column_a_row_that_does_not_follow_on_is_fixed() {
    let (lib, _) = read(
        "title,start,duration\nA,06:00:00:00,00:10:00:00\nB,,00:10:00:00\nC,06:20:00:00,00:10:00:00\nD,07:00:00:00,00:10:00:00\n",
        &options(date(2026, 6, 1)),
    )
    .unwrap();
    let modes: Vec<StartMode> = lib.schedules[0]
        .events
        .iter()
        .map(|e| e.start_mode)
        .collect();
    assert_eq!(
        modes,
        [
            StartMode::Follow,
            StartMode::Follow,
            StartMode::Follow,
            StartMode::Fixed
        ]
    );
}

#[test]
fn the_header_needs_both_a_title_and_a_length() {
    let o = options(date(2026, 6, 1));
    for header in ["start,duration", "title,start", "notes,kind"] {
        let err = read(&format!("{header}\n1,2\n"), &o).unwrap_err();
        assert_eq!((err.line, err.column), (1, 1), "{header}: {}", err.message);
        assert!(
            err.message
                .starts_with("the first row must name the columns"),
            "{header}"
        );
    }
}

#[test]
fn a_field_at_the_length_limit_is_read_and_one_byte_more_is_refused() {
    let o = ImportOptions {
        limits: crate::format::Limits {
            max_field_bytes: 12,
            ..crate::format::Limits::DEFAULT
        },
        ..options(date(2026, 6, 1))
    };
    let (lib, _) = read("title,duration\nTwelve bytes,00:00:10:00\n", &o).unwrap();
    assert_eq!(lib.schedules[0].events[0].title, "Twelve bytes");
    let err = read("title,duration\nThirteen byte,00:00:10:00\n", &o).unwrap_err();
    assert_eq!(
        (err.line, err.message.as_str()),
        (2, "a field is longer than the 12-byte limit")
    );
}

#[test]
fn starts_between_frames_are_rounded_and_counted_in_one_warning() {
    let o = ImportOptions {
        date: Some(date(2026, 6, 1)),
        ..crate::format::berlin_options(Some(FrameRate::FPS_29_97_NDF))
    };
    let (_, warnings) = read(
        "title,start,duration\nA,06:00:00:00,00:00:10:00\nB,07:00:00:00,00:00:10:00\nC,08:00:00:00,00:00:10:00\n",
        &o,
    )
    .unwrap();
    assert_eq!(
        warnings,
        [ImportWarning::whole(
            "2 start time(s) fell between frames at 30000/1001 and were rounded to the nearest frame"
        )]
    );
}
