//! The hostile and broken corpus: every file ends in exit code 2 with `file:line:column:` and a
//! message, never a panic, and never by expanding an entity or fetching anything.
#![allow(clippy::unwrap_used)] // test helpers may unwrap: a failure is the test failing

use std::path::Path;
use std::process::Command;

const SF_JSON_HEAD: &str = r#"{"format": "scheduleflow-json", "version": 1, "schedules": ["#;

fn sf_json_schedule(duration: &str, title: &str) -> String {
    format!(
        r#"{SF_JSON_HEAD}{{"id": "s", "name": "S", "channel": {{"name": "C", "rate": "25", "zone": "UTC", "day_start": "06:00:00"}},
 "origin": "2026-01-01T06:00:00Z", "length": 100,
 "events": [{{"id": "e", "start": 0, "duration": {duration}, "title": {title}}}]}}]}}"#
    )
}

fn ffplayout(clip: &str) -> String {
    format!(r#"{{"channel": "C", "date": "2026-01-01", "program": [{clip}]}}"#)
}

/// Each case: a file name, its bytes, extra CLI arguments, and words the message must contain.
fn corpus() -> Vec<(&'static str, Vec<u8>, Vec<&'static str>, &'static str)> {
    let laughs = {
        let mut s =
            String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
        for i in 1..10 {
            let prev = if i == 1 {
                "lol".to_owned()
            } else {
                format!("lol{}", i - 1)
            };
            s += &format!(" <!ENTITY lol{i} \"{}\">\n", format!("&{prev};").repeat(10));
        }
        s + "]>\n<tv>&lol9;</tv>\n"
    };
    let deep_xml = format!(
        "<tv><programme channel=\"a\" start=\"20260101000000\">{}{}</programme></tv>",
        "<a>".repeat(100_000),
        "</a>".repeat(100_000)
    );
    let deep_sf_xml = format!(
        "<scheduleflow format=\"scheduleflow-xml\" version=\"1\">{}{}</scheduleflow>",
        "<a>".repeat(100_000),
        "</a>".repeat(100_000)
    );
    let deep_json = sf_json_schedule(
        "10",
        &format!(
            "\"T\", \"extra\": {{\"x\": {}0{}}}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        ),
    );
    let deep_objects = format!("{{\"channel\": \"C\", \"date\": \"2026-01-01\", \"program\": [{{\"in\": 0, \"out\": 1, \"duration\": 1, \"source\": \"a\", \"x\": {}0{}}}]}}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
    let big_attribute = format!(
        "<?xml version=\"1.0\"?>\n<tv>\n<programme channel=\"{}\" start=\"20260101000000\"/></tv>",
        "x".repeat(10 * 1024 * 1024)
    );
    let big_string = sf_json_schedule("10", &format!("\"{}\"", "y".repeat(10 * 1024 * 1024)));
    let sf_json = String::from_utf8(
        Command::new(env!("CARGO_BIN_EXE_scheduleflow"))
            .args(["gen", "--events", "40"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let sf_xml = String::from_utf8(
        Command::new(env!("CARGO_BIN_EXE_scheduleflow"))
            .args(["gen", "--events", "40", "--to", "sf-xml"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let utf16 = |text: &str| -> Vec<u8> {
        [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .chain([0x00, 0xD8])
            .collect()
    };
    let csv_args = vec!["--date", "2026-01-01"];
    vec![
        ("billion-laughs.xml", laughs.into_bytes(), vec![], "refuses"),
        ("xxe-file.xml", b"<?xml version=\"1.0\"?>\n<!DOCTYPE tv [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<tv>&xxe;</tv>".to_vec(), vec![], "refuses"),
        ("xxe-http.xml", b"<?xml version=\"1.0\"?>\n<!DOCTYPE tv [<!ENTITY xxe SYSTEM \"http://127.0.0.1:9/x\">]>\n<tv>&xxe;</tv>".to_vec(), vec![], "refuses"),
        ("xxe-parameter.xml", b"<?xml version=\"1.0\"?>\n<!DOCTYPE tv [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>\n<tv/>".to_vec(), vec![], "refuses"),
        ("undefined-entity.xml", b"<?xml version=\"1.0\"?>\n<tv><programme channel=\"a\" start=\"20260101000000\"><title>&nbsp;</title></programme></tv>".to_vec(), vec![], "not defined"),
        ("deep-100000.xml", deep_xml.into_bytes(), vec![], "deeper"),
        ("deep-100000-native.xml", deep_sf_xml.into_bytes(), vec![], "unexpected <a>"),
        ("deep-100000.json", deep_json.into_bytes(), vec![], "recursion"),
        ("deep-objects.json", deep_objects.into_bytes(), vec![], "recursion"),
        ("invalid-utf8.json", b"{\"format\": \"scheduleflow-json\", \"version\": 1, \"x\": \"\xC3\x28\"}".to_vec(), vec![], "UTF-8"),
        ("invalid-utf8.xml", b"<?xml version=\"1.0\"?>\n<tv>\xFF\xFE</tv>".to_vec(), vec![], "UTF-8"),
        ("utf16-broken.xml", utf16("<?xml version=\"1.0\"?><tv/>"), vec![], "UTF-16"),
        ("truncated.json", sf_json.as_bytes()[..sf_json.len() / 2].to_vec(), vec![], "truncated"),
        ("truncated.xml", sf_xml.as_bytes()[..sf_xml.len() / 2].to_vec(), vec![], "XML"),
        ("truncated-xmltv.xml", b"<?xml version=\"1.0\"?>\n<tv>\n<programme channel=\"a\" start=\"20260101000000\">\n<title>Half".to_vec(), vec![], "truncated"),
        ("wrong-root.xml", b"<?xml version=\"1.0\"?>\n<html><body/></html>".to_vec(), vec![], "not recognised"),
        ("wrong-root-forced.xml", b"<?xml version=\"1.0\"?>\n<html><body/></html>".to_vec(), vec!["--from", "sf-xml"], "not ScheduleFlow XML"),
        ("duplicate-keys.json", br#"{"format": "scheduleflow-json", "version": 1, "schedules": [], "schedules": []}"#.to_vec(), vec![], "duplicate"),
        ("negative-duration.json", ffplayout(r#"{"in": 0, "out": -5, "duration": 5, "source": "a"}"#).into_bytes(), vec![], "negative"),
        ("nan-duration.json", ffplayout(r#"{"in": 0, "out": NaN, "duration": 5, "source": "a"}"#).into_bytes(), vec![], "expected value"),
        ("huge-duration.json", ffplayout(r#"{"in": 0, "out": 1e308, "duration": 5, "source": "a"}"#).into_bytes(), vec![], "too large"),
        ("huge-duration-native.json", sf_json_schedule("1e308", "\"T\"").into_bytes(), vec![], "invalid type"),
        ("negative-frames-native.json", sf_json_schedule("\"-5\"", "\"T\"").into_bytes(), vec![], "invalid type"),
        ("10mb-attribute.xml", big_attribute.into_bytes(), vec![], "limit"),
        ("10mb-string.json", big_string.into_bytes(), vec![], "limit"),
        ("binary.bin", (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect(), vec![], "UTF-8"),
        ("empty.json", Vec::new(), vec![], "empty"),
        ("whitespace.xml", b"   \n\t \n".to_vec(), vec![], "empty"),
        ("bad-timecode.csv", b"title,start,duration\nNews,25:61:00:00,00:10:00:00\n".to_vec(), csv_args.clone(), "time of day"),
        ("bad-frames.csv", b"title,duration\nNews,00:10:00:99\n".to_vec(), csv_args.clone(), "out of range"),
        ("bad-extinf.m3u", b"#EXTM3U\n#EXTINF:ten,Title\na.mp4\n".to_vec(), csv_args, "seconds"),
        ("bxf-no-event-id.xml", b"<BxfMessage><BxfData><Schedule><ScheduledEvent><EventData/></ScheduledEvent></Schedule></BxfData></BxfMessage>".to_vec(), vec![], "EventId"),
        ("xmltv-bad-time.xml", b"<tv>\n<programme channel=\"a\" start=\"tomorrow\"/></tv>".to_vec(), vec![], "XMLTV time"),
        ("sf-json-future-version.json", br#"{"format": "scheduleflow-json", "version": 99}"#.to_vec(), vec![], "version 99"),
        ("sf-xml-unknown-element.xml", b"<scheduleflow format=\"scheduleflow-xml\" version=\"1\">\n  <spaceship/>\n</scheduleflow>".to_vec(), vec![], "unexpected"),
        ("trailing-garbage.json", format!("{}\n}}}}garbage", sf_json.trim_end()).into_bytes(), vec![], "trailing"),
        ("program-not-array.json", br#"{"channel": "C", "date": "2026-01-01", "program": {"in": 0}}"#.to_vec(), vec![], "invalid type"),
    ]
}

fn has_position(stderr: &str, file: &Path) -> bool {
    let prefix = format!("{}:", file.display());
    stderr.lines().any(|line| {
        line.strip_prefix("scheduleflow: ")
            .and_then(|rest| rest.strip_prefix(&prefix))
            .and_then(|rest| {
                let mut parts = rest.splitn(3, ':');
                let line: usize = parts.next()?.parse().ok()?;
                let column: usize = parts.next()?.parse().ok()?;
                Some(line >= 1 && column >= 1 && parts.next().is_some_and(|m| m.len() > 5))
            })
            .unwrap_or(false)
    })
}

#[test]
fn every_hostile_or_broken_file_ends_in_exit_code_2_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let cases = corpus();
    assert!(cases.len() >= 30, "the corpus has {} files", cases.len());
    let mut failures = Vec::new();
    for (name, bytes, args, expect) in &cases {
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        for command in ["inspect", "validate", "convert"] {
            let mut cmd = Command::new(env!("CARGO_BIN_EXE_scheduleflow"));
            cmd.arg(command).arg(&file).args(args);
            if command == "convert" {
                cmd.args(["--to", "sf-json"]);
            }
            let out = cmd.output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            let ok = out.status.code() == Some(2)
                && has_position(&stderr, &file)
                && stderr.contains(expect)
                && !stderr.contains("panicked")
                && out.stdout.is_empty();
            if !ok {
                failures.push(format!(
                    "{command} {name}: exit {:?}, wanted '{expect}': {}",
                    out.status.code(),
                    stderr.chars().take(300).collect::<String>()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
