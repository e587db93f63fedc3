//! `scheduleflow inspect`: what is in a file, for people or (with --json) for scripts.

use scheduleflow_engine::model::Schedule;
use scheduleflow_engine::time::{Frames, Timecode};
use scheduleflow_engine::validate::{count, validate, Diagnostic};
use serde_json::{json, Value};

use crate::cli::InspectArgs;
use crate::failure::{CommandResult, Failure, Outcome};
use crate::input::{read_file, say_line};

fn instant(schedule: &Schedule, frames: Frames) -> Result<String, Failure> {
    let channel = &schedule.channel;
    Ok(channel.rfc3339(channel.instant_after(schedule.origin, frames)?))
}

fn schedule_json(schedule: &Schedule) -> Result<Value, Failure> {
    let items = schedule
        .events
        .iter()
        .map(|e| {
            Ok(json!({
                "id": e.id,
                "title": e.title,
                "kind": e.kind,
                "start": instant(schedule, e.start)?,
                "end": e.end().map(|end| instant(schedule, end)).transpose()?,
                "duration_frames": e.duration.map(Frames::get),
            }))
        })
        .collect::<Result<Vec<_>, Failure>>()?;
    Ok(json!({
        "name": schedule.name,
        "channel": schedule.channel.name,
        "fps": schedule.rate().to_string(),
        "tz": schedule.channel.zone.name(),
        "events": schedule.events.len(),
        "start": instant(schedule, Frames::ZERO)?,
        "end": instant(schedule, schedule.length)?,
        "items": items,
    }))
}

fn diagnostic_json(schedule: &Schedule, d: &Diagnostic) -> Value {
    json!({
        "schedule": schedule.name,
        "severity": d.severity,
        "code": d.code,
        "event": d.event,
        "message": d.message,
    })
}

pub fn run(args: &InspectArgs) -> CommandResult {
    let imported = read_file(&args.input.file, args.input.from, &args.input.channel_args)?;
    let (format, library) = (imported.format, imported.library);
    let mut schedules = Vec::with_capacity(library.schedules.len());
    let mut diagnostics = Vec::new();
    let mut any_error = false;
    for schedule in &library.schedules {
        let found = validate(schedule);
        any_error |= count(&found).0 > 0;
        if args.json {
            schedules.push(schedule_json(schedule)?);
            diagnostics.extend(found.iter().map(|d| diagnostic_json(schedule, d)));
        } else {
            let length = Timecode::format_frames(schedule.length, schedule.rate());
            say_line(&format!(
                "{}  channel {} at {} in {}, day start {}",
                schedule.name,
                schedule.channel.name,
                schedule.rate(),
                schedule.channel.zone.name(),
                schedule.channel.day_start
            ))?;
            say_line(&format!(
                "  {} to {} ({length}), {} events, {} problem(s)",
                instant(schedule, Frames::ZERO)?,
                instant(schedule, schedule.length)?,
                schedule.events.len(),
                found.len()
            ))?;
        }
    }
    if args.json {
        let report = json!({
            "format": format.name(),
            "schedules": schedules,
            "playlists": library.playlists.iter().map(|p| json!({
                "id": p.id, "name": p.name, "fps": p.rate.to_string(), "items": p.items.len(),
            })).collect::<Vec<_>>(),
            "diagnostics": diagnostics,
        });
        say_line(&serde_json::to_string_pretty(&report)?)?;
    } else {
        for p in &library.playlists {
            say_line(&format!(
                "playlist {}  {} items at {}",
                p.name,
                p.items.len(),
                p.rate
            ))?;
        }
    }
    Ok(if any_error {
        Outcome::ScheduleHasErrors
    } else {
        Outcome::Clean
    })
}
