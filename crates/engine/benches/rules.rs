//! Rules benchmarks: a weekly plan applied to a month, applied again onto it, and the month's
//! separation check. Run with `cargo bench -p scheduleflow-engine --bench rules`; figures go in
//! docs/BENCHMARKS.md.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use jiff::civil::date;
use scheduleflow_engine::format::{import, ImportOptions};
use scheduleflow_engine::model::Playlist;
use scheduleflow_engine::rules::{apply, ApplyRequest, Plan, PlanFile};
use scheduleflow_engine::validate::check_separation;

const EXAMPLE: &str = include_str!("../../../docs/formats/plan/example.plan.json");
const PLAYLISTS: &str = include_str!("../../../docs/formats/plan/playlists.json");

fn playlists() -> Vec<Playlist> {
    import(PLAYLISTS, None, &ImportOptions::default())
        .expect("the example playlists import")
        .library
        .playlists
}

/// The example plan, and a denser one: its films also break for spots every six minutes, which
/// makes a month of about 30,000 events.
fn plans() -> [(&'static str, Plan); 2] {
    let example = PlanFile::parse(EXAMPLE)
        .and_then(|f| f.check())
        .expect("valid");
    let dense_text = EXAMPLE.replace(
        r#""title": "Morning films","#,
        r#""title": "Morning films", "breaks": {"at": "00:06:00", "length": "00:01:30:00", "spots": "spots"},"#,
    )
    .replace(
        r#""title": "Late film","#,
        r#""title": "Late film", "breaks": {"at": "00:06:00", "length": "00:01:30:00", "spots": "spots"},"#,
    )
    .replace(
        r#""title": "Holiday films","#,
        r#""title": "Holiday films", "breaks": {"at": "00:06:00", "length": "00:01:30:00", "spots": "spots"},"#,
    );
    let dense = PlanFile::parse(&dense_text)
        .and_then(|f| f.check())
        .expect("valid");
    [("example plan", example), ("dense plan", dense)]
}

fn month(c: &mut Criterion) {
    let lists = playlists();
    for (name, plan) in plans() {
        let request = ApplyRequest {
            plan: &plan,
            playlists: &lists,
            from: date(2026, 12, 1),
            to: date(2026, 12, 31),
            onto: None,
            id: "december".into(),
            name: "December".into(),
            reserved: &[],
        };
        let first = apply(&request).expect("the plan applies");
        let events = first.schedule.events.len();
        c.bench_function(
            &format!("apply the {name} to December ({events} events)"),
            |b| b.iter(|| apply(black_box(&request))),
        );
        let again = ApplyRequest {
            onto: Some(&first.schedule),
            ..request.clone()
        };
        c.bench_function(&format!("apply the {name} again onto its December"), |b| {
            b.iter(|| apply(black_box(&again)))
        });
        c.bench_function(&format!("separation check of the {name}'s December"), |b| {
            b.iter(|| check_separation(black_box(&first.schedule), &plan.separation))
        });
    }
}

criterion_group!(benches, month);
criterion_main!(benches);
