//! Every format through the public entry points: export a schedule, detect the format from the
//! text alone, import it back, and find the same events (as far as the format can carry them).
#![allow(clippy::unwrap_used)] // test helpers may unwrap: a failure is the test failing

use jiff::civil::date;
use scheduleflow_engine::channel::{Channel, DayStart, Zone};
use scheduleflow_engine::format::{
    detect, export_library, export_playlist, export_schedule, import, Format, ImportOptions,
};
use scheduleflow_engine::generate::schedule;
use scheduleflow_engine::model::{EventKind, Library, Schedule, StartMode};
use scheduleflow_engine::time::{FrameRate, Frames};

fn sample_of(rate: FrameRate, events: usize, seed: u64) -> Schedule {
    let channel = Channel::new(
        "Test One",
        rate,
        Zone::new("Europe/Berlin").unwrap(),
        DayStart::default(),
    );
    let origin = channel.day_start_instant(date(2026, 5, 12)).unwrap();
    let mut s = schedule(events, seed, channel, origin);
    // Every field a format might carry, set on some events.
    for (i, e) in s.events.iter_mut().enumerate() {
        let length = e.duration.unwrap();
        if i % 3 == 1 {
            let in_point = Frames(25 * (i as i64 % 40));
            e.in_point = Some(in_point);
            e.out_point = Some(in_point + length);
            e.media_duration = Some(in_point + length + Frames(250));
        }
        if i % 5 == 2 {
            e.notes = format!("note {i}");
        }
        if i % 7 == 3 {
            e.start_mode = StartMode::Manual;
        }
    }
    s
}

/// About two weeks: long enough that every format must handle many broadcast days.
fn sample(rate: FrameRate) -> Schedule {
    sample_of(rate, 3_000, 21)
}

/// Exports `original` in `format`, imports it back and compares what the format carries.
fn round_trip(original: &Schedule, format: Format) -> Result<(), String> {
    let rate = original.channel.rate;
    let files = export_schedule(original, format).map_err(|e| e.to_string())?;
    let mut got = Vec::new();
    for file in &files {
        if detect(&file.text, Some(&file.name)) != Some(format) {
            return Err(format!("{format}: {} not detected", file.name));
        }
        let imported =
            import(&file.text, None, &options(rate)).map_err(|e| format!("{format}: {e}"))?;
        for s in &imported.library.schedules {
            got.extend(carried(s, format));
        }
    }
    first_difference(format, &got, &carried(original, format))
        .map_or(Ok(()), |d| Err(format!("{d} (at {rate})")))
}

/// Where `got` first differs from `want`: the event and the field, both values.
fn first_difference(format: Format, got: &[Vec<String>], want: &[Vec<String>]) -> Option<String> {
    if got.len() != want.len() {
        return Some(format!(
            "{format}: {} events back, {} expected",
            got.len(),
            want.len()
        ));
    }
    got.iter().zip(want).enumerate().find_map(|(i, (g, w))| {
        carries(format)
            .iter()
            .zip(g.iter().zip(w))
            .find(|(_, (g, w))| g != w)
            .map(|(field, (g, w))| format!("{format}: event {i}, {field:?}: got {g}, expected {w}"))
    })
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

    #[test]
    fn every_format_round_trips_generated_schedules(
        seed in proptest::prelude::any::<u64>(),
        events in 1usize..400,
        rate in proptest::sample::select(vec![FrameRate::FPS_25, FrameRate::FPS_30, FrameRate::FPS_50]),
    ) {
        let original = sample_of(rate, events, seed);
        for format in Format::ALL {
            if let Err(e) = round_trip(&original, format) {
                proptest::prop_assert!(false, "{}", e);
            }
        }
    }
}

fn options(rate: FrameRate) -> ImportOptions {
    ImportOptions {
        rate: Some(rate),
        zone: Some(Zone::new("Europe/Berlin").unwrap()),
        day_start: Some(DayStart::default()),
        date: Some(date(2026, 5, 12)),
        ..ImportOptions::default()
    }
}

/// A field of an event, for saying which ones a format carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Id,
    /// When it starts, as an instant.
    Start,
    Length,
    Title,
    Kind,
    StartMode,
    Source,
    InOut,
    MediaLength,
    Notes,
}

use Field::*;

impl Field {
    const ALL: [Field; 10] = [
        Id,
        Start,
        Length,
        Title,
        Kind,
        StartMode,
        Source,
        InOut,
        MediaLength,
        Notes,
    ];
}

/// What each format carries of an event, in one table; what a row leaves out, the format has
/// no place for (or, where noted, keeps only in part):
///
/// | format | id | start | length | title | kind | start mode | source | in/out | media length | notes |
/// |---|---|---|---|---|---|---|---|---|---|---|
/// | ScheduleFlow JSON, XML | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ |
/// | ffplayout | – | –¹ | ✓ | ✓ | – | – | ✓ | ✓² | ✓² | – |
/// | XMLTV³ | – | ✓ | ✓ | ✓ | – | – | – | – | – | – |
/// | BXF | ✓ | ✓ | ✓ | ✓ | ✓⁴ | ✓ | ✓ | – | – | – |
/// | CSV | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | – | – |
/// | M3U | – | ✓ | ✓ | ✓ | – | – | ✓ | – | – | – |
///
/// ¹ A day's playlist has no start times: its clips follow each other from the day's start, so
/// an event that the day before runs into reads back at the day's start.
/// ² A clip always has in, out and the file's length: without them, 0, its length and its length.
/// ³ Programmes and live events only (a guide lists no spots), at whole seconds; all read back
/// as programmes.
/// ⁴ Programme or not only: spots and promos read back as commercials, the rest as programmes.
///
/// Fields a format does not know (`extra`) are kept by each format's reader and writer; their
/// golden samples (`tests/data/`) check that.
fn carries(format: Format) -> &'static [Field] {
    match format {
        Format::SfJson | Format::SfXml => &Field::ALL,
        Format::Ffplayout => &[Length, Title, Source, InOut, MediaLength],
        Format::Xmltv => &[Start, Length, Title],
        Format::Bxf => &[Id, Start, Length, Title, Kind, StartMode, Source],
        Format::Csv => &[Id, Start, Length, Title, Kind, StartMode, Source, InOut],
        Format::M3u => &[Start, Length, Title, Source],
    }
}

