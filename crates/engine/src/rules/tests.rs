//! Applying plans: whole days compared event by event, the calendar, hand edits kept, and
//! the properties every application keeps (no overlap, every gap reported, idempotent, exact).

use jiff::civil::{date, Date};

use super::plan::PlanFile;
use super::*;
use crate::model::{Event, EventKind, MediaItem, Playlist, Schedule};
use crate::time::{FrameRate, Frames, Timecode};

pub(crate) fn list(id: &str, rate: FrameRate, items: &[(&str, i64)]) -> Playlist {
    Playlist {
        id: id.into(),
        name: id.into(),
        rate,
        items: items
            .iter()
            .enumerate()
            .map(|(i, (title, frames))| {
                let mut item = MediaItem::new(format!("{id}-{i}"), *title, Frames(*frames));
                item.source = Some(format!("{id}/{i}.mxf"));
                item
            })
            .collect(),
        extra: Default::default(),
    }
}

pub(crate) fn library(rate: FrameRate) -> Vec<Playlist> {
    let s = |secs: i64| secs * i64::from(rate.timecode_base());
    vec![
        list(
            "cartoons",
            rate,
            &[
                ("Cartoon A", s(600)),
                ("Cartoon B", s(720)),
                ("Cartoon C", s(451) + 2),
            ],
        ),
        list(
            "promos",
            rate,
            &[
                ("Promo 40", s(40)),
                ("Promo 25", s(25)),
                ("Promo 40b", s(40)),
            ],
        ),
        list("slate", rate, &[("Slate", s(60))]),
        list(
            "movies",
            rate,
            &[("Movie 1", s(5400)), ("Movie 2", s(6300) + 7)],
        ),
        list(
            "spots",
            rate,
            &[("Car ad", s(30)), ("Soap ad", s(20)), ("Bank ad", s(30))],
        ),
        list("bumpers", rate, &[("Bumper", s(5))]),
    ]
}

pub(crate) fn plan_json(rate: &str, zone: &str, blocks: &str) -> String {
    format!(
        r#"{{"format": "scheduleflow-plan", "version": 1,
            "channel": {{"name": "Test", "rate": "{rate}", "zone": "{zone}", "day_start": "06:00:00"}},
            "seed": 7,
            "templates": [{{"id": "day", "name": "Day", "blocks": [{blocks}]}}],
            "week": {{"mon": "day", "tue": "day", "wed": "day", "thu": "day", "fri": "day", "sat": "day", "sun": "day"}}}}"#
    )
}

fn checked(json: &str) -> Plan {
    PlanFile::parse(json)
        .and_then(|f| f.check())
        .expect("the plan is valid")
}

fn run(
    plan: &Plan,
    playlists: &[Playlist],
    from: Date,
    to: Date,
    onto: Option<&Schedule>,
) -> Applied {
    apply(&ApplyRequest {
        plan,
        playlists,
        from,
        to,
        onto,
        id: "month".into(),
        name: "Month".into(),
        reserved: &[],
    })
    .expect("the plan applies")
}

/// One line per event: on-air start, title, length, kind, in and out.
fn rows(s: &Schedule) -> Vec<String> {
    let rate = s.rate();
    s.events
        .iter()
        .map(|e| {
            let io = match (e.in_point, e.out_point) {
                (Some(i), Some(o)) => format!(" [{}-{}]", i.get(), o.get()),
                _ => String::new(),
            };
            format!(
                "{} {} {} {}{io}",
                Timecode::format_frames(e.start, rate),
                e.title,
                e.duration.map_or(-1, Frames::get),
                e.kind
            )
        })
        .collect()
}

const MORNING: &str = r#"
    {"start": "06:00:00:00", "length": "01:00:00:00", "title": "Cartoons",
     "source": {"playlist": "cartoons"}, "pad_to": "00:15:00",
     "filler": {"tail": "promos", "fallback": "slate"}},
    {"start": "07:00:00:00", "length": "00:30:00:00", "title": "News",
     "source": {"event": {"title": "News", "length": "00:30:00:00", "kind": "live", "source": "NEWS"}}}"#;

fn gap(day: Date, from: i64, to: i64, why: &str) -> PlannedGap {
    PlannedGap {
        day,
        from: Frames(from),
        to: Frames(to),
        why: why.into(),
    }
}

#[test]
fn a_day_is_laid_out_block_by_block_padded_to_the_quarter_hour() {
    let rate = FrameRate::FPS_25;
    let plan = checked(&plan_json("25", "UTC", MORNING));
    let monday = date(2026, 1, 5);
    let applied = run(&plan, &library(rate), monday, monday, None);
    let p40 = ["Promo 40 1000 filler", "Promo 40b 1000 filler"];
    let p25 = "Promo 25 625 filler";
    let mut want = vec!["00:00:00:00 Cartoon A 15000 programme".to_owned()];
    // 5 minutes to 06:15: five 40 s and four 25 s promos, exactly.
    let mut at = 15_000;
    let mut turn = 0;
    let mut promos = |want: &mut Vec<String>, at: &mut i64, forties: usize, twenties: usize| {
        for _ in 0..forties {
            want.push(format!(
                "{} {}",
                Timecode::format_frames(Frames(*at), rate),
                p40[turn % 2]
            ));
            turn += 1;
            *at += 1000;
        }
        for _ in 0..twenties {
            want.push(format!(
                "{} {p25}",
                Timecode::format_frames(Frames(*at), rate)
            ));
            *at += 625;
        }
    };
    promos(&mut want, &mut at, 5, 4);
    want.push("00:15:00:00 Cartoon B 18000 programme".into());
    at = 40_500;
    promos(&mut want, &mut at, 2, 4);
    want.push("00:30:00:00 Cartoon C 11277 programme".into());
    // 11 223 frames cannot be filled exactly: 8 × 40 s + 5 × 25 s leave 98, the least.
    at = 56_277;
    promos(&mut want, &mut at, 8, 5);
    want.push("00:44:56:02 Slate 98 filler [0-98]".into());
    want.push("00:45:00:00 Cartoon A 15000 programme".into());
    at = 82_500;
    promos(&mut want, &mut at, 5, 4);
    want.push("01:00:00:00 News 45000 live".into());
    assert_eq!(rows(&applied.schedule), want);
    assert_eq!(
        applied.gaps,
        vec![gap(monday, 135_000, 2_160_000, "no block covers this time")]
    );
    assert_eq!(
        (applied.made, applied.kept, applied.replaced),
        (want.len(), 0, 0)
    );
    // The morning block ends exactly where the news starts: nothing to say about it.
    assert_eq!(applied.notes, vec![]);
    let news = applied.schedule.events.last().expect("the news");
    assert_eq!(
        (news.start_mode, news.source.as_deref()),
        (crate::model::StartMode::Fixed, Some("NEWS"))
    );
    assert!(applied.schedule.events.iter().all(made_by_rules));
    assert_eq!(
        applied.schedule.origin,
        "2026-01-05T06:00:00Z".parse().unwrap()
    );
    assert_eq!(applied.schedule.length, Frames(2_160_000));
}

