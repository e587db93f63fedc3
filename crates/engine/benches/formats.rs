//! Import and export throughput per format for a 50,000-event file, in MB/s of the file.
//! Run with `cargo bench -p scheduleflow-engine --bench formats`; figures go in docs/BENCHMARKS.md.

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use jiff::civil::date;
use scheduleflow_engine::channel::{Channel, DayStart, Zone};
use scheduleflow_engine::format::{export_schedule, import, Format, ImportOptions};
use scheduleflow_engine::generate::schedule;
use scheduleflow_engine::model::{EventKind, Schedule};
use scheduleflow_engine::time::FrameRate;

const EVENTS: usize = 50_000;

fn channel() -> Channel {
    Channel::new(
        "Bench",
        FrameRate::FPS_25,
        Zone::new("Europe/Berlin").expect("a zone"),
        DayStart::default(),
    )
}

fn sample() -> Schedule {
    let channel = channel();
    let origin = channel
        .day_start_instant(date(2026, 1, 5))
        .expect("a day start");
    let mut s = schedule(EVENTS, 1, channel, origin);
    // A guide lists programmes only; make every event one so each format holds 50,000.
    for e in &mut s.events {
        e.kind = EventKind::Programme;
    }
    s
}

/// One ffplayout playlist holding all 50,000 clips (the writer would split them by day).
fn ffplayout_text(s: &Schedule) -> String {
    let mut out = String::from("{\"channel\": \"Bench\", \"date\": \"2026-01-05\", \"program\": [");
    for (i, e) in s.events.iter().enumerate() {
        let seconds = s
            .channel
            .rate
            .seconds(e.duration.unwrap_or_default())
            .to_decimal(6);
        let sep = if i == 0 { "" } else { "," };
        let _ = write!(out, "{sep}\n{{\"in\": 0, \"out\": {seconds}, \"duration\": {seconds}, \"source\": \"/media/{i}.mp4\", \"title\": \"{}\"}}", e.title);
    }
    out.push_str("]}\n");
    out
}

fn options() -> ImportOptions {
    ImportOptions {
        rate: Some(FrameRate::FPS_25),
        zone: Some(Zone::new("Europe/Berlin").expect("a zone")),
        day_start: Some(DayStart::default()),
        date: Some(date(2026, 1, 5)),
        ..ImportOptions::default()
    }
}

fn throughput(c: &mut Criterion) {
    let s = sample();
    let opts = options();
    for format in Format::ALL {
        let text = match format {
            Format::Ffplayout => ffplayout_text(&s),
            _ => export_schedule(&s, format).expect("export").remove(0).text,
        };
        let mut group = c.benchmark_group(format.name());
        group.sample_size(10);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function("import 50,000 events", |b| {
            b.iter(|| import(black_box(&text), Some(format), &opts).expect("import"))
        });
        let imported = import(&text, Some(format), &opts)
            .expect("import")
            .library
            .schedules
            .remove(0);
        if format != Format::Ffplayout {
            group.bench_function("export 50,000 events", |b| {
                b.iter(|| export_schedule(black_box(&imported), format).expect("export"))
            });
        }
        group.finish();
    }
}

criterion_group!(benches, throughput);
criterion_main!(benches);
