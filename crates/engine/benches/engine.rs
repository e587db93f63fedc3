//! Engine benchmarks: validation, building and undo at the sizes users meet.
//! Run with `cargo bench -p scheduleflow-engine --bench engine`; figures go in docs/BENCHMARKS.md.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use jiff::Timestamp;
use scheduleflow_engine::build::{build, BuildEnd, BuildRequest, Ending, Fill, Order};
use scheduleflow_engine::edit::{Edit, History};
use scheduleflow_engine::generate::{playlist, sample_channel, schedule};
use scheduleflow_engine::session::Session;
use scheduleflow_engine::time::{FrameRate, Frames};
use scheduleflow_engine::validate::validate;

fn origin() -> Timestamp {
    "2026-03-23T05:00:00Z".parse().expect("a valid instant")
}

fn validation(c: &mut Criterion) {
    let s = schedule(50_000, 1, sample_channel(FrameRate::FPS_25), origin());
    c.bench_function("validate 50,000 events", |b| {
        b.iter(|| validate(black_box(&s)))
    });
    // A year of a busy channel (issue 10's floor: 150 ms).
    let year = schedule(1_000_000, 1, sample_channel(FrameRate::FPS_25), origin());
    let mut group = c.benchmark_group("year");
    group.sample_size(10);
    group.bench_function("validate 1,000,000 events", |b| {
        b.iter(|| validate(black_box(&year)))
    });
    group.finish();
}

fn building(c: &mut Criterion) {
    let p = playlist(1_000, 2, FrameRate::FPS_25);
    let req = BuildRequest {
        id: "week".into(),
        name: "Week".into(),
        channel: sample_channel(FrameRate::FPS_25),
        start: origin(),
        end: BuildEnd::Length(Frames(7 * 24 * 3600 * 25)),
        order: Order::ShuffleNoRepeat {
            seed: 3,
            window: 50,
        },
        fill: Fill::Loop,
        ending: Ending::Trim,
        hard_starts: Vec::new(),
    };
    c.bench_function("build a week at 25 fps from 1,000 items", |b| {
        b.iter(|| build(black_box(&p), None, black_box(&req)))
    });
}

/// 10,000 edits of every kind (trims with ripple, moves, inserts, deletes, start modes) on a
/// 1,000-event schedule, then undo of all of them.
fn undo(c: &mut Criterion) {
    let base = schedule(1_000, 4, sample_channel(FrameRate::FPS_25), origin());
    let edits: Vec<Edit> = (0..10_000usize)
        .map(|i| {
            let index = (i * 7919) % 900;
            match i % 5 {
                0 => Edit::Trim {
                    index,
                    duration: Frames(250 + (i % 100) as i64),
                    ripple: true,
                },
                1 => Edit::Move {
                    index,
                    start: Frames((i * 131) as i64),
                },
                2 => Edit::Insert {
                    index,
                    event: base.events[index].clone(),
                    ripple: false,
                },
                3 => Edit::Delete {
                    index,
                    ripple: false,
                },
                _ => Edit::SetStartMode {
                    index,
                    mode: scheduleflow_engine::model::StartMode::Manual,
                },
            }
        })
        .collect();
    let mut edited = base.clone();
    let mut history = History::new();
    for e in &edits {
        history
            .apply(&mut edited, e)
            .expect("every benchmark edit applies");
    }
    c.bench_function("undo 10,000 edits", |b| {
        b.iter_batched(
            || (edited.clone(), history.clone()),
            |(mut s, mut h)| {
                while h.undo(&mut s).is_some() {}
                s
            },
            BatchSize::LargeInput,
        )
    });
    c.bench_function("apply 10,000 edits", |b| {
        b.iter_batched(
            || (base.clone(), History::new()),
            |(mut s, mut h)| {
                for e in &edits {
                    let _ = h.apply(&mut s, e);
                }
                s
            },
            BatchSize::LargeInput,
        )
    });
}

/// One edit on an open 50,000-event schedule, as the editor makes it: applied through the
/// session (which checks again only what the edit can affect) and undone.
fn session_edits(c: &mut Criterion) {
    let s = schedule(50_000, 1, sample_channel(FrameRate::FPS_25), origin());
    let mut session = Session::new(s.clone(), History::new());
    let middle = 25_000;
    let mut fresh = s.events[middle].clone();
    fresh.id = scheduleflow_engine::model::EventId::new("inserted");
    let edits = [
        (
            "insert",
            Edit::Insert {
                index: middle,
                event: fresh,
                ripple: false,
            },
        ),
        (
            "trim (ripple)",
            Edit::Trim {
                index: middle,
                duration: Frames(300),
                ripple: true,
            },
        ),
        (
            "delete",
            Edit::Delete {
                index: middle,
                ripple: false,
            },
        ),
        (
            "delete 1,000 selected (ripple)",
            scheduleflow_engine::edit::delete_events(
                &(middle..middle + 1_000).collect::<Vec<_>>(),
                true,
            )
            .expect("a selection"),
        ),
    ];
    for (name, edit) in edits {
        c.bench_function(&format!("session: {name} and undo, 50,000 events"), |b| {
            b.iter(|| {
                session.apply(black_box(&edit)).expect("the edit applies");
                session.undo().expect("there is a step to undo");
            })
        });
    }
}

/// "Copy this day to every other day" on a year of a channel (the app's 50,000-event sample
/// covers 355 broadcast days).
fn copying_a_day(c: &mut Criterion) {
    let s = schedule(50_000, 1, sample_channel(FrameRate::FPS_25), origin());
    let clock = scheduleflow_engine::on_air::OnAir::new(&s);
    let mut days: Vec<_> = s
        .events
        .iter()
        .filter_map(|e| clock.day_of(e.start))
        .collect();
    days.dedup();
    let from = days[1];
    let edit = Edit::CopyDay {
        from,
        to: days.iter().copied().filter(|d| *d != from).collect(),
    };
    let mut group = c.benchmark_group("year");
    group.sample_size(10);
    group.bench_function("copy a day onto 354 days, 50,000 events", |b| {
        b.iter_batched(
            || s.clone(),
            |mut s| History::new().apply(&mut s, black_box(&edit)).map(|_| s),
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(
    benches,
    validation,
    building,
    undo,
    session_edits,
    copying_a_day
);
criterion_main!(benches);