#[test]
fn the_calendar_gives_single_dates_then_rules_in_order_then_the_week() {
    let json = r#"{"format": "scheduleflow-plan", "version": 1,
        "channel": {"name": "Test", "rate": "25", "zone": "UTC", "day_start": "06:00:00"},
        "templates": [
            {"id": "a", "name": "Weekday", "blocks": []},
            {"id": "b", "name": "Weekend", "blocks": []},
            {"id": "c", "name": "Christmas", "blocks": []},
            {"id": "d", "name": "Movie night", "blocks": []}],
        "week": {"mon": "a", "tue": "a", "wed": "a", "thu": "a", "fri": "a", "sat": "b"},
        "dates": [
            {"when": {"every_weeks": {"weeks": 2, "weekday": "fri", "from": "2026-12-01"}}, "template": "d"},
            {"when": {"nth_weekday": {"nth": -1, "weekday": "sun"}}, "template": "b"},
            {"when": {"nth_weekday": {"nth": 1, "weekday": "mon"}}, "template": "c"},
            {"when": {"range": {"from": "2026-12-28", "to": "2026-12-31"}}, "template": null},
            {"when": {"date": "2026-12-25"}, "template": "c"}]}"#;
    let plan = checked(json);
    let mut got = String::new();
    let mut day = date(2026, 12, 1);
    while day.month() == 12 {
        let (t, _) = calendar::template_for(&plan, day);
        got.push_str(t.map_or("-", |t| plan.templates[t].id.as_str()));
        day = day.tomorrow().unwrap();
    }
    // Tue 1 Dec .. Thu 31 Dec. Fridays 4 and 18 are movie nights (every other week from the
    // week of 1 Dec), Christmas (Friday 25, a week 3 Friday anyway) is a single date, Monday 7
    // is the first Monday, Sunday 27 the last Sunday, 28-31 are off the air; other Sundays
    // have no template.
    assert_eq!(got, "aaadb-caaaab-aaaadb-aaaacbb----");
    // 2027: 1 Feb is the first Monday; the range and single date no longer apply.
    assert_eq!(
        calendar::template_for(&plan, date(2027, 2, 1)).1,
        calendar::Chosen::Rule(2)
    );
    assert_eq!(
        calendar::template_for(&plan, date(2027, 2, 2)).1,
        calendar::Chosen::Week
    );
}

#[test]
fn the_plan_file_reads_back_what_it_writes() {
    let file = PlanFile::parse(&plan_json("30000/1001 DF", "America/New_York", MORNING)).unwrap();
    let again = PlanFile::parse(&file.to_json()).unwrap();
    assert_eq!(again, file);
    assert_eq!(again.check().unwrap(), file.check().unwrap());
}

#[test]
fn a_plan_file_with_a_mistake_says_where() {
    let cases = [
        (plan_json("25", "UTC", MORNING).replace("\"sat\": \"day\"", "\"sat\": \"weekend\""),
            "week.sat: there is no template with the id 'weekend'"),
        (plan_json("25", "UTC", &MORNING.replace("07:00:00:00", "7 o'clock")),
            "templates[0].blocks[1].start: '7 o'clock' is not an on-air time; write it as HH:MM:SS:FF, for example 06:00:00:00"),
        (plan_json("25", "UTC", &MORNING.replace("07:00:00:00", "06:00:00:00")),
            "templates[0].blocks[1]: two blocks start at 06:00:00:00"),
        (plan_json("25", "UTC", &MORNING.replace("\"01:00:00:00\"", "\"00:00:00:00\"")),
            "templates[0].blocks[0].length: a length must be more than zero"),
        (plan_json("25", "UTC", &MORNING.replace("00:15:00", "quarter")),
            "templates[0].blocks[0].pad_to: 'quarter' is not a time span; write it as HH:MM:SS, for example 00:30:00"),
        (plan_json("25", "UTC", MORNING).replace("scheduleflow-plan", "scheduleflow-json"),
            "format: this is not a ScheduleFlow plan (format 'scheduleflow-plan', version 1); found 'scheduleflow-json', version 1"),
    ];
    for (json, want) in cases {
        let got = PlanFile::parse(&json).and_then(|f| f.check()).unwrap_err();
        assert_eq!(got.to_string(), want);
    }
    let broken =
        PlanFile::parse("{\n  \"format\": \"scheduleflow-plan\",\n  \"version\": 1,\n  oops\n}")
            .unwrap_err();
    assert!(
        matches!(
            broken,
            PlanError::Json {
                line: 4,
                column: 3,
                ..
            }
        ),
        "{broken:?}"
    );
    let unknown = plan_json("25", "UTC", &MORNING.replace("\"cartoons\"", "\"toons\""));
    let err = apply(&ApplyRequest {
        plan: &checked(&unknown),
        playlists: &library(FrameRate::FPS_25),
        from: date(2026, 1, 5),
        to: date(2026, 1, 5),
        onto: None,
        id: "x".into(),
        name: "x".into(),
        reserved: &[],
    })
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "templates[0].blocks[0].source.playlist: there is no playlist 'toons'; import it, or name one that is in the library"
    );
}

const MOVIES_WITH_BREAKS: &str = r#"
    {"start": "06:00:00:00", "title": "Movies", "source": {"playlist": "movies"},
     "then": "gap",
     "breaks": {"at": "00:12:00", "length": "00:01:00:00", "spots": "spots",
                "bumper_in": "bumpers", "bumper_out": "bumpers"}}"#;