/// One event as a format can carry it: the carried fields, as text, in table order.
fn carried(s: &Schedule, format: Format) -> Vec<Vec<String>> {
    let per_second = i64::from(s.channel.rate.timecode_base());
    let to_second = |f: i64| (f + per_second / 2).div_euclid(per_second) * per_second;
    let whole_seconds = matches!(format, Format::Xmltv);
    s.events
        .iter()
        .filter(|e| {
            format != Format::Xmltv || matches!(e.kind, EventKind::Programme | EventKind::Live)
        })
        .map(|e| {
            carries(format)
                .iter()
                .map(|field| match field {
                    Id => e.id.to_string(),
                    Start => {
                        let frames = if whole_seconds {
                            to_second(e.start.get())
                        } else {
                            e.start.get()
                        };
                        s.channel
                            .instant_after(s.origin, Frames(frames))
                            .map(|t| t.to_string())
                            .unwrap_or_default()
                    }
                    Length => match (whole_seconds, e.end()) {
                        (true, Some(end)) => {
                            (to_second(end.get()) - to_second(e.start.get())).to_string()
                        }
                        _ => format!("{:?}", e.duration.map(|d| d.get())),
                    },
                    Title => e.title.clone(),
                    // BXF tells programme events from non-programme ones only.
                    Kind if format == Format::Bxf => match e.kind {
                        EventKind::Commercial | EventKind::Promo => "commercial",
                        _ => "programme",
                    }
                    .to_owned(),
                    Kind => e.kind.as_str().to_owned(),
                    StartMode => e.start_mode.as_str().to_owned(),
                    Source => format!("{:?}", e.source),
                    // An ffplayout clip always has in, out and the file's length: without
                    // them, 0, its length and its length.
                    InOut if format == Format::Ffplayout && e.in_point.is_none() => {
                        format!("{:?}", (Some(Frames::ZERO), e.duration))
                    }
                    MediaLength if format == Format::Ffplayout && e.media_duration.is_none() => {
                        format!("{:?}", e.duration)
                    }
                    InOut => format!("{:?}", (e.in_point, e.out_point)),
                    MediaLength => format!("{:?}", e.media_duration),
                    Notes => e.notes.clone(),
                })
                .collect()
        })
        .collect()
}

#[test]
fn every_format_exports_detects_and_imports_back() {
    for rate in [FrameRate::FPS_25, FrameRate::FPS_50] {
        let original = sample(rate);
        for format in Format::ALL {
            let files = export_schedule(&original, format).unwrap();
            let mut back: Vec<Schedule> = Vec::new();
            for file in &files {
                assert_eq!(
                    detect(&file.text, Some(&file.name)),
                    Some(format),
                    "{format}: {}",
                    file.name
                );
                assert!(
                    file.name.ends_with(format.extension()),
                    "{format}: {}",
                    file.name
                );
                let imported = import(&file.text, None, &options(rate))
                    .unwrap_or_else(|e| panic!("{format}: {e}"));
                assert_eq!(imported.format, format);
                back.extend(imported.library.schedules);
            }
            let mut got = Vec::new();
            for s in &back {
                got.extend(carried(s, format));
            }
            let difference = first_difference(format, &got, &carried(&original, format));
            assert_eq!(difference, None, "at {rate}");
        }
    }
}

#[test]
fn a_playlist_exports_in_the_native_formats_and_imports_back_unchanged() {
    let playlist = scheduleflow_engine::generate::playlist(12, 4, FrameRate::FPS_29_97_DF);
    for format in [Format::SfJson, Format::SfXml] {
        let files = export_playlist(&playlist, format).unwrap();
        assert_eq!(files.len(), 1);
        assert!(files[0].name.ends_with(format.extension()));
        let back = import(&files[0].text, None, &ImportOptions::default()).unwrap();
        assert_eq!(back.library.playlists, vec![playlist.clone()], "{format}");
        assert!(back.library.schedules.is_empty());
    }
    let refused = export_playlist(&playlist, Format::Xmltv).unwrap_err();
    assert!(refused.to_string().contains("not playlists"), "{refused}");
}

#[test]
fn the_batch_file_holds_the_whole_library_in_both_native_formats() {
    let library = Library {
        schedules: vec![sample(FrameRate::FPS_25), sample(FrameRate::FPS_29_97_DF)],
        playlists: vec![scheduleflow_engine::generate::playlist(
            7,
            1,
            FrameRate::FPS_25,
        )],
    };
    for format in [Format::SfJson, Format::SfXml] {
        let files = export_library(&library, format).unwrap();
        assert_eq!(files.len(), 1);
        let imported = import(&files[0].text, None, &ImportOptions::default()).unwrap();
        assert_eq!(imported.library, library, "{format}");
    }
    assert!(export_library(&library, Format::Xmltv).is_err());
}
