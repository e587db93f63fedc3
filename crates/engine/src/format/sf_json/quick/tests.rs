//! The quick path against serde: it reads ScheduleFlow's own documents, and whatever it reads,
//! serde reads the same; whatever serde refuses, it gives up on.

use proptest::prelude::*;

use super::super::DocumentIn;
use super::{events, Document, GiveUp};
use crate::format::sf_json::{write, write_compact};
use crate::generate::{playlist, sample_channel, schedule};
use crate::model::{Event, EventKind, Library, StartMode};
use crate::time::{FrameRate, Frames};

/// The quick path with no limit on a string's length.
fn read(text: &str) -> Result<Document, GiveUp> {
    super::read(text, usize::MAX)
}

/// What serde makes of `text`, in the quick path's terms.
fn by_serde(text: &str) -> Option<Document> {
    serde_json::from_str::<DocumentIn>(text)
        .ok()
        .map(|doc| Document {
            format: doc.format,
            version: doc.version,
            library: Library {
                schedules: doc.schedules,
                playlists: doc.playlists,
            },
        })
}

/// The rule the quick path lives by: when it reads a document, serde reads the same.
fn agrees_with_serde(text: &str) -> Result<(), String> {
    match read(text) {
        Err(_) => Ok(()),
        Ok(quick) => match by_serde(text) {
            Some(serde) if serde == quick => Ok(()),
            Some(_) => Err(format!("read differently from serde: {text}")),
            None => Err(format!("read what serde refuses: {text}")),
        },
    }
}

/// The same rule for a stored piece: a JSON array of events.
fn reads_events_as_serde_does(text: &str) -> Result<(), String> {
    match events(text) {
        Err(_) => Ok(()),
        Ok(quick) => match serde_json::from_str::<Vec<Event>>(text) {
            Ok(serde) if serde == quick => Ok(()),
            Ok(_) => Err(format!("read differently from serde: {text}")),
            Err(_) => Err(format!("read what serde refuses: {text}")),
        },
    }
}

/// Titles, notes and sources as people write them, and as escapes spell them.
const TEXTS: [&str; 9] = [
    "",
    "Plain title",
    "Quote \" and backslash \\ inside",
    "Tab\tnew line\ncarriage\r",
    "Größe — 日本語 — emoji 🎬",
    "\u{8}\u{c}\u{1}\u{1f} controls",
    "slash / and \u{7f}",
    "\u{fffd} \u{10ffff}",
    "ends in a backslash \\",
];

fn library(seed: u64, events: usize, texts: &[usize], odd: bool) -> Library {
    let origin = "2026-03-28T05:00:00Z".parse().unwrap();
    let mut s = schedule(
        events,
        seed,
        sample_channel(FrameRate::FPS_29_97_DF),
        origin,
    );
    for (i, e) in s.events.iter_mut().enumerate() {
        let text = |k: usize| TEXTS[texts[(i + k) % texts.len()] % TEXTS.len()].to_owned();
        e.title = text(0);
        if i % 3 == 0 {
            e.notes = text(1);
            e.source = Some(text(2));
        }
        if odd {
            e.kind = EventKind::ALL[i % EventKind::ALL.len()];
            e.start_mode = StartMode::ALL[i % StartMode::ALL.len()];
            e.start = Frames(e.start.0 - 3_000 * (i as i64 % 2));
            e.duration = (i % 4 != 1).then_some(Frames(-(i as i64)));
            e.in_point = (i % 5 == 0).then_some(Frames(i64::MAX / 1_000));
            e.out_point = (i % 5 == 0).then_some(Frames(i64::MIN / 1_000));
            e.media_duration = (i % 7 == 0).then_some(Frames(0));
            if i % 6 == 0 {
                e.extra.insert(
                    "vf".into(),
                    serde_json::json!({"scale": [1280, 720.5, null]}),
                );
            }
        }
    }
    s.extra.insert("owner".into(), serde_json::json!("traffic"));
    Library {
        schedules: vec![s],
        playlists: vec![playlist(3, seed, FrameRate::FPS_25)],
    }
}

#[test]
fn reads_what_scheduleflow_writes_pretty_and_compact() {
    let lib = library(7, 40, &[0, 1, 2, 3, 4, 5, 6, 7, 8], true);
    for text in [write(&lib), write_compact(&lib)] {
        let doc = read(&text).expect("the quick path reads ScheduleFlow's own documents");
        let want = Document {
            format: "scheduleflow-json".to_owned(),
            version: 1,
            library: lib.clone(),
        };
        assert_eq!(doc, want);
    }
}