#[test]
fn breaks_split_a_programme_exactly_with_spots_by_priority_between_bumpers() {
    let rate = FrameRate::FPS_25;
    let plan = checked(&plan_json("25", "UTC", MOVIES_WITH_BREAKS));
    let monday = date(2026, 1, 5);
    let applied = run(&plan, &library(rate), monday, monday, None);
    let first: Vec<String> = rows(&applied.schedule).into_iter().take(14).collect();
    assert_eq!(
        first,
        [
            "00:00:00:00 Movie 1 18000 programme [0-18000]",
            "00:12:00:00 Bumper 125 filler",
            "00:12:05:00 Car ad 750 commercial",
            "00:12:35:00 Soap ad 500 commercial",
            "00:12:55:00 Bumper 125 filler",
            "00:13:00:00 Movie 1 18000 programme [18000-36000]",
            "00:25:00:00 Bumper 125 filler",
            "00:25:05:00 Bank ad 750 commercial",
            "00:25:35:00 Car ad 750 commercial",
            "00:26:05:00 Bumper 125 filler",
            "00:26:10:00 Movie 1 18000 programme [36000-54000]",
            "00:38:10:00 Bumper 125 filler",
            "00:38:15:00 Soap ad 500 commercial",
            "00:38:35:00 Bank ad 750 commercial",
        ]
    );
    let parts: Vec<&Event> = applied
        .schedule
        .events
        .iter()
        .filter(|e| e.title == "Movie 1")
        .take(8)
        .collect();
    // 90 minutes broken every 12: eight parts, back to back in the media, one source.
    assert_eq!(parts.len(), 8);
    let mut expect_in = Frames::ZERO;
    for part in &parts {
        assert_eq!(part.in_point, Some(expect_in));
        assert_eq!(part.source.as_deref(), Some("movies/0.mxf"));
        expect_in = part.out_point.unwrap();
    }
    assert_eq!(expect_in, Frames(135_000));
}

#[test]
fn chapter_marks_decide_the_breaks_when_asked() {
    let rate = FrameRate::FPS_25;
    let mut playlists = library(rate);
    let movies = playlists.iter_mut().find(|p| p.id == "movies").unwrap();
    movies.items[0].in_point = Some(Frames(1_000));
    // With only an in point, the duration is what plays: 1 000 to 62 000 in the media. Marks
    // at its end, after it, before the in point, or unreadable are left out.
    movies.items[0].duration = Some(Frames(61_000));
    movies.items[0].extra.insert(
        "chapters".into(),
        serde_json::json!(["00:20:00:00", 31000, "bad", 62000, 70000, 500]),
    );
    let plan = checked(&plan_json(
        "25",
        "UTC",
        &MOVIES_WITH_BREAKS.replace("\"00:12:00\"", "\"chapters\""),
    ));
    let monday = date(2026, 1, 5);
    let applied = run(&plan, &playlists, monday, monday, None);
    let parts: Vec<(Option<Frames>, Option<Frames>)> = applied
        .schedule
        .events
        .iter()
        .take_while(|e| e.title != "Movie 2")
        .filter(|e| e.title == "Movie 1")
        .map(|e| (e.in_point, e.out_point))
        .collect();
    let f = |a, b| (Some(Frames(a)), Some(Frames(b)));
    assert_eq!(
        parts,
        [f(1_000, 30_000), f(30_000, 31_000), f(31_000, 62_000)]
    );
}

#[test]
fn a_block_that_plays_its_list_once_reports_the_rest_as_a_gap() {
    let rate = FrameRate::FPS_25;
    let blocks = r#"{"start": "06:00:00:00", "length": "00:40:00:00", "title": "Once",
        "source": {"playlist": "cartoons"}, "fill": "once", "then": "gap"}"#;
    let plan = checked(&plan_json("25", "UTC", blocks));
    let monday = date(2026, 1, 5);
    let applied = run(&plan, &library(rate), monday, monday, None);
    assert_eq!(
        rows(&applied.schedule),
        [
            "00:00:00:00 Cartoon A 15000 programme",
            "00:10:00:00 Cartoon B 18000 programme",
            "00:22:00:00 Cartoon C 11277 programme",
        ]
    );
    assert_eq!(
        applied.gaps,
        [
            gap(monday, 44_277, 60_000, "the playlist ran out"),
            gap(monday, 60_000, 2_160_000, "no block covers this time"),
        ]
    );
}

#[test]
fn trim_cuts_the_programme_that_runs_over_and_says_so() {
    let rate = FrameRate::FPS_25;
    let blocks = r#"{"start": "06:00:00:00", "length": "00:30:00:00", "title": "Toons",
        "source": {"playlist": "cartoons"}, "then": "trim"}"#;
    let plan = checked(&plan_json("25", "UTC", blocks));
    let monday = date(2026, 1, 5);
    let applied = run(&plan, &library(rate), monday, monday, None);
    assert_eq!(
        rows(&applied.schedule),
        [
            "00:00:00:00 Cartoon A 15000 programme",
            "00:10:00:00 Cartoon B 18000 programme",
            "00:22:00:00 Cartoon C 11277 programme",
            "00:29:31:02 Cartoon A 723 programme [0-723]",
        ]
    );
    // Cut, it still knows its media's length (the playlist is at the channel's rate).
    let cut = applied.schedule.events.last().unwrap();
    assert_eq!(cut.media_duration, Some(Frames(15_000)));
    assert_eq!(
        applied.notes,
        [RuleNote {
            day: Some(monday),
            at: Some(Frames(44_277)),
            message: "'Cartoon A' was cut from 00:10:00:00 to 00:00:28:23 to end at 06:30:00:00"
                .into(),
        }]
    );
}

#[test]
fn filler_at_the_blocks_end_needs_a_tail_or_fallback_or_it_is_a_gap() {
    let rate = FrameRate::FPS_25;
    let blocks = r#"{"start": "06:00:00:00", "length": "00:30:00:00", "title": "Toons",
        "source": {"playlist": "cartoons"}}"#;
    let plan = checked(&plan_json("25", "UTC", blocks));
    let monday = date(2026, 1, 5);
    let applied = run(&plan, &library(rate), monday, monday, None);
    assert_eq!(
        applied.gaps[0],
        gap(
            monday,
            44_277,
            45_000,
            "the next item ('Cartoon A', 00:10:00:00) does not fit before 06:30:00:00, and the block has no tail or fallback filler"
        )
    );
}

