//! The `scheduleflow` command line as a user runs it: output, exit codes, and no panics.
#![allow(clippy::unwrap_used)] // test helpers may unwrap: a failure is the test failing

use std::path::Path;
use std::process::{Command, Output};

fn scheduleflow(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scheduleflow"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn no_panic(o: &Output) {
    assert!(!stderr(o).contains("panicked"), "panic: {}", stderr(o));
}

#[test]
fn tc_converts_frames_and_drop_frame_timecode_both_ways() {
    let o = scheduleflow(&["tc", "--fps", "30000/1001", "--df", "--frames", "1800"]);
    assert_eq!(stdout(&o).trim(), "00:01:00;02");
    let o = scheduleflow(&["tc", "--fps", "29.97", "--df", "--timecode", "00:10:00;00"]);
    assert_eq!(stdout(&o).trim(), "17982");
    let o = scheduleflow(&["tc", "--fps", "25", "--timecode", "01:00:00:00"]);
    assert_eq!(stdout(&o).trim(), "90000");
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn tc_refuses_impossible_input_with_exit_code_2() {
    for args in [
        &["tc", "--fps", "29", "--frames", "1"][..],
        &["tc", "--fps", "25", "--df", "--frames", "1"],
        &["tc", "--fps", "25", "--frames", "-1"],
        &["tc", "--fps", "29.97", "--df", "--timecode", "00:01:00;00"],
        &["tc", "--fps", "25"],
    ] {
        let o = scheduleflow(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(!stderr(&o).is_empty());
        no_panic(&o);
    }
}

fn gen(dir: &Path, events: &str, seed: &str) -> String {
    let out = dir.join(format!("gen-{events}-{seed}.json"));
    let o = scheduleflow(&[
        "gen",
        "--events",
        events,
        "--seed",
        seed,
        "--to",
        "sf-json",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    out.to_str().unwrap().to_owned()
}

#[test]
fn gen_is_repeatable_and_valid() {
    let dir = tempfile::tempdir().unwrap();
    let a = std::fs::read_to_string(gen(dir.path(), "300", "7")).unwrap();
    let b = scheduleflow(&["gen", "--events", "300", "--seed", "7"]);
    assert_eq!(stdout(&b), a);
    let file = gen(dir.path(), "300", "7");
    let o = scheduleflow(&["validate", &file]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("300 events, 0 error(s), 0 warning(s)"));
}

#[test]
fn inspect_json_has_the_documented_shape_with_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let file = gen(dir.path(), "4", "2");
    let o = scheduleflow(&["inspect", &file, "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["format"], "sf-json");
    let s = &v["schedules"][0];
    assert_eq!(s["events"], 4);
    assert_eq!(s["fps"], "25");
    assert_eq!(s["tz"], "Europe/Berlin");
    assert_eq!(s["start"], "2026-01-05T06:00:00+01:00");
    let item = &s["items"][0];
    for key in ["id", "title", "kind", "start", "end", "duration_frames"] {
        assert!(!item[key].is_null(), "items[0].{key} missing: {item}");
    }
    assert!(v["diagnostics"].as_array().unwrap().is_empty());
}

#[test]
fn validate_exits_1_and_lists_problems_when_the_schedule_has_errors() {
    let dir = tempfile::tempdir().unwrap();
    let file = gen(dir.path(), "10", "3");
    let text = std::fs::read_to_string(&file).unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    // Make the second event start inside the first.
    doc["schedules"][0]["events"][1]["start"] = serde_json::json!(5);
    std::fs::write(&file, serde_json::to_string(&doc).unwrap()).unwrap();
    let o = scheduleflow(&["validate", &file]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("overlap"), "{}", stdout(&o));
    let o = scheduleflow(&["validate", &file, "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let codes: Vec<&str> = v[0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"overlap"), "{codes:?}");
}

#[test]
fn unreadable_input_exits_2_with_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let truncated = dir.path().join("truncated.json");
    std::fs::write(
        &truncated,
        "{\n  \"format\": \"scheduleflow-json\",\n  \"version\": 1,\n  \"schedules\": [",
    )
    .unwrap();
    let not_utf8 = dir.path().join("latin1.json");
    std::fs::write(&not_utf8, b"{\n \"format\": \"caf\xe9\"}").unwrap();
    let missing = dir.path().join("missing.json");
    for (file, expect) in [
        (&truncated, "truncated.json:4:"),
        (&not_utf8, "latin1.json:2:"),
        (&missing, "missing.json: cannot read"),
    ] {
        for command in ["validate", "inspect", "convert"] {
            let mut args = vec![command, file.to_str().unwrap()];
            if command == "convert" {
                args.extend(["--to", "sf-json"]);
            }
            let o = scheduleflow(&args);
            assert_eq!(o.status.code(), Some(2), "{command} {file:?}");
            assert!(stderr(&o).contains(expect), "{command}: {}", stderr(&o));
            no_panic(&o);
        }
    }
}

#[test]
fn every_bad_row_of_a_file_is_reported_at_once_each_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("day.csv");
    std::fs::write(
        &csv,
        "title,start,duration\nA,06:00:00:00,00:10:00:00\nB,6 pm,00:10:00:00\nC,,ten minutes\n",
    )
    .unwrap();
    let o = scheduleflow(&["validate", csv.to_str().unwrap(), "--date", "2026-06-01"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let path = csv.display();
    assert_eq!(
        stderr(&o),
        format!(
            "scheduleflow: {path}:3:3: start '6 pm' is not a time of day like 18:00:00:00\n\
             {path}:4:4: duration: timecode 'ten minutes' is not HH:MM:SS:FF (or HH:MM:SS;FF for drop-frame)\n"
        )
    );
}

#[test]
fn convert_round_trips_sf_json() {
    let dir = tempfile::tempdir().unwrap();
    let file = gen(dir.path(), "50", "4");
    let out = dir.path().join("out.json");
    let o = scheduleflow(&[
        "convert",
        &file,
        "--to",
        "sf-json",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        std::fs::read_to_string(&out).unwrap()
    );
}

#[test]
fn an_ffplayout_export_of_several_days_goes_into_year_and_month_folders() {
    let dir = tempfile::tempdir().unwrap();
    // Ten thousand events run over ten weeks: a playlist a day, in three months.
    let file = gen(dir.path(), "10000", "3");
    let out = dir.path().join("playlists");
    let o = scheduleflow(&[
        "convert",
        &file,
        "--to",
        "ffplayout",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut written = Vec::new();
    for year in std::fs::read_dir(&out).unwrap() {
        let year = year.unwrap().path();
        for month in std::fs::read_dir(&year).unwrap() {
            for day in std::fs::read_dir(month.unwrap().path()).unwrap() {
                let day = day.unwrap().path();
                written.push(day.strip_prefix(&out).unwrap().to_owned());
            }
        }
    }
    written.sort();
    let expected: Vec<std::path::PathBuf> = written
        .iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_str().unwrap();
            Path::new(&name[..4]).join(&name[5..7]).join(name)
        })
        .collect();
    assert!(written.len() > 1, "{written:?}");
    assert_eq!(written, expected);
    // Each is the day ffplayout reads: its date is its name.
    let first = std::fs::read_to_string(out.join(&written[0])).unwrap();
    let date = &written[0].file_name().unwrap().to_str().unwrap()[..10];
    assert!(
        first.contains(&format!("\"date\": \"{date}\"")),
        "{first:.200}"
    );
}

#[test]
fn build_makes_a_week_from_a_playlist_with_a_hard_start() {
    let dir = tempfile::tempdir().unwrap();
    let playlist = dir.path().join("playlist.json");
    let items: Vec<serde_json::Value> = (0..12)
        .map(|i| serde_json::json!({"id": format!("m{i}"), "title": format!("Item {i}"), "duration": 25 * 60 * (20 + i)}))
        .collect();
    let doc = serde_json::json!({
        "format": "scheduleflow-json", "version": 1,
        "playlists": [{"id": "p", "name": "Films", "rate": "25", "items": items}],
    });
    std::fs::write(&playlist, doc.to_string()).unwrap();
    let out = dir.path().join("week.json");
    let o = scheduleflow(&[
        "build",
        "--playlist",
        playlist.to_str().unwrap(),
        "--tz",
        "Europe/Berlin",
        "--day-start",
        "06:00",
        "--start",
        "2026-03-23T06:00:00+01:00",
        "--length",
        "168:00:00:00",
        "--order",
        "shuffle",
        "--seed",
        "5",
        "--hard-start",
        "2026-03-23T20:00:00+01:00/00:15:00:00/News",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = scheduleflow(&["validate", out.to_str().unwrap()]);
    assert_eq!(v.status.code(), Some(0), "{}", stdout(&v));
    let inspect = scheduleflow(&["inspect", out.to_str().unwrap(), "--json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&inspect)).unwrap();
    let items = report["schedules"][0]["items"].as_array().unwrap();
    assert!(items
        .iter()
        .any(|i| i["title"] == "News" && i["start"] == "2026-03-23T20:00:00+01:00"));
    // The week crosses the spring-forward change: the end carries the summer offset.
    assert_eq!(report["schedules"][0]["end"], "2026-03-30T07:00:00+02:00");
}

#[test]
fn help_lists_exactly_the_commands_and_each_has_its_own_help() {
    let o = scheduleflow(&["--help"]);
    let help = stdout(&o);
    // The command names clap prints under "Commands:", one a line.
    let listed: Vec<&str> = help
        .lines()
        .skip_while(|l| l.trim() != "Commands:")
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(
        listed,
        ["tc", "gen", "build", "plan", "validate", "inspect", "convert", "help"]
    );
    assert!(
        help.contains("Exit codes: 0 fine, 1 the schedule has errors, 2 the input cannot be read.")
    );
    for command in &listed[..7] {
        let o = scheduleflow(&[command, "--help"]);
        assert_eq!(o.status.code(), Some(0), "{command} --help");
        assert!(
            stdout(&o).contains(&format!("Usage: scheduleflow {command}")),
            "{command} --help"
        );
    }
}

/// Builds a day from `playlist` (any format) and returns the built schedule's events as
/// (title, length) pairs, or the failure message.
fn built_from(playlist: &Path) -> Result<Vec<(String, i64)>, String> {
    let o = scheduleflow(&[
        "build",
        "--playlist",
        playlist.to_str().unwrap(),
        "--fps",
        "25",
        "--tz",
        "Europe/Berlin",
        "--start",
        "2026-03-23T06:00:00+01:00",
        "--length",
        "06:00:00:00",
    ]);
    if o.status.code() != Some(0) {
        return Err(stderr(&o));
    }
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    Ok(doc["schedules"][0]["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["title"].as_str().unwrap().to_owned(),
                e["duration"].as_i64().unwrap(),
            )
        })
        .collect())
}

#[test]
fn build_takes_its_playlist_from_m3u_csv_and_ffplayout_files_too() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../engine/tests/data");
    let dir = tempfile::tempdir().unwrap();
    for sample in [
        "m3u/evening.m3u8",
        "ffplayout/2026-03-28.json",
        "csv/generic.csv",
    ] {
        let file = data.join(sample);
        let from_file = built_from(&file).unwrap_or_else(|e| panic!("{sample}: {e}"));
        // The same items as a ScheduleFlow playlist build the same schedule.
        let converted = dir.path().join("items.json");
        let o = scheduleflow(&[
            "convert",
            file.to_str().unwrap(),
            "--to",
            "sf-json",
            "--fps",
            "25",
            "--tz",
            "Europe/Berlin",
            "-o",
            converted.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{sample}: {}", stderr(&o));
        let doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&converted).unwrap()).unwrap();
        let items: Vec<serde_json::Value> = doc["schedules"][0]["events"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
            .map(|(i, e)| {
                serde_json::json!({"id": format!("i{i}"), "title": e["title"], "duration": e["duration"]})
            })
            .collect();
        assert!(!items.is_empty(), "{sample}");
        let playlist = dir.path().join("playlist.json");
        let native = serde_json::json!({
            "format": "scheduleflow-json", "version": 1,
            "playlists": [{"id": "p", "name": "P", "rate": "25", "items": items}],
        });
        std::fs::write(&playlist, native.to_string()).unwrap();
        assert_eq!(from_file, built_from(&playlist).unwrap(), "{sample}");
        assert!(from_file.len() > 1, "{sample}: the day loops the items");
    }
}

#[test]
fn a_repeated_hour_is_reported_and_the_second_occurrence_can_be_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("night.csv");
    std::fs::write(
        &file,
        "start,duration,title\n25:30:00:00,00:30:00:00,Before\n26:30:00:00,00:30:00:00,Repeated\n",
    )
    .unwrap();
    let starts = |choice: &str| {
        let o = scheduleflow(&[
            "inspect",
            file.to_str().unwrap(),
            "--json",
            "--fps",
            "25",
            "--tz",
            "Europe/Berlin",
            "--date",
            "2026-10-24",
            "--repeated-hour",
            choice,
        ]);
        assert!(o.status.code().is_some_and(|c| c < 2), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        let starts: Vec<String> = v["schedules"][0]["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["start"].as_str().unwrap().to_owned())
            .collect();
        (starts, stderr(&o))
    };
    let (first, warned) = starts("first");
    assert_eq!(first[1], "2026-10-25T02:30:00+02:00");
    assert!(
        warned.contains("night.csv:3:1: warning: the time falls in the hour that happens twice"),
        "{warned}"
    );
    assert!(
        warned.contains("\n  hint: to take the second, tick the import panel's"),
        "the hint is a line of its own: {warned}"
    );
    let (second, _) = starts("second");
    assert_eq!(second[1], "2026-10-25T02:30:00+01:00");
}

fn example(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../docs/formats/plan")
        .join(name)
        .to_str()
        .unwrap()
        .to_owned()
}

#[test]
fn plan_keeps_a_hand_edit_when_applied_again_onto_the_schedule() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.json");
    let (plan, playlists) = (example("example.plan.json"), example("playlists.json"));
    let args = |out: &Path, onto: Option<&Path>| {
        let mut a = vec![
            "plan".to_owned(),
            "--templates".into(),
            plan.clone(),
            "--playlist".into(),
            playlists.clone(),
            "--from".into(),
            "2026-12-07".into(),
            "--to".into(),
            "2026-12-08".into(),
            "-o".into(),
            out.to_str().unwrap().into(),
        ];
        if let Some(onto) = onto {
            a.extend(["--onto".into(), onto.to_str().unwrap().into()]);
        }
        a
    };
    let run = |a: Vec<String>| scheduleflow(&a.iter().map(String::as_str).collect::<Vec<_>>());
    let o = run(args(&first, None));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).ends_with("kept, 0 replaced, 0 gap(s), 0 error(s)\n"),
        "{}",
        stderr(&o)
    );
    // A person retitles the tenth event.
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&first).unwrap()).unwrap();
    let events = doc["schedules"][0]["events"].as_array_mut().unwrap();
    let made = events.len();
    events[9]["title"] = "Live: the tree lighting".into();
    let edited_event = events[9].clone();
    let edited = dir.path().join("edited.json");
    std::fs::write(&edited, doc.to_string()).unwrap();

    let again = dir.path().join("again.json");
    let o = run(args(&again, Some(&edited)));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let summary = stderr(&o);
    assert!(
        summary.contains(&format!("1 kept, {} replaced", made - 1)),
        "{summary}"
    );
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&again).unwrap()).unwrap();
    let events = doc["schedules"][0]["events"].as_array().unwrap();
    assert!(events.contains(&edited_event));
    let v = scheduleflow(&["validate", again.to_str().unwrap()]);
    assert_eq!(v.status.code(), Some(0), "{}", stdout(&v));
}

#[test]
fn plan_refuses_a_bad_plan_with_its_place_and_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.plan.json");
    let text = std::fs::read_to_string(example("example.plan.json"))
        .unwrap()
        .replace("\"sat\": \"saturday\"", "\"sat\": \"weekend\"");
    std::fs::write(&bad, text).unwrap();
    let o = scheduleflow(&[
        "plan",
        "--templates",
        bad.to_str().unwrap(),
        "--playlist",
        &example("playlists.json"),
        "--from",
        "2026-12-01",
        "--to",
        "2026-12-02",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "scheduleflow: {}: week.sat: there is no template with the id 'weekend'\n",
            bad.display()
        )
    );
    let o = scheduleflow(&[
        "plan",
        "--templates",
        &example("example.plan.json"),
        "--from",
        "2026-12-01",
        "--to",
        "2026-12-02",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("templates[0].blocks[0].source.playlist: there is no playlist 'films'"),
        "{}",
        stderr(&o)
    );
    no_panic(&o);
}

#[test]
fn validate_checks_the_separation_rules_of_a_plan_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("week.json");
    let o = scheduleflow(&[
        "plan",
        "--templates",
        &example("example.plan.json"),
        "--playlist",
        &example("playlists.json"),
        "--from",
        "2026-12-01",
        "--to",
        "2026-12-02",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let plain = scheduleflow(&["validate", out.to_str().unwrap()]);
    assert!(
        stdout(&plain).contains("0 error(s), 0 warning(s)"),
        "{}",
        stdout(&plain)
    );
    let ruled = scheduleflow(&[
        "validate",
        out.to_str().unwrap(),
        "--rules",
        &example("example.plan.json"),
        "--json",
    ]);
    // Warnings only: the exit code stays 0.
    assert_eq!(ruled.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_str(&stdout(&ruled)).unwrap();
    let codes: std::collections::BTreeSet<String> = report[0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect();
    assert!(codes.contains("repeat-too-soon"), "{codes:?}");
    assert!(
        codes.iter().all(
            |c| ["item-too-soon", "category-too-close", "repeat-too-soon"].contains(&c.as_str())
        ),
        "{codes:?}"
    );
}