#[test]
fn reads_escapes_as_serde_does() {
    // Every escape JSON has, a surrogate pair among them, in a title and a key it passes over.
    let text = r#"{"format":"scheduleflow-json","version":1,"schedules":[{"id":"s","name":"n",
        "channel":{"name":"c","rate":"25","zone":"UTC","day_start":"06:00"},
        "origin":"2026-01-01T06:00:00Z","length":100,"events":[{"id":"a","start":0,
        "duration":null,"title":"\"\\\/\b\f\n\r\t\u00e9\uD83C\uDFAC\u0041","unknown":{"x":[1,"\u0000"]}}]}]}"#;
    let doc = read(text).expect("read quickly");
    let event: &Event = &doc.library.schedules[0].events[0];
    assert_eq!(event.title, "\"\\/\u{8}\u{c}\n\r\té🎬A");
    assert_eq!(agrees_with_serde(text), Ok(()));
}

#[test]
fn gives_up_on_what_it_is_not_sure_of() {
    let good = write_compact(&library(3, 2, &[1], false));
    assert!(read(&good).is_ok());
    let cases = [
        // serde reads "-0" as a float, refused as a frame count.
        good.replacen("\"start\":0", "\"start\":-0", 1),
        good.replacen("\"start\":0", "\"start\":0.0", 1),
        good.replacen("\"start\":0", "\"start\":00", 1),
        good.replacen("\"start\":0", "\"start\":1e3", 1),
        good.replacen("\"start\":0", "\"start\":1234567890123456789", 1),
        // A key spelt with an escape (here a second start, which serde refuses).
        good.replacen("\"title\"", "\"t\\u0069tle\"", 1),
        good.replacen("\"start\":0", "\"start\":0,\"st\\u0061rt\":5", 1),
        // A high surrogate followed by an escape that is no low one.
        good.replacen("\"title\":\"", "\"title\":\"\\ud83c\\u0041", 1),
        good.replacen("\"title\":\"", "\"title\":\"\\ud83cxxdfac", 1),
        // A duplicate member, a trailing comma, a lone surrogate, a control character.
        good.replacen("\"start\":0", "\"start\":0,\"start\":0", 1),
        good.replacen("\"start\":0", "\"start\":0,", 1),
        good.replacen("\"title\":\"", "\"title\":\"\\ud800", 1),
        good.replacen("\"title\":\"", "\"title\":\"\u{1}", 1),
        // A control character before what would read as an escape.
        good.replacen("\"title\":\"", "\"title\":\"\u{1}n", 1),
        // A member the document does not name, and text after it.
        good.replacen("{\"format\"", "{\"other\":1,\"format\"", 1),
        format!("{good} x"),
        good.replacen("\"version\":1", "\"version\":-1", 1),
        // A required member missing.
        good.replacen("\"title\":", "\"titel\":", 1),
        good.replacen("\"events\":", "\"evts\":", 1),
        good.replacen("\"id\":\"ev000000\",", "", 1),
        good.replacen("\"events\":[", "\"events\":[],\"events\":[", 1),
    ];
    for text in &cases {
        assert!(read(text).is_err(), "read quickly: {text}");
    }
    // An empty key (a member serde passes over) is read, as by serde.
    let passed_over = good.replacen("\"start\":0", "\"start\":0,\"\":[]", 1);
    assert!(read(&passed_over).is_ok());
    assert_eq!(agrees_with_serde(&passed_over), Ok(()));
}

#[test]
fn reads_members_in_any_order() {
    let lib = library(5, 4, &[1, 3], true);
    // Through a `serde_json::Value`, every object's members come out in alphabetical order:
    // a schedule's events before its id and a string last, the version last of all.
    let value = serde_json::from_str::<serde_json::Value>(&write(&lib)).unwrap();
    let reordered = value.to_string();
    assert!(reordered.starts_with("{\"format\":") && reordered.ends_with(",\"version\":1}"));
    assert!(reordered.contains("{\"channel\":"), "{reordered}");
    let doc = read(&reordered).expect("read quickly");
    assert_eq!(doc.library, lib);
}

#[test]
fn gives_up_on_a_piece_nested_deeper_than_serde_reads_whole() {
    let good = write_compact(&library(3, 1, &[1], false));
    let extra = format!("{{\"x\":{}1{}}}", "[".repeat(125), "]".repeat(125));
    // On its own the piece is within serde's nesting limit; five levels down in the document
    // it is not.
    assert!(serde_json::from_str::<crate::model::Extra>(&extra).is_ok());
    let text = good.replacen("\"start\":0", &format!("\"start\":0,\"extra\":{extra}"), 1);
    assert!(by_serde(&text).is_none());
    assert!(read(&text).is_err());
}