/// The stretches of `range` covered by events (clipped to it) and by reported gaps, in order,
/// checked to meet end to end without overlap: a gap not reported, or an event over another,
/// fails.
fn assert_tiles(applied: &Applied, from: Frames, to: Frames) {
    let mut pieces: Vec<(Frames, Frames, String)> = applied
        .schedule
        .events
        .iter()
        .map(|e| (e.start.max(from), e.end_or_start().min(to), e.title.clone()))
        .filter(|(s, e, _)| s < e)
        .chain(
            applied
                .gaps
                .iter()
                .map(|g| (g.from, g.to, format!("gap: {}", g.why))),
        )
        .collect();
    pieces.sort_by_key(|p| p.0);
    let mut pos = from;
    for (start, end, what) in &pieces {
        assert_eq!(
            *start, pos,
            "'{what}' does not start where the one before ends"
        );
        pos = *end;
    }
    assert_eq!(pos, to, "the range is not covered to its end");
}

fn range_frames(applied: &Applied, from: Date, to: Date) -> (Frames, Frames) {
    let s = &applied.schedule;
    let at = |d: Date| {
        s.channel
            .frames_between(
                s.origin,
                s.channel.day_start_instant(d).unwrap(),
                crate::time::Rounding::Ceil,
            )
            .unwrap()
            .value
    };
    (at(from), at(to.tomorrow().unwrap()))
}

fn ceil_div(a: i64, b: i64) -> i64 {
    (a + b - 1) / b
}

const ALL_DAY: &str = r#"
    {"start": "06:00:00:00", "title": "All day", "source": {"playlist": "movies", "order": "shuffle"},
     "pad_to": "00:30:00", "filler": {"tail": "promos", "fallback": "slate"}}"#;

#[test]
fn a_month_at_29_97_drop_frame_adds_up_to_the_exact_frame() {
    let rate = FrameRate::FPS_29_97_DF;
    let plan = checked(&plan_json("30000/1001 DF", "UTC", ALL_DAY));
    let (from, to) = (date(2026, 12, 1), date(2026, 12, 31));
    let applied = run(&plan, &library(rate), from, to, None);
    // 31 days of 86 400 s at 30000/1001, rounded up to the frame once, not day by day.
    let exact = ceil_div(31 * 86_400 * 30_000, 1001);
    assert_eq!(applied.schedule.length, Frames(exact));
    assert_eq!(applied.gaps, vec![]);
    assert_tiles(&applied, Frames::ZERO, Frames(exact));
    // Every programme starts on a half-hour boundary of real time, to the frame (rounded up):
    // the padding does not drift.
    for e in applied
        .schedule
        .events
        .iter()
        .filter(|e| e.title.starts_with("Movie"))
    {
        let k = (e.start.get() * 1001 + 900 * 30_000) / (1800 * 30_000);
        assert_eq!(
            e.start,
            Frames(ceil_div(k * 1800 * 30_000, 1001)),
            "{}",
            e.title
        );
    }
    // Each movie (90 or 105 minutes) padded to two hours: twelve a day.
    let movies = applied
        .schedule
        .events
        .iter()
        .filter(|e| e.title.starts_with("Movie"))
        .count();
    assert_eq!(movies, 12 * 31);
}

#[test]
fn days_of_23_and_25_hours_get_their_blocks_at_the_wall_clock_time() {
    let blocks = r#"
        {"start": "06:00:00:00", "title": "Day", "source": {"playlist": "cartoons"},
         "filler": {"tail": "promos", "fallback": "slate"}},
        {"start": "18:00:00:00", "length": "00:30:00:00", "title": "News",
         "source": {"event": {"title": "News", "length": "00:30:00:00", "kind": "live"}}},
        {"start": "18:30:00:00", "title": "Night", "source": {"playlist": "movies"},
         "filler": {"tail": "promos", "fallback": "slate"}},
        {"start": "28:00:00:00", "length": "00:30:00:00", "title": "Early news",
         "source": {"event": {"title": "Early news", "length": "00:30:00:00", "kind": "live"}}},
        {"start": "28:30:00:00", "title": "Dawn", "source": {"playlist": "cartoons"},
         "filler": {"tail": "promos", "fallback": "slate"}}"#;
    // The clocks change at 02:00 or 03:00 in the morning, on the broadcast day that began at
    // 06:00 the day before: 18:00 comes before the change, 04:00 (28:00:00:00) after it.
    for (zone, short, long) in [
        ("Europe/Berlin", date(2026, 3, 28), date(2026, 10, 24)),
        ("America/New_York", date(2026, 3, 7), date(2026, 10, 31)),
    ] {
        let plan = checked(&plan_json("25", zone, blocks));
        for (day, hours) in [(short, 23), (long, 25)] {
            let from = day.yesterday().unwrap();
            let applied = run(&plan, &library(FrameRate::FPS_25), from, day, None);
            let (start, end) = range_frames(&applied, day, day);
            assert_eq!(end - start, Frames(hours * 3600 * 25), "{zone} {day}");
            assert_tiles(&applied, Frames::ZERO, end);
            let channel = &plan.channel;
            for (title, on_air, hour) in [
                ("News", "18:00:00:00", 18),
                ("Early news", "28:00:00:00", 4),
            ] {
                let instant = crate::on_air::on_air_instant(channel, day, on_air).unwrap();
                let want = channel
                    .frames_between(
                        applied.schedule.origin,
                        instant,
                        crate::time::Rounding::Ceil,
                    )
                    .unwrap()
                    .value;
                let found: Vec<Frames> = applied
                    .schedule
                    .events
                    .iter()
                    .filter(|e| e.title == title && e.start >= start)
                    .map(|e| e.start)
                    .collect();
                assert_eq!(found, [want], "{zone} {day} {title}");
                let wall = channel.wall_clock(
                    channel
                        .instant_after(applied.schedule.origin, want)
                        .unwrap(),
                );
                assert_eq!(
                    (wall.hour(), wall.minute(), wall.second()),
                    (hour, 0, 0),
                    "{zone} {day}"
                );
            }
        }
    }
}

fn week_plan() -> Plan {
    checked(&plan_json(
        "25",
        "Europe/Berlin",
        &format!(
            "{MORNING}, {}",
            MOVIES_WITH_BREAKS.replace("06:00:00:00", "07:30:00:00")
        ),
    ))
}

