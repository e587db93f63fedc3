//! "A seed means the same output forever": a seeded `gen` and a seeded, shuffled `build` are
//! pinned to files in `tests/golden/`. A change to the generator, the shuffle or a writer that
//! alters a single byte fails here. When the change is meant, rewrite the files with
//! `UPDATE_GOLDEN=1 cargo test -p scheduleflow-cli --test golden` and review the diff.
#![allow(clippy::unwrap_used)] // test helpers may unwrap: a failure is the test failing

use std::path::{Path, PathBuf};
use std::process::Command;

fn golden(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

/// Runs the CLI and compares its output with golden file `name` (or rewrites it on request).
fn pinned(name: &str, args: &[&str]) {
    let o = Command::new(env!("CARGO_BIN_EXE_scheduleflow"))
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = String::from_utf8(o.stdout).unwrap();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(golden(name), &out).unwrap();
        return;
    }
    let want = std::fs::read_to_string(golden(name)).unwrap();
    assert!(
        out == want,
        "{name} changed; if that is meant, run UPDATE_GOLDEN=1 cargo test -p scheduleflow-cli --test golden"
    );
}

#[test]
fn a_seeded_gen_writes_the_same_schedule_forever() {
    pinned(
        "gen-60-seed-7.json",
        &["gen", "--events", "60", "--seed", "7", "--to", "sf-json"],
    );
}

#[test]
fn a_seeded_shuffled_build_makes_the_same_schedule_forever() {
    let playlist = golden("films.json");
    pinned(
        "build-films-no-repeat-seed-3.json",
        &[
            "build",
            "--playlist",
            playlist.to_str().unwrap(),
            "--tz",
            "Europe/Berlin",
            "--start",
            "2026-03-28T06:00:00+01:00",
            "--length",
            "48:00:00:00",
            "--order",
            "no-repeat",
            "--seed",
            "3",
            "--window",
            "4",
        ],
    );
}

#[test]
fn the_example_plan_makes_the_same_days_forever() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/formats/plan");
    let plan = docs.join("example.plan.json");
    let playlists = docs.join("playlists.json");
    // The first Sunday of the month (Saturday's cartoons, by a date rule) and a weekday (films,
    // the news, a series broken at its chapters, a late film).
    pinned(
        "plan-example-sun-mon.json",
        &[
            "plan",
            "--templates",
            plan.to_str().unwrap(),
            "--playlist",
            playlists.to_str().unwrap(),
            "--from",
            "2026-12-06",
            "--to",
            "2026-12-07",
        ],
    );
}
