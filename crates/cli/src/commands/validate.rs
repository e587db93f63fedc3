//! `scheduleflow validate`: every problem in every schedule of a file.

use scheduleflow_engine::time::Timecode;
use scheduleflow_engine::validate::{count, validate};
use serde_json::json;

use crate::cli::ValidateArgs;
use crate::failure::{CommandResult, Outcome};
use crate::input::read_library;

pub fn run(args: &ValidateArgs) -> CommandResult {
    let library = read_library(&args.input.file, args.input.from, &args.input.channel_args)?;
    let mut any_error = false;
    let mut report = Vec::new();
    for schedule in &library.schedules {
        let diagnostics = validate(schedule);
        let (errors, _) = count(&diagnostics);
        any_error |= errors > 0;
        if args.json {
            report.push(json!({
                "schedule": schedule.name,
                "diagnostics": diagnostics.iter().map(|d| json!({
                    "severity": d.severity,
                    "code": d.code,
                    "event": d.event,
                    "message": d.message,
                    "fixes": d.fixes.iter().map(|f| &f.label).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            }));
            continue;
        }
        println!(
            "{}: {} events, {errors} error(s), {} warning(s)",
            schedule.name,
            schedule.events.len(),
            diagnostics.len() - errors
        );
        for d in &diagnostics {
            let at = d
                .region
                .map(|(start, _)| Timecode::format_frames(start, schedule.rate()))
                .unwrap_or_default();
            let severity = d.severity.as_str();
            let event = d.event.as_ref().map(|e| e.as_str()).unwrap_or("-");
            println!(
                "  {severity:<7} {:<22} {event:<12} {at:<12} {}",
                d.code, d.message
            );
            if let Some(fix) = d.fixes.first() {
                println!("          fix: {}", fix.label);
            }
        }
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    }
    Ok(if any_error {
        Outcome::ScheduleHasErrors
    } else {
        Outcome::Clean
    })
}