#[test]
fn a_hand_edit_survives_applying_the_rules_again() {
    let plan = week_plan();
    let playlists = library(FrameRate::FPS_25);
    let (from, to) = (date(2026, 3, 23), date(2026, 3, 29));
    let first = run(&plan, &playlists, from, to, None);
    let mut edited = first.schedule.clone();
    // A person renames a programme on Wednesday and puts a live event in on Friday.
    let (wed, _) = range_frames(&first, date(2026, 3, 25), date(2026, 3, 25));
    let i = edited
        .events
        .iter()
        .position(|e| e.start > wed && e.kind == EventKind::Programme)
        .unwrap();
    edited.events[i].title = "Special".into();
    let special = edited.events[i].clone();
    let (fri, _) = range_frames(&first, date(2026, 3, 27), date(2026, 3, 27));
    let live_at = fri + Frames(25 * 3600 * 4 + 17);
    let live = Event::new(
        "live-1",
        live_at,
        Frames(25 * 60 * 45),
        "Match",
        EventKind::Live,
    );
    edited
        .events
        .retain(|e| e.end_or_start() <= live_at || e.start >= live_at + Frames(25 * 60 * 45));
    edited.events.push(live.clone());
    edited.events.sort_by_key(|e| e.start);

    let again = run(&plan, &playlists, from, to, Some(&edited));
    assert!(again.schedule.events.contains(&special));
    assert!(again.schedule.events.contains(&live));
    assert_eq!(again.kept, 2);
    let (start, end) = range_frames(&again, from, to);
    assert_tiles(&again, start, end);
    // Monday and Tuesday come out as before: the rules are deterministic.
    let before_wed = |s: &Schedule| -> Vec<Event> {
        s.events.iter().filter(|e| e.start < wed).cloned().collect()
    };
    assert_eq!(before_wed(&again.schedule), before_wed(&first.schedule));
    // And once more changes nothing.
    let third = run(&plan, &playlists, from, to, Some(&again.schedule));
    assert_eq!(third.schedule, again.schedule);
    assert_eq!(
        (third.made, third.replaced, third.kept),
        (again.made, again.made, 2)
    );
}

#[test]
fn the_plan_must_match_the_schedules_channel_and_start_within_it() {
    let plan = week_plan();
    let playlists = library(FrameRate::FPS_25);
    let first = run(
        &plan,
        &playlists,
        date(2026, 3, 23),
        date(2026, 3, 24),
        None,
    );
    let before = apply(&ApplyRequest {
        plan: &plan,
        playlists: &playlists,
        from: date(2026, 3, 22),
        to: date(2026, 3, 24),
        onto: Some(&first.schedule),
        id: String::new(),
        name: String::new(),
        reserved: &[],
    });
    assert_eq!(before, Err(PlanError::BeforeSchedule));
    let mut other = first.schedule.clone();
    other.channel.rate = FrameRate::FPS_50;
    let mismatch = apply(&ApplyRequest {
        plan: &plan,
        playlists: &playlists,
        from: date(2026, 3, 23),
        to: date(2026, 3, 23),
        onto: Some(&other),
        id: String::new(),
        name: String::new(),
        reserved: &[],
    })
    .unwrap_err();
    assert_eq!(
        mismatch.to_string(),
        "the plan's channel (Test at 25, Europe/Berlin, days from 06:00:00) is not the schedule's (Test at 50, Europe/Berlin, days from 06:00:00); set the schedule's channel first"
    );
    let backwards = apply(&ApplyRequest {
        plan: &plan,
        playlists: &playlists,
        from: date(2026, 3, 24),
        to: date(2026, 3, 23),
        onto: None,
        id: String::new(),
        name: String::new(),
        reserved: &[],
    });
    assert_eq!(
        backwards,
        Err(PlanError::EmptyRange {
            from: "2026-03-24".into(),
            to: "2026-03-23".into()
        })
    );
}

