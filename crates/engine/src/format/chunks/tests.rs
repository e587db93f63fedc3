//! Pieces of any size join into exactly the text written whole.

use proptest::prelude::*;

use super::*;
use crate::format::export_schedule;
use crate::generate::{sample_channel, schedule};
use crate::time::FrameRate;

fn sample(events: usize) -> Schedule {
    let origin = "2026-10-24T05:00:00Z".parse().unwrap();
    let mut s = schedule(events, 3, sample_channel(FrameRate::FPS_29_97_DF), origin);
    s.name = "Late \"night\" <list> & more".into();
    s.extra
        .insert("station".into(), serde_json::json!({"call": "KXYZ"}));
    if let Some(e) = s.events.get_mut(1) {
        e.notes = "two\nlines & \"quotes\"".into();
        e.extra
            .insert("events".into(), serde_json::json!(["not", "the list"]));
    }
    s
}

fn joined(schedule: &Schedule, format: Format, budget: usize) -> (String, usize, String) {
    let mut chunks = ExportChunks::new(schedule, format).expect("a native format");
    let mut text = String::new();
    let mut pieces = 0;
    while let Some(piece) = chunks.next_piece(schedule, budget) {
        text.push_str(&piece);
        pieces += 1;
    }
    assert_eq!(chunks.written(), schedule.events.len());
    (text, pieces, chunks.name().to_owned())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]

    #[test]
    fn pieces_of_any_size_join_into_the_file_written_whole(
        events in 0usize..12,
        budget in 1usize..6,
        xml in any::<bool>(),
    ) {
        let format = if xml { Format::SfXml } else { Format::SfJson };
        let s = sample(events);
        let whole = export_schedule(&s, format).unwrap().remove(0);
        let (text, pieces, name) = joined(&s, format, budget);
        prop_assert_eq!(&text, &whole.text);
        prop_assert_eq!(name, whole.name);
        prop_assert_eq!(pieces, 2 + events.div_ceil(budget));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(60))]

    #[test]
    fn a_library_written_a_schedule_at_a_time_is_the_document_written_whole(
        sizes in proptest::collection::vec(0usize..7, 0..4),
        playlists in 0usize..3,
        budget in 1usize..5,
    ) {
        let library = Library {
            schedules: sizes.iter().enumerate().map(|(n, &events)| {
                let mut s = sample(events);
                s.id = format!("s{n}");
                s
            }).collect(),
            playlists: (0..playlists)
                .map(|n| crate::generate::playlist(n + 1, n as u64, FrameRate::FPS_25))
                .collect(),
        };
        let whole = crate::format::export_library(&library, Format::SfXml).unwrap().remove(0);
        let (head, tail) = library_around_schedules(&library.playlists);
        let mut text = head;
        for s in &library.schedules {
            let mut chunks = ExportChunks::in_library(s);
            prop_assert_eq!(chunks.name(), whole.name.as_str());
            while let Some(piece) = chunks.next_piece(s, budget) {
                text.push_str(&piece);
            }
        }
        text.push_str(&tail);
        prop_assert_eq!(text, whole.text);
    }
}

#[test]
fn the_interchange_formats_are_written_only_whole() {
    let s = sample(3);
    for format in [
        Format::Ffplayout,
        Format::Xmltv,
        Format::M3u,
        Format::Csv,
        Format::Bxf,
    ] {
        assert!(ExportChunks::new(&s, format).is_none(), "{format:?}");
    }
    let chunks = ExportChunks::new(&s, Format::SfXml).unwrap();
    assert_eq!(chunks.mime(), Format::SfXml.mime());
}
