//! Every format through the public entry points: export a schedule, detect the format from the
//! text alone, import it back, and find the same events (as far as the format can carry them).
#![allow(clippy::unwrap_used)] // test helpers may unwrap: a failure is the test failing

use jiff::civil::date;
use scheduleflow_engine::channel::{Channel, DayStart, Zone};
use scheduleflow_engine::format::{
    detect, export_library, export_playlist, export_schedule, import, Format, ImportOptions,
};
use scheduleflow_engine::generate::schedule;
use scheduleflow_engine::model::{EventKind, Library, Schedule};
use scheduleflow_engine::time::FrameRate;

fn sample_of(rate: FrameRate, events: usize, seed: u64) -> Schedule {
    let channel = Channel::new(
        "Test One",
        rate,
        Zone::new("Europe/Berlin").unwrap(),
        DayStart::default(),
    );
    let origin = channel.day_start_instant(date(2026, 5, 12)).unwrap();
    schedule(events, seed, channel, origin)
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
    let want = carried(original, format);
    if got == want {
        Ok(())
    } else {
        Err(format!(
            "{format} at {rate}: {} events back, {} expected",
            got.len(),
            want.len()
        ))
    }
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

/// What a format keeps of each event: (title, length in frames). XMLTV lists programmes and
/// live events only, at whole seconds: its lengths are those of the rounded start and stop.
fn carried(s: &Schedule, format: Format) -> Vec<(String, Option<i64>)> {
    let per_second = i64::from(s.channel.rate.timecode_base());
    let to_second = |f: i64| (f + per_second / 2).div_euclid(per_second) * per_second;
    s.events
        .iter()
        .filter(|e| {
            format != Format::Xmltv || matches!(e.kind, EventKind::Programme | EventKind::Live)
        })
        .map(|e| {
            let length = match (format, e.end()) {
                (Format::Xmltv, Some(end)) => Some(to_second(end.get()) - to_second(e.start.get())),
                _ => e.duration.map(|d| d.get()),
            };
            (e.title.clone(), length)
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
            assert_eq!(got, carried(&original, format), "{format} at {rate}");
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