#[test]
fn applying_a_longer_range_extends_the_schedule_and_keeps_what_lies_outside() {
    let plan = week_plan();
    let playlists = library(FrameRate::FPS_25);
    let two = run(
        &plan,
        &playlists,
        date(2026, 3, 23),
        date(2026, 3, 24),
        None,
    );
    let (tue, _) = range_frames(&two, date(2026, 3, 24), date(2026, 3, 24));
    let three = run(
        &plan,
        &playlists,
        date(2026, 3, 24),
        date(2026, 3, 25),
        Some(&two.schedule),
    );
    let monday = |s: &Schedule| -> Vec<Event> {
        s.events.iter().filter(|e| e.start < tue).cloned().collect()
    };
    assert_eq!(monday(&three.schedule), monday(&two.schedule));
    let (_, end) = range_frames(&three, date(2026, 3, 25), date(2026, 3, 25));
    assert_eq!(three.schedule.length, end);
    assert_eq!(three.schedule.id, two.schedule.id);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn block(start: &str, variant: u8, length: bool) -> String {
        let source = match variant % 3 {
            0 => r#"{"playlist": "cartoons", "order": "shuffle"}"#,
            1 => r#"{"playlist": "movies", "order": "no-repeat", "window": 1}"#,
            _ => r#"{"event": {"title": "News", "length": "00:40:00:00", "kind": "live"}}"#,
        };
        let fill = if (variant / 3).is_multiple_of(2) {
            "loop"
        } else {
            "once"
        };
        let then = ["filler", "gap", "trim"][usize::from(variant / 6 % 3)];
        let pad = if (variant / 18).is_multiple_of(2) {
            r#", "pad_to": "00:15:00""#
        } else {
            ""
        };
        let breaks = if (variant / 36).is_multiple_of(2) {
            r#", "breaks": {"at": "00:07:00", "length": "00:00:50:00", "spots": "spots", "bumper_in": "bumpers"}"#
        } else {
            ""
        };
        let filler = if variant.is_multiple_of(5) {
            ""
        } else {
            r#", "filler": {"pre": "bumpers", "tail": "promos", "fallback": "slate"}"#
        };
        let length = if length {
            r#", "length": "01:10:00:00""#
        } else {
            ""
        };
        format!(
            r#"{{"start": "{start}", "title": "B{variant}", "source": {source}, "fill": "{fill}", "then": "{then}"{pad}{breaks}{filler}{length}}}"#
        )
    }

    fn arb_case() -> impl Strategy<Value = (String, FrameRate, Date, i64, Vec<(i64, i64)>)> {
        let rates = prop_oneof![
            Just(("25", FrameRate::FPS_25)),
            Just(("30000/1001 DF", FrameRate::FPS_29_97_DF)),
            Just(("50", FrameRate::FPS_50)),
        ];
        let zones = prop_oneof![Just("UTC"), Just("Europe/Berlin"), Just("America/New_York")];
        let days = prop_oneof![
            Just(date(2026, 3, 28)),
            Just(date(2026, 10, 24)),
            Just(date(2026, 3, 7)),
            Just(date(2026, 10, 31)),
            Just(date(2026, 6, 1)),
        ];
        let starts = proptest::sample::subsequence(
            vec!["06:00:00:00", "09:30:00:00", "18:00:00:00", "25:00:00:00"],
            1..=4,
        );
        (
            rates,
            zones,
            days,
            1i64..=3,
            starts,
            proptest::collection::vec((any::<u8>(), any::<bool>()), 4),
            proptest::collection::vec((0i64..1_000, 1i64..200), 0..4),
        )
            .prop_map(
                |((rate_text, rate), zone, from, days, starts, variants, hands)| {
                    let blocks: Vec<String> = starts
                        .iter()
                        .zip(&variants)
                        .map(|(s, (v, l))| block(s, *v, *l))
                        .collect();
                    (
                        plan_json(rate_text, zone, &blocks.join(",")),
                        rate,
                        from,
                        days,
                        hands,
                    )
                },
            )
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

        /// Whatever the plan and whatever a person put in: no overlap, every empty stretch
        /// reported, the person's events untouched, and applying again changes nothing.
        #[test]
        fn rules_fill_around_hand_events_report_every_gap_and_are_idempotent(
            (json, rate, from, days, hands) in arb_case()
        ) {
            let plan = checked(&json);
            let playlists = library(rate);
            let to = from.checked_add(jiff::Span::new().days(days - 1)).unwrap();
            let empty = run(&plan, &playlists, from, from, None);
            // Hand events at per-mille positions of the range, long enough to matter.
            let mut onto = empty.schedule.clone();
            onto.events.clear();
            let (start, end) = range_frames(&empty, from, to);
            let mut pos = start;
            let mut hand = Vec::new();
            for (i, (at, minutes)) in hands.iter().enumerate() {
                let s = (start + Frames((end - start).get() * at / 1000)).max(pos);
                let length = Frames(i64::from(rate.timecode_base()) * 60 * minutes);
                if s + length > end { break; }
                let e = Event::new(format!("hand-{i}"), s, length, format!("Hand {i}"), EventKind::Live);
                pos = s + length;
                hand.push(e);
            }
            onto.events = hand.clone();
            let applied = run(&plan, &playlists, from, to, Some(&onto));
            for pair in applied.schedule.events.windows(2) {
                prop_assert!(pair[0].end_or_start() <= pair[1].start, "{} overlaps {}", pair[0].title, pair[1].title);
            }
            assert_tiles(&applied, start, end);
            for e in &hand {
                prop_assert!(applied.schedule.events.contains(e));
            }
            prop_assert_eq!(applied.kept, hand.len());
            let again = run(&plan, &playlists, from, to, Some(&applied.schedule));
            prop_assert_eq!(&again.schedule, &applied.schedule);
            prop_assert_eq!(again.replaced, applied.made);
            // As a change, nothing.
            prop_assert_eq!(again.splice(), None);
            // As one edit onto the schedule with the hand events: the same events, and its
            // undo gives the hand events back.
            let mut history = crate::edit::History::new();
            let mut edited = onto.clone();
            edited.length = applied.schedule.length;
            history.apply(&mut edited, &applied.edit("Apply".into())).expect("the edit applies");
            prop_assert_eq!(&edited.events, &applied.schedule.events);
            history.undo(&mut edited);
            prop_assert_eq!(&edited.events, &hand);
        }

        /// Applied onto only the window of a schedule (the events the dates can see, with the
        /// ids of the others reserved), the rules make the same change as onto the whole:
        /// the same facts, and the splice moved to the window's place gives the same schedule.
        /// The schedule: the rules' days around the dates, some events changed by hand, one
        /// long event reaching into the dates from the day before, and, after them, an event
        /// with the id the rules would give the dates' first event.
        #[test]
        fn rules_applied_onto_a_window_make_the_change_they_make_onto_the_whole(
            (json, rate, from, days, hands) in arb_case()
        ) {
            let plan = checked(&json);
            let playlists = library(rate);
            let to = from.checked_add(jiff::Span::new().days(days - 1)).unwrap();
            let (before, after) = (from.yesterday().unwrap(), to.tomorrow().unwrap());
            let mut base = run(&plan, &playlists, before, after, None).schedule;
            let len = base.events.len();
            for (at, _) in &hands {
                if len > 0 {
                    let i = (*at as usize) * len / 1000;
                    base.events[i].title = format!("Changed {i}");
                }
            }
            let (start, end) = {
                let probe = run(&plan, &playlists, from, to, Some(&base));
                range_frames(&probe, from, to)
            };
            let hours = |n: i64| Frames(i64::from(rate.timecode_base()) * 3600 * n);
            let hour = hours(1);
            let long = Event::new("long", start - hour, hours(3), "Long", EventKind::Live);
            let at = base.events.partition_point(|e| e.start <= long.start);
            base.events.insert(at, long);
            let twin = Event::new(
                format!("r{}-0001", from.strftime("%Y%m%d")),
                end + hour,
                Frames(50),
                "Twin",
                EventKind::Ident,
            );
            let at = base.events.partition_point(|e| e.start <= twin.start);
            base.events.insert(at, twin);
            base.length = base.length.max(end + hours(2));

            let whole = run(&plan, &playlists, from, to, Some(&base));
            let longest = base.events.iter().filter_map(|e| e.duration).max().unwrap_or(Frames::ZERO);
            let range = window::window(&base, longest, from, to).expect("the dates are in the schedule");
            // Exactly what can reach into the dates: what starts before them by the longest
            // length at most, or in them (the twin after them is left out).
            prop_assert!(range.end < base.events.len(), "{range:?}");
            let reach = start - longest;
            prop_assert!(base.events[..range.start].iter().all(|e| e.start < reach));
            prop_assert!(base.events[range.clone()].iter().all(|e| e.start >= reach && e.start < end));
            prop_assert!(base.events[range.end..].iter().all(|e| e.start >= end));
            let reserved: Vec<String> = base.events[..range.start]
                .iter()
                .chain(&base.events[range.end..])
                .map(|e| e.id.0.clone())
                .collect();
            let cut = window::cut(&base, range.clone());
            let part = apply(&ApplyRequest {
                plan: &plan,
                playlists: &playlists,
                from,
                to,
                onto: Some(&cut),
                id: "month".into(),
                name: "Month".into(),
                reserved: &reserved,
            })
            .expect("the plan applies");
            prop_assert_eq!(
                (part.made, part.kept, part.replaced, &part.gaps, &part.notes),
                (whole.made, whole.kept, whole.replaced, &whole.gaps, &whole.notes)
            );
            let spliced = |applied: &Applied, offset: usize| {
                let mut events = base.events.clone();
                if let Some(s) = applied.splice() {
                    let at = s.index + offset;
                    events.splice(at..at + s.count, applied.schedule.events[s.events].iter().cloned());
                }
                events
            };
            prop_assert_eq!(spliced(&part, range.start), spliced(&whole, 0));
            prop_assert_eq!(&spliced(&whole, 0), &whole.schedule.events);
            // Tight: the events at either end of the splice changed.
            if let Some(s) = whole.splice() {
                let (old, new) = (&base.events[s.index..s.index + s.count], &whole.schedule.events[s.events]);
                prop_assert!(old.is_empty() || new.is_empty() || (old[0] != new[0] && old.last() != new.last()));
            }
        }
    }
}