/// Snippets that break a document in the ways the quick path must notice.
const SNIPPETS: [&str; 25] = [
    "\"",
    "\\",
    ",",
    "}",
    "]",
    "{",
    "[",
    ":",
    " ",
    "null",
    "-0",
    "1.5",
    "1e3",
    "-",
    "0",
    "\\u00e9",
    "\\ud800",
    "\\n",
    "\u{1}",
    "\u{1}t",
    "é",
    "\"extra\":{}",
    "\"kind\":\"live\"",
    "\"notes\":null",
    "\"duration\":null",
];

/// An edit: where (a fraction of the text), how many bytes to cut there, what to put instead.
type Edit = (prop::sample::Index, usize, &'static str);

/// `text` with `edits` made, each where it falls between characters.
fn broken(mut text: String, edits: Vec<Edit>) -> String {
    for (at, cut, snippet) in edits {
        let at = at.index(text.len() + 1);
        let end = (at + cut).min(text.len());
        if text.is_char_boundary(at) && text.is_char_boundary(end) {
            text.replace_range(at..end, snippet);
        }
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn reads_every_generated_document_as_serde_does(
        seed in any::<u64>(),
        count in 0usize..30,
        texts in proptest::collection::vec(0usize..TEXTS.len(), 1..6),
        odd in any::<bool>(),
        compact in any::<bool>(),
    ) {
        let lib = library(seed, count, &texts, odd);
        let text = if compact { write_compact(&lib) } else { write(&lib) };
        let doc = read(&text);
        prop_assert!(doc.is_ok(), "gave up on a document ScheduleFlow wrote");
        prop_assert_eq!(doc.ok(), by_serde(&text));
        let piece = crate::pieces::write_piece(&lib.schedules[0].events);
        prop_assert_eq!(events(&piece).ok(), Some(lib.schedules[0].events.clone()));
    }

    #[test]
    fn an_import_refuses_a_string_over_the_limit_as_a_scan_before_reading_does(
        seed in any::<u64>(),
        count in 0usize..12,
        texts in proptest::collection::vec(0usize..TEXTS.len(), 1..6),
        compact in any::<bool>(),
        bom in any::<bool>(),
        alone in any::<bool>(),
        longest in 0usize..48,
        edits in proptest::collection::vec(
            (any::<prop::sample::Index>(), 0usize..4, prop::sample::select(SNIPPETS.to_vec())),
            0..3,
        ),
    ) {
        // Strings in events, in the schedule's head, in extras and in the playlists, some
        // over the limit and some not; whole documents and broken ones.
        let mut lib = library(seed, count, &texts, true);
        if alone {
            // The events' strings the longest in the document.
            lib.playlists.clear();
            lib.schedules[0].extra.clear();
            lib.schedules[0].name = "Day".into();
        }
        let written = if compact { write_compact(&lib) } else { write(&lib) };
        let text = format!("{}{}", if bom { "\u{feff}" } else { "" }, broken(written, edits));
        let limits = crate::format::Limits {
            max_field_bytes: longest,
            ..crate::format::Limits::DEFAULT
        };
        let scanned_then_read = crate::format::text::check_json_strings(&text, limits)
            .and_then(|()| crate::format::sf_json::read(&text));
        prop_assert_eq!(
            crate::format::sf_json::read_within(&text, limits),
            scanned_then_read
        );
    }

    #[test]
    fn a_broken_document_is_read_as_serde_reads_it_or_left_to_serde(
        seed in any::<u64>(),
        compact in any::<bool>(),
        edits in proptest::collection::vec(
            (any::<prop::sample::Index>(), 0usize..4, prop::sample::select(SNIPPETS.to_vec())),
            1..4,
        ),
    ) {
        let lib = library(seed, 3, &[2, 4, 5], true);
        let written = if compact { write_compact(&lib) } else { write(&lib) };
        let text = broken(written, edits);
        prop_assert_eq!(agrees_with_serde(&text), Ok(()));
    }

    #[test]
    fn a_broken_piece_is_read_as_serde_reads_it_or_left_to_serde(
        seed in any::<u64>(),
        edits in proptest::collection::vec(
            (any::<prop::sample::Index>(), 0usize..4, prop::sample::select(SNIPPETS.to_vec())),
            1..4,
        ),
    ) {
        let lib = library(seed, 3, &[2, 4, 5], true);
        let text = broken(crate::pieces::write_piece(&lib.schedules[0].events), edits);
        prop_assert_eq!(reads_events_as_serde_does(&text), Ok(()));
    }
}