#[test]
fn applying_again_after_a_change_to_the_last_day_changes_that_day_not_the_week() {
    let plan = week_plan();
    let playlists = library(FrameRate::FPS_25);
    let (from, to) = (date(2026, 3, 23), date(2026, 3, 29));
    let week = run(&plan, &playlists, from, to, None);
    let (last_day, _) = range_frames(&week, to, to);
    let mut edited = week.schedule.clone();
    // A hand edit that moves what follows it on the last day: a shorter first event there.
    let at = edited.events.partition_point(|e| e.start < last_day);
    let first = &mut edited.events[at];
    first.title = "Live: shorter".into();
    first.duration = first.duration.map(|d| Frames(d.get() / 2));
    let again = run(&plan, &playlists, from, to, Some(&edited));
    let s = again.splice().expect("the last day changes");
    let changed = &again.schedule.events[s.events.clone()];
    assert!(!changed.is_empty() && changed.iter().all(|e| e.start >= last_day));
    assert!(
        s.index > at,
        "{s:?}: the kept event and the six days before it stay"
    );
    assert!(edited.events[s.index..s.index + s.count]
        .iter()
        .all(|e| e.start >= last_day));
    let mut spliced = edited.events.clone();
    spliced.splice(s.index..s.index + s.count, changed.iter().cloned());
    assert_eq!(spliced, again.schedule.events);
}

#[test]
fn applying_to_fewer_days_keeps_the_rules_events_of_the_day_after() {
    let plan = week_plan();
    let playlists = library(FrameRate::FPS_25);
    let two = run(
        &plan,
        &playlists,
        date(2026, 3, 23),
        date(2026, 3, 24),
        None,
    );
    let (tue, _) = range_frames(&two, date(2026, 3, 24), date(2026, 3, 24));
    // Tuesday's first event starts exactly where Monday's range ends: it is not Monday's.
    assert!(two.schedule.events.iter().any(|e| e.start == tue));
    let monday_only = run(
        &plan,
        &playlists,
        date(2026, 3, 23),
        date(2026, 3, 23),
        Some(&two.schedule),
    );
    let made_monday = two.schedule.events.iter().filter(|e| e.start < tue).count();
    assert_eq!(monday_only.replaced, made_monday);
    assert_eq!(monday_only.schedule, two.schedule);
}

#[test]
fn an_event_of_no_length_put_in_by_hand_does_not_split_the_layout() {
    let plan = checked(&plan_json("25", "UTC", MORNING));
    let monday = date(2026, 1, 5);
    let plain = run(&plan, &library(FrameRate::FPS_25), monday, monday, None);
    let mut onto = plain.schedule.clone();
    onto.events = vec![Event::new(
        "cue",
        Frames(20_000),
        Frames::ZERO,
        "Cue",
        EventKind::Ident,
    )];
    let with_cue = run(
        &plan,
        &library(FrameRate::FPS_25),
        monday,
        monday,
        Some(&onto),
    );
    let without: Vec<&Event> = with_cue
        .schedule
        .events
        .iter()
        .filter(|e| e.id.as_str() != "cue")
        .collect();
    assert_eq!(without, plain.schedule.events.iter().collect::<Vec<_>>());
    assert_eq!(with_cue.kept, 1);
}

#[test]
fn a_block_longer_than_the_time_to_the_next_is_shortened_and_says_so() {
    let blocks = r#"{"start": "06:00:00:00", "length": "02:00:00:00", "title": "Toons",
        "source": {"playlist": "cartoons"}, "then": "gap"},
        {"start": "07:00:00:00", "length": "00:30:00:00", "title": "News",
         "source": {"event": {"title": "News", "length": "00:20:00:00", "kind": "live"}}, "then": "gap"}"#;
    let plan = checked(&plan_json("25", "UTC", blocks));
    let monday = date(2026, 1, 5);
    let applied = run(&plan, &library(FrameRate::FPS_25), monday, monday, None);
    assert_eq!(
        applied.notes,
        [RuleNote {
            day: Some(monday),
            at: Some(Frames::ZERO),
            message: "'Toons' at 06:00:00:00 was shortened to 01:00:00:00 to end where the next block starts".into(),
        }]
    );
    // The news is shorter than its block: the rest is a gap, reported.
    assert_eq!(
        applied.gaps,
        [
            gap(
                monday,
                88_554,
                90_000,
                "the next item ('Cartoon A', 00:10:00:00) does not fit before 07:00:00:00"
            ),
            gap(monday, 120_000, 135_000, "'News' is shorter than its block"),
            gap(monday, 135_000, 2_160_000, "no block covers this time"),
        ]
    );
}

#[test]
fn a_fixed_event_is_cut_to_its_block_or_left_out_where_a_hand_event_stands() {
    // At 07:00, not at the day's start, so that positions are not zero.
    let blocks = r#"{"start": "07:00:00:00", "length": "00:20:00:00", "title": "News",
         "source": {"event": {"title": "News", "length": "00:30:00:00", "kind": "live"}}, "then": "gap"}"#;
    let plan = checked(&plan_json("25", "UTC", blocks));
    let monday = date(2026, 1, 5);
    let cut = run(&plan, &library(FrameRate::FPS_25), monday, monday, None);
    assert_eq!(rows(&cut.schedule), ["01:00:00:00 News 30000 live"]);
    assert_eq!(
        cut.notes[0].message,
        "'News' was cut from 00:30:00:00 to 00:20:00:00 to fit its block"
    );
    let mut onto = cut.schedule.clone();
    onto.events = vec![Event::new(
        "special",
        Frames(90_000),
        Frames(250),
        "Special",
        EventKind::Live,
    )];
    let blocked = run(
        &plan,
        &library(FrameRate::FPS_25),
        monday,
        monday,
        Some(&onto),
    );
    assert_eq!(rows(&blocked.schedule), ["01:00:00:00 Special 250 live"]);
    assert_eq!(
        blocked.notes[0].message,
        "'News' at 07:00:00:00 was not placed: an event put there by hand is in the way"
    );
    assert_eq!(
        blocked.gaps,
        [
            gap(monday, 0, 90_000, "no block covers this time"),
            gap(monday, 90_250, 120_000, "'News' is shorter than its block"),
            gap(monday, 120_000, 2_160_000, "no block covers this time"),
        ]
    );
}

#[test]
fn a_block_filled_exactly_by_its_programmes_has_no_cut_event_after_them() {
    let blocks = r#"{"start": "06:00:00:00", "length": "00:22:00:00", "title": "Toons",
        "source": {"playlist": "cartoons"}, "then": "trim"}"#;
    let plan = checked(&plan_json("25", "UTC", blocks));
    let monday = date(2026, 1, 5);
    let applied = run(&plan, &library(FrameRate::FPS_25), monday, monday, None);
    assert_eq!(
        rows(&applied.schedule),
        [
            "00:00:00:00 Cartoon A 15000 programme",
            "00:10:00:00 Cartoon B 18000 programme"
        ]
    );
    assert_eq!(applied.notes, vec![]);
}

#[test]
fn a_seed_gives_the_same_shuffle_forever_and_each_day_of_a_once_block_its_own() {
    let rate = FrameRate::FPS_25;
    let shuffled = r#"{"start": "06:00:00:00", "length": "01:00:00:00", "title": "Toons",
        "source": {"playlist": "cartoons", "order": "shuffle"}, "fill": "FILL", "then": "gap"}"#;
    let titles = |fill: &str, days: i8| -> Vec<Vec<String>> {
        let plan = checked(&plan_json("25", "UTC", &shuffled.replace("FILL", fill)));
        let applied = run(
            &plan,
            &library(rate),
            date(2026, 1, 5),
            date(2026, 1, 4 + days),
            None,
        );
        let mut out = vec![Vec::new(); days as usize];
        for e in &applied.schedule.events {
            let day = (e.start.get() / 2_160_000) as usize;
            out[day].push(e.title.trim_start_matches("Cartoon ").to_owned());
        }
        out
    };
    // Pinned: the plan's seed (7), the playlist's id and, for a block played once, the day.
    assert_eq!(
        titles("loop", 2),
        [
            vec!["A", "C", "B", "C", "A", "B"],
            vec!["A", "C", "B", "A", "C", "B"]
        ]
    );
    assert_eq!(
        titles("once", 2),
        [vec!["C", "B", "A"], vec!["B", "A", "C"]]
    );
}

#[test]
fn a_programme_ending_on_a_boundary_is_not_padded_and_a_tail_that_cannot_fill_says_so() {
    let blocks = r#"{"start": "06:00:00:00", "length": "00:40:00:00", "title": "Toons",
        "source": {"playlist": "cartoons"}, "pad_to": "00:10:00", "then": "gap",
        "filler": {"tail": "promos"}}"#;
    let plan = checked(&plan_json("25", "UTC", blocks));
    let monday = date(2026, 1, 5);
    let applied = run(&plan, &library(FrameRate::FPS_25), monday, monday, None);
    // Cartoon A is ten minutes: it ends on a boundary, and B follows at once. C (7:31:02)
    // is padded to 06:40 with promos of 40 and 25 seconds, which leave 98 frames.
    let got = rows(&applied.schedule);
    assert_eq!(
        got[..2],
        [
            "00:00:00:00 Cartoon A 15000 programme",
            "00:10:00:00 Cartoon B 18000 programme"
        ]
    );
    assert_eq!(
        applied.gaps[0],
        gap(
            monday,
            59_902,
            60_000,
            "no filler fits before the boundary, and no filler is short enough"
        )
    );
}

#[test]
fn every_other_week_starts_on_its_first_date_and_not_before() {
    let fridays = plan::When::EveryWeeks {
        weeks: 2,
        weekday: plan::WeekdayName::Fri,
        from: date(2026, 12, 4),
    };
    let covered: Vec<bool> = [
        date(2026, 11, 20), // two weeks before: not yet
        date(2026, 12, 4),  // the first date itself
        date(2026, 12, 11),
        date(2026, 12, 18),
        date(2026, 12, 19), // a Saturday
    ]
    .into_iter()
    .map(|d| calendar::covers(&fridays, d))
    .collect();
    assert_eq!(covered, [false, true, false, true, false]);
}

#[test]
fn pre_and_post_filler_take_turns_and_events_keep_their_media_length() {
    let blocks = r#"{"start": "06:00:00:00", "length": "00:35:00:00", "title": "Toons",
        "source": {"playlist": "cartoons"}, "then": "gap",
        "filler": {"pre": "promos", "post": "bumpers"}}"#;
    let plan = checked(&plan_json("25", "UTC", blocks));
    let monday = date(2026, 1, 5);
    let applied = run(&plan, &library(FrameRate::FPS_25), monday, monday, None);
    assert_eq!(
        rows(&applied.schedule),
        [
            "00:00:00:00 Promo 40 1000 filler",
            "00:00:40:00 Cartoon A 15000 programme",
            "00:10:40:00 Bumper 125 filler",
            "00:10:45:00 Promo 25 625 filler",
            "00:11:10:00 Cartoon B 18000 programme",
            "00:23:10:00 Bumper 125 filler",
            "00:23:15:00 Promo 40b 1000 filler",
            "00:23:55:00 Cartoon C 11277 programme",
            "00:31:26:02 Bumper 125 filler",
        ]
    );
    // At the channel's rate, an event knows its media's length.
    assert_eq!(
        applied.schedule.events[1].media_duration,
        Some(Frames(15_000))
    );
    // At another rate it does not (the length is converted, the media's is not).
    let mut at_50 = library(FrameRate::FPS_25);
    for p in &mut at_50 {
        p.rate = FrameRate::FPS_50;
    }
    let other = run(&plan, &at_50, monday, monday, None);
    assert_eq!(other.schedule.events[1].media_duration, None);
}
